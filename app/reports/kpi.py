"""Receivables KPIs over a period (as_of − days, as_of]: DSO, countback DSO, best possible DSO, ADD,
CEI, % current, average days to pay and late, collections and month-to-month roll rates.

Definitions (docs/kpi.md has each formula with a worked example):

- Receivables ("AR") as of a date are the open amounts of due lines as of that date, the ledger's
  as-of rules: an invoice exists when issued on or before the date and not voided on or before it; a
  due line's open amount is its amount less the allocations dated on or before the date. AR is gross:
  unapplied credit (payments or credit notes not yet allocated) is NOT netted against it.
- ar_begin is AR as of the period start (as_of − days), ar_end AR as of as_of, current_end the part
  of ar_end not yet due on as_of (due date ≥ as_of).
- credit_sales: totals of the invoices (kinds invoice, fee, interest) issued in the period and not
  void as of as_of. collected: posted payments dated in the period (gross, applied or not).
- avg_days_to_pay / avg_days_late: amount-weighted over the payment allocations dated in the period
  (allocation date − issue date / − due date; early payment counts as negative days late).

Money is int minor units; ratios and days are Decimal rounded half-up to 2 places, None where a
denominator is zero. Everything is computed in three set-based statements (SQLAlchemy Core, portable
to SQLite and PostgreSQL), whatever the number of customers: one scan of the due lines with every
snapshot amount as a conditional sum (AR at both ends, roll-rate buckets, credit sales per month), one
over the period's payment allocations, one over its payments; a fourth only when the countback has to
walk back further than the period plus three months.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import BigInteger, and_, case, cast, func, select
from sqlalchemy.orm import Session

from app.ledger import ar_history
from app.ledger.balances import invoice_exists_as_of, open_at_dates
from app.ledger.sqlfuncs import days_between
from app.models import POSTED, Allocation, DueLine, Invoice, Payment

from .aging import DEFAULT_BUCKETS, bucket_conditions, bucket_index, bucket_labels, bucket_limits

DEFAULT_DAYS = 90
MAX_DAYS = 3660
# Roll rates use the aging's standard due-date buckets 30/60/90: current, 1-30, 31-60, 61-90, 91+.
# upper limit (days past due, inclusive) of each bucket but the last: 0, 30, 60, 90
ROLL_LIMITS = bucket_limits("due", DEFAULT_BUCKETS)
ROLL_LABELS = bucket_labels("due", DEFAULT_BUCKETS)
SALES_KINDS = ("invoice", "fee", "interest")  # every kind the schema allows (CHECK): all count as sales
COUNTBACK_EXTRA_MONTHS = 3  # countback sales summed with the AR scan: the period's months and 3 more;
# older months only if ar_end is not used up by then (one more statement)
INLINE_PAIRS = 2  # up to this many month pairs, roll rates are columns of the AR scan (8 per pair);
# more pairs (periods over ~3 months) use one statement grouped by due date (2 columns per month end)

TWO = Decimal("0.01")


class KpiOptionError(ValueError):
    """Bad report options; the message names the option and the fix."""

    def __init__(self, message: str, field: str):
        super().__init__(message)
        self.field = field


# --- dates ----------------------------------------------------------------------------


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def add_months(day: dt.date, months: int) -> dt.date:
    """Shift by whole months; a month end stays a month end (31 May − 1 → 30 Apr), other days clamp."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    last = calendar.monthrange(year, month)[1]
    if day.day == calendar.monthrange(day.year, day.month)[1]:
        return dt.date(year, month, last)
    return dt.date(year, month, min(day.day, last))


def month_ends_in(start: dt.date, end: dt.date) -> list[dt.date]:
    """Month-end dates m with start < m ≤ end, oldest first."""
    out = []
    y, m = start.year, start.month
    while True:
        me = month_end(y, m)
        if me > end:
            return out
        if me > start:
            out.append(me)
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)


# --- results --------------------------------------------------------------------------


