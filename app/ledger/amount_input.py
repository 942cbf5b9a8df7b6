"""Amounts as people type them, read strictly: one answer or a refusal that shows the readings.

`parse_amount(text, currency, locale)` is the one parser behind every typed amount: the dialogs (through
`app.ui.formatting.Formatter.parse_money`), the importer and the CLI. It returns integer minor units or
raises `AmountInputError` (an `InvalidAmountError`) whose message says how the text could be read,
formatted in the user's locale. Money is never guessed.

Rules (docs/amounts.md has a table of examples per locale):

- The separators are the locale's (Babel's number symbols): es_PE, es_MX, en use decimal '.' and
  group ','; es_CO, es_CL use decimal ',' and group '.'. The currency's decimals come from
  `app.ledger.money.exponent` (the database), never from Babel.
- A text is read in up to three ways:
  * **locale**: the locale's own form, grouped correctly ("1,234.56" es_PE, "1.234,56" es_CO) or not
    grouped at all ("1234.56" es_PE, "1234,56" es_CO);
  * **plain**: '.' as the decimal point and no grouping ("1234.50"), in every locale;
  * **swapped**: the other common Latin-American form, the locale's two separators exchanged
    ("1.234,56" in es_PE, "1,234.56" in es_CO). It counts as a reading only when its decimal
    separator is in the text ("1.000,00", "1000,50", "12,5" in es_PE). Written with group separators
    alone ("1.234" or "1.234.567" in es_PE) it is never accepted; it is only named in the refusal.
- Grouping: a group separator sits between digits, the first group has one to three digits and does
  not start with 0, every later group has exactly three. One decimal separator at most; the number starts and ends with a digit
  (".5" and "12." are refused: type 0.5, 12); no spaces inside the number; ASCII digits 0-9 only.
- A reading **fits** the currency when it has at most the currency's decimals ("12,5" is 12.50 PEN).
  A reading with more decimals whose extra digits are all zero ("1.250" read as 1.25 PEN) does not fit,
  but it is still what someone may have meant, so it blocks every other reading; not so for a currency
  without decimals (nobody writes one Chilean peso as "1.000").
- The text is accepted when the readings that fit all give one amount and no other reading (fitting or
  blocking) gives another. Everything else is refused, naming each possible reading: es_PE "1,250"
  could be 1,250.00 or 1.25 (PEN) and is refused; with CLP (no decimals) 1.25 is impossible, so "1,250"
  is 1,250. The locale's own form is therefore always read back exactly as `money.fmt` writes it.
- An optional currency before or after the number: the currency's ISO code ("USD 10", "10 usd") or its
  symbol in the locale ("S/ 1,234.50" es_PE, "$1.234,56" for COP in es_CO, and "S/." for PEN), or a
  symbol that means only this currency in the locales we ship ("US$" for USD). Another currency's code or
  symbol is refused, naming it.
- A minus sign before the number or the currency (or right after the currency, as es_CL writes it) is a
  negative amount, refused unless `allow_negative`. Zero is returned as 0: the caller decides.
- At most `MAX_MAJOR` (10^13) major units either way, so the sums of a large book fit 64 bits.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal
from functools import lru_cache

from babel import Locale
from babel.numbers import get_currency_symbol, get_decimal_symbol, get_group_symbol, list_currencies

from . import money
from .errors import AmbiguousAmountError, AmountInputError, AmountTooLargeError

__all__ = ["MAX_MAJOR", "MESSAGES", "max_minor", "parse_amount", "render", "separators"]

MAX_MAJOR = money.MAX_MAJOR  # the largest amount, in major units, anything may hold (either sign)

# locales whose currency symbols identify a currency everywhere ("US$" means USD)
SYMBOL_LOCALES = ("es_PE", "es_MX", "es_CO", "es_CL", "es_AR", "es_EC", "es_BO", "es_ES", "en_US")
_ALIASES = {"PEN": ("S/", "S/.")}  # "S/." is how Peruvians long wrote the sol
_MINUS = ("-", "\u2212")
_SPACES = (" ", "\u00a0", "\u202f", "\u2009")
_DIGITS = "0123456789"
# digits, or digits, a point and one or two decimals: no locale reads them another way (a group has three
# digits), and below MAX_MAJOR; what parse_amount returns for them without weighing its readings
_PLAIN = re.compile(r"([0-9]{1,13})(?:\.([0-9]{1,2}))?")


# Every refusal: a reason and its template. The UI shows them translated (app/ui/errors.py holds the
# same templates for Qt's translator); {shown}, {typed} and {codes} are lists joined with "or",
# {decimals} is "1 decimal"/"3 decimals" and {digits} a number or "none".
MESSAGES = {
    "empty": "Enter an amount.",
    "foreign_digits": "'{text}' has digits other than 0-9; type the amount with the digits 0-9.",
    "not_amount": "'{text}' is not an amount; type it like {shown} or {plain}.",
    "two_currencies": "'{text}' is not an amount; type only the number, like {shown}.",
    "space": "'{text}' has a space inside the number; type it without spaces, like {plain}.",
    "bad_characters": "'{text}' is not an amount: use the digits 0-9 and '{dec}' for decimals, like {shown}.",
    "too_large": "'{text}' is too large: amounts go up to {limit} {currency}.",
    "negative": "'{text}' is negative; amounts here cannot be below zero.",
    "starts_with_separator": "'{text}' starts with '{sep}'; type the number with a digit on each side of a "
                             "separator.",
    "ends_with_separator": "'{text}' ends with '{sep}'; type the number with a digit on each side of a separator.",
    "other_currency": "'{text}' is written in {codes}, but this amount is in {currency}.",
    "symbol_of_many": "'{token}' can mean {codes}; write {currency} instead.",
    "ambiguous": "'{text}' could be {shown}; type {typed} to say which.",
    "decimals_or_thousands": "'{text}' has {decimals} but {currency} has {digits}; if you meant {shown}, "
                             "type {typed}.",
    "thousands": "'{text}' uses '{dec}' between thousands, which is not how amounts are written here; "
                 "if you meant {shown}, type {typed}.",
    "decimals_type": "'{text}' has {decimals} but {currency} has {digits}; type {typed}.",
    "decimals_whole": "'{text}' has {decimals} but {currency} has none; type a whole number.",
    "decimals_at_most": "'{text}' has {decimals} but {currency} has {digits}; type at most {digits} after the "
                        "decimal separator.",
    "malformed": "'{text}' is not an amount: '{grp}' between thousands must be followed by exactly three digits "
                 "and '{dec}' marks the decimals only once, like {shown} or {plain}.",
}
WORDS = (" or ", "none", "1 decimal", "{n} decimals")  # the words render() puts into the templates


def render(reason: str, args: dict, translate=None) -> str:
    """The refusal's text from its template; `translate` (English → the UI's language) for the GUI."""
    tr = translate or (lambda text: text)
    values = {}
    for key, value in args.items():
        if isinstance(value, tuple):
            items = [str(v) for v in value]
            values[key] = items[0] if len(items) == 1 else ", ".join(items[:-1]) + tr(" or ") + items[-1]
        elif key == "digits":
            values[key] = tr("none") if value == 0 else str(value)
        elif key == "decimals":
            values[key] = tr("1 decimal") if value == 1 else tr("{n} decimals").format(n=value)
        else:
            values[key] = value
    return tr(MESSAGES[reason]).format(**values)


def max_minor(currency: str) -> int:
    """MAX_MAJOR in the currency's minor units."""
    return MAX_MAJOR * 10 ** money.exponent(currency)


