"""The risk snapshot refreshed in a process of its own, at a lower priority: what the GUI starts when the
stored scores are missing or stale (app/ui/risk_process.py).

Training reads every customer's payment history: a few seconds of one core at 100,000 customers (half a
minute before the features were computed in NumPy, 2026-12). In a thread of the GUI's process it competed
for the interpreter with the dashboard (the first start of a large book took 21-41 s to fill it); in a
process of its own at a lower priority it takes only what the GUI leaves, and quitting kills it at once
(the snapshot is replaced in one short transaction at the end, so a killed worker leaves the old one as
it was).

The process's entry point is `python -m app.cli._risk_worker YYYY-MM-DD` (the database URL in
COBRANZA_RISK_DB; entry points open databases, this layer takes sessions). It prints one JSON line:
{"stored": customers scored (0: the snapshot was fresh), "nice": its niceness}.
"""

from __future__ import annotations

import datetime as dt
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


def refresh_if_stale(sessions, write_sessions, as_of: dt.date) -> int:
    """Train and score on a reading session; replace the snapshot in one short write. 0 when it was fresh."""
    from .risk_snapshot import compute_risk, is_stale, store_risk

    with sessions() as session:
        if not is_stale(session, as_of):
            return 0
        model, _scored, rows = compute_risk(session, as_of=as_of)
        session.rollback()
    with write_sessions() as session, session.begin():
        return store_risk(session, rows, method="background", examples=model.examples)
