"""The book-wide features (app.collections.features.PaymentBook: whole-table reads joined in NumPy, running
sums) against their definition: features_at over each customer's history read line by line with the
query the scoring used before (kept below as the reference). For random histories of invoices, payments,
credit notes, voids, write-offs, later allocations, allocations taken back, broken promises, disputes and
credit limits, on SQLite and PostgreSQL: the same lines, the same settlement dates and the same features
to the last bit, for every customer on many days."""

from __future__ import annotations

import datetime as dt
import io
import json
import math
from collections import defaultdict

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import and_, func, select, update

from app.collections import scoring
from app.collections.features import LineHistory, PaymentBook, features_at, load_book, load_histories
from app.ledger import corrections
from app.ledger.balances import invoice_exists_as_of, open_as_of
from app.ledger.errors import LedgerError
from app.models import POSTED, Allocation, Customer, Dispute, DueLine, Invoice, Payment, PromiseToPay
from tests.ledger.test_ledger_properties import CUSTOMERS, START, day, fresh_session, op, run

# after the ledger's writes: take allocations back, promises broken, disputes, credit limits
extra = st.one_of(
    st.tuples(st.just("unapply"), st.integers(0, 30), st.integers(0, 60)),
    st.tuples(st.just("promise"), st.sampled_from(CUSTOMERS), day, st.booleans()),
    st.tuples(st.just("dispute"), st.integers(0, 30), day),
    st.tuples(st.just("limit"), st.sampled_from(CUSTOMERS), st.one_of(st.none(), st.integers(0, 900_000))),
)


def _direct_histories(session, as_of: dt.date) -> dict[int, LineHistory]:
    """The reference: what load_histories was, one SQL join and a Python history per customer."""
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
    raw: dict[int, list] = defaultdict(list)
    for cid, issue, due, amount, settled_on, paid in session.execute(q):
        full = settled_on if paid is not None and paid >= amount else None
        raw[cid].append((issue, due, full, amount))
    limits = dict(session.execute(select(Customer.id, Customer.credit_limit_minor)).all())
    broken: dict[int, list] = defaultdict(list)
    for cid, d in session.execute(select(PromiseToPay.customer_id, PromiseToPay.state_date)
                                  .where(PromiseToPay.state == "broken")):
        broken[cid].append(d)
    disputes: dict[int, list] = defaultdict(list)
    for cid, d in session.execute(select(Dispute.customer_id, Dispute.opened_on)):
        disputes[cid].append(d)
    out = {}
    for cid, lines in raw.items():
        by_settle = sorted(((s, (s - d).days, a) for _i, d, s, a in lines if s is not None))
        out[cid] = LineHistory(by_settle, [s for s, _, _ in by_settle], sorted(lines, key=lambda ln: (ln[0], ln[1])),
                               min(i for i, *_ in lines), limits.get(cid), sorted(broken.get(cid, [])),
                               sorted(disputes.get(cid, [])))
    return out


def _run_extra(s, ops) -> None:
    for o in ops:
        try:
            with s.begin():
                payments = s.scalars(select(Payment.id).order_by(Payment.id)).all()
                invoices = s.scalars(select(Invoice.number).order_by(Invoice.id)).all()
                ids = dict(s.execute(select(Customer.code, Customer.id)).all())
                if o[0] == "unapply" and payments:
                    p = s.get(Payment, payments[o[1] % len(payments)])
                    corrections.unapply(s, f"#{p.id}", on_date=p.date + dt.timedelta(days=o[2]), reason="test")
                elif o[0] == "promise":
                    _, code, d, broken = o
                    s.add(PromiseToPay(customer_id=ids[code], made_on=d, promised_date=d, amount_minor=100,
                                       currency="PEN", state="broken" if broken else "kept",
                                       state_date=d + dt.timedelta(days=3), created_at=dt.datetime.now(dt.UTC)))
                elif o[0] == "dispute" and invoices:
                    from app.collections.disputes import open_dispute

                    open_dispute(s, invoice_number=invoices[o[1] % len(invoices)], reason="test", on_date=o[2])
                elif o[0] == "limit":
                    s.execute(update(Customer).where(Customer.id == ids[o[1]]).values(credit_limit_minor=o[2]))
        except LedgerError:
            pass


