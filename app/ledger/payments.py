"""Payments, credit notes, write-offs and how they are allocated to due lines.

An allocation consumes part of a due line for good; "as of" views filter allocations by date.
Payments and credit notes are allocated with their own date; allocating unapplied credit later
uses the date of that action, which may not be before either document.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import replace
from typing import Sequence

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from app import config
from app.models import POSTED, Allocation, CreditNote, Customer, DueLine, Invoice, Payment, WriteOff

from . import audit
from .customers import get_customer_row
from .dates import check_document_date, check_range
from .discounts import take_early_discounts
from .errors import (
    AllocationBeforeDocumentError,
    CustomerMismatchError,
    InvalidAmountError,
    InvalidValueError,
    NotFoundError,
    OverAllocationError,
)
from .text_input import clean_text
from .invoices import check_new_number, check_same_currency, document_number, get_invoice_row
from .money import check_bound, check_currency, to_str
from .views import (
    AllocationPlan,
    AllocationProblem,
    AllocationSuggestion,
    AllocationView,
    CreditNoteView,
    PaymentView,
    WriteOffView,
)

METHODS = ("transfer", "cash", "cheque", "card", "deposit", "yape", "plin", "other")


# --- reading what is still open --------------------------------------------------


def _open_lines(session: Session, customer_id: int, currency: str, *, issued_by: dt.date | None = None,
                invoice_id: int | None = None, due_line_ids: Sequence[int] | None = None, lock: bool = True):
    """(DueLine, Invoice, open_minor) for posted invoices' lines with something left, oldest due first.

    Read to write (`lock`): on PostgreSQL the lines are locked (FOR UPDATE, always in this order, so two
    writers cannot deadlock) until the transaction ends; a second writer waits here and then reads what
    the first one left. SQLite has one writer at a time anyway."""
    q = (
        select(DueLine, Invoice, (DueLine.amount_minor - DueLine.paid_minor).label("open"))
        .join(Invoice, DueLine.invoice_id == Invoice.id)
        .where(Invoice.customer_id == customer_id, Invoice.currency == currency, Invoice.status == POSTED)
        .order_by(DueLine.due_date, Invoice.issue_date, Invoice.id, DueLine.sequence)
    )
    if issued_by is not None:
        q = q.where(Invoice.issue_date <= issued_by)
    if invoice_id is not None:
        q = q.where(Invoice.id == invoice_id)
    if due_line_ids is not None:
        q = q.where(DueLine.id.in_(list(due_line_ids)))
    if lock:
        q = q.with_for_update(of=DueLine)
    return [(dl, inv, int(open_)) for dl, inv, open_ in session.execute(q) if open_ > 0]


def _allocation_views(session: Session, column, doc_id: int) -> tuple[AllocationView, ...]:
    rows = session.execute(
        select(Allocation.due_line_id, Invoice.number, Allocation.amount_minor, Allocation.date)
        .join(DueLine, Allocation.due_line_id == DueLine.id).join(Invoice, DueLine.invoice_id == Invoice.id)
        .where(column == doc_id).order_by(Allocation.id)
    )
    return tuple(AllocationView(*row) for row in rows)


# --- planning an allocation without writing it: the rule, once ---------------------

# The rules a plan can break (AllocationProblem.rule):
OVER_OPEN = "over_open"  # a named due line would get more than it has open
OVER_AMOUNT = "over_amount"  # the named due lines add up to more than the document
OVER_INVOICE = "over_invoice"  # a credit note for more than the invoice it names has open
NEGATIVE = "negative_allocation"  # a named due line would get a negative amount
NOT_OPEN = "not_open"  # a named due line is not among the open lines planned against


def _line(dl: DueLine, inv: Invoice, open_: int) -> AllocationSuggestion:
    return AllocationSuggestion(dl.id, inv.number, dl.due_date, open_, 0, inv.issue_date)


def open_lines(session: Session, *, customer_code: str, currency: str) -> list[AllocationSuggestion]:
    """The customer's open due lines in `currency` (posted invoices), oldest due first, each with its
    open amount and nothing applied: what `plan_on_open_lines` plans against. Read only, nothing locked."""
    customer = get_customer_row(session, customer_code)
    return [_line(*row) for row in _open_lines(session, customer.id, check_currency(currency), lock=False)]


def plan_on_open_lines(
    lines: Sequence[AllocationSuggestion], *, currency: str, amount_minor: int, on_date: dt.date | None = None,
    invoice_number: str | None = None, allocations: Sequence[tuple[int, int]] | None = None,
    kind: str = "payment",
) -> AllocationPlan:
    """How a payment or credit note (`kind`) of `amount_minor` is applied to `lines` (open due lines in
    oldest-due-first order; their `amount_minor` is ignored):

    - `allocations` [(due_line_id, amount_minor)]: exactly those, each within its line's open amount
      and together within the document;
    - else `invoice_number`: that invoice's lines, oldest due first. A payment applies what is open and
      the rest stays as unapplied credit; a credit note may not be for more than is open;
    - else a payment applies oldest due first to invoices issued by `on_date`; a credit note stays
      unapplied.

    Reads nothing: the importer plans each row of a file against what the rows above left open, the
    payment dialog checks the amounts being typed, and `plan_allocation` reads the lines for everyone."""
    amount = max(int(amount_minor), 0)
    problems: list[AllocationProblem] = []
    if allocations is not None:
        wanted: dict[int, int] = defaultdict(int)
        for due_line_id, value in allocations:
            if int(value) < 0:
                problems.append(AllocationProblem(NEGATIVE, "An allocated amount cannot be negative.",
                                                  amount_minor=int(value)))
            elif int(value) > 0:
                wanted[int(due_line_id)] += int(value)
        total = sum(wanted.values())
        if total > amount:
            problems.append(AllocationProblem(
                OVER_AMOUNT, f"The allocations add up to {to_str(total, currency)} {currency} but the {kind} has "
                             f"only {to_str(amount, currency)} {currency} to apply. Lower the allocated amounts.",
                amount_minor=total, limit_minor=amount))
        known = {ln.due_line_id: ln for ln in lines}
        for due_line_id, value in wanted.items():
            ln = known.get(due_line_id)
            if ln is None:
                problems.append(AllocationProblem(NOT_OPEN, f"Due line {due_line_id} has nothing open in {currency} "
                                                            "for this customer.", field="allocations",
                                                  amount_minor=value))
            elif value > ln.open_minor:
                problems.append(AllocationProblem(
                    OVER_OPEN, f"Invoice {ln.invoice_number} (due {ln.due_date.isoformat()}) has "
                               f"{to_str(ln.open_minor, currency)} {currency} open; {to_str(value, currency)} "
                               "cannot be applied to it.",
                    invoice_number=ln.invoice_number, amount_minor=value, limit_minor=ln.open_minor))
        planned = [replace(ln, amount_minor=wanted.get(ln.due_line_id, 0)) for ln in lines]
    else:
        if invoice_number:
            candidates = [ln for ln in lines if ln.invoice_number == invoice_number]
        elif kind == "payment":
            candidates = [ln for ln in lines if on_date is None or ln.issue_date is None or ln.issue_date <= on_date]
        else:
            candidates = []
        open_total = sum(ln.open_minor for ln in candidates)
        if invoice_number and kind != "payment" and amount > open_total:
            problems.append(AllocationProblem(
                OVER_INVOICE, f"The {kind} is for {to_str(amount, currency)} {currency} but invoice {invoice_number} "
                              f"has only {to_str(open_total, currency)} {currency} open. Lower the amount or leave "
                              "the invoice empty.",
                invoice_number=invoice_number, amount_minor=amount, limit_minor=open_total))
        planned, left = [], amount
        for ln in candidates:
            take = min(left, ln.open_minor)
            left -= take
            planned.append(replace(ln, amount_minor=take))
    applied = sum(ln.amount_minor for ln in planned)
    return AllocationPlan(currency, amount, tuple(planned), applied, amount - applied, tuple(problems),
                          invoice_number or None)


def plan_allocation(
    session: Session, *, customer_code: str, currency: str | None, amount_minor: int, on_date: dt.date,
    invoice_number: str | None = None, allocations: Sequence[tuple[int, int]] | None = None,
    kind: str = "payment", lock: bool = False,
) -> AllocationPlan:
    """What recording a payment (or credit note, `kind`) would apply, without writing it; the rule is
    `plan_on_open_lines`'s. Without `allocations` or an invoice, a payment's plan lists every open line
    issued by `on_date` (zero where the money runs out), which is what the payment dialog shows.

    Refuses (raises) what cannot be planned at all: an unknown customer, currency or invoice, an invoice
    of another customer, in another currency, void or issued after `on_date`. What the amounts break is
    in `plan.problems`. `lock=True` (writers only) locks the lines read until the transaction ends."""
    customer = get_customer_row(session, customer_code)
    currency = check_currency(currency or customer.currency)
    if allocations is not None:
        ids = {int(due_line_id) for due_line_id, value in allocations if int(value) > 0}
        _check_named_lines(session, customer, currency, on_date, ids, kind)
        found = {dl.id: _line(dl, inv, open_) for dl, inv, open_ in
                 _open_lines(session, customer.id, currency, due_line_ids=list(ids), lock=lock)}
        if ids - set(found):  # fully paid already: shown with nothing open, so the plan says so
            for dl, inv in session.execute(select(DueLine, Invoice).join(Invoice, DueLine.invoice_id == Invoice.id)
                                           .where(DueLine.id.in_(list(ids - set(found))))):
                found[dl.id] = _line(dl, inv, 0)
        lines = list(found.values())
    elif invoice_number:
        inv = get_invoice_row(session, invoice_number)
        _check_invoice_target(inv, customer, currency, on_date, kind)
        invoice_number = inv.number
        lines = [_line(*row) for row in _open_lines(session, customer.id, currency, invoice_id=inv.id, lock=lock)]
    elif kind == "payment":
        lines = [_line(*row) for row in _open_lines(session, customer.id, currency, issued_by=on_date, lock=lock)]
    else:
        lines = []
    return plan_on_open_lines(lines, currency=currency, amount_minor=amount_minor, on_date=on_date,
                              invoice_number=invoice_number, allocations=allocations, kind=kind)


def _check_named_lines(session: Session, customer: Customer, currency: str, doc_date: dt.date,
                       ids: set[int], kind: str) -> None:
    if not ids:
        return
    rows = session.execute(
        select(DueLine.id, Invoice).join(Invoice, DueLine.invoice_id == Invoice.id).where(DueLine.id.in_(list(ids)))
    ).all()
    missing = ids - {line_id for line_id, _inv in rows}
    if missing:
        raise NotFoundError(f"Due line(s) {sorted(missing)} do not exist.", field="allocations")
    for _line_id, inv in rows:
        _check_invoice_target(inv, customer, currency, doc_date, kind)


def _refuse(plan: AllocationPlan) -> None:
    """Raise the plan's first problem as the ledger error of its rule."""
    if not plan.problems:
        return
    problem = plan.problems[0]
    if problem.rule == NEGATIVE:
        raise InvalidAmountError(problem.amount_minor, problem.message)
    if problem.rule == NOT_OPEN:
        raise NotFoundError(problem.message, field=problem.field)
    raise OverAllocationError(problem.message, field=problem.field)


