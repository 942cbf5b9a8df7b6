"""What a customer owes as of a date: open items, unapplied credit, balance, document history.

As of D: documents dated after D do not exist, an invoice voided on or before D does not exist,
and an allocation counts only from its own date.

This module is the one receivable engine every reader of "what is open as of D" goes through (the aging,
the statement, the KPIs, the dashboard, the forecast, reminders, collections):
- `invoice_exists_as_of(D)`: the invoice exists on D;
- `open_as_of(D)`: a due line's open amount on D (`OpenAsOf.lines` selects the open lines);
  `open_at_dates(D1, D2, ...)` the same rule at several dates in one pass over the allocations (KPIs);
- `unapplied_credit_parts(D)`: what payments, credit notes and write-offs leave unapplied on D.
The buckets those amounts are aged into are defined once in app.reports.aging.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import (CTE, ColumnElement, Integer, Select, and_, case, cast, exists, func, literal, or_, select,
                        union_all)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.functions import FunctionElement

from app.models import POSTED, Allocation, CreditNote, DueLine, Invoice, Payment, WriteOff

from .customers import get_customer_row
from .views import CurrencyBalance, DocumentRow, OpenItem


def invoice_exists_as_of(as_of: dt.date, *, by_issue_date: bool = True):
    """SQL condition: the invoice is issued by `as_of` and not (yet) void then. `by_issue_date=False` keeps
    SQLite from reading the invoices by the index on their issue date, for a statement driven by the due
    lines (each invoice is then looked up by its key)."""
    issued = Invoice.issue_date if by_issue_date else unindexed(Invoice.issue_date)
    return and_(issued <= as_of, or_(Invoice.status == POSTED, Invoice.void_date.is_(None), Invoice.void_date > as_of))


class unindexed(FunctionElement):
    """`column` that SQLite does not read by index (`+column`); the column itself on other databases.
    SQLite, without statistics, guesses a range on an indexed column is selective: `issue_date <= ?` made it
    walk all 1,000,000 invoices by date to find the open lines' 270,000 (0.68 s against 0.31 s)."""

    inherit_cache = True

    def __init__(self, column):
        super().__init__(column)
        self.type = column.type


@compiles(unindexed)
def _unindexed_default(element, compiler, **kw):
    return compiler.process(element.clauses, **kw)


@compiles(unindexed, "sqlite")
def _unindexed_sqlite(element, compiler, **kw):
    return "+" + compiler.process(element.clauses, **kw)


def invoice_may_exist_between(first: dt.date, last: dt.date):
    """SQL condition, a superset of "exists on some date in [first, last]": issued by `last` and not voided
    on or before `first`. Lets a statement over several dates read those invoices only; each amount
    still checks invoice_exists_as_of at its own date."""
    return and_(Invoice.issue_date <= last,
                or_(Invoice.status == POSTED, Invoice.void_date.is_(None), Invoice.void_date > first))


def _open_amount(line, later):
    """The rule: a due line's open amount as of D is its amount less what was allocated to it by D, where
    allocated by D = paid_minor (everything ever allocated) − `later` (allocated after D, NULL for none;
    None when nothing at all is allocated after D)."""
    if later is None:
        return line.amount_minor - line.paid_minor
    return line.amount_minor - (line.paid_minor - func.coalesce(later, 0))


def document_exists_as_of(model, as_of: dt.date):
    """SQL condition for a payment or credit note (`model`): posted, or voided only after `as_of` (its
    allocations were reversed on the void date, so before it the document and its allocations count)."""
    return or_(model.status == POSTED, and_(model.void_date.is_not(None), model.void_date > as_of))


def allocated_after(as_of: dt.date, name: str = "later", line_ids=None):
    """CTE (due_line_id, later): per due line, the amount allocated to it after `as_of` (read from
    the index on allocation(date, due_line_id, amount_minor): small for a date near today).
    `line_ids` (a select of due line ids) limits it to those lines."""
    # Grouped by `due_line_id + 0`, not the bare column: otherwise SQLite walks the whole index on
    # (due_line_id, date) to group in order instead of reading the few rows dated after `as_of`. Cast back
    # to INTEGER: a bare expression has no type affinity, and SQLite builds no automatic index on such a
    # column, so every line joined to the CTE would scan all of it (minutes with many later allocations).
    line = cast(Allocation.due_line_id + 0, Integer) if line_ids is None else Allocation.due_line_id
    q = select(line.label("due_line_id"), func.sum(Allocation.amount_minor).label("later")) \
        .where(Allocation.date > as_of)
    if line_ids is not None:
        q = q.where(Allocation.due_line_id.in_(line_ids))
    # materialized: computed once, then looked up per due line (SQLite indexes it on the fly)
    return q.group_by(line).cte(name).prefix_with("MATERIALIZED")


