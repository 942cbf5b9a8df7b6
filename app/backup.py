"""Backups of the whole database, automatic rotating backups, and restoring one.

- SQLite: the online backup API (`sqlite3.Connection.backup`, one step) copies a consistent snapshot
  while the app is open and writing (WAL: the copy is one read transaction, writers are not held up).
  The copy is written to a temporary file beside the target with the database's permission bits, gets
  a small `cobranza_backup` table (app version, schema revision, when, company) and a `PRAGMA
  integrity_check`, then is renamed into place: a backup file is complete or absent.
- PostgreSQL: `pg_dump --format=custom` (needs PostgreSQL's client programs on PATH; a clear
  `BackupError` says so). The schema revision travels inside the dump (the `alembic_version` table).
- Restore checks the file first (integrity, a Cobranza database, a schema this app knows), saves the
  current database as a backup, then replaces the contents in one transaction: for SQLite the checked
  and upgraded copy is written into the live file with the backup API (atomic for every reader and
  writer, WAL included: renaming a file over a database another process has open, or that has a `-wal`
  beside it, can corrupt it); a database file that does not exist yet is created by rename. For
  PostgreSQL the dump is replayed by `psql --single-transaction` after dropping the schema's objects.

Nothing here imports Qt; the CLI (`cobranza backup|restore`) and the GUI (File menu) call these functions.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import re
import shutil
import sqlite3
import subprocess
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from sqlalchemy import Engine
from sqlalchemy.engine import URL, make_url

from app import __version__, config

from .database import head_revision, make_engine, upgrade

# app.ledger.progress.Progress (this layer may not import ledger): it may raise Cancelled to stop the work
Progress = Callable[[int, int], None]

EXTENSION = ".cobranza"
META_TABLE = "cobranza_backup"
DEFAULT_KEEP = 7
AUTO_PREFIX = "auto-"
SETTING_KEEP = "backup_keep"  # per-user settings file (app.config.load_user_settings)
SETTING_AUTO = "backup_auto"
_STAMP = "%Y%m%d-%H%M%S"
_SQLITE_MAGIC = b"SQLite format 3\x00"
_PG_MAGIC = b"PGDMP"


class BackupError(Exception):
    """A backup or restore that cannot be done; the message says why and what to do. Nothing was changed."""


@dataclass(frozen=True)
class BackupResult:
    path: Path
    size: int
    kind: str  # "sqlite" | "postgresql"


@dataclass(frozen=True)
class BackupInfo:
    """What a backup file holds, for the confirmation before a restore."""

    path: Path
    kind: str  # "sqlite" | "postgresql"
    schema_revision: str | None
    app_version: str | None = None
    created_at: dt.datetime | None = None
    company: str | None = None
    counts: dict[str, int] = field(default_factory=dict)  # customers, invoices, payments, credit notes

    def describe(self) -> str:
        when = self.created_at.strftime("%Y-%m-%d %H:%M UTC") if self.created_at else "unknown date"
        parts = [f"backup of {when}", f"company {self.company or '?'}"]
        if self.counts:
            parts.append(", ".join(f"{n} {name}" for name, n in self.counts.items()))
        parts.append(f"schema {self.schema_revision}" + (f", Cobranza {self.app_version}" if self.app_version else ""))
        return "; ".join(parts)


@dataclass(frozen=True)
class RestoreResult:
    info: BackupInfo
    safety_backup: Path | None  # the database as it was before the restore
    upgraded_from: str | None  # the backup's revision when it was older than this app's


# --- where things are ---------------------------------------------------------------


def _url(engine_or_url: Engine | str | URL) -> URL:
    if isinstance(engine_or_url, Engine):
        return engine_or_url.url
    if isinstance(engine_or_url, URL):
        return engine_or_url
    return make_url(config.database_url(engine_or_url))


def _sqlite_path(url: URL) -> Path | None:
    if url.get_backend_name() != "sqlite":
        return None
    if not url.database or url.database == ":memory:":
        raise BackupError("an in-memory database cannot be backed up or restored")
    return Path(url.database)


def backup_dir(engine_or_url: Engine | str | URL) -> Path:
    """Where the automatic backups of this database live: the data directory's `backups/<name>-<hash>`
    (one folder per database, so two databases never rotate each other's copies)."""
    url = _url(engine_or_url)
    path = _sqlite_path(url)
    if path is not None:
        name, key = path.stem, str(path.resolve())
    else:
        name = url.database or "postgresql"
        key = url.set(password=None).render_as_string(hide_password=False)
    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", name)[:40] or "db"
    return config.data_dir() / "backups" / f"{name}-{hashlib.sha256(key.encode()).hexdigest()[:8]}"


def default_name(prefix: str = "") -> str:
    return f"{prefix}cobranza-{config.now().strftime(_STAMP)}{EXTENSION}"


def unique_name(folder: Path, prefix: str = "") -> Path:
    """A new file in `folder` named after now; two in the same second get -1, -2, ..."""
    base = default_name(prefix).removesuffix(EXTENSION)
    target, n = folder / f"{base}{EXTENSION}", 1
    while target.exists():
        target, n = folder / f"{base}-{n}{EXTENSION}", n + 1
    return target


def with_extension(path: str | os.PathLike[str]) -> Path:
    """FILE as given, with `.cobranza` added when it has no extension."""
    p = Path(path).expanduser()
    return p if p.suffix or not p.name or p.is_dir() else p.with_name(p.name + EXTENSION)


def _private_file(target: Path, mode: int) -> None:
    """Create `target` empty with `mode` before any byte of the books is in it (0600 stays 0600)."""
    fd = os.open(target, os.O_CREAT | os.O_WRONLY | os.O_EXCL, mode)
    os.close(fd)
    os.chmod(target, mode)  # the umask must not widen nor narrow what the database has


def _temp_beside(target: Path, mode: int) -> Path:
    target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)  # a new folder of copies is private too
    for n in range(1000):
        tmp = target.with_name(f".{target.name}.{os.getpid()}.{n}.tmp")
        try:
            _private_file(tmp, mode)
            return tmp
        except FileExistsError:
            continue
    raise BackupError(f"cannot create a temporary file in {target.parent}")


