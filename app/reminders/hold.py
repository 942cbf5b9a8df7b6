"""Putting a customer on hold from the card, with the reason, and releasing it.

Two holds exist in the books, and this is the one action over both (no new table):

- a credit hold (`customer.on_hold`): credit control refuses or warns on new invoices and the reminder run
  skips the customer ("customer on hold") until it is released;
- a reminders pause until a date (`customer_reminder_settings.paused_until`, `policy.pause_reminders`): the run
  skips the customer up to and including that date, then reminds again by itself.

The reason is logged as a note in the customer's history (source "hold"/"hold_released"), so the collector
sees why; every change is in the audit log through the functions called.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import config
from app.collections.activities import log_activity
from app.ledger.customers import get_customer_row, update_customer
from app.ledger.dates import check_range
from app.ledger.errors import InvalidValueError
from app.models import Activity

from .policy import customer_reminder_choice, pause_reminders

HOLD_KINDS = ("credit", "reminders")
HOLD_SOURCE, RELEASE_SOURCE = "hold", "hold_released"


@dataclass(frozen=True)
class HoldState:
    customer_code: str
    on_hold: bool  # credit hold, until released
    paused_until: dt.date | None  # reminders paused up to and including this date
    reason: str | None  # the reason given when the current hold was put, if any

    @property
    def held(self) -> bool:
        return self.on_hold or self.paused_until is not None


def hold_state(session: Session, customer_code: str, as_of: dt.date | None = None) -> HoldState:
    """The customer's holds in force on `as_of` (a pause that ended is not one) and the latest reason."""
    as_of = as_of or config.today()
    customer = get_customer_row(session, customer_code)
    paused = customer_reminder_choice(session, customer.code).paused_until
    if paused is not None and paused < as_of:
        paused = None
    reason = None
    if customer.on_hold or paused is not None:
        last = session.execute(select(Activity.source, Activity.notes)
                               .where(Activity.customer_id == customer.id,
                                      Activity.source.in_((HOLD_SOURCE, RELEASE_SOURCE)))
                               .order_by(Activity.at.desc(), Activity.id.desc()).limit(1)).first()
        if last is not None and last.source == HOLD_SOURCE:
            reason = last.notes
    return HoldState(customer.code, bool(customer.on_hold), paused, reason)


def put_on_hold(session: Session, customer_code: str, *, reason: str, kind: str = "credit",
                until: dt.date | None = None, as_of: dt.date | None = None) -> HoldState:
    """Hold the customer: `kind` "credit" (no sales on credit, no reminders, until released) or "reminders"
    (no reminders up to and including `until`). The reason is required and goes to the history."""
    as_of = as_of or config.today()
    reason = " ".join((reason or "").split())
    if not reason:
        raise InvalidValueError("Say why the customer is put on hold (the reason is kept in its history).",
                                field="reason")
    if kind not in HOLD_KINDS:
        raise InvalidValueError(f"'{kind}' is not a kind of hold; use one of {', '.join(HOLD_KINDS)}.", field="kind")
    customer = get_customer_row(session, customer_code)
    if kind == "credit":
        update_customer(session, customer.code, on_hold=True)
    else:
        if until is None:
            raise InvalidValueError("Choose the date up to which reminders are paused.", field="until")
        check_range(until, "until")
        if until < as_of:
            raise InvalidValueError(f"The pause would end on {until.isoformat()}, before today "
                                    f"({as_of.isoformat()}); choose a later date.", field="until")
        pause_reminders(session, customer.code, until)
    log_activity(session, customer_code=customer.code, channel="note", notes=reason, source=HOLD_SOURCE)
    return hold_state(session, customer.code, as_of)


def release_hold(session: Session, customer_code: str, *, reason: str | None = None,
                 as_of: dt.date | None = None) -> HoldState:
    """Lift both holds (credit hold and reminders pause); the release is noted in the history."""
    customer = get_customer_row(session, customer_code)
    before = hold_state(session, customer.code, as_of)
    if customer.on_hold:
        update_customer(session, customer.code, on_hold=False)
    if customer_reminder_choice(session, customer.code).paused_until is not None:
        pause_reminders(session, customer.code, None)
    if before.held:
        log_activity(session, customer_code=customer.code, channel="note",
                     notes=" ".join((reason or "").split()) or None, source=RELEASE_SOURCE)
    return hold_state(session, customer.code, as_of)
