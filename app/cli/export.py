"""`cobranza export --all -o FILE.xlsx`: every customer, document and allocation in one workbook.

One sheet per table (customers, invoices, due lines, payments, credit notes, write-offs, allocations),
amounts as numbers with the currency's decimals, dates as dates: for the accountant.
"""

from __future__ import annotations

from pathlib import Path

from app.reports.export_all import export_all

from .common import fail, open_session, progress_line


def register(subparsers) -> None:
    p = subparsers.add_parser("export", help="export every customer, document and allocation to one .xlsx workbook")
    p.add_argument("--all", action="store_true", required=True, help="everything (the only export for now)")
    p.add_argument("-o", "--output", metavar="FILE.xlsx", required=True, help="the workbook to write")
    p.add_argument("--lang", choices=("es", "en"), help="sheet and column names (default: the app's language)")
    p.set_defaults(handler=run)


def run(args) -> int:
    target = Path(args.output).expanduser()
    if target.suffix.lower() != ".xlsx":
        fail(f"export: {args.output}: the file name must end in .xlsx", 2)
    if target.is_dir():
        fail(f"export: {args.output} is a directory: give a file name ending in .xlsx", 2)
    session = open_session(args)
    line = None
    try:
        line = progress_line("exporting (rows)")  # on stderr, when it is a terminal
        with session.begin():  # one read transaction: a consistent picture of the books
            summary = export_all(session, target, lang=args.lang, progress=line)
    except OSError as exc:
        fail(f"export: cannot write {target}: {exc.strerror or exc}", 2)
    finally:
        if line is not None:
            line.end()
        session.close()
    print(f"wrote {summary.path}: " + ", ".join(f"{n} {k.replace('_', ' ')}" for k, n in summary.rows.items()))
    return 0
