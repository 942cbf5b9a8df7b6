"""Currencies with their decimals, and exchange rates by date."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base


class Currency(Base):
    """A currency the books may use. `minor_units` is how many decimals its stored amounts have:
    amounts are integers of 10^-minor_units, so this number is part of the data, not a display choice."""

    __tablename__ = "currency"

    code: Mapped[str] = mapped_column(String(3), primary_key=True)
    minor_units: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(100))


class ExchangeRate(Base):
    """How many units of the company's currency one unit of `currency` is worth, from `rate_date` on
    (until the next rate of that currency). Rates rank and total amounts across currencies; the books
    themselves stay in each document's currency."""

    __tablename__ = "exchange_rate"
    __table_args__ = (UniqueConstraint("currency", "rate_date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    currency: Mapped[str] = mapped_column(String(3), ForeignKey("currency.code"))
    rate_date: Mapped[dt.date] = mapped_column(Date)
    # a Decimal as text: SQLite has no exact decimal type and a float would drift
    rate: Mapped[str] = mapped_column(String(40))
