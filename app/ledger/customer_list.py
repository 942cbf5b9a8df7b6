"""The customers list behind the GUI: search, sort and page in SQL, with balances as of a date.

Set-based on purpose (100,000 customers, 1,000,000 invoices): one query picks the page of customer
ids in the requested order, a second one computes the amounts of just those customers. Only sorting
by balance or overdue aggregates over every document, and then only over the customers the search
leaves.

Balance as of D per customer and currency = invoices existing as of D − payments, credit notes and
write-offs dated ≤ D. That equals `balances.customer_balance` (open items − unapplied credit)
because every allocation dated ≤ D links a document dated ≤ D to an invoice issued ≤ D that is not
void (only invoices with nothing applied can be voided), so the allocations cancel out; the test
suite checks the two agree. Overdue = what is still open of due lines due before D.

Sorting by balance reads the balances the ledger keeps per customer and currency (customer_balance,
app.ledger.balance_keeper) when they are the balances as of D (nothing dated after D: the list as of
today); as of an earlier date it adds up the documents as above.

Sorting by balance or overdue ranks each customer's amount in its default currency converted to the
company's currency at the rates in force on D (app.ledger.fx), inside the query. Customers whose amount
is in a currency without a rate on D come last in both directions, grouped by currency and ordered by
their own amount within it: never compared with another currency's raw minor units.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import ColumnElement, Select, and_, func, literal, or_, select, union_all
from sqlalchemy.orm import Session, aliased

from app import config
from app.models import Allocation, Customer, CustomerBalance, DueLine, Invoice

from .balance_keeper import latest_date
from .balances import balance_parts, invoice_exists_as_of, open_as_of_in
from .fx import Rates, rates_on, sql_to_company, to_company_minor

SORT_KEYS = ("code", "name", "tax_id", "city", "currency", "balance", "overdue", "on_hold")
PAGE_SIZE = 200


@dataclass(frozen=True)
class CustomerRow:
    id: int
    code: str
    name: str
    tax_id: str | None
    email: str | None
    city: str | None
    country: str
    currency: str  # the customer's default currency
    on_hold: bool
    balances: tuple[tuple[str, int], ...]  # (currency, balance_minor) with a non-zero balance, sorted
    overdue: tuple[tuple[str, int], ...]  # (currency, overdue_minor) with something overdue, sorted
    # the balance and overdue in the default currency, in the company's currency at the as-of date's rate:
    # what the list ranks by; None when that currency has no rate on the date
    balance_company_minor: int | None = 0
    overdue_company_minor: int | None = 0
    company_currency: str | None = None

    @property
    def rate_missing(self) -> bool:
        """No exchange rate for the default currency on the as-of date, with an amount to rank: sorted last."""
        return self.balance_company_minor is None or self.overdue_company_minor is None

    @property
    def balance_minor(self) -> int:
        """Balance in the customer's default currency."""
        return dict(self.balances).get(self.currency, 0)

    @property
    def overdue_minor(self) -> int:
        return dict(self.overdue).get(self.currency, 0)

    @property
    def multi_currency(self) -> bool:
        """True when the customer owes (or is owed) in more than one currency, or only in a foreign one."""
        return len(self.balances) > 1 or (len(self.balances) == 1 and self.balances[0][0] != self.currency)


def _search_filter(search: str | None) -> ColumnElement[bool] | None:
    text = (search or "").strip()
    if not text:
        return None
    conds = []
    for word in text.split():
        pattern = f"%{word}%"
        conds.append(or_(Customer.code.ilike(pattern), Customer.name.ilike(pattern),
                         Customer.tax_id.ilike(pattern), Customer.email.ilike(pattern)))
    return and_(*conds)


def _labelled(customer_id, currency, balance, overdue) -> Select:
    return select(customer_id.label("customer_id"), currency.label("currency"), balance.label("balance"),
                  overdue.label("overdue"))


