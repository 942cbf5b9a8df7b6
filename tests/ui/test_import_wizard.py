"""File → Import…: the wizard driven as a user would, on messy files written here; what it imported is read
back from the database."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWizard
from sqlalchemy import func, select

from app.database import session_factory
from app.models import Customer, Invoice

from .conftest import wait_idle


def _next(wizard, qtbot):
    """Press Next (or Import on the commit page) once it is enabled; the page it lands on."""
    before = wizard.currentPage()
    button = wizard.button(QWizard.WizardButton.CommitButton if before.isCommitPage()
                           else QWizard.WizardButton.NextButton)
    qtbot.waitUntil(button.isEnabled, timeout=10000)
    wizard.next()
    assert wizard.currentPage() is not before, getattr(before, "problem", before.status).text()
    return wizard.currentPage()


def _open(window, qtbot, path: Path, kind: str):
    window.act_import.trigger()
    wizard = window.findChild(QWizard, "import_wizard")
    assert wizard is not None and wizard.isVisible()
    wizard.file_page.path.setText(str(path))
    wizard.file_page.kind.setCurrentIndex(wizard.file_page.kind.findData(kind))
    return wizard


def _count(engine, model) -> int:
    with session_factory(engine)() as s:
        return s.scalar(select(func.count()).select_from(model))


def test_customers_from_a_csv_file_through_every_page(window, books, qtbot, tmp_path):
    path = tmp_path / "clientes.csv"
    path.write_text("code,name,tax_id,email\nC001,Ferretería Rivera S.A.C.,20100047218,pagos@rivera.pe\n"
                    "C002,Bodega Santa Rosa,,\n", encoding="utf-8")
    wizard = _open(window, qtbot, path, "customers")
    page = _next(wizard, qtbot)
    assert page is wizard.read_page
    wait_idle(qtbot, window.ctx.runner)
    assert page.isComplete(), page.status.text()
    assert page.sample.rowCount() == 2 and page.sample.item(0, 1).text() == "Ferretería Rivera S.A.C."
    page = _next(wizard, qtbot)
    assert page is wizard.mapping_page
    assert page.mapping() == {"code": "code", "name": "name", "tax_id": "tax_id", "email": "email"}
    page = _next(wizard, qtbot)
    assert page is wizard.check_page
    qtbot.waitUntil(page.isComplete)
    assert page.import_all.isChecked() and not page.problems.isVisible()
    page = _next(wizard, qtbot)
    assert page is wizard.done_page
    with qtbot.waitSignal(wizard.imported, timeout=10000) as signal:
        pass
    assert signal.args[0].imported == 2
    wait_idle(qtbot, window.ctx.runner)
    assert _count(books, Customer) == 2
    assert "2" in page.status.text()


def test_a_bad_row_is_named_and_nothing_is_written(window, books, qtbot, tmp_path):
    path = tmp_path / "clientes.csv"
    path.write_text("code,name\nC001,Rivera\nC002,\nC001,Otra vez\n", encoding="utf-8")
    wizard = _open(window, qtbot, path, "customers")
    _next(wizard, qtbot)
    _next(wizard, qtbot)
    page = _next(wizard, qtbot)
    qtbot.waitUntil(lambda: page.problems.rowCount() > 0, timeout=10000)
    rows = {page.problems.item(r, 0).text(): page.problems.item(r, 2).text() for r in range(page.problems.rowCount())}
    assert set(rows) == {"3", "4"}
    assert "empty" in rows["3"] and "duplicate" in rows["4"]
    assert not page.import_all.isEnabled()
    assert _count(books, Customer) == 0


def test_the_empty_customers_page_offers_the_import(window, qtbot):
    view = window.show_view("customers")
    qtbot.waitUntil(lambda: view.empty.isVisible(), timeout=10000)
    button = next(b for b in view.empty.buttons if b.text() == "Import a file…")
    button.click()
    wizard = window.findChild(QWizard, "import_wizard")
    assert wizard is not None and wizard.isVisible()
    wizard.reject()


def test_the_first_start_can_go_on_to_import_my_data(qapp_en, qtbot, tmp_path):
    from app.ui.first_run import FirstRunWizard

    first = FirstRunWizard()
    qtbot.addWidget(first)
    first.show()
    first.next()
    first.company.name.setText("Ferretería El Tornillo S.A.C.")
    first.next()
    first.next()
    assert first.currentPage() is first.location
    first.location.path.setText(str(tmp_path / "libro.sqlite"))
    assert first.location.start_empty.isChecked() and not first.choice().import_data
    first.location.import_data.setChecked(True)
    assert first.choice().import_data
