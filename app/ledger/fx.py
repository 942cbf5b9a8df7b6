"""Exchange rates by date, and the one conversion into the company's currency.

A rate is how many units of the company's currency one unit of `currency` is worth, from its date on
until the next rate of that currency (table `exchange_rate`). Rates only rank and compare amounts across
currencies (customers by balance, top debtors, Today); the books and the reports stay in each document's
currency and are never converted.

Every conversion goes through `to_company_minor` (Python) or `Rates.factor` (the same number inside SQL),
with exact Decimal arithmetic and the currencies' stored decimals (`money.exponent`), rounding half-up.
An amount in a currency without a rate on the date has no company value (None): callers say so and put
it last, never compare its raw minor units with another currency's.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import ColumnElement, and_, case, func, literal, literal_column, select
from sqlalchemy.orm import Session

from app.models import ExchangeRate

from . import audit
from .company import get_company
from .dates import check_range
from .errors import InvalidValueError
from .money import check_currency, exponent

# a rate is a plain decimal with a point: 3.75, 0.00092, 1250; no signs, exponents or group separators
_PLAIN = re.compile(r"^\d+(\.\d+)?$")
MAX_RATE = Decimal("1000000000")  # 10^9 company units per unit: beyond any real currency pair
MAX_DECIMALS = 12


class InvalidRateError(InvalidValueError):
    field = "rate"


@dataclass(frozen=True)
class RateView:
    currency: str
    rate_date: dt.date
    rate: Decimal


def parse_rate(value: Decimal | str) -> Decimal:
    """A positive plain decimal ("3.75", "0.00092"); anything else is refused with the reason and the fix."""
    if isinstance(value, float):  # pragma: no cover - guard against misuse
        raise TypeError("a rate is never a float")
    if isinstance(value, Decimal):
        rate = value
        shown = str(value)
    else:
        shown = str(value).strip()
        if not shown:
            raise InvalidRateError("The exchange rate is empty: write it like 3.75 (company units per unit).")
        if "," in shown:
            raise InvalidRateError(
                f"'{shown}' has a comma: write the rate with a point as the decimal separator and no thousands "
                f"separators, like 3.75 or 0.00092.")
        if not _PLAIN.match(shown):
            raise InvalidRateError(
                f"'{shown}' is not a plain decimal number: write the rate like 3.75 or 0.00092 "
                f"(digits and one point, no signs, spaces or exponents).")
        rate = Decimal(shown)
    if not rate.is_finite() or rate <= 0:
        raise InvalidRateError(f"'{shown}' is not a valid exchange rate: it must be greater than zero.")
    if rate > MAX_RATE:
        raise InvalidRateError(f"'{shown}' is too large for an exchange rate (at most {MAX_RATE:,}).")
    if -rate.as_tuple().exponent > MAX_DECIMALS and rate != rate.quantize(Decimal(1).scaleb(-MAX_DECIMALS)):
        raise InvalidRateError(f"'{shown}' has more than {MAX_DECIMALS} decimals; round the rate.")
    return rate


def _plain(rate: Decimal) -> str:
    """The rate as stored: no exponent, no trailing zeros (3.75, 0.00092, 1250)."""
    return format(rate.normalize(), "f")


DEFAULT_COMPANY_CURRENCY = "PEN"  # what a company gets without one chosen (app.models.Company)


def company_currency(session: Session) -> str:
    """The currency rates convert into: the company's, or PEN (the default a new company gets) before
    there is a company record."""
    company = get_company(session)
    return company.currency if company and company.currency else DEFAULT_COMPANY_CURRENCY


def set_rate(session: Session, currency: str, rate: Decimal | str, date: dt.date) -> RateView:
    """Record (or replace) the rate of `currency` from `date` on, audited. The caller owns the transaction."""
    code = check_currency(currency)
    home = company_currency(session)
    if code == home:
        raise InvalidValueError(f"{code} is the company's own currency: its rate is always 1.", field="currency")
    if not isinstance(date, dt.date) or isinstance(date, dt.datetime):
        raise InvalidValueError(f"'{date}' is not a date; write it as YYYY-MM-DD.", field="date")
    check_range(date, "date")
    value = parse_rate(rate)
    row = session.scalars(select(ExchangeRate).where(ExchangeRate.currency == code,
                                                     ExchangeRate.rate_date == date)).first()
    before = audit.snapshot(row) if row else None
    if row is None:
        row = ExchangeRate(currency=code, rate_date=date, rate=_plain(value))
        session.add(row)
    else:
        row.rate = _plain(value)
    session.flush()
    audit.record(session, action="set", entity="exchange_rate", entity_id=row.id, before=before,
                 after=audit.snapshot(row))
    return RateView(code, date, Decimal(row.rate))


def list_rates(session: Session, currency: str | None = None) -> list[RateView]:
    """Every recorded rate, by currency and date (oldest first)."""
    q = select(ExchangeRate.currency, ExchangeRate.rate_date, ExchangeRate.rate)
    if currency:
        q = q.where(ExchangeRate.currency == check_currency(currency))
    q = q.order_by(ExchangeRate.currency, ExchangeRate.rate_date)
    return [RateView(cur, day, Decimal(rate)) for cur, day, rate in session.execute(q)]


def rate_on(session: Session, currency: str, date: dt.date) -> Decimal | None:
    """The latest rate of `currency` dated on or before `date`; 1 for the company's currency; None without one."""
    code = check_currency(currency)
    if code == company_currency(session):
        return Decimal(1)
    value = session.scalar(select(ExchangeRate.rate)
                           .where(ExchangeRate.currency == code, ExchangeRate.rate_date <= date)
                           .order_by(ExchangeRate.rate_date.desc()).limit(1))
    return None if value is None else Decimal(value)


