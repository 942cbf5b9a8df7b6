"""Fault injection (issue 11, "What stays in the project"): `cobranza import` and the reminder delivery killed
with SIGKILL at random points, against real SQLite files and a real SMTP server; afterwards the file passes
`PRAGMA integrity_check`, the ledger's invariants hold, no file is half imported (all its rows or none) and no
e-mail went out twice.

Each killed command is an OS process of its own running the CLI, forked from a server that imported the app
once (tests/reminders/test_exactly_once.py: ForkServer), so a kill lands inside the import's work, not in
Python's start-up. The delivery side reuses that module's killing SMTP server and its exactly-once check.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import signal
import sqlite3
import time

import pytest

from app.database import open_database, session_factory
from tests.factories import make_customer, make_invoice, start_smtp, write_text
from tests.reminders.test_exactly_once import (
    REMIND,
    ForkServer,
    KillingCollector,
    check_at_most_once,
    make_books,
    run_until_done,
)

ROWS = 200  # rows per imported file: long enough to be killed inside its transaction


def invariants(db: str) -> list[str]:
    """What must hold in any committed state of the books; returns the broken ones."""
    checks = {
        "integrity": "SELECT CASE WHEN (SELECT integrity_check FROM pragma_integrity_check) = 'ok' THEN 0 ELSE 1 END",
        "foreign keys": "SELECT count(*) FROM pragma_foreign_key_check",
        "a due line paid past its amount": "SELECT count(*) FROM due_line WHERE paid_minor > amount_minor OR paid_minor < 0",
        "a due line's paid figure is not the sum of its allocations":
            "SELECT count(*) FROM due_line d WHERE paid_minor != "
            "(SELECT coalesce(sum(amount_minor), 0) FROM allocation a WHERE a.due_line_id = d.id)",
        "a payment applied past its amount": "SELECT count(*) FROM payment WHERE applied_minor > amount_minor",
        "a payment's applied figure is not the sum of its allocations":
            "SELECT count(*) FROM payment p WHERE applied_minor != "
            "(SELECT coalesce(sum(amount_minor), 0) FROM allocation a WHERE a.payment_id = p.id)",
        "an invoice whose due lines do not add up to its total":
            "SELECT count(*) FROM invoice i WHERE total_minor != "
            "(SELECT coalesce(sum(amount_minor), 0) FROM due_line d WHERE d.invoice_id = i.id)",
    }
    with sqlite3.connect(db) as conn:
        return [name for name, sql in checks.items() if conn.execute(sql).fetchone()[0]]


def count(db: str, sql: str, *args) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql, args).fetchone()[0]


def invoices_file(tmp_path, batch: int):
    lines = ["customer_code,number,issue_date,amount,currency"]
    lines += [f"C{1 + i % 5:03d},K{batch}-{i},2026-02-01,{100 + i}.00,PEN" for i in range(ROWS)]
    return write_text(tmp_path / f"invoices-{batch}.csv", "\n".join(lines) + "\n")


def payments_file(tmp_path, batch: int):
    """Payments naming the invoices of file `batch` (when it was imported), half of each."""
    lines = ["customer_code,date,amount,currency,invoice_number,reference"]
    lines += [f"C{1 + i % 5:03d},2026-03-01,{(100 + i) / 2:.2f},PEN,K{batch}-{i},P{batch}-{i}" for i in range(ROWS)]
    return write_text(tmp_path / f"payments-{batch}.csv", "\n".join(lines) + "\n")


@pytest.mark.slow
def test_imports_killed_at_random_points_leave_whole_files_or_nothing(tmp_path):
    db = str(tmp_path / "books.sqlite")
    engine = open_database(db)
    with session_factory(engine, write=True)() as s, s.begin():
        for n in range(1, 6):
            make_customer(s, code=f"C{n:03d}", name=f"Cliente {n} S.A.C.")
        make_invoice(s, number="OLD-1", customer="C001", amount="500.00", issued=dt.date(2026, 1, 5))
    engine.dispose()
    rng = random.Random(11)
    forks = ForkServer()
    out = str(tmp_path / "out.txt")
    try:
        # one import run to the end first: how long a file takes, so kills land anywhere in it
        started = time.monotonic()
        forks.start(["--db", db, "import", "invoices", str(invoices_file(tmp_path, 0))], out)
        assert forks.wait() == 0, open(out).read()
        span = time.monotonic() - started
        imported = {0}  # invoice files whose rows are in the books and not yet paid
        files = {0}  # every invoice file whose rows are in the books
        kills = 0
        for attempt in range(1, 9):
            if attempt % 2 or not imported:
                kind, batch = "invoices", attempt
                path = invoices_file(tmp_path, batch)
            else:
                kind, batch = "payments", rng.choice(sorted(imported))
                path = payments_file(tmp_path, batch)
            pid = forks.start(["--db", db, "import", kind, str(path)], out)
            time.sleep(rng.uniform(0.0, span))
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            code = forks.wait()
            kills += code == -signal.SIGKILL
            assert code in (0, 2, -signal.SIGKILL), open(out).read()
            assert invariants(db) == []
            if kind == "invoices":
                rows = count(db, "SELECT count(*) FROM invoice WHERE number LIKE ?", f"K{batch}-%")
                assert rows in (0, ROWS)  # all rows or none
                if rows:
                    imported.add(batch)
                    files.add(batch)
                assert (rows == ROWS) == (code == 0), (code, rows)
            else:
                rows = count(db, "SELECT count(*) FROM payment WHERE reference LIKE ?", f"P{batch}-%")
                assert rows in (0, ROWS) and (rows == ROWS) == (code == 0), (code, rows)
                if rows:  # paid once: later files naming the same invoices are refused as duplicates
                    imported.discard(batch)
        assert kills >= 4
    finally:
        forks.close()
    assert count(db, "SELECT count(*) FROM invoice") == 1 + ROWS * len(files)


@pytest.mark.slow
def test_deliveries_killed_at_random_points_keep_the_books_and_send_once(tmp_path):
    """`remind --send` killed while the SMTP server receives (before and after its answer), then run again:
    exactly-once delivery (or flagged "may have been sent"), and the books pass the same checks."""
    handler = KillingCollector()
    controller = start_smtp(handler)
    forks = ForkServer()
    out = str(tmp_path / "out.txt")
    try:
        for seed in (21,):  # test_exactly_once kills fifty times; here the books are checked too
            handler.envelopes.clear()
            db = str(tmp_path / f"books-{seed}.sqlite")
            make_books(db, controller.port, customers=8)
            kills = run_until_done(db, handler, random.Random(seed), 4, forks, out)
            assert invariants(db) == []
            forks.start(["--db", db, *REMIND], out)
            assert forks.wait() == 0, open(out).read()
            check_at_most_once(db, handler)
            assert invariants(db) == [] and kills >= 1
    finally:
        forks.close()
        controller.stop()
