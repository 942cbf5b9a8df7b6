"""A customer's payment risk from its own history, as a probability-like number in (0, 1).

Interim rule until the trained model of the scoring work replaces it: the share of the customer's
settled due lines that were settled more than 30 days after their due date, smoothed towards a prior
of 1/3 with the weight of three due lines, so a customer with little history is neither 0 nor 1.
"""

from __future__ import annotations

import datetime as dt
from typing import Iterable

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from app.ledger.sqlfuncs import days_between
from app.models import POSTED, Allocation, DueLine, Invoice

LATE_DAYS = 30
PRIOR = 1 / 3
PRIOR_WEIGHT = 3


def historical_risk(session: Session, customer_ids: Iterable[int], as_of: dt.date) -> dict[int, float]:
    ids = list(set(customer_ids))
    if not ids:
        return {}
    settled = (
        select(DueLine.id.label("line"), Invoice.customer_id.label("customer_id"), DueLine.due_date.label("due"),
               func.max(Allocation.date).label("last"))
        .join(Invoice, DueLine.invoice_id == Invoice.id)
        .join(Allocation, Allocation.due_line_id == DueLine.id)
        .where(Invoice.customer_id.in_(ids), Invoice.status == POSTED, Allocation.date <= as_of)
        .group_by(DueLine.id, Invoice.customer_id, DueLine.due_date, DueLine.amount_minor)
        .having(func.sum(Allocation.amount_minor) >= DueLine.amount_minor)
        .subquery()
    )
    rows = session.execute(
        select(settled.c.customer_id, func.count(),
               func.sum(case((days_between(settled.c["last"], settled.c.due) > LATE_DAYS, 1), else_=0)))
        .group_by(settled.c.customer_id)
    ).all()
    counts = {cid: (int(n), int(late or 0)) for cid, n, late in rows}
    return {cid: (counts.get(cid, (0, 0))[1] + PRIOR * PRIOR_WEIGHT) / (counts.get(cid, (0, 0))[0] + PRIOR_WEIGHT)
            for cid in ids}
