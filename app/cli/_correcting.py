"""What the correction commands (`invoice`, `payment`, `credit-note`, `write-off`) share: one unit of work
per command, rule errors as one line with exit 2 (nothing written), amounts read by the strict parser."""

from __future__ import annotations

from app.ledger.errors import LedgerError

from .common import fail, in_transaction, iso_date


def add_void(sub, *, help: str, dest: str, metavar: str, what: str, handler):
    """The `void` action every correction command has: the document, a required --reason (kept in the audit
    log) and --date (void from it, default today)."""
    v = sub.add_parser("void", help=help)
    v.add_argument(dest, metavar=metavar, help=what)
    v.add_argument("--reason", required=True, help="why it is voided (kept in the audit log)")
    v.add_argument("--date", type=iso_date, metavar="YYYY-MM-DD", help="void from this date (default: today)")
    v.set_defaults(handler=handler)
    return v


def run(args, command: str, work):
    """`work(session)` in one write transaction; a rule error is one line (`cobranza: COMMAND: ...`), exit 2,
    and the transaction is rolled back whole."""
    return in_transaction(args, work, write=True, command=command)


def money(session, text: str, currency: str, option: str = "amount") -> int:
    """An amount option read in the company's locale (app.ledger.amount_input); a refusal exits 2."""
    from app.ledger.amount_input import parse_amount
    from app.ledger.company import get_company

    company = get_company(session)
    try:
        return parse_amount(text or "", currency, (company.locale if company else None) or "es_PE")
    except LedgerError as exc:
        fail(f"--{option}: {exc}", 2)


def done(correction) -> int:
    print(correction.summary)
    return 0
