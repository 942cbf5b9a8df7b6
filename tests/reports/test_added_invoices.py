"""Invoices added in bulk (the importer's app.ledger.invoices.record_invoices, balance_keeper.adding) are added
to the stored tables rather than recomputed: the customers' balances, the KPIs' days and every stored month
move by those invoices only, and equal afterwards what a recomputation from the documents gives; nothing is
marked stale. Backdated and future invoices, explicit due dates, inside and outside `deferred`, a savepoint
rolled back; on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from sqlalchemy import func, select, update

from app.database import open_database, session_factory
from app.ledger import balance_keeper
from app.ledger.invoices import NewInvoice, record_invoices
from app.models import ArDirty, ArHistoryState, ArRoll, CustomerBalance
from app.reports import kpi

from .test_kpi_stored import CUSTOMERS, _random_book

LAST = dt.date(2026, 9, 30)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def s(request, tmp_path):
    url = str(tmp_path / "a.sqlite") if request.param == "sqlite" else request.getfixturevalue("pg_url")
    engine = open_database(url)
    session = session_factory(engine)()  # (a writer's session would hold the lock a report stores under)
    yield session
    session.close()
    engine.dispose()


def _balances(s):
    return sorted(tuple(r) for r in s.execute(select(CustomerBalance.customer_id, CustomerBalance.currency,
                                                     CustomerBalance.balance_minor, CustomerBalance.last_date)))


def _months(s) -> dict:
    rows = s.execute(select(ArRoll.currency, ArRoll.month_end, ArRoll.bucket, ArRoll.den_minor, ArRoll.num_minor)
                     .where(ArRoll.currency != "")).all()
    return {(c, m, b): (int(d), int(n)) for c, m, b, d, n in rows if d or n}


def _check(s, rng: random.Random) -> None:
    s.rollback()
    with s.begin():
        stored = _balances(s)
        with s.begin_nested() as nested:
            balance_keeper.recompute(s, balance_keeper.ALL)
            assert stored == _balances(s)
            nested.rollback()
        months = sorted(s.scalars(select(ArRoll.month_end).distinct()))
        assert months  # the history's months were stored before the invoices came
        direct = kpi._roll_months(s, months)
        assert _months(s) == {(c, m, b): v for c, per in direct.items() for m, bs in per.items()
                              for b, v in bs.items() if any(v)}
        assert s.scalars(select(ArDirty.day)).all() == []  # added, not marked stale
        for _ in range(3):
            as_of = dt.date(2025, 11, 1) + dt.timedelta(days=rng.randrange(360))
            days = rng.choice([30, 90, 365])
            assert kpi.kpi_report(s, as_of, days=days) == kpi.kpi_report(s, as_of, days=days, stored=False)
        s.rollback()


def _batch(s, rng: random.Random, n: int, size: int) -> None:
    new = []
    for k in range(size):
        issued = dt.date(2025, 10, 1) + dt.timedelta(days=rng.randrange(420))
        due = issued + dt.timedelta(days=rng.randrange(0, 100)) if rng.random() < 0.3 else None
        new.append(NewInvoice(rng.choice(CUSTOMERS), f"B{n}-{k}", issued, rng.randrange(1000, 300_000),
                              rng.choice(("PEN", "CLP", "USD")), None if due else rng.choice(("NET30", "30-60-90", "CONTADO")),
                              due))
    record_invoices(s, new)


@pytest.mark.parametrize("seed", range(2))
def test_added_invoices(s, seed):
    """The stored tables stay exact."""
    rng = random.Random(seed)
    _random_book(s, 40 + seed, steps=50, compare_every=1000)
    with s.begin():  # the history rebuilt from the beginning: every month stored
        s.execute(update(ArHistoryState).where(ArHistoryState.id == 1).values(valid_through=None))
    kpi.kpi_report(s, LAST, days=365)
    s.rollback()
    valid = s.scalar(select(ArHistoryState.valid_through))
    assert valid == LAST
    s.rollback()
    for n in range(4):
        with s.begin():
            if n % 2:
                with balance_keeper.deferred(s):
                    _batch(s, rng, n, 15)
                    _batch(s, rng, n + 100, 10)
            else:
                _batch(s, rng, n, 20)
            with s.begin_nested() as nested:  # a batch taken back: nothing of it stays, stored or not
                _batch(s, rng, n + 200, 10)
                nested.rollback()
        assert s.scalar(select(ArHistoryState.valid_through)) == valid  # added to, not rebuilt
        _check(s, rng)
        valid = s.scalar(select(ArHistoryState.valid_through))  # (the reports may have stored later days)
        s.rollback()
    assert s.scalar(select(func.count()).select_from(ArRoll)) > 0
