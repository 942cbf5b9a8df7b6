"""Cash-flow forecast: the collections expected in each of the next N weeks after a date.

Every due line open as of the date (the ledger's as-of rules) is expected on its due date shifted by
its customer's expected lateness in days, rounded to whole days:

    expected date = due date + round(model.expected_days_late(customer_id))

Already-overdue lines (due date before the as-of date) follow the same rule, so a customer who
usually pays 20 days late and is 5 days late now is expected in 15 days; a line whose expected date
is already past (the customer is later than usual) is expected in the first week. The part of each
week that comes from lines overdue on the as-of date is shown as `from_overdue`. Amounts expected
after the last week are `beyond`, so the weeks plus beyond always add up to what is open.

The lateness model is pluggable: anything with `expected_days_late(customer_id) -> float`. The
default, HistoricalLateness, is each customer's amount-weighted lateness (allocation date − due date,
payments only) over its due lines settled by the as-of date, and for customers without such history
the same figure over all customers (0 when nobody has any).

Extension point for promises to pay and agreement instalments (they do not exist yet): pass
`sources`, objects with `receipts(session, as_of) -> Iterable[ExpectedReceipt]`. A receipt names a due
line, a date and an amount; that amount is taken off the line's open amount (never below zero) and
placed on its own date instead of the model's, with the receipt's `source` name.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Iterable, Mapping, Protocol, Sequence, runtime_checkable

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from app.ledger.balances import invoice_exists_as_of
from app.models import Allocation, DueLine, Invoice

from .kpi import days_between

DEFAULT_WEEKS = 12
MAX_WEEKS = 260


class ForecastOptionError(ValueError):
    def __init__(self, message: str, field: str):
        super().__init__(message)
        self.field = field


# --- the lateness model -----------------------------------------------------------------


@runtime_checkable
class LatenessModel(Protocol):
    """How many days after its due date a customer's open amount is expected to be collected
    (negative: before). A later issue plugs a trained model in here."""

    def expected_days_late(self, customer_id: int) -> float: ...


@dataclass(frozen=True)
class HistoricalLateness:
    """Amount-weighted historical lateness per customer, with a company-wide default."""

    per_customer: Mapping[int, float] = field(default_factory=dict)
    default: float = 0.0
    name: str = "historical"

    def expected_days_late(self, customer_id: int) -> float:
        return self.per_customer.get(customer_id, self.default)

    @classmethod
    def fit(cls, session: Session, as_of: dt.date) -> "HistoricalLateness":
        """One statement: over due lines settled (nothing open) as of `as_of`, the payment allocations
        dated by then, Σ amount × (allocation date − due date) / Σ amount per customer and overall."""
        per_line = (
            select(Allocation.due_line_id.label("due_line_id"),
                   func.sum(Allocation.amount_minor).label("allocated"),
                   func.sum(case((Allocation.payment_id.is_not(None), Allocation.amount_minor), else_=0))
                   .label("paid"),
                   func.sum(case((Allocation.payment_id.is_not(None),
                                  Allocation.amount_minor * days_between(Allocation.date, DueLine.due_date)),
                                 else_=0)).label("weighted"))
            .join(DueLine, Allocation.due_line_id == DueLine.id)
            .where(Allocation.date <= as_of)
            .group_by(Allocation.due_line_id)
            .cte("per_line")
            .prefix_with("MATERIALIZED")
        )
        rows = session.execute(
            select(Invoice.customer_id, func.sum(per_line.c.paid), func.sum(per_line.c.weighted))
            .select_from(DueLine)
            .join(per_line, per_line.c.due_line_id == DueLine.id)
            .join(Invoice, DueLine.invoice_id == Invoice.id)
            .where(invoice_exists_as_of(as_of), per_line.c.allocated >= DueLine.amount_minor, per_line.c.paid > 0)
            .group_by(Invoice.customer_id)
        ).all()
        per_customer = {cid: int(w) / int(p) for cid, p, w in rows}
        total_paid = sum(int(p) for _c, p, _w in rows)
        default = sum(int(w) for _c, _p, w in rows) / total_paid if total_paid else 0.0
        return cls(per_customer, default)


# --- extension point: dated expectations for specific due lines ---------------------------


@dataclass(frozen=True)
class ExpectedReceipt:
    """An amount of a due line expected on a date (a promise to pay, an agreement instalment)."""

    due_line_id: int
    expected_date: dt.date
    amount_minor: int
    source: str = "promise"


class ReceiptSource(Protocol):
    def receipts(self, session: Session, as_of: dt.date) -> Iterable[ExpectedReceipt]: ...


# --- results ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ForecastWeek:
    week: int  # 1 = the 7 days after the as-of date
    week_start: dt.date
    week_end: dt.date
    expected_minor: int
    from_overdue_minor: int  # the part from lines already overdue on the as-of date


@dataclass(frozen=True)
class CurrencyForecast:
    currency: str
    open_minor: int  # everything open as of the date = Σ weeks + beyond
    overdue_minor: int  # of which overdue on the date
    weeks: tuple[ForecastWeek, ...]
    beyond_minor: int  # expected after the last week
    beyond_from_overdue_minor: int


@dataclass(frozen=True)
class CashForecast:
    as_of: dt.date
    weeks: int
    model: str
    default_days_late: float | None  # the model's default, when it has one
    currencies: tuple[CurrencyForecast, ...]

    def for_currency(self, currency: str) -> CurrencyForecast | None:
        return next((c for c in self.currencies if c.currency == currency.upper()), None)


# --- the forecast -------------------------------------------------------------------------


def round_days(value: float) -> int:
    """Half away from zero (2.5 → 3, −2.5 → −3), not Python's banker's rounding."""
    return int(math.copysign(math.floor(abs(value) + 0.5), value))


def week_of(expected: dt.date, as_of: dt.date) -> int:
    """1 for (as_of, as_of + 7], 2 for the next 7 days, ...; anything on or before as_of is week 1."""
    return max(1, -(-(expected - as_of).days // 7))


def open_lines_statement(as_of: dt.date):
    """(due_line_id, customer_id, currency, due_date, open) for every line open as of the date."""
    paid = (select(Allocation.due_line_id.label("due_line_id"), func.sum(Allocation.amount_minor).label("paid"))
            .where(Allocation.date <= as_of).group_by(Allocation.due_line_id)
            .cte("paid").prefix_with("MATERIALIZED"))
    open_ = DueLine.amount_minor - func.coalesce(paid.c.paid, 0)
    return (select(DueLine.id, Invoice.customer_id, Invoice.currency, DueLine.due_date, open_.label("open"))
            .select_from(DueLine)
            .join(Invoice, DueLine.invoice_id == Invoice.id)
            .outerjoin(paid, paid.c.due_line_id == DueLine.id)
            .where(invoice_exists_as_of(as_of), open_ > 0))


def cash_forecast(session: Session, as_of: dt.date, weeks: int = DEFAULT_WEEKS, *,
                  model: LatenessModel | None = None, sources: Sequence[ReceiptSource] = (),
                  currency: str | None = None) -> CashForecast:
    if not isinstance(weeks, int) or weeks < 1 or weeks > MAX_WEEKS:
        raise ForecastOptionError(f"--weeks must be a whole number from 1 to {MAX_WEEKS}; got {weeks}", "weeks")
    if model is None:
        model = HistoricalLateness.fit(session, as_of)

    promised: dict[int, list[ExpectedReceipt]] = defaultdict(list)
    for source in sources:
        for r in source.receipts(session, as_of):
            if r.amount_minor > 0:
                promised[r.due_line_id].append(r)

    # per currency: week index (weeks + 1 = beyond) → [expected, from_overdue]
    sums: dict[str, dict[int, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    shift: dict[int, int] = {}
    q = open_lines_statement(as_of)
    if currency:
        q = q.where(Invoice.currency == currency.upper())
    for line_id, customer_id, cur, due, open_ in session.execute(q):
        open_ = int(open_)
        overdue = due < as_of
        tot = totals[cur]
        tot[0] += open_
        if overdue:
            tot[1] += open_
        per_week = sums[cur]
        for r in promised.get(line_id, ()):
            take = min(open_, r.amount_minor)
            if take <= 0:
                break
            cell = per_week[min(week_of(r.expected_date, as_of), weeks + 1)]
            cell[0] += take
            if overdue:
                cell[1] += take
            open_ -= take
        if open_ <= 0:
            continue
        days = shift.get(customer_id)
        if days is None:
            days = shift[customer_id] = round_days(float(model.expected_days_late(customer_id)))
        cell = per_week[min(week_of(due + dt.timedelta(days=days), as_of), weeks + 1)]
        cell[0] += open_
        if overdue:
            cell[1] += open_

    out = []
    for cur in sorted(totals):
        per_week = sums[cur]
        rows = tuple(
            ForecastWeek(k, as_of + dt.timedelta(days=7 * (k - 1) + 1), as_of + dt.timedelta(days=7 * k),
                         per_week[k][0] if k in per_week else 0, per_week[k][1] if k in per_week else 0)
            for k in range(1, weeks + 1))
        beyond = per_week.get(weeks + 1, [0, 0])
        out.append(CurrencyForecast(cur, totals[cur][0], totals[cur][1], rows, beyond[0], beyond[1]))
    default = getattr(model, "default", None)
    return CashForecast(as_of, weeks, getattr(model, "name", type(model).__name__),
                        float(default) if isinstance(default, (int, float)) else None, tuple(out))


# --- output ---------------------------------------------------------------------------


def forecast_to_dict(fc: CashForecast) -> dict:
    """The JSON shape (docs/kpi.md): money as decimal strings with the currency's digits."""
    from app.ledger.money import to_str

    return {
        "as_of": fc.as_of.isoformat(),
        "horizon_weeks": fc.weeks,
        "model": fc.model,
        "default_days_late": None if fc.default_days_late is None else round(fc.default_days_late, 2),
        "weeks": [
            {"week": w.week, "week_start": w.week_start.isoformat(), "week_end": w.week_end.isoformat(),
             "currency": c.currency, "expected": to_str(w.expected_minor, c.currency),
             "from_overdue": to_str(w.from_overdue_minor, c.currency)}
            for c in fc.currencies for w in c.weeks
        ],
        "beyond": [
            {"currency": c.currency, "after": (fc.as_of + dt.timedelta(days=7 * fc.weeks)).isoformat(),
             "expected": to_str(c.beyond_minor, c.currency),
             "from_overdue": to_str(c.beyond_from_overdue_minor, c.currency)}
            for c in fc.currencies
        ],
        "currencies": [
            {"currency": c.currency, "open": to_str(c.open_minor, c.currency),
             "overdue": to_str(c.overdue_minor, c.currency),
             "expected_in_horizon": to_str(c.open_minor - c.beyond_minor, c.currency)}
            for c in fc.currencies
        ],
    }


CSV_HEADER = ("currency", "week", "week_start", "week_end", "expected", "from_overdue")


def forecast_csv_rows(fc: CashForecast) -> list[tuple[str, ...]]:
    """One row per currency and week, then a `beyond` row per currency (week_start = the day after the
    last week, week_end empty)."""
    from app.ledger.money import to_str

    rows: list[tuple[str, ...]] = [CSV_HEADER]
    after = fc.as_of + dt.timedelta(days=7 * fc.weeks + 1)
    for c in fc.currencies:
        for w in c.weeks:
            rows.append((c.currency, str(w.week), w.week_start.isoformat(), w.week_end.isoformat(),
                         to_str(w.expected_minor, c.currency), to_str(w.from_overdue_minor, c.currency)))
        rows.append((c.currency, "beyond", after.isoformat(), "", to_str(c.beyond_minor, c.currency),
                     to_str(c.beyond_from_overdue_minor, c.currency)))
    return rows
