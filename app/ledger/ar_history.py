"""The receivables history per currency and day, kept for the KPIs (app.models.ArDay, ArRoll).

A KPI report over (start, as_of] needs the receivable at both ends, its part not yet due, the period's
sales, collections and payment allocations, and per month end the roll-rate inputs. Computed from the
documents, each of those ages the whole book again (seconds at a million invoices). This module keeps
them, with the rules of app.ledger.balances in another form: a due line counts in the receivable on the
days its invoice exists, [issue date, void date), for its amount less the allocations dated by the day;
in the part not yet due only up to its due date. Each such span adds to the days from its start and
stops at its end, so the receivable on day d is the sum of the changes on days ≤ d: one row per day on
which anything changed (ar_day), the level valid until the next row.

Keeping it exact, without making writers wait:
- every write of an invoice, due line, allocation or payment (the ORM flushes and the bulk statements
  of a Session, seen by session events like app.ledger.balance_keeper) notes its earliest date; at
  commit one ar_dirty row says the history is stale from that day on (from the beginning when a bulk
  statement cannot tell);
- a reader (`history`) uses the stored rows up to the day before the earliest dirty day (and the state's
  `valid_through`), recomputes the days after it from the documents changed since (a few queries over
  the date indexes), and stores them when it can: in its own short transaction (a store that finds the
  state changed since it read stores nothing), or in the caller's transaction when that one wrote too;
  on a read-only database it just uses what it computed;
- month figures (ar_roll) are computed by the caller (the KPIs' roll rates) and kept the same way;
- the demo and the importer recompute once at the end (balance_keeper.deferred calls `settle`).

Two facts of the ledger make the per-day changes simple, as for the dashboard's period movements
(app.reports.dashboard_sql): an allocation is never dated before its invoice, and it is in the
invoice's currency. Writes made outside a Session (raw SQL) are not seen.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from app.models import Allocation, ArDay, ArDirty, ArHistoryState, ArRoll, Invoice, Payment

from .ar_history_changes import DAY_FIELDS, LEVELS, ONE, changes, rows_after
from .ar_history_marks import BEGINNING, PENDING, STORED_HERE  # noqa: F401  (importing it registers the events)
from .ar_roll_months import RollGroups, month_ends_between, roll_months

_CHUNK = 500


# --- what one currency looks like over time ---------------------------------------------------------


@dataclass
class CurrencyHistory:
    """One currency's rows, oldest first: `days` and, per day, the values in DAY_FIELDS order."""

    days: list[dt.date] = field(default_factory=list)
    values: list[tuple[int, ...]] = field(default_factory=list)

    def level(self, day: dt.date) -> tuple[int, int]:
        """(receivable, not yet due) as of `day`."""
        i = bisect.bisect_right(self.days, day)
        return (0, 0) if i == 0 else self.values[i - 1][:LEVELS]

    def movements(self, after: dt.date | None, upto: dt.date) -> list[tuple[dt.date, tuple[int, ...]]]:
        """(day, (issued, collected, paid, paid × days since issue, paid × days past due)) for the days in
        (after, upto] with any."""
        lo = 0 if after is None else bisect.bisect_right(self.days, after)
        hi = bisect.bisect_right(self.days, upto)
        return [(self.days[i], self.values[i][LEVELS:]) for i in range(lo, hi)]


@dataclass
class History:
    """The receivables history as of some day `through` (days after it are not in it), and the month figures
    asked for: {currency: {month_end: {bucket: (den, num)}}}."""

    through: dt.date | None
    currencies: dict[str, CurrencyHistory]
    months: dict[str, dict[dt.date, dict[int, tuple[int, int]]]]

    def currency(self, code: str) -> CurrencyHistory:
        return self.currencies.get(code) or CurrencyHistory()


# --- the state -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _State:
    valid_through: dt.date | None  # what the stored rows are exact through (None: nothing)
    version: int | None  # None: no state row (a schema made without the migration's row)
    dirty_ids: tuple[int, ...]
    stored_through: dt.date | None  # the state's own valid_through, before the dirty days


def _read_state(session: Session) -> _State:
    row = session.execute(select(ArHistoryState.valid_through, ArHistoryState.version)
                          .where(ArHistoryState.id == 1)).first()
    dirty = session.execute(select(ArDirty.id, ArDirty.day)).all()
    valid, version = (row[0], row[1]) if row else (None, None)
    stored = valid
    earliest = min([d for _i, d in dirty] + ([session.info[PENDING]] if session.info.get(PENDING) else []),
                   default=None)
    if valid is not None and earliest is not None:
        valid = min(valid, earliest - ONE) if earliest > BEGINNING else None
    return _State(valid, version, tuple(i for i, _d in dirty), stored)


