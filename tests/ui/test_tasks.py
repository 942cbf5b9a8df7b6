"""The background task runner: results and errors reach the GUI thread; writes are one transaction."""

import threading

from sqlalchemy import func, select

from app import ledger
from app.ledger.errors import DuplicateCustomerError
from app.models import Customer


def test_read_runs_off_the_gui_thread_and_answers_on_it(ctx, qtbot):
    seen = {}

    def work(session, x):
        seen["worker"] = threading.get_ident()
        return x * 2

    with qtbot.waitSignal(ctx.runner.idle, timeout=5000):
        ctx.runner.read(work, 21, on_done=lambda r: seen.update(result=r, gui=threading.get_ident()))
    assert seen["result"] == 42
    assert seen["gui"] == threading.get_ident() != seen["worker"]


def test_failed_write_rolls_back_and_reports_the_error(ctx, qtbot):
    errors, changed = [], []
    ctx.runner.data_changed.connect(changed.append)

    def two_customers(session):
        ledger.create_customer(session, code="X1", name="Uno")
        ledger.create_customer(session, code="X1", name="Otra vez")

    with qtbot.waitSignal(ctx.runner.idle, timeout=5000):
        ctx.runner.write(two_customers, on_error=errors.append)
    assert isinstance(errors[0], DuplicateCustomerError)
    assert changed == []
    with ctx.sessions() as s:
        assert s.scalar(select(func.count(Customer.id))) == 0


def test_successful_write_commits_and_announces_what_it_changed(ctx, qtbot):
    done = []
    with qtbot.waitSignal(ctx.runner.data_changed, timeout=5000) as announced:
        ctx.runner.write(ledger.create_customer, code="X2", name="Dos", on_done=done.append)
    assert done[0].code == "X2"
    [changes] = announced.args
    assert "customers" in changes.areas and not changes.concerns({"documents", "reminders", "settings"})
    assert changes.concerns({"customers"}, customer_code="X2")
    with ctx.sessions() as s:
        assert ledger.get_customer(s, "X2").name == "Dos"


def test_writes_run_in_the_order_asked(ctx, qtbot):
    order = []

    def step(session, i):
        order.append(i)
        return i

    for i in range(5):
        ctx.runner.write(step, i)
    qtbot.waitUntil(lambda: not ctx.runner.busy(), timeout=5000)
    assert order == [0, 1, 2, 3, 4]


def test_errors_without_a_handler_are_logged_not_raised(ctx, qtbot, caplog):
    def boom(session):
        raise RuntimeError("kaput")

    with qtbot.waitSignal(ctx.runner.idle, timeout=5000):
        ctx.runner.read(boom)
    assert "kaput" in caplog.text


def test_a_write_that_changes_nothing_announces_nothing(ctx, qtbot):
    """So a view that writes while refreshing (bringing derived data up to date) cannot loop."""
    changed, done = [], []
    ctx.runner.data_changed.connect(changed.append)

    def look(session):
        savepoint = session.begin_nested()  # as the reminders preview: plans, then keeps nothing
        ledger.create_customer(session, code="X3", name="Tres")
        savepoint.rollback()
        return "looked"

    with qtbot.waitSignal(ctx.runner.idle, timeout=5000):
        ctx.runner.write(look, on_done=done.append)
    assert done and changed == []


def test_the_main_window_settles(window, qtbot):
    """Every view's start-up and refresh work ends (no view re-triggers refreshes through writes)."""
    qtbot.waitUntil(lambda: not window.ctx.runner.busy(), timeout=10000)
    qtbot.wait(300)
    assert not window.ctx.runner.busy()


def test_a_job_whose_runner_was_deleted_drops_its_answer_quietly(ctx, qtbot):
    """A window closed while its job ran: the job's answer has no one to go to ("Signal source has been
    deleted" surfaced in whatever test or window came next)."""
    import time

    import shiboken6

    from app.ui.tasks import TaskRunner

    runner = TaskRunner(ctx.sessions)
    started = []
    runner.read(lambda _s: started.append(1) or time.sleep(0.3) or 42)
    qtbot.waitUntil(lambda: bool(started), timeout=5000)
    shiboken6.delete(runner)  # its pool waits for the job, which then finds the runner gone
    qtbot.wait(50)  # pytest-qt fails the test on an exception raised in the job's run()
    assert not shiboken6.isValid(runner)
