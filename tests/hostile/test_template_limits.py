"""Template bombs (issue 11): a user template can neither hang the reminder run nor eat the memory.

The editor's check used to render the sample customer only, so a branch on the customer's name around nested
`range(100000)` loops, or `('x'*1000000000)|length`, was saved and hung the letters run. Now the sandbox limits
loops, sizes, steps and time (app.reminders.sandbox); such a template is refused when saved, and one already
in the database fails only its own reminder at delivery, with the reason, never retried.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import select

from app.models import AuditEntry, Reminder, ReminderTemplate
from app.reminders import outbox as ob
from app.reminders.delivery import set_template_override, template_source
from app.reminders.run import execute_run
from app.reminders.templates import TemplateError, TemplateLimitError, render, validate_template
from app.reminders.content import sample_content
from tests.factories import make_invoice
from tests.reminders.conftest import D, at, books, outbox  # noqa: F401 - fixtures

NESTED = ("{% if customer.name == 'Evil Corp' %}{% for i in range(100000) %}{% for j in range(100000) %}x"
          "{% endfor %}{% endfor %}{% endif %}Estimado cliente")
REPEAT = "{{ ('x'*1000000000)|length }}"

# Bombs whose size depends on the data: only the limits at render time can stop them.
BOMBS_AT_RENDER = {
    "range from data": "{% for i in range(customer.name|length * 100000) %}x{% endfor %}",
    "nested loops from data": ("{% for i in range(customer.name|length * 300) %}{% for j in range(customer.name"
                               "|length * 300) %}{% endfor %}{% endfor %}"),
    "doubling a namespace": ("{% set ns = namespace(s=customer.name) %}{% for i in range(40) %}"
                             "{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s|length }}"),
    "exponential macro": ("{% macro f(n) %}{% if n > 0 %}{{ f(n - 1) }}{{ f(n - 1) }}{% endif %}{% endmacro %}"
                          "{{ f(customer.name|length + 40) }}"),
    "repeat from data": "{{ (customer.name * 100000000)|length }}",
    "huge power": "{{ (customer.name|length) ** 1000000 }}",
    "wide center": "{{ customer.name|center(1000000000) }}",
    "join with a long separator": "{{ range(10000)|join(customer.name * 5000) }}",
    "format width": "{{ '{:>999999999}'.format(customer.name) }}",
    "percent width": "{{ '%999999999s' % customer.name }}",
    "replace into every gap": "{{ (customer.name * 3000)|replace('', customer.name * 3000) }}",
}


@pytest.mark.parametrize("text", [NESTED, REPEAT], ids=["nested-range", "repeat"])
def test_the_two_bombs_are_refused_when_saved(session, text):
    with pytest.raises(TemplateLimitError) as exc, session.begin():
        set_template_override(session, level_key="reminder", channel="letter", language="es", part="body",
                              text=text)
    message = str(exc.value)
    assert "refused" in message and "limit" in message
    assert ("range() of 100,000 items" in message) if text == NESTED else ("1,000,000,000" in message)
    assert session.scalar(select(ReminderTemplate.id)) is None  # nothing saved


@pytest.mark.parametrize("text", list(BOMBS_AT_RENDER.values()), ids=list(BOMBS_AT_RENDER))
def test_data_driven_bombs_are_refused_with_a_reason(text):
    with pytest.raises(TemplateLimitError, match="refused: .*"):
        validate_template(text, "body", channel="letter")


def test_ordinary_templates_still_work():
    text = ("Estimado {{ customer.name }}: {% for i in items %}{{ i.invoice_number }} {{ i.open_minor|money }}; "
            "{% endfor %}{% set ns = namespace(n=0) %}{% for i in range(3) %}{% set ns.n = ns.n + i %}{% endfor %}"
            "{{ ns.n }} {{ range(3)|list|join(',') }} {{ 'a' ~ 'b' }} {{ '%05d' % 42 }} {{ '{:>6}'.format('x') }}")
    out = validate_template(text, "body", channel="letter")
    assert out.startswith("Estimado ") and "3 0,1,2 ab 00042      x" in out
    sample = sample_content("es", channel="letter")
    assert render(text, sample, part="body") == out


def test_template_edits_are_in_the_audit_log(session):
    key = dict(level_key="reminder", channel="letter", language="es", part="subject")
    with session.begin():
        set_template_override(session, **key, text="Aviso para {{ customer.name }}")
        set_template_override(session, **key, text="Segundo aviso para {{ customer.name }}")
        set_template_override(session, **key, text=None)
    entries = session.scalars(select(AuditEntry).where(AuditEntry.entity == "template").order_by(AuditEntry.id)).all()
    assert [e.action for e in entries] == ["create", "update", "delete"]
    assert json.loads(entries[1].before)["text"] == "Aviso para {{ customer.name }}"
    assert json.loads(entries[1].after)["text"] == "Segundo aviso para {{ customer.name }}"
    assert template_source(session, **key)[1] is False


def test_a_bomb_already_saved_fails_only_its_reminder_at_delivery(books, outbox, tmp_path):  # noqa: F811
    """A template saved before the limits existed (written straight to the table): the letters for other
    customers are written, that one reminder is failed with the reason at once (no retry, no hang)."""
    s = books
    bomb = ("{% if customer.code == 'C002' %}{% for i in range(customer.name|length * 1000) %}"
            "{% for j in range(customer.name|length * 1000) %}x{% endfor %}{% endfor %}{% endif %}Estimado cliente")
    with s.begin():
        make_invoice(s, number="F1", issued=D(2026, 5, 1), due=D(2026, 6, 1))
        make_invoice(s, number="F2", customer="C002", issued=D(2026, 5, 1), due=D(2026, 6, 1))
        for level in ("courtesy", "friendly", "reminder", "firm", "final"):
            s.add(ReminderTemplate(level_key=level, channel="letter", language="es", part="body", text=bomb))
    with s.begin():
        execute_run(s, as_of=D(2026, 6, 30), at=at(D(2026, 6, 30), 10))
        for r in s.scalars(select(Reminder)):
            r.channels = "letter"
    now = at(D(2026, 6, 30), 10)
    with s.begin():
        result = ob.deliver_due(s, now=now, sender=None, letters_dir=tmp_path)
    with s.begin():
        state = {r.customer.code: (r.state, r.attempts, r.next_attempt_at, r.error)
                 for r in s.scalars(select(Reminder))}
    assert state["C001"][0] == "sent"
    assert state["C002"][:3] == ("failed", 1, None)
    assert "refused" in state["C002"][3] and "range()" in state["C002"][3]
    assert result.given_up == 1
    assert list((tmp_path / "customers").glob("*.pdf")) and len(list((tmp_path / "customers").glob("*.pdf"))) == 1


def test_every_limit_error_is_a_template_error():
    assert issubclass(TemplateLimitError, TemplateError)
