import datetime as dt
import json

import pytest
from sqlalchemy import func, select

from app import ledger
from app.ledger.errors import (
    AllocationBeforeDocumentError,
    CurrencyMismatchError,
    CustomerMismatchError,
    DuplicateCustomerError,
    DuplicateNumberError,
    InvalidValueError,
    OverAllocationError,
    UnknownCustomerError,
    VoidWithAllocationsError,
)
from app.models import Allocation, AuditEntry, Invoice
from tests.factories import make_customer, make_invoice, make_payment

D = dt.date


@pytest.fixture
def books(session):
    with session.begin():
        make_customer(session)
        make_customer(session, code="C002", name="Comercial Rivera E.I.R.L.")
    return session


def test_invoice_gets_due_lines_from_the_customer_terms(books):
    s = books
    with s.begin():
        ledger.update_customer(s, "C001", payment_terms="30-60-90")
        inv = make_invoice(s, amount="1000.00", issued=D(2026, 1, 10))
    assert [(d.due_date, d.amount_minor) for d in inv.due_lines] == [
        (D(2026, 2, 9), 33333), (D(2026, 3, 11), 33333), (D(2026, 4, 10), 33334)]  # the last takes the rest


def test_explicit_due_date_gives_one_line(books):
    with books.begin():
        inv = make_invoice(books, due=D(2026, 3, 1))
    assert [(d.due_date, d.amount_minor) for d in inv.due_lines] == [(D(2026, 3, 1), 12000)]


def test_duplicate_invoice_number_is_refused(books):
    with books.begin():
        make_invoice(books, number="F1")
    with pytest.raises(DuplicateNumberError, match="F1"), books.begin():
        make_invoice(books, number="F1", customer="C002")


def test_duplicate_customer_code(books):
    with pytest.raises(DuplicateCustomerError), books.begin():
        make_customer(books, code="C001")


def test_unknown_customer(books):
    with pytest.raises(UnknownCustomerError, match="NOPE"), books.begin():
        make_invoice(books, customer="NOPE")


def test_bad_customer_fields_name_the_field(books):
    with pytest.raises(InvalidValueError) as err, books.begin():
        make_customer(books, code="X", country="Peru")
    assert err.value.field == "country"
    with pytest.raises(InvalidValueError) as err, books.begin():
        make_customer(books, code="X", email="not-an-email")
    assert err.value.field == "email"


def test_payment_goes_to_oldest_due_lines_first_and_the_rest_stays_unapplied(books):
    s = books
    with s.begin():
        make_invoice(s, number="A", amount="100.00", issued=D(2026, 1, 1))
        make_invoice(s, number="B", amount="100.00", issued=D(2026, 1, 5))
        p = make_payment(s, amount="250.00", date=D(2026, 2, 10))
    assert [(a.invoice_number, a.amount_minor) for a in p.allocations] == [("A", 10000), ("B", 10000)]
    assert p.unapplied_minor == 5000
    [bal] = ledger.customer_balance(s, "C001", D(2026, 2, 10))
    assert (bal.open_items_minor, bal.unapplied_credit_minor, bal.balance_minor) == (0, 5000, -5000)


def test_payment_to_named_lines(books):
    s = books
    with s.begin():
        a = make_invoice(s, number="A", amount="100.00")
        b = make_invoice(s, number="B", amount="100.00")
        p = make_payment(s, amount="60.00", allocations=[(b.due_lines[0].id, 6000)])
    assert [(x.invoice_number, x.amount_minor) for x in p.allocations] == [("B", 6000)]
    open_ = {i.invoice_number: i.open_minor for i in ledger.open_items(s, "C001", D(2026, 6, 30))}
    assert open_ == {"A": 10000, "B": 4000}
    assert a.due_lines[0].amount_minor == 10000


def test_over_allocation_of_a_due_line_is_refused_and_nothing_is_written(books):
    s = books
    with s.begin():
        inv = make_invoice(s, number="A", amount="100.00")
    before = s.scalar(select(func.count(Allocation.id)))
    s.rollback()  # end the read transaction before the unit of work
    with pytest.raises(OverAllocationError, match="A"), s.begin():
        make_payment(s, amount="150.00", allocations=[(inv.due_lines[0].id, 15000)])
    assert s.scalar(select(func.count(Allocation.id))) == before


def test_allocations_beyond_the_payment_are_refused(books):
    s = books
    with s.begin():
        a = make_invoice(s, number="A", amount="100.00")
        b = make_invoice(s, number="B", amount="100.00")
    with pytest.raises(OverAllocationError, match="add up to"), s.begin():
        make_payment(s, amount="50.00", allocations=[(a.due_lines[0].id, 3000), (b.due_lines[0].id, 3000)])


def test_currency_mismatch(books):
    s = books
    with s.begin():
        make_invoice(s, number="A")
    with pytest.raises(CurrencyMismatchError), s.begin():
        make_payment(s, currency="USD", invoice_number="A")


def test_payment_for_another_customers_invoice(books):
    s = books
    with s.begin():
        make_invoice(s, number="A")
    with pytest.raises(CustomerMismatchError), s.begin():
        make_payment(s, customer="C002", invoice_number="A")


def test_allocation_dated_before_the_invoice_is_refused(books):
    s = books
    with s.begin():
        make_invoice(s, number="A", issued=D(2026, 3, 1))
    with pytest.raises(AllocationBeforeDocumentError), s.begin():
        make_payment(s, date=D(2026, 2, 1), invoice_number="A")