@dataclass(frozen=True)
class Rates:
    """The rates in force on one date, read once: `home` is the company's currency."""

    home: str
    as_of: dt.date
    rates: dict[str, Decimal] = field(default_factory=dict)

    def rate(self, currency: str | None) -> Decimal | None:
        if currency is None:
            return None
        if currency == self.home:
            return Decimal(1)
        return self.rates.get(currency)

    def factor(self, currency: str) -> Decimal | None:
        """Company minor units per minor unit of `currency`: the rate scaled by the two currencies' decimals."""
        rate = self.rate(currency)
        if rate is None:
            return None
        return rate.scaleb(exponent(self.home) - exponent(currency))

    def missing(self, currencies) -> tuple[str, ...]:
        """The currencies among these that have no rate (sorted)."""
        return tuple(sorted({c for c in currencies if c and self.rate(c) is None}))


def rates_on(session: Session, as_of: dt.date) -> Rates:
    """Every currency's latest rate dated on or before `as_of`, in one query."""
    home = company_currency(session)
    latest = (select(ExchangeRate.currency, func.max(ExchangeRate.rate_date).label("day"))
              .where(ExchangeRate.rate_date <= as_of).group_by(ExchangeRate.currency).subquery())
    rows = session.execute(select(ExchangeRate.currency, ExchangeRate.rate)
                           .join(latest, and_(latest.c.currency == ExchangeRate.currency,
                                              latest.c.day == ExchangeRate.rate_date)))
    return Rates(home, as_of, {cur: Decimal(rate) for cur, rate in rows})


def to_company_minor(amount_minor: int, currency: str | None, rates: Rates) -> int | None:
    """`amount_minor` of `currency` in the company's minor units at `rates`, rounded half-up; None without a
    rate. Zero is zero in any currency (it needs no rate)."""
    if amount_minor == 0:
        return 0
    factor = rates.factor(currency) if currency else None
    if factor is None:
        return None
    return int((Decimal(amount_minor) * factor).to_integral_value(rounding=ROUND_HALF_UP))


def sql_to_company(amount: ColumnElement, currency: ColumnElement, rates: Rates,
                   currencies=None) -> tuple[ColumnElement, ColumnElement]:
    """The same conversion inside a query, for ranking: (value in company minor units, missing flag 0/1).

    The factors are literals from `rates` (a handful of currencies), so the database sorts without a join.
    PostgreSQL multiplies exactly (numeric); SQLite in double precision, which only matters to the order
    of amounts equal to 15 significant digits. A zero or NULL amount is 0 and never missing."""
    codes = set(rates.rates) | {rates.home}
    if currencies is not None:
        codes &= set(currencies)
    whens = []
    for code in sorted(codes):
        factor = rates.factor(code)
        if factor is None:
            continue
        if factor == 1:
            whens.append((currency == code, amount))
        else:
            whens.append((currency == code, amount * literal_column(format(factor.normalize(), "f"))))
    zero = func.coalesce(amount, 0) == 0
    rated = [currency == code for code in sorted(codes) if rates.factor(code) is not None]
    if whens:
        value = case((zero, literal(0)), *whens, else_=literal(0))
        known = case((zero, literal(0)), *[(cond, literal(0)) for cond in rated], else_=literal(1))
    else:
        value = literal(0)
        known = case((zero, literal(0)), else_=literal(1))
    return value, known


__all__ = ["InvalidRateError", "RateView", "Rates", "list_rates", "parse_rate", "rate_on", "rates_on",
           "set_rate", "sql_to_company", "to_company_minor"]
