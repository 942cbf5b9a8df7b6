"""Point-in-time payment-behaviour features of customers, from their own history.

The same definition gives the features of a customer "as known on day t", both for training (t = the
issue date of each past invoice, so nothing from its future leaks in) and for scoring (t = as of).

It is written twice, to be read once and run once:
- `features_at(h, t)`: one customer's LineHistory, plain Python, line by line: the definition;
- `PaymentBook.features(customers, days)`: every (customer, day) asked at once, NumPy. Each feature is a
  sum over the lines one of whose dates (settled, issued, due) falls in a window before t; the book keeps,
  per kind of date, the lines sorted by (customer, date) with running sums (`_Running`), so a window's sum
  is two binary searches and a difference. tests/collections/test_features.py holds them equal to the last
  bit. At 100,000 customers this is what made `cobranza score` fit in seconds: building a Python history
  per customer and walking its lines per example was most of half a minute.

NumPy is imported inside the functions (app.collections.risk_model's rule): the app starts without it.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import math
from dataclasses import dataclass

from sqlalchemy import case, func, literal, select
from sqlalchemy.orm import Session

from app.ledger.sqlfuncs import days_between
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
YEAR, QUARTER = 365, 90


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


def _weighted(rows) -> float:
    total = sum(a for _s, _d, a in rows)
    return sum(d * a for _s, d, a in rows) / total if total else 0.0


def features_at(h: LineHistory, t: dt.date) -> list[float]:
    """The feature vector of one customer as known on day t (strictly before t for settlements)."""
    year_ago, quarter_ago = t - dt.timedelta(days=YEAR), t - dt.timedelta(days=QUARTER)
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


# --- the whole book at once ----------------------------------------------------------------------

NEVER = 1 << 40  # the "day" (from the as-of date) a line not settled by the as-of date was settled


class _Running:
    """Entries (customer, day, integer values...) sorted by customer and day, with the running sum of each
    value: the sum over one customer's entries dated in [start, end) is two binary searches away.

    The sort key is customer × width + (day − first day), width the span of the days: one sorted array
    holds every customer's entries in customer order. Entries dated NEVER are left out (no window reaches
    them). The running sums may wrap around int64 over a whole book; the difference of two is still exact."""

    def __init__(self, customer, day, *values):
        import numpy as np

        kept = day != NEVER
        customer, day = customer[kept], day[kept]
        self.first = int(day.min()) if len(day) else 0
        self.width = int(day.max()) - self.first + 2 if len(day) else 1
        key = customer * self.width + (day - self.first)
        order = _sort_order(key)
        self.keys = key[order]
        with np.errstate(over="ignore"):
            self.sums = [np.concatenate(([0], np.cumsum(np.asarray(v, dtype=np.int64)[kept][order])))
                         for v in values]

    def _at(self, customer, day):
        import numpy as np

        return np.searchsorted(self.keys, customer * self.width + np.clip(day - self.first, 0, self.width - 1))

    def between(self, customer, start, end) -> list:
        """Per (customer, start, end): the sums over that customer's entries dated start <= day < end."""
        lo, hi = self._at(customer, start), self._at(customer, end)
        return [s[hi] - s[lo] for s in self.sums]

    def before(self, customer, end) -> list:
        import numpy as np

        return self.between(customer, np.full(len(end), self.first), end)

    def days_of(self, customer: int) -> list[int]:
        """One customer's entries' days, in order."""
        mine = self.keys[(self.keys // self.width) == customer]
        return (mine % self.width + self.first).tolist()


def _sort_order(key):
    """argsort(key), by sorting the keys with their positions packed in the low bits when they fit in 63
    bits (sorting plain integers is twice as fast as argsort)."""
    import numpy as np

    n = len(key)
    bits = max(n - 1, 1).bit_length()
    if n == 0 or int(key.max()) >= 1 << (62 - bits) or int(key.min()) < 0:
        return np.argsort(key)
    return np.sort((key << bits) | np.arange(n)) & ((1 << bits) - 1)


@dataclass
class Examples:
    """Training examples, oldest first: one per due line whose outcome is known. Days count from `as_of`."""

    as_of: dt.date
    issue: object  # (n,) int: the day the line's invoice was issued, when its features are taken
    X: object  # (n, len(FEATURE_NAMES)) float: the customer's features on that day
    late: object  # (n,) bool: settled more than LATE days after the due date, or still open past that
    days_late: object  # (n,) float: days between due date and settlement; NaN while open

    def __len__(self) -> int:
        return len(self.issue)

    def __getitem__(self, part: slice) -> "Examples":
        return Examples(self.as_of, self.issue[part], self.X[part], self.late[part], self.days_late[part])

    def issue_date(self, i: int) -> dt.date:
        return self.as_of + dt.timedelta(days=int(self.issue[i]))


class PaymentBook:
    """Every customer's due lines as known on the as-of date, as NumPy arrays, and the running sums that
    answer features_at for many (customer, day) at once.

    Lines: of posted invoices issued by the as-of date; `settled` is the date of the last allocation by
    then if those allocations pay the line in full, else NEVER. Customers are numbered by their position
    in `customer_ids` (sorted)."""

    def __init__(self, as_of: dt.date, line_id, customer_id, issue, due, amount, settled, limits, broken, disputes):
        """Per line (arrays, days counted from as_of): its id, customer id, issue and due days, amount and
        settled day (NEVER if not settled); `limits`: (m, 2) (customer id, credit limit or 0); `broken`,
        `disputes`: (k, 2) (customer id, day)."""
        import numpy as np

        self.as_of = as_of
        self.line_id, self.issue, self.due, self.amount, self.settled = line_id, issue, due, amount, settled
        self.customer_ids, self.customer = _numbered(customer_id)
        n_customers = len(self.customer_ids)
        self.first_issue = np.full(n_customers, NEVER, dtype=np.int64)
        np.minimum.at(self.first_issue, self.customer, issue)
        self.credit_limit = np.zeros(n_customers, dtype=np.int64)
        known, at = self.positions(limits[:, 0])
        self.credit_limit[at[known]] = limits[known, 1]

        c = self.customer
        paid = settled != NEVER
        days_late = np.where(paid, settled - due, 0)
        self._settled = _Running(c, settled, amount, days_late * amount, days_late > LATE, paid)
        # a line is open on t when issued by t and not settled before t; overdue when also due before t.
        # "issued by t and settled before t" is max(issue - 1, settled) < t: one date per line to sort by
        issued_by = issue - 1
        self._issued = _Running(c, issued_by, amount)
        self._closed = _Running(c, np.maximum(issued_by, settled), amount)
        self._due = _Running(c, np.maximum(issued_by, due), amount)
        self._due_closed = _Running(c, np.maximum(np.maximum(issued_by, due), settled), amount)
        self._broken = self._events(broken)
        self._disputes = self._events(disputes)

    def positions(self, customer_ids):
        """(known, index): which of these customer ids have lines, and their numbers."""
        import numpy as np

        customer_ids = np.asarray(customer_ids, dtype=np.int64)
        at = np.searchsorted(self.customer_ids, customer_ids)
        at = np.minimum(at, max(len(self.customer_ids) - 1, 0))
        known = (self.customer_ids[at] == customer_ids) if len(self.customer_ids) else np.zeros(len(at), bool)
        return known, at

    def _events(self, rows) -> _Running:
        known, at = self.positions(rows[:, 0])
        return _Running(at[known], rows[known, 1], known[known])

    def __len__(self) -> int:
        return len(self.customer_ids)

    def index_of(self, customer_ids):
        """The numbers of these customers (each must have lines)."""
        known, at = self.positions(customer_ids)
        if not known.all():
            raise KeyError("customer without lines")
        return at

    def features(self, customer, day):
        """(n, len(FEATURE_NAMES)) float: features_at of customer number customer[i] on day[i]."""
        import numpy as np

        customer, t = np.asarray(customer, dtype=np.int64), np.asarray(day, dtype=np.int64)
        year_ago, quarter_ago = t - YEAR, t - QUARTER
        amount, weighted_sum, late, count = self._settled.between(customer, year_ago, t)
        r_amount, r_weighted, _, r_count = self._settled.between(customer, quarter_ago, t)
        o_amount, o_weighted, o_count = amount - r_amount, weighted_sum - r_weighted, count - r_count
        open_amount = self._issued.before(customer, t)[0] - self._closed.before(customer, t)[0]
        overdue = self._due.before(customer, t)[0] - self._due_closed.before(customer, t)[0]
        limit = self.credit_limit[customer]
        with np.errstate(divide="ignore", invalid="ignore"):
            recent_late, older_late = _ratio(r_weighted, r_amount), _ratio(o_weighted, o_amount)
            return np.column_stack([
                _ratio(weighted_sum, amount),
                (late + 1) / (count + 3),
                np.where((r_count > 0) & (o_count > 0), recent_late - older_late, 0.0),
                self._broken.between(customer, year_ago, t)[0].astype(float),
                self._disputes.between(customer, year_ago, t)[0].astype(float),
                _ratio(overdue, open_amount),
                _ratio(open_amount, limit),
                np.maximum(t - self.first_issue[customer], 0) / 365.0,
                _log1p(self._settled.before(customer, t)[3]),
            ])

    def examples(self, limit: int) -> Examples:
        """The `limit` most recent lines (by issue date; then by customer id, due date, line id) whose
        outcome is known (due at least LATE days before the as-of date), each with its customer's features
        on its issue date."""
        import numpy as np

        known = np.flatnonzero(self.due <= -LATE)
        if 0 < limit < len(known):  # sort only the lines issued on or after the limit-th most recent's day
            known = known[self.issue[known] >= np.partition(self.issue[known], len(known) - limit)[len(known) - limit]]
        order = np.lexsort((self.line_id[known], self.due[known], self.customer_ids[self.customer[known]],
                            self.issue[known]))
        known = known[order][-limit:] if limit > 0 else known[:0]
        settled = self.settled[known]
        days = np.where(settled != NEVER, settled - self.due[known], np.nan)
        return Examples(self.as_of, self.issue[known], self.features(self.customer[known], self.issue[known]),
                        ~(days <= LATE), days)  # NaN (still open) compares False: late

    def history(self, customer_id: int) -> LineHistory | None:
        """One customer's lines as a LineHistory (for features_at); None without lines."""
        import numpy as np

        known, at = self.positions(np.asarray([customer_id]))
        if not known[0]:
            return None
        c = int(at[0])
        mine = np.flatnonzero(self.customer == c)
        day = self._date
        lines = sorted(((day(self.issue[i]), day(self.due[i]),
                         None if self.settled[i] == NEVER else day(self.settled[i]), int(self.amount[i]))
                        for i in mine), key=lambda ln: (ln[0], ln[1]))
        by_settle = sorted((s, (s - d).days, a) for _i, d, s, a in lines if s is not None)
        events = [[day(d) for d in run.days_of(c)] for run in (self._broken, self._disputes)]
        return LineHistory(by_settle, [s for s, _, _ in by_settle], lines, day(self.first_issue[c]),
                           int(self.credit_limit[c]) or None, *events)

    def _date(self, day) -> dt.date:
        return self.as_of + dt.timedelta(days=int(day))


def _numbered(ids):
    """(distinct ids sorted, each id's position among them): np.unique's answer, through a table indexed
    by id when the ids are dense (no sort of a million lines)."""
    import numpy as np

    if len(ids) == 0 or int(ids.min()) < 0 or int(ids.max()) > 4 * len(ids) + 1000:
        return np.unique(ids, return_inverse=True)
    present = np.zeros(int(ids.max()) + 1, dtype=bool)
    present[ids] = True
    number = np.cumsum(present) - 1
    return np.flatnonzero(present), number[ids]


def _log1p(counts):
    """math.log1p of each count (NumPy's log1p can differ in the last bit), through a table of them."""
    import numpy as np

    if len(counts) == 0:
        return np.zeros(0)
    return np.array([math.log1p(k) for k in range(int(counts.max()) + 1)])[counts]


def _ratio(numerator, denominator):
    """numerator / denominator, 0 where the denominator is 0 (as features_at's `if total`)."""
    import numpy as np

    return np.where(denominator != 0, numerator / np.where(denominator != 0, denominator, 1), 0.0)


def _find(ids, wanted):
    """The position of each of `wanted` in `ids` (distinct), -1 where absent. Ids are usually dense
    (autoincrement): a table indexed by id finds each in one step; sparse ones are binary-searched."""
    import numpy as np

    if len(ids) == 0 or len(wanted) == 0:
        return np.full(len(wanted), -1, dtype=np.int64)
    low, high = int(min(ids.min(), wanted.min())), int(max(ids.max(), wanted.max()))
    if high - low <= 4 * (len(ids) + len(wanted)):
        table = np.full(high - low + 1, -1, dtype=np.int64)
        table[ids - low] = np.arange(len(ids))
        return table[wanted - low]
    order = np.argsort(ids)
    at = np.minimum(np.searchsorted(ids, wanted, sorter=order), len(ids) - 1)
    found = order[at]
    return np.where(ids[found] == wanted, found, -1)


def _int_rows(session: Session, query, width: int):
    """The rows of a select of integers as an (n, width) int64 array, read from the DBAPI cursor as they
    come: a million SQLAlchemy Row objects cost more than the query itself."""
    import numpy as np

    result = session.connection().execute(query)
    try:
        values = np.fromiter(itertools.chain.from_iterable(result.cursor), dtype=np.int64)
    finally:
        result.close()
    return values.reshape(-1, width)


def load_book(session: Session, as_of: dt.date) -> PaymentBook:
    """Everything the features need, in a few whole-table reads joined in NumPy: read in table order,
    not joined in SQL, they cost a third (a join reads the invoices in due-line order, at random)."""
    import numpy as np

    def days(column):
        return days_between(column, literal(as_of, type_=column.type))

    invoices = _int_rows(session, select(Invoice.id, Invoice.customer_id, days(Invoice.issue_date),
                                         case((Invoice.status == POSTED, 1), else_=0)), 4)
    invoices = invoices[(invoices[:, 3] == 1) & (invoices[:, 2] <= 0)]
    lines = _int_rows(session, select(DueLine.id, DueLine.invoice_id, days(DueLine.due_date),
                                      DueLine.amount_minor), 4)
    at = _find(invoices[:, 0], lines[:, 1])
    lines, at = lines[at >= 0], at[at >= 0]

    # per line: what was allocated to it by the as-of date, and the date of its last allocation
    allocations = _int_rows(session, select(Allocation.due_line_id, days(Allocation.date), Allocation.amount_minor)
                            .where(Allocation.date <= as_of), 3)
    pos = _find(lines[:, 0], allocations[:, 0])
    mine = pos >= 0
    paid = np.zeros(len(lines), dtype=np.int64)
    last = np.full(len(lines), -NEVER, dtype=np.int64)
    np.add.at(paid, pos[mine], allocations[mine, 2])
    np.maximum.at(last, pos[mine], allocations[mine, 1])
    settled = np.where((paid >= lines[:, 3]) & (last > -NEVER), last, NEVER)

    limits = _int_rows(session, select(Customer.id, func.coalesce(Customer.credit_limit_minor, 0)), 2)
    broken = _int_rows(session, select(PromiseToPay.customer_id, days(PromiseToPay.state_date))
                       .where(PromiseToPay.state == "broken", PromiseToPay.state_date.is_not(None)), 2)
    disputes = _int_rows(session, select(Dispute.customer_id, days(Dispute.opened_on)), 2)
    return PaymentBook(as_of, lines[:, 0].copy(), invoices[at, 1], invoices[at, 2], lines[:, 2].copy(),
                       lines[:, 3].copy(), settled, limits, broken, disputes)


def load_histories(session: Session, as_of: dt.date) -> dict[int, LineHistory]:
    """customer id -> LineHistory, for every customer with lines (small books: tests, one-off looks)."""
    book = load_book(session, as_of)
    return {int(cid): book.history(int(cid)) for cid in book.customer_ids}
