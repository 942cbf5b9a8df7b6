"""Property test: for any history, a statement's opening, movements and closing agree with the ledger,
its aging buckets add up to the open items, and the batch picks exactly the customers with a balance."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app import ledger
from app.reports.statement import build_statement, customers_with_balance
from tests.ledger.test_ledger_properties import CUSTOMERS, day, fresh_session, op, run


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ops=st.lists(op, min_size=1, max_size=25), dates=st.lists(day, min_size=2, max_size=2))
def test_statement_agrees_with_the_ledger(ops, dates):
    s = fresh_session()
    run(s, ops)
    date_from, as_of = sorted(dates)
    with s.begin():
        for code in CUSTOMERS:
            data = build_statement(s, code, as_of=as_of, date_from=date_from)
            closing = {b.currency: b for b in ledger.customer_balance(s, code, as_of)}
            opening = {b.currency: b.balance_minor
                       for b in ledger.customer_balance(s, code, date_from - dt.timedelta(days=1))}
            shown = {sec.currency for sec in data.sections}
            # every currency with a balance at either end has its section
            assert {c for c, b in closing.items() if b.balance_minor} <= shown
            assert {c for c, v in opening.items() if v} <= shown
            for sec in data.sections:
                assert sec.opening_minor == opening.get(sec.currency, 0)
                end = closing.get(sec.currency)
                assert sec.closing_minor == (end.balance_minor if end else 0)
                running = sec.opening_minor
                for mv in sec.movements:
                    assert date_from <= mv.date <= as_of
                    running += mv.debit_minor - mv.credit_minor
                    assert mv.balance_minor == running
                assert running == sec.closing_minor
                assert sum(v for _, v in sec.aging) == sec.open_items_minor == (end.open_items_minor if end else 0)
        with_balance = [c for c in CUSTOMERS
                        if any(b.balance_minor for b in ledger.customer_balance(s, c, as_of))]
        assert customers_with_balance(s, as_of) == with_balance