@dataclass(frozen=True)
class OpenAsOf:
    """A due line's allocated and open amounts as of a date, for one query.

    due_line.paid_minor holds everything ever allocated to the line, so as of D:
    allocated = paid − (allocations dated after D), open = amount − allocated. Outer-join `later` on
    `onclause` (`join(q)` does it) and use `allocated` / `open` in the same query. `later` is None when
    nothing is allocated after D (open_as_of_in): then open = amount − paid_minor, nothing to join."""

    later: CTE | None
    allocated: ColumnElement
    open: ColumnElement
    onclause: ColumnElement | None
    as_of: dt.date

    def join(self, query):
        return query if self.later is None else query.outerjoin(self.later, self.onclause)

    def lines(self, *columns, prefilter: bool = True) -> Select:
        """select(*columns) over the due lines open as of the date (open > 0) of invoices existing then,
        each joined to its invoice: the start of every "open items" read. `prefilter` (may_be_open) reads
        only the lines open today or allocated after the date; leave it out when the statement is already
        narrowed to a few lines (one customer's), where listing every open line would cost more."""
        q = self.join(select(*columns).select_from(DueLine).join(Invoice, DueLine.invoice_id == Invoice.id))
        if self.later is None:  # open > 0 is the condition of the partial index ix_due_line_open itself:
            # the lines read from it, each invoice by its key
            return q.where(self.may_be_open(), invoice_exists_as_of(self.as_of, by_issue_date=False))
        conds = [invoice_exists_as_of(self.as_of), self.open > 0]
        return q.where(self.may_be_open(), *conds) if prefilter else q.where(*conds)

    def may_be_open(self, line=DueLine):
        """Condition, a superset of "open > 0": the line has something open today (the partial index
        ix_due_line_open) or was allocated after D. Lets a report read those lines only."""
        if self.later is None:
            return line.paid_minor < line.amount_minor
        return line.id.in_(union_all(select(DueLine.id).where(DueLine.paid_minor < DueLine.amount_minor),
                                     select(self.later.c.due_line_id)))


def open_as_of(as_of: dt.date, line=DueLine, name: str = "later", line_ids=None, *,
               nothing_later: bool = False) -> OpenAsOf:
    """The rule every report uses for "open on a due line as of D" (`line` may be an alias of DueLine;
    `line_ids`, a select of due line ids, limits the later allocations read to those lines).
    `nothing_later`: the caller has checked that nothing is allocated after D (allocated_after_exists):
    open = amount − paid_minor, without the later-allocations CTE (see open_as_of_in)."""
    if nothing_later:
        return OpenAsOf(None, line.paid_minor, _open_amount(line, None), None, as_of)
    later = allocated_after(as_of, name, line_ids)
    allocated = line.paid_minor - func.coalesce(later.c.later, 0)
    return OpenAsOf(later, allocated, _open_amount(line, later.c.later), later.c.due_line_id == line.id, as_of)


def open_as_of_in(session: Session, as_of: dt.date, line=DueLine) -> OpenAsOf:
    """open_as_of for a statement run now on `session`, without the later-allocations CTE when nothing is
    allocated after the date (the usual case for today): the open lines are then ix_due_line_open alone,
    covering (due date and amounts are in it)."""
    return open_as_of(as_of, line, nothing_later=not allocated_after_exists(session, as_of))


def allocated_after_exists(session: Session, as_of: dt.date) -> bool:
    """Is anything allocated after `as_of`? (One index look-up: usually not for today's reports.)"""
    return bool(session.scalar(select(exists().where(Allocation.date > as_of))))


@dataclass(frozen=True)
class OpenAtDates:
    """open_as_of at several dates at once (the KPIs' snapshots): one CTE `later` with, per due line, the
    allocations dated after each date (columns p0, p1, ... in date order), read in one pass over the
    allocations dated after the first date (a line settled by then is settled at every later date).
    Outer-join it with `join(q)`; `open_at(d)` is the line's open amount on d, 0 if its invoice did not
    exist then."""

    dates: tuple[dt.date, ...]
    later: CTE

    @property
    def onclause(self):
        return self.later.c.due_line_id == DueLine.id

    def join(self, query):
        return query.outerjoin(self.later, self.onclause)

    def open_at(self, day: dt.date):
        return case((invoice_exists_as_of(day), _open_amount(DueLine, self.later.c[f"p{self.dates.index(day)}"])),
                    else_=0)

    def may_be_open(self):
        """Condition: open on the first date (so possibly open on a later one; open amounts only shrink
        and allocations are never dated before their invoice)."""
        return _open_amount(DueLine, self.later.c.p0) > 0

    def may_exist(self):
        return invoice_may_exist_between(self.dates[0], self.dates[-1])

    def open_today_or_later(self):
        """Condition, a superset of may_be_open that SQLite reads by index: the line is open today (the
        partial index ix_due_line_open) or allocated after the first date."""
        return DueLine.id.in_(union_all(select(DueLine.id).where(DueLine.paid_minor < DueLine.amount_minor),
                                        select(self.later.c.due_line_id)))


