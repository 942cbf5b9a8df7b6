"""The first screen: the window opens on the dashboard with only what it needs imported and built, its
figures asked for before the window is built, and the work that can wait (the risk worker, the daily
backup) started once they have arrived."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

#: what the dashboard does not need: documents, spreadsheets, templates, the model, the other pages
NOT_AT_START = ("reportlab", "openpyxl", "jinja2", "numpy", "sklearn", "app.reminders.run", "app.importing",
                "app.banking", "app.ledger.corrections", "app.ui.views.today", "app.ui.views.customers",
                "app.ui.views.reminders", "app.ui.views.aging_report", "app.ui.views.audit", "app.ui.views.bank",
                "app.ui.import_wizard", "app.ui.first_run")

SCRIPT = r"""
import json, sys
from app.cli import main
import app.ui.probe as probe

def watch(window):  # in place of the probe: note what is loaded once the dashboard is filled, then quit
    from PySide6.QtCore import QTimer
    def report():
        wanted = json.loads(sys.argv[2])
        loaded = [m for m in wanted if m in sys.modules or any(k.startswith(m + ".") for k in sys.modules)]
        print(json.dumps({"loaded": loaded, "pages": sorted(window.views)}), flush=True)
        window.close()
    window.views["dashboard"].loaded.connect(lambda: QTimer.singleShot(0, report))