def _probe_days(h: LineHistory, as_of: dt.date) -> list[dt.date]:
    """Days on which a feature may change: every date of the history, a day either side, and beyond."""
    dates = {as_of, as_of + dt.timedelta(days=30), h.first_issue - dt.timedelta(days=1)}
    for issue, due, settled, _a in h.lines:
        dates |= {issue, due} | ({settled} if settled else set())
    for d in list(dates) + h.promises_broken + h.disputes:
        dates |= {d - dt.timedelta(days=1), d + dt.timedelta(days=1), d + dt.timedelta(days=90),
                  d + dt.timedelta(days=365), d + dt.timedelta(days=366)}
    return sorted(dates)


def assert_book_is_the_definition(s, as_of: dt.date) -> None:
    direct = _direct_histories(s, as_of)
    book = load_book(s, as_of)
    assert sorted(book.customer_ids.tolist()) == sorted(direct)
    for cid, h in direct.items():
        mine = book.history(cid)
        # the same lines (same-day lines may come in another order), settlements, events and limit
        assert sorted(mine.lines, key=repr) == sorted(h.lines, key=repr)
        assert (mine.by_settle, mine.settle_dates, mine.first_issue, mine.credit_limit or None,
                mine.promises_broken, mine.disputes) == (h.by_settle, h.settle_dates, h.first_issue,
                                                         h.credit_limit or None, h.promises_broken, h.disputes)
        days = _probe_days(h, as_of)
        index = book.index_of([cid])[0]
        got = book.features([index] * len(days), [(d - as_of).days for d in days])
        for d, x in zip(days, got):
            assert x.tolist() == features_at(h, d), (cid, d)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ops=st.lists(op, min_size=1, max_size=25), later=st.lists(extra, max_size=8),
       probe=st.lists(day, min_size=1, max_size=3))
def test_book_features_are_features_at_of_the_histories(ops, later, probe):
    s = fresh_session()
    run(s, ops)
    _run_extra(s, later)
    with s.begin():
        for as_of in [*probe, START + dt.timedelta(days=400)]:  # before, amid and after the allocations
            assert_book_is_the_definition(s, as_of)


def _reference_open_balances(s, as_of):
    """The query scoring._open_balances was: every line of every invoice, by customer."""
    o = open_as_of(as_of)
    rows = s.execute(
        select(Invoice.customer_id, Customer.currency, func.sum(o.open))
        .join(Invoice, DueLine.invoice_id == Invoice.id)
        .join(Customer, and_(Customer.id == Invoice.customer_id, Customer.currency == Invoice.currency))
        .outerjoin(o.later, o.onclause)
        .where(invoice_exists_as_of(as_of))
        .group_by(Invoice.customer_id, Customer.currency))
    return {cid: (cur, int(v)) for cid, cur, v in rows if v}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ops=st.lists(op, min_size=1, max_size=25), later=st.lists(extra, max_size=4),
       probe=st.lists(day, min_size=1, max_size=3))
def test_open_balances_per_invoice_are_the_line_by_line_sums(ops, later, probe):
    s = fresh_session()
    run(s, ops)
    _run_extra(s, later)
    with s.begin():
        for as_of in [*probe, START + dt.timedelta(days=400)]:
            assert scoring._open_balances(s, as_of) == _reference_open_balances(s, as_of)


def test_an_empty_book_and_customers_without_lines(session):
    from tests.factories import make_customer

    with session.begin():
        make_customer(session, code="NADA")
    book = load_book(session, START)
    assert len(book) == 0 and book.history(1) is None and load_histories(session, START) == {}
    assert book.features([], []).shape == (0, 9) and len(book.examples(100)) == 0


def test_sparse_ids_are_found_too():
    """Ids far apart (imported, or many deleted) take the binary-search way; the answer is the same."""
    import numpy as np

    from app.collections.features import _find, _numbered

    ids = np.array([7, 10**12, 3, 5 * 10**9])
    assert _find(ids, np.array([3, 10**12, 4, 7])).tolist() == [2, 1, -1, 0]
    assert _find(np.array([2, 0, 1]), np.array([1, 2, 5])).tolist() == [2, 0, -1]  # dense: the table
    distinct, number = _numbered(np.array([10**12, 3, 3, 10**12, 9]))
    assert distinct.tolist() == [3, 9, 10**12] and number.tolist() == [2, 0, 0, 2, 1]
    distinct, number = _numbered(np.array([5, 3, 3, 5, 9]))
    assert distinct.tolist() == [3, 5, 9] and number.tolist() == [1, 0, 0, 1, 2]


