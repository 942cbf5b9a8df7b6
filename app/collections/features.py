"""Point-in-time payment-behaviour features of customers, from their own history.

The same code gives the features of a customer "as known on day t", both for training (t = the
issue date of each past invoice, so nothing from its future leaks in) and for scoring (t = as of).
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.models import POSTED, Allocation, Customer, Dispute, DueLine, Invoice, PromiseToPay

FEATURE_NAMES = (
    "weighted_days_late",  # amount-weighted days late of due lines settled before t (last 365 days)
    "late_share",  # share of those lines settled more than 30 days late (smoothed towards 1/3)
    "trend",  # weighted days late of the last 90 days minus that of the 275 before
    "broken_promises",  # promises broken in the year before t
    "disputes",  # disputes opened in the year before t
    "overdue_share",  # overdue open amount / open amount at t
    "credit_use",  # open amount / credit limit at t (0 without a limit)
    "relationship_years",  # years since the first invoice
    "history_lines",  # log(1 + number of settled lines before t)
)
LATE = 30


@dataclass
class LineHistory:
    """One customer's due lines, sorted several ways for quick "as of t" questions."""

    by_settle: list[tuple[dt.date, int, int]]  # (settled, days late, amount) for settled lines
    settle_dates: list[dt.date]
    lines: list[tuple[dt.date, dt.date, dt.date | None, int]]  # (issue, due, settled or None, amount)
    first_issue: dt.date
    credit_limit: int | None
    promises_broken: list[dt.date]
    disputes: list[dt.date]


def load_histories(session: Session, as_of: dt.date, customer_ids=None) -> dict[int, LineHistory]:
    """Everything the features need, in three set-based queries."""
    settled = (
        select(Allocation.due_line_id.label("line"), func.max(Allocation.date).label("settled"),
               func.sum(Allocation.amount_minor).label("paid"))
        .where(Allocation.date <= as_of).group_by(Allocation.due_line_id).subquery()
    )
    q = (
        select(Invoice.customer_id, Invoice.issue_date, DueLine.due_date, DueLine.amount_minor, settled.c.settled,
               settled.c.paid)
        .join(Invoice, DueLine.invoice_id == Invoice.id)
        .outerjoin(settled, settled.c.line == DueLine.id)
        .where(Invoice.status == POSTED, Invoice.issue_date <= as_of)
    )
    if customer_ids is not None:
        q = q.where(Invoice.customer_id.in_(list(customer_ids)))
    raw: dict[int, list] = defaultdict(list)
    for cid, issue, due, amount, settled_on, paid in session.execute(q):
        full = settled_on if paid is not None and paid >= amount else None
        raw[cid].append((issue, due, full, amount))
    limits = dict(session.execute(select(Customer.id, Customer.credit_limit_minor)).all())
    broken: dict[int, list] = defaultdict(list)
    for cid, day in session.execute(select(PromiseToPay.customer_id, PromiseToPay.state_date)
                                    .where(PromiseToPay.state == "broken")):
        broken[cid].append(day)
    disputes: dict[int, list] = defaultdict(list)
    for cid, day in session.execute(select(Dispute.customer_id, Dispute.opened_on)):
        disputes[cid].append(day)
    out = {}
    for cid, lines in raw.items():
        by_settle = sorted(((s, (s - d).days, a) for _i, d, s, a in lines if s is not None))
        out[cid] = LineHistory(by_settle, [s for s, _, _ in by_settle], sorted(lines, key=lambda ln: (ln[0], ln[1])), min(i for i, *_ in lines),
                               limits.get(cid), sorted(broken.get(cid, [])), sorted(disputes.get(cid, [])))
    return out


def _weighted(rows) -> float:
    total = sum(a for _s, _d, a in rows)
    return sum(d * a for _s, d, a in rows) / total if total else 0.0


def features_at(h: LineHistory, t: dt.date) -> list[float]:
    """The feature vector of one customer as known on day t (strictly before t for settlements)."""
    year_ago, quarter_ago = t - dt.timedelta(days=365), t - dt.timedelta(days=90)
    lo, hi = bisect.bisect_left(h.settle_dates, year_ago), bisect.bisect_left(h.settle_dates, t)
    last_year = h.by_settle[lo:hi]
    mid = bisect.bisect_left(h.settle_dates, quarter_ago)
    recent, older = h.by_settle[max(mid, lo):hi], h.by_settle[lo:max(mid, lo)]
    late = sum(1 for _s, d, _a in last_year if d > LATE)
    open_amount = overdue = 0
    for issue, due, settled, amount in h.lines:
        if issue > t:
            break
        if settled is None or settled >= t:
            open_amount += amount
            if due < t:
                overdue += amount
    broken = bisect.bisect_left(h.promises_broken, t) - bisect.bisect_left(h.promises_broken, year_ago)
    disputes = bisect.bisect_left(h.disputes, t) - bisect.bisect_left(h.disputes, year_ago)
    return [
        _weighted(last_year),
        (late + 1) / (len(last_year) + 3),
        (_weighted(recent) - _weighted(older)) if recent and older else 0.0,
        float(broken),
        float(disputes),
        overdue / open_amount if open_amount else 0.0,
        open_amount / h.credit_limit if h.credit_limit else 0.0,
        max((t - h.first_issue).days, 0) / 365.0,
        math.log1p(len(h.by_settle[:hi])),
    ]
