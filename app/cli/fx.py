"""`cobranza fx`: exchange rates by date, used to rank amounts in different currencies.

cobranza fx set CUR RATE [--date YYYY-MM-DD]      # RATE = company-currency units per one CUR, e.g. 3.75
cobranza fx list [--currency CUR] [--format table|json]

A rate applies from its date until the next rate of that currency. Reports stay in each currency; rates
only rank customers (by balance, overdue), top debtors and Today's tasks in the company's currency.
"""

from __future__ import annotations

import json

from app import config
from app.ledger.errors import LedgerError

from .common import fail, iso_date, open_session


def register(subparsers) -> None:
    p = subparsers.add_parser("fx", help="exchange rates by date (to rank amounts in other currencies)")
    sub = p.add_subparsers(dest="fx_command", metavar="ACTION", required=True)
    s = sub.add_parser("set", help="record the rate of a currency from a date on",
                       description="RATE is how many units of the company's currency one unit of CUR is worth, "
                                   "written with a point: 3.75, 0.00092.")
    s.add_argument("currency", metavar="CUR", help="ISO 4217 code, e.g. USD")
    s.add_argument("rate", metavar="RATE", help="company-currency units per one CUR, e.g. 3.75")
    s.add_argument("--date", type=iso_date, metavar="YYYY-MM-DD", help="valid from this date (default: today)")
    s.set_defaults(handler=set_)
    ls = sub.add_parser("list", help="print the recorded rates")
    ls.add_argument("--currency", metavar="CUR", help="only this currency")
    ls.add_argument("--format", choices=("table", "json"), default="table", help="output format (default table)")
    ls.set_defaults(handler=list_)


def set_(args) -> int:
    from app.ledger.fx import company_currency, set_rate

    date = args.date or config.today()
    session = open_session(args, write=True)
    try:
        with session.begin():
            view = set_rate(session, args.currency, args.rate, date)
            home = company_currency(session)
    except LedgerError as exc:
        where = f"{exc.field}: " if exc.field else ""
        fail(f"fx set: {where}{exc}", 2)
    finally:
        session.close()
    print(f"{view.currency} {view.rate_date.isoformat()} 1 {view.currency} = {_plain(view.rate)} {home}")
    return 0


def _plain(rate) -> str:
    return format(rate.normalize(), "f")


def list_(args) -> int:
    from app.ledger.fx import company_currency, list_rates

    session = open_session(args)
    try:
        try:
            rates = list_rates(session, args.currency)
        except LedgerError as exc:
            fail(f"fx list: {exc}", 2)
        home = company_currency(session)
    finally:
        session.close()
    if args.format == "json":
        print(json.dumps({"company_currency": home, "rates": [
            {"currency": r.currency, "date": r.rate_date.isoformat(), "rate": _plain(r.rate)} for r in rates]},
            ensure_ascii=False, indent=2))
        return 0
    if not rates:
        print(f"no exchange rates (set one with: cobranza fx set USD 3.75 --date {config.today().isoformat()})")
        return 0
    print(f"{'currency':<8} {'from':<10} rate ({home} per unit)")
    for r in rates:
        print(f"{r.currency:<8} {r.rate_date.isoformat():<10} {_plain(r.rate)}")
    return 0
