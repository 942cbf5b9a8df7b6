"""Every month's roll-rate inputs computed from the history's whole-book reads (app.ledger.ar_roll_months,
stored at the end of the demo) equal the KPIs' direct statements (app.reports.kpi._roll_months), on random
books with backdated payments, voids, unapplies (over-allocated lines), credit notes and write-offs, and with
lines due before their invoice's issue; on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from sqlalchemy import func, select

from app import ledger
from app.database import open_database, session_factory
from app.ledger import ar_roll_months, corrections
from app.ledger.errors import LedgerError
from app.ledger.ar_history_changes import changes
from app.ledger.ar_roll_months import RollGroups, month_ends_between, roll_months
from app.models import Allocation, ArRoll, DueLine, Invoice, Payment
from app.reports import kpi

from .test_kpi_stored import _random_book, _setup

FIRST, LAST = dt.date(2025, 9, 1), dt.date(2026, 9, 30)


def _nonzero(figures) -> dict:
    return {(cur, m, b): tuple(v) for cur, per in figures.items() for m, buckets in per.items()
            for b, v in buckets.items() if any(v)}


def _check(s) -> None:
    groups = RollGroups()
    changes(s, None, LAST, groups)
    months = month_ends_between(FIRST, LAST)
    found = _nonzero(roll_months(s, groups, months))
    assert found == _nonzero(kpi._roll_months(s, months))
    assert found  # the book has something to roll


def _paid_soon_book(s, seed: int, invoices: int = 60) -> None:
    """Invoices paid within days of their issue (same-month cash sales roll from current on the month end
    before their issue), partly unapplied later and written off backdated into the room the unapply made
    (a line over-allocated for a while), some voided."""
    rng = random.Random(seed)
    _setup(s)
    for n in range(invoices):
        issued = FIRST + dt.timedelta(days=rng.randrange(330))
        number, cust, cur = f"F{n}", rng.choice("ABC"), rng.choice(("PEN", "CLP"))
        try:
            with s.begin():
                ledger.record_invoice(s, customer_code=cust, number=number, issue_date=issued, currency=cur,
                                      total_minor=rng.randrange(10_000, 200_000),
                                      payment_terms=rng.choice(("CONTADO", "NET30", "30-60-90")))
                if rng.random() < 0.1:
                    corrections.void_invoice(s, number, reason="t", on_date=issued + dt.timedelta(days=rng.randrange(50)))
                    continue
                for _ in range(rng.randrange(3)):
                    paid_on = issued + dt.timedelta(days=rng.randrange(0, 70))
                    ledger.record_payment(s, customer_code=cust, date=paid_on, currency=cur,
                                              amount_minor=rng.randrange(5_000, 120_000), invoice_number=number)
                    if rng.random() < 0.3:
                        p = s.scalars(select(Payment).order_by(Payment.id.desc()).limit(1)).one()
                        ref = corrections.source_ref(s, "payment", p)
                        corrections.unapply(s, ref, on_date=paid_on + dt.timedelta(days=rng.randrange(1, 40)))
                        if rng.random() < 0.6:  # dated before the unapply: over-allocated until then
                            ledger.write_off(s, invoice_number=number, reason="t",
                                             on_date=paid_on + dt.timedelta(days=rng.randrange(0, 3)))
        except LedgerError:
            pass


@pytest.mark.parametrize("seed", range(4))
def test_months_of_books_paid_soon_and_corrected(session, seed):
    _paid_soon_book(session, seed)
    assert session.scalar(select(func.count()).where(Allocation.amount_minor < 0)) > 3
    _check(session)


def test_the_limits_are_the_kpis():
    assert ar_roll_months.ROLL_LIMITS == kpi.ROLL_LIMITS


@pytest.mark.parametrize("seed", range(5))
def test_months_from_the_groups_equal_the_direct_ones(session, seed):
    _random_book(session, 200 + seed, steps=90, compare_every=1000)
    _check(session)


def test_lines_due_before_their_issue(session):
    """Not made by the ledger's terms, but the rule holds for them too (an edit, an old import)."""
    _random_book(session, 7, steps=60, compare_every=1000)
    with session.begin():
        ids = session.scalars(select(DueLine.id).order_by(DueLine.id)).all()[::3]
        for line in session.scalars(select(DueLine).where(DueLine.id.in_(ids))):
            issued = session.get(Invoice, line.invoice_id).issue_date
            line.due_date = issued - dt.timedelta(days=3 + line.id % 40)
    _check(session)


@pytest.mark.postgres
def test_months_on_postgres(pg_url):
    engine = open_database(pg_url)
    s = session_factory(engine)()
    try:
        _random_book(s, 300, steps=60, compare_every=1000)
        _check(s)
    finally:
        s.close()
        engine.dispose()


def test_the_demo_stores_every_month(tmp_path, monkeypatch):
    from app.demo.generator import generate_demo

    engine = open_database(str(tmp_path / "demo.sqlite"))
    with session_factory(engine, write=True)() as s, s.begin():
        generate_demo(s, customers=40, invoices=500, seed=5, as_of=dt.date(2026, 6, 30))
    r = session_factory(engine)()
    stored = set(r.scalars(select(ArRoll.month_end).distinct()).all())
    first = r.scalar(select(Invoice.issue_date).order_by(Invoice.issue_date).limit(1))
    assert stored == set(month_ends_between(first, dt.date(2026, 6, 30)))
    calls = []
    real = kpi._roll_months
    monkeypatch.setattr(kpi, "_roll_months", lambda s, months: calls.append(months) or real(s, months))
    for days in (90, 365):
        assert kpi.kpi_report(r, dt.date(2026, 6, 30), days=days) == \
            kpi.kpi_report(r, dt.date(2026, 6, 30), days=days, stored=False)
    assert calls == []
    r.close()
    engine.dispose()
