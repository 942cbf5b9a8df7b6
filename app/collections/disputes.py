"""Disputes: a customer contests (part of) an invoice. Disputed invoices are left out of reminders
and flagged in aging until the dispute is resolved by a credit note or rejected."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import config
from app.ledger import audit
from app.ledger.dates import check_range
from app.ledger.errors import InvalidAmountError, InvalidValueError
from app.ledger.invoices import get_invoice_row, set_disputed
from app.ledger.payments import record_credit_note
from app.ledger.text_input import clean_text
from app.models import POSTED, CreditNote, Dispute, Invoice

from .errors import DisputeError


@dataclass(frozen=True)
class DisputeView:
    id: int
    invoice_number: str
    amount_minor: int
    currency: str
    reason: str
    status: str
    opened_on: dt.date
    closed_on: dt.date | None
    resolution: str | None
    credit_note_number: str | None


def _view(session: Session, d: Dispute) -> DisputeView:
    inv = session.get(Invoice, d.invoice_id)
    cn = session.get(CreditNote, d.credit_note_id) if d.credit_note_id else None
    return DisputeView(d.id, inv.number, d.amount_minor, inv.currency, d.reason, d.status, d.opened_on, d.closed_on,
                       d.resolution, cn.number if cn else None)


def open_dispute(session: Session, *, invoice_number: str, reason: str, on_date: dt.date | None = None,
                 amount_minor: int | None = None) -> DisputeView:
    inv = get_invoice_row(session, invoice_number)
    reason = clean_text(reason, "reason")
    if not reason:
        raise InvalidValueError("Say what the customer disputes.", field="reason")
    if inv.status != POSTED:
        raise DisputeError(f"Invoice {inv.number} is void: there is nothing to dispute.", field="invoice_number")
    if all(dl.paid_minor >= dl.amount_minor for dl in inv.due_lines):
        raise DisputeError(f"Invoice {inv.number} is fully paid: there is nothing left to dispute. A customer who "
                           "contests a paid invoice gets a credit note or a refund instead.",
                           field="invoice_number")
    check_range(on_date, "date")
    amount = inv.total_minor if amount_minor is None else int(amount_minor)
    if amount <= 0 or amount > inv.total_minor:
        raise InvalidAmountError(amount, "The disputed amount must be above zero and at most the invoice total.")
    d = Dispute(customer_id=inv.customer_id, invoice_id=inv.id, amount_minor=amount, reason=reason.strip(),
                status="open", opened_on=on_date or config.today(), created_at=config.now())
    session.add(d)
    session.flush()
    set_disputed(session, inv.number, True)
    audit.record(session, action="create", entity="dispute", entity_id=d.id, after=audit.snapshot(d))
    return _view(session, d)


def resolve_dispute(session: Session, dispute_id: int, *, outcome: str, on_date: dt.date | None = None,
                    note: str | None = None, credit_note_number: str | None = None,
                    credit_minor: int | None = None) -> DisputeView:
    """outcome "credit": a credit note for the disputed amount (or `credit_minor`) settles it;
    outcome "rejected": the customer owes the invoice as it was."""
    d = session.get(Dispute, dispute_id)
    if d is None:
        raise DisputeError(f"No dispute {dispute_id}.")
    if d.status != "open":
        raise DisputeError(f"Dispute {dispute_id} is already closed ({d.status}).")
    on_date = check_range(on_date or config.today(), "date")
    inv = session.get(Invoice, d.invoice_id)
    before = audit.snapshot(d)
    if outcome == "credit":
        if not credit_note_number:
            raise InvalidValueError("Give the credit note's number.", field="credit_note_number")
        cn = record_credit_note(session, customer_code=inv.customer.code, number=credit_note_number, date=on_date,
                                amount_minor=credit_minor or d.amount_minor, currency=inv.currency,
                                invoice_number=inv.number, reason=f"Dispute {d.id}: {d.reason}")
        d.status, d.credit_note_id = "resolved_credit", cn.id
    elif outcome == "rejected":
        d.status = "rejected"
    else:
        raise InvalidValueError("The outcome is 'credit' or 'rejected'.", field="outcome")
    d.closed_on, d.resolution = on_date, clean_text(note, "note")
    session.flush()
    still_open = session.scalar(select(Dispute.id).where(Dispute.invoice_id == inv.id, Dispute.status == "open"))
    if still_open is None:
        set_disputed(session, inv.number, False)
    audit.record(session, action="resolve", entity="dispute", entity_id=d.id, before=before, after=audit.snapshot(d))
    return _view(session, d)


def get_dispute(session: Session, dispute_id: int) -> DisputeView | None:
    """One dispute, or None when there is no dispute with that id."""
    d = session.get(Dispute, dispute_id)
    return _view(session, d) if d is not None else None


def list_disputes(session: Session, *, customer_id: int | None = None, status: str | None = None) -> list[DisputeView]:
    q = select(Dispute).order_by(Dispute.opened_on.desc(), Dispute.id.desc())
    if customer_id is not None:
        q = q.where(Dispute.customer_id == customer_id)
    if status:
        q = q.where(Dispute.status == status)
    return [_view(session, d) for d in session.scalars(q)]


def customer_disputes(session: Session, customer_code: str) -> list[DisputeView]:
    """The customer card's Disputes tab: open ones and closed ones, newest first."""
    from app.ledger.customers import get_customer_row

    return list_disputes(session, customer_id=get_customer_row(session, customer_code).id)
