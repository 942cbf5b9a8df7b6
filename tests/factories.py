"""Small factories for tests: readable amounts in, ledger calls out."""

from __future__ import annotations

import datetime as dt

from app import ledger
from app.ledger.money import to_minor


def make_customer(session, code="C001", name="Ferretería Los Andes S.A.C.", currency="PEN", terms="NET30", **kw):
    ledger.ensure_default_terms(session)
    return ledger.create_customer(session, code=code, name=name, currency=currency, payment_terms=terms, **kw)


def make_invoice(session, number="F001-1", customer="C001", amount="120.00", issued=dt.date(2026, 1, 1),
                 due=None, currency="PEN", terms=None):
    return ledger.record_invoice(session, customer_code=customer, number=number, issue_date=issued,
                                 total_minor=to_minor(amount, currency), currency=currency,
                                 due_date=due, payment_terms=terms)


def make_payment(session, amount="50.00", customer="C001", date=dt.date(2026, 2, 1), currency="PEN", **kw):
    return ledger.record_payment(session, customer_code=customer, date=date,
                                 amount_minor=to_minor(amount, currency), currency=currency, **kw)
