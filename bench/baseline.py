"""Baselines for bench/run.py: what the app's commands must at least do, written by hand with the standard
library only (sqlite3, json), run as a whole process like the app's command they stand beside.

    python bench/baseline.py minimal BOOK MIN        copy a demo book's data into a minimal schema (not timed)
    python bench/baseline.py aging-json MIN AS_OF OUT   one hand-written SQL query, compact JSON to OUT
    python bench/baseline.py aging-table MIN AS_OF OUT  the same query, an aligned text table to OUT
    python bench/baseline.py receivables MIN AS_OF OUT  receivables per currency as of the date (the KPIs',
                                                        forecast's and tasks' least work), JSON to OUT
    python bench/baseline.py import-invoices MIN FILE  an invoices CSV (bench/import_file.py) read with csv and
                                                        its rows inserted as due lines with executemany, the
                                                        customers found by code (what `import invoices` must
                                                        at least do); MIN is written: give it a copy
    python bench/baseline.py write MIN OUT            the minimal schema's rows read into Python and written
                                                        to a new file with executemany (what `demo` must
                                                        at least do: put as many rows on disk)

The minimal schema keeps only the columns the aging needs: customer(id, code, name), line (a live due line
with its customer, currency, due date, amount and the amount paid today), doc (payments, credit notes and
write-offs with their unapplied amount), alloc (date, amount, due line, document).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import sqlite3
import sys

LIMITS = (30, 60, 90)
LABELS = ["current", "1-30", "31-60", "61-90", "91+"]

MINIMAL = [
    "CREATE TABLE customer (id INTEGER PRIMARY KEY, code TEXT, name TEXT)",
    "INSERT INTO customer SELECT id, code, name FROM src.customer",
    "CREATE TABLE currency (code TEXT PRIMARY KEY, minor_units INTEGER)",
    "INSERT INTO currency SELECT code, minor_units FROM src.currency",
    """CREATE TABLE line (id INTEGER PRIMARY KEY, cid INTEGER, cur TEXT, issue_date TEXT, void_date TEXT,
        posted INTEGER, due_date TEXT, amount INTEGER, paid INTEGER)""",
    """INSERT INTO line SELECT d.id, i.customer_id, i.currency, i.issue_date, i.void_date, i.status = 'posted',
        d.due_date, d.amount_minor, d.paid_minor FROM src.due_line d JOIN src.invoice i ON i.id = d.invoice_id""",
    """CREATE TABLE doc (kind TEXT, id INTEGER, cid INTEGER, cur TEXT, date TEXT, amount INTEGER, applied INTEGER,
        PRIMARY KEY (kind, id))""",
    """INSERT INTO doc SELECT 'p', id, customer_id, currency, date, amount_minor, applied_minor FROM src.payment
        WHERE status = 'posted'
        UNION ALL SELECT 'c', id, customer_id, currency, date, amount_minor, applied_minor FROM src.credit_note
        WHERE status = 'posted'
        UNION ALL SELECT 'w', id, customer_id, currency, date, amount_minor, applied_minor FROM src.write_off""",
    "CREATE TABLE alloc (line_id INTEGER, kind TEXT, doc_id INTEGER, date TEXT, amount INTEGER)",
    """INSERT INTO alloc SELECT due_line_id, CASE WHEN payment_id IS NOT NULL THEN 'p'
        WHEN credit_note_id IS NOT NULL THEN 'c' ELSE 'w' END, COALESCE(payment_id, credit_note_id, write_off_id),
        date, amount_minor FROM src.allocation""",
    "CREATE INDEX ix_alloc_date ON alloc (date)",
    "CREATE INDEX ix_line_open ON line (paid, amount)",
]

# open as of D = amount - paid today + allocated after D (over lines open today or allocated after D); credit =
# each document's unapplied amount + its allocations after D
AGING = """
WITH later AS MATERIALIZED (SELECT line_id, kind, doc_id, amount FROM alloc WHERE date > :d),
later_line AS MATERIALIZED (SELECT line_id, SUM(amount) AS s FROM later GROUP BY line_id),
x AS (
    SELECT l.cid, l.cur, l.due_date AS ref, l.amount - l.paid + COALESCE(ll.s, 0) AS open, 0 AS credit
    FROM line l LEFT JOIN later_line ll ON ll.line_id = l.id
    WHERE (l.paid < l.amount OR l.id IN (SELECT line_id FROM later_line)) AND l.issue_date <= :d
      AND (l.posted OR l.void_date IS NULL OR l.void_date > :d)
    UNION ALL SELECT cid, cur, NULL, 0, amount - applied FROM doc WHERE applied < amount AND date <= :d
    UNION ALL SELECT o.cid, o.cur, NULL, 0, t.amount FROM later t JOIN doc o ON o.kind = t.kind AND o.id = t.doc_id
        WHERE o.date <= :d),
