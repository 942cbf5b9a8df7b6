"""`cobranza reminders`: what the runs stored, and acting on it afterwards.

    cobranza reminders history [--state STATE] [--customer CODE] [--limit N] [--format json|table]
    cobranza reminders approve ID [ID ...]
    cobranza reminders cancel ID --reason TEXT
    cobranza reminders release ID [ID ...] [--mark-sent]
    cobranza reminders whatsapp [--open ID]

(`cobranza remind` performs or previews a run; this command is kept apart so that contract stays exact.)
"""

from __future__ import annotations

import json

from app import config
from app.ledger.money import to_str
from app.reminders.words import status_text

from .arguments import record_id, whole_number
from .common import open_session

STATES = ("draft", "queued", "sending", "sent", "failed", "cancelled")


def register(subparsers) -> None:
    p = subparsers.add_parser("reminders", help="stored reminders: history, approve drafts, cancel, WhatsApp chats")
    sub = p.add_subparsers(dest="reminders_command", required=True, metavar="{history,approve,cancel,release,whatsapp}")
    h = sub.add_parser("history", help="the latest reminders, newest first")
    h.add_argument("--state", choices=STATES)
    h.add_argument("--customer", metavar="CODE")
    h.add_argument("--limit", type=whole_number(1, 1_000_000), default=100)
    h.add_argument("--format", choices=("json", "table"), default="table")
    h.set_defaults(handler=run_history)
    a = sub.add_parser("approve", help="approve drafts: they go out with the next run or outbox pass")
    a.add_argument("ids", metavar="ID", type=record_id, nargs="+")
    a.set_defaults(handler=run_approve)
    c = sub.add_parser("cancel", help="cancel a draft, queued or failed reminder")
    c.add_argument("id", metavar="ID", type=record_id)
    c.add_argument("--reason", required=True)
    c.set_defaults(handler=run_cancel)
    r = sub.add_parser("release", help="e-mails that may have been sent (left 'sending' by an interrupted run): "
                                       "after checking the mailbox, put them back in the queue, or --mark-sent")
    r.add_argument("ids", metavar="ID", type=record_id, nargs="+")
    r.add_argument("--mark-sent", action="store_true",
                   help="record them as sent (they did go out) instead of sending them again")
    r.set_defaults(handler=run_release)
    w = sub.add_parser("whatsapp", help="the WhatsApp chats waiting to be opened (with --open: open one and "
                                        "record it as opened)")
    w.add_argument("--open", type=record_id, metavar="ID", dest="open_id")
    w.set_defaults(handler=run_whatsapp)


def _as_dict(r) -> dict:
    return {"id": r.id, "run_id": r.run_id, "as_of": r.as_of.isoformat(), "customer_code": r.customer_code,
            "level": r.level_key, "channels": list(r.channels), "state": r.state,
            "amount": to_str(r.amount_minor, r.currency), "currency": r.currency,
            "sent_at": r.sent_at.isoformat() if r.sent_at else None,
            "send_at": r.send_at.isoformat() if r.send_at else None, "pending": list(r.pending_channels),
            "items": [ln.invoice_number for ln in r.lines], "error": r.error, "file": r.file_path,
            "message_id": r.message_id, "may_have_been_sent": r.state == "sending",
            "status": status_text(r.state, r.channels, r.pending_channels)}


def run_history(args) -> int:
    from app.reminders.run import recent_reminders

    session = open_session(args)
    with session, session.begin():
        rows = recent_reminders(session, limit=args.limit, state=args.state, customer_code=args.customer)
    if args.format == "json":
        print(json.dumps([_as_dict(r) for r in rows], ensure_ascii=False, indent=2))
        return 0
    for r in rows:
        state = (f"may have been sent ({r.message_id}); check the mailbox, then `cobranza reminders "
                 f"release {r.id}` or add --mark-sent" if r.state == "sending"
                 else status_text(r.state, r.channels, r.pending_channels))
        print(f"{r.id:>6}  {r.as_of.isoformat()}  {r.customer_code:<10} {r.level_key:<10} {','.join(r.channels):<16}"
              f" {to_str(r.amount_minor, r.currency):>14} {r.currency}  {state}"
              + (f"  {r.error}" if r.error else ""))
    return 0


def run_release(args) -> int:
    from app.reminders.outbox import release_reminders

    session = open_session(args, write=True)
    with session, session.begin():
        n = release_reminders(session, args.ids, mark_as_sent=args.mark_sent, now=config.now())
    print(f"{n} reminder(s) " + ("recorded as sent" if args.mark_sent else
                                 "back in the queue: the next run or outbox pass sends them (same Message-ID)"))
    return 0


def run_approve(args) -> int:
    from app.reminders.run import approve_reminders

    session = open_session(args, write=True)
    with session, session.begin():
        n = approve_reminders(session, args.ids, at=config.now())
    print(f"{n} draft(s) approved" + ("" if n == len(args.ids) else
                                       f"; {len(args.ids) - n} were not drafts and were left as they are"))
    return 0 if n else 2


def run_cancel(args) -> int:
    from app.reminders.run import cancel_reminder

    session = open_session(args, write=True)
    with session, session.begin():
        cancel_reminder(session, args.id, reason=args.reason)
    print(f"reminder {args.id} cancelled")
    return 0


def run_whatsapp(args) -> int:
    from app.reminders.whatsapp_send import open_whatsapp_reminder, pending_whatsapp_links

    session = open_session(args, write=True)
    now = config.now()
    with session, session.begin():
        if args.open_id is not None:
            print(open_whatsapp_reminder(session, args.open_id, at=now))
            return 0
        links = pending_whatsapp_links(session, now)
    for rid, code, link in links:
        print(f"{rid}\t{code}\t{link}")
    if not links:
        print("no WhatsApp chats waiting")
    return 0