CANCELLED_SUFFIX = ".cancelled"  # an unfinished copy set aside (make_backup's set_aside_when_cancelled)


def remove_cancelled_copies(folder: Path) -> list[Path]:
    """Delete the unfinished copies that cancelled backups set aside in `folder` (hidden files)."""
    removed = []
    if folder.is_dir():
        for p in folder.glob(f".*{CANCELLED_SUFFIX}"):
            with contextlib.suppress(FileNotFoundError):
                p.unlink()
                removed.append(p)
    return removed


def _remove(path: Path) -> None:
    for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal")):
        with contextlib.suppress(FileNotFoundError):
            p.unlink()


# --- making a backup -------------------------------------------------------------------


def make_backup(engine_or_url: Engine | str | URL, target: str | os.PathLike[str], *,
                overwrite: bool = False, progress: Progress | None = None,
                set_aside_when_cancelled: bool = False) -> BackupResult:
    """Back up the database to `target` (complete or not at all). Refuses an existing target unless
    `overwrite`, and the database file itself. `progress(done, total)` counts the SQLite pages copied
    (app.ledger.progress; it may raise Cancelled: no file is left; with `set_aside_when_cancelled` the
    unfinished copy is renamed to a hidden `*.cancelled` file beside the target that
    `remove_cancelled_copies` deletes later: deleting the copy of a large book took 0.15-0.35 s, which
    quitting the app during the automatic backup should not wait for)."""
    url = _url(engine_or_url)
    target = Path(target).expanduser()
    if not target.name:
        raise BackupError("give the backup a file name")
    if target.is_dir():
        raise BackupError(f"{target} is a directory: give a file name, e.g. {target / default_name()}")
    if target.exists() and not overwrite:
        raise BackupError(f"{target} already exists: choose another file name or delete it first")
    try:
        source = _sqlite_path(url)
        if source is not None:
            if not source.exists():
                raise BackupError(f"the database {source} does not exist")
            if target.resolve() == source.resolve():
                raise BackupError("the backup cannot be the database itself: choose another file name")
            return _backup_sqlite(source, target, progress, set_aside_when_cancelled)
        if url.get_backend_name() == "postgresql":
            return _backup_postgresql(url, target)
    except OSError as exc:  # a folder that cannot be written, a full disk
        raise BackupError(f"cannot write {exc.filename or target}: {exc.strerror or exc}") from exc
    raise BackupError(f"backups of {url.get_backend_name()} databases are not supported")


