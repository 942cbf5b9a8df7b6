"""Bank statements imported for matching: the statement file and its credit lines (app.banking)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger, CheckConstraint, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, UTCDateTime

LINE_NEW = "new"
LINE_CONFIRMED = "confirmed"
LINE_SKIPPED = "skipped"


class BankStatement(Base):
    """One import of a statement file: which layout read it, the account it names, when."""

    __tablename__ = "bank_statement"

    id: Mapped[int] = mapped_column(primary_key=True)
    layout: Mapped[str] = mapped_column(String(30))
    account: Mapped[str | None] = mapped_column(String(60))
    file_name: Mapped[str] = mapped_column(String(255))
    currency: Mapped[str] = mapped_column(String(3))
    imported_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    lines_new: Mapped[int] = mapped_column(Integer, default=0)  # credit lines this import stored
    lines_known: Mapped[int] = mapped_column(Integer, default=0)  # credit lines an earlier import had stored


class BankLine(Base):
    """A credit (money in) of a statement. `fingerprint` identifies it across imports of the same or an
    overlapping statement, so importing it twice stores it once. `status` is new, confirmed (it became
    `payment_id`) or skipped (with `note`, the reason)."""

    __tablename__ = "bank_line"
    __table_args__ = (
        CheckConstraint("amount_minor > 0", name="amount_positive"),
        CheckConstraint("status IN ('new', 'confirmed', 'skipped')", name="status_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    statement_id: Mapped[int] = mapped_column(ForeignKey("bank_statement.id"), index=True)
    fingerprint: Mapped[str] = mapped_column(String(64), unique=True)
    line: Mapped[int] = mapped_column(Integer)  # the row in the file it was read from
    date: Mapped[dt.date] = mapped_column(Date)
    description: Mapped[str] = mapped_column(Text)
    reference: Mapped[str | None] = mapped_column(String(100))
    amount_minor: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3))
    status: Mapped[str] = mapped_column(String(10), default=LINE_NEW, index=True)
    payment_id: Mapped[int | None] = mapped_column(ForeignKey("payment.id"), index=True)
    decided_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    note: Mapped[str | None] = mapped_column(Text)

    statement: Mapped[BankStatement] = relationship()
