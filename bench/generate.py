"""Time the demo data generator at scale on SQLite (or a PostgreSQL URL).

    python -m bench.generate                       # 10k customers / 100k invoices, then 100k / 1M
    python -m bench.generate --sizes 1000:10000    # customers:invoices pairs
    python -m bench.generate --db postgresql+psycopg://...   # one run per size on that (empty) database

Each SQLite run writes a fresh file in a temporary directory (removed afterwards unless --keep), in
one transaction, exactly as `cobranza demo` does, and prints wall time, rows written per second, the
process's peak memory and the file size. Results go in docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import resource
import shutil
import sys
import tempfile
import time

from app.database import open_database, session_factory
from app.demo import generate_demo

DEFAULT_SIZES = ["10000:100000", "100000:1000000"]
# --check: the ledger's rules over the whole generated database; each query must count 0
CHECKS = {
    "due lines != invoice total": """SELECT count(*) FROM (SELECT i.id FROM invoice i JOIN due_line d
        ON d.invoice_id = i.id GROUP BY i.id, i.total_minor HAVING sum(d.amount_minor) != i.total_minor) x""",
    "over-allocated due lines": """SELECT count(*) FROM (SELECT d.id FROM due_line d JOIN allocation a
        ON a.due_line_id = d.id GROUP BY d.id, d.amount_minor HAVING sum(a.amount_minor) > d.amount_minor) x""",
    "over-allocated payments": """SELECT count(*) FROM (SELECT p.id FROM payment p JOIN allocation a
        ON a.payment_id = p.id GROUP BY p.id, p.amount_minor HAVING sum(a.amount_minor) > p.amount_minor) x""",
    "over-allocated credit notes": """SELECT count(*) FROM (SELECT c.id FROM credit_note c JOIN allocation a
        ON a.credit_note_id = c.id GROUP BY c.id, c.amount_minor HAVING sum(a.amount_minor) > c.amount_minor) x""",
    "allocations before a document or after as-of": """SELECT count(*) FROM allocation a
        JOIN due_line d ON d.id = a.due_line_id JOIN invoice i ON i.id = d.invoice_id
        LEFT JOIN payment p ON p.id = a.payment_id LEFT JOIN credit_note c ON c.id = a.credit_note_id
        LEFT JOIN write_off w ON w.id = a.write_off_id
        WHERE a.date < i.issue_date OR a.date < coalesce(p.date, c.date, w.date) OR a.date > :as_of""",
    "documents after as-of": """SELECT (SELECT count(*) FROM invoice WHERE issue_date > :as_of)
        + (SELECT count(*) FROM payment WHERE date > :as_of) + (SELECT count(*) FROM credit_note WHERE date > :as_of)""",
    "allocations on void invoices": """SELECT count(*) FROM allocation a JOIN due_line d ON d.id = a.due_line_id
        JOIN invoice i ON i.id = d.invoice_id WHERE i.status = 'void'""",
}


def check(url: str) -> None:
    from sqlalchemy import text

    engine = open_database(url)
    with engine.connect() as conn:
        for name, sql in CHECKS.items():
            started = time.perf_counter()
            bad = conn.execute(text(sql), {"as_of": AS_OF}).scalar()
            print(f"  check {name}: {bad} ({time.perf_counter() - started:.1f} s)", file=sys.stderr, flush=True)
            if bad:
                raise SystemExit(f"invariant broken: {name} ({bad} rows)")
    engine.dispose()
AS_OF = dt.date(2026, 6, 30)


def run_one(url: str, customers: int, invoices: int, seed: int) -> dict:
    engine = open_database(url)
    started = time.perf_counter()
    cpu_started = time.process_time()

    def progress(message: str) -> None:
        print(f"  {message} ({time.perf_counter() - started:.1f} s)", file=sys.stderr, flush=True)

    with session_factory(engine)() as s:
        with s.begin():
            summary = generate_demo(s, customers=customers, invoices=invoices, seed=seed, as_of=AS_OF,
                                    progress=progress)
    elapsed = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    engine.dispose()
    rows = (summary.customers + summary.contacts + summary.invoices + summary.due_lines + summary.credit_notes
            + summary.payments + summary.allocations + summary.write_offs)
    return dict(customers=customers, invoices=invoices, seconds=elapsed, cpu=cpu, rows=rows, rows_per_s=rows / elapsed,
                peak_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, summary=summary)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", nargs="+", default=DEFAULT_SIZES, metavar="CUSTOMERS:INVOICES")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--db", help="a PostgreSQL URL (default: a fresh SQLite file per size)")
    parser.add_argument("--keep", action="store_true", help="keep the SQLite files (printed)")
    parser.add_argument("--check", action="store_true", help="check the ledger's rules over the result")
    args = parser.parse_args(argv)
    print(f"# demo generator benchmark, {dt.date.today().isoformat()}, {platform.python_implementation()} "
          f"{platform.python_version()}, {os.cpu_count()} CPUs, {platform.machine()}")
    print(f"# load average before the runs: {os.getloadavg()[0]:.1f} (other work on the machine slows the wall time;"
          " CPU seconds of this process are the steadier number)")
    print("| customers | invoices | wall s | CPU s | rows written | rows/s (wall) | peak RSS MB | file MB |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for size in args.sizes:
        customers, invoices = (int(x) for x in size.split(":"))
        workdir = tempfile.mkdtemp(prefix="cobranza-bench-")
        path = os.path.join(workdir, "demo.sqlite")
        try:
            result = run_one(args.db or path, customers, invoices, args.seed)
            size = f"{os.path.getsize(path) / 2**20:.0f}" if not args.db else "—"
            print(f"| {customers:,} | {invoices:,} | {result['seconds']:.1f} | {result['cpu']:.1f} | {result['rows']:,} | "
                  f"{result['rows_per_s']:,.0f} | {result['peak_mb']:.0f} | {size} |", flush=True)
            print(f"  {result['summary']}", file=sys.stderr)
            if args.check:
                check(args.db or path)
        finally:
            if args.keep and not args.db:
                print(f"  kept {path}", file=sys.stderr)
            else:
                shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
