"""The dashboard's top debtors from the stored balances (dashboard_sql.stored_ranked_debtors: stored balance
plus unapplied credit) equal the ones summed from the open lines and the full aging report, after every
kind of write dated in the past (invoices, payments with credit left over, credit notes on account and
against invoices, write-offs, voids, unapply, allocating credit later), in several currencies, on SQLite
and PostgreSQL; and they are not used for a date before the latest document."""

import datetime as dt
import random

import pytest
from sqlalchemy import select

from app import ledger
from app.database import open_database, session_factory
from app.demo import generate_demo
from app.ledger import corrections
from app.ledger.errors import LedgerError
from app.models import CreditNote, Customer, Invoice, Payment
from app.reports import dashboard_sql
from app.reports.aging import DEFAULT_BUCKETS
from app.reports.dashboard import dashboard, dashboard_from_reports
from app.ledger.fx import rates_on

AS_OF = dt.date(2026, 6, 30)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def book(request, tmp_path):
    url = str(tmp_path / "stored.sqlite") if request.param == "sqlite" else request.getfixturevalue("pg_url")
    engine = open_database(url)
    session = session_factory(engine, write=True)()
    with session.begin():
        generate_demo(session, customers=50, invoices=500, seed=23, as_of=AS_OF)
    yield session
    session.close()
    engine.dispose()


def by_lines(session, as_of, top):
    """ranked_debtors summing the open lines (the stored balances set aside)."""
    keep = dashboard_sql.latest_date
    dashboard_sql.latest_date = lambda _s: None
    try:
        return dashboard_sql.ranked_debtors(session, as_of, DEFAULT_BUCKETS, top)
    finally:
        dashboard_sql.latest_date = keep


def compare(session, as_of=AS_OF, lines=True) -> None:
    """The stored path against the lines (`lines`: fewer ties at the top than the lines' spare rows) and
    the full aging report."""
    session.rollback()  # what was committed
    for top in (3, 10):
        stored = dashboard_sql.stored_ranked_debtors(session, as_of, DEFAULT_BUCKETS, top, rates_on(session, as_of))
        assert stored is not None  # nothing is dated after as_of: the stored balances hold
        if lines:
            assert stored == by_lines(session, as_of, top)
    fast, full = dashboard(session, as_of, quick=True), dashboard_from_reports(session, as_of)
    assert fast.top_debtors == full.top_debtors
    assert [c.top_debtors for c in fast.currencies] == [c.top_debtors for c in full.currencies]
    session.rollback()


def _some(session, model, rng, *where):
    rows = session.scalars(select(model).where(*where).order_by(model.id)).all()
    return rng.choice(rows) if rows else None


def random_write(session, rng: random.Random, n: int) -> None:
    """One write of a random kind, dated in the past 200 days (backdated: before documents already there)."""
    day = AS_OF - dt.timedelta(days=rng.randrange(0, 200))
    kind = rng.choice(["invoice", "payment", "overpay", "credit_on_account", "credit_against", "write_off",
                       "void_invoice", "void_payment", "unapply", "allocate"])
    customer = _some(session, Customer, rng)
    if kind == "invoice":
        ledger.record_invoice(session, customer_code=customer.code, number=f"R{n}", issue_date=day,
                              total_minor=rng.randrange(1_000, 5_000_000), currency=customer.currency)
    elif kind in ("payment", "overpay"):
        open_invoice = _some(session, Invoice, rng, Invoice.customer_id == customer.id, Invoice.status == "posted")
        amount = rng.randrange(100, 2_000_000) * (5 if kind == "overpay" else 1)
        ledger.record_payment(session, customer_code=customer.code, date=day, amount_minor=amount,
                              currency=open_invoice.currency if open_invoice else customer.currency)
    elif kind == "credit_on_account":
        corrections.issue_credit_note(session, customer.code, amount_minor=rng.randrange(100, 3_000_000),
                                      on_date=day, currency=customer.currency)
    elif kind in ("credit_against", "write_off", "void_invoice"):
        inv = _some(session, Invoice, rng, Invoice.status == "posted", Invoice.issue_date <= day)
        if inv is None:
            return
        code = session.get(Customer, inv.customer_id).code
        if kind == "credit_against":
            corrections.issue_credit_note(session, code, amount_minor=rng.randrange(100, inv.total_minor + 1),
                                          invoice_number=inv.number, on_date=day)
        elif kind == "write_off":
            corrections.write_off_remainder(session, code, invoice_number=inv.number, reason="quiebra", on_date=day)
        else:
            corrections.void_invoice(session, inv.number, reason="duplicada", on_date=max(day, inv.issue_date))
    elif kind == "void_payment":
        pay = _some(session, Payment, rng, Payment.status == "posted")
        if pay is not None:
            corrections.void_payment(session, corrections.source_ref(session, "payment", pay), reason="rebotado",
                                     on_date=max(day, pay.date))
    elif kind == "unapply":
        model = rng.choice([Payment, CreditNote])
        source = _some(session, model, rng, model.status == "posted", model.applied_minor > 0)
        if source is not None:
            kind = "payment" if model is Payment else "credit_note"
            corrections.unapply(session, corrections.source_ref(session, kind, source), on_date=max(day, source.date))
    else:  # allocate what a customer has unapplied, later
        ledger.allocate_credit(session, customer_code=customer.code, currency=customer.currency, on_date=AS_OF)


