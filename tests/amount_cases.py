"""What people type as an amount, and what Cobranza must make of it: shared by the parser's, the
dialogs', the importer's and the CLI's tests so all of them give the same answer.

`None` as the expected amount means a refusal.
"""

from __future__ import annotations

import contextlib
from decimal import Decimal

import pytest

# ISO 4217 decimals of the currencies the tables use (COP 2, as the books store it)
ISO_DIGITS = {"PEN": 2, "USD": 2, "COP": 2, "MXN": 2, "CLP": 0, "KWD": 3}


@contextlib.contextmanager
def iso_digits():
    """Pin money.exponent to ISO 4217 for the tables' currencies.

    The installed Babel (CLDR 49) says COP has 0 decimals; the books use ISO 4217's 2 and read them from
    the database (issue 9). Where `exponent` already comes from the database this changes nothing; it
    lets these tables state ISO 4217 amounts either way. Babel's own precision is pinned too, for the
    `money.fmt(..., symbol=True)` that still asks it."""
    import babel.numbers

    from app.ledger import money

    real = money.exponent

    def exponent(currency):
        code = money.check_currency(currency)
        return ISO_DIGITS[code] if code in ISO_DIGITS else real(code)

    real_babel = babel.numbers.get_currency_precision
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(money, "exponent", exponent)
        mp.setattr(babel.numbers, "get_currency_precision",
                   lambda c: ISO_DIGITS[c] if c in ISO_DIGITS else real_babel(c))
        yield


def minor(major: str | None, currency: str) -> int | None:
    return None if major is None else int(Decimal(major).scaleb(ISO_DIGITS[currency]))


# One list for the GUI, the importer and the CLI: (company locale, currency, text, expected major units)
SHARED = [
    ("es_PE", "PEN", "1.000,00", "1000"),
    ("es_PE", "PEN", "1000,50", "1000.50"),
    ("es_PE", "PEN", "12,5", "12.50"),
    ("es_PE", "PEN", "1,250", None),
    ("es_PE", "PEN", "1.250", None),
    ("es_PE", "PEN", "1,234.56", "1234.56"),
    ("es_PE", "PEN", "1234.50", "1234.50"),
    ("es_PE", "PEN", "1..2", None),
    ("es_PE", "PEN", "10000000000001", None),
    ("es_PE", "CLP", "1,250", "1250"),
    ("es_PE", "CLP", "1000,50", None),
    ("es_CO", "USD", "1.000,00", "1000"),
    ("es_CO", "USD", "1000,50", "1000.50"),
    ("es_CO", "USD", "12,5", "12.50"),
    ("es_CO", "USD", "1,250", None),
    ("es_CO", "USD", "1.250", None),
    ("es_CO", "USD", "1.234,56", "1234.56"),
    ("es_CO", "USD", "1234.50", "1234.50"),
    ("es_CO", "USD", "1,2,3", None),
    ("es_CO", "CLP", "1.250", "1250"),
]
