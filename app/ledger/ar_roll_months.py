"""The KPIs' roll-rate inputs (ar_roll) of every month end at once, from the grouped reads that rebuild the
receivables history from the beginning (app.ledger.ar_history_changes): the end of the demo stores them with
the days, so the first KPI report after it computes no month from the documents.

The rule is app.reports.kpi's (its direct statements are the reference the tests compare with): for the
month ends m1 < m2 (the next one) and the due-date bucket b of a line on m1 (current: due ≥ m1; then due in
[m1 − limit_b, m1 − limit_(b−1)); 91+ rolls nowhere), `den` is the line's open amount on m1 and `num` its open
amount on m2 when it was issued by m1 and is by then in a later bucket (due < m2 − limit_b). Open on d: the
line's amount less its allocations dated by d, counted (when positive) while its invoice exists, [issue,
void).

Both are sums over lines, so they come from the groups the history reads anyway: due lines by (currency,
issue, due, void) and allocations by (currency, date, due, void, "issued by the month end before the due
date"). Two kinds of line do not fit the sums and are counted one by one instead (few: none in the demo):
a line with a negative allocation (an unapply) can be over-allocated for a while, which counts 0, not a
negative amount; a line due before its invoice's issue cannot tell from its due date whether it existed on
m1. They are read with their allocations, and what the groups counted for them replaced by the exact figure.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import and_, case, select, union
from sqlalchemy.orm import Session

from app.models import POSTED, Allocation, DueLine, Invoice

#: days past due each bucket but the last reaches (app.reports.kpi's ROLL_LIMITS, the aging's 30/60/90 by due
#: date: a test checks they agree; the ledger cannot import the reports)
ROLL_LIMITS = (0, 30, 60, 90)
NEVER = 2**63 - 1  # "no void": a day after every day (the largest int64, as the sums' arrays hold)

MonthFigures = dict[str, dict[dt.date, dict[int, tuple[int, int]]]]


@dataclass
class RollGroups:
    """The history's whole-book reads, kept for the months: (currency, issue, due, void, amount) per line
    group; (currency, date, due, void, group_flag, amount) per allocation group, as rows (`allocations`)
    or, as the whole-book read fills them, by column (`allocation_arrays`); both count. Dates as ordinals
    (void: NEVER when the invoice is not void)."""

    lines: list[tuple] = field(default_factory=list)
    allocations: list[tuple] = field(default_factory=list)
    #: {currency: (n, 5) int64 array} of (date, due, void, flag, amount) (app.ledger.roll_arrays)
    allocation_arrays: dict = field(default_factory=dict)


def month_ends_between(first: dt.date, last: dt.date) -> list[dt.date]:
    """Month ends m with first ≤ m ≤ last, oldest first."""
    out = []
    y, m = first.year, first.month
    while True:
        nxt = dt.date(y + (m == 12), m % 12 + 1, 1)
        end = nxt - dt.timedelta(days=1)
        if end > last:
            return out
        if end >= first:
            out.append(end)
        y, m = nxt.year, nxt.month


def month_pairs(month_ends: list[dt.date]) -> list[tuple[dt.date, dt.date]]:
    """(the month end before m, m) for each month end m: the pair whose figures are stored under m."""
    return [(m.replace(day=1) - dt.timedelta(days=1), m) for m in month_ends]


def is_month_end(day: dt.date) -> bool:
    return (day + dt.timedelta(days=1)).day == 1


def group_flag(issued_earlier_month: bool, due: dt.date) -> bool:
    """The flag the allocation groups carry, from SQL's "issued in an earlier month than due": the line's
    invoice was issued by the month end before its due date (for a line current on m1 and past it on m2,
    that month end is m1), exactly so when issued by its due date (the irregular lines are counted apart)."""
    return bool(issued_earlier_month) or is_month_end(due)


def sums_of_groups(lines: list[tuple], allocations: list[tuple], pairs: list[tuple[dt.date, dt.date]],
                   allocation_arrays: dict | None = None):
    """{currency: {m2: [[den, num] per bucket]}} from the groups, each line counted at amount − allocated
    (the rule for lines that are never over-allocated and never due before issue). `allocation_arrays`:
    more allocation groups, by column (RollGroups.allocation_arrays)."""
    import numpy as np  # here: every command and the GUI import this module; few build months

    out: dict = {}
    by_cur_l: dict[str, list] = defaultdict(list)
    by_cur_a: dict[str, list] = defaultdict(list)
    for row in lines:
        by_cur_l[row[0]].append(row[1:])
    for row in allocations:
        by_cur_a[row[0]].append(row[1:])
    arrays = allocation_arrays or {}
    for cur in sorted(set(by_cur_l) | set(by_cur_a) | set(arrays)):
        li = np.array(by_cur_l.get(cur, []), dtype=np.int64).reshape(-1, 4)
        al = np.array(by_cur_a.get(cur, []), dtype=np.int64).reshape(-1, 5)
        if cur in arrays:
            al = np.concatenate([al, arrays[cur].reshape(-1, 5)])
        # sorted by due date: each bucket's lines are one slice of it (current: due ≥ m1 to the end; the
        # others a month or so), searched once per bucket instead of masking every group
        li, al = li[np.argsort(li[:, 1], kind="stable")], al[np.argsort(al[:, 1], kind="stable")]
        l_iss, l_due, l_void, l_amt = li.T
        a_day, a_due, a_void, a_flag, a_amt = al.T
        per = out[cur] = {}
        for m1, m2 in pairs:
            o1, o2 = m1.toordinal(), m2.toordinal()
            figures = []
            for b, limit in enumerate(ROLL_LIMITS):
                # due in [o1 − limit, o1 − previous limit), or ≥ o1 for the current bucket
                lo, hi = o1 - limit, (o1 - ROLL_LIMITS[b - 1]) if b else None
                sl = slice(np.searchsorted(l_due, lo), None if hi is None else np.searchsorted(l_due, hi))
                sa = slice(np.searchsorted(a_due, lo), None if hi is None else np.searchsorted(a_due, hi))
                iss, due, void, amt = l_iss[sl], l_due[sl], l_void[sl], l_amt[sl]
                day, a_d, a_v, flag, a_a = a_day[sa], a_due[sa], a_void[sa], a_flag[sa], a_amt[sa]
                issued = iss <= o1
                den = amt[issued & (void > o1)].sum() - a_a[(day <= o1) & (a_v > o1)].sum()
                rolled_l = (due < o2 - limit) & issued & (void > o2)
                rolled_a = (a_d < o2 - limit) & (day <= o2) & (a_v > o2)
                if b == 0:  # due in [m1, m2): issued by m1 is the group's flag
                    rolled_a &= flag == 1
                figures.append([int(den), int(amt[rolled_l].sum() - a_a[rolled_a].sum())])
            per[m2] = figures
    return out


def _exact(line: tuple, allocations: list[tuple[int, int]], pairs) -> dict[dt.date, list[list[int]]]:
    """One line's figures by the rule itself: open amounts counted when positive."""
    iss, due, void, amount = line
    out = {}
    for m1, m2 in pairs:
        o1, o2 = m1.toordinal(), m2.toordinal()

        def open_on(day: int) -> int:
            if not (iss <= day < void):
                return 0
            return max(amount - sum(a for d, a in allocations if d <= day), 0)
        figures = []
        for b, limit in enumerate(ROLL_LIMITS):
            in_b = due >= o1 - limit and (b == 0 or due < o1 - ROLL_LIMITS[b - 1])
            den = open_on(o1) if in_b else 0
            num = open_on(o2) if in_b and due < o2 - limit and iss <= o1 else 0
            figures.append([den, num])
        out[m2] = figures
    return out


