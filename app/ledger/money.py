"""Money as integer minor units: parsing, formatting and exact splits.

The number of decimals per currency comes from the database's `currency` table (app.ledger.currencies),
never from Babel: Babel only supplies the locale's separators, symbols and patterns, and every call
here passes the digits explicitly.
"""

from __future__ import annotations

import copy
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache
from typing import Sequence

from babel import Locale
from babel.numbers import parse_pattern

from . import currencies
from .dates import fmt_date  # noqa: F401 - dates are formatted in app.ledger.dates (four-digit years)
from .errors import InvalidAmountError, UnknownCurrencyError


def check_currency(code: str | None) -> str:
    """Return the upper-cased ISO 4217 code of a currency the database knows, or raise UnknownCurrencyError."""
    value = (code or "").strip().upper()
    if not currencies.is_known(value):
        raise UnknownCurrencyError(code)
    return value


def exponent(currency: str) -> int:
    """How many decimals the currency's stored amounts have (PEN 2, CLP 0, KWD 3), from the database."""
    return currencies.minor_units(check_currency(currency))


MAX_MAJOR = 10 ** 13
"""The largest amount, in major units, any document may hold: a year of a large book still sums within
64 bits (9.2 × 10^18 minor units) with room to spare."""


def check_bound(amount_minor: int, currency: str) -> int:
    """`amount_minor`, or InvalidAmountError when it is beyond MAX_MAJOR in that currency."""
    if abs(int(amount_minor)) > MAX_MAJOR * 10 ** exponent(currency):
        raise InvalidAmountError(amount_minor, f"{to_str(amount_minor, currency)} {currency} is more than the largest "
                                               f"amount Cobranza records ({MAX_MAJOR:,} {currency}); check the digits")
    return int(amount_minor)


def to_minor(amount: str | int | Decimal, currency: str) -> int:
    """Parse "1234.50" (a '.' decimal separator, as in the CSV contract) into minor units.

    More decimals than the currency has is an error rather than a silent rounding.
    """
    exp = exponent(currency)
    if isinstance(amount, float):  # pragma: no cover - guard against misuse
        raise TypeError("money is never a float")
    try:
        value = Decimal(str(amount).strip())
    except InvalidOperation:
        raise InvalidAmountError(amount, f"'{amount}' is not a number; write it like 1234.50") from None
    if not value.is_finite():
        raise InvalidAmountError(amount, f"'{amount}' is not a number; write it like 1234.50")
    scaled = value.scaleb(exp)
    if abs(value) > MAX_MAJOR:
        raise InvalidAmountError(amount, f"'{amount}' is more than the largest amount Cobranza records "
                                         f"({MAX_MAJOR:,} {currency}); check the digits")
    if scaled != scaled.to_integral_value():
        raise InvalidAmountError(amount, f"'{amount}' has more than {exp} decimals for {currency}")
    return int(scaled)


def to_decimal(amount_minor: int, currency: str) -> Decimal:
    return Decimal(amount_minor).scaleb(-exponent(currency))


def to_str(amount_minor: int, currency: str) -> str:
    """Plain decimal string with the currency's digits: 1234.50 for PEN, 1234 for CLP."""
    exp = exponent(currency)
    return f"{Decimal(amount_minor).scaleb(-exp):.{exp}f}"


def plain_formatter(currency: str):
    """`to_str` for one currency with its decimals read once: `f(amount_minor)` gives the same text, in integer
    arithmetic (a report of a million amounts formats them without a Decimal or a look-up each)."""
    exp = exponent(currency)
    if not exp:
        return str
    scale, pattern, zero = 10 ** exp, f"%d.%0{exp}d", "0." + "0" * exp

    def plain(amount_minor: int) -> str:
        if not amount_minor:
            return zero
        if amount_minor < 0:
            return "-" + pattern % divmod(-amount_minor, scale)
        return pattern % divmod(amount_minor, scale)

    return plain


def number_formatter(currency: str, locale: str = "es_PE"):
    """`fmt(amount, currency, locale, symbol=False)` for one currency and locale with the currency's decimals
    and the locale's separators read once: `f(amount_minor)` gives the same text in integer arithmetic
    (Babel's pattern.apply took ~0.1 ms an amount: 60 s of a 100,000-customer aging table)."""
    return _formatter(currency, exponent(currency), locale or "es_PE", False)


