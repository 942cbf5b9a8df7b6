"""The settings and reminder-run actions the CLI and the GUI share (app.reminders.settings, smtp_settings,
service, whatsapp_send): one rule for each SMTP value, all-or-nothing saves, a preview that writes nothing."""

from __future__ import annotations

import datetime as dt

import keyring
import pytest
from keyring.errors import KeyringError
from sqlalchemy import delete, func, select

from app import ledger
from app.ledger.errors import InvalidValueError
from app.models import AuditEntry, Reminder, ReminderPolicy, ReminderRun, Setting
from app.reminders.secrets import get_secret
from app.reminders.service import default_letters_dir, perform_run, preview_run
from app.reminders.settings import (
    KeyringSaveError,
    UnknownSettingError,
    email_settings,
    get_setting_value,
    save_settings,
    set_setting_value,
)
from app.reminders.smtp_settings import EmailConfigError, SmtpSettings, check_smtp_value
from app.reminders.whatsapp import InvalidPhoneError
from app.reminders.whatsapp_send import customer_whatsapp_link
from tests.factories import make_invoice

D = dt.date
GOOD = {"smtp.host": "smtp.andina.pe", "smtp.port": "587", "smtp.security": "starttls", "smtp.user": "",
        "smtp.from": "cobranzas@andina.pe", "smtp.timeout": ""}


@pytest.mark.parametrize("key,value", [
    ("smtp.host", " "), ("smtp.port", "70000"), ("smtp.port", "0"), ("smtp.port", "abc"), ("smtp.port", "+25"),
    ("smtp.port", "²5"), ("smtp.security", "tls"), ("smtp.from", "nobody"), ("smtp.from", "a b@c.pe"),
    ("smtp.from", ""), ("smtp.timeout", "forever"), ("smtp.timeout", "0"), ("smtp.timeout", "nan"),
    ("smtp.timeout", "601"),
])
def test_one_value_is_refused_with_the_same_message_alone_and_in_the_whole_set(key, value):
    with pytest.raises(EmailConfigError) as alone:
        check_smtp_value(key, value)
    with pytest.raises(EmailConfigError) as whole:
        SmtpSettings.from_mapping({**GOOD, key: value})
    assert alone.value.field == whole.value.field == key
    assert str(alone.value) == str(whole.value) and key in str(alone.value)


def test_values_are_stored_normalised_and_empty_port_and_timeout_mean_the_defaults():
    assert check_smtp_value("smtp.port", " 0465 ") == "465"
    assert check_smtp_value("smtp.security", "SSL") == "ssl"
    settings = SmtpSettings.from_mapping({**GOOD, "smtp.port": "", "smtp.security": "ssl"})
    assert (settings.port, settings.timeout, settings.user) == (465, 30.0, None)
    with pytest.raises(EmailConfigError, match="smtp.port") as exc:
        SmtpSettings(host="h", port=70000, sender="a@b.pe")
    assert str(exc.value) == str(pytest.raises(EmailConfigError, check_smtp_value, "smtp.port", "70000").value)


def test_save_settings_writes_what_changed_and_reads_back(books):
    session = books
    with session.begin():
        saved = save_settings(session, company={"name": "Distribuidora Andina S.A.C.", "tax_id": "20601234567"},
                              smtp={**GOOD, "smtp.port": " 2525"}, contact_country="co", password="pw")
    assert saved.company.tax_id == "20601234567"
    assert set(saved.changed) >= {"smtp.host", "smtp.port", "smtp.from", "contact_rules.country", "smtp.password"}
    assert "smtp.user" not in saved.changed and "smtp.timeout" not in saved.changed  # empty: no row
    assert get_setting_value(session, "smtp.port") == "2525"
    assert get_setting_value(session, "contact_rules.country") == "CO"
    assert get_secret("smtp") == "pw"
    shown = email_settings(session)
    assert (shown.host, shown.port, shown.user, shown.contact_country, shown.password_stored) == (
        "smtp.andina.pe", "2525", "", "CO", True)
    session.rollback()  # end the reads' transaction
    with session.begin():  # the same values again: nothing to write
        assert save_settings(session, smtp={**GOOD, "smtp.port": "2525"}, contact_country="CO").changed == ()


