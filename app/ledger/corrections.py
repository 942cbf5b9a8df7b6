"""Correcting mistakes the way accountants do: void, unapply, reapply, credit, write off.

Posted documents are never edited or deleted. A correction adds rows:

- unapplying an allocation writes its reversal (same due line and source, the negative amount, dated the
  day of the correction, `reverses_id` pointing at it): before that day the money was applied, from that
  day on it is the payment's (or credit note's) unapplied credit again. Every "as of" sum over
  allocations (`app.ledger.balances.open_as_of`, aging, KPIs) is right on both sides of the date;
- voiding a payment or credit note reverses its allocations on the void date and marks it void (it
  exists, with its allocations, before that date);
- voiding an invoice is refused while anything is applied to it, naming what and how to unapply it;
- applying credit (again) goes through the ledger's allocation plan (`plan_allocation`).

Every function writes the audit log (who, when, why) and returns a `Correction`, with the `UndoStep`
that reverses it when the ledger can express one. The caller owns the transaction.
"""

from __future__ import annotations

import datetime as dt
import json
import shlex
from dataclasses import dataclass, field

from sqlalchemy import and_, exists, func, or_, select, update
from sqlalchemy.orm import Session, aliased

from app import config
from app.models import POSTED, VOID, Allocation, AuditEntry, CreditNote, Customer, DueLine, Invoice, Payment, WriteOff

from . import audit
from . import invoices as invoices_mod
from .customers import get_customer_row
from .dates import check_range
from .errors import (
    AlreadyVoidError,
    CustomerMismatchError,
    InvalidValueError,
    LedgerError,
    NotFoundError,
    OverAllocationError,
    VoidWithAllocationsError,
)
from .invoices import get_invoice_row
from .money import to_str
from .payments import _apply, _check_amount, _open_lines, _refuse, plan_allocation, record_credit_note, write_off

KINDS = {"payment": (Payment, Allocation.payment_id), "credit_note": (CreditNote, Allocation.credit_note_id)}


class AmbiguousReferenceError(LedgerError):
    field = "reference"


class NothingAppliedError(LedgerError):
    field = "invoice_number"


class InvoiceHasAllocationsError(VoidWithAllocationsError):
    """Voiding an invoice with money applied: names each document and the command that unapplies it."""

    def __init__(self, number: str, message: str, applied: tuple["AppliedDocument", ...]):
        LedgerError.__init__(self, message)
        self.number = number
        self.applied = applied


@dataclass(frozen=True)
class AppliedDocument:
    kind: str  # payment | credit_note | write_off
    doc_id: int
    ref: str  # what `cobranza payment unapply REF` takes
    currency: str
    amount_minor: int


@dataclass(frozen=True)
class UndoStep:
    """How to take a correction back: `kind` void (the document `doc_kind`/`doc_id`), unapply (the
    allocations `allocation_ids`) or reapply (`lines`: (due_line_id, amount_minor))."""

    kind: str
    doc_kind: str
    doc_id: int
    label: str
    allocation_ids: tuple[int, ...] = ()
    lines: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class Correction:
    action: str  # void_invoice | void_payment | void_credit_note | unapply | apply | credit_note | write_off | edit
    customer_code: str
    currency: str
    document: str  # "invoice F001-12", "payment OP-5", "credit note NC-000003"
    amount_minor: int
    summary: str
    undo: UndoStep | None = None
    invoices: tuple[str, ...] = field(default=())


# --- finding documents ---------------------------------------------------------------


def _doc_label(kind: str, doc) -> str:
    if kind == "payment":
        return f"payment {doc.reference or '#' + str(doc.id)}"
    if kind == "credit_note":
        return f"credit note {doc.number}"
    if kind == "invoice":
        return f"invoice {doc.number}"
    return f"write-off #{doc.id}"


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def source_ref(session: Session, kind: str, doc) -> str:
    """What identifies the document on the command line: a credit note's number, a payment's reference
    when no other payment has it, else `#ID`."""
    if kind == "credit_note":
        return doc.number
    if kind == "payment" and doc.reference:
        same = session.scalar(select(func.count(Payment.id)).where(Payment.reference == doc.reference))
        clash = session.scalar(select(func.count(CreditNote.id)).where(CreditNote.number == doc.reference))
        if same == 1 and not clash:
            return doc.reference
    return f"#{doc.id}"


