"""How late each customer pays, from its settled due lines, as of any date: the one rule the forecast's
historical lateness and today's tasks' risk read, and the stored totals that make it cheap.

The rule, per due line, from its allocations dated by D (all sources, reversals included):
- allocated (Σ amounts), paid (Σ of payments), Σ payment × its date, the last allocation date;
- the lateness (app.reports.forecast.HistoricalLateness): a line allocated in full by D, with payments
  among what settled it (paid > 0), of an invoice existing on D (app.ledger.balances.invoice_exists_as_of),
  counts paid and Σ payment × (allocation date − due date);
- the risk (app.collections.risk): a line allocated in full by D, of a posted invoice, counts one settled
  line, late when last allocated more than LATE_DAYS after its due date.

Stored, per customer (customer_payment_history, kept by app.ledger.payment_history_keeper): the same sums
counting every allocation ever made ("after everything": D = date.max). As of an earlier D only the lines
with an allocation dated after D can count differently (an allocation is never dated before its invoice,
and an invoice with anything applied cannot be voided, so a line of an invoice issued or voided after D is
allocated after D or counts nothing either way). Those lines are few for a D near the latest date and read
by the index on allocation(date, ...); the history as of D is the stored sums, less what those lines count
after everything, plus what they count on D (`history_as_of`). Exact for any D; cheap near today.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (BigInteger, Date, Integer, and_, case, cast, delete, exists, func, insert, literal, or_,
                        select, union_all)
from sqlalchemy.orm import Session

from app.models import POSTED, Allocation, Customer, CustomerPaymentHistory, DueLine, Invoice

from .balances import invoice_exists_as_of
from .sqlfuncs import days_between

LATE_DAYS = 30  # the risk's "late": settled more than this many days after the due date
AFTER_EVERYTHING = dt.date.max
_EPOCH = dt.date(1970, 1, 1)
_COLUMNS = ("customer_id", "paid_minor", "paid_days_late", "settled_lines", "late_lines")


def _days(day):
    return days_between(day, literal(_EPOCH, Date))


def _per_line_sums(dated, suffix: str) -> list:
    """Σ over a line's allocations for which `dated` holds (None: all): allocated, paid, paid_days, last."""
    def only(value):
        return value if dated is None else case((dated, value))

    by_payment = Allocation.payment_id.is_not(None)
    return [func.sum(only(Allocation.amount_minor)).label(f"allocated{suffix}"),
            func.sum(only(case((by_payment, Allocation.amount_minor), else_=0))).label(f"paid{suffix}"),
            func.sum(only(case((by_payment, cast(Allocation.amount_minor, BigInteger) * _days(Allocation.date)),
                               else_=0))).label(f"paid_days{suffix}"),
            func.max(only(Allocation.date)).label(f"last{suffix}")]


def _counts(lines, suffix: str, as_of: dt.date) -> list:
    """What one due line (joined to its invoice) counts as of `as_of`, from `lines`' sums for that date:
    [paid, paid × days late, settled, late] (the module's rule)."""
    allocated, paid = lines.c[f"allocated{suffix}"], lines.c[f"paid{suffix}"]
    settled = allocated >= DueLine.amount_minor
    lateness = and_(invoice_exists_as_of(as_of), settled, paid > 0)
    risk = and_(Invoice.status == POSTED, settled)
    return [case((lateness, paid), else_=0),
            case((lateness, lines.c[f"paid_days{suffix}"] - cast(paid, BigInteger) * _days(DueLine.due_date)), else_=0),
            case((risk, 1), else_=0),
            case((and_(risk, days_between(lines.c[f"last{suffix}"], DueLine.due_date) > LATE_DAYS), 1), else_=0)]


def _per_customer(parts):
    both = union_all(*parts).subquery()
    return (select(both.c.customer_id, func.sum(both.c.paid).label("paid"), func.sum(both.c.weighted).label("weighted"),
                   func.sum(both.c.settled).label("settled"), func.sum(both.c.late).label("late"))
            .group_by(both.c.customer_id))


def history_direct(as_of: dt.date, customer_ids=None):
    """Select (customer_id, paid, weighted, settled, late) per customer from every allocation dated by
    `as_of` (AFTER_EVERYTHING: all of them): the rule itself, read in full (the keeper's recomputation,
    and the reference the stored reading is tested against). `customer_ids` limits it to those customers."""
    dated = None if as_of == AFTER_EVERYTHING else Allocation.date <= as_of
    lines = select(Allocation.due_line_id, *_per_line_sums(None, "")).group_by(Allocation.due_line_id)
    if dated is not None:
        lines = lines.where(dated)
    if customer_ids is not None:
        lines = lines.join(DueLine, DueLine.id == Allocation.due_line_id) \
            .join(Invoice, Invoice.id == DueLine.invoice_id).where(Invoice.customer_id.in_(customer_ids))
    lines = lines.subquery()
    counts = _counts(lines, "", as_of)
    per_line = (select(Invoice.customer_id.label("customer_id"), counts[0].label("paid"),
                       counts[1].label("weighted"), counts[2].label("settled"), counts[3].label("late"))
                .select_from(lines).join(DueLine, DueLine.id == lines.c.due_line_id)
                .join(Invoice, Invoice.id == DueLine.invoice_id))
    return _per_customer([per_line])


STORED, CORRECTED, DIRECT = "stored", "corrected", "direct"
#: past this share of the book's allocations dated after D, reading them all (DIRECT) is cheaper
_DIRECT_SHARE = 4


