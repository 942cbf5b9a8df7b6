"""The reminder run's rules, each on a small history built with the ledger functions."""

import datetime as dt

import pytest
from sqlalchemy import func, select

from app import ledger
from app.ledger.money import to_minor
from app.models import ContactLog, Invoice, Reminder, ReminderRun
from app.reminders import run as reminders
from app.reminders.policy import assign_policy, create_policy, pause_reminders, set_contact_preferences
from app.reminders.run import RunBeforeLatestError, customer_reminders, execute_run, plan_run
from tests.factories import make_customer, make_invoice, make_payment

from .conftest import LIMA, D, at, write_letters


def plan(s, day, hour=10, zone=LIMA):
    with s.begin():
        return plan_run(s, as_of=day, at=at(day, hour, zone=zone))


def go(s, day, outbox=None, tmp_path=None, hour=10, **kw):
    with s.begin():
        return execute_run(s, as_of=day, at=at(day, hour), send=outbox,
                           letters_dir=tmp_path, letter_writer=write_letters if tmp_path else None, **kw)


def history_of(s, code):
    with s.begin():
        return customer_reminders(s, code)


def by_customer(lines):
    return {(p.customer_code, p.currency, p.blocked is None): p for p in lines}


def test_nothing_is_planned_before_any_level_is_reached(books):
    with books.begin():
        make_invoice(books, number="F1", issued=D(2026, 6, 1), due=D(2026, 7, 10))
    assert plan(books, D(2026, 6, 30)) == []


def test_courtesy_notice_three_days_before_the_due_date(books):
    with books.begin():
        make_invoice(books, number="F1", issued=D(2026, 6, 1), due=D(2026, 7, 3))
    assert plan(books, D(2026, 6, 29)) == []
    [p] = plan(books, D(2026, 6, 30))
    assert (p.level_key, p.channels, p.blocked) == ("courtesy", ("email",), None)
    assert p.as_json() == {"customer_code": "C001", "level": "courtesy", "channels": ["email"], "items": ["F1"],
                           "amount": "120.00", "currency": "PEN", "blocked": None,
                           "send_at": "2026-06-30T15:00:00+00:00", "key": "C001/PEN", "approved": True}


def test_an_imported_90_day_old_invoice_climbs_one_level_at_a_time(books, outbox, tmp_path):
    s = books
    with s.begin():
        make_invoice(s, number="F1", issued=D(2026, 3, 1), due=D(2026, 4, 1))
    levels = []
    for day in (D(2026, 6, 30), D(2026, 7, 6), D(2026, 7, 13), D(2026, 7, 20)):
        summary = go(s, day, outbox, tmp_path)
        assert summary.queued == 1 and summary.sent == 1
        levels.append(history_of(s, "C001")[0].level_key)
    # the first contact is the first overdue level, never the final notice
    assert levels == ["friendly", "reminder", "firm", "final"]
    [p] = plan(s, D(2026, 7, 27))
    assert p.blocked == "already reminded at level final" and p.level_key == "final"


def test_one_reminder_per_customer_and_currency_at_the_highest_level_reached(books, outbox, tmp_path):
    s = books
    with s.begin():
        make_invoice(s, number="F1", issued=D(2026, 5, 1), due=D(2026, 6, 1))
    go(s, D(2026, 6, 2), outbox)  # F1 gets the friendly reminder
    with s.begin():
        make_invoice(s, number="F2", issued=D(2026, 6, 10), due=D(2026, 6, 28))
        make_invoice(s, number="F3", issued=D(2026, 6, 10), due=D(2026, 6, 29), amount="80.00")
        make_invoice(s, number="U1", issued=D(2026, 6, 10), due=D(2026, 6, 20), currency="USD", amount="50.00")
    lines = plan(s, D(2026, 6, 30))
    assert [(p.customer_code, p.currency, p.level_key) for p in lines] == [("C001", "PEN", "reminder"),
                                                                            ("C001", "USD", "friendly")]
    pen = lines[0]
    assert [i.invoice_number for i in pen.items] == ["F1", "F2", "F3"]
    assert {i.invoice_number: (i.level_key, i.climbed) for i in pen.items} == {
        "F1": ("reminder", True), "F2": ("friendly", True), "F3": ("friendly", True)}
    assert pen.amount_minor == 32000 and pen.channels == ("email", "letter")
    go(s, D(2026, 6, 30), outbox, tmp_path)
    history = history_of(s, "C001")
    assert [(h.currency, h.level_key, h.state) for h in history[:2]] == [("USD", "friendly", "sent"),
                                                                          ("PEN", "reminder", "sent")]
    assert [(ln.invoice_number, ln.level_key) for ln in history[1].lines] == [
        ("F1", "reminder"), ("F2", "friendly"), ("F3", "friendly")]


