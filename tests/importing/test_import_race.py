"""Two payment imports naming the same invoices at once: every payment is applied as the import said, or the
import is reported and writes nothing; never "imported" with payments silently left unapplied, never an
invoice paid past its amount (issue 11, "Concurrency").

Found by a probe on the shared PostgreSQL database: two concurrent 600-row imports naming the same invoices
left 599 payments silently unapplied while printing "imported 600 payments". Real parts: a PostgreSQL server
and two threads with their own connections; a SQLite file and two OS processes running `cobranza import`.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import threading

import pytest
from sqlalchemy import func, select

from app.database import open_database, session_factory
from app.importing.importer import import_file
from app.models import Allocation, DueLine, Payment
from tests.factories import make_customer, make_invoice, write_text
from tests.race import race_rounds

D = dt.date
ROWS = 20  # invoices named by both files each round


def add_invoices(factory, r: int) -> None:
    with factory() as s, s.begin():
        if r == 0:
            make_customer(s)
        for i in range(ROWS):
            make_invoice(s, number=f"F{r}-{i}", amount="100.00", issued=D(2026, 1, 10))


def payments_file(tmp_path, r: int, who: str):
    lines = ["customer_code,date,amount,currency,invoice_number,reference"]
    lines += [f"C001,2026-03-01,100.00,PEN,F{r}-{i},{who}-{r}-{i}" for i in range(ROWS)]
    return write_text(tmp_path / f"{who}-{r}.csv", "\n".join(lines) + "\n")


def check_books(factory, outcomes: list[tuple[str, int, bool, int, tuple]]) -> None:
    """`outcomes`: (who, round, ok, imported, warnings) of every import run."""
    with factory() as s:
        over = s.scalar(select(func.count()).select_from(DueLine).where(DueLine.paid_minor > DueLine.amount_minor))
        assert over == 0  # 0 over-allocation
        sums = s.scalar(select(func.count()).select_from(DueLine).where(
            DueLine.paid_minor != select(func.coalesce(func.sum(Allocation.amount_minor), 0))
            .where(Allocation.due_line_id == DueLine.id).scalar_subquery()))
        assert sums == 0  # every line's paid figure is the sum of its allocations
        by_ref = {ref: (amount, applied) for ref, amount, applied in
                  s.execute(select(Payment.reference, Payment.amount_minor, Payment.applied_minor))}
    silent = []
    for who, r, ok, imported, warnings in outcomes:
        refs = [f"{who}-{r}-{i}" for i in range(ROWS)]
        stored = [by_ref[ref] for ref in refs if ref in by_ref]
        if not ok:
            assert stored == [] and imported == 0  # reported: nothing of that file written
            continue
        assert imported == ROWS and len(stored) == ROWS  # all rows
        if not warnings:  # "imported 20 payments" and nothing said: each applied in full
            silent += [ref for ref, (amount, applied) in zip(refs, stored) if applied != amount]
    assert silent == []  # 0 payments "imported" and silently unapplied


@pytest.mark.postgres
@pytest.mark.race
def test_two_payment_imports_naming_the_same_invoices_on_postgres(pg_url, tmp_path):
    rounds = race_rounds(5)
    engine = open_database(pg_url)
    factory = session_factory(engine, write=True)
    outcomes: list = []
    errors: list[BaseException] = []
    for r in range(rounds):
        add_invoices(factory, r)
        files = {who: payments_file(tmp_path, r, who) for who in ("A", "B")}
        barrier = threading.Barrier(2)

        def run(who: str) -> None:
            try:
                barrier.wait(timeout=60)
                with factory() as s:
                    result = import_file(s, "payments", files[who])
                outcomes.append((who, r, result.ok, result.imported, result.warnings))
            except BaseException as exc:  # noqa: BLE001 - reported by the test
                errors.append(exc)

        threads = [threading.Thread(target=run, args=(who,)) for who in ("A", "B")]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=300)
        assert errors == []
    check_books(factory, outcomes)
    # every round: one file applied in full, the other reported (or, imported after it, warned row by row)
    assert all(any(ok for who, r2, ok, *_ in outcomes if r2 == r) for r in range(rounds))
    engine.dispose()


@pytest.mark.race
def test_two_payment_import_processes_naming_the_same_invoices_on_sqlite(tmp_path):
    rounds = race_rounds(2)
    db = str(tmp_path / "shared.sqlite")
    engine = open_database(db)
    factory = session_factory(engine, write=True)
    outcomes = []
    for r in range(rounds):
        add_invoices(factory, r)
        engine.dispose()
        files = {who: payments_file(tmp_path, r, who) for who in ("A", "B")}
        procs = {who: subprocess.Popen([sys.executable, "-m", "app", "--db", db, "import", "payments", str(path)],
                                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for who, path in files.items()}
        for who, p in procs.items():
            out, err = p.communicate(timeout=300)
            assert p.returncode in (0, 2) and "Traceback" not in err, err
            warnings = tuple(line for line in (out + err).splitlines() if "unapplied credit" in line)
            imported = int(out.split("imported ")[1].split()[0]) if p.returncode == 0 else 0
            outcomes.append((who, r, p.returncode == 0, imported, warnings))
    check_books(factory, outcomes)
    engine.dispose()
