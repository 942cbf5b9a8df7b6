"""Amounts in thousands/millions for places too narrow for the whole number ("S/ 306.5 M", "$306,5 M").

The unit names come from the locale's short compact patterns (CLDR via Babel: es "k", "M", "mil M",
"B" = billón = 10^12; en "K", "M", "B", "T"); the separators and the currency symbol's place from the
locale's currency pattern. The number of decimals is always given here, never chosen by Babel. A compact
form is only ever offered beside the full amount (which the widget shows in a tooltip), never instead of
it in a document or an export.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from babel import Locale
from babel.numbers import format_currency

from app.ledger.money import to_decimal

_NUMBER = re.compile(r"[#0,.@]+")


@lru_cache(maxsize=32)
def _units(locale: str) -> tuple[tuple[int, int, str], ...]:
    """(magnitude, divisor, suffix) per power of ten from 10^3 up, from the locale's short patterns.

    A pattern '000 M' under the key 10^8 means: divide by 10^6 and write ' M'; '0000 M' under 10^9 (as
    Spanish writes thousands of millions) divides by 10^6 too. Keys missing in a locale fall back to the
    nearest smaller one.
    """
    loc = Locale.parse(locale)
    try:
        short = loc.compact_decimal_formats["short"]
    except (KeyError, TypeError):
        short = {}
    patterns = short.get("other") or next(iter(short.values()), {})
    out = []
    for key in sorted(patterns, key=int):
        pattern = patterns[key].pattern if hasattr(patterns[key], "pattern") else str(patterns[key])
        zeros = pattern.count("0")
        if zeros == 0:
            continue
        magnitude = len(key) - 1
        divisor_exp = magnitude - zeros + 1
        if divisor_exp <= 0:
            continue
        suffix = _NUMBER.sub("", pattern.replace("0", "#"), count=1).replace("'", "")
        # a lone 'K' for 10^3 beside 'k' for 10^4..10^5 (es): one spelling per divisor, the later one
        out.append((magnitude, divisor_exp, suffix))
    by_divisor = {}
    for magnitude, divisor_exp, suffix in out:
        by_divisor[divisor_exp] = suffix
    units = tuple((m, d, by_divisor[d]) for m, d, _s in out)
    if not units:  # a locale without compact patterns: thousands and millions, spelled the SI way
        units = ((3, 3, "\xa0k"), (4, 3, "\xa0k"), (5, 3, "\xa0k"), (6, 6, "\xa0M"))
    return units


def _unit_for(magnitude: int, locale: str) -> tuple[int, str] | None:
    best = None
    for m, d, suffix in _units(locale):
        if m <= magnitude:
            best = (d, suffix)
    return best


def _pattern(locale: str, digits: int, suffix: str) -> str:
    """The locale's currency pattern with `digits` decimals and the unit after the number."""
    standard = Locale.parse(locale).currency_formats["standard"].pattern.split(";")[0]
    number = "#,##0" + ("." + "0" * digits if digits else "")
    literal = "'" + suffix.replace("'", "''") + "'" if suffix else ""
    return _NUMBER.sub(lambda _m: number + literal, standard, count=1)


def compact_money(amount_minor: int, currency: str, locale: str, digits: int = 1) -> str | None:
    """The amount in the locale's thousands/millions with `digits` decimals, e.g. 'S/ 306.5 M' (es_PE),
    or None when the amount is under a thousand (there is nothing to abbreviate)."""
    value = to_decimal(int(amount_minor), currency)
    size = abs(value)
    if size < 1000:
        return None
    magnitude = len(str(int(size))) - 1
    for _ in range(3):  # rounding can carry into the next unit: 999,950 -> 1.0 M, not 1,000.0 k
        unit = _unit_for(magnitude, locale)
        if unit is None:
            return None
        divisor_exp, suffix = unit
        scaled = (value.scaleb(-divisor_exp)).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
        rounded_magnitude = len(str(int(abs(scaled.scaleb(divisor_exp))))) - 1
        if rounded_magnitude <= magnitude or _unit_for(rounded_magnitude, locale) == unit:
            break
        magnitude = rounded_magnitude
    return format_currency(scaled, currency, format=_pattern(locale, digits, suffix), locale=locale,
                           currency_digits=False)


def compact_forms(amount_minor: int, currency: str, locale: str) -> list[str]:
    """Compact forms, most precise first (two decimals, one, none); empty under a thousand."""
    forms = []
    for digits in (2, 1, 0):
        text = compact_money(amount_minor, currency, locale, digits)
        if text and text not in forms:
            forms.append(text)
    return forms
