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

from sqlalchemy import BigInteger, and_, case, cast, delete, event, func, insert, inspect, select, union, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session
from sqlalchemy.orm.util import identity_key

from app.models import POSTED, Allocation, ArDay, ArDirty, ArHistoryState, ArRoll, DueLine, Invoice, Payment

from .sqlfuncs import days_between

BEGINNING = dt.date(1, 1, 1)  # a write whose dates cannot be told: stale from the beginning
ONE = dt.timedelta(days=1)
_PENDING = "ar_history.pending"  # session.info: earliest date written in the current transaction
_STORED_HERE = "ar_history.stored_here"  # session.info: this transaction stored (holds the state's lock)
_DAY_FIELDS = ("ar_minor", "current_minor", "issued_minor", "collected_minor", "paid_minor", "paid_days_issue",
               "paid_days_due")
_LEVELS = 2  # ar_minor and current_minor are levels; the rest are the day's own movements
_CHUNK = 500


# --- what one currency looks like over time ---------------------------------------------------------


@dataclass
class CurrencyHistory:
    """One currency's rows, oldest first: `days` and, per day, the values in _DAY_FIELDS order."""

    days: list[dt.date] = field(default_factory=list)
    values: list[tuple[int, ...]] = field(default_factory=list)

    def level(self, day: dt.date) -> tuple[int, int]:
        """(receivable, not yet due) as of `day`."""
        i = bisect.bisect_right(self.days, day)
        return (0, 0) if i == 0 else self.values[i - 1][:_LEVELS]

    def movements(self, after: dt.date | None, upto: dt.date) -> list[tuple[dt.date, tuple[int, ...]]]:
        """(day, (issued, collected, paid, paid × days since issue, paid × days past due)) for the days in
        (after, upto] with any."""
        lo = 0 if after is None else bisect.bisect_right(self.days, after)
        hi = bisect.bisect_right(self.days, upto)
        return [(self.days[i], self.values[i][_LEVELS:]) for i in range(lo, hi)]


@dataclass
class History:
    """The receivables history as of some day `through` (days after it are not in it), and the month figures
    asked for: {currency: {month_end: {bucket: (den, num)}}}."""

    through: dt.date | None
    currencies: dict[str, CurrencyHistory]
    months: dict[str, dict[dt.date, dict[int, tuple[int, int]]]]

    def currency(self, code: str) -> CurrencyHistory:
        return self.currencies.get(code) or CurrencyHistory()


# --- the changes per day, from the documents ----------------------------------------------------------


_VOIDED = and_(Invoice.status != POSTED, Invoice.void_date.is_not(None))


def _window(column, after: dt.date | None, through: dt.date):
    # two-sided even from the beginning: SQLite then reads a range of the column's index (a bound on one
    # side only and it scans a whole covering index instead, without statistics)
    return column.between(dt.date.min, through) if after is None else and_(column > after, column <= through)


def _changes(session: Session, after: dt.date | None, through: dt.date):
    """{currency: {day: [Δ receivable, Δ not yet due, issued, collected, paid, paid×days since issue,
    paid×days past due]}} for the days in (after, through]: what starts or stops counting on each day.

    Due lines and allocations are read grouped by the dates their spans start and end on (a few tens of
    thousands of groups for a million invoices); the spans are cut here. After a day (`after`), only the
    rows with a start or end in the window are read, each through its date's index."""
    out: dict[str, dict[dt.date, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0] * len(_DAY_FIELDS)))

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
    if after is not None:
        lines = lines.where(DueLine.id.in_(union(
            select(DueLine.id).join(Invoice, DueLine.invoice_id == Invoice.id)
            .where(_window(Invoice.issue_date, after, through)),
            select(DueLine.id).join(Invoice, DueLine.invoice_id == Invoice.id)
            .where(_VOIDED, _window(Invoice.void_date, after, through)),
            select(DueLine.id).where(due_window))))
    # a due line counts from its invoice's issue to its void (if the invoice exists at all), and as not yet
    # due up to its due date
    for cur, issued, due, voided, amount in session.execute(
            lines.group_by(Invoice.currency, Invoice.issue_date, DueLine.due_date, void)):
        amount = int(amount)
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
    paid = Allocation.payment_id.is_not(None)
    money = cast(Allocation.amount_minor, BigInteger)
    allocations = (
        select(Invoice.currency, Allocation.date, early_due, void, func.sum(Allocation.amount_minor),
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
    for cur, day, due, voided, amount, paid_amount, days_issue, days_due in session.execute(
            allocations.group_by(Invoice.currency, Allocation.date, early_due, void)):
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


def _rows_after(base: dict[str, tuple[int, int]], changes, after: dt.date | None, through: dt.date):
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
                         **dict(zip(_DAY_FIELDS[_LEVELS:], values[_LEVELS:]))})
    return rows


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
    earliest = min([d for _i, d in dirty] + ([session.info[_PENDING]] if session.info.get(_PENDING) else []),
                   default=None)
    if valid is not None and earliest is not None:
        valid = min(valid, earliest - ONE) if earliest > BEGINNING else None
    return _State(valid, version, tuple(i for i, _d in dirty), stored)


