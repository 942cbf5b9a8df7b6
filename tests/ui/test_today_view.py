import datetime as dt

import pytest

from app import ledger
from app.collections.promises import add_promise, list_promises
from app.database import session_factory

D = dt.date


@pytest.fixture
def commitments(books):
    with session_factory(books, write=True)() as s, s.begin():
        ledger.create_customer(s, code="C1", name="Ferretería Los Andes S.A.C.", payment_terms="NET30")
        ledger.record_invoice(s, customer_code="C1", number="F1", issue_date=D(2026, 3, 1), total_minor=100000)
        add_promise(s, customer_code="C1", promised_date=D(2026, 6, 30), amount_minor=40000, made_on=D(2026, 6, 1))
    return books


def test_tasks_listed_and_a_call_records_a_promise(commitments, ctx, qtbot, qtmodeltester):
    from app.ui.views.today import TodayView

    view = TodayView(ctx)
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=20000)
    qtmodeltester.check(view.model)
    assert view.model.data(view.model.index(0, 0)) == "Promise due"
    view.table.selectRow(0)
    dialog = view.log_call()
    dialog.outcome.setCurrentIndex(dialog.outcome.findData("promise"))
    dialog.promise_amount.setText("250.00")
    dialog.notes.setPlainText("Pagará el viernes")
    with qtbot.waitSignal(dialog.saved, timeout=20000):
        dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    with session_factory(commitments)() as s:
        amounts = sorted(p.amount_minor for p in list_promises(s, customer_code="C1"))
    assert amounts == [25000, 40000]


def test_bad_promised_amount_is_explained(commitments, ctx, qtbot):
    from app.ui.views.today import TodayView

    view = TodayView(ctx)
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=20000)
    view.table.selectRow(0)
    dialog = view.log_call()
    dialog.outcome.setCurrentIndex(dialog.outcome.findData("promise"))
    dialog.promise_amount.setText("doscientos")
    dialog.save()
    assert "Promised amount" in dialog.error.text()


def test_a_list_asked_for_before_the_current_one_is_not_shown_when_it_arrives_late(commitments, ctx, qtbot):
    from app.ui.views.today import TodayView

    from .conftest import wait_idle

    view = TodayView(ctx)
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=20000)
    wait_idle(qtbot, ctx.runner)
    earlier = view._request
    with qtbot.waitSignal(view.loaded, timeout=20000):
        view.refresh()  # a newer request
    view._loaded(earlier, [])  # two readers may answer out of order: the older answer comes last
    assert view.model.rowCount() == 1
    wait_idle(qtbot, ctx.runner)


def test_a_call_breaking_the_contact_rules_is_saved_with_the_warning_shown(commitments, ctx, qtbot):
    # the GUI hands the reminders' contact rules to the activity log (collections does not import them)
    from app import config
    from app.collections.activities import list_activities
    from app.ui.views.today import LogCallDialog

    config.set_clock(config.FixedClock.at(D(2026, 7, 4), 15))  # Saturday 10:00 in Lima (conftest restores)
    dialog = LogCallDialog(ctx, "C1", "PEN")
    qtbot.addWidget(dialog)
    dialog.outcome.setCurrentIndex(dialog.outcome.findData("no_answer"))
    with qtbot.waitSignal(dialog.saved, timeout=20000):
        dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert "no contact on Saturday — Ley 29571 art. 62" in dialog.error.text()
    with session_factory(commitments)() as s:
        assert [a.outcome for a in list_activities(s, "C1")] == ["no_answer"]
