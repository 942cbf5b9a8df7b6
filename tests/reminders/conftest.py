"""Books for the reminder tests: a company in Peru (office zone America/Lima) and a few customers."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from app import ledger
from tests.factories import make_customer

LIMA = ZoneInfo("America/Lima")
D = dt.date


def at(day: dt.date, hour: int = 10, minute: int = 0, zone=LIMA) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=zone)


class Outbox:
    """A sender that records what it was asked to deliver and can be told to fail for some customers."""

    def __init__(self):
        self.jobs = []
        self.failing: set[str] = set()

    def __call__(self, job):
        if job.customer_code in self.failing:
            raise ConnectionError("SMTP server unreachable")
        self.jobs.append(job)
        return f"<r{job.reminder_id}@cobranza.test>"

    def codes(self):
        return [j.customer_code for j in self.jobs]


def write_letters(jobs, directory):
    paths = {}
    for job in jobs:
        path = directory / f"{job.customer_code}-{job.reminder_id}.pdf"
        path.write_bytes(b"%PDF-1.4 test")
        paths[job.reminder_id] = str(path)
    combined = directory / "letters.pdf"
    combined.write_bytes(b"%PDF-1.4 all")
    return paths, str(combined)


def send_automatically(session, code: str = "STANDARD") -> None:
    """The run tests are about what a run decides and delivers: their default policy sends automatically (the
    shipped one reviews before sending: tests/reminders/test_review_before_sending.py)."""
    from app.reminders.policy import ensure_default_policy, set_send_automatically

    ensure_default_policy(session)
    set_send_automatically(session, code, True)


@pytest.fixture
def books(session):
    with session.begin():
        ledger.save_company(session, name="Distribuidora Andina S.A.C.", country="PE", currency="PEN", locale="es_PE")
        send_automatically(session)
        make_customer(session, email="pagos@losandes.pe")
        make_customer(session, code="C002", name="Comercial Rivera E.I.R.L.", email="rivera@example.pe")
    return session


@pytest.fixture
def outbox():
    return Outbox()
