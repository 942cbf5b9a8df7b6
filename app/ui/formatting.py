"""Amounts and dates for people: Babel with the company's locale (app.ledger.money does the work)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from babel.dates import get_date_format
from babel.numbers import NumberFormatError, parse_decimal

from app.ledger.errors import InvalidAmountError
from app.ledger.money import exponent, fmt, fmt_date, to_minor


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

    def parse_money(self, text: str, currency: str) -> int:
        """'1.234,56' (es_CO), '1,234.56' (es_PE) or plain '1234.56' into minor units.

        Raises InvalidAmountError when it is not an amount in that currency.
        """
        raw = (text or "").strip().replace("\u00a0", "").replace(" ", "")
        if not raw:
            raise InvalidAmountError(text, "Enter an amount.")
        value: Decimal | None = None
        try:
            value = parse_decimal(raw, locale=self.locale, strict=True)
        except (NumberFormatError, InvalidOperation, ValueError):
            try:
                value = Decimal(raw.replace(",", "")) if raw.count(".") <= 1 else None
            except InvalidOperation:
                value = None
        if value is None:
            raise InvalidAmountError(text, f"'{text}' is not an amount.")
        return to_minor(str(value), currency)

    def edit_text(self, amount_minor: int, currency: str) -> str:
        """An amount as the user would type it back (no symbol, with grouping)."""
        return fmt(int(amount_minor), currency, self.locale, symbol=False)

    def decimals(self, currency: str) -> int:
        return exponent(currency)
