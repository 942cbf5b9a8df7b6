"""`cobranza remind`, `cobranza settings` and `cobranza secret` as a user runs them."""

import datetime as dt
import io
import json

import keyring
import pytest
from sqlalchemy import func, select

from app import ledger
from app.cli import main
from app.database import open_database, session_factory
from app.models import Reminder, ReminderRun
from tests.factories import SmtpCollector, make_customer, make_invoice, smtp_settings, start_smtp

D = dt.date


@pytest.fixture
def dbfile(db_path):
    engine = open_database(str(db_path))
    s = session_factory(engine)()
    with s.begin():
        ledger.save_company(s, name="Distribuidora Andina S.A.C.", country="PE", currency="PEN", locale="es_PE")
        make_customer(s, email="pagos@losandes.pe")
        make_customer(s, code="C002", name="Sin Correo S.R.L.")
        make_invoice(s, number="F1", issued=D(2026, 5, 1), due=D(2026, 6, 1))
        make_invoice(s, number="F2", customer="C002", issued=D(2026, 5, 1), due=D(2026, 6, 1), amount="80.50")
        make_invoice(s, number="F3", customer="C002", issued=D(2026, 5, 1), due=D(2026, 6, 5))
        ledger.set_disputed(s, "F3", True)
    s.close()
    engine.dispose()
    return str(db_path)


def count(dbfile, model):
    engine = open_database(dbfile)
    with session_factory(engine)() as s:
        n = s.scalar(select(func.count(model.id)))
    engine.dispose()
    return n


