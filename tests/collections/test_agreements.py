import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app import ledger
from app.collections.agreements import (
    cancel_agreement,
    create_agreement,
    evaluate_agreements,
    invoices_in_active_agreements,
)
from app.collections.errors import AgreementError, InvoiceAlreadyInAgreementError
from app.collections.schedule import build_schedule, nth_date
from app.ledger.errors import InvalidValueError
from tests.factories import make_customer, make_invoice, make_payment

D = dt.date


@pytest.fixture
def debtor(session):
    with session.begin():
        make_customer(session)
        make_invoice(session, number="F1", amount="600.00", issued=D(2026, 1, 10))
        make_invoice(session, number="F2", amount="400.00", issued=D(2026, 2, 10))
        make_payment(session, amount="100.00", date=D(2026, 3, 1), invoice_number="F1")
    return session


def test_monthly_dates_keep_the_day_and_clamp_at_month_end():
    assert [nth_date(D(2026, 1, 31), "month", n) for n in range(3)] == [D(2026, 1, 31), D(2026, 2, 28),
                                                                       D(2026, 3, 31)]
    assert nth_date(D(2026, 1, 1), "fortnight", 2) == D(2026, 1, 29)


@given(financed=st.integers(min_value=1, max_value=10**9), n=st.integers(min_value=1, max_value=48),
       rate=st.decimals(min_value=0, max_value=5, places=2))
def test_principal_parts_sum_exactly(financed, n, rate):
    rows = build_schedule(financed_minor=financed, installments=n, every="month", first_date=D(2026, 1, 1),
                          monthly_rate=rate)
    assert sum(p for _, p, _ in rows) == financed
    assert all(i >= 0 for _, _, i in rows)
    # interest on a declining balance never grows
    interests = [i for _, _, i in rows]
    assert interests == sorted(interests, reverse=True)


def test_agreement_schedule_with_down_payment_and_interest(debtor):
    s = debtor
    with s.begin():
        a = create_agreement(s, customer_code="C001", invoice_numbers=["F1", "F2"], installments=3, every="month",
                             start=D(2026, 7, 1), down_minor=10000, monthly_rate=Decimal("2"),
                             agreed_on=D(2026, 6, 30))
    # debt: 500 + 400 = 900; financed 800 in 3 parts: 266.67, 266.67, 266.66
    # interest 2%/month on the balance before each: 16.00, 10.67 (533.33 × 2%), 5.33 (266.66 × 2%)
    assert a.principal_minor == 90000
    assert [(i.sequence, i.due_date, i.amount_minor) for i in a.installments] == [
        (0, D(2026, 7, 1), 10000),
        (1, D(2026, 8, 1), 26667 + 1600),
        (2, D(2026, 9, 1), 26667 + 1067),
        (3, D(2026, 10, 1), 26666 + 533),
    ]
    assert a.interest_minor == 1600 + 1067 + 533
    assert a.total_minor == sum(i.amount_minor for i in a.installments)
    # the interest is its own charge, aged like an invoice
    interest = ledger.get_invoice(s, f"{a.number}-INT")
    assert (interest.kind, interest.total_minor) == ("interest", a.interest_minor)
    assert [d.due_date for d in interest.due_lines] == [D(2026, 8, 1), D(2026, 9, 1), D(2026, 10, 1)]
    [bal] = ledger.customer_balance(s, "C001", D(2026, 7, 1))
    assert bal.balance_minor == 90000 + a.interest_minor


