"""The settings a user changes: the company's details, the SMTP server, the contact-rules country and the
SMTP password (only ever in the OS keyring). One function per action: `cobranza settings get/set/list` and
the Settings dialog call the same ones, so a value is checked by one rule and stored the same way.

Keys: `company.<field>` (the company record), `smtp.*` (app.reminders.smtp_settings checks them),
`contact_rules.country` (a contact-rules profile, or empty for each customer's own country).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from sqlalchemy.orm import Session

from app.ledger import company as company_api
from app.ledger.errors import InvalidValueError
from app.ledger.views import CompanyView

from .contact_rules import PROFILE_CODES
from .secrets import SecretStoreError, get_secret, set_secret
from .smtp_settings import SMTP_KEYS, EmailConfigError, SmtpSettings, check_smtp_value

CONTACT_RULES_KEY = "contact_rules.country"
COMPANY_KEYS = tuple(f"company.{f}" for f in company_api.COMPANY_FIELDS)
SETTING_KEYS = SMTP_KEYS + (CONTACT_RULES_KEY,)
ALL_KEYS = COMPANY_KEYS + SETTING_KEYS


class UnknownSettingError(InvalidValueError):
    def __init__(self, key: str):
        super().__init__(f"unknown setting '{key}'. Known keys: {', '.join(ALL_KEYS)}", field="key")
        self.key = key


class KeyringSaveError(Exception):
    """The keyring refused the password; nothing was saved (shown next to the password field)."""

    field = "smtp.password"


@dataclass(frozen=True)
class SavedSettings:
    """What a save changed: the company as stored (None when it was not part of the save) and the setting
    keys written (company.* when the company was saved, smtp.password when the keyring got a password)."""

    company: CompanyView | None
    changed: tuple[str, ...]


@dataclass(frozen=True)
class EmailSettings:
    """The E-mail tab as stored: the smtp.* values ('' when unset), the contact-rules country ('' for each
    customer's own country) and whether the keyring holds a password."""

    host: str
    port: str
    security: str
    user: str
    sender: str
    timeout: str
    contact_country: str
    password_stored: bool

    def smtp(self) -> dict[str, str]:
        return {"smtp.host": self.host, "smtp.port": self.port, "smtp.security": self.security,
                "smtp.user": self.user, "smtp.from": self.sender, "smtp.timeout": self.timeout}


def check_contact_country(value: str | None) -> str:
    """A contact-rules profile (CO, PE, MX, CL, US, default) or '' for each customer's own country."""
    text = (value or "").strip()
    code = text if text.lower() == "default" else text.upper()
    if code.lower() == "default":
        return "default"
    if code and code not in PROFILE_CODES:
        raise InvalidValueError(f"contact_rules.country must be one of {', '.join(PROFILE_CODES)}, not '{text}'.",
                                field=CONTACT_RULES_KEY)
    return code


def check_smtp(values: Mapping[str, str | None]) -> SmtpSettings:
    """The SmtpSettings a full set of values describes (EmailConfigError names the field at fault)."""
    return SmtpSettings.from_mapping(values)


def _set(session: Session, key: str, value: str, changed: list[str]) -> None:
    stored = company_api.get_setting(session, key)
    if stored == value or (stored is None and value == ""):
        return  # nothing to change; an empty value does not create a row
    company_api.set_setting(session, key, value)
    changed.append(key)


def save_settings(session: Session, *, company: Mapping[str, str | None] | None = None,
                  smtp: Mapping[str, str | None] | None = None, contact_country: str | None = None,
                  password: str | None = None) -> SavedSettings:
    """All or nothing, in the caller's transaction: the company fields given, the smtp.* values given
    (each checked by the one SMTP rule; unchanged ones are left alone), the contact-rules country (None:
    left alone), and last the password into the keyring only, so that when the keyring fails the caller's
    transaction rolls back and nothing is saved half-way (KeyringSaveError)."""
    smtp_values = {key: check_smtp_value(key, value) for key, value in (smtp or {}).items()}
    country = check_contact_country(contact_country) if contact_country is not None else None
    changed: list[str] = []
    saved = None
    if company is not None:
        fields = dict(company)
        if "name" not in fields and company_api.get_company(session) is None:
            raise InvalidValueError("set company.name first: the company record needs a name", field="name")
        saved = company_api.save_company(session, **fields)
        changed += [f"company.{f}" for f in fields]
    for key, value in smtp_values.items():
        _set(session, key, value, changed)
    if country is not None:
        _set(session, CONTACT_RULES_KEY, country, changed)
    session.flush()
    if password:
        try:
            set_secret("smtp", password)
        except SecretStoreError as exc:
            raise KeyringSaveError(str(exc)) from None
        changed.append("smtp.password")
    return SavedSettings(saved, tuple(changed))


def set_setting_value(session: Session, key: str, value: str) -> SavedSettings:
    """`cobranza settings set KEY VALUE`: one key through save_settings ('' clears a company field)."""
    if key in COMPANY_KEYS:
        return save_settings(session, company={key.split(".", 1)[1]: value if value != "" else None})
    if key in SMTP_KEYS:
        return save_settings(session, smtp={key: value})
    if key == CONTACT_RULES_KEY:
        return save_settings(session, contact_country=value)
    raise UnknownSettingError(key)


def get_setting_value(session: Session, key: str) -> str | None:
    """The stored value of one key (None when unset)."""
    if key in COMPANY_KEYS:
        view = company_api.get_company(session)
        value = getattr(view, key.split(".", 1)[1]) if view else None
        return None if value is None else str(value)
    if key in SETTING_KEYS:
        return company_api.get_setting(session, key)
    raise UnknownSettingError(key)


def setting_values(session: Session) -> tuple[tuple[str, str | None], ...]:
    """Every key with its stored value, in the order of ALL_KEYS."""
    return tuple((key, get_setting_value(session, key)) for key in ALL_KEYS)


def email_settings(session: Session) -> EmailSettings:
    """On a reader: the E-mail tab's values and whether a password is stored."""
    def value(key: str) -> str:
        return company_api.get_setting(session, key) or ""

    try:
        stored = get_secret("smtp") is not None
    except SecretStoreError:
        stored = False
    return EmailSettings(host=value("smtp.host"), port=value("smtp.port"), security=value("smtp.security"),
                         user=value("smtp.user"), sender=value("smtp.from"), timeout=value("smtp.timeout"),
                         contact_country=value(CONTACT_RULES_KEY), password_stored=stored)


def send_test(session: Session, smtp: Mapping[str, str | None], password: str | None, to: str,
              language: str) -> str:
    """A test message through the settings as typed (the stored password when none is typed); returns its
    Message-ID. EmailConfigError names a setting at fault; SendError says what the server did."""
    from .email_send import send_test_email

    settings = check_smtp(smtp)
    if not password:
        try:
            password = get_secret("smtp")
        except SecretStoreError:
            password = None
    return send_test_email(settings, password, to, language=language)


__all__ = ["ALL_KEYS", "COMPANY_KEYS", "CONTACT_RULES_KEY", "EmailConfigError", "EmailSettings", "KeyringSaveError",
           "SETTING_KEYS", "SavedSettings", "UnknownSettingError", "check_contact_country", "check_smtp",
           "email_settings", "get_setting_value", "save_settings", "send_test", "set_setting_value",
           "setting_values"]
