"""Translations are complete and used; settings save the company and the language; start-up errors are clear."""

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from app import config
from app.database import DatabaseError, session_factory
from app.ledger import company as company_api
from tests.factories import make_customer, make_invoice

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations" / "cobranza_es.ts"
QM = ROOT / "resources" / "translations" / "cobranza_es.qm"


def nav_text(window, key):
    return window.nav.item([s.key for s in window.specs].index(key)).text()


def messages(path):
    for ctx in ET.parse(path).getroot().iter("context"):
        for msg in ctx.iter("message"):
            yield ctx.find("name").text, msg


def test_every_source_string_has_a_spanish_translation():
    assert QM.exists()
    count = 0
    for context, msg in messages(TS):
        count += 1
        tr = msg.find("translation")
        source = msg.find("source").text
        assert tr.get("type") not in ("unfinished", "obsolete", "vanished"), (context, source)
        if msg.get("numerus") == "yes":
            forms = [f.text for f in tr.findall("numerusform")]
            assert forms and all(f and f.strip() for f in forms), (context, source)
        else:
            assert tr.text and tr.text.strip(), (context, source)
    assert count > 100


def test_english_plural_forms_are_filled():
    en = TS.with_name("cobranza_en.ts")
    assert en.with_suffix(".qm").exists()
    plurals = [m for _c, m in messages(en)]
    assert plurals and all(m.get("numerus") == "yes" for m in plurals)
    for msg in plurals:
        forms = [f.text for f in msg.find("translation").findall("numerusform")]
        assert len(forms) == 2 and all(forms), msg.find("source").text
    es_plurals = {m.find("source").text for _c, m in messages(TS) if m.get("numerus") == "yes"}
    assert es_plurals == {m.find("source").text for m in plurals}


def _lupdate() -> str | None:
    candidate = Path(sys.executable).parent / "pyside6-lupdate"
    return str(candidate) if candidate.exists() else shutil.which("pyside6-lupdate")


@pytest.mark.skipif(_lupdate() is None, reason="pyside6-lupdate not installed")
def test_the_ts_file_holds_every_string_of_the_source(tmp_path):
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(p) for p in (ROOT / "app" / "ui").rglob("*.py"))
    subprocess.run([_lupdate(), *sources, "-ts", str(fresh)], check=True, capture_output=True)
    wanted = {(c, m.find("source").text) for c, m in messages(fresh)}
    have = {(c, m.find("source").text) for c, m in messages(TS)}
    assert wanted - have == set(), "run scripts/update-translations.sh and translate the new strings"


def test_the_spanish_ui_shows_spanish_text(books, qapp, qtbot):
    from app.ui.app import create_main_window
    from app.ui.i18n import install_translators

    with session_factory(books, write=True)() as s, s.begin():
        make_customer(s)
        make_invoice(s, amount="1234.56")
    assert install_translators(qapp, "es")
    try:
        win = create_main_window(books)
        qtbot.addWidget(win)
        assert nav_text(win, "customers") == "Clientes"
        assert win.menuBar().actions()[0].text() == "&Archivo"
        view = win.view("customers")
        assert view.search.placeholderText().startswith("Buscar")
        model = view.model
        assert model.headerData(0, Qt.Orientation.Horizontal) == "Código"
        qtbot.waitUntil(lambda: model.rowCount() == 1)
        assert view.count.text() == "1 cliente"
        card = view.open_card("C001")
        qtbot.waitUntil(lambda: card.data is not None)
        assert card.btn_invoice.text() == "Nueva factura"
        assert card.tabs.tabText(0) == "Partidas pendientes (1)"
        card.close()
        win.ctx.runner.wait_for_done()
        from app.ui.errors import credit_reason_text

        assert credit_reason_text("An invoice is 180 days overdue (the limit is 60 days).") == \
            "Hay una factura con 180 días de atraso (el límite es 60 días)."
        assert credit_reason_text("Open items plus this invoice come to 2500.00 PEN, over the credit limit of "
                                  "100.00 PEN.").startswith("Las partidas pendientes más esta factura suman 2500.00 PEN")
        assert credit_reason_text("Something new.") == "Something new."
    finally:
        install_translators(qapp, "en")


def test_settings_save_the_company_and_switch_language_live(window, qtbot, qapp):
    dialog = window.open_settings()
    qtbot.waitUntil(lambda: dialog.loaded)
    assert dialog.name.text() == "Distribuidora Andina S.A.C."
    dialog.locale.setCurrentText("es_CO")
    dialog.tax_id.setText("20601234567")
    dialog.language.setCurrentIndex(dialog.language.findData("es"))
    try:
        with qtbot.waitSignal(window.language_changed, timeout=5000):
            dialog.buttons.accepted.emit()
        assert config.load_user_settings()["language"] == "es"
        assert nav_text(window, "customers") == "Clientes"
        assert window.ctx.formatter.locale == "es_CO"
        assert window.ctx.formatter.money(123456, "PEN").endswith("1.234,56")
        with window.ctx.sessions() as s:
            saved = company_api.get_company(s)
        assert (saved.locale, saved.tax_id) == ("es_CO", "20601234567")
    finally:
        from app.ui.i18n import install_translators

        install_translators(qapp, "en")


def test_settings_show_a_bad_locale_next_to_the_field(window, qtbot):
    dialog = window.open_settings()
    qtbot.waitUntil(lambda: dialog.loaded)
    dialog.locale.setCurrentText("xx_YY")
    dialog.buttons.accepted.emit()
    label = dialog.form.error_label("locale")
    qtbot.waitUntil(label.isVisible)
    assert "locale" in label.text()
    dialog.reject()


def test_run_gui_explains_a_database_that_cannot_be_opened(qapp_en, monkeypatch):
    from app.ui import app as ui_app

    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append(text))

    def broken(db):
        raise DatabaseError("Could not upgrade the database schema: disk full.")

    monkeypatch.setattr(ui_app, "open_database", broken)
    assert ui_app.run_gui("/nowhere/x.sqlite") == 1
    assert "could not be opened" in shown[0] and "disk full" in shown[0]


def test_ui_language_follows_the_system_locale_until_chosen(monkeypatch):
    monkeypatch.setenv("LC_ALL", "es_PE.UTF-8")
    assert config.ui_language() == "es"
    monkeypatch.setenv("LC_ALL", "en_US.UTF-8")
    assert config.ui_language() == "en"
    config.save_user_settings({"language": "es"})
    assert config.ui_language() == "es"


def test_the_shared_entry_dialog_strings_are_spanish_in_every_dialog(ctx, qapp, qtbot):
    """The customer lookup lives in CustomerDocumentDialog; its words are translated for the invoice and
    the payment dialogs built on it."""
    from PySide6.QtWidgets import QLabel

    from app.ui.dialogs.invoice import InvoiceDialog
    from app.ui.dialogs.payment import PaymentDialog
    from app.ui.i18n import install_translators

    assert install_translators(qapp, "es")
    try:
        for kind in (InvoiceDialog, PaymentDialog):
            dialog = kind(ctx, customer_code="NOBODY")
            qtbot.addWidget(dialog)
            qtbot.waitUntil(lambda: dialog.customer_name.text() != "")
            assert dialog.customer_name.text() == "No hay ningún cliente con este código"
            assert any(label.text().startswith("Cliente") for label in dialog.findChildren(QLabel))
    finally:
        install_translators(qapp, "en")
