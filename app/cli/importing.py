"""`cobranza import customers|invoices|payments|credit-notes FILE [--dry-run] [--allow-far-dates]`.

A thin shell over app.importing.import_file: every problem is printed as FILE:LINE: column: problem
on stderr and the exit code is 2 with nothing written; success prints a one-line summary.
"""

from __future__ import annotations

import sys

from app.importing import KINDS, SPECS, import_file

from .common import fail, open_session


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "import", help="import customers, invoices, payments or credit notes from a CSV (UTF-8) or XLSX file",
        description="Import a CSV (UTF-8, header on line 1, ISO dates, '.' decimals) or XLSX file. "
                    "A file with any bad row imports nothing: every bad row is listed as FILE:LINE: column: problem.",
    )
    p.add_argument("kind", choices=KINDS, metavar="{" + ",".join(KINDS) + "}",
                   help="; ".join(f"{k}: {','.join(s.required + s.optional)}" for k, s in SPECS.items()))
    p.add_argument("file", metavar="FILE", help="a .csv or .xlsx file")
    p.add_argument("--dry-run", action="store_true", help="check every row and say what would be imported; write nothing")
    p.add_argument("--allow-far-dates", action="store_true",
                   help="accept document dates more than a year from today (without it such a row is refused, "
                        "as a likely typo in the year); dates outside 1900-2199 are always refused")
    p.set_defaults(handler=run)


def run(args) -> int:
    from sqlalchemy.exc import SQLAlchemyError

    session = open_session(args, write=True)
    try:
        result = import_file(session, args.kind, args.file, dry_run=args.dry_run,
                             allow_far_dates=args.allow_far_dates)
    except SQLAlchemyError as exc:  # locked or lost database: nothing was committed
        fail(f"database error, nothing was imported: {str(getattr(exc, 'orig', None) or exc).splitlines()[0]}")
    finally:
        session.close()
    for warning in result.warnings:
        print(f"cobranza: warning: {warning}", file=sys.stderr)
    if not result.ok:
        for message in result.messages():
            print(message, file=sys.stderr)
        count = len({p.line for p in result.problems if p.line > 1 and p.column != "file"})
        what = f"{count} bad row{'s' if count != 1 else ''}" if count else "the file cannot be imported"
        print(f"cobranza: {args.file}: {what}{'' if args.dry_run else '; nothing was imported'}", file=sys.stderr)
        return 2
    print(result.summary())
    return 0