# --- applying a document to due lines --------------------------------------------


SOURCE_TABLES = {"payment_id": Payment, "credit_note_id": CreditNote, "write_off_id": WriteOff}


def _allocate(session: Session, due_line_id: int, amount: int, on_date: dt.date, **source) -> None:
    """Write one allocation and add it to the line's paid_minor and its source's applied_minor (every
    allocation goes through here)."""
    [(column, source_id)] = source.items()
    table = SOURCE_TABLES[column]
    currency = session.scalar(select(table.currency).where(table.id == source_id))
    # Each update only happens if it stays within the amount: on a shared database another writer may
    # have applied money to the same line (or from the same payment) since this one read it. PostgreSQL
    # re-reads a row it had to wait for before it tests the condition, so the test sees the other's change.
    paid = session.execute(update(DueLine)
                           .where(DueLine.id == due_line_id, DueLine.paid_minor + amount <= DueLine.amount_minor)
                           .values(paid_minor=DueLine.paid_minor + amount))
    applied = session.execute(update(table)
                              .where(table.id == source_id, table.applied_minor + amount <= table.amount_minor)
                              .values(applied_minor=table.applied_minor + amount))
    if paid.rowcount != 1 or applied.rowcount != 1:
        raise OverAllocationError(
            "Someone else applied money to the same invoice or from the same document a moment ago, so "
            f"{to_str(amount, currency)} {currency} no longer fits; nothing was recorded. Reload and try again.")
    session.add(Allocation(due_line_id=due_line_id, amount_minor=amount, date=on_date, currency=currency, **source))