def _read_days(session: Session, upto: dt.date | None) -> dict[str, CurrencyHistory]:
    out: dict[str, CurrencyHistory] = {}
    if upto is None:
        return out
    cols = [getattr(ArDay, name) for name in DAY_FIELDS]
    for cur, day, *values in session.execute(select(ArDay.currency, ArDay.day, *cols).where(ArDay.day <= upto)
                                             .order_by(ArDay.currency, ArDay.day)):
        h = out.setdefault(cur, CurrencyHistory())
        h.days.append(day)
        h.values.append(tuple(int(v) for v in values))
    return out


def _read_months(session: Session, month_ends: Iterable[dt.date], valid: dt.date | None):
    wanted = sorted(m for m in set(month_ends) if valid is not None and m <= valid)
    out: dict[str, dict[dt.date, dict[int, tuple[int, int]]]] = defaultdict(lambda: defaultdict(dict))
    found = set()
    if wanted:
        for cur, m, b, den, num in session.execute(
                select(ArRoll.currency, ArRoll.month_end, ArRoll.bucket, ArRoll.den_minor, ArRoll.num_minor)
                .where(ArRoll.month_end.in_(wanted))):
            if cur:  # "" marks a month computed (see _write)
                out[cur][m][b] = (int(den), int(num))
            found.add(m)
    return out, found


# --- reading ---------------------------------------------------------------------------------------------

MonthFigures = dict[str, dict[dt.date, dict[int, tuple[int, int]]]]


def history(session: Session, through: dt.date, month_ends: Iterable[dt.date] = (),
            compute_months: Callable[[Session, list[dt.date]], MonthFigures] | None = None, *,
            store: bool = True) -> History:
    """The history through `through` and the month figures of `month_ends` (≤ through), from the stored rows
    where they are valid, computed from the documents (`compute_months(session, missing month ends)` for
    the months) and stored where not. Reads on `session`: what it sees, the report sees."""
    month_ends = sorted(set(month_ends))
    state = _read_state(session)
    valid = state.valid_through
    stored = _read_days(session, min(valid, through) if valid is not None else None)
    months, found = _read_months(session, month_ends, valid)
    missing_months = [m for m in month_ends if m not in found]
    if (valid is not None and valid >= through) and not missing_months:
        return History(through, stored, months)

    new_rows: list[dict] = []
    computed: MonthFigures = {}
    computed_months: list[dt.date] = []
    if valid is None or valid < through:
        base = {cur: h.level(valid) for cur, h in stored.items()} if valid is not None else {}
        # from the beginning: every month's roll-rate inputs from the same reads (the first report after the
        # demo then computes none)
        groups = RollGroups() if valid is None else None
        new_rows = rows_after(base, changes(session, valid, through, groups), valid, through)
        for row in new_rows:
            h = stored.setdefault(row["currency"], CurrencyHistory())
            h.days.append(row["day"])
            h.values.append(tuple(row[name] for name in DAY_FIELDS))
        if groups is not None and groups.lines:
            first = dt.date.fromordinal(min(row[1] for row in groups.lines))
            computed_months = month_ends_between(first, through)
            computed = roll_months(session, groups, computed_months)
            missing_months = [m for m in missing_months if m not in set(computed_months)]
    if missing_months and compute_months:
        for cur, per_month in compute_months(session, missing_months).items():
            computed.setdefault(cur, {}).update(per_month)
        computed_months = sorted(set(computed_months) | set(missing_months))
    for cur, per_month in computed.items():
        for m, buckets in per_month.items():
            if m in month_ends:
                months[cur][m] = dict(buckets)
    if store:
        days_through = through if (valid is None or valid < through) else None
        _store(session, state, days_through, new_rows, computed, computed_months)
    return History(through, stored, months)


# --- storing ---------------------------------------------------------------------------------------------


def _in_memory(session: Session) -> bool:
    url = session.get_bind().url
    return url.get_backend_name() == "sqlite" and url.database in (None, "", ":memory:")


def _writes_here(session: Session) -> bool:
    """Store in the caller's transaction: it wrote documents (what was computed includes them), stored
    already (it holds the state's lock), or the database lives in this connection only."""
    return bool(session.info.get(PENDING) or session.info.get(STORED_HERE) or _in_memory(session))