def find_source(session: Session, ref: str, *, kinds: tuple[str, ...] = ("payment", "credit_note")):
    """(kind, row) of the payment (by reference, or `#ID`) or credit note (by number) `ref` names."""
    text = (ref or "").strip()
    if not text:
        raise InvalidValueError("Give the payment's reference (or #ID) or the credit note's number.", field="reference")
    found = []
    if text.startswith("#") and text[1:].isdigit():
        p = session.get(Payment, int(text[1:]))
        if p is None:
            raise NotFoundError(f"No payment with id {text}.", field="reference")
        return "payment", p
    if "payment" in kinds:
        found += [("payment", p) for p in session.scalars(select(Payment).where(Payment.reference == text)
                                                            .order_by(Payment.id))]
    if "credit_note" in kinds:
        found += [("credit_note", c) for c in session.scalars(select(CreditNote).where(CreditNote.number == text))]
    if not found:
        what = " or credit note numbered" if "credit_note" in kinds else ""
        raise NotFoundError(f"No payment with reference '{text}'{what and what + ' ' + repr(text)}. Check it, or "
                            "give a payment as #ID (the card lists them).", field="reference")
    if len(found) > 1:
        listed = "; ".join(f"{'#' + str(d.id) if k == 'payment' else d.number} {d.date.isoformat()} "
                           f"{to_str(d.amount_minor, d.currency)} {d.currency}" for k, d in found[:5])
        raise AmbiguousReferenceError(f"'{text}' names {len(found)} documents ({listed}); give the payment as #ID.")
    return found[0]


def _live(session: Session, kind: str, doc_id: int, invoice_id: int | None = None):
    """[(Allocation, Invoice)] of the document not reversed yet, oldest first."""
    _model, column = KINDS[kind] if kind in KINDS else (WriteOff, Allocation.write_off_id)
    rev = aliased(Allocation)
    q = (select(Allocation, Invoice).join(DueLine, Allocation.due_line_id == DueLine.id)
         .join(Invoice, DueLine.invoice_id == Invoice.id)
         .where(column == doc_id, Allocation.amount_minor > 0, ~exists().where(rev.reverses_id == Allocation.id))
         .order_by(Allocation.date, Allocation.id))
    if invoice_id is not None:
        q = q.where(Invoice.id == invoice_id)
    return [tuple(row) for row in session.execute(q)]


def applied_invoices_of(session: Session, ref: str) -> list[tuple[str, int]]:
    """(invoice number, amount) a payment or credit note is applied to now, oldest first."""
    kind, doc = find_source(session, ref)
    totals: dict[str, int] = {}
    for alloc, inv in _live(session, kind, doc.id):
        totals[inv.number] = totals.get(inv.number, 0) + alloc.amount_minor
    return list(totals.items())


def applied_to_invoice(session: Session, number: str) -> tuple[AppliedDocument, ...]:
    """What is applied to the invoice now, per document (reversed allocations count for nothing)."""
    inv = get_invoice_row(session, number)
    rev = aliased(Allocation)
    rows = session.execute(
        select(Allocation.payment_id, Allocation.credit_note_id, Allocation.write_off_id,
               func.sum(Allocation.amount_minor))
        .join(DueLine, Allocation.due_line_id == DueLine.id)
        .where(DueLine.invoice_id == inv.id, Allocation.amount_minor > 0,
               ~exists().where(rev.reverses_id == Allocation.id))
        .group_by(Allocation.payment_id, Allocation.credit_note_id, Allocation.write_off_id)
        .order_by(func.min(Allocation.id))).all()
    out = []
    for pid, cid, wid, amount in rows:
        if pid is not None:
            kind, doc = "payment", session.get(Payment, pid)
        elif cid is not None:
            kind, doc = "credit_note", session.get(CreditNote, cid)
        else:
            kind, doc = "write_off", session.get(WriteOff, wid)
        out.append(AppliedDocument(kind, doc.id, source_ref(session, kind, doc) if kind != "write_off" else f"#{doc.id}",
                                   inv.currency, int(amount)))
    return tuple(out)


def _customer_code(session: Session, customer_id: int) -> str:
    return session.scalar(select(Customer.code).where(Customer.id == customer_id))


def _check_reason(reason: str | None, what: str) -> str:
    text = (reason or "").strip()
    if not text:
        raise InvalidValueError(f"Say why the {what} (--reason).", field="reason")
    return text


# --- reversing allocations -----------------------------------------------------------


def _source(alloc: Allocation):
    if alloc.payment_id is not None:
        return "payment_id", Payment, alloc.payment_id
    if alloc.credit_note_id is not None:
        return "credit_note_id", CreditNote, alloc.credit_note_id
    return "write_off_id", WriteOff, alloc.write_off_id