@dataclass(frozen=True)
class RollRate:
    """From one month end to the next: per bucket (all but the last), the % of its open amount that is
    still open a month later in a later bucket. None where the bucket was empty."""

    from_date: dt.date
    to_date: dt.date
    rates: tuple[tuple[str, Decimal | None], ...]  # (bucket label, percent) in ROLL_LABELS order

@dataclass(frozen=True)
class CurrencyKpis:
    currency: str
    credit_sales_minor: int
    ar_begin_minor: int
    ar_end_minor: int
    current_end_minor: int
    collected_minor: int
    dso: Decimal | None
    dso_countback: Decimal | None
    best_possible_dso: Decimal | None
    add: Decimal | None
    cei: Decimal | None
    pct_current: Decimal | None
    avg_days_to_pay: Decimal | None
    avg_days_late: Decimal | None
    roll_rates: tuple[RollRate, ...]


@dataclass(frozen=True)
class KpiReport:
    as_of: dt.date
    days: int
    period_start: dt.date  # exclusive: the period is (period_start, as_of]
    currencies: tuple[CurrencyKpis, ...]

    def for_currency(self, currency: str) -> CurrencyKpis | None:
        return next((c for c in self.currencies if c.currency == currency.upper()), None)


# --- arithmetic -----------------------------------------------------------------------


def q2(value: Decimal | None) -> Decimal | None:
    return None if value is None else value.quantize(TWO, rounding=ROUND_HALF_UP)


def safe_ratio(num, den) -> Decimal | None:
    """num / den as an exact Decimal, None when den is zero."""
    return None if not den else Decimal(num) / Decimal(den)


def countback_dso(ar_end: int, monthly_sales: list[tuple[int, int]]) -> Decimal | None:
    """Walk back month by month from the as-of date, newest first: `monthly_sales` is
    [(days in that month step, credit sales in it), ...]. Whole months whose sales do not cover what is
    left of ar_end count all their days; the month that covers the rest counts rest / sales × its days.
    None if the sales given never use ar_end up (no history to walk through)."""
    remaining = Decimal(ar_end)
    total = Decimal(0)
    if remaining <= 0:
        return Decimal(0)
    for span, sales in monthly_sales:
        if sales >= remaining:
            return total + remaining / Decimal(sales) * span
        total += span
        remaining -= sales
    return None


# --- the statements -------------------------------------------------------------------


def _open_part(snapshots):
    """A line's receivable on a date: its open amount when positive, as the aging counts open items. A
    backdated correction can leave a line over-allocated for a while (a write-off dated before the
    unapply that made room for it): nothing is open then, not a negative amount. (The first date's
    open amount does not bound the later ones either: an unapply opens a paid line again.)"""
    def open_at(day: dt.date):
        amount = snapshots.open_at(day)
        return case((amount > 0, amount), else_=0)
    return open_at


def _snapshot_statement(as_of: dt.date, start: dt.date, pairs: list[tuple[dt.date, dt.date]]):
    """One statement: per currency, AR at the period start and end, current_end, and for each month
    pair (m1, m2) and bucket b < 91+: open at m1 in b (den) and open at m2 of those lines once in a later
    bucket (num). Open amounts at several dates come from one pass over allocations (conditional sums).
    Only the lines open today (the partial index ix_due_line_open) or allocated after the first date are
    read and joined to their invoices: every line open at some snapshot date is one of them."""
    snapshots = open_at_dates(as_of, start, *(d for p in pairs for d in p))
    open_at = _open_part(snapshots)

    cols = [
        func.sum(open_at(start)).label("ar_begin"),
        func.sum(open_at(as_of)).label("ar_end"),
        func.sum(case((DueLine.due_date >= as_of, open_at(as_of)), else_=0)).label("current_end"),
    ]
    for k, (m1, m2) in enumerate(pairs):
        in_bucket = bucket_conditions(DueLine.due_date, m1, "due", DEFAULT_BUCKETS)  # the aging's buckets on m1
        for b, limit in enumerate(ROLL_LIMITS):
            in_b = in_bucket[b]
            later_at_m2 = DueLine.due_date < m2 - dt.timedelta(days=limit)  # days past due at m2 > limit
            cols.append(func.sum(case((in_b, open_at(m1)), else_=0)).label(f"d{k}_{b}"))
            # the same lines: they existed on m1 (a line issued after m1 was in no bucket then)
            cols.append(func.sum(case((and_(in_b, later_at_m2, Invoice.issue_date <= m1), open_at(m2)),
                                      else_=0)).label(f"n{k}_{b}"))
    return snapshots.join(
        select(Invoice.currency, *cols)
        .select_from(DueLine)
        .join(Invoice, DueLine.invoice_id == Invoice.id)
    ).where(
        # existed at some snapshot date and open at one: open today or allocated after the first date
        snapshots.may_exist(), snapshots.open_today_or_later(),
    ).group_by(Invoice.currency)


