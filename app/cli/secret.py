"""`cobranza secret set smtp`: the SMTP password, read from standard input into the OS keyring.

The password is never echoed, never written to the database, settings or logs.
"""

from __future__ import annotations

import getpass
import sys

from .common import fail

SECRETS = ("smtp",)


def register(subparsers) -> None:
    p = subparsers.add_parser("secret", help="store a password in the OS keyring")
    sub = p.add_subparsers(dest="secret_command", metavar="ACTION", required=True)
    s = sub.add_parser("set", help="read the secret from standard input (not echoed)")
    s.add_argument("name", choices=SECRETS)
    s.set_defaults(handler=set_secret)


def _read_password() -> str:
    if sys.stdin.isatty():
        return getpass.getpass("SMTP password: ")
    return sys.stdin.readline().rstrip("\r\n")


def set_secret(args) -> int:
    import keyring.errors

    from app.reminders.secrets import SecretStoreError, set_secret as store

    password = _read_password()
    if not password:
        fail("no password on standard input; nothing stored", 2)
    try:
        store(args.name, password)
    except keyring.errors.NoKeyringError:
        fail("no keyring is available on this machine (a headless system without a secret service). "
             "Install and unlock one (e.g. gnome-keyring or KWallet) and try again; "
             "the password was not stored anywhere.", 1)
    except SecretStoreError as exc:  # a backend that cannot load, or one that keeps nothing
        fail(str(exc).rstrip("."), 2)
    except keyring.errors.KeyringError as exc:
        fail(f"the keyring refused the password: {exc}; the password was not stored.", 1)
    print(f"{args.name} password stored in the keyring")
    _warn_cleartext(args)
    return 0


def _warn_cleartext(args) -> None:
    """The password will travel in clear when smtp.security is none: say so (one line on stderr)."""
    from app.reminders.settings import get_setting_value
    from app.reminders.smtp_settings import cleartext_password_warning

    from .common import open_session

    import contextlib
    import io

    try:
        with contextlib.redirect_stderr(io.StringIO()):
            session = open_session(args)
    except SystemExit:  # no database yet: nothing configured to warn about
        return
    try:
        security, user = (get_setting_value(session, k) for k in ("smtp.security", "smtp.user"))
    finally:
        session.close()
    warning = cleartext_password_warning(security, user, True)
    if warning:
        print(f"cobranza: warning: {warning}", file=sys.stderr)
