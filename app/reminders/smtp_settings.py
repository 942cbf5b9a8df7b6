"""The SMTP settings and their one rule: what `cobranza settings set smtp.*`, the Settings dialog, the test
e-mail button and the sending code all accept, with the same message for the same mistake.

`check_smtp_value(key, text)` checks one value as typed (the CLI sets one key at a time; the dialog checks
each field it saves) and returns the text to store; `SmtpSettings` is the whole set, checked the same way
value by value, plus what sending needs (a server and a sender). Every refusal is an `EmailConfigError`
naming the setting (its `field`) and what to enter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Mapping

SECURITY = ("none", "starttls", "ssl")
DEFAULT_PORTS = {"none": 25, "starttls": 587, "ssl": 465}
DEFAULT_TIMEOUT = 30.0
MAX_TIMEOUT = 600
SMTP_KEYS = ("smtp.host", "smtp.port", "smtp.security", "smtp.user", "smtp.from", "smtp.timeout")
_PORT = re.compile(r"[0-9]{1,5}")
_PORT_RULE = "smtp.port must be a whole number from 1 to 65535 (587 for STARTTLS, 465 for SSL), not '{}'."
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class EmailConfigError(ValueError):
    """The SMTP settings are incomplete or wrong (named field, what to enter)."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


def _host(text: str) -> str:
    if not text:
        raise EmailConfigError("Enter the SMTP server (smtp.host), e.g. smtp.gmail.com.", field="smtp.host")
    if len(text) > 253 or any(ch.isspace() or not ch.isprintable() for ch in text):
        raise EmailConfigError("smtp.host must be a host name or address (e.g. smtp.gmail.com), without spaces or "
                               "control characters.", field="smtp.host")
    return text


def _port(text: str) -> str:
    if text == "":
        return ""  # the default for the security (25, 587 or 465)
    if not _PORT.fullmatch(text) or not 1 <= int(text) <= 65535:
        raise EmailConfigError(_PORT_RULE.format(text), field="smtp.port")
    return str(int(text))


def _security(text: str) -> str:
    value = text.lower() or "starttls"
    if value not in SECURITY:
        raise EmailConfigError(f"smtp.security must be one of {', '.join(SECURITY)}, not '{text}'.",
                               field="smtp.security")
    return value


def _user(text: str) -> str:
    return text


def _sender(text: str) -> str:
    if not text:
        raise EmailConfigError("Enter the sender address (smtp.from), e.g. cobranzas@yourcompany.com.",
                               field="smtp.from")
    if not _EMAIL.match(text):
        raise EmailConfigError(f"smtp.from: '{text}' is not an e-mail address; enter the sender address alone, "
                               f"e.g. cobranzas@yourcompany.com.", field="smtp.from")
    return text


def _timeout(text: str) -> str:
    if text == "":
        return ""  # 30 seconds
    try:
        seconds = float(text)
    except ValueError:
        seconds = 0.0
    if not 0 < seconds <= MAX_TIMEOUT:  # also refuses nan and inf
        raise EmailConfigError(f"smtp.timeout must be a number of seconds from 1 to {MAX_TIMEOUT}, not '{text}'.",
                               field="smtp.timeout")
    return text


_CHECKS = {"smtp.host": _host, "smtp.port": _port, "smtp.security": _security, "smtp.user": _user,
           "smtp.from": _sender, "smtp.timeout": _timeout}


def check_smtp_value(key: str, value: str | None) -> str:
    """The value of one smtp.* setting as it is stored (stripped, normalised); EmailConfigError when it
    cannot be used. An empty port or timeout means the default."""
    if key not in _CHECKS:
        raise EmailConfigError(f"'{key}' is not an SMTP setting; use one of {', '.join(SMTP_KEYS)}.", field=key)
    return _CHECKS[key]((value or "").strip())


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    security: str = "starttls"  # none | starttls | ssl
    user: str | None = None
    sender: str = ""  # the From address
    timeout: float = DEFAULT_TIMEOUT

    def __post_init__(self):
        _host((self.host or "").strip())
        if self.security not in SECURITY:
            _security(str(self.security))
        if isinstance(self.port, bool) or not isinstance(self.port, int) or not 0 < self.port < 65536:
            raise EmailConfigError(_PORT_RULE.format(self.port), field="smtp.port")
        _sender((self.sender or "").strip())

    @classmethod
    def from_mapping(cls, values: Mapping[str, str | None]) -> "SmtpSettings":
        """From the `smtp.*` settings (cobranza settings set smtp.host ...). Port defaults by security."""
        checked = {key: check_smtp_value(key, values.get(key)) for key in SMTP_KEYS}
        security = checked["smtp.security"]
        port = int(checked["smtp.port"]) if checked["smtp.port"] else DEFAULT_PORTS[security]
        timeout = float(checked["smtp.timeout"]) if checked["smtp.timeout"] else DEFAULT_TIMEOUT
        return cls(host=checked["smtp.host"], port=port, security=security, user=checked["smtp.user"] or None,
                   sender=checked["smtp.from"], timeout=timeout)


def load_smtp_settings(session) -> SmtpSettings:
    """The SMTP settings stored in the database (keys smtp.host, smtp.port, smtp.security, smtp.user, smtp.from,
    smtp.timeout)."""
    from app.ledger import get_setting

    return SmtpSettings.from_mapping({k: get_setting(session, k) for k in SMTP_KEYS})


CLEARTEXT_WARNING = ("smtp.security is none: the SMTP password travels unencrypted over the network to the "
                     "server; use starttls or ssl if the server offers them")


def cleartext_password_warning(security: str | None, user: str | None, has_password: bool) -> str | None:
    """The warning shown (CLI and Settings tab) when a password would be sent without encryption, or None."""
    if (security or "").strip().lower() == "none" and (user or "").strip() and has_password:
        return CLEARTEXT_WARNING
    return None
