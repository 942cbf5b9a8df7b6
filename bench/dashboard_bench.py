"""Dashboard refresh on a large database: the whole `dashboard()` call and its parts.

    python -m bench.dashboard_bench DB --as-of 2026-06-30 [--repeat 3]

Reports wall and CPU seconds (best of --repeat) for: the aging summary, the KPIs, the forecast, the
dashboard composed from those three full reports (the baseline, dashboard_from_reports) and the dashboard
from SQL totals (what the app runs). The target in issue 3 is under 1.5 s at 100,000 customers.
"""

from __future__ import annotations

import argparse
import datetime as dt
import time

from app.database import open_database, session_factory
from app.reports.aging import aging_report
from app.reports.dashboard import dashboard, dashboard_from_reports, drill_items
from app.reports.forecast import cash_forecast
from app.reports.kpi import kpi_report


def timed(fn, repeat: int):
    best = None
    for _ in range(repeat):
        w, c = time.perf_counter(), time.process_time()
        fn()
        run = (time.perf_counter() - w, time.process_time() - c)
        best = run if best is None or run[0] < best[0] else best
    return best


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("db")
    parser.add_argument("--as-of", type=dt.date.fromisoformat, required=True)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    engine = open_database(args.db)
    s = session_factory(engine)()
    steps = [
        ("aging summary", lambda: aging_report(s, args.as_of)),
        ("KPIs (90 days)", lambda: kpi_report(s, args.as_of, 90)),
        ("forecast (12 weeks)", lambda: cash_forecast(s, args.as_of, 12)),
        ("dashboard composed from the full reports (the baseline)", lambda: dashboard_from_reports(s, args.as_of)),
        ("dashboard (SQL totals)", lambda: dashboard(s, args.as_of)),
        ("drill: one bucket, top 500 items", lambda: drill_items(s, args.as_of, currency="PEN", bucket="91+")),
    ]
    print("| step | wall s | CPU s |\n|---|---:|---:|")
    for name, fn in steps:
        wall, cpu = timed(fn, args.repeat)
        print(f"| {name} | {wall:.2f} | {cpu:.2f} |", flush=True)


if __name__ == "__main__":
    main()
