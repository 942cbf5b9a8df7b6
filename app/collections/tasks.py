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

from sqlalchemy import Integer, and_, cast, exists, func, select
from sqlalchemy.orm import Session

from app.ledger.balance_keeper import latest_date
from app.ledger.balances import invoice_exists_as_of, open_as_of_in, unapplied_credit_by_customer
from app.ledger.fx import rates_on, to_company_minor
from app.models import Activity, Customer, CustomerBalance, CustomerRisk, DueLine, Invoice

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


@dataclass(frozen=True)
class _Who:
    code: str
    name: str
    collector: str | None


def _customers(session: Session, ids) -> dict[int, _Who]:
    """Code, name and collector of these customers (not whole Customer objects: thousands of tasks)."""
    ids = sorted(ids)
    out: dict[int, _Who] = {}
    for start in range(0, len(ids), 20_000):
        out.update((cid, _Who(code, name, collector)) for cid, code, name, collector in session.execute(
            select(Customer.id, Customer.code, Customer.name, Customer.collector)
            .where(Customer.id.in_(ids[start:start + 20_000]))))
    return out


def _ids_of(session: Session, codes) -> dict[str, int]:
    codes = sorted(codes)
    return dict(session.execute(select(Customer.code, Customer.id).where(Customer.code.in_(codes))).all()) \
        if codes else {}


def today_tasks(session: Session, *, as_of: dt.date, collector: str | None = None) -> list[Task]:
    # promises and agreements name their customer by code: (kind, code, currency, amount, due, detail, ref)
    by_code: list[tuple] = []
    recent = as_of - dt.timedelta(days=RECENT_BREAK_DAYS)

    for p in list_promises(session, as_of=as_of, states=["open"]):
        if p.promised_date <= as_of:
            by_code.append(("promise_due", p.customer_code, p.currency, max(p.amount_minor - p.paid_minor, 0),
                            p.promised_date, "", str(p.id)))
    for p in list_promises(session, as_of=as_of, states=["broken"]):
        if p.state_date and p.state_date >= recent:
            by_code.append(("broken_promise", p.customer_code, p.currency,
                            max(p.amount_minor - p.paid_minor, 0), p.promised_date,
                            "", str(p.id)))
    for a in list_agreements(session, as_of=as_of, states=["active"]):
        for inst in a.installments:
            if inst.status != "paid" and inst.due_date <= as_of:
                by_code.append(("installment_due", a.customer_code, a.currency,
                                inst.amount_minor - inst.paid_minor, inst.due_date,
                                f"{a.number} #{inst.sequence}", a.number))
    for a in list_agreements(session, as_of=as_of, states=["broken"]):
        if a.state_date and a.state_date >= recent:
            by_code.append(("broken_agreement", a.customer_code, a.currency, a.open_minor, a.state_date,
                            a.number, a.number))
    code_to_id = _ids_of(session, {r[1] for r in by_code})
    raw: list[tuple] = [(kind, code_to_id[code], *rest) for kind, code, *rest in by_code]  # with customer ids
    follow_ups = session.execute(
        select(Activity.id, Activity.customer_id, Activity.next_action_date, Activity.channel, Activity.notes)
        .where(Activity.next_action_date <= as_of, Activity.next_action_done.is_(False))
        .order_by(Activity.next_action_date))
    for aid, cid, due, channel, notes in follow_ups:
        raw.append(("follow_up", cid, None, 0, due, notes or "", str(aid)))

    # customers over their credit limit (open items in their own currency, as of the date), with their code,
    # name and collector (no look-up of thousands of them by id afterwards)
    known: dict[int, _Who] = {}
    for cid_, cur, open_, limit, code, name, who in session.execute(_over_credit_limit(session, as_of)):
        raw.append(("over_credit_limit", cid_, cur, int(open_) - int(limit), None, "", None))
        known[cid_] = _Who(code, name, who)

    customers = known | _customers(session, {r[1] for r in raw} - known.keys())
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


def _over_credit_limit(session: Session, as_of: dt.date):
    """Select (customer id, currency, open, credit limit, code, name, collector) of the customers whose open
    items in their own currency exceed their credit limit as of the date.

    On or after the latest date any document carries (today, as a rule) from the stored balances: open items
    = stored balance + unapplied credit (balance = open items − unapplied credit: every allocation joins two
    of the customer's documents dated by then; app.ledger.balances.balance_parts, as the dashboard's
    stored_ranked_debtors), a look-up per customer with a limit instead of grouping every open line (0.4 s
    at a million invoices). Otherwise the open lines summed per customer and currency first, then each sum
    set against its customer's limit; grouped by `customer_id + 0` so SQLite reads the open lines by their
    partial index rather than every invoice in customer order."""
    who = (Customer.id, Customer.currency)
    limited = Customer.credit_limit_minor.is_not(None)
    last = latest_date(session)
    if last is not None and last <= as_of:
        credit = unapplied_credit_by_customer(as_of)
        open_ = func.coalesce(CustomerBalance.balance_minor, 0) + func.coalesce(credit.c.credit, 0)
        return (select(*who, open_, Customer.credit_limit_minor, Customer.code, Customer.name, Customer.collector)
                .outerjoin(CustomerBalance, and_(CustomerBalance.customer_id == Customer.id,
                                                 CustomerBalance.currency == Customer.currency))
                .outerjoin(credit, and_(credit.c.customer_id == Customer.id, credit.c.currency == Customer.currency))
                .where(limited, open_ > 0, open_ > Customer.credit_limit_minor))
    o = open_as_of_in(session, as_of)
    cid = cast(Invoice.customer_id + 0, Integer)
    open_by_customer = (
        o.join(select(cid.label("cid"), Invoice.currency.label("currency"), func.sum(o.open).label("open"))
               .select_from(DueLine).join(Invoice, DueLine.invoice_id == Invoice.id))
        .where(o.may_be_open(), invoice_exists_as_of(as_of))
        .group_by(cid, Invoice.currency).subquery()
    )
    return (select(*who, open_by_customer.c.open, Customer.credit_limit_minor, Customer.code, Customer.name,
                   Customer.collector)
            .join(open_by_customer, and_(open_by_customer.c.cid == Customer.id,
                                         open_by_customer.c.currency == Customer.currency))
            .where(limited, open_by_customer.c.open > Customer.credit_limit_minor))


def task_risk(session: Session, customer_ids, as_of: dt.date) -> dict[int, float]:
    """The model's probability of paying late from the stored snapshot; the smoothed historical rate
    for customers the snapshot does not cover (new since it was computed, or no snapshot yet)."""
    ids = set(customer_ids)
    risk: dict[int, float] = {}
    # no snapshot by the date (as `demo` leaves a book): no look-up of thousands of ids in an empty table, and
    # the scoring modules not loaded
    if ids and session.scalar(select(exists().where(CustomerRisk.as_of <= as_of))):
        from .risk_snapshot import stored_probabilities

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
