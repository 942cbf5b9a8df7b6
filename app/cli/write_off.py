"""`cobranza write-off CODE --invoice N [--amount A] --reason TEXT [--date D]`: give up what is open on an
invoice (or part of it) as uncollectable, with a reason."""

from __future__ import annotations

from ._correcting import done, run
from .common import amount_option, iso_date


def register(subparsers) -> None:
    p = subparsers.add_parser("write-off", help="write off what is left open on an invoice (castigo)")
    p.add_argument("customer_code", metavar="CODE", help="the customer's code")
    p.add_argument("--invoice", required=True, metavar="N", help="the invoice")
    p.add_argument("--amount", metavar="A", help="how much (default: all that is open)")
    p.add_argument("--reason", required=True, help="why (kept with the write-off and in the audit log)")
    p.add_argument("--date", type=iso_date, metavar="YYYY-MM-DD", help="its date (default: today)")
    p.set_defaults(handler=write_off)


def write_off(args) -> int:
    from app.ledger.corrections import write_off_remainder
    from app.ledger.invoices import get_invoice

    def work(s):
        amount = amount_option(s, args.amount, get_invoice(s, args.invoice).currency) if args.amount is not None else None
        return write_off_remainder(s, args.customer_code, invoice_number=args.invoice, reason=args.reason,
                                   amount_minor=amount, on_date=args.date)

    return done(run(args, "write-off", work))
