"""The balance each customer owes in each currency, kept by the ledger (app.ledger.balance_keeper)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger, Date, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base


class CustomerBalance(Base):
    """One customer's balance in one currency counting every document ever posted (invoices less payments,
    credit notes and write-offs; voided documents left out): the balance as of any date on or after
    `last_date`, the latest date any of those documents (or their voids) carries. Only
    app.ledger.balance_keeper writes it, after every flush or bulk statement that touches a document, so
    the customers list sorts 100,000 customers by balance without adding up a million invoices."""

    __tablename__ = "customer_balance"
    __table_args__ = (Index("ix_customer_balance_last_date", "last_date"),)

    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id"), primary_key=True)
    currency: Mapped[str] = mapped_column(String(3), primary_key=True)
    balance_minor: Mapped[int] = mapped_column(BigInteger)
    last_date: Mapped[dt.date] = mapped_column(Date)