def test_a_keyring_failure_saves_nothing(books, monkeypatch):
    session = books

    def broken(*_a, **_k):
        raise KeyringError("locked")

    monkeypatch.setattr(keyring, "set_password", broken)
    with pytest.raises(KeyringSaveError):
        with session.begin():
            save_settings(session, company={"tax_id": "20601234567"}, smtp=GOOD, password="pw")
    assert session.scalar(select(func.count()).select_from(Setting)) == 0
    assert ledger.get_company(session).tax_id is None


def test_one_key_at_a_time_as_the_cli_sets_it(session):
    with pytest.raises(InvalidValueError, match="set company.name first"):
        with session.begin():
            set_setting_value(session, "company.tax_id", "20601234567")
    with session.begin():
        set_setting_value(session, "company.name", "Andina")
        set_setting_value(session, "smtp.security", "SSL")
        set_setting_value(session, "contact_rules.country", "default")
    assert get_setting_value(session, "smtp.security") == "ssl"
    assert get_setting_value(session, "contact_rules.country") == "default"
    with pytest.raises(InvalidValueError, match="CO, PE, MX, CL, US, default"):
        set_setting_value(session, "contact_rules.country", "AR")
    with pytest.raises(UnknownSettingError, match="Known keys"):
        get_setting_value(session, "smtp.password")


def test_preview_writes_nothing_and_the_run_stores_what_it_planned(books, tmp_path):
    session = books
    with session.begin():
        session.execute(delete(ReminderPolicy))  # a new book: no policy yet (planning makes the default)
        make_invoice(session, number="F1", issued=D(2026, 5, 1), due=D(2026, 6, 1))
    audit = session.scalar(select(func.count()).select_from(AuditEntry))
    session.rollback()
    with session.begin():
        preview = preview_run(session, as_of=D(2026, 6, 30), at="10:00")
    assert [p.key for p in preview.plan if p.blocked is None] == ["C001/PEN"]
    assert (preview.at.hour, preview.at.minute, str(preview.at.tzinfo)) == (10, 0, "America/Lima")
    assert session.scalar(select(func.count()).select_from(ReminderPolicy)) == 0  # not even the default policy
    assert session.scalar(select(func.count()).select_from(AuditEntry)) == audit
    session.rollback()
    with session.begin():
        done = perform_run(session, as_of=D(2026, 6, 30), at="10:00", letters_dir=tmp_path, approve={"C001/PEN"})
    assert not done.email_configured  # no SMTP server set: the e-mail stays queued
    assert done.summary.queued == 1 and done.summary.run_id is not None
    assert session.scalar(select(func.count()).select_from(ReminderRun)) == 1
    assert session.scalar(select(func.count()).select_from(Reminder)) == 1
    assert default_letters_dir(D(2026, 6, 30)).parts[-2:] == ("letters", "2026-06-30")


def test_the_cards_whatsapp_link_is_built_by_the_reminders_package(books):
    session = books
    with session.begin():
        ledger.update_customer(session, "C001", phone="987 654 321", country="PE")
        make_invoice(session, number="F1", issued=D(2026, 5, 1), due=D(2026, 6, 1))
    link = customer_whatsapp_link(session, "C001", as_of=D(2026, 6, 30))
    assert link.startswith("https://wa.me/51987654321?text=") and "F1" in link
    session.rollback()
    with session.begin():
        ledger.update_customer(session, "C002", phone="12")
    with pytest.raises(InvalidPhoneError):
        customer_whatsapp_link(session, "C002", as_of=D(2026, 6, 30))
