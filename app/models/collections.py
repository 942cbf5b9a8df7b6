"""The collector's records: payment agreements and their installments, promises to pay,
activities (gestiones) and disputes."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import BigInteger, CheckConstraint, Date, ForeignKey, Index, Integer, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, UTCDateTime


class PaymentAgreement(Base):
    """A convenio de pago: open invoices of one customer rescheduled into installments."""

    __tablename__ = "payment_agreement"
    __table_args__ = (
        CheckConstraint("state IN ('active', 'completed', 'broken', 'cancelled')", name="state_known"),
        CheckConstraint("frequency IN ('week', 'fortnight', 'month')", name="frequency_known"),
        CheckConstraint("installments_count > 0", name="installments_positive"),
        CheckConstraint("down_payment_minor >= 0 AND interest_minor >= 0", name="amounts_non_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(40), unique=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id"), index=True)
    currency: Mapped[str] = mapped_column(String(3))
    agreed_on: Mapped[dt.date] = mapped_column(Date)
    start_date: Mapped[dt.date] = mapped_column(Date)
    frequency: Mapped[str] = mapped_column(String(10))
    installments_count: Mapped[int] = mapped_column(Integer)
    down_payment_minor: Mapped[int] = mapped_column(BigInteger, default=0)
    monthly_rate: Mapped[Decimal] = mapped_column(Numeric(9, 6), default=Decimal(0))
    principal_minor: Mapped[int] = mapped_column(BigInteger)
    interest_minor: Mapped[int] = mapped_column(BigInteger, default=0)
    # the interest charge posted as an invoice of kind "interest" so aging and statements show it
    interest_invoice_id: Mapped[int | None] = mapped_column(ForeignKey("invoice.id"))
    grace_days: Mapped[int] = mapped_column(Integer, default=5)
    state: Mapped[str] = mapped_column(String(10), default="active")
    state_date: Mapped[dt.date | None] = mapped_column(Date)
    state_reason: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)

    customer = relationship("Customer")
    invoices: Mapped[list["AgreementInvoice"]] = relationship(cascade="all, delete-orphan")
    installments: Mapped[list["AgreementInstallment"]] = relationship(
        order_by="AgreementInstallment.sequence", cascade="all, delete-orphan")


class AgreementInvoice(Base):
    """An invoice covered by an agreement, with what was open on it when agreed."""

    __tablename__ = "agreement_invoice"

    agreement_id: Mapped[int] = mapped_column(ForeignKey("payment_agreement.id"), primary_key=True)
    invoice_id: Mapped[int] = mapped_column(ForeignKey("invoice.id"), primary_key=True, index=True)
    open_minor: Mapped[int] = mapped_column(BigInteger)


class AgreementInstallment(Base):
    """Sequence 0 is the down payment (when there is one)."""

    __tablename__ = "agreement_installment"
    __table_args__ = (CheckConstraint("amount_minor > 0", name="amount_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("payment_agreement.id"), index=True)
    sequence: Mapped[int] = mapped_column(Integer)
    due_date: Mapped[dt.date] = mapped_column(Date)
    amount_minor: Mapped[int] = mapped_column(BigInteger)


class Activity(Base):
    """A gestión: a call, e-mail, letter, visit or note about a customer, with its outcome."""

    __tablename__ = "activity"
    __table_args__ = (
        CheckConstraint("channel IN ('call', 'email', 'letter', 'sms', 'whatsapp', 'visit', 'note')",
                        name="channel_known"),
        CheckConstraint("direction IN ('out', 'in')", name="direction_known"),
        Index("ix_activity_customer_at", "customer_id", "at"),
        Index("ix_activity_next_action", "next_action_date"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id"))
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    channel: Mapped[str] = mapped_column(String(10))
    direction: Mapped[str] = mapped_column(String(3), default="out")
    outcome: Mapped[str | None] = mapped_column(String(20))
    notes: Mapped[str | None] = mapped_column(Text)
    next_action_date: Mapped[dt.date | None] = mapped_column(Date)
    next_action_done: Mapped[bool] = mapped_column(default=False)
    user: Mapped[str] = mapped_column(String(100))
    # set when the activity was logged by a reminder run rather than by a person
    source: Mapped[str | None] = mapped_column(String(40))


class PromiseToPay(Base):
    __tablename__ = "promise_to_pay"
    __table_args__ = (
        CheckConstraint("amount_minor > 0", name="amount_positive"),
        CheckConstraint("state IN ('open', 'kept', 'broken', 'cancelled')", name="state_known"),
        Index("ix_promise_to_pay_customer_date", "customer_id", "promised_date"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id"))
    made_on: Mapped[dt.date] = mapped_column(Date)
    promised_date: Mapped[dt.date] = mapped_column(Date)
    amount_minor: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3))
    # comma-separated invoice numbers the customer named (informative; any payment counts)
    invoice_numbers: Mapped[str | None] = mapped_column(Text)
    activity_id: Mapped[int | None] = mapped_column(ForeignKey("activity.id"))
    grace_days: Mapped[int] = mapped_column(Integer, default=2)
    state: Mapped[str] = mapped_column(String(10), default="open")
    state_date: Mapped[dt.date | None] = mapped_column(Date)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)


class Dispute(Base):
    __tablename__ = "dispute"
    __table_args__ = (
        CheckConstraint("status IN ('open', 'resolved_credit', 'rejected')", name="status_known"),
        CheckConstraint("amount_minor > 0", name="amount_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id"), index=True)
    invoice_id: Mapped[int] = mapped_column(ForeignKey("invoice.id"), index=True)
    amount_minor: Mapped[int] = mapped_column(BigInteger)
    reason: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default="open")
    opened_on: Mapped[dt.date] = mapped_column(Date)
    closed_on: Mapped[dt.date | None] = mapped_column(Date)
    resolution: Mapped[str | None] = mapped_column(Text)
    credit_note_id: Mapped[int | None] = mapped_column(ForeignKey("credit_note.id"))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)


class CustomerRisk(Base):
    """The latest risk score of a customer (app.collections.risk_snapshot): what the forecast, today's
    tasks, the reminder segments and the card read instead of training the model each time."""

    __tablename__ = "customer_risk"

    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id", ondelete="CASCADE"), primary_key=True)
    as_of: Mapped[dt.date] = mapped_column(Date)
    probability: Mapped[float] = mapped_column(Numeric(6, 4, asdecimal=False))
    expected_days_late: Mapped[float] = mapped_column(Numeric(8, 1, asdecimal=False))
    band: Mapped[str] = mapped_column(String(12))
    segment: Mapped[str] = mapped_column(String(20))
    method: Mapped[str] = mapped_column(String(30))
    reasons_es: Mapped[str] = mapped_column(Text, default="")  # one reason a line
    reasons_en: Mapped[str] = mapped_column(Text, default="")
    computed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