STEP_PAGES = 2048  # pages copied between two progress reports (8 MB at SQLite's 4 KB pages)


def _backup_sqlite(source: Path, target: Path, progress: Progress | None = None,
                   set_aside_when_cancelled: bool = False) -> BackupResult:
    mode = source.stat().st_mode & 0o777
    tmp = _temp_beside(target, mode)
    try:
        src = sqlite3.connect(source, timeout=30, isolation_level=None)
        try:
            dst = sqlite3.connect(tmp)
            # no flush to disk at every step's commit: one at the end (below), before the rename (a step
            # that flushed waited 0.35 s at a million invoices, and Cancel and quitting with it); and no
            # journal while copying into this new file: a Cancel rolled the copy back by truncating it,
            # as slow as deleting it (0.16-0.36 s), and nothing but this code ever opens it unfinished
            dst.execute("PRAGMA synchronous=OFF")
            dst.execute("PRAGMA journal_mode=OFF")
            try:
                # one read transaction around every step → one consistent snapshot, however many steps: a
                # write by another connection meanwhile is not in the copy and does not restart it
                src.execute("BEGIN")
                src.execute("SELECT count(*) FROM sqlite_master").fetchone()
                src.backup(dst, pages=STEP_PAGES if progress is not None else -1,
                           progress=None if progress is None else
                           lambda _status, remaining, total: progress(total - remaining, total))
                src.execute("COMMIT")
                dst.execute("PRAGMA journal_mode=DELETE")  # a single self-contained file, no -wal beside it
                revision = _one(dst, "SELECT version_num FROM alembic_version")
                company = _one(dst, "SELECT name FROM company ORDER BY id LIMIT 1")
                with dst:
                    _write_meta(dst, {"format": "1", "app_version": __version__, "schema_revision": revision or "",
                                      "created_at": config.now().astimezone(dt.timezone.utc).isoformat(),
                                      "company": company or "", "source": str(source.resolve())})
                problem = _integrity(dst, progress)
            finally:
                dst.close()
        finally:
            src.close()
        if problem:
            raise BackupError(f"the copy of {source} failed its integrity check ({problem}); the database may be "
                              "damaged: keep the file and the earlier backups")
        _flush_to_disk(tmp)
        os.replace(tmp, target)
    except sqlite3.Error as exc:
        raise BackupError(f"cannot back up {source}: {exc}") from exc
    except (BackupError, OSError):
        raise
    except BaseException:  # the progress callable stopped the work (Cancelled; this layer may not import it)
        if set_aside_when_cancelled:
            with contextlib.suppress(OSError):  # else removed below, as always
                os.replace(tmp, tmp.with_suffix(CANCELLED_SUFFIX))
        raise
    finally:
        _remove(tmp)
    return BackupResult(target, target.stat().st_size, "sqlite")


def _flush_to_disk(path: Path) -> None:
    """Everything written to `path` on the disk (what SQLite's synchronous commits did at every step)."""
    fd = os.open(path, os.O_RDWR | getattr(os, "O_BINARY", 0))  # Windows flushes only a writable handle
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _one(conn: sqlite3.Connection, sql: str):
    try:
        row = conn.execute(sql).fetchone()
    except sqlite3.DatabaseError:
        return None
    return row[0] if row else None