def test_dry_run_prints_one_json_object_per_line_and_changes_nothing(dbfile, capsys):
    assert main(["--db", dbfile, "remind", "--as-of", "2026-06-30", "--at", "09:30", "--dry-run"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert lines == [
        {"customer_code": "C001", "level": "friendly", "channels": ["email"], "items": ["F1"], "amount": "120.00",
         "currency": "PEN", "blocked": None, "send_at": "2026-06-30T14:30:00+00:00", "key": "C001/PEN",
         "approved": False},
        {"customer_code": "C002", "level": "friendly", "channels": ["letter"], "items": ["F2"], "amount": "80.50",
         "currency": "PEN", "blocked": None, "send_at": "2026-06-30T14:30:00+00:00", "key": "C002/PEN",
         "approved": False},
        {"customer_code": "C002", "level": None, "channels": [], "items": ["F3"], "amount": "120.00",
         "currency": "PEN", "blocked": "disputed items", "send_at": None, "key": "C002/PEN/disputed",
         "approved": False},
    ]
    assert count(dbfile, ReminderRun) == 0 and count(dbfile, Reminder) == 0


def test_dry_run_at_night_shows_the_held_moment(dbfile, capsys):
    assert main(["--db", dbfile, "remind", "--as-of", "2026-07-03", "--at", "21:00", "--dry-run"]) == 0
    first = json.loads(capsys.readouterr().out.splitlines()[0])
    assert first["send_at"] == "2026-07-06T12:00:00+00:00"  # Monday 07:00 in Lima


def test_send_follows_the_policy_review_first_then_approve(dbfile, capsys, tmp_path):
    """The shipped policy reviews before sending: --send stores drafts and says how to approve them; --approve
    KEY approves exactly that reminder; an unknown key is refused with nothing written."""
    letters = tmp_path / "letters"
    assert main(["--db", dbfile, "remind", "--as-of", "2026-06-30", "--at", "10:00", "--send",
                 "--letters-dir", str(letters)]) == 0
    out = capsys.readouterr().out
    assert "2 reminder(s) planned, 0 queued, 2 awaiting approval" in out and "cobranza reminders approve" in out
    assert "0 e-mail(s) sent, 0 letter(s) written" in out
    with pytest.raises(SystemExit) as exc:
        main(["--db", dbfile, "remind", "--as-of", "2026-07-01", "--send", "--approve", "C009/PEN"])
    assert exc.value.code == 2 and "No reminder planned with key C009/PEN" in capsys.readouterr().err
    assert count(dbfile, ReminderRun) == 1
    with pytest.raises(SystemExit) as exc:
        main(["--db", dbfile, "remind", "--as-of", "2026-07-01", "--dry-run", "--approve-all"])
    assert exc.value.code == 2


def test_policy_sending_automatic_makes_send_approve(dbfile, capsys, tmp_path):
    assert main(["--db", dbfile, "policy", "sending", "STANDARD", "--automatic"]) == 0
    assert "sends automatically" in capsys.readouterr().out
    assert main(["--db", dbfile, "policy", "list"]) == 0
    assert "[sends automatically]" in capsys.readouterr().out
    assert main(["--db", dbfile, "remind", "--as-of", "2026-06-30", "--at", "10:00", "--send",
                 "--letters-dir", str(tmp_path)]) == 0
    assert "2 queued, 0 awaiting approval" in capsys.readouterr().out


def test_send_performs_the_run_and_a_second_send_prints_nothing_new(dbfile, capsys, tmp_path):
    letters = tmp_path / "letters"
    assert main(["--db", dbfile, "remind", "--as-of", "2026-06-30", "--at", "10:00", "--send", "--approve-all",
                 "--letters-dir", str(letters)]) == 0
    out = capsys.readouterr().out
    assert "2 reminder(s) planned, 2 queued, 0 awaiting approval, 0 held by contact rules, 1 skipped" in out
    assert count(dbfile, Reminder) == 2
    assert main(["--db", dbfile, "remind", "--as-of", "2026-06-30", "--at", "11:00", "--send",
                 "--letters-dir", str(letters)]) == 0
    out = capsys.readouterr().out
    assert "0 reminder(s) planned, 0 queued" in out and "delivered: 0 e-mail(s) sent, 0 letter(s) written" in out
    assert count(dbfile, Reminder) == 2


def test_a_run_dated_before_the_latest_is_refused(dbfile, capsys):
    assert main(["--db", dbfile, "remind", "--as-of", "2026-06-30", "--at", "10:00", "--send"]) == 0
    capsys.readouterr()
    for mode in ("--dry-run", "--send"):
        with pytest.raises(SystemExit) as exc:
            main(["--db", dbfile, "remind", "--as-of", "2026-06-29", mode])
        assert exc.value.code == 2
        assert "before the latest run (2026-06-30)" in capsys.readouterr().err
    assert count(dbfile, ReminderRun) == 1


def test_bad_time_and_bad_date_exit_2(dbfile, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["--db", dbfile, "remind", "--as-of", "2026-06-30", "--at", "9h", "--dry-run"])
    assert exc.value.code == 2 and "HH:MM" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        main(["--db", dbfile, "remind", "--as-of", "30/06/2026"])
    assert exc.value.code == 2
    with pytest.raises(SystemExit) as exc:
        main(["--db", dbfile, "remind", "--as-of", "2026-06-30", "--dry-run", "--send"])
    assert exc.value.code == 2


def test_settings_get_and_set(dbfile, capsys):
    for key, value in (("smtp.host", "smtp.example.pe"), ("smtp.port", "587"), ("smtp.security", "starttls"),
                       ("smtp.user", "cobranza@example.pe"), ("smtp.from", "cobranza@example.pe"),
                       ("contact_rules.country", "CO"), ("company.tax_id", "20123456789"),
                       ("company.payment_instructions", "BCP 191-1234567-0-12")):
        assert main(["--db", dbfile, "settings", "set", key, value]) == 0
        assert main(["--db", dbfile, "settings", "get", key]) == 0
        assert capsys.readouterr().out.strip() == value
    assert main(["--db", dbfile, "settings", "get", "company.name"]) == 0
    assert capsys.readouterr().out.strip() == "Distribuidora Andina S.A.C."
    assert main(["--db", dbfile, "settings", "set", "contact_rules.country", "default"]) == 0


@pytest.mark.parametrize("key,value,message", [
    ("smtp.port", "70000", "1 to 65535"),
    ("smtp.port", "abc", "1 to 65535"),
    ("smtp.security", "tls", "none, starttls, ssl"),
    ("smtp.from", "not-an-address", "not an e-mail address"),
    ("smtp.timeout", "forever", "seconds"),
    ("contact_rules.country", "AR", "CO, PE, MX, CL, US, default"),
    ("company.currency", "XXX1", "ISO 4217"),
])
def test_settings_validate_values(dbfile, capsys, key, value, message):
    with pytest.raises(SystemExit) as exc:
        main(["--db", dbfile, "settings", "set", key, value])
    assert exc.value.code == 2 and message in capsys.readouterr().err


def test_unknown_setting_lists_the_keys(dbfile, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["--db", dbfile, "settings", "get", "smtp.password"])
    err = capsys.readouterr().err
    assert exc.value.code == 2 and "unknown setting 'smtp.password'" in err
    assert "smtp.host" in err and "contact_rules.country" in err and "company.name" in err


def test_secret_set_reads_stdin_into_the_keyring_without_echo(dbfile, capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("s3cr3t-pass\n"))
    assert main(["--db", dbfile, "secret", "set", "smtp"]) == 0
    out = capsys.readouterr()
    assert "s3cr3t-pass" not in out.out + out.err
    assert keyring.get_password("cobranza", "smtp") == "s3cr3t-pass" or _via_secrets_module() == "s3cr3t-pass"


def _via_secrets_module():
    from app.reminders.secrets import get_secret

    return get_secret("smtp")


def test_secret_without_a_keyring_is_a_clear_error(dbfile, capsys, monkeypatch):
    from keyring.backends.fail import Keyring as NoKeyring

    keyring.set_keyring(NoKeyring())
    monkeypatch.setattr("sys.stdin", io.StringIO("s3cr3t-pass\n"))
    with pytest.raises(SystemExit) as exc:
        main(["--db", dbfile, "secret", "set", "smtp"])
    err = capsys.readouterr().err
    assert exc.value.code == 1 and "keyring" in err and "not stored" in err and "s3cr3t-pass" not in err


def test_send_delivers_emails_and_letters_through_the_channels(dbfile, capsys, tmp_path):
    handler = SmtpCollector()
    controller = start_smtp(handler)
    try:
        for key, value in smtp_settings(controller.port):
            assert main(["--db", dbfile, "settings", "set", key, value]) == 0
        letters = tmp_path / "letters"
        assert main(["--db", dbfile, "remind", "--as-of", "2026-06-30", "--at", "10:00", "--send",
                     "--approve-all", "--letters-dir", str(letters)]) == 0
    finally:
        controller.stop()
    out = capsys.readouterr().out
    assert "delivered: 1 e-mail(s) sent, 1 letter(s) written; 2 reminder(s) done, 0 failed" in out
    assert "letters: " in out
    [msg] = handler.messages()
    assert msg["To"].addresses[0].addr_spec == "pagos@losandes.pe"
    assert [p.name for p in (letters / "customers").iterdir()] == ["C002_PEN_20260630.pdf"]
