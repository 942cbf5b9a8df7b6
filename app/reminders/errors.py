"""Errors the reminders raise that more than one of its modules needs (so none imports the other for them)."""

from __future__ import annotations

from app.ledger.errors import LedgerError


class UnknownReminderError(LedgerError):
    field = "reminder_id"

    def __init__(self, reminder_id):
        super().__init__(f"No reminder with id {reminder_id}.")
