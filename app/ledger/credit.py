"""Credit control: whether a new invoice for a customer should warn or be refused.

Settings (database-wide): `credit_control.mode` = off | warn | block (default warn) and
`credit_control.max_days_overdue` (default 60). A customer on credit hold, one whose open items plus
the new invoice pass its credit limit, or one with an item overdue more than the maximum, fails.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session

from .balances import open_items
from .company import get_setting
from .customers import get_customer_row
from .dates import check_range
from .errors import LedgerError
from .money import to_str

MODES = ("off", "warn", "block")
DEFAULT_MODE = "warn"
DEFAULT_MAX_DAYS = 60


class CreditBlockedError(LedgerError):
    field = "customer_code"


@dataclass(frozen=True)
class CreditCheck:
    mode: str
    reasons: tuple[str, ...]

    @property
    def blocked(self) -> bool:
        return self.mode == "block" and bool(self.reasons)


def credit_settings(session: Session) -> tuple[str, int]:
    mode = get_setting(session, "credit_control.mode", DEFAULT_MODE)
    try:
        days = int(get_setting(session, "credit_control.max_days_overdue", str(DEFAULT_MAX_DAYS)))
    except ValueError:
        days = DEFAULT_MAX_DAYS
    return (mode if mode in MODES else DEFAULT_MODE), days


def check_credit(session: Session, customer_code: str, *, amount_minor: int, currency: str,
                 as_of: dt.date) -> CreditCheck:
    check_range(as_of, "issue_date")  # never "1104409 days overdue" for an invoice dated 5050
    mode, max_days = credit_settings(session)
    if mode == "off":
        return CreditCheck(mode, ())
    customer = get_customer_row(session, customer_code)
    reasons = []
    if customer.on_hold:
        reasons.append(f"{customer.name} is on credit hold.")
    items = open_items(session, customer.code, as_of)
    if customer.credit_limit_minor is not None and currency == customer.currency:
        exposure = sum(i.open_minor for i in items if i.currency == currency) + int(amount_minor)
        if exposure > customer.credit_limit_minor:
            reasons.append(
                f"Open items plus this invoice come to {to_str(exposure, currency)} {currency}, over the credit "
                f"limit of {to_str(customer.credit_limit_minor, currency)} {currency}.")
    oldest = max((i.days_overdue for i in items if not i.disputed), default=0)
    if oldest > max_days:
        reasons.append(f"An invoice is {oldest} days overdue (the limit is {max_days} days).")
    return CreditCheck(mode, tuple(reasons))
