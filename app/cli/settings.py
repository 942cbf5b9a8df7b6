"""`cobranza settings get KEY` / `cobranza settings set KEY VALUE`: company details, SMTP, contact rules.

Company keys (company.*) are the company record's fields; the others are database-wide settings.
Secrets never go here: `cobranza secret set smtp` puts the SMTP password in the OS keyring.
"""

from __future__ import annotations

import re
import sys

from app.ledger import company
from app.ledger.errors import LedgerError

from .common import fail, open_session

COMPANY_KEYS = tuple(f"company.{f}" for f in company.COMPANY_FIELDS)
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def _port(value: str) -> str:
    if not value.isdigit() or not 1 <= int(value) <= 65535:
        raise ValueError("smtp.port must be a whole number from 1 to 65535 (587 for STARTTLS, 465 for SSL)")
    return str(int(value))


def _seconds(value: str) -> str:
    try:
        seconds = float(value)
    except ValueError:
        seconds = 0
    if not 0 < seconds <= 600:
        raise ValueError("smtp.timeout is a number of seconds from 1 to 600")
    return value.strip()


def _choice(*allowed: str):
    def check(value: str) -> str:
        if value not in allowed:
            raise ValueError(f"use one of: {', '.join(allowed)}")
        return value
    return check


def _email(value: str) -> str:
    if not _EMAIL.match(value):
        raise ValueError(f"'{value}' is not an e-mail address")
    return value


def _text(value: str) -> str:
    if not value.strip():
        raise ValueError("the value cannot be empty")
    return value.strip()


def _user(value: str) -> str:
    return value.strip()


def _country(value: str) -> str:
    return value if value == "default" else _choice("CO", "PE", "MX", "CL", "US", "default")(value.upper())


SETTING_KEYS = {
    "smtp.host": _text,
    "smtp.port": _port,
    "smtp.security": _choice("none", "starttls", "ssl"),
    "smtp.user": _user,
    "smtp.from": _email,
    "smtp.timeout": _seconds,
    "contact_rules.country": _country,
}
ALL_KEYS = COMPANY_KEYS + tuple(SETTING_KEYS)


def register(subparsers) -> None:
    p = subparsers.add_parser("settings", help="company details, SMTP server and contact-rule profile")
    sub = p.add_subparsers(dest="settings_command", metavar="ACTION", required=True)
    g = sub.add_parser("get", help="print a setting")
    g.add_argument("key", metavar="KEY")
    g.set_defaults(handler=get)
    s = sub.add_parser("set", help="change a setting")
    s.add_argument("key", metavar="KEY")
    s.add_argument("value", metavar="VALUE")
    s.set_defaults(handler=set_)
    ls = sub.add_parser("list", help="print every setting")
    ls.set_defaults(handler=list_)


def _check_key(key: str) -> None:
    if key not in ALL_KEYS:
        fail(f"unknown setting '{key}'. Known keys: {', '.join(ALL_KEYS)}", 2)


def _get(session, key: str) -> str | None:
    if key in COMPANY_KEYS:
        view = company.get_company(session)
        value = getattr(view, key.split(".", 1)[1]) if view else None
        return None if value is None else str(value)
    return company.get_setting(session, key)


def get(args) -> int:
    _check_key(args.key)
    session = open_session(args)
    try:
        value = _get(session, args.key)
    finally:
        session.close()
    print(value if value is not None else "")
    return 0


def set_(args) -> int:
    _check_key(args.key)
    value = args.value
    if args.key in SETTING_KEYS:
        try:
            value = SETTING_KEYS[args.key](value)
        except ValueError as exc:
            fail(f"{args.key}: {exc}", 2)
    session = open_session(args, write=True)
    try:
        with session.begin():
            if args.key in COMPANY_KEYS:
                field = args.key.split(".", 1)[1]
                if company.get_company(session) is None and field != "name":
                    fail("set company.name first: the company record needs a name", 2)
                company.save_company(session, **{field: value if value != "" else None})
            else:
                company.set_setting(session, args.key, value)
    except LedgerError as exc:
        fail(f"{args.key}: {exc}", 2)
    finally:
        session.close()
    return 0


def list_(args) -> int:
    session = open_session(args)
    try:
        for key in ALL_KEYS:
            value = _get(session, key)
            print(f"{key}={value if value is not None else ''}")
    finally:
        session.close()
    sys.stdout.flush()
    return 0
