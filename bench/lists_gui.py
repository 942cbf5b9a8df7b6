"""Time the customers list and the reminders preview through the app's own widgets, whole process.

    python bench/lists_gui.py DB [--base DIR] [--runs 1]

Each scenario runs in a fresh process (offscreen Qt) on the code of this checkout and, with --base, on
the code of another checkout (an export of an older commit: the baseline of the same run):

- start: process start → the customers page's first page shown (sorted by name);
- sort: header click on Balance (descending) → its first page shown;
- ctrl_end: Ctrl+End in the list → the row the cursor lands on and the wall time until that row is read;
- preview: Preview on the reminders page → the plan shown (the number of lines planned), with the GUI thread's
  longest stall from Preview to 3 s after (a 20 ms heartbeat; the cyclic collector pinned to the GUI thread as
  the app pins it), and the longest collection in that time (gc_longest_s: the collector walking the objects
  the preview left young).

Make DB with `cobranza --db DB demo --customers 100000 --invoices 1000000`. Speed is never asserted: this
prints the figures (and the load average: the machine may be shared).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parents[1]
SCENARIOS = ("sort", "ctrl_end", "preview")


def child(scenario: str, db: str) -> dict:
    start = time.perf_counter()
    sys.path.insert(0, os.environ.get("LISTS_ROOT", str(HERE)))
    from PySide6.QtCore import QEventLoop, Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    from app.database import open_database
    from app.ui.context import AppContext

    engine = open_database(db)
    ctx = AppContext.create(engine)
    ctx.load_company()
    out: dict = {}

    def wait(condition, timeout=600.0):
        deadline = time.perf_counter() + timeout
        while not condition():
            if time.perf_counter() > deadline:
                raise TimeoutError(scenario)
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
            time.sleep(0.002)

    if scenario in ("sort", "ctrl_end"):
        from app.ui.tablemodels import customers as cm
        from app.ui.views.customers import CustomersView

        view = CustomersView(ctx)
        view.resize(1200, 700)
        view.show()
        wait(lambda: not view.model.loading and view.model.rowCount() > 0)
        out["start_s"] = time.perf_counter() - start
        if scenario == "sort":
            t = time.perf_counter()
            view.table.horizontalHeader().setSortIndicator(cm.COL_BALANCE, Qt.SortOrder.DescendingOrder)
            wait(lambda: not view.model.loading)
            app.processEvents()
            out["sort_balance_s"] = time.perf_counter() - t
            out["top"] = view.model.index(0, cm.COL_CODE).data()
        else:
            view.table.setFocus()
            view.table.setCurrentIndex(view.model.index(0, cm.COL_NAME))
            t = time.perf_counter()
            QTest.keyClick(view.table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
            row = view.table.currentIndex().row()
            loaded = getattr(view.model, "is_loaded", lambda r: True)
            wait(lambda: loaded(row))  # the last row shown
            out["ctrl_end_s"] = time.perf_counter() - t
            wait(lambda: not ctx.runner.busy())  # and every id read (scrolling anywhere)
            out["ctrl_end_idle_s"] = time.perf_counter() - t
            out["ctrl_end_row"] = row
            out["rows_total"] = view.model.total()
    elif scenario == "preview":
        from app.ui.main_thread_gc import pin_collection_to_gui_thread
        from app.ui.probe import LatencyProbe
        from app.ui.views.reminders import RemindersView

        if os.environ.get("LISTS_GC") != "python":  # --python-gc: Python's own collection, as before 2026-12-06
            pin_collection_to_gui_thread(app)  # as the app does (app.ui.app.application): collections on this thread
        view = RemindersView(ctx)
        view.resize(1200, 700)
        view.show()
        wait(lambda: not ctx.runner.busy())
        done = []
        view.previewed.connect(lambda: done.append(time.perf_counter()))
        import gc

        collections: list[tuple[float, int, int]] = []  # (seconds, generation, objects young at its start)
        started: list = []

        def timed(phase, info):  # each collection's time: what of the stall is the collector walking young objects
            if phase == "start":
                started[:] = [time.perf_counter(), gc.get_count()[0]]
            elif started:
                collections.append((time.perf_counter() - started[0], info["generation"], started[1]))

        gc.callbacks.append(timed)
        probe = LatencyProbe().start()
        t, cpu = time.perf_counter(), time.process_time()
        view.preview()
        wait(lambda: bool(done))
        out["preview_s"] = done[0] - t
        out["preview_cpu_s"] = time.process_time() - cpu  # every thread's CPU: steadier than wall time under load
        out["planned"] = view.model.rowCount()
        view.table.scrollToBottom()  # the user scrolls through the plan; the collector's timer comes by
        settle = time.perf_counter() + 3.0
        wait(lambda: time.perf_counter() > settle)
        probe.stop()
        gc.callbacks.remove(timed)
        if collections:  # the longest collection from Preview to 3 s after (the app collects on the GUI thread)
            longest = max(collections)
            out["gc_longest_s"] = longest[0]
            out["gc_longest"] = f"generation {longest[1]}, {longest[2]} young objects"
        # the longest beat late on the GUI thread from Preview to 3 s after the plan is shown, and the most
        # CPU the GUI thread itself spent between two beats (its own work, not a loaded machine)
        out["stall_s"] = probe.longest()
        out["gui_busy_s"] = probe.longest_busy()
    QTimer.singleShot(0, app.quit)
    ctx.runner.wait_for_done()
    return out


def run(root: Path, scenario: str, db: str) -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", LISTS_ROOT=str(root))
    t = time.perf_counter()
    proc = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--child", scenario, db],
                          env=env, cwd=str(root), capture_output=True, text=True)
    lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
    if not lines:
        return {"error": proc.stderr.strip().splitlines()[-3:] or ["?"]}
    out = json.loads(lines[-1])
    out["process_s"] = time.perf_counter() - t
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db")
    parser.add_argument("--base", help="a checkout of the code to compare with (run first)")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--child")
    parser.add_argument("--only", nargs="*", default=list(SCENARIOS))
    parser.add_argument("--python-gc", action="store_true",
                        help="preview: leave the cyclic collector to Python (every thread) instead of pinning it to "
                             "the GUI thread as the app does (the figures before 2026-12-06 were measured so)")
    args = parser.parse_args()
    if args.python_gc:
        os.environ["LISTS_GC"] = "python"
    if args.child:
        print(json.dumps(child(args.child, args.db)), flush=True)
        os._exit(0)  # the figures are out; no Qt teardown to wait for
    roots = ([("base", Path(args.base))] if args.base else []) + [("this", HERE)]
    print(f"load average at start: {os.getloadavg()}")
    for scenario in args.only:
        for name, root in roots:
            results = [run(root, scenario, args.db) for _ in range(args.runs)]
            keys = sorted({k for r in results for k in r if isinstance(r.get(k), float)})
            summary = {k: round(statistics.median(r[k] for r in results if k in r), 2) for k in keys}
            extra = {k: v for k, v in results[-1].items() if not isinstance(v, float)}
            print(f"{scenario:9} {name:5} {summary} {extra} load {os.getloadavg()[0]:.1f}", flush=True)


if __name__ == "__main__":
    main()
