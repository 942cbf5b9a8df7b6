"""A year of daily reminder runs at varying hours, under each contact-rule profile: no contact outside the rules.

Each simulated day (a few skipped: a held reminder's window may pass with no run) the run is performed at a
random hour with the clock set there (app.config.set_clock), and delivers what is due. Afterwards every
contact in the log is checked again against the profile, with the contacts before it: each one was permitted
at its moment (window, holidays, caps), and each debtor got at most one message per moment (one message per
run covering all its currencies)."""

import datetime as dt
import random
from collections import defaultdict
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from app import config, ledger
from app.models import ContactLog, Customer
from app.reminders import contact_rules
from app.reminders.run import execute_run
from tests.factories import make_customer, make_invoice

from .conftest import Outbox, send_automatically, write_letters

ZONES = {"CO": "America/Bogota", "PE": "America/Lima", "MX": "America/Mexico_City", "CL": "America/Santiago",
         "US": "America/New_York", "default": "America/Lima"}
START = dt.date(2026, 1, 5)
DAYS = 365


def book(s, profile: str) -> None:
    country = "PE" if profile == "default" else profile
    with s.begin():
        ledger.save_company(s, name="Distribuidora Andina S.A.C.", country=country, currency="PEN", locale="es_PE")
        ledger.set_setting(s, "contact_rules.country", profile)
        send_automatically(s)
        make_customer(s, code="C1", name="Uno S.A.C.", email="uno@example.pe", country=country)
        make_customer(s, code="C2", name="Dos S.A.C.", email="dos@example.pe", country=country)
        make_customer(s, code="C3", name="Tres S.A.C.", country=country, address="Av. Tres 3", city="Lima")


def test_a_year_of_daily_runs_contacts_nobody_outside_the_rules(profile, session, tmp_path):
    s = session
    book(s, profile)
    rng = random.Random(f"year-{profile}")
    zone = ZoneInfo(ZONES[profile])
    sender = Outbox()
    previous = config.clock
    runs = 0
    try:
        for n in range(DAYS):
            day = START + dt.timedelta(days=n)
            if n % 9 == 0:  # new business: an invoice for each customer, one in dollars now and then
                with s.begin():
                    for code in ("C1", "C2", "C3"):
                        currency = "USD" if (n // 9 + len(code)) % 3 == 0 else "PEN"
                        make_invoice(s, number=f"{code}-{n}", customer=code, currency=currency, amount="150.00",
                                     issued=day, due=day + dt.timedelta(days=rng.choice((10, 20, 30))))
            if rng.random() < 0.15:
                continue  # no run today
            moment = dt.datetime.combine(day, dt.time(rng.randrange(24), rng.choice((0, 15, 30, 45))), tzinfo=zone)
            config.set_clock(config.FixedClock(moment.astimezone(dt.timezone.utc)))
            with s.begin():
                execute_run(s, as_of=day, at=moment, send=sender, letters_dir=tmp_path, letter_writer=write_letters)
            runs += 1
    finally:
        config.set_clock(previous)
    with s.begin():
        customers = {c.id: c for c in s.scalars(select(Customer))}
        log = list(s.execute(select(ContactLog.customer_id, ContactLog.channel, ContactLog.at, ContactLog.reminder_id)
                             .order_by(ContactLog.at, ContactLog.id)))
        rules = {cid: contact_rules.profile_for_customer(s, c) for cid, c in customers.items()}
    assert runs > 250 and len(log) > 40  # the year did contact people
    contacts: dict[int, list] = defaultdict(list)
    messages: dict[tuple, set] = defaultdict(set)
    broken = []
    for cid, channel, at, reminder_id in log:
        prof, debtor_zone = rules[cid]
        before = [c for c in contacts[cid] if c.at < at]
        allowed, hold = contact_rules.next_permitted(prof, channel, at, before, zone=debtor_zone,
                                                     country=customers[cid].country)
        if hold is not None or allowed != at:
            broken.append((customers[cid].code, channel, at.astimezone(debtor_zone).isoformat(), hold and hold.detail))
        contacts[cid].append(contact_rules.Contact(channel, at))
        messages[(cid, at)].add(reminder_id)
    assert broken == []
    assert all(len(ids) == 1 for ids in messages.values())  # one message per debtor at a time


@pytest.fixture(params=sorted(ZONES))
def profile(request):
    return request.param
