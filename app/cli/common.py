"""What subcommands share: opening the database, parsing dates, printing errors."""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from app.database import DatabaseError, open_database, session_factory


class UsageError(Exception):
    """Bad input on the command line; printed as one line, exit code 2."""


def parse_date(value: str, name: str = "date") -> dt.date:
    """YYYY-MM-DD between 1900-01-01 and 2199-12-31 (app.ledger.dates), else an argparse error (one line)."""
    from app.ledger.dates import range_reason

    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{name} '{value}' is not a date; write it as YYYY-MM-DD") from None
    reason = range_reason(day)
    if reason:
        raise argparse.ArgumentTypeError(f"{name} {reason}")
    return day


def iso_date(value: str) -> dt.date:
    """argparse type for YYYY-MM-DD."""
    return parse_date(value)


def _where(args) -> str:
    from app.config import database_url

    try:
        from sqlalchemy.engine import make_url

        return make_url(database_url(args.db)).render_as_string(hide_password=True)
    except Exception:
        return str(args.db or "the database")


def _reason(exc: BaseException) -> str:
    text = str(getattr(exc, "orig", None) or exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def open_engine(args):
    """An engine for --db / COBRANZA_DB / the default, not yet upgraded. A bad URL exits 1 with a message."""
    from sqlalchemy.exc import SQLAlchemyError

    from app.database import make_engine

    try:
        return make_engine(args.db)
    except (SQLAlchemyError, ValueError, OSError, ImportError) as exc:
        fail(f"cannot use the database {_where(args)}: {_reason(exc)}. Give --db a file path or a URL like "
             "postgresql+psycopg://user@host/dbname")


def open_session(args):
    """A session on the database named by --db / COBRANZA_DB / the default, upgraded to the current schema.

    A bad URL or an unreachable or unreadable database exits 1 with one line, never a traceback."""
    from sqlalchemy.exc import SQLAlchemyError

    try:
        engine = open_database(args.db)
    except DatabaseError as exc:
        fail(str(exc))
    except (SQLAlchemyError, ValueError, OSError, ImportError) as exc:
        fail(f"cannot open the database {_where(args)}: {_reason(exc)}")
    return session_factory(engine)()


def fail(message: str, code: int = 1):
    print(f"cobranza: {message}", file=sys.stderr)
    raise SystemExit(code)
