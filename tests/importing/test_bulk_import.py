"""The bulk path of `import invoices` (chunks validated together, written by app.ledger.invoices.record_invoices)
against the ledger's one-by-one `record_invoice`: the same rows in the database, the same audit; problems named
by row and field; a bad row anywhere leaves nothing written; a streamed file (open_file) gives what the file read
whole gives, in memory that does not grow with the file."""

import csv
import datetime as dt
import tracemalloc
from decimal import Decimal

import pytest
from sqlalchemy import select

from app import ledger
from app.importing import importer
from app.importing.api import ImportOptions, detect_mapping, open_file, read_file, run_import
from app.ledger.invoices import record_invoice
from app.ledger.terms import archive_terms, create_terms
from app.models import AuditEntry, Customer, DueLine, Invoice, InvoiceDiscount
from bench.import_file import HEADER, rows, write_csv
from tests.factories import count_rows as count
from tests.factories import make_customer

CUSTOMERS = [("C001", "PEN", 2), ("C002", "USD", 2), ("C003", "PEN", 2), ("C004", "CLP", 0)]


def _book(session):
    with session.begin():
        ledger.ensure_default_terms(session)
        ledger.save_company(session, name="Comercial Lima S.A.C.", currency="PEN", locale="es_PE", country="PE")
        create_terms(session, code="PP2", name="2% 10 days", lines=[(Decimal(100), 30, "invoice")],
                     discount_percent=Decimal(2), discount_days=10)
        make_customer(session, code="C001")
        make_customer(session, code="C002", currency="USD", terms="30-60-90")
        make_customer(session, code="C003", terms="PP2")  # the customer's terms carry a discount
        make_customer(session, code="C004", currency="CLP", terms="EOM30")
    session.close()
    return session


@pytest.fixture
def book(session):
    return _book(session)


def _import(session, path, options=ImportOptions(), streamed=True, **kw):
    table = (open_file if streamed else read_file)(path, options)
    mapping = detect_mapping("invoices", table.headers).mapping
    return run_import(session, "invoices", table, mapping, options, **kw)


def _contents(session):
    """Every row the import writes, without the ids the database gave."""
    numbers = dict(session.execute(select(Invoice.id, Invoice.number)).all())
    codes = dict(session.execute(select(Customer.id, Customer.code)).all())
    invoices = sorted((i.number, codes[i.customer_id], i.issue_date, i.currency, i.total_minor, i.reference, i.kind,
                       i.disputed, i.status, i.created_at) for i in session.scalars(select(Invoice)))
    lines = sorted((numbers[d.invoice_id], d.sequence, d.due_date, d.amount_minor, d.paid_minor)
                   for d in session.scalars(select(DueLine)))
    discounts = sorted((numbers[d.invoice_id], d.percent, d.until, d.amount_minor)
                       for d in session.scalars(select(InvoiceDiscount)))
    audit = [(a.at, a.user, a.action, a.entity, numbers.get(a.entity_id), a.before,
              a.after.replace(f'"id": {a.entity_id},', '"id": ?,') if a.after else a.after)
             for a in session.scalars(select(AuditEntry).where(AuditEntry.entity == "invoice").order_by(AuditEntry.id))]
    return invoices, lines, discounts, audit


def test_bulk_and_one_by_one_write_the_same_rows(tmp_path, engine, db_path):
    from app.database import open_database, session_factory

    data = list(rows(CUSTOMERS, 700, seed=5))
    data[10][HEADER.index("payment_terms")] = "PP2"  # named terms with a discount
    data[11][HEADER.index("payment_terms")] = "30-60-90"
    path = tmp_path / "f.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([HEADER] + data)

    bulk = _book(session_factory(engine)())
    result = _import(bulk, path)
    assert result.ok and result.imported == 700, result.messages()
    assert result.summary().startswith("imported 700 invoices")

    other = open_database(str(tmp_path / "one-by-one.sqlite"))
    single = _book(session_factory(other)())
    with single.begin():
        for code, number, issue, due, amount, currency, terms, reference in data:
            digits = next(d for c, _cur, d in CUSTOMERS if c == code)
            minor = int(Decimal(amount).scaleb(digits))
            record_invoice(single, customer_code=code, number=number, issue_date=dt.date.fromisoformat(issue),
                           total_minor=minor, currency=currency, payment_terms=terms or None,
                           due_date=dt.date.fromisoformat(due) if due else None, reference=reference or None)
    got, want = _contents(bulk), _contents(single)
    assert got[0] == want[0]  # invoices
    assert got[1] == want[1] and len(got[1]) > 700  # due lines (30-60-90 gives three)
    assert got[2] == want[2] and got[2]  # discounts
    assert got[3] == want[3] and len(got[3]) == 700  # audit, entry for entry
    other.dispose()


