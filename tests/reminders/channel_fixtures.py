"""A small ledger for the channel tests: a company, a Spanish and an English customer with overdue invoices."""

from __future__ import annotations

import datetime as dt

from app import ledger
from app.ledger.money import to_minor
from tests.factories import make_customer, make_invoice, make_payment

AS_OF = dt.date(2026, 6, 30)
PAYMENT_INSTRUCTIONS = "BCP cuenta corriente S/ 193-1234567-0-89 (CCI 002-193-001234567089-12)"


def seed_ledger(session, *, logo_path=None):
    """C001 (es): three invoices, one partly paid, one not yet due, one disputed; C002 (en): one invoice."""
    with session.begin():
        ledger.save_company(session, name="Distribuidora Andina S.A.C.", tax_id="20512345678",
                            address="Av. Javier Prado Este 4200", city="Lima", country="PE", currency="PEN",
                            locale="es_PE", email="cobranzas@andina.pe", phone="+51 1 555 0100",
                            logo_path=logo_path, payment_instructions=PAYMENT_INSTRUCTIONS)
        make_customer(session, code="C001", name="Ferretería Los Andes S.A.C.", tax_id="20601234567",
                      email="pagos@losandes.pe", phone="987 654 321", address="Jr. Huallaga 355",
                      city="Lima")
        make_customer(session, code="C002", name="Pacific Imports LLC", language="en", country="US",
                      email="ap@pacific.example", address="100 Main St\nSuite 5", city="Miami, FL 33101")
        make_invoice(session, number="F001-100", customer="C001", amount="1180.00", issued=dt.date(2026, 4, 1),
                     due=dt.date(2026, 5, 1))
        make_invoice(session, number="F001-101", customer="C001", amount="500.00", issued=dt.date(2026, 5, 1),
                     due=dt.date(2026, 6, 15))
        make_invoice(session, number="F001-102", customer="C001", amount="300.00", issued=dt.date(2026, 6, 20),
                     due=dt.date(2026, 7, 20))
        make_invoice(session, number="F001-103", customer="C001", amount="999.00", issued=dt.date(2026, 4, 1),
                     due=dt.date(2026, 5, 1))
        ledger.set_disputed(session, "F001-103", True)
        make_payment(session, amount="200.00", customer="C001", date=dt.date(2026, 6, 1),
                     invoice_number="F001-101")
        make_invoice(session, number="F001-200", customer="C002", amount="2500.00", issued=dt.date(2026, 3, 1),
                     due=dt.date(2026, 3, 31))
    return to_minor
