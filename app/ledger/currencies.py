"""Which currencies the books may use and how many decimals each has, from the database.

The `currency` table is the authority (migration 0009 fills it from ISO 4217). The open database's
table is read once when it is opened (`load`) and kept here, so formatting a million amounts asks no
query; until a database is opened the shipped ISO 4217 list stands in. Never Babel: its CLDR digits are
a display preference that changes between releases, and stored amounts must keep their value.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Currency

from .errors import UnknownCurrencyError
from app.models.iso4217 import ISO_4217

_digits: dict[str, int] = {code: digits for code, (digits, _name) in ISO_4217.items()}


def load(connectable) -> dict[str, int]:
    """Read the database's currency table into the process-wide cache; returns it.

    `connectable` is a Session, a Connection or an Engine. A database without the table (older than
    revision 0009, being upgraded) leaves the cache as it is."""
    global _digits
    statement = select(Currency.code, Currency.minor_units)
    if isinstance(connectable, Session):
        rows = connectable.execute(statement).all()
    elif hasattr(connectable, "connect") and not hasattr(connectable, "execute"):
        with connectable.connect() as conn:
            rows = conn.execute(statement).all()
    else:
        rows = connectable.execute(statement).all()
    if rows:
        _digits = {code: int(units) for code, units in rows}
    return dict(_digits)


def minor_units(code: str) -> int:
    """The decimals of an upper-case ISO code; UnknownCurrencyError when the database lacks it."""
    try:
        return _digits[code]
    except KeyError:
        raise UnknownCurrencyError(code) from None


def is_known(code: str) -> bool:
    return code in _digits
