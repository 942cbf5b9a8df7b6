"""File → Import…: the wizard driven as a user would, on messy files written here the way real exports look
(a Spanish CSV in Windows-1252 with semicolons, title rows and a totals row; an XLSX with a merged title cell
and bad rows; headers nobody detects); what it imported is read back from the database and the files."""

from __future__ import annotations

import csv
import threading
import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard
from sqlalchemy import func, select

from app import ledger
from app.database import session_factory
from app.importing.api import list_mappings
from app.models import Customer, Invoice

from .conftest import wait_idle


def _next(wizard, qtbot):
    """Press Next (Import on the commit page) once it is enabled; the page it lands on."""
    before = wizard.currentPage()
    button = wizard.button(QWizard.WizardButton.CommitButton if before.isCommitPage()
                           else QWizard.WizardButton.NextButton)
    qtbot.waitUntil(button.isEnabled, timeout=10000)
    button.click()
    qtbot.waitUntil(lambda: wizard.currentPage() is not before, timeout=10000)
    return wizard.currentPage()


def _open(window, path: Path, kind: str):
    window.act_import.trigger()
    shown = [w for w in window.findChildren(QWizard, "import_wizard") if w.isVisible()]
    assert len(shown) == 1
    wizard = shown[0]
    wizard.file_page.path.setText(str(path))
    wizard.file_page.kind.setCurrentIndex(wizard.file_page.kind.findData(kind))
    return wizard


def _ready(page, qtbot):
    qtbot.waitUntil(page.isComplete, timeout=10000)
    return page


def _finish(wizard, window, qtbot):
    """Import on the check page; the import's result once the last page shows it."""
    with qtbot.waitSignal(wizard.imported, timeout=20000) as signal:
        page = _next(wizard, qtbot)
    assert page is wizard.done_page
    wait_idle(qtbot, window.ctx.runner)
    return signal.args[0]


def _count(engine, model) -> int:
    with session_factory(engine)() as s:
        return s.scalar(select(func.count()).select_from(model))


def _customers(engine, *codes) -> None:
    with session_factory(engine, write=True)() as s, s.begin():
        for code in codes:
            ledger.create_customer(s, code=code, name=f"Cliente {code}", currency="PEN")


def _table_rows(view) -> list[list[str]]:
    model = view.model()
    return [[model.index(r, c).data() or "" for c in range(model.columnCount())] for r in range(model.rowCount())]


SALES_REGISTER = (
    "DISTRIBUIDORA ANDINA S.A.C.;;;;;;;\r\n"
    "Registro de Ventas - Mayo 2026;;;;;;;\r\n"
    ";;;;;;;\r\n"
    "Cód. cliente;Razón social;Serie;Número;Fecha de emisión;Vencimiento;Importe total;Observada\r\n"
    "C001;Ferretería Rivera S.A.C.;F001;120;05/05/2026;04/06/2026;1.234,56;No\r\n"
    "C002;Bodega Santa Rosa;F001;121;06/05/2026;05/06/2026;980,00;Sí\r\n"
    "C001;Ferretería Rivera S.A.C.;F001;122;20/05/2026;19/06/2026;15.000,00;no\r\n"
    ";;;;;TOTAL;17.214,56;\r\n"
)


