"""KPIs and forecast on a real PostgreSQL server: the same numbers as on SQLite (date arithmetic,
MATERIALIZED CTEs and conditional sums are dialect-sensitive)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from app.database import open_database, session_factory
from app.reports.forecast import cash_forecast
from app.reports.kpi import kpi_report
from tests.reports import test_forecast, test_kpi

pytestmark = pytest.mark.postgres


@pytest.fixture
def pg_session(pg_url):
    engine = open_database(pg_url)
    s = session_factory(engine)()
    yield s
    s.close()
    engine.dispose()


def test_kpis_on_postgres(pg_session):
    s = test_kpi.build_book(pg_session)
    [k] = kpi_report(s, dt.date(2026, 6, 30)).currencies
    assert (k.dso, k.dso_countback, k.cei, k.avg_days_to_pay, k.avg_days_late) == \
        (Decimal("67.09"), Decimal("70.00"), Decimal("68.57"), Decimal("40.83"), Decimal("10.83"))
    assert [dict(r.rates)["1-30"] for r in k.roll_rates] == [Decimal("100.00"), None]


def test_forecast_on_postgres(pg_session):
    s = test_forecast.build_book(pg_session)
    [c] = cash_forecast(s, dt.date(2026, 6, 30), weeks=4).currencies
    assert [w.expected_minor for w in c.weeks] == [230000, 70000, 0, 140000]
    assert c.beyond_minor == 120000
    test_forecast.add_commitments(s)
    [c] = cash_forecast(s, dt.date(2026, 6, 30), weeks=4).currencies
    assert [w.expected_minor for w in c.weeks] == [190000, 40000, 30000, 140000]
    assert c.committed_minor == 110000


def test_large_amounts_times_days_do_not_overflow_on_postgres(pg_session):
    """amount (INTEGER) × days overflowed 32 bits on PostgreSQL: 20,000,000.00 paid 40 days later."""
    from app import ledger

    s = pg_session
    with s.begin():
        ledger.ensure_default_terms(s)
        ledger.create_customer(s, code="BIG", name="Minera SAC", currency="PEN")
        ledger.record_invoice(s, customer_code="BIG", number="B1", issue_date=dt.date(2026, 5, 1),
                              total_minor=2_000_000_000, due_date=dt.date(2026, 5, 31))
        ledger.record_payment(s, customer_code="BIG", date=dt.date(2026, 6, 10), amount_minor=2_000_000_000)
    [k] = kpi_report(s, dt.date(2026, 6, 30)).currencies
    assert (k.avg_days_to_pay, k.avg_days_late) == (Decimal("40.00"), Decimal("10.00"))
    s.rollback()
    fc = cash_forecast(s, dt.date(2026, 6, 30))
    assert fc.default_days_late == 10.0 and fc.currencies == ()
