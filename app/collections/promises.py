"""Promises to pay: a date and an amount the customer committed to, kept or broken by the payments."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app import config
from app.ledger import audit
from app.ledger.dates import check_range
from app.ledger.customers import get_customer_row
from app.ledger.errors import InvalidAmountError, InvalidValueError
from app.ledger.invoices import get_invoice_row
from app.ledger.money import check_currency
from app.models import POSTED, Customer, Payment, PromiseToPay


@dataclass(frozen=True)
class PromiseView:
    id: int
    customer_code: str
    made_on: dt.date
    promised_date: dt.date
    amount_minor: int
    currency: str
    invoices: tuple[str, ...]
    state: str
    state_date: dt.date | None
    paid_minor: int


def _paid_towards(session: Session, p: PromiseToPay, until: dt.date) -> int:
    """Payments of the customer in the promise's currency dated from the promise to `until`."""
    return int(session.scalar(
        select(func.coalesce(func.sum(Payment.amount_minor), 0)).where(
            Payment.customer_id == p.customer_id, Payment.currency == p.currency, Payment.status == POSTED,
            Payment.date >= p.made_on, Payment.date <= until)))


def _view(session: Session, p: PromiseToPay, code: str, as_of: dt.date) -> PromiseView:
    until = min(as_of, p.promised_date + dt.timedelta(days=p.grace_days))
    return PromiseView(p.id, code, p.made_on, p.promised_date, p.amount_minor, p.currency,
                       tuple(n for n in (p.invoice_numbers or "").split(",") if n), p.state, p.state_date,
                       _paid_towards(session, p, until))


def _check_owed(session: Session, customer: Customer, currency: str, amount: int, as_of: dt.date,
                allow_more: bool) -> None:
    """A promise is to pay a debt: in a currency the customer uses (theirs, or one they have documents in), and
    not for more than they owe in it as of `as_of` unless `allow_more` (it also covers invoices not entered yet)."""
    from app.ledger.balances import customer_balance
    from app.ledger.money import fmt

    balances = {b.currency: b.balance_minor for b in customer_balance(session, customer.code, as_of)}
    if currency != customer.currency and currency not in balances:
        used = ", ".join(sorted({customer.currency, *balances}))
        raise InvalidValueError(f"Customer {customer.code} has no documents in {currency} (they use {used}): record "
                                "the promise in the currency of the debt.", field="currency")
    owed = max(balances.get(currency, 0), 0)
    if amount > owed and not allow_more:
        def money(v: int) -> str:
            return f"{currency} {fmt(v, currency, 'en', symbol=False)}"

        raise InvalidAmountError(
            amount, f"The promised {money(amount)} is more than the {money(owed)} customer {customer.code} owes as "
                    f"of {as_of.isoformat()}; correct the amount, or confirm it (--more-than-owed) if it also "
                    "covers invoices not entered yet.")


def add_promise(
    session: Session,
    *,
    customer_code: str,
    promised_date: dt.date,
    amount_minor: int,
    currency: str | None = None,
    invoice_numbers: Sequence[str] = (),
    activity_id: int | None = None,
    made_on: dt.date | None = None,
    grace_days: int = 2,
    refuse_more_than_owed: bool = False,
) -> PromiseView:
    """Record a promise in a currency the customer uses. What a person types (the CLI, the Today dialog)
    passes `refuse_more_than_owed`: an amount above what the customer owes as of `made_on` is then refused
    (the CLI's --more-than-owed confirms it, for a promise that also covers invoices not entered yet)."""
    customer = get_customer_row(session, customer_code)
    made_on = check_range(made_on or config.today(), "made_on")
    check_range(promised_date, "date")
    if int(amount_minor) <= 0:
        raise InvalidAmountError(amount_minor, "The promised amount must be greater than zero.")
    if promised_date < made_on:
        raise InvalidValueError(f"The promised date {promised_date.isoformat()} is in the past.", field="date")
    currency = check_currency(currency or customer.currency)
    _check_owed(session, customer, currency, int(amount_minor), made_on, not refuse_more_than_owed)
    numbers = []
    for n in invoice_numbers:
        if n and n.strip():
            inv = get_invoice_row(session, n)
            if inv.customer_id != customer.id:
                raise InvalidValueError(f"Invoice {inv.number} belongs to another customer.", field="invoices")
            numbers.append(inv.number)
    p = PromiseToPay(customer_id=customer.id, made_on=made_on, promised_date=promised_date,
                     amount_minor=int(amount_minor), currency=currency, invoice_numbers=",".join(numbers) or None,
                     activity_id=activity_id, grace_days=int(grace_days), state="open", created_at=config.now())
    session.add(p)
    session.flush()
    audit.record(session, action="create", entity="promise_to_pay", entity_id=p.id, after=audit.snapshot(p))
    return _view(session, p, customer.code, made_on)


def evaluate_promises(session: Session, *, as_of: dt.date) -> list[PromiseView]:
    """Mark open promises kept (paid the amount by the date plus grace) or broken (the grace passed
    without it). Returns those that changed."""
    changed = []
    rows = session.execute(select(PromiseToPay, Customer.code).join(Customer, PromiseToPay.customer_id == Customer.id)
                           .where(PromiseToPay.state == "open", PromiseToPay.made_on <= as_of)).all()
    for p, code in rows:
        deadline = p.promised_date + dt.timedelta(days=p.grace_days)
        paid = _paid_towards(session, p, min(as_of, deadline))
        new = "kept" if paid >= p.amount_minor else ("broken" if as_of > deadline else None)
        if new:
            before = audit.snapshot(p)
            p.state, p.state_date = new, as_of
            session.flush()
            audit.record(session, action=new, entity="promise_to_pay", entity_id=p.id, before=before,
                         after=audit.snapshot(p))
            changed.append(_view(session, p, code, as_of))
    return changed


def list_promises(session: Session, *, customer_code: str | None = None, as_of: dt.date | None = None,
                  states: Sequence[str] | None = None) -> list[PromiseView]:
    q = (select(PromiseToPay, Customer.code).join(Customer, PromiseToPay.customer_id == Customer.id)
         .order_by(PromiseToPay.promised_date, PromiseToPay.id))
    if customer_code:
        q = q.where(Customer.code == customer_code)
    if states:
        q = q.where(PromiseToPay.state.in_(list(states)))
    as_of = as_of or config.today()
    return [_view(session, p, code, as_of) for p, code in session.execute(q)]
