"""Customers, their contacts and payment terms."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import BigInteger, Boolean, CheckConstraint, ForeignKey, Index, Integer, Numeric, String, Text, false, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, UTCDateTime


class PaymentTerms(Base):
    """Named terms ("Net 30", "30/60/90", "EOM + 30"): one line per installment."""

    __tablename__ = "payment_terms"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(30), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    discount_percent: Mapped[Decimal | None] = mapped_column(Numeric(7, 4))
    discount_days: Mapped[int | None] = mapped_column(Integer)
    # archived terms are not offered for new invoices or customers; documents posted with them keep their
    # due lines (and customers keep them until changed)
    archived: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    lines: Mapped[list["PaymentTermsLine"]] = relationship(
        back_populates="terms", order_by="PaymentTermsLine.sequence", cascade="all, delete-orphan"
    )


class PaymentTermsLine(Base):
    """One installment: `percent` of the total (kind "percent"), a fixed amount in one currency ("fixed")
    or what the other lines leave ("rest", last line only); due `days` (and `months`) after the invoice
    date ("invoice"), `days` after the end of its month ("month_end"), or on `day` of the month `months`
    after the invoice date + `days` ("month_day"). The rules are in app.ledger.terms."""

    __tablename__ = "payment_terms_line"
    __table_args__ = (
        CheckConstraint("percent > 0 AND percent <= 100", name="percent_range"),
        CheckConstraint("days >= 0", name="days_non_negative"),
        CheckConstraint("basis IN ('invoice', 'month_end', 'month_day')", name="basis_known"),
        CheckConstraint("kind IN ('percent', 'fixed', 'rest')", name="kind_known"),
        CheckConstraint("(kind = 'percent' AND percent IS NOT NULL)"
                        " OR (kind = 'fixed' AND amount_minor > 0 AND currency IS NOT NULL)"
                        " OR kind = 'rest'", name="kind_value"),
        CheckConstraint("months >= 0", name="months_non_negative"),
        CheckConstraint("day IS NULL OR (day >= 1 AND day <= 31)", name="day_of_month"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    terms_id: Mapped[int] = mapped_column(ForeignKey("payment_terms.id", ondelete="CASCADE"), index=True)
    sequence: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(10), default="percent", server_default="percent")
    percent: Mapped[Decimal | None] = mapped_column(Numeric(7, 4))
    # a fixed line: its amount in minor units of `currency` (it applies only to invoices in that currency)
    amount_minor: Mapped[int | None] = mapped_column(BigInteger)
    currency: Mapped[str | None] = mapped_column(String(3))
    days: Mapped[int] = mapped_column(Integer)
    months: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    day: Mapped[int | None] = mapped_column(Integer)
    basis: Mapped[str] = mapped_column(String(10), default="invoice")

    terms: Mapped[PaymentTerms] = relationship(back_populates="lines")


class Customer(Base):
    __tablename__ = "customer"
    __table_args__ = (CheckConstraint("credit_limit_minor IS NULL OR credit_limit_minor >= 0", name="credit_limit_positive"),
                      Index("ix_customer_code_lower", text("lower(code)")))  # codes are unique regardless of case

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200), index=True)
    tax_id: Mapped[str | None] = mapped_column(String(40), index=True)
    country: Mapped[str] = mapped_column(String(2), default="PE")
    language: Mapped[str] = mapped_column(String(5), default="es")
    currency: Mapped[str] = mapped_column(String(3), default="PEN")
    email: Mapped[str | None] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(50))
    address: Mapped[str | None] = mapped_column(Text)
    city: Mapped[str | None] = mapped_column(String(100))
    payment_terms_id: Mapped[int | None] = mapped_column(ForeignKey("payment_terms.id"))
    # in minor units of the customer's default currency
    credit_limit_minor: Mapped[int | None] = mapped_column(BigInteger)
    on_hold: Mapped[bool] = mapped_column(Boolean, default=False)
    notes: Mapped[str | None] = mapped_column(Text)
    # the person who follows this customer up (Today's tasks filter by it)
    collector: Mapped[str | None] = mapped_column(String(100), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    # bumped by every change; an UPDATE made on another version changes nothing (StaleDataError): a card
    # saved on stale data is refused (app.ledger.customers.update_customer, migration 0012)
    version: Mapped[int] = mapped_column(Integer, server_default="1")

    __mapper_args__ = {"version_id_col": version}

    payment_terms: Mapped[PaymentTerms | None] = relationship()
    contacts: Mapped[list["Contact"]] = relationship(back_populates="customer", cascade="all, delete-orphan")


class Contact(Base):
    __tablename__ = "contact"

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str | None] = mapped_column(String(100))
    email: Mapped[str | None] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(50))
    is_primary: Mapped[bool] = mapped_column(Boolean, default=False)

    customer: Mapped[Customer] = relationship(back_populates="contacts")