def test_a_spanish_sales_register_in_windows_1252_through_every_page(window, books, qtbot, tmp_path):
    _customers(books, "C001", "C002")
    path = tmp_path / "registro_ventas_mayo.csv"
    path.write_bytes(SALES_REGISTER.encode("cp1252"))
    wizard = _open(window, path, "invoices")

    page = _ready(_next(wizard, qtbot), qtbot)
    assert page is wizard.read_page
    assert wizard.state.table.header_line == 4  # the title rows were left out, and said so
    assert "Line 1 left out" in page.status.text()
    assert page.sample.model().headerData(1, Qt.Orientation.Horizontal) == "Razón social"  # the accents read right
    assert _table_rows(page.sample)[0][1] == "Ferretería Rivera S.A.C."
    assert page.sample.model().rowCount() == 3  # the totals row is not a row
    assert wizard.state.table.streamed  # read as it goes, never held whole (a file of millions of rows)

    page = _next(wizard, qtbot)
    assert page is wizard.mapping_page
    assert page.mapping().as_dict() == {
        "Cód. cliente": "customer_code", "Razón social": "customer_name", "Serie": "series", "Número": "number",
        "Fecha de emisión": "issue_date", "Vencimiento": "due_date", "Importe total": "amount",
        "Observada": "disputed"}
    qtbot.keyClicks(page.save_name, "Contasis ventas")
    assert page.save.isChecked()

    page = _ready(_next(wizard, qtbot), qtbot)
    assert page is wizard.check_page
    assert page.import_all.isChecked() and page.import_all.isEnabled()
    assert page.problems.model().rowCount() == 0 and page.tabs.currentWidget() is page.changes
    changes = _table_rows(page.changes)
    assert [row[2] for row in changes if row[1] == "new"] == ["F001-120", "F001-121", "F001-122"]

    result = _finish(wizard, window, qtbot)
    assert result.ok and result.imported == 3
    view = window.show_view("customers")  # the pages concerned reload: the balances now count the invoices
    qtbot.waitUntil(lambda: view.model.rowCount() == 2 and all(view.model.row(r).balances for r in range(2)),
                    timeout=10000)
    assert "Imported: 3 rows" in wizard.done_page.status.text()
    with session_factory(books)() as s:
        invoices = {i.number: i for i in s.scalars(select(Invoice))}
        assert invoices["F001-120"].total_minor == 123456 and invoices["F001-122"].total_minor == 1500000
        assert invoices["F001-121"].issue_date == dt.date(2026, 5, 6)
        assert invoices["F001-121"].disputed and not invoices["F001-120"].disputed  # "Observada: Sí"
        saved = {m.name: m for m in list_mappings(s)}
    assert saved["Contasis ventas"].mapping.as_dict()["Número"] == "number"


def test_importing_the_same_file_again_changes_nothing(window, books, qtbot, tmp_path):
    _customers(books, "C001", "C002")
    path = tmp_path / "ventas.csv"
    path.write_bytes(SALES_REGISTER.encode("cp1252"))
    for attempt in range(2):
        wizard = _open(window, path, "invoices")
        _ready(_next(wizard, qtbot), qtbot)
        _next(wizard, qtbot)
        page = _ready(_next(wizard, qtbot), qtbot)
        actions = {row[1] for row in _table_rows(page.changes)}
        result = _finish(wizard, window, qtbot)
        assert result.ok
        wizard.close()
    assert actions == {"already imported, unchanged"}
    assert _count(books, Invoice) == 3


