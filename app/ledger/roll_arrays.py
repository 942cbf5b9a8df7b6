"""The whole book's allocation groups (app.ledger.ar_history_changes, from the beginning) as NumPy columns:
read in parts off the cursor, kept per currency for the roll-rate months (app.ledger.ar_roll_months), and
summed back to the groups the receivables history's days need.

A million invoices give a few hundred thousand groups: as Python rows (tuples, date objects, the ORM's
buffered result) they were ~150 MB at the end of the demo and seconds of per-row work; as columns they are
a few MB and a sort. NumPy is imported here, not at module level of the ledger: few commands build them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .ar_roll_months import NEVER

_PART = 50_000  # rows turned into columns at a time
_EPOCH = dt.date(1970, 1, 1).toordinal()  # datetime64[D] counts days from it


@dataclass
class AllocationColumns:
    """One entry per group (currency, date, due date, void, "issued in an earlier month"): dates as ordinals
    (void: NEVER when the invoice is not void), `flag` as app.ledger.ar_roll_months.group_flag says."""

    currencies: list[str]
    cur: object  # int codes into `currencies`
    day: object
    due: object
    void: object
    flag: object
    amount: object
    paid: object
    days_issue: object
    days_due: object

    def roll_arrays(self) -> dict:
        """{currency: (n, 5) int64 array of (date, due, void, flag, amount)}: the months' allocation groups."""
        import numpy as np

        table = np.column_stack([self.day, self.due, self.void, self.flag.astype(np.int64), self.amount])
        return {code: table[self.cur == k] for k, code in enumerate(self.currencies)}


def _ordinals(values, none: int | None = None):
    """Dates (ISO text or date objects, as the driver gives them; None when `none` is given) as ordinals."""
    import numpy as np

    days = np.array(values, dtype="datetime64[D]")
    out = days.astype(np.int64) + _EPOCH
    if none is not None:
        out[np.isnat(days)] = none
    return out


def _month_end(ordinals):
    import numpy as np

    following = (ordinals - _EPOCH + 1).astype("datetime64[D]")
    return following.astype("datetime64[M]").astype("datetime64[D]") == following


def read_allocation_groups(conn, statement) -> AllocationColumns:
    """Run the allocation groups' statement (columns: currency, date, due, void (None: not void), issued in an
    earlier month, amount, paid amount, paid × days since issue, paid × days past due) and read it into
    columns."""
    import numpy as np

    index: dict[str, int] = {}
    parts: list[list] = []
    for rows in conn.execute(statement).partitions(_PART):
        cur, day, due, void, flag, amount, paid, days_issue, days_due = zip(*rows)
        parts.append([np.array([index.setdefault(c, len(index)) for c in cur], dtype=np.int64),
                      _ordinals(day), _ordinals(due), _ordinals(void, NEVER), np.array(flag, dtype=bool),
                      *(np.array(v, dtype=np.int64) for v in (amount, paid, days_issue, days_due))])
    if parts:
        columns = [np.concatenate(c) for c in zip(*parts)]
    else:
        columns = [np.zeros(0, dtype=bool if i == 4 else np.int64) for i in range(9)]
    cur, day, due, void, flag, *sums = columns
    flag = flag | _month_end(due)  # ar_roll_months.group_flag, by column
    return AllocationColumns(list(index), cur, day, due, void, flag, *sums)


def collapse_allocations(c: AllocationColumns) -> list[tuple]:
    """The groups summed back to (currency, date, due date when paid by then else None, void or None): rows
    (currency, date, due, void, None, amount, paid amount, days since issue, days past due) as the
    receivables history's changes read them."""
    import numpy as np

    if not len(c.day):
        return []
    due = np.where(c.due >= c.day, c.due, -1)
    order = np.lexsort((c.void, due, c.day, c.cur))
    keys = [k[order] for k in (c.cur, c.day, due, c.void)]
    changed = np.zeros(len(order), dtype=bool)
    changed[0] = True
    for k in keys:
        changed[1:] |= k[1:] != k[:-1]
    starts = np.flatnonzero(changed)
    sums = [np.add.reduceat(v[order], starts).tolist() for v in (c.amount, c.paid, c.days_issue, c.days_due)]
    dates: dict[int, dt.date] = {}

    def day_of(n: int) -> dt.date:
        d = dates.get(n)
        if d is None:
            d = dates[n] = dt.date.fromordinal(n)
        return d

    cur, day, due, void = (k[starts].tolist() for k in keys)
    return [(c.currencies[k], day_of(d), None if u < 0 else day_of(u), None if v == NEVER else day_of(v), None,
             a, p, di, dd)
            for k, d, u, v, a, p, di, dd in zip(cur, day, due, void, *sums)]


__all__ = ["AllocationColumns", "collapse_allocations", "read_allocation_groups"]