def test_an_item_climbs_only_after_its_level_was_actually_sent(books, tmp_path):
    s = books
    with s.begin():
        make_invoice(s, number="F1", issued=D(2026, 3, 1), due=D(2026, 4, 1))
    summary = go(s, D(2026, 6, 30))  # no sender: the e-mail stays queued
    assert summary.queued == 1 and summary.sent == 0
    [p] = plan(s, D(2026, 7, 20))
    assert p.blocked.startswith("previous reminder #1 not sent yet") and p.level_key == "friendly"
    assert go(s, D(2026, 7, 20)).queued == 0


def test_minimum_gap_between_a_customers_reminders(books, outbox):
    s = books
    with s.begin():
        make_invoice(s, number="F1", issued=D(2026, 5, 1), due=D(2026, 6, 1))
    go(s, D(2026, 6, 30), outbox)
    with s.begin():
        make_invoice(s, number="F2", issued=D(2026, 6, 1), due=D(2026, 7, 1))
    [p] = plan(s, D(2026, 7, 3))
    assert p.blocked == "minimum gap of 5 days since the reminder of 2026-06-30"
    assert p.blocked_es.startswith("separación mínima de 5 días")
    [p] = plan(s, D(2026, 7, 6))
    assert p.blocked is None and p.level_key == "reminder"


def test_disputed_items_and_items_in_an_agreement_are_skipped_with_a_reason(books):
    from app.collections.agreements import create_agreement

    s = books
    with s.begin():
        make_invoice(s, number="F1", issued=D(2026, 5, 1), due=D(2026, 6, 1))
        make_invoice(s, number="F2", issued=D(2026, 5, 1), due=D(2026, 6, 1))
        make_invoice(s, number="F3", issued=D(2026, 5, 1), due=D(2026, 6, 1))
        ledger.set_disputed(s, "F2", True)
        create_agreement(s, customer_code="C001", invoice_numbers=["F3"], installments=2, every="month",
                         start=D(2026, 7, 15), agreed_on=D(2026, 6, 20))
    lines = plan(s, D(2026, 6, 30))
    reasons = {tuple(i.invoice_number for i in p.items): p.blocked for p in lines}
    assert reasons[("F1",)] is None
    assert reasons[("F2",)] == "disputed items"
    assert reasons[("F3",)] == "items in an active payment agreement"


def test_customer_on_hold_or_paused(books):
    s = books
    with s.begin():
        make_invoice(s, number="F1", issued=D(2026, 5, 1), due=D(2026, 6, 1))
        make_invoice(s, number="F2", customer="C002", issued=D(2026, 5, 1), due=D(2026, 6, 1))
        ledger.update_customer(s, "C001", on_hold=True)
        pause_reminders(s, "C002", D(2026, 7, 2))
    lines = by_customer(plan(s, D(2026, 6, 30)))
    assert lines[("C001", "PEN", False)].blocked == "customer on hold"
    assert lines[("C002", "PEN", False)].blocked == "reminders paused until 2026-07-02"
    assert lines[("C002", "PEN", False)].send_at is None
    assert ("C002", "PEN", True) in by_customer(plan(s, D(2026, 7, 3)))


def test_unapplied_credit_covering_the_overdue_amount_blocks_the_reminder(books):
    s = books
    with s.begin():
        make_invoice(s, number="F1", issued=D(2026, 5, 1), due=D(2026, 6, 1), amount="100.00")
        make_payment(s, amount="100.00", date=D(2026, 6, 25), allocations=[])
    [p] = plan(s, D(2026, 6, 30))
    assert p.blocked == "unapplied credit 100.00 PEN covers the overdue 100.00 PEN"
    with s.begin():
        make_invoice(s, number="F2", issued=D(2026, 5, 1), due=D(2026, 6, 2), amount="50.00")
    [p] = plan(s, D(2026, 6, 30))
    assert p.blocked is None and p.amount_minor == 15000


