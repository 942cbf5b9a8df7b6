"""The first start with no database: the wizard sets up the company (tax id checked for its country,
contact rules, e-mail) in a file the user chose, or opens a demo in a separate file."""

from __future__ import annotations

import keyring
import pytest
from PySide6.QtWidgets import QWizard

from app import config
from app.database import open_database, session_factory
from app.ledger import get_company
from app.ledger.tax_ids import check_tax_id
from app.reminders.settings import get_setting_value

from .conftest import wait_idle


@pytest.mark.parametrize("country, typed, stored", [
    ("PE", " 20100047218 ", "20100047218"),
    ("CO", "900373913-4", "900.373.913-4"),
    ("CL", "760864285", "76.086.428-5"),
    ("MX", "gode561231gr8", "GODE561231GR8"),
])
def test_valid_tax_ids_are_normalised_for_their_country(country, typed, stored):
    check = check_tax_id(country, typed)
    assert check.valid and check.value == stored


@pytest.mark.parametrize("country, typed, name", [("PE", "20100047219", "RUC"), ("CO", "9003739135", "NIT"),
                                                   ("CL", "76.086.428-6", "RUT"), ("MX", "XXX", "RFC")])
def test_a_wrong_check_digit_or_length_is_named(country, typed, name):
    check = check_tax_id(country, typed)
    assert not check.valid
    assert check.problem.startswith(f"'{typed}' is not a valid {name} (")


def test_a_country_stdnum_does_not_know_is_not_checked():
    assert check_tax_id("ZZ", "anything").valid


@pytest.fixture
def wizard(qapp_en, qtbot):
    from app.ui.first_run import FirstRunWizard

    w = FirstRunWizard()
    qtbot.addWidget(w)
    w.show()
    return w


def _next(wizard):
    button = wizard.button(QWizard.WizardButton.NextButton)
    assert button.isEnabled()
    before = wizard.currentId()
    wizard.next()
    return wizard.currentId() != before


def test_first_run_is_needed_only_without_any_book(tmp_path, monkeypatch):
    from app.ui.first_run import first_run_needed

    assert first_run_needed()
    monkeypatch.setenv("COBRANZA_DB", str(tmp_path / "x.sqlite"))
    assert not first_run_needed()
    monkeypatch.delenv("COBRANZA_DB")
    config.save_user_settings({"database": str(tmp_path / "mine.sqlite")})
    assert not first_run_needed()


def test_company_setup_through_the_wizard(wizard, qtbot, tmp_path):
    from app.ui.app import apply_company_setup
    from app.ui.first_run import remember

    page = wizard.company
    assert _next(wizard)  # start page: "set up my company" is the default
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    assert not next_button.isEnabled()  # no name yet
    page.name.insert("Ferretería El Tornillo S.A.C.")  # QTest types ASCII only
    page.country.setCurrentIndex(page.country.findData("PE"))
    assert page.currency.currentText() == "PEN"
    qtbot.keyClicks(page.tax_id, "20100047219")  # one digit wrong
    assert not next_button.isEnabled()
    assert "is not a valid RUC" in page.tax_problem.text()
    page.tax_id.clear()
    qtbot.keyClicks(page.tax_id, "20100047218")
    assert next_button.isEnabled() and page.tax_problem.text() == ""
    qtbot.keyClicks(page.email, "cobranzas@tornillo.pe, gerencia@tornillo.pe")  # two addresses in one field
    assert not _next(wizard)
    assert page.problem.text()
    page.email.clear()
    qtbot.keyClicks(page.email, "cobranzas@tornillo.pe")
    assert _next(wizard)
    rem = wizard.reminders
    assert rem.rules.currentData() == "PE"  # the company's country
    assert rem.sender.text() == "cobranzas@tornillo.pe"
    rem.smtp_box.setChecked(True)
    assert not _next(wizard)  # no server typed
    assert "smtp.host" in rem.problem.text()
    qtbot.keyClicks(rem.host, "smtp.tornillo.pe")
    qtbot.keyClicks(rem.user, "cobranzas")
    qtbot.keyClicks(rem.password, "s3creta")
    assert _next(wizard)
    book = tmp_path / "libros" / "tornillo.sqlite"
    wizard.location.path.setText(str(book))
    choice = wizard.choice()
    assert choice.mode == "company" and choice.database == str(book)

    remember(choice)
    engine = open_database(choice.database)
    assert apply_company_setup(engine, choice) is None
    with session_factory(engine)() as s:
        company = get_company(s)
        assert (company.name, company.tax_id, company.country, company.currency, company.locale) == (
            "Ferretería El Tornillo S.A.C.", "20100047218", "PE", "PEN", "es_PE")
        assert get_setting_value(s, "contact_rules.country") == "PE"
        assert get_setting_value(s, "smtp.host") == "smtp.tornillo.pe"
        assert get_setting_value(s, "smtp.port") == "587"
    assert keyring.get_password("cobranza", "smtp") == "s3creta"
    # the next start opens that book without asking: the CLI too
    assert config.database_url(None) == f"sqlite:///{book}"
    engine.dispose()


