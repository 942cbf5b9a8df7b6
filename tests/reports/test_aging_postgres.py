"""The aging engine on a real PostgreSQL server: the same single statement, the same numbers."""

from __future__ import annotations

import datetime as dt

import pytest

from app import ledger
from app.database import open_database, session_factory
from app.reports.aging import aging_report

pytestmark = pytest.mark.postgres
D = dt.date


def test_aging_on_postgres_matches_the_ledger(pg_url):
    engine = open_database(pg_url)
    s = session_factory(engine)()
    try:
        with s.begin():
            ledger.ensure_default_terms(s)
            ledger.create_customer(s, code="A", name="Acme", currency="PEN")
            ledger.create_customer(s, code="C", name="Chile", currency="CLP")
            ledger.record_invoice(s, customer_code="A", number="F1", issue_date=D(2026, 3, 1), total_minor=900_00,
                                  payment_terms="30-60-90")
            ledger.record_invoice(s, customer_code="A", number="F2", issue_date=D(2026, 6, 1), total_minor=50_00,
                                  due_date=D(2026, 7, 1))
            ledger.record_invoice(s, customer_code="A", number="F3", issue_date=D(2026, 6, 1), total_minor=70_00,
                                  due_date=D(2026, 6, 15), currency="USD")
            ledger.record_payment(s, customer_code="A", date=D(2026, 4, 10), amount_minor=350_00)
            ledger.record_payment(s, customer_code="A", date=D(2026, 7, 10), amount_minor=10_00)  # after as-of
            ledger.record_credit_note(s, customer_code="A", number="NC1", date=D(2026, 6, 2), amount_minor=20_00)
            ledger.record_invoice(s, customer_code="C", number="F4", issue_date=D(2026, 1, 1), total_minor=12_345,
                                  due_date=D(2026, 1, 31))
            ledger.void_invoice(s, "F4", reason="error", on_date=D(2026, 6, 1))
            ledger.set_disputed(s, "F2", True)
        report = aging_report(s, D(2026, 6, 30), detail=True)
        rows = {(c.code, c.currency): c for c in report.customers}
        assert set(rows) == {("A", "PEN"), ("A", "USD")}
        pen = rows[("A", "PEN")]
        assert pen.buckets == (50_00, 0, 300_00, 250_00, 0)
        assert (pen.total_minor, pen.unapplied_credit_minor, pen.net_minor) == (600_00, 20_00, 580_00)
        assert [(i.document, i.days, i.disputed) for i in pen.items] == [("F1", 61, False), ("F1", 31, False),
                                                                         ("F2", -1, True)]
        for (code, cur), row in rows.items():
            [bal] = [b for b in ledger.customer_balance(s, code, D(2026, 6, 30)) if b.currency == cur]
            assert (row.total_minor, row.unapplied_credit_minor) == (bal.open_items_minor, bal.unapplied_credit_minor)
        assert [c.code for c in aging_report(s, D(2026, 5, 31)).customers] == ["A", "C"]  # F4 not void yet
        issue = aging_report(s, D(2026, 6, 30), basis="issue", buckets=(100,))
        assert issue.customers[0].buckets == (50_00, 550_00)
    finally:
        s.close()
        engine.dispose()