@lru_cache(maxsize=64)
def separators(locale: str) -> tuple[str, str]:
    """(decimal, group) for the locale from Babel's number symbols: ('.', ',') es_PE, (',', '.') es_CO."""
    loc = Locale.parse(locale or "es_PE")
    return get_decimal_symbol(loc), get_group_symbol(loc)


@lru_cache(maxsize=64)
def _symbols(locale: str) -> dict[str, frozenset[str]]:
    """Upper-cased currency symbol or code → the currencies it names in this locale."""
    out: dict[str, set[str]] = {}
    for code in list_currencies():
        out.setdefault(code.upper(), set()).add(code)
        try:
            symbol = get_currency_symbol(code, locale)
        except Exception:  # pragma: no cover - Babel data gap
            continue
        out.setdefault(symbol.strip().upper(), set()).add(code)
    return {k: frozenset(v) for k, v in out.items()}


@lru_cache(maxsize=1)
def _symbols_anywhere() -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for locale in SYMBOL_LOCALES:
        for symbol, codes in _symbols(locale).items():
            out.setdefault(symbol, set()).update(codes)
    return {k: frozenset(v) for k, v in out.items()}


@dataclass(frozen=True)
class _Reading:
    kind: str  # "locale", "plain", "swapped" or "grouping" (swapped form with group separators only)
    value: Decimal
    decimals: int  # digits typed after the decimal separator


