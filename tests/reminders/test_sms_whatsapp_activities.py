"""SMS and WhatsApp reminders are not marked sent without being sent; every reminder that goes out is in
the customer's activity log; policies by risk segment."""

import csv
import datetime as dt

import pytest
from sqlalchemy import select

from app import ledger
from app.collections.activities import list_activities
from app.collections.tasks import today_tasks
from app.collections.timeline import customer_timeline
from app.models import CustomerRisk, Reminder
from app.reminders.policy import assign_policy, create_policy
from app.reminders.run import (
    customer_reminders, execute_run, plan_run, recent_reminders, reminder_timeline_entries,
)
from app.reminders.segment_policy import normalise_segment, segment_policies, set_segment_policy
from app.reminders.whatsapp_send import NotPendingError, open_whatsapp_reminder
from tests.factories import make_customer, make_invoice

from .conftest import D, at

DAY = D(2026, 6, 30)


def _policy(s, code, channels, days=1):
    return create_policy(s, send_automatically=True, code=code, name_es=code, name_en=code,
                         levels=[{"key": "friendly", "days": days, "channels": channels}])


def _run(s, day, tmp_path, sender=None, hour=10):
    with s.begin():
        return execute_run(s, as_of=day, at=at(day, hour), send=sender, letters_dir=tmp_path)


def _state(s, code):
    r = customer_reminders(s, code)[0]
    s.rollback()
    return r


