"""`cobranza aging`: aged receivables as of a date, on the terminal or into a file.

cobranza aging --as-of YYYY-MM-DD [--basis due|issue] [--buckets 30,60,90] [--detail]
               [--currency CUR] [--customer CODE] [--format table|csv|json|xlsx|pdf] [-o FILE]
"""

from __future__ import annotations

import gc
import os
import sys

from .common import fail
from .arguments import read_report, report_parser

FORMATS = ("table", "csv", "json", "xlsx", "pdf")
BINARY = ("xlsx", "pdf")


def register(subparsers) -> None:
    p = report_parser(subparsers, "aging", help_text="aged receivables as of a date (table, CSV, JSON, Excel or PDF)",
                      description="Aged receivables as of a date, one row per customer and currency, from due lines.",
                      as_of="the report date: documents and allocations dated later do not exist",
                      formats=FORMATS, default="table", handler=run)
    p.add_argument("--basis", choices=("due", "issue"), default="due",
                   help="age by days past the due date (default) or since the invoice date")
    p.add_argument("--buckets", default="30,60,90", metavar="30,60,90",
                   help="ascending bucket limits in days (default 30,60,90)")
    p.add_argument("--detail", action="store_true", help="list the open items of each customer")
    p.add_argument("--currency", metavar="CUR", help="only this currency (ISO code)")
    p.add_argument("--customer", metavar="CODE", help="only this customer")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of the terminal")


def run(args) -> int:
    # a 100,000-customer report is about a million small objects, none in a reference cycle: the cyclic
    # collector, run every few hundred allocations over a growing heap, found nothing and took ~0.3 s of
    # the table's 1.3 s (restored afterwards for callers in the same process, the tests)
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _run(args)
    finally:
        if collecting:
            gc.enable()


def _run(args) -> int:
    from app.ledger import get_company
    from app.ledger.errors import LedgerError
    from app.ledger.money import check_currency
    from app.reports.aging import AgingOptionError, aging_report, parse_buckets

    try:
        buckets = parse_buckets(args.buckets)
        currency = check_currency(args.currency) if args.currency else None
    except AgingOptionError as exc:
        fail(str(exc), 2)
    except LedgerError:
        fail(f"--currency '{args.currency}' is not an ISO 4217 currency code (e.g. PEN, USD, CLP)", 2)
    if args.format in BINARY and not args.output:
        fail(f"--format {args.format} writes a file; name it with -o FILE.{args.format}", 2)

    report, company = read_report(args, lambda session: (
        aging_report(session, args.as_of, basis=args.basis, buckets=buckets, detail=args.detail, currency=currency,
                     customer_code=args.customer), get_company(session)), LedgerError)
    company_name = company.name if company else None
    locale = company.locale if company else "es_PE"

    if args.format == "xlsx":
        from app.reports.aging_xlsx import write_xlsx

        _write_file(args.output, lambda path: write_xlsx(report, path, company=company_name))
        return 0
    if args.format == "pdf":
        from app.reports.aging_pdf import write_pdf

        _write_file(args.output, lambda path: write_pdf(report, path, company=company_name, locale=locale))
        return 0

    from app.reports.aging_export import csv_text, format_table, write_json

    if args.format == "json":  # compact, streamed one customer at a time
        if args.output:
            _write_file(args.output, lambda path: _write_text(path, writer=lambda f: write_json(report, f)))
        else:
            write_json(report, sys.stdout)
        return 0
    if args.format == "csv":
        body = csv_text(report)
    else:
        body = format_table(report, locale=locale, company=company_name)
    if args.output:
        _write_file(args.output, lambda path: _write_text(path, body))
    else:
        sys.stdout.write(body)
    return 0


def _write_text(path: str, body: str = "", writer=None) -> None:
    tmp = path + ".tmp"
    try:
        with open(tmp, "w", encoding="utf-8", newline="") as f:
            if writer:
                writer(f)
            else:
                f.write(body)
    except BaseException:
        if os.path.exists(tmp):
            os.remove(tmp)
        raise
    os.replace(tmp, path)


def _write_file(path: str, write) -> None:
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        fail(f"cannot write {path}: the folder {folder} does not exist", 2)
    try:
        write(path)
    except OSError as exc:
        fail(f"cannot write {path}: {exc.strerror or exc}", 1)
    print(f"written {path}", file=sys.stderr)
