"""Early-payment discounts granted on invoices by their payment terms ("2 % if paid within 10 days")."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import BigInteger, CheckConstraint, Date, ForeignKey, Numeric
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base


class InvoiceDiscount(Base):
    """The discount an invoice was posted with: `amount_minor` off if paid by `until` (both fixed when the
    invoice is posted, so editing or archiving the terms later changes nothing on it). When a payment in
    the window leaves at most that amount open, the rest is settled by a credit note (`credit_note_id`)."""

    __tablename__ = "invoice_discount"
    __table_args__ = (
        CheckConstraint("amount_minor > 0", name="amount_positive"),
        CheckConstraint("percent > 0 AND percent < 100", name="percent_range"),
    )

    invoice_id: Mapped[int] = mapped_column(ForeignKey("invoice.id"), primary_key=True)
    percent: Mapped[Decimal] = mapped_column(Numeric(7, 4))
    until: Mapped[dt.date] = mapped_column(Date)
    amount_minor: Mapped[int] = mapped_column(BigInteger)
    credit_note_id: Mapped[int | None] = mapped_column(ForeignKey("credit_note.id"))

    invoice = relationship("Invoice")