def _apply(session: Session, plan: list[tuple[int, int]], on_date: dt.date, **source) -> None:
    for due_line_id, amount in plan:
        _allocate(session, due_line_id, amount, on_date, **source)
    session.flush()


def _check_amount(amount_minor, currency: str) -> int:
    try:
        value = int(amount_minor)
    except (TypeError, ValueError):
        raise InvalidAmountError(amount_minor) from None
    if value <= 0:
        raise InvalidAmountError(amount_minor)
    return check_bound(value, currency)


# --- payments ---------------------------------------------------------------------


def _payment_view(session: Session, p: Payment) -> PaymentView:
    allocs = _allocation_views(session, Allocation.payment_id, p.id)
    allocated = sum(a.amount_minor for a in allocs)
    return PaymentView(p.id, p.customer.code, p.date, p.currency, p.amount_minor, p.method, p.reference,
                       allocated, p.amount_minor - allocated, allocs)


def record_payment(
    session: Session,
    *,
    customer_code: str,
    date: dt.date,
    amount_minor: int,
    currency: str | None = None,
    method: str = "transfer",
    reference: str | None = None,
    allocations: Sequence[tuple[int, int]] | None = None,
    invoice_number: str | None = None,
) -> PaymentView:
    """Post a payment and apply it: to the named due lines, else to the named invoice, else oldest due
    first. What is left stays as the customer's unapplied credit."""
    customer = get_customer_row(session, customer_code)
    currency = check_currency(currency or customer.currency)
    amount = _check_amount(amount_minor, currency)
    check_document_date(date, "date", "payment")
    method = (method or "transfer").strip().lower()
    if method not in METHODS:
        raise InvalidValueError(f"Unknown payment method '{method}'; use one of {', '.join(METHODS)}.",
                                field="method")
    plan = plan_allocation(session, customer_code=customer.code, currency=currency, amount_minor=amount,
                           on_date=date, invoice_number=invoice_number, allocations=allocations, lock=True)
    _refuse(plan)
    payment = Payment(customer=customer, date=date, currency=currency, amount_minor=amount, method=method,
                      reference=clean_text(reference, "reference"), status=POSTED, created_at=config.now())
    session.add(payment)
    session.flush()
    _apply(session, plan.allocations(), date, payment_id=payment.id)
    view = _payment_view(session, payment)
    audit.record(session, action="create", entity="payment", entity_id=payment.id,
                 after={**audit.snapshot(payment), "allocations": [[a.invoice_number, a.amount_minor]
                                                                   for a in view.allocations]})
    # paid within an early-payment discount, short by at most it: the difference becomes a credit note
    take_early_discounts(session, payment, credit_note=record_credit_note)
    return view


