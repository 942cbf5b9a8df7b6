"""The forecast's historical lateness, the tasks' historical risk and the forecast itself as they were computed
before the ledger kept a payment history (app.ledger.payment_history): straight from every allocation dated
by the date. Kept verbatim as the reference the stored reading is tested against."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger, Date, Integer, String, case, cast, func, literal, null, select, union_all

from app.ledger.balances import invoice_exists_as_of
from app.ledger.sqlfuncs import days_between
from app.models import POSTED, Allocation, DueLine, Invoice
from app.reports.forecast import (
    HistoricalLateness, StoredModelLateness, _open_lines_select, build_forecast, check_weeks, committed_receipts,
    open_lines_statement, place_lines,
)

_EPOCH = dt.date(1970, 1, 1)
LATE_DAYS = 30
PRIOR = 1 / 3
PRIOR_WEIGHT = 3


def line_state_cte(as_of: dt.date):
    by_payment = Allocation.payment_id.is_not(None)
    return (select(Allocation.due_line_id.label("due_line_id"),
                   func.sum(Allocation.amount_minor).label("allocated"),
                   func.sum(case((by_payment, Allocation.amount_minor), else_=0)).label("paid"),
                   func.sum(case((by_payment, cast(Allocation.amount_minor, BigInteger)
                                  * days_between(Allocation.date, literal(_EPOCH, Date))), else_=0)).label("paid_days"))
            .where(Allocation.date <= as_of)
            .group_by(Allocation.due_line_id)
            .cte("line_state")
            .prefix_with("MATERIALIZED"))


def _lateness_select(state, as_of: dt.date):
    weighted = state.c.paid_days - cast(state.c.paid, BigInteger) * days_between(DueLine.due_date,
                                                                                  literal(_EPOCH, Date))
    return (select(Invoice.customer_id, func.sum(state.c.paid).label("paid"), func.sum(weighted).label("weighted"))
            .select_from(DueLine)
            .join(state, state.c.due_line_id == DueLine.id)
            .join(Invoice, DueLine.invoice_id == Invoice.id)
            .where(invoice_exists_as_of(as_of), state.c.allocated >= DueLine.amount_minor, state.c.paid > 0)
            .group_by(Invoice.customer_id))


def fit(session, as_of: dt.date) -> HistoricalLateness:
    state = line_state_cte(as_of)
    return HistoricalLateness.from_rows(session.execute(_lateness_select(state, as_of)).all())


def _open_lines_and_lateness(session, as_of: dt.date, currency: str | None):
    state = line_state_cte(as_of)
    lines = _open_lines_select(as_of)
    if currency:
        lines = lines.where(Invoice.currency == currency)
    lines = lines.with_only_columns(
        literal("L").label("row"), DueLine.id, Invoice.customer_id, Invoice.currency, DueLine.invoice_id,
        DueLine.due_date, lines.selected_columns.open.label("a"),
        cast(null(), BigInteger).label("b"))
    late = _lateness_select(state, as_of).subquery()
    customers = select(literal("C"), cast(null(), Integer), late.c.customer_id, cast(null(), String),
                       cast(null(), Integer), cast(null(), Date), late.c.paid, late.c.weighted)
    line_rows, customer_rows = [], []
    for kind, line_id, customer_id, cur, invoice_id, due, a, b in session.execute(union_all(lines, customers)):
        if kind == "L":
            line_rows.append((line_id, customer_id, cur, invoice_id, due, a))
        else:
            customer_rows.append((customer_id, a, b))
    return line_rows, HistoricalLateness.from_rows(customer_rows)


def cash_forecast(session, as_of: dt.date, weeks: int = 12, *, model=None, sources=None, currency=None):
    check_weeks(weeks)
    cur_filter = currency.upper() if currency else None
    if model is None:
        model = StoredModelLateness.load(session, as_of)
    if model is None:
        rows, model = _open_lines_and_lateness(session, as_of, cur_filter)
    else:
        q = open_lines_statement(as_of)
        if cur_filter:
            q = q.where(Invoice.currency == cur_filter)
        rows = session.execute(q)
    committed = committed_receipts(session, as_of, sources, cur_filter)
    sums, totals = place_lines(rows, committed, model, as_of, weeks)
    return build_forecast(as_of, weeks, model, sums, totals)


def historical_risk(session, customer_ids, as_of: dt.date) -> dict[int, float]:
    ids = list(set(customer_ids))
    if not ids:
        return {}
    settled = (
        select(DueLine.id.label("line"), Invoice.customer_id.label("customer_id"), DueLine.due_date.label("due"),
               func.max(Allocation.date).label("last"))
        .join(Invoice, DueLine.invoice_id == Invoice.id)
        .join(Allocation, Allocation.due_line_id == DueLine.id)
        .where(Invoice.customer_id.in_(ids), Invoice.status == POSTED, Allocation.date <= as_of)
        .group_by(DueLine.id, Invoice.customer_id, DueLine.due_date, DueLine.amount_minor)
        .having(func.sum(Allocation.amount_minor) >= DueLine.amount_minor)
        .subquery()
    )
    rows = session.execute(
        select(settled.c.customer_id, func.count(),
               func.sum(case((days_between(settled.c["last"], settled.c.due) > LATE_DAYS, 1), else_=0)))
        .group_by(settled.c.customer_id)
    ).all()
    counts = {cid: (int(n), int(late or 0)) for cid, n, late in rows}
    return {cid: (counts.get(cid, (0, 0))[1] + PRIOR * PRIOR_WEIGHT) / (counts.get(cid, (0, 0))[0] + PRIOR_WEIGHT)
            for cid in ids}


def over_credit_limit(session, as_of: dt.date) -> set[tuple[int, str, int]]:
    """The tasks' customers over their credit limit as they were read (customer id, currency, open − limit)."""
    from sqlalchemy import and_

    from app.ledger.balances import open_as_of
    from app.models import Customer

    o = open_as_of(as_of)
    open_by_customer = (
        select(Invoice.customer_id.label("cid"), func.sum(o.open).label("open"))
        .join(Invoice, DueLine.invoice_id == Invoice.id)
        .outerjoin(o.later, o.onclause)
        .join(Customer, and_(Customer.id == Invoice.customer_id, Customer.currency == Invoice.currency))
        .where(o.may_be_open(), invoice_exists_as_of(as_of), Customer.credit_limit_minor.is_not(None))
        .group_by(Invoice.customer_id).subquery()
    )
    over = session.execute(
        select(Customer.id, Customer.currency, open_by_customer.c.open, Customer.credit_limit_minor)
        .join(open_by_customer, open_by_customer.c.cid == Customer.id)
        .where(open_by_customer.c.open > Customer.credit_limit_minor))
    return {(cid, cur, int(open_) - int(limit)) for cid, cur, open_, limit in over}
