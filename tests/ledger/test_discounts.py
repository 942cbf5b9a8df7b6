"""Early-payment discounts: fixed on the invoice when posted; a payment dated within the window that leaves
the invoice short by at most the discount closes it with a credit note; anything else leaves it open."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import select

from app import ledger
from app.ledger import terms as T
from app.ledger.discounts import invoice_discount, offered_discounts
from app.ledger.errors import InvalidTermsError
from app.models import AuditEntry, CreditNote, DueLine, Invoice, InvoiceDiscount
from tests.factories import make_customer, make_invoice, make_payment

D = dt.date


@pytest.fixture
def books(session):
    with session.begin():
        T.ensure_default_terms(session)
        T.create_terms(session, code="PP2", name="2 % 10 días, neto 30", lines=[T.parse_line("100%:30d")],
                       discount_percent=Decimal(2), discount_days=10)
        make_customer(session, terms="PP2")
        make_invoice(session, number="F1", amount="1000.00", issued=D(2026, 3, 1))
    return session


def open_of(s, number) -> int:
    return s.scalar(select(DueLine.amount_minor - DueLine.paid_minor).join(Invoice).where(Invoice.number == number))


def test_the_invoice_gets_the_discount_of_its_terms(books):
    with books.begin():
        d = invoice_discount(books, "F1")
    assert (d.percent, d.until, d.amount_minor, d.credit_note_number) == (Decimal(2), D(2026, 3, 11), 2000, None)


def test_a_payment_in_the_window_short_by_the_discount_closes_the_invoice(books):
    s = books
    with s.begin():
        pay = make_payment(s, amount="980.00", date=D(2026, 3, 11))
    assert pay.unapplied_minor == 0
    with s.begin():
        cn = s.scalars(select(CreditNote)).one()
        assert (cn.number, cn.amount_minor, cn.applied_minor, cn.date, cn.invoice.number) == (
            "DPP-F1", 2000, 2000, D(2026, 3, 11), "F1")
        assert "Early-payment discount" in cn.reason
        assert open_of(s, "F1") == 0
        assert invoice_discount(s, "F1").credit_note_number == "DPP-F1"
        assert s.scalars(select(AuditEntry.action).where(AuditEntry.action == "take_discount")).all() == ["take_discount"]


def test_partial_payments_count_together(books):
    s = books
    with s.begin():
        make_payment(s, amount="500.00", date=D(2026, 3, 3))
        assert s.scalars(select(CreditNote)).all() == []
    with s.begin():
        make_payment(s, amount="485.00", date=D(2026, 3, 9))
        assert s.scalar(select(CreditNote.amount_minor)) == 1500
        assert open_of(s, "F1") == 0


@pytest.mark.parametrize("amount,day,left", [
    ("980.00", D(2026, 3, 12), 2000),   # a day late: the discount is not taken
    ("970.00", D(2026, 3, 5), 3000),    # short by more than the discount
    ("1000.00", D(2026, 3, 5), 0),      # paid in full: nothing to credit
])
def test_otherwise_no_credit_note(books, amount, day, left):
    s = books
    with s.begin():
        make_payment(s, amount=amount, date=day)
        assert s.scalars(select(CreditNote)).all() == []
        assert open_of(s, "F1") == left


def test_taken_once(books):
    s = books
    with s.begin():
        make_payment(s, amount="980.00", date=D(2026, 3, 4))
        make_customer(s, code="C2", name="Otro", terms="PP2")
    with s.begin():  # a later payment of the same customer touches other invoices only
        make_invoice(s, number="F2", customer="C2", amount="100.00", issued=D(2026, 3, 5))
        make_payment(s, customer="C2", amount="98.00", date=D(2026, 3, 6))
        assert sorted(s.scalars(select(CreditNote.number))) == ["DPP-F1", "DPP-F2"]
        assert s.scalar(select(InvoiceDiscount.credit_note_id).where(InvoiceDiscount.invoice_id == 1)) is not None


def test_offered_while_open_and_in_the_window(books):
    s = books
    with s.begin():
        [offer] = offered_discounts(s, "C001", as_of=D(2026, 3, 5))
        assert (offer.invoice_number, offer.until, offer.amount_minor, offer.pay_minor) == ("F1", D(2026, 3, 11),
                                                                                            2000, 98000)
        assert offered_discounts(s, "C001", as_of=D(2026, 3, 12)) == []
        make_payment(s, amount="980.00", date=D(2026, 3, 8))
        assert offered_discounts(s, "C001", as_of=D(2026, 3, 9)) == []


def test_a_due_date_given_by_hand_has_no_discount(books):
    with books.begin():
        make_invoice(books, number="F9", amount="10.00", issued=D(2026, 3, 1), due=D(2026, 3, 31))
        assert invoice_discount(books, "F9") is None


def test_editing_or_archiving_terms_leaves_posted_invoices_alone(books):
    s = books
    with s.begin():
        T.update_terms(s, "PP2", lines=[T.parse_line("50%:15d"), T.parse_line("rest:45d")],
                       discount_percent=Decimal(5), discount_days=3)
        T.archive_terms(s, "PP2")
    with s.begin():
        inv = ledger.get_invoice(s, "F1")
        assert [(d.due_date, d.amount_minor) for d in inv.due_lines] == [(D(2026, 3, 31), 100000)]
        assert invoice_discount(s, "F1").amount_minor == 2000
        # the customer keeps its (archived) terms: a new invoice follows them as they are now
        inv2 = make_invoice(s, number="F2", amount="100.00", issued=D(2026, 4, 1))
        assert [(d.due_date, d.amount_minor) for d in inv2.due_lines] == [(D(2026, 4, 16), 5000),
                                                                          (D(2026, 5, 16), 5000)]
        assert invoice_discount(s, "F2").amount_minor == 500
    # but archived terms are not offered: naming them for an invoice or a new customer is refused
    with pytest.raises(InvalidTermsError, match="archived"), s.begin():
        make_invoice(s, number="F3", amount="100.00", issued=D(2026, 4, 1), terms="PP2")
    with pytest.raises(InvalidTermsError, match="archived"), s.begin():
        make_customer(s, code="C9", name="Nuevo", terms="PP2")
    with s.begin():
        ledger.update_customer(s, "C001", name="Ferretería Los Andes S.A.")  # editing it keeps them
        assert [t.code for t in T.list_terms(s, include_archived=False)].count("PP2") == 0
        T.archive_terms(s, "PP2", archived=False)
        make_customer(s, code="C9", name="Nuevo", terms="PP2")
