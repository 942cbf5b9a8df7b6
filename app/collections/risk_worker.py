"""The risk snapshot refreshed in a process of its own, at a lower priority: what the GUI starts when the
stored scores are missing or stale (app/ui/risk_process.py).

Training reads every customer's payment history: half a minute of one core at 100,000 customers. In a
thread of the GUI's process it competed for the interpreter with the dashboard (the first start of a
large book took 21-41 s to fill it); in a process of its own at a lower priority it takes only what the
GUI leaves, and quitting kills it at once (the snapshot is replaced in one short transaction at the end,
so a killed worker leaves the old one as it was).

    python -m app.collections.risk_worker YYYY-MM-DD      (the database URL in COBRANZA_RISK_DB)

Prints one JSON line: {"stored": customers scored (0: the snapshot was fresh), "nice": its niceness}.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys

DB_ENV = "COBRANZA_RISK_DB"
NICENESS = 10


def lower_priority() -> int | None:
    """Below the GUI: `nice` 10 on Linux and macOS, BELOW_NORMAL_PRIORITY_CLASS on Windows. The niceness
    reached (None where there is none)."""
    if hasattr(os, "nice"):
        try:
            return os.nice(NICENESS)
        except OSError:
            return os.nice(0)
    if sys.platform == "win32":  # pragma: no cover - Windows only
        import ctypes

        kernel32 = ctypes.windll.kernel32
        kernel32.SetPriorityClass(kernel32.GetCurrentProcess(), 0x00004000)  # BELOW_NORMAL_PRIORITY_CLASS
    return None


def refresh_if_stale(url: str, as_of: dt.date) -> int:
    """Train and score on a reading session; replace the snapshot in one short write. 0 when it was fresh."""
    from app.database import open_database, session_factory

    from .risk_snapshot import compute_risk, is_stale, store_risk

    engine = open_database(url)
    try:
        with session_factory(engine)() as session:
            if not is_stale(session, as_of):
                return 0
            model, _en, _es, rows = compute_risk(session, as_of=as_of)
            session.rollback()
        with session_factory(engine, write=True)() as session, session.begin():
            return store_risk(session, rows, method="background", examples=model.examples)
    finally:
        engine.dispose()


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # before NumPy loads: more threads fight on two cores
    nice = lower_priority()
    url = os.environ.get(DB_ENV)
    if not url or len(argv) != 1:
        print(f"usage: {DB_ENV}=URL python -m app.collections.risk_worker YYYY-MM-DD", file=sys.stderr)
        return 2
    stored = refresh_if_stale(url, dt.date.fromisoformat(argv[0]))
    print(json.dumps({"stored": stored, "nice": nice}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