def test_reimport_is_unchanged_and_counted_not_listed(book, tmp_path):
    path = write_csv(tmp_path / "f.csv", CUSTOMERS, 450)
    assert _import(book, path).imported == 450
    again = _import(book, path)
    assert again.ok and again.imported == 0 and again.counts == {"unchanged": 450}
    assert again.changes == ()  # a streamed import names only updates, disputes, customers created
    assert again.summary() == "imported 0 invoices; 450 already imported, unchanged"
    assert count(book, Invoice) == 450 and count(book, AuditEntry) - count(book, Invoice) == _other_audit(book)


def _other_audit(session):
    return session.scalar(select(__import__("sqlalchemy").func.count()).select_from(AuditEntry)
                          .where(AuditEntry.entity != "invoice"))


def test_a_bad_row_late_in_the_file_leaves_nothing_written(book, tmp_path):
    data = list(rows(CUSTOMERS, 1000))
    data[930][HEADER.index("amount")] = "abc"
    data[940][HEADER.index("customer_code")] = "NOPE"
    data[950][1] = data[3][1]  # a number already on line 5, in another chunk
    path = tmp_path / "f.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([HEADER] + data)
    audit_before = count(book, AuditEntry)
    result = _import(book, path)
    assert not result.ok and result.imported == 0
    assert [(p.line, p.column) for p in result.problems] == [(932, "amount"), (942, "customer_code"), (952, "number")]
    assert "also on line 5" in result.problems[2].message
    assert count(book, Invoice) == 0 and count(book, DueLine) == 0 and count(book, AuditEntry) == audit_before


def test_a_row_the_ledger_refuses_when_written_rolls_back_the_chunks_before(book, tmp_path):
    with book.begin():
        create_terms(book, code="OLD", name="Old", lines=[(Decimal(100), 30, "invoice")])
        archive_terms(book, "OLD")  # the file may name it; the ledger refuses archived terms for a new invoice
    book.close()
    data = list(rows(CUSTOMERS, 1000))
    data[800][HEADER.index("payment_terms")], data[800][HEADER.index("due_date")] = "OLD", ""
    path = tmp_path / "f.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([HEADER] + data)
    result = _import(book, path)
    assert not result.ok and [(p.line, p.column) for p in result.problems] == [(802, "payment_terms")]
    assert "archived" in result.problems[0].message
    assert count(book, Invoice) == 0 and count(book, DueLine) == 0
    skipping = _import(book, path, valid_only=True, rejected_path=tmp_path / "bad.csv")
    assert skipping.ok and skipping.imported == 999 and skipping.rejected == 1
    assert count(book, Invoice) == 999
    bad = (tmp_path / "bad.csv").read_text(encoding="utf-8-sig").splitlines()
    assert len(bad) == 2 and bad[1].split(",")[1] == data[800][1] and "archived" in bad[1]


def test_streamed_and_whole_files_give_the_same_result(book, tmp_path):
    data = list(rows(CUSTOMERS, 300))
    data[7][HEADER.index("issue_date")] = "31/01/2026"  # ISO and day-first in one column: each read its way
    text = "\n".join([",".join(HEADER)] + [",".join(r) for r in data] + [",".join(data[20]),
                                                                         "TOTAL,,,,999.00,,,"]) + "\n"
    path = tmp_path / "f.csv"
    path.write_text(text, encoding="utf-8")
    whole = _import(book, path, streamed=False, dry_run=True)
    streamed = _import(book, path, dry_run=True)
    assert whole.ok and streamed.ok
    assert (streamed.rows, streamed.skipped, streamed.totals, streamed.counts) == \
        (whole.rows, whole.skipped, whole.totals, whole.counts)
    assert (302, "repeats line 22 exactly; imported once") in streamed.skipped
    assert (303, "totals row") in streamed.skipped


def test_progress_is_called_per_chunk_and_cancel_writes_nothing(book, tmp_path):
    path = write_csv(tmp_path / "f.csv", CUSTOMERS, 4000)
    seen = []
    result = _import(book, path, progress=lambda done, total: seen.append((done, total)))
    assert result.ok and seen == [(200 * n, 4000) for n in range(1, 21)]
    path = write_csv(tmp_path / "g.csv", CUSTOMERS, 4000, prefix="G")
    result = _import(book, path, progress=lambda done, total: done < 2000)
    assert result.cancelled and count(book, Invoice) == 4000