def test_the_stored_top_debtors_equal_the_summed_ones_after_random_backdated_writes(book):
    s = book
    compare(s)
    rng = random.Random(14)
    done = 0
    for n in range(120):
        s.rollback()
        try:
            with s.begin():
                random_write(s, rng, n)
            done += 1
        except LedgerError:
            continue  # a write the rules refuse (nothing open, nothing applied, ...) changes nothing
        if n % 15 == 14:
            compare(s)
    compare(s)
    assert done > 60
    assert s.scalar(select(Payment.id).where(Payment.applied_minor < Payment.amount_minor).limit(1))  # credit left
    s.rollback()


def test_the_stored_balances_are_not_used_before_the_latest_document(book):
    s = book
    earlier = AS_OF - dt.timedelta(days=40)
    assert dashboard_sql.stored_ranked_debtors(s, earlier, DEFAULT_BUCKETS, 10, rates_on(s, earlier)) is None
    assert dashboard(s, earlier).top_debtors == dashboard_from_reports(s, earlier).top_debtors
    code, currency = s.execute(select(Customer.code, Customer.currency).order_by(Customer.id)).first()
    s.rollback()
    with s.begin():  # an invoice dated after the dashboard's date: the stored balance counts it, the date not
        ledger.record_invoice(s, customer_code=code, number="LATER-1", issue_date=AS_OF + dt.timedelta(days=3),
                              total_minor=999_999_999, currency=currency)
    assert dashboard_sql.stored_ranked_debtors(s, AS_OF, DEFAULT_BUCKETS, 10, rates_on(s, AS_OF)) is None
    assert dashboard(s, AS_OF).top_debtors == dashboard_from_reports(s, AS_OF).top_debtors
    s.rollback()
    compare(s, AS_OF + dt.timedelta(days=3))


def test_ties_at_the_edge_of_the_top_are_ranked_as_the_lines_rank_them(tmp_path):
    from tests.factories import make_customer, make_invoice

    engine = open_database(str(tmp_path / "ties.sqlite"))
    s = session_factory(engine, write=True)()
    with s.begin():
        for i in range(30):
            make_customer(s, code=f"T{29 - i:02d}", name=f"Tie {i}")
            make_invoice(s, number=f"F{i}", customer=f"T{29 - i:02d}", amount="100.00", issued=dt.date(2026, 1, 1))
        make_customer(s, code="BIG", name="Big")
        make_invoice(s, number="FB", customer="BIG", amount="900.00", issued=dt.date(2026, 1, 1))
        # credit on account while the invoice stays open: stored balance 30.00, open 100.00 (a tie again)
        corrections.issue_credit_note(s, "T05", amount_minor=7_000, on_date=dt.date(2026, 2, 1))
    # 30 customers tie, more than the lines' ranking keeps spare (it cuts ties by id, then sorts by code)
    compare(s, dt.date(2026, 3, 1), lines=False)
    fast = dashboard(s, dt.date(2026, 3, 1))
    assert [d.code for d in fast.top_debtors][:3] == ["BIG", "T00", "T01"]
    s.close()
    engine.dispose()


@pytest.mark.parametrize("days", [0, -30, 150])
def test_weeks_by_scores(book, days):
    """line_sums looks a customer's stored lateness up only for lines whose week it can change (due near
    the date); far overdue and far ahead lines are placed without it. At +150 days every line is long
    overdue; at the book's own date and a month before, lines fall on every side."""
    from app.collections.risk_snapshot import refresh_risk

    s = book
    with s.begin():
        refresh_risk(s, as_of=AS_OF - dt.timedelta(days=60))
    as_of = AS_OF + dt.timedelta(days=days)
    fast, full = dashboard(s, as_of, quick=True), dashboard_from_reports(s, as_of)
    assert fast.forecast_model == "model" and fast == full
    assert any(w[1] for c in fast.currencies for w in c.forecast_weeks)
    s.rollback()
