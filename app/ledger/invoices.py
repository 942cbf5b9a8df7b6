"""Recording, voiding and disputing invoices."""

from __future__ import annotations

import datetime as dt
from typing import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from app import config
from app.models import POSTED, VOID, Allocation, DueLine, Invoice

from . import audit
from .customers import get_customer_row, terms_for
from .dates import check_document_date, check_range
from .errors import (
    AlreadyVoidError,
    CurrencyMismatchError,
    DuplicateNumberError,
    InvalidAmountError,
    InvalidValueError,
    UnknownInvoiceError,
    VoidWithAllocationsError,
)
from .money import check_bound, check_currency
from .terms import due_schedule, get_active_terms_row, terms_lines
from .text_input import clean_text
from .views import DueLineView, InvoiceView

KINDS = ("invoice", "fee", "interest")


def invoice_view(inv: Invoice) -> InvoiceView:
    return InvoiceView(
        id=inv.id, number=inv.number, customer_code=inv.customer.code, issue_date=inv.issue_date,
        currency=inv.currency, total_minor=inv.total_minor, reference=inv.reference, kind=inv.kind,
        disputed=inv.disputed, status=inv.status,
        due_lines=tuple(DueLineView(d.id, d.sequence, d.due_date, d.amount_minor) for d in inv.due_lines),
    )


def get_invoice_row(session: Session, number: str) -> Invoice:
    inv = session.scalars(
        select(Invoice).options(selectinload(Invoice.due_lines)).where(Invoice.number == (number or "").strip())
    ).first()
    if inv is None:
        raise UnknownInvoiceError(number)
    return inv


def document_number(number: str | None, kind: str) -> str:
    """The number a new document (`kind`: "Invoice", "Credit note") is given, which it must have."""
    number = clean_text(number, "number")
    if not number:
        raise InvalidValueError(f"The {kind.lower()} needs a number.", field="number")
    return number


def check_new_number(session: Session, column, kind: str, number: str) -> None:
    """Refuse a number that a document of the kind (`column` is its number column) already has."""
    existing = session.scalar(select(column).where((column == number) | (func.lower(column) == func.lower(number)))
                              .limit(1))
    if existing is not None:  # "f001-1" when "F001-1" exists is the same document
        raise DuplicateNumberError(kind, number, existing)


def get_invoice(session: Session, number: str) -> InvoiceView:
    return invoice_view(get_invoice_row(session, number))


def _schedule(session, customer, issue_date, total_minor, payment_terms, due_date, currency=None):
    if due_date is not None:
        if due_date < issue_date:
            raise InvalidValueError(
                f"The due date {due_date.isoformat()} is before the issue date {issue_date.isoformat()}.",
                field="due_date")
        return [(due_date, total_minor)]
    terms = _terms(session, customer, payment_terms)
    return due_schedule(terms_lines(terms), issue_date, total_minor, currency or customer.currency)


def _terms(session, customer, payment_terms):
    """The terms named for an invoice (which may not be archived), else the customer's."""
    return get_active_terms_row(session, payment_terms) if payment_terms else terms_for(session, customer)


def _check_schedule(schedule, issue_date: dt.date, total_minor: int) -> list[tuple[dt.date, int]]:
    lines = [(d, int(a)) for d, a in schedule]
    if not lines or any(a <= 0 for _, a in lines) or sum(a for _, a in lines) != total_minor:
        raise InvalidValueError("The due lines must be positive and add up to the invoice total.", field="due_date")
    if any(d < issue_date for d, _ in lines):
        raise InvalidValueError("A due date is before the issue date.", field="due_date")
    return lines


def preview_due_lines(
    session: Session,
    *,
    customer_code: str,
    issue_date: dt.date,
    total_minor: int,
    payment_terms: str | None = None,
    due_date: dt.date | None = None,
    currency: str | None = None,
) -> list[tuple[dt.date, int]]:
    """The due lines an invoice would get, without recording anything (for the invoice dialog)."""
    if total_minor <= 0:
        return []
    check_range(issue_date, "issue_date")
    customer = get_customer_row(session, customer_code)
    return _schedule(session, customer, issue_date, total_minor, payment_terms, due_date, currency)


