"""The Reminders page's tables: the planned run (a checkbox per reminder to approve it, skips greyed
with their reason) and the history of stored reminders."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor

from app.reminders.preview_lines import PreviewLines

from .base import SnapshotTableModel

GREY = QColor("#8a8a8a")
STATE_COLOURS = {"sent": "#1b7a3a", "failed": "#b00020", "cancelled": "#8a8a8a", "draft": "#9a6a00",
                 "sending": "#b00020"}


translate = QCoreApplication.translate


def _spanish() -> bool:
    from ..i18n import current_language

    return current_language() == "es"


def channel_text(channels) -> str:
    names = {"email": translate("RemindersModel", "E-mail"), "letter": translate("RemindersModel", "Letter"), "sms": translate("RemindersModel", "SMS"), "whatsapp": translate("RemindersModel", "WhatsApp"),
             "call": translate("RemindersModel", "Call")}
    return ", ".join(names.get(c, c) for c in channels)


def status_word(word: str) -> str:
    """app.reminders.words' English words, translated."""
    return {"awaiting approval": translate("RemindersModel", "awaiting approval"),
            "queued": translate("RemindersModel", "queued"),
            "may have been sent": translate("RemindersModel", "may have been sent"),
            "failed": translate("RemindersModel", "failed"), "cancelled": translate("RemindersModel", "cancelled"),
            "e-mail sent": translate("RemindersModel", "e-mail sent"),
            "letter written": translate("RemindersModel", "letter written"),
            "SMS exported": translate("RemindersModel", "SMS exported"),
            "WhatsApp opened": translate("RemindersModel", "WhatsApp opened"),
            "call task made": translate("RemindersModel", "call task made"),
            "WhatsApp to open": translate("RemindersModel", "WhatsApp to open")}.get(word, word)


def _moment(value: dt.datetime | None, formatter, zone=None) -> str:
    """A stored moment in the office's zone (the machine's when not known yet)."""
    if value is None:
        return ""
    local = value.astimezone(zone) if value.tzinfo else value
    return f"{formatter.date(local.date())} {local:%H:%M}"


class PlanTableModel(SnapshotTableModel):
    """Rows are the plan's PreviewLines (app.reminders.preview_lines); column 0 carries the approval checkbox."""

    COLUMN_COUNT = 9
    (COL_CUSTOMER, COL_NAME, COL_LEVEL, COL_CHANNELS, COL_AMOUNT, COL_CURRENCY, COL_SEND_AT, COL_ITEMS,
     COL_REASON) = range(9)
    MONEY_COLUMNS = (COL_AMOUNT,)

    def __init__(self, formatter=None, parent=None):
        super().__init__(formatter, parent)
        self._approved: set[str] = set()
        self._rows = PreviewLines()
        self.zone = None

    def headers(self) -> list[str]:
        return [translate("RemindersModel", "Customer"), translate("RemindersModel", "Name"),
                translate("RemindersModel", "Level"), translate("RemindersModel", "Channels"),
                translate("RemindersModel", "Amount"), translate("RemindersModel", "Currency"),
                translate("RemindersModel", "Send at"), translate("RemindersModel", "Items"),
                translate("RemindersModel", "Reason / note")]

    def set_rows(self, rows) -> None:
        """`rows`: PreviewLines (or any sequence of lines with their fields), kept as given: a line is made
        when the view asks for it."""
        lines = rows if isinstance(rows, PreviewLines) else PreviewLines(rows)
        # what the policy approves: nothing under "review before sending", the rest under "send automatically"
        self._approved = {key for key, blocked, pre in zip(lines.column("key"), lines.column("blocked"),
                                                            lines.column("pre_approved")) if blocked is None and pre}
        self.beginResetModel()
        self._rows = lines
        self.endResetModel()

    def rows(self) -> list:
        return list(self._rows)

    def approved_keys(self) -> set[str]:
        return set(self._approved)

    def approved_channel_counts(self) -> dict[str, int]:
        """How many messages go out by each channel ({"email": 94, "letter": 23, ...}): one per debtor, whatever
        the number of its currencies (app.reminders.outbox delivers them together)."""
        debtors: dict[str, set] = {}
        lines = self._rows
        for key, blocked, channels, customer_id in zip(lines.column("key"), lines.column("blocked"),
                                                       lines.column("channels"), lines.column("customer_id")):
            if blocked is None and key in self._approved:
                for channel in channels:
                    debtors.setdefault(channel, set()).add(customer_id)
        return {channel: len(ids) for channel, ids in debtors.items()}

    def set_all(self, checked: bool) -> None:
        lines = self._rows
        self._approved = ({key for key, blocked in zip(lines.column("key"), lines.column("blocked")) if blocked is None}
                          if checked else set())
        if len(lines):
            self.dataChanged.emit(self.index(0, 0), self.index(len(lines) - 1, 0),
                                  [Qt.ItemDataRole.CheckStateRole])

    def blocked_count(self) -> int:
        blocked = self._rows.column("blocked")
        return len(blocked) - blocked.count(None)

    def reason(self, p) -> str:
        if p.blocked is not None:
            return (p.blocked_es or p.blocked) if _spanish() else p.blocked
        notes = []
        if p.needs_approval:
            notes.append(translate("RemindersModel", "needs approval"))
        hold = (p.hold_reason_es or p.hold_reason) if _spanish() else p.hold_reason
        if hold:
            notes.append(hold)
        return "; ".join(notes)

    def display(self, p, col: int) -> str:
        if col == self.COL_CUSTOMER:
            return p.customer_code
        if col == self.COL_NAME:
            return p.customer_name
        if col == self.COL_LEVEL:
            both = p.level_name_es if _spanish() else p.level_name_en
            return both or p.level_name or p.level_key or "—"
        if col == self.COL_CHANNELS:
            return channel_text(p.channels)
        if col == self.COL_ITEMS:
            return ", ".join(p.item_numbers)
        if col == self.COL_AMOUNT:
            return self.formatter.money(p.amount_minor, p.currency)
        if col == self.COL_CURRENCY:
            return p.currency
        if col == self.COL_SEND_AT:
            return _moment(p.send_at, self.formatter, self.zone) if p.blocked is None else ""
        if col == self.COL_REASON:
            return self.reason(p)
        return ""

    def sort_value(self, p, col: int):
        if col == self.COL_AMOUNT:
            return p.amount_minor
        if col == self.COL_SEND_AT:
            return p.send_at.isoformat() if p.send_at else ""
        if col == self.COL_ITEMS:
            return len(p.item_numbers)
        return self.display(p, col)

    def foreground(self, p, col: int):
        return QBrush(GREY) if p.blocked is not None else None

    def flags(self, index):
        flags = super().flags(index)
        if index.isValid() and index.column() == self.COL_CUSTOMER and self._rows[index.row()].blocked is None:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if (role == Qt.ItemDataRole.CheckStateRole and index.isValid() and index.column() == self.COL_CUSTOMER
                and 0 <= index.row() < len(self._rows)):
            p = self._rows[index.row()]
            if p.blocked is not None:
                return None
            return Qt.CheckState.Checked if p.key in self._approved else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole and index.isValid() and 0 <= index.row() < len(self._rows):
            p = self._rows[index.row()]
            if index.column() == self.COL_ITEMS:
                return self.display(p, self.COL_ITEMS) or None
            policy = p.policy_reason_es if _spanish() else p.policy_reason
            return "\n".join(t for t in (p.customer_name, self.reason(p), policy) if t)
        return super().data(index, role)

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid() or index.column() != self.COL_CUSTOMER:
            return False
        p = self._rows[index.row()]
        if p.blocked is not None:
            return False
        checked = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value, 2, True)
        (self._approved.add if checked else self._approved.discard)(p.key)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        return True


