"""The ledger's public allocation planning (issue 10): plan_allocation works out what recording a payment
or credit note would apply without writing anything, and record_payment applies exactly that plan."""

import datetime as dt
from dataclasses import replace

import pytest
from sqlalchemy import func, select

from app import ledger
from app.ledger import payments
from app.ledger.errors import AllocationBeforeDocumentError, OverAllocationError
from app.ledger.views import AllocationSuggestion
from app.models import Allocation, Payment
from tests.factories import make_customer, make_invoice, make_payment

D = dt.date


@pytest.fixture
def books(session):
    """C001 owes A (100.00, due 01-31), B (200.00 in 30-60-90 thirds, from 03-12) and C (50.00, issued 04-01)."""
    with session.begin():
        make_customer(session)
        make_customer(session, code="C002", name="Comercial Rivera E.I.R.L.")
        make_invoice(session, number="A", amount="100.00", issued=D(2026, 1, 1))
        make_invoice(session, number="B", amount="200.00", issued=D(2026, 2, 10), terms="30-60-90")
        make_invoice(session, number="C", amount="50.00", issued=D(2026, 4, 1))
    session.close()
    return session


def plan(session, amount, on=D(2026, 3, 1), **kw):
    kw.setdefault("currency", "PEN")
    return ledger.plan_allocation(session, customer_code="C001", amount_minor=amount, on_date=on, **kw)


def applied(p):
    return [(ln.invoice_number, ln.open_minor, ln.amount_minor) for ln in p.lines]


def count_allocations(session):
    return session.scalar(select(func.count(Allocation.id)))


def test_oldest_first_over_invoices_issued_by_the_date(books):
    p = plan(books, 15000)
    # C (issued 04-01) is not reached by a payment dated 03-01; B's third line gets nothing
    assert applied(p) == [("A", 10000, 10000), ("B", 6667, 5000), ("B", 6667, 0), ("B", 6666, 0)]
    assert (p.applied_minor, p.unapplied_minor, p.problems, p.ok) == (15000, 0, (), True)
    assert p.allocations() == [(p.lines[0].due_line_id, 10000), (p.lines[1].due_line_id, 5000)]
    assert count_allocations(books) == 0 and books.scalar(select(func.count(Payment.id))) == 0  # nothing written


def test_overpayment_leaves_the_rest_as_unapplied_credit(books):
    p = plan(books, 50000, on=D(2026, 6, 1))
    assert [ln.amount_minor for ln in p.lines] == [10000, 6667, 6667, 5000, 6666]  # C is due before B's last third
    assert (p.applied_minor, p.unapplied_minor, p.ok) == (35000, 15000, True)


def test_named_invoice_applies_what_is_open_and_keeps_the_rest(books):
    p = plan(books, 25000, invoice_number="B")
    assert applied(p) == [("B", 6667, 6667), ("B", 6667, 6667), ("B", 6666, 6666)]
    assert (p.invoice_number, p.applied_minor, p.unapplied_minor, p.ok) == ("B", 20000, 5000, True)


def test_named_invoice_is_refused_before_its_issue_date(books):
    with pytest.raises(AllocationBeforeDocumentError):
        plan(books, 1000, invoice_number="C")


def test_a_credit_note_may_not_exceed_its_invoice(books):
    p = plan(books, 12000, invoice_number="A", kind="credit note")
    [problem] = p.problems
    assert (problem.rule, problem.amount_minor, problem.limit_minor) == (payments.OVER_INVOICE, 12000, 10000)
    assert "invoice A has only 100.00 PEN open" in problem.message
    # without an invoice it stays unapplied
    p = plan(books, 12000, kind="credit note")
    assert (p.lines, p.applied_minor, p.unapplied_minor) == ((), 0, 12000)


def test_named_lines_exactly_as_given(books):
    lines = plan(books, 0, on=D(2026, 6, 1)).lines
    a, b1, c = lines[0].due_line_id, lines[1].due_line_id, lines[3].due_line_id
    p = plan(books, 10000, on=D(2026, 6, 1), allocations=[(b1, 3000), (c, 5000), (b1, 1000)])
    assert [(ln.invoice_number, ln.amount_minor) for ln in p.lines] == [("B", 4000), ("C", 5000)]
    assert (p.applied_minor, p.unapplied_minor, p.ok) == (9000, 1000, True)
    assert a not in dict(p.allocations())


def test_named_lines_over_their_open_amount_or_the_payment_are_refused(books):
    lines = plan(books, 0).lines
    a, b1 = lines[0].due_line_id, lines[1].due_line_id
    p = plan(books, 30000, allocations=[(a, 12000), (b1, 1000)])
    [problem] = p.problems
    assert (problem.rule, problem.invoice_number, problem.amount_minor, problem.limit_minor) == \
           (payments.OVER_OPEN, "A", 12000, 10000)
    p = plan(books, 5000, allocations=[(a, 4000), (b1, 4000)])
    assert [pr.rule for pr in p.problems] == [payments.OVER_AMOUNT]
    assert (p.problems[0].amount_minor, p.problems[0].limit_minor) == (8000, 5000)
    # recording refuses the same plan with the rule's error, and writes nothing
    books.close()
    with pytest.raises(OverAllocationError, match="has 100.00 PEN open; 120.00 cannot be applied"), books.begin():
        make_payment(books, amount="300.00", date=D(2026, 3, 1), allocations=[(a, 12000), (b1, 1000)])
    assert count_allocations(books) == 0


def test_a_fully_paid_line_named_again_is_over_its_open_amount(books):
    a = plan(books, 0).lines[0].due_line_id
    books.close()
    with books.begin():
        make_payment(books, amount="100.00", date=D(2026, 3, 1), invoice_number="A")
    p = plan(books, 1000, allocations=[(a, 1000)])
    assert [(pr.rule, pr.invoice_number, pr.limit_minor) for pr in p.problems] == [(payments.OVER_OPEN, "A", 0)]


@pytest.mark.parametrize("kw", [{}, {"invoice_number": "B"}, {"allocations": "second line"}])
def test_record_payment_records_the_plan(books, kw):
    if kw.get("allocations"):
        kw = {"allocations": [(plan(books, 0).lines[2].due_line_id, 2500)]}
    p = plan(books, 22000, **kw)
    books.close()
    with books.begin():
        view = make_payment(books, amount="220.00", date=D(2026, 3, 1), **kw)
    assert [(a.due_line_id, a.amount_minor) for a in view.allocations] == p.allocations()
    assert view.unapplied_minor == p.unapplied_minor


def test_planning_on_lines_already_read_follows_what_earlier_rows_took(books):
    """plan_on_open_lines reads nothing: the importer plans each row on what the rows above left open."""
    lines = payments.open_lines(books, customer_code="C001", currency="PEN")
    assert [ln.invoice_number for ln in lines] == ["A", "B", "B", "C", "B"]
    assert all(isinstance(ln, AllocationSuggestion) and ln.amount_minor == 0 for ln in lines)
    first = payments.plan_on_open_lines(lines, currency="PEN", amount_minor=12000, on_date=D(2026, 3, 1))
    taken = dict(first.allocations())
    left = [replace(ln, open_minor=ln.open_minor - taken.get(ln.due_line_id, 0)) for ln in lines]
    second = payments.plan_on_open_lines(left, currency="PEN", amount_minor=20000, invoice_number="B")
    assert [ln.amount_minor for ln in second.lines] == [4667, 6667, 6666]
    assert (second.applied_minor, second.unapplied_minor) == (18000, 2000)
