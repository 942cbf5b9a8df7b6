"""The dashboard's numbers straight from set-based sums, without building the aging, KPI and forecast
reports row by row (at 100,000 customers those take seconds; the dashboard needs only totals).

Each function gives the same figures as the full report it stands for (tests/reports/test_dashboard_sql.py
checks them against aging_report, kpi_report and cash_forecast):

- open_totals: the aging's buckets per currency, the top debtors and the forecast's weeks, in one
  statement over the lines that may be open (ix_due_line_open plus the lines allocated after the date);
- unapplied_credit: Σ amount − applied_minor over the payments, credit notes and write-offs with credit
  left (partial indexes), plus their allocations dated after the date;
- receivables_at_start: AR at the period start by the identity AR(start) = AR(end) − credit sales
  + allocations dated in the period + totals of older invoices voided in the period (an invoice with
  anything applied cannot be voided, and allocations are never dated before their invoice), so no
  second pass over the lines is needed;
- the forecast weeks (in open_totals) cover the customers without commitments, shifted by the stored
  model's expected days late; customers with agreements or promises go through forecast.place_lines.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from sqlalchemy import Integer, and_, case, cast, exists, func, literal, select, union_all
from sqlalchemy.orm import Session

from app.ledger.balances import invoice_exists_as_of, open_as_of
from app.models import POSTED, Allocation, CreditNote, Customer, CustomerRisk, DueLine, Invoice, Payment, WriteOff

from .aging import _bucket_case, bucket_labels
from .kpi import days_between


def open_totals(session: Session, as_of: dt.date, days, top: int, forecast: tuple | None):
    """One statement over the lines that may be open as of the date (materialized once, each with its
    bucket and, with `forecast`, its week): ({currency: [bucket sums]}, {currency: [(code, name, total,
    overdue), ...top]}, forecast week sums).

    `forecast` is (weeks, default_shift, customer ids to leave out) or None: the week of each line's
    expected payment, shifted by its customer's stored expected days late (rounded half away from zero,
    like forecast.round_days) or `default_shift`, as {currency: {week: [expected, from overdue, 0]}}."""
    bucket = _bucket_case(DueLine.due_date, as_of, "due", days)
    if session.scalar(select(exists().where(Allocation.date > as_of))):
        o = open_as_of(as_of)
        q = (select(Invoice.currency.label("currency"), Invoice.customer_id.label("customer_id"),
                    bucket.label("bucket"), o.open.label("open"))
             .select_from(DueLine)
             .join(Invoice, DueLine.invoice_id == Invoice.id)
             .outerjoin(o.later, o.onclause)
             .where(o.may_be_open(), invoice_exists_as_of(as_of), o.open > 0))
    else:  # nothing allocated after the date (the dashboard of today): open = amount − paid_minor
        open_now = DueLine.amount_minor - DueLine.paid_minor
        q = (select(Invoice.currency.label("currency"), Invoice.customer_id.label("customer_id"),
                    bucket.label("bucket"), open_now.label("open"))
             .select_from(DueLine)
             .join(Invoice, DueLine.invoice_id == Invoice.id)
             .where(DueLine.paid_minor < DueLine.amount_minor, invoice_exists_as_of(as_of)))
    if forecast is not None:
        weeks, default_shift, skip = forecast
        shift = func.coalesce(cast(func.round(CustomerRisk.expected_days_late), Integer), literal(default_shift))
        # days from the as-of date to the expected payment, computed once per line (the week below)
        ahead = days_between(DueLine.due_date, literal(as_of)) + shift
        q = q.add_columns(ahead.label("ahead")).outerjoin(
            CustomerRisk, and_(CustomerRisk.customer_id == Invoice.customer_id, CustomerRisk.as_of <= as_of))
    lines = q.cte("open_lines").prefix_with("MATERIALIZED")
    overdue = func.sum(case((lines.c.bucket > 0, lines.c.open), else_=0))
    totals = select(literal("T").label("kind"), lines.c.currency, lines.c.bucket.label("k"),
                    func.sum(lines.c.open).label("a"), literal(0).label("b")) \
        .group_by(lines.c.currency, lines.c.bucket)
    per_customer = select(lines.c.currency, lines.c.customer_id, func.sum(lines.c.open).label("total"),
                          overdue.label("overdue")).group_by(lines.c.currency, lines.c.customer_id).subquery()
    ranked = select(per_customer, func.row_number().over(
        partition_by=per_customer.c.currency,
        order_by=(per_customer.c.total.desc(), per_customer.c.customer_id)).label("rank")).subquery()
    best = select(literal("D"), ranked.c.currency, ranked.c.customer_id, ranked.c.total, ranked.c.overdue) \
        .where(ranked.c.rank <= top * 2)  # a few spare: ties on the total are ordered by code below
    parts = [totals, best]
    if forecast is not None:
        ahead = lines.c.ahead
        week = case((ahead <= 0, 1), (ahead > 7 * weeks, weeks + 1), else_=(ahead + 6) // 7)
        by_week = select(literal("W"), lines.c.currency, week, func.sum(lines.c.open), overdue) \
            .group_by(lines.c.currency, week)
        if skip:
            by_week = by_week.where(lines.c.customer_id.not_in(sorted(skip)))
        parts.append(by_week)
    n = len(bucket_labels("due", days))
    buckets: dict[str, list[int]] = defaultdict(lambda: [0] * n)
    ranked_rows: dict[str, list] = defaultdict(list)
    sums: dict[str, dict[int, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0, 0]))
    for kind, cur, k, a, b in session.execute(union_all(*parts)):
        if kind == "T":
            buckets[cur][int(k)] += int(a)
        elif kind == "D":
            ranked_rows[cur].append((int(k), int(a), int(b)))
        else:
            cell = sums[cur][int(k)]
            cell[0] += int(a)
            cell[1] += int(b)
    ids = {cid for rows in ranked_rows.values() for cid, _t, _o in rows}
    names = {cid: (code, name) for cid, code, name in session.execute(
        select(Customer.id, Customer.code, Customer.name).where(Customer.id.in_(sorted(ids))))} if ids else {}
    debtors = {cur: sorted(((*names[cid], tot, over) for cid, tot, over in rows if tot > 0),
                           key=lambda d: (-d[2], d[0]))[:top]
               for cur, rows in ranked_rows.items()}
    return dict(buckets), debtors, sums


def unapplied_credit(session: Session, as_of: dt.date) -> dict[str, int]:
    parts = []
    for table, column, posted_only in ((Payment, Allocation.payment_id, True),
                                       (CreditNote, Allocation.credit_note_id, True),
                                       (WriteOff, Allocation.write_off_id, False)):
        live = [table.date <= as_of] + ([table.status == POSTED] if posted_only else [])
        parts.append(select(table.currency.label("currency"), (table.amount_minor - table.applied_minor).label("v"))
                     .where(table.applied_minor < table.amount_minor, *live))
        parts.append(select(table.currency.label("currency"), Allocation.amount_minor.label("v"))
                     .join(table, column == table.id).where(Allocation.date > as_of, *live))
    both = union_all(*parts).subquery()
    return {cur: int(v) for cur, v in session.execute(select(both.c.currency, func.sum(both.c.v))
                                                      .group_by(both.c.currency))}


def receivables_at_start(session: Session, as_of: dt.date, start: dt.date,
                         ar_end: dict[str, int]) -> tuple[dict[str, int], dict[str, int]]:
    """({currency: credit sales of (start, as_of]}, {currency: AR as of start})."""
    # two range reads of the covering index on invoice(issue_date, currency, total_minor, status, void_date):
    # the period's sales, and the older invoices voided in the period
    sales = dict(session.execute(
        select(Invoice.currency, func.sum(Invoice.total_minor))
        .where(Invoice.issue_date > start, invoice_exists_as_of(as_of)).group_by(Invoice.currency)).all())
    voided = dict(session.execute(
        select(Invoice.currency, func.sum(Invoice.total_minor))
        .where(Invoice.issue_date <= start, Invoice.status != POSTED, Invoice.void_date > start,
               Invoice.void_date <= as_of).group_by(Invoice.currency)).all())
    sales = {cur: int(v or 0) for cur, v in sales.items()}
    voided = {cur: int(v or 0) for cur, v in voided.items()}
    allocated = dict(session.execute(  # the covering index allocation(date, currency, amount_minor)
        select(Allocation.currency, func.sum(Allocation.amount_minor))
        .where(Allocation.date > start, Allocation.date <= as_of)
        .group_by(Allocation.currency)).all())
    currencies = set(ar_end) | set(sales) | set(voided) | set(allocated)
    begin = {cur: ar_end.get(cur, 0) - sales.get(cur, 0) + int(allocated.get(cur) or 0) + voided.get(cur, 0)
             for cur in currencies}
    return sales, begin
