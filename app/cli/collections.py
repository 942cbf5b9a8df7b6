"""Collector commands: `agreement`, `promise`, `activity`, `dispute` and `tasks`."""

from __future__ import annotations

import json
import sys

from app import config
from app.ledger.errors import LedgerError
from app.ledger.money import exponent, to_decimal, to_str

from .arguments import add_allow_far_dates, record_id, whole_number
from .common import amount_option, fail, iso_date, open_session


def register(subparsers) -> None:
    ag = subparsers.add_parser("agreement", help="payment agreements (convenios de pago)")
    ag_sub = ag.add_subparsers(dest="agreement_command", metavar="ACTION", required=True)
    create = ag_sub.add_parser("create", help="reschedule open invoices into installments")
    create.add_argument("customer_code", metavar="CUSTOMER_CODE")
    create.add_argument("--invoices", required=True, help="invoice numbers, comma-separated: N1,N2")
    create.add_argument("--down", metavar="AMOUNT", help="down payment, due on --start (e.g. 500.00)")
    create.add_argument("--installments", type=whole_number(1, 120), required=True, metavar="N")
    create.add_argument("--every", required=True, choices=["week", "fortnight", "month"])
    create.add_argument("--start", type=iso_date, required=True, metavar="DATE",
                        help="first due date (the down payment's when there is one)")
    create.add_argument("--monthly-rate", default="0", metavar="PCT", help="simple interest per month, percent")
    create.add_argument("--grace-days", type=whole_number(0, 365), default=5, help="days after a due date before it counts as broken")
    create.add_argument("--format", choices=["table", "json"], default="table")
    add_allow_far_dates(create)
    create.set_defaults(handler=agreement_create)
    lst = ag_sub.add_parser("list", help="list agreements with their installments")
    lst.add_argument("--customer", metavar="CODE")
    lst.add_argument("--as-of", type=iso_date)
    lst.add_argument("--format", choices=["table", "json"], default="table")
    lst.set_defaults(handler=agreement_list)

    pdf = ag_sub.add_parser("pdf", help="print an agreement to PDF for signing")
    pdf.add_argument("number", metavar="NUMBER")
    pdf.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    pdf.add_argument("--lang", choices=["es", "en"], help="default: the customer's language")
    pdf.set_defaults(handler=agreement_pdf)

    pr = subparsers.add_parser("promise", help="promises to pay")
    pr_sub = pr.add_subparsers(dest="promise_command", metavar="ACTION", required=True)
    add = pr_sub.add_parser("add", help="record a promise to pay")
    add.add_argument("customer_code", metavar="CUSTOMER_CODE")
    add.add_argument("--date", type=iso_date, required=True)
    add.add_argument("--amount", required=True, metavar="AMOUNT")
    add.add_argument("--currency")
    add.add_argument("--invoices", default="", help="invoice numbers, comma-separated")
    add.add_argument("--more-than-owed", action="store_true",
                     help="accept an amount above what the customer owes (refused otherwise, as a likely typo)")
    add_allow_far_dates(add)
    add.set_defaults(handler=promise_add)

    ac = subparsers.add_parser("activity", help="the activity log (gestiones)")
    ac_sub = ac.add_subparsers(dest="activity_command", metavar="ACTION", required=True)
    add = ac_sub.add_parser("add", help="log a call, visit, e-mail, note ...")
    add.add_argument("customer_code", metavar="CUSTOMER_CODE")
    add.add_argument("--channel", required=True, help="call, email, letter, sms, whatsapp, visit or note")
    add.add_argument("--outcome", help="no_answer, contacted, promise, dispute, refused, wrong_number or paid")
    add.add_argument("--direction", default="out", choices=["out", "in"])
    add.add_argument("--note")
    add.add_argument("--next", type=iso_date, metavar="DATE", help="date of the next action")
    add.add_argument("--promise-date", type=iso_date, metavar="DATE", help="with --outcome promise")
    add.add_argument("--promise-amount", metavar="AMOUNT", help="with --outcome promise")
    add_allow_far_dates(add)
    add.set_defaults(handler=activity_add)

    di = subparsers.add_parser("dispute", help="disputed invoices")
    di_sub = di.add_subparsers(dest="dispute_command", metavar="ACTION", required=True)
    op = di_sub.add_parser("open", help="the customer disputes an invoice")
    op.add_argument("invoice_number", metavar="INVOICE")
    op.add_argument("--reason", required=True)
    op.add_argument("--amount", metavar="AMOUNT", help="the disputed part (default: the whole invoice)")
    op.set_defaults(handler=dispute_open)
    rs = di_sub.add_parser("resolve", help="close a dispute with a credit note or reject it")
    rs.add_argument("dispute_id", type=record_id, metavar="ID")
    rs.add_argument("--credit-note", metavar="NUMBER", help="resolve with a credit note of this number")
    rs.add_argument("--amount", metavar="AMOUNT", help="credit note amount (default: the disputed amount)")
    rs.add_argument("--reject", action="store_true", help="the customer owes the invoice as it was")
    rs.add_argument("--note")
    rs.set_defaults(handler=dispute_resolve)

    tk = subparsers.add_parser("tasks", help="today's collection tasks, most valuable first")
    tk.add_argument("--as-of", type=iso_date)
    tk.add_argument("--collector")
    tk.add_argument("--format", choices=["table", "json"], default="table")
    tk.set_defaults(handler=tasks)


