"""A quick set-based generator of a large ledger for the aging benchmark (SQLite only).

    python bench/aging_data.py /tmp/aging-1m.sqlite --invoices 1000000

Creates the schema through Alembic (app.database.open_database), then fills it with INSERT ... SELECT
over a recursive counter, so 1,000,000 invoices take well under a minute. Deterministic (no RNG: values
come from the row number with modular arithmetic). The shape:

- customers: invoices / 50; 90% PEN, 8% USD, 2% CLP;
- invoices issued over the two years before 2026-06-30 (and a few weeks after, to test the as-of cut);
  85% one due line at +30 days, 15% three installments at +30/+60/+90;
- 70% of invoices paid in full by one payment 0-119 days after issue (many after the as-of date), one
  allocation per due line dated the payment date; 1 in 50 of those payments overpays a little
  (unapplied credit); 10% more have a partial payment of half the first due line;
- 1% of unpaid invoices voided 10 days after issue; 0.5% credit notes (half unapplied); 0.2% write-offs;
- 1% disputed.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from app.database import open_database  # noqa: E402

START = "2024-07-01"
NOW = "2026-06-30T12:00:00+00:00"


def generate(path: str, invoices: int) -> None:
    if os.path.exists(path):
        os.remove(path)
    open_database(path).dispose()
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("PRAGMA journal_mode=OFF")
    con.execute("PRAGMA synchronous=OFF")
    con.execute("PRAGMA cache_size=-1000000")
    customers = max(invoices // 50, 1)
    t0 = time.perf_counter()

    def step(label, sql, *params):
        t = time.perf_counter()
        con.execute(sql, params)
        print(f"  {label}: {time.perf_counter() - t:.1f}s", flush=True)

    con.execute("BEGIN")
    # drop the secondary indexes while loading, recreate them after (much faster)
    indexes = con.execute(
        "SELECT name, sql FROM sqlite_master WHERE type='index' AND sql IS NOT NULL "
        "AND tbl_name IN ('invoice','due_line','allocation','payment','credit_note','write_off')").fetchall()
    for name, _sql in indexes:
        con.execute(f"DROP INDEX {name}")

    counter = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?) "
    step("customers", counter + """
        INSERT INTO customer (id, code, name, country, language, currency, on_hold, created_at)
        SELECT i, printf('C%06d', i), printf('Cliente %d SAC', i), 'PE', 'es',
               CASE WHEN i % 50 < 45 THEN 'PEN' WHEN i % 50 < 49 THEN 'USD' ELSE 'CLP' END, 0, ?
        FROM n""", customers, NOW)
    # customer of invoice i: a multiplicative hash of i (no correlation with i % 10, which picks the fate)
    step("invoices", counter + """
        INSERT INTO invoice (id, number, customer_id, issue_date, currency, total_minor, kind, disputed,
                             status, void_date, void_reason, created_at)
        SELECT i, printf('F%07d', i), c.id,
               date(?, '+' || ((i * 760) / ?) || ' days'),
               c.currency,
               CASE WHEN c.currency = 'CLP' THEN 10000 + (i * 7919) % 2000000 ELSE 1000 + (i * 7919) % 500000 END,
               'invoice', CASE WHEN i % 100 = 7 THEN 1 ELSE 0 END, 'posted', NULL, NULL, ?
        FROM n JOIN customer c ON c.id = ((i * 2654435761) % 4294967291) % ? + 1""", invoices, START, invoices, NOW, customers)
    # one or three due lines; the last installment takes the rounding remainder
    step("due lines", """
        INSERT INTO due_line (invoice_id, sequence, due_date, amount_minor)
        SELECT id, 1, date(issue_date, '+30 days'), total_minor FROM invoice WHERE id % 20 >= 3
        UNION ALL
        SELECT id, s.k, date(issue_date, '+' || (30 * s.k) || ' days'),
               CASE WHEN s.k < 3 THEN total_minor / 3 ELSE total_minor - 2 * (total_minor / 3) END
        FROM invoice, (SELECT 1 AS k UNION ALL SELECT 2 UNION ALL SELECT 3) s WHERE id % 20 < 3""")
    # full payments of 70% of invoices, dated 0..119 days after issue; 1 in 50 overpays by 5.00
    step("payments", """
        INSERT INTO payment (id, customer_id, date, currency, amount_minor, method, status, created_at)
        SELECT id, customer_id, date(issue_date, '+' || ((id * 31) % 120) || ' days'), currency,
               total_minor + CASE WHEN id % 50 = 0 THEN 500 ELSE 0 END, 'transfer', 'posted', ?
        FROM invoice WHERE id % 10 < 7""", NOW)
    step("allocations (full)", """
        INSERT INTO allocation (due_line_id, payment_id, amount_minor, date)
        SELECT d.id, p.id, d.amount_minor, p.date
        FROM payment p JOIN due_line d ON d.invoice_id = p.id""")
    # partial payments on 10% more (ids offset so they do not clash with the invoice-keyed ones)
    step("payments (partial)", """
        INSERT INTO payment (id, customer_id, date, currency, amount_minor, method, status, created_at)
        SELECT ? + i.id, i.customer_id, date(i.issue_date, '+' || ((i.id * 17) % 90) || ' days'), i.currency,
               d.amount_minor / 2, 'transfer', 'posted', ?
        FROM invoice i JOIN due_line d ON d.invoice_id = i.id AND d.sequence = 1
        WHERE i.id % 10 = 7 AND d.amount_minor >= 2""", invoices, NOW)
    step("allocations (partial)", """
        INSERT INTO allocation (due_line_id, payment_id, amount_minor, date)
        SELECT d.id, p.id, p.amount_minor, p.date
        FROM payment p JOIN due_line d ON d.invoice_id = p.id - ? AND d.sequence = 1
        WHERE p.id > ?""", invoices, invoices)
    step("voids", """
        UPDATE invoice SET status = 'void', void_date = date(issue_date, '+10 days'), void_reason = 'duplicate'
        WHERE id % 100 = 8""")
    step("credit notes", """
        INSERT INTO credit_note (id, number, customer_id, date, currency, amount_minor, invoice_id, status, created_at)
        SELECT id, 'NC' || id, customer_id, date(issue_date, '+5 days'), currency, total_minor / 10 + 1, id,
               'posted', ?
        FROM invoice WHERE id % 200 = 9""", NOW)
    step("allocations (credit notes)", """
        INSERT INTO allocation (due_line_id, credit_note_id, amount_minor, date)
        SELECT d.id, cn.id, min(cn.amount_minor, d.amount_minor), cn.date
        FROM credit_note cn JOIN due_line d ON d.invoice_id = cn.invoice_id AND d.sequence = 1
        WHERE cn.id % 400 = 9""")
    step("write-offs", """
        INSERT INTO write_off (id, customer_id, date, currency, amount_minor, reason, created_at)
        SELECT i.id, i.customer_id, date(i.issue_date, '+200 days'), i.currency, d.amount_minor, 'uncollectable', ?
        FROM invoice i JOIN due_line d ON d.invoice_id = i.id AND d.sequence = 1
        WHERE i.id % 500 = 19""", NOW)
    step("allocations (write-offs)", """
        INSERT INTO allocation (due_line_id, write_off_id, amount_minor, date)
        SELECT d.id, w.id, w.amount_minor, w.date
        FROM write_off w JOIN due_line d ON d.invoice_id = w.id AND d.sequence = 1""")
    for name, sql in indexes:
        step(f"index {name}", sql)
    # what the ledger keeps on every allocation (app.ledger.payments._allocate), after the indexes the
    # correlated sums need: the line's paid_minor, the document's applied_minor, the allocation's currency
    step("due_line.paid_minor", """
        UPDATE due_line SET paid_minor = (
            SELECT SUM(a.amount_minor) FROM allocation a WHERE a.due_line_id = due_line.id)
        WHERE id IN (SELECT due_line_id FROM allocation)""")
    for table, column in (("payment", "payment_id"), ("credit_note", "credit_note_id"), ("write_off", "write_off_id")):
        step(f"{table}.applied_minor", f"""
            UPDATE {table} SET applied_minor = (SELECT SUM(a.amount_minor) FROM allocation a WHERE a.{column} = {table}.id)
            WHERE id IN (SELECT {column} FROM allocation WHERE {column} IS NOT NULL)""")
    step("allocation.currency", """
        UPDATE allocation SET currency = (
            SELECT i.currency FROM due_line d JOIN invoice i ON i.id = d.invoice_id WHERE d.id = allocation.due_line_id)""")
    con.execute("COMMIT")
    # no ANALYZE: the app never runs it, so the planner sees what a user's database gives it
    # (with sqlite_stat1 SQLite picks a skip-scan on ix_invoice_customer_issue that is ~3x slower here)
    counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
              for t in ("customer", "invoice", "due_line", "payment", "allocation", "credit_note", "write_off")}
    con.close()
    print(f"generated in {time.perf_counter() - t0:.1f}s: {counts}")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("path")
    p.add_argument("--invoices", type=int, default=1_000_000)
    args = p.parse_args()
    generate(args.path, args.invoices)


if __name__ == "__main__":
    main()
