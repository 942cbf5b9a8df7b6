"""Aging benchmark (run by hand, not in the tests):

    python bench/aging_bench.py [/tmp/aging-1m.sqlite] [--invoices 1000000] [--skip-orm]

1. the engine's summary (app.reports.aging.aging_report, one SQLAlchemy Core statement) against the
   fastest of several hand-written single SQL statements, timed in the same run (target: ≤ 1.2×);
2. against computing the same from ORM objects (load due lines with their invoices, allocations,
   payments, credit notes and write-offs as objects; sum in Python) (target: ≥ 10× faster);
3. the Excel export of 100,000 detail rows (target: < 8 s), and the PDF/JSON of the summary.

Each timing is the best of --repeat runs after one warm-up run (warm page cache, as on a desktop
where the report is opened more than once). Every variant's result is checked equal to the engine's.
The database is generated once by bench/aging_data.py when the file does not exist, then reused.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import resource
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import replace

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from sqlalchemy import select, text  # noqa: E402
from sqlalchemy.orm import joinedload  # noqa: E402

from app.database import open_database, session_factory  # noqa: E402
from app.models import Allocation, CreditNote, DueLine, Invoice, Payment, WriteOff  # noqa: E402
from app.reports.aging import aging_report, bucket_index  # noqa: E402

AS_OF = dt.date(2026, 6, 30)
LIMITS = (30, 60, 90)


def bounds(as_of=AS_OF):
    b = [as_of - dt.timedelta(days=d) for d in (0, *LIMITS)]
    return {f"b{i}": v.isoformat() for i, v in enumerate(b)} | {"d": as_of.isoformat()}


BUCKET_SUMS = """
    SUM(CASE WHEN x.ref >= :b0 THEN x.open ELSE 0 END),
    SUM(CASE WHEN x.ref >= :b1 AND x.ref < :b0 THEN x.open ELSE 0 END),
    SUM(CASE WHEN x.ref >= :b2 AND x.ref < :b1 THEN x.open ELSE 0 END),
    SUM(CASE WHEN x.ref >= :b3 AND x.ref < :b2 THEN x.open ELSE 0 END),
    SUM(CASE WHEN x.ref < :b3 THEN x.open ELSE 0 END)"""

LIVE = "i.issue_date <= :d AND (i.status = 'posted' OR i.void_date IS NULL OR i.void_date > :d)"

# Hand-written single statements: rows (code, currency, b0..b4, credit).
HAND = {
    # the engine's shape written by hand: allocation sums per due line in a materialized CTE,
    # lines and credit documents in one UNION ALL, one GROUP BY
    "materialized CTE + UNION ALL": f"""
        WITH paid AS MATERIALIZED (
            SELECT due_line_id, SUM(amount_minor) AS paid FROM allocation WHERE date <= :d GROUP BY due_line_id),
        x AS (
            SELECT i.customer_id AS cid, i.currency AS cur, d.due_date AS ref,
                   d.amount_minor - COALESCE(p.paid, 0) AS open, -COALESCE(p.paid, 0) AS credit
            FROM due_line d JOIN invoice i ON i.id = d.invoice_id LEFT JOIN paid p ON p.due_line_id = d.id
            WHERE {LIVE}
            UNION ALL SELECT customer_id, currency, NULL, 0, amount_minor FROM payment
                WHERE date <= :d AND status = 'posted'
            UNION ALL SELECT customer_id, currency, NULL, 0, amount_minor FROM credit_note
                WHERE date <= :d AND status = 'posted'
            UNION ALL SELECT customer_id, currency, NULL, 0, amount_minor FROM write_off WHERE date <= :d)
        SELECT c.code, x.cur, {BUCKET_SUMS}, SUM(x.credit)
        FROM x JOIN customer c ON c.id = x.cid
        GROUP BY c.id, c.code, x.cur
        HAVING SUM(x.open) != 0 OR SUM(x.credit) != 0
        ORDER BY c.code, x.cur""",
    # the same, but aggregated per customer id and currency first, joined to customer on the result only
    "materialized CTE + UNION ALL, join after": f"""
        WITH paid AS MATERIALIZED (
            SELECT due_line_id, SUM(amount_minor) AS paid FROM allocation WHERE date <= :d GROUP BY due_line_id),
        x AS (
            SELECT i.customer_id AS cid, i.currency AS cur, d.due_date AS ref,
                   d.amount_minor - COALESCE(p.paid, 0) AS open, -COALESCE(p.paid, 0) AS credit
            FROM due_line d JOIN invoice i ON i.id = d.invoice_id LEFT JOIN paid p ON p.due_line_id = d.id
            WHERE {LIVE}
            UNION ALL SELECT customer_id, currency, NULL, 0, amount_minor FROM payment
                WHERE date <= :d AND status = 'posted'
            UNION ALL SELECT customer_id, currency, NULL, 0, amount_minor FROM credit_note
                WHERE date <= :d AND status = 'posted'
            UNION ALL SELECT customer_id, currency, NULL, 0, amount_minor FROM write_off WHERE date <= :d),
        g(cid, cur, s0, s1, s2, s3, s4, credit) AS (
            SELECT x.cid, x.cur, {BUCKET_SUMS}, SUM(x.credit)
            FROM x GROUP BY x.cid, x.cur
            HAVING SUM(x.open) != 0 OR SUM(x.credit) != 0)
        SELECT c.code, g.cur, g.s0, g.s1, g.s2, g.s3, g.s4, g.credit
        FROM g JOIN customer c ON c.id = g.cid ORDER BY c.code, g.cur""",
    # correlated subquery per due line on the (due_line_id, date) index instead of a CTE
    "correlated subquery": f"""
        WITH x AS (
            SELECT cid, cur, ref, amount - paid AS open, -paid AS credit FROM (
                SELECT i.customer_id AS cid, i.currency AS cur, d.due_date AS ref, d.amount_minor AS amount,
                       COALESCE((SELECT SUM(a.amount_minor) FROM allocation a
                                 WHERE a.due_line_id = d.id AND a.date <= :d), 0) AS paid
                FROM due_line d JOIN invoice i ON i.id = d.invoice_id
                WHERE {LIVE})
            UNION ALL SELECT customer_id, currency, NULL, 0, amount_minor FROM payment
                WHERE date <= :d AND status = 'posted'
            UNION ALL SELECT customer_id, currency, NULL, 0, amount_minor FROM credit_note
                WHERE date <= :d AND status = 'posted'
            UNION ALL SELECT customer_id, currency, NULL, 0, amount_minor FROM write_off WHERE date <= :d)
        SELECT c.code, x.cur, {BUCKET_SUMS}, SUM(x.credit)
        FROM x JOIN customer c ON c.id = x.cid
        GROUP BY c.id, c.code, x.cur
        HAVING SUM(x.open) != 0 OR SUM(x.credit) != 0
        ORDER BY c.code, x.cur""",
    # with the running totals the ledger keeps (due_line.paid_minor, applied_minor on the documents,
    # migrations 0004 and 0006): open as of D = amount − paid + allocated after D, over the lines open
    # today or allocated after D only; credit = each document's unapplied amount + its later allocations
    "running totals + allocations after the date": f"""
        WITH later AS MATERIALIZED (
            SELECT due_line_id, payment_id, credit_note_id, write_off_id, amount_minor FROM allocation
            WHERE date > :d),
        later_line AS MATERIALIZED (
            SELECT CAST(due_line_id AS INTEGER) AS due_line_id, SUM(amount_minor) AS s FROM later
            GROUP BY due_line_id),
        x AS (
            SELECT i.customer_id AS cid, i.currency AS cur, d.due_date AS ref,
                   d.amount_minor - d.paid_minor + COALESCE(ll.s, 0) AS open, 0 AS credit
            FROM due_line d JOIN invoice i ON i.id = d.invoice_id LEFT JOIN later_line ll ON ll.due_line_id = d.id
            WHERE (d.paid_minor < d.amount_minor OR d.id IN (SELECT due_line_id FROM later_line)) AND {LIVE}
            UNION ALL SELECT customer_id, currency, NULL, 0, amount_minor - applied_minor FROM payment
                WHERE applied_minor < amount_minor AND date <= :d AND status = 'posted'
            UNION ALL SELECT p.customer_id, p.currency, NULL, 0, l.amount_minor FROM later l
                JOIN payment p ON p.id = l.payment_id WHERE p.date <= :d AND p.status = 'posted'
            UNION ALL SELECT customer_id, currency, NULL, 0, amount_minor - applied_minor FROM credit_note
                WHERE applied_minor < amount_minor AND date <= :d AND status = 'posted'
            UNION ALL SELECT n.customer_id, n.currency, NULL, 0, l.amount_minor FROM later l
                JOIN credit_note n ON n.id = l.credit_note_id WHERE n.date <= :d AND n.status = 'posted'
            UNION ALL SELECT customer_id, currency, NULL, 0, amount_minor - applied_minor FROM write_off
                WHERE applied_minor < amount_minor AND date <= :d
            UNION ALL SELECT w.customer_id, w.currency, NULL, 0, l.amount_minor FROM later l
                JOIN write_off w ON w.id = l.write_off_id WHERE w.date <= :d),
        g(cid, cur, s0, s1, s2, s3, s4, credit) AS (
            SELECT x.cid, x.cur, {BUCKET_SUMS}, SUM(x.credit)
            FROM x GROUP BY x.cid, x.cur
            HAVING SUM(x.open) != 0 OR SUM(x.credit) != 0)
        SELECT c.code, g.cur, g.s0, g.s1, g.s2, g.s3, g.s4, g.credit
        FROM g JOIN customer c ON c.id = g.cid ORDER BY c.code, g.cur""",
    # open amounts and credits aggregated separately per customer first, then joined
    "pre-aggregated CTEs joined": f"""
        WITH paid AS MATERIALIZED (
            SELECT due_line_id, SUM(amount_minor) AS paid FROM allocation WHERE date <= :d GROUP BY due_line_id),
        lines AS (
            SELECT i.customer_id AS cid, i.currency AS cur,
                   SUM(CASE WHEN d.due_date >= :b0 THEN d.amount_minor - COALESCE(p.paid, 0) ELSE 0 END) AS s0,
                   SUM(CASE WHEN d.due_date >= :b1 AND d.due_date < :b0 THEN d.amount_minor - COALESCE(p.paid, 0) ELSE 0 END) AS s1,
                   SUM(CASE WHEN d.due_date >= :b2 AND d.due_date < :b1 THEN d.amount_minor - COALESCE(p.paid, 0) ELSE 0 END) AS s2,
                   SUM(CASE WHEN d.due_date >= :b3 AND d.due_date < :b2 THEN d.amount_minor - COALESCE(p.paid, 0) ELSE 0 END) AS s3,
                   SUM(CASE WHEN d.due_date < :b3 THEN d.amount_minor - COALESCE(p.paid, 0) ELSE 0 END) AS s4,
                   SUM(COALESCE(p.paid, 0)) AS used
            FROM due_line d JOIN invoice i ON i.id = d.invoice_id LEFT JOIN paid p ON p.due_line_id = d.id
            WHERE {LIVE}
            GROUP BY i.customer_id, i.currency),
        docs AS (
            SELECT cid, cur, SUM(amt) AS amt FROM (
                SELECT customer_id AS cid, currency AS cur, amount_minor AS amt FROM payment
                    WHERE date <= :d AND status = 'posted'
                UNION ALL SELECT customer_id, currency, amount_minor FROM credit_note
                    WHERE date <= :d AND status = 'posted'
                UNION ALL SELECT customer_id, currency, amount_minor FROM write_off WHERE date <= :d)
            GROUP BY cid, cur),
        keys AS (SELECT cid, cur FROM lines UNION SELECT cid, cur FROM docs)
        SELECT c.code, k.cur, COALESCE(l.s0, 0), COALESCE(l.s1, 0), COALESCE(l.s2, 0), COALESCE(l.s3, 0),
               COALESCE(l.s4, 0), COALESCE(o.amt, 0) - COALESCE(l.used, 0) AS credit
        FROM keys k JOIN customer c ON c.id = k.cid
        LEFT JOIN lines l ON l.cid = k.cid AND l.cur = k.cur
        LEFT JOIN docs o ON o.cid = k.cid AND o.cur = k.cur
        WHERE COALESCE(l.s0 + l.s1 + l.s2 + l.s3 + l.s4, 0) != 0 OR COALESCE(o.amt, 0) - COALESCE(l.used, 0) != 0
        ORDER BY c.code, k.cur""",
}


def cpu_time() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


CPU: dict[str, float] = {}


def best_of(fn, repeat, name=None, warm_up=True):
    """Best wall time of `repeat` runs (after a warm-up run); the best CPU time of this process (SQLite
    runs in-process, so it counts) goes to CPU[name]: steadier than wall time on a shared machine."""
    if warm_up:
        fn()
    times, cpus = [], []
    result = None
    for _ in range(repeat):
        t, c = time.perf_counter(), cpu_time()
        result = fn()
        times.append(time.perf_counter() - t)
        cpus.append(cpu_time() - c)
    if name:
        CPU[name] = min(cpus)
    return min(times), result


def engine_rows(report):
    return [(c.code, c.currency, *c.buckets, c.unapplied_credit_minor) for c in report.customers]


def orm_aging(Session):
    """The same report from ORM objects: what one writes without thinking about SQL."""
    with Session() as s:
        paid = defaultdict(int)
        for a in s.scalars(select(Allocation).where(Allocation.date <= AS_OF)):
            paid[a.due_line_id] += a.amount_minor
        acc = defaultdict(lambda: [0, 0, 0, 0, 0, 0])
        lines = s.scalars(select(DueLine).options(joinedload(DueLine.invoice).joinedload(Invoice.customer)))
        for dl in lines:
            inv = dl.invoice
            if inv.issue_date > AS_OF or (inv.status == "void" and inv.void_date and inv.void_date <= AS_OF):
                continue
            row = acc[(inv.customer.code, inv.currency)]
            p = paid.get(dl.id, 0)
            row[bucket_index((AS_OF - dl.due_date).days, "due", LIMITS)] += dl.amount_minor - p
            row[5] -= p
        from app.models import Customer

        codes = dict(s.execute(select(Customer.id, Customer.code)).all())
        for model in (Payment, CreditNote, WriteOff):
            for doc in s.scalars(select(model).where(model.date <= AS_OF)):
                if getattr(doc, "status", "posted") == "posted":
                    acc[(codes[doc.customer_id], doc.currency)][5] += doc.amount_minor
        return [(code, cur, *v) for (code, cur), v in sorted(acc.items()) if any(v[:5]) or v[5]]


def main() -> None:
    p = argparse.ArgumentParser(description="aging benchmark")
    p.add_argument("path", nargs="?", default="/tmp/aging-1m.sqlite")
    p.add_argument("--invoices", type=int, default=1_000_000)
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--skip-orm", action="store_true")
    p.add_argument("--only-summary", action="store_true", help="the engine and the hand-written statements only")
    p.add_argument("--xlsx-rows", type=int, default=100_000)
    args = p.parse_args()

    if not os.path.exists(args.path):
        from aging_data import generate

        generate(args.path, args.invoices)
    engine = open_database(args.path)
    Session = session_factory(engine)
    with engine.connect() as conn:
        counts = {t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar()
                  for t in ("invoice", "due_line", "payment", "allocation", "customer")}
    print(f"# {platform.node()} · {platform.processor() or platform.machine()} · {os.cpu_count()} cores · "
          f"Python {platform.python_version()} · SQLite {__import__('sqlite3').sqlite_version}")
    print(f"# {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC · {counts}")

    def run_engine():
        with Session() as s:
            return aging_report(s, AS_OF)

    print(f"# load average before: {os.getloadavg()}")
    t_engine, report = best_of(run_engine, args.repeat, "engine")
    expected = engine_rows(report)
    print(f"engine summary (aging_report): {t_engine:.3f} s wall, {CPU['engine']:.3f} s CPU, {len(expected)} rows")

    hand_times = {}
    for name, sql in HAND.items():
        def run_hand(sql=sql):
            with engine.connect() as conn:
                return [tuple(r) for r in conn.execute(text(sql), bounds())]
        # the engine's warm-up already brought the database into the page cache
        t, rows = best_of(run_hand, args.repeat, name, warm_up=False)
        ok = [tuple(int(v) if isinstance(v, (int, float)) else v for v in r) for r in rows] == expected
        hand_times[name] = t
        print(f"hand-written SQL '{name}': {t:.3f} s wall, {CPU[name]:.3f} s CPU, same result: {ok}")
    best_name = min(hand_times, key=hand_times.get)
    best_cpu = min((n for n in HAND), key=CPU.get)
    print(f"engine / best hand-written: wall {t_engine / hand_times[best_name]:.2f}x ('{best_name}'), "
          f"CPU {CPU['engine'] / CPU[best_cpu]:.2f}x ('{best_cpu}')")
    if args.only_summary:
        return

    if not args.skip_orm:
        t, c = time.perf_counter(), cpu_time()
        rows = orm_aging(Session)
        t_orm, c_orm = time.perf_counter() - t, cpu_time() - c
        print(f"ORM objects: {t_orm:.1f} s wall, {c_orm:.1f} s CPU, same result: {rows == expected}; "
              f"engine is {t_orm / t_engine:.1f}x faster (wall), {c_orm / CPU['engine']:.1f}x (CPU)")

    # detail + exports
    def run_detail():
        with Session() as s:
            return aging_report(s, AS_OF, detail=True)

    t, c = time.perf_counter(), cpu_time()
    detailed = run_detail()
    t_detail = time.perf_counter() - t
    n_items = sum(len(c.items) for c in detailed.customers)
    print(f"engine detail: {t_detail:.2f} s wall, {cpu_time() - c:.2f} s CPU for {n_items} open items")
    picked, count = [], 0
    for c in detailed.customers:
        if count >= args.xlsx_rows:
            break
        take = c.items[: args.xlsx_rows - count]
        picked.append(replace(c, items=take))
        count += len(take)
    from app.reports.aging import currency_totals

    sub = replace(detailed, customers=tuple(picked), totals=currency_totals(picked, len(detailed.bucket_labels)))
    from app.reports.aging_xlsx import write_xlsx

    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "aging.xlsx")
        t, c = time.perf_counter(), cpu_time()
        write_xlsx(sub, out, company="Bench SAC", lang="en")
        t_xlsx = time.perf_counter() - t
        print(f"xlsx export: {t_xlsx:.2f} s wall, {cpu_time() - c:.2f} s CPU for {count} detail rows + {len(sub.customers)} summary rows "
              f"({os.path.getsize(out) / 1e6:.1f} MB)")
        from app.reports.aging_pdf import write_pdf

        t, c = time.perf_counter(), cpu_time()
        write_pdf(report, os.path.join(tmp, "aging.pdf"), company="Bench SAC", lang="en")
        print(f"pdf summary: {time.perf_counter() - t:.2f} s wall, {cpu_time() - c:.2f} s CPU for {len(report.customers)} rows")
        from app.reports.aging_export import report_to_dict

        t = time.perf_counter()
        import json

        json.dumps(report_to_dict(detailed))
        print(f"json with detail: {time.perf_counter() - t:.2f} s for {n_items} items")
    print(f"# load average after: {os.getloadavg()}")


if __name__ == "__main__":
    main()
