"""The KPIs read from the stored receivables history (app.ledger.ar_history) are the KPIs computed from the
documents (kpi_report(..., stored=False)), on random books written in random order: backdated invoices
and payments, voids, unapplies, payment voids, credit notes, write-offs, reports asked between the writes
(so what one report stored must be found stale by the next write), in and out of write transactions,
on SQLite and on PostgreSQL."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from sqlalchemy import func, select

from app import ledger
from app.database import open_database, session_factory
from app.ledger import ar_history, corrections
from app.ledger.errors import LedgerError
from app.models import ArDay, ArDirty, ArHistoryState, Payment
from app.reports.kpi import kpi_report

START = dt.date(2025, 11, 1)
CUSTOMERS = ("A", "B", "C")
CURRENCIES = ("PEN", "CLP")
TERMS = ("NET30", "30-60-90", "CONTADO", "NET90")


def _day(rng: random.Random, span: int = 260) -> dt.date:
    return START + dt.timedelta(days=rng.randrange(span))


def _setup(s):
    with s.begin():
        ledger.ensure_default_terms(s)
        for code in CUSTOMERS:
            ledger.create_customer(s, code=code, name=f"Cliente {code}")


def _write(s, rng: random.Random, n: int, invoices: list[tuple[str, str, str]]) -> None:
    """One random write of the ledger (refused ones, by its rules, leave nothing)."""
    kind = rng.choices(["invoice", "payment", "credit_note", "void", "unapply", "void_payment", "write_off",
                        "apply"], weights=[6, 6, 1, 2, 2, 1, 1, 1])[0]
    cust, cur = rng.choice(CUSTOMERS), rng.choice(CURRENCIES)
    payments = s.scalars(select(Payment).order_by(Payment.id)).all()
    if kind == "invoice":
        ledger.record_invoice(s, customer_code=cust, number=f"F{n}", issue_date=_day(rng), currency=cur,
                              total_minor=rng.randrange(1000, 500_000), payment_terms=rng.choice(TERMS))
        invoices.append((f"F{n}", cust, cur))
    elif kind == "payment":
        mine = [num for num, c, k in invoices if c == cust and k == cur]
        target = rng.choice(mine) if mine and rng.random() < 0.4 else None
        ledger.record_payment(s, customer_code=cust, date=_day(rng), amount_minor=rng.randrange(1000, 400_000),
                              currency=cur, invoice_number=target)
    elif kind == "credit_note" and invoices:
        number, cust, cur = rng.choice(invoices)
        ledger.record_credit_note(s, customer_code=cust, number=f"NC{n}", date=_day(rng), currency=cur,
                                  amount_minor=rng.randrange(1000, 100_000), invoice_number=number)
    elif kind == "void" and invoices:
        number = rng.choice(invoices)[0]
        for doc in corrections.applied_to_invoice(s, number):  # unapply first, as the user is told to
            if doc.kind != "write_off":
                corrections.unapply(s, doc.ref, invoice_number=number, on_date=_day(rng))
        corrections.void_invoice(s, number, reason="test", on_date=_day(rng))
    elif kind == "unapply" and payments:
        p = rng.choice(payments)
        corrections.unapply(s, corrections.source_ref(s, "payment", p), on_date=_day(rng))
    elif kind == "void_payment" and payments:
        p = rng.choice(payments)
        corrections.void_payment(s, corrections.source_ref(s, "payment", p), reason="test", on_date=_day(rng))
    elif kind == "write_off" and invoices:
        ledger.write_off(s, invoice_number=rng.choice(invoices)[0], on_date=_day(rng), reason="t")
    elif kind == "apply" and payments and invoices:
        p = rng.choice(payments)
        corrections.apply(s, corrections.source_ref(s, "payment", p), invoice_number=rng.choice(invoices)[0],
                          on_date=_day(rng))


def _compare(s, rng: random.Random) -> None:
    as_of = _day(rng, 330)
    days = rng.choice([1, 17, 30, 90, 120, 365])
    stored = kpi_report(s, as_of, days=days)
    direct = kpi_report(s, as_of, days=days, stored=False)
    assert stored == direct, (as_of, days)


def _random_book(s, seed: int, steps: int, compare_every: int) -> None:
    rng = random.Random(seed)
    _setup(s)
    invoices: list[tuple[str, str, str]] = []
    for n in range(steps):
        in_transaction = rng.random() < 0.2
        try:
            with s.begin():
                _write(s, rng, n, invoices)
                if in_transaction:  # the report sees this transaction's own writes (stored with it or not at all)
                    s.flush()
                    _compare(s, rng)
        except LedgerError:
            pass
        if n % compare_every == 0:
            _compare(s, rng)
            s.rollback()
    for _ in range(4):
        _compare(s, rng)
        s.rollback()


@pytest.mark.parametrize("seed", range(6))
def test_stored_kpis_equal_the_direct_ones_on_random_books(session, seed):
    _random_book(session, seed, steps=70, compare_every=4)
    # and the history was stored (not only computed each time)
    state = session.scalar(select(ArHistoryState.valid_through))
    assert state is not None
    assert session.scalar(select(func.count()).select_from(ArDay)) > 0


@pytest.mark.parametrize("seed", range(40, 44))
def test_a_report_inside_a_write_that_stores_months_only_keeps_the_write_marked(session, seed):
    """Reports asked inside write transactions, for dates before what they wrote, store months only: the
    transaction's writes must still mark the days stale at commit (seed 40 found them lost: a payment
    missing from the stored history for good)."""
    _random_book(session, seed, steps=50, compare_every=1000)


def test_stored_kpis_on_a_database_in_memory():
    """One connection only (sqlite://): the history is stored in the caller's transaction."""
    from app.database import make_engine
    from app.models import Base

    engine = make_engine("sqlite://")
    Base.metadata.create_all(engine)  # no migration: no state row yet
    s = session_factory(engine)()
    _random_book(s, 11, steps=40, compare_every=5)


def test_a_backdated_write_makes_the_history_stale_from_its_day(session):
    _setup(session)
    with session.begin():
        ledger.record_invoice(session, customer_code="A", number="F1", issue_date=dt.date(2026, 1, 10),
                              currency="PEN", total_minor=100_000, payment_terms="NET30")
    kpi_report(session, dt.date(2026, 6, 30))
    session.rollback()
    assert session.scalar(select(ArHistoryState.valid_through)) == dt.date(2026, 6, 30)
    session.rollback()
    with session.begin():
        ledger.record_payment(session, customer_code="A", date=dt.date(2026, 3, 5), amount_minor=40_000,
                              currency="PEN")
    assert session.scalars(select(ArDirty.day)).all() == [dt.date(2026, 3, 5)]
    session.rollback()
    [k] = kpi_report(session, dt.date(2026, 6, 30)).currencies
    assert k.ar_end_minor == 60_000
    session.rollback()
    assert session.scalars(select(ArDirty.day)).all() == []  # taken in by the report's store


def test_the_demo_leaves_the_history_built(tmp_path):
    from app.demo.generator import generate_demo

    engine = open_database(str(tmp_path / "demo.sqlite"))
    with session_factory(engine, write=True)() as s, s.begin():
        generate_demo(s, customers=40, invoices=400, seed=5, as_of=dt.date(2026, 6, 30))
    r = session_factory(engine)()
    assert r.scalar(select(ArHistoryState.valid_through)) is not None
    assert r.scalars(select(ArDirty.day)).all() == []
    for as_of, days in ((dt.date(2026, 6, 30), 90), (dt.date(2026, 6, 30), 365), (dt.date(2026, 2, 14), 45)):
        assert kpi_report(r, as_of, days=days) == kpi_report(r, as_of, days=days, stored=False)
    r.close()
    engine.dispose()


def test_a_read_only_database_still_gets_the_kpis(tmp_path):
    """Stored nothing (the file cannot be written): the figures are computed all the same."""
    import os

    path = tmp_path / "ro.sqlite"
    engine = open_database(str(path))
    s = session_factory(engine)()
    _random_book(s, 3, steps=20, compare_every=100)
    s.close()
    engine.dispose()
    with session_factory(open_database(str(path)))() as s, s.begin():  # nothing stored yet: forget it
        s.execute(ArHistoryState.__table__.update().values(valid_through=None))
    os.chmod(path, 0o444)
    try:
        ro = open_database(f"sqlite:///file:{path}?mode=ro&uri=true", migrate=False)
        with session_factory(ro)() as r:
            assert kpi_report(r, dt.date(2026, 6, 30)) == kpi_report(r, dt.date(2026, 6, 30), stored=False)
            assert r.scalar(select(ArHistoryState.valid_through)) is None
        ro.dispose()
    finally:
        os.chmod(path, 0o644)


@pytest.mark.postgres
@pytest.mark.parametrize("seed", range(2))
def test_stored_kpis_on_postgres(pg_url, seed):
    engine = open_database(pg_url)
    s = session_factory(engine)()
    try:
        _random_book(s, 100 + seed, steps=50, compare_every=5)
        assert s.scalar(select(ArHistoryState.valid_through)) is not None
    finally:
        s.close()
        engine.dispose()


def test_history_levels_agree_with_the_open_items(session):
    """The stored levels themselves, day by day: the ledger's open items of every customer."""
    rng = random.Random(7)
    _setup(session)
    invoices: list = []
    for n in range(40):
        try:
            with session.begin():
                _write(session, rng, n, invoices)
        except LedgerError:
            pass
    h = ar_history.history(session, dt.date(2026, 9, 30))
    session.rollback()
    for k in range(0, 330, 11):
        day = START + dt.timedelta(days=k)
        for cur in CURRENCIES:
            items = [i for code in CUSTOMERS for i in ledger.open_items(session, code, day) if i.currency == cur]
            assert h.currency(cur).level(day) == (sum(i.open_minor for i in items),
                                                  sum(i.open_minor for i in items if i.due_date >= day)), (day, cur)


def _locked_meanwhile(engine, lock):
    """A report while another connection holds `lock` (a writer at work): computed, not stored, not waited."""
    s = session_factory(engine)()
    _random_book(s, 21, steps=25, compare_every=100)
    with s.begin():
        s.execute(ArHistoryState.__table__.update().values(valid_through=None))
    other = engine.connect()
    try:
        lock(other)
        assert kpi_report(s, dt.date(2026, 6, 30)) == kpi_report(s, dt.date(2026, 6, 30), stored=False)
        s.rollback()
    finally:
        other.rollback()
        other.close()
    assert s.scalar(select(ArHistoryState.valid_through)) is None
    s.rollback()
    kpi_report(s, dt.date(2026, 6, 30))  # the writer is gone: stored now
    s.rollback()
    assert s.scalar(select(ArHistoryState.valid_through)) == dt.date(2026, 6, 30)
    s.close()


def test_a_report_does_not_wait_for_a_writer_on_sqlite(engine):
    _locked_meanwhile(engine, lambda conn: conn.exec_driver_sql("INSERT INTO ar_dirty (day) VALUES ('2100-01-01')"))


@pytest.mark.postgres
def test_a_report_does_not_wait_for_a_store_on_postgres(pg_url):
    engine = open_database(pg_url)
    try:
        _locked_meanwhile(engine, lambda conn: conn.execute(
            select(ArHistoryState.id).where(ArHistoryState.id == 1).with_for_update()))
    finally:
        engine.dispose()


def test_months_before_the_book_are_computed_once(session, monkeypatch):
    import app.reports.kpi as kpi_module

    _setup(session)
    with session.begin():
        ledger.record_invoice(session, customer_code="A", number="F1", issue_date=dt.date(2026, 5, 10),
                              currency="PEN", total_minor=100_000, payment_terms="NET30")
    first = kpi_report(session, dt.date(2026, 6, 30), days=365)
    session.rollback()
    calls = []
    real = kpi_module._roll_months
    monkeypatch.setattr(kpi_module, "_roll_months", lambda s, months: calls.append(months) or real(s, months))
    assert kpi_report(session, dt.date(2026, 6, 30), days=365) == first
    assert calls == []