def _roll_statement(pairs: list[tuple[dt.date, dt.date]]):
    """Roll-rate inputs grouped by currency and due date (the bucket of a line depends on its due date
    only): per month end m, Σ open on m (o<i>); per pair k (m1, m2), Σ open on m2 of the lines that existed
    on m1 (x<k>). Only lines that can be in a bucket before 91+ on a month end and open on the first one."""
    snapshots = open_at_dates(*(d for p in pairs for d in p))
    ends, open_at = snapshots.dates, _open_part(snapshots)

    cols = [func.sum(open_at(d)).label(f"o{i}") for i, d in enumerate(ends)]
    cols += [func.sum(case((Invoice.issue_date <= m1, open_at(m2)), else_=0)).label(f"x{k}")
             for k, (m1, m2) in enumerate(pairs)]
    return snapshots.join(
        select(Invoice.currency, DueLine.due_date, *cols)
        .select_from(DueLine)
        .join(Invoice, DueLine.invoice_id == Invoice.id)
    ).where(snapshots.may_exist(), snapshots.open_today_or_later(),
            DueLine.due_date >= ends[0] - dt.timedelta(days=ROLL_LIMITS[-1])
    ).group_by(Invoice.currency, DueLine.due_date), {d: i for i, d in enumerate(ends)}


def _roll_grouped(session: Session, pairs: list[tuple[dt.date, dt.date]]) -> dict[str, dict[str, int]]:
    """{currency: {"d<k>_<b>": den, "n<k>_<b>": num}}, the same keys as the inline columns."""
    statement, idx = _roll_statement(pairs)
    out: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for row in session.execute(statement).mappings():
        due, values = row["due_date"], out[row["currency"]]
        for k, (m1, m2) in enumerate(pairs):
            b = bucket_index((m1 - due).days, "due", DEFAULT_BUCKETS)
            if b == len(ROLL_LIMITS):  # 91+: rolls nowhere
                continue
            values[f"d{k}_{b}"] += int(row[f"o{idx[m1]}"] or 0)
            if (m2 - due).days > ROLL_LIMITS[b]:
                values[f"n{k}_{b}"] += int(row[f"x{k}"] or 0)
    return out


def _sales_by_day(session: Session, as_of: dt.date, after: dt.date | None, upto: dt.date):
    """{currency: [(issue_date, total)]} for invoices existing as of as_of issued in (after, upto]."""
    q = (select(Invoice.currency, Invoice.issue_date, func.sum(Invoice.total_minor))
         .where(invoice_exists_as_of(as_of), Invoice.issue_date <= upto)
         .group_by(Invoice.currency, Invoice.issue_date))
    if after is not None:
        q = q.where(Invoice.issue_date > after)
    out: dict[str, list[tuple[dt.date, int]]] = defaultdict(list)
    for cur, day, total in session.execute(q):
        out[cur].append((day, int(total)))
    return out


def _monthly(as_of: dt.date, sales: list[tuple[dt.date, int]], months: int,
             first: int = 1) -> list[tuple[int, int]]:
    """Credit sales in the anchored month steps (as_of − k months, as_of − (k−1) months], k = first..months."""
    bounds = [add_months(as_of, -k) for k in range(first - 1, months + 1)]
    out = []
    for hi, lo in zip(bounds, bounds[1:]):
        out.append(((hi - lo).days, sum(t for d, t in sales if lo < d <= hi)))
    return out