def _amounts(as_of: dt.date, *, balance: bool = True, overdue: bool = True, customers=None):
    """Subquery (customer_id, currency, balance, overdue) grouped per customer and currency.

    `customers` limits it: a list of ids or a SELECT of ids.
    """
    def limit(stmt: Select, column) -> Select:
        if customers is None:
            return stmt
        return stmt.where(column.in_(customers))

    zero = literal(0)
    parts = []
    exists = invoice_exists_as_of(as_of)
    if balance:
        scope = (lambda table: []) if customers is None else (lambda table: [table.customer_id.in_(customers)])
        parts += [part.add_columns(zero.label("overdue")) for part in balance_parts(as_of, scope, "balance")]
    if overdue:
        past_due = and_(exists, DueLine.due_date < as_of)
        parts.append(limit(_labelled(Invoice.customer_id, Invoice.currency, zero, DueLine.amount_minor)
                           .join(Invoice, DueLine.invoice_id == Invoice.id).where(past_due), Invoice.customer_id))
        parts.append(limit(_labelled(Invoice.customer_id, Invoice.currency, zero, -Allocation.amount_minor)
                           .join(DueLine, Allocation.due_line_id == DueLine.id)
                           .join(Invoice, DueLine.invoice_id == Invoice.id)
                           .where(past_due, Allocation.date <= as_of), Invoice.customer_id))
    union = union_all(*parts).subquery()
    return (select(union.c.customer_id, union.c.currency, func.sum(union.c.balance).label("balance"),
                   func.sum(union.c.overdue).label("overdue"))
            .group_by(union.c.customer_id, union.c.currency).subquery())


def _overdue_in_default_currency(as_of: dt.date, customers=None):
    """Subquery (customer_id, overdue) in each customer's own currency, driven customer by customer
    (invoices by customer index, due lines by invoice, allocations by due line): half the work of
    grouping every due line and allocation of the database by customer and currency."""
    owner = aliased(Customer)
    # as open_as_of in balances: paid_minor less the allocations after the date (usually none)
    later = (select(func.coalesce(func.sum(Allocation.amount_minor), 0))
             .where(Allocation.due_line_id == DueLine.id, Allocation.date > as_of)
             .correlate(DueLine).scalar_subquery())
    allocated = DueLine.paid_minor - later
    q = (select(owner.id.label("customer_id"), func.sum(DueLine.amount_minor - allocated).label("overdue"))
         .select_from(owner)
         .join(Invoice, and_(Invoice.customer_id == owner.id, Invoice.currency == owner.currency))
         .join(DueLine, DueLine.invoice_id == Invoice.id)
         .where(DueLine.due_date < as_of, invoice_exists_as_of(as_of))
         .group_by(owner.id))
    if customers is not None:
        q = q.where(owner.id.in_(customers))
    return q.subquery()


def _overdue_of(session: Session, ids: list[int], as_of: dt.date) -> Select:
    """(customer_id, currency, 0, overdue) of these customers: what is open as of D (the receivable engine,
    open_as_of_in) of their due lines due before D, read from their invoices (by customer), not from every
    due line due before D."""
    o = open_as_of_in(session, as_of)
    q = (select(Invoice.customer_id, Invoice.currency, literal(0), func.sum(o.open))
         .select_from(Invoice).join(DueLine, DueLine.invoice_id == Invoice.id))
    return (o.join(q).where(Invoice.customer_id.in_(ids), DueLine.due_date < as_of, invoice_exists_as_of(as_of))
            .group_by(Invoice.customer_id, Invoice.currency))


def _ordered_ids_query(search: str | None, sort_key: str, as_of: dt.date, rates: Rates,
                       stored_balances: bool = False, descending: bool = False, backwards: bool = False) -> Select:
    """Matching customer ids in ascending order (descending is derived from it: `CustomerOrder`).
    `stored_balances`: the balances kept in customer_balance are those as of `as_of` (`stored_is_current`),
    so sorting by balance reads them instead of adding up every document. `backwards`: the list order
    (in `descending`'s direction) read from its end, for its last page."""
    if sort_key not in SORT_KEYS:
        raise ValueError(f"unknown sort key {sort_key!r}; use one of {', '.join(SORT_KEYS)}")
    cond = _search_filter(search)
    q = select(Customer.id)
    if cond is not None:
        q = q.where(cond)
    if sort_key == "balance" and stored_balances:
        q = q.outerjoin(CustomerBalance, and_(CustomerBalance.customer_id == Customer.id,
                                              CustomerBalance.currency == Customer.currency))
        return _in_company_currency(q, func.coalesce(CustomerBalance.balance_minor, 0), rates, descending, backwards)
    if sort_key == "balance":
        matching = select(Customer.id).where(cond) if cond is not None else None
        agg = _amounts(as_of, balance=True, overdue=False, customers=matching)
        q = q.outerjoin(agg, and_(agg.c.customer_id == Customer.id, agg.c.currency == Customer.currency))
        return _in_company_currency(q, func.coalesce(agg.c.balance, 0), rates, descending, backwards)
    elif sort_key == "overdue":
        matching = select(Customer.id).where(cond) if cond is not None else None
        agg = _overdue_in_default_currency(as_of, matching)
        q = q.outerjoin(agg, agg.c.customer_id == Customer.id)
        return _in_company_currency(q, func.coalesce(agg.c.overdue, 0), rates, descending, backwards)
    elif sort_key in ("tax_id", "city"):
        keys = [func.coalesce(getattr(Customer, sort_key), "")]
        if sort_key == "city":
            keys.append(Customer.country)
    else:
        keys = [getattr(Customer, sort_key)]
    keys += [Customer.code, Customer.id]  # ties too, so the descending order is this one reversed
    return q.order_by(*[k.desc() for k in keys] if descending != backwards else keys)


