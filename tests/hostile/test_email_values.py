"""Hostile e-mail values (issue 11): each gives a clear refusal at entry or one failed delivery with its reason.

Before: `a@b.com,x` was accepted and mailed to two recipients, a NUL went out as is, a CR/LF in a company or
customer name made every e-mail fail and retry forever, `josé@ejemplo.pe` failed with UnicodeEncodeError and
retried forever, and the company e-mail could hold two addresses (both in Reply-To). A real SMTP server
(aiosmtpd) receives what is sent.
"""

from __future__ import annotations

import csv
import datetime as dt
import socket
from email import message_from_bytes, message_from_string, policy

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import select, update

from app import ledger
from app.importing.importer import import_file
from app.ledger.errors import InvalidValueError
from app.models import Company, Customer, Reminder
from app.reminders import outbox
from app.reminders.run import execute_run
from tests.factories import make_customer, make_invoice
from tests.reminders.conftest import D, at, send_automatically

BAD_ADDRESSES = {
    "two recipients": "a@b.com,x",
    "two with semicolon": "a@b.com;c@d.com",
    "nul": "pagos@losandes.pe\x00",
    "header injection": "pagos@losandes.pe\r\nBcc: spy@evil.example",
    "display name": "Pagos <pagos@losandes.pe>",
    "no domain": "pagos@",
    "two at signs": "pagos@@losandes.pe",
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Collector:
    """Keeps every envelope (with its MAIL options); refuses recipients whose address contains 'reject'."""

    def __init__(self):
        self.envelopes = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if "reject" in address:
            return "550 5.1.1 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"

    def messages(self):
        return [message_from_bytes(e.content, policy=policy.default) for e in self.envelopes]


def start_server(books, *, smtputf8: bool):
    handler = Collector()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port(), enable_SMTPUTF8=smtputf8)
    controller.start()
    with books.begin():
        for key, value in (("smtp.host", "127.0.0.1"), ("smtp.port", str(controller.port)),
                           ("smtp.security", "none"), ("smtp.from", "cobranzas@andina.pe")):
            ledger.set_setting(books, key, value)
    return handler, controller


@pytest.fixture
def books(session):
    with session.begin():
        ledger.save_company(session, name="Distribuidora Andina S.A.C.", country="PE", currency="PEN",
                            locale="es_PE", email="cobranzas@andina.pe")
        send_automatically(session)  # these tests are about delivery: the policy approves by itself
        make_customer(session, email="pagos@losandes.pe")
        make_invoice(session, number="F1", issued=D(2026, 5, 1), due=D(2026, 6, 1))
    return session


@pytest.fixture(params=[True, False], ids=["smtputf8", "ascii-only"])
def server(request, books):
    handler, controller = start_server(books, smtputf8=request.param)
    handler.smtputf8 = request.param
    yield handler
    controller.stop()


@pytest.fixture
def utf8_server(books):
    handler, controller = start_server(books, smtputf8=True)
    yield handler
    controller.stop()


def send_run(s, tmp_path, day=D(2026, 6, 30), hour=10):
    with s.begin():
        return execute_run(s, as_of=day, at=at(day, hour), send=outbox.channel_sender(s), letters_dir=tmp_path)


def deliver_again(s, when):
    with s.begin():
        return outbox.deliver_due(s, now=when, sender=outbox.channel_sender(s))


def reminder(s, code="C001"):
    with s.begin():
        r = s.scalars(select(Reminder).join(Customer).where(Customer.code == code)).one()
        return r.state, r.attempts, r.next_attempt_at, r.error


# --- entry --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", list(BAD_ADDRESSES.values()), ids=list(BAD_ADDRESSES))
def test_bad_customer_addresses_are_refused_at_entry(session, value):
    with session.begin():
        ledger.ensure_default_terms(session)
    with pytest.raises(InvalidValueError) as exc, session.begin():
        make_customer(session, code="C009", email=value)
    assert exc.value.field == "email" and "\n" not in str(exc.value) and "\r" not in str(exc.value)
    assert "not a valid e-mail address" in str(exc.value)
    assert session.scalar(select(Customer.id).where(Customer.code == "C009")) is None
    session.rollback()
    with session.begin():
        make_customer(session, code="C010", email="ok@losandes.pe")
    with pytest.raises(InvalidValueError), session.begin():
        ledger.update_customer(session, "C010", email=value)
    assert ledger.get_customer(session, "C010").email == "ok@losandes.pe"
    session.rollback()


def test_the_messages_say_what_to_fix(session):
    with session.begin():
        ledger.ensure_default_terms(session)
    with pytest.raises(InvalidValueError, match="one address per field"), session.begin():
        make_customer(session, code="C009", email="a@b.com,x")
    with pytest.raises(InvalidValueError, match=r"\\x00"), session.begin():  # the NUL is shown, not printed
        make_customer(session, code="C009", email="a@b.com\x00")


@pytest.mark.parametrize("value", ["cobranzas@andina.pe, gerencia@andina.pe", "cobranzas@andina.pe\r\nBcc: x@y.pe",
                                   "Cobranzas <cobranzas@andina.pe>"])
def test_company_email_is_one_address(session, value):
    with pytest.raises(InvalidValueError) as exc, session.begin():
        ledger.save_company(session, name="Andina", email=value)
    assert exc.value.field == "email"
    with session.begin():
        assert ledger.save_company(session, name="Andina", email=" cobranzas@andina.pe ").email == "cobranzas@andina.pe"


