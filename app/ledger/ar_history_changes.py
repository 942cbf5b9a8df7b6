"""The receivables history's changes per currency and day, computed from the documents (app.ledger.ar_history
keeps them): what starts or stops counting in the receivable, and in its part not yet due, on each day, and
that day's own movements (invoices issued, payments received, payment allocations)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from sqlalchemy import BigInteger, String, and_, case, cast, func, literal, select, type_coerce, union
from sqlalchemy.orm import Session

from app.models import POSTED, Allocation, DueLine, Invoice, Payment

from .ar_roll_months import NEVER, RollGroups
from .sqlfuncs import days_between, year_month

ONE = dt.timedelta(days=1)
#: an ArDay row's values, in order: two levels, then the day's own movements
DAY_FIELDS = ("ar_minor", "current_minor", "issued_minor", "collected_minor", "paid_minor", "paid_days_issue",
              "paid_days_due")
LEVELS = 2


_VOIDED = and_(Invoice.status != POSTED, Invoice.void_date.is_not(None))


def _currency_first(row) -> tuple:
    """A line group's (currency, issue, due, void) as a sort key, no void first (as SQL sorts NULL)."""
    cur, issued, due, voided = row[:4]
    return cur, issued, due, voided is not None, voided or dt.date.min


def _window(column, after: dt.date | None, through: dt.date):
    # two-sided even from the beginning: SQLite then reads a range of the column's index (a bound on one
    # side only and it scans a whole covering index instead, without statistics)
    return column.between(dt.date.min, through) if after is None else and_(column > after, column <= through)


