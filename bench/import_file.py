"""An invoices file to import, as an invoicing system would export it, for the customers a book already has:
`python -m bench.import_file BOOK ROWS OUT.csv|OUT.xlsx [--seed N]`.

Rows cycle over the book's customers (in code order) with numbers of their own series (IMP-00000001...) that the
demo never uses, issue dates within the 180 days before 2026-06-30, amounts of 1.00 to 50,000.00 with the currency's
decimals, every fifth row with named payment terms and every seventh with a due date; the same seed gives the
same file.
The CSV is written row by row, so a file of millions of rows costs no memory.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
import sqlite3
import sys
from pathlib import Path

HEADER = ["customer_code", "number", "issue_date", "due_date", "amount", "currency", "payment_terms", "reference"]
AS_OF = dt.date(2026, 6, 30)
TERMS = ("NET15", "NET30", "NET60", "30-60-90", "EOM30")


def customer_codes(book: str | Path) -> list[tuple[str, str, int]]:
    """(code, currency, the currency's decimals) of the book's customers, in code order (read with sqlite3)."""
    with sqlite3.connect(f"file:{book}?mode=ro", uri=True) as db:
        return db.execute("SELECT customer.code, customer.currency, currency.minor_units FROM customer "
                          "JOIN currency ON currency.code = customer.currency ORDER BY customer.code").fetchall()


def rows(customers: list[tuple[str, str]], count: int, seed: int = 3, prefix: str = "IMP"):
    """The file's data rows (lists of text, in HEADER's order)."""
    rnd = random.Random(seed)
    for i in range(count):
        code, currency, decimals = customers[i % len(customers)]
        issue = AS_OF - dt.timedelta(days=rnd.randrange(180))
        due = (issue + dt.timedelta(days=rnd.choice((15, 30, 45)))).isoformat() if i % 7 == 3 else ""
        terms = TERMS[i % len(TERMS)] if i % 5 == 1 and not due else ""
        amount = rnd.randrange(100, 5_000_000)
        shown = f"{amount // 100}.{amount % 100:02d}" if decimals == 2 else str(amount // 100 * 10 ** decimals)
        yield [code, f"{prefix}-{i + 1:08d}", issue.isoformat(), due, shown,
               currency, terms, f"OC-{rnd.randrange(10**6):06d}" if i % 3 == 0 else ""]


def write_csv(path: str | Path, customers, count: int, seed: int = 3, prefix: str = "IMP") -> Path:
    path = Path(path)
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(HEADER)
        writer.writerows(rows(customers, count, seed, prefix))
    return path


def write_xlsx(path: str | Path, customers, count: int, seed: int = 3, prefix: str = "IMP") -> Path:
    from openpyxl import Workbook

    path = Path(path)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("invoices")
    sheet.append(HEADER)
    for row in rows(customers, count, seed, prefix):
        sheet.append(row)
    workbook.save(path)
    return path


def main(argv: list[str]) -> int:
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    book, count, out = argv[0], int(argv[1]), argv[2]
    seed = int(argv[argv.index("--seed") + 1]) if "--seed" in argv else 3
    writer = write_xlsx if out.endswith(".xlsx") else write_csv
    writer(out, customer_codes(book), count, seed)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
