"""Reminder policies and their levels; the default policy; assigning a policy (and a pause) to a customer.

A policy is a list of levels. A level says how many days after the due date it is reached
(negative: a courtesy notice before the item falls due), which channels it uses, an optional fee,
a minimum overdue amount, whether it needs manual approval and the minimum gap in days since the
customer's previous reminder.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.ledger import audit
from app.ledger.customers import get_customer_row
from app.ledger.errors import InvalidValueError, LedgerError
from app.models import CustomerReminderSettings, ReminderLevel, ReminderPolicy
from app.models.reminders import CHANNELS, FEE_KINDS

DEFAULT_POLICY_CODE = "STANDARD"


@dataclass(frozen=True)
class LevelView:
    id: int
    sequence: int
    key: str
    name_es: str
    name_en: str
    days: int
    channels: tuple[str, ...]
    fee_kind: str
    fee_value: Decimal
    min_overdue_minor: int
    needs_approval: bool
    min_gap_days: int

    def name(self, language: str = "es") -> str:
        return self.name_es if language == "es" else self.name_en


@dataclass(frozen=True)
class PolicyView:
    id: int
    code: str
    name_es: str
    name_en: str
    is_default: bool
    levels: tuple[LevelView, ...]
    # False: "review before sending" (a preview approves nothing); True: "send automatically"
    send_automatically: bool = False


# (key, days, channels, name_es, name_en)
DEFAULT_LEVELS = (
    ("courtesy", -3, ("email",), "Aviso de cortesía", "Courtesy notice"),
    ("friendly", 1, ("email",), "Recordatorio amistoso", "Friendly reminder"),
    ("reminder", 15, ("email", "letter"), "Recordatorio de pago", "Payment reminder"),
    ("firm", 30, ("letter", "call"), "Requerimiento de pago", "Firm payment demand"),
    ("final", 60, ("letter", "email"), "Aviso final antes de acciones legales", "Final notice before legal action"),
)


class UnknownPolicyError(LedgerError):
    field = "policy"

    def __init__(self, code: str):
        super().__init__(f"No reminder policy with code '{code}'.")


def level_view(level: ReminderLevel) -> LevelView:
    return LevelView(
        id=level.id, sequence=level.sequence, key=level.key, name_es=level.name_es, name_en=level.name_en,
        days=level.days, channels=parse_channels(level.channels), fee_kind=level.fee_kind,
        fee_value=Decimal(level.fee_value or 0), min_overdue_minor=level.min_overdue_minor or 0,
        needs_approval=bool(level.needs_approval), min_gap_days=level.min_gap_days,
    )


def policy_view(policy: ReminderPolicy) -> PolicyView:
    return PolicyView(policy.id, policy.code, policy.name_es, policy.name_en, bool(policy.is_default),
                      tuple(level_view(level) for level in policy.levels), bool(policy.send_automatically))


def parse_channels(value: str | tuple | list) -> tuple[str, ...]:
    """'email, letter' -> ('email', 'letter'); unknown channels are an error naming the field."""
    items = value.split(",") if isinstance(value, str) else list(value)
    out: list[str] = []
    for item in items:
        name = item.strip().lower()
        if not name:
            continue
        if name not in CHANNELS:
            raise InvalidValueError(f"Unknown channel '{name}'; use {', '.join(CHANNELS)}.", field="channels")
        if name not in out:
            out.append(name)
    return tuple(out)


def check_level(days, channels, fee_kind, fee_value, min_overdue_minor, min_gap_days) -> None:
    """Refuse a level that cannot work (no channel, a negative fee or gap...), naming the field."""
    if not channels:
        raise InvalidValueError("A level needs at least one channel.", field="channels")
    if fee_kind not in FEE_KINDS:
        raise InvalidValueError(f"Unknown fee kind '{fee_kind}'; use none, fixed or percent.", field="fee_kind")
    try:
        value = Decimal(str(fee_value))
    except InvalidOperation:
        raise InvalidValueError(f"'{fee_value}' is not a number.", field="fee_value") from None
    if value < 0:
        raise InvalidValueError("A fee cannot be negative.", field="fee_value")
    if fee_kind == "fixed" and value != value.to_integral_value():
        raise InvalidValueError("A fixed fee is given in minor units (an integer).", field="fee_value")
    if fee_kind == "percent" and value > 100:
        raise InvalidValueError("A percent fee must be at most 100.", field="fee_value")
    if int(min_overdue_minor) < 0:
        raise InvalidValueError("The minimum overdue amount cannot be negative.", field="min_overdue_minor")
    if int(min_gap_days) < 0:
        raise InvalidValueError("The minimum gap cannot be negative.", field="min_gap_days")
    if not isinstance(days, int):
        raise InvalidValueError("Days must be a whole number.", field="days")


def create_policy(session: Session, *, code: str, name_es: str, name_en: str, levels: list[dict],
                  is_default: bool = False, send_automatically: bool = False) -> PolicyView:
    """Create a policy. Each level is a dict with key, days, channels and optionally name_es, name_en,
    fee_kind, fee_value, min_overdue_minor, needs_approval, min_gap_days. Levels are ordered by days.
    `send_automatically` False (the default): its reminders wait for the user's review before a run sends them."""
    code = (code or "").strip().upper()
    if not code:
        raise InvalidValueError("The policy needs a code.", field="code")
    if session.scalar(select(ReminderPolicy.id).where(ReminderPolicy.code == code)) is not None:
        raise InvalidValueError(f"A reminder policy with code '{code}' already exists.", field="code")
    if not levels:
        raise InvalidValueError("A policy needs at least one level.", field="levels")
    ordered = sorted(levels, key=lambda lv: lv["days"])
    if len({lv["days"] for lv in ordered}) != len(ordered):
        raise InvalidValueError("Two levels of a policy cannot fall on the same day.", field="days")
    if len({lv["key"] for lv in ordered}) != len(ordered):
        raise InvalidValueError("Each level of a policy needs its own key.", field="key")
    policy = ReminderPolicy(code=code, name_es=name_es, name_en=name_en, is_default=bool(is_default),
                            send_automatically=bool(send_automatically))
    for seq, lv in enumerate(ordered, start=1):
        channels = parse_channels(lv["channels"])
        fee_kind = lv.get("fee_kind", "none")
        fee_value = lv.get("fee_value", 0)
        check_level(lv["days"], channels, fee_kind, fee_value, lv.get("min_overdue_minor", 0),
                     lv.get("min_gap_days", 5))
        policy.levels.append(ReminderLevel(
            sequence=seq, key=lv["key"], name_es=lv.get("name_es", lv["key"]), name_en=lv.get("name_en", lv["key"]),
            days=int(lv["days"]), channels=",".join(channels), fee_kind=fee_kind, fee_value=Decimal(str(fee_value)),
            min_overdue_minor=int(lv.get("min_overdue_minor", 0)), needs_approval=bool(lv.get("needs_approval")),
            min_gap_days=int(lv.get("min_gap_days", 5)),
        ))
    if is_default:
        for other in session.scalars(select(ReminderPolicy).where(ReminderPolicy.is_default.is_(True))):
            other.is_default = False
    session.add(policy)
    session.flush()
    audit.record(session, action="create", entity="reminder_policy", entity_id=policy.id,
                 after={"code": code, "send_automatically": bool(send_automatically),
                        "levels": [audit.snapshot(lv) for lv in policy.levels]})
    return policy_view(policy)


