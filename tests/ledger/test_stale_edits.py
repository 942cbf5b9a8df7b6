"""A customer card saved on stale data is refused, naming what changed (issue 11, "a card edited on stale data
refused with a message naming what changed (a version column)").

The card's Save sends every field it shows: without a version, the second of two people editing the same
customer silently put back the values the first had just changed. Real parts: two sessions on a SQLite file;
two threads with their own connections on PostgreSQL; two OS processes on SQLite.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from sqlalchemy import select

from app import ledger
from app.database import open_database, session_factory
from app.ledger.customers import EDITABLE, get_customer, update_customer
from app.ledger.errors import StaleEditError
from app.models import AuditEntry, Customer
from tests.factories import make_customer
from tests.race import race_rounds

ROOT = Path(__file__).resolve().parents[2]


def card_values(view) -> dict:
    """What the card's Save sends: every field as the card shows it (app/ui/dialogs/customer.py values())."""
    return {key: getattr(view, key) for key in EDITABLE}


def test_a_card_saved_on_stale_data_is_refused_naming_what_changed(engine):
    writers = session_factory(engine, write=True)
    with writers() as s, s.begin():
        make_customer(s, credit_limit_minor=500000, phone="+51 1 111 1111")
    with session_factory(engine)() as reader:
        opened = get_customer(reader, "C001")  # the bookkeeper opens the card
    with writers() as owner, owner.begin():  # meanwhile the owner raises the credit limit
        raised = update_customer(owner, "C001", seen=get_customer(owner, "C001"), credit_limit_minor=800000)
    assert raised.version == opened.version + 1
    with writers() as s:
        with pytest.raises(StaleEditError) as refused, s.begin():
            update_customer(s, "C001", seen=opened, **dict(card_values(opened), phone="+51 1 222 2222"))
    assert str(refused.value) == ("this customer was changed by someone else since you opened it: credit limit "
                                  "5,000.00 → 8,000.00; reopen the card")
    with session_factory(engine)() as s:
        now = get_customer(s, "C001")
    assert (now.credit_limit_minor, now.phone, now.version) == (800000, "+51 1 111 1111", raised.version)
    # reopened, the same edit goes through and keeps the owner's limit
    with writers() as s, s.begin():
        saved = update_customer(s, "C001", seen=now, **dict(card_values(now), phone="+51 1 222 2222"))
    assert (saved.credit_limit_minor, saved.phone, saved.version) == (800000, "+51 1 222 2222", now.version + 1)


def test_every_change_of_a_customer_moves_its_version(session):
    """Not only the card: any ORM update bumps the version, so a card opened before it is refused."""
    with session.begin():
        make_customer(session)
    opened = get_customer(session, "C001")
    session.rollback()
    with session.begin():
        session.scalars(select(Customer)).one().on_hold = True  # e.g. credit control, the importer
    with pytest.raises(StaleEditError, match="on hold no → yes; reopen the card"), session.begin():
        update_customer(session, "C001", seen=opened, **card_values(opened))
    with session.begin():  # without `seen` (CLI, importer, tests) nothing is compared
        assert update_customer(session, "C001", phone="1").version == opened.version + 2


def editor(url: str, who: str, field: str, rounds: int) -> None:
    """One person editing the customer's card `rounds` times, each time changing only `field`; a refused
    save is reopened and done again (what the message tells the user to do)."""
    engine = open_database(url)
    readers, writers = session_factory(engine), session_factory(engine, write=True)
    try:
        for r in range(rounds):
            while True:
                with readers() as s:
                    opened = get_customer(s, "C001")
                try:
                    with writers() as s, s.begin():
                        update_customer(s, "C001", seen=opened, **dict(card_values(opened), **{field: f"{who}-{r}"}))
                    break
                except StaleEditError:
                    continue
    finally:
        engine.dispose()


def check_no_edit_lost(engine, rounds: int) -> None:
    """Every save changed exactly the one field its editor changed: none put back the other's value."""
    with session_factory(engine)() as s:
        final = get_customer(s, "C001")
        updates = s.scalars(select(AuditEntry).where(AuditEntry.entity == "customer", AuditEntry.action == "update")
                            .order_by(AuditEntry.id)).all()
        changed = []
        for entry in updates:
            before, after = (e if isinstance(e, dict) else json.loads(e) for e in (entry.before, entry.after))
            changed.append(sorted(k for k in after if after[k] != before.get(k)))
    assert (final.phone, final.city) == (f"A-{rounds - 1}", f"B-{rounds - 1}")
    assert len(updates) == 2 * rounds
    lost = [c for c in changed if c not in (["phone"], ["city"])]
    assert lost == []  # 0 lost edits


@pytest.mark.postgres
@pytest.mark.race
def test_two_card_edits_at_once_on_postgres_lose_nothing(pg_url):
    rounds = race_rounds(50)
    engine = open_database(pg_url)
    with session_factory(engine)() as s, s.begin():
        make_customer(s)
    errors: list[BaseException] = []

    def run(who, field):
        try:
            editor(pg_url, who, field, rounds)
        except BaseException as exc:  # noqa: BLE001 - reported by the test
            errors.append(exc)

    threads = [threading.Thread(target=run, args=args) for args in (("A", "phone"), ("B", "city"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=900)
    assert errors == []
    check_no_edit_lost(engine, rounds)
    engine.dispose()


@pytest.mark.race
def test_two_card_edits_at_once_in_two_processes_on_sqlite_lose_nothing(tmp_path):
    rounds = race_rounds(20)
    db = str(tmp_path / "shared.sqlite")
    engine = open_database(db)
    with session_factory(engine)() as s, s.begin():
        make_customer(s)
    engine.dispose()
    script = "import sys\nfrom tests.ledger.test_stale_edits import editor\neditor(sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]))"
    procs = [subprocess.Popen([sys.executable, "-c", script, db, who, field, str(rounds)], cwd=ROOT,
                              stderr=subprocess.PIPE, text=True) for who, field in (("A", "phone"), ("B", "city"))]
    outs = [p.communicate(timeout=900)[1] for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    engine = open_database(db)
    check_no_edit_lost(engine, rounds)
    engine.dispose()


def test_the_view_carries_the_version_it_was_read_at(session):
    with session.begin():
        view = ledger.create_customer(session, code="C9", name="Nuevo S.A.C.")
    assert view.version == 1 and dataclasses.replace(view, version=2) != view


def test_the_cards_reminder_settings_saved_on_stale_data_are_refused(engine):
    """The card's Reminders tab (policy and pause) is compared by value with what the card loaded."""
    from app.reminders.policy import customer_reminder_choice, save_customer_reminders

    writers = session_factory(engine, write=True)
    with writers() as s, s.begin():
        make_customer(s)
        opened = customer_reminder_choice(s, "C001")
    with writers() as s, s.begin():  # a colleague pauses the reminders meanwhile
        save_customer_reminders(s, "C001", policy_code=None, paused_until=dt.date(2026, 7, 15), seen=opened)
    with writers() as s:
        with pytest.raises(StaleEditError) as refused, s.begin():
            save_customer_reminders(s, "C001", policy_code=None, paused_until=None, seen=opened)
    assert str(refused.value) == ("this customer was changed by someone else since you opened it: paused until "
                                  "(empty) → 2026-07-15; reopen the card")
    with writers() as s:
        assert customer_reminder_choice(s, "C001").paused_until == dt.date(2026, 7, 15)
