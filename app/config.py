"""Paths, per-user settings and the clock.

Everything that depends on the machine or on "now" comes from here so that
tests (and the CLI's --as-of) can replace it.
"""

from __future__ import annotations

import datetime as dt
import getpass
import json
import locale
import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "cobranza"
ENV_DB = "COBRANZA_DB"


# --- the clock -----------------------------------------------------------------


class Clock:
    """Real time. Domain code asks `clock.today()` / `clock.now()`, never the OS."""

    def today(self) -> dt.date:
        return dt.date.today()

    def now(self) -> dt.datetime:
        return dt.datetime.now(dt.timezone.utc)


@dataclass
class FixedClock(Clock):
    """A clock stopped at one moment, for tests and reproducible runs."""

    moment: dt.datetime

    @classmethod
    def at(cls, day: dt.date, hour: int = 12) -> "FixedClock":
        return cls(dt.datetime(day.year, day.month, day.day, hour, tzinfo=dt.timezone.utc))

    def today(self) -> dt.date:
        return self.moment.date()

    def now(self) -> dt.datetime:
        return self.moment


clock: Clock = Clock()


def set_clock(new: Clock) -> Clock:
    """Replace the process-wide clock; returns the previous one so callers can restore it."""
    global clock
    previous, clock = clock, new
    return previous


def today() -> dt.date:
    return clock.today()


def now() -> dt.datetime:
    return clock.now()


# --- who is acting (for the audit log) -----------------------------------------


def current_user() -> str:
    try:
        return os.environ.get("COBRANZA_USER") or getpass.getuser()
    except Exception:  # no login name in some containers
        return "unknown"


# --- paths ----------------------------------------------------------------------


def data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def default_database_path() -> Path:
    return data_dir() / "cobranza.sqlite"


def database_url(path_or_url: str | os.PathLike[str] | None = None) -> str:
    """Turn the --db argument (or COBRANZA_DB, or the user's chosen book, or the default) into a SQLAlchemy URL.

    A value with "://" is a URL (postgresql+psycopg://...); anything else is a SQLite file path.
    """
    value = os.fspath(path_or_url) if path_or_url else os.environ.get(ENV_DB) or ""
    if not value:  # the book chosen on the first start (app.ui.first_run), else the default place
        value = load_user_settings().get("database") or os.fspath(default_database_path())
    if "://" in value:
        return value
    return "sqlite:///" + os.path.abspath(os.path.expanduser(value))


# --- per-user settings (UI language and the like; company settings live in the database)


def user_settings_path() -> Path:
    return config_dir() / "settings.json"


def load_user_settings() -> dict:
    try:
        return json.loads(user_settings_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def save_user_settings(values: dict) -> None:
    path = user_settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(values, indent=2, ensure_ascii=False), encoding="utf-8")
    tmp.replace(path)


def system_language() -> str:
    """'es' when the system locale is Spanish, else 'en'."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(var)
        if value:
            return "es" if value.lower().startswith("es") else "en"
    try:
        loc = locale.getlocale()[0] or ""
    except ValueError:
        loc = ""
    return "es" if loc.lower().startswith("es") else "en"


def ui_language() -> str:
    """The language chosen in settings, else the system's."""
    lang = load_user_settings().get("language")
    return lang if lang in ("es", "en") else system_language()
