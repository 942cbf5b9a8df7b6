"""Aged receivables as of any date, computed set-based from due lines.

As of a date D:
- an invoice exists when issued on or before D and not voided on or before D;
- a due line's open amount is its amount less the allocations dated on or before D
  (an allocation takes effect on its own date, whatever its documents' dates);
- a customer's unapplied credit is what its posted payments, credit notes and write-offs dated on or
  before D bring, less the allocations dated on or before D (the ledger allocates within one customer
  and currency, allocations are dated on or after both documents, and an invoice can only be voided
  with no allocations, so the allocations of the live due lines are exactly the ones to take off).

Buckets are computed in SQL by comparing the due date (basis "due") or the issue date (basis "issue")
against boundary dates precomputed in Python (D − 0, D − 30, D − 60 ...): portable to SQLite and
PostgreSQL without date arithmetic in SQL, and index-friendly.

The summary is one SQL statement (SQLAlchemy Core); the detail is a second one, only with `detail=True`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Sequence

from sqlalchemy import Select, and_, case, func, literal, null, or_, select, union_all
from sqlalchemy.orm import Session

from app.ledger.balances import allocated_after_exists, open_as_of, unapplied_credit_parts
from app.ledger.errors import UnknownCustomerError
from app.models import Customer, DueLine, Invoice

BASES = ("due", "issue")
DEFAULT_BUCKETS = (30, 60, 90)


class AgingOptionError(ValueError):
    """Bad report options (bucket list, basis); the message names the option and the fix."""

    def __init__(self, message: str, field: str):
        super().__init__(message)
        self.field = field


# --- results --------------------------------------------------------------------


@dataclass(frozen=True)
class AgingItem:
    """One open due line of an invoice as of the report date."""

    due_line_id: int
    document: str
    kind: str
    issue_date: dt.date
    due_date: dt.date
    days: int
    bucket: str
    amount_minor: int
    open_minor: int
    disputed: bool


@dataclass(frozen=True)
class CustomerAging:
    """One customer in one currency."""

    customer_id: int
    code: str
    name: str
    currency: str
    buckets: tuple[int, ...]  # open amount per bucket, in the order of AgingReport.bucket_labels
    total_minor: int
    unapplied_credit_minor: int
    net_minor: int
    items: tuple[AgingItem, ...] = ()

@dataclass(frozen=True)
class CurrencyTotal:
    currency: str
    buckets: tuple[int, ...]
    total_minor: int
    unapplied_credit_minor: int
    net_minor: int


@dataclass(frozen=True)
class AgingReport:
    as_of: dt.date
    basis: str
    bucket_days: tuple[int, ...]
    bucket_labels: tuple[str, ...]
    customers: tuple[CustomerAging, ...]
    totals: tuple[CurrencyTotal, ...]
    detail: bool = False
    currency: str | None = None
    customer_code: str | None = None


# --- buckets --------------------------------------------------------------------


MAX_BUCKET_DAYS = 36_500


def parse_buckets(text: str) -> tuple[int, ...]:
    """'30,60,90' → (30, 60, 90); raises AgingOptionError unless positive whole days in ascending order."""
    parts = [p.strip() for p in (text or "").split(",") if p.strip()]
    if not parts:
        raise AgingOptionError("--buckets is empty; write ascending days like 30,60,90", "buckets")
    try:
        days = tuple(int(p) for p in parts)
    except ValueError:
        raise AgingOptionError(
            f"--buckets '{text}' must be whole days separated by commas, like 30,60,90", "buckets"
        ) from None
    return check_buckets(days)


def check_buckets(days: Sequence[int]) -> tuple[int, ...]:
    days = tuple(int(d) for d in days)
    if not days:
        raise AgingOptionError("the bucket list is empty; give ascending days like 30,60,90", "buckets")
    if days[0] <= 0:
        raise AgingOptionError(f"bucket limits must be positive days; got {days[0]}", "buckets")
    if days[-1] > MAX_BUCKET_DAYS:  # a date that far back does not exist (timedelta overflows)
        raise AgingOptionError(f"bucket limits are at most {MAX_BUCKET_DAYS} days (100 years); got {days[-1]}",
                               "buckets")
    for a, b in zip(days, days[1:]):
        if b <= a:
            raise AgingOptionError(
                f"bucket limits must be in ascending order; {b} comes after {a}", "buckets"
            )
    return days


def bucket_limits(basis: str, days: Sequence[int]) -> tuple[int, ...]:
    """Upper limit (inclusive, in days) of each bucket but the last."""
    return (0, *days) if basis == "due" else tuple(days)


def bucket_labels(basis: str, days: Sequence[int]) -> tuple[str, ...]:
    """due, 30/60/90 → current, 1-30, 31-60, 61-90, 91+; issue → 0-30, 31-60, 61-90, 91+."""
    days = check_buckets(days)
    if basis not in BASES:
        raise AgingOptionError(f"basis '{basis}' is unknown; use due or issue", "basis")
    labels = ["current" if basis == "due" else f"0-{days[0]}"]
    limits = bucket_limits(basis, days)
    for lower, upper in zip(limits, limits[1:]):
        labels.append(f"{lower + 1}-{upper}")
    labels.append(f"{limits[-1] + 1}+")
    return tuple(labels)


def bucket_index(days_old: int, basis: str, days: Sequence[int]) -> int:
    """Python twin of the SQL CASE (for tests and single items)."""
    for i, limit in enumerate(bucket_limits(basis, days)):
        if days_old <= limit:
            return i
    return len(bucket_limits(basis, days))


def bucket_conditions(date_col, as_of: dt.date, basis: str, days: Sequence[int]) -> list:
    """One range condition per bucket on the reference date (cheaper than a CASE per bucket column)."""
    bounds = [as_of - dt.timedelta(days=limit) for limit in bucket_limits(basis, days)]
    conds = [date_col >= bounds[0]]
    for newer, older in zip(bounds, bounds[1:]):
        conds.append(and_(date_col >= older, date_col < newer))
    conds.append(date_col < bounds[-1])
    return conds


def bucket_case(date_col, as_of: dt.date, basis: str, days: Sequence[int]):
    """CASE giving the bucket index: days ≤ limit ⇔ date ≥ as_of − limit."""
    whens = [
        (date_col >= as_of - dt.timedelta(days=limit), i)
        for i, limit in enumerate(bucket_limits(basis, days))
    ]
    return case(*whens, else_=len(whens))


# --- the queries ----------------------------------------------------------------


@dataclass(frozen=True)
class AgingQuery:
    """The aging's two statements for one set of options, over the ledger's open lines as of the date
    (app.ledger.balances.open_as_of): `summary()` per customer and currency, `detail()` per open line."""

    as_of: dt.date
    basis: str = "due"
    days: Sequence[int] = DEFAULT_BUCKETS
    currency: str | None = None
    customer_code: str | None = None
    # the caller checked that nothing is allocated after as_of (app.ledger.balances.allocated_after_exists):
    # the open lines are then the partial index ix_due_line_open alone (half the summary's time at 1M invoices)
    nothing_later: bool = False

    def _open(self):
        """The open-as-of rule; for one customer only that customer's due lines' later allocations are
        read, so a customer's report costs what the customer has."""
        lines = None
        if self.customer_code:
            lines = (select(DueLine.id).join(Invoice, Invoice.id == DueLine.invoice_id)
                     .where(Invoice.customer_id == _customer_id(self.customer_code)))
            return open_as_of(self.as_of, line_ids=lines)
        return open_as_of(self.as_of, nothing_later=self.nothing_later)

    def _date_col(self):
        return DueLine.due_date if self.basis == "due" else Invoice.issue_date

    def _scope(self, table) -> list:
        """The filters that keep a document table (Invoice, Payment, ...) to the report's currency and customer."""
        filters = []
        if self.currency:
            filters.append(table.currency == self.currency)
        if self.customer_code:
            filters.append(table.customer_id == _customer_id(self.customer_code))
        return filters

    def summary(self) -> Select:
        """One statement: rows (customer_id, code, name, currency, b0..bn, credit) for every customer and
        currency with something open or some unapplied credit, ordered by code and currency."""
        days = check_buckets(self.days)
        paid = self._open()
        lines = paid.lines(
            Invoice.customer_id.label("customer_id"),
            Invoice.currency.label("currency"),
            literal(0).label("credit"),
            self._date_col().label("ref"),
            paid.open.label("open"),
        ).where(*self._scope(Invoice))
        # unapplied credit as of D: the ledger's rule, in the same union (no reference date, nothing open)
        sources = [part.add_columns(null().label("ref"), literal(0).label("open"))
                   for part in unapplied_credit_parts(self.as_of, self._scope)]
        combined = union_all(lines, *sources).subquery("combined")

        # per customer id and currency, what is open since each boundary date (one comparison a row and
        # boundary, half what a date range per bucket takes: 0.05 s of 0.5 at 1M invoices) and all that is
        # open; a bucket is the difference of two of them. Codes and names are fetched for the result rows only.
        ref, open_ = combined.c.ref, combined.c.open
        bounds = [self.as_of - dt.timedelta(days=limit) for limit in bucket_limits(self.basis, days)]
        credit, whole = func.sum(combined.c.credit), func.sum(open_)
        grouped = (
            select(
                combined.c.customer_id,
                combined.c.currency,
                *[func.sum(case((ref >= bound, open_), else_=0)).label(f"s{i}") for i, bound in enumerate(bounds)],
                whole.label("whole"),
                credit.label("credit"),
            )
            .group_by(combined.c.customer_id, combined.c.currency)
            .having(or_(whole != 0, credit != 0))
            .subquery("grouped")
        )
        since = [grouped.c[f"s{i}"] for i in range(len(bounds))] + [grouped.c.whole]
        buckets = [since[0], *(newer - older for older, newer in zip(since, since[1:]))]
        return (
            select(
                Customer.id.label("customer_id"),
                Customer.code,
                Customer.name,
                grouped.c.currency,
                *[bucket.label(f"b{i}") for i, bucket in enumerate(buckets)],
                grouped.c.credit,
            )
            .join(Customer, Customer.id == grouped.c.customer_id)
            .order_by(Customer.code, grouped.c.currency)
        )

    def detail(self) -> Select:
        """Open due lines as of the date with their bucket index, ordered by customer, currency, due date."""
        days = check_buckets(self.days)
        paid = self._open()
        return (
            paid.lines(
                Invoice.customer_id,
                Invoice.currency,
                DueLine.id.label("due_line_id"),
                Invoice.number,
                Invoice.kind,
                Invoice.issue_date,
                DueLine.due_date,
                DueLine.amount_minor,
                paid.open.label("open_minor"),
                Invoice.disputed,
                bucket_case(self._date_col(), self.as_of, self.basis, days).label("bucket"),
            )
            .where(*self._scope(Invoice))
            .order_by(Invoice.customer_id, Invoice.currency, DueLine.due_date, Invoice.number, DueLine.sequence)
        )


