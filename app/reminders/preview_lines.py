"""The plan as the Reminders page shows it: its lines in columns, a PreviewLine made for the rows on screen.

A run at 1M invoices plans 76,000 lines of 270,000 items. As PlannedReminder objects (an instance, its
__dict__, a tuple of items, a tuple per item) that is over half a million objects the cyclic collector
tracks; the app collects on the GUI thread (app.ui.main_thread_gc), where the first collection after a
preview walked them all: a stall of a quarter of a second (still a tenth with a tuple per line). PreviewLines
keeps one tuple per field and the items' invoice numbers in one flat list: a few dozen objects to walk. The
PlannedReminder objects are freed on the worker, by reference counting, before the page gets the lines.
`execute_run` plans again when the user runs: nothing here is stored.
"""

from __future__ import annotations

import datetime as dt
from itertools import accumulate
from operator import itemgetter
from typing import NamedTuple

from app.ledger.money import to_str


class PreviewLine(NamedTuple):
    """A PlannedReminder's fields the preview shows, its items reduced to their invoice numbers."""

    key: str
    customer_id: int
    customer_code: str
    customer_name: str
    currency: str
    level_key: str | None
    level_name: str | None
    level_name_es: str | None
    level_name_en: str | None
    channels: tuple[str, ...]
    item_numbers: tuple[str, ...]  # one per item (an invoice with several due lines repeats)
    amount_minor: int
    blocked: str | None
    blocked_es: str | None
    send_at: dt.datetime | None
    hold_reason: str | None
    hold_reason_es: str | None
    needs_approval: bool
    pre_approved: bool
    policy_reason: str | None
    policy_reason_es: str | None

    def as_json(self) -> dict:
        """What PlannedReminder.as_json gives for the same line (the CLI's --dry-run contract)."""
        return plan_json(self, self.item_numbers)


def plan_json(p, item_numbers) -> dict:
    """The CLI's --dry-run line of a planned reminder or a preview line (`item_numbers`: its items' numbers)."""
    return {
        "customer_code": p.customer_code,
        "level": p.level_key,
        "channels": list(p.channels),
        "items": list(dict.fromkeys(item_numbers)),
        "amount": to_str(p.amount_minor, p.currency),
        "currency": p.currency,
        "blocked": p.blocked,
        "send_at": p.send_at.isoformat() if p.send_at else None,
        "key": p.key,  # what `remind --send --approve KEY` approves
        "approved": p.pre_approved,  # approved by the policy ("send automatically"); else it waits for review
    }


_FIELDS = tuple(f for f in PreviewLine._fields if f != "item_numbers")
_NUMBERS_AT = PreviewLine._fields.index("item_numbers")


class PreviewLines:
    """The plan's lines, in the plan's order: `lines[i]` is line i as a PreviewLine (made when asked: the rows on
    screen), `column(name)` one field of every line (a tuple, for counts and totals)."""

    def __init__(self, plan=()):
        """`plan`: PlannedReminders (or PreviewLines)."""
        plan = plan if isinstance(plan, (list, tuple)) else list(plan)
        # a column at a time, each one C call over the lines (a few milliseconds): a worker building this lets the
        # GUI thread have the interpreter in between. Tuples of plain values, not lists: the collector stops
        # tracking them at its first pass
        source = type(plan[0])._fields if plan else _FIELDS  # PlannedReminder's or PreviewLine's, both tuples
        self._columns = {f: tuple(map(itemgetter(source.index(f)), plan)) for f in _FIELDS}
        if plan and isinstance(plan[0], PreviewLine):
            numbers = list(map(itemgetter(_NUMBERS_AT), plan))
            self._numbers = tuple([n for some in numbers for n in some])
        else:  # PlannedReminders: their items' invoice numbers (PlannedItem.invoice_number)
            numbers = list(map(itemgetter(source.index("items") if plan else 0), plan))
            self._numbers = tuple([it[1] for items in numbers for it in items])
        self._starts = (0, *accumulate(map(len, numbers)))  # line i's are _numbers[_starts[i]:_starts[i + 1]]
        self._last: tuple[int, PreviewLine] | None = None  # the line asked last (a view asks cell after cell)

    def __len__(self) -> int:
        return len(self._starts) - 1

    def __getitem__(self, i: int) -> PreviewLine:
        if self._last is not None and self._last[0] == i:
            return self._last[1]
        n = len(self)
        if not -n <= i < n:
            raise IndexError(i)
        i %= n
        values = [column[i] for column in self._columns.values()]
        values.insert(_NUMBERS_AT, tuple(self._numbers[self._starts[i]:self._starts[i + 1]]))
        line = tuple.__new__(PreviewLine, values)
        self._last = (i, line)
        return line

    def __iter__(self):
        return (self[i] for i in range(len(self)))

    def column(self, name: str) -> tuple:
        return self._columns[name]


def preview_lines(plan) -> PreviewLines:
    """The plan's lines as the preview shows them (`plan`: PlannedReminders)."""
    return PreviewLines(plan)
