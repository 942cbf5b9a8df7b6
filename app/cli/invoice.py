"""`cobranza invoice void NUMBER --reason TEXT [--date D]`: void an invoice nothing is applied to.

A posted invoice is never deleted or edited: it is voided from a date, with a reason, and stays in the books
(before that date it still counts). With money applied the void is refused, naming what and the command
that takes it back (`cobranza payment unapply REF --invoice N`)."""

from __future__ import annotations

from ._correcting import add_void, done, run


def register(subparsers) -> None:
    p = subparsers.add_parser("invoice", help="correct an invoice: void it")
    sub = p.add_subparsers(dest="invoice_command", metavar="ACTION", required=True)
    add_void(sub, help="void an invoice nothing is applied to (it stays in the books, marked void)",
             dest="number", metavar="NUMBER", what="the invoice number", handler=void)


def void(args) -> int:
    from app.ledger.corrections import void_invoice

    return done(run(args, "invoice void",
                    lambda s: void_invoice(s, args.number, reason=args.reason, on_date=args.date)))
