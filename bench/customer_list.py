"""Time the GUI's customers list query (app.ledger.customer_list) on a big database.

    python bench/customer_list.py DB [--as-of 2026-06-30] [--repeat 3]

For each sort key: the ordered ids of every customer + the first 200 rows (what a header click costs;
the other direction reuses the order), a page of rows by id (scrolling), and searches. Prints the best of --repeat runs in milliseconds.
Make the database with `cobranza --db DB demo --customers 100000 --invoices 1000000`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import func, select  # noqa: E402

from app.database import open_database, session_factory  # noqa: E402
from app.ledger.customer_list import SORT_KEYS, customer_ids, customer_rows  # noqa: E402
from app.models import Customer, Invoice  # noqa: E402


class Timing(tuple):
    def __format__(self, spec: str) -> str:  # "CPU ms (wall ms)": the box is often shared
        return f"{self[0]:8.0f} ({self[1]:6.0f})"


def best(fn, repeat: int) -> Timing:
    """Best of `repeat` runs: (CPU ms, wall ms) of the run with the least CPU time."""
    runs = []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        fn()
        runs.append(((time.process_time() - cpu) * 1000, (time.perf_counter() - wall) * 1000))
    return Timing(min(runs))


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("db")
    p.add_argument("--as-of", type=dt.date.fromisoformat, default=dt.date(2026, 6, 30))
    p.add_argument("--repeat", type=int, default=3)
    args = p.parse_args(argv)
    engine = open_database(args.db)
    with session_factory(engine)() as s:
        n_customers = s.scalar(select(func.count(Customer.id)))
        n_invoices = s.scalar(select(func.count(Invoice.id)))
        print(f"# customers list, {dt.date.today()}, {n_customers:,} customers, {n_invoices:,} invoices, "
              f"{engine.url.get_backend_name()}, Python {platform.python_version()}, {os.cpu_count()} CPUs")
        print(f"{'what':44} {'CPU ms (wall ms)':>17}")

        def click(key, search=None):  # what the list model does for a new search or sort
            ids = customer_ids(s, search=search, sort_key=key, as_of=args.as_of)
            customer_rows(s, ids[:200], args.as_of)
            return ids

        for key in SORT_KEYS:
            ms = best(lambda: click(key), args.repeat)
            print(f"{'sort by ' + key + ': all ids + first 200 rows':44} {ms:}")
        ids = customer_ids(s, sort_key="name", as_of=args.as_of)
        middle = ids[len(ids) // 2:len(ids) // 2 + 200]
        ms = best(lambda: customer_rows(s, middle, args.as_of), args.repeat)
        print(f"{'scroll: next page of 200 rows by id':44} {ms:}")
        for search in ("ferre", "2010", "lima", "zzzz-no-match"):
            for key in ("name", "balance"):
                ms = best(lambda: click(key, search), args.repeat)
                print(f"{'search ' + repr(search) + ', sort by ' + key:44} {ms:}")
    engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
