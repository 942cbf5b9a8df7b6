"""New / edit customer."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
)

from app.ledger import customers, terms
from app.ledger.errors import InvalidValueError, LedgerError
from app.ledger.phones import check_phone
from app.ledger.tax_ids import check_tax_id
from app.ledger.views import CustomerView

from ..context import AppContext
from ..widgets import FieldForm, MoneyEdit
from .entry import CURRENCIES, EntryDialog

__all__ = ["COUNTRIES", "CURRENCIES", "CustomerDialog", "fill_terms_combo", "load_terms"]
COUNTRIES = ("PE", "MX", "CO", "CL", "AR", "EC", "BO", "US", "ES")


def load_terms(session):
    terms.ensure_default_terms(session)
    return terms.list_terms(session)


def fill_terms_combo(combo: QComboBox, all_terms, selected: str | None, none_text: str) -> None:
    combo.clear()
    combo.addItem(none_text, None)
    for t in all_terms:
        if getattr(t, "archived", False) and t.code != selected:  # archived terms are not offered, kept if set
            continue
        combo.addItem(f"{t.name} ({t.code})", t.code)
    index = combo.findData(selected) if selected else 0
    combo.setCurrentIndex(max(index, 0))


class CustomerDialog(EntryDialog):
    """`saved` carries the CustomerView created or updated."""

    def __init__(self, ctx: AppContext, customer: CustomerView | None = None, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.customer = customer
        self.setWindowTitle(self.tr("Edit customer") if customer else self.tr("New customer"))
        self.setMinimumWidth(520)

        self.code = QLineEdit()
        self.code.setMaxLength(40)
        self.name = QLineEdit()
        self.tax_id = QLineEdit()
        self.country = QComboBox()
        self.country.setEditable(True)
        self.country.addItems(COUNTRIES)
        self.language = QComboBox()
        self.language.addItem(self.tr("Spanish"), "es")
        self.language.addItem(self.tr("English"), "en")
        self.currency = QComboBox()
        self.currency.setEditable(True)
        self.currency.addItems(CURRENCIES)
        self.email = QLineEdit()
        self.phone = QLineEdit()
        self.address = QLineEdit()
        self.city = QLineEdit()
        self.terms = QComboBox()
        self.terms.addItem(self.tr("Default (Net 30)"), None)
        self.credit_limit = MoneyEdit(ctx.formatter, required=False, allow_zero=True)
        self.on_hold = QCheckBox(self.tr("Do not sell on credit (on hold)"))
        self.collector = QLineEdit()
        self.collector.setPlaceholderText(self.tr("Who follows up this customer"))
        self.notes = QPlainTextEdit()
        self.notes.setMaximumHeight(70)

        self.form = FieldForm()
        f = self.form
        f.add_field("code", self.tr("Code"), self.code, aliases=("customer_code",))
        f.add_field("name", self.tr("Name"), self.name)
        f.add_field("tax_id", self.tr("Tax ID (RUC, RFC, NIT, RUT)"), self.tax_id)
        # a number that fails its country's check digit is a warning the user may override (a new RUC, a
        # foreign customer): app.ledger.tax_ids, as in the first-start wizard
        self.tax_warning, self.keep_tax_id = self._warning_rows("tax_id")
        f.add_field("country", self.tr("Country"), self.country)
        f.add_field("language", self.tr("Language for letters"), self.language)
        f.add_field("currency", self.tr("Currency"), self.currency)
        f.add_field("email", self.tr("E-mail"), self.email)
        f.add_field("phone", self.tr("Phone"), self.phone)
        # the same for a phone number: app.ledger.phones (libphonenumber), written +51 987 654 321 when valid
        self.phone_warning, self.keep_phone = self._warning_rows("phone")
        f.add_field("address", self.tr("Address"), self.address)
        f.add_field("city", self.tr("City"), self.city)
        f.add_field("payment_terms", self.tr("Payment terms"), self.terms)
        f.add_field("credit_limit", self.tr("Credit limit"), self.credit_limit, aliases=("credit_limit_minor",))
        f.add_field("on_hold", "", self.on_hold)
        f.add_field("collector", self.tr("Collector"), self.collector)
        f.add_field("notes", self.tr("Notes"), self.notes)
        self._add_buttons()
        layout = QVBoxLayout(self)
        layout.addLayout(f)
        layout.addWidget(self.error)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.buttons)
        layout.addLayout(bottom)

        self.currency.currentTextChanged.connect(
            lambda text: self.credit_limit.set_currency(text.strip().upper() or None))
        self.credit_limit.valid_changed.connect(lambda valid: self.ok_button().setEnabled(valid))
        if customer is not None:
            self._fill(customer)
        else:
            self.country.setCurrentText("PE")
            self.currency.setCurrentText(ctx.company_currency or "")
        self.credit_limit.set_currency(self.currency.currentText().strip().upper() or None)
        self.ok_button().setEnabled(self.credit_limit.is_valid())
        self.terms_loaded = False
        ctx.runner.read(load_terms, on_done=self._terms_arrived)
        self.tax_id.textChanged.connect(self._check_tax_id)
        self.country.currentTextChanged.connect(self._check_tax_id)
        self._check_tax_id()
        self.phone.textChanged.connect(self._check_phone)
        self.country.currentTextChanged.connect(self._check_phone)
        self._check_phone()

    def _warning_rows(self, field: str) -> tuple[QLabel, QCheckBox]:
        """A red line saying what is wrong with a field and a box to keep the value anyway, both hidden
        until the field's check fails."""
        warning = QLabel()
        warning.setObjectName(f"{field}_warning")
        warning.setWordWrap(True)
        warning.setStyleSheet("color: #a33;")
        keep = QCheckBox(self.tr("Keep it as typed: I know it is right"))
        keep.setObjectName(f"keep_{field}")
        self.form.addRow("", warning)
        self.form.addRow("", keep)
        return warning, keep

    def _show_problem(self, warning: QLabel, keep: QCheckBox, text: str) -> None:
        warning.setText(text)
        warning.setVisible(bool(text))
        keep.setVisible(bool(text))
        if not text:
            keep.setChecked(False)

    def _phone_check(self):
        return check_phone(self.country.currentText(), self.phone.text())

    def _check_phone(self, *_args) -> None:
        check = self._phone_check()
        self._show_problem(self.phone_warning, self.keep_phone,
                           self.tr("'%1' is not a valid phone number for %2: write it with its country code "
                                   "(+51 ...), or keep it as typed.")
                           .replace("%1", check.value).replace("%2", self.country.currentText().strip().upper())
                           if check.problem else "")

    def _tax_check(self):
        return check_tax_id(self.country.currentText(), self.tax_id.text())

    def _check_tax_id(self, *_args) -> None:
        check = self._tax_check()
        self._show_problem(self.tax_warning, self.keep_tax_id,
                           self.tr("'%1' is not a valid %2 for %3: check it, or keep it as typed.")
                           .replace("%1", check.value).replace("%2", check.name)
                           .replace("%3", self.country.currentText().strip().upper())
                           if check.problem else "")

    def _terms_arrived(self, all_terms) -> None:
        selected = self.customer.payment_terms if self.customer else None
        fill_terms_combo(self.terms, all_terms, selected, self.tr("Default (Net 30)"))
        self.terms_loaded = True

    def _fill(self, c: CustomerView) -> None:
        self.code.setText(c.code)
        self.code.setReadOnly(True)
        self.name.setText(c.name)
        self.tax_id.setText(c.tax_id or "")
        self.country.setCurrentText(c.country)
        self.language.setCurrentIndex(max(self.language.findData(c.language), 0))
        self.currency.setCurrentText(c.currency)
        self.email.setText(c.email or "")
        self.phone.setText(c.phone or "")
        self.address.setText(c.address or "")
        self.city.setText(c.city or "")
        if c.credit_limit_minor is not None:
            self.credit_limit.setText(self.ctx.formatter.edit_text(c.credit_limit_minor, c.currency))
        self.on_hold.setChecked(c.on_hold)
        self.notes.setPlainText(c.notes or "")
        self.collector.setText(getattr(c, "collector", None) or "")

    def values(self) -> dict:
        """The fields as ledger arguments; raises LedgerError naming the field for what cannot be parsed."""
        currency = self.currency.currentText().strip().upper()
        limit_text = self.credit_limit.text().strip()
        credit_limit = None
        if limit_text:
            try:
                credit_limit = self.credit_limit.minor(currency or None)
            except LedgerError as exc:
                exc.field = "credit_limit"
                raise
        check = self._tax_check()
        if check.problem and not self.keep_tax_id.isChecked():
            raise InvalidValueError(check.problem + " Check it, or tick 'Keep it as typed'.", field="tax_id")
        phone = self._phone_check()
        if phone.problem and not self.keep_phone.isChecked():
            raise InvalidValueError(phone.problem + " Check it, or tick 'Keep it as typed'.", field="phone")
        return dict(
            name=self.name.text(), tax_id=check.value if check.valid else self.tax_id.text(),
            country=self.country.currentText().strip(),
            language=self.language.currentData(), currency=currency, email=self.email.text(),
            phone=phone.value, address=self.address.text(), city=self.city.text(),
            payment_terms=self.terms.currentData(), credit_limit_minor=credit_limit,
            on_hold=self.on_hold.isChecked(), notes=self.notes.toPlainText(), collector=self.collector.text(),
        )

    def submit(self) -> None:
        self._clear_errors()
        try:
            values = self.values()
        except LedgerError as exc:
            self.show_error(exc)
            return
        self.buttons.setEnabled(False)
        if self.customer is None:
            self.ctx.runner.write(customers.create_customer, code=self.code.text(), **values,
                                  on_done=self._saved, on_error=self.show_error)
        else:
            # the version the card loaded: a customer changed by someone else since is refused, naming the change
            self.ctx.runner.write(customers.update_customer, self.customer.code, seen=self.customer, **values,
                                  on_done=self._saved, on_error=self.show_error)
