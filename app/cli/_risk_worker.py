"""The risk worker process's entry point (not a subcommand): open the database named in COBRANZA_RISK_DB
and refresh the risk snapshot if it is stale, at a lower priority (app/collections/risk_worker.py).

    python -m app.cli._risk_worker YYYY-MM-DD
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys


def main(argv: list[str] | None = None) -> int:
    from app.collections.risk_worker import DB_ENV, lower_priority

    argv = sys.argv[1:] if argv is None else argv
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # before NumPy loads: more threads fight on two cores
    nice = lower_priority()
    url = os.environ.get(DB_ENV)
    if not url or len(argv) != 1:
        print(f"usage: {DB_ENV}=URL python -m app.cli._risk_worker YYYY-MM-DD", file=sys.stderr)
        return 2
    from app.collections.risk_worker import refresh_if_stale
    from app.database import open_database, session_factory

    engine = open_database(url)
    try:
        stored = refresh_if_stale(session_factory(engine), session_factory(engine, write=True),
                                  dt.date.fromisoformat(argv[0]))
    finally:
        engine.dispose()
    print(json.dumps({"stored": stored, "nice": nice}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