def _roll_months(session: Session, month_ends: list[dt.date]) -> dict:
    """Roll-rate inputs of each month end m for the pair (previous month end, m), computed from the
    documents for the history's store: {currency: {m: {bucket: (den, num)}}}."""
    pairs = [(add_months(m, -1), m) for m in month_ends]
    if len(pairs) <= INLINE_PAIRS:
        found: dict[str, dict[str, int]] = {}
        for row in session.execute(_snapshot_statement(pairs[-1][1], pairs[0][0], pairs)).mappings():
            found[row["currency"]] = {key: int(value or 0) for key, value in row.items() if key != "currency"}
    else:
        found = _roll_grouped(session, pairs)
    return {cur: {m2: {b: (int(v.get(f"d{k}_{b}", 0)), int(v.get(f"n{k}_{b}", 0))) for b in range(len(ROLL_LIMITS))}
                  for k, (_m1, m2) in enumerate(pairs)}
            for cur, v in found.items()}


@dataclass
class _Figures:
    """What the KPIs are computed from, per currency: the snapshot (ar_begin, ar_end, current_end,
    credit_sales, s<j> sales per countback step, d<k>_<b>/n<k>_<b> roll inputs), payment allocations
    (amount, × days since issue, × days past due), collections, and the sales per issue day up to the
    window's start for a countback that walks further."""

    snap: dict[str, dict[str, int]]
    alloc: dict[str, tuple[int, int, int]]
    collected: dict[str, int]
    older_sales: object  # () -> {currency: [(issue_date, total)]}


def _direct_figures(session, as_of, start, pairs, steps, window_start) -> _Figures:
    """From the documents: the statements the stored history stands for."""
    # 1. AR snapshots and roll rates
    inline = pairs if len(pairs) <= INLINE_PAIRS else []
    snap: dict[str, dict[str, int]] = defaultdict(dict)
    for row in session.execute(_snapshot_statement(as_of, start, inline)).mappings():
        snap[row["currency"]] = {key: int(value or 0) for key, value in row.items() if key != "currency"}
    # credit sales of the period and of each countback month step (lo, hi]: invoice totals per issue day
    # (the covering index ix_invoice_issue_sales; an invoice's due lines add up to its total)
    for cur, sales in _sales_by_day(session, as_of, window_start, as_of).items():
        _put_sales(snap[cur], sales, start, steps)
    if pairs and not inline:
        for cur, values in _roll_grouped(session, pairs).items():
            snap[cur].update(values)

    # 2. payment allocations dated in the period: amount-weighted days since issue and past due
    alloc = session.execute(
        select(Invoice.currency, func.sum(Allocation.amount_minor),
               # BIGINT: on PostgreSQL amount (INTEGER) × days overflows 32 bits from 21,474,836.47 × 100 days
               func.sum(cast(Allocation.amount_minor, BigInteger) * days_between(Allocation.date, Invoice.issue_date)),
               func.sum(cast(Allocation.amount_minor, BigInteger) * days_between(Allocation.date, DueLine.due_date)))
        .select_from(Allocation)
        .join(DueLine, Allocation.due_line_id == DueLine.id)
        .join(Invoice, DueLine.invoice_id == Invoice.id)
        .where(Allocation.payment_id.is_not(None), Allocation.date > start, Allocation.date <= as_of)
        .group_by(Invoice.currency)
    ).all()
    alloc_by_cur = {cur: (int(a or 0), int(to_pay or 0), int(late or 0)) for cur, a, to_pay, late in alloc}

    # 3. collected: posted payments dated in the period
    collected = dict(session.execute(
        select(Payment.currency, func.sum(Payment.amount_minor))
        .where(Payment.status == POSTED, Payment.date > start, Payment.date <= as_of)
        .group_by(Payment.currency)).all())
    return _Figures(snap, alloc_by_cur, {c: int(v or 0) for c, v in collected.items()},
                    lambda: _sales_by_day(session, as_of, None, window_start))


