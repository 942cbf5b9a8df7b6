"""Benchmark: KPIs and the cash-flow forecast on a large database (run by hand, not in CI).

    .venv/bin/python -m bench.kpi_bench [--db /tmp/kpi_bench.sqlite] [--customers 100000]
                                        [--invoices 1000000] [--repeat 3]

Builds the database once (SQLAlchemy Core bulk inserts with explicit ids, schema by Alembic) and
times, on it:
- the KPI report (90 days: 3 statements, 2 roll-rate month pairs) and for 365 days (11 pairs);
- the cash-flow forecast (12 weeks, lateness model fitted on the same data, agreements and promises);
- a reference: the best hand-written single SQL query for "receivables as of the date" (one materialized
  aggregate of allocations joined to due lines), the floor any of these reports must stand on.

History: 18 months of invoices (85 % NET30 with one due line, 15 % 30/60/90 with three), each due line
paid in one payment dated due date + the customer's habit ± noise (some after the as-of date, so they
are open then, some never), 0.5 % of invoices voided. Results go in docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import random
import statistics
import sys
import time

from sqlalchemy import create_engine, insert, text

AS_OF = dt.date(2026, 6, 30)
HISTORY_START = dt.date(2025, 1, 1)


def build(path: str, customers: int, invoices: int, seed: int = 7) -> None:
    from app.database import open_database
    from app.models import Allocation, Customer, DueLine, Invoice, Payment

    open_database(path).dispose()  # the real schema, upgraded by Alembic
    rng = random.Random(seed)
    created = dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc)
    engine = create_engine(f"sqlite:///{path}")
    t0 = time.perf_counter()
    habits = [rng.choice((-3, 0, 0, 5, 10, 15, 30, 60)) for _ in range(customers)]
    currency = ["USD" if rng.random() < 0.1 else "PEN" for _ in range(customers)]
    with engine.begin() as conn:
        conn.exec_driver_sql("PRAGMA synchronous=OFF")
        conn.execute(insert(Customer.__table__), [
            {"id": i + 1, "code": f"C{i + 1:06d}", "name": f"Cliente {i + 1}", "country": "PE", "language": "es",
             "currency": currency[i], "on_hold": False, "created_at": created} for i in range(customers)])
        span = (AS_OF - HISTORY_START).days
        line_id = pay_id = 0
        chunk = 50_000
        for first in range(0, invoices, chunk):
            inv_rows, line_rows, pay_rows, alloc_rows = [], [], [], []
            for inv_id in range(first + 1, min(first + chunk, invoices) + 1):
                cust = rng.randrange(customers)
                cur = currency[cust]
                issued = HISTORY_START + dt.timedelta(days=rng.randrange(span + 1))
                total = rng.randrange(10_000, 5_000_000)
                void = rng.random() < 0.005
                inv_rows.append({"id": inv_id, "number": f"F{inv_id:07d}", "customer_id": cust + 1,
                                 "issue_date": issued, "currency": cur, "total_minor": total, "kind": "invoice",
                                 "disputed": False, "status": "void" if void else "posted",
                                 "void_date": issued + dt.timedelta(days=3) if void else None, "created_at": created})
                if rng.random() < 0.85:
                    parts = [(30, total)]
                else:
                    third = total // 3
                    parts = [(30, third), (60, third), (90, total - 2 * third)]
                for seq, (days, amount) in enumerate(parts, start=1):
                    line_id += 1
                    due = issued + dt.timedelta(days=days)
                    line_rows.append({"id": line_id, "invoice_id": inv_id, "sequence": seq, "due_date": due,
                                      "amount_minor": amount, "paid_minor": 0})
                    if void or rng.random() < 0.04:  # never paid
                        continue
                    paid_on = max(issued, due + dt.timedelta(days=int(rng.gauss(habits[cust], 8))))
                    if paid_on > AS_OF + dt.timedelta(days=60):
                        continue
                    pay_id += 1
                    pay_rows.append({"id": pay_id, "customer_id": cust + 1, "date": paid_on, "currency": cur,
                                     "amount_minor": amount, "applied_minor": amount, "method": "transfer",
                                     "status": "posted", "created_at": created})
                    line_rows[-1]["paid_minor"] = amount  # kept by the ledger on every allocation
                    alloc_rows.append({"id": pay_id, "due_line_id": line_id, "payment_id": pay_id,
                                       "amount_minor": amount, "date": paid_on, "currency": cur})
            conn.execute(insert(Invoice.__table__), inv_rows)
            conn.execute(insert(DueLine.__table__), line_rows)
            conn.execute(insert(Payment.__table__), pay_rows)
            conn.execute(insert(Allocation.__table__), alloc_rows)
    engine.dispose()
    print(f"built {path}: {customers} customers, {invoices} invoices, {line_id} due lines, {pay_id} payments "
          f"in {time.perf_counter() - t0:.1f} s", file=sys.stderr)


REFERENCE_AR = """
WITH paid AS MATERIALIZED (
  SELECT due_line_id, SUM(amount_minor) AS paid FROM allocation WHERE date <= :d GROUP BY due_line_id)