def _in_company_currency(q: Select, amount, rates: Rates, descending: bool = False,
                         backwards: bool = False) -> Select:
    """Order by the amount in the company's currency; amounts without a rate last in both directions (by
    currency, then their own amount), so the descending order is the ascending one with each of the two
    groups reversed (`CustomerOrder`)."""
    value, missing = sql_to_company(amount, Customer.currency, rates)
    keys = [value, Customer.currency, amount, Customer.code, Customer.id]
    if descending != backwards:
        keys = [k.desc() for k in keys]
    return q.add_columns(missing.label("rate_missing")).order_by(missing.desc() if backwards else missing.asc(), *keys)


def _ids(session: Session, q: Select) -> list[int]:
    return [row[0] for row in session.execute(q)]


def customer_ids(
    session: Session,
    *,
    search: str | None = None,
    sort_key: str = "name",
    descending: bool = False,
    as_of: dt.date | None = None,
    stored_balances: bool | None = None,
) -> list[int]:
    """The ids of every matching customer in list order (a snapshot the GUI pages through with
    `customer_rows`: sorting by balance aggregates every document once, not once per page)."""
    return customer_order(session, search=search, sort_key=sort_key, as_of=as_of,
                          stored_balances=stored_balances).in_direction(descending)


@dataclass(frozen=True)
class CustomerOrder:
    """Every matching customer in ascending order; the last `unranked` have no exchange rate for their
    amount on the date. Descending is each part reversed, the unranked still last."""

    ids: tuple[int, ...]
    unranked: int = 0

    def in_direction(self, descending: bool) -> list[int]:
        if not descending:
            return list(self.ids)
        split = len(self.ids) - self.unranked
        return list(self.ids[:split][::-1] + self.ids[split:][::-1])


def customer_order(
    session: Session,
    *,
    search: str | None = None,
    sort_key: str = "name",
    as_of: dt.date | None = None,
    stored_balances: bool | None = None,
) -> CustomerOrder:
    """The ascending order of every matching customer, from which both directions follow (one query).
    `stored_balances` None: sort by balance from the stored balances when they are current
    (`stored_is_current`); False: add up the documents (the benchmark's baseline, the tests)."""
    as_of = as_of or config.today()
    stored = sort_key == "balance" and stored_balances is not False and stored_is_current(session, as_of)
    rows = session.execute(_ordered_ids_query(search, sort_key, as_of, rates_on(session, as_of), stored)).all()
    unranked = sum(1 for row in rows if len(row) > 1 and row[1])
    return CustomerOrder(tuple(row[0] for row in rows), unranked)


def first_page(
    session: Session,
    *,
    search: str | None = None,
    sort_key: str = "name",
    descending: bool = False,
    limit: int = PAGE_SIZE,
    as_of: dt.date | None = None,
    stored_balances: bool | None = None,
    last: bool = False,
) -> tuple[list[int], int]:
    """(the ids of the first `limit` customers in list order, how many match): what the list shows at once
    while `customer_order` reads every id. The database keeps only the top `limit` while it sorts, in the
    direction asked (the same order as `customer_order(...).in_direction(descending)`). `last`: the last
    `limit` ids of that order instead (Ctrl+End), read from the end."""
    as_of = as_of or config.today()
    stored = sort_key == "balance" and stored_balances is not False and stored_is_current(session, as_of)
    q = _ordered_ids_query(search, sort_key, as_of, rates_on(session, as_of), stored, descending, last).limit(limit)
    ids = [row[0] for row in session.execute(q)]
    if last:
        ids.reverse()
    cond = _search_filter(search)
    count = select(func.count()).select_from(Customer)
    total = session.scalar(count.where(cond) if cond is not None else count)
    return ids, int(total or 0)


def stored_is_current(session: Session, as_of: dt.date) -> bool:
    """True when the balances the ledger keeps (customer_balance) are the balances as of `as_of`: no
    document or void is dated after it (the usual case: the list as of today)."""
    latest = latest_date(session)
    return latest is None or latest <= as_of


