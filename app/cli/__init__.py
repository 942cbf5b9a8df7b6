"""The `cobranza` command: the GUI by default, subcommands for everything else.

Each subcommand lives in its own module under app/cli/ with `register(subparsers)`;
add a new one to COMMAND_MODULES. Exit codes: 0 ok, 1 error, 2 bad input (nothing written).
"""

from __future__ import annotations

import argparse
import importlib
import sys

from app import __version__

COMMAND_MODULES = [
    "app.cli.gui",
    "app.cli.collections",
    "app.cli.score",
    "app.cli.remind",
    "app.cli.settings",
    "app.cli.secret",
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cobranza",
        description="Cobranza: accounts receivable control (customers, invoices, payments, aging, reminders).",
    )
    parser.add_argument("--version", action="version", version=f"cobranza {__version__}")
    parser.add_argument(
        "--db",
        metavar="PATH_OR_URL",
        help="SQLite file path or database URL (default: $COBRANZA_DB, else cobranza.sqlite in the user data directory)",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        args = parser.parse_args([*(argv if argv is not None else sys.argv[1:]), "gui"])
    try:
        return int(args.handler(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
