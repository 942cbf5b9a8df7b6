"""Amounts and dates for people: Babel with the company's locale (app.ledger.money does the work)."""

from __future__ import annotations

import datetime as dt
from babel.dates import get_date_format

from app.ledger.amount_input import parse_amount
from app.ledger.money import exponent, fmt, fmt_date


class Formatter:
    """Formats and parses money and dates for one locale (the company's, e.g. es_PE)."""

    def __init__(self, locale: str = "es_PE"):
        self.locale = locale or "es_PE"

    def money(self, amount_minor: int | None, currency: str, symbol: bool = True) -> str:
        if amount_minor is None:
            return ""
        return fmt(int(amount_minor), currency, self.locale, symbol=symbol)

    def date(self, value: dt.date | None) -> str:
        return fmt_date(value, self.locale)

    def qt_date_format(self) -> str:
        """The locale's short date pattern as a QDateEdit display format, with a four-digit year."""
        pattern = get_date_format("short", locale=self.locale).pattern
        out, i = [], 0
        while i < len(pattern):
            ch = pattern[i]
            j = i
            while j < len(pattern) and pattern[j] == ch:
                j += 1
            run = pattern[i:j]
            if ch == "y":
                run = "yyyy"
            elif ch == "M":
                run = "MM"
            elif ch == "d":
                run = "dd"
            elif ch.isalpha():
                run = ""
            out.append(run)
            i = j
        return "".join(out).strip() or "yyyy-MM-dd"

    def parse_money(self, text: str, currency: str, *, allow_negative: bool = False) -> int:
        """What was typed, in minor units: the strict parser (app.ledger.amount_input) with this locale.

        '1,234.56' or '1.234,56' (es_PE: the other form when its decimal comma is there), plain '1234.56'.
        Raises AmountInputError (an InvalidAmountError) naming the readings when it is not one amount."""
        return parse_amount(text or "", currency, self.locale, allow_negative=allow_negative)

    def edit_text(self, amount_minor: int, currency: str) -> str:
        """An amount as the user would type it back (no symbol, with grouping)."""
        return fmt(int(amount_minor), currency, self.locale, symbol=False)

    def decimals(self, currency: str) -> int:
        return exponent(currency)