def set_send_automatically(session: Session, code: str, value: bool) -> PolicyView:
    """A policy's "send automatically" (True) or "review before sending" (False): whether a preview approves
    its reminders by itself (those whose level does not need approval) or leaves every one for the user to tick."""
    policy = policy_row(session, code)
    before = bool(policy.send_automatically)
    if before != bool(value):
        policy.send_automatically = bool(value)
        session.flush()
        audit.record(session, action="update", entity="reminder_policy", entity_id=policy.id,
                     before={"send_automatically": before}, after={"send_automatically": bool(value)})
    return policy_view(policy)


def ensure_default_policy(session: Session) -> PolicyView:
    """The shipped policy (courtesy -3, friendly +1, reminder +15, firm +30, final +60), created when there
    is no default policy yet. Returns the default policy."""
    existing = session.scalars(select(ReminderPolicy).options(selectinload(ReminderPolicy.levels))
                               .where(ReminderPolicy.is_default.is_(True))).first()
    if existing is not None:
        return policy_view(existing)
    return create_policy(
        session, code=DEFAULT_POLICY_CODE, name_es="Política estándar", name_en="Standard policy", is_default=True,
        levels=[{"key": k, "days": d, "channels": ch, "name_es": es, "name_en": en}
                for k, d, ch, es, en in DEFAULT_LEVELS],
    )


