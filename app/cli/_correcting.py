"""What the correction commands (`invoice`, `payment`, `credit-note`, `write-off`) share: one unit of work
per command, rule errors as one line with exit 2 (nothing written), amounts read by the strict parser."""

from __future__ import annotations

from app.ledger.errors import LedgerError

from .common import fail, open_session


def run(args, command: str, work):
    """`work(session)` in one write transaction; a rule error is one line (`cobranza: COMMAND: ...`), exit 2,
    and the transaction is rolled back whole."""
    session = open_session(args, write=True)
    try:
        with session.begin():
            return work(session)
    except LedgerError as exc:
        fail(f"{command}: {exc}", 2)
    finally:
        session.close()


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