def open_at_dates(*dates: dt.date, name: str = "paid") -> OpenAtDates:
    """The open_as_of rule at each of `dates` (any order; duplicates collapse) for one statement."""
    days = tuple(sorted(set(dates)))
    line = cast(Allocation.due_line_id + 0, Integer)  # read by date, not the whole index: see allocated_after
    later = (
        select(line.label("due_line_id"),
               *[func.sum(case((Allocation.date > d, Allocation.amount_minor), else_=0)).label(f"p{i}")
                 for i, d in enumerate(days)])
        .where(Allocation.date > days[0])
        .group_by(line)
        .cte(name)
        .prefix_with("MATERIALIZED")
    )
    return OpenAtDates(days, later)


def unapplied_credit_parts(as_of: dt.date, scope=lambda table: []) -> list[Select]:
    """Selects (customer_id, currency, credit) whose sum is the unapplied credit as of D of the payments,
    credit notes and write-offs (posted, dated by D) that `scope(table)` (extra conditions on the
    document table) lets through: amount − applied_minor (everything ever allocated from it, kept by the
    ledger) + what was allocated from it after D. The first part reads only the documents with credit
    left today (partial indexes ix_*_unapplied), the second only the allocations dated after D."""
    parts = []
    for table, column in ((Payment, Allocation.payment_id), (CreditNote, Allocation.credit_note_id),
                          (WriteOff, Allocation.write_off_id)):
        filters = [table.date <= as_of]
        if hasattr(table, "status"):  # a voided payment still counts before its void date (corrections)
            filters.append(document_exists_as_of(table, as_of))
        filters += scope(table)
        ids = (table.customer_id.label("customer_id"), table.currency.label("currency"))
        parts.append(select(*ids, (table.amount_minor - table.applied_minor).label("credit"))
                     .where(table.applied_minor < table.amount_minor, *filters))
        parts.append(select(*ids, Allocation.amount_minor.label("credit"))
                     .join(table, column == table.id).where(Allocation.date > as_of, *filters))
    return parts


def unapplied_credit_by_customer(as_of: dt.date):
    """A subquery (customer_id, currency, credit): each customer's unapplied credit per currency as of D
    (unapplied_credit_parts summed)."""
    parts = union_all(*unapplied_credit_parts(as_of)).subquery()
    return (select(parts.c.customer_id, parts.c.currency, func.sum(parts.c.credit).label("credit"))
            .group_by(parts.c.customer_id, parts.c.currency).subquery())


def balance_parts(as_of: dt.date, scope=lambda table: [], label: str = "amount") -> list[Select]:
    """Selects (customer_id, currency, `label`) whose sum per customer and currency is the balance as of D:
    invoices existing on D (+ total) less payments, credit notes and write-offs dated by D and existing on D
    (posted, or voided after D) (− amount). It equals open items − unapplied credit (customer_balance): every allocation dated by D
    links a document dated by D to an invoice issued by D and not void (only invoices with nothing
    applied can be voided), so allocations cancel out. `scope(table)` adds conditions per document table."""
    parts = [select(Invoice.customer_id.label("customer_id"), Invoice.currency.label("currency"),
                    Invoice.total_minor.label(label)).where(invoice_exists_as_of(as_of), *scope(Invoice))]
    for model in (Payment, CreditNote, WriteOff):
        conds = [model.date <= as_of]
        if hasattr(model, "status"):
            conds.append(document_exists_as_of(model, as_of))
        parts.append(select(model.customer_id, model.currency, -model.amount_minor).where(*conds, *scope(model)))
    return parts


def open_items(session: Session, customer_code: str, as_of: dt.date, currency: str | None = None) -> list[OpenItem]:
    customer = get_customer_row(session, customer_code)
    o = open_as_of(as_of)
    q = (o.lines(DueLine.id, Invoice.number, Invoice.kind, Invoice.issue_date, DueLine.due_date, Invoice.currency,
                 DueLine.amount_minor, o.open.label("open"), Invoice.disputed, prefilter=False)
         .where(Invoice.customer_id == customer.id)
         .order_by(DueLine.due_date, Invoice.number, DueLine.sequence))
    if currency:
        q = q.where(Invoice.currency == currency.upper())
    return [
        OpenItem(line_id, number, kind, issued, due, cur, amount, int(open_), (as_of - due).days, bool(disputed))
        for line_id, number, kind, issued, due, cur, amount, open_, disputed in session.execute(q)
    ]


