"""Passwords in the operating system's keyring (service "cobranza"), never in the database or settings.

On a machine without a keyring (a headless Linux server, a container) keyring raises `NoKeyringError`;
we turn every keyring failure into `SecretStoreError` with a message that says how to fix it. Secrets are
never logged or put into exception messages.
"""

from __future__ import annotations

from contextlib import contextmanager

import keyring
from keyring.errors import KeyringError, NoKeyringError, PasswordDeleteError

SERVICE = "cobranza"
HOW_TO = ("Cobranza keeps passwords in the operating system's keyring and none is available here. "
          "On Windows and macOS the keyring is built in; on Linux install and unlock a Secret Service "
          "provider (GNOME Keyring or KWallet), or point PYTHON_KEYRING_BACKEND at a keyring backend of your "
          "choice (see https://pypi.org/project/keyring/).")


class SecretStoreError(KeyringError):
    """The keyring could not be read or written. The message says what to configure (never the secret).

    A KeyringError, so callers that catch keyring's own errors catch it too."""


class NoKeyringAvailableError(SecretStoreError, NoKeyringError):
    """No keyring on this machine (a headless system): also a keyring NoKeyringError."""


def _backend():
    """The keyring in use. A backend that cannot be loaded (PYTHON_KEYRING_BACKEND naming a module or class
    that does not exist, or one that fails to start) is a SecretStoreError saying so, not a traceback."""
    import os

    try:
        return keyring.get_keyring()
    except KeyringError:
        raise
    except Exception as exc:  # noqa: BLE001 - keyring imports whatever the variable names
        named = os.environ.get("PYTHON_KEYRING_BACKEND")
        where = (f"PYTHON_KEYRING_BACKEND names '{named}', which cannot be loaded" if named
                 else "the configured keyring backend cannot be loaded")
        raise SecretStoreError(f"{where} ({type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}). "
                               "Unset it to use the system keyring, or name an installed backend class "
                               "(e.g. keyring.backends.SecretService.Keyring); nothing was read or stored.") from None


def _name(name: str) -> str:
    name = (name or "").strip()
    if not name:
        raise ValueError("a secret needs a name, e.g. 'smtp'")
    return name


@contextmanager
def _keyring_failures(could_not: str, hint: str = " Unlock the keyring and try again."):
    """Every keyring failure inside the block as our error: no keyring at all is NoKeyringAvailableError
    (how to get one), any other "Could not <could_not> (KeyringErrorName).<hint>"; ours pass through."""
    try:
        yield
    except SecretStoreError:
        raise
    except NoKeyringError:
        raise NoKeyringAvailableError(HOW_TO) from None
    except KeyringError as exc:
        raise SecretStoreError(f"Could not {could_not} ({type(exc).__name__}).{hint}") from None


def get_secret(name: str) -> str | None:
    """The stored secret, or None when none was set."""
    with _keyring_failures(f"read the '{name}' password from the keyring"):
        _backend()  # a backend that cannot load is said so
        return keyring.get_password(SERVICE, _name(name))


def set_secret(name: str, value: str) -> None:
    if value is None or value == "":
        raise ValueError("an empty password cannot be stored; use delete_secret to remove one")
    with _keyring_failures(f"store the '{name}' password in the keyring"):
        backend = _backend()
        keyring.set_password(SERVICE, _name(name), value)
        kept = keyring.get_password(SERVICE, _name(name)) == value
    if not kept:  # keyring's null backend accepts every password and keeps none
        raise SecretStoreError(
            f"the keyring backend in use ({type(backend).__module__}.{type(backend).__name__}) does not keep "
            "passwords, so the password was not stored. Unset PYTHON_KEYRING_BACKEND (or the keyring "
            "configuration) to use the system keyring (Windows Credential Manager, macOS Keychain, GNOME Keyring "
            "or KWallet), then set it again; a server that needs no password can keep smtp.user empty.")


def delete_secret(name: str) -> bool:
    """Remove a secret; False if there was none."""
    with _keyring_failures(f"delete the '{name}' password from the keyring", hint=""):
        _backend()
        if keyring.get_password(SERVICE, _name(name)) is None:
            return False
        try:
            keyring.delete_password(SERVICE, _name(name))
        except PasswordDeleteError:
            return False
        return True