def test_oldest_first_ignores_invoices_issued_after_the_payment(books):
    s = books
    with s.begin():
        make_invoice(s, number="LATER", issued=D(2026, 3, 1))
        p = make_payment(s, date=D(2026, 2, 1))
    assert p.allocations == () and p.unapplied_minor == 5000
    with s.begin():
        made = ledger.allocate_credit(s, customer_code="C001", currency="PEN", on_date=D(2026, 3, 5))
    assert [(m.invoice_number, m.amount_minor, m.date) for m in made] == [("LATER", 5000, D(2026, 3, 5))]
    # before the allocation date the credit was still unapplied
    [bal] = ledger.customer_balance(s, "C001", D(2026, 3, 4))
    assert (bal.open_items_minor, bal.unapplied_credit_minor) == (12000, 5000)
    [bal] = ledger.customer_balance(s, "C001", D(2026, 3, 5))
    assert (bal.open_items_minor, bal.unapplied_credit_minor) == (7000, 0)


def test_credit_note_for_an_invoice(books):
    s = books
    with s.begin():
        make_invoice(s, number="A", amount="100.00")
        cn = ledger.record_credit_note(s, customer_code="C001", number="NC1", date=D(2026, 1, 20),
                                       amount_minor=2500, invoice_number="A", reason="returned goods")
    assert cn.allocated_minor == 2500
    assert [i.open_minor for i in ledger.open_items(s, "C001", D(2026, 6, 30))] == [7500]
    s.rollback()
    with pytest.raises(OverAllocationError), s.begin():
        ledger.record_credit_note(s, customer_code="C001", number="NC2", date=D(2026, 1, 20),
                                  amount_minor=9000, invoice_number="A")
    with pytest.raises(DuplicateNumberError), s.begin():
        ledger.record_credit_note(s, customer_code="C001", number="NC1", date=D(2026, 1, 20), amount_minor=1)


def test_void_only_without_allocations(books):
    s = books
    with s.begin():
        make_invoice(s, number="A")
        make_invoice(s, number="B")
        make_payment(s, invoice_number="B")
    with pytest.raises(VoidWithAllocationsError, match="credit note"), s.begin():
        ledger.void_invoice(s, "B", reason="error", on_date=D(2026, 2, 2))
    with pytest.raises(InvalidValueError), s.begin():
        ledger.void_invoice(s, "A", reason="  ", on_date=D(2026, 2, 2))
    with s.begin():
        ledger.void_invoice(s, "A", reason="entered twice", on_date=D(2026, 2, 2))
    # before the void date it was owed; from then on it is gone
    assert [i.invoice_number for i in ledger.open_items(s, "C001", D(2026, 2, 1))] == ["A", "B"]
    assert [i.invoice_number for i in ledger.open_items(s, "C001", D(2026, 2, 2))] == ["B"]
    # the document stays, marked void
    inv = s.scalars(select(Invoice).where(Invoice.number == "A")).one()
    assert (inv.status, inv.void_reason) == ("void", "entered twice")


def test_write_off_settles_the_open_amount(books):
    s = books
    with s.begin():
        make_invoice(s, number="A", amount="100.00")
        make_payment(s, amount="30.00")
        wo = ledger.write_off(s, invoice_number="A", on_date=D(2026, 5, 1), reason="customer closed")
    assert wo.amount_minor == 7000
    assert ledger.open_items(s, "C001", D(2026, 5, 1)) == []
    assert ledger.open_items(s, "C001", D(2026, 4, 30))[0].open_minor == 7000
    [bal] = ledger.customer_balance(s, "C001", D(2026, 6, 30))
    assert bal.balance_minor == 0


def test_as_of_hides_documents_dated_later(books):
    s = books
    with s.begin():
        make_invoice(s, number="A", issued=D(2026, 1, 1))
        make_invoice(s, number="B", issued=D(2026, 3, 1))
        make_payment(s, amount="120.00", date=D(2026, 2, 1))
    [bal] = ledger.customer_balance(s, "C001", D(2026, 1, 31))
    assert bal.balance_minor == 12000
    [bal] = ledger.customer_balance(s, "C001", D(2026, 2, 1))
    assert bal.balance_minor == 0
    [bal] = ledger.customer_balance(s, "C001", D(2026, 3, 1))
    assert bal.balance_minor == 12000
    items = ledger.open_items(s, "C001", D(2026, 3, 31))
    assert [(i.invoice_number, i.days_overdue) for i in items] == [("B", 0)]


def test_every_change_is_audited(books):
    s = books
    with s.begin():
        make_invoice(s, number="A")
        ledger.set_disputed(s, "A", True)
        ledger.update_customer(s, "C001", email="pagos@losandes.pe")
    entries = s.execute(select(AuditEntry.action, AuditEntry.entity, AuditEntry.user, AuditEntry.before,
                               AuditEntry.after).order_by(AuditEntry.id)).all()
    actions = [(a, e) for a, e, *_ in entries]
    assert ("create", "invoice") in actions and ("dispute", "invoice") in actions
    update = [row for row in entries if row[0] == "update"][-1]
    assert update.user == "tester"
    assert json.loads(update.before)["email"] is None
    assert json.loads(update.after)["email"] == "pagos@losandes.pe"


def test_failed_unit_of_work_leaves_the_database_as_it_was(books):
    s = books
    with pytest.raises(DuplicateNumberError), s.begin():
        make_invoice(s, number="X1")
        make_invoice(s, number="X1")
    assert s.scalar(select(func.count(Invoice.id))) == 0


def test_customer_documents_lists_everything_newest_first(books):
    s = books
    with s.begin():
        make_invoice(s, number="A", issued=D(2026, 1, 1))
        make_payment(s, amount="20.00", date=D(2026, 1, 15), reference="OP-77")
    docs = ledger.customer_documents(s, "C001")
    assert [(d.kind, d.number, d.open_minor) for d in docs] == [("payment", "OP-77", 0), ("invoice", "A", 10000)]
