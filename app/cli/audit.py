"""`cobranza audit [--customer CODE] [--since D] [--format table|json]`: the audit log, newest first: who
changed what, when and why."""

from __future__ import annotations

import json

from app.ledger.errors import LedgerError

from .common import fail, iso_date, open_session


def register(subparsers) -> None:
    p = subparsers.add_parser("audit", help="the audit log: who changed what, when and why")
    p.add_argument("--customer", metavar="CODE", help="only this customer and its documents")
    p.add_argument("--since", type=iso_date, metavar="YYYY-MM-DD", help="from this date (UTC)")
    p.add_argument("--until", type=iso_date, metavar="YYYY-MM-DD", help="up to this date (UTC)")
    p.add_argument("--user", help="only changes made by this user")
    p.add_argument("--document", metavar="NUMBER", help="an invoice or credit note number, payment reference or #ID")
    p.add_argument("--limit", type=int, default=1000, metavar="N", help="at most N entries (default 1000)")
    p.add_argument("--format", choices=("table", "json"), default="table", help="output format (default table)")
    p.set_defaults(handler=audit)


def audit(args) -> int:
    from app.ledger.corrections import list_audit

    session = open_session(args)
    try:
        try:
            rows = list_audit(session, customer_code=args.customer, since=args.since, until=args.until,
                              user=args.user, document=args.document, limit=max(args.limit, 1))
        except LedgerError as exc:
            fail(f"audit: {exc}", 2)
    finally:
        session.close()
    if args.format == "json":
        print(json.dumps([{"id": r.id, "at": r.at.isoformat(), "user": r.user, "action": r.action,
                           "entity": r.entity, "entity_id": r.entity_id, "document": r.document,
                           "customer": r.customer_code, "reason": r.reason, "summary": r.summary,
                           "before": r.before, "after": r.after} for r in rows], ensure_ascii=False, indent=2))
        return 0
    if not rows:
        print("no audit entries")
        return 0
    for r in rows:
        why = f"  ({r.reason})" if r.reason and r.reason not in r.summary else ""
        print(f"{r.at.strftime('%Y-%m-%d %H:%M')}  {r.user:<12} {r.action:<10} {r.document:<28} "
              f"{r.summary}{why}")
    return 0
