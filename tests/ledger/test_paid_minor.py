"""due_line.paid_minor is everything ever allocated to the line, whatever the history (payments named or
not, credit notes, allocate_credit, write-offs, refused actions rolled back)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from app.models import Allocation, DueLine

from .test_ledger_properties import fresh_session, op, run


def paid_mismatches(s):
    allocated = (select(Allocation.due_line_id, func.sum(Allocation.amount_minor).label("total"))
                 .group_by(Allocation.due_line_id).subquery())
    return s.execute(
        select(DueLine.id, DueLine.paid_minor, allocated.c.total)
        .outerjoin(allocated, allocated.c.due_line_id == DueLine.id)
        .where(DueLine.paid_minor != func.coalesce(allocated.c.total, 0))).all()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ops=st.lists(op, min_size=1, max_size=25))
def test_paid_minor_is_the_allocation_sum(ops):
    s = fresh_session()
    run(s, ops)
    with s.begin():
        assert paid_mismatches(s) == []
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
        assert paid_mismatches(s) == []