def _messy_workbook(path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Resumen"
    data = book.create_sheet("Clientes")
    data["A1"] = "Cartera de clientes 2026"
    data.merge_cells("A1:D1")
    data.append([])
    data.append(["Código", "Razón social", "RUC", "Correo"])
    data.append(["C010", "Textiles Gamarra S.A.C.", "20100047218", "pagos@gamarra.pe"])
    data.append(["C011", "", "20100047218", ""])  # no name
    data.append(["C012", "Agroexportadora Norte Chico", "", "cobranzas@@norte"])  # bad e-mail
    data.append(["C013", "Librería Vallejo E.I.R.L.", "", ""])
    book.save(path)


def test_bad_rows_are_named_and_the_good_ones_imported_with_a_file_of_the_rejected(window, books, qtbot, tmp_path):
    path = tmp_path / "cartera.xlsx"
    _messy_workbook(path)
    wizard = _open(window, path, "customers")
    page = _next(wizard, qtbot)
    qtbot.waitUntil(lambda: page.sheet.count() == 2, timeout=10000)
    assert [page.sheet.itemText(i) for i in range(page.sheet.count())] == ["Resumen", "Clientes"]
    assert not page.isComplete() and "cannot be read" in page.status.text()  # the first sheet holds no table
    page.sheet.setCurrentIndex(page.sheet.findData("Clientes"))
    qtbot.waitUntil(lambda: page.isComplete() and wizard.state.table.sheet == "Clientes", timeout=10000)
    assert wizard.state.table.headers == ["Código", "Razón social", "RUC", "Correo"]
    page = _next(wizard, qtbot)
    assert page.mapping().as_dict() == {"Código": "code", "Razón social": "name", "RUC": "tax_id",
                                        "Correo": "email"}
    page = _ready(_next(wizard, qtbot), qtbot)
    problems = _table_rows(page.problems)
    assert {row[0] for row in problems} == {"5", "6"}  # the sheet's own row numbers
    assert any(row[0] == "5" and row[1] == "Razón social" for row in problems)
    assert any(row[0] == "6" and row[1] == "Correo" for row in problems)
    assert not page.import_all.isEnabled()
    assert page.import_valid.isChecked() and page.rejected.isEnabled()
    rejected = tmp_path / "rechazadas.csv"
    page.rejected.setText(str(rejected))
    assert _count(books, Customer) == 0  # nothing written by the check

    result = _finish(wizard, window, qtbot)
    assert result.imported == 2 and result.rejected == 2
    with session_factory(books)() as s:
        assert set(s.scalars(select(Customer.code))) == {"C010", "C013"}
    with rejected.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert [r[0] for r in rows[1:]] == ["C011", "C012"]
    assert str(rejected) in wizard.done_page.details.text()
    assert wizard.done_page.open_rejected.isVisible()


def test_columns_nobody_detects_are_chosen_by_hand_and_reused_by_name(window, books, qtbot, tmp_path):
    _customers(books, "C001")
    path = tmp_path / "pagos.csv"
    path.write_text("Cli\tDía\tS/\tOp\nC001\t2026-06-01\t250.00\tOP-1\n", encoding="utf-8-sig")  # Excel's BOM
    wizard = _open(window, path, "payments")
    _ready(_next(wizard, qtbot), qtbot)
    page = _next(wizard, qtbot)
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    assert not next_button.isEnabled()
    assert "Choose a column for" in page.problem.text()
    for row, name in enumerate(("customer_code", "date", "amount", "reference")):
        combo = page.combos[row]
        combo.setCurrentIndex(combo.findData(name))
    assert next_button.isEnabled() and page.problem.text() == ""
    page.combos[3].setCurrentIndex(page.combos[3].findData("amount"))  # two columns for one field
    assert not next_button.isEnabled() and "amount" in page.problem.text()
    page.combos[3].setCurrentIndex(page.combos[3].findData("reference"))
    page.save_name.setText("Banco pagos")
    page = _ready(_next(wizard, qtbot), qtbot)
    assert page is wizard.check_page
    wizard.reject()
    wait_idle(qtbot, window.ctx.runner)

    again = _open(window, path, "payments")
    qtbot.waitUntil(lambda: again.file_page.saved.count() == 2, timeout=10000)
    again.file_page.select_saved("Banco pagos")
    _ready(_next(again, qtbot), qtbot)
    page = _next(again, qtbot)
    assert page.mapping().as_dict() == {"Cli": "customer_code", "Día": "date", "S/": "amount", "Op": "reference"}
    page = _ready(_next(again, qtbot), qtbot)
    result = _finish(again, window, qtbot)
    assert result.ok and result.imported == 1


@pytest.mark.parametrize("name, content", [("vacio.csv", b""), ("ventas.xlsx", b"code;name\nC001;Rivera\n")])
def test_a_file_that_cannot_be_read_says_why_and_goes_no_further(window, qtbot, tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    wizard = _open(window, path, "customers")
    page = _next(wizard, qtbot)
    wait_idle(qtbot, window.ctx.runner)
    assert not page.isComplete()
    assert page.status.text().startswith("The file cannot be read")


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


def test_cancel_during_the_import_writes_nothing(window, books, qtbot, tmp_path):
    path = tmp_path / "clientes.csv"
    path.write_text("Código;Razón social\n" + "".join(f"K{i:04d};Cliente {i}\n" for i in range(250)),
                    encoding="utf-8")
    wizard = _open(window, path, "customers")
    _ready(_next(wizard, qtbot), qtbot)
    _next(wizard, qtbot)
    _ready(_next(wizard, qtbot), qtbot)
    # the one writer is kept busy, so Cancel is pressed before the import's first 100 rows are written
    release = threading.Event()
    window.ctx.runner.write(lambda _session: release.wait(10))
    wizard.button(QWizard.WizardButton.CommitButton).click()
    page = wizard.done_page
    assert page.cancel.isVisible() and page.cancel.isEnabled()
    wizard.reject()  # Escape while importing is Cancel: the wizard stays open to say what happened
    assert wizard.isVisible() and not page.cancel.isEnabled()
    with qtbot.waitSignal(wizard.imported, timeout=20000) as signal:
        release.set()
    assert signal.args[0].cancelled
    assert "nothing was imported" in page.status.text()
    assert wizard.button(QWizard.WizardButton.FinishButton).isEnabled()
    wait_idle(qtbot, window.ctx.runner)
    assert _count(books, Customer) == 0


def fits(wizard) -> None:
    """The page on a 1366×768 laptop in Spanish (the longer language): inside the screen, nothing cut."""
    from .test_small_screen import SCREEN_W, USABLE_H, cut_widgets

    assert wizard.frameGeometry().width() <= SCREEN_W and wizard.frameGeometry().height() <= USABLE_H
    assert cut_widgets(wizard) == []


def test_the_wizard_speaks_spanish_and_fits_a_small_screen(books, qapp, qtbot, tmp_path):
    from app.ui.app import create_main_window
    from app.ui.i18n import install_translators

    install_translators(qapp, "es")
    try:
        win = create_main_window(books)
        qtbot.addWidget(win)
        win.show()
        path = tmp_path / "clientes.csv"
        path.write_text("Código,Razón social\nC001,Ferretería Rivera\n", encoding="utf-8")
        wizard = win.import_file(kind="customers", path=str(path))
        assert wizard.windowTitle() == "Importar desde un archivo"
        assert wizard.file_page.kind.currentText() == "Clientes"
        fits(wizard)
        page = _ready(_next(wizard, qtbot), qtbot)
        assert page.status.text().startswith("1 fila de datos leída")
        fits(wizard)
        page = _next(wizard, qtbot)
        assert page.combos[1].currentText() == "Nombre o razón social *"
        fits(wizard)
        page = _ready(_next(wizard, qtbot), qtbot)
        assert page.rejected.text().endswith("clientes-rechazadas.csv")
        fits(wizard)
        _finish(wizard, win, qtbot)
        assert wizard.done_page.details.text() == "Nuevos: 1"
        fits(wizard)
        win.ctx.runner.wait_for_done()
    finally:
        install_translators(qapp, "en")


def test_invoices_can_create_their_customers_and_an_overpayment_is_a_note(window, books, qtbot, tmp_path):
    path = tmp_path / "facturas.csv"
    path.write_text("Cliente,Nombre del cliente,Número,Fecha,Monto\n"
                    "N01,Panadería Huallaga,F005-1,2026-06-01,500.00\n"
                    "N02,Transportes Misti,F005-2,2026-06-02,700.00\n", encoding="utf-8")
    wizard = _open(window, path, "invoices")
    _ready(_next(wizard, qtbot), qtbot)
    page = _next(wizard, qtbot)
    assert page.create_customers.isVisible() and not page.create_customers.isChecked()
    page = _next(wizard, qtbot)
    qtbot.waitUntil(lambda: page.problems.model().rowCount() == 2, timeout=10000)
    assert {row[0] for row in _table_rows(page.problems)} == {"2", "3"}  # unknown customers
    assert "No row can be imported" in page.status.text() and not page.isComplete()
    wizard.back()
    wizard.mapping_page.create_customers.setChecked(True)
    page = _ready(_next(wizard, qtbot), qtbot)
    assert page.problems.model().rowCount() == 0
    assert {(row[1], row[2]) for row in _table_rows(page.changes)} >= {("new customer", "N01"), ("new customer", "N02")}
    assert _finish(wizard, window, qtbot).ok
    with session_factory(books)() as s:
        assert dict(s.execute(select(Customer.code, Customer.name)).all()) == {"N01": "Panadería Huallaga",
                                                                        "N02": "Transportes Misti"}
    wizard.close()

    payments = tmp_path / "pagos.csv"
    payments.write_text("Cliente;Fecha de pago;Importe;Factura\nN01;2026-06-20;650,00;F005-1\n", encoding="utf-8")
    wizard = _open(window, payments, "payments")
    _ready(_next(wizard, qtbot), qtbot)
    _next(wizard, qtbot)
    page = _ready(_next(wizard, qtbot), qtbot)
    notes = _table_rows(page.warnings)
    assert len(notes) == 1 and notes[0][0] == "2" and "unapplied credit" in notes[0][2]
    assert page.tabs.tabText(2) == "Notes (1)"
    assert _finish(wizard, window, qtbot).ok
    assert "unapplied credit" in wizard.done_page.details.text()


def test_old_invoices_need_the_far_dates_box(window, books, qtbot, tmp_path):
    _customers(books, "C001")
    path = tmp_path / "historico.csv"
    path.write_text("number,customer_code,issue_date,amount\nF001-9,C001,2024-01-15,100.00\n", encoding="utf-8")
    wizard = _open(window, path, "invoices")
    _ready(_next(wizard, qtbot), qtbot)
    _next(wizard, qtbot)
    page = _next(wizard, qtbot)
    qtbot.waitUntil(lambda: page.problems.model().rowCount() == 1, timeout=10000)
    assert _table_rows(page.problems)[0][:2] == ["2", "issue_date"]
    wizard.back()
    wizard.back()
    wizard.read_page.far_dates.setChecked(True)
    _next(wizard, qtbot)
    page = _ready(_next(wizard, qtbot), qtbot)
    assert page.problems.model().rowCount() == 0 and page.import_all.isChecked()
    assert _finish(wizard, window, qtbot).imported == 1


def test_the_lists_model_passes_the_model_tester(qtmodeltester):
    from app.ui.tablemodels.import_rows import TextRowsModel

    model = TextRowsModel(["Line", "Column", "Problem"])
    model.set_rows([(4, "Fecha de emisión", "'31/02/2026' is not a valid date as dd/mm/yyyy"), (7, "RUC", "")])
    qtmodeltester.check(model)
    assert model.index(0, 2).data(Qt.ItemDataRole.ToolTipRole).startswith("'31/02/2026'")
    model.set_headers(["Código", "Razón social"])
    assert model.columnCount() == 2 and model.rowCount() == 0
    qtmodeltester.check(model)


def test_after_the_customers_the_invoices(window, books, qtbot, tmp_path):
    customers = tmp_path / "clientes.csv"
    customers.write_text("code,name\nC001,Rivera\n", encoding="utf-8")
    wizard = _open(window, customers, "customers")
    _ready(_next(wizard, qtbot), qtbot)
    _next(wizard, qtbot)
    _ready(_next(wizard, qtbot), qtbot)
    _finish(wizard, window, qtbot)
    assert wizard.done_page.again.isVisible()
    wizard.done_page.again.click()
    assert wizard.currentPage() is wizard.file_page
    assert wizard.file_page.kind.currentData() == "invoices" and wizard.file_page.path.text() == ""
    invoices = tmp_path / "facturas.xlsx"  # dates typed as dates, an amount computed by a formula's value
    book = openpyxl.Workbook()
    book.active.append(["Número", "Cliente", "Fecha de emisión", "Total"])
    book.active.append(["F001-1", "C001", dt.datetime(2026, 6, 1), 100 * 1.18])
    book.save(invoices)
    wizard.file_page.path.setText(str(invoices))
    _ready(_next(wizard, qtbot), qtbot)
    _next(wizard, qtbot)
    _ready(_next(wizard, qtbot), qtbot)
    assert _finish(wizard, window, qtbot).imported == 1
    with session_factory(books)() as s:
        invoice = s.scalars(select(Invoice)).one()
        assert (invoice.number, invoice.issue_date, invoice.total_minor) == ("F001-1", dt.date(2026, 6, 1), 11800)


def test_correct_the_file_and_check_again(window, books, qtbot, tmp_path):
    path = tmp_path / "clientes.csv"
    path.write_text("code,name\nC001,Rivera\nC002,\n", encoding="utf-8")
    wizard = _open(window, path, "customers")
    _ready(_next(wizard, qtbot), qtbot)
    _next(wizard, qtbot)
    page = _ready(_next(wizard, qtbot), qtbot)
    assert [row[0] for row in _table_rows(page.problems)] == ["3"]
    path.write_text("code,name\nC001,Rivera\nC002,Bodega Santa Rosa\nC003,Textiles Gamarra\n", encoding="utf-8")
    wizard.back()  # as the page says: correct the file, go back and check again
    page = _ready(_next(wizard, qtbot), qtbot)
    assert page.problems.model().rowCount() == 0 and page.import_all.isChecked()
    assert _finish(wizard, window, qtbot).imported == 3
    assert _count(books, Customer) == 3


def test_the_import_job_says_the_documents_changed(engine, tmp_path):
    """Invoices go to the driver's executemany (no Session event): the job still tells the pages to reload."""
    from contextlib import contextmanager

    from app import ledger
    from app.database import session_factory
    from app.importing import api as import_api
    from app.ui.import_wizard import _import_job
    from tests.factories import make_customer

    session = session_factory(engine, write=True)()
    with session.begin():
        ledger.ensure_default_terms(session)
        ledger.save_company(session, name="Comercial Lima S.A.C.", currency="PEN", locale="es_PE", country="PE")
        make_customer(session, code="C001")
    session.close()
    path = tmp_path / "f.csv"
    path.write_text("customer_code,number,issue_date,amount\nC001,F-1,2026-01-05,100.00\n", encoding="utf-8")
    table = import_api.open_file(path)
    mapping = import_api.detect_mapping("invoices", table.headers).mapping

    @contextmanager
    def sessions():
        yield session

    result, changes = _import_job(None, sessions, "invoices", table, mapping, import_api.ImportOptions(), False,
                                  None, None)
    assert result.ok and result.imported == 1
    assert changes.concerns({"documents"}, "C001")
