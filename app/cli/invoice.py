"""`cobranza invoice void NUMBER --reason TEXT [--date D]`: void an invoice nothing is applied to.

A posted invoice is never deleted or edited: it is voided from a date, with a reason, and stays in the books
(before that date it still counts). With money applied the void is refused, naming what and the command
that takes it back (`cobranza payment unapply REF --invoice N`)."""

from __future__ import annotations

from ._correcting import done, run
from .common import iso_date


def register(subparsers) -> None:
    p = subparsers.add_parser("invoice", help="correct an invoice: void it")
    sub = p.add_subparsers(dest="invoice_command", metavar="ACTION", required=True)
    v = sub.add_parser("void", help="void an invoice nothing is applied to (it stays in the books, marked void)")
    v.add_argument("number", metavar="NUMBER", help="the invoice number")
    v.add_argument("--reason", required=True, help="why it is voided (kept in the audit log)")
    v.add_argument("--date", type=iso_date, metavar="YYYY-MM-DD", help="void from this date (default: today)")
    v.set_defaults(handler=void)


def void(args) -> int:
    from app.ledger.corrections import void_invoice

    return done(run(args, "invoice void",
                    lambda s: void_invoice(s, args.number, reason=args.reason, on_date=args.date)))