def reading_for(session: Session, as_of: dt.date) -> str:
    """How to read the history as of the date: STORED when nothing is allocated after it (today, the latest
    date of the book), CORRECTED (stored less the lines allocated later) when few allocations are dated
    after it, DIRECT (history_direct) when more than a quarter of them are: a date far back."""
    if not session.scalar(select(exists().where(Allocation.date > as_of))):
        return STORED
    limit = max(1, int(session.scalar(select(func.coalesce(func.max(Allocation.id), 0)))) // _DIRECT_SHARE)
    later = select(literal(1)).where(Allocation.date > as_of).limit(limit).subquery()
    return DIRECT if session.scalar(select(func.count()).select_from(later)) >= limit else CORRECTED


def history_as_of(as_of: dt.date, customer_ids=None, *, reading: str = CORRECTED):
    """Select (customer_id, paid, weighted, settled, late) per customer as of `as_of`, equal to
    history_direct(as_of): the stored totals, less what the lines allocated after the date count after
    everything, plus what they count on the date. `reading` (reading_for): STORED, nothing is allocated
    after the date: the stored totals alone; DIRECT: history_direct. Customers without a settled line may
    be missing or all zeros."""
    if reading == DIRECT:
        return history_direct(as_of, customer_ids)
    h = CustomerPaymentHistory
    stored = select(h.customer_id.label("customer_id"), h.paid_minor.label("paid"), h.paid_days_late.label("weighted"),
                    h.settled_lines.label("settled"), h.late_lines.label("late"))
    if customer_ids is not None:
        stored = stored.where(h.customer_id.in_(customer_ids))
    if reading == STORED:
        return stored
    # the lines allocated after the date, read by the index on allocation(date, due_line_id, ...) (the bare
    # column would make SQLite walk the index on (due_line_id, date) instead: see balances.allocated_after)
    later = select(cast(Allocation.due_line_id + 0, Integer)).where(Allocation.date > as_of).distinct()
    lines = (select(Allocation.due_line_id, *_per_line_sums(Allocation.date <= as_of, "_then"),
                    *_per_line_sums(None, "_ever"))
             .where(Allocation.due_line_id.in_(later)).group_by(Allocation.due_line_id)
             .cte("lines_allocated_later").prefix_with("MATERIALIZED"))
    then, ever = _counts(lines, "_then", as_of), _counts(lines, "_ever", AFTER_EVERYTHING)
    delta = (select(Invoice.customer_id, *[(t - e).label(n) for t, e, n in
                                           zip(then, ever, ("paid", "weighted", "settled", "late"))])
             .select_from(lines).join(DueLine, DueLine.id == lines.c.due_line_id)
             .join(Invoice, Invoice.id == DueLine.invoice_id))
    if customer_ids is not None:
        delta = delta.where(Invoice.customer_id.in_(customer_ids))
    return _per_customer([stored, delta])


def history_as_of_in(session: Session, as_of: dt.date, customer_ids=None):
    """history_as_of for a statement run now on `session`, read the cheapest way for the date (reading_for)."""
    return history_as_of(as_of, customer_ids, reading=reading_for(session, as_of))


# --- keeping the stored totals -------------------------------------------------------------------

ALL = "all"
_CHUNK = 500
_WHOLE_BOOK = 20_000  # more customers than this: one pass over the whole book is cheaper


def recompute(session: Session, customer_ids=ALL) -> None:
    """Set the stored history of these customers (ALL: every customer) from their allocations. Runs on the
    session's connection (not Session.execute), so it announces no change of its own. On PostgreSQL the
    customers' rows are locked first (in id order), as app.ledger.balance_keeper does: a concurrent writer
    of the same customer waits, and the recomputation then sees what it committed."""
    conn = session.connection()
    ids = ALL if customer_ids == ALL else sorted({int(i) for i in customer_ids if i is not None})
    if ids != ALL and len(ids) > _WHOLE_BOOK:
        ids = ALL
    h = CustomerPaymentHistory
    if ids == ALL:
        conn.execute(delete(h))
        conn.execute(insert(h).from_select(_COLUMNS, _nonzero(history_direct(AFTER_EVERYTHING))))
        return
    postgres = conn.dialect.name == "postgresql"
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start:start + _CHUNK]
        if postgres:
            conn.execute(select(Customer.id).where(Customer.id.in_(chunk)).order_by(Customer.id).with_for_update())
        conn.execute(delete(h).where(h.customer_id.in_(chunk)))
        conn.execute(insert(h).from_select(_COLUMNS, _nonzero(history_direct(AFTER_EVERYTHING, chunk))))


def _nonzero(q):
    """Only customers with something to say (a row of zeros reads the same as no row)."""
    sums = q.subquery()
    return select(*sums.c).where(or_(sums.c.settled != 0, sums.c.paid != 0, sums.c.weighted != 0))


def customers_of_lines(session: Session, line_ids) -> set[int]:
    """The customers whose invoices these due lines belong to."""
    ids = sorted(set(line_ids))
    out: set[int] = set()
    for start in range(0, len(ids), _CHUNK):
        out.update(session.connection().execute(
            select(Invoice.customer_id).join(DueLine, DueLine.invoice_id == Invoice.id)
            .where(DueLine.id.in_(ids[start:start + _CHUNK])).distinct()).scalars())
    return out


__all__ = ["AFTER_EVERYTHING", "CORRECTED", "DIRECT", "LATE_DAYS", "STORED", "history_as_of", "history_as_of_in",
           "history_direct", "reading_for", "recompute"]
