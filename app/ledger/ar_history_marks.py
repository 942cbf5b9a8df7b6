"""Which days a write of the ledger makes the receivables history stale from (app.ledger.ar_history): session
events note the earliest date each flush or bulk statement writes on an invoice, due line, allocation or
payment, and the commit adds it to ar_dirty (one row per transaction)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from sqlalchemy import event, func, insert, inspect, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.util import identity_key

from app.models import Allocation, ArDirty, DueLine, Invoice, Payment

BEGINNING = dt.date(1, 1, 1)  # a write whose dates cannot be told: stale from the beginning
PENDING = "ar_history.pending"  # session.info: earliest date written in the current transaction
STORED_HERE = "ar_history.stored_here"  # session.info: this transaction stored (holds the state's lock)
ADDING = "ledger.adding_invoices"  # session.info: new invoices inserted, added by balance_keeper.adding's end
_CHUNK = 500

def _note(session: Session, days: Iterable[dt.date | None]) -> None:
    found = [d for d in days if d is not None]
    if not found:
        return
    earliest = min(found)
    current = session.info.get(PENDING)
    session.info[PENDING] = earliest if current is None else min(current, earliest)


def note(session: Session, day: dt.date | None) -> None:
    """A write the events did not see (balance_keeper.note), dated on or after `day` (None: unknown)."""
    _note(session, [day or BEGINNING])


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
    if not (state.is_insert or state.is_update or state.is_delete) or state.session.info.get(ADDING):
        return
    table = getattr(getattr(state.statement, "table", None), "name", None)
    if table in _TABLES:
        _note(state.session, _bulk_days(state))


def _before_commit(session: Session) -> None:
    if session.new or session.dirty or session.deleted:
        session.flush()  # the commit's own flush comes after this event: note its dates first
    day = session.info.pop(PENDING, None)
    if day is not None:
        session.connection().execute(insert(ArDirty).values(day=day))


def _after_transaction_end(session: Session, transaction) -> None:
    if transaction.parent is None:  # the outermost one: committed (already marked) or rolled back
        session.info.pop(PENDING, None)
        session.info.pop(STORED_HERE, None)


event.listen(Session, "after_flush", _after_flush)
# first in line: balance_keeper's handler runs the statement itself, which ends the handlers' turn
event.listen(Session, "do_orm_execute", _do_orm_execute, insert=True)
event.listen(Session, "before_commit", _before_commit)
event.listen(Session, "after_transaction_end", _after_transaction_end)