def customer_rows(session: Session, ids: list[int], as_of: dt.date | None = None) -> list[CustomerRow]:
    """The rows of these customers, in the order given (ids that no longer exist are skipped)."""
    as_of = as_of or config.today()
    return _rows_for(session, list(ids), as_of, rates_on(session, as_of)) if ids else []


def _rows_for(session: Session, ids: list[int], as_of: dt.date, rates: Rates) -> list[CustomerRow]:
    customers = {
        c.id: c for c in session.execute(
            select(Customer.id, Customer.code, Customer.name, Customer.tax_id, Customer.email, Customer.city,
                   Customer.country, Customer.currency, Customer.on_hold).where(Customer.id.in_(ids)))
    }
    stored = stored_is_current(session, as_of)  # the balances are kept: read them, add up only what is overdue
    balances: dict[int, list[tuple[str, int]]] = {}
    overdue: dict[int, list[tuple[str, int]]] = {}
    rows = list(session.execute(_overdue_of(session, ids, as_of)))
    if not stored:
        rows += list(session.execute(select(_amounts(as_of, overdue=False, customers=ids))))
    else:
        rows += [(c, cur, bal, 0) for c, cur, bal in session.execute(
            select(CustomerBalance.customer_id, CustomerBalance.currency, CustomerBalance.balance_minor)
            .where(CustomerBalance.customer_id.in_(ids)))]
    for customer_id, currency, bal, over in rows:
        if bal:
            balances.setdefault(customer_id, []).append((currency, int(bal)))
        if over:
            overdue.setdefault(customer_id, []).append((currency, int(over)))
    out = []
    for i in ids:
        c = customers.get(i)
        if c is None:
            continue
        bal, over = tuple(sorted(balances.get(i, ()))), tuple(sorted(overdue.get(i, ())))
        out.append(CustomerRow(c.id, c.code, c.name, c.tax_id, c.email, c.city, c.country, c.currency,
                               bool(c.on_hold), bal, over,
                               to_company_minor(dict(bal).get(c.currency, 0), c.currency, rates),
                               to_company_minor(dict(over).get(c.currency, 0), c.currency, rates),
                               rates.home))
    return out


# --- the customer pickers' completion ---------------------------------------------------------------

SEARCH_LIMIT = 20
_TOP = "\U0010ffff"  # sorts after every character: [text, text + _TOP) is "starts with text"


@dataclass(frozen=True)
class CustomerMatch:
    """One customer a picker offers while typing."""

    code: str
    name: str
    tax_id: str | None
    currency: str
    on_hold: bool


def _starts_with(column, text: str):
    """`column` starts with `text` as a range, so the column's index serves it (LIKE/ILIKE would scan)."""
    return and_(column >= text, column < text + _TOP)


def search_customers(session: Session, text: str, limit: int = SEARCH_LIMIT) -> list[CustomerMatch]:
    """At most `limit` customers for what was typed in a picker: the code typed exactly first, then codes
    and tax ids starting with it, names starting with it (as typed, capitalised or in capitals), then
    customers whose code, name, tax id or e-mail contain every word typed. The first steps are range scans
    of indexed columns; the last one scans only until it has found enough (100,000 customers: see
    tests/ledger/test_customer_search.py)."""
    text = " ".join((text or "").split())
    limit = max(1, min(int(limit), 200))
    if not text:
        return []
    cols = (Customer.code, Customer.name, Customer.tax_id, Customer.currency, Customer.on_hold)
    found: dict[str, CustomerMatch] = {}

    def take(*conds, order=(Customer.name, Customer.code)) -> None:
        if len(found) >= limit:
            return
        q = select(*cols).where(*conds)
        if found:
            q = q.where(Customer.code.not_in(list(found)))
        for row in session.execute(q.order_by(*order).limit(limit - len(found))):
            found.setdefault(row.code, CustomerMatch(row.code, row.name, row.tax_id, row.currency, bool(row.on_hold)))

    variants = list(dict.fromkeys((text, text.upper(), text[:1].upper() + text[1:], text.title())))
    take(Customer.code.in_(variants))
    take(or_(*(_starts_with(Customer.code, v) for v in variants)), order=(Customer.code,))
    take(_starts_with(Customer.tax_id, text), order=(Customer.tax_id, Customer.code))
    take(or_(*(_starts_with(Customer.name, v) for v in variants)))
    take(_search_filter(text))
    return list(found.values())
