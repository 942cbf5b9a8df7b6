"""`cobranza gui`: start the desktop application."""

from __future__ import annotations

import os


def register(subparsers) -> None:
    p = subparsers.add_parser("gui", help="start the desktop application (the default)")
    p.add_argument("backup", nargs="?", metavar="BACKUP.cobranza",
                   help="a backup to restore: the window opens and asks, showing the backup's date, company and "
                        "counts (how the installers open a double-clicked .cobranza file)")
    p.add_argument("--self-check", action="store_true",
                   help="open the window and every page, wait for each to load, close, and exit 0 if nothing "
                        "went wrong (for installers and CI; use with QT_QPA_PLATFORM=offscreen on a machine "
                        "without a screen)")
    p.set_defaults(handler=run)


def run(args) -> int:
    # A database named with --db or COBRANZA_DB must already be a Cobranza database (a mistyped path would
    # otherwise open as a new empty one that "owes nothing"); with neither, the default database in the
    # user data directory is created on first start.
    if args.db or os.environ.get("COBRANZA_DB"):
        from .common import require_cobranza_database

        require_cobranza_database(args)
    if args.self_check:
        from app.ui.self_check import run_self_check

        return run_self_check(args.db)
    from app.ui.first_screen import prepare_first_screen  # no Qt: the dashboard's reads start while Qt loads

    prepared = prepare_first_screen(args.db)
    from app.ui.app import end_process, run_gui  # Qt is imported only when the GUI is asked for

    end_process(run_gui(args.db, open_backup=args.backup, prepared=prepared))  # does not return
