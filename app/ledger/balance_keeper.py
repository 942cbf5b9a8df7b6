"""Keeps `customer_balance` (app.models.CustomerBalance) equal to what the documents say, in one place.

Every write of the ledger goes through a Session: the ORM flushes of `record_invoice`, `record_payment`,
`record_credit_note`, `write_off`, the corrections and voids, the importer; the bulk `insert()`/`update()`
statements of the demo. This module listens to every Session (SQLAlchemy's session events, registered
when app.ledger is imported) and, right after each flush or bulk statement that touches an invoice,
payment, credit note or write-off, recomputes the balances of the customers concerned from their
documents, in the same transaction (a savepoint rolled back takes both back). Nothing else writes the
table; no write function has to remember it.

Recomputing (rather than adding differences) keeps the rule in one SQL statement, `_documents`, the
balance as of "after everything": invoices not voided less payments and credit notes not voided less
write-offs (allocations cancel out, app.ledger.balances.balance_parts). On PostgreSQL the customers'
rows are locked first (FOR UPDATE, in id order): a concurrent writer of the same customer waits, and the
recomputation, a new statement, then sees what that writer committed (READ COMMITTED).

Changes that cannot move a balance are ignored: allocations, due lines, and the bulk updates of the
running totals `paid_minor`/`applied_minor`. A bulk statement whose customers cannot be told (an update or
delete by condition) recomputes every customer. `deferred(session)` lets a bulk loader (the demo) write
everything first and recompute the whole book once at the end.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from sqlalchemy import case, delete, event, func, insert, inspect, or_, select, union_all
from sqlalchemy.orm import Session

from app.models import POSTED, CreditNote, Customer, CustomerBalance, Invoice, Payment, WriteOff

from . import ar_history, ar_history_added, ar_history_marks

DOCUMENTS = (Invoice, Payment, CreditNote, WriteOff)
_TABLES = {m.__table__.name for m in DOCUMENTS}
#: columns whose change can move a balance or its last date
_RELEVANT = {"customer_id", "currency", "total_minor", "amount_minor", "status", "void_date", "issue_date", "date"}
#: running totals kept by the allocation code: never a balance
_RUNNING_TOTALS = {"paid_minor", "applied_minor"}

_PENDING = "balance_keeper.pending"  # session.info: set of customer ids, or ALL
_DEFERRED = "balance_keeper.deferred"
ALL = "all"
_CHUNK = 500
_WHOLE_BOOK = 20_000  # more customers than this: one pass over the whole book is cheaper


def _later(a, b):
    return case((b > a, b), else_=a)


def _invoices():
    """Select (customer_id, currency, amount, day) per invoice: its part of the balance after every document,
    and the latest date it carries (its own, or its void's)."""
    return select(Invoice.customer_id.label("customer_id"), Invoice.currency.label("currency"),
                  case((or_(Invoice.status == POSTED, Invoice.void_date.is_(None)), Invoice.total_minor),
                       else_=0).label("amount"),
                  _later(Invoice.issue_date, func.coalesce(Invoice.void_date, Invoice.issue_date)).label("day"))


def _documents(customer_ids=None):
    """Select (customer_id, currency, amount, day) per document: its part of the balance after every
    document, and the latest date it carries (its own, or its void's)."""
    parts = [_invoices()]
    for model in (Payment, CreditNote):
        parts.append(select(model.customer_id, model.currency,
                            case((model.status == POSTED, -model.amount_minor), else_=0),
                            _later(model.date, func.coalesce(model.void_date, model.date))))
    parts.append(select(WriteOff.customer_id, WriteOff.currency, -WriteOff.amount_minor, WriteOff.date))
    if customer_ids is not None:
        parts = [p.where(m.customer_id.in_(customer_ids)) for p, m in zip(parts, (Invoice, Payment, CreditNote, WriteOff))]
    docs = union_all(*parts).subquery()
    return select(docs.c.customer_id, docs.c.currency, func.sum(docs.c.amount), func.max(docs.c.day)) \
        .group_by(docs.c.customer_id, docs.c.currency)


_COLUMNS = ["customer_id", "currency", "balance_minor", "last_date"]


def recompute(session: Session, customer_ids: Iterable[int] | str = ALL) -> None:
    """Set the stored balances of these customers (ALL: every customer) from their documents. Runs on the
    session's connection (not through Session.execute), so it announces no change of its own."""
    conn = session.connection()
    ids = ALL if customer_ids == ALL else sorted({int(i) for i in customer_ids if i is not None})
    if ids != ALL and len(ids) > _WHOLE_BOOK:
        ids = ALL
    if ids == ALL:
        conn.execute(delete(CustomerBalance))
        conn.execute(insert(CustomerBalance).from_select(_COLUMNS, _documents()))
        return
    postgres = conn.dialect.name == "postgresql"
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start:start + _CHUNK]
        if postgres:  # writers of the same customers wait here; the next statement sees what they committed
            conn.execute(select(Customer.id).where(Customer.id.in_(chunk)).order_by(Customer.id).with_for_update())
        conn.execute(delete(CustomerBalance).where(CustomerBalance.customer_id.in_(chunk)))
        conn.execute(insert(CustomerBalance).from_select(_COLUMNS, _documents(chunk)))


