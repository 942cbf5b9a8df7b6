"""The receivable engine (app.ledger.balances) states each as-of rule once but in a few shapes, for speed:
one date or several at once, every line or the open ones only, with or without the later-allocations part,
per customer or for everyone. For any history of invoices, payments, credit notes, voids, write-offs and
allocations, every shape gives the same figures at every date."""

from __future__ import annotations

from collections import defaultdict

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select, union_all

from app.ledger.balances import (
    balance_parts,
    customer_balance,
    open_as_of,
    open_as_of_in,
    open_at_dates,
    unapplied_credit_parts,
)
from app.models import Allocation, Customer, DueLine, Invoice

from .test_ledger_properties import CUSTOMERS, day, fresh_session, op, run


def _per_currency(s, o) -> dict[str, int]:
    q = o.lines(Invoice.currency, func.sum(o.open)).group_by(Invoice.currency)
    return {cur: int(v) for cur, v in s.execute(q) if v}


def _summed(s, parts) -> dict[tuple[str, str], int]:
    u = union_all(*parts).subquery()
    rows = s.execute(select(Customer.code, u.c.currency, func.sum(u.c[2]))
                     .join(Customer, Customer.id == u.c.customer_id).group_by(Customer.code, u.c.currency))
    return {(code, cur): int(v) for code, cur, v in rows if v}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ops=st.lists(op, min_size=1, max_size=25), probe=st.lists(day, min_size=1, max_size=4))
def test_every_shape_of_the_rule_agrees(ops, probe):
    s = fresh_session()
    run(s, ops)
    with s.begin():
        # dates on which something was allocated too: "after D" must not take in what is dated D
        on_allocation = s.scalars(select(Allocation.date).distinct().order_by(Allocation.date).limit(3)).all()
        several = open_at_dates(*probe, *on_allocation)
        at_dates = s.execute(several.join(
            select(Invoice.currency, *[func.sum(several.open_at(d)) for d in several.dates])
            .select_from(DueLine).join(Invoice, DueLine.invoice_id == Invoice.id)
        ).group_by(Invoice.currency)).all()
        for d in several.dates:
            one = _per_currency(s, open_as_of(d))
            # several dates in one pass = one date at a time = without the later part when nothing is later
            column = 1 + several.dates.index(d)
            assert {row[0]: int(row[column]) for row in at_dates if row[column]} == one
            assert _per_currency(s, open_as_of_in(s, d)) == one

            # unapplied credit and balance for everyone = customer by customer
            credit, balance = _summed(s, unapplied_credit_parts(d)), _summed(s, balance_parts(d))
            expected_credit, expected_balance = defaultdict(int), defaultdict(int)
            for code in CUSTOMERS:
                for b in customer_balance(s, code, d):
                    expected_credit[(code, b.currency)] += b.unapplied_credit_minor
                    expected_balance[(code, b.currency)] += b.balance_minor
            assert credit == {k: v for k, v in expected_credit.items() if v}
            assert balance == {k: v for k, v in expected_balance.items() if v}
