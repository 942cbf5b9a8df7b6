"""Reminder e-mails: building the message and sending it over SMTP (plain, STARTTLS or SSL).

The SMTP password comes from the OS keyring (`secrets.get_secret("smtp")`) and is only ever passed to
`smtplib.login`; it is never logged nor put into an error message. Failures are raised as `SendError` with a
`kind` the outbox can act on (connect/timeout: try again later; auth: fix the settings; rejected: this
recipient or message was refused) and a message a bookkeeper can act on.
"""

from __future__ import annotations

import mimetypes
import smtplib
import socket
import ssl
import unicodedata
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid, parseaddr
from typing import Iterable

from app import config
from app.ledger.email_address import email_problem

from .content import ReminderContent
from .errors import PermanentDeliveryError
from .smtp_settings import SECURITY, EmailConfigError, SmtpSettings, load_smtp_settings  # noqa: F401 - the one rule
from .templates import RenderedMessage

SEND_KINDS = ("connect", "auth", "rejected", "timeout")


class SendError(Exception):
    """Sending failed. kind: connect | auth | rejected | timeout. `temporary` says whether a retry may help."""

    def __init__(self, kind: str, message: str, *, temporary: bool | None = None, code: int | None = None,
                 maybe_delivered: bool = False):
        assert kind in SEND_KINDS, kind
        super().__init__(message)
        self.kind = kind
        # the connection broke while the message was being handed over: the server may have accepted it
        self.maybe_delivered = maybe_delivered
        self.message = message
        self.code = code
        if temporary is None:
            temporary = kind in ("connect", "timeout") or (code is not None and 400 <= code < 500)
        self.temporary = temporary

    def __str__(self) -> str:
        return self.message


class NoRecipientError(ValueError):
    """The customer has no e-mail address (the run sends a letter instead)."""


class InvalidRecipientError(PermanentDeliveryError, ValueError):
    """The stored address is not one valid address (saved before addresses were checked): retrying cannot
    help, the reminder fails at once with this reason."""


# --- building ------------------------------------------------------------------------------


def _domain(address: str) -> str:
    addr = parseaddr(address)[1]
    return addr.rsplit("@", 1)[1] if "@" in addr else "localhost"