def _check_invoice_target(inv: Invoice, customer: Customer, currency: str, doc_date: dt.date, what: str) -> None:
    if inv.customer_id != customer.id:
        raise CustomerMismatchError(f"Invoice {inv.number} belongs to another customer ({inv.customer.code}).")
    check_same_currency(what.capitalize(), currency, inv)
    if inv.status != POSTED:
        raise InvalidValueError(f"Invoice {inv.number} is void; nothing can be applied to it.",
                                field="invoice_number")
    if inv.issue_date > doc_date:
        raise AllocationBeforeDocumentError(
            f"The {what} is dated {doc_date.isoformat()}, before invoice {inv.number} "
            f"({inv.issue_date.isoformat()}). Record it unapplied and allocate it once the invoice exists.")


# --- credit notes -------------------------------------------------------------------


def _credit_note_view(session: Session, cn: CreditNote) -> CreditNoteView:
    allocs = _allocation_views(session, Allocation.credit_note_id, cn.id)
    allocated = sum(a.amount_minor for a in allocs)
    return CreditNoteView(cn.id, cn.number, cn.customer.code, cn.date, cn.currency, cn.amount_minor,
                          cn.invoice.number if cn.invoice else None, allocated, cn.amount_minor - allocated, allocs)


def record_credit_note(
    session: Session,
    *,
    customer_code: str,
    number: str,
    date: dt.date,
    amount_minor: int,
    currency: str | None = None,
    invoice_number: str | None = None,
    reason: str | None = None,
) -> CreditNoteView:
    """Post a credit note. Naming an invoice applies it there (and it may not exceed what is open);
    otherwise it stays as unapplied credit until allocated."""
    customer = get_customer_row(session, customer_code)
    currency = check_currency(currency or customer.currency)
    amount = _check_amount(amount_minor, currency)
    number = document_number(number, "Credit note")
    check_document_date(date, "date", "credit note")
    check_new_number(session, CreditNote.number, "Credit note", number)
    plan = plan_allocation(session, customer_code=customer.code, currency=currency, amount_minor=amount,
                           on_date=date, invoice_number=invoice_number, kind="credit note", lock=True)
    _refuse(plan)
    inv = get_invoice_row(session, plan.invoice_number) if plan.invoice_number else None
    cn = CreditNote(number=number, customer=customer, date=date, currency=currency, amount_minor=amount,
                    invoice=inv, reason=clean_text(reason, "reason"), status=POSTED, created_at=config.now())
    session.add(cn)
    session.flush()
    _apply(session, plan.allocations(), date, credit_note_id=cn.id)
    audit.record(session, action="create", entity="credit_note", entity_id=cn.id, after=audit.snapshot(cn))
    return _credit_note_view(session, cn)


# --- unapplied credit -------------------------------------------------------------


