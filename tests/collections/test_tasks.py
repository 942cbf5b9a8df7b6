import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

import pytest

from app import ledger
from app.collections.activities import log_activity
from app.collections.agreements import create_agreement
from app.collections.promises import add_promise
from app.collections.risk import historical_risk
from app.collections.tasks import evaluate_commitments, today_tasks
from app.ledger.fx import set_rate
from tests.factories import make_customer, make_invoice, make_payment

D = dt.date
TODAY = D(2026, 6, 30)


@pytest.fixture
def books(session):
    s = session
    with s.begin():
        make_customer(s, code="LATE", name="Moroso S.A.C.", credit_limit_minor=50000)
        make_customer(s, code="GOOD", name="Puntual S.A.")
        # LATE settled two lines 60 days late; GOOD settled two on time
        for n, cust in (("L1", "LATE"), ("L2", "LATE"), ("G1", "GOOD"), ("G2", "GOOD")):
            make_invoice(s, number=n, customer=cust, amount="100.00", issued=D(2026, 1, 1), due=D(2026, 1, 31))
        make_payment(s, customer="LATE", amount="200.00", date=D(2026, 4, 1))
        make_payment(s, customer="GOOD", amount="200.00", date=D(2026, 1, 30))
        make_invoice(s, number="L3", customer="LATE", amount="900.00", issued=D(2026, 4, 1), due=D(2026, 5, 1))
        make_invoice(s, number="G3", customer="GOOD", amount="900.00", issued=D(2026, 4, 1), due=D(2026, 5, 1))
    return s


def test_risk_reflects_history_with_a_prior(books):
    ids = {c: ledger.get_customer(books, c).id for c in ("LATE", "GOOD")}
    risk = historical_risk(books, ids.values(), TODAY)
    assert risk[ids["LATE"]] == pytest.approx((2 + 1) / (2 + 3))
    assert risk[ids["GOOD"]] == pytest.approx((0 + 1) / (2 + 3))


def test_tasks_list_everything_due_ordered_by_expected_value(books):
    s = books
    with s.begin():
        add_promise(s, customer_code="GOOD", promised_date=D(2026, 6, 30), amount_minor=90000, made_on=D(2026, 6, 1))
        add_promise(s, customer_code="LATE", promised_date=D(2026, 6, 30), amount_minor=90000, made_on=D(2026, 6, 1))
        log_activity(s, customer_code="GOOD", channel="call", outcome="contacted", next_action_date=D(2026, 6, 29),
                     at=dt.datetime(2026, 6, 20, 15, tzinfo=dt.timezone.utc))
        create_agreement(s, customer_code="LATE", invoice_numbers=["L3"], installments=3, every="week",
                         start=D(2026, 6, 10), agreed_on=D(2026, 6, 3), grace_days=30)
        evaluate_commitments(s, as_of=TODAY)
    tasks = today_tasks(s, as_of=TODAY)
    kinds = {(t.kind, t.customer_code) for t in tasks}
    assert ("promise_due", "GOOD") in kinds and ("promise_due", "LATE") in kinds
    assert ("follow_up", "GOOD") in kinds
    assert ("installment_due", "LATE") in kinds
    assert ("over_credit_limit", "LATE") in kinds  # 900 open > 500 limit
    # same promised amount: the riskier customer comes first
    promises = [t.customer_code for t in tasks if t.kind == "promise_due"]
    assert promises == ["LATE", "GOOD"]
    values = [t.expected_value_minor for t in tasks]
    assert values == sorted(values, reverse=True)


def test_tasks_filter_by_collector(books):
    s = books
    with s.begin():
        ledger.update_customer(s, "LATE", collector="ana")
        add_promise(s, customer_code="GOOD", promised_date=D(2026, 6, 30), amount_minor=100, made_on=D(2026, 6, 1))
    assert {t.customer_code for t in today_tasks(s, as_of=TODAY, collector="ana")} == {"LATE"}


def test_amounts_in_other_currencies_rank_through_exchange_rates(session):
    """Minor units of COP and PEN are not comparable: 60,000.00 COP is about 55 soles."""
    s = session
    with s.begin():
        ledger.save_company(s, name="Andina", currency="PEN", locale="es_PE")
        make_customer(s, code="SOL", name="Cliente Soles")
        make_customer(s, code="COL", name="Cliente Pesos", currency="COP")
        add_promise(s, customer_code="SOL", promised_date=D(2026, 6, 10), amount_minor=4_000_000,
                    made_on=D(2026, 6, 1))
        add_promise(s, customer_code="COL", promised_date=D(2026, 6, 10), amount_minor=6_000_000,
                    made_on=D(2026, 6, 1))
    tasks = today_tasks(s, as_of=TODAY)
    assert [t.customer_code for t in tasks] == ["SOL", "COL"]  # no rate for COP: after the company's currency
    assert [t.rate_missing for t in tasks] == [False, True]
    s.rollback()
    with s.begin():
        set_rate(s, "COP", "0.00092", D(2026, 6, 1))
    tasks = today_tasks(s, as_of=TODAY)
    assert [t.customer_code for t in tasks] == ["SOL", "COL"]
    col = next(t for t in tasks if t.customer_code == "COL")
    # COP and PEN both have 2 decimals: cents of a peso × 0.00092 = céntimos, rounded half-up
    assert col.expected_value_company_minor == int(
        (Decimal(col.expected_value_minor) * Decimal("0.00092")).to_integral_value(ROUND_HALF_UP))
    assert not col.rate_missing
    s.rollback()
    with s.begin():
        set_rate(s, "COP", "1", D(2026, 6, 15))  # a silly rate makes the pesos worth more
    assert [t.customer_code for t in today_tasks(s, as_of=TODAY)] == ["COL", "SOL"]
    # on an earlier date the later rate does not apply yet
    assert [t.customer_code for t in today_tasks(s, as_of=D(2026, 6, 14))] == ["SOL", "COL"]
