"""Payments, credit notes, write-offs and how they are allocated to due lines.

An allocation consumes part of a due line for good; "as of" views filter allocations by date.
Payments and credit notes are allocated with their own date; allocating unapplied credit later
uses the date of that action, which may not be before either document.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Sequence

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from app import config
from app.models import POSTED, Allocation, CreditNote, Customer, DueLine, Invoice, Payment, WriteOff

from . import audit
from .customers import get_customer_row
from .dates import check_range
from .errors import (
    AllocationBeforeDocumentError,
    CustomerMismatchError,
    DuplicateNumberError,
    InvalidAmountError,
    InvalidValueError,
    NotFoundError,
    OverAllocationError,
)
from .invoices import check_same_currency, get_invoice_row
from .money import check_bound, check_currency, to_str
from .views import AllocationSuggestion, AllocationView, CreditNoteView, PaymentView, WriteOffView

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


def suggest_allocation(
    session: Session, *, customer_code: str, currency: str, amount_minor: int, on_date: dt.date
) -> list[AllocationSuggestion]:
    """Every open due line of the customer in that currency issued by `on_date`, oldest due first,
    with the amount a payment of `amount_minor` would apply to it (zero once the payment runs out)."""
    customer = get_customer_row(session, customer_code)
    left = max(int(amount_minor), 0)
    out = []
    for dl, inv, open_ in _open_lines(session, customer.id, check_currency(currency), issued_by=on_date,
                                      lock=False):
        take = min(left, open_)
        left -= take
        out.append(AllocationSuggestion(dl.id, inv.number, dl.due_date, open_, take))
    return out


# --- applying a document to due lines --------------------------------------------


def _plan_oldest_first(lines, amount: int) -> list[tuple[int, int]]:
    plan, left = [], amount
    for dl, _inv, open_ in lines:
        if left <= 0:
            break
        take = min(left, open_)
        plan.append((dl.id, take))
        left -= take
    return plan


def _check_named_plan(session: Session, customer: Customer, currency: str, doc_date: dt.date,
                      allocations: Sequence[tuple[int, int]], available: int, what: str) -> list[tuple[int, int]]:
    """Validate user-chosen (due_line_id, amount) pairs against the rules; merge repeats of a line."""
    wanted: dict[int, int] = defaultdict(int)
    for due_line_id, amount in allocations:
        if int(amount) < 0:
            raise InvalidAmountError(amount, "An allocated amount cannot be negative.")
        if int(amount) > 0:
            wanted[int(due_line_id)] += int(amount)
    if not wanted:
        return []
    total = sum(wanted.values())
    if total > available:
        raise OverAllocationError(
            f"The allocations add up to {to_str(total, currency)} {currency} but the {what} has only "
            f"{to_str(available, currency)} {currency} to apply. Lower the allocated amounts.")
    rows = session.execute(
        select(DueLine, Invoice).join(Invoice, DueLine.invoice_id == Invoice.id).where(DueLine.id.in_(list(wanted)))
    ).all()
    found = {dl.id: (dl, inv) for dl, inv in rows}
    missing = set(wanted) - set(found)
    if missing:
        raise NotFoundError(f"Due line(s) {sorted(missing)} do not exist.", field="allocations")
    open_by_id = {dl.id: open_ for dl, _i, open_ in _open_lines(session, customer.id, currency,
                                                                 due_line_ids=list(wanted))}
    for line_id, amount in wanted.items():
        dl, inv = found[line_id]
        _check_invoice_target(inv, customer, currency, doc_date, what)
        open_ = open_by_id.get(line_id, 0)
        if amount > open_:
            raise OverAllocationError(
                f"Invoice {inv.number} (due {dl.due_date.isoformat()}) has {to_str(open_, currency)} {currency} "
                f"open; {to_str(amount, currency)} cannot be applied to it.")
    return list(wanted.items())


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
    if not isinstance(date, dt.date):
        raise InvalidValueError("The payment needs a date.", field="date")
    check_range(date, "date")
    method = (method or "transfer").strip().lower()
    if method not in METHODS:
        raise InvalidValueError(f"Unknown payment method '{method}'; use one of {', '.join(METHODS)}.",
                                field="method")
    if allocations is not None:
        plan = _check_named_plan(session, customer, currency, date, allocations, amount, "payment")
    elif invoice_number:
        inv = get_invoice_row(session, invoice_number)
        _check_invoice_target(inv, customer, currency, date, "payment")
        plan = _plan_oldest_first(_open_lines(session, customer.id, currency, invoice_id=inv.id), amount)
    else:
        plan = _plan_oldest_first(_open_lines(session, customer.id, currency, issued_by=date), amount)
    payment = Payment(customer=customer, date=date, currency=currency, amount_minor=amount, method=method,
                      reference=(reference or None), status=POSTED, created_at=config.now())
    session.add(payment)
    session.flush()
    _apply(session, plan, date, payment_id=payment.id)
    view = _payment_view(session, payment)
    audit.record(session, action="create", entity="payment", entity_id=payment.id,
                 after={**audit.snapshot(payment), "allocations": [[a.invoice_number, a.amount_minor]
                                                                   for a in view.allocations]})
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
    number = (number or "").strip()
    if not number:
        raise InvalidValueError("The credit note needs a number.", field="number")
    if not isinstance(date, dt.date):
        raise InvalidValueError("The credit note needs a date.", field="date")
    check_range(date, "date")
    if session.scalar(select(CreditNote.id).where(CreditNote.number == number)) is not None:
        raise DuplicateNumberError("Credit note", number)
    inv = None
    plan: list[tuple[int, int]] = []
    if invoice_number:
        inv = get_invoice_row(session, invoice_number)
        _check_invoice_target(inv, customer, currency, date, "credit note")
        lines = _open_lines(session, customer.id, currency, invoice_id=inv.id)
        open_total = sum(o for _d, _i, o in lines)
        if amount > open_total:
            raise OverAllocationError(
                f"The credit note is for {to_str(amount, currency)} {currency} but invoice {inv.number} has only "
                f"{to_str(open_total, currency)} {currency} open. Lower the amount or leave the invoice empty.")
        plan = _plan_oldest_first(lines, amount)
    cn = CreditNote(number=number, customer=customer, date=date, currency=currency, amount_minor=amount,
                    invoice=inv, reason=(reason or None), status=POSTED, created_at=config.now())
    session.add(cn)
    session.flush()
    _apply(session, plan, date, credit_note_id=cn.id)
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
    _apply(session, _plan_oldest_first(lines, amount), on_date, write_off_id=wo.id)
    audit.record(session, action="create", entity="write_off", entity_id=wo.id,
                 after={**audit.snapshot(wo), "invoice": inv.number})
    allocs = _allocation_views(session, Allocation.write_off_id, wo.id)
    return WriteOffView(wo.id, inv.customer.code, wo.date, wo.currency, wo.amount_minor, wo.reason, allocs)