def _credits_as_of(session: Session, customer_id: int, as_of: dt.date) -> dict[str, int]:
    """Per currency: payments + credit notes + write-offs dated by `as_of` less their allocations by then."""
    totals: dict[str, int] = {}
    for model, column in ((Payment, Allocation.payment_id), (CreditNote, Allocation.credit_note_id),
                          (WriteOff, Allocation.write_off_id)):
        conds = [model.customer_id == customer_id, model.date <= as_of]
        if hasattr(model, "status"):
            conds.append(document_exists_as_of(model, as_of))
        issued = dict(session.execute(select(model.currency, func.sum(model.amount_minor))
                                      .where(*conds).group_by(model.currency)).all())
        used = dict(session.execute(
            select(model.currency, func.sum(Allocation.amount_minor))
            .join(Allocation, column == model.id)
            .where(*conds, Allocation.date <= as_of).group_by(model.currency)).all())
        for cur, amount in issued.items():
            totals[cur] = totals.get(cur, 0) + int(amount) - int(used.get(cur) or 0)
    return totals


def customer_balance(session: Session, customer_code: str, as_of: dt.date) -> list[CurrencyBalance]:
    """One line per currency the customer has documents in by `as_of`."""
    customer = get_customer_row(session, customer_code)
    items = open_items(session, customer_code, as_of)
    open_by_cur: dict[str, int] = {}
    for item in items:
        open_by_cur[item.currency] = open_by_cur.get(item.currency, 0) + item.open_minor
    credit = _credits_as_of(session, customer.id, as_of)
    currencies = sorted(set(open_by_cur) | {c for c, v in credit.items()})
    return [CurrencyBalance(c, open_by_cur.get(c, 0), credit.get(c, 0), open_by_cur.get(c, 0) - credit.get(c, 0))
            for c in currencies]


def customer_documents(session: Session, customer_code: str, as_of: dt.date | None = None) -> list[DocumentRow]:
    """All the customer's documents (newest first) with what is open or unapplied of each as of `as_of`
    (all dates when None)."""
    customer = get_customer_row(session, customer_code)
    cutoff = as_of or dt.date.max
    customer_lines = select(DueLine.id).join(Invoice, DueLine.invoice_id == Invoice.id) \
        .where(Invoice.customer_id == customer.id)
    o = open_as_of(cutoff, line_ids=customer_lines)
    inv_open = (o.join(select(DueLine.invoice_id.label("inv"), func.sum(o.open).label("open"))
                       .join(Invoice, DueLine.invoice_id == Invoice.id).where(Invoice.customer_id == customer.id))
                .group_by(DueLine.invoice_id).subquery())
    parts = [
        select(literal("invoice").label("kind"), Invoice.number.label("number"), Invoice.issue_date.label("date"),
               Invoice.currency, Invoice.total_minor.label("amount"),
               func.coalesce(inv_open.c.open, 0).label("open"), Invoice.status, Invoice.reference)
        .outerjoin(inv_open, inv_open.c.inv == Invoice.id)
        .where(Invoice.customer_id == customer.id, Invoice.issue_date <= cutoff)
    ]
    # payments are known by their bank reference (method as the note), write-offs by their reason
    for model, column, kind, number, reference in (
        (Payment, Allocation.payment_id, "payment", Payment.reference, Payment.method),
        (CreditNote, Allocation.credit_note_id, "credit_note", CreditNote.number, CreditNote.reason),
        (WriteOff, Allocation.write_off_id, "write_off", literal(""), WriteOff.reason),
    ):
        used = (select(column.label("doc"), func.sum(Allocation.amount_minor).label("amt"))
                .where(column.is_not(None), Allocation.date <= cutoff).group_by(column).subquery())
        status = model.status if hasattr(model, "status") else literal(POSTED)
        parts.append(
            select(literal(kind).label("kind"), func.coalesce(number, literal("")).label("number"),
                   model.date.label("date"), model.currency, model.amount_minor.label("amount"),
                   (model.amount_minor - func.coalesce(used.c.amt, 0)).label("open"), status.label("status"),
                   reference.label("reference"))
            .outerjoin(used, used.c.doc == model.id)
            .where(model.customer_id == customer.id, model.date <= cutoff)
        )
    union = union_all(*parts).subquery()
    rows = session.execute(select(union).order_by(union.c.date.desc(), union.c.kind, union.c.number))
    return [DocumentRow(kind, number, date, cur, int(amount), int(open_), status, ref)
            for kind, number, date, cur, amount, open_, status, ref in rows]