def _read(body: str, dec: str, grp: str | None) -> tuple[Decimal, int] | None:
    """The value of `body` with these separators, or None when it is not written that way."""
    if body.count(dec) > 1:
        return None
    whole, has_dec, frac = body.partition(dec)
    if has_dec and not frac or not all(c in _DIGITS for c in frac):
        return None
    if grp is not None and grp in whole:
        groups = whole.split(grp)
        if not (1 <= len(groups[0]) <= 3) or groups[0].startswith("0") or any(len(g) != 3 for g in groups[1:]):
            return None
        whole = "".join(groups)
    if not whole or not all(c in _DIGITS for c in whole):
        return None
    return Decimal(f"{whole}.{frac}" if frac else whole), len(frac)


def _readings(body: str, locale: str) -> list[_Reading]:
    dec, grp = separators(locale)
    out = []
    for kind, d, g in _ways(body, dec, grp):
        got = _read(body, d, g)
        if got is not None:
            out.append(_Reading(kind, *got))
    return out


def _ways(body: str, dec: str, grp: str):
    yield "locale", dec, grp
    yield "plain", ".", None
    if {dec, grp} == {".", ","}:
        yield ("swapped" if grp in body else "grouping"), grp, dec


class _Context:
    def __init__(self, text: str, currency: str, locale: str):
        self.text = text
        self.currency = currency
        self.locale = locale
        self.exp = money.exponent(currency)

    def minor(self, value: Decimal) -> int:
        return int(value.scaleb(self.exp))

    def fits(self, r: _Reading) -> bool:
        return r.decimals <= self.exp

    def plausible(self, r: _Reading) -> bool:
        """Fits, or has extra decimals that are all zero in a currency with decimals ("1.250" PEN is 1.25).

        A currency without decimals has no such reading: nobody writes one peso as "1.000"."""
        if r.kind == "grouping" or self.fits(r):
            return True
        scaled = r.value.scaleb(self.exp)
        return self.exp > 0 and scaled == scaled.to_integral_value()

    def shown(self, value: Decimal) -> str:
        """How the locale writes the amount: 1,250.00 (es_PE), 1.250,00 (es_CO)."""
        return money.fmt(self.minor(value), self.currency, self.locale, symbol=False)

    def typed(self, value: Decimal) -> str:
        """What to type for exactly this amount: 1250, or 1.25 (es_PE) / 1,25 (es_CO); never ambiguous."""
        if value == value.to_integral_value():
            return str(int(value))
        dec, _grp = separators(self.locale)
        return f"{value:.{self.exp}f}".replace(".", dec)

    def example(self) -> Decimal:
        """1234.56 cut to the currency's decimals: 1234.56 PEN, 1234 CLP, 1234.560 KWD."""
        return Decimal("1234.56").quantize(Decimal(1).scaleb(-self.exp), rounding=ROUND_DOWN)

    def plain(self, value: Decimal) -> str:
        return f"{value:.{self.exp}f}"

    def fail(self, reason: str, **args) -> AmountInputError:
        args.setdefault("text", self.text)
        return AmountInputError(self.text, render(reason, args), reason=reason, args=args)


def parse_amount(text: str, currency: str, locale: str, *, allow_negative: bool = False) -> int:
    """The amount typed in `text`, in minor units of `currency`, read with `locale`'s separators.

    Raises AmountInputError (AmbiguousAmountError when it reads two ways, AmountTooLargeError above
    MAX_MAJOR); the message quotes the text and says how to type what was meant.
    UnknownCurrencyError when the currency is not one the books know.
    """
    currency = money.check_currency(currency)
    locale = locale or "es_PE"
    raw = "" if text is None else str(text)
    c = _Context(raw.strip(), currency, locale)
    s = c.text
    if not s:
        raise c.fail("empty")
    plain = _PLAIN.fullmatch(s)
    if plain and len(plain[2] or "") <= c.exp:  # reads one way in every locale: spare the readings (imports)
        return int(plain[1]) * 10 ** c.exp + int((plain[2] or "").ljust(c.exp, "0") or 0)
    for ch in s:
        if ch not in _DIGITS and unicodedata.category(ch) == "Nd":
            raise c.fail("foreign_digits")
    first = next((i for i, ch in enumerate(s) if ch in _DIGITS), None)
    if first is None:
        raise c.fail("not_amount", shown=c.shown(c.example()), plain=c.plain(c.example()))
    last = max(i for i, ch in enumerate(s) if ch in _DIGITS)
    prefix, body, suffix = s[:first].strip(), s[first:last + 1], s[last + 1:].strip()

    negative = False
    for minus in _MINUS:
        if prefix.startswith(minus):
            prefix, negative = prefix[1:].strip(), True
            break
        if prefix.endswith(minus):
            prefix, negative = prefix[:-1].strip(), True
            break
    if prefix and suffix:
        raise c.fail("two_currencies", shown=c.shown(c.example()))
    for token, where in ((prefix, "starts"), (suffix, "ends")):
        if token:
            _check_currency_token(c, token, where)

    dec, grp = separators(locale)
    if grp in _SPACES:
        for space in _SPACES:
            body = body.replace(space, grp)
    if any(ch.isspace() for ch in body):
        raise c.fail("space", plain=c.plain(c.example()))
    if re.search(r"[^0-9.,]", body.replace(grp, "").replace(dec, "")):
        raise c.fail("bad_characters", dec=dec, shown=c.shown(c.example()))
    if sum(ch in _DIGITS for ch in body) > 30:  # far past MAX_MAJOR in any reading; spare the work
        raise _too_large(c)

    value = _choose(c, _readings(body, locale))
    if abs(value) > MAX_MAJOR:
        raise _too_large(c)
    if negative and value:
        if not allow_negative:
            raise c.fail("negative")
        value = -value
    return c.minor(value)


