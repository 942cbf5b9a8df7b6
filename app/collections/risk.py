"""A customer's payment risk from its own history, as a probability-like number in (0, 1).

Interim rule until the trained model of the scoring work replaces it: the share of the customer's
settled due lines that were settled more than 30 days after their due date, smoothed towards a prior
of 1/3 with the weight of three due lines, so a customer with little history is neither 0 nor 1.
The counts are the ledger's payment history as of the date (app.ledger.payment_history: stored per
customer, read as of any date without going through every allocation).
"""

from __future__ import annotations

import datetime as dt
from typing import Iterable

from sqlalchemy.orm import Session

from app.ledger.payment_history import LATE_DAYS, history_as_of_in

PRIOR = 1 / 3
PRIOR_WEIGHT = 3
_CHUNK = 10_000  # customer ids per statement: bound twice (stored and later parts), under SQLite's 32,766


def smoothed_risk(settled: int, late: int) -> float:
    return (late + PRIOR * PRIOR_WEIGHT) / (settled + PRIOR_WEIGHT)


def historical_risk(session: Session, customer_ids: Iterable[int], as_of: dt.date) -> dict[int, float]:
    ids = sorted(set(customer_ids))
    if not ids:
        return {}
    counts: dict[int, tuple[int, int]] = {}
    for start in range(0, len(ids), _CHUNK):
        q = history_as_of_in(session, as_of, ids[start:start + _CHUNK]).subquery()
        for cid, settled, late in session.execute(q.select().with_only_columns(q.c.customer_id, q.c.settled,
                                                                               q.c.late)):
            counts[cid] = (int(settled or 0), int(late or 0))
    return {cid: smoothed_risk(*counts.get(cid, (0, 0))) for cid in ids}


__all__ = ["LATE_DAYS", "PRIOR", "PRIOR_WEIGHT", "historical_risk", "smoothed_risk"]
