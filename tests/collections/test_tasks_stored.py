"""The customers over their credit limit read from the stored balances (on or after the book's latest date:
stored balance + unapplied credit) equal the open lines summed per customer as they were read
(tests/reports/lateness_reference.py), on the demo generator's book (unapplied payments, voided invoices,
agreements and promises), at dates where the stored balances hold and where they do not."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select, update

from app.collections.tasks import today_tasks
from app.ledger.balance_keeper import latest_date
from app.models import Customer
from tests.reports import lateness_reference as reference
from tests.reports.test_dashboard_sql import AS_OF, books, demo_file  # noqa: F401  (the fixtures)


def over_limit(s, as_of):
    code_of = dict(s.execute(select(Customer.id, Customer.code)).all())
    got = {(t.customer_code, t.currency, t.amount_minor) for t in today_tasks(s, as_of=as_of)
           if t.kind == "over_credit_limit"}
    assert got == {(code_of[cid], cur, amount) for cid, cur, amount in reference.over_credit_limit(s, as_of)}, as_of
    return got


@pytest.mark.parametrize("limit", [0, 1, 50_000, 5_000_000])
def test_stored_and_summed_agree(books, limit):
    s = books
    with s.begin():  # every customer with a limit: those with nothing open must not show
        s.execute(update(Customer).values(credit_limit_minor=limit))
    last = latest_date(s)
    assert last is not None and last <= AS_OF  # AS_OF and later read the stored balances
    found = [over_limit(s, d) for d in (AS_OF, AS_OF + dt.timedelta(days=40), last - dt.timedelta(days=1),
                                         AS_OF - dt.timedelta(days=45), dt.date(2025, 12, 31))]
    assert found[0] or limit == 5_000_000
    s.rollback()