def _reverse(session: Session, alloc: Allocation, on_date: dt.date) -> None:
    """Take an allocation back from `on_date` on: a negative row dated `on_date`, and the line's paid and
    the source's applied amounts lowered (each guarded, like `payments._allocate`)."""
    if on_date < alloc.date:
        raise InvalidValueError(
            f"The date {on_date.isoformat()} is before {alloc.date.isoformat()}, when the money was applied; "
            f"a correction is dated on or after it.", field="date")
    column, table, source_id = _source(alloc)
    amount = alloc.amount_minor
    paid = session.execute(update(DueLine).where(DueLine.id == alloc.due_line_id, DueLine.paid_minor >= amount)
                           .values(paid_minor=DueLine.paid_minor - amount))
    applied = session.execute(update(table).where(table.id == source_id, table.applied_minor >= amount)
                              .values(applied_minor=table.applied_minor - amount))
    if paid.rowcount != 1 or applied.rowcount != 1:
        raise OverAllocationError("Someone else changed this allocation a moment ago; nothing was recorded. "
                                  "Reload and try again.")
    session.add(Allocation(due_line_id=alloc.due_line_id, amount_minor=-amount, date=on_date,
                           currency=alloc.currency, reverses_id=alloc.id, **{column: source_id}))


def _alloc_list(rows) -> list:
    return [[inv.number, a.amount_minor, a.date.isoformat()] for a, inv in rows]


def _take_back(session: Session, rows, on_date: dt.date) -> tuple[int, tuple[str, ...]]:
    """Reverse every (Allocation, Invoice) of `rows` on `on_date`: (the total taken back, the invoices in order)."""
    for alloc, _inv in rows:
        _reverse(session, alloc, on_date)
    session.flush()
    return sum(a.amount_minor for a, _inv in rows), tuple(dict.fromkeys(inv.number for _a, inv in rows))


def _audit_unapply(session: Session, kind: str, doc, rows, on_date: dt.date, reason: str | None, summary: str) -> None:
    audit.record(session, action="unapply", entity=kind, entity_id=doc.id, before={"allocations": _alloc_list(rows)},
                 after={"reversed": _alloc_list(rows), "date": on_date.isoformat(), "reason": reason,
                        "currency": doc.currency, "summary": summary})


# --- voiding ----------------------------------------------------------------------------


def void_invoice(session: Session, number: str, *, reason: str, on_date: dt.date | None = None) -> Correction:
    """Void an invoice nothing is applied to, from `on_date` (default today). With money applied it is
    refused, naming each document and the command that unapplies it."""
    on_date = on_date or config.today()
    inv = get_invoice_row(session, number)
    _check_reason(reason, "invoice is voided")
    if inv.status == POSTED:
        applied = applied_to_invoice(session, inv.number)
        if applied:
            names = ", ".join(f"{k.replace('_', ' ')} {a.ref} ({to_str(a.amount_minor, a.currency)} {a.currency})"
                              for a in applied for k in [a.kind])
            first = next((a for a in applied if a.kind != "write_off"), None)
            hint = (f"unapply first: cobranza payment unapply {shlex.quote(first.ref)} --invoice "
                    f"{shlex.quote(inv.number)}" if first else
                    "a written-off invoice stays in the books")
            raise InvoiceHasAllocationsError(
                inv.number, f"Invoice {inv.number} cannot be voided while {names} "
                            f"{'is' if len(applied) == 1 else 'are'} applied to it; {hint}.", applied)
    view = invoices_mod.void_invoice(session, inv.number, reason=reason, on_date=on_date)
    return Correction("void_invoice", inv.customer.code, inv.currency, f"invoice {inv.number}", view.total_minor,
                      f"Invoice {inv.number} voided on {on_date.isoformat()}: {reason.strip()}",
                      invoices=(inv.number,))


def void_document(session: Session, ref: str, *, reason: str, on_date: dt.date | None = None,
                  kinds: tuple[str, ...] = ("payment", "credit_note")) -> Correction:
    """Void a payment (or credit note): its allocations are reversed on `on_date` (default today) and it
    is marked void from then; the amount no longer counts as paid or as credit. It stays in the ledger."""
    kind, doc = find_source(session, ref, kinds=kinds)
    return _void(session, kind, doc, reason=reason, on_date=on_date or config.today())


def void_payment(session: Session, ref: str, *, reason: str, on_date: dt.date | None = None) -> Correction:
    return void_document(session, ref, reason=reason, on_date=on_date, kinds=("payment",))


