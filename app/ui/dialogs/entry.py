"""What the entry dialogs (customer, invoice, payment) share: the OK/Cancel row under a general error line,
errors shown beside the field they name, and for documents the customer looked up by code with the
currency the amount is read in."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
)

from app.ledger import customers
from app.ledger.errors import LedgerError, UnknownCustomerError

from ..customer_picker import CustomerPicker, describe as describe_customer
from ..date_guard import DateGuard
from ..errors import describe
from ..widgets import debounced, general_error_label

CURRENCIES = ("PEN", "USD", "MXN", "COP", "CLP", "ARS", "BOB", "EUR")


def lookup_customer(session, code: str):
    try:
        return customers.get_customer(session, code)
    except UnknownCustomerError:
        return None


class EntryDialog(QDialog):
    """A dialog that records one thing: `submit` writes it, `saved` carries what the ledger returned."""

    saved = Signal(object)

    def _add_buttons(self, ok_text: str | None = None) -> None:
        """The general error line and the OK/Cancel buttons (OK runs `submit`)."""
        self.error = general_error_label()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        if ok_text:
            self.ok_button().setText(ok_text)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

    def _lay_out(self, *middle) -> None:
        """The form on top, then the `middle` widgets (the first one stretches), the error line, the buttons."""
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        for i, widget in enumerate(middle):
            layout.addWidget(widget, 1 if i == 0 else 0)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def ok_button(self):
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def submit(self) -> None:  # pragma: no cover - every subclass writes its own
        raise NotImplementedError

    def _clear_errors(self) -> None:
        self.form.clear_errors()
        self.error.hide()

    def _saved(self, view) -> None:
        self.saved.emit(view)
        self.accept()

    def show_error(self, exc: BaseException) -> None:
        self._show_message(*describe(exc))

    def _show_message(self, field: str | None, message: str) -> None:
        """Beside the field it names, else on the general error line; the buttons work again."""
        self.buttons.setEnabled(True)
        if not self.form.show_error(field, message):
            self.error.setText(message)
            self.error.show()


class CustomerDocumentDialog(EntryDialog):
    """An invoice or payment: the customer is looked up by code while typing, and the amount is read in
    the currency in the box, else the customer's. Subclasses say what follows in `_customer_changed`."""

    def _add_customer_fields(self) -> None:
        self.customer = None
        self.customer_code = CustomerPicker(self.ctx)  # a QLineEdit: a code typed still works
        self.customer_name = QLabel()
        self.customer_name.setStyleSheet("color: #555;")
        self.customer_name.setWordWrap(True)  # a long legal name wraps instead of being clipped
        self.currency = QComboBox()
        self.currency.setEditable(True)
        self.currency.addItems(CURRENCIES)
        self.currency.setCurrentIndex(-1)  # the customer's, once known; never a guess
        self._lookup_timer = debounced(self, self.lookup)
        self.customer_code.textChanged.connect(lambda _t: self._lookup_timer.start())
        self.customer_code.matches_shown.connect(self._no_customer_text)

    def _customer_rows(self) -> None:
        """The first rows of the form: the code typed and the name found for it."""
        self.form.add_field("customer_code", self.tr("Customer"), self.customer_code)
        self.form.addRow("", self.customer_name)

    def _lines_table(self, model, name: str, min_height: int, edit_triggers) -> QTableView:
        """The table of the document's lines under the form (due lines, allocations)."""
        table = QTableView()
        table.setObjectName(name)
        table.setModel(model)
        table.verticalHeader().hide()
        table.setEditTriggers(edit_triggers)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        table.setMinimumHeight(min_height)
        return table

    def _start(self, customer_code: str | None, focus) -> None:
        """Once built: dates are guarded, OK follows the amount, and a customer given is looked up at once
        (then `focus` gets the focus)."""
        self.date_guard = DateGuard(self, self.form, lambda: self.ctx.formatter.locale)
        self._update_ok()
        if customer_code:
            self.customer_code.setText(customer_code)
            self.lookup()
            focus.setFocus()

    def _watch_amount(self) -> None:
        """OK only while the amount reads; the amount is read in the currency chosen."""
        self.amount.valid_changed.connect(lambda _v: self._update_ok())
        self.currency.currentTextChanged.connect(lambda _t: self._currency_changed())

    def lookup(self) -> None:
        self._lookup_timer.stop()
        code = self.customer_code.text().strip()
        if not code:
            self.customer = None
            self.customer_name.setText("")
            return
        self.ctx.runner.read(lookup_customer, code, on_done=lambda c: self._customer_arrived(code, c))

    def _customer_arrived(self, code: str, customer) -> None:
        if code != self.customer_code.text().strip():
            return
        self.customer = customer
        if customer is None:
            self._no_customer_text()
        else:
            self.customer_name.setText(describe_customer(customer))
            self.currency.setCurrentText(customer.currency)
        self._currency_changed()
        self._customer_changed()

    def _no_customer_text(self) -> None:
        """No customer has the code typed: say so, or, while the picker offers customers for what was typed
        (part of a name, a tax id), ask to choose one of them."""
        if self.customer is not None or not self.customer_code.text().strip():
            return
        if self.customer_code.matches.rowCount():
            self.customer_name.setText(self.tr("Choose the customer in the list (name · code · tax ID)"))
        else:
            self.customer_name.setText(self.tr("No customer with this code"))

    def _customer_changed(self) -> None:
        """After a lookup answered (self.customer is the customer or None)."""

    def _currency(self) -> str:
        """The currency the document is recorded in, and so the amount is read in: the one in the box,
        else the customer's; '' while neither is known."""
        chosen = self.currency.currentText().strip().upper()
        if chosen:
            return chosen
        return self.customer.currency if self.customer is not None else ""

    def _begin_submit(self) -> tuple[str, int] | None:
        """Errors cleared, the amount read in exactly the currency recorded: (currency, amount minor), or
        None with the problem shown beside the amount."""
        self._clear_errors()
        currency = self._currency()
        try:
            return currency, self.amount.minor(currency or None)
        except LedgerError as exc:
            exc.field = "amount"
            self.show_error(exc)
            return None

    def _currency_changed(self) -> None:
        self.amount.set_currency(self._currency() or None)

    def _update_ok(self) -> None:
        self.ok_button().setEnabled(self.amount.is_valid())
