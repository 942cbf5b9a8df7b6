"""Putting a customer on hold from the card: a credit hold or a reminders pause, with the reason in the
history; the reminder run skips a held customer, and reminds again once released or after the pause."""

import pytest

from app.collections.timeline import customer_timeline
from app.ledger.errors import InvalidValueError
from app.reminders.hold import hold_state, put_on_hold, release_hold
from app.reminders.run import plan_run
from tests.factories import make_invoice

from .conftest import D, at


def plan(s, day):
    with s.begin():
        return {(p.customer_code, p.blocked) for p in plan_run(s, as_of=day, at=at(day, 10))}


def test_a_credit_hold_stops_reminders_until_released_and_keeps_the_reason(books):
    s = books
    with s.begin():
        make_invoice(s, number="F1", issued=D(2026, 5, 1), due=D(2026, 6, 1))
        state = put_on_hold(s, "C001", reason="  Cheque devuelto;   espera al gerente ", as_of=D(2026, 6, 30))
    assert (state.on_hold, state.paused_until, state.reason) == (True, None, "Cheque devuelto; espera al gerente")
    assert plan(s, D(2026, 6, 30)) == {("C001", "customer on hold")}
    with s.begin():
        [hold] = [e for e in customer_timeline(s, "C001") if e.kind == "activity"]
        assert (hold.title, hold.detail) == ("hold", "Cheque devuelto; espera al gerente")
        state = release_hold(s, "C001", reason="Pagó el cheque", as_of=D(2026, 6, 30))
    assert not state.held and state.reason is None
    assert plan(s, D(2026, 6, 30)) == {("C001", None)}
    with s.begin():
        titles = [e.title for e in customer_timeline(s, "C001") if e.kind == "activity"]
    assert sorted(titles) == ["hold", "hold_released"]


def test_a_pause_ends_by_itself_after_its_date(books):
    s = books
    with s.begin():
        make_invoice(s, number="F1", issued=D(2026, 5, 1), due=D(2026, 6, 1))
        state = put_on_hold(s, "C001", reason="Viaje del contador", kind="reminders", until=D(2026, 7, 2),
                            as_of=D(2026, 6, 30))
    assert (state.on_hold, state.paused_until) == (False, D(2026, 7, 2))
    assert plan(s, D(2026, 6, 30)) == {("C001", "reminders paused until 2026-07-02")}
    assert plan(s, D(2026, 7, 3)) == {("C001", None)}
    with s.begin():
        assert not hold_state(s, "C001", D(2026, 7, 3)).held


@pytest.mark.parametrize("kwargs, field", [
    (dict(reason="  "), "reason"),
    (dict(reason="x", kind="forever"), "kind"),
    (dict(reason="x", kind="reminders"), "until"),
    (dict(reason="x", kind="reminders", until=D(2026, 6, 1)), "until"),
])
def test_refusals_name_the_field(books, kwargs, field):
    with books.begin():
        with pytest.raises(InvalidValueError) as err:
            put_on_hold(books, "C001", as_of=D(2026, 6, 30), **kwargs)
        assert err.value.field == field
        assert not hold_state(books, "C001", D(2026, 6, 30)).held
