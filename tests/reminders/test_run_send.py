"""The run end to end with the real channels: e-mails to an SMTP server running in the test (aiosmtpd),
letters as PDF files, the statement attached."""

from pathlib import Path

import pytest

from app import ledger
from app.reminders import outbox
from app.reminders.run import customer_reminders, execute_run
from tests.factories import SmtpCollector, make_customer, make_invoice, make_payment, smtp_settings, start_smtp

from .conftest import D, at


@pytest.fixture
def smtp(books):
    handler = SmtpCollector()
    controller = start_smtp(handler)
    with books.begin():
        for key, value in smtp_settings(controller.port):
            ledger.set_setting(books, key, value)
    yield handler
    controller.stop()


def run(s, day, tmp_path, hour=10):
    with s.begin():
        return execute_run(s, as_of=day, at=at(day, hour), send=outbox.channel_sender(s),
                           letters_dir=tmp_path)


def test_run_sends_emails_with_the_statement_and_writes_letters(books, smtp, tmp_path):
    s = books
    with s.begin():
        make_customer(s, code="C003", name="Sin Correo S.R.L.", address="Av. Arequipa 123", city="Lima")
        make_invoice(s, number="F1", issued=D(2026, 5, 1), due=D(2026, 6, 1))
        make_invoice(s, number="F3", customer="C003", issued=D(2026, 5, 1), due=D(2026, 6, 1))
    summary = run(s, D(2026, 6, 30), tmp_path)
    assert (summary.queued, summary.sent, summary.failed) == (2, 2, 0)
    [msg] = smtp.messages()
    assert msg["To"].addresses[0].addr_spec == "pagos@losandes.pe"
    assert "F1" in msg.get_body(("plain",)).get_content()
    [attachment] = list(msg.iter_attachments())
    assert attachment.get_content_type() == "application/pdf" and attachment.get_content()[:4] == b"%PDF"
    email_reminder = customer_reminders(s, "C001")[0]
    s.rollback()
    assert email_reminder.message_id == msg["Message-ID"]
    letter = customer_reminders(s, "C003")[0]
    s.rollback()
    assert letter.file_path and Path(letter.file_path).read_bytes()[:4] == b"%PDF"
    assert summary.letters_path and Path(summary.letters_path).read_bytes()[:4] == b"%PDF"
    # the same day again: nothing new is sent
    assert run(s, D(2026, 6, 30), tmp_path, hour=15).sent == 0 and len(smtp.messages()) == 1


def test_a_held_reminder_paid_before_it_goes_out_is_cancelled(books, smtp, tmp_path):
    s = books
    with s.begin():
        make_invoice(s, number="F1", issued=D(2026, 5, 1), due=D(2026, 6, 1))
    summary = run(s, D(2026, 7, 3), tmp_path, hour=21)  # Friday night in Lima: held until Monday
    assert summary.held == 1
    with s.begin():
        make_payment(s, amount="120.00", date=D(2026, 7, 4), invoice_number="F1")
    summary = run(s, D(2026, 7, 6), tmp_path, hour=9)
    assert summary.settled == 1 and smtp.messages() == []