probe.install_from_env = watch
sys.exit(main(["--db", sys.argv[1], "gui"]))
"""


@pytest.fixture
def demo_book(tmp_path):
    import datetime as dt

    from app.database import open_database, session_factory
    from app.demo import generate_demo

    path = tmp_path / "first.sqlite"
    engine = open_database(str(path))
    with session_factory(engine, write=True)() as s, s.begin():
        generate_demo(s, customers=30, invoices=200, seed=3, as_of=dt.date(2026, 6, 30))
    engine.dispose()
    return path


def test_the_first_screen_imports_and_builds_only_the_dashboard(demo_book, tmp_path):
    env = {"QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path / "config"),
           "XDG_DATA_HOME": str(tmp_path / "data"), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    import os

    out = subprocess.run([sys.executable, "-c", SCRIPT, str(demo_book), json.dumps(NOT_AT_START)],
                         env={**os.environ, **env}, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-3000:]
    seen = json.loads(out.stdout.strip().splitlines()[-1])
    assert seen["pages"] == ["dashboard"]
    assert seen["loaded"] == []


def test_a_page_is_built_when_first_shown_and_then_kept(window, qtbot):
    assert set(window.views) == {"dashboard"}
    customers = window.view("customers")  # asked for: built, not shown
    assert window.stack.currentWidget() is window.views["dashboard"] and not customers.isVisible()
    assert window.show_view("customers") is customers and window.stack.currentWidget() is customers
    today = window.show_view("today")
    assert window.stack.currentWidget() is today and window.view("today") is today
    assert window.stack.count() == len(window.specs)


def test_the_dashboard_takes_the_figures_asked_for_before_it_was_built(books, qapp_en, qtbot):
    from app.reports.dashboard import dashboard
    from app.ui.app import create_main_window

    asked = []
    window = create_main_window(books)
    qtbot.addWidget(window)
    view = window.views["dashboard"]
    runner = window.ctx.runner
    original = runner.read
    runner.read = lambda fn, *a, **k: (asked.append(fn), original(fn, *a, **k))[1]
    assert window.ctx.early == {}  # taken over by the page
    with qtbot.waitSignal(view.loaded, timeout=30000):
        pass
    assert view.data is not None and asked == []  # the early read's answer, not a second read
    window.show()
    with qtbot.waitSignal(view.loaded, timeout=30000):
        view.refresh_button.click()  # later refreshes ask again
    assert asked == [dashboard]
    runner.wait_for_done()


def test_the_risk_worker_is_not_started_when_the_stored_scores_are_fresh_nor_after_quitting(books, qapp_en, qtbot,
                                                                                             monkeypatch):
    from app.collections import risk_snapshot
    from app.ui.app import create_main_window, refresh_risk_in_background

    window = create_main_window(books)
    qtbot.addWidget(window)
    monkeypatch.setattr(risk_snapshot, "is_stale", lambda _s, _day: False)
    refresher = refresh_risk_in_background(window)
    with qtbot.waitSignal(refresher.finished, timeout=30000) as finished:
        pass
    assert finished.args == [0] and refresher.process is None  # fresh: checked by a read, no process

    monkeypatch.setattr(risk_snapshot, "is_stale", lambda _s, _day: True)
    late = refresh_risk_in_background(window, wait_for_first_screen=False)
    late.stop()  # quitting while the check is still on its way: nothing is started afterwards
    window.ctx.runner.wait_for_done()
    qtbot.wait(50)
    assert late.process is None and not late.running()


def test_cobranza_gui_asks_for_the_dashboard_before_qt_is_imported(demo_book):
    """prepare_first_screen (what `cobranza gui` calls first) opens the book and computes the dashboard on a
    thread of its own without importing Qt: the statements run while PySide6 and the window load."""
    script = (
        "import sys\n"
        "from app.ui.first_screen import prepare_first_screen\n"
        "prepared = prepare_first_screen(sys.argv[1])\n"
        "qt_at_start = sorted(m for m in sys.modules if m.startswith('PySide6'))\n"
        "data = prepared.dashboard.result(timeout=120)\n"
        "print(qt_at_start, bool(data.currencies), prepared.reading == {})\n")
    out = subprocess.run([sys.executable, "-c", script, str(demo_book)], cwd=ROOT, capture_output=True, text=True,
                         timeout=300)
    assert out.returncode == 0, out.stderr[-3000:]
    assert out.stdout.split() == ["[]", "True", "True"]  # no Qt; figures; every connection given back


def test_the_window_takes_the_dashboard_asked_for_before_qt(demo_book, qapp_en, qtbot):
    from app.reports.dashboard import dashboard
    from app.ui.app import create_main_window
    from app.ui.first_screen import prepare_first_screen

    prepared = prepare_first_screen(str(demo_book))
    assert prepared is not None
    window = create_main_window(prepared.engine, prepared)
    qtbot.addWidget(window)
    view = window.views["dashboard"]
    asked = []
    original = window.ctx.runner.read
    window.ctx.runner.read = lambda fn, *a, **k: (asked.append(fn), original(fn, *a, **k))[1]
    assert window.ctx.early == {} and window.ctx.sessions is prepared.sessions  # taken over by the page
    if view.data is None:
        with qtbot.waitSignal(view.loaded, timeout=60000):
            pass
    assert asked == [] and view.data is prepared.dashboard.result()  # the early answer, not a second read
    with window.ctx.sessions() as s:
        assert view.data == dashboard(s, window.ctx.today(), sessions=window.ctx.sessions, quick=True)
    window.ctx.runner.wait_for_done()
    prepared.engine.dispose()


def test_nothing_is_prepared_when_the_start_asks_first(tmp_path, monkeypatch):
    from app.ui import book_choice
    from app.ui.first_screen import prepare_first_screen

    monkeypatch.setattr(book_choice, "first_run_needed", lambda: True)  # the first-run wizard comes first
    assert prepare_first_screen(None) is None


def test_a_book_that_cannot_be_opened_before_qt_is_not_opened_again(tmp_path, qapp_en, monkeypatch):
    """A book whose opening fails (a migration that fails, after its pre-upgrade backup) is tried once: the
    window says why, it does not try (and back up) again."""
    import app.database
    from app.ui import app as gui_app
    from app.ui import book_choice
    from app.ui.first_screen import OpenFailed, prepare_first_screen

    attempts = []

    def failing(*_a, **_k):
        attempts.append(1)
        raise RuntimeError("migration 0024 failed: disk full")

    monkeypatch.setattr(book_choice, "known_book", lambda _db: True)
    monkeypatch.setattr(app.database, "open_database", failing)
    monkeypatch.setattr(gui_app, "open_database", failing)
    prepared = prepare_first_screen(str(tmp_path / "book.sqlite"))
    assert isinstance(prepared, OpenFailed) and len(attempts) == 1
    shown = []
    monkeypatch.setattr(gui_app.QMessageBox, "critical", lambda _parent, _title, text: shown.append(text))
    assert gui_app.run_gui(str(tmp_path / "book.sqlite"), prepared=prepared) == 1
    assert len(attempts) == 1  # not opened a second time
    assert "could not be opened" in shown[0] and "migration 0024 failed: disk full" in shown[0]
