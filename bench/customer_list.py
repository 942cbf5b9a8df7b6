"""Time the GUI's customers list query (app.ledger.customer_list) on a big database.

    python bench/customer_list.py DB [--as-of 2026-06-30] [--repeat 3]

For each sort key, ascending and descending: count + first page of 200 (what a header click costs),
a page deep in the list (scrolling), and searches. Prints the best of --repeat runs in milliseconds.
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
from app.ledger.customer_list import SORT_KEYS, count_customers, list_customers  # noqa: E402
from app.models import Customer, Invoice  # noqa: E402


def best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times) * 1000


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
        print(f"{'what':44} {'ms':>9}")

        def first_page(key, desc, search=None):
            count_customers(s, search)
            return list_customers(s, search=search, sort_key=key, descending=desc, limit=200, as_of=args.as_of)

        for key in SORT_KEYS:
            for desc in (False, True):
                ms = best(lambda: first_page(key, desc), args.repeat)
                print(f"{'sort ' + key + (' desc' if desc else ' asc') + ': count + first 200':44} {ms:9.1f}")
        ms = best(lambda: list_customers(s, sort_key="name", offset=n_customers // 2, limit=200, as_of=args.as_of),
                  args.repeat)
        print(f"{'sort name: page at the middle (offset)':44} {ms:9.1f}")
        ms = best(lambda: list_customers(s, sort_key="balance", descending=True, offset=n_customers // 2,
                                         limit=200, as_of=args.as_of), args.repeat)
        print(f"{'sort balance desc: page at the middle':44} {ms:9.1f}")
        for search in ("ferre", "2010", "lima", "zzzz-no-match"):
            ms = best(lambda: first_page("name", False, search), args.repeat)
            print(f"{'search ' + repr(search) + ': count + first 200':44} {ms:9.1f}")
            ms = best(lambda: first_page("balance", True, search), args.repeat)
            print(f"{'search ' + repr(search) + ' by balance desc':44} {ms:9.1f}")
    engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
