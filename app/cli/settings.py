"""`cobranza settings get KEY` / `cobranza settings set KEY VALUE`: company details, SMTP, contact rules.

Company keys (company.*) are the company record's fields; the others are database-wide settings.
Secrets never go here: `cobranza secret set smtp` puts the SMTP password in the OS keyring.
"""

from __future__ import annotations

import sys

from app.ledger.errors import LedgerError
from app.reminders.settings import ALL_KEYS, get_setting_value, set_setting_value, setting_values
from app.reminders.smtp_settings import EmailConfigError

from .common import fail, open_session


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


def get(args) -> int:
    _check_key(args.key)
    session = open_session(args)
    try:
        value = get_setting_value(session, args.key)
    finally:
        session.close()
    print(value if value is not None else "")
    return 0


def set_(args) -> int:
    """The same save_settings the Settings dialog calls, one key at a time."""
    _check_key(args.key)
    session = open_session(args, write=True)
    try:
        with session.begin():
            set_setting_value(session, args.key, args.value)
    except EmailConfigError as exc:  # its message names the setting
        fail(str(exc), 2)
    except LedgerError as exc:
        message = str(exc)
        fail(message if message.startswith(args.key) else f"{args.key}: {message}", 2)
    finally:
        session.close()
    if args.key in ("smtp.security", "smtp.user"):
        _warn_cleartext(args)
    return 0


def _warn_cleartext(args) -> None:
    """security=none with a user and a stored password: one warning line (the value is saved all the same)."""
    from app.reminders.secrets import get_secret
    from app.reminders.smtp_settings import cleartext_password_warning

    session = open_session(args)
    try:
        security, user = (get_setting_value(session, k) for k in ("smtp.security", "smtp.user"))
    finally:
        session.close()
    try:
        stored = get_secret("smtp") is not None
    except Exception:  # noqa: BLE001 - no keyring: no stored password to warn about
        stored = False
    warning = cleartext_password_warning(security, user, stored)
    if warning:
        print(f"cobranza: warning: {warning}", file=sys.stderr)


def list_(args) -> int:
    session = open_session(args)
    try:
        for key, value in setting_values(session):
            print(f"{key}={value if value is not None else ''}")
    finally:
        session.close()
    sys.stdout.flush()
    return 0