def changes(session: Session, after: dt.date | None, through: dt.date, groups: RollGroups | None = None,
            new_invoices=None):
    """{currency: {day: [Δ receivable, Δ not yet due, issued, collected, paid, paid×days since issue,
    paid×days past due]}} for the days in (after, through]: what starts or stops counting on each day.

    Due lines and allocations are read grouped by the dates their spans start and end on (a few tens of
    thousands of groups for a million invoices); the spans are cut here. After a day (`after`), only the
    rows with a start or end in the window are read, each through its date's index.

    `groups` (from the beginning only): filled with the grouped rows, from which app.ledger.ar_roll_months
    computes every month's roll-rate inputs (the allocations then grouped by their due date always).

    `new_invoices` (from the beginning only): a condition on Invoice naming invoices just added, nothing
    applied to them: only what they change (their lines and sales; app.ledger.ar_history_added)."""
    if after is not None:
        groups = None
    out: dict[str, dict[dt.date, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0] * len(DAY_FIELDS)))

    def put(day: dt.date | None, cur: str, slot: int, value: int) -> None:
        if value and day is not None and (after is None or day > after) and day <= through:
            out[cur][day][slot] += value

    def add(rows, slot: int) -> None:
        for cur, day, value in rows:
            put(day, cur, slot, int(value or 0))

    void = case((_VOIDED, Invoice.void_date), else_=None)
    due_window = DueLine.due_date < through if after is None else and_(DueLine.due_date >= after,
                                                                        DueLine.due_date < through)
    lines = (select(Invoice.currency, Invoice.issue_date, DueLine.due_date, void, func.sum(DueLine.amount_minor))
             .select_from(DueLine).join(Invoice, DueLine.invoice_id == Invoice.id))
    if new_invoices is not None:
        lines = lines.where(new_invoices)
    if after is not None:
        lines = lines.where(DueLine.id.in_(union(
            select(DueLine.id).join(Invoice, DueLine.invoice_id == Invoice.id)
            .where(_window(Invoice.issue_date, after, through)),
            select(DueLine.id).join(Invoice, DueLine.invoice_id == Invoice.id)
            .where(_VOIDED, _window(Invoice.void_date, after, through)),
            select(DueLine.id).where(due_window))))
    # a due line counts from its invoice's issue to its void (if the invoice exists at all), and as not yet
    # due up to its due date. Grouped by the due date first: SQLite's sorter then tells most rows apart by
    # their first key, where by the currency first it compared every key (a million lines: ~0.6 s less CPU);
    # the groups are then taken in the currency's order all the same (_currency_first), as before.
    for cur, issued, due, voided, amount in sorted(session.execute(
            lines.group_by(DueLine.due_date, Invoice.issue_date, Invoice.currency, void)).all(), key=_currency_first):
        amount = int(amount)
        if groups is not None:
            groups.lines.append((cur, issued.toordinal(), due.toordinal(),
                                 NEVER if voided is None else voided.toordinal(), amount))
        if voided is not None and voided <= issued:
            continue
        put(issued, cur, 0, amount)
        put(voided, cur, 0, -amount)
        end = min(voided, due + ONE) if voided is not None else due + ONE
        if end > issued:
            put(issued, cur, 1, amount)
            put(end, cur, 1, -amount)

    # an allocation takes its amount off from its date (never before its invoice's issue) to the invoice's
    # void, and off the part not yet due up to the line's due date; payments' allocations also weigh days to
    # pay and days late. The due date only matters when paid by then: grouped without it otherwise.
    early_due = case((DueLine.due_date >= Allocation.date, DueLine.due_date), else_=None)
    # the months' figures need every due date, and whether the line was issued in an earlier month
    due_key = early_due if groups is None else DueLine.due_date
    month_flag = literal(False) if groups is None else year_month(Invoice.issue_date) < year_month(DueLine.due_date)
    if new_invoices is not None:  # nothing applied to them: their sales only
        add(session.execute(
            select(Invoice.currency, Invoice.issue_date, func.sum(Invoice.total_minor))
            # by their ids only (put() drops days after `through`): a bound on the date too and SQLite reads
            # the whole sales index up to it instead
            .where(new_invoices).group_by(Invoice.currency, Invoice.issue_date)), 2)
        return out
    paid = Allocation.payment_id.is_not(None)
    money = cast(Allocation.amount_minor, BigInteger)
    day_key, void_key = Allocation.date, void
    if groups is not None:  # read into arrays (app.ledger.roll_arrays): dates as the driver gives them (on
        # SQLite ISO text, which NumPy reads by column, rather than a date object made per row and value)
        day_key, due_key, void_key = (type_coerce(c, String) for c in (Allocation.date, DueLine.due_date, void))
    allocations = (
        select(Invoice.currency, day_key, due_key, void_key, month_flag, func.sum(Allocation.amount_minor),
               func.sum(case((paid, Allocation.amount_minor), else_=0)),
               func.sum(case((paid, money * days_between(Allocation.date, Invoice.issue_date)), else_=0)),
               func.sum(case((paid, money * days_between(Allocation.date, DueLine.due_date)), else_=0)))
        .select_from(Allocation).join(DueLine, Allocation.due_line_id == DueLine.id)
        .join(Invoice, DueLine.invoice_id == Invoice.id))
    if after is not None:
        allocations = allocations.where(Allocation.id.in_(union(
            select(Allocation.id).where(_window(Allocation.date, after, through)),
            select(Allocation.id).join(DueLine, Allocation.due_line_id == DueLine.id)
            .where(due_window, Allocation.date <= DueLine.due_date),
            select(Allocation.id).join(DueLine, Allocation.due_line_id == DueLine.id)
            .join(Invoice, DueLine.invoice_id == Invoice.id)
            .where(_VOIDED, _window(Invoice.void_date, after, through)))))
    keys = (Invoice.currency, day_key, due_key, void_key) + (() if groups is None else (month_flag,))
    if groups is None:
        grouped = session.execute(allocations.group_by(*keys))
    else:
        grouped = _collapsed(session, allocations.group_by(*keys), groups)
    for cur, day, due, voided, _flag, amount, paid_amount, days_issue, days_due in grouped:
        amount = int(amount)
        if voided is None or voided > day:
            put(day, cur, 0, -amount)
            put(voided, cur, 0, amount)
            if due is not None:
                end = min(voided, due + ONE) if voided is not None else due + ONE
                put(day, cur, 1, -amount)
                put(end, cur, 1, amount)
        for slot, value in ((4, paid_amount), (5, days_issue), (6, days_due)):
            put(day, cur, slot, int(value or 0))

    _over_allocated(session, after, through, out)

    # the day's movements: invoices issued (every status: the KPIs take out those void by their date)
    # and posted payments received
    add(session.execute(
        select(Invoice.currency, Invoice.issue_date, func.sum(Invoice.total_minor))
        .where(_window(Invoice.issue_date, after, through)).group_by(Invoice.currency, Invoice.issue_date)), 2)
    add(session.execute(
        select(Payment.currency, Payment.date, func.sum(Payment.amount_minor))
        .where(Payment.status == POSTED, _window(Payment.date, after, through))
        .group_by(Payment.currency, Payment.date)), 3)
    return out