def _customer_id(code: str):
    return select(Customer.id).where(Customer.code == code).scalar_subquery()


def aging_report(
    session: Session,
    as_of: dt.date,
    *,
    basis: str = "due",
    buckets: Sequence[int] = DEFAULT_BUCKETS,
    detail: bool = False,
    currency: str | None = None,
    customer_code: str | None = None,
) -> AgingReport:
    """Aged receivables as of `as_of`: one row per customer and currency, totals per currency.

    `currency` and `customer_code` narrow the report; `detail` adds the open items of each row.
    An unknown customer code raises the ledger's UnknownCustomerError.
    """
    if basis not in BASES:
        raise AgingOptionError(f"basis '{basis}' is unknown; use due or issue", "basis")
    days = check_buckets(buckets)
    labels = bucket_labels(basis, days)
    currency = currency.strip().upper() if currency else None
    if customer_code is not None:
        if session.scalar(select(Customer.id).where(Customer.code == customer_code)) is None:
            raise UnknownCustomerError(customer_code)

    n = len(labels)
    query = AgingQuery(as_of, basis, days, currency, customer_code,
                       nothing_later=customer_code is None and not allocated_after_exists(session, as_of))
    # Core, not the ORM's execute: plain rows, no ORM loading step for 100,000 of them
    rows = session.connection().execute(query.summary()).all()

    items_by_key: dict[tuple[int, str], list[AgingItem]] = {}
    if detail:
        for r in session.execute(query.detail()):
            ref = r.due_date if basis == "due" else r.issue_date
            items_by_key.setdefault((r.customer_id, r.currency), []).append(
                AgingItem(
                    due_line_id=r.due_line_id,
                    document=r.number,
                    kind=r.kind,
                    issue_date=r.issue_date,
                    due_date=r.due_date,
                    days=(as_of - ref).days,
                    bucket=labels[r.bucket],
                    amount_minor=int(r.amount_minor),
                    open_minor=int(r.open_minor),
                    disputed=bool(r.disputed),
                )
            )

    if rows and any(type(v) is not int for v in rows[0][4:]):  # PostgreSQL's SUM of integers is a Decimal
        rows = [(*r[:4], *(int(v or 0) for v in r[4:])) for r in rows]
    end = 4 + n  # each row: customer_id, code, name, currency, the n bucket sums, credit
    empty = ()
    customers = []
    add = customers.append
    new = object.__new__
    by_currency: dict[str, list] = {}
    for r in rows:  # slices and indexes of plain rows: ~0.1 s for 100,000 (unpacking and int() per value: 0.3 s)
        amounts = r[4:end]
        total = sum(amounts)
        credit = r[end]
        # what the frozen dataclass's __init__ does (one object.__setattr__ per field), half the time of it
        c = new(CustomerAging)
        d = c.__dict__
        d["customer_id"] = r[0]
        d["code"] = r[1]
        d["name"] = r[2]
        d["currency"] = r[3]
        d["buckets"] = amounts
        d["total_minor"] = total
        d["unapplied_credit_minor"] = credit
        d["net_minor"] = total - credit
        d["items"] = tuple(items_by_key.get((r[0], r[3]), empty)) if detail else empty
        add(c)
        same = by_currency.get(r[3])
        if same is None:
            same = by_currency[r[3]] = []
        same.append(r)
    totals = []
    for cur in sorted(by_currency):  # the columns summed in C, per currency
        sums = [sum(column) for column in [*zip(*by_currency[cur])][4:end + 1]]
        total = sum(sums[:n])
        totals.append(CurrencyTotal(cur, tuple(sums[:n]), total, sums[n], total - sums[n]))
    return AgingReport(
        as_of=as_of,
        basis=basis,
        bucket_days=days,
        bucket_labels=labels,
        customers=tuple(customers),
        totals=tuple(totals),
        detail=detail,
        currency=currency,
        customer_code=customer_code,
    )


def currency_totals(customers: Sequence[CustomerAging], n: int) -> tuple[CurrencyTotal, ...]:
    acc: dict[str, list[int]] = {}
    for c in customers:
        row = acc.setdefault(c.currency, [0] * (n + 1))
        for i, amount in enumerate(c.buckets):
            row[i] += amount
        row[n] += c.unapplied_credit_minor
    out = []
    for cur in sorted(acc):
        row = acc[cur]
        total = sum(row[:n])
        out.append(CurrencyTotal(cur, tuple(row[:n]), total, row[n], total - row[n]))
    return tuple(out)
