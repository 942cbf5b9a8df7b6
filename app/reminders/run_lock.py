"""One reminder run at a time per database (issue 11, "Concurrency").

Two `remind --send` (or the Reminders page and a scheduled `remind --send`) started together must neither
store the same reminders twice nor deliver the same queued e-mail twice. A run has two steps
(`app.reminders.service`), each guarded here:

- **storing** (`perform_run`, inside the caller's transaction): on PostgreSQL a transaction-level advisory
  lock, released by the commit or the rollback, so the second run plans only after the first run's reminders
  are committed and sees them; on SQLite the write lock the writer session already holds (BEGIN IMMEDIATE)
  does the same, so nothing is taken here (waiting for anything more while holding the write lock would
  stop the first run's deliveries from recording what they sent).
- **delivering** (`deliver_stored`, no transaction of the caller open): on PostgreSQL a session-level advisory
  lock (the same key: a run storing waits for a run delivering) on a connection of its own, on SQLite an
  exclusive lock on a small file beside the database (`<file>.reminder-run.lock`). Both are released by the
  operating system or the server when the process dies: a killed run never leaves a stale lock.

A run waits up to `WAIT_SECONDS` for the other, then raises `RunInProgressError`: one line saying who holds
the lock and since when (PostgreSQL: the holder's `application_name`; SQLite: written into the lock file).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

from app import config
from app.ledger.errors import LedgerError

WAIT_SECONDS = float(os.environ.get("COBRANZA_RUN_LOCK_WAIT", "120"))  # how long a second run waits
_POLL_SECONDS = 0.1
# pg_advisory_lock(int, int): "Cobr" and the reminder run; shows in pg_locks as classid/objid, objsubid 2
_PG_KEY = (0x436F6272, 1)
_APP_PREFIX = "cobranza run "  # application_name of the connection holding the lock on PostgreSQL


@dataclass(frozen=True)
class Holder:
    """Who holds the run lock: a login name, a host, since when (UTC)."""

    user: str
    host: str
    started: dt.datetime | None

    def describe(self) -> str:
        parts = []
        if self.started is not None:
            local = self.started.astimezone()
            today = config.now().astimezone().date()
            when = local.strftime("%H:%M") if local.date() == today else local.strftime("%Y-%m-%d %H:%M")
            parts.append(f"started {when}")
        if self.user:
            parts.append(f"by user {self.user[:100]}")
        if self.host:
            parts.append(f"on host {self.host[:100]}")
        return " ".join(" ".join(parts).split())  # one line, whatever the names hold


class RunInProgressError(LedgerError):
    """Another reminder run held the lock for longer than this one would wait."""

    def __init__(self, holder: Holder | None, *, stored: bool = False):
        who = holder.describe() if holder is not None else ""
        what = f"another reminder run is in progress ({who})" if who else "another reminder run is in progress"
        if stored:  # the delivery step: this run's reminders were committed and stay queued
            message = (f"{what}; this run was stored and its messages stay queued: run `cobranza remind --send` "
                       "again when it has finished")
        else:
            message = f"{what}; nothing was stored: try again when it has finished"
        super().__init__(message)
        self.holder = holder


def _me() -> Holder:
    return Holder(config.current_user(), socket.gethostname(), config.now())


def _wait(try_once, holder, *, stored: bool, wait: float | None):
    """Calls `try_once()` until it returns True or `wait` seconds passed; then RunInProgressError(holder())."""
    deadline = time.monotonic() + (WAIT_SECONDS if wait is None else wait)
    while not try_once():
        if time.monotonic() >= deadline:
            raise RunInProgressError(holder(), stored=stored)
        time.sleep(_POLL_SECONDS)


def _is_sqlite(bind) -> bool:
    return bind.dialect.name == "sqlite"


# --- PostgreSQL --------------------------------------------------------------------------------------------


def _pg_name(me: Holder) -> str:
    """application_name (ASCII, at most 63 bytes): 'cobranza run 20261204T1032Z user@host'."""
    stamp = me.started.strftime("%Y%m%dT%H%MZ")
    who = f"{me.user[:20]}@{me.host}".encode("ascii", "backslashreplace").decode("ascii")
    return f"{_APP_PREFIX}{stamp} {who}"[:63]


def _pg_holder(conn) -> Holder | None:
    name = conn.execute(text(
        "SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
        "WHERE l.locktype = 'advisory' AND l.granted AND l.classid = :k1 AND l.objid = :k2 AND l.objsubid = 2 "
        "AND l.pid <> pg_backend_pid() LIMIT 1"), {"k1": _PG_KEY[0], "k2": _PG_KEY[1]}).scalar()
    if not name or not name.startswith(_APP_PREFIX):
        return None
    stamp, _, who = name[len(_APP_PREFIX):].partition(" ")
    user, _, host = who.partition("@")
    try:
        started = dt.datetime.strptime(stamp, "%Y%m%dT%H%MZ").replace(tzinfo=dt.timezone.utc)
    except ValueError:
        started = None
    decode = lambda s: s.encode("ascii").decode("unicode_escape")  # noqa: E731 - undoes backslashreplace
    return Holder(decode(user), decode(host), started)


# --- SQLite: a lock file beside the database ----------------------------------------------------------------


def lock_path(engine: Engine) -> Path | None:
    """The lock file of a SQLite database file (None for an in-memory database: one process only)."""
    database = engine.url.database
    if not database or database == ":memory:" or database.startswith("file::memory:"):
        return None
    return Path(database).with_name(Path(database).name + ".reminder-run.lock")


def _try_file_lock(fd: int) -> bool:
    if sys.platform == "win32":  # pragma: no cover - the lock byte lies far past the holder's text
        import msvcrt

        os.lseek(fd, 1 << 20, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # per open file: two threads exclude each other too
        return True
    except BlockingIOError:
        return False


def _file_holder(path: Path) -> Holder | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8") or "null")
        started = dt.datetime.fromisoformat(data["started"]) if data.get("started") else None
        return Holder(str(data.get("user") or ""), str(data.get("host") or ""), started)
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None


@contextmanager
def _file_lock(path: Path, *, wait: float | None):
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError:  # a folder we may not write in: each e-mail is still taken under the write lock, once
        yield
        return
    try:
        _wait(lambda: _try_file_lock(fd), lambda: _file_holder(path), stored=True, wait=wait)
        me = _me()
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, json.dumps({"user": me.user, "host": me.host, "pid": os.getpid(),
                                 "started": me.started.isoformat()}).encode("utf-8"))
        try:
            yield
        finally:
            os.ftruncate(fd, 0)  # the lock itself goes with the file descriptor
    finally:
        os.close(fd)


# --- the two steps ------------------------------------------------------------------------------------------


def lock_storing(session: Session, *, wait: float | None = None) -> None:
    """Inside the transaction that stores a run: wait for any other run (PostgreSQL), released when that
    transaction ends. On SQLite the writer session's write lock already serialises runs."""
    conn = session.connection()
    if _is_sqlite(conn):
        return
    _wait(lambda: bool(conn.execute(text("SELECT pg_try_advisory_xact_lock(:k1, :k2)"),
                                    {"k1": _PG_KEY[0], "k2": _PG_KEY[1]}).scalar()),
          lambda: _pg_holder(conn), stored=False, wait=wait)
    conn.execute(text("SELECT set_config('application_name', :name, true)"), {"name": _pg_name(_me())})


@contextmanager
def delivering(writers, *, wait: float | None = None):
    """Around the delivery of queued reminders (`writers`: a session factory or an engine): one delivery at a
    time per database, the second waiting up to `wait` seconds (default WAIT_SECONDS)."""
    if isinstance(writers, Engine):
        engine = writers
    else:
        with writers() as session:
            engine = session.get_bind()
    if _is_sqlite(engine):
        path = lock_path(engine)
        if path is None:
            yield
            return
        with _file_lock(path, wait=wait):
            yield
        return
    with engine.connect() as raw:
        conn = raw.execution_options(isolation_level="AUTOCOMMIT")  # no transaction held while e-mails go out
        keys = {"k1": _PG_KEY[0], "k2": _PG_KEY[1]}
        _wait(lambda: bool(conn.execute(text("SELECT pg_try_advisory_lock(:k1, :k2)"), keys).scalar()),
              lambda: _pg_holder(conn), stored=True, wait=wait)
        try:
            conn.execute(text("SELECT set_config('application_name', :name, false)"), {"name": _pg_name(_me())})
            yield
        finally:
            conn.execute(text("SELECT pg_advisory_unlock(:k1, :k2)"), keys)
            conn.execute(text("RESET application_name"))
