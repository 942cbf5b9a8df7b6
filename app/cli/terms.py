"""`cobranza terms list|add|edit|show|archive`: payment terms.

    cobranza terms add "30/70" --line 30%:15d --line 70%:45d
    cobranza terms add EOM45 --name "45 días fin de mes" --line 100%:eom+45d
    cobranza terms add DIA10 --line 100%:next-month-day-10 --discount 2%:10d
    cobranza terms show 30/70 --sample-date 2026-01-31 --sample-amount 1000.00
    cobranza terms archive NET90            (--restore brings it back)

The lines' forms are in app/ledger/terms.py and docs/terms.md. The same domain functions serve the
Settings → Payment terms tab.
"""

from __future__ import annotations

from app import config
from app.ledger import terms as terms_mod
from app.ledger.errors import LedgerError

from .common import amount_option, company_locale, fail, in_transaction, iso_date


def register(subparsers) -> None:
    p = subparsers.add_parser("terms", help="payment terms: list, add, edit, show (with a preview), archive",
                              description="Payment terms: lines of percent, fixed amount or the rest, due days "
                                          "after the invoice date, after the end of its month, or on a day of a "
                                          "later month; an optional early-payment discount. See docs/terms.md.")
    sub = p.add_subparsers(dest="terms_command", metavar="ACTION", required=True)
    ls = sub.add_parser("list", help="list payment terms (archived ones with --all)")
    ls.add_argument("--all", action="store_true", help="include archived terms")
    ls.set_defaults(handler=list_)

    line_help = ("a line AMOUNT:WHEN, repeatable, in order: 30%%:15d, 70%%:45d, 100%%:eom+45d, "
                 "100%%:next-month-day-10, rest:60d, '500.00 PEN:0d', 50%%:1m+15d")
    discount_help = "early-payment discount PERCENT%%:DAYSd, e.g. 2%%:10d (2 %% off if paid within 10 days)"
    add = sub.add_parser("add", help="create payment terms")
    add.add_argument("code", metavar="CODE", help="short code, e.g. 30/70 or NET30")
    add.add_argument("--name", help="name shown in lists (default: the code)")
    add.add_argument("--line", action="append", dest="lines", metavar="SPEC", required=True, help=line_help)
    add.add_argument("--discount", metavar="SPEC", help=discount_help)
    add.set_defaults(handler=add_)

    edit = sub.add_parser("edit", help="change the name, lines or discount (posted invoices keep theirs)")
    edit.add_argument("code", metavar="CODE")
    edit.add_argument("--name")
    edit.add_argument("--line", action="append", dest="lines", metavar="SPEC",
                      help=line_help + "; the lines given replace all the old ones")
    group = edit.add_mutually_exclusive_group()
    group.add_argument("--discount", metavar="SPEC", help=discount_help)
    group.add_argument("--no-discount", action="store_true", help="remove the early-payment discount")
    edit.set_defaults(handler=edit_)

    show = sub.add_parser("show", help="print terms and the due dates they give a sample invoice")
    show.add_argument("code", metavar="CODE")
    show.add_argument("--sample-date", type=iso_date, metavar="YYYY-MM-DD", help="invoice date (default today)")
    show.add_argument("--sample-amount", metavar="AMOUNT", default=None, help="invoice total (default 1000)")
    show.add_argument("--currency", metavar="CUR", help="currency of the sample (default the company's)")
    show.set_defaults(handler=show_)

    arch = sub.add_parser("archive", help="stop offering terms for new invoices and customers "
                                          "(documents keep them)")
    arch.add_argument("code", metavar="CODE")
    arch.add_argument("--restore", action="store_true", help="offer archived terms again")
    arch.set_defaults(handler=archive_)


def _company_currency(session) -> str:
    from app.ledger.company import get_company

    company = get_company(session)
    return (company.currency if company else None) or "PEN"


def _lines(session, specs):
    locale = company_locale(session)
    try:
        return [terms_mod.parse_line(spec, locale) for spec in specs]
    except LedgerError as exc:
        fail(f"--line: {exc}", 2)


def _discount(spec):
    try:
        return terms_mod.parse_discount(spec)
    except LedgerError as exc:
        fail(f"--discount: {exc}", 2)


def _describe(t) -> str:
    lines = "  ".join(line.spec for line in t.lines)
    discount = terms_mod.discount_spec(t.discount_percent, t.discount_days)
    extra = f"  discount {discount}" if discount else ""
    archived = "  (archived)" if t.archived else ""
    return f"{t.code:<12} {t.name:<24} {lines}{extra}{archived}"


def list_(args) -> int:
    rows = in_transaction(args, lambda session: terms_mod.list_terms(session, include_archived=args.all))
    for t in rows:
        print(_describe(t))
    return 0


def add_(args) -> int:
    def work(session):
        lines = _lines(session, args.lines)
        discount = _discount(args.discount)
        return terms_mod.create_terms(session, code=args.code, name=args.name or args.code, lines=lines,
                                      discount_percent=discount[0] if discount else None,
                                      discount_days=discount[1] if discount else None)

    view = in_transaction(args, work, write=True)
    print(f"created {_describe(view)}")
    return 0


def edit_(args) -> int:
    def work(session):
        changes = {}
        if args.lines:
            changes["lines"] = _lines(session, args.lines)
        if args.name is not None:
            changes["name"] = args.name
        if args.no_discount:
            changes.update(discount_percent=None, discount_days=None)
        elif args.discount:
            percent, days = _discount(args.discount)
            changes.update(discount_percent=percent, discount_days=days)
        return terms_mod.update_terms(session, args.code, **changes)

    view = in_transaction(args, work, write=True)
    print(f"updated {_describe(view)}")
    return 0


def show_(args) -> int:
    from app.ledger.money import check_currency, fmt

    def work(session):
        t = terms_mod.get_terms(session, args.code)
        locale = company_locale(session)
        fixed = next((line.currency for line in t.lines if line.kind == "fixed"), None)
        currency = check_currency(args.currency or fixed or _company_currency(session))
        amount = amount_option(session, args.sample_amount or "1000", currency, "sample-amount")
        day = args.sample_date or config.today()
        preview = terms_mod.preview_terms(t.lines, issue_date=day, total_minor=amount, currency=currency,
                                          discount_percent=t.discount_percent, discount_days=t.discount_days)
        return t, locale, currency, amount, day, preview

    t, locale, currency, amount, day, preview = in_transaction(args, work)
    print(_describe(t))
    print(f"sample invoice {day.isoformat()} for {fmt(amount, currency, locale)}:")
    for n, (due, part) in enumerate(preview.lines, start=1):
        print(f"  {n}. due {due.isoformat()}  {fmt(part, currency, locale):>16}")
    if preview.discount_until:
        print(f"  early payment: pay {fmt(preview.discounted_total_minor, currency, locale)} by "
              f"{preview.discount_until.isoformat()} (discount {fmt(preview.discount_minor, currency, locale)})")
    return 0


def archive_(args) -> int:
    view = in_transaction(args, lambda session: terms_mod.archive_terms(session, args.code,
                                                                        archived=not args.restore), write=True)
    print(f"{'restored' if args.restore else 'archived'} {view.code}")
    return 0
