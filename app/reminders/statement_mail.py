"""A customer's statement of account by e-mail, on demand (the card's "E-mail statement"): the PDF attached
to a short message in the customer's language, sent through the SMTP settings and sender the reminders use.

Two steps, so no database transaction is open while the SMTP server answers: `statement_email(session, ...)`
builds the message (reading the ledger, settings and keyring), `deliver_statement(prepared)` sends it (no
session); the CLI and the card call both. The caller logs the contact (`app.collections.activities.log_activity`,
channel "email") once it was sent.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid, parseaddr
from pathlib import Path

from sqlalchemy.orm import Session

from app import config
from app.ledger.company import get_company
from app.ledger.email_address import email_problem
from app.reports.statement import build_statement, render_statement, statement_filename

from .email_send import NoRecipientError, _address, _domain, header_text, send_email
from .secrets import SecretStoreError, get_secret
from .smtp_settings import EmailConfigError, SmtpSettings, load_smtp_settings

TEXTS = {
    "es": ("Estado de cuenta al {date} — {company}",
           "Estimado cliente {name}:\n\nAdjuntamos su estado de cuenta al {date} (código {code}).\n"
           "Si tiene alguna consulta sobre los documentos o pagos que figuran en él, responda a este correo.\n\n"
           "Atentamente,\n{company}\n"),
    "en": ("Statement of account as of {date} — {company}",
           "Dear {name},\n\nPlease find attached your statement of account as of {date} (customer {code}).\n"
           "If you have any question about the documents or payments it lists, reply to this e-mail.\n\n"
           "Kind regards,\n{company}\n"),
}


@dataclass(frozen=True)
class PreparedStatement:
    """A statement e-mail ready to go: the message, the settings and password to send it with."""

    customer_code: str
    to: str
    filename: str
    message: EmailMessage
    settings: SmtpSettings
    password: str | None


@dataclass(frozen=True)
class StatementSent:
    customer_code: str
    to: str
    filename: str
    message_id: str
    as_of: dt.date


def statement_email(session: Session, customer_code: str, *, as_of: dt.date, date_from: dt.date | None = None,
                    to: str | None = None) -> PreparedStatement:
    """Build the e-mail with the customer's statement as of `as_of` attached. Raises EmailConfigError when
    no SMTP server is set up, NoRecipientError when the customer has no address and none was given,
    InvalidRecipientError for an address that cannot be used."""
    settings = load_smtp_settings(session)  # EmailConfigError with the setting to fix
    data = build_statement(session, customer_code, as_of=as_of, date_from=date_from)
    customer = data.customer
    recipient = (to or customer.email or "").strip()
    if not recipient:
        raise NoRecipientError(f"Customer {customer.code} has no e-mail address: add one on the customer "
                               f"(Edit customer) or type the address to send to.")
    company = get_company(session)
    company_name = company.name if company else ""
    language = data.language if data.language in TEXTS else "es"
    subject, body = TEXTS[language]
    shown_date = as_of.strftime("%d/%m/%Y")
    values = dict(date=shown_date, company=company_name, name=customer.name, code=customer.code)
    msg = EmailMessage()
    msg["Subject"] = header_text(subject.format(**values))
    try:
        msg["From"] = _address(company_name, parseaddr(settings.sender)[1] or settings.sender.strip(),
                               "sender (smtp.from)")
    except ValueError as exc:
        raise EmailConfigError(str(exc), field="smtp.from") from None
    msg["To"] = _address(customer.name, recipient, f"customer {customer.code}'s e-mail")
    reply = (company.email or "").strip() if company else ""
    if reply and not email_problem(reply):
        msg["Reply-To"] = _address(None, reply, "reply-to")
    msg["Date"] = format_datetime(config.now())
    msg["Message-ID"] = make_msgid(domain=_domain(settings.sender))
    msg["Content-Language"] = language
    msg.set_content(body.format(**values))
    filename = statement_filename(customer.code, as_of)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / filename
        render_statement(session, customer.code, as_of=as_of, date_from=date_from, out=path)
        msg.add_attachment(path.read_bytes(), maintype="application", subtype="pdf", filename=filename)
    try:
        password = get_secret("smtp")
    except SecretStoreError:
        password = None
    return PreparedStatement(customer.code, recipient, filename, msg, settings, password)


def deliver_statement(prepared: PreparedStatement, as_of: dt.date) -> StatementSent:
    """Send a prepared statement e-mail (SendError when the server refuses or cannot be reached)."""
    message_id = send_email(prepared.message, prepared.settings, prepared.password)
    return StatementSent(prepared.customer_code, prepared.to, prepared.filename, message_id, as_of)
