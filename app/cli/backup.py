"""`cobranza backup [-o FILE] [--auto [--keep N]]`: a copy of the whole database.

cobranza backup -o FILE        one backup to FILE (`.cobranza` added when FILE has no extension); SQLite
                               through the online backup API (consistent while the app is open and
                               writing), PostgreSQL through pg_dump's custom format
cobranza backup                the same, into the database's folder of backups in the data directory
cobranza backup --auto         the daily backup for cron / the task scheduler: made when the newest
                               automatic one is a day old or more, keeping the newest N (--keep, else
                               the `backup_keep` user setting, default 7)
"""

from __future__ import annotations

from app.backup import BackupError, auto_backup, backup_dir, make_backup, unique_name, with_extension
from app.config import database_url

from .common import fail, require_cobranza_database


def register(subparsers) -> None:
    p = subparsers.add_parser("backup", help="back up the whole database to a file (see also `restore`)",
                              description="Back up the whole database. SQLite: a consistent copy even while the "
                                          "app is open; PostgreSQL: pg_dump (custom format).")
    p.add_argument("-o", "--output", metavar="FILE",
                   help="the backup file (.cobranza is added when it has no extension; default: a new file in "
                        "the database's backup folder in the data directory)")
    p.add_argument("--auto", action="store_true",
                   help="the daily automatic backup (for cron): only when the newest one is a day old, "
                        "then keep the newest N")
    p.add_argument("--keep", type=int, metavar="N",
                   help="with --auto: how many automatic backups to keep (default: the backup_keep setting, 7)")
    p.add_argument("--force", action="store_true", help="with --auto: make one even if the newest is recent")
    p.set_defaults(handler=run)


def run(args) -> int:
    if args.output is not None and not args.output.strip():
        fail("backup: -o needs a file name", 2)
    if args.auto and args.output:
        fail("backup: --auto writes into the backup folder; leave out -o (or leave out --auto)", 2)
    if (args.keep is not None or args.force) and not args.auto:
        fail("backup: --keep and --force go with --auto", 2)
    if args.keep is not None and args.keep < 1:
        fail(f"backup: --keep {args.keep}: keep at least 1 backup", 2)
    require_cobranza_database(args)
    url = database_url(args.db)
    try:
        if args.auto:
            result = auto_backup(url, keep=args.keep, force=args.force)
            if result.made:
                print(f"backup written: {result.made}")
            else:
                print(f"no backup needed: {result.reason}")
            for path in result.removed:
                print(f"removed old backup: {path}")
            print(f"automatic backups kept: {result.kept} in {result.made.parent if result.made else backup_dir(url)}")
            return 0
        target = with_extension(args.output) if args.output else unique_name(backup_dir(url))
        done = make_backup(url, target)
    except BackupError as exc:
        fail(f"backup: {exc}", 2)
    print(f"backup written: {done.path} ({done.size:,} bytes)")
    return 0
