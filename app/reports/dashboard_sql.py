"""The dashboard's numbers straight from set-based sums, without building the aging, KPI and forecast
reports row by row (at 100,000 customers those take seconds; the dashboard needs only totals).

Each function gives the same figures as the full report it stands for (tests/reports/test_dashboard_sql.py
checks them against aging_report, kpi_report and cash_forecast):

- line_sums: the aging's buckets per currency and the forecast's weeks, from one grouping of the lines
  that may be open (ix_due_line_open plus the lines allocated after the date) by currency, bucket, week;
- top_debtors: the same lines grouped per customer, cut to the top of each currency by a window function,
  and (ranked_debtors) to the top of all currencies in the company's currency at the date's rates; on or
  after the latest date any document carries (today, as a rule) from the stored balances instead
  (stored_ranked_debtors: a customer's open items are its stored balance plus its unapplied credit), so
  the grouping of every open line per customer (0.6 s at a million invoices) is left out;
- unapplied_credit: Σ amount − applied_minor over the payments, credit notes and write-offs with credit
  left (partial indexes), plus their allocations dated after the date;
- period_movements: for AR at the period start by the identity AR(start) = AR(end) − credit sales
  + allocations dated in the period + totals of older invoices voided in the period (an invoice with
  anything applied cannot be voided, and allocations are never dated before their invoice), so no
  second pass over the lines is needed;
- the forecast weeks (in line_sums) cover the customers without commitments, shifted by the stored
  model's expected days late; customers with agreements or promises go through forecast.place_lines.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import Integer, case, cast, func, literal, or_, select, union_all
from sqlalchemy.orm import Session

from app.ledger.balance_keeper import latest_date
from app.ledger.sqlfuncs import clamp, days_between
from app.ledger.balances import (invoice_exists_as_of, open_as_of_in, unapplied_credit_by_customer,
                                  unapplied_credit_parts)
from app.ledger.fx import Rates, rates_on, sql_to_company, to_company_minor
from app.models import POSTED, Allocation, Customer, CustomerBalance, CustomerRisk, DueLine, Invoice

from .aging import bucket_case, bucket_labels


def _open_lines(session: Session, as_of: dt.date, days):
    """A select of (currency, customer_id, bucket, open) over the lines open as of the date, joined to
    their invoice. For today (nothing allocated after the date) that is ix_due_line_open alone: covering,
    the due date and amounts are in it."""
    o = open_as_of_in(session, as_of)
    return o.lines(Invoice.currency.label("currency"), Invoice.customer_id.label("customer_id"),
                   bucket_case(DueLine.due_date, as_of, "due", days).label("bucket"), o.open.label("open"))


def line_sums(session: Session, as_of: dt.date, days, forecast: tuple | None):
    """The aging's buckets per currency and the forecast's weeks, from one grouping of the open lines by
    (currency, bucket, week): ({currency: [bucket sums]}, {currency: {week: [expected, from overdue, 0]}}).

    `forecast` is (weeks, default_shift, customer ids to leave out) or None: the week of each line's
    expected payment, shifted by its customer's stored expected days late (rounded half away from zero,
    like forecast.round_days) or `default_shift`."""
    q = _open_lines(session, as_of, days)
    week = literal(0)
    if forecast is not None:
        weeks, default_shift, skip = forecast
        due_in = days_between(DueLine.due_date, literal(as_of))  # days from the date to the due date

        def week_of(shift):  # 1: by the end of the first week (overdue included), weeks + 1: beyond
            return clamp((due_in + shift + 6) // 7, 1, weeks + 1)

        shifts = _shift_range(session, as_of, default_shift)
        if shifts is None:  # no stored scores: every customer gets the default
            week = week_of(literal(default_shift))
        else:
            # a line falls in the first week, or beyond the last, whatever its customer's shift when its
            # due date is far enough from the date: only the others look the shift up (a lookup per line in
            # the wide customer_risk rows cost more than the rest of the line's work; at a million invoices
            # most open lines are long overdue)
            lo, hi = shifts
            stored = (select(cast(func.round(CustomerRisk.expected_days_late), Integer))
                      .where(CustomerRisk.customer_id == Invoice.customer_id, CustomerRisk.as_of <= as_of)
                      .scalar_subquery())
            week = case((due_in + hi <= 0, 1), (due_in + lo > 7 * weeks, weeks + 1),
                        else_=week_of(func.coalesce(stored, literal(default_shift))))
        if skip:  # their lines are placed by forecast.place_lines; out of the weeks, not of the buckets
            week = case((Invoice.customer_id.in_(sorted(skip)), literal(0)), else_=week)
    lines = q.add_columns(week.label("week")).subquery()
    n = len(bucket_labels("due", days))
    buckets: dict[str, list[int]] = defaultdict(lambda: [0] * n)
    sums: dict[str, dict[int, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0, 0]))
    for cur, k, w, amount in session.execute(
            select(lines.c.currency, lines.c.bucket, lines.c.week, func.sum(lines.c.open))
            .group_by(lines.c.currency, lines.c.bucket, lines.c.week)):
        buckets[cur][int(k)] += int(amount)
        if forecast is not None and w:
            cell = sums[cur][int(w)]
            cell[0] += int(amount)
            if k:  # bucket 0 is "current": the rest is overdue
                cell[1] += int(amount)
    return dict(buckets), sums


def _shift_range(session: Session, as_of: dt.date, default_shift: int) -> tuple[int, int] | None:
    """Bounds of the whole days any customer's stored expected lateness can shift a line by (its rounding
    and the default for customers the snapshot does not cover included); None without stored scores."""
    low, high = session.execute(select(func.min(CustomerRisk.expected_days_late),
                                       func.max(CustomerRisk.expected_days_late))
                                .where(CustomerRisk.as_of <= as_of)).one()
    if low is None:
        return None
    return min(math.floor(float(low)), default_shift), max(math.ceil(float(high)), default_shift)


def top_debtors(session: Session, as_of: dt.date, days, top: int) -> dict[str, list[tuple]]:
    """{currency: [(code, name, total, overdue), ...]}: the `top` customers with the most open, most first
    (ties by code), from a grouping of the open lines per customer that a window function cuts per currency."""
    return ranked_debtors(session, as_of, days, top)[0]


def across_key(currency: str, total_minor: int, code: str, total_company_minor: int | None):
    """How debtors in different currencies rank: by the amount in the company's currency, most first;
    those without a rate last, by currency and then their own amount (never compared raw across currencies)."""
    missing = total_company_minor is None
    return (missing, 0 if missing else -total_company_minor, currency if missing else "", -total_minor, code,
            currency)


def ranked_debtors(session: Session, as_of: dt.date, days, top: int,
                   rates: Rates | None = None) -> tuple[dict[str, list[tuple]], list[tuple]]:
    """The top debtors of each currency (as `top_debtors`), and the `top` (customer, currency) debtors of
    every currency ranked in the company's currency at the as-of date's rates:
    [(code, name, total, overdue, currency, total in company minor units or None without a rate), ...].

    One grouping of the open lines per customer and currency, cut by two window functions; from the
    stored balances when they hold for the date (stored_ranked_debtors)."""
    rates = rates or rates_on(session, as_of)
    stored = stored_ranked_debtors(session, as_of, days, top, rates)
    if stored is not None:
        return stored
    lines = _open_lines(session, as_of, days).subquery()
    per_customer = select(lines.c.currency, lines.c.customer_id, func.sum(lines.c.open).label("total"),
                          func.sum(case((lines.c.bucket > 0, lines.c.open), else_=0)).label("overdue")) \
        .group_by(lines.c.currency, lines.c.customer_id).subquery()
    value, missing = sql_to_company(per_customer.c.total, per_customer.c.currency, rates)
    ranked = select(per_customer, func.row_number().over(
        partition_by=per_customer.c.currency,
        order_by=(per_customer.c.total.desc(), per_customer.c.customer_id)).label("rank"),
        func.row_number().over(order_by=(missing, value.desc(), per_customer.c.currency,
                                         per_customer.c.total.desc(), per_customer.c.customer_id)).label("across")
    ).subquery()
    # spare rows: ties are ordered by code below, and SQLite multiplies the rates in double precision
    rows = session.execute(select(ranked.c.currency, ranked.c.customer_id, ranked.c.total, ranked.c.overdue,
                                  ranked.c.rank, ranked.c.across)
                           .where(or_(ranked.c.rank <= top * 2, ranked.c.across <= top * 2))).all()
    ids = sorted({row[1] for row in rows})
    names = {cid: (code, name) for cid, code, name in session.execute(
        select(Customer.id, Customer.code, Customer.name).where(Customer.id.in_(ids)))} if ids else {}
    ranked_rows: dict[str, list] = defaultdict(list)
    across = []
    for cur, cid, total, overdue, rank, across_rank in rows:
        if total <= 0:
            continue
        if rank <= top * 2:
            ranked_rows[cur].append((*names[cid], int(total), int(overdue)))
        if across_rank <= top * 2:
            across.append((*names[cid], int(total), int(overdue), cur, to_company_minor(int(total), cur, rates)))
    across.sort(key=lambda d: across_key(d[4], d[2], d[0], d[5]))
    return ({cur: sorted(found, key=lambda d: (-d[2], d[0]))[:top] for cur, found in ranked_rows.items()},
            across[:top])


def stored_ranked_debtors(session: Session, as_of: dt.date, days, top: int,
                          rates: Rates) -> tuple[dict[str, list[tuple]], list[tuple]] | None:
    """ranked_debtors from the stored balances (customer_balance, kept by app.ledger.balance_keeper), or None
    when they do not hold for the date (a document or void dated after it).

    A customer's open items in a currency are its stored balance plus its unapplied credit (balance = open
    items − unapplied credit: every allocation joins two of its documents dated by then, so allocations
    cancel out; app.ledger.balances.balance_parts). Credit only adds, so the top of a currency is among
    its customers with the biggest balances (the `top` biggest, ties at the edge included) and those
    with credit left (a few thousand at 100,000 customers, read by their partial indexes); those are
    ranked here by total and then code, as the aging report ranks them (ties are not cut by id), and
    only the ranked few have their lines read, for what they have overdue. The debtors of every
    currency, ranked in the company's currency, are among the top of their own currency (the conversion
    keeps the order within a currency)."""
    last = latest_date(session)
    if last is None or last > as_of:
        return None
    totals: dict[tuple[str, int], int] = {}
    for cur in session.scalars(select(CustomerBalance.currency).distinct()):
        edge = (select(CustomerBalance.balance_minor).where(CustomerBalance.currency == cur)
                .order_by(CustomerBalance.balance_minor.desc()).offset(top - 1).limit(1).scalar_subquery())
        for cid, balance in session.execute(
                select(CustomerBalance.customer_id, CustomerBalance.balance_minor)
                .where(CustomerBalance.currency == cur, CustomerBalance.balance_minor >= func.coalesce(edge, balance_floor()))):
            totals[(cur, cid)] = int(balance)
    credit = unapplied_credit_by_customer(as_of)
    for cid, cur, amount, balance in session.execute(
            select(credit.c.customer_id, credit.c.currency, credit.c.credit, CustomerBalance.balance_minor)
            .outerjoin(CustomerBalance, (CustomerBalance.customer_id == credit.c.customer_id)
                       & (CustomerBalance.currency == credit.c.currency))):
        totals[(cur, cid)] = int(balance or 0) + int(amount)
    per_currency: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for (cur, cid), total in totals.items():
        if total > 0:
            per_currency[cur].append((total, cid))
    contenders = {}  # per currency: those with at least the top-th biggest total, ties included
    for cur, found in per_currency.items():
        edge = sorted((t for t, _cid in found), reverse=True)[:top][-1]
        contenders[cur] = [(t, cid) for t, cid in found if t >= edge]
    ids = sorted({cid for found in contenders.values() for _t, cid in found})
    if not ids:
        return {}, []
    names = {cid: (code, name) for cid, code, name in session.execute(
        select(Customer.id, Customer.code, Customer.name).where(Customer.id.in_(ids)))}
    heads = {cur: sorted(found, key=lambda tc: (-tc[0], names[tc[1]][0]))[:top] for cur, found in contenders.items()}
    overdue = _overdue_of(session, as_of, days, sorted({cid for found in heads.values() for _t, cid in found}))
    ranked: dict[str, list[tuple]] = {}
    across = []
    for cur, found in heads.items():
        ranked[cur] = [(*names[cid], total, overdue.get((cur, cid), 0)) for total, cid in found]
        across += [(*row, cur, to_company_minor(row[2], cur, rates)) for row in ranked[cur]]
    across.sort(key=lambda d: across_key(d[4], d[2], d[0], d[5]))
    return ranked, across[:top]


def balance_floor():
    """Lower than any stored balance (the edge when a currency has fewer customers than are kept)."""
    return literal(-(1 << 62))


def _overdue_of(session: Session, as_of: dt.date, days, customer_ids) -> dict[tuple[str, int], int]:
    """(currency, customer id) -> open past due as of the date, for a few customers (by the invoices'
    customer index)."""
    lines = _open_lines(session, as_of, days).where(Invoice.customer_id.in_(customer_ids)).subquery()
    return {(cur, cid): int(v or 0) for cur, cid, v in session.execute(
        select(lines.c.currency, lines.c.customer_id, func.sum(case((lines.c.bucket > 0, lines.c.open), else_=0)))
        .group_by(lines.c.currency, lines.c.customer_id))}


def unapplied_credit(session: Session, as_of: dt.date) -> dict[str, int]:
    both = union_all(*unapplied_credit_parts(as_of)).subquery()
    return {cur: int(v) for cur, v in session.execute(select(both.c.currency, func.sum(both.c.credit))
                                                      .group_by(both.c.currency))}


@dataclass(frozen=True)
class PeriodMovements:
    """Per currency over (start, as_of]: credit sales, allocations, and totals of older invoices voided."""

    sales: dict[str, int]
    allocated: dict[str, int]
    voided: dict[str, int]

    def receivables_at_start(self, ar_end: dict[str, int]) -> dict[str, int]:
        currencies = set(ar_end) | set(self.sales) | set(self.voided) | set(self.allocated)
        return {cur: ar_end.get(cur, 0) - self.sales.get(cur, 0) + self.allocated.get(cur, 0)
                + self.voided.get(cur, 0) for cur in currencies}


def period_movements(session: Session, as_of: dt.date, start: dt.date) -> PeriodMovements:
    def per_currency(q) -> dict[str, int]:
        return {cur: int(v or 0) for cur, v in session.execute(q)}

    # two range reads of the covering index on invoice(issue_date, currency, total_minor, status, void_date):
    # the period's sales, and the older invoices voided in the period
    sales = per_currency(select(Invoice.currency, func.sum(Invoice.total_minor))
                         .where(Invoice.issue_date > start, invoice_exists_as_of(as_of)).group_by(Invoice.currency))
    voided = per_currency(select(Invoice.currency, func.sum(Invoice.total_minor))
                          .where(Invoice.issue_date <= start, Invoice.status != POSTED, Invoice.void_date > start,
                                 Invoice.void_date <= as_of).group_by(Invoice.currency))
    allocated = per_currency(  # the covering index allocation(date, currency, amount_minor)
        select(Allocation.currency, func.sum(Allocation.amount_minor))
        .where(Allocation.date > start, Allocation.date <= as_of).group_by(Allocation.currency))
    return PeriodMovements(sales, allocated, voided)