g AS (
    SELECT cid, cur,
        SUM(CASE WHEN ref >= :b0 THEN open ELSE 0 END) AS s0,
        SUM(CASE WHEN ref >= :b1 AND ref < :b0 THEN open ELSE 0 END) AS s1,
        SUM(CASE WHEN ref >= :b2 AND ref < :b1 THEN open ELSE 0 END) AS s2,
        SUM(CASE WHEN ref >= :b3 AND ref < :b2 THEN open ELSE 0 END) AS s3,
        SUM(CASE WHEN ref < :b3 THEN open ELSE 0 END) AS s4,
        SUM(credit) AS credit
    FROM x GROUP BY cid, cur HAVING SUM(open) != 0 OR SUM(credit) != 0)
SELECT c.code, c.name, g.cur, g.s0, g.s1, g.s2, g.s3, g.s4, g.credit
FROM g JOIN customer c ON c.id = g.cid ORDER BY c.code, g.cur"""

RECEIVABLES = """
WITH later_line AS MATERIALIZED (SELECT line_id, SUM(amount) AS s FROM alloc WHERE date > :d GROUP BY line_id)
SELECT l.cur, SUM(l.amount - l.paid + COALESCE(ll.s, 0)), COUNT(DISTINCT l.cid)
FROM line l LEFT JOIN later_line ll ON ll.line_id = l.id
WHERE (l.paid < l.amount OR l.id IN (SELECT line_id FROM later_line)) AND l.issue_date <= :d
  AND (l.posted OR l.void_date IS NULL OR l.void_date > :d)
