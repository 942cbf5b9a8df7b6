"""Corrections (app.ledger.corrections): void, unapply, reapply, credit notes, write-offs, undo, the audit
log; and "as of" balances and aging on both sides of a correction's date."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from app.ledger import corrections as cx
from app.ledger.balances import customer_balance, open_items
from app.ledger.errors import (
    AlreadyVoidError,
    CustomerMismatchError,
    InvalidValueError,
    NotFoundError,
    OverAllocationError,
    VoidWithAllocationsError,
)
from app.models import Allocation, Payment
from app.reports.aging import aging_report
from tests.factories import fresh, make_customer, make_invoice, make_payment

from .test_paid_minor import applied_mismatches, paid_mismatches

D = dt.date


@pytest.fixture
def book(session):
    """C001 owes F1 100.00 (Jan 1) and F2 80.00 (Feb 1); payment OP-1 of 60.00 on Mar 1 applied to F1."""
    with session.begin():
        make_customer(session)
        make_customer(session, code="C002", name="Otra")
        make_invoice(session, number="F1", amount="100.00", issued=D(2026, 1, 1), due=D(2026, 1, 31))
        make_invoice(session, number="F2", amount="80.00", issued=D(2026, 2, 1), due=D(2026, 3, 3))
        make_invoice(session, number="G1", customer="C002", amount="10.00", issued=D(2026, 1, 1))
        make_payment(session, amount="60.00", date=D(2026, 3, 1), reference="OP-1", invoice_number="F1")
    return session


def tx(s):
    """A write transaction after the reads a test made (reads autobegin one)."""
    fresh(s)
    return s.begin()


def _open(s, as_of):
    return {i.invoice_number: i.open_minor for i in open_items(s, "C001", as_of)}


def _balance(s, as_of):
    [b] = customer_balance(s, "C001", as_of)
    return b.open_items_minor, b.unapplied_credit_minor, b.balance_minor


def _consistent(s):
    assert paid_mismatches(s) == [] and applied_mismatches(s) == []


def test_unapply_returns_the_money_to_credit_from_its_date_only(book):
    s = book
    with tx(s):
        c = cx.unapply(s, "OP-1", invoice_number="F1", on_date=D(2026, 4, 10), reason="wrong invoice")
    assert c.amount_minor == 6000 and c.invoices == ("F1",) and c.undo.kind == "reapply"
    _consistent(s)
    # before the reversal: applied as it was; from its date: F1 open again and 60.00 unapplied credit
    assert _open(s, D(2026, 4, 9)) == {"F1": 4000, "F2": 8000}
    assert _balance(s, D(2026, 4, 9)) == (12000, 0, 12000)
    assert _open(s, D(2026, 4, 10)) == {"F1": 10000, "F2": 8000}
    assert _balance(s, D(2026, 4, 10)) == (18000, 6000, 12000)
    # aging as of a date before and after the reversal
    before = aging_report(s, D(2026, 4, 9), customer_code="C001").customers[0]
    after = aging_report(s, D(2026, 4, 10), customer_code="C001").customers[0]
    assert (before.total_minor, before.unapplied_credit_minor) == (12000, 0)
    assert (after.total_minor, after.unapplied_credit_minor) == (18000, 6000)
    assert after.net_minor == before.net_minor == 12000


def test_reapply_to_another_invoice_and_undo(book):
    s = book
    with tx(s):
        cx.unapply(s, "OP-1", on_date=D(2026, 4, 10))
        c = cx.apply(s, "OP-1", invoice_number="F2", on_date=D(2026, 4, 10))
    assert c.amount_minor == 6000 and c.invoices == ("F2",)
    assert _open(s, D(2026, 4, 10)) == {"F1": 10000, "F2": 2000}
    with tx(s):
        back = cx.undo(s, c.undo, on_date=D(2026, 4, 11))
    assert back.invoices == ("F2",)
    assert _open(s, D(2026, 4, 11)) == {"F1": 10000, "F2": 8000}
    assert _open(s, D(2026, 4, 10)) == {"F1": 10000, "F2": 2000}
    _consistent(s)


def test_undo_of_an_unapply_reapplies_the_same_lines(book):
    s = book
    with tx(s):
        c = cx.unapply(s, "OP-1", on_date=D(2026, 4, 10))
        cx.undo(s, c.undo, on_date=D(2026, 4, 10))
    assert _open(s, D(2026, 4, 10)) == {"F1": 4000, "F2": 8000}
    assert _balance(s, D(2026, 4, 10)) == (12000, 0, 12000)
    _consistent(s)


def test_apply_with_an_amount_and_oldest_first(book):
    s = book
    with tx(s):
        cx.unapply(s, "OP-1", on_date=D(2026, 4, 1))
        part = cx.apply(s, "OP-1", invoice_number="F2", amount_minor=1500, on_date=D(2026, 4, 1))
        rest = cx.apply(s, "OP-1", on_date=D(2026, 4, 1))
    assert part.amount_minor == 1500 and rest.amount_minor == 4500 and rest.invoices == ("F1",)
    with tx(s):
        with pytest.raises(OverAllocationError, match="applied in full; unapply it first"):
            cx.apply(s, "OP-1", invoice_number="F2")


def test_apply_refusals(book):
    s = book
    with tx(s):
        cx.unapply(s, "OP-1", on_date=D(2026, 4, 1))
    for kwargs, error, text in (
        ({"invoice_number": "F2", "amount_minor": 9000}, OverAllocationError, "unapplied"),
        ({"invoice_number": "F2", "amount_minor": 6000, "on_date": D(2026, 2, 1)}, InvalidValueError, "before"),
        ({"invoice_number": "G1"}, CustomerMismatchError, "another customer"),
    ):
        with tx(s):
            with pytest.raises(error, match=text):
                cx.apply(s, "OP-1", **{"on_date": D(2026, 4, 1), **kwargs})
    with tx(s):
        cx.issue_credit_note(s, "C001", amount_minor=5000, invoice_number="F2", on_date=D(2026, 4, 1))
    with tx(s):
        with pytest.raises(OverAllocationError, match="Invoice F2 has 30.00 PEN open; 40.00 cannot"):
            cx.apply(s, "OP-1", invoice_number="F2", amount_minor=4000, on_date=D(2026, 4, 1))


def test_unapply_refusals(book):
    s = book
    with tx(s):
        with pytest.raises(cx.NothingAppliedError, match="applied to invoice F2"):
            cx.unapply(s, "OP-1", invoice_number="F2")
    with tx(s):
        with pytest.raises(NotFoundError, match="No payment with reference 'NOPE'"):
            cx.unapply(s, "NOPE")
    with tx(s):
        with pytest.raises(InvalidValueError, match="before 2026-03-01"):
            cx.unapply(s, "OP-1", on_date=D(2026, 2, 15))


def test_ambiguous_reference_asks_for_the_id(book):
    s = book
    with tx(s):
        make_payment(s, amount="5.00", date=D(2026, 3, 2), reference="OP-1", invoice_number="F2")
    with tx(s):
        with pytest.raises(cx.AmbiguousReferenceError, match="give the payment as #ID"):
            cx.unapply(s, "OP-1")
    pid = s.scalar(select(Payment.id).where(Payment.amount_minor == 500))
    with tx(s):
        assert cx.unapply(s, f"#{pid}", on_date=D(2026, 4, 1)).amount_minor == 500


def test_void_invoice_refused_while_applied_names_the_payment_and_the_command(book):
    s = book
    with tx(s):
        with pytest.raises(VoidWithAllocationsError) as exc:
            cx.void_invoice(s, "F1", reason="duplicate", on_date=D(2026, 4, 1))
    assert "payment OP-1 (60.00 PEN)" in str(exc.value)
    assert "unapply first: cobranza payment unapply OP-1 --invoice F1" in str(exc.value)
    with tx(s):
        cx.unapply(s, "OP-1", invoice_number="F1", on_date=D(2026, 4, 1))
    with tx(s):  # not before the day the money was taken back
        with pytest.raises(InvalidValueError, match="Void it on 2026-04-01 or later"):
            cx.void_invoice(s, "F1", reason="duplicate", on_date=D(2026, 3, 20))
    with tx(s):
        c = cx.void_invoice(s, "F1", reason="duplicate", on_date=D(2026, 4, 2))
    assert c.action == "void_invoice"
    assert _open(s, D(2026, 4, 2)) == {"F2": 8000}
    assert _open(s, D(2026, 3, 15)) == {"F1": 4000, "F2": 8000}
    with tx(s):
        with pytest.raises(AlreadyVoidError):
            cx.void_invoice(s, "F1", reason="again")
    with tx(s):
        with pytest.raises(InvalidValueError, match="reason"):
            cx.void_invoice(s, "F2", reason="  ")


def test_void_payment_reverses_its_allocations_on_the_void_date(book):
    s = book
    with tx(s):
        c = cx.void_payment(s, "OP-1", reason="cheque bounced", on_date=D(2026, 4, 5))
    assert c.action == "void_payment" and c.invoices == ("F1",)
    _consistent(s)
    p = s.scalar(select(Payment).where(Payment.reference == "OP-1"))
    assert (p.status, p.void_date, p.void_reason, p.applied_minor) == ("void", D(2026, 4, 5), "cheque bounced", 0)
    assert _balance(s, D(2026, 4, 4)) == (12000, 0, 12000)
    assert _balance(s, D(2026, 4, 5)) == (18000, 0, 18000)
    a_before = aging_report(s, D(2026, 4, 4), customer_code="C001").customers[0]
    a_after = aging_report(s, D(2026, 4, 5), customer_code="C001").customers[0]
    assert (a_before.net_minor, a_after.net_minor) == (12000, 18000)
    # rows are never deleted: the allocation and its reversal are both there
    amounts = sorted(s.scalars(select(Allocation.amount_minor).where(Allocation.payment_id == p.id)))
    assert amounts == [-6000, 6000]
    with tx(s):
        with pytest.raises(AlreadyVoidError):
            cx.void_payment(s, "OP-1", reason="again")
    with tx(s):
        with pytest.raises(AlreadyVoidError):
            cx.apply(s, "OP-1")


def test_void_payment_with_unapplied_credit_keeps_the_past(book):
    s = book
    with tx(s):
        make_payment(s, amount="30.00", date=D(2026, 3, 5), reference="ANT-1", allocations=[])
    assert _balance(s, D(2026, 3, 10)) == (12000, 3000, 9000)
    with tx(s):
        cx.void_payment(s, "ANT-1", reason="entered twice", on_date=D(2026, 3, 20))
    assert _balance(s, D(2026, 3, 10)) == (12000, 3000, 9000)
    assert _balance(s, D(2026, 3, 20)) == (12000, 0, 12000)
    assert aging_report(s, D(2026, 3, 10), customer_code="C001").customers[0].unapplied_credit_minor == 3000
    assert aging_report(s, D(2026, 3, 20), customer_code="C001").customers[0].unapplied_credit_minor == 0


def test_credit_note_against_an_invoice_on_account_and_its_undo(book):
    s = book
    with tx(s):
        c = cx.issue_credit_note(s, "C001", amount_minor=2000, invoice_number="F2", on_date=D(2026, 4, 1),
                                 reason="price difference")
        acc = cx.issue_credit_note(s, "C001", amount_minor=500, on_date=D(2026, 4, 1))
    assert c.document == "credit note NC-000001" and acc.document == "credit note NC-000002"
    assert _open(s, D(2026, 4, 1)) == {"F1": 4000, "F2": 6000}
    assert _balance(s, D(2026, 4, 1)) == (10000, 500, 9500)
    with tx(s):
        cx.undo(s, c.undo, on_date=D(2026, 4, 2))
    assert _open(s, D(2026, 4, 2)) == {"F1": 4000, "F2": 8000}
    assert _open(s, D(2026, 4, 1)) == {"F1": 4000, "F2": 6000}
    with tx(s):
        with pytest.raises(CustomerMismatchError):
            cx.issue_credit_note(s, "C001", amount_minor=100, invoice_number="G1")
    with tx(s):
        with pytest.raises(OverAllocationError):
            cx.issue_credit_note(s, "C001", amount_minor=999999, invoice_number="F2")
    _consistent(s)


def test_write_off_remainder(book):
    s = book
    with tx(s):
        c = cx.write_off_remainder(s, "C001", invoice_number="F1", reason="uncollectable", on_date=D(2026, 5, 1))
    assert c.amount_minor == 4000
    assert _open(s, D(2026, 5, 1)) == {"F2": 8000}
    with tx(s):
        with pytest.raises(CustomerMismatchError):
            cx.write_off_remainder(s, "C002", invoice_number="F2", reason="x")
    with tx(s):
        with pytest.raises(InvalidValueError, match="reason"):
            cx.write_off_remainder(s, "C001", invoice_number="F2", reason="")


def test_undo_of_a_recorded_payment_voids_it(book):
    s = book
    with tx(s):
        p = make_payment(s, amount="10.00", date=D(2026, 6, 1), reference="OP-9", invoice_number="F2")
        step = cx.undo_for_payment(s, p.id)
        cx.undo(s, step)
    assert s.get(Payment, p.id).status == "void"
    assert _open(s, D(2026, 6, 30)) == {"F1": 4000, "F2": 8000}


def test_edit_only_fields_that_do_not_change_the_books(book):
    s = book
    pid = s.scalar(select(Payment.id))
    with tx(s):
        cx.edit_document(s, "payment", pid, reference="OP-1B")
    assert s.get(Payment, pid).reference == "OP-1B"
    with tx(s):
        with pytest.raises(InvalidValueError, match="changes the books"):
            cx.edit_document(s, "payment", pid, amount_minor=1)


def test_audit_log_says_who_when_why_and_filters(book, monkeypatch):
    s = book
    monkeypatch.setenv("COBRANZA_USER", "ana")
    with tx(s):
        cx.unapply(s, "OP-1", on_date=D(2026, 4, 1), reason="wrong invoice")
        cx.void_invoice(s, "G1", reason="duplicate")
    rows = cx.list_audit(s, customer_code="C001")
    assert rows[0].action == "unapply" and rows[0].user == "ana" and rows[0].reason == "wrong invoice"
    assert rows[0].document == "payment OP-1" and rows[0].customer_code == "C001"
    assert "taken back from F1" in rows[0].summary
    assert all(r.customer_code == "C001" for r in rows)
    assert [r.action for r in cx.list_audit(s, customer_code="C002")][:1] == ["void"]
    assert {r.action for r in cx.list_audit(s, user="ana")} == {"unapply", "void"}
    # the invoice's history includes the payment taken back from it
    f1 = cx.list_audit(s, document="F1")
    assert {r.action for r in f1} >= {"create", "unapply"}
    assert cx.list_audit(s, since=D(2026, 7, 1)) == []


@pytest.mark.parametrize("as_of, date_from", [
    (D(2026, 4, 4), D(2026, 3, 1)),   # before the void: the payment is a credit
    (D(2026, 4, 30), D(2026, 3, 1)),  # credit on its date, debit ("void of payment") on the void date
    (D(2026, 4, 30), D(2026, 4, 5)),  # the opening still has the payment, the void is the period's movement
    (D(2026, 4, 30), D(2026, 4, 6)),  # all before the period
])
def test_statement_of_a_voided_payment_and_credit_note_adds_up(book, as_of, date_from):
    from app.reports.statement import build_statement

    s = book
    with tx(s):
        cx.issue_credit_note(s, "C001", amount_minor=1000, invoice_number="F2", on_date=D(2026, 3, 10))
        cx.void_payment(s, "OP-1", reason="cheque bounced", on_date=D(2026, 4, 5))
        cx.void_document(s, "NC-000001", reason="issued by mistake", on_date=D(2026, 4, 5))
    [section] = build_statement(s, "C001", as_of=as_of, date_from=date_from).sections
    assert section.opening_minor + section.debits_minor - section.credits_minor == section.closing_minor
    assert section.closing_minor == _balance(s, as_of)[2]
    kinds = [m.kind for m in section.movements]
    if date_from <= D(2026, 4, 5) <= as_of:
        assert kinds.count("void_payment") == 1 and kinds.count("void_credit_note") == 1
    if date_from <= D(2026, 3, 1) and as_of < D(2026, 4, 5):
        assert "payment" in kinds and "void_payment" not in kinds


@pytest.mark.postgres
def test_corrections_on_postgres(pg_url):
    """The reversal rows, their sign check and unique reverses_id, and the as-of sums on PostgreSQL."""
    from sqlalchemy.exc import IntegrityError

    from app.database import open_database, session_factory

    engine = open_database(pg_url)
    s = session_factory(engine)()
    try:
        with tx(s):
            make_customer(s)
            make_invoice(s, number="F1", amount="100.00", issued=D(2026, 1, 1), due=D(2026, 1, 31))
            make_invoice(s, number="F2", amount="80.00", issued=D(2026, 2, 1), due=D(2026, 3, 3))
            make_payment(s, amount="60.00", date=D(2026, 3, 1), reference="OP-1", invoice_number="F1")
        with tx(s):
            cx.unapply(s, "OP-1", on_date=D(2026, 4, 10))
            cx.apply(s, "OP-1", invoice_number="F2", on_date=D(2026, 4, 10))
            cx.void_payment(s, "OP-1", reason="bounced", on_date=D(2026, 5, 1))
        _consistent(s)
        assert _open(s, D(2026, 4, 9)) == {"F1": 4000, "F2": 8000}
        assert _open(s, D(2026, 4, 10)) == {"F1": 10000, "F2": 2000}
        assert _balance(s, D(2026, 5, 1)) == (18000, 0, 18000)
        assert aging_report(s, D(2026, 4, 10), customer_code="C001").customers[0].net_minor == 12000
        first = s.scalar(select(Allocation.id).where(Allocation.amount_minor > 0).order_by(Allocation.id))
        fresh(s)
        with pytest.raises(IntegrityError):  # an allocation is reversed once, by a negative row
            with s.begin():
                s.add(Allocation(due_line_id=s.scalar(select(Allocation.due_line_id).where(Allocation.id == first)),
                                 payment_id=s.scalar(select(Payment.id)), amount_minor=-6000, date=D(2026, 6, 1),
                                 currency="PEN", reverses_id=first))
    finally:
        s.close()
        engine.dispose()
