"""`cobranza payment void|apply|unapply REF`: correct a payment (or credit note) already recorded.

REF is the payment's reference (its id as #ID when several payments share one) or a credit note's number.
Nothing is edited or deleted: unapplying writes a reversal dated the day of the correction (before it the
money was applied, from it on it is unapplied credit again); voiding reverses every allocation and marks
the payment void."""

from __future__ import annotations

from ._correcting import add_void, done, run
from .common import amount_option, iso_date

REF_HELP = "the payment's reference, #ID, or a credit note's number"


def register(subparsers) -> None:
    p = subparsers.add_parser("payment", help="correct a payment: void it, apply or unapply it")
    sub = p.add_subparsers(dest="payment_command", metavar="ACTION", required=True)
    add_void(sub, help="void a payment: its allocations are reversed, it stays marked void",
             dest="ref", metavar="REF", what="the payment's reference or #ID", handler=void)
    a = sub.add_parser("apply", help="apply a payment's (or credit note's) unapplied credit to an invoice")
    a.add_argument("ref", metavar="REF", help=REF_HELP)
    a.add_argument("--invoice", metavar="N", help="the invoice (default: oldest due first)")
    a.add_argument("--amount", metavar="A", help="how much (default: all the unapplied credit that fits)")
    a.add_argument("--date", type=iso_date, metavar="YYYY-MM-DD", help="applied from this date (default: today)")
    a.set_defaults(handler=apply_)
    u = sub.add_parser("unapply", help="take a payment (or credit note) back from an invoice or all: it "
                                       "becomes unapplied credit")
    u.add_argument("ref", metavar="REF", help=REF_HELP)
    u.add_argument("--invoice", metavar="N", help="only from this invoice (default: from all)")
    u.add_argument("--date", type=iso_date, metavar="YYYY-MM-DD", help="taken back from this date (default: today)")
    u.add_argument("--reason", help="why (kept in the audit log)")
    u.set_defaults(handler=unapply)


def void(args) -> int:
    from app.ledger.corrections import void_payment

    return done(run(args, "payment void", lambda s: void_payment(s, args.ref, reason=args.reason, on_date=args.date)))


def apply_(args) -> int:
    from app.ledger.corrections import apply, find_source

    def work(s):
        amount = None
        if args.amount is not None:
            _kind, doc = find_source(s, args.ref)
            amount = amount_option(s, args.amount, doc.currency)
        return apply(s, args.ref, invoice_number=args.invoice, amount_minor=amount, on_date=args.date)

    return done(run(args, "payment apply", work))


def unapply(args) -> int:
    from app.ledger.corrections import unapply as unapply_

    return done(run(args, "payment unapply", lambda s: unapply_(s, args.ref, invoice_number=args.invoice,
                                                                on_date=args.date, reason=args.reason)))