def id_runs(ids: Iterable[int]) -> list[tuple[int, int]]:
    """Sorted ids as runs of consecutive ones [(first, last)]: a bulk insert's ids are one run or a few."""
    runs: list[list[int]] = []
    for i in sorted(set(ids)):
        if runs and runs[-1][1] == i - 1:
            runs[-1][1] = i
        else:
            runs.append([i, i])
    return [(a, b) for a, b in runs]


def in_runs(column, runs: list[tuple[int, int]]):
    return or_(*(column.between(a, b) for a, b in runs))


def _add_invoices(session: Session, runs: list[tuple[int, int]]) -> None:
    """Add new invoices (just inserted, nothing applied to them) to their customers' stored balances: the
    balance grows by their totals and the last date moves to their dates, read from those invoices only."""
    conn = session.connection()
    postgres = conn.dialect.name == "postgresql"
    if postgres:
        from sqlalchemy.dialects.postgresql import insert as upsert
    else:
        from sqlalchemy.dialects.sqlite import insert as upsert
    for start in range(0, len(runs), 50):
        part = runs[start:start + 50]
        new = _invoices().where(in_runs(Invoice.id, part)).subquery()
        sums = (select(new.c.customer_id, new.c.currency, func.sum(new.c.amount), func.max(new.c.day))
                .where(new.c.customer_id.is_not(None))  # SQLite: a WHERE before ON CONFLICT (its parser)
                .group_by(new.c.customer_id, new.c.currency))
        if postgres:  # as recompute: writers of the same customers wait here
            conn.execute(select(Customer.id).where(Customer.id.in_(
                select(Invoice.customer_id).where(in_runs(Invoice.id, part)))).order_by(Customer.id).with_for_update())
        statement = upsert(CustomerBalance).from_select(_COLUMNS, sums)
        table = CustomerBalance.__table__
        statement = statement.on_conflict_do_update(
            index_elements=[table.c.customer_id, table.c.currency],
            set_={"balance_minor": table.c.balance_minor + statement.excluded.balance_minor,
                  "last_date": _later(table.c.last_date, statement.excluded.last_date)})
        conn.execute(statement)


_ADDING = ar_history_marks.ADDING  # session.info: inside adding(): bulk inserts of new invoices, not noted


@contextmanager
def adding(session: Session) -> Iterator[list[int]]:
    """For a bulk writer of new invoices and their due lines, nothing applied to them (the importer's
    record_invoices): its inserts are not noted as writes; it appends the new invoices' ids to the list
    this yields, and on leaving the stored tables add those invoices only (the balances, the KPIs' history),
    in the same transaction (a savepoint rolled back takes both back), inside `deferred` too: work in
    proportion to the invoices, not to the book."""
    ids: list[int] = []
    session.info[_ADDING] = True
    try:
        yield ids
    finally:
        session.info.pop(_ADDING, None)
    gathered = session.info.get(_GATHERED)
    if gathered is not None:
        gathered[:] = _merged(gathered + id_runs(ids))
    elif ids:
        _add_to_stored(session, id_runs(ids))


