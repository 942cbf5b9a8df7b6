"""Random ledger histories with backdated writes, and the checks that the stored payment history
(app.ledger.payment_history) and what reads it (the forecast's lateness, the tasks' risk, the forecast) give
what the direct computation gives, at every date. Shared by the SQLite property test and the PostgreSQL one."""

from __future__ import annotations

import datetime as dt
from contextlib import contextmanager

from sqlalchemy import select

from app import ledger
from app.collections.agreements import create_agreement
from app.collections.promises import add_promise
from app.collections.risk import historical_risk
from app.collections.tasks import today_tasks
from app.ledger import corrections
from app.ledger import payment_history
from app.ledger.errors import LedgerError
from app.ledger.payment_history import (AFTER_EVERYTHING, CORRECTED, DIRECT, STORED, history_as_of, history_direct,
                                        reading_for)
from app.models import Allocation, Customer, CustomerPaymentHistory, Payment
from app.reports.forecast import HistoricalLateness, cash_forecast
from tests.reports import lateness_reference as reference

START = dt.date(2026, 1, 1)
CUSTOMERS = ("A", "B", "C")
CURRENCIES = ("PEN", "CLP")
TERMS = ("NET30", "30-60-90", "CONTADO", "NET90")
KINDS = ("invoice", "invoice", "payment", "payment", "payment", "credit_note", "write_off", "void", "void_payment",
         "unapply", "apply", "promise", "agreement")


def add_customers(s) -> None:
    with s.begin():
        ledger.ensure_default_terms(s)
        for code, limit in zip(CUSTOMERS, (300_000, 900_000, None)):  # credit limits: the tasks' third check
            ledger.create_customer(s, code=code, name=f"Cliente {code}", credit_limit_minor=limit)


def random_ops(rng, count: int) -> list[tuple]:
    """Operations as plain tuples (what hypothesis draws, or a seeded random.Random for PostgreSQL)."""
    ops = []
    for _ in range(count):
        kind = rng.choice(KINDS)
        day = START + dt.timedelta(days=rng.randrange(200))
        ops.append((kind, rng.choice(CUSTOMERS), rng.choice(CURRENCIES), day, rng.randrange(1, 500_000),
                    rng.choice(TERMS), rng.random() < 0.6, rng.randrange(40), rng.randrange(60)))
    return ops


def run(s, ops, after_each=None) -> list[dt.date]:
    """Apply the operations, each in its own transaction (refused ones leave nothing), calling
    `after_each(s)` after each; the dates used."""
    invoices: list[tuple[str, str]] = []
    days = []
    for n, (kind, cust, cur, day, amount, terms, named, r, later) in enumerate(ops):
        days.append(day)
        try:
            with s.begin():
                target = invoices[r % len(invoices)][0] if invoices else None
                if kind == "invoice":
                    ledger.record_invoice(s, customer_code=cust, number=f"F{n}", issue_date=day, total_minor=amount,
                                          currency=cur, payment_terms=terms)
                    invoices.append((f"F{n}", cust))
                elif kind == "payment":
                    ledger.record_payment(s, customer_code=cust, date=day, amount_minor=amount, currency=cur,
                                          invoice_number=target if named else None)
                elif kind == "credit_note" and target:
                    ledger.record_credit_note(s, customer_code=cust, number=f"NC{n}", date=day, amount_minor=amount,
                                              currency=cur, invoice_number=target if named else None)
                elif kind == "write_off" and target:
                    ledger.write_off(s, invoice_number=target, on_date=day, reason="t")
                elif kind == "void" and target:
                    ledger.void_invoice(s, target, reason="test", on_date=day)
                elif kind in ("void_payment", "unapply", "apply"):
                    payments = s.scalars(select(Payment).order_by(Payment.id)).all()
                    if payments:
                        doc = payments[r % len(payments)]
                        ref = corrections.source_ref(s, "payment", doc)
                        on = max(day, doc.date) + dt.timedelta(days=later)
                        if kind == "void_payment":
                            corrections.void_payment(s, ref, reason="rebotado", on_date=on)
                        elif kind == "unapply":
                            corrections.unapply(s, ref, on_date=on)
                        else:
                            corrections.apply(s, ref, on_date=on, invoice_number=target if named else None)
                elif kind == "promise":
                    add_promise(s, customer_code=cust, promised_date=day + dt.timedelta(days=later),
                                amount_minor=amount, currency=cur, made_on=day,
                                invoice_numbers=[target] if named and target else [])
                elif kind == "agreement" and target:
                    number, owner = invoices[r % len(invoices)]
                    create_agreement(s, customer_code=owner, invoice_numbers=[number], installments=1 + r % 4,
                                     every="month", start=day + dt.timedelta(days=7), agreed_on=day)
        except LedgerError:
            pass
        if after_each is not None:
            after_each(s)
    return days


