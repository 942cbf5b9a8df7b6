"""customer_payment_history, kept by app.ledger.payment_history_keeper, equals the history computed from
every allocation after every kind of write; read as of any date (stored totals less the lines allocated
later, or in full) it equals the direct computation; and the forecast's lateness, the tasks' risk and the
forecast built on it equal what they were computed as before (tests/reports/lateness_reference.py):
random books with backdated payments, credit notes, write-offs, voids, unapplies and re-applies, on SQLite
(hypothesis) and PostgreSQL (seeded), plus the demo's and the importer's bulk writes."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, func, select, update

from app.database import make_engine, open_database, session_factory
from app.demo.generator import generate_demo
from app.importing import import_file
from app.ledger import balance_keeper
from app.ledger.payment_history import recompute
from app.models import Base, CustomerPaymentHistory, DueLine, Invoice

from . import payment_history_checks as checks
from tests.factories import write_text

D = dt.date

op = st.tuples(st.sampled_from(checks.KINDS), st.sampled_from(checks.CUSTOMERS), st.sampled_from(checks.CURRENCIES),
               st.integers(0, 199).map(lambda n: checks.START + dt.timedelta(days=n)), st.integers(1, 500_000),
               st.sampled_from(checks.TERMS), st.booleans(), st.integers(0, 39), st.integers(0, 59))


def memory_session():
    engine = make_engine("sqlite://")
    Base.metadata.create_all(engine)
    return session_factory(engine)()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ops=st.lists(op, min_size=1, max_size=30), extra=st.lists(
    st.integers(-10, 260).map(lambda n: checks.START + dt.timedelta(days=n)), max_size=3))
def test_stored_and_as_of_readings_equal_the_direct_computation(ops, extra):
    s = memory_session()
    checks.add_customers(s)
    days = checks.run(s, ops)
    checks.check_stored(s)
    dates = sorted(set(extra) | set(days[-3:]) | {max(days) + dt.timedelta(days=400)})
    with checks.readings_chosen(1):  # stored less the lines allocated later, whenever any are
        checks.check_dates(s, dates)
    checks.check_dates(s, dates[-2:])


def test_every_date_of_a_seeded_book_and_the_store_after_every_write():
    s = memory_session()
    checks.add_customers(s)
    days = checks.run(s, checks.random_ops(random.Random(7), 70), after_each=checks.check_stored)
    dates = checks.dates_to_check(s, days)
    for share, chosen in ((1, checks.CORRECTED), (10 ** 9, checks.DIRECT)):
        with checks.readings_chosen(share):
            assert {checks.STORED, chosen} <= checks.check_dates(s, dates[::3], forecast=False)
            assert chosen in checks.check_dates(s, dates[::17])
    checks.check_dates(s, sorted(set(days))[-6:] + [max(days) + dt.timedelta(days=90)])


@pytest.mark.postgres
def test_the_same_on_postgres(pg_url):
    engine = open_database(pg_url)
    s = session_factory(engine, write=True)()
    checks.add_customers(s)
    days = checks.run(s, checks.random_ops(random.Random(11), 60))
    checks.check_stored(s)
    dates = checks.dates_to_check(s, days)
    for share, chosen in ((1, checks.CORRECTED), (10 ** 9, checks.DIRECT)):
        with checks.readings_chosen(share):
            assert {checks.STORED, chosen} <= checks.check_dates(s, dates[::4], forecast=False)
            assert chosen in checks.check_dates(s, dates[::15])
    s.close()
    engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def books(request, tmp_path):
    url = str(tmp_path / "h.sqlite") if request.param == "sqlite" else request.getfixturevalue("pg_url")
    engine = open_database(url)
    session = session_factory(engine, write=True)()
    yield session
    session.close()
    engine.dispose()


def test_bulk_writes_demo_import_rollback_and_bulk_updates(books, tmp_path):
    s = books
    with s.begin():  # the demo writes in bulk inside balance_keeper.deferred: the history once at the end
        generate_demo(s, customers=25, invoices=250, seed=5, as_of=D(2026, 6, 30))
    checks.check_stored(s)
    assert s.scalar(select(CustomerPaymentHistory.customer_id).limit(1)) is not None
    s.rollback()
    checks.check_dates(s, [D(2026, 6, 30), D(2026, 5, 1), D(2025, 12, 31)])

    # the importer (payments applied to invoices, backdated)
    code = s.scalar(select(Invoice.number).where(Invoice.status == "posted").order_by(Invoice.id).limit(1))
    owner = s.execute(select(Invoice.customer_id, Invoice.currency).where(Invoice.number == code)).one()
    from app.models import Customer
    cust = s.scalar(select(Customer.code).where(Customer.id == owner[0]))
    s.rollback()
    f = write_text(tmp_path / "p.csv", f"customer_code,date,amount,currency,invoice_number\n"
                                       f"{cust},2026-06-01,1.00,{owner[1]},{code}\n")
    result = import_file(s, "payments", f)
    assert result.ok, result
    checks.check_stored(s)
    s.rollback()

    with s.begin():  # a savepoint rolled back takes the history back with the allocation
        nested = s.begin_nested()
        s.execute(update(DueLine).values(due_date=D(2020, 1, 1)))  # every line moved: every customer
        s.flush()
        nested.rollback()
    checks.check_stored(s)
    s.rollback()

    with s.begin():  # bulk updates by condition: every customer recomputed (voids of invoices with nothing
        # applied, as the ledger allows; an invoice with something applied can only be voided after unapplying)
        unpaid = select(DueLine.invoice_id).group_by(DueLine.invoice_id).having(func.max(DueLine.paid_minor) == 0)
        s.execute(update(Invoice).where(Invoice.id.in_(unpaid.limit(20))).values(status="void",
                                                                                  void_date=D(2026, 7, 1)))
        s.execute(update(DueLine).where(DueLine.id % 3 == 0).values(due_date=D(2025, 1, 1)))
    checks.check_stored(s)
    s.rollback()
    checks.check_dates(s, [D(2026, 6, 30), D(2026, 3, 31)], forecast=False)


def test_deferred_recomputes_once_at_the_end(books):
    s = books
    with s.begin():
        with balance_keeper.deferred(s):
            generate_demo(s, customers=10, invoices=80, seed=2, as_of=D(2026, 6, 30))
            assert s.scalar(select(CustomerPaymentHistory.customer_id).limit(1)) is None
    checks.check_stored(s)


def test_recompute_some_or_all(books):
    s = books
    with s.begin():
        generate_demo(s, customers=12, invoices=90, seed=3, as_of=D(2026, 6, 30))
    expected = checks.stored(s)
    assert expected
    s.rollback()
    with s.begin():
        s.connection().execute(delete(CustomerPaymentHistory))
        recompute(s, list(expected)[:3])
        assert set(checks.stored(s)) == set(list(expected)[:3])
        recompute(s)
    assert checks.stored(s) == expected


def test_the_migration_fills_the_table_by_the_same_rule(books):
    """0023 fills customer_payment_history for a book written before it, in raw SQL: the keeper's rule."""
    import importlib.util
    from pathlib import Path

    from sqlalchemy import text

    import app.models.migrations as migrations

    path = Path(migrations.__file__).parent / "versions" / "0023_customer_payment_history.py"
    spec = importlib.util.spec_from_file_location("migration_0023", path)
    migration = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(migration)
    s = books
    checks.add_customers(s)
    checks.run(s, checks.random_ops(random.Random(3), 50))
    with s.begin():
        generate_demo(s, customers=15, invoices=120, seed=9, as_of=D(2026, 6, 30))
    expected = checks.stored(s)
    s.rollback()
    assert expected
    with s.begin():
        conn = s.connection()
        conn.execute(delete(CustomerPaymentHistory))
        conn.execute(text(migration.FILL.format(**migration.DAYS[conn.dialect.name])))
    assert checks.stored(s) == expected
    checks.check_stored(s)
