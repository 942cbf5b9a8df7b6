"""The fast planner (app.reminders.run.plan_run, issue 14) decides the same plan, line for line and field for
field, as the planner it replaced (a frozen copy in tests/reminders/reference_plan.py), on seeded random demo
books that carry what planning looks at: reminders already sent, queued, drafts and cancelled (items climbing,
waiting, already reminded), fees charged, policies by customer and by segment with fees and a courtesy level,
holds, pauses, authorised channels, customers without e-mail or phone, disputes, agreements, unapplied credit,
several currencies; planned at several dates and times, on SQLite and on PostgreSQL."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from app import ledger
from app.database import open_database, session_factory
from app.demo.generator import generate_demo
from app.models import Customer, CustomerRisk
from app.collections.agreements import create_agreement
from app.reminders import run
from app.reminders.preview_lines import PreviewLine, preview_lines
from app.reminders.hold import put_on_hold
from app.reminders.policy import assign_policy, create_policy, pause_reminders, set_contact_preferences
from app.reminders.segment_policy import set_segment_policy

from . import reference_plan
from .conftest import LIMA, Outbox, write_letters

AS_OF = dt.date(2026, 6, 30)


def _moment(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, 0, tzinfo=LIMA)


def _fields(plan) -> list[dict]:
    """Every field of every line, the items as plain tuples (the two planners' classes differ)."""
    out = []
    for p in plan:
        values = p._asdict() if hasattr(p, "_asdict") else dict(vars(p))
        values["items"] = [tuple(i) for i in p.items]
        out.append(values)
    return out


def _same_plan(session, day: dt.date, hour: int, extra=None) -> list:
    moment = _moment(day, hour)
    with session.begin_nested() as savepoint:
        new = run.plan_run(session, as_of=day, at=moment, extra_contacts=extra)
        savepoint.rollback()
    with session.begin_nested() as savepoint:
        old = reference_plan.plan_run(session, as_of=day, at=moment, extra_contacts=extra)
        savepoint.rollback()
    assert _fields(new) == _fields(old)
    # the Reminders page's flat lines say what the plan says (the --dry-run lines too)
    lines = preview_lines(new)
    assert [line.as_json() for line in lines] == [p.as_json() for p in new]
    for line, p in zip(lines, new):
        assert line.item_numbers == tuple(i.invoice_number for i in p.items)
        shown = [f for f in PreviewLine._fields if f != "item_numbers"]
        assert [getattr(line, f) for f in shown] == [getattr(p, f) for f in shown]
    return new


def _book(session, seed: int, customers: int, invoices: int, tmp_path) -> None:
    rng = random.Random(seed)
    with session.begin():
        generate_demo(session, customers=customers, invoices=invoices, seed=seed, as_of=AS_OF)
        create_policy(session, send_automatically=True, code="FEE", name_es="Con cargo", name_en="With fee", levels=[
            {"key": "courtesy", "days": -5, "channels": "email"},
            {"key": "friendly", "days": 1, "channels": "email,sms", "fee_kind": "percent", "fee_value": "2",
             "min_gap_days": 1},
            {"key": "firm", "days": 20, "channels": "letter,call", "fee_kind": "fixed", "fee_value": 1500,
             "min_gap_days": 3, "min_overdue_minor": 5000},
            {"key": "final", "days": 45, "channels": "whatsapp,letter", "needs_approval": True},
        ])
        create_policy(session, send_automatically=False, code="SOFT", name_es="Suave", name_en="Soft", levels=[
            {"key": "soft", "days": 10, "channels": "email", "min_overdue_minor": 20000}])
        codes = list(session.scalars(Customer.__table__.select().with_only_columns(Customer.code)
                                     .order_by(Customer.code)))
        for code in codes:
            roll = rng.random()
            if roll < 0.2:
                assign_policy(session, code, "FEE")
            elif roll < 0.25:
                assign_policy(session, code, "SOFT")
            roll = rng.random()
            if roll < 0.05:
                put_on_hold(session, code, reason="test", as_of=AS_OF)
            elif roll < 0.1:
                pause_reminders(session, code, AS_OF + dt.timedelta(days=rng.choice([-3, 5, 20])))
            elif roll < 0.15:
                set_contact_preferences(session, code, authorised_channels=rng.choice(["letter", "email,letter"]))
            roll = rng.random()
            if roll < 0.1:
                ledger.update_customer(session, code, email="")
            elif roll < 0.15:
                ledger.update_customer(session, code, phone="")
            if rng.random() < 0.2:
                cid = ledger.get_customer(session, code).id
                session.add(CustomerRisk(customer_id=cid, as_of=AS_OF, probability=0.5, expected_days_late=1.0,
                                         band=rng.choice(["low", "high"]), segment=rng.choice(["A-high", "C-low"]),
                                         method="test", reasons_es="", reasons_en="",
                                         computed_at=dt.datetime(2026, 6, 30, tzinfo=dt.timezone.utc)))
        set_segment_policy(session, "C", "SOFT")
        set_segment_policy(session, "A-high", "FEE")
        # some customers reschedule their debts (those items are skipped), some pay without saying for what
        for n, code in enumerate(rng.sample(codes, 12)):
            items = [i for i in ledger.open_items(session, code, AS_OF) if i.kind == "invoice" and i.days_overdue > 0
                     and not i.disputed]
            if items and n % 3 == 0:
                create_agreement(session, customer_code=code, invoice_numbers=[items[0].invoice_number],
                                 installments=2, every="month", start=AS_OF, agreed_on=dt.date(2026, 5, 1))
            elif items:
                ledger.record_payment(session, customer_code=code, date=dt.date(2026, 5, 1),
                                      amount_minor=1000 if n % 3 == 1 else 10**12, currency=items[0].currency,
                                      allocations=[])
    outbox = Outbox()
    for n, day in enumerate((dt.date(2026, 5, 20), dt.date(2026, 6, 10), dt.date(2026, 6, 24))):
        with session.begin():
            # the first runs approve all (sent); the last what the policy pre-approves (drafts, held ones)
            approve = run.APPROVE_ALL if n < 2 else None
            outbox.failing = {c for c in codes if rng.random() < 0.1}
            run.execute_run(session, as_of=day, at=_moment(day, 9 + 3 * n), approve=approve, send=outbox,
                            letters_dir=tmp_path / f"run{n}", letter_writer=write_letters)
    with session.begin():  # credit that covers what is overdue, for customers reminded before
        for code in rng.sample(codes, 8):
            for currency in {i.currency for i in ledger.open_items(session, code, AS_OF)}:
                ledger.record_payment(session, customer_code=code, date=dt.date(2026, 6, 25), amount_minor=10**11,
                                      currency=currency, allocations=[])


def _check(session, tmp_path, seed, customers=60, invoices=700):
    _book(session, seed, customers, invoices, tmp_path)
    plans = []
    for day, hour in ((dt.date(2026, 6, 24), 15), (dt.date(2026, 6, 26), 9), (AS_OF, 10), (AS_OF, 22), (dt.date(2026, 7, 20), 8),
                      (dt.date(2026, 9, 1), 11)):
        with session.begin():
            plans.append(_same_plan(session, day, hour))
    with session.begin():
        cid = session.scalars(Customer.__table__.select().with_only_columns(Customer.id)).first()
        _same_plan(session, AS_OF, 10, extra={cid: [run.contact_rules.Contact("email", _moment(AS_OF, 9))]})
    return plans


@pytest.mark.parametrize("seed", [3, 11, 29])
def test_the_plan_is_the_one_the_previous_planner_made(session, tmp_path, seed):
    plans = _check(session, tmp_path, seed)
    lines = [p for plan in plans for p in plan]
    # the books exercise what they are meant to: reminders, skips of every kind, items with history, fees
    reasons = {(p.blocked or "").split(" ")[0] for p in lines}
    every_kind = {"", "disputed", "already", "customer", "previous", "minimum", "items", "unapplied", "reminders",
                  "amount"}  # every kind of skip, in the first book (the others are smaller draws)
    assert (every_kind if seed == 3 else {"", "disputed", "previous", "unapplied"}) <= reasons, reasons
    assert any(p.blocked is None for p in lines)
    assert any(i.level_sequence and not i.climbed for p in lines for i in p.items)
    assert any(p.fee_minor for p in lines)


@pytest.mark.postgres
def test_the_plan_is_the_one_the_previous_planner_made_on_postgres(pg_url, tmp_path):
    engine = open_database(pg_url)
    with session_factory(engine)() as session:
        _check(session, tmp_path, 5, customers=40, invoices=400)
    engine.dispose()
