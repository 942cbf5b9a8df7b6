"""Settings: the company (name, tax id, address, currency, locale) and the UI language."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QGroupBox, QLabel, QLineEdit, QVBoxLayout

from app import config
from app.ledger import company as company_api
from app.ledger.views import CompanyView

from ..context import AppContext
from ..errors import describe
from ..i18n import current_language
from ..widgets import FieldForm, general_error_label
from .customer import COUNTRIES, CURRENCIES

LOCALES = ("es_PE", "es_MX", "es_CO", "es_CL", "es_AR", "es_EC", "es_BO", "es_ES", "en_US")


class SettingsDialog(QDialog):
    company_saved = Signal(object)  # CompanyView
    language_chosen = Signal(str)

    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Settings"))
        self.setMinimumWidth(520)

        self.name = QLineEdit()
        self.tax_id = QLineEdit()
        self.address = QLineEdit()
        self.city = QLineEdit()
        self.country = QComboBox()
        self.country.setEditable(True)
        self.country.addItems(COUNTRIES)
        self.currency = QComboBox()
        self.currency.setEditable(True)
        self.currency.addItems(CURRENCIES)
        self.locale = QComboBox()
        self.locale.setEditable(True)
        self.locale.addItems(LOCALES)
        self.email = QLineEdit()
        self.phone = QLineEdit()
        self.sample = QLabel()
        self.sample.setStyleSheet("color: #555;")
        self.locale.currentTextChanged.connect(self._show_sample)

        self.form = FieldForm()
        self.form.add_field("name", self.tr("Company name"), self.name)
        self.form.add_field("tax_id", self.tr("Tax ID"), self.tax_id)
        self.form.add_field("address", self.tr("Address"), self.address)
        self.form.add_field("city", self.tr("City"), self.city)
        self.form.add_field("country", self.tr("Country"), self.country)
        self.form.add_field("currency", self.tr("Currency"), self.currency)
        self.form.add_field("locale", self.tr("Number and date format"), self.locale)
        self.form.addRow("", self.sample)
        self.form.add_field("email", self.tr("E-mail"), self.email)
        self.form.add_field("phone", self.tr("Phone"), self.phone)
        company_box = QGroupBox(self.tr("Company"))
        company_box.setLayout(self.form)

        self.language = QComboBox()
        self.language.addItem("Español", "es")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(max(self.language.findData(current_language()), 0))
        ui_form = FieldForm()
        ui_form.add_field("language", self.tr("Language"), self.language)
        ui_box = QGroupBox(self.tr("User interface"))
        ui_box.setLayout(ui_form)

        self.error = general_error_label()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(company_box)
        layout.addWidget(ui_box)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.loaded = False
        ctx.runner.read(company_api.get_company, on_done=self._company_arrived)

    def _company_arrived(self, company: CompanyView | None) -> None:
        if company is not None:
            self.name.setText(company.name)
            self.tax_id.setText(company.tax_id or "")
            self.address.setText(company.address or "")
            self.city.setText(company.city or "")
            self.country.setCurrentText(company.country)
            self.currency.setCurrentText(company.currency)
            self.locale.setCurrentText(company.locale)
            self.email.setText(company.email or "")
            self.phone.setText(company.phone or "")
        self._show_sample(self.locale.currentText())
        self.loaded = True

    def _show_sample(self, locale: str) -> None:
        from ..formatting import Formatter

        try:
            f = Formatter(locale.strip())
            currency = self.currency.currentText().strip().upper() or "PEN"
            self.sample.setText(f"{f.money(123456789, currency)} · {f.date(self.ctx.today())}")
        except Exception:
            self.sample.setText("")

    def values(self) -> dict:
        def text(w):
            return w.text().strip() or None

        return dict(name=self.name.text().strip(), tax_id=text(self.tax_id), address=text(self.address),
                    city=text(self.city), country=self.country.currentText().strip() or None,
                    currency=self.currency.currentText().strip() or None,
                    locale=self.locale.currentText().strip() or None, email=text(self.email), phone=text(self.phone))

    def submit(self) -> None:
        self.form.clear_errors()
        self.error.hide()
        self.buttons.setEnabled(False)
        self.ctx.runner.write(company_api.save_company, **self.values(), on_done=self._saved,
                              on_error=self.show_error)

    def _saved(self, company: CompanyView) -> None:
        language = self.language.currentData()
        settings = config.load_user_settings()
        if settings.get("language") != language:
            settings["language"] = language
            config.save_user_settings(settings)
        self.company_saved.emit(company)
        self.accept()
        self.language_chosen.emit(language)

    def show_error(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        field, message = describe(exc)
        if not self.form.show_error(field, message):
            self.error.setText(message)
            self.error.show()