def _irregular(session: Session, due_before_issue: bool = True):
    """{due line id: (currency, (issue, due, void, amount), [(date, amount)], flag)} of the lines the
    groups cannot count: with a negative allocation, or due before their invoice's issue (looked for only
    when `due_before_issue`: the line groups tell whether there are any, and the search reads every line)."""
    ids = select(Allocation.due_line_id).where(Allocation.amount_minor < 0)
    if due_before_issue:
        ids = union(ids, select(DueLine.id).join(Invoice, DueLine.invoice_id == Invoice.id)
                    .where(DueLine.due_date < Invoice.issue_date))
    void = case((and_(Invoice.status != POSTED, Invoice.void_date.is_not(None)), Invoice.void_date), else_=None)
    found: dict[int, list] = {}
    for line_id, cur, iss, due, voided, amount in session.execute(
            select(DueLine.id, Invoice.currency, Invoice.issue_date, DueLine.due_date, void, DueLine.amount_minor)
            .join(Invoice, DueLine.invoice_id == Invoice.id).where(DueLine.id.in_(ids))):
        found[line_id] = [cur, (iss.toordinal(), due.toordinal(), NEVER if voided is None else voided.toordinal(),
                                int(amount)), [], group_flag((iss.year, iss.month) < (due.year, due.month), due)]
    if found:
        for line_id, day, amount in session.execute(
                select(Allocation.due_line_id, Allocation.date, Allocation.amount_minor)
                .where(Allocation.due_line_id.in_(select(DueLine.id).where(DueLine.id.in_(ids))))):
            found[line_id][2].append((day.toordinal(), int(amount)))
    return found


def roll_months(session: Session, groups: RollGroups, month_ends: list[dt.date]) -> MonthFigures:
    """The figures of each month end in `month_ends` (for its pair with the month end before it) from the
    whole book's groups, corrected for the lines the groups cannot count."""
    if not month_ends:
        return {}
    pairs = month_pairs(month_ends)

    sums = sums_of_groups(groups.lines, groups.allocations, pairs, groups.allocation_arrays)
    # every due line is in a line group, by its issue and due dates
    due_before_issue = any(due < iss for _cur, iss, due, _void, _amount in groups.lines)
    for cur, line, allocations, flag in _irregular(session, due_before_issue).values():
        iss, due, void, amount = line
        exact = _exact(line, allocations, pairs)
        # what the groups counted for this line: its own group and allocation groups, summed the same way
        counted = sums_of_groups([(cur, iss, due, void, amount)],
                        [(cur, d, due, void, int(flag), a) for d, a in allocations], pairs).get(cur, {})
        per = sums.setdefault(cur, {})
        for m2, figures in exact.items():
            total = per.setdefault(m2, [[0, 0] for _b in ROLL_LIMITS])
            for b, (den, num) in enumerate(figures):
                was = counted.get(m2, [[0, 0]] * len(ROLL_LIMITS))[b]
                total[b][0] += den - was[0]
                total[b][1] += num - was[1]
    return {cur: {m2: {b: (den, num) for b, (den, num) in enumerate(figures)} for m2, figures in per.items()}
            for cur, per in sums.items()}


__all__ = ["ROLL_LIMITS", "RollGroups", "group_flag", "month_ends_between", "month_pairs", "roll_months",
           "sums_of_groups"]
