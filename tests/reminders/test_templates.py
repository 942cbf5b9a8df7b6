"""Reminder content from the ledger and the sandboxed templates: defaults, overrides, errors."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from app.reminders.content import ContentError, ReminderItem, build_content, format_money, sample_content
from app.reminders.templates import (
    LEVEL_KEYS, PARTS, SMS_MAX_CHARS, TemplateError, default_template_name, render, render_message,
    template_context, validate_template,
)
from tests.reminders.channel_fixtures import AS_OF, PAYMENT_INSTRUCTIONS, seed_ledger

# --- content from the ledger ------------------------------------------------------------------


def test_build_content_reads_overdue_items_of_the_currency(session):
    seed_ledger(session)
    c = build_content(session, customer_code="C001", currency="PEN", as_of=AS_OF, level=3,
                      level_name="Segundo recordatorio", channel="email")
    # F001-102 is not yet due, F001-103 is disputed: neither is asked for.
    assert [i.invoice_number for i in c.items] == ["F001-100", "F001-101"]
    f100, f101 = c.items
    assert (f100.days_overdue, f100.amount_minor, f100.open_minor) == (60, 118000, 118000)
    assert (f101.days_overdue, f101.amount_minor, f101.open_minor) == (15, 50000, 30000)
    assert c.total_open_minor == 148000 and c.total_due_minor == 148000
    assert c.language == "es" and c.locale == "es_PE"
    assert c.customer_email == "pagos@losandes.pe"
    assert c.company.name == "Distribuidora Andina S.A.C."
    assert c.payment_instructions == PAYMENT_INSTRUCTIONS


def test_build_content_with_chosen_lines_skips_lines_paid_since(session):
    seed_ledger(session)
    from app import ledger

    lines = {o.invoice_number: o.due_line_id for o in ledger.open_items(session, "C001", AS_OF)}
    c = build_content(session, customer_code="C001", currency="PEN", as_of=AS_OF, level=1, level_name="Cortesía",
                      channel="letter", item_due_line_ids=[lines["F001-102"]], fee_minor=1500)
    assert [i.invoice_number for i in c.items] == ["F001-102"]
    assert c.items[0].days_overdue == -20
    assert c.total_due_minor == 30000 + 1500
    # Paid in full later: as of that date the line is no longer open and the reminder leaves it out.
    session.rollback()  # end the read transaction
    with session.begin():
        ledger.record_payment(session, customer_code="C001", date=dt.date(2026, 7, 1), amount_minor=30000,
                              invoice_number="F001-102")
    later = build_content(session, customer_code="C001", currency="PEN", as_of=dt.date(2026, 7, 2), level=1,
                          level_name="x", channel="letter", item_due_line_ids=[lines["F001-102"]])
    assert later.items == () and later.total_open_minor == 0


def test_build_content_english_customer_and_errors(session):
    seed_ledger(session)
    c = build_content(session, customer_code="C002", currency="PEN", as_of=AS_OF, level=5,
                      level_name="Final notice", channel="email")
    assert c.language == "en" and c.locale == "en_US"
    assert c.money(c.total_open_minor) == "S/ 2,500.00"  # the local symbol, English digits
    assert c.date(AS_OF) == "June 30, 2026"
    with pytest.raises(ContentError, match="Unknown channel 'fax'"):
        build_content(session, customer_code="C002", currency="PEN", as_of=AS_OF, level=1, level_name="x",
                      channel="fax")


def test_make_content_from_stored_values(session):
    seed_ledger(session)
    from app import ledger
    from app.reminders.content import make_content

    item = ReminderItem("F001-100", dt.date(2026, 4, 1), dt.date(2026, 5, 1), 60, 118000, 118000, "PEN")
    c = make_content(ledger.get_company(session), ledger.get_customer(session, "C002"), currency="pen", as_of=AS_OF,
                     level=2, level_name="Reminder", channel="whatsapp", items=[item], fee_minor=500,
                     level_key="friendly")
    assert (c.currency, c.language, c.total_open_minor, c.total_due_minor) == ("PEN", "en", 118000, 118500)
    assert "S/ 1,185.00" in render_message("friendly", "whatsapp", c).text


def test_build_content_needs_the_company(session):
    from tests.factories import make_customer

    with session.begin():
        make_customer(session)
    with pytest.raises(ContentError, match="company details"):
        build_content(session, customer_code="C001", currency="PEN", as_of=AS_OF, level=1, level_name="x",
                      channel="email")


def test_format_money_per_locale():
    assert format_money(123450, "PEN", "es_PE", "es_PE") == "S/\xa01,234.50"
    assert format_money(123450, "PEN", "en_US", "es_PE") == "S/ 1,234.50"
    assert format_money(1234, "CLP", "es_CL", "es_CL") == "$1.234"
    assert format_money(123450, "USD", "en_US", "en_US") == "$1,234.50"


# --- every default renders -------------------------------------------------------------------


@pytest.mark.parametrize("language", ["es", "en"])
@pytest.mark.parametrize("level_key", LEVEL_KEYS + ("custom_level",))
def test_every_default_template_renders(language, level_key):
    for channel in PARTS:
        for items, fee in ((1, 0), (4, 2500)):
            content = sample_content(language, channel=channel, level_key=level_key, items=items, fee_minor=fee)
            msg = render_message(level_key, channel, content)
            assert msg.text.strip()
            if channel in ("email", "call"):
                assert content.customer_name in msg.text
            total = content.money(content.total_due_minor)
            assert total.replace("\xa0", " ") in msg.text.replace("\xa0", " ") or channel == "letter"
            if channel in ("email", "letter"):
                assert msg.subject and "\n" not in msg.subject
            if channel == "email":
                assert msg.html.startswith("<!DOCTYPE html>") and content.items[0].invoice_number in msg.html
                assert content.items[0].invoice_number in msg.text
            if channel == "sms":
                assert len(msg.text) <= SMS_MAX_CHARS and "\n" not in msg.text and "\xa0" not in msg.text
            assert "{{" not in msg.text and "{%" not in msg.text


def test_every_level_has_its_own_file_for_every_channel():
    for language in ("es", "en"):
        for level_key in LEVEL_KEYS:
            for channel, parts in PARTS.items():
                for part in parts:
                    name = default_template_name(level_key, channel, language, part)
                    assert name is not None
                    if part != "closing":  # the letter's closing paragraph is shared by all levels
                        assert name == f"{language}/{level_key}/{channel}.{part}.j2"


def test_texts_say_the_right_things():
    es = sample_content("es", level_key="final", items=2)
    final_es = render_message("final", "email", es)
    assert "Estimado cliente" in final_es.text
    assert "acciones de cobranza que la ley permite" in final_es.text
    assert "centrales de riesgo" in final_es.text
    assert "F001-01040" in final_es.text and "F001-01041" in final_es.text
    assert PAYMENT_INSTRUCTIONS.split(" (")[0] in final_es.text or es.payment_instructions in final_es.text
    assert "27 días" in final_es.text  # the oldest item's days overdue
    en = sample_content("en", level_key="final", items=2)
    final_en = render_message("final", "email", en)
    assert "Dear customer" in final_en.text and "credit bureaus" in final_en.text
    assert "permitted by law" in final_en.text
    courtesy = render_message("courtesy", "email", sample_content("es", level_key="courtesy", items=1))
    assert "vence" in courtesy.text and "atraso" not in courtesy.text
    firm = render_message("firm", "letter", sample_content("es", level_key="firm", fee_minor=2500))
    assert "S/\xa025.00 por gastos de cobranza" in firm.text


def test_dates_and_amounts_follow_the_locale():
    es = render("{{ as_of|date }} | {{ total_open_minor|money }} | {{ 123456|money('USD') }} | {{ 1234567|number }}",
                sample_content("es"), part="text")
    assert es == "30 de junio de 2026 | S/\xa03,538.75 | USD\xa01,234.56 | 1,234,567"
    en = render("{{ as_of|date('short') }} | {{ total_open_minor|money }}", sample_content("en"), part="text")
    assert en == "6/30/2026 | S/ 3,538.75"


def test_html_is_escaped_and_text_is_not():
    content = dataclasses.replace(sample_content("es"), customer_name="Tools & <b>Co</b>")
    msg = render_message("friendly", "email", content)
    assert "Tools &amp; &lt;b&gt;Co&lt;/b&gt;" in msg.html and "<b>Co</b>" not in msg.html
    assert "Tools & <b>Co</b>" in msg.text
    two_banks = dataclasses.replace(content, payment_instructions="BCP 193-1234567\nBBVA <0011-0123>")
    html = render_message("final", "email", two_banks).html
    assert "<br>BCP 193-1234567<br>BBVA &lt;0011-0123&gt;" in html


def test_context_has_the_documented_variables():
    ctx = template_context(sample_content("es", items=2, fee_minor=100))
    for key in ("customer", "company", "items", "item_count", "invoice_numbers", "currency", "total_open_minor",
                "fee_minor", "total_due_minor", "max_days_overdue", "oldest_due_date", "days_until_due", "level",
                "level_name", "level_key", "channel", "language", "as_of", "payment_instructions"):
        assert key in ctx
    assert ctx["customer"]["tax_id_label"] == "RUC"
    assert ctx["items"][0]["invoice_number"] == "F001-01041"
    assert ctx["total_due_minor"] == ctx["total_open_minor"] + 100
    # the docs list them too
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[2] / "docs" / "templates.md").read_text(encoding="utf-8")
    for key in ctx:
        if key not in ("locale", "company_locale"):
            assert f"`{key}" in doc, key


# --- overrides ---------------------------------------------------------------------------------


def test_override_replaces_one_part_in_one_language():
    overrides = {("friendly", "email", "es", "subject"): "Aviso {{ customer.code }} por {{ total_due_minor|money }}"}
    es = render_message("friendly", "email", sample_content("es"), overrides=overrides)
    assert es.subject == "Aviso C0042 por S/ 3,538.75"  # subjects are one line with plain spaces
    assert "Estimado cliente" in es.text  # the other parts stay the defaults
    en = render_message("friendly", "email", sample_content("en"), overrides=overrides)
    assert en.subject.startswith("Payment reminder")


def test_override_html_may_extend_the_default_layout():
    overrides = {("firm", "email", "en", "html"):
                 '{% extends "en/common/email_layout.html.j2" %}{% block body %}<p>Hi {{ customer.name }}</p>'
                 '{% endblock %}'}
    msg = render_message("firm", "email", sample_content("en"), overrides=overrides)
    assert "<p>Hi Ferretería Los Andes S.A.C.</p>" in msg.html and "Total outstanding" in msg.html


# --- broken templates -----------------------------------------------------------------------------


def test_unknown_variable_names_template_and_line():
    overrides = {("friendly", "sms", "es", "text"): "Hola\n{{ customer.name }}\n{{ custmer.name }}"}
    with pytest.raises(TemplateError) as err:
        render_message("friendly", "sms", sample_content("es", channel="sms"), overrides=overrides)
    assert err.value.line == 3
    assert "friendly/sms/es/text (custom)" in str(err.value)
    assert "'custmer' is undefined" in str(err.value) and "line 3" in str(err.value)


def test_unknown_attribute_is_an_error_too():
    with pytest.raises(TemplateError, match="line 2.*has no attribute 'nmae'"):
        render("ok\n{{ customer.nmae }}", sample_content("es"), part="text", name="mine")


def test_syntax_error_names_template_and_line():
    with pytest.raises(TemplateError) as err:
        render("Estimado cliente:\n\n{% if item_count > 1 %}varias", sample_content("es"), part="text",
               name="borrador")
    assert err.value.template == "borrador"
    assert err.value.line == 3
    assert "syntax error" in str(err.value)


@pytest.mark.parametrize("source", ["{{ ''.__class__ }}", "{{ ''.__class__.__mro__[1].__subclasses__() }}",
                                    "{{ customer.__class__ }}", "{% for x in range(10**7) %}{% endfor %}"])
def test_sandbox_violations_are_template_errors(source):
    with pytest.raises(TemplateError) as err:
        render("línea 1\n" + source, sample_content("es"), part="text", name="malicioso")
    assert err.value.line == 2
    assert "malicioso" in str(err.value)


def test_templates_cannot_change_their_variables():
    with pytest.raises(TemplateError, match="not allowed"):
        render("{{ items.clear() }}", sample_content("es"), part="text")
    with pytest.raises(TemplateError, match="not allowed"):
        render("{% set _ = customer.update({'name': 'x'}) %}", sample_content("es"), part="text")


def test_error_inside_an_included_default_names_that_file(tmp_path, monkeypatch):
    import shutil

    from app.reminders import templates

    copy = tmp_path / "templates"
    shutil.copytree(templates.templates_dir(), copy)
    items = copy / "es" / "common" / "_items.text.j2"
    items.write_text(items.read_text(encoding="utf-8").replace("{{ item.invoice_number }}",
                                                               "{{ item.numero }}", 1), encoding="utf-8")
    monkeypatch.setenv("COBRANZA_TEMPLATES", str(copy))
    templates.reset_cache()
    try:
        with pytest.raises(TemplateError) as err:
            render_message("friendly", "email", sample_content("es"))
        assert err.value.template == "es/common/_items.text.j2" and err.value.line == 2
        assert "has no attribute 'numero'" in str(err.value)
    finally:
        monkeypatch.undo()
        templates.reset_cache()


def test_wrong_value_for_a_filter_is_a_template_error():
    with pytest.raises(TemplateError, match="money expects an amount in minor units"):
        render("{{ customer.name|money }}", sample_content("es"), part="text")


def test_include_of_a_missing_template_is_a_template_error():
    with pytest.raises(TemplateError, match="does not exist"):
        render('{% include "es/common/nope.j2" %}', sample_content("es"), part="text")


def test_unknown_channel_or_part():
    with pytest.raises(TemplateError, match="unknown channel 'fax'"):
        render_message("friendly", "fax", sample_content("es"))
    with pytest.raises(TemplateError, match="has no part 'html'"):
        render(("friendly", "sms"), sample_content("es"), part="html")


# --- validation for the editor ----------------------------------------------------------------------


def test_validate_template_returns_the_preview():
    preview = validate_template("{{ level_name }}: {{ total_due_minor|money }}", "subject", channel="email")
    assert preview == "Recordatorio de pago: S/ 3,538.75"


def test_validate_template_reports_errors():
    with pytest.raises(TemplateError, match="line 1"):
        validate_template("{{ nope }}", "text", channel="sms")
    with pytest.raises(TemplateError, match="under 300"):
        validate_template("{% for i in range(40) %}{{ customer.name }} {% endfor %}", "text", channel="sms")
    with pytest.raises(TemplateError, match="unknown part"):
        validate_template("x", "footer")


def test_items_are_plain_values():
    item = ReminderItem("F1", dt.date(2026, 1, 1), dt.date(2026, 1, 31), 150, 100, 50, "PEN")
    content = dataclasses.replace(sample_content("en"), items=(item,), total_open_minor=50)
    out = render("{% for i in items %}{{ i.invoice_number }} {{ i.days_overdue }} {{ i.open_minor|money }}"
                 "{% endfor %}", content, part="text")
    assert out == "F1 150 S/ 0.50"