def header_text(value: str | None) -> str:
    """A name or subject made safe for a header: line breaks, NUL and other control or format characters
    become spaces (a CR/LF in a name made every e-mail fail), runs of spaces collapse."""
    text = "".join(" " if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") else ch for ch in value or "")
    return " ".join(text.split())


def _address(name: str | None, addr: str, what: str) -> Address:
    """One header address; a value that is not exactly one address raises InvalidRecipientError."""
    problem = email_problem(addr) if addr else "it is empty"
    if problem:
        shown = addr.encode("unicode_escape").decode("ascii")
        raise InvalidRecipientError(f"the {what} address '{shown}' cannot be used: {problem}; correct it and "
                                    f"send again")
    local, domain = addr.rsplit("@", 1)
    return Address(display_name=header_text(name), username=local, domain=domain)


def build_email(content: ReminderContent, rendered: RenderedMessage, *, sender: str,
                attachments: Iterable[tuple[str, bytes, str]] = (), to: str | None = None,
                reply_to: str | None = None) -> EmailMessage:
    """A reminder e-mail: plain text with an HTML alternative, attachments (e.g. the statement PDF),
    a Message-ID on the sender's domain (stored with the reminder) and the Date from the app clock.

    `sender` is the From address (smtp.from); the company name is used as display name.
    `to` defaults to the customer's e-mail address.
    """
    recipient = (to or content.customer_email or "").strip()
    if not recipient:
        raise NoRecipientError(f"Customer {content.customer_code} has no e-mail address.")
    to_address = _address(content.customer_name, recipient, f"customer {content.customer_code}'s e-mail")
    try:
        from_address = _address(content.company.name, parseaddr(sender)[1] or sender.strip(), "sender (smtp.from)")
    except InvalidRecipientError as exc:  # a setting: retried (with backoff) once it is corrected
        raise EmailConfigError(str(exc), field="smtp.from") from None
    reply = (reply_to or content.company.email or "").strip()
    if reply and email_problem(reply):  # a configuration fault: retried (with backoff) once it is corrected
        raise EmailConfigError(f"The company e-mail '{reply}' is not one valid address ({email_problem(reply)}); "
                               f"correct it in Settings.", field="email")
    msg = EmailMessage()
    msg["Subject"] = header_text(rendered.subject or content.level_name)
    msg["From"] = from_address
    msg["To"] = to_address
    if reply:
        msg["Reply-To"] = _address(None, reply, "reply-to")
    msg["Date"] = format_datetime(config.now())
    msg["Message-ID"] = make_msgid(domain=_domain(sender))
    msg["Content-Language"] = content.language
    msg.set_content(rendered.text)
    if rendered.html:
        msg.add_alternative(rendered.html, subtype="html")
    for filename, data, mimetype in attachments:
        mimetype = mimetype or mimetypes.guess_type(filename)[0] or "application/octet-stream"
        maintype, _, subtype = mimetype.partition("/")
        msg.add_attachment(bytes(data), maintype=maintype, subtype=subtype or "octet-stream", filename=filename)
    return msg


# --- sending ---------------------------------------------------------------------------------


def _timed_out(exc: BaseException) -> bool:
    """smtplib reports a read timeout as SMTPServerDisconnected; the TimeoutError is its context."""
    while exc is not None:
        if isinstance(exc, (socket.timeout, TimeoutError)):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def _where(settings: SmtpSettings) -> str:
    return f"{settings.host}:{settings.port}"


def _connect(settings: SmtpSettings, context: ssl.SSLContext | None) -> smtplib.SMTP:
    if settings.security == "ssl":
        return smtplib.SMTP_SSL(settings.host, settings.port, timeout=settings.timeout,
                                context=context or ssl.create_default_context())
    smtp = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
    try:
        smtp.ehlo()
        if settings.security == "starttls":
            smtp.starttls(context=context or ssl.create_default_context())
            smtp.ehlo()
    except BaseException:
        smtp.close()
        raise
    return smtp


def _reply(exc: smtplib.SMTPResponseException) -> str:
    text = exc.smtp_error.decode("utf-8", "replace") if isinstance(exc.smtp_error, bytes) else str(exc.smtp_error)
    return f"{exc.smtp_code} {text}".strip()


def _open(settings: SmtpSettings, password: str | None, context: ssl.SSLContext | None) -> smtplib.SMTP:
    """Connect, secure and log in; every failure becomes a SendError naming host and port."""
    where = _where(settings)
    try:
        smtp = _connect(settings, context)
    except smtplib.SMTPNotSupportedError:
        raise SendError("connect", f"{where} does not offer STARTTLS — set smtp.security to 'ssl' (usually port "
                                   f"465) or 'none'.") from None
    except smtplib.SMTPResponseException as exc:
        raise SendError("connect", f"{where} refused the connection: {_reply(exc)}", code=exc.smtp_code) from None
    except OSError as exc:  # includes the other SMTPExceptions, socket errors and ssl.SSLError
        if _timed_out(exc):
            raise SendError("timeout", f"{where} did not answer within {settings.timeout:g} seconds — check "
                                       f"host, port and your network or firewall.") from None
        if isinstance(exc, ssl.SSLError):
            raise SendError("connect", f"Could not open a secure connection to {where} ({exc.reason or exc}) — "
                                       f"check smtp.security: 'ssl' for port 465, 'starttls' for 587.") from None
        raise SendError("connect", f"Could not reach {where} — check host and port "
                                   f"({type(exc).__name__}: {exc}).") from None
    if settings.user:
        if not password:
            smtp.close()
            raise SendError("auth", f"No SMTP password is stored for {settings.user} — run "
                                    f"'cobranza secret set smtp' or enter it in Settings.", temporary=False)
        try:
            smtp.login(settings.user, password)
        except smtplib.SMTPAuthenticationError as exc:
            smtp.close()
            raise SendError("auth", f"{where} rejected the user name or password for {settings.user} "
                                    f"({_reply(exc)}) — check smtp.user and the stored password.",
                            temporary=False, code=exc.smtp_code) from None
        except smtplib.SMTPNotSupportedError:
            smtp.close()
            raise SendError("auth", f"{where} does not offer login (AUTH) on this connection — use "
                                    f"smtp.security 'starttls' or 'ssl', or clear smtp.user.",
                            temporary=False) from None
        except (OSError, smtplib.SMTPException) as exc:
            smtp.close()
            if _timed_out(exc):
                raise SendError("timeout", f"{where} stopped answering during login.") from None
            raise SendError("connect", f"Login to {where} failed ({type(exc).__name__}: {exc}).") from None
    return smtp


def _deliver(smtp: smtplib.SMTP, msg: EmailMessage, settings: SmtpSettings) -> None:
    where = _where(settings)
    try:
        refused = smtp.send_message(msg)
    except smtplib.SMTPRecipientsRefused as exc:
        details = "; ".join(f"{addr}: {code} {resp.decode('utf-8', 'replace') if isinstance(resp, bytes) else resp}"
                            for addr, (code, resp) in exc.recipients.items())
        codes = [code for code, _ in exc.recipients.values()]
        raise SendError("rejected", f"{where} refused the recipient ({details}).",
                        code=min(codes) if codes else None) from None
    except smtplib.SMTPSenderRefused as exc:
        raise SendError("rejected", f"{where} refused the sender {exc.sender}: {_reply(exc)} — check smtp.from.",
                        code=exc.smtp_code) from None
    except smtplib.SMTPDataError as exc:
        raise SendError("rejected", f"{where} refused the message: {_reply(exc)}", code=exc.smtp_code) from None
    except smtplib.SMTPNotSupportedError:  # a non-ASCII address and a server without SMTPUTF8
        raise SendError("rejected", f"{where} does not accept internationalised addresses (SMTPUTF8), so "
                                    f"{', '.join(str(a) for a in msg.get_all('To', []))} cannot be sent through "
                                    f"it; enter an ASCII address for this customer or use a server that "
                                    f"offers SMTPUTF8.", temporary=False) from None
    except (UnicodeError, ValueError) as exc:  # a header value the message cannot carry
        raise SendError("rejected", f"The message cannot be encoded for {where}: {exc}", temporary=False) from None
    except smtplib.SMTPServerDisconnected as exc:
        if _timed_out(exc):
            raise SendError("timeout", f"{where} stopped answering while the message was sent.",
                            maybe_delivered=True) from None
        raise SendError("connect", f"{where} closed the connection while sending ({exc}).",
                        maybe_delivered=True) from None
    except (socket.timeout, TimeoutError):
        raise SendError("timeout", f"{where} stopped answering while the message was sent.",
                        maybe_delivered=True) from None
    except (OSError, smtplib.SMTPException) as exc:
        raise SendError("connect", f"Sending through {where} failed ({type(exc).__name__}: {exc}).",
                        maybe_delivered=True) from None
    if refused:
        details = "; ".join(f"{addr}: {code}" for addr, (code, _) in refused.items())
        raise SendError("rejected", f"{where} refused some recipients ({details}).",
                        code=min(code for code, _ in refused.values()))


def send_email(msg: EmailMessage, settings: SmtpSettings, password: str | None, *,
               ssl_context: ssl.SSLContext | None = None) -> str:
    """Send one message; returns its Message-ID. Raises SendError."""
    if msg["Message-ID"] is None:
        msg["Message-ID"] = make_msgid(domain=_domain(settings.sender))
    smtp = _open(settings, password, ssl_context)
    try:
        _deliver(smtp, msg, settings)
    finally:
        try:
            smtp.quit()
        except (OSError, smtplib.SMTPException):
            smtp.close()
    return str(msg["Message-ID"])


def send_test_email(settings: SmtpSettings, password: str | None, to: str, *, language: str = "es",
                    ssl_context: ssl.SSLContext | None = None) -> str:
    """The "send test e-mail" button: a short message to `to` through the configured server."""
    if "@" not in parseaddr(to or "")[1]:
        raise EmailConfigError(f"'{to}' is not an e-mail address.", field="to")
    msg = EmailMessage()
    if language == "en":
        msg["Subject"] = "Cobranza: test e-mail"
        body = (f"This is a test message from Cobranza.\n\nIf you can read it, the e-mail settings work: "
                f"server {settings.host}:{settings.port} ({settings.security}), sender {settings.sender}.\n")
    else:
        msg["Subject"] = "Cobranza: correo de prueba"
        body = (f"Este es un mensaje de prueba de Cobranza.\n\nSi puede leerlo, la configuración de correo funciona: "
                f"servidor {settings.host}:{settings.port} ({settings.security}), remitente {settings.sender}.\n")
    msg["From"] = settings.sender
    msg["To"] = to
    msg["Date"] = format_datetime(config.now())
    msg["Message-ID"] = make_msgid(domain=_domain(settings.sender))
    msg.set_content(body)
    return send_email(msg, settings, password, ssl_context=ssl_context)