def test_a_typed_tax_id_can_be_kept_when_the_user_knows_better(wizard, qtbot):
    page = wizard.company
    wizard.next()
    qtbot.keyClicks(page.name, "Importadora del Norte")
    page.country.setCurrentIndex(page.country.findData("CO"))
    qtbot.keyClicks(page.tax_id, "9003739135")
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    page.keep_tax_id.setChecked(True)
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    assert page.values()["tax_id"] == "9003739135" and page.values()["currency"] == "COP"


def test_an_existing_file_is_not_overwritten(wizard, qtbot, tmp_path):
    wizard.next()
    qtbot.keyClicks(wizard.company.name, "X")
    wizard.next()
    wizard.next()
    taken = tmp_path / "taken.sqlite"
    taken.write_bytes(b"mine")
    wizard.location.path.setText(str(taken))
    assert not wizard.location.validatePage()
    assert "already exists" in wizard.location.problem.text()
    assert taken.read_bytes() == b"mine"


def test_the_demo_opens_in_its_own_file_and_fills_while_the_window_is_open(wizard, qtbot, qapp_en):
    from app.ui.app import create_main_window, fill_demo_in_background
    from app.ui.first_run import demo_database_path, remember

    wizard.start.demo.setChecked(True)
    assert wizard.start.isFinalPage()
    choice = wizard.choice()
    assert choice.mode == "demo" and choice.database == str(demo_database_path())
    remember(choice)
    assert "database" not in config.load_user_settings()  # the next start asks again
    engine = open_database(choice.database)
    window = create_main_window(engine)
    qtbot.addWidget(window)
    window.show()
    fill_demo_in_background(window)
    wait_idle(qtbot, window.ctx.runner, timeout=120000)
    assert window.ctx.company_name == "Distribuidora Andina S.A.C."
    assert "Demo ready: 300 customers." in window.statusBar().currentMessage()
    window.ctx.runner.wait_for_done()
    engine.dispose()


def test_a_remembered_book_that_is_gone_is_reported_not_recreated_empty(tmp_path, monkeypatch):
    from app.ui.first_run import first_run_needed, missing_book

    book = tmp_path / "usb" / "libros.sqlite"
    config.save_user_settings({"database": str(book)})
    assert missing_book() == book and not first_run_needed()
    book.parent.mkdir()
    book.write_bytes(b"")
    assert missing_book() is None
    monkeypatch.setenv("COBRANZA_DB", str(tmp_path / "other.sqlite"))  # named explicitly: not our question
    book.unlink()
    assert missing_book() is None


def test_choosing_the_language_retranslates_the_wizard_at_once_keeping_what_was_typed(wizard, qtbot):
    from app.ui.i18n import current_language

    assert wizard.start.title() == "Welcome to Cobranza"
    wizard.start.demo.setChecked(True)
    wizard.start.company.setChecked(True)
    wizard.next()
    wizard.company.address.setText("Av. Argentina 1450, Lima")
    wizard.company.country.setCurrentIndex(wizard.company.country.findData("CO"))
    wizard.back()
    spanish = wizard.start.language.findData("es")
    wizard.start.language.setCurrentIndex(spanish)
    assert current_language() == "es"
    assert wizard.start.title() == "Bienvenido a Cobranza"
    assert wizard.windowTitle() == "Cobranza: primer inicio"
    assert wizard.start.company.text() == "Configurar mi empresa" and wizard.start.company.isChecked()
    assert wizard.start.language.currentData() == "es"
    assert wizard.buttonText(QWizard.WizardButton.NextButton) == "&Siguiente >"
    assert wizard.currentPage() is wizard.start
    wizard.next()
    assert wizard.company.title() == "Su empresa"
    assert wizard.company.address.text() == "Av. Argentina 1450, Lima"
    assert wizard.company.country_code() == "CO" and wizard.company.currency.currentText() == "COP"
    assert wizard.company.tax_label.text() == "NIT"
    assert wizard.company.country.currentText() == "Colombia (CO)"
    wizard.back()
    wizard.start.language.setCurrentIndex(wizard.start.language.findData("en"))
    assert wizard.start.title() == "Welcome to Cobranza" and current_language() == "en"
    assert wizard.buttonText(QWizard.WizardButton.NextButton) == "&Next >"
