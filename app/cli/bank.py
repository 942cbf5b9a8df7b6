"""`cobranza bank import|match|confirm|skip|reopen`: bank statements turned into payments.

    cobranza bank import FILE [--mapping NAME] [--currency CODE]
    cobranza bank match [--auto-confirm-exact] [--statement ID]
    cobranza bank confirm LINE [--suggestion N | --customer CODE [--invoice N ...] [--unapplied]]
    cobranza bank skip LINE --reason TEXT
    cobranza bank reopen LINE

A file that cannot be read is one line per problem (FILE:LINE: column: problem), exit 2, nothing stored;
a rule the ledger refuses (an invoice of another customer, a line confirmed already) one line, exit 2.
"""

from __future__ import annotations

import sys

from .common import fail, open_session

from app.banking.layouts import PRESETS

LAYOUT_NAMES = tuple(PRESETS)


def register(subparsers) -> None:
    p = subparsers.add_parser("bank", help="import bank statements and match their credits to open invoices")
    sub = p.add_subparsers(dest="bank_command", metavar="ACTION", required=True)
    i = sub.add_parser("import", help="import a statement (CSV, XLSX, CAMT.053 XML or OFX); its credit lines are "
                                      "stored once however often it is imported")
    i.add_argument("file", metavar="FILE")
    i.add_argument("--mapping", metavar="NAME", choices=LAYOUT_NAMES,
                   help="the bank's layout: " + ", ".join(LAYOUT_NAMES) + " (default: found from the header)")
    i.add_argument("--currency", metavar="CODE", help="the account's currency when the file does not say "
                                                      "(default: the layout's, e.g. PEN for BCP)")
    i.set_defaults(handler=import_)
    m = sub.add_parser("match", help="list the new credit lines with suggested matches and their reasons")
    m.add_argument("--auto-confirm-exact", action="store_true",
                   help="confirm every line whose best match is exact (customer named, amount settles the "
                        "invoice) and unrivalled")
    m.add_argument("--statement", type=int, metavar="ID", help="only the lines of this import")
    m.set_defaults(handler=match)
    c = sub.add_parser("confirm", help="turn a line into a payment: a suggestion, or your own choice")
    c.add_argument("line", type=int, metavar="LINE", help="the line's number (as `bank match` lists it)")
    c.add_argument("--suggestion", type=int, metavar="N", default=None,
                   help="confirm suggestion N of the line (default: the first, when no --customer)")
    c.add_argument("--customer", metavar="CODE", help="the paying customer (instead of a suggestion)")
    c.add_argument("--invoice", metavar="N", action="append", default=None,
                   help="apply to this invoice (repeat for several, in order); without: oldest due first")
    c.add_argument("--unapplied", action="store_true", help="keep it all as the customer's unapplied credit")
    c.add_argument("--method", default="transfer", help="payment method (default: transfer)")
    c.set_defaults(handler=confirm)
    s = sub.add_parser("skip", help="leave a line out of matching (a loan, a refund, an internal transfer)")
    s.add_argument("line", type=int, metavar="LINE")
    s.add_argument("--reason", required=True, help="why (kept with the line and in the audit log)")
    s.set_defaults(handler=skip)
    r = sub.add_parser("reopen", help="bring a skipped line back to be matched")
    r.add_argument("line", type=int, metavar="LINE")
    r.set_defaults(handler=reopen)


def _write(args, command: str, work):
    from app.ledger.errors import LedgerError

    session = open_session(args, write=True)
    try:
        with session.begin():
            return work(session)
    except LedgerError as exc:
        fail(f"bank {command}: {exc}", 2)
    finally:
        session.close()


