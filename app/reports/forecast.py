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
the same figure over all customers (0 when nobody has any): the ledger's payment history as of the date
(app.ledger.payment_history, stored per customer). A model that can say its shifts in SQL (`in_sql`) has
the lines of customers without commitments placed all at once (app.reports.forecast_bulk: one statement,
then NumPy); the others, and any other model, go through place_lines in Python, with the same rule.

Commitments come before the model: `sources` yield ExpectedReceipts (a customer, a currency, a date,
an amount, optionally the invoices it is for). Each receipt takes its amount off the customer's open
lines (its invoices' lines, oldest due first) and places it on its own date, as `from_commitments`;
only what is left of a line goes through the lateness model. The default sources are the unpaid
installments of payment agreements active on the date (AgreementSource) and the unpaid part of promises
to pay still within their grace days (PromiseSource). Any object with `receipts(session, as_of)` can be
added (a bank's scheduled debits, a model of partial payments ...).
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Iterable, Mapping, Protocol, Sequence, runtime_checkable

from sqlalchemy import Float, Select, cast, func, or_, select
from sqlalchemy.orm import Session

from app.ledger.balances import open_as_of
from app.ledger.payment_history import DIRECT, history_as_of, history_as_of_in, reading_for
from app.ledger.sqlfuncs import round_half_away
from app.models import (
    POSTED,
    AgreementInstallment,
    AgreementInvoice,
    CustomerRisk,
    DueLine,
    Invoice,
    Payment,
    PaymentAgreement,
    PromiseToPay,
)


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
class ShiftsInSql:
    """A lateness model's whole-day shifts in SQL, for placing lines by one grouping: `shifts` selects
    (customer_id, shift) = round_days(expected_days_late) per customer; the others get `default_shift`."""

    shifts: Select
    default_shift: int


@dataclass(frozen=True)
class HistoricalLateness:
    """Amount-weighted historical lateness per customer, with a company-wide default."""

    per_customer: Mapping[int, float] = field(default_factory=dict)
    default: float = 0.0
    name: str = "historical"
    #: the same per-customer figures as shifts in SQL (fit_for), when `per_customer` holds only some customers
    in_sql: ShiftsInSql | None = field(default=None, compare=False, repr=False)

    def expected_days_late(self, customer_id: int) -> float:
        return self.per_customer.get(customer_id, self.default)

    @classmethod
    def from_rows(cls, rows: Iterable[tuple[int, int, int]]) -> "HistoricalLateness":
        """From (customer_id, Σ paid, Σ paid × days late) rows."""
        rows = [(cid, int(p), int(w)) for cid, p, w in rows]
        per_customer = {cid: w / p for cid, p, w in rows if p}
        total_paid = sum(p for _c, p, _w in rows)
        default = sum(w for _c, _p, w in rows) / total_paid if total_paid else 0.0
        return cls(per_customer, default)

    @classmethod
    def fit(cls, session: Session, as_of: dt.date) -> "HistoricalLateness":
        """Every customer's figure: over due lines settled (nothing open) as of `as_of`, the payment
        allocations dated by then, Σ amount × (allocation date − due date) / Σ amount per customer and
        overall (app.ledger.payment_history, read from the stored totals)."""
        h = history_as_of_in(session, as_of).subquery()
        return cls.from_rows(session.execute(select(h.c.customer_id, h.c.paid, h.c.weighted)).all())

    @classmethod
    def fit_for(cls, session: Session, as_of: dt.date, customer_ids) -> "HistoricalLateness":
        """The same model holding in Python only the given customers' figures and the default, the others'
        `in_sql`: for a forecast that places the other customers' lines in SQL. For a date far back (the
        history read in full, app.ledger.payment_history.DIRECT) every figure in Python, read once."""
        reading = reading_for(session, as_of)
        if reading == DIRECT:
            return cls.fit(session, as_of)
        h = history_as_of(as_of, reading=reading).subquery()
        paid, weighted = session.execute(select(func.sum(h.c.paid), func.sum(h.c.weighted))).one()
        paid, weighted = int(paid or 0), int(weighted or 0)
        default = weighted / paid if paid else 0.0
        ids = sorted(set(customer_ids))
        per_customer = {}
        if ids:
            mine = history_as_of(as_of, ids, reading=reading).subquery()
            per_customer = {cid: int(w) / int(p) for cid, p, w in session.execute(
                select(mine.c.customer_id, mine.c.paid, mine.c.weighted).where(mine.c.paid != 0))}
        # each figure is weighted / paid as a double, rounded as round_days does: the same steps in SQL give
        # the same whole days (while the sums are below 2**53, as any customer's are)
        shift = round_half_away(cast(h.c.weighted, Float) / cast(h.c.paid, Float))
        shifts = select(h.c.customer_id, shift.label("shift")).where(h.c.paid != 0)
        return cls(per_customer, default, in_sql=ShiftsInSql(shifts, round_days(default)))


@dataclass(frozen=True)
class StoredModelLateness:
    """The trained model's expected days late per customer, as stored in the risk snapshot
    (app.collections.risk_snapshot). A customer the snapshot does not cover (new since it was computed)
    gets `default`, the snapshot's mean."""

    per_customer: Mapping[int, float]
    default: float
    name: str = "model"
    #: the same values as shifts in SQL (load, load_for): see HistoricalLateness.in_sql
    in_sql: ShiftsInSql | None = field(default=None, compare=False, repr=False)

    def expected_days_late(self, customer_id: int) -> float:
        return self.per_customer.get(customer_id, self.default)

    @staticmethod
    def shifts(as_of: dt.date, default: float) -> ShiftsInSql:
        """round_days(expected days late) per customer of the snapshot, in SQL (the stored value as a double,
        rounded by the same steps)."""
        shift = round_half_away(cast(CustomerRisk.expected_days_late, Float))
        return ShiftsInSql(select(CustomerRisk.customer_id, shift.label("shift")).where(CustomerRisk.as_of <= as_of),
                           round_days(default))

    @classmethod
    def load_for(cls, session: Session, as_of: dt.date, customer_ids) -> "StoredModelLateness | None":
        """The same model holding only the given customers' values (the others get `default`): for
        callers that sum the rest in SQL and need Python values for a few customers only."""
        mean = session.scalar(select(func.avg(CustomerRisk.expected_days_late)).where(CustomerRisk.as_of <= as_of))
        if mean is None:
            return None
        ids = sorted(set(customer_ids))
        stored = {cid: float(d) for cid, d in session.execute(
            select(CustomerRisk.customer_id, CustomerRisk.expected_days_late)
            .where(CustomerRisk.as_of <= as_of, CustomerRisk.customer_id.in_(ids)))} if ids else {}
        default = round(float(mean), 1)
        return cls(stored, default, in_sql=cls.shifts(as_of, default))

    @classmethod
    def load(cls, session: Session, as_of: dt.date) -> "StoredModelLateness | None":
        """The stored model when there is a snapshot computed on or before `as_of` (a forecast of the
        past must not learn from its future), else None."""
        stored = {cid: float(d) for cid, d in session.execute(
            select(CustomerRisk.customer_id, CustomerRisk.expected_days_late).where(CustomerRisk.as_of <= as_of))}
        if not stored:
            return None
        default = round(sum(stored.values()) / len(stored), 1)
        return cls(stored, default, in_sql=cls.shifts(as_of, default))


def _open_lines_select(as_of: dt.date):
    # app.ledger.balances.open_as_of: amount − paid_minor + allocations after the date, over the lines
    # that may be open then only (open today or allocated after the date)
    o = open_as_of(as_of)
    return o.lines(DueLine.id, Invoice.customer_id, Invoice.currency, DueLine.invoice_id, DueLine.due_date,
                   o.open.label("open"))


# --- commitments: dated expectations that take precedence over the model ---------------------


@dataclass(frozen=True)
class ExpectedReceipt:
    """An amount a customer committed to pay on a date (a promise, an agreement installment)."""

    customer_id: int
    currency: str
    expected_date: dt.date
    amount_minor: int
    source: str
    invoice_ids: tuple[int, ...] = ()  # the invoices it is for; empty: any open line of the customer
    only_these: bool = True  # False: those invoices first, then any other open line of the customer


class ReceiptSource(Protocol):
    def receipts(self, session: Session, as_of: dt.date) -> Iterable[ExpectedReceipt]: ...


def _open_per_invoice(as_of: dt.date):
    """Subquery: open amount per invoice as of the date (lines less allocations dated by then)."""
    o = open_as_of(as_of, name="later_inv")
    return (select(DueLine.invoice_id.label("invoice_id"), func.sum(o.open).label("open"))
            .outerjoin(o.later, o.onclause)
            .group_by(DueLine.invoice_id).subquery())


class AgreementSource:
    """Unpaid installments of the payment agreements active on the date, on their due dates.

    As app.collections.agreements: an agreement is paid in installment order by whatever its covered
    invoices (and its interest charge) have been settled: paid = total agreed − still open. An agreement
    counts when agreed by the date and not completed, broken or cancelled by then. Four statements
    whatever the number of agreements."""

    name = "agreement"

    def receipts(self, session: Session, as_of: dt.date) -> list[ExpectedReceipt]:
        active = (select(PaymentAgreement.id, PaymentAgreement.customer_id, PaymentAgreement.currency,
                         PaymentAgreement.principal_minor + PaymentAgreement.interest_minor,
                         PaymentAgreement.interest_invoice_id)
                  .where(PaymentAgreement.agreed_on <= as_of,
                         or_(PaymentAgreement.state == "active", PaymentAgreement.state_date > as_of)))
        agreements = {row[0]: row for row in session.execute(active)}
        if not agreements:
            return []
        covered: dict[int, list[int]] = defaultdict(list)
        for agreement_id, invoice_id in session.execute(
                select(AgreementInvoice.agreement_id, AgreementInvoice.invoice_id)
                .where(AgreementInvoice.agreement_id.in_(list(agreements)))):
            covered[agreement_id].append(invoice_id)
        for agreement_id, *_rest, interest_id in agreements.values():
            if interest_id:
                covered[agreement_id].append(interest_id)
        all_ids = sorted({i for ids in covered.values() for i in ids})
        per_invoice = _open_per_invoice(as_of)
        open_of = {inv: int(o) for inv, o in session.execute(
            select(per_invoice.c.invoice_id, per_invoice.c.open).where(per_invoice.c.invoice_id.in_(all_ids)))}
        installments: dict[int, list[tuple[dt.date, int]]] = defaultdict(list)
        for agreement_id, due, amount in session.execute(
                select(AgreementInstallment.agreement_id, AgreementInstallment.due_date,
                       AgreementInstallment.amount_minor)
                .where(AgreementInstallment.agreement_id.in_(list(agreements)))
                .order_by(AgreementInstallment.agreement_id, AgreementInstallment.sequence)):
            installments[agreement_id].append((due, int(amount)))
        out = []
        for agreement_id, customer_id, currency, total, _interest_id in agreements.values():
            ids = tuple(covered[agreement_id])
            paid = int(total) - sum(open_of.get(i, 0) for i in ids)
            for due, amount in installments[agreement_id]:
                take = min(max(paid, 0), amount)
                paid -= take
                if amount - take > 0:
                    out.append(ExpectedReceipt(customer_id, currency, due, amount - take, self.name, ids))
        return out


class PromiseSource:
    """The unpaid part of promises to pay on their promised date.

    As app.collections.promises: any payment of the customer in the promise's currency dated from the
    day it was made counts towards it. A promise counts when made by the date, not kept, broken or
    cancelled by then, and the date is within its grace days (a promise past them is broken: its lines
    go back to the model). Named invoices are consumed first, then the customer's other open lines."""

    name = "promise"

    def receipts(self, session: Session, as_of: dt.date) -> list[ExpectedReceipt]:
        paid = (select(func.coalesce(func.sum(Payment.amount_minor), 0))
                .where(Payment.customer_id == PromiseToPay.customer_id, Payment.currency == PromiseToPay.currency,
                       Payment.status == POSTED, Payment.date >= PromiseToPay.made_on, Payment.date <= as_of)
                .correlate(PromiseToPay).scalar_subquery())
        rows = session.execute(
            select(PromiseToPay.customer_id, PromiseToPay.currency, PromiseToPay.promised_date,
                   PromiseToPay.grace_days, PromiseToPay.amount_minor, PromiseToPay.invoice_numbers,
                   paid.label("paid"))
            .where(PromiseToPay.made_on <= as_of,
                   or_(PromiseToPay.state == "open", PromiseToPay.state_date > as_of))).all()
        live = [r for r in rows if r.promised_date + dt.timedelta(days=r.grace_days) >= as_of
                and r.amount_minor > int(r.paid)]
        numbers = {n for r in live for n in (r.invoice_numbers or "").split(",") if n}
        ids = dict(session.execute(select(Invoice.number, Invoice.id).where(Invoice.number.in_(sorted(numbers))))
                   .all()) if numbers else {}
        return [ExpectedReceipt(r.customer_id, r.currency, r.promised_date, r.amount_minor - int(r.paid), self.name,
                                tuple(ids[n] for n in (r.invoice_numbers or "").split(",") if n in ids),
                                only_these=False)
                for r in live]


DEFAULT_SOURCES: tuple[ReceiptSource, ...] = (AgreementSource(), PromiseSource())


# --- results ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ForecastWeek:
    week: int  # 1 = the 7 days after the as-of date
    week_start: dt.date
    week_end: dt.date
    expected_minor: int
    from_overdue_minor: int  # the part from lines already overdue on the as-of date
    from_commitments_minor: int = 0  # the part placed by agreements and promises rather than the model


@dataclass(frozen=True)
class CurrencyForecast:
    currency: str
    open_minor: int  # everything open as of the date = Σ weeks + beyond
    overdue_minor: int  # of which overdue on the date
    weeks: tuple[ForecastWeek, ...]
    beyond_minor: int  # expected after the last week
    beyond_from_overdue_minor: int
    beyond_from_commitments_minor: int = 0

    @property
    def committed_minor(self) -> int:
        """What agreements and promises placed, in the weeks or beyond."""
        return sum(w.from_commitments_minor for w in self.weeks) + self.beyond_from_commitments_minor


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
    """(due_line_id, customer_id, currency, invoice_id, due_date, open) for every line open as of the date."""
    return _open_lines_select(as_of)


def _consume(lines: list[list], receipt: ExpectedReceipt) -> list[tuple[int, bool]]:
    """Take the receipt's amount off the lines ([line_id, invoice_id, due, open, overdue], oldest due
    first); returns [(amount, overdue)] taken."""
    wanted = set(receipt.invoice_ids)
    if wanted:
        order = [ln for ln in lines if ln[1] in wanted]
        if not receipt.only_these:
            order += [ln for ln in lines if ln[1] not in wanted]
    else:
        order = lines
    left, taken = receipt.amount_minor, []
    for ln in order:
        if left <= 0:
            break
        take = min(left, ln[3])
        if take > 0:
            ln[3] -= take
            left -= take
            taken.append((take, ln[4]))
    return taken


def committed_receipts(session: Session, as_of: dt.date, sources: Sequence[ReceiptSource] | None,
                       currency: str | None) -> dict[tuple[int, str], list[ExpectedReceipt]]:
    """(customer id, currency) -> the receipts its agreements and promises put on dates."""
    committed: dict[tuple[int, str], list[ExpectedReceipt]] = defaultdict(list)
    for source in DEFAULT_SOURCES if sources is None else sources:
        for r in source.receipts(session, as_of):
            if r.amount_minor > 0 and (currency is None or r.currency == currency):
                committed[(r.customer_id, r.currency)].append(r)
    return committed


def place_lines(rows, committed, model: LatenessModel, as_of: dt.date, weeks: int):
    """Put open lines (line id, customer id, currency, invoice id, due date, open) into weeks: a customer's
    commitments first, on their own dates, the rest by the model. Returns (sums, totals): per currency,
    week index (weeks + 1 = beyond) → [expected, from overdue, from commitments], and [open, overdue]."""
    sums: dict[str, dict[int, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0, 0]))
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    shift: dict[int, int] = {}

    def place(cur: str, customer_id: int, due: dt.date, amount: int, overdue: bool) -> None:
        days = shift.get(customer_id)
        if days is None:
            days = shift[customer_id] = round_days(float(model.expected_days_late(customer_id)))
        cell = sums[cur][min(week_of(due + dt.timedelta(days=days), as_of), weeks + 1)]
        cell[0] += amount
        if overdue:
            cell[1] += amount

    held: dict[tuple[int, str], list[list]] = defaultdict(list)  # lines of customers with commitments
    for line_id, customer_id, cur, invoice_id, due, open_ in rows:
        open_ = int(open_)
        overdue = due < as_of
        tot = totals[cur]
        tot[0] += open_
        if overdue:
            tot[1] += open_
        if (customer_id, cur) in committed:
            held[(customer_id, cur)].append([line_id, invoice_id, due, open_, overdue])
        else:
            place(cur, customer_id, due, open_, overdue)

    for (customer_id, cur), lines in held.items():
        lines.sort(key=lambda ln: (ln[2], ln[0]))
        for r in sorted(committed[(customer_id, cur)], key=lambda r: (r.expected_date, r.source)):
            cell = sums[cur][min(week_of(r.expected_date, as_of), weeks + 1)]
            for amount, overdue in _consume(lines, r):
                cell[0] += amount
                cell[2] += amount
                if overdue:
                    cell[1] += amount
        for _line_id, _invoice_id, due, open_, overdue in lines:
            if open_ > 0:
                place(cur, customer_id, due, open_, overdue)
    return sums, totals


def build_forecast(as_of: dt.date, weeks: int, model: LatenessModel, sums, totals) -> CashForecast:
    out = []
    for cur in sorted(totals):
        per_week = sums[cur]
        rows = tuple(
            ForecastWeek(k, as_of + dt.timedelta(days=7 * (k - 1) + 1), as_of + dt.timedelta(days=7 * k),
                         *(per_week[k] if k in per_week else (0, 0, 0)))
            for k in range(1, weeks + 1))
        beyond = per_week.get(weeks + 1, [0, 0, 0])
        out.append(CurrencyForecast(cur, totals[cur][0], totals[cur][1], rows, *beyond))
    default = getattr(model, "default", None)
    return CashForecast(as_of, weeks, getattr(model, "name", type(model).__name__),
                        float(default) if isinstance(default, (int, float)) else None, tuple(out))


def check_weeks(weeks) -> None:
    if not isinstance(weeks, int) or weeks < 1 or weeks > MAX_WEEKS:
        raise ForecastOptionError(f"--weeks must be a whole number from 1 to {MAX_WEEKS}; got {weeks}", "weeks")


def cash_forecast(session: Session, as_of: dt.date, weeks: int = DEFAULT_WEEKS, *,
                  model: LatenessModel | None = None, sources: Sequence[ReceiptSource] | None = None,
                  currency: str | None = None) -> CashForecast:
    """Expected collections per week after `as_of`, per currency. `sources=None` uses the agreements
    and promises on record (DEFAULT_SOURCES); pass `()` for the model alone. Without `model`: the risk
    model's stored expected days late when a snapshot computed by `as_of` exists, else the customers'
    historical lateness."""
    check_weeks(weeks)
    cur_filter = currency.upper() if currency else None
    committed = committed_receipts(session, as_of, sources, cur_filter)
    if model is None:
        model = StoredModelLateness.load(session, as_of)
    if model is None:  # the customers' historical lateness, stored by the ledger
        model = HistoricalLateness.fit_for(session, as_of, {cid for cid, _cur in committed})
    in_sql = getattr(model, "in_sql", None)
    if in_sql is None:
        q = open_lines_statement(as_of)
        if cur_filter:
            q = q.where(Invoice.currency == cur_filter)
        sums, totals = place_lines(session.execute(q), committed, model, as_of, weeks)
        return build_forecast(as_of, weeks, model, sums, totals)
    from .forecast_bulk import place_open_lines  # NumPy: loaded by the commands that place many lines only

    skip = {cid for cid, _cur in committed}
    sums, totals = place_open_lines(session, as_of, weeks, in_sql.shifts, in_sql.default_shift, skip, cur_filter)
    if skip:  # customers with commitments: their lines in Python, commitments first
        add_committed_lines(session, as_of, weeks, model, committed, sums, cur_filter)
    return build_forecast(as_of, weeks, model, sums, totals)


def add_committed_lines(session: Session, as_of: dt.date, weeks: int, model, committed, sums,
                        cur_filter: str | None = None) -> None:
    """Add to the SQL week sums `sums` the lines of the customers with agreements or promises, placed in
    Python (their commitments come first): the forecast's and the dashboard's one way of doing it."""
    q = open_lines_statement(as_of).where(Invoice.customer_id.in_(sorted({cid for cid, _cur in committed})))
    if cur_filter:
        q = q.where(Invoice.currency == cur_filter)
    more, _totals = place_lines(session.execute(q), committed, model, as_of, weeks)
    for cur, per_week in more.items():
        for k, (expected, overdue, committed_part) in per_week.items():
            cell = sums[cur][k]
            cell[0] += expected
            cell[1] += overdue
            cell[2] += committed_part


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
             "from_overdue": to_str(w.from_overdue_minor, c.currency),
             "from_commitments": to_str(w.from_commitments_minor, c.currency)}
            for c in fc.currencies for w in c.weeks
        ],
        "beyond": [
            {"currency": c.currency, "after": (fc.as_of + dt.timedelta(days=7 * fc.weeks)).isoformat(),
             "expected": to_str(c.beyond_minor, c.currency),
             "from_overdue": to_str(c.beyond_from_overdue_minor, c.currency),
             "from_commitments": to_str(c.beyond_from_commitments_minor, c.currency)}
            for c in fc.currencies
        ],
        "currencies": [
            {"currency": c.currency, "open": to_str(c.open_minor, c.currency),
             "overdue": to_str(c.overdue_minor, c.currency),
             "expected_in_horizon": to_str(c.open_minor - c.beyond_minor, c.currency),
             "committed": to_str(c.committed_minor, c.currency)}
            for c in fc.currencies
        ],
    }


CSV_HEADER = ("currency", "week", "week_start", "week_end", "expected", "from_overdue", "from_commitments")


def forecast_csv_rows(fc: CashForecast) -> list[tuple[str, ...]]:
    """One row per currency and week, then a `beyond` row per currency (week_start = the day after the
    last week, week_end empty)."""
    from app.ledger.money import to_str

    rows: list[tuple[str, ...]] = [CSV_HEADER]
    after = fc.as_of + dt.timedelta(days=7 * fc.weeks + 1)
    for c in fc.currencies:
        for w in c.weeks:
            rows.append((c.currency, str(w.week), w.week_start.isoformat(), w.week_end.isoformat(),
                         to_str(w.expected_minor, c.currency), to_str(w.from_overdue_minor, c.currency),
                         to_str(w.from_commitments_minor, c.currency)))
        rows.append((c.currency, "beyond", after.isoformat(), "", to_str(c.beyond_minor, c.currency),
                     to_str(c.beyond_from_overdue_minor, c.currency),
                     to_str(c.beyond_from_commitments_minor, c.currency)))
    return rows
