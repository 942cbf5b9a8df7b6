"""Many new rows of one table in one executemany on the driver, for the ledger's bulk writers
(app.ledger.invoices.record_invoices).

Through SQLAlchemy's `insert()` with a list of dicts, each row's dict is turned into parameters and each
value goes through its type's bind processor: at 100,000 invoices (and their due lines and audit entries)
that was more time than SQLite's own work. Here rows are tuples in the columns' order; a column whose type
has a bind processor (dates and timestamps as SQLite stores them, booleans) has it applied once per
distinct value, the values of such columns repeating from row to row (a year of issue dates, one timestamp).

Rows written so go past the Session's events: the caller tells the stored tables (record_invoices inside
balance_keeper.adding; the demo's writer, app.demo.bulk, through balance_keeper.note, and its statements
from `insert_statement` and `write_batches` here).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import islice

from sqlalchemy import Connection, Table
from sqlalchemy.orm import Session

BATCH = 10_000  # rows per executemany


def insert_rows(session: Session, table: Table, columns: Sequence[str], rows: list[tuple]) -> None:
    """INSERT `rows` (tuples of Python values in the order of `columns`) into `table` on the session's
    connection, inside its transaction."""
    if not rows:
        return
    conn = session.connection()
    dialect = conn.dialect
    sql = insert_statement(conn, table, columns)
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
    write_batches(conn, sql, rows)


def insert_statement(conn: Connection, table: Table, columns: Sequence[str]) -> str:
    """The driver's INSERT of `columns` into `table`, one placeholder per column."""
    dialect = conn.dialect
    quote = dialect.identifier_preparer.quote
    mark = "?" if dialect.paramstyle == "qmark" else "%s"  # SQLite; psycopg (format, pyformat)
    return (f"INSERT INTO {quote(table.name)} ({', '.join(quote(c) for c in columns)}) "
            f"VALUES ({', '.join([mark] * len(columns))})")


def write_batches(conn: Connection, sql: str, rows: Iterable[tuple]) -> None:
    """`sql` executed for the rows (any iterable: a million rows zipped from columns need not be a list),
    BATCH at a time."""
    rows = iter(rows)
    while batch := list(islice(rows, BATCH)):
        conn.exec_driver_sql(sql, batch)