def _read_days(session: Session, upto: dt.date | None) -> dict[str, CurrencyHistory]:
    out: dict[str, CurrencyHistory] = {}
    if upto is None:
        return out
    cols = [getattr(ArDay, name) for name in _DAY_FIELDS]
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
    if valid is None or valid < through:
        base = {cur: h.level(valid) for cur, h in stored.items()} if valid is not None else {}
        new_rows = _rows_after(base, _changes(session, valid, through), valid, through)
        for row in new_rows:
            h = stored.setdefault(row["currency"], CurrencyHistory())
            h.days.append(row["day"])
            h.values.append(tuple(row[name] for name in _DAY_FIELDS))
    computed: MonthFigures = compute_months(session, missing_months) if missing_months and compute_months else {}
    for cur, per_month in computed.items():
        for m, buckets in per_month.items():
            months[cur][m] = dict(buckets)
    if store:
        days_through = through if (valid is None or valid < through) else None
        _store(session, state, days_through, new_rows, computed, missing_months)
    return History(through, stored, months)


# --- storing ---------------------------------------------------------------------------------------------


def _in_memory(session: Session) -> bool:
    url = session.get_bind().url
    return url.get_backend_name() == "sqlite" and url.database in (None, "", ":memory:")


def _writes_here(session: Session) -> bool:
    """Store in the caller's transaction: it wrote documents (what was computed includes them), stored
    already (it holds the state's lock), or the database lives in this connection only."""
    return bool(session.info.get(_PENDING) or session.info.get(_STORED_HERE) or _in_memory(session))


def _store(session: Session, state: _State, days_through: dt.date | None, rows: list[dict],
           months: MonthFigures, month_ends: list[dt.date]) -> None:
    if _writes_here(session):
        try:
            with session.begin_nested():
                conn = session.connection()
                if _write(conn, state, days_through, rows, months, month_ends, wait=True):
                    session.info.pop(_PENDING, None)  # taken in: nothing left to mark at commit
                    session.info[_STORED_HERE] = True
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
    if not session.info.get(_PENDING):
        return
    latest = max((d for d in (
        session.scalar(select(func.max(Invoice.issue_date))),
        session.scalar(select(func.max(Invoice.void_date))),
        session.scalar(select(func.max(Allocation.date))),
        session.scalar(select(func.max(Payment.date))),
    ) if d is not None), default=None)
    if latest is not None:
        history(session, latest)


# --- noting writes ---------------------------------------------------------------------------------------


def _note(session: Session, days: Iterable[dt.date | None]) -> None:
    found = [d for d in days if d is not None]
    if not found:
        return
    earliest = min(found)
    current = session.info.get(_PENDING)
    session.info[_PENDING] = earliest if current is None else min(current, earliest)


def _values(obj, key: str) -> list:
    """The attribute's value now and before this flush."""
    hist = inspect(obj).attrs[key].history
    return [v for v in (*hist.added, *hist.unchanged, *hist.deleted) if v is not None]


def _changed(obj, keys) -> bool:
    attrs = inspect(obj).attrs
    return any(attrs[k].history.has_changes() for k in keys)


def _issue_dates(session: Session, invoice_ids: Iterable[int]) -> list[dt.date]:
    """Issue dates of these invoices: from the session's own objects, else one query."""
    out, ask = [], []
    for i in {i for i in invoice_ids if i is not None}:
        inv = session.identity_map.get(identity_key(Invoice, i))
        if inv is not None and inv.issue_date is not None:
            out.append(inv.issue_date)
        else:
            ask.append(i)
    for start in range(0, len(ask), _CHUNK):
        found = session.connection().scalar(select(func.min(Invoice.issue_date))
                                            .where(Invoice.id.in_(ask[start:start + _CHUNK])))
        out.append(found if found is not None else BEGINNING)
    return out


