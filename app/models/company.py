"""The company using Cobranza, and key/value settings shared by everyone using the database."""

from __future__ import annotations

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base


class Company(Base):
    """One row: the business whose receivables these are (letterhead, defaults)."""

    __tablename__ = "company"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    tax_id: Mapped[str | None] = mapped_column(String(40))
    address: Mapped[str | None] = mapped_column(Text)
    city: Mapped[str | None] = mapped_column(String(100))
    country: Mapped[str] = mapped_column(String(2), default="PE")
    currency: Mapped[str] = mapped_column(String(3), default="PEN")
    locale: Mapped[str] = mapped_column(String(10), default="es_PE")
    email: Mapped[str | None] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(50))
    logo_path: Mapped[str | None] = mapped_column(String(500))
    payment_instructions: Mapped[str | None] = mapped_column(Text)


class Setting(Base):
    """Database-wide settings by dotted key (smtp.host, contact_rules.country, ...). Never secrets."""

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