def _peak(session, path) -> int:
    tracemalloc.start()
    try:
        result = _import(session, path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert result.ok and result.imported > 0, result.messages()
    return peak


def test_memory_does_not_grow_with_the_file(tmp_path, engine, monkeypatch):
    """A chunk's rows are in memory, not the file's: a file four times as long peaks about as high."""
    from app.database import session_factory

    monkeypatch.setattr(importer, "_chunk_size", lambda total: 500)  # both files in chunks of 500 rows
    small = write_csv(tmp_path / "small.csv", CUSTOMERS, 5000, prefix="S")
    large = write_csv(tmp_path / "large.csv", CUSTOMERS, 20000, prefix="L")
    session = _book(session_factory(engine)())
    _peak(session, write_csv(tmp_path / "warm.csv", CUSTOMERS, 500, prefix="W"))  # imports, caches
    first, second = _peak(session, small), _peak(session, large)
    assert second < first * 1.5, (first, second)


@pytest.mark.postgres
def test_bulk_and_one_by_one_write_the_same_rows_on_postgres(pg_url, tmp_path):
    """The same comparison on PostgreSQL (its own ids, sequences and types), and a late bad row rolled back."""
    from app.database import open_database, session_factory

    data = list(rows(CUSTOMERS, 400, seed=7))
    path = tmp_path / "f.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([HEADER] + data)
    bad = tmp_path / "bad.csv"
    with bad.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([HEADER] + [[c, "X" + n[1:], *rest] for c, n, *rest in data[:350]]
                                 + [["C001", "X-LATE", "2026-02-30", "", "1.00", "PEN", "", ""]])
    engine = open_database(pg_url)
    session = _book(session_factory(engine)())
    result = _import(session, path)
    assert result.ok and result.imported == 400, result.messages()
    refused = _import(session, bad)
    assert [(p.line, p.column) for p in refused.problems] == [(352, "issue_date")]
    assert count(session, Invoice) == 400
    got = _contents(session)
    session.close()
    engine.dispose()

    other = open_database(str(tmp_path / "one-by-one.sqlite"))
    single = _book(session_factory(other)())
    with single.begin():
        for code, number, issue, due, amount, currency, terms, reference in data:
            digits = next(d for c, _cur, d in CUSTOMERS if c == code)
            record_invoice(single, customer_code=code, number=number, issue_date=dt.date.fromisoformat(issue),
                           total_minor=int(Decimal(amount).scaleb(digits)), currency=currency,
                           payment_terms=terms or None, due_date=dt.date.fromisoformat(due) if due else None,
                           reference=reference or None)
    want = _contents(single)
    assert got[:3] == want[:3] and got[3] == want[3]
    other.dispose()


def test_seen_keys_remember_the_first_line_of_every_key_across_merges():
    from app.importing.seen import SeenKeys

    seen = SeenKeys()
    for line in range(1, 30001):
        key = f"f001-{line % 20000}"
        if key not in seen:
            seen[key] = line
    assert len(seen) == 20000
    assert seen["f001-5"] == 5 and seen["f001-0"] == 20000 and seen.get("f001-20000") is None
    assert all(seen[f"f001-{n}"] == n for n in range(1, 20000, 97))
    assert ("c001", "op-1") not in seen  # tuples (a payment's customer and reference) too


def test_a_file_saved_again_after_its_check_is_not_imported(book, tmp_path):
    """The wizard checks the file in one pass (preview) and imports it in another: a file saved in between would
    import rows no one checked, so the import refuses it and writes nothing."""
    import os

    from app.importing.api import preview_import
    from app.importing.source import CHANGED

    path = write_csv(tmp_path / "f.csv", CUSTOMERS, 50)
    options = ImportOptions()
    table = open_file(path, options)
    mapping = detect_mapping("invoices", table.headers).mapping
    checked = preview_import(book, "invoices", table, mapping, options)
    assert checked.ok and checked.rows == 50
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3].replace(lines[3].split(",")[4], "999999.00")  # an amount corrected after the check
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    os.utime(path, ns=(os.stat(path).st_atime_ns, os.stat(path).st_mtime_ns + 10**9))  # a later save
    result = run_import(book, "invoices", table, mapping, options)
    assert not result.ok and result.imported == 0
    assert [p.message for p in result.problems] == [CHANGED]
    assert count(book, Invoice) == 0
    again = open_file(path, options)  # read again, it imports
    assert run_import(book, "invoices", again, mapping, options).imported == 50
