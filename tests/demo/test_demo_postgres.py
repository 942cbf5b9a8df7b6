"""Demo data on the shared-office database: bulk inserts with explicit ids must leave PostgreSQL's id
sequences past them, or the next document entered by hand would collide."""

import datetime as dt

import pytest
from sqlalchemy import text

from app import ledger
from app.ledger import balance_keeper
from app.database import open_database, session_factory
from app.demo import generate_demo

pytestmark = pytest.mark.postgres
AS_OF = dt.date(2026, 5, 31)


def test_demo_on_postgres_then_manual_entry(pg_url):
    engine = open_database(pg_url)
    s = session_factory(engine)()
    with s.begin():
        summary = generate_demo(s, customers=20, invoices=200, seed=5, as_of=AS_OF)
    assert s.execute(text("SELECT count(*) FROM invoice")).scalar() == summary.invoices == 200
    assert s.execute(text("""
        SELECT count(*) FROM (SELECT d.id FROM due_line d JOIN allocation a ON a.due_line_id = d.id
        GROUP BY d.id, d.amount_minor HAVING sum(a.amount_minor) > d.amount_minor) x""")).scalar() == 0
    # running totals in the rows, stored balances from the documents (the rows went past the Session's events)
    assert s.execute(text("""
        SELECT count(*) FROM due_line d WHERE paid_minor != coalesce((SELECT sum(amount_minor) FROM allocation a
        WHERE a.due_line_id = d.id), 0)""")).scalar() == 0
    stored = sorted(s.execute(text("SELECT customer_id, currency, balance_minor, last_date FROM customer_balance")))
    assert stored and stored == sorted(s.execute(balance_keeper._documents()))
    code = s.execute(text("SELECT code FROM customer ORDER BY id LIMIT 1")).scalar()
    s.rollback()
    with s.begin():
        ledger.create_customer(s, code="MANUAL", name="Comercial Manual S.A.C.")
        inv = ledger.record_invoice(s, customer_code=code, number="MANUAL-1", issue_date=AS_OF, total_minor=500,
                                    currency="PEN")
        pay = ledger.record_payment(s, customer_code=code, date=AS_OF, amount_minor=500, currency="PEN",
                                    invoice_number="MANUAL-1")
        ledger.record_credit_note(s, customer_code=code, number="NC-MANUAL", date=AS_OF, amount_minor=100,
                                  currency="PEN")
    assert inv.id > summary.invoices and pay.allocated_minor == 500
    with s.begin():
        second = generate_demo(s, customers=3, invoices=10, seed=5, as_of=AS_OF)
    assert second.invoice_series == "F002"
    s.close()
    engine.dispose()
