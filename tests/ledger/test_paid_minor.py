"""due_line.paid_minor is everything ever allocated to the line, and a payment's, credit note's or
write-off's applied_minor everything ever allocated from it, whatever the history (payments named or not,
credit notes, allocate_credit, write-offs, voids, refused actions rolled back)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, literal, select

from app.models import Allocation, CreditNote, DueLine, Payment, WriteOff

from .test_ledger_properties import fresh_session, op, run


def paid_mismatches(s):
    allocated = (select(Allocation.due_line_id, func.sum(Allocation.amount_minor).label("total"))
                 .group_by(Allocation.due_line_id).subquery())
    return s.execute(
        select(DueLine.id, DueLine.paid_minor, allocated.c.total)
        .outerjoin(allocated, allocated.c.due_line_id == DueLine.id)
        .where(DueLine.paid_minor != func.coalesce(allocated.c.total, 0))).all()


def applied_mismatches(s):
    out = []
    for table, column in ((Payment, Allocation.payment_id), (CreditNote, Allocation.credit_note_id),
                          (WriteOff, Allocation.write_off_id)):
        allocated = select(column.label("source"), func.sum(Allocation.amount_minor).label("total")) \
            .where(column.is_not(None)).group_by(column).subquery()
        out += s.execute(select(literal(table.__tablename__), table.id, table.applied_minor, allocated.c.total)
                         .outerjoin(allocated, allocated.c.source == table.id)
                         .where(table.applied_minor != func.coalesce(allocated.c.total, 0))).all()
    return out


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ops=st.lists(op, min_size=1, max_size=25))
def test_paid_minor_is_the_allocation_sum(ops):
    s = fresh_session()
    run(s, ops)
    with s.begin():
        assert paid_mismatches(s) == []
        assert applied_mismatches(s) == []
        for table in (Payment, CreditNote, WriteOff):
            for doc in s.scalars(select(table)):
                s.refresh(doc)
                assert 0 <= doc.applied_minor <= doc.amount_minor
        # the session's own objects agree with the database
        for line in s.scalars(select(DueLine)):
            s.refresh(line)
            assert 0 <= line.paid_minor <= line.amount_minor


def test_paid_minor_after_payment_and_write_off():
    import datetime as dt

    from app import ledger

    s = fresh_session()
    with s.begin():
        ledger.record_invoice(s, customer_code="A", number="F1", issue_date=dt.date(2026, 1, 1), total_minor=900,
                              currency="PEN", payment_terms="30-60-90")
        ledger.record_payment(s, customer_code="A", date=dt.date(2026, 2, 1), amount_minor=400, currency="PEN")
    with s.begin():
        paid = [dl.paid_minor for dl in s.scalars(select(DueLine).order_by(DueLine.sequence))]
        assert paid == [300, 100, 0]
    with s.begin():
        ledger.write_off(s, invoice_number="F1", on_date=dt.date(2026, 3, 1), reason="test")
    with s.begin():
        paid = [dl.paid_minor for dl in s.scalars(select(DueLine).order_by(DueLine.sequence))]
        assert paid == [300, 300, 300]
        assert paid_mismatches(s) == [] and applied_mismatches(s) == []
        assert s.scalar(select(Payment.applied_minor)) == 400 and s.scalar(select(WriteOff.applied_minor)) == 500


def test_every_allocation_carries_its_documents_currency():
    import datetime as dt

    from app import ledger

    s = fresh_session()
    with s.begin():
        ledger.record_invoice(s, customer_code="A", number="F1", issue_date=dt.date(2026, 1, 1), total_minor=900,
                              currency="USD")
        ledger.record_payment(s, customer_code="A", date=dt.date(2026, 2, 1), amount_minor=400, currency="USD")
        ledger.write_off(s, invoice_number="F1", on_date=dt.date(2026, 3, 1), reason="test")
    with s.begin():
        assert set(s.scalars(select(Allocation.currency))) == {"USD"}
