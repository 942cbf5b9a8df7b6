"""Marking a follow-up done: it leaves Today's tasks, and the outcome is logged as what happened."""

import datetime as dt

import pytest

from app.collections.activities import complete_follow_up, list_activities, log_activity, open_follow_ups
from app.collections.tasks import today_tasks
from app.ledger.errors import InvalidValueError
from tests.factories import make_customer

D = dt.date


def test_a_follow_up_done_with_an_outcome(session):
    with session.begin():
        make_customer(session, code="C1", name="Ferretería Los Andes")
        first = log_activity(session, customer_code="C1", channel="call", outcome="no_answer",
                             next_action_date=D(2026, 6, 29), notes="llamar de nuevo")
        log_activity(session, customer_code="C1", channel="email", next_action_date=D(2026, 7, 15))
    with session.begin():
        assert [t.ref for t in today_tasks(session, as_of=D(2026, 6, 30)) if t.kind == "follow_up"] == [str(first.id)]
        assert [a.id for a in open_follow_ups(session, "C1")][0] == first.id
        done = complete_follow_up(session, first.id, outcome="promise", notes="paga el viernes")
    assert (done.channel, done.outcome, done.notes, done.source) == ("call", "promise", "paga el viernes",
                                                                    f"follow_up:{first.id}")
    with session.begin():
        assert [t for t in today_tasks(session, as_of=D(2026, 6, 30)) if t.kind == "follow_up"] == []
        assert len(open_follow_ups(session, "C1")) == 1  # the e-mail's, later
        assert len(list_activities(session, "C1")) == 3
        with pytest.raises(InvalidValueError, match="already done"):
            complete_follow_up(session, first.id)
        with pytest.raises(InvalidValueError):
            complete_follow_up(session, first.id + 100)


def test_done_without_an_outcome_logs_nothing_more(session):
    with session.begin():
        make_customer(session, code="C1", name="Ferretería Los Andes")
        first = log_activity(session, customer_code="C1", channel="call", next_action_date=D(2026, 6, 29))
        assert complete_follow_up(session, first.id).id == first.id
        assert len(list_activities(session, "C1")) == 1 and open_follow_ups(session, "C1") == []
