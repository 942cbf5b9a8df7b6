"""Each customer's payment history, kept by the ledger (app.ledger.payment_history_keeper)."""

from __future__ import annotations

from sqlalchemy import BigInteger, ForeignKey, Integer
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base


class CustomerPaymentHistory(Base):
    """What a customer's settled due lines say about how late it pays, counting every allocation ever made
    (the history as of any date on or after the latest allocation; app.ledger.payment_history reads it as of
    an earlier date by taking back the lines allocated after that date). Two rules share the row:

    - the forecast's lateness: over the due lines settled (allocated in full) with payments among what
      settled them, of invoices not voided: Σ paid and Σ paid × (allocation date − due date);
    - the tasks' risk: over the settled due lines of posted invoices, how many, and how many were last
      allocated more than 30 days after their due date.

    Only app.ledger.payment_history_keeper writes it, after every flush or bulk statement that touches an
    allocation, a due line's dates or amounts, or an invoice's status, so the forecast and today's tasks do
    not read every allocation of the book."""

    __tablename__ = "customer_payment_history"

    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id"), primary_key=True, autoincrement=False)
    paid_minor: Mapped[int] = mapped_column(BigInteger)  # Σ payments on the settled lines (minor units, any currency)
    paid_days_late: Mapped[int] = mapped_column(BigInteger)  # Σ payment × days after the due date (negative: early)
    settled_lines: Mapped[int] = mapped_column(Integer)
    late_lines: Mapped[int] = mapped_column(Integer)  # of which settled more than 30 days late
