"""Many new rows of one table in one executemany on the driver, for the ledger's bulk writers
(app.ledger.invoices.record_invoices).

Through SQLAlchemy's `insert()` with a list of dicts, each row's dict is turned into parameters and each
value goes through its type's bind processor: at 100,000 invoices (and their due lines and audit entries)
that was more time than SQLite's own work. Here rows are tuples in the columns' order; a column whose type
has a bind processor (dates and timestamps as SQLite stores them, booleans) has it applied once per
distinct value, the values of such columns repeating from row to row (a year of issue dates, one timestamp).

Rows written so go past the Session's events: the caller tells app.ledger.balance_keeper.note which
customers it wrote (as the demo's bulk writer does).
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Table
from sqlalchemy.orm import Session

BATCH = 10_000  # rows per executemany


def insert_rows(session: Session, table: Table, columns: Sequence[str], rows: list[tuple]) -> None:
    """INSERT `rows` (tuples of Python values in the order of `columns`) into `table` on the session's
    connection, inside its transaction."""
    if not rows:
        return
    conn = session.connection()
    dialect = conn.dialect
    quote = dialect.identifier_preparer.quote
    mark = "?" if dialect.paramstyle == "qmark" else "%s"  # SQLite; psycopg (format, pyformat)
    sql = (f"INSERT INTO {quote(table.name)} ({', '.join(quote(c) for c in columns)}) "
           f"VALUES ({', '.join([mark] * len(columns))})")
    converted = []
    for i, column in enumerate(columns):
        process = table.c[column].type.dialect_impl(dialect).bind_processor(dialect)
        if process is not None:
            converted.append((i, process, {}))
    if converted:  # column by column (transposed by zip, at C speed), each distinct value processed once
        by_column = list(zip(*rows))
        for i, process, seen in converted:
            for value in set(by_column[i]):
                seen[value] = None if value is None else process(value)
            by_column[i] = list(map(seen.__getitem__, by_column[i]))
        rows = list(zip(*by_column))
    for start in range(0, len(rows), BATCH):
        conn.exec_driver_sql(sql, rows[start:start + BATCH])
