"""WhatsApp reminders: the one channel a person completes. The run leaves "whatsapp" pending on the
reminder; the collector opens the chat (a wa.me link with the message filled in) from the Reminders page
or reads the links the CLI run prints, presses send in WhatsApp, and the app records it as sent.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.ledger.customers import get_customer
from app.ledger.errors import LedgerError
from app.models import ContactLog, Customer, Reminder

from . import outbox
from .content import build_content
from .delivery import content_for, template_overrides
from .errors import UnknownReminderError
from .templates import render_message
from .whatsapp import InvalidPhoneError, whatsapp_link


class NotPendingError(LedgerError):
    field = "state"


def _pending(r: Reminder) -> list[str]:
    return [ch for ch in (r.pending_channels or "").split(",") if ch]


def _link(session: Session, r: Reminder, customer: Customer, at: dt.datetime) -> str:
    """The wa.me link with this reminder's WhatsApp text, its items read as of the day it goes out."""
    job = outbox.job_for(r, customer, at)
    content = content_for(session, job, "whatsapp")
    text = render_message(r.level_key, "whatsapp", content, overrides=template_overrides(session)).text
    return whatsapp_link(customer.phone or "", text, customer.country)


def _due(session: Session, at: dt.datetime, reminder_ids=None):
    q = (select(Reminder).options(selectinload(Reminder.lines), selectinload(Reminder.level))
         .where(Reminder.pending_channels.contains("whatsapp"), Reminder.state.in_(("queued", "sent")),
                Reminder.send_at <= at)
         .order_by(Reminder.send_at, Reminder.id))
    if reminder_ids is not None:
        q = q.where(Reminder.id.in_(list(reminder_ids)))
    return list(session.scalars(q))


def pending_whatsapp_links(session: Session, at: dt.datetime) -> list[tuple[int, str, str]]:
    """(reminder id, customer code, link) for every WhatsApp chat whose moment has come and that nobody opened yet.
    A reminder settled in the meantime or with a number that cannot be dialled gets no link."""
    out = []
    for r in _due(session, at):
        customer = session.get(Customer, r.customer_id)
        try:
            out.append((r.id, customer.code, _link(session, r, customer, at)))
        except (outbox.NothingDue, InvalidPhoneError):
            continue
    return out


def open_whatsapp_reminder(session: Session, reminder_id: int, *, at: dt.datetime) -> str:
    """The collector opens the chat of a pending WhatsApp reminder: returns its link and records the
    WhatsApp message as sent (contact log, activity; the reminder becomes sent when nothing else is left)."""
    r = session.get(Reminder, reminder_id)
    if r is None:
        raise UnknownReminderError(reminder_id)
    if "whatsapp" not in _pending(r) or r.state not in ("queued", "sent"):
        raise NotPendingError(f"Reminder #{r.id} has no WhatsApp message waiting to be sent.")
    if r.send_at is not None and r.send_at > at:
        raise NotPendingError(f"Reminder #{r.id} is held until {r.send_at.isoformat(timespec='minutes')} by the "
                              f"contact rules: {r.hold_reason or ''}".strip())
    customer = session.get(Customer, r.customer_id)
    _check_rules(session, r, customer, at)
    try:
        link = _link(session, r, customer, at)
    except InvalidPhoneError as exc:
        raise LedgerError(f"{exc} Correct the customer's phone and try again.", field="phone") from None
    except outbox.NothingDue:
        outbox.mark_settled(session, r, outbox.DeliveryResult())
        raise NotPendingError(f"Reminder #{r.id}: everything was paid in the meantime; it was cancelled.") from None
    r.pending_channels = ",".join(ch for ch in _pending(r) if ch != "whatsapp") or None
    session.add(ContactLog(customer_id=r.customer_id, channel="whatsapp", at=at, reminder_id=r.id,
                           profile=r.contact_profile, note=f"reminder {r.level_key}"))
    outbox.log_reminder_activities(session, r, ["whatsapp"], at)
    if r.state == "queued" and not any(ch in outbox.AUTOMATIC or ch == "call" for ch in r.channels.split(",")):
        outbox.mark_sent(session, r, customer, at, None, outbox.DeliveryResult())
    session.flush()
    return link


def _check_rules(session: Session, r: Reminder, customer: Customer, at: dt.datetime) -> None:
    """Opening the chat is the moment of contact: the contact rules hold then too (window, holidays, caps
    against the contacts made, other than this reminder's own message)."""
    from . import contact_rules

    profile, zone = contact_rules.profile_for_customer(session, customer)
    log = contact_rules.contact_histories(session, [customer.id], queued=False,
                                          exclude_reminder=r.id).get(customer.id, [])
    allowed, hold = contact_rules.next_permitted(profile, "whatsapp", at, log, zone=zone, country=customer.country)
    if hold is not None and allowed > at:
        until = allowed.astimezone(zone)
        raise NotPendingError(f"Reminder #{r.id}: the contact rules do not allow a WhatsApp message now "
                              f"({hold.detail} — {hold.citation}); next permitted moment "
                              f"{contact_rules.DAY_NAMES_EN[until.weekday()]} {until:%Y-%m-%d %H:%M} ({zone.key}).")


CHAT_LEVEL_NAMES = {"es": "Recordatorio de pago", "en": "Payment reminder"}


def customer_whatsapp_link(session: Session, code: str, *, as_of: dt.date) -> str:
    """The customer card's "WhatsApp" button: https://wa.me/<number>?text=<the friendly WhatsApp template
    for the customer's overdue items>, nothing stored. Raises InvalidPhoneError (the customer's phone cannot
    be dialled) or a template/content error."""
    customer = get_customer(session, code)
    language = customer.language if customer.language in CHAT_LEVEL_NAMES else "es"
    content = build_content(session, customer_code=code, currency=customer.currency, as_of=as_of, level=1,
                            level_name=CHAT_LEVEL_NAMES[language], channel="whatsapp", level_key="friendly")
    text = render_message("friendly", "whatsapp", content, overrides=template_overrides(session)).text
    return whatsapp_link(customer.phone or "", text, customer.country)
