"""What the dashboard shows, computed in one call: receivable, overdue, DSO and CEI per currency,
the aging by bucket, the weekly forecast and the top debtors; and the items behind a bar or card.

Plain frozen dataclasses, so the GUI can compute this on a worker and draw it on the GUI thread.
"""

from __future__ import annotations

import datetime as dt
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.models import Customer

from .aging import DEFAULT_BUCKETS, AgingQuery, aging_report, bucket_labels
from app.ledger.fx import Rates, rates_on, to_company_minor

from .dashboard_sql import PeriodMovements, across_key, line_sums, period_movements, ranked_debtors, unapplied_credit
from .forecast import (
    HistoricalLateness,
    StoredModelLateness,
    add_committed_lines,
    build_forecast,
    cash_forecast,
    committed_receipts,
    round_days,
)
from .kpi import safe_ratio, kpi_report, q2

TOP_DEBTORS = 10
#: the quick dashboard's lateness while no risk snapshot is stored: every open item on its due date
DUE_DATES = HistoricalLateness({}, 0.0, name="due_dates")


@dataclass(frozen=True)
class Debtor:
    code: str
    name: str
    total_minor: int
    overdue_minor: int
    currency: str = ""  # set in Dashboard.top_debtors (every currency); the per-currency lists leave it out
    total_company_minor: int | None = 0  # total in the company's currency; None without a rate on the date

    @property
    def rate_missing(self) -> bool:
        return self.total_company_minor is None


@dataclass(frozen=True)
class CurrencyDashboard:
    currency: str
    receivable_minor: int  # open items
    overdue_minor: int  # open items past their due date
    unapplied_credit_minor: int
    pct_overdue: Decimal | None
    dso: Decimal | None
    cei: Decimal | None
    buckets: tuple[int, ...]  # open amount per aging bucket (labels on the Dashboard)
    forecast_weeks: tuple[tuple[dt.date, int, int], ...]  # (week start, expected, of which from overdue)
    forecast_beyond_minor: int
    top_debtors: tuple[Debtor, ...]


@dataclass(frozen=True)
class Dashboard:
    as_of: dt.date
    bucket_labels: tuple[str, ...]
    currencies: tuple[CurrencyDashboard, ...]  # most receivable first, in the company's currency
    # the top debtors of every currency, ranked in the company's currency at the as-of date's rates
    # (each row in its own currency; those without a rate last)
    top_debtors: tuple[Debtor, ...] = ()
    company_currency: str | None = None
    #: what placed the open items in the forecast's weeks: "model" (the stored risk scores), "historical"
    #: (each customer's past lateness) or "due_dates" (the quick figure while no scores are stored)
    forecast_model: str = ""

    def for_currency(self, currency: str | None) -> CurrencyDashboard | None:
        if not self.currencies:
            return None
        return next((c for c in self.currencies if c.currency == currency), self.currencies[0])


@dataclass(frozen=True)
class DrillItem:
    customer_code: str
    customer_name: str
    document: str
    due_date: dt.date
    days: int
    currency: str
    open_minor: int
    disputed: bool


@dataclass(frozen=True)
class _Beside:
    """What the dashboard reads apart from the lines' sums: on a second connection when it can."""

    debtors: tuple  # (per currency, across currencies)
    credit: dict
    movements: PeriodMovements


def _beside(session: Session, as_of: dt.date, start: dt.date) -> _Beside:
    return _Beside(ranked_debtors(session, as_of, DEFAULT_BUCKETS, TOP_DEBTORS), unapplied_credit(session, as_of),
                   kpi_movements(session, as_of, start))


def kpi_movements(session: Session, as_of: dt.date, start: dt.date) -> PeriodMovements:
    """What the DSO and CEI cards need over (start, as_of]: the period's credit sales, allocations and
    voids (AR at the start follows from AR at the end). The one place the cards read them: stored running
    totals per month end (kpi.py) would plug in here."""
    return period_movements(session, as_of, start)