def _put_sales(values: dict[str, int], sales: list[tuple[dt.date, int]], start: dt.date, steps) -> None:
    values["credit_sales"] = sum(t for d, t in sales if d > start)
    for j, (lo, hi) in enumerate(steps):
        values[f"s{j}"] = sum(t for d, t in sales if lo < d <= hi)


def _stored_figures(session, as_of, start, pairs, steps, window_start) -> _Figures:
    """The same figures from the receivables history the ledger keeps (app.ledger.ar_history): a few
    hundred rows per currency instead of the book aged at every date."""
    history = ar_history.history(session, as_of, [m2 for _m1, m2 in pairs], _roll_months)
    # sales are the invoices existing as of as_of: the history has every invoice issued; take out those
    # void by then (a few, read by the partial index ix_invoice_void)
    voided: dict[str, dict[dt.date, int]] = defaultdict(lambda: defaultdict(int))
    for cur, day, total in session.execute(
            select(Invoice.currency, Invoice.issue_date, func.sum(Invoice.total_minor))
            # both bounds: SQLite reads a range of ix_invoice_void (one bound: a scan of a bigger index)
            .where(Invoice.void_date.between(dt.date.min, as_of), Invoice.status != POSTED)
            .group_by(Invoice.currency, Invoice.issue_date)):
        voided[cur][day] += int(total)

    def sales_in(cur: str, after: dt.date | None, upto: dt.date) -> list[tuple[dt.date, int]]:
        gone = voided.get(cur, {})
        return [(d, v[0] - gone.get(d, 0)) for d, v in history.currency(cur).movements(after, upto) if v[0]]

    snap: dict[str, dict[str, int]] = {}
    alloc: dict[str, tuple[int, int, int]] = {}
    collected: dict[str, int] = {}
    for cur, h in history.currencies.items():
        (ar_begin, _), (ar_end, current_end) = h.level(start), h.level(as_of)
        values = snap[cur] = {"ar_begin": ar_begin, "ar_end": ar_end, "current_end": current_end}
        _put_sales(values, sales_in(cur, window_start, as_of), start, steps)
        months = history.months.get(cur, {})
        for k, (_m1, m2) in enumerate(pairs):
            for b, (den, num) in months.get(m2, {}).items():
                values[f"d{k}_{b}"], values[f"n{k}_{b}"] = den, num
        moves = h.movements(start, as_of)
        alloc[cur] = tuple(sum(v[i] for _d, v in moves) for i in (2, 3, 4))
        collected[cur] = sum(v[1] for _d, v in moves)
    return _Figures(snap, alloc, collected,
                    lambda: {cur: sales_in(cur, None, window_start) for cur in history.currencies})


