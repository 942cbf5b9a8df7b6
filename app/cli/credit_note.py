"""`cobranza credit-note add CODE --amount A [--invoice N] [--date D] [--reason TEXT]`: a credit note against
an invoice (applied to it, at most what is open) or on account (the customer's unapplied credit).
`cobranza credit-note void NUMBER --reason TEXT [--date D]`: void one issued by mistake."""

from __future__ import annotations

from ._correcting import add_void, done, run
from .common import amount_option, iso_date


def register(subparsers) -> None:
    p = subparsers.add_parser("credit-note", help="issue a credit note (nota de crédito)")
    sub = p.add_subparsers(dest="credit_note_command", metavar="ACTION", required=True)
    a = sub.add_parser("add", help="a credit note against an invoice, or on account without --invoice")
    a.add_argument("customer_code", metavar="CODE", help="the customer's code")
    a.add_argument("--amount", required=True, metavar="A", help="e.g. 150.00, in the customer's locale")
    a.add_argument("--invoice", metavar="N", help="apply it to this invoice (default: on account)")
    a.add_argument("--date", type=iso_date, metavar="YYYY-MM-DD", help="its date (default: today)")
    a.add_argument("--reason", help="why (printed on statements, kept in the audit log)")
    a.add_argument("--number", metavar="NUMBER", help="its number (default: the next of the NC- series)")
    a.set_defaults(handler=add)
    add_void(sub, help="void a credit note: it is taken back from its invoices, it stays marked void",
             dest="number", metavar="NUMBER", what="the credit note's number", handler=void)


def void(args) -> int:
    from app.ledger.corrections import void_document

    return done(run(args, "credit-note void", lambda s: void_document(s, args.number, reason=args.reason,
                                                                      on_date=args.date, kinds=("credit_note",))))


def add(args) -> int:
    from app.ledger.corrections import issue_credit_note
    from app.ledger.customers import get_customer
    from app.ledger.invoices import get_invoice

    def work(s):
        currency = get_invoice(s, args.invoice).currency if args.invoice else get_customer(s, args.customer_code).currency
        return issue_credit_note(s, args.customer_code, amount_minor=amount_option(s, args.amount, currency),
                                 invoice_number=args.invoice, on_date=args.date, reason=args.reason,
                                 number=args.number)

    return done(run(args, "credit-note add", work))
