"""Two writers never take a due line past its amount: the ledger locks the lines it plans against and
updates them with a guard, and the database refuses the rest (constraints from migration 0010).

Found by a probe on the shared PostgreSQL database: five one-row payment imports naming invoices, run
while another import was running, left those invoices 200.00 paid of 100.00.
"""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError

from app import ledger
from app.database import open_database, session_factory
from app.ledger.errors import OverAllocationError
from app.ledger.payments import _allocate
from app.models import Allocation, DueLine, Invoice, Payment
from tests.factories import make_customer, make_invoice, make_payment
from tests.race import race_rounds

D = dt.date
ROUNDS = race_rounds(200)  # 1,000 by hand: COBRANZA_RACE_ROUNDS=1000 (tests/race.py); each round ~60 ms


def _race(factory, rounds: int) -> list[BaseException]:
    """Per round, two threads with their own sessions pay the whole of the same invoice at the same moment."""
    errors: list[BaseException] = []
    barrier = threading.Barrier(2)

    def writer(who: int) -> None:
        session = factory()
        try:
            for r in range(rounds):
                barrier.wait(timeout=30)
                try:
                    with session.begin():
                        ledger.record_payment(session, customer_code="C001", date=D(2026, 3, 1), amount_minor=10000,
                                              currency="PEN", reference=f"R{r}-{who}", invoice_number=f"F-{r}")
                except BaseException as exc:  # noqa: BLE001 - reported by the test
                    errors.append(exc)
        finally:
            session.close()

    threads = [threading.Thread(target=writer, args=(w,)) for w in (1, 2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=600)
    return errors


@pytest.mark.postgres
def test_two_writers_paying_the_same_invoices_never_over_allocate_on_postgres(pg_url):
    engine = open_database(pg_url, )
    engine.dispose()
    from sqlalchemy import create_engine

    engine = create_engine(pg_url, pool_size=4)
    factory = session_factory(engine)
    with factory() as s, s.begin():
        make_customer(s)
        for r in range(ROUNDS):
            make_invoice(s, number=f"F-{r}", amount="100.00", issued=D(2026, 1, 10))

    assert _race(factory, ROUNDS) == []

    with factory() as s:
        over = s.scalar(select(func.count()).select_from(DueLine).where(DueLine.paid_minor > DueLine.amount_minor))
        allocated = dict(s.execute(select(Invoice.number, func.sum(Allocation.amount_minor))
                                   .join(DueLine, DueLine.invoice_id == Invoice.id)
                                   .join(Allocation, Allocation.due_line_id == DueLine.id)
                                   .group_by(Invoice.number)).all())
        payments = s.scalar(select(func.count()).select_from(Payment))
        unapplied = s.scalar(select(func.sum(Payment.amount_minor - Payment.applied_minor)))
    engine.dispose()
    assert over == 0
    assert allocated == {f"F-{r}": 10000 for r in range(ROUNDS)}
    # both payments of every round are recorded: the money was received; the second is unapplied credit
    assert payments == 2 * ROUNDS and unapplied == 10000 * ROUNDS


def test_the_database_refuses_a_line_paid_past_its_amount(session):
    with session.begin():
        make_customer(session)
        make_invoice(session, number="F-1", amount="100.00", issued=D(2026, 1, 10))
    with pytest.raises(IntegrityError), session.begin():
        session.execute(update(DueLine).values(paid_minor=DueLine.amount_minor + 1))
    with pytest.raises(IntegrityError), session.begin():
        session.execute(update(Payment).values(applied_minor=-1))  # no rows: nothing to refuse...
        make_payment(session, amount="10.00", date=D(2026, 2, 1))
        session.execute(update(Payment).values(applied_minor=Payment.amount_minor + 1))


def test_a_plan_made_on_stale_figures_is_refused_not_written(session):
    """What a second writer meets if it planned before the first committed: an error, nothing half-written."""
    with session.begin():
        make_customer(session)
        make_invoice(session, number="F-1", amount="100.00", issued=D(2026, 1, 10))
        payment = make_payment(session, amount="150.00", date=D(2026, 2, 1), invoice_number="F-1")
    line_id = session.scalar(select(DueLine.id))
    assert session.get(DueLine, line_id).paid_minor == 10000
    session.rollback()
    with pytest.raises(OverAllocationError, match="nothing was recorded"), session.begin():
        _allocate(session, line_id, 5000, D(2026, 2, 2), payment_id=payment.id)
    session.expire_all()
    assert session.get(DueLine, line_id).paid_minor == 10000
    assert session.scalar(select(func.count()).select_from(Allocation)) == 1


def test_two_processes_paying_the_same_invoices_on_sqlite_never_over_allocate(tmp_path):
    """SQLite: two OS processes, each paying every invoice in full; the write lock serialises them."""
    import subprocess
    import sys

    db = tmp_path / "shared.sqlite"
    engine = open_database(str(db))
    factory = session_factory(engine)
    n = race_rounds(200)
    with factory() as s, s.begin():
        make_customer(s)
        for r in range(n):
            make_invoice(s, number=f"F-{r}", amount="100.00", issued=D(2026, 1, 10))
    engine.dispose()
    script = (
        "import sys, datetime as dt\n"
        "from app.database import open_database, session_factory\n"
        "from app import ledger\n"
        "f = session_factory(open_database(sys.argv[1]), write=True)\n"
        "for r in range(int(sys.argv[2])):\n"
        "    with f() as s, s.begin():\n"
        "        ledger.record_payment(s, customer_code='C001', date=dt.date(2026, 3, 1), amount_minor=10000,\n"
        "                              currency='PEN', reference=f'R{r}-{sys.argv[3]}', invoice_number=f'F-{r}')\n"
    )
    procs = [subprocess.Popen([sys.executable, "-c", script, str(db), str(n), str(w)],
                              stderr=subprocess.PIPE, text=True) for w in (1, 2)]
    outs = [p.communicate(timeout=300)[1] for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    engine = open_database(str(db))
    with session_factory(engine)() as s:
        assert s.scalar(select(func.count()).select_from(DueLine).where(DueLine.paid_minor != DueLine.amount_minor)) == 0
        assert s.scalar(select(func.sum(Allocation.amount_minor))) == 10000 * n
        assert s.scalar(select(func.count()).select_from(Payment)) == 2 * n
    engine.dispose()


def test_a_writer_waiting_too_long_for_another_gets_one_line(tmp_path, capsys, monkeypatch):
    """While another program holds the write lock past the wait, a writing command says so and writes nothing."""
    import sqlite3

    from app.cli import main

    db = tmp_path / "busy.sqlite"
    assert main(["--db", str(db), "init"]) == 0
    monkeypatch.setattr("app.database._BUSY_TIMEOUT_MS", 200)
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        capsys.readouterr()
        code = main(["--db", str(db), "settings", "set", "company.phone", "+51 1 4445555"])
        err = capsys.readouterr().err
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert code == 1
    assert err.count("\n") == 1 and "another program is writing" in err and "Traceback" not in err
    assert main(["--db", str(db), "settings", "get", "company.phone"]) == 0
    assert "+51" not in capsys.readouterr().out
