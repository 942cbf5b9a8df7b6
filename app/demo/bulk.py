"""Writing the demo's rows fast: plain tuples straight to the driver, secondary indexes built once at the end.

The demo writes a million rows per table. Through SQLAlchemy's `insert()` with a list of dicts every row's
dict is turned into parameters and every value goes through its type's bind processor (more time than the
database's own work); here each row is a tuple already in the form the database stores (the processors are
asked once per distinct date or timestamp), handed to the driver's executemany.

Those writes go past the Session's events: the caller tells `app.ledger.balance_keeper.note` which
customers it wrote (the stored balances are recomputed when its `deferred` block ends).

On SQLite, inserting a million rows into a table with six indexes updates each index in random order;
dropping the secondary indexes (not the primary keys or unique constraints) for the load and creating
them again from their own stored SQL sorts each index once, several times faster. SQLite's DDL is
transactional: the indexes are back when the load ends, and a rollback brings back what was there.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager

from sqlalchemy import Connection, Engine, Table
from sqlalchemy.orm import Session

from app.ledger.bulk_rows import BATCH, insert_statement, write_batches  # noqa: F401 - BATCH: the generator's too


class BulkWriter:
    """Rows as tuples (in the column order given) written with the driver's executemany on the session's
    connection, inside the caller's transaction."""

    def __init__(self, session: Session):
        self.conn = session.connection()
        self.dialect = self.conn.dialect
        self.sqlite = self.dialect.name == "sqlite"
        self._sql: dict[tuple[str, tuple[str, ...]], str] = {}

    def processor(self, table: Table, column: str):
        """The function that turns a Python value of this column into what the driver is given."""
        process = table.c[column].type.dialect_impl(self.dialect).bind_processor(self.dialect)
        return process or (lambda value: value)

    def write(self, table: Table, columns: Sequence[str], rows: Iterable[tuple]) -> None:
        """Write the rows (any iterable: a million rows zipped from the buffers' columns need not be a
        list), BATCH at a time."""
        key = (table.name, tuple(columns))
        sql = self._sql.get(key)
        if sql is None:
            sql = self._sql[key] = insert_statement(self.conn, table, columns)
        write_batches(self.conn, sql, rows)

    @contextmanager
    def indexes_deferred(self, tables: Sequence[Table], keep: Collection[str] = ()) -> Iterator[None]:
        """On SQLite, the tables' secondary indexes but those in `keep` are dropped inside and created again
        on leaving (also when an error leaves, so a caller that commits anyway keeps its indexes). Keep an
        index whose keys the load writes in ascending order: each row then lands on its last page, cheaper
        than sorting it all again. Other databases: nothing."""
        if not self.sqlite:
            yield
            return
        names = ", ".join(f"'{t.name}'" for t in tables)
        indexes = [(name, sql) for name, sql in self.conn.exec_driver_sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
            f"AND tbl_name IN ({names}) ORDER BY name") if name not in keep]
        quote = self.dialect.identifier_preparer.quote
        for name, _sql in indexes:
            self.conn.exec_driver_sql(f"DROP INDEX {quote(name)}")
        try:
            yield
        finally:
            for _name, sql in indexes:
                self.conn.exec_driver_sql(sql)


class StoredDays:
    """Dates and created_at stamps by day ordinal, already in the form the driver is given (computed
    once per day: a million rows fall on ~2,500 days)."""

    def __init__(self, writer: BulkWriter, table: Table, date_column: str, stamp_column: str):
        self._date = writer.processor(table, date_column)
        self._stamp = writer.processor(table, stamp_column)
        self._days: dict[int, dt.date] = {}
        self._dates: dict[int, object] = {}
        self._stamps: dict[int, object] = {}

    def day(self, ordinal: int) -> dt.date:
        d = self._days.get(ordinal)
        if d is None:
            d = self._days[ordinal] = dt.date.fromordinal(ordinal)
        return d

    def date(self, ordinal: int):
        d = self._dates.get(ordinal)
        if d is None:
            d = self._dates[ordinal] = self._date(self.day(ordinal))
        return d

    def dates(self, ordinals: Iterable[int]) -> dict[int, object]:
        """{ordinal: stored date} for every distinct ordinal given: a table's dates are then made by
        `map(dates.__getitem__, column)`, no Python call per row."""
        return {o: self.date(o) for o in set(ordinals)}

    def stamps(self, ordinals: Iterable[int]) -> dict[int, object]:
        """{ordinal: stored created_at} for every distinct ordinal given (see dates)."""
        return {o: self.stamp(o) for o in set(ordinals)}

    def stamp(self, ordinal: int):
        """created_at for a document of that day: 10:00 in Lima (15:00 UTC)."""
        t = self._stamps.get(ordinal)
        if t is None:
            d = self.day(ordinal)
            t = self._stamps[ordinal] = self._stamp(dt.datetime(d.year, d.month, d.day, 15, tzinfo=dt.timezone.utc))
        return t


@contextmanager
def rollback_journal(engine: Engine) -> Iterator[None]:
    """For a SQLite file made for this load and used by nothing else: a rollback journal instead of WAL while
    inside. In WAL mode every page of the load is written twice (to the WAL, then checkpointed into the
    file); with a rollback journal the pages a new file did not have are written once and nothing is
    journaled for them, and a rollback or a crash still leaves the file as it was. WAL (what every
    connection asks for when it opens) is back on leaving. Changing the journal mode needs no transaction
    open and no other connection on the file: if SQLite refuses, the load simply runs in WAL mode."""
    def journal_mode(mode: str) -> None:
        with engine.connect() as conn:  # no transaction is begun: the pragma runs on the driver directly
            conn.connection.driver_connection.execute(f"PRAGMA journal_mode={mode}").fetchall()

    journal_mode("DELETE")
    try:
        yield
    finally:
        journal_mode("WAL")


@contextmanager
def foreign_keys_unchecked(engine: Engine) -> Iterator[Connection]:
    """For a SQLite file made for this load: a connection on which SQLite does not look up each row's
    parents (foreign_keys off; on again before the connection goes back to the pool). Every row of a
    demo load names a parent written before it by construction (tests/demo check the same load with the
    checks on, and `PRAGMA foreign_key_check` after the CLI's); the look-ups were millions of B-tree
    searches. The pragma is ignored inside a transaction: begin one on the connection given, not before."""
    with engine.connect() as conn:  # no transaction yet: the pragma runs on the driver directly
        driver = conn.connection.driver_connection
        driver.execute("PRAGMA foreign_keys=OFF").fetchall()
        try:
            yield conn
        finally:
            if conn.in_transaction():  # an error left it open: end it, or the pragma below is ignored
                conn.rollback()
            driver.execute("PRAGMA foreign_keys=ON").fetchall()


@contextmanager
def check_constraints_unchecked(conn: Connection) -> Iterator[None]:
    """For a SQLite file made for this load, on the connection foreign_keys_unchecked gives: SQLite does not
    evaluate the tables' CHECK constraints for each row inside (ignore_check_constraints; back off on
    leaving). Every row of a demo load keeps them by construction (tests/demo check the same load with them
    evaluated, and `PRAGMA quick_check` after the CLI's, which evaluates them all again). Invoice's
    `kind IN (three values)` alone cost ~1.5 s of CPU at a million invoices: a list of three or more is
    made into a small table for every row. Begin no transaction on the connection before it."""
    driver = conn.connection.driver_connection
    driver.execute("PRAGMA ignore_check_constraints=ON").fetchall()
    try:
        yield
    finally:
        driver.execute("PRAGMA ignore_check_constraints=OFF").fetchall()