def unapplied_documents(session: Session, customer_id: int, currency: str, by_date: dt.date | None = None):
    """[(kind, document, unapplied_minor)] for the customer's payments and credit notes with credit left,
    oldest first."""
    out = []
    for model, column, kind in ((Payment, Allocation.payment_id, "payment"),
                                (CreditNote, Allocation.credit_note_id, "credit_note")):
        used = select(column.label("doc_id"), func.sum(Allocation.amount_minor).label("used")) \
            .where(column.is_not(None)).group_by(column).subquery()
        q = (select(model, (model.amount_minor - func.coalesce(used.c.used, 0)).label("left"))
             .outerjoin(used, used.c.doc_id == model.id)
             .where(model.customer_id == customer_id, model.currency == currency, model.status == POSTED))
        if by_date is not None:
            q = q.where(model.date <= by_date)
        out.extend((kind, doc, int(left)) for doc, left in session.execute(q) if left > 0)
    out.sort(key=lambda t: (t[1].date, t[0], t[1].id))
    return out


def allocate_credit(
    session: Session, *, customer_code: str, currency: str, on_date: dt.date
) -> list[AllocationView]:
    """Apply the customer's unapplied payments and credit notes (dated by `on_date`) to open due lines
    (issued by `on_date`), oldest first on both sides. Allocations are dated `on_date`."""
    customer = get_customer_row(session, customer_code)
    currency = check_currency(currency)
    check_range(on_date, "date")
    credits = unapplied_documents(session, customer.id, currency, by_date=on_date)
    lines = [[dl, inv, open_] for dl, inv, open_ in _open_lines(session, customer.id, currency, issued_by=on_date)]
    made: list[AllocationView] = []
    li = 0
    for kind, doc, left in credits:
        while left > 0 and li < len(lines):
            dl, inv, open_ = lines[li]
            take = min(left, open_)
            source = {"payment_id": doc.id} if kind == "payment" else {"credit_note_id": doc.id}
            _allocate(session, dl.id, take, on_date, **source)
            made.append(AllocationView(dl.id, inv.number, take, on_date))
            left -= take
            lines[li][2] -= take
            if lines[li][2] == 0:
                li += 1
    session.flush()
    if made:
        audit.record(session, action="allocate", entity="customer", entity_id=customer.id,
                     after={"currency": currency, "date": on_date.isoformat(),
                            "allocations": [[a.invoice_number, a.amount_minor] for a in made]})
    return made


# --- write-offs -------------------------------------------------------------------


def write_off(
    session: Session, *, invoice_number: str, on_date: dt.date, reason: str, amount_minor: int | None = None
) -> WriteOffView:
    """Give up an invoice's open amount (or part of it) as uncollectable, with a reason."""
    inv = get_invoice_row(session, invoice_number)
    if not (reason or "").strip():
        raise InvalidValueError("Say why the amount is written off.", field="reason")
    if inv.status != POSTED:
        raise InvalidValueError(f"Invoice {inv.number} is void; there is nothing to write off.", field="invoice_number")
    check_range(on_date, "date")
    if on_date < inv.issue_date:
        raise AllocationBeforeDocumentError(
            f"The write-off date {on_date.isoformat()} is before invoice {inv.number} ({inv.issue_date.isoformat()}).")
    lines = _open_lines(session, inv.customer_id, inv.currency, invoice_id=inv.id)
    open_total = sum(o for _d, _i, o in lines)
    amount = open_total if amount_minor is None else _check_amount(amount_minor, inv.currency)
    if open_total == 0:
        raise OverAllocationError(f"Invoice {inv.number} has nothing open to write off.")
    if amount > open_total:
        raise OverAllocationError(
            f"Invoice {inv.number} has {to_str(open_total, inv.currency)} {inv.currency} open; "
            f"{to_str(amount, inv.currency)} cannot be written off.")
    wo = WriteOff(customer_id=inv.customer_id, date=on_date, currency=inv.currency, amount_minor=amount,
                  reason=reason.strip(), created_at=config.now())
    session.add(wo)
    session.flush()
    plan = plan_on_open_lines([_line(*row) for row in lines], currency=inv.currency, amount_minor=amount,
                              invoice_number=inv.number, kind="write-off")
    _apply(session, plan.allocations(), on_date, write_off_id=wo.id)
    audit.record(session, action="create", entity="write_off", entity_id=wo.id,
                 after={**audit.snapshot(wo), "invoice": inv.number})
    allocs = _allocation_views(session, Allocation.write_off_id, wo.id)
    return WriteOffView(wo.id, inv.customer.code, wo.date, wo.currency, wo.amount_minor, wo.reason, allocs)