def _run(args, work):
    """Run `work(session)` as one unit of work; rule errors become one line and exit 2."""
    session = open_session(args, write=True)
    try:
        with session.begin():
            return work(session)
    except LedgerError as exc:
        where = f" ({exc.field})" if exc.field else ""
        fail(f"{exc}{where}", code=2)
    finally:
        session.close()


def _check_far(args, **options) -> None:
    """A date argument more than a year from today is refused (one line, exit 2) without --allow-far-dates."""
    from app.ledger.dates import far_reason, is_far

    if getattr(args, "allow_far_dates", False):
        return
    for option, value in options.items():
        if value is not None and is_far(value):
            fail(f"--{option.replace('_', '-')} {far_reason(value)}", code=2)


def _customer_currency(session, code: str) -> str:
    from app.ledger.customers import get_customer

    return get_customer(session, code).currency


def _agreement_dict(a) -> dict:
    return {
        "number": a.number, "customer_code": a.customer_code, "currency": a.currency,
        "agreed_on": a.agreed_on.isoformat(), "frequency": a.frequency, "state": a.state,
        "invoices": list(a.invoices), "principal": to_str(a.principal_minor, a.currency),
        "interest": to_str(a.interest_minor, a.currency), "total": to_str(a.total_minor, a.currency),
        "paid": to_str(a.paid_minor, a.currency), "open": to_str(a.open_minor, a.currency),
        "monthly_rate": str(a.monthly_rate),
        "installments": [{"sequence": i.sequence, "due_date": i.due_date.isoformat(),
                          "amount": to_str(i.amount_minor, a.currency), "paid": to_str(i.paid_minor, a.currency),
                          "status": i.status} for i in a.installments],
    }


def _print_agreement(a) -> None:
    print(f"{a.number}  {a.customer_code}  {a.state}  {a.currency} total {to_str(a.total_minor, a.currency)}"
          f"  paid {to_str(a.paid_minor, a.currency)}  open {to_str(a.open_minor, a.currency)}"
          f"  invoices {','.join(a.invoices)}")
    for i in a.installments:
        label = "down" if i.sequence == 0 else f"#{i.sequence}"
        print(f"  {label:>5}  {i.due_date.isoformat()}  {to_str(i.amount_minor, a.currency):>14}"
              f"  {to_str(i.paid_minor, a.currency):>14}  {i.status}")


def agreement_create(args) -> int:
    from app.collections.agreements import create_agreement

    _check_far(args, start=args.start)

    def work(s):
        cur = _customer_currency(s, args.customer_code)
        return create_agreement(
            s, customer_code=args.customer_code, invoice_numbers=args.invoices.split(","),
            installments=args.installments, every=args.every, start=args.start,
            down_minor=amount_option(s, args.down, cur, "down") if args.down else 0, monthly_rate=args.monthly_rate,
            grace_days=args.grace_days)

    a = _run(args, work)
    if args.format == "json":
        print(json.dumps(_agreement_dict(a), ensure_ascii=False, indent=2))
    else:
        _print_agreement(a)
    return 0


def agreement_list(args) -> int:
    from app.collections.agreements import list_agreements
    from app.collections.tasks import evaluate_commitments

    def work(s):
        # states are today's: an agreement paid in full lists as completed, not active, as Today shows it
        evaluate_commitments(s, as_of=config.today())
        return list_agreements(s, customer_code=args.customer, as_of=args.as_of or config.today())

    rows = _run(args, work)
    if args.format == "json":
        print(json.dumps([_agreement_dict(a) for a in rows], ensure_ascii=False, indent=2))
    else:
        for a in rows:
            _print_agreement(a)
        if not rows:
            print("no agreements")
    return 0