def _collapsed(session: Session, grouped, groups: RollGroups):
    """The allocation groups by every due date (kept in `groups` for the months, as arrays), summed back to
    the days' groups: by due date only when paid by then.

    A few hundred thousand groups at a million invoices: read in parts straight off the cursor (a Core
    result streams; the ORM's would hold every row, and its date objects, at once) into NumPy columns,
    and summed back by sorting the keys, not row by row in Python."""
    from .roll_arrays import collapse_allocations, read_allocation_groups

    columns = read_allocation_groups(session.connection(), grouped)
    groups.allocation_arrays.update(columns.roll_arrays())
    return collapse_allocations(columns)


def _over_allocated(session: Session, after: dt.date | None, through: dt.date, out) -> None:
    """The changes above count a line at amount − allocated, which goes negative while a line is allocated
    beyond its amount as of a day: a backdated write-off or payment applied to what an unapply (a negative
    allocation dated later) made room for. Nothing is open then (the aging counts open items > 0): add
    back the excess on those days. Only lines with a negative allocation dated in or after the window can be
    over-allocated in it; they are few, and followed here allocation by allocation."""
    reversal = Allocation.amount_minor < 0
    lines = select(Allocation.due_line_id).where(reversal if after is None else and_(reversal, Allocation.date > after))
    ends = case((_VOIDED, Invoice.void_date), else_=None)
    rows = session.execute(
        select(DueLine.id, DueLine.amount_minor, DueLine.due_date, Invoice.currency, ends, Allocation.date,
               func.sum(Allocation.amount_minor))
        .select_from(DueLine).join(Invoice, DueLine.invoice_id == Invoice.id)
        .join(Allocation, Allocation.due_line_id == DueLine.id)
        .where(DueLine.id.in_(lines))
        .group_by(DueLine.id, DueLine.amount_minor, DueLine.due_date, Invoice.currency, ends, Allocation.date)
        .order_by(DueLine.id, Allocation.date)).all()
    by_line: dict[int, list] = defaultdict(list)
    for row in rows:
        by_line[row[0]].append(row)
    for found in by_line.values():
        _, amount, due, cur, void, _d, _a = found[0]
        steps, allocated, excess = [], 0, 0  # (day, excess from that day on)
        for *_x, day, moved in found:
            allocated += int(moved)
            now = max(allocated - amount, 0)
            if now != excess:
                steps.append((day, now - excess))
                excess = now
        for slot, end in ((0, void), (1, min(void, due + ONE) if void else due + ONE)):
            total = 0
            for day, change in steps:
                if end is not None and day >= end:
                    break
                total += change
                if (after is None or day > after) and day <= through:
                    out[cur][day][slot] += change
            if total and end is not None and (after is None or end > after) and end <= through:
                out[cur][end][slot] -= total


def rows_after(base: dict[str, tuple[int, int]], changes, after: dt.date | None, through: dt.date):
    """ArDay rows for the days in (after, through] with a change: levels carried on from `base` (the level
    of each currency on `after`)."""
    rows = []
    for cur, per_day in changes.items():
        ar, current = base.get(cur, (0, 0))
        for day in sorted(per_day):
            if (after is not None and day <= after) or day > through:
                continue
            values = per_day[day]
            if not any(values):
                continue
            ar += values[0]
            current += values[1]
            rows.append({"currency": cur, "day": day, "ar_minor": ar, "current_minor": current,
                         **dict(zip(DAY_FIELDS[LEVELS:], values[LEVELS:]))})
    return rows