def lateness_for(session: Session, as_of: dt.date, skip, quick: bool):
    """What places the open items in the forecast's weeks: the stored risk snapshot (the lines' week sums
    in SQL read its expected days late, dashboard_sql.line_sums), else by due dates when `quick` (the
    GUI), else None (the full forecast with each customer's historical lateness). The one place the
    dashboard chooses its lateness source."""
    model = StoredModelLateness.load_for(session, as_of, skip)
    if model is None and quick:
        model = DUE_DATES
    return model


def _on_own_session(sessions: sessionmaker, fn, *args):
    with sessions() as session:
        try:
            return fn(session, *args)
        finally:
            session.rollback()


def dashboard(session: Session, as_of: dt.date, *, weeks: int = 12, kpi_days: int = 90,
              sessions: sessionmaker | None = None, quick: bool = False) -> Dashboard:
    """The same figures as dashboard_from_reports, from totals computed in SQL (app.reports.dashboard_sql):
    at 100,000 customers building the full aging, KPI and forecast reports takes seconds.

    With `sessions` (a factory of sessions on the same database) the top debtors, the unapplied credit
    and the period's movements are read on a connection of their own in a second thread while this one
    sums the lines: two statements of about 0.6 s each at 100,000 customers, so the refresh takes the
    longer of them instead of their sum on a machine with two cores. Each thread has its own session.

    `quick` (the GUI): without a stored risk snapshot the forecast places each open item on its due date
    (`forecast_model` "due_dates") instead of reading every customer's payment history (seconds at a
    million invoices, on the first start of a new book); the snapshot, computed in the background,
    brings the model's lateness."""
    labels = bucket_labels("due", DEFAULT_BUCKETS)
    start = as_of - dt.timedelta(days=kpi_days)
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="dashboard") if sessions is not None else None
    try:
        pending = pool.submit(_on_own_session, sessions, _beside, as_of, start) if pool is not None else None
        committed = committed_receipts(session, as_of, None, None)
        skip = {cid for cid, _cur in committed}
        model = lateness_for(session, as_of, skip, quick)
        buckets, sums = line_sums(session, as_of, DEFAULT_BUCKETS,
                                  (weeks, round_days(model.default), skip) if model is not None else None)
        forecast = _forecast(session, as_of, weeks, model, committed, sums)
        beside = pending.result() if pending is not None else _beside(session, as_of, start)
    finally:
        if pool is not None:
            pool.shutdown(wait=True)
    (debtors, across), credit = beside.debtors, beside.credit
    rates = rates_on(session, as_of)
    ar_end = {cur: sum(b) for cur, b in buckets.items()}
    sales, ar_begin = beside.movements.sales, beside.movements.receivables_at_start(ar_end)
    currencies = []
    for cur in sorted(set(buckets) | set(credit)):
        cur_buckets = tuple(buckets.get(cur, [0] * len(labels)))
        receivable, unapplied = sum(cur_buckets), credit.get(cur, 0)
        if not receivable and not unapplied:
            continue  # the aging leaves out what has nothing open and no credit
        overdue = sum(cur_buckets[1:])  # bucket 0 is "current" on the due basis
        current = cur_buckets[0]
        begin, sold = ar_begin.get(cur, 0), sales.get(cur, 0)
        fc = forecast.for_currency(cur)
        weeks_rows = tuple((w.week_start, w.expected_minor, w.from_overdue_minor) for w in fc.weeks) if fc else ()
        currencies.append(CurrencyDashboard(
            cur, receivable, overdue, unapplied,
            (Decimal(overdue * 100) / receivable).quantize(Decimal("0.01")) if receivable else None,
            q2(safe_ratio(receivable * kpi_days, sold)), q2(safe_ratio((begin + sold - receivable) * 100, begin + sold - current)),
            cur_buckets, weeks_rows, fc.beyond_minor if fc else 0,
            tuple(Debtor(*d) for d in debtors.get(cur, ()))))
    currencies.sort(key=lambda c: _currency_order(c, rates))
    return Dashboard(as_of, labels, tuple(currencies), tuple(Debtor(*d) for d in across), rates.home,
                     forecast.model)


def _currency_order(c: CurrencyDashboard, rates: Rates):
    """Currencies with the most receivable first, compared in the company's currency; without a rate last."""
    value = to_company_minor(c.receivable_minor, c.currency, rates)
    return (value is None, -(value or 0), c.currency if value is None else "", -c.receivable_minor, c.currency)


