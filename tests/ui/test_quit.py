"""Quitting stops background work at once: reads still running are interrupted, a write is finished."""

import threading

from sqlalchemy import text

from app.database import session_factory


# never ends; started() tells the test the statement is running
SLOW = text("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n WHERE started()")


def test_shutdown_interrupts_a_read_that_would_never_end_and_lets_a_write_finish(books, qtbot):
    from app.ui.tasks import TaskRunner

    runner = TaskRunner(session_factory(books), write_sessions=session_factory(books, write=True))
    runner.watch_reads(books)
    started, errors, written = threading.Event(), [], []

    def endless(session):
        raw = session.connection().connection.driver_connection  # checked out: the runner knows it
        raw.create_function("started", 0, lambda: started.set() or 1)
        return session.execute(SLOW).scalar()

    def write(session):
        started.wait(10)
        session.execute(text("CREATE TABLE quit_probe (x INTEGER)"))
        session.execute(text("INSERT INTO quit_probe VALUES (1)"))
        return "done"

    runner.read(endless, on_error=errors.append)
    runner.write(write, on_done=written.append)
    assert started.wait(30)
    assert runner.shutdown(write_msecs=30000, read_msecs=30000)  # the read would never have ended by itself
    qtbot.waitUntil(lambda: bool(errors and written), timeout=10000)
    assert "interrupt" in str(errors[0]).lower()
    assert written == ["done"]
    with session_factory(books)() as s:
        assert s.execute(text("SELECT x FROM quit_probe")).scalar() == 1


def test_closing_the_window_stops_the_risk_worker(window, qtbot):
    from PySide6.QtCore import QProcess

    from app.ui.app import refresh_risk_in_background

    refresher = refresh_risk_in_background(window)  # the book has no scores: the worker starts
    qtbot.waitUntil(lambda: refresher.process is not None, timeout=30000)  # once the dashboard is filled
    process = refresher.process
    window.close()
    assert not refresher.running()
    # killed at once; the window does not wait while the system frees the worker's memory (quit time)
    qtbot.waitUntil(lambda: process.state() == QProcess.ProcessState.NotRunning, timeout=5000)
    assert process.exitStatus() == QProcess.ExitStatus.CrashExit  # killed, not finished
