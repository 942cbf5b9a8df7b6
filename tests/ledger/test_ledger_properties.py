"""Property tests: for any sequence of invoices, payments, credit notes, voids and write-offs,
nothing is over-allocated and the balance as of any date equals the documents up to that date."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from app import ledger
from app.database import make_engine, session_factory
from app.ledger.errors import LedgerError
from app.models import POSTED, Allocation, Base, CreditNote, Customer, DueLine, Invoice, Payment, WriteOff

START = dt.date(2026, 1, 1)
CUSTOMERS = ("A", "B")
CURRENCIES = ("PEN", "USD", "CLP")

day = st.integers(min_value=0, max_value=120).map(lambda n: START + dt.timedelta(days=n))
amount = st.integers(min_value=1, max_value=500_000)
customer = st.sampled_from(CUSTOMERS)
currency = st.sampled_from(CURRENCIES)
ref = st.integers(min_value=0, max_value=30)  # index into documents recorded so far

op = st.one_of(
    st.tuples(st.just("invoice"), customer, currency, day, amount, st.sampled_from(["NET30", "30-60-90", "EOM30"])),
    st.tuples(st.just("payment"), customer, currency, day, amount, st.booleans(), ref),
    st.tuples(st.just("credit_note"), customer, currency, day, amount, st.booleans(), ref),
    st.tuples(st.just("void"), ref, day),
    st.tuples(st.just("write_off"), ref, day, st.one_of(st.none(), amount)),
    st.tuples(st.just("allocate"), customer, currency, day),
)


def fresh_session():
    engine = make_engine("sqlite://")
    Base.metadata.create_all(engine)
    s = session_factory(engine)()
    with s.begin():
        ledger.ensure_default_terms(s)
        for code in CUSTOMERS:
            ledger.create_customer(s, code=code, name=f"Cliente {code}")
    return s


def run(s, ops):
    invoices: list[str] = []
    n = 0
    for o in ops:
        n += 1
        try:
            with s.begin():
                kind = o[0]
                if kind == "invoice":
                    _, cust, cur, d, amt, terms = o
                    ledger.record_invoice(s, customer_code=cust, number=f"F{n}", issue_date=d, total_minor=amt,
                                          currency=cur, payment_terms=terms)
                    invoices.append(f"F{n}")
                elif kind == "payment":
                    _, cust, cur, d, amt, named, r = o
                    target = invoices[r % len(invoices)] if named and invoices else None
                    ledger.record_payment(s, customer_code=cust, date=d, amount_minor=amt, currency=cur,
                                          invoice_number=target)
                elif kind == "credit_note":
                    _, cust, cur, d, amt, named, r = o
                    target = invoices[r % len(invoices)] if named and invoices else None
                    ledger.record_credit_note(s, customer_code=cust, number=f"NC{n}", date=d, amount_minor=amt,
                                              currency=cur, invoice_number=target)
                elif kind == "void" and invoices:
                    _, r, d = o
                    ledger.void_invoice(s, invoices[r % len(invoices)], reason="test", on_date=d)
                elif kind == "write_off" and invoices:
                    _, r, d, amt = o
                    ledger.write_off(s, invoice_number=invoices[r % len(invoices)], on_date=d, reason="test",
                                     amount_minor=amt)
                elif kind == "allocate":
                    _, cust, cur, d = o
                    ledger.allocate_credit(s, customer_code=cust, currency=cur, on_date=d)
        except LedgerError:
            pass  # a refused action must leave nothing behind; the invariants below check that


def documents_total(s, code, cur, as_of):
    cid = s.scalar(select(Customer.id).where(Customer.code == code))

    def total(model, *extra):
        q = select(func.coalesce(func.sum(model.amount_minor), 0)).where(
            model.customer_id == cid, model.currency == cur, model.date <= as_of, *extra)
        return s.scalar(q)

    invoiced = s.scalar(select(func.coalesce(func.sum(Invoice.total_minor), 0)).where(
        Invoice.customer_id == cid, Invoice.currency == cur, Invoice.issue_date <= as_of,
        (Invoice.status == POSTED) | (Invoice.void_date > as_of)))
    return (invoiced - total(Payment, Payment.status == POSTED) - total(CreditNote, CreditNote.status == POSTED)
            - total(WriteOff))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ops=st.lists(op, min_size=1, max_size=25), probe=st.lists(day, min_size=1, max_size=4))
def test_ledger_invariants(ops, probe):
    s = fresh_session()
    run(s, ops)
    with s.begin():
        # no due line over-allocated, ever
        over = s.execute(
            select(DueLine.id).join(Allocation, Allocation.due_line_id == DueLine.id)
            .group_by(DueLine.id, DueLine.amount_minor).having(func.sum(Allocation.amount_minor) > DueLine.amount_minor)
        ).all()
        assert over == []
        # no payment or credit note applied beyond its amount
        for model, column in ((Payment, Allocation.payment_id), (CreditNote, Allocation.credit_note_id),
                              (WriteOff, Allocation.write_off_id)):
            beyond = s.execute(
                select(model.id).join(Allocation, column == model.id)
                .group_by(model.id, model.amount_minor).having(func.sum(Allocation.amount_minor) > model.amount_minor)
            ).all()
            assert beyond == []
        # allocations are never dated before either of their documents
        early = s.execute(
            select(Allocation.id).join(DueLine, Allocation.due_line_id == DueLine.id)
            .join(Invoice, DueLine.invoice_id == Invoice.id).outerjoin(Payment, Allocation.payment_id == Payment.id)
            .where((Allocation.date < Invoice.issue_date) | (Allocation.date < Payment.date))
        ).all()
        assert early == []
        # due lines of every invoice sum to its total
        mismatched = s.execute(
            select(Invoice.id).join(DueLine).group_by(Invoice.id, Invoice.total_minor)
            .having(func.sum(DueLine.amount_minor) != Invoice.total_minor)).all()
        assert mismatched == []
        # the balance as of any date equals the documents up to that date
        for as_of in probe + [START + dt.timedelta(days=400)]:
            for code in CUSTOMERS:
                got = {b.currency: b.balance_minor for b in ledger.customer_balance(s, code, as_of)}
                for cur in CURRENCIES:
                    assert got.get(cur, 0) == documents_total(s, code, cur, as_of), (code, cur, as_of)
                # open items are the positive part and never exceed their line
                for item in ledger.open_items(s, code, as_of):
                    assert 0 < item.open_minor <= item.amount_minor