def _forecast(session: Session, as_of: dt.date, weeks: int, model, committed, sums):
    """The weekly forecast: the SQL week sums of the customers without commitments plus those with
    agreements or promises placed in Python (their commitments come first); without a stored model,
    the full report (historical lateness needs every customer's payment history)."""
    if model is None:
        return cash_forecast(session, as_of, weeks)
    if committed:
        add_committed_lines(session, as_of, weeks, model, committed, sums)
    totals = {cur: [0, 0] for cur in sums}  # the dashboard takes the totals from the aging
    return build_forecast(as_of, weeks, model, sums, totals)


def dashboard_from_reports(session: Session, as_of: dt.date, *, weeks: int = 12, kpi_days: int = 90) -> Dashboard:
    """The dashboard composed from the full aging, KPI and forecast reports: the reference the SQL totals
    are tested against, and the figures' definition."""
    aging = aging_report(session, as_of)
    # the dashboard shows DSO and CEI only: roll rates would cost another pass over the allocations
    kpis = {k.currency: k for k in kpi_report(session, as_of, kpi_days, roll_rates=False).currencies}
    forecast = cash_forecast(session, as_of, weeks)
    labels = aging.bucket_labels
    currencies = []
    for total in aging.totals:
        cur = total.currency
        receivable = sum(total.buckets)
        overdue = sum(total.buckets[1:])  # bucket 0 is "current" on the due basis
        rows = sorted((c for c in aging.customers if c.currency == cur), key=lambda c: (-c.total_minor, c.code))
        top = tuple(Debtor(c.code, c.name, c.total_minor, sum(c.buckets[1:])) for c in rows[:TOP_DEBTORS]
                    if c.total_minor > 0)
        k = kpis.get(cur)
        fc = forecast.for_currency(cur)
        weeks_rows = tuple((w.week_start, w.expected_minor, w.from_overdue_minor) for w in fc.weeks) if fc else ()
        currencies.append(CurrencyDashboard(
            cur, receivable, overdue, total.unapplied_credit_minor,
            (Decimal(overdue * 100) / receivable).quantize(Decimal("0.01")) if receivable else None,
            k.dso if k else None, k.cei if k else None, total.buckets, weeks_rows,
            fc.beyond_minor if fc else 0, top))
    rates = rates_on(session, as_of)
    currencies.sort(key=lambda c: _currency_order(c, rates))
    across = sorted((Debtor(c.code, c.name, c.total_minor, sum(c.buckets[1:]), c.currency,
                            to_company_minor(c.total_minor, c.currency, rates))
                     for c in aging.customers if c.total_minor > 0),
                    key=lambda d: across_key(d.currency, d.total_minor, d.code, d.total_company_minor))
    return Dashboard(as_of, labels, tuple(currencies), tuple(across[:TOP_DEBTORS]), rates.home, forecast.model)


def drill_items(session: Session, as_of: dt.date, *, currency: str, bucket: str | None = None,
                overdue_only: bool = False, limit: int = 500) -> list[DrillItem]:
    """The open items behind a bar (one bucket) or a card (all, or all overdue), biggest first."""
    labels = bucket_labels("due", DEFAULT_BUCKETS)
    detail = AgingQuery(as_of, currency=currency).detail().order_by(None).subquery()
    q = (select(Customer.code, Customer.name, detail.c.number, detail.c.due_date, detail.c.currency,
                detail.c.open_minor, detail.c.disputed)
         .join(Customer, Customer.id == detail.c.customer_id)
         .where(detail.c.open_minor > 0)
         .order_by(detail.c.open_minor.desc(), detail.c.number).limit(limit))
    if bucket is not None:
        q = q.where(detail.c.bucket == labels.index(bucket))
    elif overdue_only:
        q = q.where(detail.c.due_date < as_of)
    return [DrillItem(code, name, number, due, (as_of - due).days, cur, int(open_), bool(disputed))
            for code, name, number, due, cur, open_, disputed in session.execute(q)]
