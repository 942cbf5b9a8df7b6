"""An early-payment discount still on offer is on the customer's statement and on a reminder letter (the
amount that settles the invoice, the last day, the discount); once taken or past, it is not."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from app import ledger
from app.ledger import terms as T
from app.reminders.content import build_content
from app.reminders.letters import render_letters
from app.reports.statement import build_statement, render_statement
from tests.factories import make_customer, make_invoice, make_payment
from tests.reports.test_statement import pdf_text

D = dt.date


def books(session, language="es"):
    with session.begin():
        ledger.save_company(session, name="Distribuidora Andina S.A.C.", tax_id="20512345678", currency="PEN",
                            locale="es_PE", address="Av. Javier Prado Este 1234", city="Lima")
        T.ensure_default_terms(session)
        T.create_terms(session, code="PP2", name="2 % 10 días", lines=[T.parse_line("100%:30d")],
                       discount_percent=Decimal(2), discount_days=10)
        make_customer(session, terms="PP2", language=language, address="Jr. Huallaga 355", city="Lima")
        make_invoice(session, number="F1", amount="1000.00", issued=D(2026, 6, 25))  # offer until 5 July
        make_invoice(session, number="F0", amount="500.00", issued=D(2026, 5, 1), terms="NET30")  # overdue, none


def test_statement_shows_the_offer_until_its_last_day(session, tmp_path):
    books(session)
    data = build_statement(session, "C001", as_of=D(2026, 6, 30))
    [offer] = data.sections[0].discounts
    assert (offer.invoice_number, offer.until, offer.pay_minor, offer.amount_minor) == ("F1", D(2026, 7, 5),
                                                                                        98000, 2000)
    out = tmp_path / "st.pdf"
    render_statement(session, "C001", as_of=D(2026, 6, 30), out=out)
    text = " ".join(pdf_text(out).split())
    assert "Descuento por pronto pago: si paga S/ 980.00 hasta el 5/07/2026, la factura F1 queda cancelada" in text
    assert "(descuento de S/ 20.00)" in text
    session.rollback()
    assert build_statement(session, "C001", as_of=D(2026, 7, 6)).sections[0].discounts == ()


def test_statement_after_the_discount_is_taken(session, tmp_path):
    books(session)
    with session.begin():
        make_payment(session, amount="980.00", date=D(2026, 7, 2), invoice_number="F1")
    out = tmp_path / "st.pdf"
    render_statement(session, "C001", as_of=D(2026, 7, 3), out=out)
    text = pdf_text(out)
    assert "DPP-F1" in text and "Descuento por pronto pago" not in text


def test_letter_shows_the_offer(session, tmp_path):
    books(session, language="en")
    content = build_content(session, customer_code="C001", currency="PEN", as_of=D(2026, 6, 30), level=1,
                            level_name="Reminder", channel="letter", level_key="reminder",
                            item_due_line_ids=None)
    assert [i.invoice_number for i in content.items] == ["F0"]  # overdue only: the offer is on F1
    items = [i.due_line_id for i in ledger.open_items(session, "C001", D(2026, 6, 30), "PEN")]
    content = build_content(session, customer_code="C001", currency="PEN", as_of=D(2026, 6, 30), level=1,
                            level_name="Courtesy", channel="letter", level_key="courtesy", item_due_line_ids=items)
    f1 = next(i for i in content.items if i.invoice_number == "F1")
    assert (f1.discount_until, f1.discount_minor, f1.discount_pay_minor) == (D(2026, 7, 5), 2000, 98000)
    result = render_letters([content], combined_path=tmp_path / "letters.pdf")
    text = " ".join(pdf_text(result.combined_path).split())
    assert "Early-payment discount: pay S/ 980.00 by July 5, 2026 and invoice F1 is settled" in text
    assert "(a discount of S/ 20.00)" in text