def test_payments_pay_installments_in_order_and_break_after_grace(debtor):
    s = debtor
    with s.begin():
        a = create_agreement(s, customer_code="C001", invoice_numbers=["F1", "F2"], installments=2, every="week",
                             start=D(2026, 7, 1), agreed_on=D(2026, 6, 30), grace_days=3)
        make_payment(s, amount="450.00", date=D(2026, 7, 1))
    assert invoices_in_active_agreements(s) == {ledger.get_invoice(s, "F1").id, ledger.get_invoice(s, "F2").id}
    s.rollback()
    with s.begin():
        assert evaluate_agreements(s, as_of=D(2026, 7, 11)) == []  # second due 7-8, grace to 7-11
        [changed] = evaluate_agreements(s, as_of=D(2026, 7, 12))
    assert changed.state == "broken" and changed.number == a.number
    assert [(i.status, i.paid_minor) for i in changed.installments] == [("paid", 45000), ("overdue", 0)]
    # broken agreements no longer keep their invoices out of reminders
    assert invoices_in_active_agreements(s) == set()


def test_agreement_completes_when_everything_is_paid(debtor):
    s = debtor
    with s.begin():
        create_agreement(s, customer_code="C001", invoice_numbers=["F1"], installments=2, every="month",
                         start=D(2026, 7, 1), agreed_on=D(2026, 6, 30))
        make_payment(s, amount="500.00", date=D(2026, 7, 20), invoice_number="F1")
        [changed] = evaluate_agreements(s, as_of=D(2026, 7, 20))
    assert changed.state == "completed" and changed.open_minor == 0


def test_rules(debtor):
    s = debtor
    with s.begin():
        create_agreement(s, customer_code="C001", invoice_numbers=["F1"], installments=2, every="month",
                         start=D(2026, 7, 1), agreed_on=D(2026, 6, 30))
    s.rollback()
    with pytest.raises(InvoiceAlreadyInAgreementError), s.begin():
        create_agreement(s, customer_code="C001", invoice_numbers=["F1", "F2"], installments=2, every="month",
                         start=D(2026, 7, 1), agreed_on=D(2026, 6, 30))
    with pytest.raises(InvalidValueError) as err, s.begin():
        create_agreement(s, customer_code="C001", invoice_numbers=["F2"], installments=2, every="year",
                         start=D(2026, 7, 1), agreed_on=D(2026, 6, 30))
    assert err.value.field == "every"
    with pytest.raises(InvalidValueError) as err, s.begin():
        create_agreement(s, customer_code="C001", invoice_numbers=["F2"], installments=2, every="month",
                         start=D(2026, 7, 1), down_minor=40000, agreed_on=D(2026, 6, 30))
    assert err.value.field == "down"
    with s.begin():
        ledger.set_disputed(s, "F2", True)
    with pytest.raises(AgreementError, match="disputed"), s.begin():
        create_agreement(s, customer_code="C001", invoice_numbers=["F2"], installments=2, every="month",
                         start=D(2026, 7, 1), agreed_on=D(2026, 6, 30))


def test_cancel_needs_a_reason_and_frees_the_invoices(debtor):
    s = debtor
    with s.begin():
        a = create_agreement(s, customer_code="C001", invoice_numbers=["F1"], installments=2, every="month",
                             start=D(2026, 7, 1), agreed_on=D(2026, 6, 30))
    s.rollback()
    with pytest.raises(InvalidValueError), s.begin():
        cancel_agreement(s, a.number, reason="", on_date=D(2026, 7, 2))
    with s.begin():
        cancelled = cancel_agreement(s, a.number, reason="customer asked", on_date=D(2026, 7, 2))
    assert cancelled.state == "cancelled"
    assert invoices_in_active_agreements(s) == set()


def test_an_agreement_cannot_leave_a_zero_installment(session):
    import datetime as dt

    import pytest

    from app import ledger
    from app.collections.agreements import create_agreement
    from tests.factories import make_customer

    with session.begin():
        make_customer(session)
        ledger.record_invoice(session, customer_code="C001", number="TINY", issue_date=dt.date(2026, 1, 1),
                              total_minor=2)
    with pytest.raises(ledger.LedgerError) as exc:
        with session.begin():
            create_agreement(session, customer_code="C001", invoice_numbers=["TINY"], installments=3, every="month",
                             start=dt.date(2026, 2, 1), agreed_on=dt.date(2026, 1, 15))
    assert exc.value.field == "installments" and "use fewer installments" in str(exc.value)
