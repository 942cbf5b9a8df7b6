"""Moving the book (the SQLite file) to another place: File → Move database… and `cobranza move-db DEST`.

The copy is made with SQLite's backup API while holding the write lock (no one writes between the copy
and the switch), written to a temporary file beside the destination, checked (`PRAGMA integrity_check`,
the same schema revision and the same number of rows in the main tables as the original) and only then
renamed into place. The remembered book in the user's settings (platformdirs; what `cobranza` and the app
open without --db) then names the new file. The old file is kept until the user confirms it can go
(`remove_old_book`): a move that went wrong somewhere the check cannot see still has the original.

A PostgreSQL book lives on a server: it is not moved from here.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.engine import URL, make_url

from app import config

from .backup import _integrity, _remove, _temp_beside

SUFFIX = ".sqlite"
#: tables whose row counts must be the same in the copy as in the original
CHECKED_TABLES = ("customer", "invoice", "due_line", "payment", "credit_note", "allocation", "audit_entry")


class MoveError(Exception):
    """A move that cannot be done; the message says why and what to do. Nothing was changed."""


@dataclass(frozen=True)
class MoveResult:
    old: Path
    new: Path
    size: int
    counts: dict[str, int] = field(default_factory=dict)  # rows per checked table, the same in both files
    remembered: bool = False  # the user's settings now name the new file
    env_names_old: bool = False  # COBRANZA_DB still names the old file: the user must change it


def _source_path(engine_or_url: Engine | str | URL) -> Path:
    url = engine_or_url.url if isinstance(engine_or_url, Engine) else make_url(config.database_url(engine_or_url)
                                                                               if not isinstance(engine_or_url, URL)
                                                                               else engine_or_url)
    if url.get_backend_name() != "sqlite":
        raise MoveError("the book is on a database server (PostgreSQL): it stays where it is; the server's "
                        "administrator moves it (a copy on this computer: cobranza backup)")
    if not url.database or url.database == ":memory:":
        raise MoveError("this book is in memory only: there is no file to move")
    path = Path(url.database).expanduser().resolve()
    if not path.is_file():
        raise MoveError(f"the book {path} does not exist")
    return path


def destination(source: Path, dest: str | os.PathLike[str]) -> Path:
    """DEST as the new file: a folder keeps the file's name; a name without extension gets `.sqlite`."""
    text = os.fspath(dest).strip()
    if not text:
        raise MoveError("give the new place: a folder or a file name")
    target = Path(text).expanduser()
    if target.is_dir():
        target = target / source.name
    elif not target.suffix:
        target = target.with_name(target.name + SUFFIX)
    return target.absolute()


def _counts(conn: sqlite3.Connection) -> dict[str, int]:
    out = {}
    for table in CHECKED_TABLES:
        try:
            out[table] = conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608 - our names
        except sqlite3.OperationalError:  # a table this schema does not have
            continue
    return out


def _revision(conn: sqlite3.Connection) -> str | None:
    try:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError:
        return None
    return row[0] if row else None


def _remembered_path() -> Path | None:
    value = config.load_user_settings().get("database") or ""
    if not value or "://" in value:
        return None
    return Path(value).expanduser().resolve()


def _opened_without_db() -> Path | None:
    """The file `cobranza` opens with no --db and no COBRANZA_DB: the remembered book, else the default."""
    return _remembered_path() or config.default_database_path().resolve()


def move_database(engine_or_url: Engine | str | URL, dest: str | os.PathLike[str], *,
                  lock_held: bool = False) -> MoveResult:
    """Copy the book to `dest`, check the copy, and make it the remembered book (when the old one was the
    book opened without --db). The old file is left as it was.

    `lock_held`: the caller already holds the book's write lock (the GUI's writer, in its transaction);
    otherwise the function takes it for the time of the copy, so no one writes in between."""
    source = _source_path(engine_or_url)
    target = destination(source, dest)
    if target.exists():
        if target.resolve() == source:
            raise MoveError(f"{target} is the book itself: choose another place")
        raise MoveError(f"{target} already exists: choose another name or folder (nothing is replaced)")
    parent = target.parent
    while not parent.exists() and parent != parent.parent:
        parent = parent.parent
    if not os.access(parent, os.W_OK):
        raise MoveError(f"cannot write in {parent}: choose a folder of yours")
    mode = source.stat().st_mode & 0o777
    try:
        tmp = _temp_beside(target, mode)
    except OSError as exc:
        raise MoveError(f"cannot write in {target.parent}: {exc.strerror or exc}") from exc
    except Exception as exc:  # BackupError: no temporary name free
        raise MoveError(str(exc)) from exc
    try:
        with contextlib.ExitStack() as stack:
            if not lock_held:
                # the write lock on a connection of its own: SQLite's backup refuses a source connection that
                # is writing, and readers (WAL) still read while it is held
                lock = stack.enter_context(contextlib.closing(sqlite3.connect(source, timeout=30,
                                                                              isolation_level=None)))
                lock.execute("BEGIN IMMEDIATE")
                stack.callback(lock.execute, "ROLLBACK")
            src = stack.enter_context(contextlib.closing(sqlite3.connect(source, timeout=30, isolation_level=None)))
            src.execute("BEGIN")  # one snapshot for the counts and the copy
            revision = _revision(src)
            if revision is None:
                raise MoveError(f"{source} is not a Cobranza book (no schema revision in it)")
            counts = _counts(src)
            with contextlib.closing(sqlite3.connect(tmp)) as dst:
                src.backup(dst)
                dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file; the app sets WAL again
                problem = _integrity(dst)
                copied = (_revision(dst), _counts(dst))
            src.execute("ROLLBACK")
            if problem:
                raise MoveError(f"the copy failed its integrity check ({problem}); nothing was changed and "
                                f"{source} stays the book")
            if copied != (revision, counts):
                raise MoveError("the copy does not hold the same as the book; nothing was changed and "
                                f"{source} stays the book")
            os.replace(tmp, target)
    except sqlite3.Error as exc:
        raise MoveError(f"cannot copy {source}: {exc}") from exc
    except OSError as exc:
        raise MoveError(f"cannot write {exc.filename or target}: {exc.strerror or exc}") from exc
    finally:
        _remove(tmp)
    remembered = False
    if _opened_without_db() == source:
        values = config.load_user_settings()
        values["database"] = str(target)
        config.save_user_settings(values)
        remembered = True
    env = os.environ.get(config.ENV_DB) or ""
    env_names_old = bool(env) and "://" not in env and Path(env).expanduser().resolve() == source
    return MoveResult(old=source, new=target, size=target.stat().st_size, counts=counts, remembered=remembered,
                      env_names_old=env_names_old)


def remove_old_book(old: str | os.PathLike[str]) -> None:
    """Delete the old file of a move (and its -wal/-shm), once the user has confirmed. Refuses the book the
    settings name (that one is in use)."""
    path = Path(old).expanduser().resolve()
    if _remembered_path() == path:
        raise MoveError(f"{path} is the book Cobranza opens: it is not deleted")
    if not path.is_file():
        raise MoveError(f"{path} does not exist")
    try:
        _remove(path)
    except OSError as exc:
        raise MoveError(f"cannot delete {path}: {exc.strerror or exc}") from exc
