"""A backup with progress (the GUI's Back up now…) copies the database in steps, reporting the pages copied:
still one consistent snapshot (a write committed by another connection between two steps is not in the
copy and does not restart it), and a Cancel between two steps leaves no file."""

from __future__ import annotations

import sqlite3

import pytest

import app.backup as backup
from app.backup import inspect_backup, make_backup
from app.database import open_database, session_factory
from app.ledger import save_company
from app.ledger.progress import Cancelled
from tests.factories import make_customer


@pytest.fixture
def books(tmp_path):
    path = tmp_path / "books.sqlite"
    engine = open_database(str(path))
    with session_factory(engine, write=True)() as s, s.begin():
        save_company(s, name="Distribuidora Andina S.A.C.", country="PE", currency="PEN", locale="es_PE")
        for n in range(200):
            make_customer(s, code=f"C{n:03d}", name=f"Cliente {n} " + "x" * 150, notes="y" * 500)
    engine.dispose()
    return path


def _customers(path) -> int:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT count(*) FROM customer").fetchone()[0]


def test_a_stepped_backup_is_one_snapshot_and_reports_its_pages(books, tmp_path, monkeypatch):
    monkeypatch.setattr(backup, "STEP_PAGES", 4)
    steps = []

    def progress(done, total):
        steps.append((done, total))
        if len(steps) == 2:  # between two steps another connection commits a customer
            with sqlite3.connect(books) as other:
                other.execute("INSERT INTO customer (code, name, currency, language, country, on_hold, created_at) "
                              "SELECT 'LATE', 'Llegó tarde', currency, language, country, on_hold, created_at "
                              "FROM customer LIMIT 1")

    result = make_backup(str(books), tmp_path / "copia.cobranza", progress=progress)
    total = steps[-1][1]
    assert len(steps) > 2 and steps[-1] == (total, total)
    assert [d for d, _t in steps] == sorted(d for d, _t in steps)  # never restarted
    assert _customers(books) == 201
    assert inspect_backup(result.path).counts["customers"] == 200  # the snapshot when the backup began


def test_cancel_between_two_steps_leaves_no_file(books, tmp_path, monkeypatch):
    monkeypatch.setattr(backup, "STEP_PAGES", 4)
    folder = tmp_path / "out"
    folder.mkdir()

    def cancel_at_the_second_step(done, total):
        if done > 4:
            raise Cancelled()

    with pytest.raises(Cancelled):
        make_backup(str(books), folder / "copia.cobranza", progress=cancel_at_the_second_step)
    assert list(folder.iterdir()) == []


def test_cancel_while_the_copy_is_checked_leaves_no_file(books, tmp_path, monkeypatch):
    """The integrity check is most of a large backup's time: it says it is busy and stops on Cancel."""
    monkeypatch.setattr(backup, "CHECK_TICK", 100)
    folder = tmp_path / "out"
    folder.mkdir()
    seen = []

    def cancel_in_the_check(done, total):
        seen.append((done, total))
        if total == 0:
            raise Cancelled()

    with pytest.raises(Cancelled):
        make_backup(str(books), folder / "copia.cobranza", progress=cancel_in_the_check)
    assert seen[-1] == (0, 0) and seen[-2][0] == seen[-2][1] > 0  # every page copied, then the check
    assert list(folder.iterdir()) == []


def test_quitting_stops_a_long_check_between_two_looks_of_sqlite(tmp_path, monkeypatch):
    """SQLite calls its progress handler only between instructions, and checking one large table is one
    instruction (1.4 s apart at a million invoices): a watcher thread asks `progress` meanwhile and
    interrupts the check when it raises, so quitting during the automatic backup does not wait. Here the
    check never ends by itself (a recursive count stands in for it) and SQLite's own looks never come."""
    import threading

    monkeypatch.setattr(backup, "CHECK_TICK", 2**31 - 1)
    monkeypatch.setattr(backup, "WATCH_SECONDS", 0.005)
    endless = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n"

    class NeverEndingCheck:
        """The copy's connection, its integrity check replaced by a statement that never ends."""

        def __init__(self, conn):
            self.conn = conn

        def __getattr__(self, name):
            return getattr(self.conn, name)

        def __setattr__(self, name, value):
            if name == "conn":
                object.__setattr__(self, name, value)
            else:
                setattr(self.conn, name, value)

        def execute(self, sql):
            assert sql == "PRAGMA integrity_check"
            return self.conn.execute(endless)

    conn = sqlite3.connect(tmp_path / "copy.sqlite")
    guard = threading.Timer(60, conn.interrupt)  # were the watcher gone, the test would end here, failing
    guard.start()
    asked_by = []

    def stop_when_asked_by_another_thread(done, total):
        asked_by.append(threading.current_thread())
        if threading.current_thread() is not threading.main_thread():
            raise Cancelled()

    try:
        with pytest.raises(Cancelled):
            backup._integrity(NeverEndingCheck(conn), stop_when_asked_by_another_thread)
    finally:
        guard.cancel()
    assert any(t is not threading.main_thread() for t in asked_by)
    assert conn.execute("SELECT 1").fetchone() == (1,)  # the connection is usable after
    conn.close()


def test_a_cancelled_automatic_backup_is_set_aside_and_deleted_by_the_next_one(books, tmp_path, monkeypatch):
    """Quitting during the automatic backup: deleting the unfinished copy of a large book held the quit
    0.15-0.35 s, so it is renamed to a hidden `.cancelled` file and the next automatic backup deletes it."""
    monkeypatch.setattr(backup, "CHECK_TICK", 100)
    folder = tmp_path / "auto"

    def cancel_in_the_check(done, total):
        if total == 0:
            raise Cancelled()

    with pytest.raises(Cancelled):
        backup.auto_backup(str(books), folder=folder, progress=cancel_in_the_check)
    left = list(folder.iterdir())
    assert backup.automatic_backups(folder) == []
    assert len(left) == 1 and left[0].name.startswith(".") and left[0].name.endswith(backup.CANCELLED_SUFFIX)
    result = backup.auto_backup(str(books), folder=folder)
    assert result.made is not None and sorted(folder.iterdir()) == [result.made]
    assert inspect_backup(result.made).counts["customers"] == 200