def import_(args) -> int:
    from sqlalchemy.exc import SQLAlchemyError

    from app.banking import FileProblem, StatementError, import_statement
    from app.ledger.errors import LedgerError

    session = open_session(args, write=True)
    try:
        with session.begin():
            result = import_statement(session, args.file, layout=args.mapping, currency=args.currency)
    except FileProblem as exc:
        fail(f"{args.file}:{exc.line}: {exc.column}: {exc.message}", 2)
    except StatementError as exc:
        for p in exc.problems:
            print(f"{args.file}:{p.line}: {p.column}: {p.message}", file=sys.stderr)
        fail(f"{args.file}: {len(exc.problems)} bad row{'s' if len(exc.problems) != 1 else ''}; nothing was imported", 2)
    except LedgerError as exc:
        fail(str(exc), 2)
    except SQLAlchemyError as exc:
        fail(f"database error, nothing was imported: {str(getattr(exc, 'orig', None) or exc).splitlines()[0]}")
    finally:
        session.close()
    print(result.summary())
    return 0


def _print_matches(matches) -> None:
    from app.ledger.money import to_str

    for m in matches:
        ln = m.line
        print(f"#{ln.id}  {ln.date.isoformat()}  {to_str(ln.amount_minor, ln.currency):>14} {ln.currency}  "
              f"{ln.description}" + (f"  [ref {ln.reference}]" if ln.reference else ""))
        if not m.suggestions:
            print("    no suggestion: `cobranza bank confirm "
                  f"{ln.id} --customer CODE [--invoice N]` or `cobranza bank skip {ln.id} --reason ...`")
        for n, s in enumerate(m.suggestions, start=1):
            invoices = ", ".join(f"{num} {to_str(a, ln.currency)}" for num, a in s.invoices) or "nothing open"
            flag = "exact" if m.exact is s else f"score {s.score}"
            print(f"    {n}. {s.customer_code} {s.customer_name}: {invoices}  ({flag})")
            print(f"       because: {'; '.join(r.text for r in s.reasons)}")
        if m.note:
            print(f"    note: {m.note}")


def match(args) -> int:
    from app.banking import auto_confirm_exact, match_lines

    if args.auto_confirm_exact:
        done = _write(args, "match", lambda s: auto_confirm_exact(s, match_lines(s, statement_id=args.statement)))
        for c in done:
            print(f"confirmed {c.summary}")
        print(f"{len(done)} line{'s' if len(done) != 1 else ''} confirmed as exact matches")
    session = open_session(args)
    try:
        matches = match_lines(session, statement_id=args.statement)
    finally:
        session.close()
    if not matches:
        print("no new credit lines to match")
        return 0
    _print_matches(matches)
    print(f"{len(matches)} line{'s' if len(matches) != 1 else ''} to confirm or skip: "
          "`cobranza bank confirm LINE [--suggestion N]`, `cobranza bank skip LINE --reason TEXT`")
    return 0


def confirm(args) -> int:
    from app.banking import confirm_line, confirm_suggestion, match_lines
    from app.ledger.errors import LedgerError

    if args.customer is None and (args.invoice or args.unapplied):
        fail("bank confirm: --invoice and --unapplied need --customer CODE", 2)
    if args.customer is not None and args.suggestion is not None:
        fail("bank confirm: give either --suggestion N or --customer CODE, not both", 2)
    if args.invoice and args.unapplied:
        fail("bank confirm: give either --invoice or --unapplied, not both", 2)

    def work(session):
        if args.customer is not None:
            invoices = [] if args.unapplied else args.invoice
            return confirm_line(session, args.line, customer_code=args.customer, invoice_numbers=invoices,
                                method=args.method)
        found = match_lines(session, line_ids=[args.line])
        if not found:
            from app.banking.statements import get_line_row

            line = get_line_row(session, args.line)  # unknown: says so; known: not new
            raise LedgerError(f"Bank line {line.id} is {line.status}; only a new line can be confirmed.", field="line")
        return confirm_suggestion(session, found[0], (args.suggestion or 1) - 1, method=args.method)

    print(f"confirmed {_write(args, 'confirm', work).summary}")
    return 0


def skip(args) -> int:
    from app.banking import skip_line

    line = _write(args, "skip", lambda s: skip_line(s, args.line, reason=args.reason))
    print(f"bank line {line.id} skipped: {line.note}")
    return 0


def reopen(args) -> int:
    from app.banking import reopen_line

    line = _write(args, "reopen", lambda s: reopen_line(s, args.line))
    print(f"bank line {line.id} is new again")
    return 0
