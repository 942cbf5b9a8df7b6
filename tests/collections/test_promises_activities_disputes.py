import datetime as dt

import pytest

from app import ledger
from app.collections.activities import list_activities, log_activity
from app.collections.disputes import open_dispute, resolve_dispute
from app.collections.promises import add_promise, evaluate_promises
from app.ledger.errors import InvalidValueError
from tests.factories import make_customer, make_invoice, make_payment

D = dt.date


@pytest.fixture
def debtor(session):
    with session.begin():
        make_customer(session)
        make_invoice(session, number="F1", amount="600.00", issued=D(2026, 1, 10))
    return session


def test_call_with_a_promise_records_both(debtor):
    s = debtor
    with s.begin():
        act = log_activity(s, customer_code="C001", channel="call", outcome="promise", notes="pagará el viernes",
                           next_action_date=D(2026, 7, 6), promise_date=D(2026, 7, 3), promise_amount_minor=30000,
                           promise_invoices=("F1",))
    assert act.promise is not None and act.promise.amount_minor == 30000 and act.promise.invoices == ("F1",)
    assert [a.outcome for a in list_activities(s, "C001")] == ["promise"]


def test_bad_channel_or_outcome_names_the_field(debtor):
    with pytest.raises(InvalidValueError) as err, debtor.begin():
        log_activity(debtor, customer_code="C001", channel="fax")
    assert err.value.field == "channel"
    with pytest.raises(InvalidValueError) as err, debtor.begin():
        log_activity(debtor, customer_code="C001", channel="call", outcome="maybe")
    assert err.value.field == "outcome"


def test_promise_kept_when_paid_by_the_date_plus_grace(debtor):
    s = debtor
    with s.begin():
        add_promise(s, customer_code="C001", promised_date=D(2026, 7, 3), amount_minor=30000, made_on=D(2026, 6, 30))
        make_payment(s, amount="300.00", date=D(2026, 7, 5))  # within 2 days of grace
        [kept] = evaluate_promises(s, as_of=D(2026, 7, 5))
    assert kept.state == "kept"


def test_promise_broken_after_grace(debtor):
    s = debtor
    with s.begin():
        add_promise(s, customer_code="C001", promised_date=D(2026, 7, 3), amount_minor=30000, made_on=D(2026, 6, 30))
        make_payment(s, amount="100.00", date=D(2026, 7, 2))
        assert evaluate_promises(s, as_of=D(2026, 7, 5)) == []  # still within grace
        [broken] = evaluate_promises(s, as_of=D(2026, 7, 6))
    assert broken.state == "broken" and broken.paid_minor == 10000


def test_dispute_flags_the_invoice_and_a_credit_note_resolves_it(debtor):
    s = debtor
    with s.begin():
        d = open_dispute(s, invoice_number="F1", reason="mercadería dañada", amount_minor=10000,
                         on_date=D(2026, 6, 30))
    assert ledger.get_invoice(s, "F1").disputed
    s.rollback()
    with s.begin():
        done = resolve_dispute(s, d.id, outcome="credit", credit_note_number="NC-9", on_date=D(2026, 7, 2))
    assert done.status == "resolved_credit" and done.credit_note_number == "NC-9"
    assert not ledger.get_invoice(s, "F1").disputed
    [bal] = ledger.customer_balance(s, "C001", D(2026, 7, 2))
    assert bal.balance_minor == 50000
