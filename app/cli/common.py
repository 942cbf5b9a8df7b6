"""What subcommands share: opening the database, parsing dates, printing errors."""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from app.database import DatabaseError, open_database, session_factory


class UsageError(Exception):
    """Bad input on the command line; printed as one line, exit code 2."""


def parse_date(value: str, name: str = "date") -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{name} '{value}' is not a date; write it as YYYY-MM-DD") from None


def iso_date(value: str) -> dt.date:
    """argparse type for YYYY-MM-DD."""
    return parse_date(value)


def open_session(args):
    """A session on the database named by --db / COBRANZA_DB / the default, upgraded to the current schema."""
    try:
        engine = open_database(args.db)
    except DatabaseError as exc:
        fail(str(exc))
    return session_factory(engine)()


def fail(message: str, code: int = 1):
    print(f"cobranza: {message}", file=sys.stderr)
    raise SystemExit(code)
