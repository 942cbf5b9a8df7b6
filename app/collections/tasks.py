"""Today's tasks: one list of what the collector should do, most valuable first.

Expected value = amount at stake × the customer's risk: the trained model's probability of paying late
from the stored snapshot (app.collections.risk_snapshot), else the smoothed rate of app.collections.risk. Amounts in different
currencies are compared in the company's currency at the exchange rates in force on the as-of date
(app.ledger.fx); tasks in a currency without a rate on that date come last (`rate_missing`), by currency
and then their own value, never compared by raw minor units with another currency.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from app.ledger.balances import invoice_exists_as_of, open_as_of
from app.ledger.fx import rates_on, to_company_minor
from app.models import Activity, Customer, DueLine, Invoice

from .agreements import list_agreements
from .promises import list_promises
from .risk import historical_risk

RECENT_BREAK_DAYS = 30


@dataclass(frozen=True)
class Task:
    kind: str  # promise_due | installment_due | follow_up | broken_agreement | broken_promise | over_credit_limit
    customer_code: str
    customer_name: str
    collector: str | None
    currency: str | None
    amount_minor: int
    due_date: dt.date | None
    detail: str
    ref: str | None
    risk: float
    expected_value_minor: int
    # the expected value in the company's currency at the as-of date's rate; None without a rate
    expected_value_company_minor: int | None = None

    @property
    def rate_missing(self) -> bool:
        """True when the task has an amount in a currency with no exchange rate on the as-of date."""
        return self.expected_value_company_minor is None


def _customers(session: Session, ids) -> dict[int, Customer]:
    return {c.id: c for c in session.scalars(select(Customer).where(Customer.id.in_(list(ids))))} if ids else {}


def today_tasks(session: Session, *, as_of: dt.date, collector: str | None = None) -> list[Task]:
    raw: list[tuple] = []  # (kind, customer_id, currency, amount, due, detail, ref)
    recent = as_of - dt.timedelta(days=RECENT_BREAK_DAYS)
    code_to_id = dict(session.execute(select(Customer.code, Customer.id)).all())

    for p in list_promises(session, as_of=as_of, states=["open"]):
        if p.promised_date <= as_of:
            raw.append(("promise_due", code_to_id[p.customer_code], p.currency, max(p.amount_minor - p.paid_minor, 0),
                        p.promised_date, "", str(p.id)))
    for p in list_promises(session, as_of=as_of, states=["broken"]):
        if p.state_date and p.state_date >= recent:
            raw.append(("broken_promise", code_to_id[p.customer_code], p.currency,
                        max(p.amount_minor - p.paid_minor, 0), p.promised_date,
                        "", str(p.id)))
    for a in list_agreements(session, as_of=as_of, states=["active"]):
        for inst in a.installments:
            if inst.status != "paid" and inst.due_date <= as_of:
                raw.append(("installment_due", code_to_id[a.customer_code], a.currency,
                            inst.amount_minor - inst.paid_minor, inst.due_date,
                            f"{a.number} #{inst.sequence}", a.number))
    for a in list_agreements(session, as_of=as_of, states=["broken"]):
        if a.state_date and a.state_date >= recent:
            raw.append(("broken_agreement", code_to_id[a.customer_code], a.currency, a.open_minor, a.state_date,
                        a.number, a.number))
    follow_ups = session.execute(
        select(Activity.id, Activity.customer_id, Activity.next_action_date, Activity.channel, Activity.notes)
        .where(Activity.next_action_date <= as_of, Activity.next_action_done.is_(False))
        .order_by(Activity.next_action_date))
    for aid, cid, due, channel, notes in follow_ups:
        raw.append(("follow_up", cid, None, 0, due, notes or "", str(aid)))

    # customers over their credit limit (open items in their own currency, as of the date)
    o = open_as_of(as_of)
    open_by_customer = (
        select(Invoice.customer_id.label("cid"), func.sum(o.open).label("open"))
        .join(Invoice, DueLine.invoice_id == Invoice.id)
        .outerjoin(o.later, o.onclause)
        .join(Customer, and_(Customer.id == Invoice.customer_id, Customer.currency == Invoice.currency))
        .where(o.may_be_open(), invoice_exists_as_of(as_of), Customer.credit_limit_minor.is_not(None))
        .group_by(Invoice.customer_id).subquery()
    )
    over = session.execute(
        select(Customer.id, Customer.currency, open_by_customer.c.open, Customer.credit_limit_minor)
        .join(open_by_customer, open_by_customer.c.cid == Customer.id)
        .where(open_by_customer.c.open > Customer.credit_limit_minor))
    for cid, cur, open_, limit in over:
        raw.append(("over_credit_limit", cid, cur, int(open_) - int(limit), None, "", None))

    customers = _customers(session, {r[1] for r in raw})
    if collector:
        raw = [r for r in raw if (customers[r[1]].collector or "") == collector]
    risk = task_risk(session, {r[1] for r in raw}, as_of)
    rates = rates_on(session, as_of)
    tasks = []
    for kind, cid, cur, amount, due, detail, ref in raw:
        c = customers[cid]
        r = risk.get(cid, 0.0)
        value = int(amount * r)
        tasks.append(Task(kind, c.code, c.name, c.collector, cur, int(amount), due, detail, ref, round(r, 4),
                          value, 0 if cur is None else to_company_minor(value, cur, rates)))
    # without a rate: last, grouped by currency (amounts of one currency compare among themselves);
    # follow-ups carry no amount (0 in any currency)
    tasks.sort(key=lambda t: (t.rate_missing, (t.currency or "") if t.rate_missing else "",
                              -(t.expected_value_minor if t.rate_missing else t.expected_value_company_minor),
                              t.due_date or as_of, t.customer_code, t.kind))
    return tasks


def task_risk(session: Session, customer_ids, as_of: dt.date) -> dict[int, float]:
    """The model's probability of paying late from the stored snapshot; the smoothed historical rate
    for customers the snapshot does not cover (new since it was computed, or no snapshot yet)."""
    from .risk_snapshot import stored_probabilities

    ids = set(customer_ids)
    risk = stored_probabilities(session, ids, as_of)
    missing = ids - risk.keys()
    if missing:
        risk.update(historical_risk(session, missing, as_of))
    return risk


def evaluate_commitments(session: Session, *, as_of: dt.date):
    """Bring promises and agreements up to date (kept/broken, completed/broken) before listing tasks."""
    from .agreements import evaluate_agreements
    from .promises import evaluate_promises

    return evaluate_promises(session, as_of=as_of), evaluate_agreements(session, as_of=as_of)


__all__ = ["Task", "today_tasks", "evaluate_commitments"]