SELECT i.currency, SUM(l.amount_minor - COALESCE(p.paid, 0))
FROM due_line l JOIN invoice i ON i.id = l.invoice_id LEFT JOIN paid p ON p.due_line_id = l.id
WHERE i.issue_date <= :d AND (i.status = 'posted' OR i.void_date > :d)
GROUP BY i.currency
"""


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", default="/tmp/kpi_bench.sqlite")
    ap.add_argument("--customers", type=int, default=100_000)
    ap.add_argument("--invoices", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    if not os.path.exists(args.db):
        build(args.db, args.customers, args.invoices)

    from app.database import open_database, session_factory
    from app.reports.forecast import cash_forecast
    from app.reports.kpi import kpi_report

    engine = open_database(args.db)
    session = session_factory(engine)()
    counts = {t: session.execute(text(f"SELECT COUNT(*) FROM {t}")).scalar()
              for t in ("customer", "invoice", "due_line", "payment", "allocation")}
    print(f"# {platform.processor() or platform.machine()}, {os.cpu_count()} cores, python {platform.python_version()}, "
          f"sqlite {__import__('sqlite3').sqlite_version}, {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC")
    print("# " + ", ".join(f"{k} {v:,}" for k, v in counts.items()))

    def ref():
        return session.execute(text(REFERENCE_AR), {"d": AS_OF.isoformat()}).all()

    scenarios = [
        ("reference: receivables as of the date, one hand-written SQL query", ref),
        ("kpi_report, 90 days (2 roll-rate pairs)", lambda: kpi_report(session, AS_OF, days=90)),
        ("kpi_report, 90 days, roll_rates=False (the dashboard's cards)",
         lambda: kpi_report(session, AS_OF, days=90, roll_rates=False)),
        ("kpi_report, 365 days (11 roll-rate pairs)", lambda: kpi_report(session, AS_OF, days=365)),
        ("cash_forecast, 12 weeks (model fitted in the same call)", lambda: cash_forecast(session, AS_OF, weeks=12)),
    ]
    # rounds interleave the scenarios, and each is compared with the reference of its own round, so that
    # the ratios hold on a machine whose load changes from minute to minute
    # CPU seconds of this process (SQLite runs in it) are what the code costs; wall seconds also count
    # the other jobs of a shared machine
    times: dict[str, list[float]] = {name: [] for name, _ in scenarios}
    cpu: dict[str, list[float]] = {name: [] for name, _ in scenarios}
    results = {}
    for _round in range(args.repeat):
        for name, fn in scenarios:
            t, c = time.perf_counter(), time.process_time()
            results[name] = fn()
            cpu[name].append(time.process_time() - c)
            times[name].append(time.perf_counter() - t)
    ar = dict(results[scenarios[0][0]])
    pen = results[scenarios[1][0]].for_currency("PEN")
    fc = results[scenarios[4][0]]
    assert pen.ar_end_minor == ar["PEN"] and fc.for_currency("PEN").open_minor == ar["PEN"], "totals differ"
    session.close()
    engine.dispose()

    ref_cpu = cpu[scenarios[0][0]]
    print("| scenario | CPU s (best) | wall s (best) | × reference, CPU (median of the rounds' ratios) |")
    print("|---|---:|---:|---:|")
    for name, _fn in scenarios:
        ratios = [t / r for t, r in zip(cpu[name], ref_cpu)]
        print(f"| {name} | {min(cpu[name]):.2f} | {min(times[name]):.2f} | {statistics.median(ratios):.1f} |")
    print(f"\nPEN: DSO {pen.dso}, countback {pen.dso_countback}, CEI {pen.cei}, % current {pen.pct_current}, "
          f"avg days late {pen.avg_days_late}; forecast week 1 "
          f"{fc.for_currency('PEN').weeks[0].expected_minor / 100:,.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
