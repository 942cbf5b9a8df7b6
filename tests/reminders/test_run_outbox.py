"""The outbox: queued reminders go out when their moment comes; failures are retried with backoff."""

import datetime as dt

from sqlalchemy import select

from app.models import Reminder
from app.reminders import outbox as ob
from app.reminders.run import execute_run
from tests.factories import make_customer, make_invoice

from .conftest import D, at, write_letters


def queue(s, day=D(2026, 6, 30), hour=10):
    with s.begin():
        return execute_run(s, as_of=day, at=at(day, hour))  # no sender: everything stays queued


def reminders(s):
    with s.begin():
        return {r.customer.code: (r.state, r.attempts, r.next_attempt_at, r.error, r.message_id)
                for r in s.scalars(select(Reminder))}


def deliver(s, when, sender, **kw):
    with s.begin():
        return ob.deliver_due(s, now=when, sender=sender, **kw)


def test_backoff_doubles_and_is_capped():
    assert [ob.backoff(n) for n in (1, 2, 3)] == [dt.timedelta(minutes=5), dt.timedelta(minutes=10),
                                                  dt.timedelta(minutes=20)]
    assert ob.backoff(20) == dt.timedelta(hours=12)


def test_one_failure_does_not_stop_the_others_and_is_retried(books, outbox):
    s = books
    with s.begin():
        make_invoice(s, number="F1", issued=D(2026, 5, 1), due=D(2026, 6, 1))
        make_invoice(s, number="F2", customer="C002", issued=D(2026, 5, 1), due=D(2026, 6, 1))
    queue(s)
    outbox.failing.add("C001")
    now = at(D(2026, 6, 30), 10)
    result = deliver(s, now, outbox)
    assert (result.sent, result.failed) == (1, 1)
    state = reminders(s)
    assert state["C002"][0] == "sent" and state["C002"][4].startswith("<r")
    assert state["C001"][:3] == ("queued", 1, now + dt.timedelta(minutes=5))
    assert state["C001"][3] == "ConnectionError: SMTP server unreachable"
    # before the retry time nothing is attempted
    assert deliver(s, now + dt.timedelta(minutes=4), outbox).failed == 0
    assert deliver(s, now + dt.timedelta(minutes=5), outbox).failed == 1
    assert reminders(s)["C001"][1:3] == (2, now + dt.timedelta(minutes=15))
    outbox.failing.clear()
    assert deliver(s, now + dt.timedelta(minutes=15), outbox).sent == 1
    assert reminders(s)["C001"][0] == "sent" and reminders(s)["C001"][3] is None


def test_gives_up_after_max_attempts(books, outbox):
    s = books
    with s.begin():
        make_invoice(s, number="F1", issued=D(2026, 5, 1), due=D(2026, 6, 1))
    queue(s)
    outbox.failing.add("C001")
    now = at(D(2026, 6, 30), 10)
    for _ in range(ob.MAX_ATTEMPTS):
        deliver(s, now, outbox)
        now += dt.timedelta(days=1)
        while now.weekday() >= 5:  # Peru: no contact at weekends, delivery checks it again (never attempted)
            now += dt.timedelta(days=1)
    state = reminders(s)["C001"]
    assert state[:3] == ("failed", ob.MAX_ATTEMPTS, None)


def test_queued_reminders_wait_for_their_means(books, outbox, tmp_path):
    s = books
    with s.begin():
        make_customer(s, code="C003", name="Sin Correo")
        make_invoice(s, number="F1", issued=D(2026, 5, 1), due=D(2026, 6, 1))
        make_invoice(s, number="F3", customer="C003", issued=D(2026, 5, 1), due=D(2026, 6, 1))
    queue(s)
    now = at(D(2026, 6, 30), 10)
    result = deliver(s, now, None)
    assert (result.sent, result.waiting_for_means) == (0, 2)
    result = deliver(s, now, outbox, letters_dir=tmp_path, letter_writer=write_letters)
    assert result.sent == 2 and result.letters_path == str(tmp_path / "letters.pdf")
    with s.begin():
        letter = s.scalars(select(Reminder).where(Reminder.channels == "letter")).one()
        assert letter.state == "sent" and letter.file_path == str(tmp_path / f"C003-{letter.id}.pdf")


def test_a_broken_letter_batch_fails_only_the_letters(books, outbox, tmp_path):
    s = books
    with s.begin():
        make_customer(s, code="C003", name="Sin Correo")
        make_invoice(s, number="F1", issued=D(2026, 5, 1), due=D(2026, 6, 1))
        make_invoice(s, number="F3", customer="C003", issued=D(2026, 5, 1), due=D(2026, 6, 1))
    queue(s)

    def broken(jobs, directory):
        raise OSError("disk full")

    result = deliver(s, at(D(2026, 6, 30), 10), outbox, letters_dir=tmp_path, letter_writer=broken)
    assert (result.sent, result.failed) == (1, 1)
    state = reminders(s)
    assert state["C001"][0] == "sent" and state["C003"][:2] == ("queued", 1)
    assert state["C003"][3] == "letter: disk full"


def test_not_yet_due_reminders_stay_queued(books, outbox):
    s = books
    with s.begin():
        make_invoice(s, number="F1", issued=D(2026, 5, 1), due=D(2026, 6, 1))
    queue(s, D(2026, 7, 3), hour=21)  # held until Monday 07:00 in Lima
    assert deliver(s, at(D(2026, 7, 6), 6, 59), outbox).sent == 0
    assert deliver(s, at(D(2026, 7, 6), 7, 0), outbox).sent == 1


def test_a_reminder_settled_before_it_goes_out_is_cancelled(books):
    s = books
    with s.begin():
        make_invoice(s, number="F1", issued=D(2026, 5, 1), due=D(2026, 6, 1))
    queue(s)

    def paid_meanwhile(job):
        raise ob.NothingDue("every item was settled")

    result = deliver(s, at(D(2026, 6, 30), 10), paid_meanwhile)
    assert (result.sent, result.failed, result.settled) == (0, 0, 1)
    assert reminders(s)["C001"][0] == "cancelled" and reminders(s)["C001"][3] == "settled before it went out"