GROUP BY l.cur ORDER BY l.cur"""


def params(as_of: str) -> dict[str, str]:
    d = dt.date.fromisoformat(as_of)
    return {"d": as_of} | {f"b{i}": (d - dt.timedelta(days=n)).isoformat() for i, n in enumerate((0, *LIMITS))}


def money(value: int, digits: int) -> str:
    if not digits:
        return str(value)
    sign = "-" if value < 0 else ""
    whole, frac = divmod(abs(value), 10 ** digits)
    return f"{sign}{whole}.{frac:0{digits}d}"


def aging_rows(db: str, as_of: str):
    conn = sqlite3.connect(db)
    digits = dict(conn.execute("SELECT code, minor_units FROM currency"))
    return conn.execute(AGING, params(as_of)).fetchall(), digits


def aging_json(db: str, as_of: str, out: str) -> None:
    rows, digits = aging_rows(db, as_of)
    totals: dict[str, list[int]] = {}
    with open(out, "w", encoding="utf-8") as f:
        f.write('{"as_of":%s,"basis":"due","bucket_labels":%s,"customers":[' % (json.dumps(as_of), json.dumps(LABELS)))
        for n, (code, name, cur, *amounts) in enumerate(rows):
            buckets, credit = amounts[:5], amounts[5]
            total = sum(buckets)
            t = totals.setdefault(cur, [0] * 7)
            for i, v in enumerate((*buckets, total, credit)):
                t[i] += v
            e = digits[cur]
            f.write(("," if n else "") + json.dumps({
                "code": code, "name": name, "currency": cur,
                "buckets": {k: money(v, e) for k, v in zip(LABELS, buckets)},
                "total": money(total, e), "unapplied_credit": money(credit, e), "net": money(total - credit, e)},
                ensure_ascii=False, separators=(",", ":")))
        f.write('],"totals":' + json.dumps([
            {"currency": cur, "buckets": {k: money(v, digits[cur]) for k, v in zip(LABELS, t[:5])},
             "total": money(t[5], digits[cur]), "unapplied_credit": money(t[6], digits[cur]),
             "net": money(t[5] - t[6], digits[cur])} for cur, t in sorted(totals.items())],
            separators=(",", ":")) + "}\n")


def aging_table(db: str, as_of: str, out: str) -> None:
    rows, digits = aging_rows(db, as_of)
    header = ["Code", "Customer", "Currency", *LABELS, "Total", "Unapplied credit", "Net"]
    cells = []
    for code, name, cur, *amounts in sorted(rows, key=lambda r: (r[2], r[0])):
        e = digits[cur]
        total = sum(amounts[:5])
        cells.append([code, name[:40], cur, *(f"{v / 10 ** e:,.{e}f}" for v in amounts[:5]),
                      f"{total / 10 ** e:,.{e}f}", f"{amounts[5] / 10 ** e:,.{e}f}",
                      f"{(total - amounts[5]) / 10 ** e:,.{e}f}"])
    widths = [max(len(header[i]), *(len(r[i]) for r in cells)) if cells else len(header[i])
              for i in range(len(header))]
    with open(out, "w", encoding="utf-8") as f:
        for r in [header, *cells]:
            f.write("  ".join(v.rjust(widths[i]) if i >= 3 else v.ljust(widths[i]) for i, v in enumerate(r)).rstrip()
                    + "\n")


def receivables(db: str, as_of: str, out: str) -> None:
    conn = sqlite3.connect(db)
    rows = conn.execute(RECEIVABLES, params(as_of)).fetchall()
    with open(out, "w", encoding="utf-8") as f:
        json.dump([{"currency": c, "receivables_minor": s, "customers": n} for c, s, n in rows], f)


def minimal(book: str, out: str) -> None:
    conn = sqlite3.connect(out)
    conn.execute("ATTACH DATABASE ? AS src", (book,))
    for statement in MINIMAL:
        conn.execute(statement)
    conn.commit()
    conn.execute("DETACH DATABASE src")
    conn.close()


def write(db: str, out: str) -> None:
    src = sqlite3.connect(db)
    dst = sqlite3.connect(out)
    for (sql,) in src.execute("SELECT sql FROM sqlite_master WHERE type = 'table'").fetchall():
        dst.execute(sql)
    with dst:
        for (table,) in src.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall():
            cur = src.execute(f"SELECT * FROM {table}")
            width = len(cur.description)
            dst.executemany(f"INSERT INTO {table} VALUES ({','.join('?' * width)})", cur)
    dst.close()


def import_invoices(db: str, path: str) -> None:
    conn = sqlite3.connect(db)
    ids = dict(conn.execute("SELECT code, id FROM customer"))
    digits = dict(conn.execute("SELECT code, minor_units FROM currency"))

    def rows(reader, col):
        for cells in reader:
            cur = cells[col["currency"]]
            whole, _, frac = cells[col["amount"]].partition(".")
            amount = int(whole) * 10 ** digits[cur] + (int(frac.ljust(digits[cur], "0")) if frac else 0)
            issue = cells[col["issue_date"]]
            due = cells[col["due_date"]] or (dt.date.fromisoformat(issue) + dt.timedelta(days=30)).isoformat()
            yield ids[cells[col["customer_code"]]], cur, issue, None, 1, due, amount, 0

    with open(path, newline="", encoding="utf-8") as fh, conn:
        reader = csv.reader(fh)
        col = {name: i for i, name in enumerate(next(reader))}
        conn.executemany("INSERT INTO line (cid, cur, issue_date, void_date, posted, due_date, amount, paid) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows(reader, col))
    conn.close()


if __name__ == "__main__":
    command, *rest = sys.argv[1:]
    {"aging-json": aging_json, "aging-table": aging_table, "receivables": receivables, "minimal": minimal,
     "write": write, "import-invoices": import_invoices}[command](*rest)