def test_sms_reminders_go_to_a_gateway_csv_and_a_bad_number_fails_alone(books, tmp_path):
    s = books
    with s.begin():
        _policy(s, "SMS", "sms")
        make_customer(s, code="C010", name="Textos S.A.C.", phone="987 654 321")
        make_customer(s, code="C011", name="Numero Malo S.A.C.", phone="12")
        for code in ("C010", "C011"):
            assign_policy(s, code, "SMS")
            make_invoice(s, number=f"F-{code}", customer=code, issued=D(2026, 5, 1), due=D(2026, 6, 10))
    summary = _run(s, DAY, tmp_path)
    assert summary.sms_path and summary.sent == 1 and summary.failed == 1
    with open(summary.sms_path, encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert [(r["phone"], r["customer_code"]) for r in rows] == [("+51987654321", "C010")]
    assert "F-C010" in rows[0]["message"]
    good, bad = _state(s, "C010"), _state(s, "C011")
    assert good.state == "sent" and good.file_path == summary.sms_path
    assert bad.state == "queued" and "'12'" in bad.error  # retried later; the error names the number
    assert any(a.channel == "sms" and a.source == f"reminder:{good.id}" for a in list_activities(s, "C010"))


def test_whatsapp_waits_for_a_person_and_opening_it_records_it(books, tmp_path):
    s = books
    with s.begin():
        _policy(s, "WA", "whatsapp")
        make_customer(s, code="C020", name="Chat S.A.C.", phone="+51 987 111 222")
        assign_policy(s, "C020", "WA")
        make_invoice(s, number="F-WA", customer="C020", issued=D(2026, 5, 1), due=D(2026, 6, 10))
    summary = _run(s, DAY, tmp_path)
    r = _state(s, "C020")
    assert r.state == "queued" and r.pending_channels == ("whatsapp",) and summary.sent == 0
    [(rid, code, link)] = summary.whatsapp_links
    assert rid == r.id and code == "C020" and link.startswith("https://wa.me/51987111222?text=") and "F-WA" in link
    assert [x.id for x in recent_reminders(s, pending_channel="whatsapp")] == [r.id]
    s.rollback()
    # a second run does not send it again nor mark it sent
    again = _run(s, DAY, tmp_path, hour=11)
    assert again.sent == 0 and _state(s, "C020").state == "queued"
    # opening the chat is the contact: the rules hold then too (Peru: not after 20:00)
    with pytest.raises(NotPendingError, match="contact rules do not allow"):
        with s.begin():
            open_whatsapp_reminder(s, r.id, at=at(DAY, 21))
    with s.begin():
        opened = open_whatsapp_reminder(s, r.id, at=at(DAY, 12))
    assert opened.startswith("https://wa.me/51987111222")
    done = _state(s, "C020")
    assert done.state == "sent" and done.pending_channels == () and done.sent_at is not None
    [activity] = [a for a in list_activities(s, "C020") if a.source == f"reminder:{r.id}"]
    assert activity.channel == "whatsapp"
    s.rollback()
    with pytest.raises(NotPendingError):
        with s.begin():
            open_whatsapp_reminder(s, r.id, at=at(DAY, 13))


def test_sent_reminders_are_activities_once_in_the_timeline_and_calls_become_tasks(books, tmp_path, outbox):
    s = books
    with s.begin():
        _policy(s, "CALL", "email,call")
        make_customer(s, code="C030", name="Llamadas S.A.C.", email="x@llamadas.pe", phone="+51 987 333 444")
        assign_policy(s, "C030", "CALL")
        make_invoice(s, number="F-CALL", customer="C030", issued=D(2026, 5, 1), due=D(2026, 6, 10))
    _run(s, DAY, tmp_path, sender=outbox)
    r = _state(s, "C030")
    assert r.state == "sent"
    logged = sorted(a.channel for a in list_activities(s, "C030") if a.source == f"reminder:{r.id}")
    assert logged == ["call", "email"]
    timeline = customer_timeline(s, "C030", sources=(reminder_timeline_entries,))
    assert [e.kind for e in timeline].count("reminder") == 1
    assert not any(e.kind == "activity" for e in timeline)
    tasks = [t for t in today_tasks(s, as_of=DAY) if t.customer_code == "C030"]
    assert [t.kind for t in tasks] == ["follow_up"] and "Call task" in tasks[0].detail
    s.rollback()


def _store_segment(s, code, segment):
    cid = ledger.get_customer(s, code).id
    s.add(CustomerRisk(customer_id=cid, as_of=DAY, probability=0.5, expected_days_late=10.0, band="high",
                       segment=segment, method="test", reasons_es="", reasons_en="",
                       computed_at=dt.datetime(2026, 6, 30, tzinfo=dt.timezone.utc)))


def test_policy_by_segment_most_specific_wins_and_own_policy_beats_it(books):
    s = books
    with s.begin():
        _policy(s, "STRICT", "letter", days=1)
        _policy(s, "SOFT", "email", days=1)
        _policy(s, "OWN", "email", days=1)
        for code, segment in (("C040", "C-high"), ("C041", "C-low"), ("C042", "A-high"), ("C043", "C-high")):
            make_customer(s, code=code, name=f"Cliente {code}", email=f"{code}@x.pe")
            make_invoice(s, number=f"F-{code}", customer=code, issued=D(2026, 5, 1), due=D(2026, 6, 10))
            _store_segment(s, code, segment)
        set_segment_policy(s, "c", "SOFT")
        set_segment_policy(s, "c-HIGH", "STRICT")
        assign_policy(s, "C043", "OWN")
    assert segment_policies(s) == {"C": "SOFT", "C-high": "STRICT"}
    s.rollback()
    with s.begin():
        plan = {p.customer_code: p for p in plan_run(s, as_of=DAY, at=at(DAY)) if p.blocked is None}
    assert plan["C040"].policy_code == "STRICT" and plan["C040"].policy_reason == "policy STRICT by segment C-high"
    assert plan["C040"].channels == ("letter",)
    assert plan["C041"].policy_code == "SOFT" and "segment C" in plan["C041"].policy_reason
    assert plan["C042"].policy_code == "STANDARD" and "default" in plan["C042"].policy_reason
    assert plan["C043"].policy_code == "OWN"
    assert "policy" not in plan["C040"].as_json()  # the --dry-run contract is unchanged
    s.rollback()
    with s.begin():
        set_segment_policy(s, "C-high", None)
    assert segment_policies(s) == {"C": "SOFT"}


@pytest.mark.parametrize("text", ["D", "A-huge", "", "high-A"])
def test_bad_segments_are_refused_with_the_valid_forms(text):
    with pytest.raises(ledger.LedgerError) as exc:
        normalise_segment(text)
    assert exc.value.field == "segment" and "A-high" in str(exc.value)


def test_reminder_rows_keep_pending_channels_only_for_whatsapp(books, tmp_path, outbox):
    s = books
    with s.begin():
        _policy(s, "BOTH", "email,whatsapp")
        make_customer(s, code="C050", name="Ambos S.A.C.", email="a@ambos.pe", phone="+51 987 555 666")
        assign_policy(s, "C050", "BOTH")
        make_invoice(s, number="F-BOTH", customer="C050", issued=D(2026, 5, 1), due=D(2026, 6, 10))
    summary = _run(s, DAY, tmp_path, sender=outbox)
    r = s.scalars(select(Reminder).where(Reminder.customer_id == ledger.get_customer(s, "C050").id)).one()
    assert r.state == "sent" and r.pending_channels == "whatsapp"  # the e-mail went, the chat waits
    assert outbox.codes() == ["C050"] and len(summary.whatsapp_links) == 1
    s.rollback()