@lru_cache(maxsize=512)
def _number(currency: str, exp: int, locale: str):
    from babel.numbers import get_decimal_symbol, get_group_symbol, get_minus_sign_symbol

    loc = Locale.parse(locale)
    decimal, group, minus = get_decimal_symbol(loc), get_group_symbol(loc), get_minus_sign_symbol(loc)
    if "'" in group:  # Babel reads an apostrophe as a pattern quote (de_CH: 1'234 but 1000000): its own text
        return lambda amount_minor: _babel(amount_minor, currency, exp, locale, False)
    scale, frac_pattern = 10 ** exp, f"{decimal}%0{exp}d" if exp else ""
    zero = "0" + (decimal + "0" * exp if exp else "")

    def number(amount_minor: int) -> str:
        if not amount_minor:
            return zero
        whole, frac = divmod(-amount_minor if amount_minor < 0 else amount_minor, scale)
        text = format(whole, ",")
        if group != ",":
            text = text.replace(",", group)
        if exp:
            text += frac_pattern % frac
        return minus + text if amount_minor < 0 else text

    # The same text from one C call: format(amount / 10**exp, ",.2f"). Exact below 2**52 minor units: the
    # quotient is then within half a unit of its last place of the exact decimal, so far closer than half a
    # minor unit, and Python's float formatting rounds correctly to the nearest, which is that decimal.
    spec = f",.{exp}f"
    local = None if (group, decimal, minus) == (",", ".", "-") else str.maketrans({",": group, ".": decimal,
                                                                                     "-": minus})

    def fast(amount_minor: int) -> str:
        if not amount_minor:
            return zero
        if -_EXACT < amount_minor < _EXACT:
            text = format(amount_minor / scale, spec)
            return text if local is None else text.translate(local)
        return number(amount_minor)

    # what `fast` does, for callers that format many amounts without a call each (the aging's text table):
    # format(amount_minor / scale, spec), translated by `local` when it is not None, for amounts strictly
    # between -exact and exact
    fast.scale, fast.spec, fast.local, fast.exact = scale, spec, local, _EXACT
    return fast


_EXACT = 2 ** 52  # amounts (in minor units) below this are formatted exactly through a float


@lru_cache(maxsize=512)
def _pattern(locale: str, digits: int, symbol: bool):
    """The locale's pattern with exactly `digits` decimals (Babel would otherwise pick its own)."""
    loc = Locale.parse(locale)
    if symbol:
        pattern = copy.copy(loc.currency_formats["standard"])
    else:
        pattern = parse_pattern("#,##0" + ("." + "0" * digits if digits else ""))
    pattern.frac_prec = (digits, digits)
    return pattern, loc


def fmt(amount_minor: int, currency: str, locale: str = "es_PE", symbol: bool = True) -> str:
    """Locale-formatted amount: 'S/ 1,234.50' (es_PE), '$1,234.50' (en_US), '1.234,50' (es_CO)."""
    exp = exponent(currency)
    if type(amount_minor) is not int:  # noqa: E721 - a Decimal or a bool: Babel's own way
        return _babel(amount_minor, currency, exp, locale or "es_PE", symbol)
    return _formatter(currency, exp, locale or "es_PE", symbol)(amount_minor)


def _babel(amount_minor, currency: str, exp: int, locale: str, symbol: bool) -> str:
    pattern, loc = _pattern(locale, exp, symbol)
    return pattern.apply(Decimal(amount_minor).scaleb(-exp), loc, currency=currency, currency_digits=False)


_CHECKED = (0, 1, -1, 7, 99, 100, -100, 1000, 123456, -123456, 10 ** 9 + 1, -(10 ** 9 + 1), 10 ** 17 + 3,
            -(10 ** 17 + 3))  # amounts a formatter must give as Babel does before it is used


@lru_cache(maxsize=512)
def _formatter(currency: str, exp: int, locale: str, symbol: bool):
    """`fmt` for one currency, its decimals, locale and symbol, as a function of the amount: the number in
    integer arithmetic (_number) inside the text Babel puts around a positive and a negative amount ('S/ '
    and '-S/ ' in es_PE), ~1 µs an amount instead of Babel's ~55 µs (Today's list at 100,000 customers spent
    a tenth of a second of the GUI thread measuring its amount columns). Used only when it gives Babel's text
    for every amount of _CHECKED; else Babel's own pattern."""
    def babel(amount_minor: int) -> str:
        return _babel(amount_minor, currency, exp, locale, symbol)

    number = _number(currency, exp, locale)
    if symbol:
        sample = 123456789
        shown, positive, negative = number(sample), babel(sample), babel(-sample)
        if positive.count(shown) != 1 or negative.count(shown) != 1:
            return babel
        before, after = positive.split(shown)
        minus_before, minus_after = negative.split(shown)

        def fast(amount_minor: int) -> str:
            if amount_minor < 0:
                return minus_before + number(-amount_minor) + minus_after
            return before + number(amount_minor) + after
    else:
        fast = number
    if any(fast(amount) != babel(amount) for amount in _CHECKED):
        return babel
    return fast


def split_exact(total_minor: int, weights: Sequence[Decimal | int]) -> list[int]:
    """Split total into parts proportional to weights that sum exactly to total.

    Largest-remainder method; ties go to the earlier part so the result is deterministic.
    """
    if not weights:
        raise ValueError("nothing to split into")
    ws = [Decimal(w) for w in weights]
    if any(w < 0 for w in ws) or sum(ws) == 0:
        raise ValueError("weights must be non-negative and not all zero")
    whole = sum(ws)
    exact = [Decimal(total_minor) * w / whole for w in ws]
    parts = [int(e.to_integral_value(rounding="ROUND_FLOOR")) for e in exact]
    rest = total_minor - sum(parts)
    order = sorted(range(len(ws)), key=lambda i: (-(exact[i] - parts[i]), i))
    for i in order[:rest]:
        parts[i] += 1
    return parts


def percent_of(amount_minor: int, percent: Decimal) -> int:
    return int((Decimal(amount_minor) * percent / 100).to_integral_value(rounding=ROUND_HALF_UP))