def rows(s, q) -> dict[int, tuple[int, int, int, int]]:
    """{customer: (paid, weighted, settled, late)} of a history select, leaving out all-zero rows."""
    sub = q.subquery()
    out = {}
    for cid, *values in s.execute(select(sub.c.customer_id, sub.c.paid, sub.c.weighted, sub.c.settled, sub.c.late)):
        values = tuple(int(v or 0) for v in values)
        if any(values):
            out[cid] = values
    return out


def stored(s) -> dict[int, tuple[int, int, int, int]]:
    h = CustomerPaymentHistory
    return {cid: tuple(int(v) for v in values) for cid, *values in s.execute(
        select(h.customer_id, h.paid_minor, h.paid_days_late, h.settled_lines, h.late_lines)) if any(values)}


def check_stored(s) -> None:
    """The stored history is the history counting every allocation."""
    assert stored(s) == rows(s, history_direct(AFTER_EVERYTHING))
    s.rollback()


def dates_to_check(s, days) -> list[dt.date]:
    """Around every date the book carries (allocations are dated by their writes, corrections later)."""
    dated = set(days) | set(s.scalars(select(Allocation.date).distinct()))
    out = {START - dt.timedelta(days=1), max(dated, default=START) + dt.timedelta(days=1)}
    for d in dated:
        out |= {d - dt.timedelta(days=1), d}
    return sorted(out)


@contextmanager
def readings_chosen(share: int):
    """reading_for with another threshold: 1 picks CORRECTED whenever anything is allocated after the date,
    a huge one DIRECT (the choice is about cost; every reading must give the same)."""
    saved = payment_history._DIRECT_SHARE
    payment_history._DIRECT_SHARE = share
    try:
        yield
    finally:
        payment_history._DIRECT_SHARE = saved


def check_dates(s, dates, *, forecast: bool = True) -> set[str]:
    """At each date: the history read every way equals the direct one; the forecast's lateness, the risk and
    the forecast equal the reference (the computation before the stored history). The readings used."""
    ids = list(s.scalars(select(Customer.id)))
    readings = set()
    for d in dates:
        direct = rows(s, history_direct(d))
        for reading in (CORRECTED, DIRECT):
            assert rows(s, history_as_of(d, reading=reading)) == direct, (d, reading)
            assert rows(s, history_as_of(d, ids[:2], reading=reading)) == \
                {c: v for c, v in direct.items() if c in ids[:2]}, (d, reading)
        chosen = reading_for(s, d)
        readings.add(chosen)
        if chosen == STORED:
            assert rows(s, history_as_of(d, reading=STORED)) == direct, d
        assert HistoricalLateness.fit(s, d) == reference.fit(s, d), d
        assert historical_risk(s, ids, d) == reference.historical_risk(s, ids, d), d
        code_of = dict(s.execute(select(Customer.id, Customer.code)).all())
        assert {(t.customer_code, t.currency, t.amount_minor) for t in today_tasks(s, as_of=d)
                if t.kind == "over_credit_limit"} == \
            {(code_of[cid], cur, amount) for cid, cur, amount in reference.over_credit_limit(s, d)}, d
        if forecast:
            for weeks in (1, 4, 12):
                assert cash_forecast(s, d, weeks) == reference.cash_forecast(s, d, weeks), (d, weeks)
            assert cash_forecast(s, d, currency="clp") == reference.cash_forecast(s, d, currency="clp"), d
            assert cash_forecast(s, d, sources=()) == reference.cash_forecast(s, d, sources=()), d
    s.rollback()
    return readings
