"""The app's start as the user meets it: `cobranza --db BOOK gui`, a whole process, offscreen.

    python -m bench.gui_start BOOK [--runs 3] [--scores none|stored|keep]

Each run starts the real app with COBRANZA_PROBE (app/ui/probe.py): a 20 ms timer on the GUI thread
notes the window shown, the dashboard filled and the longest stall of the event loop, then presses Quit;
the launcher notes when the process has ended. The baseline, in the same run: a bare QMainWindow in a
process of its own (Python, PySide6 and a window on screen, nothing of the app).

--scores none: the book's risk scores are deleted before each run (a first start of a `cobranza demo`
book); stored: `cobranza score` is run once before the runs; keep: the book as it is.
The machine's load average is printed with every run: the figures mean little without it.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BASELINE = r"""
import sys, time
t0 = float(sys.argv[1])
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
app = QApplication(sys.argv[:1])
w = QMainWindow(); w.setCentralWidget(QLabel("baseline")); w.resize(1200, 760); w.show()
def shown():
    print(time.time() - t0, flush=True)
    app.quit()
QTimer.singleShot(0, shown)
app.exec()
"""


def _env(home: Path) -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
               XDG_CONFIG_HOME=str(home / "config"), XDG_DATA_HOME=str(home / "data"),
               XDG_CACHE_HOME=str(home / "cache"))
    return env


def baseline(env: dict) -> tuple[float, float]:
    t0 = time.time()
    out = subprocess.run([sys.executable, "-c", BASELINE, repr(t0)], env=env, capture_output=True, text=True,
                         check=True)
    return float(out.stdout.strip()), time.time() - t0


def app_run(cobranza: str, book: str, env: dict, settle: float) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "probe.json"
        t0 = time.time()
        run_env = dict(env, COBRANZA_PROBE=str(out), COBRANZA_PROBE_T0=repr(t0), COBRANZA_PROBE_SETTLE=str(settle))
        proc = subprocess.run([cobranza, "--db", book, "gui"], env=run_env, capture_output=True, text=True)
        ended = time.time()
        if proc.returncode != 0 or not out.exists():
            raise SystemExit(f"the app failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
        figures = json.loads(out.read_text())
        figures["quit"] = ended - figures.pop("quit_at")
        figures["process"] = ended - t0
        return figures


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("book")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--scores", choices=("none", "stored", "keep"), default="keep")
    parser.add_argument("--settle", type=float, default=3.0, help="seconds watched after the dashboard filled")
    parser.add_argument("--cobranza", default=str(Path(sys.executable).with_name("cobranza")))
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="cobranza-gui-start-"))
    env = _env(home)
    if args.scores == "stored":
        subprocess.run([args.cobranza, "--db", args.book, "score", "--format", "json"], env=env, check=True,
                       stdout=subprocess.DEVNULL)
    # a first run writes the day's automatic backup; the timed runs then start as on any later day
    app_run(args.cobranza, args.book, env, 0.5)
    rows = []
    for i in range(args.runs):
        if args.scores == "none":
            with sqlite3.connect(args.book) as db:
                db.execute("DELETE FROM customer_risk")
        load = os.getloadavg()[0]
        b_shown, b_total = baseline(env)
        f = app_run(args.cobranza, args.book, env, args.settle)
        rows.append((b_shown, f))
        print(f"run {i + 1}: load {load:.2f} on {os.cpu_count()} cores | baseline window {b_shown:.2f} s | "
              f"app window {f['shown']:.2f} s (CPU {f['cpu_shown']:.2f} s), dashboard filled {f['filled']:.2f} s "
              f"(CPU {f['cpu_filled']:.2f} s) "
              f"(forecast: {f.get('forecast_model')}), longest stall to filled {f['longest_stall_to_filled']:.3f} s, "
              f"after {f['longest_stall_after_filled']:.3f} s (GUI thread's own CPU between two beats at most "
              f"{f['longest_busy']:.3f} s), quit {f['quit']:.2f} s, loads {f['loads']}",
              flush=True)
    med = statistics.median
    print(f"\nmedian of {len(rows)}: baseline window {med(r[0] for r in rows):.2f} s | app window "
          f"{med(r[1]['shown'] for r in rows):.2f} s | dashboard filled {med(r[1]['filled'] for r in rows):.2f} s "
          f"(CPU {med(r[1]['cpu_filled'] for r in rows):.2f} s) | "
          f"longest stall {med(r[1]['longest_stall'] for r in rows):.3f} s (busy {med(r[1]['longest_busy'] for r in rows):.3f} s) "
          f"| quit {med(r[1]['quit'] for r in rows):.2f} s")


if __name__ == "__main__":
    main()
