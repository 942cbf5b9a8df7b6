"""`cobranza balance CUSTOMER_CODE [--as-of DATE] [--format table|json]`: what a customer owes as of a date.

Per currency: open items, unapplied credit and balance (open items minus unapplied credit); the table
also lists the open items. JSON amounts are decimal strings with the currency's digits.
"""

from __future__ import annotations

import json

from app import config
from app.ledger import customer_balance, get_customer, open_items
from app.ledger.errors import LedgerError
from app.ledger.money import to_str

from .common import fail, iso_date, open_session


def register(subparsers) -> None:
    p = subparsers.add_parser("balance", help="a customer's open items, unapplied credit and balance as of a date")
    p.add_argument("customer_code", metavar="CUSTOMER_CODE")
    p.add_argument("--as-of", type=iso_date, metavar="DATE", help="YYYY-MM-DD (default: today)")
    p.add_argument("--format", choices=["table", "json"], default="table")
    p.set_defaults(handler=run)


def balance_data(session, customer_code: str, as_of) -> dict:
    """The JSON document: plain values only, amounts as decimal strings."""
    customer = get_customer(session, customer_code)
    balances = customer_balance(session, customer.code, as_of)
    items = open_items(session, customer.code, as_of)
    return {
        "customer_code": customer.code,
        "name": customer.name,
        "as_of": as_of.isoformat(),
        "balances": [
            {"currency": b.currency, "open_items": to_str(b.open_items_minor, b.currency),
             "unapplied_credit": to_str(b.unapplied_credit_minor, b.currency),
             "balance": to_str(b.balance_minor, b.currency)}
            for b in balances
        ],
        "open_items": [
            {"invoice": i.invoice_number, "issue_date": i.issue_date.isoformat(), "due_date": i.due_date.isoformat(),
             "days_overdue": max(i.days_overdue, 0), "amount": to_str(i.amount_minor, i.currency),
             "open": to_str(i.open_minor, i.currency), "disputed": i.disputed, "currency": i.currency}
            for i in items
        ],
    }


def _table(rows: list[list[str]], right: set[int]) -> list[str]:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    out = []
    for r in rows:
        cells = [c.rjust(widths[i]) if i in right else c.ljust(widths[i]) for i, c in enumerate(r)]
        out.append("  ".join(cells).rstrip())
    return out


def render_table(data: dict) -> str:
    lines = [f"{data['customer_code']}  {data['name']}", f"balance as of {data['as_of']}", ""]
    if not data["balances"]:
        lines.append("no open items and no unapplied credit")
        return "\n".join(lines)
    lines += _table([["currency", "open items", "unapplied credit", "balance"]]
                    + [[b["currency"], b["open_items"], b["unapplied_credit"], b["balance"]] for b in data["balances"]],
                    right={1, 2, 3})
    if data["open_items"]:
        lines.append("")
        rows = [["invoice", "due date", "days overdue", "open", "currency", ""]]
        for i in data["open_items"]:
            rows.append([i["invoice"], i["due_date"], str(i["days_overdue"]), i["open"], i["currency"],
                         "disputed" if i["disputed"] else ""])
        lines += _table(rows, right={2, 3})
    return "\n".join(lines)


def run(args) -> int:
    as_of = args.as_of or config.today()
    session = open_session(args)
    try:
        with session.begin():
            data = balance_data(session, args.customer_code, as_of)
    except LedgerError as exc:
        fail(str(exc), code=2)
    finally:
        session.close()
    if args.format == "json":
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        print(render_table(data))
    return 0