def agreement_pdf(args) -> int:
    from app.collections.agreement_pdf import render_agreement_pdf

    path = _run(args, lambda s: render_agreement_pdf(s, args.number, args.output, lang=args.lang))
    print(f"wrote {path}")
    return 0


def promise_add(args) -> int:
    from app.collections.promises import add_promise

    _check_far(args, date=args.date)

    def work(s):
        cur = (args.currency or _customer_currency(s, args.customer_code)).upper()
        return add_promise(s, customer_code=args.customer_code, promised_date=args.date,
                           amount_minor=amount_option(s, args.amount, cur, "amount"), currency=cur,
                           invoice_numbers=[n for n in args.invoices.split(",") if n],
                           refuse_more_than_owed=not args.more_than_owed)

    p = _run(args, work)
    print(f"promise {p.id}: {p.customer_code} will pay {to_str(p.amount_minor, p.currency)} {p.currency}"
          f" by {p.promised_date.isoformat()}")
    return 0


def activity_add(args) -> int:
    from app.collections.activities import log_activity
    from app.reminders.contact_rules import warning_for_contact

    _check_far(args, next=args.next, promise_date=args.promise_date)

    def work(s):
        amount = None
        if args.promise_amount:
            amount = amount_option(s, args.promise_amount, _customer_currency(s, args.customer_code),
                            "promise-amount")
        return log_activity(s, customer_code=args.customer_code, channel=args.channel, outcome=args.outcome,
                            direction=args.direction, notes=args.note, next_action_date=args.next,
                            promise_date=args.promise_date, promise_amount_minor=amount,
                            contact_check=warning_for_contact, refuse_more_than_owed=True)

    a = _run(args, work)
    print(f"activity {a.id}: {a.channel} {a.outcome or ''} for {a.customer_code}".rstrip())
    if a.promise:
        print(f"promise {a.promise.id}: {to_str(a.promise.amount_minor, a.promise.currency)} "
              f"{a.promise.currency} by {a.promise.promised_date.isoformat()}")
    if a.warning:
        print(f"warning: {a.warning}", file=sys.stderr)
    return 0


def dispute_open(args) -> int:
    from app.collections.disputes import open_dispute
    from app.ledger.invoices import get_invoice

    def work(s):
        amount = amount_option(s, args.amount, get_invoice(s, args.invoice_number).currency, "amount") if args.amount else None
        return open_dispute(s, invoice_number=args.invoice_number, reason=args.reason, amount_minor=amount)

    d = _run(args, work)
    print(f"dispute {d.id}: invoice {d.invoice_number}, {to_str(d.amount_minor, d.currency)} {d.currency} — {d.reason}")
    return 0


def dispute_resolve(args) -> int:
    from app.collections.disputes import get_dispute, resolve_dispute

    if bool(args.credit_note) == bool(args.reject):
        fail("give either --credit-note NUMBER or --reject", code=2)

    def work(s):
        amount = None
        if args.amount:
            d = get_dispute(s, args.dispute_id)
            if d is not None:  # no such dispute: resolve_dispute says so
                amount = amount_option(s, args.amount, d.currency, "amount")
        return resolve_dispute(s, args.dispute_id, outcome="rejected" if args.reject else "credit", note=args.note,
                               credit_note_number=args.credit_note, credit_minor=amount)

    d = _run(args, work)
    print(f"dispute {d.id}: {d.status}" + (f" with credit note {d.credit_note_number}" if d.credit_note_number else ""))
    return 0


def tasks(args) -> int:
    from app.collections.tasks import evaluate_commitments, today_tasks
    from app.ledger.fx import company_currency

    as_of = args.as_of or config.today()

    def work(s):
        evaluate_commitments(s, as_of=as_of)
        return today_tasks(s, as_of=as_of, collector=args.collector), company_currency(s)

    rows, home = _run(args, work)
    if args.format == "json":  # json.dumps(ensure_ascii=False, indent=2) of the tasks, written field by field
        from .tasks_json import tasks_json

        print(tasks_json(as_of, home, rows))
    else:
        if not rows:
            print("nothing to do today")
        for t in rows:
            amount = f"{t.currency} {to_decimal(t.amount_minor, t.currency):,.{exponent(t.currency)}f}" \
                if t.currency else ""
            due = t.due_date.isoformat() if t.due_date else ""
            no_rate = f"  (no {t.currency} rate: ranked last)" if t.rate_missing else ""
            print(f"{t.kind:<18} {t.customer_code:<12} {t.customer_name[:30]:<30} {amount:>18} {due:<10} "
                  f"risk {t.risk:.2f}  {t.detail}{no_rate}")
    return 0
