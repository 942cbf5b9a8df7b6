import datetime as dt

from app.collections.activities import log_activity
from app.collections.agreements import create_agreement
from app.collections.disputes import open_dispute
from app.collections.timeline import customer_timeline
from tests.factories import make_customer, make_invoice, make_payment

D = dt.date


def test_everything_about_a_customer_in_one_list_newest_first(session):
    s = session
    with s.begin():
        make_customer(s)
        make_invoice(s, number="F1", amount="600.00", issued=D(2026, 1, 10))
        make_invoice(s, number="F2", amount="100.00", issued=D(2026, 2, 10))
        make_payment(s, amount="100.00", date=D(2026, 3, 1), reference="OP-1")
        log_activity(s, customer_code="C001", channel="call", outcome="promise", notes="paga el viernes",
                     at=dt.datetime(2026, 6, 1, 15, tzinfo=dt.timezone.utc), promise_date=D(2026, 6, 5),
                     promise_amount_minor=20000)
        open_dispute(s, invoice_number="F2", reason="precio", on_date=D(2026, 6, 10))
        create_agreement(s, customer_code="C001", invoice_numbers=["F1"], installments=2, every="month",
                         start=D(2026, 7, 1), agreed_on=D(2026, 6, 20))
    entries = customer_timeline(s, "C001")
    kinds = [e.kind for e in entries]
    assert kinds == ["agreement", "dispute", "promise", "activity", "payment", "invoice", "invoice"]
    assert entries[0].title.startswith("CONV-00001") and entries[0].amount_minor == 50000
    assert entries[3].detail == "paga el viernes"
    assert [e.day for e in entries] == sorted((e.day for e in entries), reverse=True)
