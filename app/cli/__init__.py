"""The `cobranza` command: the GUI by default, subcommands for everything else.

Each subcommand lives in its own module under app/cli/ with `register(subparsers)`;
modules are found by listing the package, so a new command is a new file. Exit codes: 0 ok, 1 error, 2 bad input (nothing written).
"""

from __future__ import annotations

import argparse
import gc
import importlib
import os
import pkgutil
import sys

from app import __version__


def command_modules() -> list[str]:
    """Every module of this package with a `register(subparsers)`: adding a command is adding a file."""
    return [f"{__name__}.{m.name}" for m in pkgutil.iter_modules(__path__)
            if not m.name.startswith("_") and m.name != "common"]


class _Parser(argparse.ArgumentParser):
    """Bad arguments are one line on stderr (`cobranza: ...`) and exit code 2, like every other input error."""

    def error(self, message: str):
        command = self.prog.removeprefix("cobranza").strip()
        where = f"{command}: " if command else ""
        helper = f"cobranza {command} --help" if command else "cobranza --help"
        self.exit(2, f"cobranza: {where}{message} (see {helper})\n")


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """The whole parser; given the command line `argv`, only the modules that can register its command are
    imported (each imports what it needs at module level: importing all of them cost ~1 s per start)."""
    parser = _Parser(
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
    names = command_modules()
    if argv is not None:
        wanted = _command_word(argv)
        if wanted is None and any(a in ("-h", "--help") for a in argv):
            wanted = ""  # the help lists every command
        candidates = names if wanted == "" else _modules_naming(names, wanted or "gui")
        _register(subparsers, candidates)
        if (wanted or "gui") in subparsers.choices:
            _mark_parsers(parser)
            return parser
        names = [n for n in names if n not in candidates]  # an unknown word or a computed name: every module
    _register(subparsers, names)
    _mark_parsers(parser)
    return parser


def _register(subparsers, names: list[str]) -> None:
    for name in names:
        module = importlib.import_module(name)
        if hasattr(module, "register"):
            module.register(subparsers)


def _command_word(argv: list[str]) -> str | None:
    """The command the line names: its first word that is not an option of `cobranza` itself."""
    skip = False
    for word in argv:
        if skip:
            skip = False
        elif word == "--db":
            skip = True
        elif not word.startswith("-"):
            return word
    return None


def _modules_naming(names: list[str], command: str) -> list[str]:
    """The command modules whose source spells the command name as a string literal (read, not imported)."""
    folder = __path__[0]
    found = []
    for name in names:
        try:
            with open(f"{folder}/{name.rsplit('.', 1)[1]}.py", encoding="utf-8") as f:
                source = f.read()
        except OSError:  # a frozen bundle without sources: import them all
            return names
        if f'"{command}"' in source or f"'{command}'" in source:
            found.append(name)
    return found


def _mark_parsers(parser: argparse.ArgumentParser) -> None:
    """Each (sub)command's parser stores itself in the namespace (the deepest wins), so an unknown argument is
    reported by the command it was given to ("cobranza: promise add: unrecognized arguments: ...")."""
    parser.set_defaults(_parser=parser)
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                _mark_parsers(sub)


def _parse(parser: argparse.ArgumentParser, argv):
    args, extra = parser.parse_known_args(argv)
    if extra:
        getattr(args, "_parser", parser).error(f"unrecognized arguments: {' '.join(extra)}")
    return args


def main(argv: list[str] | None = None) -> int:
    line = list(argv if argv is not None else sys.argv[1:])
    # the start (the command's modules, SQLAlchemy, the models) makes ~120,000 objects that live as long as
    # the process and no garbage: the cyclic collector, run every 700 allocations, walked them for nothing
    # (~15 % of the imports' time); it runs again for the command's own work
    collecting = gc.isenabled()
    gc.disable()
    try:
        parser = build_parser(line)
        args = _parse(parser, line)
        if not args.command:
            args = _parse(parser, [*line, "gui"])
    finally:
        if argv is None:  # the `cobranza` process: what the start made stays; later collections skip it
            gc.freeze()  # (every full collection while a command works walked it again: 0.15-0.2 s of
            # `forecast` and `tasks` at a million invoices)
        if collecting:
            gc.enable()
    if args.command != "gui":  # see app.database.SQLITE_MMAP_BYTES
        importlib.import_module("app.database").SQLITE_MMAP_BYTES = 0
        # the risk model's gradient boosting (score, demo) on one OpenMP thread: on two cores shared with
        # other work its spinning threads made `score` 43 s instead of 10 s at 1,000 customers (bench/run.py)
        os.environ.setdefault("OMP_NUM_THREADS", "1")
    from sqlalchemy.exc import OperationalError

    from app.ledger.errors import LedgerError

    try:
        return int(args.handler(args) or 0)
    except LedgerError as exc:  # a rule a command did not catch itself: still one line, exit 2
        print(f"cobranza: {exc}", file=sys.stderr)
        return 2
    except OperationalError as exc:
        if "database is locked" not in str(exc):
            raise
        # SQLite waited busy_timeout for another writer; the transaction was rolled back whole
        print("cobranza: another program is writing to the database (an import, a reminder run or the app); "
              "nothing was changed: try again when it has finished", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    finally:
        if argv is None:  # the `cobranza` process itself, which ends next: see _exit_soon
            _exit_soon()


def _exit_soon() -> None:
    """The interpreter's last garbage collection at exit walks every object still alive, for nothing the
    process needs (0.2 s after a 100,000-customer aging): they go to the collector's permanent generation."""
    gc.freeze()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
