"""The date rule in dialogs: a date outside 1900-2199 is refused under its field; a date more than a
year from today is recorded only after the user confirms it, shown in words with its four-digit year.

A dialog keeps one `DateGuard` and starts its submit with
`if not self.date_guard.ok([(field, label, date)], retry=self.submit): return`; the question is a
window-modal box (object name "far_date_confirm"): Yes calls `retry` again and the same dates pass.
"""

from __future__ import annotations

import datetime as dt
from typing import Callable, Sequence

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox, QWidget

from app.ledger import dates

from .i18n import current_language
from .widgets import FieldForm


def words_locale(formatter_locale: str) -> str:
    """The Babel locale for a date in words in the UI language: the company's when it speaks it."""
    language = current_language()
    if (formatter_locale or "").split("_")[0].lower() == language:
        return formatter_locale
    return "es" if language == "es" else "en_GB"  # "4 March 2051"


class DateGuard(QObject):
    def __init__(self, dialog: QWidget, form: FieldForm | Callable[[str, str], object],
                 formatter_locale: Callable[[], str]):
        """`form` shows a message for a field: a FieldForm, or any `show_error(field, message)`."""
        super().__init__(dialog)
        self.dialog = dialog
        self.show_error = form.show_error if isinstance(form, FieldForm) else form
        self.formatter_locale = formatter_locale
        self._confirmed: set[tuple[str, dt.date]] = set()
        self.box: QMessageBox | None = None

    def in_words(self, value: dt.date) -> str:
        return dates.fmt_date(value, words_locale(self.formatter_locale()), "long")

    def ok(self, entries: Sequence[tuple[str, str, dt.date | None]], retry: Callable[[], None]) -> bool:
        """True when every (field, label, date) may be recorded now. Otherwise shows the error under the
        field, or asks about the far dates and calls `retry` when the user says yes; returns False."""
        far = []
        for field, label, value in entries:
            if value is None:
                continue
            if not dates.in_range(value):
                limit = dates.MIN_DATE if value < dates.MIN_DATE else dates.MAX_DATE
                text = (self.tr("%1 %2 is before %3, the earliest date Cobranza accepts. Check the year.")
                        if value < dates.MIN_DATE else
                        self.tr("%1 %2 is after %3, the latest date Cobranza accepts. Check the year."))
                self.show_error(field, text.replace("%1", label).replace("%2", self.in_words(value))
                                     .replace("%3", self.in_words(limit)))
                return False
            if dates.is_far(value) and (field, value) not in self._confirmed:
                far.append((field, label, value))
        if not far:
            return True
        question = "\n".join(
            self.tr("%1 %2 is more than a year from today. Record it anyway?").replace("%1", label)
            .replace("%2", self.in_words(value)) for _f, label, value in far)
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Check the date"), question,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self.dialog)
        box.setObjectName("far_date_confirm")
        box.setDefaultButton(QMessageBox.StandardButton.No)

        def answered(_result: int) -> None:
            self.box = None
            if box.clickedButton() is box.button(QMessageBox.StandardButton.Yes):
                self._confirmed.update((f, v) for f, _l, v in far)
                retry()
            else:
                self.show_error(far[0][0], self.tr("Check the year of this date."))

        box.finished.connect(answered)
        box.finished.connect(box.deleteLater)
        self.box = box
        box.open()
        return False
