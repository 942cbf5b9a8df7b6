"""`cobranza send-statement`: e-mail a customer its statement of account (the PDF attached), through the
SMTP settings the reminders use, and log the e-mail in the customer's history. The card's "Statement… →
Send by e-mail" calls the same functions (app/reminders/statement_mail.py).

cobranza send-statement CODE --as-of YYYY-MM-DD [--from YYYY-MM-DD] [--to ADDRESS]
"""

from __future__ import annotations

import argparse

from .arguments import add_as_of
from .common import fail, iso_date, open_session

EPILOG = """\
The message goes to the customer's e-mail address unless --to names another one; it is written in the
customer's language (es or en) and carries the statement as statement-CODE-YYYY-MM-DD.pdf. Nothing is
held locked while the SMTP server answers; once the server accepted the message it is logged as an e-mail
in the customer's history.

Exit codes: 0 sent, 1 the server could not be reached or refused the message, 2 bad input (unknown customer,
no address, no SMTP settings: `cobranza settings set smtp.host ...`).
"""


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "send-statement",
        help="e-mail a customer its statement of account (PDF attached) and log it",
        description="E-mail the statement of account as of a date to a customer, through the SMTP settings.",
        usage="%(prog)s CODE --as-of YYYY-MM-DD [--from YYYY-MM-DD] [--to ADDRESS]",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("code", metavar="CODE", help="the customer's code")
    add_as_of(p, "the statement date: documents and allocations dated later do not exist")
    p.add_argument("--from", dest="date_from", type=iso_date, metavar="YYYY-MM-DD",
                   help="first day of the period (default: the 1st of the month three months before --as-of)")
    p.add_argument("--to", metavar="ADDRESS", help="send to this address instead of the customer's")
    p.set_defaults(handler=run)


def run(args) -> int:
    from app.collections.activities import log_activity
    from app.ledger.errors import LedgerError
    from app.reminders.email_send import NoRecipientError, SendError
    from app.reminders.smtp_settings import EmailConfigError
    from app.reminders.statement_mail import deliver_statement, statement_email

    if args.date_from and args.date_from > args.as_of:
        fail(f"--from {args.date_from.isoformat()} is after --as-of {args.as_of.isoformat()}; "
             "the period must start on or before the statement date", 2)
    session = open_session(args, write=True)
    try:
        try:
            with session.begin():
                prepared = statement_email(session, args.code, as_of=args.as_of, date_from=args.date_from,
                                           to=args.to)
        except (LedgerError, EmailConfigError, NoRecipientError, ValueError) as exc:
            fail(str(exc), 2)
        try:
            sent = deliver_statement(prepared, args.as_of)  # no transaction open
        except SendError as exc:
            fail(f"not sent: {exc}", 1)
        with session.begin():
            log_activity(session, customer_code=sent.customer_code, channel="email", source="statement",
                         notes=f"Statement as of {sent.as_of.strftime('%d/%m/%Y')} sent to {sent.to}")
    finally:
        session.close()
    print(f"{sent.customer_code}\tsent to {sent.to}\t{sent.filename}\t{sent.message_id}")
    return 0
