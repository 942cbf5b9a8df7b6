"""The activity log (gestiones): what was done about a customer and what comes next."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import config
from app.ledger import audit
from app.ledger.dates import check_range
from app.ledger.text_input import clean_text
from app.ledger.customers import get_customer_row
from app.ledger.errors import InvalidValueError
from app.models import Activity, Customer

from .promises import PromiseView, add_promise

CHANNELS = ("call", "email", "letter", "sms", "whatsapp", "visit", "note")
OUTCOMES = ("no_answer", "contacted", "promise", "dispute", "refused", "wrong_number", "paid")
DIRECTIONS = ("out", "in")


class ContactCheck(Protocol):
    """Why contacting `customer` by `channel` at `at` breaks the contact rules, or None when it does not.

    The contact rules belong to the reminders (`app.reminders.contact_rules.warning_for_contact` is one);
    collections does not import them: the caller (CLI, GUI) passes the check in.
    """

    def __call__(self, session: Session, customer: Customer, channel: str, at: dt.datetime) -> str | None: ...


@dataclass(frozen=True)
class ActivityView:
    id: int
    customer_code: str
    at: dt.datetime
    channel: str
    direction: str
    outcome: str | None
    notes: str | None
    next_action_date: dt.date | None
    user: str
    source: str | None
    promise: PromiseView | None = None
    warning: str | None = None


def _view(a: Activity, code: str, promise=None, warning=None) -> ActivityView:
    return ActivityView(a.id, code, a.at, a.channel, a.direction, a.outcome, a.notes, a.next_action_date, a.user,
                        a.source, promise, warning)


def log_activity(
    session: Session,
    *,
    customer_code: str,
    channel: str,
    outcome: str | None = None,
    direction: str = "out",
    notes: str | None = None,
    next_action_date: dt.date | None = None,
    at: dt.datetime | None = None,
    promise_date: dt.date | None = None,
    promise_amount_minor: int | None = None,
    promise_invoices: tuple[str, ...] = (),
    source: str | None = None,
    contact_check: ContactCheck | None = None,
    refuse_more_than_owed: bool = False,
) -> ActivityView:
    """Record a gestión; with outcome "promise" and a date and amount it also records the promise.

    `contact_check` (the reminders' contact rules, passed in by the caller) explains in the returned
    view's `warning` why this contact broke the rules; without one no warning is given."""
    customer = get_customer_row(session, customer_code)
    channel = (channel or "").strip().lower()
    if channel not in CHANNELS:
        raise InvalidValueError(f"'{channel}' is not a channel; use one of {', '.join(CHANNELS)}.", field="channel")
    if outcome is not None:
        outcome = outcome.strip().lower().replace("-", "_").replace(" ", "_")
        if outcome not in OUTCOMES:
            raise InvalidValueError(f"'{outcome}' is not an outcome; use one of {', '.join(OUTCOMES)}.",
                                    field="outcome")
    if direction not in DIRECTIONS:
        raise InvalidValueError("Direction is 'out' (we contacted them) or 'in' (they contacted us).",
                                field="direction")
    at = at or config.now()
    check_range(next_action_date, "next_action_date")
    check_range(promise_date, "promise_date")
    activity = Activity(customer_id=customer.id, at=at, channel=channel, direction=direction, outcome=outcome,
                        notes=clean_text(notes, "notes"), next_action_date=next_action_date, user=config.current_user(),
                        source=source)
    session.add(activity)
    session.flush()
    audit.record(session, action="create", entity="activity", entity_id=activity.id, after=audit.snapshot(activity))
    promise = None
    if outcome == "promise" and promise_date is not None and promise_amount_minor:
        promise = add_promise(session, customer_code=customer.code, promised_date=promise_date,
                              amount_minor=promise_amount_minor, invoice_numbers=promise_invoices,
                              activity_id=activity.id, made_on=at.date(),
                              refuse_more_than_owed=refuse_more_than_owed)
    warning = contact_check(session, customer, channel, at) if contact_check is not None else None
    return _view(activity, customer.code, promise, warning)


def complete_follow_up(session: Session, activity_id: int, *, outcome: str | None = None, notes: str | None = None,
                       channel: str | None = None, contact_check: ContactCheck | None = None) -> ActivityView:
    """Mark the follow-up an activity planned (its next action) as done. With an outcome or notes, what
    happened is logged as a new activity of the same customer (on the follow-up's channel unless another is
    given) and returned; else the follow-up itself is returned. A follow-up already done is refused."""
    activity = session.get(Activity, activity_id)
    if activity is None or activity.next_action_date is None:
        raise InvalidValueError(f"No follow-up {activity_id}.", field="activity")
    if activity.next_action_done:
        raise InvalidValueError(f"Follow-up {activity_id} is already done.", field="activity")
    activity.next_action_done = True
    session.flush()
    audit.record(session, action="follow_up_done", entity="activity", entity_id=activity.id,
                 before={"next_action_done": False}, after={"next_action_done": True, "outcome": outcome})
    customer = session.get(Customer, activity.customer_id)
    if outcome is None and not (notes or "").strip():
        return _view(activity, customer.code)
    return log_activity(session, customer_code=customer.code, channel=channel or activity.channel, outcome=outcome,
                        notes=(notes or "").strip() or None, source=f"follow_up:{activity.id}",
                        contact_check=contact_check)


def open_follow_ups(session: Session, customer_code: str) -> list[ActivityView]:
    """The customer's follow-ups not done yet (activities with a next action), soonest first."""
    customer = get_customer_row(session, customer_code)
    rows = session.scalars(select(Activity).where(Activity.customer_id == customer.id,
                                                  Activity.next_action_date.is_not(None),
                                                  Activity.next_action_done.is_(False))
                           .order_by(Activity.next_action_date, Activity.id))
    return [_view(a, customer.code) for a in rows]


def list_activities(session: Session, customer_code: str, limit: int = 200) -> list[ActivityView]:
    customer = get_customer_row(session, customer_code)
    rows = session.scalars(select(Activity).where(Activity.customer_id == customer.id)
                           .order_by(Activity.at.desc(), Activity.id.desc()).limit(limit))
    return [_view(a, customer.code) for a in rows]
