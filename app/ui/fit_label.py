"""A label that never clips its number: it shrinks its font to fit its width, down to a readable minimum,
then falls back to shorter forms of the same value (an amount in thousands/millions), and always keeps the
full text in its tooltip. A clipped "S/ 306,466,91" reads as a real amount; this widget never shows one."""

from __future__ import annotations

import math

from PySide6.QtCore import QSize
from PySide6.QtGui import QFont, QFontMetricsF
from PySide6.QtWidgets import QLabel


class FitLabel(QLabel):
    """Shows `full` at the largest point size in [min_pt, base_pt] that fits; otherwise the first of
    `shorter` that fits (largest size first); the tooltip is always `full`.

    With word_wrap the label may break lines at spaces, and fitting means its longest word fits.
    text() is what is shown; the tooltip is the whole value.
    """

    STEP = 0.5

    def __init__(self, text: str = "", base_pt: float = 17.0, min_pt: float = 11.0, bold: bool = True,
                 word_wrap: bool = False, min_width: int = 0, parent=None):
        super().__init__(parent)
        self._base_pt = base_pt
        self._min_pt = min_pt
        self._bold = bold
        self._min_width = min_width
        self._full = ""
        self._shorter: list[str] = []
        self._fitting = False
        self.setMargin(0)
        self.setIndent(0)
        self.setWordWrap(word_wrap)
        self.setFont(self._font(base_pt))
        self.set_texts(text)

    # --- public -------------------------------------------------------------------------

    def set_texts(self, full: str, shorter: list[str] | tuple[str, ...] = ()) -> None:
        """The full text and, most precise first, shorter forms of the same value for narrow widths."""
        self._full = full or ""
        self._shorter = [s for s in shorter if s and s != self._full]
        self.setToolTip(self._full if self._full and self._full != "—" else "")
        self.updateGeometry()
        self.fit()

    def fits(self, text: str | None = None) -> bool:
        """Whether `text` (by default the one shown) fits the label's contents at its current font."""
        return self._fits(self.text() if text is None else text, self.font())

    # --- fitting ------------------------------------------------------------------------

    def _font(self, pt: float) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(pt)
        font.setWeight(QFont.Weight.DemiBold if self._bold else QFont.Weight.Normal)
        return font

    def _widest(self, text: str, font: QFont) -> float:
        metrics = QFontMetricsF(font)
        if self.wordWrap():
            return max((metrics.horizontalAdvance(word) for word in text.replace("\n", " ").split(" ")),
                       default=0.0)
        return max((metrics.horizontalAdvance(line) for line in text.split("\n")), default=0.0)

    def _fits(self, text: str, font: QFont) -> bool:
        # a pixel to spare: integer metrics round, and a glyph may overhang its advance
        return math.ceil(self._widest(text, font)) + 1 <= self.contentsRect().width()

    def _sizes(self):
        pt = self._base_pt
        while pt >= self._min_pt - 1e-9:
            yield pt
            pt -= self.STEP

    def fit(self) -> None:
        if self._fitting:
            return
        self._fitting = True
        try:
            choice = None
            for text in (self._full, *self._shorter):
                for pt in self._sizes():
                    font = self._font(pt)
                    if self._fits(text, font):
                        choice = (text, font)
                        break
                if choice:
                    break
            if choice is None:  # narrower than the shortest form: the shortest, smallest (minimumSizeHint
                # keeps layouts from getting here)
                choice = ((self._shorter or [self._full])[-1], self._font(self._min_pt))
            text, font = choice
            if font != self.font():
                self.setFont(font)
            if text != super().text():
                super().setText(text)
        finally:
            self._fitting = False

    # --- Qt -----------------------------------------------------------------------------

    def setText(self, text: str) -> None:  # noqa: N802 - Qt name
        self.set_texts(text)

    def resizeEvent(self, event):  # noqa: N802 - Qt name
        super().resizeEvent(event)
        self.fit()

    def _extra(self) -> int:
        margins = self.contentsMargins()
        return margins.left() + margins.right() + 2

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt name
        """The full text at the base size (stable while the font shrinks, so layouts do not oscillate)."""
        base = self._font(self._base_pt)
        width = math.ceil(self._widest(self._full, base)) + self._extra()
        if self.wordWrap():
            hint = super().sizeHint()
            return QSize(max(hint.width(), self.minimumSizeHint().width()), hint.height())
        return QSize(max(width, self._min_width), self.minimumSizeHint().height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt name
        """Wide enough for the shortest form at the smallest size; as tall as the base size."""
        shortest = (self._shorter or [self._full])[-1]
        width = math.ceil(self._widest(shortest, self._font(self._min_pt))) + self._extra()
        if self.wordWrap():
            return QSize(max(width, self._min_width), super().minimumSizeHint().height())
        height = math.ceil(QFontMetricsF(self._font(self._base_pt)).height())
        margins = self.contentsMargins()
        return QSize(max(width, self._min_width), height + margins.top() + margins.bottom())

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt name
        return self.wordWrap()
