"""What the outbox hands a channel: one reminder to deliver, as plain values (`DeliveryJob`), and the
exception a channel raises when everything in it was settled meanwhile. Its own module so that the outbox
(which calls the channels) and the channel wiring (app.reminders.delivery) both import it, not each other."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


class NothingDue(Exception):
    """Raised by a channel when every item of the reminder was settled before it went out: the reminder is
    cancelled rather than asking for money already paid."""


@dataclass(frozen=True)
class JobItem:
    due_line_id: int
    invoice_number: str
    due_date: dt.date
    amount_minor: int
    days_overdue: int
    level_key: str


@dataclass(frozen=True)
class DeliveryJob:
    """Everything a channel needs to deliver one reminder, as plain values."""

    reminder_id: int
    customer_id: int
    customer_code: str
    customer_name: str
    email: str | None
    phone: str | None
    address: str | None
    city: str | None
    language: str
    currency: str
    as_of: dt.date
    level_key: str
    level_sequence: int
    level_name: str
    channels: tuple[str, ...]
    items: tuple[JobItem, ...]
    amount_minor: int
    fee_minor: int
    call_window: str | None
    letter_path: str | None = None
    deliver_on: dt.date | None = None  # the day it goes out: content is read as of then
    message_id: str | None = None  # the e-mail's Message-ID, stored on the reminder before it leaves
    # the same debtor's reminders of the same run in its other currencies: one message covers them all
    also: tuple["DeliveryJob", ...] = ()

    @property
    def reminder_ids(self) -> tuple[int, ...]:
        """Every reminder this one message delivers (this one first)."""
        return (self.reminder_id, *(j.reminder_id for j in self.also))
