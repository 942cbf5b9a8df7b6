"""File menu → Back up now… / Restore from backup…, and the automatic backup at start (real widgets, real files)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QMessageBox
from sqlalchemy import func, select

from app import config, ledger
from app.backup import automatic_backups, backup_dir, inspect_backup
from app.database import session_factory
from app.models import Invoice
from tests.factories import make_customer, make_invoice


def invoices(engine) -> int:
    with session_factory(engine)() as s:
        return s.scalar(select(func.count()).select_from(Invoice))


def add_invoice(engine, number):
    with session_factory(engine, write=True)() as s, s.begin():
        make_invoice(s, number=number)


def test_file_menu_has_the_backup_actions(window):
    file_menu = window.menuBar().actions()[0].menu()
    texts = [a.text() for a in file_menu.actions()]
    assert "&Back up now…" in texts and "&Restore from backup…" in texts


def test_back_up_now_writes_the_file_in_the_background(window, qtbot, tmp_path):
    actions = window.backup_actions
    with qtbot.waitSignal(actions.finished, timeout=20000) as done:
        actions.start_backup(tmp_path / "copia")
    what, ok, message = done.args
    assert (what, ok) == ("backup", True), message
    target = tmp_path / "copia.cobranza"
    assert str(target) in window.statusBar().currentMessage()
    assert inspect_backup(target).company == "Distribuidora Andina S.A.C."


def test_restore_asks_with_date_company_and_counts_then_replaces_and_reloads(window, books, qtbot, tmp_path):
    with session_factory(books, write=True)() as s, s.begin():
        make_customer(s, code="C001")
        make_invoice(s, number="F001-1")
    actions = window.backup_actions
    with qtbot.waitSignal(actions.finished, timeout=20000):
        actions.start_backup(tmp_path / "b.cobranza")
    add_invoice(books, "F001-2")
    assert invoices(books) == 2
    with session_factory(books, write=True)() as s, s.begin():
        ledger.save_company(s, name="Renamed Later S.A.")
    window.ctx.load_company()
    window.retranslate_window()
    assert "Renamed Later S.A." in window.windowTitle()

    # No: nothing changes
    actions.check(tmp_path / "b.cobranza")
    qtbot.waitUntil(lambda: actions.pending_box is not None, timeout=20000)
    box = actions.pending_box
    details = box.informativeText()
    assert "Distribuidora Andina S.A.C." in details
    assert "Customers: 1, invoices: 1, payments: 0, credit notes: 0" in details
    assert window.ctx.formatter.date(config.today()) in details
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.No)
    with qtbot.waitSignal(actions.finished, timeout=20000) as done:
        box.button(QMessageBox.StandardButton.No).click()
    assert done.args[:2] == ["restore", False]
    assert invoices(books) == 2

    # Yes: the backup comes back, the previous database is kept, the window reloads
    actions.check(tmp_path / "b.cobranza")
    qtbot.waitUntil(lambda: actions.pending_box is not None, timeout=20000)
    with qtbot.waitSignal(actions.finished, timeout=30000) as done:
        actions.pending_box.button(QMessageBox.StandardButton.Yes).click()
    what, ok, message = done.args
    assert (what, ok) == ("restore", True), message
    assert invoices(books) == 1
    assert "Distribuidora Andina S.A.C." in window.windowTitle()  # the company read again
    safety = [p for p in backup_dir(books.url).iterdir() if p.name.startswith("before-restore-")]
    assert len(safety) == 1 and inspect_backup(safety[0]).counts["invoices"] == 2
    assert actions.last_message is not None and str(safety[0]) in actions.last_message.text()
    actions.last_message.close()
    # the restored database is the one the window writes to from now on
    add_invoice(books, "F001-3")
    assert invoices(books) == 2


def test_a_file_that_is_not_a_backup_is_refused_with_the_reason(window, books, qtbot, tmp_path):
    bad = tmp_path / "notes.cobranza"
    bad.write_text("hello")
    actions = window.backup_actions
    with qtbot.waitSignal(actions.finished, timeout=20000) as done:
        actions.check(bad)
    what, ok, message = done.args
    assert (what, ok) == ("check", False) and "not a Cobranza backup" in message
    assert actions.pending_box is None
    assert actions.last_message.text() == message
    actions.last_message.close()


def test_the_automatic_backup_at_start_is_daily(window, books, qtbot):
    actions = window.backup_actions
    with qtbot.waitSignal(actions.finished, timeout=20000) as done:
        actions.start_automatic_backup()
    assert done.args[:2] == ["auto", True]
    folder = backup_dir(books.url)
    assert len(automatic_backups(folder)) == 1
    with qtbot.waitSignal(actions.finished, timeout=20000):  # started again the same day: none
        actions.start_automatic_backup()
    assert len(automatic_backups(folder)) == 1
    config.set_clock(config.FixedClock(config.now() + dt.timedelta(days=1)))
    with qtbot.waitSignal(actions.finished, timeout=20000):
        actions.start_automatic_backup()
    assert len(automatic_backups(folder)) == 2


def test_automatic_backups_can_be_turned_off(window, books, qtbot):
    config.save_user_settings({"backup_auto": False})
    assert window.backup_actions.start_automatic_backup() is None
    assert not backup_dir(books.url).exists()
