"""The same ledger code on a real PostgreSQL server (the shared office database)."""

import datetime as dt

import pytest
from sqlalchemy import func, inspect, select

from app import ledger
from app.models import Payment
from app.database import current_revision, head_revision, open_database, session_factory
from app.ledger.errors import DuplicateNumberError
from tests.factories import make_customer, make_invoice, make_payment

pytestmark = pytest.mark.postgres
D = dt.date


def test_schema_migrates_and_ledger_works_on_postgres(pg_url):
    engine = open_database(pg_url)
    assert current_revision(engine) == head_revision()
    assert "due_line" in inspect(engine).get_table_names()
    s = session_factory(engine)()
    with s.begin():
        make_customer(s, terms="30-60-90")
        make_invoice(s, number="A", amount="900.00", issued=D(2026, 1, 10))
        make_payment(s, amount="350.00", date=D(2026, 2, 20))
        ledger.record_credit_note(s, customer_code="C001", number="NC1", date=D(2026, 3, 1), amount_minor=5000)
    items = ledger.open_items(s, "C001", D(2026, 6, 30))
    assert [(i.due_date, i.open_minor) for i in items] == [(D(2026, 3, 11), 25000), (D(2026, 4, 10), 30000)]
    [bal] = ledger.customer_balance(s, "C001", D(2026, 6, 30))
    assert (bal.open_items_minor, bal.unapplied_credit_minor, bal.balance_minor) == (55000, 5000, 50000)
    [bal] = ledger.customer_balance(s, "C001", D(2026, 2, 19))
    assert bal.balance_minor == 90000
    docs = ledger.customer_documents(s, "C001", D(2026, 6, 30))
    assert [d.kind for d in docs] == ["credit_note", "payment", "invoice"]
    s.rollback()
    with s.begin():  # applied_minor is kept by the ledger on PostgreSQL too
        ledger.allocate_credit(s, customer_code="C001", currency="PEN", on_date=D(2026, 3, 2))
    from .test_paid_minor import applied_mismatches, paid_mismatches

    with s.begin():
        assert applied_mismatches(s) == [] and paid_mismatches(s) == []
        assert s.scalar(select(func.sum(Payment.applied_minor))) == 35000
    with pytest.raises(DuplicateNumberError), s.begin():
        make_invoice(s, number="A")
    s.close()
    engine.dispose()


def test_amounts_beyond_32_bits_on_postgres(pg_url):
    """A 50,000,000.00 COP invoice is 5,000,000,000 minor units: more than an INTEGER column holds."""
    from app.reports.aging import aging_report

    engine = open_database(pg_url)
    s = session_factory(engine)()
    big = 5_000_000_000
    with s.begin():
        ledger.ensure_default_terms(s)
        ledger.create_customer(s, code="BIG", name="Grande S.A.S.", country="CO", currency="COP",
                               credit_limit_minor=2 * big)
        ledger.record_invoice(s, customer_code="BIG", number="COP-1", issue_date=D(2026, 5, 1), total_minor=big,
                              currency="COP", payment_terms="NET30")
        ledger.record_payment(s, customer_code="BIG", date=D(2026, 6, 1), amount_minor=big - 1, currency="COP")
    [item] = ledger.open_items(s, "BIG", D(2026, 6, 30))
    assert item.amount_minor == big and item.open_minor == 1
    [before] = ledger.open_items(s, "BIG", D(2026, 5, 31))
    assert before.open_minor == big
    rows = [c for c in aging_report(s, D(2026, 5, 31)).customers if c.code == "BIG"]
    assert [c.total_minor for c in rows] == [big]
    s.close()
    engine.dispose()
