"""The statement by e-mail on demand: the PDF attached, in the customer's language, through the SMTP
settings the reminders use; clear refusals when there is no server or no address."""

from __future__ import annotations

import datetime as dt
import subprocess

import pytest

from app import ledger
from app.reminders.email_send import NoRecipientError
from app.reminders.smtp_settings import EmailConfigError
from app.reminders.statement_mail import deliver_statement, statement_email
from tests.factories import make_customer, make_invoice, smtp_server, smtp_settings

D = dt.date


@pytest.fixture
def books(session):
    with session.begin():
        ledger.save_company(session, name="Distribuidora Andina S.A.C.", currency="PEN", locale="es_PE",
                            email="cobranzas@andina.pe")
        ledger.ensure_default_terms(session)
        make_customer(session, code="C1", name="Ferretería Los Andes S.A.C.", email="pagos@losandes.pe")
        make_customer(session, code="C2", name="Andes Trading LLC", language="en", email="ap@andes.example")
        make_customer(session, code="C3", name="Sin Correo E.I.R.L.")
        make_invoice(session, number="F1", customer="C1", amount="1200.00", issued=D(2026, 5, 1))
        make_invoice(session, number="F2", customer="C2", amount="80.00", issued=D(2026, 5, 1))
    return session


def test_the_statement_goes_out_attached_in_the_customers_language(books, tmp_path):
    with smtp_server() as (collector, port):
        with books.begin():
            for key, value in smtp_settings(port):
                ledger.set_setting(books, key, value)
        with books.begin():
            sent = deliver_statement(statement_email(books, "C1", as_of=D(2026, 6, 30)), D(2026, 6, 30))
            sent_en = deliver_statement(statement_email(books, "C2", as_of=D(2026, 6, 30)), D(2026, 6, 30))
        es, en = collector.messages()
    assert sent.to == "pagos@losandes.pe" and sent.filename == "statement-C1-2026-06-30.pdf"
    to = es["To"].addresses[0]
    assert (to.display_name, to.addr_spec) == ("Ferretería Los Andes S.A.C.", "pagos@losandes.pe")
    assert es["Subject"] == "Estado de cuenta al 30/06/2026 — Distribuidora Andina S.A.C."
    assert es["Message-ID"] == sent.message_id and en["Message-ID"] == sent_en.message_id
    assert es["Reply-To"] == "cobranzas@andina.pe"
    assert "Adjuntamos su estado de cuenta" in es.get_body(("plain",)).get_content()
    assert en["Subject"].startswith("Statement of account as of 30/06/2026")
    (attachment,) = list(es.iter_attachments())
    assert attachment.get_filename() == "statement-C1-2026-06-30.pdf"
    pdf = tmp_path / "s.pdf"
    pdf.write_bytes(attachment.get_content())
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "F1" in text and "Ferretería Los Andes" in text


def test_no_server_or_no_address_is_refused_with_what_to_fix(books):
    with pytest.raises(EmailConfigError):
        statement_email(books, "C1", as_of=D(2026, 6, 30))
    books.rollback()
    with books.begin():
        for key, value in smtp_settings(2525):
            ledger.set_setting(books, key, value)
    with pytest.raises(NoRecipientError, match="C3 has no e-mail address"):
        statement_email(books, "C3", as_of=D(2026, 6, 30))
    prepared = statement_email(books, "C3", as_of=D(2026, 6, 30), to="conta@sincorreo.pe")
    assert prepared.message["To"].addresses[0].addr_spec == "conta@sincorreo.pe"
