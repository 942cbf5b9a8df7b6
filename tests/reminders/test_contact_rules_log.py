"""The contact rules read the debtor's history: reminders sent, reminders queued, collectors' activities."""

import datetime as dt

from app.collections.activities import log_activity
from app.reminders.contact_rules import warning_for_contact
from app.reminders.run import plan_run
from tests.factories import make_customer, make_invoice

from .conftest import D, at


def test_activity_log_warns_about_a_call_outside_the_permitted_hours(books):
    s = books
    with s.begin():
        view = log_activity(s, customer_code="C001", channel="call", outcome="no_answer",
                            at=at(D(2026, 7, 4), 10), contact_check=warning_for_contact)  # a Saturday in Lima
    assert view.warning.startswith("no contact on Saturday — Ley 29571 art. 62")
    with s.begin():
        view = log_activity(s, customer_code="C001", channel="call", at=at(D(2026, 7, 6), 10),
                            contact_check=warning_for_contact)
    assert view.warning is None
    with s.begin():
        view = log_activity(s, customer_code="C001", channel="note", at=at(D(2026, 7, 4), 23),
                            contact_check=warning_for_contact)
    assert view.warning is None


def test_a_collectors_call_counts_for_the_daily_cap_of_the_run(books):
    s = books
    with s.begin():
        make_customer(s, code="CO1", name="Tienda Bogotá", country="CO", currency="COP", email="x@tienda.co")
        make_invoice(s, number="B1", customer="CO1", currency="COP", amount="500000", issued=D(2026, 5, 1),
                     due=D(2026, 6, 1))
        log_activity(s, customer_code="CO1", channel="call", outcome="contacted", at=at(D(2026, 7, 1), 8))
    with s.begin():
        [p] = plan_run(s, as_of=D(2026, 7, 1), at=at(D(2026, 7, 1), 10))
    # Ley 2300: once in contact, one channel a week -> the e-mail waits a week after the call
    assert p.send_at == dt.datetime(2026, 7, 8, 13, 0, tzinfo=dt.timezone.utc)
    assert "one channel a week" in p.hold_reason