def test_amount_under_the_levels_minimum_is_skipped(books):
    s = books
    with s.begin():
        create_policy(s, send_automatically=True, code="MIN", name_es="Mínimo", name_en="Minimum", levels=[
            {"key": "friendly", "days": 1, "channels": "email", "min_overdue_minor": 20000}])
        assign_policy(s, "C001", "MIN")
        make_invoice(s, number="F1", issued=D(2026, 5, 1), due=D(2026, 6, 1), amount="150.00")
    [p] = plan(s, D(2026, 6, 30))
    assert p.blocked == "amount 150.00 PEN under the level's minimum 200.00 PEN"
    with s.begin():
        make_invoice(s, number="F2", issued=D(2026, 5, 1), due=D(2026, 6, 1), amount="60.00")
    [p] = plan(s, D(2026, 6, 30))
    assert p.blocked is None


def test_no_email_address_means_a_letter(books):
    s = books
    with s.begin():
        make_customer(s, code="C003", name="Sin Correo S.R.L.")
        make_invoice(s, number="F1", customer="C003", issued=D(2026, 5, 1), due=D(2026, 6, 1))
    [p] = plan(s, D(2026, 6, 30))
    assert p.channels == ("letter",)


def test_channels_not_authorised_by_the_customer_become_a_letter(books):
    s = books
    with s.begin():
        set_contact_preferences(s, "C001", authorised_channels="letter")
        make_invoice(s, number="F1", issued=D(2026, 5, 1), due=D(2026, 6, 1))
    [p] = plan(s, D(2026, 6, 30))
    assert p.channels == ("letter",)


def test_a_run_may_not_be_dated_before_the_latest_run(books):
    s = books
    go(s, D(2026, 6, 30))
    with pytest.raises(RunBeforeLatestError) as exc:
        plan(s, D(2026, 6, 29))
    assert "before the latest run (2026-06-30)" in str(exc.value)
    with pytest.raises(RunBeforeLatestError), s.begin():
        execute_run(s, as_of=D(2026, 6, 29), at=at(D(2026, 6, 29)))
    with s.begin():
        assert s.scalar(select(func.count(ReminderRun.id))) == 1


def test_a_second_run_the_same_day_sends_and_stores_nothing_new(books, outbox, tmp_path):
    s = books
    with s.begin():
        make_invoice(s, number="F1", issued=D(2026, 5, 1), due=D(2026, 6, 1))
        make_invoice(s, number="F2", customer="C002", issued=D(2026, 5, 1), due=D(2026, 6, 12))
    first = go(s, D(2026, 6, 30), outbox, tmp_path)
    assert (first.queued, first.sent) == (2, 2) and len(outbox.jobs) == 2
    second = go(s, D(2026, 6, 30), outbox, tmp_path, hour=16)
    assert (second.queued, second.sent, second.drafts) == (0, 0, 0) and len(outbox.jobs) == 2
    assert all(p.blocked for p in plan(s, D(2026, 6, 30), hour=17))
    with s.begin():
        assert s.scalar(select(func.count(Reminder.id))) == 2


def test_contact_rules_fill_send_at_and_a_held_reminder_goes_out_later(books, outbox):
    s = books
    with s.begin():
        make_invoice(s, number="F1", issued=D(2026, 5, 1), due=D(2026, 6, 1))
    # Friday 3 July 21:00 in Lima: Ley 29571 art. 62 holds it until Monday 07:00
    with s.begin():
        summary = execute_run(s, as_of=D(2026, 7, 3), at=at(D(2026, 7, 3), 21), send=outbox)
    assert (summary.queued, summary.held, summary.sent) == (1, 1, 0)
    [h] = history_of(s, "C001")
    assert h.state == "queued" and h.send_at == at(D(2026, 7, 6), 7)
    assert h.hold_reason.startswith("held until Monday 07:00 — Ley 29571 art. 62")
    # the next run is on Wednesday: the reminder whose moment passed unsent still goes out
    summary = go(s, D(2026, 7, 8), outbox)
    assert summary.sent == 1 and outbox.codes() == ["C001"]
    [h] = history_of(s, "C001")
    assert h.state == "sent" and h.message_id == f"<r{h.id}@cobranza.test>"
    with s.begin():
        assert [(c.channel, c.profile) for c in s.scalars(select(ContactLog))] == [("email", "PE")]


