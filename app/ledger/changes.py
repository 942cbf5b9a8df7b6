"""What a write changed (the way Anki's operations return `OpChanges`), so each screen reloads only when
it is concerned.

A `ChangeTracker` watches one Session's unit of work generically, through SQLAlchemy's session events:
the ORM objects each flush inserts, updates or deletes, and the Core or ORM bulk `insert()`, `update()`
and `delete()` statements executed through the session. What a savepoint wrote and then rolled back (the
reminders preview plans inside one) counts as no change. The tables it saw become `Changes`: a set of
areas (one table → area map, below) and, when every changed row names its customer, their codes.

    with ChangeTracker(session) as tracker:
        record_payment(session, ...)
    tracker.changes()  # Changes(areas={"documents", "audit"}, customer_codes={"C001"})

No Qt here: the GUI's task runner tracks each write job with this and announces the result.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session, SessionTransaction
from sqlalchemy.orm.util import identity_key
from sqlalchemy.sql import operators
from sqlalchemy.sql.elements import BinaryExpression, BindParameter, BooleanClauseList

CUSTOMERS, DOCUMENTS, COLLECTIONS, REMINDERS, SETTINGS, RISK, AUDIT = (
    "customers", "documents", "collections", "reminders", "settings", "risk", "audit")
AREAS = frozenset({CUSTOMERS, DOCUMENTS, COLLECTIONS, REMINDERS, SETTINGS, RISK, AUDIT})

#: the one place that says which area a table belongs to; a table missing here changes every area
TABLE_AREAS: dict[str, str] = {
    "customer": CUSTOMERS, "contact": CUSTOMERS, "payment_terms": CUSTOMERS, "payment_terms_line": CUSTOMERS,
    "invoice": DOCUMENTS, "due_line": DOCUMENTS, "credit_note": DOCUMENTS, "payment": DOCUMENTS,
    "write_off": DOCUMENTS, "allocation": DOCUMENTS, "invoice_discount": DOCUMENTS, "customer_balance": DOCUMENTS,
    "payment_agreement": COLLECTIONS, "agreement_invoice": COLLECTIONS, "agreement_installment": COLLECTIONS,
    "activity": COLLECTIONS, "promise_to_pay": COLLECTIONS, "dispute": COLLECTIONS,
    "customer_risk": RISK,
    "reminder_run": REMINDERS, "reminder": REMINDERS, "reminder_line": REMINDERS, "contact_log": REMINDERS,
    "customer_reminder_settings": REMINDERS,
    "company": SETTINGS, "setting": SETTINGS, "currency": SETTINGS, "exchange_rate": SETTINGS,
    "reminder_policy": SETTINGS, "reminder_level": SETTINGS, "segment_policy": SETTINGS,
    "reminder_template": SETTINGS, "import_mapping": SETTINGS,  # saved import column mappings
    "audit_entry": AUDIT,
    "bank_statement": DOCUMENTS, "bank_line": DOCUMENTS,  # app.banking: lines become payments
    # the KPIs' receivables history (app.ledger.ar_history): kept from the documents
    "ar_day": DOCUMENTS, "ar_roll": DOCUMENTS, "ar_history_state": DOCUMENTS, "ar_dirty": DOCUMENTS,
    "customer_payment_history": DOCUMENTS,
}


def areas_of(tables) -> frozenset[str]:
    areas: set[str] = set()
    for table in tables:
        area = TABLE_AREAS.get(table)
        if area is None:
            return AREAS  # a table nobody mapped yet: say everything changed rather than miss a reload
        areas.add(area)
    return frozenset(areas)


@dataclass(frozen=True)
class Changes:
    """What one write changed. `customer_codes` is None when it is not known which customers (a bulk
    statement, a row that does not name its customer): then any customer may be concerned."""

    areas: frozenset[str] = frozenset()
    customer_codes: frozenset[str] | None = frozenset()

    def __bool__(self) -> bool:
        return bool(self.areas)

    def concerns(self, areas, customer_code: str | None = None) -> bool:
        """True when this change touches one of `areas` (and, given a customer, possibly that customer)."""
        if not self.areas & frozenset(areas):
            return False
        if customer_code is None or self.customer_codes is None:
            return True
        return customer_code in self.customer_codes

    @classmethod
    def everything(cls) -> "Changes":
        return cls(AREAS, None)


NOTHING = Changes()


class _Seen:
    __slots__ = ("tables", "codes")

    def __init__(self) -> None:
        self.tables: set[str] = set()
        self.codes: set[str] | None = set()

    def merge(self, other: "_Seen") -> None:
        self.tables |= other.tables
        if self.codes is None or other.codes is None:
            self.codes = None
        else:
            self.codes |= other.codes


def _customer_of(session: Session, obj, depth: int = 2) -> str | None:
    """The customer code a changed row names, itself or through the row its foreign key points at when
    that row is already in the session (an allocation's payment, a due line's invoice); never loads
    anything. None when it cannot tell."""
    state = inspect(obj)
    table = state.mapper.local_table
    code = state.dict.get("code" if table.name == "customer" else "customer_code")
    if isinstance(code, str):
        return code
    if depth:
        for fk in table.foreign_keys:
            prop = state.mapper.get_property_by_column(fk.parent) if fk.parent in state.mapper.columns.values() else None
            value = state.dict.get(prop.key) if prop is not None else None
            mapper = _mapper_of(state.mapper, fk.column.table.name)
            if value is None or mapper is None:
                continue
            parent = session.identity_map.get(identity_key(mapper.class_, (value,)))
            if parent is not None:
                code = _customer_of(session, parent, depth - 1)
                if code is not None:
                    return code
    return None


def _bulk_customer(state) -> str | None:
    """The customer of the one row a bulk statement names by its primary key (`where(T.id == 5, ...)`)
    when that row is in the session; None otherwise (then any customer may have changed)."""
    mapper = state.bind_mapper
    where = getattr(state.statement, "whereclause", None)
    if mapper is None or where is None or len(mapper.local_table.primary_key.columns) != 1:
        return None
    [pk] = mapper.local_table.primary_key.columns
    clauses = where.clauses if isinstance(where, BooleanClauseList) and where.operator is operators.and_ else [where]
    for clause in clauses:
        if (isinstance(clause, BinaryExpression) and clause.operator is operators.eq and clause.left is pk
                and isinstance(clause.right, BindParameter) and clause.right.value is not None):
            row = state.session.identity_map.get(identity_key(mapper.class_, (clause.right.value,)))
            return None if row is None else _customer_of(state.session, row)
    return None


def _mapper_of(mapper, table_name: str):
    return _mappers(mapper.registry).get(table_name)


@functools.lru_cache(maxsize=8)
def _mappers(registry) -> dict:
    return {m.local_table.name: m for m in registry.mappers}


class ChangeTracker:
    """Collects what a Session writes while it is entered (a context manager); see the module text."""

    def __init__(self, session: Session):
        self.session = session
        self._root = _Seen()
        self._nested: dict[SessionTransaction, _Seen] = {}
        self._rolled_back: set[SessionTransaction] = set()
        self._ended: list[tuple[SessionTransaction, _Seen, _Seen]] = []

    # --- listening ---------------------------------------------------------------------

    def __enter__(self) -> "ChangeTracker":
        event.listen(self.session, "after_flush", self._after_flush)
        event.listen(self.session, "do_orm_execute", self._do_orm_execute)
        event.listen(self.session, "after_soft_rollback", self._after_soft_rollback)
        event.listen(self.session, "after_transaction_end", self._after_transaction_end)
        return self

    def __exit__(self, *exc) -> None:
        event.remove(self.session, "after_flush", self._after_flush)
        event.remove(self.session, "do_orm_execute", self._do_orm_execute)
        event.remove(self.session, "after_soft_rollback", self._after_soft_rollback)
        event.remove(self.session, "after_transaction_end", self._after_transaction_end)

    def changes(self) -> Changes:
        self._settle()
        if not self._root.tables:
            return NOTHING
        areas = areas_of(self._root.tables)
        codes = None if self._root.codes is None else frozenset(self._root.codes)
        return Changes(areas, codes)

    # --- events --------------------------------------------------------------------------

    def _current(self, session: Session) -> _Seen:
        nested = session.get_nested_transaction()
        if nested is None:
            return self._root
        return self._nested.setdefault(nested, _Seen())

    def _after_flush(self, session: Session, flush_context) -> None:
        seen = self._current(session)
        for objects in (session.new, session.dirty, session.deleted):
            for obj in objects:
                if objects is session.dirty and not session.is_modified(obj, include_collections=False):
                    continue
                table = getattr(getattr(obj, "__table__", None), "name", None)
                if table is None:
                    continue
                seen.tables.add(table)
                if TABLE_AREAS.get(table) == AUDIT or seen.codes is None:
                    continue  # the audit names no customer; once any customer may have changed, stop looking
                code = _customer_of(session, obj)
                if code is None:
                    seen.codes = None
                elif seen.codes is not None:
                    seen.codes.add(code)

    def _do_orm_execute(self, state) -> None:
        if not (state.is_insert or state.is_update or state.is_delete):
            return
        seen = self._current(state.session)
        table = getattr(getattr(state.statement, "table", None), "name", None)
        seen.tables.add(table if table is not None else "?")  # "?" is unmapped: everything changed
        code = _bulk_customer(state)
        if code is None:
            seen.codes = None
        elif seen.codes is not None:
            seen.codes.add(code)

    def _after_soft_rollback(self, session: Session, previous_transaction: SessionTransaction) -> None:
        if previous_transaction.nested:
            self._rolled_back.add(previous_transaction)

    def _after_transaction_end(self, session: Session, transaction: SessionTransaction) -> None:
        # SQLAlchemy ends a savepoint before it says (after_soft_rollback) that it was rolled back, so
        # what a savepoint saw waits here and is settled in changes(), in the order the savepoints ended
        if not transaction.nested:
            return
        parent = transaction.parent
        while parent is not None and not parent.nested:
            parent = parent.parent
        target = self._root if parent is None else self._nested.setdefault(parent, _Seen())
        self._ended.append((transaction, self._nested.pop(transaction, _Seen()), target))

    def _settle(self) -> None:
        for transaction, seen, target in self._ended:
            if transaction not in self._rolled_back:  # a savepoint rolled back: what it wrote is gone
                target.merge(seen)
        self._ended.clear()
        self._rolled_back.clear()
