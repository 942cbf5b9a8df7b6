"""`cobranza statement`: statements of account as PDF, for one customer or for every customer with a balance.

cobranza statement CODE --as-of YYYY-MM-DD [--from YYYY-MM-DD] -o FILE.pdf
cobranza statement --all --as-of YYYY-MM-DD [--from YYYY-MM-DD] -o DIR
"""

from __future__ import annotations

import argparse
import sys

from .common import fail, iso_date, open_session, progress_line
from .arguments import add_as_of

EPILOG = """\
One customer: the PDF is written to FILE.pdf, in the customer's language (es or en).

Batch (--all): every customer whose balance as of --as-of is not zero in some currency gets
  DIR/statement-CODE-YYYY-MM-DD.pdf
and all of them are also put, in customer-code order, into one file for printing,
  DIR/statements-YYYY-MM-DD-all.pdf
(page numbers restart for each customer). DIR is created if needed. The files are written to a
temporary folder first and moved into DIR only when all are done: a failed batch leaves nothing behind.

Period: movements from --from to --as-of (both included). Without --from the period starts on the
first day of the month three months before the --as-of month (--as-of 2026-06-30 -> 2026-03-01);
the opening balance is the ledger balance at the end of the day before the period starts. The closing
balance is the ledger balance as of --as-of, one section per currency.

Exit codes: 0 written, 1 error writing, 2 bad input (unknown customer, bad dates; nothing written).
"""


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "statement",
        help="statement of account PDF for a customer, or for all customers with a balance (--all)",
        description="Statement of account as of a date: opening balance, movements of the period, closing "
                    "balance, open items with days overdue and an aging table, per currency.",
        usage="%(prog)s CODE --as-of YYYY-MM-DD [--from YYYY-MM-DD] -o FILE.pdf\n"
              "       %(prog)s --all --as-of YYYY-MM-DD [--from YYYY-MM-DD] -o DIR",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("code", nargs="?", metavar="CODE", help="the customer's code (or use --all)")
    p.add_argument("--all", action="store_true", help="every customer with a non-zero balance as of --as-of")
    add_as_of(p, "the statement date: documents and allocations dated later do not exist")
    p.add_argument("--from", dest="date_from", type=iso_date, metavar="YYYY-MM-DD",
                   help="first day of the period (default: the 1st of the month three months before --as-of)")
    p.add_argument("-o", "--output", required=True, metavar="FILE.pdf|DIR",
                   help="the PDF file (one customer) or the folder (--all)")
    p.set_defaults(handler=run)


def _money_summary(result, locale: str) -> str:
    from app.ledger.money import fmt

    return ", ".join(f"{t.currency} {fmt(t.closing_minor, t.currency, locale, symbol=False)}" for t in result.totals)


def run(args) -> int:
    from pathlib import Path

    from app.ledger import get_company
    from app.ledger.errors import LedgerError
    from app.reports.statement import (StatementLayoutError, combined_filename, render_statement,
                                       render_statements)

    if args.all and args.code:
        fail(f"give either a customer code ('{args.code}') or --all, not both", 2)
    if not args.all and not args.code:
        fail("name the customer (cobranza statement CODE ...) or use --all for every customer with a balance", 2)
    if args.date_from and args.date_from > args.as_of:
        fail(f"--from {args.date_from.isoformat()} is after --as-of {args.as_of.isoformat()}; "
             "the period must start on or before the statement date", 2)
    out = Path(args.output)
    if args.all and out.exists() and not out.is_dir():
        fail(f"-o {args.output} is a file; with --all name a folder for the statements", 2)
    if not args.all and out.is_dir():
        fail(f"-o {args.output} is a folder; name the PDF file to write, e.g. -o {args.code}.pdf", 2)

    skipped: list[StatementLayoutError] = []
    session = open_session(args)
    try:
        company = get_company(session)
        locale = company.locale if company else "es_PE"
        try:
            if args.all:
                line = progress_line("statements")  # on stderr, when it is a terminal
                results = render_statements(session, as_of=args.as_of, date_from=args.date_from, out_dir=out,
                                            skipped=skipped, progress=line)
                if line is not None:
                    line.end()
            else:
                results = [render_statement(session, args.code, as_of=args.as_of, date_from=args.date_from,
                                            out=out)]
        except LedgerError as exc:
            fail(str(exc), 2)
        except OSError as exc:
            fail(f"cannot write {args.output}: {exc.strerror or exc}", 1)
    finally:
        session.close()

    for r in results:
        print(f"{r.customer_code}\t{r.pages} page(s)\t{_money_summary(r, locale)}\t{r.path}")
    for problem in skipped:  # everyone else's statements were written; this one was not
        print(f"cobranza: skipped {problem.customer_code}: {problem}", file=sys.stderr)
    if args.all:
        if results:
            print(f"{len(results)} statement(s); all in one file: {out / combined_filename(args.as_of)}")
        else:
            print(f"no customer has a balance as of {args.as_of.isoformat()}; nothing written", file=sys.stderr)
    return 0
