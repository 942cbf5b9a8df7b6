"""Reminder policies and levels, runs, the reminders they produce, the contact log and
template overrides (Tryton's vocabulary: procedure -> level -> reminder)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.sql.expression import false as sa_false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, UTCDateTime

# "sending": marked (and committed) just before the SMTP connection; one left so after a crash may have gone out
# and waits for a person to check it (released back to the queue, or recorded as sent): never resent by itself
REMINDER_STATES = ("draft", "queued", "sending", "sent", "failed", "cancelled")
CHANNELS = ("email", "letter", "sms", "whatsapp", "call")
FEE_KINDS = ("none", "fixed", "percent")


class ReminderPolicy(Base):
    """A list of levels a customer's overdue items climb one at a time."""

    __tablename__ = "reminder_policy"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(30), unique=True)
    name_es: Mapped[str] = mapped_column(String(100))
    name_en: Mapped[str] = mapped_column(String(100))
    is_default: Mapped[bool] = mapped_column(Boolean, default=False)
    # False ("review before sending"): a preview approves nothing, the user ticks what goes out; True ("send
    # automatically"): every reminder whose level does not need approval is approved
    send_automatically: Mapped[bool] = mapped_column(Boolean, default=False, server_default=sa_false())

    levels: Mapped[list["ReminderLevel"]] = relationship(
        back_populates="policy", order_by="ReminderLevel.sequence", cascade="all, delete-orphan"
    )