def _too_large(c: _Context) -> AmountTooLargeError:
    args = dict(text=c.text, limit=money.fmt(max_minor(c.currency), c.currency, c.locale, symbol=False),
                currency=c.currency)
    return AmountTooLargeError(c.text, render("too_large", args), reason="too_large", args=args)


def _check_currency_token(c: _Context, token: str, where: str) -> None:
    key = token.upper()
    own = {c.currency, get_currency_symbol(c.currency, c.locale).upper(), *_ALIASES.get(c.currency, ())}
    if key in own:
        return
    if token[0 if where == "ends" else -1] in ".,":
        sep = token[0 if where == "ends" else -1]
        raise c.fail(f"{where}_with_separator", sep=sep)
    here = _symbols(c.locale).get(key)
    if here:
        raise c.fail("other_currency", codes=tuple(sorted(here)), currency=c.currency)
    anywhere = _symbols_anywhere().get(key)
    if anywhere == frozenset({c.currency}):
        return
    if anywhere:
        if c.currency in anywhere:
            raise c.fail("symbol_of_many", token=token, codes=tuple(sorted(anywhere)), currency=c.currency)
        raise c.fail("other_currency", codes=tuple(sorted(anywhere)), currency=c.currency)
    raise c.fail("not_amount", shown=c.shown(c.example()), plain=c.plain(c.example()))


def _choose(c: _Context, readings: list[_Reading]) -> Decimal:
    """The one amount the readings agree on, or the refusal that names them."""
    counted = [r for r in readings if r.kind != "grouping"]
    fitting = {r.value for r in counted if c.fits(r)}
    blocking = {r.value for r in counted if c.plausible(r)}
    if len(fitting) == 1 and blocking == fitting:
        return next(iter(fitting))

    options: list[Decimal] = []
    for r in readings:  # the locale's reading first, in the order _ways lists them
        if c.plausible(r) and r.value not in options:
            options.append(r.value)
    if len(options) >= 2:
        args = dict(text=c.text, shown=tuple(c.shown(v) for v in options),
                    typed=tuple(c.typed(v) for v in options))
        raise AmbiguousAmountError(c.text, render("ambiguous", args), tuple(c.minor(v) for v in options),
                                   reason="ambiguous", args=args)
    too_precise = [r for r in readings if not c.fits(r)]
    if len(options) == 1:
        (value,) = options
        kinds = {r.kind for r in readings if r.value == value}
        if kinds == {"grouping"}:
            dec, _grp = separators(c.locale)
            if too_precise:
                raise c.fail("decimals_or_thousands", decimals=too_precise[0].decimals, currency=c.currency,
                             digits=c.exp, shown=c.shown(value), typed=c.typed(value))
            raise c.fail("thousands", dec=dec, shown=c.shown(value), typed=c.typed(value))
        worst = max(r.decimals for r in readings if r.value == value)
        raise c.fail("decimals_type", decimals=worst, currency=c.currency, digits=c.exp, typed=c.typed(value))
    if too_precise:
        worst = min(r.decimals for r in too_precise)
        exact = {r.value for r in too_precise if r.value.scaleb(c.exp) == r.value.scaleb(c.exp).to_integral_value()}
        if len(exact) == 1:
            raise c.fail("decimals_type", decimals=worst, currency=c.currency, digits=c.exp,
                         typed=c.typed(next(iter(exact))))
        if c.exp == 0:
            raise c.fail("decimals_whole", decimals=worst, currency=c.currency)
        raise c.fail("decimals_at_most", decimals=worst, currency=c.currency, digits=c.exp)
    dec, grp = separators(c.locale)
    raise c.fail("malformed", grp=grp, dec=dec, shown=c.shown(c.example()), plain=c.plain(c.example()))
