"""The bank page: import a BCP statement, see the suggestions with their reasons, confirm the exact ones,
confirm a combination, edit one (another customer's invoice) and skip one; a bad file says which row."""

from __future__ import annotations

from sqlalchemy import select

from app.database import session_factory
from app.models import BankLine, Payment
from tests.banking import samples

from .conftest import wait_idle


def _statuses(engine) -> dict[str, str]:
    with session_factory(engine)() as s:
        return {line.description: line.status for line in s.scalars(select(BankLine))}


def test_import_match_confirm_edit_skip(engine, window, qtbot, qtmodeltester, tmp_path):
    with session_factory(engine, write=True)() as s:
        samples.make_book(s)
    view = window.show_view("bank")
    wait_idle(qtbot, window.ctx.runner)
    assert view.empty.isVisible() and not view.auto_button.isEnabled()
    view.import_file(str(samples.write_bcp_csv(tmp_path / "movimientos.csv")))
    wait_idle(qtbot, window.ctx.runner)
    qtbot.waitUntil(lambda: view.lines.rowCount() == 7)
    assert "7 new credit line" in view.status.text()
    assert not view.empty.isVisible() and view.auto_button.isEnabled()
    qtmodeltester.check(view.lines)
    qtmodeltester.check(view.suggestions)
    rows = {m.line.description: i for i, m in enumerate(view.lines.rows())}

    view.lines_table.selectRow(rows["TRAN.CTAS.TERC. BODEGA DOÑA ROSA"])
    assert view.suggestions.rowCount() >= 1
    why = view.suggestions.index(0, view.suggestions.COL_REASONS).data()
    assert why == ("customer name 'Bodega Doña Rosa' in the description; "
                   "F001-00000120 + F001-00000122 add up to the amount")
    view.auto_button.click()
    wait_idle(qtbot, window.ctx.runner)
    qtbot.waitUntil(lambda: view.lines.rowCount() == 4)
    assert "3 line(s) confirmed" in view.status.text() or "3 lines confirmed" in view.status.text()

    rows = {m.line.description: i for i, m in enumerate(view.lines.rows())}
    view.lines_table.selectRow(rows["TRAN.CTAS.TERC. BODEGA DOÑA ROSA"])
    view.confirm_button.click()
    wait_idle(qtbot, window.ctx.runner)
    qtbot.waitUntil(lambda: view.lines.rowCount() == 3)
    assert "Payment of" in view.status.text() and "C003" in view.status.text()

    rows = {m.line.description: i for i, m in enumerate(view.lines.rows())}
    view.lines_table.selectRow(rows["ABONO INTERBANCARIO 000123"])
    from app.ui.views.bank import EditMatchDialog

    view.edit_button.click()
    dialog = view.findChild(EditMatchDialog)
    assert dialog.customer.text() == "C002" and dialog.invoices.text() == "F001-00000111"  # the suggestion
    dialog.customer.setText("C001")
    dialog.invoices.setText("F001-00000103")
    dialog.accept()
    wait_idle(qtbot, window.ctx.runner)
    qtbot.waitUntil(lambda: view.lines.rowCount() == 2)
    assert "stays as unapplied credit" in view.status.text()

    rows = {m.line.description: i for i, m in enumerate(view.lines.rows())}
    view.lines_table.selectRow(rows["INTERES GANADO"])
    assert not view.confirm_button.isEnabled()  # no suggestion: edit or skip
    view.skip_selected(reason="intereses del banco")
    wait_idle(qtbot, window.ctx.runner)
    qtbot.waitUntil(lambda: view.lines.rowCount() == 1)
    statuses = _statuses(engine)
    assert statuses["INTERES GANADO"] == "skipped" and statuses["ABONO INTERBANCARIO 000123"] == "confirmed"
    with session_factory(engine)() as s:
        assert len(s.scalars(select(Payment)).all()) == 5


def test_a_bad_file_names_the_row(engine, window, qtbot, tmp_path):
    with session_factory(engine, write=True)() as s:
        samples.make_book(s)
    view = window.show_view("bank")
    lines = list(samples.BCP_LINES)
    lines[2] = ("18/06/2026", "X", "1.2.3", "1")
    view.import_file(str(samples.write_bcp_csv(tmp_path / "bad.csv", lines)))
    wait_idle(qtbot, window.ctx.runner)
    qtbot.waitUntil(lambda: "Nothing was imported" in view.status.text())
    assert "Line 8: amount:" in view.status.text()
    assert _statuses(engine) == {}
