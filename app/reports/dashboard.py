"""What the dashboard shows, computed in one call: receivable, overdue, DSO and CEI per currency,
the aging by bucket, the weekly forecast and the top debtors; and the items behind a bar or card.

Plain frozen dataclasses, so the GUI can compute this on a worker and draw it on the GUI thread.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Customer

from .aging import DEFAULT_BUCKETS, aging_report, bucket_labels, detail_query
from .forecast import cash_forecast
from .kpi import kpi_report

TOP_DEBTORS = 10


@dataclass(frozen=True)
class Debtor:
    code: str
    name: str
    total_minor: int
    overdue_minor: int


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
    currencies: tuple[CurrencyDashboard, ...]

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


def dashboard(session: Session, as_of: dt.date, *, weeks: int = 12, kpi_days: int = 90) -> Dashboard:
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
    currencies.sort(key=lambda c: -c.receivable_minor)
    return Dashboard(as_of, labels, tuple(currencies))


def drill_items(session: Session, as_of: dt.date, *, currency: str, bucket: str | None = None,
                overdue_only: bool = False, limit: int = 500) -> list[DrillItem]:
    """The open items behind a bar (one bucket) or a card (all, or all overdue), biggest first."""
    labels = bucket_labels("due", DEFAULT_BUCKETS)
    detail = detail_query(as_of, "due", DEFAULT_BUCKETS, currency=currency).order_by(None).subquery()
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
