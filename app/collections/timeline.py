"""A customer's history in one list: documents, activities, promises, agreements, disputes and (from
sources the caller passes in, such as the reminders sent) more, newest first. For the customer card."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.ledger.balances import customer_documents
from app.ledger.customers import get_customer_row
from app.models import Activity, Dispute, Invoice, PaymentAgreement, PromiseToPay


@dataclass(frozen=True)
class TimelineEntry:
    day: dt.date
    kind: str  # invoice | payment | credit_note | write_off | activity | promise | agreement | dispute | reminder
    title: str  # a short, language-neutral key detail: a number, a channel/outcome, a state
    detail: str  # free text the user typed (notes, reasons), else ""
    amount_minor: int | None
    currency: str | None


# more entries for a customer, from a package collections does not import (the reminders sent:
# app.reminders.run.reminder_timeline_entries); the caller passes them to customer_timeline
EntrySource = Callable[[Session, str], Iterable[TimelineEntry]]


def customer_timeline(session: Session, customer_code: str, limit: int = 300, *,
                      sources: Iterable[EntrySource] = ()) -> list[TimelineEntry]:
    customer = get_customer_row(session, customer_code)
    cid = customer.id
    out: list[TimelineEntry] = []
    for d in customer_documents(session, customer.code):
        out.append(TimelineEntry(d.date, d.kind, d.number or "", d.reference or "", d.amount_minor, d.currency))
    # activities the reminder run logged are shown once, as the reminder itself (below)
    for a in session.scalars(select(Activity).where(Activity.customer_id == cid,
                                                    or_(Activity.source.is_(None),
                                                        Activity.source.not_like("reminder:%")))):
        title = a.channel + (f" · {a.outcome}" if a.outcome else "")
        if a.source in ("hold", "hold_released"):  # put on hold / released from the card (app.reminders.hold)
            title = a.source
        out.append(TimelineEntry(a.at.date(), "activity", title, a.notes or "", None, None))
    for p in session.scalars(select(PromiseToPay).where(PromiseToPay.customer_id == cid)):
        out.append(TimelineEntry(p.made_on, "promise", f"{p.state} · {p.promised_date.isoformat()}",
                                 p.invoice_numbers or "", p.amount_minor, p.currency))
    for g in session.scalars(select(PaymentAgreement).where(PaymentAgreement.customer_id == cid)):
        out.append(TimelineEntry(g.agreed_on, "agreement", f"{g.number} · {g.state}", g.state_reason or "",
                                 g.principal_minor + g.interest_minor, g.currency))
    rows = session.execute(select(Dispute, Invoice.number, Invoice.currency)
                           .join(Invoice, Invoice.id == Dispute.invoice_id).where(Dispute.customer_id == cid))
    for d, number, currency in rows:
        out.append(TimelineEntry(d.opened_on, "dispute", f"{number} · {d.status}", d.reason, d.amount_minor,
                                 currency))
    for source in sources:
        out.extend(source(session, customer.code))
    out.sort(key=lambda e: (e.day, e.kind), reverse=True)
    return out[:limit]