def _void(session: Session, kind: str, doc, *, reason: str, on_date: dt.date) -> Correction:
    what = kind.replace("_", " ")
    label = _doc_label(kind, doc)
    if doc.status == VOID:
        raise AlreadyVoidError(f"The {label} is already void.", field="reference")
    reason = _check_reason(reason, f"{what} is voided")
    check_range(on_date, "date")
    if on_date < doc.date:
        raise InvalidValueError(f"The void date {on_date.isoformat()} is before the {what} "
                                f"({doc.date.isoformat()}).", field="date")
    rows = _live(session, kind, doc.id)
    before = audit.snapshot(doc)
    _total, invs = _take_back(session, rows, on_date)
    doc.status, doc.void_date, doc.void_reason = VOID, on_date, reason
    session.flush()
    summary = f"{_cap(label)} voided on {on_date.isoformat()}: {reason}" + (
        f"; taken back from {', '.join(invs)}" if invs else "")
    audit.record(session, action="void", entity=kind, entity_id=doc.id, before={**before, "allocations": _alloc_list(rows)},
                 after={**audit.snapshot(doc), "reason": reason, "reversed": _alloc_list(rows), "summary": summary})
    return Correction(f"void_{kind}", _customer_code(session, doc.customer_id), doc.currency, label,
                      doc.amount_minor, summary, invoices=invs)


# --- unapply / apply ---------------------------------------------------------------


def _source_to_correct(session: Session, ref: str, on_date: dt.date | None, *, if_void: str):
    """(kind, row, label, date) for unapply/apply: the payment or credit note `ref` names and the date of the
    correction (default today, within range); a void one is refused ("The <label> is void; <if_void>.")."""
    kind, doc = find_source(session, ref)
    on_date = on_date or config.today()
    check_range(on_date, "date")
    label = _doc_label(kind, doc)
    if doc.status == VOID:
        raise AlreadyVoidError(f"The {label} is void; {if_void}.", field="reference")
    return kind, doc, label, on_date


def unapply(session: Session, ref: str, *, invoice_number: str | None = None, on_date: dt.date | None = None,
            reason: str | None = None) -> Correction:
    """Take a payment or credit note back from one invoice (or all): each allocation is reversed on
    `on_date` (default today) and the amount is the document's unapplied credit again."""
    kind, doc, label, on_date = _source_to_correct(session, ref, on_date, if_void="nothing of it is applied")
    inv = None
    if invoice_number:
        inv = get_invoice_row(session, invoice_number)
    rows = _live(session, kind, doc.id, inv.id if inv else None)
    if not rows:
        where = f" to invoice {inv.number}" if inv else ""
        raise NothingAppliedError(f"Nothing of the {label} is applied{where}.")
    total, invs = _take_back(session, rows, on_date)
    summary = (f"{to_str(total, doc.currency)} {doc.currency} of the {label} taken back from {', '.join(invs)} "
               f"on {on_date.isoformat()}" + (f": {reason.strip()}" if (reason or "").strip() else ""))
    _audit_unapply(session, kind, doc, rows, on_date, (reason or "").strip() or None, summary)
    lines = tuple((a.due_line_id, a.amount_minor) for a, _i in rows)
    return Correction("unapply", _customer_code(session, doc.customer_id), doc.currency, label, total, summary,
                      UndoStep("reapply", kind, doc.id, f"reapply {label} to {', '.join(invs)}", lines=lines), invs)


