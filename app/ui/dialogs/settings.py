"""Settings: the company (name, tax id, address, currency, locale), the UI language, and the e-mail
(SMTP) settings with the password going only to the OS keyring, plus the contact-rules country."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app import config
from app.ledger import company as company_api
from app.ledger.views import CompanyView
from app.reminders.settings import (
    CONTACT_RULES_KEY,
    EmailSettings,
    KeyringSaveError,
    SavedSettings,
    email_settings,
    save_settings,
    send_test,
)

from ..context import AppContext
from ..errors import describe
from ..i18n import current_language
from ..widgets import FieldForm, general_error_label
from .customer import COUNTRIES, CURRENCIES

DIALOG_SMTP_KEYS = ("smtp.host", "smtp.port", "smtp.security", "smtp.user", "smtp.from")  # the E-mail tab's fields


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

        general = QWidget()
        gl = QVBoxLayout(general)
        gl.addWidget(company_box)
        gl.addWidget(ui_box)
        self.tabs = QTabWidget()
        self.tabs.addTab(general, self.tr("General"))
        self.tabs.addTab(self._email_tab(), self.tr("E-mail"))
        from .settings_policies import PoliciesTab
        from .settings_templates import TemplatesTab

        self.policies_tab = PoliciesTab(ctx)
        self.templates_tab = TemplatesTab(ctx)
        self.tabs.addTab(self.policies_tab, self.tr("Reminder policies"))
        self.tabs.addTab(self.templates_tab, self.tr("Templates"))
        from .settings_fx import ExchangeRatesTab

        self.fx_tab = ExchangeRatesTab(ctx)
        self.tabs.addTab(self.fx_tab, self.tr("Exchange rates"))
        from .settings_terms import PaymentTermsTab

        self.terms_tab = PaymentTermsTab(ctx)
        self.tabs.addTab(self.terms_tab, self.tr("Payment terms"))
        from ..screen_fit import fit_to_screen

        fit_to_screen(self, 1150, 720)  # 698 px high on a 1366×768 laptop

        self.error = general_error_label()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.loaded = False
        ctx.runner.read(company_api.get_company, on_done=self._company_arrived)
        ctx.runner.read(email_settings, on_done=self._email_arrived)

    # --- the E-mail tab ---------------------------------------------------------------------

    def _email_tab(self) -> QWidget:
        from app.reminders.contact_rules import PROFILE_CODES

        self.smtp_host = QLineEdit()
        self.smtp_host.setPlaceholderText("smtp.gmail.com")
        self.smtp_port = QLineEdit()
        self.smtp_port.setPlaceholderText("587")
        self.smtp_security = QComboBox()
        for key, text in (("starttls", "STARTTLS"), ("ssl", "SSL/TLS"), ("none", self.tr("None (unencrypted)"))):
            self.smtp_security.addItem(text, key)
        self.smtp_user = QLineEdit()
        self.smtp_from = QLineEdit()
        self.smtp_from.setPlaceholderText("cobranzas@empresa.com")
        self.smtp_password = QLineEdit()
        self.smtp_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.smtp_password.setPlaceholderText(self.tr("kept in the system keyring"))
        self.test_to = QLineEdit()
        self.test_to.setPlaceholderText(self.tr("address for the test"))
        self.test_button = QPushButton(self.tr("Send test e-mail"))
        self.test_result = QLabel()
        self.test_result.setWordWrap(True)
        self.contact_country = QComboBox()
        from app.reminders.contact_rules import get_profile

        self.contact_country.addItem(self.tr("By each customer's country"), "")
        for code in PROFILE_CODES:
            profile = get_profile(code)
            name = profile.name_es if current_language() == "es" else profile.name_en
            self.contact_country.addItem(name if code == "default" else f"{code} — {name}", code)
        self.contact_citation = QLabel()
        self.contact_citation.setWordWrap(True)
        self.contact_citation.setStyleSheet("color: #555;")
        self.contact_country.currentIndexChanged.connect(self._show_citation)

        self.email_form = FieldForm()
        self.email_form.add_field("smtp.host", self.tr("SMTP server"), self.smtp_host)
        self.email_form.add_field("smtp.port", self.tr("Port"), self.smtp_port)
        self.email_form.add_field("smtp.security", self.tr("Security"), self.smtp_security)
        self.email_form.add_field("smtp.user", self.tr("User"), self.smtp_user)
        self.email_form.add_field("smtp.from", self.tr("Sender address"), self.smtp_from)
        self.email_form.add_field("smtp.password", self.tr("Password"), self.smtp_password)
        self.cleartext_warning = QLabel()  # security "none" with a password: it travels in clear
        self.cleartext_warning.setWordWrap(True)
        self.cleartext_warning.setStyleSheet("color: #a33;")
        self.cleartext_warning.hide()
        self.email_form.addRow("", self.cleartext_warning)
        self.password_stored = False
        for signal in (self.smtp_security.currentIndexChanged, self.smtp_user.textChanged,
                       self.smtp_password.textChanged):
            signal.connect(self._show_cleartext_warning)
        test_row = QWidget()
        tl = QHBoxLayout(test_row)
        tl.setContentsMargins(0, 0, 0, 0)
        tl.addWidget(self.test_to, 1)
        tl.addWidget(self.test_button)
        self.email_form.add_field("to", self.tr("Test"), test_row)
        self.email_form.addRow("", self.test_result)
        smtp_box = QGroupBox(self.tr("Outgoing mail (SMTP)"))
        smtp_box.setLayout(self.email_form)
        rules_form = FieldForm()
        rules_form.add_field(CONTACT_RULES_KEY, self.tr("Contact rules"), self.contact_country)
        rules_form.addRow("", self.contact_citation)
        rules_box = QGroupBox(self.tr("When debtors may be contacted"))
        rules_box.setLayout(rules_form)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(smtp_box)
        layout.addWidget(rules_box)
        layout.addStretch(1)
        self.test_button.clicked.connect(self.send_test_email)
        self._show_citation()
        return tab

    def _show_cleartext_warning(self, *_args) -> None:
        from app.reminders.smtp_settings import cleartext_password_warning

        warn = cleartext_password_warning(self.smtp_security.currentData(), self.smtp_user.text(),
                                          bool(self.smtp_password.text()) or self.password_stored)
        self.cleartext_warning.setText(self.tr("Without encryption the password travels in clear over the "
                                               "network to the server; choose STARTTLS or SSL/TLS if the "
                                               "server offers them.") if warn else "")
        self.cleartext_warning.setVisible(bool(warn))

    def _show_citation(self, *_args) -> None:
        from app.reminders.contact_rules import get_profile

        code = self.contact_country.currentData()
        if not code:
            self.contact_citation.setText(self.tr("The rules of each customer's country; where none is known, "
                                                  "the strict profile."))
            return
        profile = get_profile(code)
        self.contact_citation.setText(f"{profile.citation}\n{profile.source}")

    def _email_arrived(self, values: EmailSettings) -> None:
        self.smtp_host.setText(values.host)
        self.smtp_port.setText(values.port)
        self.smtp_security.setCurrentIndex(max(self.smtp_security.findData(values.security or "starttls"), 0))
        self.smtp_user.setText(values.user)
        self.smtp_from.setText(values.sender)
        if not self.test_to.text():
            self.test_to.setText(values.sender)
        if values.password_stored:
            self.smtp_password.setPlaceholderText(self.tr("stored in the keyring (type to replace)"))
        self.password_stored = bool(values.password_stored)
        self._show_cleartext_warning()
        self.contact_country.setCurrentIndex(max(self.contact_country.findData(values.contact_country), 0))
        self.email_loaded = True

    def smtp_values(self) -> dict:
        return {"smtp.host": self.smtp_host.text().strip(), "smtp.port": self.smtp_port.text().strip(),
                "smtp.security": self.smtp_security.currentData(), "smtp.user": self.smtp_user.text().strip(),
                "smtp.from": self.smtp_from.text().strip()} if self.smtp_host.text().strip() else \
            {k: "" for k in DIALOG_SMTP_KEYS}

    def send_test_email(self) -> None:
        self.email_form.clear_errors()
        self.test_button.setEnabled(False)
        self.test_result.setStyleSheet("")
        self.test_result.setText(self.tr("Sending…"))
        values = self.smtp_values()
        self.ctx.runner.read(send_test, values, self.smtp_password.text() or None, self.test_to.text().strip(),
                             current_language(), on_done=self._test_sent, on_error=self._test_failed)

    def _test_sent(self, message_id: str) -> None:
        self.test_button.setEnabled(True)
        self.test_result.setStyleSheet("color: #1b7a3a;")
        self.test_result.setText(self.tr("Test e-mail sent to %1.").replace("%1", self.test_to.text().strip()))
        self.test_sent = message_id

    def _test_failed(self, exc: BaseException) -> None:
        self.test_button.setEnabled(True)
        field = getattr(exc, "field", None)
        self.test_result.setStyleSheet("color: #b00020;")
        self.test_result.setText(self.tr("The test failed: %1").replace("%1", str(exc)))
        if field:
            self.email_form.show_error(field, str(exc))

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
        self.email_form.clear_errors()
        country = self.contact_country.currentData() if getattr(self, "email_loaded", False) else None
        smtp = self.smtp_values() if self.smtp_host.text().strip() else None  # no server: e-mail left alone
        self.ctx.runner.write(save_settings, company=self.values(), smtp=smtp, contact_country=country,
                              password=self.smtp_password.text() or None, on_done=self._saved,
                              on_error=self.show_error)

    def _saved(self, saved: SavedSettings) -> None:
        company = saved.company
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
        if isinstance(exc, KeyringSaveError):
            self.tabs.setCurrentIndex(1)
            self.email_form.show_error(exc.field, self.tr("The password could not be stored in the keyring; "
                                                          "nothing was saved.") + "\n" + str(exc))
            return
        smtp_field = getattr(exc, "field", None) or ""
        if smtp_field.startswith("smtp.") and self.email_form.show_error(smtp_field, str(exc)):
            self.tabs.setCurrentIndex(1)
            return
        field, message = describe(exc)
        if not self.form.show_error(field, message):
            self.error.setText(message)
            self.error.show()
