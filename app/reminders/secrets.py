"""Passwords in the operating system's keyring (service "cobranza"), never in the database or settings.

On a machine without a keyring (a headless Linux server, a container) keyring raises `NoKeyringError`;
we turn every keyring failure into `SecretStoreError` with a message that says how to fix it. Secrets are
never logged or put into exception messages.
"""

from __future__ import annotations

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


def _name(name: str) -> str:
    name = (name or "").strip()
    if not name:
        raise ValueError("a secret needs a name, e.g. 'smtp'")
    return name


def get_secret(name: str) -> str | None:
    """The stored secret, or None when none was set."""
    try:
        return keyring.get_password(SERVICE, _name(name))
    except NoKeyringError:
        raise NoKeyringAvailableError(HOW_TO) from None
    except KeyringError as exc:
        raise SecretStoreError(f"Could not read the '{name}' password from the keyring "
                               f"({type(exc).__name__}). Unlock the keyring and try again.") from None


def set_secret(name: str, value: str) -> None:
    if value is None or value == "":
        raise ValueError("an empty password cannot be stored; use delete_secret to remove one")
    try:
        keyring.set_password(SERVICE, _name(name), value)
    except NoKeyringError:
        raise NoKeyringAvailableError(HOW_TO) from None
    except KeyringError as exc:
        raise SecretStoreError(f"Could not store the '{name}' password in the keyring "
                               f"({type(exc).__name__}). Unlock the keyring and try again.") from None


def delete_secret(name: str) -> bool:
    """Remove a secret; False if there was none."""
    try:
        if keyring.get_password(SERVICE, _name(name)) is None:
            return False
        keyring.delete_password(SERVICE, _name(name))
        return True
    except PasswordDeleteError:
        return False
    except NoKeyringError:
        raise NoKeyringAvailableError(HOW_TO) from None
    except KeyringError as exc:
        raise SecretStoreError(f"Could not delete the '{name}' password from the keyring "
                               f"({type(exc).__name__}).") from None
