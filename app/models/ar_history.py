"""Receivables history per currency, kept for the KPIs (app.ledger.ar_history writes these tables)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger, Date, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base


class ArDay(Base):
    """One currency on one day on which anything moved: the receivable (`ar_minor`, open amounts of the
    due lines of invoices existing that day) and its part not yet due (`current_minor`) as of that day,
    both valid until the next row of the currency; and that day's own movements: invoices issued (every
    status), posted payments received, and the payment allocations dated that day with their
    amount-weighted days since issue and past due (KPIs' days to pay and days late)."""

    __tablename__ = "ar_day"

    currency: Mapped[str] = mapped_column(String(3), primary_key=True)
    day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    ar_minor: Mapped[int] = mapped_column(BigInteger)
    current_minor: Mapped[int] = mapped_column(BigInteger)
    issued_minor: Mapped[int] = mapped_column(BigInteger)
    collected_minor: Mapped[int] = mapped_column(BigInteger)
    paid_minor: Mapped[int] = mapped_column(BigInteger)
    paid_days_issue: Mapped[int] = mapped_column(BigInteger)  # Σ allocated × days since the invoice's issue
    paid_days_due: Mapped[int] = mapped_column(BigInteger)  # Σ allocated × days past the line's due date


class ArRoll(Base):
    """A month's roll-rate inputs per currency and due-date bucket (app.reports.kpi defines the buckets):
    open on the previous month end in the bucket (`den_minor`), and open on `month_end` of those lines once
    in a later bucket (`num_minor`)."""

    __tablename__ = "ar_roll"

    currency: Mapped[str] = mapped_column(String(3), primary_key=True)
    month_end: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    bucket: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    den_minor: Mapped[int] = mapped_column(BigInteger)
    num_minor: Mapped[int] = mapped_column(BigInteger)


class ArHistoryState(Base):
    """One row: ar_day and ar_roll hold exact figures for days up to `valid_through` (None: nothing yet),
    except from the earliest day in ar_dirty on. `version` changes on every store (a writer that read an
    older version stores nothing)."""

    __tablename__ = "ar_history_state"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    valid_through: Mapped[dt.date | None] = mapped_column(Date)
    version: Mapped[int] = mapped_column(Integer)


class ArDirty(Base):
    """A write of the ledger dated `day` (one row per transaction, its earliest date): the stored history
    is stale from that day on. Rows only ever added by writers, removed by the store that took them in,
    so writers never wait for each other here."""

    __tablename__ = "ar_dirty"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    day: Mapped[dt.date] = mapped_column(Date)
