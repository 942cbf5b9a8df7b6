"""What subcommands share: opening the database, parsing dates, printing errors."""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from app.database import DatabaseError, open_database, session_factory


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


def in_transaction(args, work, *, write: bool = False, command: str | None = None):
    """`work(session)` in one transaction (a write one with `write`), its result returned. A rule error
    (LedgerError) is one line (`cobranza: COMMAND: ...` when `command` is given), exit 2, and the transaction
    is rolled back whole."""
    from app.ledger.errors import LedgerError

    session = open_session(args, write=write)
    try:
        with session.begin():
            return work(session)
    except LedgerError as exc:
        fail(f"{command}: {exc}" if command else str(exc), 2)
    finally:
        session.close()


def company_locale(session) -> str:
    """The company's locale: amounts and terms typed on the command line are read in it (es_PE before one is set)."""
    from app.ledger.company import get_company

    company = get_company(session)
    return (company.locale if company else None) or "es_PE"


def amount_option(session, text: str | None, currency: str, option: str = "amount") -> int:
    """An amount option read by the strict parser (app.ledger.amount_input) in the company's locale; a
    refusal is one line naming the option (`--amount: ...`), exit 2."""
    from app.ledger.amount_input import parse_amount
    from app.ledger.errors import LedgerError

    try:
        return parse_amount(text or "", currency, company_locale(session))
    except LedgerError as exc:
        fail(f"--{option}: {exc}", 2)


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


# Tables every Cobranza database has had since the first schema; a database without them was not made
# by `cobranza init` (or `demo`), whatever it is.
COBRANZA_TABLES = ("alembic_version", "company")


def _init_hint(args, here: bool) -> str:
    """The command that creates a database where the user pointed (`here`), or at a new path, for a shell."""
    import os
    import shlex

    explicit = args.db or os.environ.get("COBRANZA_DB")
    if not here:
        return "run `cobranza --db NEW_FILE.sqlite init` to create a new one elsewhere"
    if not explicit:
        return "run `cobranza init` to create one"
    return f"run `cobranza --db {shlex.quote(str(explicit))} init` to create one"


def _sqlite_problem(path: str) -> str | None:
    """Why the file at `path` is not a Cobranza database, or None when it is one. Reads only: the file,
    its directory and its journal are left exactly as they were (no WAL switch, no new file).
    A problem starting "is not" is another program's file, which `init` must not write into."""
    import sqlite3
    from pathlib import Path

    file = Path(path)
    if not file.exists():
        return "does not exist"
    if file.is_dir():
        return "is not a file but a directory"
    if file.stat().st_size == 0:
        return "is an empty file (0 bytes)"
    try:
        conn = sqlite3.connect(f"{file.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        return f"cannot be read ({exc})"
    try:
        names = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.DatabaseError as exc:
        if "not a database" in str(exc) or "malformed" in str(exc):
            return "is not a Cobranza database (not an SQLite file at all)"
        return f"cannot be read ({exc})"
    finally:
        conn.close()
    missing = [t for t in COBRANZA_TABLES if t not in names]
    if missing:
        return ("is not a Cobranza database (an SQLite file without Cobranza's tables"
                + (f"; it has {len(names)} other table{'s' if len(names) != 1 else ''})" if names else ")"))
    return None


def _server_problem(engine) -> str | None:
    """Why a server database (PostgreSQL) is not a Cobranza database, or None. Only looks at its tables."""
    from sqlalchemy import inspect

    names = set(inspect(engine).get_table_names())
    if all(t in names for t in COBRANZA_TABLES):
        return None
    return "has no Cobranza tables"


def require_cobranza_database(args) -> None:
    """Refuse (one line, exit 2) a --db that is not an existing Cobranza database: a mistyped path, a
    zero-byte file, another program's SQLite file, a text file, or an empty PostgreSQL database. Only
    `init` and `demo` create a database; nothing is created or changed here."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import SQLAlchemyError

    from app.config import database_url

    try:
        url = make_url(database_url(args.db))
    except Exception:  # noqa: BLE001 - a malformed URL: open_session / open_engine say so
        return
    if url.get_backend_name() == "sqlite":
        if not url.database or url.database == ":memory:":
            return
        problem = _sqlite_problem(url.database)
        where = url.database
    else:
        engine = open_engine(args)
        try:
            problem = _server_problem(engine)
        except (SQLAlchemyError, OSError) as exc:
            fail(f"cannot open the database {_where(args)}: {_reason(exc)}")
        finally:
            engine.dispose()
        where = url.render_as_string(hide_password=True)
    if problem:
        # init may write into a missing or empty file, or an empty server database; never into another
        # program's SQLite file
        here = not problem.startswith("is not")
        fail(f"the database {where} {problem}: check --db (or COBRANZA_DB), or {_init_hint(args, here)}", 2)


def open_session(args, *, create: bool = False, write: bool = False):
    """A session on the database named by --db / COBRANZA_DB / the default, upgraded to the current schema.

    A command that writes says `write=True`: on SQLite its transactions take the write lock when they
    begin, waiting for another writer (an import, a reminder run) instead of failing half-way.

    Unless `create` (only `init` and `demo`), a database that does not exist yet or is not a Cobranza
    database is refused with exit 2 and nothing is created. A bad URL or an unreachable or unreadable
    database exits 1 with one line, never a traceback."""
    from sqlalchemy.exc import SQLAlchemyError

    if not create:
        require_cobranza_database(args)
    try:
        engine = open_database(args.db)
    except DatabaseError as exc:
        fail(str(exc))
    except (SQLAlchemyError, ValueError, OSError, ImportError) as exc:
        fail(f"cannot open the database {_where(args)}: {_reason(exc)}")
    return session_factory(engine, write=write)()


def fail(message: str, code: int = 1):
    print(f"cobranza: {message}", file=sys.stderr)
    raise SystemExit(code)


def progress_line(label: str, stream=None):
    """A `progress(done, total)` for a long domain function (app.ledger.progress): one line on stderr,
    rewritten in place ("label: 1,200/38,293 (3%)"), only when stderr is a terminal (a pipe or a log file
    gets nothing); None otherwise. Call `.end()` on it (if not None) to finish the line."""
    stream = stream or sys.stderr
    if not getattr(stream, "isatty", lambda: False)():
        return None
    return _ProgressLine(label, stream)


class _ProgressLine:
    def __init__(self, label: str, stream):
        self.label, self.stream, self.shown = label, stream, False

    def __call__(self, done: int, total: int) -> None:
        pct = f" ({done * 100 // total}%)" if total else ""
        self.stream.write(f"\r{self.label}: {done:,}/{total:,}{pct}\x1b[K")
        self.stream.flush()
        self.shown = True

    def end(self) -> None:
        if self.shown:
            self.stream.write("\n")
            self.stream.flush()