def _merged(runs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Runs of ids [(first, last)] as few runs, sorted, overlapping ones as one (an id is counted once)."""
    out: list[tuple[int, int]] = []
    for a, b in sorted(runs):
        if out and a <= out[-1][1] + 1:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _add_to_stored(session: Session, runs: list[tuple[int, int]]) -> None:
    if session.info.get(_PENDING) != ALL:  # (ALL: to be recomputed from the documents, these included)
        _add_invoices(session, runs)
    ar_history_added.add_invoices(session, runs)


_GATHERED = "balance_keeper.gathered_added"  # session.info: inside gathering_added(), the ids adding() wrote


@contextmanager
def gathering_added(session: Session) -> Iterator[None]:
    """For a writer that calls `adding` many times (the importer, chunk by chunk), inside `deferred`: the
    stored tables add all those invoices once, on leaving without an error (the work of each addition is
    mostly per call: the days and months from the first new invoice on are rewritten each time). In
    between, the stored tables lack them, as they lack the noted writes inside `deferred`. An id that a
    savepoint rolled back is found in no invoice (or in the one that reused it, once: overlapping runs merge)."""
    if session.info.get(_GATHERED) is not None:  # an outer block adds them
        yield
        return
    gathered: list[tuple[int, int]] = []  # as runs: a few, however many invoices (memory flat)
    session.info[_GATHERED] = gathered
    try:
        yield
    finally:
        session.info.pop(_GATHERED, None)
    if gathered:
        _add_to_stored(session, gathered)


def latest_date(session: Session) -> dt.date | None:
    """The latest date any document or void carries (None: no documents): the stored balances are the
    balances as of any date on or after it."""
    return session.scalar(select(func.max(CustomerBalance.last_date)))


#: other stored tables' recomputations, run where deferred ends (their keepers register here)
_ON_DEFERRED_END: list = []


def on_deferred_end(settle) -> None:
    """Have `settle(session)` run when the outermost deferred block ends (after the balances)."""
    _ON_DEFERRED_END.append(settle)


on_deferred_end(ar_history.settle)  # the KPIs' receivables history, once too


def deferring(session: Session) -> bool:
    """True inside deferred(session): keepers only note what changed."""
    return bool(session.info.get(_DEFERRED))


@contextmanager
def deferred(session: Session) -> Iterator[None]:
    """Write many documents, recompute once: inside, writes only note their customers; on leaving without
    an error, the balances of all of them (the whole book when many) are recomputed, and whatever other
    keepers registered with on_deferred_end (app.ledger.payment_history_keeper)."""
    session.info[_DEFERRED] = session.info.get(_DEFERRED, 0) + 1
    try:
        yield
    finally:
        session.info[_DEFERRED] -= 1
    if not session.info[_DEFERRED]:
        session.flush()
        _settle(session)
        for settle in _ON_DEFERRED_END:
            settle(session)


#: other keepers' own notes of a write that went past the Session's events (they register here)
_ON_NOTE: list = []


def on_note(noter) -> None:
    """Have `noter(session, customer_ids, earliest_day)` called by note() (earliest_day None: unknown)."""
    _ON_NOTE.append(noter)


on_note(lambda session, _ids, day: ar_history_marks.note(session, day))  # a rebuild from that day


def note(session: Session, customer_ids: Iterable[int], earliest_day: dt.date | None = None) -> None:
    """For a writer that goes past the Session's events (the demo's driver-level bulk inserts): the
    documents of these customers changed, dated on or after `earliest_day` (None: unknown). Every stored
    table is told (balances, the KPIs' history, the payment histories); recomputed at the end of
    `deferred`, or at once outside it. (New invoices alone, the importer's, are told by `adding`.)"""
    ids = [int(i) for i in customer_ids if i is not None]
    _note(session, ids)
    for noter in _ON_NOTE:
        noter(session, ids, earliest_day)
    _settle(session)
    if not deferring(session):
        for settle in _ON_DEFERRED_END:
            settle(session)


# --- the events ----------------------------------------------------------------------------------


def _note(session: Session, ids) -> None:
    pending = session.info.get(_PENDING)
    if pending == ALL:
        return
    if ids == ALL:
        session.info[_PENDING] = ALL
    else:
        session.info.setdefault(_PENDING, set()).update(i for i in ids if i is not None)


def _settle(session: Session) -> None:
    if session.info.get(_DEFERRED):
        return
    pending = session.info.pop(_PENDING, None)
    if pending:
        recompute(session, pending)


def _touched(obj, changed_only: bool) -> list[int]:
    """The customers whose balance this new, changed or deleted document may move (both owners when moved);
    `changed_only`: a changed one only when a column that counts changed."""
    attrs = inspect(obj).attrs
    changed = [k for k in _RELEVANT if k in attrs and attrs[k].history.has_changes()]
    if changed_only and not changed:
        return []
    ids = [obj.customer_id]
    if "customer_id" in changed:
        ids += [i for i in attrs["customer_id"].history.deleted if i is not None]
    return ids


def _after_flush(session: Session, _ctx) -> None:
    ids: list[int] = []
    for collection in (session.new, session.dirty, session.deleted):
        for obj in collection:
            if isinstance(obj, DOCUMENTS):
                ids += _touched(obj, changed_only=collection is session.dirty)
    if ids:
        _note(session, ids)


def _after_flush_postexec(session: Session, _ctx) -> None:
    _settle(session)


def _set_columns(statement) -> set[str] | None:
    values = getattr(statement, "_values", None)
    if not values:
        return None
    return {getattr(k, "key", None) or getattr(k, "name", None) or str(k) for k in values}


def _bulk_customers(state):
    """The customers a bulk insert names in its rows; ALL when it cannot be told."""
    if not state.is_insert:
        return ALL
    params = state.parameters
    rows = params if isinstance(params, (list, tuple)) else [params] if params else []
    ids = [row.get("customer_id") for row in rows if isinstance(row, dict)]
    if not ids or any(i is None for i in ids):
        return ALL
    return ids


def _do_orm_execute(state):
    if not (state.is_insert or state.is_update or state.is_delete) or state.session.info.get(_ADDING):
        return None
    table = getattr(state.statement, "table", None)
    if getattr(table, "name", None) not in _TABLES:
        return None
    if state.is_update:
        columns = _set_columns(state.statement)
        if columns is not None and columns <= _RUNNING_TOTALS:
            return None
    result = state.invoke_statement()
    _note(state.session, _bulk_customers(state))
    _settle(state.session)
    return result


event.listen(Session, "after_flush", _after_flush)
event.listen(Session, "after_flush_postexec", _after_flush_postexec)
event.listen(Session, "do_orm_execute", _do_orm_execute)

__all__ = ["ALL", "adding", "deferred", "deferring", "latest_date", "note", "on_deferred_end", "on_note", "recompute"]