def apply(session: Session, ref: str, *, invoice_number: str | None = None, amount_minor: int | None = None,
          on_date: dt.date | None = None, allocations=None) -> Correction:
    """Apply a payment's or credit note's unapplied credit to open due lines, dated `on_date` (default
    today): to the named due lines (`allocations` [(due_line_id, amount)]), else to the invoice (up to
    `amount_minor`, default what fits), else oldest due first. The rule is `plan_allocation`'s."""
    kind, doc, label, on_date = _source_to_correct(session, ref, on_date, if_void="it cannot be applied")
    if on_date < doc.date:
        raise InvalidValueError(f"The date {on_date.isoformat()} is before the {label} ({doc.date.isoformat()}).",
                                field="date")
    unapplied = doc.amount_minor - doc.applied_minor
    if unapplied <= 0:
        ref_text = source_ref(session, kind, doc)
        raise OverAllocationError(f"The {label} is applied in full; unapply it first: "
                                  f"cobranza payment unapply {shlex.quote(ref_text)} [--invoice N].")
    code = _customer_code(session, doc.customer_id)
    if amount_minor is not None:
        amount = _check_amount(amount_minor, doc.currency)
        if amount > unapplied:
            raise OverAllocationError(f"The {label} has {to_str(unapplied, doc.currency)} {doc.currency} unapplied; "
                                      f"{to_str(amount, doc.currency)} cannot be applied.")
    else:
        amount = unapplied
    if invoice_number and allocations is None:
        inv = get_invoice_row(session, invoice_number)
        if inv.customer_id != doc.customer_id:
            raise CustomerMismatchError(f"Invoice {inv.number} belongs to another customer ({inv.customer.code}).")
        open_total = sum(o for _d, _i, o in _open_lines(session, inv.customer_id, inv.currency, invoice_id=inv.id,
                                                         lock=False))
        if amount_minor is not None and amount > open_total and inv.status == POSTED:
            raise OverAllocationError(f"Invoice {inv.number} has {to_str(open_total, inv.currency)} {inv.currency} "
                                      f"open; {to_str(amount, doc.currency)} cannot be applied to it.")
    plan = plan_allocation(session, customer_code=code, currency=doc.currency, amount_minor=amount, on_date=on_date,
                           invoice_number=invoice_number, allocations=allocations, kind="payment", lock=True)
    _refuse(plan)
    made = [(line, value) for line, value in plan.allocations() if value > 0]
    if not made:
        where = f"invoice {plan.invoice_number}" if plan.invoice_number else f"{code} in {doc.currency}"
        raise OverAllocationError(f"Nothing is open on {where} to apply the {label} to.")
    start = session.scalar(select(func.coalesce(func.max(Allocation.id), 0)))
    _apply(session, made, on_date, **{KINDS[kind][1].key: doc.id})
    new = session.execute(select(Allocation, Invoice).join(DueLine, Allocation.due_line_id == DueLine.id)
                          .join(Invoice, DueLine.invoice_id == Invoice.id)
                          .where(KINDS[kind][1] == doc.id, Allocation.id > start).order_by(Allocation.id)).all()
    total = sum(a.amount_minor for a, _i in new)
    invs = tuple(dict.fromkeys(i.number for _a, i in new))
    summary = f"{to_str(total, doc.currency)} {doc.currency} of the {label} applied to {', '.join(invs)} on {on_date.isoformat()}"
    audit.record(session, action="apply", entity=kind, entity_id=doc.id,
                 after={"allocations": _alloc_list(new), "date": on_date.isoformat(), "currency": doc.currency, "summary": summary})
    return Correction("apply", code, doc.currency, label, total, summary,
                      UndoStep("unapply", kind, doc.id, f"take the {label} back from {', '.join(invs)}",
                               allocation_ids=tuple(a.id for a, _i in new)), invs)


# --- credit notes and write-offs -------------------------------------------------------


def next_credit_note_number(session: Session, prefix: str = "NC-") -> str:
    """The next free number of the series `prefix` + six digits."""
    count = session.scalar(select(func.count(CreditNote.id))) or 0
    n = count + 1
    while session.scalar(select(CreditNote.id).where(CreditNote.number == f"{prefix}{n:06d}")) is not None:
        n += 1
    return f"{prefix}{n:06d}"


def issue_credit_note(session: Session, customer_code: str, *, amount_minor: int, invoice_number: str | None = None,
                      on_date: dt.date | None = None, reason: str | None = None, number: str | None = None,
                      currency: str | None = None) -> Correction:
    """A credit note against an invoice (applied to it, at most what is open) or on account (unapplied
    credit). Numbered from the NC- series unless `number` is given."""
    customer = get_customer_row(session, customer_code)
    on_date = on_date or config.today()
    if invoice_number:
        inv = get_invoice_row(session, invoice_number)
        if inv.customer_id != customer.id:
            raise CustomerMismatchError(f"Invoice {inv.number} belongs to another customer ({inv.customer.code}), "
                                        f"not {customer.code}.")
        currency = currency or inv.currency
    view = record_credit_note(session, customer_code=customer.code, number=number or next_credit_note_number(session),
                              date=on_date, amount_minor=amount_minor, currency=currency,
                              invoice_number=invoice_number, reason=(reason or "").strip() or None)
    where = f"against invoice {view.invoice_number}" if view.invoice_number else "on account"
    summary = (f"Credit note {view.number} for {to_str(view.amount_minor, view.currency)} {view.currency} {where}"
               + (f": {reason.strip()}" if (reason or "").strip() else ""))
    return Correction("credit_note", customer.code, view.currency, f"credit note {view.number}", view.amount_minor,
                      summary, UndoStep("void", "credit_note", view.id, f"void credit note {view.number}"),
                      (view.invoice_number,) if view.invoice_number else ())


