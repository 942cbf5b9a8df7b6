"""`cobranza gui`: start the desktop application."""

from __future__ import annotations


def register(subparsers) -> None:
    p = subparsers.add_parser("gui", help="start the desktop application (the default)")
    p.set_defaults(handler=run)


def run(args) -> int:
    from app.ui.app import run_gui  # Qt is imported only when the GUI is asked for

    return run_gui(args.db)
