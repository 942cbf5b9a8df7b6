"""Saved import mappings: how the columns of one source's files (an invoicing system's export, a SUNAT
register, a customer list kept in Excel) map to an import's fields, with how to read its values."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, UTCDateTime


class ImportMapping(Base):
    __tablename__ = "import_mapping"
    __table_args__ = (UniqueConstraint("name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))  # the source, as the user names it ("Contasis ventas")
    kind: Mapped[str] = mapped_column(String(20))  # customers, invoices, payments, credit-notes
    columns: Mapped[str] = mapped_column(Text)  # JSON [[source header, field], ...]
    options: Mapped[str] = mapped_column(Text, default="{}")  # JSON: date_format, decimal, encoding, sheet, ...
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