class HistoryTableModel(SnapshotTableModel):
    """Rows are ReminderHistory snapshots, newest first."""

    COLUMN_COUNT = 9
    (COL_DATE, COL_CUSTOMER, COL_LEVEL, COL_CHANNELS, COL_AMOUNT, COL_STATE, COL_SENT_AT, COL_ATTEMPTS,
     COL_ERROR) = range(9)
    MONEY_COLUMNS = (COL_AMOUNT,)

    zone = None  # the office's zone for the sent moments

    def headers(self) -> list[str]:
        return [translate("RemindersModel", "Date"), translate("RemindersModel", "Customer"), translate("RemindersModel", "Level"), translate("RemindersModel", "Channels"), translate("RemindersModel", "Amount"), translate("RemindersModel", "State"),
                translate("RemindersModel", "Done at"), translate("RemindersModel", "Attempts"), translate("RemindersModel", "Error")]

    def display(self, r, col: int) -> str:
        if col == self.COL_DATE:
            return self.formatter.date(r.as_of)
        if col == self.COL_CUSTOMER:
            return r.customer_code
        if col == self.COL_LEVEL:
            return r.level_name_es if _spanish() else r.level_name_en
        if col == self.COL_CHANNELS:
            return channel_text(r.channels)
        if col == self.COL_AMOUNT:
            return self.formatter.money(r.amount_minor, r.currency)
        if col == self.COL_STATE:  # "sent" only for e-mail: letters written, SMS exported, WhatsApp opened
            from app.reminders.words import status_words

            return ", ".join(status_word(w)
                             for w in status_words(r.state, r.channels, getattr(r, "pending_channels", ())))
        if col == self.COL_SENT_AT:
            return _moment(r.sent_at, self.formatter, self.zone)
        if col == self.COL_ATTEMPTS:
            return str(r.attempts)
        if col == self.COL_ERROR:
            return r.error or ""
        return ""

    def sort_value(self, r, col: int):
        if col == self.COL_DATE:
            return r.as_of.toordinal()
        if col == self.COL_AMOUNT:
            return r.amount_minor
        if col == self.COL_ATTEMPTS:
            return r.attempts
        return self.display(r, col)

    def foreground(self, r, col: int):
        if col == self.COL_STATE and r.state in STATE_COLOURS:
            return QBrush(QColor(STATE_COLOURS[r.state]))
        return None