def kpi_report(session: Session, as_of: dt.date, days: int = DEFAULT_DAYS,
               currency: str | None = None, *, roll_rates: bool = True, stored: bool = True) -> KpiReport:
    """The KPIs per currency over (as_of − days, as_of]. Currencies with no receivable, sale or
    collection in the period are left out. `roll_rates=False` skips them (empty tuples): cheaper, for
    a dashboard that shows only the cards. `stored=False` computes everything from the documents
    instead of the receivables history the ledger keeps (the same figures: the tests compare them)."""
    if not isinstance(days, int) or days < 1 or days > MAX_DAYS:
        raise KpiOptionError(f"--days must be a whole number of days from 1 to {MAX_DAYS}; got {days}", "days")
    start = as_of - dt.timedelta(days=days)
    month_ends = month_ends_in(start, as_of)
    pairs = list(zip(month_ends, month_ends[1:])) if roll_rates else []
    # credit sales of the period and of the countback months it covers, and a few more
    window_months = (as_of.year - start.year) * 12 + as_of.month - start.month + 1 + COUNTBACK_EXTRA_MONTHS
    bounds = [add_months(as_of, -k) for k in range(window_months + 1)]
    steps = list(zip(bounds[1:], bounds))  # (lo, hi], newest first
    window_start = bounds[-1]
    figures = (_stored_figures if stored else _direct_figures)(session, as_of, start, pairs, steps, window_start)
    snap, alloc_by_cur, collected = figures.snap, figures.alloc, figures.collected

    currencies = sorted(set(snap) | set(alloc_by_cur) | set(collected))
    if currency:
        currencies = [c for c in currencies if c == currency.upper()]
    out = []
    older_sales = None
    for cur in currencies:
        s = snap.get(cur, {})
        ar_begin, ar_end, current_end = s.get("ar_begin", 0), s.get("ar_end", 0), s.get("current_end", 0)
        credit_sales = s.get("credit_sales", 0)
        coll = int(collected.get(cur) or 0)
        paid_amount, w_to_pay, w_late = alloc_by_cur.get(cur, (0, 0, 0))
        if not (ar_begin or ar_end or credit_sales or coll or paid_amount):
            continue

        dso = safe_ratio(ar_end * days, credit_sales)
        best = safe_ratio(current_end * days, credit_sales)
        add = None if dso is None else dso - best
        cei = safe_ratio((ar_begin + credit_sales - ar_end) * 100, ar_begin + credit_sales - current_end)
        pct_current = safe_ratio(current_end * 100, ar_end)

        monthly = [((hi - lo).days, s.get(f"s{j}", 0)) for j, (lo, hi) in enumerate(steps)]
        countback = countback_dso(ar_end, monthly)
        if countback is None:  # AR older than the window: walk on through all earlier sales
            if older_sales is None:
                older_sales = figures.older_sales()
            earlier = older_sales.get(cur, [])
            if earlier:
                oldest = min(d for d, _t in earlier)
                months = (as_of.year - oldest.year) * 12 + as_of.month - oldest.month + 2
                countback = countback_dso(ar_end, monthly + _monthly(as_of, earlier, months, first=window_months + 1))

        rolls = []
        for k, (m1, m2) in enumerate(pairs):
            rates = tuple((ROLL_LABELS[b], q2(safe_ratio(s.get(f"n{k}_{b}", 0) * 100, s.get(f"d{k}_{b}", 0))))
                          for b in range(len(ROLL_LIMITS)))
            rolls.append(RollRate(m1, m2, rates))

        out.append(CurrencyKpis(
            currency=cur, credit_sales_minor=credit_sales, ar_begin_minor=ar_begin, ar_end_minor=ar_end,
            current_end_minor=current_end, collected_minor=coll,
            dso=q2(dso), dso_countback=q2(countback), best_possible_dso=q2(best), add=q2(add), cei=q2(cei),
            pct_current=q2(pct_current), avg_days_to_pay=q2(safe_ratio(w_to_pay, paid_amount)),
            avg_days_late=q2(safe_ratio(w_late, paid_amount)), roll_rates=tuple(rolls)))
    return KpiReport(as_of, days, start, tuple(out))


# --- output ---------------------------------------------------------------------------


def _num(value: Decimal | None):
    return None if value is None else float(value)


def report_to_dict(report: KpiReport) -> dict:
    """The JSON contract: money as decimal strings with the currency's digits, ratios and days as numbers
    rounded to 2 decimals (null where a denominator is zero)."""
    from app.ledger.money import to_str

    return {
        "as_of": report.as_of.isoformat(),
        "days": report.days,
        "currencies": [
            {
                "currency": c.currency,
                "credit_sales": to_str(c.credit_sales_minor, c.currency),
                "ar_begin": to_str(c.ar_begin_minor, c.currency),
                "ar_end": to_str(c.ar_end_minor, c.currency),
                "current_end": to_str(c.current_end_minor, c.currency),
                "dso": _num(c.dso),
                "dso_countback": _num(c.dso_countback),
                "best_possible_dso": _num(c.best_possible_dso),
                "add": _num(c.add),
                "cei": _num(c.cei),
                "pct_current": _num(c.pct_current),
                "avg_days_to_pay": _num(c.avg_days_to_pay),
                "avg_days_late": _num(c.avg_days_late),
                "collected": to_str(c.collected_minor, c.currency),
                "roll_rates": [
                    {"from": r.from_date.isoformat(), "to": r.to_date.isoformat(),
                     "rates": {label: _num(v) for label, v in r.rates}}
                    for r in c.roll_rates
                ],
            }
            for c in report.currencies
        ],
    }
