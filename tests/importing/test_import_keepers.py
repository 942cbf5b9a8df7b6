"""A bulk invoice import writes past the Session's events (app.ledger.bulk_rows): the stored tables it tells
through balance_keeper.note (balances, the KPIs' receivables history, the payment histories) must still equal
what the documents say, for every as-of date, on SQLite and PostgreSQL; and a streamed preview lists its first
changes but counts them all."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from sqlalchemy import select

from app.database import open_database, session_factory
from app.demo.generator import generate_demo
from app.importing import importer
from app.importing.api import ImportOptions, detect_mapping, open_file, preview_import, run_import
from app.models import Customer
from app.reports.kpi import kpi_report
from bench.import_file import write_csv
from tests.ledger import payment_history_checks as checks
from tests.ledger.test_balance_keeper import check as check_balances

D = dt.date


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def book(request, tmp_path):
    url = str(tmp_path / "k.sqlite") if request.param == "sqlite" else request.getfixturevalue("pg_url")
    engine = open_database(url)
    session = session_factory(engine, write=True)()
    with session.begin():
        generate_demo(session, customers=30, invoices=300, seed=11, as_of=D(2026, 6, 30))
    session.close()
    yield session
    session.close()
    engine.dispose()


def _customers(session):
    rows = session.execute(select(Customer.code, Customer.currency).order_by(Customer.code)).all()
    session.rollback()
    return [(code, cur, 0 if cur == "CLP" else 2) for code, cur in rows]


def _import(session, path, **kw):
    table = open_file(path)
    mapping = detect_mapping("invoices", table.headers).mapping
    return run_import(session, "invoices", table, mapping, ImportOptions(allow_far_dates=True), **kw)


def test_stored_tables_equal_the_direct_ones_after_a_backdated_bulk_import(book, tmp_path, monkeypatch):
    monkeypatch.setattr(importer, "_chunk_size", lambda total: 150)  # several chunks, several notes
    path = write_csv(tmp_path / "f.csv", _customers(book), 700, seed=4)  # issued over the 180 days before
    result = _import(book, path)
    assert result.ok and result.imported == 700, result.messages()
    check_balances(book)
    checks.check_stored(book)
    book.rollback()
    rng = random.Random(3)
    for _ in range(12):
        as_of = D(2026, 6, 30) - dt.timedelta(days=rng.randrange(400))
        days = rng.choice([1, 30, 90, 365])
        assert kpi_report(book, as_of, days=days) == kpi_report(book, as_of, days=days, stored=False), (as_of, days)
        book.rollback()
    checks.check_dates(book, [D(2026, 6, 30), D(2026, 3, 1), D(2025, 12, 31)])


def test_a_streamed_preview_lists_the_first_changes_and_counts_all(book, tmp_path, monkeypatch):
    monkeypatch.setattr(importer, "PREVIEW_CHANGES", 25)
    path = write_csv(tmp_path / "f.csv", _customers(book), 400, seed=4)
    table = open_file(path)
    preview = preview_import(book, "invoices", table, detect_mapping("invoices", table.headers).mapping,
                             ImportOptions(allow_far_dates=True))
    assert preview.ok and table.streamed
    assert len(preview.changes) == 25 and [c.line for c in preview.changes] == list(range(2, 27))
    assert preview.counts == {"create": 400} and preview.rows == 400 and preview.valid_rows == 400


def test_invoices_gathered_over_many_additions_are_added_once_even_after_a_savepoint_rolled_back(book):
    """The importer's chunks add their invoices to the stored tables once, at the end (gathering_added): an
    addition rolled back by a savepoint is not counted, and on SQLite its id, reused by the next insert,
    is counted once."""
    from app.ledger import balance_keeper
    from app.ledger.invoices import NewInvoice, record_invoices

    codes = [code for code, _cur, _d in _customers(book)]
    with book.begin():
        with balance_keeper.deferred(book), balance_keeper.gathering_added(book):
            nested = book.begin_nested()
            record_invoices(book, [NewInvoice(codes[0], "G-1", D(2026, 2, 3), 1000)])
            nested.rollback()
            record_invoices(book, [NewInvoice(codes[1], "G-2", D(2026, 1, 5), 2500)])
            record_invoices(book, [NewInvoice(codes[2], "G-3", D(2025, 11, 5), 700),
                                   NewInvoice(codes[0], "G-4", D(2026, 6, 1), 900, due_date=D(2026, 6, 20))])
    check_balances(book)
    checks.check_stored(book)
    book.rollback()
    for as_of in (D(2026, 6, 30), D(2026, 2, 28), D(2025, 12, 31), D(2025, 11, 5)):
        for days in (1, 30, 365):
            assert kpi_report(book, as_of, days=days) == kpi_report(book, as_of, days=days, stored=False), (as_of, days)
            book.rollback()
