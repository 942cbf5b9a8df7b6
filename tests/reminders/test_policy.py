import datetime as dt
from decimal import Decimal

import pytest

from app.ledger.errors import InvalidValueError
from app.models import CustomerReminderSettings
from app.reminders.policy import (
    assign_policy,
    create_policy,
    ensure_default_policy,
    list_policies,
    pause_reminders,
    policy_row,
    policy_view,
    set_contact_preferences,
)


def test_default_policy_ships_five_levels_in_spanish_and_english(session):
    with session.begin():
        policy = ensure_default_policy(session)
    assert policy.is_default and policy.code == "STANDARD"
    assert [(lv.key, lv.days, lv.channels) for lv in policy.levels] == [
        ("courtesy", -3, ("email",)),
        ("friendly", 1, ("email",)),
        ("reminder", 15, ("email", "letter")),
        ("firm", 30, ("letter", "call")),
        ("final", 60, ("letter", "email")),
    ]
    final = policy.levels[-1]
    assert final.name("es") == "Aviso final antes de acciones legales"
    assert final.name("en") == "Final notice before legal action"
    assert all(lv.name_es and lv.name_en and lv.name_es != lv.name_en for lv in policy.levels)
    assert all(lv.min_gap_days == 5 and lv.fee_kind == "none" for lv in policy.levels)


def test_ensure_default_policy_is_idempotent(session):
    with session.begin():
        first = ensure_default_policy(session)
        second = ensure_default_policy(session)
    with session.begin():
        assert first.id == second.id and len(list_policies(session)) == 1


def test_create_policy_orders_levels_and_validates(session):
    with session.begin():
        p = create_policy(session, code="strict", name_es="Estricta", name_en="Strict", levels=[
            {"key": "b", "days": 10, "channels": "letter", "fee_kind": "percent", "fee_value": "2.5"},
            {"key": "a", "days": 2, "channels": "email, sms", "min_overdue_minor": 5000, "needs_approval": True},
        ])
    assert p.code == "STRICT"
    assert [(lv.sequence, lv.key) for lv in p.levels] == [(1, "a"), (2, "b")]
    assert p.levels[0].channels == ("email", "sms") and p.levels[0].needs_approval
    assert p.levels[1].fee_value == Decimal("2.5")
    bad = [
        ([{"key": "a", "days": 1, "channels": "fax"}], "channels"),
        ([{"key": "a", "days": 1, "channels": ""}], "channels"),
        ([{"key": "a", "days": 1, "channels": "email", "fee_kind": "fixed", "fee_value": "1.5"}], "fee_value"),
        ([{"key": "a", "days": 1, "channels": "email", "fee_kind": "percent", "fee_value": "-1"}], "fee_value"),
        ([{"key": "a", "days": 1, "channels": "email"}, {"key": "b", "days": 1, "channels": "email"}], "days"),
        ([], "levels"),
    ]
    for n, (levels, field) in enumerate(bad):
        with pytest.raises(InvalidValueError) as exc, session.begin():
            create_policy(session, code=f"BAD{n}", name_es="x", name_en="x", levels=levels)
        assert exc.value.field == field


def test_assign_pause_and_contact_preferences(books):
    s = books
    with s.begin():
        ensure_default_policy(s)
        create_policy(s, send_automatically=True, code="SOFT", name_es="Suave", name_en="Soft",
                      levels=[{"key": "x", "days": 5, "channels": "email"}])
        assign_policy(s, "C001", "SOFT")
        pause_reminders(s, "C001", dt.date(2026, 7, 15))
        set_contact_preferences(s, "C001", timezone="America/Bogota", authorised_channels="email,letter")
    with s.begin():
        row = s.get(CustomerReminderSettings, 1)
        assert row.policy.code == "SOFT" and row.paused_until == dt.date(2026, 7, 15)
        assert row.timezone == "America/Bogota" and row.authorised_channels == "email,letter"
    with pytest.raises(InvalidValueError), s.begin():
        set_contact_preferences(s, "C001", timezone="Mars/Olympus")
    with s.begin():
        assign_policy(s, "C001", None)
    with s.begin():
        assert s.get(CustomerReminderSettings, 1).policy_id is None
        assert policy_view(policy_row(s, "soft")).levels[0].key == "x"
