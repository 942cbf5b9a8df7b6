"""Errors the reminders raise that more than one of its modules needs (so none imports the other for them)."""

from __future__ import annotations

from app.ledger.errors import LedgerError


class UnknownReminderError(LedgerError):
    field = "reminder_id"

    def __init__(self, reminder_id):
        super().__init__(f"No reminder with id {reminder_id}.")


class PermanentDeliveryError(Exception):
    """A delivery error that retrying cannot fix: a permanent SMTP reply (5xx), an address the server refuses
    or cannot carry (a non-ASCII address without SMTPUTF8), a template past the sandbox's limits. The outbox
    marks that reminder failed at once with the reason instead of retrying it."""