def _store(session: Session, state: _State, days_through: dt.date | None, rows: list[dict],
           months: MonthFigures, month_ends: list[dt.date]) -> None:
    if _writes_here(session):
        try:
            with session.begin_nested():
                conn = session.connection()
                if _write(conn, state, days_through, rows, months, month_ends, wait=True):
                    if days_through is not None:  # taken in: nothing left to mark at commit (months only:
                        # the days from this transaction's earliest write are still to mark stale)
                        session.info.pop(PENDING, None)
                    session.info[STORED_HERE] = True
        except SQLAlchemyError:
            pass  # a read-only database: the figures were computed all the same
        return
    try:
        with session.get_bind().connect() as conn:
            # another writer at work (an import): store another time rather than wait for it
            raw = conn.connection.driver_connection if conn.dialect.name == "sqlite" else None
            if raw is not None:
                usual = raw.execute("PRAGMA busy_timeout").fetchone()[0]
                raw.execute("PRAGMA busy_timeout=200")
            try:
                with conn.begin():
                    _write(conn, state, days_through, rows, months, month_ends, wait=False)
            finally:
                if raw is not None:
                    raw.execute(f"PRAGMA busy_timeout={int(usual)}")
    except SQLAlchemyError:
        pass  # read-only, locked, or changed meanwhile: the figures were computed all the same


def _write(conn, state: _State, days_through: dt.date | None, rows: list[dict], months: MonthFigures,
           month_ends: list[dt.date], *, wait: bool) -> bool:
    """Store what was computed from `state` if the state is still that one; True when stored."""
    q = select(ArHistoryState.version).where(ArHistoryState.id == 1)
    if conn.dialect.name == "postgresql":
        q = q.with_for_update(nowait=not wait)
    else:  # SQLite: take the write lock before reading (a read first would pin a snapshot another may outdate)
        conn.execute(update(ArHistoryState).where(ArHistoryState.id == 1).values(version=ArHistoryState.version))
    version = conn.scalar(q)
    if version != state.version:
        return False  # another store came first; what it took in may be newer than what this one saw
    valid = state.valid_through
    if state.version is None:
        conn.execute(insert(ArHistoryState).values(id=1, valid_through=None, version=0))
        version = 0
    if days_through is not None:
        for start in range(0, len(state.dirty_ids), _CHUNK):
            conn.execute(delete(ArDirty).where(ArDirty.id.in_(state.dirty_ids[start:start + _CHUNK])))
        stale_days = ArDay.day > valid if valid is not None else True
        conn.execute(delete(ArDay).where(stale_days))
        conn.execute(delete(ArRoll).where(ArRoll.month_end > valid) if valid is not None else delete(ArRoll))
        for start in range(0, len(rows), 5000):
            conn.execute(insert(ArDay), rows[start:start + 5000])
        valid = days_through
    elif state.stored_through != state.valid_through:
        # months only, while dirty days are pending: stored rows of stale months must not be read later
        conn.execute(delete(ArRoll).where(ArRoll.month_end > valid) if valid is not None else delete(ArRoll))
    if month_ends:
        conn.execute(delete(ArRoll).where(ArRoll.month_end.in_(month_ends)))
        month_rows = [{"currency": cur, "month_end": m, "bucket": b, "den_minor": den, "num_minor": num}
                      for cur, per_month in months.items() for m, buckets in per_month.items()
                      if valid is not None and m <= valid for b, (den, num) in buckets.items()]
        # one row per month computed even when no currency had anything then (before the book's first
        # invoice): the month is known, not computed again by every report
        month_rows += [{"currency": "", "month_end": m, "bucket": -1, "den_minor": 0, "num_minor": 0}
                       for m in month_ends if valid is not None and m <= valid]
        if month_rows:
            conn.execute(insert(ArRoll), month_rows)
    values = {"version": version + 1}
    if days_through is not None:
        values["valid_through"] = valid
    conn.execute(update(ArHistoryState).where(ArHistoryState.id == 1).values(**values))
    return True


def settle(session: Session) -> None:
    """Bring the stored history up to the latest date the documents carry, in the caller's transaction (the
    end of the demo or an import: balance_keeper.deferred)."""
    if not session.info.get(PENDING):
        return
    latest = max((d for d in (
        session.scalar(select(func.max(Invoice.issue_date))),
        session.scalar(select(func.max(Invoice.void_date))),
        session.scalar(select(func.max(Allocation.date))),
        session.scalar(select(func.max(Payment.date))),
    ) if d is not None), default=None)
    if latest is not None:
        history(session, latest)


__all__ = ["CurrencyHistory", "History", "history", "settle"]
