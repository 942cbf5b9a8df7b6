"""Posted documents of the ledger: invoices with their due lines, credit notes, payments,
write-offs, and the allocations that settle due lines.

Every amount is an integer in the minor units of the document's currency. Documents are
never deleted: an invoice or payment is voided (status, date, reason) and stays.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger, Boolean, CheckConstraint, Date, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, UTCDateTime, partial_index

POSTED = "posted"
VOID = "void"
STATUS_CHECK = "status IN ('posted', 'void')"


class Invoice(Base):
    __tablename__ = "invoice"
    __table_args__ = (
        CheckConstraint("total_minor > 0", name="total_positive"),
        CheckConstraint(STATUS_CHECK, name="status_known"),
        CheckConstraint("kind IN ('invoice', 'fee', 'interest')", name="kind_known"),
        Index("ix_invoice_customer_issue", "customer_id", "issue_date"),
        # covers the dashboard's credit sales and voids of a period (a range of issue dates)
        Index("ix_invoice_issue_sales", "issue_date", "currency", "total_minor", "status", "void_date"),
        Index("ix_invoice_number_lower", text("lower(number)")),  # numbers are unique regardless of case
        # the few voided invoices, by void date (app.ledger.ar_history, the KPIs' credit sales)
        partial_index("ix_invoice_void", "void_date", "status", "issue_date", "currency", "total_minor",
                      where="void_date IS NOT NULL"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(40), unique=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id"))
    issue_date: Mapped[dt.date] = mapped_column(Date)
    currency: Mapped[str] = mapped_column(String(3))
    total_minor: Mapped[int] = mapped_column(BigInteger)
    reference: Mapped[str | None] = mapped_column(String(100))
    # "fee" and "interest" are charges posted by reminders/agreements, aged like invoices
    kind: Mapped[str] = mapped_column(String(10), default="invoice")
    disputed: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(10), default=POSTED)
    void_date: Mapped[dt.date | None] = mapped_column(Date)
    void_reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)

    customer = relationship("Customer")
    due_lines: Mapped[list["DueLine"]] = relationship(
        back_populates="invoice", order_by="DueLine.sequence", cascade="all, delete-orphan"
    )


class DueLine(Base):
    """One installment of an invoice: what is owed on which date. Aging is computed from these."""

    __tablename__ = "due_line"
    __table_args__ = (
        CheckConstraint("amount_minor > 0", name="amount_positive"),
        # the last guard against two writers paying the same line twice (app.ledger.payments checks first)
        CheckConstraint("paid_minor >= 0 AND paid_minor <= amount_minor", name="paid_within_amount"),
        Index("ix_due_line_due_date", "due_date"),
        # the lines with something open today: with the lines allocated after D, the only ones that
        # can be open as of D (app.ledger.balances.open_as_of); covering, so scans never visit the rows
        # (the sequence: reminder planning orders each customer's items by it)
        partial_index("ix_due_line_open", "invoice_id", "due_date", "amount_minor", "paid_minor", "sequence",
                      where="paid_minor < amount_minor"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    invoice_id: Mapped[int] = mapped_column(ForeignKey("invoice.id"), index=True)
    sequence: Mapped[int] = mapped_column(Integer, default=1)
    due_date: Mapped[dt.date] = mapped_column(Date)
    amount_minor: Mapped[int] = mapped_column(BigInteger)
    # everything ever allocated to the line (all dates), kept by every writer of allocations; as of D
    # the open amount is amount − paid + allocations dated after D (app.ledger.balances.open_as_of)
    paid_minor: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")

    invoice: Mapped[Invoice] = relationship(back_populates="due_lines")


class CreditNote(Base):
    __tablename__ = "credit_note"
    __table_args__ = (
        CheckConstraint("amount_minor > 0", name="amount_positive"),
        CheckConstraint(STATUS_CHECK, name="status_known"),
        CheckConstraint("applied_minor >= 0 AND applied_minor <= amount_minor", name="applied_within_amount"),
        Index("ix_credit_note_customer_date", "customer_id", "date"),
        Index("ix_credit_note_number_lower", text("lower(number)")),  # numbers are unique regardless of case
        partial_index("ix_credit_note_unapplied", "currency", where="applied_minor < amount_minor"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(40), unique=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id"))
    date: Mapped[dt.date] = mapped_column(Date)
    currency: Mapped[str] = mapped_column(String(3))
    amount_minor: Mapped[int] = mapped_column(BigInteger)
    # everything ever allocated from it (like due_line.paid_minor): unapplied as of D = amount − applied
    # + its allocations dated after D
    applied_minor: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")
    invoice_id: Mapped[int | None] = mapped_column(ForeignKey("invoice.id"))
    reason: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(10), default=POSTED)
    # voided (app.ledger.corrections): its allocations are reversed on void_date; it exists until then
    void_date: Mapped[dt.date | None] = mapped_column(Date)
    void_reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)

    customer = relationship("Customer")
    invoice: Mapped[Invoice | None] = relationship()


class Payment(Base):
    __tablename__ = "payment"
    __table_args__ = (
        CheckConstraint("amount_minor > 0", name="amount_positive"),
        CheckConstraint(STATUS_CHECK, name="status_known"),
        CheckConstraint("applied_minor >= 0 AND applied_minor <= amount_minor", name="applied_within_amount"),
        Index("ix_payment_customer_date", "customer_id", "date"),
        partial_index("ix_payment_unapplied", "currency", where="applied_minor < amount_minor"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id"))
    date: Mapped[dt.date] = mapped_column(Date)
    currency: Mapped[str] = mapped_column(String(3))
    amount_minor: Mapped[int] = mapped_column(BigInteger)
    # everything ever allocated from it (like due_line.paid_minor): unapplied as of D = amount − applied
    # + its allocations dated after D
    applied_minor: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")
    method: Mapped[str] = mapped_column(String(20), default="transfer")
    reference: Mapped[str | None] = mapped_column(String(100), index=True)
    status: Mapped[str] = mapped_column(String(10), default=POSTED)
    # voided (app.ledger.corrections): its allocations are reversed on void_date; it exists until then
    void_date: Mapped[dt.date | None] = mapped_column(Date)
    void_reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)

    customer = relationship("Customer")


class WriteOff(Base):
    """An amount given up as uncollectable; settles due lines through allocations like a payment."""

    __tablename__ = "write_off"
    __table_args__ = (
        CheckConstraint("amount_minor > 0", name="amount_positive"),
        CheckConstraint("applied_minor >= 0 AND applied_minor <= amount_minor", name="applied_within_amount"),
        partial_index("ix_write_off_unapplied", "currency", where="applied_minor < amount_minor"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id"), index=True)
    date: Mapped[dt.date] = mapped_column(Date)
    currency: Mapped[str] = mapped_column(String(3))
    amount_minor: Mapped[int] = mapped_column(BigInteger)
    # everything ever allocated from it (like due_line.paid_minor): unapplied as of D = amount − applied
    # + its allocations dated after D
    applied_minor: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")
    reason: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)

    customer = relationship("Customer")


class Allocation(Base):
    """Part of a payment, credit note or write-off applied to a due line, effective from `date`.

    Exactly one source is set. An allocation is dated on or after both of its documents, so
    "as of" any date the open amount of a due line is its amount less the allocations dated
    up to then.

    A correction never deletes or edits an allocation: unapplying one (app.ledger.corrections) adds a
    reversal row, same line and source, the negative amount, dated the day of the correction and
    pointing at it (`reverses_id`). Every "as of" sum is then right on both sides of that date.
    """

    __tablename__ = "allocation"
    __table_args__ = (
        # an allocation is positive; its reversal (reverses_id set) negative
        CheckConstraint("(reverses_id IS NULL AND amount_minor > 0) OR (reverses_id IS NOT NULL AND amount_minor < 0)",
                        name="amount_sign"),
        CheckConstraint(
            "(CASE WHEN payment_id IS NULL THEN 0 ELSE 1 END)"
            " + (CASE WHEN credit_note_id IS NULL THEN 0 ELSE 1 END)"
            " + (CASE WHEN write_off_id IS NULL THEN 0 ELSE 1 END) = 1",
            name="one_source",
        ),
        Index("ix_allocation_due_line_date", "due_line_id", "date"),
        Index("ix_allocation_date", "date", "due_line_id", "amount_minor"),  # covers "allocated after D"
        Index("ix_allocation_date_currency", "date", "currency", "amount_minor"),  # covers "allocated in a period"
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    due_line_id: Mapped[int] = mapped_column(ForeignKey("due_line.id"))
    payment_id: Mapped[int | None] = mapped_column(ForeignKey("payment.id"), index=True)
    credit_note_id: Mapped[int | None] = mapped_column(ForeignKey("credit_note.id"), index=True)
    write_off_id: Mapped[int | None] = mapped_column(ForeignKey("write_off.id"), index=True)
    amount_minor: Mapped[int] = mapped_column(BigInteger)
    date: Mapped[dt.date] = mapped_column(Date)
    # the currency of both documents, kept here so a period's collections per currency need no joins
    currency: Mapped[str] = mapped_column(String(3))
    # set on a reversal: the allocation it takes back (from this row's date on)
    reverses_id: Mapped[int | None] = mapped_column(ForeignKey("allocation.id"), unique=True)

    due_line: Mapped[DueLine] = relationship()