class ReminderLevel(Base):
    """One step of a policy: `days` relative to the due date (negative = before it falls due)."""

    __tablename__ = "reminder_level"
    __table_args__ = (
        UniqueConstraint("policy_id", "sequence", name="uq_reminder_level_policy_sequence"),
        CheckConstraint("fee_kind IN ('none', 'fixed', 'percent')", name="fee_kind_known"),
        CheckConstraint("min_gap_days >= 0", name="gap_non_negative"),
        CheckConstraint("min_overdue_minor >= 0", name="minimum_non_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    policy_id: Mapped[int] = mapped_column(ForeignKey("reminder_policy.id", ondelete="CASCADE"), index=True)
    sequence: Mapped[int] = mapped_column(Integer)
    key: Mapped[str] = mapped_column(String(30))
    name_es: Mapped[str] = mapped_column(String(100))
    name_en: Mapped[str] = mapped_column(String(100))
    days: Mapped[int] = mapped_column(Integer)
    # comma list of email, letter, sms, whatsapp, call
    channels: Mapped[str] = mapped_column(String(100))
    fee_kind: Mapped[str] = mapped_column(String(10), default="none")
    # minor units for "fixed", a percent (e.g. 2.5) for "percent"
    fee_value: Mapped[Decimal] = mapped_column(Numeric(14, 4), default=Decimal(0))
    min_overdue_minor: Mapped[int] = mapped_column(BigInteger, default=0)
    needs_approval: Mapped[bool] = mapped_column(Boolean, default=False)
    min_gap_days: Mapped[int] = mapped_column(Integer, default=5)

    policy: Mapped[ReminderPolicy] = relationship(back_populates="levels")


class SegmentPolicy(Base):
    """The policy for the customers of a risk segment ("A-high"), an ABC class ("A") or a band ("high")
    that have no policy of their own."""

    __tablename__ = "segment_policy"

    segment: Mapped[str] = mapped_column(String(30), primary_key=True)
    policy_id: Mapped[int] = mapped_column(ForeignKey("reminder_policy.id", ondelete="CASCADE"))


class CustomerReminderSettings(Base):
    """Per customer: the policy assigned (none = the default), a pause, the debtor's time zone and
    the channels the customer has authorised (none = all)."""

    __tablename__ = "customer_reminder_settings"

    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id", ondelete="CASCADE"), primary_key=True)
    policy_id: Mapped[int | None] = mapped_column(ForeignKey("reminder_policy.id"))
    paused_until: Mapped[dt.date | None] = mapped_column(Date)
    timezone: Mapped[str | None] = mapped_column(String(64))
    authorised_channels: Mapped[str | None] = mapped_column(String(100))

    policy: Mapped[ReminderPolicy | None] = relationship()


class ReminderRun(Base):
    __tablename__ = "reminder_run"

    id: Mapped[int] = mapped_column(primary_key=True)
    as_of: Mapped[dt.date] = mapped_column(Date, index=True)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    # done | cancelled (a run cancelled part-way keeps what it stored before the cancel)
    state: Mapped[str] = mapped_column(String(12), default="done")
    created_by: Mapped[str | None] = mapped_column(String(100))


class Reminder(Base):
    """One message to one customer in one currency, covering its overdue items."""

    __tablename__ = "reminder"
    __table_args__ = (
        CheckConstraint("state IN ('draft', 'queued', 'sending', 'sent', 'failed', 'cancelled')", name="state_known"),
        Index("ix_reminder_customer_state", "customer_id", "state"),
        Index("ix_reminder_state_send_at", "state", "send_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("reminder_run.id"), index=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id"))
    currency: Mapped[str] = mapped_column(String(3))
    level_id: Mapped[int] = mapped_column(ForeignKey("reminder_level.id"))
    level_key: Mapped[str] = mapped_column(String(30))
    channels: Mapped[str] = mapped_column(String(100))
    state: Mapped[str] = mapped_column(String(10), default="queued")
    as_of: Mapped[dt.date] = mapped_column(Date)
    amount_minor: Mapped[int] = mapped_column(BigInteger)
    fee_minor: Mapped[int] = mapped_column(BigInteger, default=0)
    fee_invoice_id: Mapped[int | None] = mapped_column(ForeignKey("invoice.id"))
    send_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    # why send_at is later than the run ("held until Monday 07:00 - Ley 2300 art. 3"), and a call's window
    hold_reason: Mapped[str | None] = mapped_column(Text)
    hold_reason_es: Mapped[str | None] = mapped_column(Text)
    call_window: Mapped[str | None] = mapped_column(Text)
    contact_profile: Mapped[str | None] = mapped_column(String(10))
    sent_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    file_path: Mapped[str | None] = mapped_column(String(500))
    # the Message-ID, stored before the e-mail leaves (state "sending") and kept if it is sent again
    message_id: Mapped[str | None] = mapped_column(String(300))
    error: Mapped[str | None] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    # channels only a person can complete (a WhatsApp chat opened from the app): cleared as they are done
    pending_channels: Mapped[str | None] = mapped_column(String(100))

    run: Mapped[ReminderRun] = relationship()
    customer = relationship("Customer")
    level: Mapped[ReminderLevel] = relationship()
    lines: Mapped[list["ReminderLine"]] = relationship(
        back_populates="reminder", order_by="ReminderLine.id", cascade="all, delete-orphan"
    )


class ReminderLine(Base):
    """One overdue item in a reminder, with the level it was at and the amount as sent."""

    __tablename__ = "reminder_line"
    __table_args__ = (Index("ix_reminder_line_due_line_level", "due_line_id", "level_sequence"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    reminder_id: Mapped[int] = mapped_column(ForeignKey("reminder.id", ondelete="CASCADE"), index=True)
    due_line_id: Mapped[int] = mapped_column(ForeignKey("due_line.id"))
    invoice_number: Mapped[str] = mapped_column(String(40))
    due_date: Mapped[dt.date] = mapped_column(Date)
    level_id: Mapped[int] = mapped_column(ForeignKey("reminder_level.id"))
    level_sequence: Mapped[int] = mapped_column(Integer)
    level_key: Mapped[str] = mapped_column(String(30))
    # True when this reminder moved the item up to `level` (False: listed again at its current level)
    climbed: Mapped[bool] = mapped_column(Boolean, default=True)
    amount_minor: Mapped[int] = mapped_column(BigInteger)
    days_overdue: Mapped[int] = mapped_column(Integer)
    fee_minor: Mapped[int] = mapped_column(BigInteger, default=0)

    reminder: Mapped[Reminder] = relationship(back_populates="lines")


class ContactLog(Base):
    """Every contact made (or scheduled) with a customer, for the contact-rule caps and for audit."""

    __tablename__ = "contact_log"
    __table_args__ = (Index("ix_contact_log_customer_at", "customer_id", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id"))
    channel: Mapped[str] = mapped_column(String(10))
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    reminder_id: Mapped[int | None] = mapped_column(ForeignKey("reminder.id"))
    profile: Mapped[str | None] = mapped_column(String(10))
    note: Mapped[str | None] = mapped_column(Text)


class ReminderTemplate(Base):
    """A user's override of a default template: one part (subject, text, html) of one level/channel/language."""

    __tablename__ = "reminder_template"
    __table_args__ = (
        UniqueConstraint("level_key", "channel", "language", "part", name="uq_reminder_template_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    level_key: Mapped[str] = mapped_column(String(30))
    channel: Mapped[str] = mapped_column(String(10))
    language: Mapped[str] = mapped_column(String(5))
    part: Mapped[str] = mapped_column(String(10))
    text: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