def _dates_written(session: Session, obj, new_or_deleted: bool) -> list[dt.date]:
    if isinstance(obj, Invoice):
        if new_or_deleted or _changed(obj, ("issue_date", "currency", "total_minor")):
            return _values(obj, "issue_date")
        if _changed(obj, ("status", "void_date")):
            return _values(obj, "void_date") or _values(obj, "issue_date")
        return []
    if isinstance(obj, DueLine):
        # a line's due date also weighs its allocations' days late: from its invoice's issue
        if new_or_deleted or _changed(obj, ("due_date", "amount_minor", "invoice_id")):
            return _issue_dates(session, _values(obj, "invoice_id")) or [BEGINNING]
        return []
    if isinstance(obj, Allocation):
        if new_or_deleted or _changed(obj, ("date", "amount_minor", "due_line_id", "payment_id")):
            return _values(obj, "date") or [BEGINNING]
        return []
    if isinstance(obj, Payment):
        if new_or_deleted or _changed(obj, ("date", "status", "amount_minor", "currency")):
            return _values(obj, "date") or [BEGINNING]
    return []


_WATCHED = (Invoice, DueLine, Allocation, Payment)
_TABLES = {m.__table__.name: m for m in _WATCHED}
_DATE_COLUMN = {"invoice": "issue_date", "allocation": "date", "payment": "date"}
_RUNNING_TOTALS = {"paid_minor", "applied_minor"}


def _after_flush(session: Session, _ctx) -> None:
    days: list[dt.date] = []
    for collection in (session.new, session.dirty, session.deleted):
        for obj in collection:
            if isinstance(obj, _WATCHED):
                days += _dates_written(session, obj, collection is not session.dirty)
    _note(session, days)


def _bulk_days(state) -> list[dt.date]:
    table = state.statement.table.name
    if not state.is_insert:
        values = getattr(state.statement, "_values", None) or {}
        columns = {getattr(k, "key", None) or getattr(k, "name", None) or str(k) for k in values}
        return [] if columns and columns <= _RUNNING_TOTALS else [BEGINNING]
    params = state.parameters
    rows = params if isinstance(params, (list, tuple)) else [params] if params else []
    rows = [r for r in rows if isinstance(r, dict)]
    if not rows:
        return [BEGINNING]
    if table == "due_line":  # from the earliest issue among the invoices in the ids' range (one query)
        ids = [r.get("invoice_id") for r in rows]
        if any(not isinstance(i, int) for i in ids):
            return [BEGINNING]
        found = state.session.connection().scalar(
            select(func.min(Invoice.issue_date)).where(Invoice.id.between(min(ids), max(ids))))
        return [found if found is not None else BEGINNING]
    days = [r.get(_DATE_COLUMN[table]) for r in rows]
    return [BEGINNING] if any(not isinstance(d, dt.date) for d in days) else days


def _do_orm_execute(state) -> None:
    if not (state.is_insert or state.is_update or state.is_delete):
        return
    table = getattr(getattr(state.statement, "table", None), "name", None)
    if table in _TABLES:
        _note(state.session, _bulk_days(state))


def _before_commit(session: Session) -> None:
    if session.new or session.dirty or session.deleted:
        session.flush()  # the commit's own flush comes after this event: note its dates first
    day = session.info.pop(_PENDING, None)
    if day is not None:
        session.connection().execute(insert(ArDirty).values(day=day))


def _after_transaction_end(session: Session, transaction) -> None:
    if transaction.parent is None:  # the outermost one: committed (already marked) or rolled back
        session.info.pop(_PENDING, None)
        session.info.pop(_STORED_HERE, None)


event.listen(Session, "after_flush", _after_flush)
# first in line: balance_keeper's handler runs the statement itself, which ends the handlers' turn
event.listen(Session, "do_orm_execute", _do_orm_execute, insert=True)
event.listen(Session, "before_commit", _before_commit)
event.listen(Session, "after_transaction_end", _after_transaction_end)

__all__ = ["CurrencyHistory", "History", "history", "settle"]
