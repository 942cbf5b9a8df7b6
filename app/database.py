"""Opening a database: engine, sessions, and upgrading the schema with Alembic.

A plain path is a SQLite file (foreign keys on, WAL); a URL with "://" is used as is
(postgresql+psycopg://... for a shared office database).
"""

from __future__ import annotations

import os
import re
import sqlite3
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from . import config
from .ledger import currencies

MIGRATIONS_DIR = Path(__file__).parent / "models" / "migrations"


WRITER = "cobranza_writer"  # execution option of the sessions that write
_BUSY_TIMEOUT_MS = 10000  # how long a writer waits for another before saying so


class DatabaseError(Exception):
    """The database cannot be opened or upgraded; the message says why and what to do."""


# The GUI maps the file (the dashboard's reports); a one-off command does not (app.cli sets 0): mapped pages
# count in its resident memory (600 MB for an aging at 100,000 customers, 200 MB without) and it was no faster.
SQLITE_MMAP_BYTES = 1 << 30


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute(f"PRAGMA busy_timeout={_BUSY_TIMEOUT_MS}")
    # reports read hundreds of MB at 100,000 customers: map the file (address space only, the OS pages
    # it in) and keep a 64 MB page cache instead of 2 MB; measured in docs/benchmarks.md "Dashboard"
    cursor.execute(f"PRAGMA mmap_size={SQLITE_MMAP_BYTES}")
    cursor.execute("PRAGMA cache_size=-65536")
    cursor.close()


def make_engine(path_or_url: str | None = None, **kwargs) -> Engine:
    url = config.database_url(path_or_url)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        if database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
        # pysqlite's own transaction handling defers BEGIN; emit it ourselves so
        # `with session.begin()` really is one transaction (SQLAlchemy docs, "Serializable isolation").
        @event.listens_for(engine, "connect")
        def _no_autobegin(dbapi_connection, _record):
            dbapi_connection.isolation_level = None

        @event.listens_for(engine, "begin")
        def _begin(conn):
            # A writer takes the write lock when it begins (waiting up to busy_timeout for another writer):
            # a deferred transaction that read first and writes later cannot wait for it, SQLite refuses
            # it at once ("database is locked") because its snapshot is already stale. Readers stay
            # deferred so they never wait nor hold up a writer (WAL).
            conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get(WRITER) else "BEGIN")

        return engine
    if parsed.get_backend_name() == "postgresql":
        from .models.base import use_postgresql

        use_postgresql()
    return create_engine(url, **kwargs)


def session_factory(engine: Engine, *, write: bool = False) -> sessionmaker[Session]:
    """Sessions on the engine; `write=True` for sessions that write (on SQLite they begin IMMEDIATE)."""
    # set either way: a reader factory made from a writer's engine (session.get_bind()) reads
    return sessionmaker(bind=engine.execution_options(**{WRITER: write}), expire_on_commit=False)


@contextmanager
def open_session(engine: Engine):
    with session_factory(engine)() as session:
        yield session


# --- schema migrations -----------------------------------------------------------


# Alembic is imported only when the schema has to change: every command opens a database, and loading
# Alembic costs more than most commands' own work (half a second of `cobranza --version` or `balance`).


def alembic_config(engine: Engine):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.attributes["engine"] = engine
    return cfg


_REVISION = re.compile(r"^(down_)?revision\s*(?::[^=]*)?=\s*['\"]([^'\"]+)['\"]", re.M)


@lru_cache(maxsize=1)
def head_revision() -> str:
    """The newest revision, read from the migration files' `revision`/`down_revision` lines; Alembic itself
    is asked only if they do not make one straight line (a branch, a merge, an unusual file)."""
    revisions, parents = set(), set()
    for path in (MIGRATIONS_DIR / "versions").glob("*.py"):
        found = dict((bool(down), rev) for down, rev in _REVISION.findall(path.read_text(encoding="utf-8")))
        if False in found:
            revisions.add(found[False])
        if True in found:
            parents.add(found[True])
    heads = revisions - parents
    if len(heads) == 1 and len(parents) == len(revisions) - 1:
        return heads.pop()
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return ScriptDirectory.from_config(cfg).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def backup_sqlite(engine: Engine) -> Path | None:
    """Copy the SQLite file next to itself before a schema upgrade; returns the copy's path."""
    url = engine.url
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    source = Path(url.database)
    if not source.exists() or source.stat().st_size == 0:
        return None
    stamp = config.now().strftime("%Y%m%dT%H%M%S")
    target = source.with_name(f"{source.name}.{stamp}.bak")
    # the copy is as private as the database: created with the source's permission bits before any byte
    # of the books is in it (a 0600 database must not leave a 0644 copy beside it)
    for n in range(1, 1000):  # two upgrades in the same second each keep their own copy
        try:
            os.close(os.open(target, os.O_CREAT | os.O_WRONLY | os.O_EXCL, source.stat().st_mode & 0o777))
            break
        except FileExistsError:
            target = source.with_name(f"{source.name}.{stamp}-{n}.bak")
    # the online backup API copies a consistent snapshot even with WAL pages pending
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    return target


def upgrade(engine: Engine) -> Path | None:
    """Bring the schema to the newest revision. Backs up an existing SQLite file first.

    Returns the backup's path when one was made.
    """
    current = current_revision(engine)
    head = head_revision()
    backup = None
    if current != head:
        backup = backup_sqlite(engine) if current is not None else None
        from alembic import command

        try:
            command.upgrade(alembic_config(engine), "head")
        except Exception as exc:
            hint = f" The database was copied to {backup} before the attempt." if backup else ""
            raise DatabaseError(f"Could not upgrade the database schema: {exc}.{hint}") from exc
    # every amount is read with this database's decimals per currency from here on
    currencies.load(engine)
    return backup


def open_database(path_or_url: str | None = None, *, migrate: bool = True) -> Engine:
    """The usual entry: an engine on an up-to-date schema."""
    engine = make_engine(path_or_url)
    if migrate:
        upgrade(engine)
    return engine
