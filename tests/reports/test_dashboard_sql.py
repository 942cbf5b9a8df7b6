"""The dashboard's SQL totals equal the full reports they stand for (aging, KPIs, forecast), on the demo
generator's history at several dates, with and without a stored risk model, with agreements and promises."""

import datetime as dt

import pytest
from sqlalchemy import select

from app.collections.risk_snapshot import refresh_risk
from app.database import open_database, session_factory
from app.demo import generate_demo
from app.reports.dashboard import dashboard, dashboard_from_reports

AS_OF = dt.date(2026, 6, 30)
DATES = (AS_OF, AS_OF - dt.timedelta(days=45), dt.date(2025, 12, 31))


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("dash") / "demo.sqlite"
    engine = open_database(str(path))
    with session_factory(engine)() as s, s.begin():
        generate_demo(s, customers=120, invoices=1500, seed=11, as_of=AS_OF)
    with session_factory(engine)() as s, s.begin():
        _commitments(s)
    engine.dispose()
    return path


def _commitments(s):
    """An agreement for one customer and a promise for another, on invoices open at the first date."""
    from app.collections.agreements import create_agreement
    from app.collections.promises import add_promise
    from app.ledger.balances import open_items
    from app.models import Customer

    done = 0
    for code in s.scalars(select(Customer.code).order_by(Customer.code)):
        items = [o for o in open_items(s, code, DATES[2]) if o.kind == "invoice"]
        still = {o.invoice_number for o in open_items(s, code, AS_OF)}
        items = [o for o in items if o.invoice_number in still and o.currency == items[0].currency] if items else []
        if len(items) < 2:
            continue
        if done == 0:
            create_agreement(s, customer_code=code, invoice_numbers=[items[0].invoice_number], installments=3,
                             every="month", start=DATES[2] + dt.timedelta(days=20), agreed_on=DATES[2])
        else:
            add_promise(s, customer_code=code, promised_date=AS_OF + dt.timedelta(days=10),
                        amount_minor=items[1].open_minor // 2, currency=items[1].currency,
                        invoice_numbers=[items[1].invoice_number], made_on=DATES[1])
        done += 1
        if done == 2:
            return
    raise AssertionError("the demo has no customer with two open invoices")


@pytest.fixture
def books(demo_file, tmp_path):
    import shutil

    copy = tmp_path / "copy.sqlite"
    shutil.copy(demo_file, copy)
    engine = open_database(str(copy))
    with session_factory(engine)() as s:
        yield s
    engine.dispose()


def test_demo_has_what_the_comparison_needs(books):
    from sqlalchemy import func

    from app.models import Invoice, Payment, PaymentAgreement, PromiseToPay

    s = books
    assert s.scalar(select(func.count()).where(Invoice.status == "void")) > 0
    assert s.scalar(select(func.count()).select_from(Payment).where(Payment.applied_minor < Payment.amount_minor))
    assert s.scalar(select(func.count()).select_from(PaymentAgreement)) + \
        s.scalar(select(func.count()).select_from(PromiseToPay)) > 0
    s.rollback()


@pytest.mark.parametrize("as_of", DATES)
def test_sql_totals_equal_the_reports_with_historical_lateness(books, as_of):
    fast, full = dashboard(books, as_of), dashboard_from_reports(books, as_of)
    assert fast.currencies and fast == full


@pytest.mark.parametrize("as_of", DATES[:2])
def test_sql_totals_equal_the_reports_with_the_stored_model(books, as_of):
    with books.begin():
        refresh_risk(books, as_of=AS_OF - dt.timedelta(days=60))
    fast, full = dashboard(books, as_of), dashboard_from_reports(books, as_of)
    assert fast == full
    assert any(w[1] for c in fast.currencies for w in c.forecast_weeks)
    assert dashboard(books, as_of, sessions=session_factory(books.get_bind())) == full  # two connections


def test_with_a_session_factory_the_side_figures_are_read_on_another_thread(books):
    import threading

    factory = session_factory(books.get_bind())
    threads = []

    def recording():
        threads.append(threading.current_thread())
        return factory()

    alone = dashboard(books, DATES[1])
    books.rollback()
    assert dashboard(books, DATES[1], sessions=recording) == alone
    assert len(threads) == 1 and threads[0] is not threading.current_thread()


@pytest.mark.postgres
def test_sql_totals_equal_the_reports_on_postgres(pg_url):
    engine = open_database(pg_url)
    with session_factory(engine)() as s, s.begin():
        generate_demo(s, customers=40, invoices=400, seed=5, as_of=AS_OF)
    with session_factory(engine)() as s, s.begin():
        _commitments(s)
    with session_factory(engine)() as s:
        for as_of in DATES[:2]:
            assert dashboard(s, as_of) == dashboard_from_reports(s, as_of)
        s.rollback()
        with s.begin():
            refresh_risk(s, as_of=AS_OF - dt.timedelta(days=60))
        fast, full = dashboard(s, AS_OF), dashboard_from_reports(s, AS_OF)
        assert fast == full and fast.currencies
        assert dashboard(s, AS_OF, sessions=session_factory(engine)) == full
    engine.dispose()


@pytest.mark.parametrize("as_of", DATES[:2])
def test_quick_without_a_snapshot_places_the_forecast_on_due_dates_and_keeps_every_other_figure(books, as_of):
    """The GUI's first start of a book with no risk scores: the forecast by due dates (no payment history
    read), the rest as always; with a snapshot, quick changes nothing."""
    from dataclasses import replace

    from app.reports.dashboard import DUE_DATES
    from app.reports.forecast import cash_forecast

    quick, full = dashboard(books, as_of, quick=True), dashboard(books, as_of)
    assert quick.forecast_model == "due_dates" and full.forecast_model == "historical"
    by_due = cash_forecast(books, as_of, 12, model=DUE_DATES)
    for q, f in zip(quick.currencies, full.currencies):
        weeks = tuple((w.week_start, w.expected_minor, w.from_overdue_minor) for w in by_due.for_currency(q.currency).weeks)
        assert q.forecast_weeks == weeks
        assert replace(q, forecast_weeks=f.forecast_weeks, forecast_beyond_minor=f.forecast_beyond_minor) == f
    assert quick.top_debtors == full.top_debtors
    books.rollback()
    with books.begin():
        refresh_risk(books, as_of=AS_OF - dt.timedelta(days=60))
    assert dashboard(books, as_of, quick=True) == dashboard(books, as_of) == dashboard_from_reports(books, as_of)
    assert dashboard(books, as_of, quick=True).forecast_model == "model"
