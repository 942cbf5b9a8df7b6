import datetime as dt

import pytest

from app import ledger
from app.ledger.credit import CreditBlockedError, check_credit
from tests.factories import make_customer, make_invoice

D = dt.date


@pytest.fixture
def customer(session):
    with session.begin():
        make_customer(session, credit_limit_minor=100000)
        make_invoice(session, number="OLD", amount="300.00", issued=D(2026, 1, 1), due=D(2026, 1, 31))
    return session


def test_warn_mode_lists_reasons_but_lets_the_invoice_through(customer):
    s = customer
    check = check_credit(s, "C001", amount_minor=80000, currency="PEN", as_of=D(2026, 6, 30))
    assert check.mode == "warn" and not check.blocked
    assert any("credit limit" in r for r in check.reasons)
    assert any("150 days overdue" in r for r in check.reasons)
    s.rollback()
    with s.begin():
        make_invoice(s, number="NEW", amount="800.00", issued=D(2026, 6, 30))


def test_block_mode_refuses_and_writes_nothing(customer):
    s = customer
    with s.begin():
        ledger.set_setting(s, "credit_control.mode", "block")
    with pytest.raises(CreditBlockedError, match="credit limit"), s.begin():
        make_invoice(s, number="NEW", amount="800.00", issued=D(2026, 6, 30))
    with pytest.raises(ledger.LedgerError):
        ledger.get_invoice(s, "NEW")


def test_credit_hold_blocks_and_within_limits_passes(customer):
    s = customer
    with s.begin():
        ledger.set_setting(s, "credit_control.mode", "block")
        ledger.set_setting(s, "credit_control.max_days_overdue", "365")
        make_invoice(s, number="SMALL", amount="100.00", issued=D(2026, 6, 30))
        ledger.update_customer(s, "C001", on_hold=True)
    with pytest.raises(CreditBlockedError, match="credit hold"), s.begin():
        make_invoice(s, number="HELD", amount="1.00", issued=D(2026, 6, 30))
