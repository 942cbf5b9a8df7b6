"""Small widgets shared by the dialogs: a form that shows errors next to its fields, date and money edits."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QEvent, Qt, QTimer
from PySide6.QtWidgets import QDateEdit, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from .formatting import Formatter

ERROR_STYLE = "color: #b00020;"


class FieldForm(QFormLayout):
    """A QFormLayout whose rows carry an error label under the field, keyed by the ledger's field name."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self._errors: dict[str, QLabel] = {}
        self._widgets: dict[str, QWidget] = {}

    def add_field(self, name: str, label: str, widget: QWidget, aliases: tuple[str, ...] = ()) -> QWidget:
        box = QWidget()
        lay = QVBoxLayout(box)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        lay.addWidget(widget)
        err = QLabel()
        err.setObjectName(f"error_{name}")
        err.setStyleSheet(ERROR_STYLE)
        err.setWordWrap(True)
        err.hide()
        lay.addWidget(err)
        self.addRow(label, box)
        for key in (name, *aliases):
            self._errors[key] = err
            self._widgets[key] = widget
        return widget

    def error_label(self, name: str) -> QLabel:
        return self._errors[name]

    def show_error(self, name: str | None, message: str) -> bool:
        """Show the message under the field; False when no such field (caller shows it elsewhere)."""
        label = self._errors.get(name or "")
        if label is None:
            return False
        label.setText(message)
        label.show()
        widget = self._widgets.get(name or "")
        if widget is not None:
            widget.setFocus()
        return True

    def clear_errors(self) -> None:
        for label in self._errors.values():
            label.clear()
            label.hide()


def general_error_label() -> QLabel:
    label = QLabel()
    label.setObjectName("error_general")
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.hide()
    return label


def to_qdate(value: dt.date) -> QDate:
    return QDate(value.year, value.month, value.day)


def from_qdate(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


class DateEdit(QDateEdit):
    def __init__(self, formatter: Formatter, value: dt.date, parent=None):
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat(formatter.qt_date_format())
        self.set_date(value)

    def set_date(self, value: dt.date) -> None:
        self.setDate(to_qdate(value))

    # Tab leaves the field. QDateTimeEdit moves Tab to the next section instead, so an amount typed after
    # Tab became the year (5050). A typed separator still moves to the next section (Qt does that through
    # focusNextPrevChild too, hence the flag); arrows move between sections as before.
    _leaving = False

    def event(self, e) -> bool:
        if (e.type() == QEvent.Type.KeyPress and e.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)
                and not e.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)):
            self._leaving = True
            try:
                return super().event(e)
            finally:
                self._leaving = False
        return super().event(e)

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: A002 - Qt's name
        if self._leaving:
            return QWidget.focusNextPrevChild(self, next)
        return super().focusNextPrevChild(next)

    def value(self) -> dt.date:
        return from_qdate(self.date())


class MoneyEdit(QLineEdit):
    """A line edit for an amount in the locale's format (plain 1234.50 is accepted too)."""

    def __init__(self, formatter: Formatter, parent=None):
        super().__init__(parent)
        self.formatter = formatter
        self.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.setPlaceholderText(formatter.edit_text(0, "PEN"))

    def minor(self, currency: str) -> int:
        """The amount in minor units; raises InvalidAmountError."""
        return self.formatter.parse_money(self.text(), currency)

    def minor_or_none(self, currency: str) -> int | None:
        try:
            return self.minor(currency)
        except Exception:
            return None


DEBOUNCE_MS = 200


def debounced(parent, slot, ms: int = DEBOUNCE_MS) -> QTimer:
    """A single-shot timer that calls `slot` once typing has paused for `ms`; call .start() on each change."""
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setInterval(ms)
    timer.timeout.connect(slot)
    return timer
