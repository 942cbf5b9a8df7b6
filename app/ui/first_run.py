"""The first start with no database: a short wizard instead of an empty window.

Two ways in: set up my company (company details with the tax id checked for the country, the contact
rules of that country, e-mail now or later, where the book is kept) or open a demo (a separate demo file,
so the real book never mixes with sample customers). The values are saved with the same function as the
Settings dialog (`app.reminders.settings.save_settings`); the chosen file is remembered in the user's
settings (platformdirs), so `cobranza` and the app open it next time.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale
from PySide6.QtWidgets import (QCheckBox, QComboBox, QFileDialog, QFormLayout, QGroupBox, QHBoxLayout, QLabel,
                               QLineEdit, QMessageBox, QPushButton, QRadioButton, QSpinBox, QVBoxLayout, QWidget,
                               QWizard, QWizardPage)

from app import config

from .book_choice import first_run_needed, missing_book  # noqa: F401 - Qt-free, asked before Qt starts
from app.ledger.company import territory_currency
from app.ledger.email_address import check_email
from app.ledger.errors import InvalidValueError
from app.ledger.tax_ids import check_tax_id
from app.reminders.contact_rules import PROFILE_CODES
from app.reminders.smtp_settings import EmailConfigError, check_smtp_value

# the home countries first; any other ISO code can be typed
COUNTRIES = (
    ("PE", QT_TRANSLATE_NOOP("FirstRun", "Peru")), ("MX", QT_TRANSLATE_NOOP("FirstRun", "Mexico")),
    ("CO", QT_TRANSLATE_NOOP("FirstRun", "Colombia")), ("CL", QT_TRANSLATE_NOOP("FirstRun", "Chile")),
    ("EC", QT_TRANSLATE_NOOP("FirstRun", "Ecuador")), ("AR", QT_TRANSLATE_NOOP("FirstRun", "Argentina")),
    ("BO", QT_TRANSLATE_NOOP("FirstRun", "Bolivia")), ("US", QT_TRANSLATE_NOOP("FirstRun", "United States")),
    ("ES", QT_TRANSLATE_NOOP("FirstRun", "Spain")),
)
LOCALES = {"PE": "es_PE", "MX": "es_MX", "CO": "es_CO", "CL": "es_CL", "EC": "es_EC", "AR": "es_AR",
           "BO": "es_BO", "US": "en_US", "ES": "es_ES"}
DEMO_SIZE = {"customers": 300, "invoices": 4000, "seed": 7}  # as `make run`'s demo


@dataclass
class FirstRunChoice:
    mode: str  # "company" or "demo"
    database: str
    language: str
    company: dict = field(default_factory=dict)
    contact_country: str = ""
    smtp: dict = field(default_factory=dict)
    password: str = ""
    import_data: bool = False  # "import my data": the import wizard opens over the new book


def ask_for_missing_book(path: Path, parent: QWidget | None = None) -> str | None:
    """Find the book (remembered from now on), set up a new one (the wizard) or quit: None."""
    box = QMessageBox(QMessageBox.Icon.Warning, QCoreApplication.translate("FirstRun", "Cobranza"),
                      QCoreApplication.translate("FirstRun", "The book %1 is not there any more: it was moved, "
                                                 "renamed or is on a drive that is not connected.")
                      .replace("%1", str(path)), parent=parent)
    find = box.addButton(QCoreApplication.translate("FirstRun", "Find it…"), QMessageBox.ButtonRole.AcceptRole)
    new = box.addButton(QCoreApplication.translate("FirstRun", "Set up a new book"), QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Close)
    box.exec()
    if box.clickedButton() is find:
        found, _ = QFileDialog.getOpenFileName(parent, QCoreApplication.translate("FirstRun", "Find the book"),
                                               str(path.parent if path.parent.exists() else Path.home()),
                                               QCoreApplication.translate("FirstRun", "Cobranza book (*.sqlite)"))
        if found:
            values = config.load_user_settings()
            values["database"] = found
            config.save_user_settings(values)
            return found
        return None
    if box.clickedButton() is new:
        values = config.load_user_settings()
        values.pop("database", None)
        config.save_user_settings(values)
        return "wizard"
    return None


def demo_database_path() -> Path:
    return config.data_dir() / "cobranza-demo.sqlite"


class StartPage(QWizardPage):
    def __init__(self):
        super().__init__()
        self.setTitle(self.tr("Welcome to Cobranza"))
        self.setSubTitle(self.tr("Cobranza keeps your customers, invoices and payments, tells you who owes what and "
                             "since when, and sends the reminders. Everything stays on this computer."))
        layout = QVBoxLayout(self)
        self.company = QRadioButton(self.tr("Set up my company"))
        self.company.setObjectName("start_company")
        self.company.setChecked(True)
        self.demo = QRadioButton(self.tr("Open a demo with sample customers and invoices (a separate file; "
                                     "your own book stays empty)"))
        self.demo.setObjectName("start_demo")
        layout.addWidget(self.company)
        layout.addWidget(self.demo)
        self.language = QComboBox()
        self.language.setObjectName("language")
        self.language.addItem("Español", "es")
        self.language.addItem("English", "en")
        # the language the wizard is shown in (the system's, or the one the app was started with)
        shown = "es" if QLocale().language() == QLocale.Language.Spanish else "en"
        self.language.setCurrentIndex(max(self.language.findData(shown), 0))
        row = QFormLayout()
        row.addRow(self.tr("Language"), self.language)
        layout.addLayout(row)
        self.demo.toggled.connect(lambda on: self.setFinalPage(on))
        self.demo.toggled.connect(lambda _on: self.completeChanged.emit())

    def nextId(self) -> int:
        return -1 if self.demo.isChecked() else super().nextId()


class CompanyPage(QWizardPage):
    def __init__(self):
        super().__init__()
        self.setTitle(self.tr("Your company"))
        self.setSubTitle(self.tr("As it appears on letters, statements and agreements. You can change it later in "
                             "Settings."))
        form = QFormLayout(self)
        self.name = QLineEdit()
        self.name.setObjectName("company_name")
        self.country = QComboBox()
        self.country.setObjectName("company_country")
        for code, name in COUNTRIES:
            self.country.addItem(f"{QCoreApplication.translate('FirstRun', name)} ({code})", code)
        self.tax_id = QLineEdit()
        self.tax_id.setObjectName("company_tax_id")
        self.tax_problem = QLabel()
        self.tax_problem.setObjectName("tax_id_problem")
        self.tax_problem.setWordWrap(True)
        self.tax_problem.setStyleSheet("color: #a33;")
        self.keep_tax_id = QCheckBox(self.tr("Keep it as typed"))
        self.keep_tax_id.setObjectName("keep_tax_id")
        self.currency = QComboBox()
        self.currency.setObjectName("company_currency")
        self.currency.setEditable(True)
        for code in ("PEN", "USD", "MXN", "COP", "CLP", "EUR", "ARS", "BOB"):
            self.currency.addItem(code)
        self.address = QLineEdit()
        self.address.setObjectName("company_address")
        self.email = QLineEdit()
        self.email.setObjectName("company_email")
        self.email.setPlaceholderText("cobranzas@miempresa.pe")
        self.logo = QLineEdit()
        self.logo.setObjectName("company_logo")
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self._choose_logo)
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.logo, 1)
        logo_row.addWidget(browse)
        self.problem = QLabel()
        self.problem.setObjectName("company_problem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #a33;")
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Country"), self.country)
        self.tax_label = QLabel(self.tr("Tax id"))
        form.addRow(self.tax_label, self.tax_id)
        form.addRow("", self.tax_problem)
        form.addRow("", self.keep_tax_id)
        form.addRow(self.tr("Currency"), self.currency)
        form.addRow(self.tr("Address"), self.address)
        form.addRow(self.tr("E-mail for replies"), self.email)
        form.addRow(self.tr("Logo (PNG or JPEG)"), logo_row)
        form.addRow(self.problem)
        self.registerField("company.name*", self.name)
        self.country.currentIndexChanged.connect(self._country_changed)
        self.tax_id.textChanged.connect(self._check_tax_id)
        self.keep_tax_id.toggled.connect(lambda _on: self.completeChanged.emit())
        self._country_changed()

    def country_code(self) -> str:
        return self.country.currentData()

    def _country_changed(self, *_args) -> None:
        code = self.country_code()
        self.tax_label.setText(check_tax_id(code, "").name if code in ("PE", "MX", "CO", "CL") else self.tr("Tax id"))
        currency = territory_currency(code)
        if currency:
            found = self.currency.findText(currency)
            if found < 0:
                self.currency.addItem(currency)
                found = self.currency.findText(currency)
            self.currency.setCurrentIndex(found)
        self._check_tax_id()

    def _check_tax_id(self, *_args) -> None:
        check = check_tax_id(self.country_code(), self.tax_id.text())
        # the ledger's reason is in English; the person typing needs only which number and what to do
        self.tax_problem.setText(self.tr("'%1' is not a valid %2: check it, or keep it as typed if you know it "
                                         "is right.").replace("%1", check.value).replace("%2", check.name)
                                 if check.problem else "")
        self.tax_problem.setVisible(bool(check.problem))
        self.keep_tax_id.setVisible(bool(check.problem))
        if not check.problem:
            self.keep_tax_id.setChecked(False)
        self.completeChanged.emit()

    def _choose_logo(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Logo"), str(Path.home()),
                                              self.tr("Images (*.png *.jpg *.jpeg)"))
        if path:
            self.logo.setText(path)

    def isComplete(self) -> bool:
        if not self.name.text().strip():
            return False
        return check_tax_id(self.country_code(), self.tax_id.text()).valid or self.keep_tax_id.isChecked()

    def values(self) -> dict:
        check = check_tax_id(self.country_code(), self.tax_id.text())
        country = self.country_code()
        values = {"name": self.name.text().strip(), "country": country,
                  "currency": self.currency.currentText().strip().upper(),
                  "locale": LOCALES.get(country, "es_PE"),
                  "tax_id": (check.value if check.valid else self.tax_id.text().strip()) or None,
                  "address": self.address.text().strip() or None,
                  "email": self.email.text().strip() or None,
                  "logo_path": self.logo.text().strip() or None}
        return values

    def validatePage(self) -> bool:
        values = self.values()
        try:
            if values["email"]:
                check_email(values["email"], field="email")
            from app.ledger.money import check_currency

            check_currency(values["currency"])
        except InvalidValueError as exc:
            self.problem.setText(str(exc))
            return False
        if values["logo_path"] and not Path(values["logo_path"]).is_file():
            self.problem.setText(self.tr("The logo file %1 does not exist; choose another or leave it empty.")
                                 .replace("%1", values["logo_path"]))
            return False
        self.problem.setText("")
        return True


class RemindersPage(QWizardPage):
    def __init__(self, company: CompanyPage):
        super().__init__()
        self.company_page = company
        self.setTitle(self.tr("Reminders and e-mail"))
        self.setSubTitle(self.tr("The contact rules say when a debtor may be contacted (hours, days, holidays, how "
                             "often), as the law of the country asks. E-mail can be set up now or later in "
                             "Settings."))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.rules = QComboBox()
        self.rules.setObjectName("contact_rules")
        for code in PROFILE_CODES:
            name = dict(COUNTRIES).get(code)
            label = (self.tr("Each customer's own country") if code == "default"
                     else f"{QCoreApplication.translate('FirstRun', name)} ({code})" if name else code)
            self.rules.addItem(label, "" if code == "default" else code)
        form.addRow(self.tr("Contact rules"), self.rules)
        layout.addLayout(form)
        self.smtp_box = QGroupBox(self.tr("Set up e-mail now"))
        self.smtp_box.setObjectName("smtp_now")
        self.smtp_box.setCheckable(True)
        self.smtp_box.setChecked(False)
        smtp = QFormLayout(self.smtp_box)
        self.host = QLineEdit()
        self.host.setObjectName("smtp_host")
        self.host.setPlaceholderText("smtp.gmail.com")
        self.security = QComboBox()
        self.security.setObjectName("smtp_security")
        self.security.addItem("STARTTLS", "starttls")
        self.security.addItem("SSL/TLS", "ssl")
        self.security.addItem(self.tr("None (local relay only: the password would travel in clear)"), "none")
        self.port = QSpinBox()
        self.port.setObjectName("smtp_port")
        self.port.setRange(1, 65535)
        self.port.setValue(587)
        self.security.currentIndexChanged.connect(
            lambda _i: self.port.setValue({"starttls": 587, "ssl": 465, "none": 25}[self.security.currentData()]))
        self.user = QLineEdit()
        self.user.setObjectName("smtp_user")
        self.password = QLineEdit()
        self.password.setObjectName("smtp_password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.sender = QLineEdit()
        self.sender.setObjectName("smtp_from")
        smtp.addRow(self.tr("Server"), self.host)
        smtp.addRow(self.tr("Security"), self.security)
        smtp.addRow(self.tr("Port"), self.port)
        smtp.addRow(self.tr("User"), self.user)
        smtp.addRow(self.tr("Password"), self.password)
        smtp.addRow(self.tr("Sender address"), self.sender)
        layout.addWidget(self.smtp_box)
        self.problem = QLabel()
        self.problem.setObjectName("smtp_problem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #a33;")
        layout.addWidget(self.problem)
        layout.addStretch(1)

    def initializePage(self) -> None:
        country = self.company_page.country_code()
        self.rules.setCurrentIndex(max(self.rules.findData(country if country in PROFILE_CODES else ""), 0))
        if not self.sender.text():
            self.sender.setText(self.company_page.email.text().strip())

    def smtp_values(self) -> dict:
        if not self.smtp_box.isChecked():
            return {}
        return {"smtp.host": self.host.text().strip(), "smtp.port": str(self.port.value()),
                "smtp.security": self.security.currentData(), "smtp.user": self.user.text().strip(),
                "smtp.from": self.sender.text().strip()}

    def validatePage(self) -> bool:
        try:
            for key, value in self.smtp_values().items():
                check_smtp_value(key, value)
        except EmailConfigError as exc:
            self.problem.setText(str(exc))
            return False
        self.problem.setText("")
        return True


class LocationPage(QWizardPage):
    def __init__(self):
        super().__init__()
        self.setTitle(self.tr("Where to keep the book"))
        self.setSubTitle(self.tr("One file holds all your data. Keep it in a folder that is backed up; an office "
                             "server (PostgreSQL) can be set up later."))
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.path = QLineEdit(str(config.default_database_path()))
        self.path.setObjectName("database_path")
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self._choose)
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        layout.addLayout(row)
        self.problem = QLabel()
        self.problem.setObjectName("location_problem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #a33;")
        layout.addWidget(self.problem)
        # then: the import wizard (app/ui/import_wizard.py) over the new book, or an empty book
        self.import_data = QRadioButton(self.tr("Then import my customers and invoices from a file (Excel or CSV)"))
        self.import_data.setObjectName("then_import")
        self.start_empty = QRadioButton(self.tr("Then start with an empty book"))
        self.start_empty.setObjectName("then_empty")
        self.start_empty.setChecked(True)
        layout.addWidget(self.import_data)
        layout.addWidget(self.start_empty)
        layout.addStretch(1)

    def _choose(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Keep the book in"), self.path.text(),
                                              self.tr("Cobranza book (*.sqlite)"))
        if path:
            self.path.setText(path if path.endswith(".sqlite") else path + ".sqlite")

    def validatePage(self) -> bool:
        path = Path(os.path.expanduser(self.path.text().strip()))
        if not self.path.text().strip():
            self.problem.setText(self.tr("Choose a file for the book."))
            return False
        if path.exists():
            self.problem.setText(self.tr("%1 already exists. Choose a new file name (to open an existing book, "
                                     "start Cobranza with --db).").replace("%1", str(path)))
            return False
        parent = path.parent
        while not parent.exists() and parent != parent.parent:
            parent = parent.parent
        if not os.access(parent, os.W_OK):
            self.problem.setText(self.tr("Cannot write in %1; choose a folder of yours.").replace("%1", str(parent)))
            return False
        self.problem.setText("")
        return True


def _carry_values(old: QWidget, new: QWidget) -> None:
    """What the user typed or chose on `old`, put on `new` (the same page built again in another language):
    fields are matched by object name."""
    for widget in old.findChildren(QWidget):
        name = widget.objectName()
        if not name or name == "language":
            continue
        twin = new.findChild(type(widget), name)
        if twin is None:
            continue
        if isinstance(widget, QLineEdit):
            twin.setText(widget.text())
        elif isinstance(widget, QComboBox):
            if widget.isEditable():
                twin.setCurrentText(widget.currentText())
            else:
                twin.setCurrentIndex(max(twin.findData(widget.currentData()), 0))
        elif isinstance(widget, QSpinBox):
            twin.setValue(widget.value())
        elif isinstance(widget, QGroupBox) and widget.isCheckable():
            twin.setChecked(widget.isChecked())
        elif isinstance(widget, (QCheckBox, QRadioButton)):
            twin.setChecked(widget.isChecked())


class FirstRunWizard(QWizard):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.start = StartPage()
        self.company = CompanyPage()
        self.reminders = RemindersPage(self.company)
        self.location = LocationPage()
        self._ids = [self.addPage(page) for page in (self.start, self.company, self.reminders, self.location)]
        self.start.language.currentIndexChanged.connect(self._language_chosen)
        self._retranslate_window()
        self.resize(640, 520)

    def _retranslate_window(self) -> None:
        self.setWindowTitle(self.tr("Cobranza: first start"))
        texts = {QWizard.WizardButton.BackButton: self.tr("< &Back"),
                 QWizard.WizardButton.NextButton: self.tr("&Next >"),
                 QWizard.WizardButton.FinishButton: self.tr("&Finish"),
                 QWizard.WizardButton.CancelButton: self.tr("Cancel")}
        for which, text in texts.items():
            self.setButtonText(which, text)

    def _language_chosen(self, _index: int) -> None:
        """The wizard speaks the language just chosen, at once: the translators are swapped and the pages
        built again in it, keeping what was already typed."""
        from PySide6.QtWidgets import QApplication

        from .i18n import current_language, install_translators

        language = self.start.language.currentData()
        if language == current_language():
            return
        install_translators(QApplication.instance(), language)
        self.retranslate()

    def retranslate(self) -> None:
        old = [self.start, self.company, self.reminders, self.location]
        self.start = StartPage()
        self.company = CompanyPage()
        self.reminders = RemindersPage(self.company)
        self.location = LocationPage()
        new = [self.start, self.company, self.reminders, self.location]
        for before, after in zip(old, new):
            _carry_values(before, after)
        for page_id, page in zip(self._ids, new):
            self.removePage(page_id)
            self.setPage(page_id, page)
        self.start.language.currentIndexChanged.connect(self._language_chosen)
        self._retranslate_window()
        for page in old:
            page.deleteLater()
        self.restart()  # the language is chosen on the start page: the user is there

    def choice(self) -> FirstRunChoice:
        language = self.start.language.currentData()
        if self.start.demo.isChecked():
            return FirstRunChoice("demo", str(demo_database_path()), language)
        return FirstRunChoice("company", os.path.expanduser(self.location.path.text().strip()), language,
                              company=self.company.values(), contact_country=self.reminders.rules.currentData(),
                              smtp=self.reminders.smtp_values(),
                              password=self.reminders.password.text() if self.reminders.smtp_box.isChecked() else "",
                              import_data=self.location.import_data.isChecked())


def ask_first_run(parent: QWidget | None = None) -> FirstRunChoice | None:
    wizard = FirstRunWizard(parent)
    return wizard.choice() if wizard.exec() == QWizard.DialogCode.Accepted else None


def remember(choice: FirstRunChoice) -> None:
    """The user's settings: the language, and the book (not the demo: the next start asks again)."""
    values = config.load_user_settings()
    values["language"] = choice.language
    if choice.mode == "company":
        values["database"] = choice.database
    config.save_user_settings(values)


def save_company_setup(session, choice: FirstRunChoice) -> str | None:
    """Store the wizard's company, contact rules and e-mail with the Settings dialog's function. A keyring
    that refuses the password does not lose the rest: it is saved without it and the reason is returned."""
    from app.reminders.settings import KeyringSaveError, save_settings

    try:
        with session.begin_nested():
            save_settings(session, company=choice.company, smtp=choice.smtp or None,
                          contact_country=choice.contact_country, password=choice.password or None)
    except KeyringSaveError as exc:
        save_settings(session, company=choice.company, smtp=choice.smtp or None,
                      contact_country=choice.contact_country)
        return str(exc)
    return None


def fill_demo(session, as_of) -> int:
    """The demo book `make run` opens: customers, 18 months of invoices and payments, and risk scores."""
    from app.collections.risk_snapshot import refresh_risk
    from app.demo import generate_demo

    summary = generate_demo(session, as_of=as_of, **DEMO_SIZE)
    refresh_risk(session, as_of=as_of)
    return summary.customers