def test_debtor_in_colombia_on_a_sunday_and_a_call_task_window(books, tmp_path):
    s = books
    with s.begin():
        make_customer(s, code="CO1", name="Tienda Bogotá", country="CO", currency="COP", email="x@tienda.co")
        make_invoice(s, number="B1", customer="CO1", currency="COP", amount="500000", issued=D(2026, 5, 1),
                     due=D(2026, 6, 1))
    [p] = plan(s, D(2026, 7, 5), hour=10)  # Sunday
    assert p.contact_profile == "CO" and p.send_at == dt.datetime(2026, 7, 6, 12, 0, tzinfo=dt.timezone.utc)
    assert p.hold_reason.startswith("held until Monday 07:00 — Ley 2300 art. 3")
    assert p.hold_reason_es.startswith("retenido hasta el lunes 07:00 — Ley 2300 art. 3")
    with s.begin():
        create_policy(s, send_automatically=True, code="CALL", name_es="Llamada", name_en="Call", levels=[
            {"key": "firm", "days": 1, "channels": "letter,call"}])
        assign_policy(s, "CO1", "CALL")
        ledger.update_customer(s, "CO1", phone="+57 601 555 0101")
    [p] = plan(s, D(2026, 7, 4), hour=10)  # Saturday: the window is 08:00-15:00
    assert p.channels == ("letter", "call")
    assert p.call_window == "call between 08:00 and 15:00 — Ley 2300 art. 3"


def test_fee_is_posted_as_its_own_charge_once_per_item_and_level(books, outbox):
    s = books
    with s.begin():
        create_policy(s, send_automatically=True, code="FEE", name_es="Con cargo", name_en="With fee", levels=[
            {"key": "friendly", "days": 1, "channels": "email", "fee_kind": "percent", "fee_value": "2",
             "min_gap_days": 1},
            {"key": "firm", "days": 30, "channels": "email", "fee_kind": "fixed", "fee_value": 1500, "min_gap_days": 1},
        ])
        assign_policy(s, "C001", "FEE")
        make_invoice(s, number="F1", issued=D(2026, 5, 1), due=D(2026, 6, 1), amount="250.00")
    outbox.failing.add("C001")
    summary = go(s, D(2026, 6, 30), outbox)
    assert summary.failed == 1 and summary.fees_minor == {}
    with s.begin():
        assert s.scalar(select(func.count(Invoice.id)).where(Invoice.kind == "fee")) == 0  # not sent, not charged
    outbox.failing.clear()
    summary = go(s, D(2026, 7, 1), outbox)  # the retry time has passed: delivered, fee charged
    assert summary.sent == 1 and summary.fees_minor == {"PEN": 500}
    with s.begin():
        fee = s.scalars(select(Invoice).where(Invoice.kind == "fee")).one()
        assert (fee.total_minor, fee.currency, fee.issue_date) == (500, "PEN", D(2026, 6, 30))
    items = ledger.open_items(s, "C001", D(2026, 7, 1))
    s.rollback()
    assert sorted((i.kind, i.open_minor) for i in items) == [("fee", 500), ("invoice", 25000)]
    # the next level charges its own fixed fee once; the fee charge itself never gets a fee
    summary = go(s, D(2026, 7, 2), outbox)
    assert summary.sent == 1 and summary.fees_minor == {"PEN": 1500}
    [latest, _] = history_of(s, "C001")
    assert latest.level_key == "firm" and [ln.invoice_number for ln in latest.lines] == ["F1", "FEE-1"]
    assert [ln.fee_minor for ln in latest.lines] == [1500, 0]
    [p] = plan(s, D(2026, 7, 10))
    assert p.blocked == "already reminded at level firm" and p.fee_minor == 0


