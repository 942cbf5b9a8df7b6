"""Planning reads the open items through the receivable engine and leaves out the items that cannot reach a
level yet: the plan is the one planning every open item gives, on a demo book with reminders already sent."""

import datetime as dt

from app.demo.generator import generate_demo
from app.ledger import balances
from app.reminders import run
from app.reminders.service import perform_run, preview_run

AS_OF = dt.date(2026, 6, 30)


def _every_item(session, as_of, due_by=None, _original=run._open_items_all):
    return _original(session, as_of)


def test_the_plan_is_the_same_as_planning_every_open_item(session, monkeypatch):
    with session.begin():
        generate_demo(session, customers=60, invoices=600, as_of=AS_OF)
    with session.begin():  # a first run, so items carry reminder history at the second
        perform_run(session, as_of=dt.date(2026, 5, 31), at="10:00", approve=run.APPROVE_ALL)
    with session.begin():
        fast = preview_run(session, as_of=AS_OF, at="10:00").plan
    monkeypatch.setattr(run, "_open_items_all", _every_item)
    with session.begin():
        full = preview_run(session, as_of=AS_OF, at="10:00").plan
    assert fast == full
    assert len([p for p in fast if p.blocked is None]) > 5
    assert any(p.items and p.items[0].level_sequence for p in fast)  # some items were reminded before


def test_open_items_are_those_of_the_ledger(session):
    with session.begin():
        generate_demo(session, customers=15, invoices=120, as_of=AS_OF)
    items, several = run._open_items_all(session, AS_OF)
    from app.models import Customer, Invoice
    invoice_ids = dict(session.query(Invoice.number, Invoice.id))
    for customer_id, code in session.query(Customer.id, Customer.code):
        expected = [(i.due_line_id, i.invoice_number, i.kind, i.due_date, i.currency, i.open_minor, i.days_overdue,
                     i.disputed, invoice_ids[i.invoice_number], customer_id)
                    for i in balances.open_items(session, code, AS_OF)]
        read = [run._Open(*row) for row in items.get(customer_id, [])]  # the driver's rows, in _Open's order
        assert [(i.due_line_id, i.invoice_number, i.kind, dt.date.fromisoformat(str(i.due_date)), i.currency,
                 i.open_minor, i.days_overdue, bool(i.disputed), i.invoice_id, i.customer_id) for i in read] == expected
        assert (customer_id in several) == (len({i[4] for i in expected}) > 1)
    assert several  # the demo has customers owing in two currencies