def write_off_remainder(session: Session, customer_code: str, *, invoice_number: str, reason: str,
                        amount_minor: int | None = None, on_date: dt.date | None = None) -> Correction:
    """Write off what is open on an invoice of the customer (or `amount_minor` of it), with a reason."""
    customer = get_customer_row(session, customer_code)
    inv = get_invoice_row(session, invoice_number)
    if inv.customer_id != customer.id:
        raise CustomerMismatchError(f"Invoice {inv.number} belongs to another customer ({inv.customer.code}), "
                                    f"not {customer.code}.")
    reason = _check_reason(reason, "amount is written off")
    view = write_off(session, invoice_number=inv.number, on_date=on_date or config.today(), reason=reason,
                     amount_minor=amount_minor)
    summary = f"{to_str(view.amount_minor, view.currency)} {view.currency} of invoice {inv.number} written off: {reason}"
    return Correction("write_off", customer.code, view.currency, f"write-off #{view.id}", view.amount_minor, summary,
                      invoices=(inv.number,))


# --- fields that do not change the books ---------------------------------------------------


EDITABLE = {"invoice": (Invoice, ("reference",)), "payment": (Payment, ("reference",)),
            "credit_note": (CreditNote, ("reason",))}


def edit_document(session: Session, kind: str, doc_id: int, **values) -> Correction:
    """Change a field that does not change the books (an invoice's or payment's reference, a credit
    note's text). Amounts, dates, customers and allocations are corrected by the functions above."""
    if kind not in EDITABLE:
        raise InvalidValueError(f"A {kind.replace('_', ' ')} has no editable fields.", field="kind")
    model, allowed = EDITABLE[kind]
    bad = set(values) - set(allowed)
    if bad:
        raise InvalidValueError(f"{', '.join(sorted(bad))} of a {kind.replace('_', ' ')} changes the books; correct it "
                                "with a void, credit note or unapply instead.", field=sorted(bad)[0])
    doc = session.get(model, doc_id)
    if doc is None:
        raise NotFoundError(f"No {kind.replace('_', ' ')} with id {doc_id}.")
    before = {k: getattr(doc, k) for k in values}
    for k, v in values.items():
        setattr(doc, k, (v or "").strip()[:100] or None)
    after = {k: getattr(doc, k) for k in values}
    if after != before:
        session.flush()
        audit.record(session, action="edit", entity=kind, entity_id=doc.id, before=before,
                     after={**after, "summary": ", ".join(f"{k}: {before[k] or '—'} → {after[k] or '—'}" for k in values)})
    return Correction("edit", _customer_code(session, doc.customer_id), doc.currency, _doc_label(kind, doc), 0,
                      f"{_cap(_doc_label(kind, doc))} edited")


# --- undo ---------------------------------------------------------------------------


def undo(session: Session, step: UndoStep, *, on_date: dt.date | None = None) -> Correction:
    """Take back a correction (or a payment just recorded) as `step` says, dated `on_date` (default today)."""
    on_date = on_date or config.today()
    model, column = KINDS[step.doc_kind]
    doc = session.get(model, step.doc_id)
    if doc is None:
        raise NotFoundError(f"The document to undo ({step.label}) no longer exists.")
    ref = f"#{doc.id}" if step.doc_kind == "payment" else doc.number
    if step.kind == "void":
        return _void(session, step.doc_kind, doc, reason=f"undo ({step.label})", on_date=max(on_date, doc.date))
    if step.kind == "reapply":
        return apply(session, ref, allocations=list(step.lines), amount_minor=sum(v for _l, v in step.lines),
                     on_date=on_date)
    if step.kind == "unapply":
        rows = [(a, i) for a, i in _live(session, step.doc_kind, doc.id) if a.id in set(step.allocation_ids)]
        if not rows:
            raise NothingAppliedError(f"Nothing of what {step.label} names is applied any more.")
        total, invs = _take_back(session, rows, on_date)
        label = _doc_label(step.doc_kind, doc)
        summary = f"Undone: {to_str(total, doc.currency)} {doc.currency} of the {label} taken back from {', '.join(invs)}"
        _audit_unapply(session, step.doc_kind, doc, rows, on_date, "undo", summary)
        return Correction("unapply", _customer_code(session, doc.customer_id), doc.currency, label, total, summary,
                          None, invs)
    raise InvalidValueError(f"Unknown undo step '{step.kind}'.")