def _write_meta(conn: sqlite3.Connection, values: dict[str, str]) -> None:
    conn.execute(f"DROP TABLE IF EXISTS {META_TABLE}")
    conn.execute(f"CREATE TABLE {META_TABLE} (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    conn.executemany(f"INSERT INTO {META_TABLE} (key, value) VALUES (?, ?)", values.items())


CHECK_TICK = 10_000_000  # SQLite instructions between two looks at Cancel while the copy is checked
WATCH_SECONDS = 0.05  # how often the watcher asks whether to stop while the copy is checked


def _integrity(conn: sqlite3.Connection, progress: Progress | None = None) -> str | None:
    """None when `PRAGMA integrity_check` says ok, else its first complaint. With `progress`, the check
    (most of a large backup's time: about a minute at a million invoices) says it is busy (0 of 0) now and
    then, and stops when that raises Cancelled."""
    previous = conn.text_factory
    # a damaged page can put raw bytes into the complaint itself: read them, do not fail on them
    conn.text_factory = lambda raw: raw.decode("utf-8", "replace")
    stopped: list[BaseException] = []
    if progress is not None:
        def tick() -> int:
            try:
                progress(0, 0)
            except BaseException as exc:  # noqa: BLE001 - raised again below, once SQLite has stopped
                stopped.append(exc)
                return 1  # non-zero: SQLite interrupts the statement
            return 0

        conn.set_progress_handler(tick, CHECK_TICK)
    try:
        with _watched(conn, progress, stopped):
            rows = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
    except UnicodeDecodeError:  # SQLite's own message quoted the scribbled bytes
        rows = ["pages hold unreadable data"]
    except sqlite3.OperationalError:
        if stopped:
            raise stopped[0] from None
        raise
    finally:
        conn.text_factory = previous
        if progress is not None:
            conn.set_progress_handler(None, 0)
    return None if rows == ["ok"] else "; ".join(rows[:3])


@contextlib.contextmanager
def _watched(conn: sqlite3.Connection, progress: Progress | None, stopped: list[BaseException]):
    """While the block runs, a watcher thread asks `progress(0, 0)` every WATCH_SECONDS and interrupts
    `conn` when it raises (noted in `stopped`). SQLite calls the progress handler only between its
    instructions, and the check of a large table is one instruction: at a million invoices the handler
    came up to 1.4 s apart, so quitting the app during the automatic backup waited that long."""
    if progress is None:
        yield
        return
    done = threading.Event()

    def watch() -> None:
        while not done.wait(WATCH_SECONDS) and not stopped:
            try:
                progress(0, 0)
            except BaseException as exc:  # noqa: BLE001 - raised again by the caller, once SQLite has stopped
                stopped.append(exc)
                conn.interrupt()  # thread-safe: the statement running on the other thread stops at once

    watcher = threading.Thread(target=watch, name="backup-check-watcher", daemon=True)
    watcher.start()
    try:
        yield
    finally:
        done.set()
        watcher.join()


# --- PostgreSQL through its client programs -------------------------------------------------


def pg_tool(name: str) -> str:
    """The path of pg_dump / pg_restore / psql, or BackupError saying how to get it."""
    found = shutil.which(name)
    if found is None:
        raise BackupError(f"{name} was not found on PATH: install PostgreSQL's client programs "
                          f"(Debian/Ubuntu: apt install postgresql-client; Windows/macOS: the PostgreSQL installer) "
                          "and try again")
    return found


def _libpq(url: URL) -> tuple[str, dict[str, str]]:
    """A libpq connection string without the password, and the environment that carries it."""
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    plain = url.set(drivername="postgresql", password=None)
    return plain.render_as_string(hide_password=False), env


def _run(cmd: list[str], env: dict[str, str], what: str) -> subprocess.CompletedProcess:
    done = subprocess.run(cmd, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        reason = (done.stderr or done.stdout).strip().splitlines()
        raise BackupError(f"{what} failed: {reason[-1] if reason else f'exit code {done.returncode}'}")
    return done


def _backup_postgresql(url: URL, target: Path) -> BackupResult:
    pg_dump = pg_tool("pg_dump")
    dsn, env = _libpq(url)
    tmp = _temp_beside(target, 0o600)
    try:
        _run([pg_dump, "--format=custom", "--no-owner", "--no-privileges", f"--file={tmp}", f"--dbname={dsn}"],
             env, "pg_dump")
        os.replace(tmp, target)
    finally:
        _remove(tmp)
    return BackupResult(target, target.stat().st_size, "postgresql")


# --- reading a backup ---------------------------------------------------------------------


def file_kind(path: Path) -> str:
    try:
        with open(path, "rb") as fh:
            head = fh.read(16)
    except FileNotFoundError:
        raise BackupError(f"{path} does not exist") from None
    except IsADirectoryError:
        raise BackupError(f"{path} is a directory, not a backup file") from None
    except OSError as exc:
        raise BackupError(f"cannot read {path}: {exc.strerror or exc}") from None
    if head.startswith(_SQLITE_MAGIC):
        return "sqlite"
    if head.startswith(_PG_MAGIC):
        return "postgresql"
    raise BackupError(f"{path} is not a Cobranza backup (neither an SQLite database nor a pg_dump archive)")


_COUNTS = (("customers", "customer"), ("invoices", "invoice"), ("payments", "payment"),
           ("credit notes", "credit_note"))


def _known_revision(revision: str | None, path: Path) -> None:
    from alembic.script import ScriptDirectory

    from .database import alembic_config

    if not revision:
        raise BackupError(f"{path} is not a Cobranza backup (it has no schema revision)")
    script = ScriptDirectory.from_config(alembic_config(None))  # type: ignore[arg-type]
    try:
        script.get_revision(revision)
    except Exception:  # noqa: BLE001 - alembic raises several kinds for an unknown id
        raise BackupError(f"{path} was made by a newer Cobranza (schema {revision}, this version knows up to "
                          f"{head_revision()}): update Cobranza first, then restore it") from None


def inspect_backup(path: str | os.PathLike[str]) -> BackupInfo:
    """Check a backup file and say what it holds; BackupError names the problem. Changes nothing."""
    path = Path(path).expanduser()
    kind = file_kind(path)
    if kind == "sqlite":
        return _inspect_sqlite(path)
    return _inspect_postgresql(path)


def _inspect_sqlite(path: Path) -> BackupInfo:
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise BackupError(f"cannot read {path}: {exc}") from exc
    try:
        try:
            problem = _integrity(conn)
        except sqlite3.DatabaseError as exc:
            problem = str(exc)
        if problem:
            raise BackupError(f"{path} is damaged (integrity check: {problem}); choose another backup")
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not {"alembic_version", "company"} <= tables:
            raise BackupError(f"{path} is not a Cobranza backup (an SQLite file without Cobranza's tables)")
        revision = _one(conn, "SELECT version_num FROM alembic_version")
        _known_revision(revision, path)
        meta: dict[str, str] = {}
        if META_TABLE in tables:
            meta = dict(conn.execute(f"SELECT key, value FROM {META_TABLE}").fetchall())
        created = None
        if meta.get("created_at"):
            with contextlib.suppress(ValueError):
                created = dt.datetime.fromisoformat(meta["created_at"])
        if created is None:  # a plain database file (an upgrade's .bak): its modification time
            created = dt.datetime.fromtimestamp(path.stat().st_mtime, dt.timezone.utc)
        counts = {name: int(_one(conn, f"SELECT count(*) FROM {table}") or 0)
                  for name, table in _COUNTS if table in tables}
        return BackupInfo(path=path, kind="sqlite", schema_revision=revision, app_version=meta.get("app_version"),
                          created_at=created, company=_one(conn, "SELECT name FROM company ORDER BY id LIMIT 1"),
                          counts=counts)
    finally:
        conn.close()


def _pg_table_data(pg_restore: str, path: Path, table: str) -> list[list[str]]:
    """The rows of one table in a custom-format dump (COPY text), read without a server."""
    done = _run([pg_restore, "--data-only", f"--table={table}", "--file=-", str(path)], dict(os.environ),
                f"reading {path}")
    rows, inside = [], False
    for line in done.stdout.splitlines():
        if line.startswith("COPY "):
            inside = True
        elif inside and line == "\\.":
            inside = False
        elif inside:
            rows.append(line.split("\t"))
    return rows


def _inspect_postgresql(path: Path) -> BackupInfo:
    pg_restore = pg_tool("pg_restore")
    listing = _run([pg_restore, "--list", str(path)], dict(os.environ), f"reading {path}").stdout
    m = re.search(r"^;\s+Archive created at (.+)$", listing, re.MULTILINE)
    created = None
    if m:
        with contextlib.suppress(ValueError):
            created = dt.datetime.strptime(m.group(1).strip()[:19], "%Y-%m-%d %H:%M:%S").replace(
                tzinfo=dt.timezone.utc)
    if not re.search(r"TABLE DATA \S+ alembic_version ", listing) or not re.search(r"TABLE \S+ company ", listing):
        raise BackupError(f"{path} is not a Cobranza backup (a pg_dump archive without Cobranza's tables)")
    revision_rows = _pg_table_data(pg_restore, path, "alembic_version")
    revision = revision_rows[0][0] if revision_rows else None
    _known_revision(revision, path)
    company_rows = _pg_table_data(pg_restore, path, "company")
    counts = {name: len(_pg_table_data(pg_restore, path, table)) for name, table in _COUNTS}
    # company's columns in dump order: id, name, ...
    return BackupInfo(path=path, kind="postgresql", schema_revision=revision, created_at=created,
                      company=company_rows[0][1] if company_rows and len(company_rows[0]) > 1 else None,
                      counts=counts)


# --- restoring --------------------------------------------------------------------------------


def restore_backup(engine_or_url: Engine | str | URL, backup: str | os.PathLike[str], *,
                   info: BackupInfo | None = None, safety_dir: Path | None = None) -> RestoreResult:
    """Replace the database's contents with the backup's, after checking it and saving the current
    database as a backup (in `safety_dir`, default the database's backup folder). Upgrades an older
    backup to this app's schema. The caller has asked the user first."""
    url = _url(engine_or_url)
    info = info or inspect_backup(backup)
    target = _sqlite_path(url)
    if target is not None and target.exists() and target.resolve() == info.path.resolve():
        raise BackupError(f"{info.path} is the database itself: choose a backup file")
    try:
        return _restore(url, info, target, safety_dir)
    except OSError as exc:
        raise BackupError(f"cannot restore: {exc.filename or ''} {exc.strerror or exc}".replace("  ", " ")) from exc


def _restore(url: URL, info: BackupInfo, target: Path | None, safety_dir: Path | None) -> RestoreResult:
    backend = "sqlite" if url.get_backend_name() == "sqlite" else url.get_backend_name()
    if info.kind != backend:
        theirs = "an SQLite" if info.kind == "sqlite" else "a PostgreSQL"
        raise BackupError(f"{info.path} is {theirs} backup; it restores into {theirs} database only "
                          f"(this one is {backend})")
    safety = None
    exists = target.exists() and target.stat().st_size > 0 if target is not None else True
    if exists:
        folder = safety_dir or backup_dir(url)
        safety = make_backup(url, unique_name(folder, "before-restore-")).path
    if target is not None:
        _restore_sqlite(info, target)
    else:
        _restore_postgresql(info, url)
    upgraded = info.schema_revision if info.schema_revision != head_revision() else None
    return RestoreResult(info=info, safety_backup=safety, upgraded_from=upgraded)


def _restore_sqlite(info: BackupInfo, target: Path) -> None:
    mode = target.stat().st_mode & 0o777 if target.exists() else 0o600
    tmp = _temp_beside(target, mode)
    try:
        with contextlib.closing(sqlite3.connect(f"{info.path.resolve().as_uri()}?mode=ro", uri=True)) as src, \
                contextlib.closing(sqlite3.connect(tmp)) as dst:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")
            with dst:
                dst.execute(f"DROP TABLE IF EXISTS {META_TABLE}")
        engine = make_engine(str(tmp))
        try:
            upgrade(engine)  # an older backup reaches this app's schema before it replaces anything
        finally:
            engine.dispose()
        with contextlib.closing(sqlite3.connect(tmp)) as conn:
            conn.execute("PRAGMA journal_mode=DELETE")
            problem = _integrity(conn)
        if problem:
            raise BackupError(f"the restored copy failed its integrity check ({problem}); nothing was replaced")
        if target.exists() and target.stat().st_size > 0:
            # into the live file in one write transaction: every other connection (the app, a cron job)
            # sees the old contents or the new, never a mix, and the WAL stays the database's own
            with contextlib.closing(sqlite3.connect(tmp)) as src, \
                    contextlib.closing(sqlite3.connect(target, timeout=30)) as dst:
                dst.execute(f"PRAGMA busy_timeout={30000}")
                src.backup(dst)
        else:
            os.replace(tmp, target)
    except sqlite3.Error as exc:
        raise BackupError(f"cannot restore into {target}: {exc}") from exc
    finally:
        _remove(tmp)


def _restore_postgresql(info: BackupInfo, url: URL) -> None:
    pg_restore, psql = pg_tool("pg_restore"), pg_tool("psql")
    dsn, env = _libpq(url)
    with tempfile.TemporaryDirectory(prefix="cobranza-restore-") as folder:
        script = Path(folder) / "restore.sql"
        _run([pg_restore, "--no-owner", "--no-privileges", f"--file={script}", str(info.path)], env,
             f"reading {info.path}")
        # one transaction: drop what the schema holds now (a newer schema may have more tables than the
        # backup), replay the dump; an error anywhere rolls all of it back
        drop = ("DO $$ DECLARE r record; BEGIN "
                "FOR r IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' LOOP "
                "EXECUTE format('DROP TABLE IF EXISTS public.%I CASCADE', r.tablename); END LOOP; "
                "FOR r IN SELECT sequence_name FROM information_schema.sequences WHERE sequence_schema = 'public' LOOP "
                "EXECUTE format('DROP SEQUENCE IF EXISTS public.%I CASCADE', r.sequence_name); END LOOP; "
                "FOR r IN SELECT t.typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace "
                "WHERE n.nspname = 'public' AND t.typtype = 'e' LOOP "
                "EXECUTE format('DROP TYPE IF EXISTS public.%I CASCADE', r.typname); END LOOP; END $$;")
        _run([psql, "-X", "-q", "-v", "ON_ERROR_STOP=1", "--single-transaction", "-c", drop, "-f", str(script),
              f"--dbname={dsn}"], env, "restoring into PostgreSQL")
    engine = make_engine(url.render_as_string(hide_password=False))
    try:
        upgrade(engine)
    finally:
        engine.dispose()


# --- automatic rotating backups -------------------------------------------------------------


def keep_setting() -> int:
    """How many automatic backups to keep (per-user setting `backup_keep`, default 7, at least 1)."""
    try:
        value = int(config.load_user_settings().get(SETTING_KEEP, DEFAULT_KEEP))
    except (TypeError, ValueError):
        return DEFAULT_KEEP
    return max(1, value)


def auto_enabled() -> bool:
    return bool(config.load_user_settings().get(SETTING_AUTO, True))


_AUTO_RE = re.compile(rf"^{AUTO_PREFIX}cobranza-(\d{{8}}-\d{{6}})(?:-\d+)?{re.escape(EXTENSION)}$")


def automatic_backups(folder: Path) -> list[tuple[dt.datetime, Path]]:
    """The automatic backups in `folder`, oldest first (time from the name: UTC)."""
    found = []
    if folder.is_dir():
        for p in folder.iterdir():
            m = _AUTO_RE.match(p.name)
            if m:
                stamp = dt.datetime.strptime(m.group(1), _STAMP).replace(tzinfo=dt.timezone.utc)
                found.append((stamp, p))
    return sorted(found)


@dataclass(frozen=True)
class AutoBackupResult:
    made: Path | None  # None: the newest one is less than a day old
    removed: tuple[Path, ...]
    kept: int
    reason: str = ""


def backup_due(folder: Path, now: dt.datetime | None = None) -> bool:
    """True when there is no automatic backup made in the last day."""
    now = now or config.now()
    found = automatic_backups(folder)
    return not found or now - found[-1][0] >= dt.timedelta(days=1)


def auto_backup(engine_or_url: Engine | str | URL, *, keep: int | None = None, force: bool = False,
                folder: Path | None = None, progress: Progress | None = None) -> AutoBackupResult:
    """The daily backup: made when the newest automatic one is a day old or more (or `force`), then only
    the newest `keep` automatic ones are kept (backups made by hand or before a restore are never deleted).
    `progress` as make_backup's (the app's quitting cancels it through there: the unfinished copy is set
    aside at once and deleted by the next automatic backup, so quitting does not wait for the disk)."""
    url = _url(engine_or_url)
    folder = folder or backup_dir(url)
    keep = keep if keep is not None else keep_setting()
    if keep < 1:
        raise BackupError("keep at least 1 automatic backup")
    remove_cancelled_copies(folder)
    made = None
    reason = ""
    if force or backup_due(folder):
        made = make_backup(url, unique_name(folder, AUTO_PREFIX), progress=progress,
                           set_aside_when_cancelled=True).path
    else:
        reason = "the newest automatic backup is less than a day old"
    found = automatic_backups(folder)
    removed = []
    for _stamp, path in found[:-keep] if len(found) > keep else []:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
        removed.append(path)
    return AutoBackupResult(made=made, removed=tuple(removed), kept=min(len(found), keep), reason=reason)

