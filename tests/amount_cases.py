"""What people type as an amount, and what Cobranza must make of it: shared by the parser's, the
dialogs', the importer's and the CLI's tests so all of them give the same answer.

`None` as the expected amount means a refusal.
"""

from __future__ import annotations

import contextlib
from decimal import Decimal

# ISO 4217 decimals of the currencies the tables use (COP 2, as the books store it)
ISO_DIGITS = {"PEN": 2, "USD": 2, "COP": 2, "MXN": 2, "CLP": 0, "KWD": 3}


@contextlib.contextmanager
def iso_digits():
    """The tables state ISO 4217 amounts (COP 2); the books read each currency's decimals from the
    database's currency table (app.ledger.currencies), never from Babel, so this only checks that they
    agree: nothing is patched, a regression to Babel's digits (CLDR 49 says COP 0) fails here."""
    from app.ledger import money

    assert {code: money.exponent(code) for code in ISO_DIGITS} == ISO_DIGITS
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