def undo_for_payment(session: Session, payment_id: int) -> UndoStep:
    """The undo of recording a payment: voiding it (for the GUI to offer right after recording one)."""
    p = session.get(Payment, payment_id)
    if p is None:
        raise NotFoundError(f"No payment with id #{payment_id}.")
    return UndoStep("void", "payment", p.id, f"void {_doc_label('payment', p)}")


# --- reading the audit log ------------------------------------------------------------


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: dt.datetime
    user: str
    action: str
    entity: str
    entity_id: int | None
    document: str  # "invoice F001-12", "payment OP-5", "customer C001", "reminder 12"
    customer_code: str | None
    reason: str | None
    summary: str
    before: dict | None
    after: dict | None


def _loads(text):
    if not text:
        return None
    try:
        value = json.loads(text)
    except ValueError:
        return {"value": text}
    return value if isinstance(value, dict) else {"value": value}


def _tables_with_customer():
    from app.models import Base

    return {name: t for name, t in Base.metadata.tables.items() if "customer_id" in t.c and "id" in t.c}


def _document_filter(session: Session, text: str):
    """SQL condition: the entry is about the document named `text` (invoice or credit note number, payment
    reference or #ID), or names it in its values (a payment applied to that invoice)."""
    text = text.strip()
    conds = []
    targets = []
    if text.startswith("#") and text[1:].isdigit():
        targets.append(("payment", [int(text[1:])]))
    else:
        targets += [("invoice", session.scalars(select(Invoice.id).where(Invoice.number == text)).all()),
                    ("credit_note", session.scalars(select(CreditNote.id).where(CreditNote.number == text)).all()),
                    ("payment", session.scalars(select(Payment.id).where(Payment.reference == text)).all())]
        quoted = json.dumps(text, ensure_ascii=False)
        conds += [AuditEntry.after.contains(quoted, autoescape=True), AuditEntry.before.contains(quoted, autoescape=True)]
    for entity, ids in targets:
        if ids:
            conds.append(and_(AuditEntry.entity == entity, AuditEntry.entity_id.in_(ids)))
    return or_(*conds) if conds else AuditEntry.id.is_(None)


def list_audit(session: Session, *, customer_code: str | None = None, since: dt.date | None = None,
               until: dt.date | None = None, user: str | None = None, document: str | None = None,
               entity: str | None = None, entity_id: int | None = None, limit: int = 1000) -> list[AuditRow]:
    """The audit log, newest first: every change with who, when, what and why. Filters: the customer (its
    own entries and those of its documents, activities, reminders ...), dates (`since`/`until`, business
    dates in UTC), user, a document (number, payment reference or #ID), an entity."""
    q = select(AuditEntry)
    if customer_code:
        customer = get_customer_row(session, customer_code)
        conds = [and_(AuditEntry.entity == "customer", AuditEntry.entity_id == customer.id)]
        for name, table in _tables_with_customer().items():
            conds.append(and_(AuditEntry.entity == name,
                              AuditEntry.entity_id.in_(select(table.c.id).where(table.c.customer_id == customer.id))))
        q = q.where(or_(*conds))
    if since:
        q = q.where(AuditEntry.at >= dt.datetime.combine(since, dt.time(), dt.timezone.utc))
    if until:
        q = q.where(AuditEntry.at < dt.datetime.combine(until + dt.timedelta(days=1), dt.time(), dt.timezone.utc))
    if user:
        q = q.where(AuditEntry.user == user.strip())
    if document:
        q = q.where(_document_filter(session, document))
    if entity:
        q = q.where(AuditEntry.entity == entity)
    if entity_id is not None:
        q = q.where(AuditEntry.entity_id == entity_id)
    entries = session.scalars(q.order_by(AuditEntry.at.desc(), AuditEntry.id.desc()).limit(limit)).all()
    return _rows(session, entries)


