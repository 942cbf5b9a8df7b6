"""The forecast's open lines placed in weeks all at once: the lines of the customers without commitments.

forecast.place_lines' rule, for every line at once: expected date = due date + the customer's whole-day
shift, week ⌈(expected date − as_of) / 7⌉ kept within [1, weeks + 1] (weeks + 1: beyond), the part of
lines due before the date counted as from overdue; every line counts in its currency's totals.

How, and why so: at a million invoices some 270,000 lines are open. Grouping them by (currency, week) in
SQL made SQLite sort every line (its GROUP BY always sorts) and look each line's customer up in the
shifts (0.5 s of a 1.2 s command); fetching them as rows costs a Python object per value. Instead one
statement hands the lines over as four long strings, an aggregate with nothing to sort (`packed`: each
line's customer, days from the date to its due date, open amount, currency), NumPy reads them at once,
looks the shifts up (read the same way, one string per column) and adds up the cells.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import numpy as np
from sqlalchemy import String, func, literal, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.functions import FunctionElement

from app.ledger.balances import open_as_of_in
from app.ledger.sqlfuncs import days_between
from app.models import DueLine, Invoice


class packed(FunctionElement):
    """Aggregate: every row's `value` as one text, "v1,v2,...", in the order of `order` (a unique column).
    In one SQLite statement every aggregate steps through the same rows in the same order, so the lists of
    the columns line up (SQLite 3.40 has no ORDER BY in group_concat); PostgreSQL is given the order.
    NULL values would be left out (and the lists not line up): pack only columns that are never NULL."""

    type = String()
    inherit_cache = True
    name = "packed"


@compiles(packed, "sqlite")
def _packed_sqlite(element, compiler, **kw):
    value, _order = element.clauses
    return f"group_concat({compiler.process(value, **kw)}, ',')"


@compiles(packed)
def _packed_default(element, compiler, **kw):
    value, order = element.clauses
    return (f"string_agg(CAST({compiler.process(value, **kw)} AS TEXT), ',' "
            f"ORDER BY {compiler.process(order, **kw)})")


def ints_of(text: str | None, count: int) -> np.ndarray:
    values = np.fromstring(text or "", dtype=np.int64, sep=",") if count else np.zeros(0, dtype=np.int64)
    if len(values) != count:  # a value NumPy could not read: never silently short
        raise ValueError(f"expected {count} whole numbers, read {len(values)}")
    return values


def codes_of(text: str | None, count: int) -> tuple[list[str], np.ndarray]:
    """The distinct currency codes (sorted) and each line's index among them."""
    text = text or ""
    raw = np.frombuffer(text.encode("utf-8"), dtype=np.uint8)
    if count and len(raw) == 4 * count - 1 and text.count(",") == count - 1 \
            and bool(np.all(raw[3::4] == ord(","))):  # every code three ASCII characters (ISO 4217): as bytes
        chars = np.append(raw, np.uint8(ord(","))).reshape(count, 4)[:, :3].astype(np.int32)
        numbers = (chars[:, 0] << 16) | (chars[:, 1] << 8) | chars[:, 2]
        distinct, index = np.unique(numbers, return_inverse=True)
        return [bytes([n >> 16, (n >> 8) & 255, n & 255]).decode("ascii") for n in distinct.tolist()], index
    names = text.split(",") if count else []
    if len(names) != count:
        raise ValueError(f"expected {count} currency codes, read {len(names)}")
    distinct = sorted(set(names))
    position = {code: i for i, code in enumerate(distinct)}
    return distinct, np.fromiter((position[c] for c in names), dtype=np.int64, count=count)


def _shift_lookup(session: Session, shifts, default_shift: int):
    """A function from customer ids (an array) to their whole-day shifts, `default_shift` for customers the
    `shifts` select (customer_id, shift) has no shift for (or a NULL one)."""
    s = shifts.subquery("shift")
    count, ids, values = session.execute(
        select(func.count(), packed(s.c.customer_id, s.c.customer_id),
               packed(func.coalesce(s.c.shift, default_shift), s.c.customer_id))).one()
    count = int(count)
    ids, values = ints_of(ids, count), ints_of(values, count)
    return lambda customers: looked_up(ids, values, customers, default_shift)


def looked_up(ids: np.ndarray, values: np.ndarray, keys: np.ndarray, default: int) -> np.ndarray:
    """values[i] where ids[i] == key (ids distinct), for each key; `default` for keys not among the ids."""
    if not len(ids) or not len(keys):
        return np.full(len(keys), default, dtype=np.int64)
    low = int(min(ids.min(), keys.min()))
    span = int(max(ids.max(), keys.max())) - low + 1
    if span <= 8 * (len(ids) + len(keys)):  # ids dense enough (as customer ids are): a table indexed by id
        table = np.full(span, default, dtype=np.int64)
        table[ids - low] = values
        return table[keys - low]
    order = np.argsort(ids, kind="stable")
    by_id, value = ids[order], values[order]
    at = np.minimum(np.searchsorted(by_id, keys), len(ids) - 1)
    return np.where(by_id[at] == keys, value[at], default)


def place_open_lines(session: Session, as_of: dt.date, weeks: int, shifts, default_shift: int, skip: set[int],
                     currency: str | None):
    """place_lines' sums and totals (see forecast.place_lines) for the lines open as of the date, each
    customer's lines shifted by its whole days in `shifts` (a select of customer_id, shift; others
    `default_shift`); the lines of the customers in `skip` count in the totals only."""
    o = open_as_of_in(session, as_of)
    due_in = days_between(DueLine.due_date, literal(as_of))  # days from the date to the due date
    q = o.lines(func.count(), packed(Invoice.customer_id, DueLine.id), packed(due_in, DueLine.id),
                packed(o.open, DueLine.id), packed(Invoice.currency, DueLine.id))
    if currency:
        q = q.where(Invoice.currency == currency)
    count, customers, due, amounts, codes = session.execute(q).one()
    count = int(count or 0)
    customers, due, amounts = ints_of(customers, count), ints_of(due, count), ints_of(amounts, count)
    names, cur = codes_of(codes, count)

    ahead = due + _shift_lookup(session, shifts, default_shift)(customers)
    week = np.clip(-(-ahead // 7), 1, weeks + 1)  # week_of: ⌈ahead / 7⌉, at least 1; weeks + 1 is beyond
    if skip:
        week = np.where(np.isin(customers, np.array(sorted(skip), dtype=np.int64)), 0, week)
    overdue = (due < 0).astype(np.int64)
    cells = np.zeros(len(names) * (weeks + 2) * 2, dtype=np.int64)  # (currency, week 0..weeks + 1, overdue)
    np.add.at(cells, (cur * (weeks + 2) + week) * 2 + overdue, amounts)
    cells = cells.reshape(len(names), weeks + 2, 2).tolist()

    sums: dict[str, dict[int, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0, 0]))
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for name, per_week in zip(names, cells):
        totals[name] = [sum(a + b for a, b in per_week), sum(b for _a, b in per_week)]
        for k, (current, late) in enumerate(per_week):
            if k and (current or late):
                sums[name][k] = [current + late, late, 0]
    return sums, totals
