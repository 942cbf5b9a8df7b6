"""The reminder run on a real PostgreSQL server (the shared office database)."""

import datetime as dt

import pytest

from app import ledger
from app.database import open_database, session_factory
from app.reminders.run import customer_reminders, execute_run, plan_run
from tests.factories import make_customer, make_invoice, make_payment

from .conftest import Outbox, at, send_automatically

pytestmark = pytest.mark.postgres
D = dt.date


def test_run_climbs_and_is_idempotent_on_postgres(pg_url):
    engine = open_database(pg_url)
    s = session_factory(engine)()
    outbox = Outbox()
    with s.begin():
        ledger.save_company(s, name="Distribuidora Andina S.A.C.", country="PE", currency="PEN", locale="es_PE")
        send_automatically(s)
        make_customer(s, email="pagos@losandes.pe")
        make_customer(s, code="C002", name="Crédito S.A.", email="c@x.pe")
        make_invoice(s, number="F1", issued=D(2026, 3, 1), due=D(2026, 4, 1))
        make_invoice(s, number="F2", customer="C002", issued=D(2026, 3, 1), due=D(2026, 4, 1))
        make_payment(s, customer="C002", amount="200.00", date=D(2026, 6, 1), allocations=[])
    with s.begin():
        summary = execute_run(s, as_of=D(2026, 6, 30), at=at(D(2026, 6, 30)), send=outbox)
    assert (summary.queued, summary.sent, summary.blocked) == (1, 1, 1)
    with s.begin():
        lines = plan_run(s, as_of=D(2026, 6, 30), at=at(D(2026, 6, 30), 15))
    # F1 (90 days overdue) has reached its next level, but the gap since today's reminder holds it
    assert [p.blocked for p in lines] == ["minimum gap of 5 days since the reminder of 2026-06-30",
                                          "unapplied credit 200.00 PEN covers the overdue 120.00 PEN"]
    with s.begin():
        [p, _] = plan_run(s, as_of=D(2026, 7, 6), at=at(D(2026, 7, 6)))
        assert (p.level_key, p.blocked) == ("reminder", None)
        [h] = customer_reminders(s, "C001")
        assert (h.level_key, h.state, h.message_id) == ("friendly", "sent", f"<r{h.id}@cobranza.test>")
    s.close()
    engine.dispose()
