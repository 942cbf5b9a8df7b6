"""The plan as the Reminders page keeps it (app.reminders.preview_lines): in columns, a line made when asked."""

import datetime as dt

import pytest

from app.reminders.preview_lines import PreviewLine, PreviewLines
from app.reminders.run import PlannedItem, PlannedReminder


def _reminder(code: str, numbers, blocked=None) -> PlannedReminder:
    items = tuple(PlannedItem(n, number, "invoice", dt.date(2026, 6, 1), 100, 29, 1, "friendly", True)
                  for n, number in enumerate(numbers))
    return PlannedReminder(key=f"{code}/PEN", customer_id=len(code), customer_code=code, customer_name=code,
                           language="es", currency="PEN", level_id=1, level_key="friendly", level_sequence=1,
                           level_name="Recordatorio", channels=("email",), items=items,
                           amount_minor=100 * len(items), fee_minor=0, blocked=blocked, pre_approved=blocked is None)


def test_lines_in_columns_are_the_plan_line_for_line():
    plan = [_reminder("C1", ["F1", "F1", "F2"]), _reminder("C2", [], blocked="customer on hold"),
            _reminder("C3", ["F9"])]
    lines = PreviewLines(plan)
    assert len(lines) == 3
    assert [line.item_numbers for line in lines] == [("F1", "F1", "F2"), (), ("F9",)]
    assert lines[-1] == lines[2] and lines[0].customer_code == "C1" and lines[1].blocked == "customer on hold"
    assert [line.as_json() for line in lines] == [p.as_json() for p in plan]
    assert lines.column("blocked") == (None, "customer on hold", None)
    assert PreviewLines(list(lines))[0] == lines[0]  # lines made again from lines
    with pytest.raises(IndexError):
        lines[3]
    assert len(PreviewLines()) == 0 and PreviewLines().column("key") == ()
    assert isinstance(lines[0], PreviewLine)
