"""Small widgets shared by the dialogs: a form that shows errors next to its fields, date and money edits."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QDate, QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import QDateEdit, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from app.ledger.errors import AmountInputError, InvalidAmountError, LedgerError

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
        echo = getattr(widget, "echo", None)
        if isinstance(echo, QLabel):  # a MoneyEdit: what it understood, beside it
            row = QHBoxLayout()
            row.setContentsMargins(0, 0, 0, 0)
            row.addWidget(widget, 1)
            row.addWidget(echo, 1)
            lay.addLayout(row)
        else:
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
    """A line edit for an amount in a known currency, read strictly (app.ledger.amount_input).

    `echo` is a label to show beside it (FieldForm puts it there): the amount understood, formatted
    with the currency ("= S/ 1,000.50"), or in red why it is not one amount. `valid_changed` says
    when the text starts or stops being an acceptable amount, for the dialog's OK button. Until the
    currency is known nothing is accepted: the echo asks for a customer or a currency.
    """

    valid_changed = Signal(bool)

    def __init__(self, formatter: Formatter, currency: str | None = None, parent=None, *,
                 required: bool = True, allow_zero: bool = False):
        super().__init__(parent)
        self.formatter = formatter
        self.required = required
        self.allow_zero = allow_zero
        self._currency: str | None = None
        self._valid = False
        self.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.echo = QLabel()
        self.echo.setObjectName("amount_echo")
        self.echo.setWordWrap(True)
        self.echo.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.textChanged.connect(lambda _t: self.update_echo())
        self.set_currency(currency)

    def currency(self) -> str | None:
        return self._currency

    def set_currency(self, currency: str | None) -> None:
        """The currency the amount is in; None or an unknown code until one is chosen."""
        from app.ledger.money import check_currency

        try:
            self._currency = check_currency(currency) if currency else None
        except LedgerError:
            self._currency = None
        if self._currency:
            self.setPlaceholderText(self.formatter.edit_text(0, self._currency))
        self.update_echo()

    def _read(self) -> int | None:
        """The amount, None when the field is blank and optional; raises LedgerError otherwise."""
        if not self.text().strip() and not self.required:
            return None
        if self._currency is None:
            raise InvalidAmountError(self.text(), QCoreApplication.translate(
                "MoneyEdit", "Choose a customer or a currency first."))
        value = self.formatter.parse_money(self.text(), self._currency)
        if value == 0 and not self.allow_zero:
            raise InvalidAmountError(self.text(), QCoreApplication.translate(
                "MoneyEdit", "Enter an amount greater than zero."))
        return value

    def update_echo(self) -> None:
        try:
            value = self._read()
        except LedgerError as exc:
            from .errors import amount_error_text

            valid = False
            message = amount_error_text(exc) if isinstance(exc, AmountInputError) else str(exc)
            self.echo.setText(message if (self.text().strip() or self._currency is None) else "")
            self.echo.setStyleSheet(ERROR_STYLE)
        else:
            valid = True
            self.echo.setText("" if value is None else "= " + self.formatter.money(value, self._currency))
            self.echo.setStyleSheet("color: #555;")
        if valid != self._valid:
            self._valid = valid
            self.valid_changed.emit(valid)

    def is_valid(self) -> bool:
        return self._valid

    def minor(self, currency: str | None = None) -> int:
        """The amount in minor units of the field's currency; raises InvalidAmountError.

        A `currency` given here becomes the field's currency: the amount is parsed with exactly the
        decimals of the currency it will be recorded in."""
        if currency is not None and currency != self._currency:
            self.set_currency(currency)
        value = self._read()
        if value is None:
            raise InvalidAmountError(self.text(), "Enter an amount.")
        return value

    def minor_or_none(self, currency: str | None = None) -> int | None:
        try:
            return self.minor(currency)
        except LedgerError:
            return None


DEBOUNCE_MS = 200


def debounced(parent, slot, ms: int = DEBOUNCE_MS) -> QTimer:
    """A single-shot timer that calls `slot` once typing has paused for `ms`; call .start() on each change."""
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setInterval(ms)
    timer.timeout.connect(slot)
    return timer
