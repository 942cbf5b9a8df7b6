"""`tasks --format json` writes each task from a template (app.cli.tasks_json): the text must be what
json.dumps(ensure_ascii=False, indent=2) gives of the task list's dict, for any values the fields can hold."""

from __future__ import annotations

import datetime as dt
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.cli.tasks_json import tasks_json
from app.collections.tasks import Task
from app.ledger.money import to_str

AS_OF = dt.date(2026, 6, 30)


def reference(as_of, home, rows) -> str:
    """The dict the command dumped before, and its json.dumps text."""
    return json.dumps({"as_of": as_of.isoformat(), "company_currency": home, "tasks": [
        {"kind": t.kind, "customer_code": t.customer_code, "customer_name": t.customer_name,
         "collector": t.collector, "currency": t.currency,
         "amount": to_str(t.amount_minor, t.currency) if t.currency else None,
         "due_date": t.due_date.isoformat() if t.due_date else None, "detail": t.detail, "ref": t.ref,
         "risk": t.risk, "expected_value": to_str(t.expected_value_minor, t.currency) if t.currency else None,
         "expected_value_company": None if t.expected_value_company_minor is None
         else to_str(t.expected_value_company_minor, home),
         "rate_missing": t.rate_missing}
        for t in rows]}, ensure_ascii=False, indent=2)


text = st.text(max_size=12) | st.sampled_from(["", "\"", "\\", "\n\t", "Ñandú S.A.C.", "😀", "\x7f\u2028"])
money = st.integers(min_value=-10**15, max_value=10**15)
tasks = st.builds(
    Task, st.sampled_from(["promise_due", "follow_up", "over_credit_limit"]), text, text, st.none() | text,
    st.none() | st.sampled_from(["PEN", "CLP", "KWD", "USD", "COP", ""]), money,
    st.none() | st.dates(min_value=dt.date(1, 1, 1)), text, st.none() | text,
    st.floats(allow_nan=True, allow_infinity=True) | st.just(0.0) | st.just(1.0), money, st.none() | money)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])  # the machine may be busy
@given(st.lists(tasks, max_size=4), st.sampled_from(["PEN", "USD", "CLP"]))
def test_the_text_is_json_dumps(rows, home):
    assert tasks_json(AS_OF, home, rows) == reference(AS_OF, home, rows)


def test_no_tasks():
    assert tasks_json(AS_OF, "PEN", []) == reference(AS_OF, "PEN", [])
