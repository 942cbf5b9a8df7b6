"""The progress bar with Cancel (app.ui.progress) and the CLI's progress line (app.cli.common.progress_line)."""

import io
import threading

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton


from app.cli.common import progress_line
from app.database import session_factory
from app.ledger.progress import Cancelled
from app.models import Customer
from app.ui import progress as ui_progress
from tests.factories import make_customer


def _slow_write(session, *, progress, steps, started, release):
    """Writes a customer, then reports steps, waiting for the test between the first two."""
    make_customer(session, code="CX")
    session.flush()
    progress(0, steps)
    started.set()
    release.wait(10)
    for done in range(1, steps + 1):
        progress(done, steps)
    return "finished"


def test_cancel_stops_the_operation_and_nothing_is_written(books, ctx, qtbot, monkeypatch):
    monkeypatch.setattr(ui_progress, "SHOW_AFTER_MS", 0)
    started, release = threading.Event(), threading.Event()
    outcome = []
    op = ui_progress.run_with_progress(ctx.runner, None, "Working…", _slow_write, write=True, steps=5,
                                       started=started, release=release, on_done=outcome.append,
                                       on_error=lambda exc: outcome.append(("error", exc)),
                                       on_cancel=lambda: outcome.append("cancelled"))
    qtbot.waitUntil(started.is_set)
    qtbot.waitUntil(lambda: op.dialog.maximum() == 5)
    assert op.dialog.isVisible()
    qtbot.mouseClick(op.dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)  # Cancel
    release.set()
    qtbot.waitUntil(lambda: bool(outcome))
    assert outcome == ["cancelled"]
    with session_factory(books)() as s:
        assert s.query(Customer).filter_by(code="CX").count() == 0  # rolled back


def test_an_operation_that_finishes_hands_its_result_back(books, ctx, qtbot):
    started, release = threading.Event(), threading.Event()
    release.set()
    outcome = []
    ui_progress.run_with_progress(ctx.runner, None, "Working…", _slow_write, write=True, steps=3, started=started,
                                  release=release, on_done=outcome.append, on_cancel=lambda: outcome.append("c"))
    qtbot.waitUntil(lambda: bool(outcome))
    assert outcome == ["finished"]


def test_the_reminders_preview_can_be_cancelled(books, window, qtbot, monkeypatch):
    import app.reminders.run as run

    def cancelling(*_a, **_k):
        raise Cancelled()

    monkeypatch.setattr(run, "report", cancelling)
    view = window.view("reminders")
    view.preview()
    qtbot.waitUntil(lambda: view.preview_button.isEnabled())
    assert view.count.text() == "Preview cancelled."


class _Tty(io.StringIO):
    def isatty(self):
        return True


def test_the_cli_progress_line_only_on_a_terminal():
    assert progress_line("x", io.StringIO()) is None  # a pipe or a file: nothing
    out = _Tty()
    line = progress_line("planning reminders", out)
    line(0, 38293)
    line(1000, 38293)
    line.end()
    assert out.getvalue() == ("\rplanning reminders: 0/38,293 (0%)\x1b[K"
                              "\rplanning reminders: 1,000/38,293 (2%)\x1b[K\n")