def test_good_addresses_are_accepted(session):
    with session.begin():
        make_customer(session, code="C1", email="josé@ejemplo.pe")
        make_customer(session, code="C2", email="a.b+cobranza@sub.ejemplo.com.pe")
        make_customer(session, code="C3", email="pagos@ejémplo.pe")
    assert ledger.get_customer(session, "C1").email == "josé@ejemplo.pe"


def test_the_importer_refuses_bad_addresses_naming_the_row(session, tmp_path):
    path = tmp_path / "customers.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(["code", "name", "email"])
        out.writerow(["N1", "Uno", "uno@ejemplo.pe"])
        out.writerow(["N2", "Dos", "a@b.com,x"])
        out.writerow(["N3", "Tres", "tres@ejemplo.pe\x00"])
    with session.begin():
        ledger.ensure_default_terms(session)
    result = import_file(session, "customers", path)
    assert result.imported == 0
    problems = {p.line: (p.column, p.message) for p in result.problems}
    assert problems[3][0] == "email" and "one address per field" in problems[3][1]
    assert problems[4][0] == "email"
    assert session.scalar(select(Customer.id)) is None


# --- delivery ------------------------------------------------------------------------------------------


def test_line_breaks_in_names_are_removed_from_headers(books, utf8_server, tmp_path):
    s = books
    with s.begin():  # as a careless import or an older version may have stored them
        s.execute(update(Customer).values(name="Ferretería\r\nBcc: spy@evil.example\x00 Los Andes"))
        s.execute(update(Company).values(name="Distribuidora\nAndina\r\nX-Spam: yes"))
    summary = send_run(s, tmp_path)
    assert summary.sent == 1
    [envelope] = utf8_server.envelopes
    assert envelope.rcpt_tos == ["pagos@losandes.pe"]  # no Bcc smuggled in
    [msg] = utf8_server.messages()
    assert msg["To"].addresses[0].display_name == "Ferretería Bcc: spy@evil.example Los Andes"
    assert msg["From"].addresses[0].display_name == "Distribuidora Andina X-Spam: yes"
    assert msg["X-Spam"] is None and msg["Bcc"] is None
    assert reminder(s)[0] == "sent"


def test_an_internationalised_address_goes_out_with_smtputf8_or_fails_once(books, server, tmp_path):
    s = books
    with s.begin():
        ledger.update_customer(s, "C001", email="josé@ejemplo.pe")
    send_run(s, tmp_path)
    state, attempts, retry_at, error = reminder(s)
    if server.smtputf8:
        assert state == "sent"
        [envelope] = server.envelopes
        assert envelope.rcpt_tos == ["josé@ejemplo.pe"] and "SMTPUTF8" in envelope.mail_options
        msg = message_from_string(envelope.content.decode("utf-8"), policy=policy.default)  # raw UTF-8 headers
        assert msg["To"].addresses[0].addr_spec == "josé@ejemplo.pe"
    else:
        assert (state, attempts, retry_at) == ("failed", 1, None)
        assert "SMTPUTF8" in error and "josé@ejemplo.pe" in error
        assert server.envelopes == []
        deliver_again(s, at(D(2026, 7, 1), 10))  # not retried
        assert reminder(s)[:2] == ("failed", 1)


def test_a_permanent_refusal_fails_at_once_with_the_reason(books, utf8_server, tmp_path):
    s = books
    with s.begin():
        ledger.update_customer(s, "C001", email="reject@losandes.pe")
    send_run(s, tmp_path)
    state, attempts, retry_at, error = reminder(s)
    assert (state, attempts, retry_at) == ("failed", 1, None)
    assert "550" in error and "reject@losandes.pe" in error
    deliver_again(s, at(D(2026, 7, 2), 10))
    assert reminder(s)[:2] == ("failed", 1)


@pytest.mark.parametrize("value", ["a@b.com,x", "pagos@losandes.pe\x00", "pagos@losandes.pe\r\nBcc: spy@evil.example"],
                         ids=["two", "nul", "crlf"])
def test_a_bad_address_already_stored_fails_once_and_sends_nothing(books, utf8_server, tmp_path, value):
    s = books
    with s.begin():  # stored before addresses were checked
        s.execute(update(Customer).values(email=value))
    send_run(s, tmp_path)
    state, attempts, retry_at, error = reminder(s)
    assert (state, attempts, retry_at) == ("failed", 1, None)
    assert "cannot be used" in error
    assert utf8_server.envelopes == []


def test_temporary_failures_back_off_and_stop(books, tmp_path):
    """No server at all: retried with growing delays, then failed after MAX_ATTEMPTS."""
    s = books
    with s.begin():
        for key, value in (("smtp.host", "127.0.0.1"), ("smtp.port", str(free_port())), ("smtp.security", "none"),
                           ("smtp.from", "cobranzas@andina.pe"), ("smtp.timeout", "2")):
            ledger.set_setting(s, key, value)
    send_run(s, tmp_path)
    delays = []
    for _ in range(outbox.MAX_ATTEMPTS + 2):
        state, attempts, retry_at, _ = reminder(s)
        if state != "queued":
            break
        delays.append(retry_at)
        deliver_again(s, retry_at)
    state, attempts, retry_at, error = reminder(s)
    assert (state, attempts, retry_at) == ("failed", outbox.MAX_ATTEMPTS, None)
    gaps = [b - a for a, b in zip(delays, delays[1:])]
    assert gaps == sorted(gaps) and gaps[0] < gaps[-1]
    assert "Could not reach" in error
