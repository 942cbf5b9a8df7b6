"""New invoices added to the stored receivables history (app.ledger.ar_history) without rebuilding it: the
end of an import of invoices (balance_keeper.adding), in proportion to what was imported.

An invoice just inserted with its due lines, nothing applied to it and not void, changes the history in
sums only: its lines count in the receivable from its issue, in the part not yet due up to their due dates,
its total in the day's sales (the rule of app.ledger.ar_history_changes, read for those invoices only); and
in each month's roll-rate inputs their open amounts (app.ledger.ar_roll_months, lines without allocations).
So the stored days from the first of them on move by those changes, and the stored months by theirs. Days
after the state's `valid_through` are not stored (a reader computes them from the documents, these
included); ar_dirty marks of other writers stay as they are (the days from theirs are recomputed anyway).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from sqlalchemy import delete, insert, or_, select, update
from sqlalchemy.orm import Session

from app.models import ArDay, ArHistoryState, ArRoll, Invoice

from .ar_history_changes import DAY_FIELDS, LEVELS, changes
from .ar_history_marks import STORED_HERE
from .ar_roll_months import RollGroups, month_pairs, sums_of_groups


def _lock_state(conn):
    """The state row, locked for the rest of the transaction (as ar_history._write): (valid_through,
    version), None when there is no state row."""
    q = select(ArHistoryState.valid_through, ArHistoryState.version).where(ArHistoryState.id == 1)
    if conn.dialect.name == "postgresql":
        q = q.with_for_update()
    else:
        conn.execute(update(ArHistoryState).where(ArHistoryState.id == 1).values(version=ArHistoryState.version))
    return conn.execute(q).first()


def add_invoices(session: Session, runs: list[tuple[int, int]]) -> None:
    """Add the invoices whose ids are in `runs` [(first, last)] (just inserted, nothing applied) to the
    stored days and months, in the caller's transaction."""
    conn = session.connection()
    state = _lock_state(conn)
    if state is None or state.valid_through is None:
        return  # nothing stored: the first reader builds it all from the documents, these included
    valid, version = state.valid_through, state.version
    for start in range(0, len(runs), 50):
        part = or_(*(Invoice.id.between(a, b) for a, b in runs[start:start + 50]))
        groups = RollGroups()
        found = changes(session, None, valid, groups, new_invoices=part)
        _add_days(conn, found)
        _add_months(conn, groups, valid)
    conn.execute(update(ArHistoryState).where(ArHistoryState.id == 1).values(version=version + 1))
    session.info[STORED_HERE] = True  # holds the state's lock: later stores of this transaction go in it


def _add_days(conn, found) -> None:
    for cur, per_day in found.items():
        days = sorted(d for d, v in per_day.items() if any(v))
        if not days:
            continue
        first = days[0]
        before = conn.execute(select(ArDay.ar_minor, ArDay.current_minor)
                              .where(ArDay.currency == cur, ArDay.day < first)
                              .order_by(ArDay.day.desc()).limit(1)).first()
        cols = [getattr(ArDay, name) for name in DAY_FIELDS]
        stored = {day: list(values) for day, *values in conn.execute(
            select(ArDay.day, *cols).where(ArDay.currency == cur, ArDay.day >= first))}
        # the stored rows carry levels; as changes: level of a day − level of the day before
        merged: dict[dt.date, list[int]] = defaultdict(lambda: [0] * len(DAY_FIELDS))
        level = list(before) if before else [0, 0]
        for day in sorted(stored):
            values = stored[day]
            merged[day] = [values[0] - level[0], values[1] - level[1], *values[LEVELS:]]
            level = values[:LEVELS]
        for day in days:
            merged[day] = [a + b for a, b in zip(merged[day], per_day[day])]
        rows, level = [], list(before) if before else [0, 0]
        for day in sorted(merged):
            change = merged[day]
            level = [level[0] + change[0], level[1] + change[1]]
            if not any(change):
                continue
            rows.append({"currency": cur, "day": day, "ar_minor": level[0], "current_minor": level[1],
                         **dict(zip(DAY_FIELDS[LEVELS:], change[LEVELS:]))})
        conn.execute(delete(ArDay).where(ArDay.currency == cur, ArDay.day >= first))
        for start in range(0, len(rows), 5000):
            conn.execute(insert(ArDay), rows[start:start + 5000])


def _add_months(conn, groups: RollGroups, valid: dt.date) -> None:
    months = sorted(conn.scalars(select(ArRoll.month_end).where(ArRoll.month_end <= valid).distinct()))
    if not months or not groups.lines:
        return
    sums = sums_of_groups(groups.lines, [], month_pairs(months))
    for cur, per in sums.items():
        wanted = [m for m, figures in per.items() if any(v for pair in figures for v in pair)]
        if not wanted:
            continue
        stored = {(m, b): (den, num) for m, b, den, num in conn.execute(
            select(ArRoll.month_end, ArRoll.bucket, ArRoll.den_minor, ArRoll.num_minor)
            .where(ArRoll.currency == cur, ArRoll.month_end.in_(wanted)))}
        conn.execute(delete(ArRoll).where(ArRoll.currency == cur, ArRoll.month_end.in_(wanted)))
        rows = []
        for m in wanted:
            for b, (den, num) in enumerate(per[m]):
                old_den, old_num = stored.pop((m, b), (0, 0))
                rows.append({"currency": cur, "month_end": m, "bucket": b, "den_minor": old_den + den,
                             "num_minor": old_num + num})
        rows += [{"currency": cur, "month_end": m, "bucket": b, "den_minor": den, "num_minor": num}
                 for (m, b), (den, num) in stored.items()]  # (buckets beyond the rows above: none today)
        conn.execute(insert(ArRoll), rows)


__all__ = ["add_invoices"]
