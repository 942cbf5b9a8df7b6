"""Cancel pressed in the middle of the long operations, on the real widgets: an import, the aging report's
exports, the export of everything, the statements batch; and quitting while one runs. Each operation is
held at its first progress step past zero (so part of the work is done: rows written in the transaction,
a temporary file on disk) until the test has pressed Cancel; then nothing may be left: the database as
it was, no output file, no temporary file."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QWizard
from sqlalchemy import func, select

from app import ledger
from app.database import session_factory
from app.ledger import progress as ledger_progress
from app.models import Customer
from app.ui import import_wizard
from app.ui import progress as ui_progress

from .conftest import wait_idle

D = dt.date
TODAY = D(2026, 6, 30)


class _EveryStep(ledger_progress.Steps):
    """A report at every step, so a small book is stopped truly in the middle."""

    def __init__(self, progress, total, every=1):
        super().__init__(progress, total, every=1)


@pytest.fixture
def every_step(monkeypatch):
    import app.reports.aging_pdf as aging_pdf
    import app.reports.aging_xlsx as aging_xlsx
    import app.reports.export_all as export_all
    import app.ui.views.aging_report as aging_report

    for module in (aging_pdf, aging_xlsx, export_all, aging_report):
        monkeypatch.setattr(module, "Steps", _EveryStep)


@pytest.fixture
def held(monkeypatch):
    """Holds every run_with_progress operation at its first step past zero until it is cancelled; `midway`
    is set while it waits there."""
    midway = threading.Event()
    real = ui_progress.ProgressOperation.progress

    def holding(op, done, total):
        if done > 0 and not midway.is_set():
            midway.set()
            op.cancelled.wait(30)
        return real(op, done, total)

    monkeypatch.setattr(ui_progress.ProgressOperation, "progress", holding)
    monkeypatch.setattr(ui_progress, "SHOW_AFTER_MS", 0)
    return midway


@pytest.fixture
def no_sheet_left():
    """openpyxl streams each write-only sheet into a temporary file: a cancelled export removes them."""
    from openpyxl.worksheet import _writer

    before = set(_writer.ALL_TEMP_FILES)
    yield
    assert [p for p in _writer.ALL_TEMP_FILES if p not in before and Path(p).exists()] == []


def _press_cancel(op, qtbot) -> None:
    qtbot.waitUntil(op.dialog.isVisible)
    qtbot.mouseClick(op.dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)


def _files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*"))


@pytest.fixture
def out(tmp_path):
    """An empty folder for the files written (the test's database is in tmp_path)."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


@pytest.fixture
def owed(books):
    """Three customers owing money, one with a dozen invoices."""
    with session_factory(books, write=True)() as s, s.begin():
        for code in ("C1", "C2", "C3"):
            ledger.create_customer(s, code=code, name=f"Cliente {code}", payment_terms="NET30")
        for n in range(12):
            ledger.record_invoice(s, customer_code="C1", number=f"F{n}", issue_date=D(2026, 3, 1 + n),
                                  total_minor=10000 + n)
        ledger.record_invoice(s, customer_code="C2", number="G1", issue_date=D(2026, 5, 10), total_minor=30000)
        ledger.record_invoice(s, customer_code="C3", number="H1", issue_date=D(2026, 5, 20), total_minor=5000)
    return books


# --- the import wizard ---------------------------------------------------------------------------------


def _count_customers(engine) -> int:
    with session_factory(engine)() as s:
        return s.scalar(select(func.count(Customer.id)))


def _wizard_at_import(window, qtbot, tmp_path):
    """The wizard on 250 customers, at its last page before Import."""
    from .test_import_wizard import _next, _open, _ready

    path = tmp_path / "clientes.csv"
    path.write_text("Código;Razón social\n" + "".join(f"K{i:04d};Cliente {i}\n" for i in range(250)),
                    encoding="utf-8")
    wizard = _open(window, path, "customers")
    _ready(_next(wizard, qtbot), qtbot)
    _next(wizard, qtbot)
    _ready(_next(wizard, qtbot), qtbot)
    return wizard


@pytest.fixture
def import_held(monkeypatch):
    """The wizard's import held after its first 100 rows are written (in its transaction) until cancelled."""
    midway = threading.Event()
    real = import_wizard.Progress.__call__

    def holding(self, done, total):
        if done > 0 and not midway.is_set():
            midway.set()
            self.cancelled.wait(30)
        return real(self, done, total)

    monkeypatch.setattr(import_wizard.Progress, "__call__", holding)
    return midway


def test_cancel_in_the_middle_of_an_import_writes_nothing(window, books, qtbot, tmp_path, import_held):
    wizard = _wizard_at_import(window, qtbot, tmp_path)
    with qtbot.waitSignal(wizard.imported, timeout=30000) as signal:
        wizard.button(QWizard.WizardButton.CommitButton).click()
        qtbot.waitUntil(import_held.is_set, timeout=20000)  # 100 rows written, not committed
        page = wizard.done_page
        qtbot.mouseClick(page.cancel, Qt.MouseButton.LeftButton)
    assert signal.args[0].cancelled
    assert "nothing was imported" in page.status.text()
    wait_idle(qtbot, window.ctx.runner)
    assert _count_customers(books) == 0


def test_quitting_in_the_middle_of_an_import_cancels_it_at_once(window, books, qtbot, tmp_path, import_held):
    wizard = _wizard_at_import(window, qtbot, tmp_path)
    wizard.button(QWizard.WizardButton.CommitButton).click()
    qtbot.waitUntil(import_held.is_set, timeout=20000)
    window.close()  # Ctrl+Q: the runner's shutdown cancels the import before waiting for the writer
    # the import would have waited 30 s for a Cancel: it is over already, rolled back
    assert window.ctx.runner._write_pool.activeThreadCount() == 0
    assert _count_customers(books) == 0


# --- the aging report's exports ------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["xlsx", "pdf", "csv"])
def test_cancel_in_the_middle_of_an_aging_export_leaves_no_file(owed, ctx, qtbot, out, held, every_step, kind,
                                                                 no_sheet_left):
    from app.ui.views.aging_report import AgingReportView

    view = AgingReportView(ctx)
    qtbot.addWidget(view)
    view.as_of.setDate(TODAY)
    with qtbot.waitSignal(view.loaded, timeout=20000):
        view.run_button.click()
    with qtbot.waitSignal(view.export_cancelled, timeout=30000):
        view.export(kind, str(out / f"aging.{kind}"))
        qtbot.waitUntil(held.is_set, timeout=20000)
        assert not view.xlsx_button.isEnabled()  # one export at a time
        _press_cancel(view.export_op, qtbot)
    assert _files(out) == []
    assert "no file was written" in view.message.text()
    assert view.xlsx_button.isEnabled()


@pytest.mark.parametrize("kind", ["xlsx", "pdf", "csv"])
def test_an_aging_export_not_cancelled_writes_its_file(owed, ctx, qtbot, out, every_step, kind):
    from app.ui.views.aging_report import AgingReportView

    view = AgingReportView(ctx)
    qtbot.addWidget(view)
    view.as_of.setDate(TODAY)
    with qtbot.waitSignal(view.loaded, timeout=20000):
        view.run_button.click()
    with qtbot.waitSignal(view.exported, timeout=30000):
        view.export(kind, str(out / f"aging.{kind}"))
    assert _files(out) == [f"aging.{kind}"]


# --- File → Export everything, Statements for every customer ---------------------------------------------


def test_cancel_in_the_middle_of_the_export_of_everything_leaves_no_file(owed, window, qtbot, out, held,
                                                                        every_step, no_sheet_left):
    actions = window.export_actions
    with qtbot.waitSignal(actions.finished, timeout=30000) as signal:
        op = actions.export_all(out / "todo.xlsx")
        qtbot.waitUntil(held.is_set, timeout=20000)
        assert not actions.act_export_all.isEnabled()
        _press_cancel(op, qtbot)
    assert signal.args[:2] == ["all", "cancelled"]
    assert _files(out) == []


def test_the_export_of_everything_writes_the_workbook(owed, window, qtbot, out):
    from openpyxl import load_workbook

    actions = window.export_actions
    with qtbot.waitSignal(actions.finished, timeout=30000) as signal:
        actions.export_all(out / "todo")
    assert signal.args[:2] == ["all", "done"]
    assert _files(out) == ["todo.xlsx"]
    assert load_workbook(out / "todo.xlsx", read_only=True).sheetnames[0] == "Clientes"  # es_PE book


def test_cancel_in_the_middle_of_the_statements_batch_leaves_no_file(owed, window, qtbot, out, held):
    actions = window.export_actions
    with qtbot.waitSignal(actions.finished, timeout=60000) as signal:
        op = actions.statements(out, as_of=TODAY)
        qtbot.waitUntil(held.is_set, timeout=30000)  # the first customer's statement is written (staged)
        _press_cancel(op, qtbot)
    assert signal.args[:2] == ["statements", "cancelled"]
    assert _files(out) == []


def test_the_statements_batch_writes_one_file_per_customer_and_the_combined_one(owed, window, qtbot, out):
    actions = window.export_actions
    with qtbot.waitSignal(actions.finished, timeout=60000) as signal:
        actions.statements(out, as_of=TODAY)
    assert signal.args[:2] == ["statements", "done"]
    assert _files(out) == ["statement-C1-2026-06-30.pdf", "statement-C2-2026-06-30.pdf",
                                "statement-C3-2026-06-30.pdf", "statements-2026-06-30-all.pdf"]


def test_quitting_during_an_export_cancels_it(owed, window, qtbot, out, held, every_step):
    actions = window.export_actions
    with qtbot.waitSignal(actions.finished, timeout=30000) as signal:
        op = actions.export_all(out / "todo.xlsx")
        qtbot.waitUntil(held.is_set, timeout=20000)
        qtbot.waitUntil(op.dialog.isVisible)
        op.quit()  # Ctrl+Q in the progress dialog: cancel, then close the window
        assert not window.isVisible()
    assert signal.args[:2] == ["all", "cancelled"]
    assert _files(out) == []


# --- risk training (a worker process) ----------------------------------------------------------------------


def test_cancel_stops_the_risk_training_and_keeps_the_stored_scores(window, books, qtbot):
    from PySide6.QtCore import QProcess

    from app.models import CustomerRisk
    from app.ui.app import refresh_risk_in_background

    refresher = refresh_risk_in_background(window, wait_for_first_screen=False)
    qtbot.waitUntil(refresher.running, timeout=20000)  # the stored scores are checked first, on the runner
    process = refresher.process
    status = window.risk_status
    assert status.isVisible()  # a busy bar and Cancel while the worker trains
    qtbot.mouseClick(status.cancel_button, Qt.MouseButton.LeftButton)
    assert process.state() == QProcess.ProcessState.NotRunning and not refresher.running()
    assert not status.isVisible()
    assert "not updated" in window.statusBar().currentMessage()
    with session_factory(books)() as s:
        assert s.scalar(select(func.count()).select_from(CustomerRisk)) == 0


# --- the bank page: a statement imported, its exact matches confirmed -------------------------------------


def _bank_rows(engine):
    from app.models import BankLine, Payment

    with session_factory(engine)() as s:
        return (s.scalar(select(func.count()).select_from(BankLine)),
                s.scalar(select(func.count()).select_from(Payment)))


def test_cancel_in_the_middle_of_a_bank_statement_import_stores_nothing(engine, window, qtbot, tmp_path, held):
    from tests.banking import samples

    with session_factory(engine, write=True)() as s:
        samples.make_book(s)
    view = window.show_view("bank")
    wait_idle(qtbot, window.ctx.runner)
    before = _bank_rows(engine)
    view.import_file(str(samples.write_bcp_csv(tmp_path / "movimientos.csv")))
    qtbot.waitUntil(held.is_set, timeout=20000)  # the file is read
    _press_cancel(view.operation, qtbot)
    qtbot.waitUntil(lambda: "cancelled" in view.status.text(), timeout=20000)
    wait_idle(qtbot, window.ctx.runner)
    assert _bank_rows(engine) == before == (0, 0)


def test_cancel_in_the_middle_of_confirming_the_exact_matches_keeps_no_payment(engine, window, qtbot, tmp_path,
                                                                              monkeypatch):
    from tests.banking import samples

    with session_factory(engine, write=True)() as s:
        samples.make_book(s)
    view = window.show_view("bank")
    wait_idle(qtbot, window.ctx.runner)
    view.import_file(str(samples.write_bcp_csv(tmp_path / "movimientos.csv")))
    wait_idle(qtbot, window.ctx.runner)
    qtbot.waitUntil(lambda: view.lines.rowCount() == 7)
    before = _bank_rows(engine)
    # held after the last line: the three payments are recorded in the transaction, not committed
    midway = threading.Event()
    real = ui_progress.ProgressOperation.progress

    def holding(op, done, total):
        if 0 < done == total and not midway.is_set():
            midway.set()
            op.cancelled.wait(30)
        return real(op, done, total)

    monkeypatch.setattr(ui_progress.ProgressOperation, "progress", holding)
    monkeypatch.setattr(ui_progress, "SHOW_AFTER_MS", 0)
    view.auto_button.click()
    qtbot.waitUntil(midway.is_set, timeout=20000)
    _press_cancel(view.operation, qtbot)
    qtbot.waitUntil(lambda: "no line was confirmed" in view.status.text(), timeout=20000)
    wait_idle(qtbot, window.ctx.runner)
    assert _bank_rows(engine) == before
    assert set(_statuses_of(engine)) == {"new"}


def _statuses_of(engine):
    from app.models import BankLine

    with session_factory(engine)() as s:
        return [line.status for line in s.scalars(select(BankLine))]


# --- File → Back up now… ---------------------------------------------------------------------------------


def test_cancel_in_the_middle_of_a_backup_leaves_no_file(window, qtbot, out, held):
    actions = window.backup_actions
    with qtbot.waitSignal(actions.finished, timeout=30000) as signal:
        op = actions.start_backup(out / "copia")
        qtbot.waitUntil(held.is_set, timeout=20000)  # the pages are copied into a temporary file
        _press_cancel(op, qtbot)
    assert signal.args[:2] == ["backup", False]
    assert "no file was written" in window.statusBar().currentMessage()
    assert _files(out) == []
