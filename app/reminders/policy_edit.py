"""Editing reminder policies (the policy editor in settings): one function per user action.

Levels keep their identity by key: a level that reminders were already sent at keeps its row (its
history stays linked) and may be changed but not removed.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from app.ledger import audit
from app.ledger.errors import InvalidValueError
from app.models import CustomerReminderSettings, Reminder, ReminderLevel, ReminderLine, ReminderPolicy, SegmentPolicy

from .policy import DEFAULT_POLICY_CODE, PolicyView, check_level, policy_row, create_policy, parse_channels, \
    policy_view


def _level_error(n: int, key: str, exc: InvalidValueError) -> InvalidValueError:
    return InvalidValueError(f"Level {n} ({key or '?'}): {exc}", field=exc.field)


def _checked_levels(levels: list[dict]) -> list[dict]:
    """Validate every level, naming its row (1-based, as the editor shows it) and field; sorted by days."""
    if not levels:
        raise InvalidValueError("A policy needs at least one level.", field="levels")
    seen_keys, seen_days = {}, {}
    out = []
    for n, lv in enumerate(levels, start=1):
        key = (lv.get("key") or "").strip().lower()
        try:
            if not key:
                raise InvalidValueError("the level needs a key (e.g. friendly, final).", field="key")
            if key in seen_keys:
                raise InvalidValueError(f"key '{key}' is already used by level {seen_keys[key]}.", field="key")
            days = lv.get("days")
            if not isinstance(days, int):
                raise InvalidValueError("days must be a whole number (negative: before the due date).", field="days")
            if days in seen_days:
                raise InvalidValueError(f"level {seen_days[days]} already falls on day {days}.", field="days")
            channels = parse_channels(lv.get("channels") or ())
            check_level(days, channels, lv.get("fee_kind", "none"), lv.get("fee_value", 0),
                         lv.get("min_overdue_minor", 0), lv.get("min_gap_days", 5))
        except InvalidValueError as exc:
            raise _level_error(n, key, exc) from None
        seen_keys[key], seen_days[days] = n, n
        out.append({**lv, "key": key, "channels": channels})
    return sorted(out, key=lambda lv: lv["days"])


def _used(session: Session, level_id: int) -> bool:
    return bool(session.scalar(select(exists().where(Reminder.level_id == level_id)))
                or session.scalar(select(exists().where(ReminderLine.level_id == level_id))))


def update_policy(session: Session, code: str, *, name_es: str, name_en: str, levels: list[dict],
                  send_automatically: bool | None = None) -> PolicyView:
    """Replace a policy's names and levels (and, unless None, its "send automatically"). Levels are matched by
    key; a removed level that reminders were sent at is refused (its history would lose its level)."""
    policy = policy_row(session, code)
    if not (name_es or "").strip() or not (name_en or "").strip():
        raise InvalidValueError("The policy needs a name in Spanish and in English.", field="name")
    wanted = _checked_levels(levels)
    before = {"name_es": policy.name_es, "name_en": policy.name_en,
              "send_automatically": bool(policy.send_automatically),
              "levels": [audit.snapshot(lv) for lv in policy.levels]}
    existing = {lv.key: lv for lv in policy.levels}
    keys = {lv["key"] for lv in wanted}
    for key, row in existing.items():
        if key not in keys and _used(session, row.id):
            raise InvalidValueError(f"Level '{key}' cannot be removed: reminders were sent at it. Change its days "
                                    f"or channels instead.", field="levels")
    policy.name_es, policy.name_en = name_es.strip(), name_en.strip()
    if send_automatically is not None:
        policy.send_automatically = bool(send_automatically)
    for key, row in existing.items():
        if key not in keys:
            policy.levels.remove(row)
    # sequences are unique per policy in use: park them out of the way, then number by days
    for n, row in enumerate(policy.levels, start=1):
        row.sequence = 1000 + n
    session.flush()
    for seq, lv in enumerate(wanted, start=1):
        row = existing.get(lv["key"])
        if row is None:
            row = ReminderLevel(key=lv["key"])
            policy.levels.append(row)
        row.sequence = seq
        row.name_es = (lv.get("name_es") or lv["key"]).strip()
        row.name_en = (lv.get("name_en") or lv["key"]).strip()
        row.days = lv["days"]
        row.channels = ",".join(lv["channels"])
        row.fee_kind = lv.get("fee_kind", "none")
        row.fee_value = Decimal(str(lv.get("fee_value", 0)))
        row.min_overdue_minor = int(lv.get("min_overdue_minor", 0))
        row.needs_approval = bool(lv.get("needs_approval"))
        row.min_gap_days = int(lv.get("min_gap_days", 5))
    session.flush()
    policy.levels.sort(key=lambda r: r.sequence)
    audit.record(session, action="update", entity="reminder_policy", entity_id=policy.id, before=before,
                 after={"name_es": policy.name_es, "name_en": policy.name_en,
                        "send_automatically": bool(policy.send_automatically),
                        "levels": [audit.snapshot(lv) for lv in policy.levels]})
    return policy_view(policy)


def copy_policy(session: Session, code: str, new_code: str, *, name_es: str | None = None,
                name_en: str | None = None) -> PolicyView:
    """A new policy with the same levels (the start of a stricter or softer variant)."""
    source = policy_view(policy_row(session, code))
    levels = [{"key": lv.key, "days": lv.days, "channels": lv.channels, "name_es": lv.name_es, "name_en": lv.name_en,
               "fee_kind": lv.fee_kind, "fee_value": lv.fee_value, "min_overdue_minor": lv.min_overdue_minor,
               "needs_approval": lv.needs_approval, "min_gap_days": lv.min_gap_days} for lv in source.levels]
    return create_policy(session, code=new_code, name_es=name_es or f"{source.name_es} (copia)",
                         name_en=name_en or f"{source.name_en} (copy)", levels=levels,
                         send_automatically=source.send_automatically)


def set_default_policy(session: Session, code: str) -> PolicyView:
    """The policy customers without their own (or their segment's) get."""
    policy = policy_row(session, code)
    for other in session.scalars(select(ReminderPolicy).where(ReminderPolicy.is_default.is_(True))):
        other.is_default = False
    policy.is_default = True
    session.flush()
    audit.record(session, action="set_default", entity="reminder_policy", entity_id=policy.id,
                 after={"code": policy.code})
    return policy_view(policy)


def delete_policy(session: Session, code: str) -> None:
    """Remove a policy nobody uses: not the default, not assigned to a customer or segment, no reminders."""
    policy = policy_row(session, code)
    if policy.is_default:
        raise InvalidValueError(f"Policy {policy.code} is the default: make another one the default first.",
                                field="policy")
    customers = session.scalar(select(exists().where(CustomerReminderSettings.policy_id == policy.id)))
    segments = session.scalar(select(exists().where(SegmentPolicy.policy_id == policy.id)))
    if customers or segments:
        raise InvalidValueError(f"Policy {policy.code} is assigned to "
                                f"{'customers' if customers else 'a segment'}: assign them another policy first.",
                                field="policy")
    if any(_used(session, lv.id) for lv in policy.levels):
        raise InvalidValueError(f"Policy {policy.code} has sent reminders in its history and cannot be deleted.",
                                field="policy")
    before = {"code": policy.code, "levels": [audit.snapshot(lv) for lv in policy.levels]}
    session.delete(policy)
    session.flush()
    audit.record(session, action="delete", entity="reminder_policy", entity_id=None, before=before)


__all__ = ["DEFAULT_POLICY_CODE", "copy_policy", "delete_policy", "set_default_policy", "update_policy"]