def test_levels_needing_approval_are_drafts_until_approved(books, outbox):
    s = books
    with s.begin():
        create_policy(s, send_automatically=True, code="APPR", name_es="Aprobación", name_en="Approval", levels=[
            {"key": "final", "days": 1, "channels": "email", "needs_approval": True}])
        assign_policy(s, "C001", "APPR")
        make_invoice(s, number="F1", issued=D(2026, 5, 1), due=D(2026, 6, 1))
        make_invoice(s, number="F2", customer="C002", issued=D(2026, 5, 1), due=D(2026, 6, 1))
    summary = go(s, D(2026, 6, 30), outbox)
    assert (summary.queued, summary.drafts, summary.sent) == (1, 1, 1) and outbox.codes() == ["C002"]
    [draft] = history_of(s, "C001")
    assert draft.state == "draft"
    [p] = [p for p in plan(s, D(2026, 7, 1)) if p.customer_code == "C001"]
    assert "awaiting approval" in p.blocked
    with s.begin():
        assert reminders.approve_reminders(s, [draft.id], at=at(D(2026, 7, 1))) == 1
    assert go(s, D(2026, 7, 1), outbox).sent == 1 and outbox.codes() == ["C002", "C001"]


def test_approving_some_of_the_preview(books, outbox):
    s = books
    with s.begin():
        make_invoice(s, number="F1", issued=D(2026, 5, 1), due=D(2026, 6, 1))
        make_invoice(s, number="F2", customer="C002", issued=D(2026, 5, 1), due=D(2026, 6, 1))
    summary = go(s, D(2026, 6, 30), outbox, approve={"C002/PEN"})
    assert (summary.queued, summary.drafts) == (1, 1) and outbox.codes() == ["C002"]


def test_cancelled_reminder_frees_its_items(books):
    s = books
    with s.begin():
        make_invoice(s, number="F1", issued=D(2026, 5, 1), due=D(2026, 6, 1))
    go(s, D(2026, 6, 30))
    [h] = history_of(s, "C001")
    with s.begin():
        reminders.cancel_reminder(s, h.id, reason="wrong address")
    [h] = history_of(s, "C001")
    assert h.state == "cancelled" and h.error == "wrong address"
    [p] = plan(s, D(2026, 7, 1))
    assert p.blocked is None and p.level_key == "friendly"


def test_progress_and_cancel(books, outbox):
    s = books
    with s.begin():
        for code in ("C003", "C004"):
            make_customer(s, code=code, name=code, email=f"{code}@x.pe")
        for n, code in enumerate(("C001", "C002", "C003", "C004")):
            make_invoice(s, number=f"F{n}", customer=code, issued=D(2026, 5, 1), due=D(2026, 6, 1))
    seen = []
    summary = go(s, D(2026, 6, 30), outbox, progress=lambda i, n: seen.append((i, n)),
                 cancel=lambda: len(seen) >= 2)
    assert seen == [(1, 4), (2, 4)] and summary.cancelled and summary.queued == 2 and summary.sent == 0
    with s.begin():
        assert s.scalars(select(ReminderRun)).one().state == "cancelled"


def test_every_reminder_is_in_the_customers_history(books, outbox, tmp_path):
    s = books
    with s.begin():
        make_invoice(s, number="F1", issued=D(2026, 3, 1), due=D(2026, 4, 1))
    go(s, D(2026, 6, 30), outbox)
    go(s, D(2026, 7, 6), outbox, tmp_path)
    history = history_of(s, "C001")
    assert [(h.as_of, h.level_key, h.state, h.channels) for h in history] == [
        (D(2026, 7, 6), "reminder", "sent", ("email", "letter")),
        (D(2026, 6, 30), "friendly", "sent", ("email",)),
    ]
    assert history[0].file_path.endswith(".pdf") and history[0].lines[0].amount_minor == to_minor("120.00", "PEN")
    assert history[0].level_name_es == "Recordatorio de pago"


def test_changing_a_customers_policy_keeps_the_history_usable(books, outbox):
    s = books
    with s.begin():
        make_invoice(s, number="F1", issued=D(2026, 3, 1), due=D(2026, 4, 1))
    go(s, D(2026, 6, 30), outbox)
    with s.begin():
        create_policy(s, send_automatically=True, code="ONE", name_es="Uno", name_en="One", levels=[
            {"key": "only", "days": 90, "channels": "email"}])
        assign_policy(s, "C001", "ONE")
    [p] = plan(s, D(2026, 7, 6))
    # friendly was sequence 2 of the default policy; the new policy has one level, already passed by sequence
    assert p.blocked == "already reminded at level only"
