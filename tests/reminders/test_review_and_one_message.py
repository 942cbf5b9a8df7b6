"""Nothing is approved by surprise (a policy reviews before sending unless it says "send automatically"), one
message per debtor per run covering all its currencies, and the contact rules checked again at delivery."""

import datetime as dt

import pytest
from sqlalchemy import select

from app import ledger
from app.models import ContactLog, Reminder
from app.reminders import outbox
from app.reminders.policy import ensure_default_policy, set_send_automatically
from app.reminders.run import execute_run
from app.reminders.service import perform_run, preview_run
from tests.factories import SmtpCollector, make_invoice, smtp_settings, start_smtp

from .conftest import D, at


@pytest.fixture
def smtp(books):
    handler = SmtpCollector()
    controller = start_smtp(handler)
    with books.begin():
        for key, value in smtp_settings(controller.port):
            ledger.set_setting(books, key, value)
    yield handler
    controller.stop()


def overdue(s, customers=("C001", "C002")):
    with s.begin():
        for n, code in enumerate(customers, start=1):
            make_invoice(s, number=f"F{n}", customer=code, issued=D(2026, 5, 1), due=D(2026, 6, 1))


def test_a_review_policy_approves_nothing_and_an_automatic_one_everything(books, tmp_path):
    s = books
    overdue(s)
    with s.begin():
        set_send_automatically(s, "STANDARD", False)  # the shipped policy: review before sending
        review = preview_run(s, as_of=D(2026, 6, 30), at="10:00")
    planned = [p for p in review.plan if p.blocked is None]
    assert len(planned) == 2 and [p.pre_approved for p in planned] == [False, False]
    assert [p.as_json()["approved"] for p in planned] == [False, False]
    with s.begin():
        set_send_automatically(s, "STANDARD", True)
        automatic = preview_run(s, as_of=D(2026, 6, 30), at="10:00")
    assert [p.pre_approved for p in automatic.plan if p.blocked is None] == [True, True]
    # a run that is given no approval follows the policy: under review, drafts only, nothing delivered
    with s.begin():
        set_send_automatically(s, "STANDARD", False)
        done = perform_run(s, as_of=D(2026, 6, 30), at="10:00", letters_dir=tmp_path)
    assert (done.summary.queued, done.summary.drafts) == (0, 2)
    assert set(s.scalars(select(Reminder.state))) == {"draft"}
    s.rollback()


def test_the_shipped_policy_reviews_before_sending(session):
    with session.begin():
        policy = ensure_default_policy(session)
    assert policy.send_automatically is False


def test_one_email_per_debtor_per_run_covering_all_its_currencies(books, smtp, tmp_path):
    s = books
    with s.begin():
        make_invoice(s, number="F1", issued=D(2026, 5, 1), due=D(2026, 6, 1), amount="120.00")
        make_invoice(s, number="U1", currency="USD", issued=D(2026, 5, 1), due=D(2026, 6, 1), amount="80.00")
        summary = execute_run(s, as_of=D(2026, 6, 30), at=at(D(2026, 6, 30)), send=outbox.channel_sender(s),
                              letters_dir=tmp_path)
    assert (summary.queued, summary.sent, summary.emails_sent) == (2, 2, 1)
    [msg] = smtp.messages()
    body = msg.get_body(("plain",)).get_content().replace("\xa0", " ")
    assert "F1" in body and "U1" in body
    assert "F1 " in body and "S/ 120.00" in body and "USD 80.00" in body  # each amount in its own currency
    assert "Total pendiente: S/ 120.00 y USD 80.00" in body
    with s.begin():
        rows = list(s.scalars(select(Reminder).order_by(Reminder.currency)))
        assert [(r.currency, r.state) for r in rows] == [("PEN", "sent"), ("USD", "sent")]
        assert rows[0].message_id == rows[1].message_id == msg["Message-ID"]
        assert rows[0].send_at == rows[1].send_at
        # one contact for the caps, not two
        assert len(list(s.scalars(select(ContactLog)))) == 1


def test_a_held_reminder_whose_window_passed_waits_for_the_next_permitted_moment(books, outbox):
    """CO profile: planned on a Saturday at 07:30, held until 08:00; no run until Sunday afternoon, when the
    delivery checks the rules again and moves it to Monday 07:00 instead of sending it on a Sunday."""
    s = books
    with s.begin():
        ledger.set_setting(s, "contact_rules.country", "CO")
        make_invoice(s, number="F1", issued=D(2026, 5, 1), due=D(2026, 6, 1))
    saturday, sunday, monday = D(2026, 7, 4), D(2026, 7, 5), D(2026, 7, 6)
    with s.begin():
        first = execute_run(s, as_of=saturday, at=at(saturday, 7, 30), send=outbox)
    assert (first.queued, first.held, first.sent) == (1, 1, 0)
    with s.begin():
        sunday_run = execute_run(s, as_of=sunday, at=at(sunday, 15), send=outbox)
    assert sunday_run.sent == 0 and sunday_run.held_at_delivery == 1 and outbox.jobs == []
    with s.begin():
        r = s.scalars(select(Reminder)).one()
        assert r.state == "queued" and r.send_at == dt.datetime(2026, 7, 6, 12, 0, tzinfo=dt.timezone.utc)
        assert "Ley 2300" in r.hold_reason
    with s.begin():
        monday_run = execute_run(s, as_of=monday, at=at(monday, 10), send=outbox)
    assert monday_run.sent == 1 and len(outbox.jobs) == 1
