"""Keeps `customer_payment_history` (app.models.CustomerPaymentHistory) equal to what the allocations say.

The pattern of app.ledger.balance_keeper: this module listens to every Session and, right after each flush
or bulk statement that can change a customer's payment history, recomputes the history of the customers
concerned (app.ledger.payment_history.recompute), in the same transaction. What can change it:
- an allocation written, changed or removed (payments, credit notes, write-offs, their reversals by the
  corrections, the importer, the demo's bulk inserts): the customer of its due line;
- a due line's due date, amount or invoice changed; an invoice's status, void date, issue date or
  customer changed, or an invoice or due line removed.
A new invoice or due line counts nothing until something is allocated to it; the running totals
(`paid_minor`, `applied_minor`) and the other columns never count. A bulk statement whose rows cannot be
told recomputes every customer. Inside `balance_keeper.deferred(session)` writes only note their
customers; the history is recomputed once when it ends (the demo, the importer).
"""

from __future__ import annotations

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from app.models import Allocation, DueLine, Invoice

from . import balance_keeper
from .payment_history import ALL, customers_of_lines, recompute

_PENDING_CUSTOMERS = "payment_history.customers"  # session.info: set of customer ids, or ALL
_PENDING_LINES = "payment_history.lines"  # session.info: due line ids whose customers are to recompute

_MANY_LINES = 50_000
#: columns whose change can move the history, per table
_RELEVANT = {
    "allocation": {"due_line_id", "amount_minor", "date", "payment_id", "credit_note_id", "write_off_id"},
    "due_line": {"invoice_id", "due_date", "amount_minor"},
    "invoice": {"customer_id", "status", "void_date", "issue_date"},
}


def _note_customers(session: Session, ids) -> None:
    pending = session.info.get(_PENDING_CUSTOMERS)
    if pending == ALL:
        return
    if ids == ALL:
        session.info[_PENDING_CUSTOMERS] = ALL
        session.info.pop(_PENDING_LINES, None)
    else:
        session.info.setdefault(_PENDING_CUSTOMERS, set()).update(i for i in ids if i is not None)


def _note_lines(session: Session, line_ids) -> None:
    if session.info.get(_PENDING_CUSTOMERS) == ALL:
        return
    lines = session.info.setdefault(_PENDING_LINES, set())
    lines.update(i for i in line_ids if i is not None)
    if len(lines) > _MANY_LINES:  # a bulk load (the demo): one pass over the whole book at the end
        _note_customers(session, ALL)


def settle(session: Session) -> None:
    """Recompute what was noted, unless inside balance_keeper.deferred (its end calls this again)."""
    if balance_keeper.deferring(session):
        return
    customers = session.info.pop(_PENDING_CUSTOMERS, None)
    lines = session.info.pop(_PENDING_LINES, None)
    if customers == ALL:
        recompute(session, ALL)
        return
    ids = set(customers or ())
    if lines:
        ids |= customers_of_lines(session, lines)
    if ids:
        recompute(session, ids)


def _changed(obj, table: str) -> tuple[list[str], object]:
    attrs = inspect(obj).attrs
    return [k for k in _RELEVANT[table] if k in attrs and attrs[k].history.has_changes()], attrs


def _old(attrs, key) -> list:
    return [v for v in attrs[key].history.deleted if v is not None]


def _after_flush(session: Session, _ctx) -> None:
    for collection in (session.new, session.dirty, session.deleted):
        new, dirty = collection is session.new, collection is session.dirty
        for obj in collection:
            if isinstance(obj, Allocation):
                changed, attrs = _changed(obj, "allocation")
                if dirty and not changed:
                    continue
                _note_lines(session, [obj.due_line_id, *(_old(attrs, "due_line_id") if dirty else [])])
            elif isinstance(obj, DueLine) and not new:
                changed, _attrs = _changed(obj, "due_line")
                if dirty and not changed:
                    continue
                if dirty and "invoice_id" not in changed:
                    _note_lines(session, [obj.id])
                else:  # moved to another invoice or removed (never by the ledger): every customer
                    _note_customers(session, ALL)
            elif isinstance(obj, Invoice) and not new:
                changed, attrs = _changed(obj, "invoice")
                if dirty and not changed:
                    continue
                _note_customers(session, [obj.customer_id, *(_old(attrs, "customer_id") if dirty else [])])


def _after_flush_postexec(session: Session, _ctx) -> None:
    settle(session)


def _set_columns(statement) -> set[str] | None:
    values = getattr(statement, "_values", None)
    if not values:
        return None
    return {getattr(k, "key", None) or getattr(k, "name", None) or str(k) for k in values}


def _do_orm_execute(state):
    if not (state.is_insert or state.is_update or state.is_delete):
        return None
    name = getattr(getattr(state.statement, "table", None), "name", None)
    if name not in _RELEVANT:
        return None
    if state.is_insert and name != "allocation":
        return None  # a new invoice or due line counts nothing yet
    if state.is_update:
        columns = _set_columns(state.statement)
        if columns is not None and not columns & _RELEVANT[name]:
            return None
    result = state.invoke_statement()
    lines = None
    if state.is_insert:  # allocations: the due lines its rows name
        params = state.parameters
        rows = params if isinstance(params, (list, tuple)) else [params] if params else []
        lines = [row.get("due_line_id") for row in rows if isinstance(row, dict)]
        if not lines or any(i is None for i in lines):
            lines = None
    if lines is None:
        _note_customers(state.session, ALL)
    else:
        _note_lines(state.session, lines)
    settle(state.session)
    return result


event.listen(Session, "after_flush", _after_flush)
event.listen(Session, "after_flush_postexec", _after_flush_postexec)
event.listen(Session, "do_orm_execute", _do_orm_execute)
balance_keeper.on_deferred_end(settle)
# a new invoice counts nothing until something is allocated to it (the module text)
balance_keeper.on_note(lambda session, ids, _day: _note_customers(session, ids), new_invoices=False)

__all__ = ["settle"]
