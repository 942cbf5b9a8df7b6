"""`cobranza gui`: start the desktop application."""

from __future__ import annotations

import os


def register(subparsers) -> None:
    p = subparsers.add_parser("gui", help="start the desktop application (the default)")
    p.set_defaults(handler=run)


def run(args) -> int:
    # A database named with --db or COBRANZA_DB must already be a Cobranza database (a mistyped path would
    # otherwise open as a new empty one that "owes nothing"); with neither, the default database in the
    # user data directory is created on first start.
    if args.db or os.environ.get("COBRANZA_DB"):
        from .common import require_cobranza_database

        require_cobranza_database(args)
    from app.ui.app import run_gui  # Qt is imported only when the GUI is asked for

    return run_gui(args.db)
