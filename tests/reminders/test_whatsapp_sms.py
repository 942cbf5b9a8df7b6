"""Phone numbers in E.164, WhatsApp click-to-chat links and the SMS export for a gateway."""

from __future__ import annotations

import csv
from urllib.parse import parse_qs, urlsplit

import pytest

from app.reminders.content import sample_content
from app.reminders.sms import SmsRow, export_sms_csv, neutralise, sms_text
from app.reminders.templates import render_message
from app.reminders.whatsapp import InvalidPhoneError, normalize_phone, whatsapp_link


@pytest.mark.parametrize("raw, region, expected", [
    ("987 654 321", "PE", "+51987654321"),
    ("987-654-321", "PE", "+51987654321"),
    ("+51 987 654 321", "MX", "+51987654321"),  # an explicit country code wins over the region
    ("0051987654321", None, "+51987654321"),
    ("(01) 555-0100", "PE", "+5115550100"),  # a Lima landline
    ("55 1234 5678", "MX", "+525512345678"),
    ("300 123 4567", "CO", "+573001234567"),
    ("9 6123 4567", "CL", "+56961234567"),
    ("(305) 555-0123", "US", "+13055550123"),
])
def test_normalize_phone(raw, region, expected):
    assert normalize_phone(raw, region) == expected


@pytest.mark.parametrize("raw, region, fragment", [
    ("", "PE", "is empty"),
    (None, "PE", "is empty"),
    ("123", "PE", "'123' is not a valid number for PE"),
    ("hola", "PE", "'hola' is not a phone number"),
    ("987 654 321", None, "with the country code"),
    ("+51 12", None, "'+51 12' is not"),
])
def test_invalid_phone_names_the_number(raw, region, fragment):
    with pytest.raises(InvalidPhoneError) as err:
        normalize_phone(raw, region)
    assert fragment in str(err.value)
    assert err.value.phone == raw


def test_whatsapp_link_round_trips_the_text():
    text = "Estimado cliente: saldo de S/\xa01,180.00 (F001-100 & F001-101)?\n¡Gracias! *Último aviso* #1 100%"
    link = whatsapp_link("987 654 321", text, "PE")
    parts = urlsplit(link)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "wa.me", "/51987654321")
    assert " " not in link and "\n" not in link and "&F" not in link
    assert parse_qs(parts.query) == {"text": [text]}


def test_whatsapp_link_from_the_template_and_without_text():
    content = sample_content("es", channel="whatsapp", level_key="friendly")
    message = render_message("friendly", "whatsapp", content)
    link = whatsapp_link(content.customer_phone, message.text, content.customer_country)
    assert link.startswith("https://wa.me/51987654321?text=Estimado%20cliente")
    assert parse_qs(urlsplit(link).query)["text"] == [message.text]
    assert whatsapp_link("+51987654321", "", "PE") == "https://wa.me/51987654321"
    with pytest.raises(InvalidPhoneError):
        whatsapp_link("555", "hola", "PE")


def test_neutralise():
    assert neutralise("=HYPERLINK(\"http://x\")") == "'=HYPERLINK(\"http://x\")"
    for s in ("+1", "-2", "@SUM(A1)", "\tx", "\rx"):
        assert neutralise(s) == "'" + s
    assert neutralise("C001") == "C001" and neutralise("") == ""


def test_export_sms_csv(tmp_path):
    path = tmp_path / "out" / "sms.csv"
    rows = [
        SmsRow("987 654 321", "C001", "Distribuidora: saldo de S/\xa01,180.00.\nGracias"),
        ("+57 300 123 4567", "=CMD|' /C calc'!A0", "-5 días"),
        {"phone": "0051912345678", "customer_code": "@C3", "message": "+ pagar hoy"},
    ]
    assert export_sms_csv(rows, path, default_region="PE") == 3
    with path.open(encoding="utf-8", newline="") as fh:
        got = list(csv.reader(fh))
    assert got[0] == ["phone", "customer_code", "message"]
    assert got[1] == ["+51987654321", "C001", "Distribuidora: saldo de S/ 1,180.00. Gracias"]
    assert got[2] == ["+573001234567", "'=CMD|' /C calc'!A0", "'-5 días"]
    assert got[3] == ["+51912345678", "'@C3", "'+ pagar hoy"]
    assert not list(path.parent.glob("*.part"))


def test_export_with_a_bad_phone_writes_nothing(tmp_path):
    path = tmp_path / "sms.csv"
    with pytest.raises(InvalidPhoneError, match="'12345'"):
        export_sms_csv([("987654321", "C1", "a"), ("12345", "C2", "b")], path)
    assert not path.exists() and not list(tmp_path.iterdir())


def test_sms_texts_from_templates_fit_and_are_plain():
    for language in ("es", "en"):
        for level_key in ("courtesy", "friendly", "reminder", "firm", "final"):
            content = sample_content(language, channel="sms", level_key=level_key, items=5, fee_minor=990)
            text = render_message(level_key, "sms", content).text
            assert text == sms_text(text) and len(text) <= 300