def _rows(session: Session, entries) -> list[AuditRow]:
    wanted: dict[str, set[int]] = {}
    for e in entries:
        if e.entity_id is not None:
            wanted.setdefault(e.entity, set()).add(e.entity_id)
    labels: dict[tuple[str, int], str] = {}
    customers: dict[tuple[str, int], str] = {}
    codes = dict(session.execute(select(Customer.id, Customer.code)).all()) if wanted else {}
    for cid in wanted.get("customer", ()):
        labels[("customer", cid)] = f"customer {codes.get(cid, cid)}"
        customers[("customer", cid)] = codes.get(cid)
    named = {"invoice": (Invoice, Invoice.number), "credit_note": (CreditNote, CreditNote.number),
             "payment": (Payment, Payment.reference)}
    with_customer = _tables_with_customer()
    for entity, ids in wanted.items():
        if entity in named:
            model, col = named[entity]
            for did, name, cust in session.execute(select(model.id, col, model.customer_id).where(model.id.in_(ids))):
                labels[(entity, did)] = f"{entity.replace('_', ' ')} {name or '#' + str(did)}"
                customers[(entity, did)] = codes.get(cust)
        elif entity in with_customer:
            t = with_customer[entity]
            for did, cust in session.execute(select(t.c.id, t.c.customer_id).where(t.c.id.in_(ids))):
                customers[(entity, did)] = codes.get(cust)
    out = []
    for e in entries:
        before, after = _loads(e.before), _loads(e.after)
        key = (e.entity, e.entity_id)
        reason = None
        for values in (after or {}, ):
            reason = values.get("reason") or values.get("void_reason")
        out.append(AuditRow(e.id, e.at, e.user, e.action, e.entity, e.entity_id,
                            labels.get(key) or (f"{e.entity.replace('_', ' ')} {e.entity_id}" if e.entity_id is not None
                                                else e.entity.replace("_", " ")),
                            customers.get(key), reason if isinstance(reason, str) else None,
                            _summary(e.action, before, after), before, after))
    return out


def _short(value) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else text[:39] + "…"


def _summary(action: str, before: dict | None, after: dict | None) -> str:
    if after and isinstance(after.get("summary"), str):
        return after["summary"]
    if before and after:
        changed = [k for k in after if k in before and before[k] != after[k] and k not in ("created_at",)]
        if changed:
            return "; ".join(f"{k}: {_short(before[k])} → {_short(after[k])}" for k in changed[:4])
    if after:
        parts = [f"{k}: {_short(after[k])}" for k in ("number", "reference", "invoice", "date", "issue_date")
                 if after.get(k) is not None]
        for k in ("amount_minor", "total_minor"):
            if isinstance(after.get(k), int) and isinstance(after.get("currency"), str):
                try:
                    parts.append(f"{k.removesuffix('_minor')}: {to_str(after[k], after['currency'])} {after['currency']}")
                except LedgerError:
                    parts.append(f"{k}: {after[k]}")
        if parts:
            return ", ".join(parts)
    return action


def document_history(session: Session, kind: str, doc_id: int) -> list[AuditRow]:
    """Every audit entry about one document, and those naming it (a payment applied to an invoice)."""
    model = {"invoice": Invoice, "payment": Payment, "credit_note": CreditNote, "write_off": WriteOff}[kind]
    doc = session.get(model, doc_id)
    if doc is None:
        raise NotFoundError(f"No {kind.replace('_', ' ')} with id {doc_id}.")
    cond = and_(AuditEntry.entity == kind, AuditEntry.entity_id == doc_id)
    if kind in ("invoice", "credit_note"):
        quoted = json.dumps(doc.number, ensure_ascii=False)
        cond = or_(cond, AuditEntry.after.contains(quoted, autoescape=True),
                   AuditEntry.before.contains(quoted, autoescape=True))
    entries = session.scalars(select(AuditEntry).where(cond).order_by(AuditEntry.at.desc(), AuditEntry.id.desc())).all()
    return _rows(session, entries)


def document_id(session: Session, kind: str, number: str, *, customer_code: str | None = None,
                on_date: dt.date | None = None, amount_minor: int | None = None) -> int | None:
    """The id of the customer's document of `kind` shown as `number` (a payment: its reference, else
    matched by date and amount) — how the card's rows, which carry numbers, name documents."""
    cust = get_customer_row(session, customer_code) if customer_code else None
    if kind == "invoice":
        q = select(Invoice.id).where(Invoice.number == number)
    elif kind == "credit_note":
        q = select(CreditNote.id).where(CreditNote.number == number)
    elif kind in ("payment", "write_off"):  # no number of their own: matched by customer, date and amount
        model = Payment if kind == "payment" else WriteOff
        q = select(model.id)
        if kind == "payment":
            q = q.where(Payment.reference == number) if number else q.where(Payment.reference.is_(None))
        if cust is not None:
            q = q.where(model.customer_id == cust.id)
        if on_date is not None:
            q = q.where(model.date == on_date)
        if amount_minor is not None:
            q = q.where(model.amount_minor == amount_minor)
    else:
        return None
    return session.scalars(q.order_by(select_order(kind))).first()


def select_order(kind: str):
    return {"invoice": Invoice.id, "credit_note": CreditNote.id, "payment": Payment.id.desc(),
            "write_off": WriteOff.id.desc()}[kind]