def record_invoice(
    session: Session,
    *,
    customer_code: str,
    number: str,
    issue_date: dt.date,
    total_minor: int,
    currency: str | None = None,
    payment_terms: str | None = None,
    due_date: dt.date | None = None,
    reference: str | None = None,
    kind: str = "invoice",
    schedule: Sequence[tuple[dt.date, int]] | None = None,
) -> InvoiceView:
    """Post an invoice with one due line per installment of its terms (or one line on `due_date`, or
    the explicit `schedule` of (due date, amount) a payment agreement gives its interest charge)."""
    customer = get_customer_row(session, customer_code)
    number = document_number(number, "Invoice")
    check_document_date(issue_date, "issue_date", "invoice")
    check_range(due_date, "due_date")
    if int(total_minor) <= 0:
        raise InvalidAmountError(total_minor, "The invoice amount must be greater than zero.")
    if kind not in KINDS:
        raise InvalidValueError(f"Unknown document kind '{kind}'.", field="kind")
    currency = check_currency(currency or customer.currency)
    check_bound(total_minor, currency)
    check_new_number(session, Invoice.number, "Invoice", number)
    from .credit import CreditBlockedError, check_credit, credit_settings

    if kind == "invoice" and credit_settings(session)[0] == "block":  # warnings are the dialog's business
        check = check_credit(session, customer.code, amount_minor=int(total_minor), currency=currency,
                             as_of=issue_date)
        if check.blocked:
            raise CreditBlockedError(" ".join(check.reasons) + " Credit control blocks new invoices for this customer"
                                     " (setting credit_control.mode).")
    explicit_schedule = schedule is not None
    if schedule is not None:
        schedule = _check_schedule(schedule, issue_date, int(total_minor))
    else:
        schedule = _schedule(session, customer, issue_date, int(total_minor), payment_terms, due_date, currency)
    for day, _amount in schedule:  # terms can carry a date near the end of the range past it
        check_range(day, "due_date")
    inv = Invoice(
        number=number, customer=customer, issue_date=issue_date, currency=currency, total_minor=int(total_minor),
        reference=clean_text(reference, "reference"), kind=kind, disputed=False, status=POSTED, created_at=config.now(),
    )
    inv.due_lines = [DueLine(sequence=i, due_date=d, amount_minor=a) for i, (d, a) in enumerate(schedule, start=1)]
    session.add(inv)
    session.flush()
    audit.record(session, action="create", entity="invoice", entity_id=inv.id,
                 after={**audit.snapshot(inv), "due_lines": [[d.isoformat(), a] for d, a in schedule]})
    if kind == "invoice" and due_date is None and not explicit_schedule:  # the terms' early-payment discount
        from .discounts import grant_discount

        grant_discount(session, inv, _terms(session, customer, payment_terms))
    return invoice_view(inv)


def void_invoice(session: Session, number: str, *, reason: str, on_date: dt.date) -> InvoiceView:
    """Void an invoice that nothing has been applied to. It stays in the ledger, marked void from `on_date`."""
    inv = get_invoice_row(session, number)
    if inv.status == VOID:
        raise AlreadyVoidError(f"Invoice {inv.number} is already void.")
    if not (reason or "").strip():
        raise InvalidValueError("Say why the invoice is voided.", field="reason")
    check_range(on_date, "date")
    if on_date < inv.issue_date:
        raise InvalidValueError(
            f"The void date {on_date.isoformat()} is before the invoice date {inv.issue_date.isoformat()}.",
            field="date")
    # what is applied now (reversed allocations count for nothing), and the last day anything moved on it:
    # voided before that day, the invoice would vanish from dates it still had money applied
    applied = session.scalar(select(func.coalesce(func.sum(DueLine.paid_minor), 0)).where(DueLine.invoice_id == inv.id))
    if applied:
        raise VoidWithAllocationsError(inv.number)
    last = session.scalar(select(func.max(Allocation.date)).join(DueLine, Allocation.due_line_id == DueLine.id)
                          .where(DueLine.invoice_id == inv.id))
    if last is not None and on_date < last:
        raise InvalidValueError(
            f"The void date {on_date.isoformat()} is before {last.isoformat()}, when money was last applied to or "
            f"taken from invoice {inv.number}. Void it on {last.isoformat()} or later.", field="date")
    before = audit.snapshot(inv)
    inv.status, inv.void_date, inv.void_reason = VOID, on_date, reason.strip()
    session.flush()
    audit.record(session, action="void", entity="invoice", entity_id=inv.id, before=before, after=audit.snapshot(inv))
    return invoice_view(inv)


def set_disputed(session: Session, number: str, disputed: bool) -> InvoiceView:
    inv = get_invoice_row(session, number)
    if inv.disputed != bool(disputed):
        before = {"disputed": inv.disputed}
        inv.disputed = bool(disputed)
        session.flush()
        audit.record(session, action="dispute" if disputed else "undispute", entity="invoice", entity_id=inv.id,
                     before=before, after={"disputed": inv.disputed})
    return invoice_view(inv)


def check_same_currency(what: str, currency: str, inv: Invoice) -> None:
    if currency != inv.currency:
        raise CurrencyMismatchError(what, currency, f"{inv.currency} (invoice {inv.number})")