def policy_row(session: Session, code: str) -> ReminderPolicy:
    """The policy with that code and its levels, or an error naming the code."""
    row = session.scalars(select(ReminderPolicy).options(selectinload(ReminderPolicy.levels))
                          .where(ReminderPolicy.code == (code or "").strip().upper())).first()
    if row is None:
        raise UnknownPolicyError(code)
    return row


def list_policies(session: Session) -> list[PolicyView]:
    rows = session.scalars(select(ReminderPolicy).options(selectinload(ReminderPolicy.levels))
                           .order_by(ReminderPolicy.code))
    return [policy_view(r) for r in rows]


def _settings_row(session: Session, customer_id: int) -> CustomerReminderSettings:
    row = session.get(CustomerReminderSettings, customer_id)
    if row is None:
        row = CustomerReminderSettings(customer_id=customer_id)
        session.add(row)
    return row


def assign_policy(session: Session, customer_code: str, policy_code: str | None) -> None:
    """Give a customer its own policy (None: back to the default)."""
    customer = get_customer_row(session, customer_code)
    policy = policy_row(session, policy_code) if policy_code else None
    row = _settings_row(session, customer.id)
    before = {"policy_id": row.policy_id}
    row.policy_id = policy.id if policy else None
    session.flush()
    audit.record(session, action="assign_policy", entity="customer", entity_id=customer.id, before=before,
                 after={"policy_id": row.policy_id})


def pause_reminders(session: Session, customer_code: str, until: dt.date | None) -> None:
    """No reminders for this customer up to and including `until` (None: lift the pause)."""
    customer = get_customer_row(session, customer_code)
    row = _settings_row(session, customer.id)
    before = {"paused_until": row.paused_until}
    row.paused_until = until
    session.flush()
    audit.record(session, action="pause_reminders", entity="customer", entity_id=customer.id, before=before,
                 after={"paused_until": until})


def set_contact_preferences(session: Session, customer_code: str, *, timezone: str | None = None,
                            authorised_channels: str | tuple | None = None) -> None:
    """The debtor's time zone (IANA name) and the channels the customer has authorised (None: all)."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    customer = get_customer_row(session, customer_code)
    if timezone:
        try:
            ZoneInfo(timezone)
        except (ZoneInfoNotFoundError, ValueError):
            raise InvalidValueError(f"'{timezone}' is not a time zone (e.g. America/Lima).", field="timezone") from None
    channels = ",".join(parse_channels(authorised_channels)) if authorised_channels else None
    row = _settings_row(session, customer.id)
    before = {"timezone": row.timezone, "authorised_channels": row.authorised_channels}
    row.timezone, row.authorised_channels = timezone or None, channels
    session.flush()
    audit.record(session, action="contact_preferences", entity="customer", entity_id=customer.id, before=before,
                 after={"timezone": row.timezone, "authorised_channels": row.authorised_channels})


@dataclass(frozen=True)
class CustomerReminderChoice:
    """What the customer card shows: its own policy (None: its segment's or the default), its pause and
    the policies there are to choose from."""

    policy_code: str | None
    paused_until: dt.date | None
    policy_codes: tuple[str, ...]


def customer_reminder_choice(session: Session, customer_code: str) -> CustomerReminderChoice:
    customer = get_customer_row(session, customer_code)
    row = session.get(CustomerReminderSettings, customer.id)
    own = session.get(ReminderPolicy, row.policy_id).code if row is not None and row.policy_id else None
    codes = tuple(session.scalars(select(ReminderPolicy.code).order_by(ReminderPolicy.code)))
    return CustomerReminderChoice(own, row.paused_until if row is not None else None, codes)


def save_customer_reminders(session: Session, customer_code: str, *, policy_code: str | None,
                            paused_until: dt.date | None, seen: CustomerReminderChoice | None = None
                            ) -> CustomerReminderChoice:
    """The card's Save: the customer's own policy and its pause, together. `seen`: the choice the card loaded;
    when someone else changed it since, nothing is written and StaleEditError names the change."""
    if seen is not None:
        from app.ledger.customers import lock_customer, refuse_stale

        lock_customer(session, customer_code)  # then read: another save waits here, and is compared after it
        now = customer_reminder_choice(session, customer_code)
        refuse_stale([("reminder policy", seen.policy_code, now.policy_code),
                      ("paused until", seen.paused_until, now.paused_until)])
    assign_policy(session, customer_code, policy_code)
    pause_reminders(session, customer_code, paused_until)
    return customer_reminder_choice(session, customer_code)
