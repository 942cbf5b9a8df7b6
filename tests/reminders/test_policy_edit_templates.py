"""Editing policies (levels keep their identity, used levels cannot go) and template overrides with a
live preview for a real customer."""

import pytest

from app.ledger.errors import InvalidValueError
from app.reminders.delivery import (
    largest_overdue_customer,
    preview_template,
    set_template_override,
    template_source,
)
from app.reminders.policy import assign_policy, ensure_default_policy, list_policies, policy_row, policy_view
from app.reminders.policy_edit import copy_policy, delete_policy, set_default_policy, update_policy
from app.reminders.run import execute_run
from app.reminders.templates import TemplateError
from tests.factories import make_customer, make_invoice

from .conftest import D, at


def _levels(policy):
    return [{"key": lv.key, "days": lv.days, "channels": lv.channels, "name_es": lv.name_es, "name_en": lv.name_en,
             "fee_kind": lv.fee_kind, "fee_value": lv.fee_value, "min_overdue_minor": lv.min_overdue_minor,
             "needs_approval": lv.needs_approval, "min_gap_days": lv.min_gap_days} for lv in policy.levels]


def test_update_copy_default_and_delete(books):
    s = books
    with s.begin():
        std = ensure_default_policy(s)
        strict = copy_policy(s, "STANDARD", "strict")
        levels = _levels(strict)
        levels[1]["days"], levels[1]["channels"] = 5, ("email", "sms")
        levels.append({"key": "legal", "days": 90, "channels": "letter", "needs_approval": True})
        updated = update_policy(s, "STRICT", name_es="Estricta", name_en="Strict", levels=levels)
    assert [lv.key for lv in updated.levels] == ["courtesy", "friendly", "reminder", "firm", "final", "legal"]
    friendly = updated.levels[1]
    assert friendly.days == 5 and friendly.channels == ("email", "sms")
    assert friendly.id == strict.levels[1].id  # same row: history stays linked
    with s.begin():
        set_default_policy(s, "STRICT")
    assert [p.code for p in list_policies(s) if p.is_default] == ["STRICT"]
    s.rollback()
    with pytest.raises(InvalidValueError, match="is the default"):
        with s.begin():
            delete_policy(s, "STRICT")
    with s.begin():
        delete_policy(s, "STANDARD")
    assert [p.code for p in list_policies(s)] == ["STRICT"] and std.code == "STANDARD"
    s.rollback()


@pytest.mark.parametrize("change, message, field", [
    ({"days": "x"}, "Level 2 (friendly): days must be a whole number", "days"),
    ({"channels": "fax"}, "Level 2 (friendly): Unknown channel 'fax'", "channels"),
    ({"key": "courtesy"}, "Level 2 (courtesy): key 'courtesy' is already used by level 1", "key"),
    ({"days": -3}, "Level 2 (friendly): level 1 already falls on day -3", "days"),
    ({"fee_kind": "percent", "fee_value": "150"}, "Level 2 (friendly): A percent fee must be at most 100", "fee_value"),
])
def test_bad_levels_name_the_row_and_field_and_change_nothing(books, change, message, field):
    s = books
    with s.begin():
        policy = ensure_default_policy(s)
    levels = _levels(policy)
    levels[1].update(change)
    with pytest.raises(InvalidValueError) as exc:
        with s.begin():
            update_policy(s, "STANDARD", name_es="x", name_en="x", levels=levels)
    assert message in str(exc.value) and exc.value.field == field
    assert policy_view(policy_row(s, "STANDARD")) == policy
    s.rollback()


def test_a_level_with_sent_reminders_and_an_assigned_policy_are_protected(books, tmp_path, outbox):
    s = books
    with s.begin():
        make_invoice(s, number="F1", issued=D(2026, 5, 1), due=D(2026, 6, 20))
    with s.begin():
        execute_run(s, as_of=D(2026, 6, 30), at=at(D(2026, 6, 30)), send=outbox, letters_dir=tmp_path)
    levels = [lv for lv in _levels(policy_view(policy_row(s, "STANDARD"))) if lv["key"] != "friendly"]
    s.rollback()
    with pytest.raises(InvalidValueError, match="'friendly' cannot be removed"):
        with s.begin():
            update_policy(s, "STANDARD", name_es="x", name_en="x", levels=levels)
    with s.begin():
        copy_policy(s, "STANDARD", "OTHER")
        assign_policy(s, "C001", "OTHER")
    with pytest.raises(InvalidValueError, match="assigned to customers"):
        with s.begin():
            delete_policy(s, "OTHER")


def test_template_override_preview_for_a_real_customer_and_revert(books):
    s = books
    with s.begin():
        make_invoice(s, number="F-OLD", issued=D(2026, 4, 1), due=D(2026, 5, 1), amount="900.00")
        make_customer(s, code="C009", name="Poco S.A.C.")
        make_invoice(s, number="F-SMALL", customer="C009", issued=D(2026, 4, 1), due=D(2026, 5, 1), amount="10.00")
    as_of = D(2026, 6, 30)
    assert largest_overdue_customer(s, as_of) == "C001"
    text, custom = template_source(s, level_key="friendly", channel="email", language="en", part="subject")
    assert not custom and text.strip()
    mine = "Hello {{ customer.name }}: {{ items|length }} invoice(s), first {{ items[0].invoice_number }}"
    out, who = preview_template(s, mine, level_key="friendly", channel="email", language="en", part="subject",
                                customer_code="C001", as_of=as_of)
    assert who == "C001" and out == "Hello Ferretería Los Andes S.A.C.: 1 invoice(s), first F-OLD"
    with pytest.raises(TemplateError) as exc:
        preview_template(s, "Hello {{ customer.name ", level_key="friendly", channel="email", language="en",
                         part="subject")
    assert exc.value.line == 1
    s.rollback()
    with s.begin():
        set_template_override(s, level_key="friendly", channel="email", language="en", part="subject", text=mine)
    assert template_source(s, level_key="friendly", channel="email", language="en", part="subject") == (mine, True)
    s.rollback()
    with s.begin():
        set_template_override(s, level_key="friendly", channel="email", language="en", part="subject", text=None)
    assert template_source(s, level_key="friendly", channel="email", language="en", part="subject")[1] is False
    s.rollback()
