"""`cobranza restore FILE [--yes]`: replace the database with a backup.

FILE is checked first (integrity, a Cobranza database, a schema this version knows); what it holds is
shown and confirmed (a prompt on a terminal; `--yes` otherwise: without a terminal and without --yes the
command refuses, exit 2). The current database is saved as a backup first, then replaced in one
transaction, and an older backup is upgraded to the current schema.
"""

from __future__ import annotations

import sys

from app.backup import BackupError, inspect_backup, restore_backup
from app.config import database_url

from .common import _sqlite_problem, fail


def register(subparsers) -> None:
    p = subparsers.add_parser("restore", help="replace the database with a backup (the current one is saved first)")
    p.add_argument("file", metavar="FILE", help="a backup made by `cobranza backup` (or the app)")
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation (needed without a terminal)")
    p.set_defaults(handler=run)


def _where(url) -> str:
    return url.database if url.get_backend_name() == "sqlite" else url.render_as_string(hide_password=True)


def run(args) -> int:
    from sqlalchemy.engine import make_url

    url = make_url(database_url(args.db))
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        problem = _sqlite_problem(url.database)
        # a missing or empty file may be created from the backup; another program's file is never replaced
        if problem and problem.startswith("is not"):
            fail(f"restore: the database {url.database} {problem}: check --db (or COBRANZA_DB)", 2)
    try:
        info = inspect_backup(args.file)
    except BackupError as exc:
        fail(f"restore: {exc}", 2)
    print(f"{info.path}: {info.describe()}")
    if not args.yes:
        if not sys.stdin.isatty():
            fail("restore: confirm with --yes (no terminal to ask on); nothing was changed", 2)
        answer = input(f"Replace the database {_where(url)} with this backup? The current one is saved first. "
                       "[y/N] ").strip().lower()
        if answer not in ("y", "yes", "s", "si", "sí"):
            print("nothing was changed")
            return 1
    try:
        result = restore_backup(url, args.file, info=info)
    except BackupError as exc:
        fail(f"restore: {exc}", 2)
    if result.safety_backup:
        print(f"the database as it was is saved in {result.safety_backup}")
    if result.upgraded_from:
        print(f"upgraded from schema {result.upgraded_from}")
    print(f"restored {_where(url)} from {info.path}")
    return 0