def test_score_json_is_what_json_dumps_indented_printed(capsys):
    from app.cli.score import write_json
    from app.collections.scoring import CustomerScore

    scores = [
        CustomerScore("C1", "n", 0.5889, 59, "high", "B-high", 14.9, ("100% of what it owes is overdue", "x")),
        CustomerScore('C"2\\', "n", 0.0, 0, "low", "A-low", -0.0, ()),
        CustomerScore("Ñandú 3", "n", 1.0, 100, "very_high", "C-very_high", 1e-05,
                      ("paga en promedio 114 días tarde", "tab\there\nnew line", "\u2028 \x00")),
        CustomerScore("C4", "n", math.nan, 0, "low", "C-low", math.inf, ("pays on time",)),
    ]
    for rows in (scores, scores[:1], []):
        out = io.StringIO()
        write_json(out, rows)
        print(json.dumps([{"code": s.code, "score": s.score, "band": s.band, "segment": s.segment,
                           "reasons": list(s.reasons), "probability": s.probability,
                           "expected_days_late": s.expected_days_late} for s in rows], ensure_ascii=False, indent=2))
        assert out.getvalue() == capsys.readouterr().out


def test_examples_take_the_most_recent_known_lines_in_one_fixed_order():
    """Ties on the issue day are broken by customer id, due day and line id: the same book always gives
    the same examples (the query's own order did not)."""
    import numpy as np

    D = dt.date(2026, 6, 30)
    never = 1 << 40
    line_id = np.array([5, 4, 3, 2, 1, 6])
    customer = np.array([20, 10, 10, 20, 10, 10])
    issue = np.array([-100, -100, -100, -100, -200, -50])
    due = np.array([-70, -60, -70, -70, -170, -20])  # the last is known only 20 days later: not an example
    amount = np.full(6, 100)
    settled = np.array([-60, never, -10, -75, -150, -10])
    none = np.zeros((0, 2), dtype=np.int64)
    book = PaymentBook(D, line_id, customer, issue, due, amount, settled, none, none, none)
    ex = book.examples(3)
    # the newest day (-100) holds four lines: customer 10 before 20, then by due day, then line id: lines
    # 3, 4, 2, 5; the last three are kept: 4 still open (late), 2 paid 5 days early, 5 paid 10 days late
    assert ex.issue.tolist() == [-100, -100, -100] and np.isnan(ex.days_late[0])
    assert ex.days_late[1:].tolist() == [-5, 10] and ex.late.tolist() == [True, False, False]
    assert book.examples(10).issue.tolist() == [-200, -100, -100, -100, -100]


@pytest.mark.postgres
def test_book_features_on_postgres(pg_url):
    """The reads are portable: days counted by the dialect's date arithmetic, integers from the driver."""
    import random

    from app.database import open_database, session_factory
    from tests.ledger import test_ledger_properties as props

    engine = open_database(pg_url)
    s = session_factory(engine)()
    from app import ledger

    with s.begin():
        ledger.ensure_default_terms(s)
        for code in CUSTOMERS:
            ledger.create_customer(s, code=code, name=f"Cliente {code}")
    rng = random.Random(5)
    ops = []
    for _ in range(40):
        d = START + dt.timedelta(days=rng.randint(0, 120))
        kind = rng.choice(["invoice", "invoice", "payment", "payment", "credit_note", "void", "write_off", "allocate"])
        cust, cur = rng.choice(CUSTOMERS), rng.choice(props.CURRENCIES)
        ops.append({"invoice": ("invoice", cust, cur, d, rng.randint(1, 500_000), rng.choice(["NET30", "30-60-90"])),
                    "payment": ("payment", cust, cur, d, rng.randint(1, 500_000), rng.random() < 0.5,
                                rng.randint(0, 30)),
                    "credit_note": ("credit_note", cust, cur, d, rng.randint(1, 90_000), True, rng.randint(0, 30)),
                    "void": ("void", rng.randint(0, 30), d),
                    "write_off": ("write_off", rng.randint(0, 30), d, None),
                    "allocate": ("allocate", cust, cur, d)}[kind])
    run(s, ops)
    _run_extra(s, [("unapply", 0, 5), ("promise", "A", START + dt.timedelta(days=40), True),
                   ("dispute", 1, START + dt.timedelta(days=50)), ("limit", "B", 400_000)])
    with s.begin():
        for as_of in (START + dt.timedelta(days=45), START + dt.timedelta(days=400)):
            assert_book_is_the_definition(s, as_of)
            assert scoring._open_balances(s, as_of) == _reference_open_balances(s, as_of)
    s.close()
    engine.dispose()
