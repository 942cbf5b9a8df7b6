"""The CLI and the GUI call the same domain functions, so what one saves the other reads, the same mistake is
refused with the same message, and a reminder preview is the same look (nothing written) in both."""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import func, select

from app import ledger
from app.cli import main
from app.database import session_factory
from app.models import AuditEntry, ReminderPolicy, ReminderRun, Setting
from tests.factories import make_customer, make_invoice

D = dt.date


def open_settings(window, qtbot):
    dialog = window.open_settings()
    qtbot.waitUntil(lambda: dialog.loaded and getattr(dialog, "email_loaded", False), timeout=10000)
    return dialog


def cli_get(db_path, key, capsys) -> str:
    capsys.readouterr()
    assert main(["--db", str(db_path), "settings", "get", key]) == 0
    return capsys.readouterr().out.strip()


def cli_refusal(db_path, key, value, capsys) -> str:
    capsys.readouterr()
    try:
        main(["--db", str(db_path), "settings", "set", key, value])
    except SystemExit as exc:
        assert exc.code == 2
    else:
        raise AssertionError(f"'settings set {key} {value}' was accepted")
    err = capsys.readouterr().err.strip()
    assert err.startswith("cobranza: ")
    return err.removeprefix("cobranza: ")


def test_settings_saved_in_the_dialog_are_read_back_by_cobranza_settings_get(window, books, db_path, qtbot, capsys):
    dialog = open_settings(window, qtbot)
    dialog.tax_id.setText("20601234567")
    dialog.smtp_host.setText("smtp.andina.pe")
    dialog.smtp_port.setText("2525")
    dialog.smtp_security.setCurrentIndex(dialog.smtp_security.findData("ssl"))
    dialog.smtp_from.setText("cobranzas@andina.pe")
    dialog.contact_country.setCurrentIndex(dialog.contact_country.findData("CO"))
    with qtbot.waitSignal(dialog.company_saved, timeout=10000):
        dialog.buttons.accepted.emit()
    assert cli_get(db_path, "company.tax_id", capsys) == "20601234567"
    assert cli_get(db_path, "smtp.host", capsys) == "smtp.andina.pe"
    assert cli_get(db_path, "smtp.port", capsys) == "2525"
    assert cli_get(db_path, "smtp.security", capsys) == "ssl"
    assert cli_get(db_path, "contact_rules.country", capsys) == "CO"
    # and the other way: what the CLI sets, the dialog shows
    assert main(["--db", str(db_path), "settings", "set", "smtp.port", "587"]) == 0
    again = open_settings(window, qtbot)
    assert again.smtp_port.text() == "587" and again.smtp_host.text() == "smtp.andina.pe"
    again.reject()


def test_a_bad_smtp_port_is_refused_with_the_same_message_in_the_dialog_and_the_cli(window, books, db_path, qtbot,
                                                                                     capsys):
    for port in ("70000", "abc", "0"):
        cli_message = cli_refusal(db_path, "smtp.port", port, capsys)
        dialog = open_settings(window, qtbot)
        dialog.smtp_host.setText("smtp.andina.pe")
        dialog.smtp_from.setText("cobranzas@andina.pe")
        dialog.smtp_port.setText(port)
        dialog.buttons.accepted.emit()
        label = dialog.email_form.error_label("smtp.port")
        qtbot.waitUntil(label.isVisible, timeout=10000)
        assert label.text() == cli_message
        assert f"'{port}'" in cli_message and "1 to 65535" in cli_message
        dialog.reject()
    with session_factory(books)() as s:  # neither wrote anything
        assert s.scalar(select(func.count()).select_from(Setting).where(Setting.key.like("smtp.%"))) == 0


def test_a_bad_sender_is_refused_with_the_same_message_in_the_dialog_and_the_cli(window, db_path, qtbot, capsys):
    cli_message = cli_refusal(db_path, "smtp.from", "cobranzas at andina", capsys)
    dialog = open_settings(window, qtbot)
    dialog.smtp_host.setText("smtp.andina.pe")
    dialog.smtp_from.setText("cobranzas at andina")
    dialog.buttons.accepted.emit()
    label = dialog.email_form.error_label("smtp.from")
    qtbot.waitUntil(label.isVisible, timeout=10000)
    assert label.text() == cli_message and "not an e-mail address" in cli_message
    dialog.reject()


def test_the_reminders_page_and_cobranza_remind_preview_the_same_plan_and_write_nothing(books, ctx, db_path, qtbot,
                                                                                        capsys):
    from app.ui.views.reminders import RemindersView

    with session_factory(books, write=True)() as s, s.begin():
        make_customer(s, code="C1", name="Ferretería Los Andes S.A.C.", email="pagos@losandes.pe")
        make_customer(s, code="C2", name="Comercial Rivera E.I.R.L.", email="rivera@example.pe")
        make_invoice(s, number="F1", customer="C1", issued=D(2026, 5, 1), due=D(2026, 6, 1))
        make_invoice(s, number="F2", customer="C2", issued=D(2026, 5, 1), due=D(2026, 6, 1))
        ledger.set_disputed(s, "F2", True)
    with session_factory(books)() as s:
        audit_before = s.scalar(select(func.count()).select_from(AuditEntry))

    view = RemindersView(ctx)
    qtbot.addWidget(view)
    view.at.setTime(view.at.time().fromString("10:00", "HH:mm"))
    with qtbot.waitSignal(view.previewed, timeout=20000):
        view.preview_button.click()
    gui = [view.model.row(i).as_json() for i in range(view.model.rowCount())]

    capsys.readouterr()
    assert main(["--db", str(db_path), "remind", "--as-of", "2026-06-30", "--at", "10:00", "--dry-run"]) == 0
    cli = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert cli == gui  # the same lines: levels, items, amounts, reasons and the moment of sending
    assert [(row["customer_code"], row["blocked"] is None) for row in cli] == [("C1", True), ("C2", False)]

    with session_factory(books)() as s:  # neither kept the default policy planning creates, nor a run
        assert s.scalar(select(func.count()).select_from(ReminderPolicy)) == 0
        assert s.scalar(select(func.count()).select_from(ReminderRun)) == 0
        assert s.scalar(select(func.count()).select_from(AuditEntry)) == audit_before
