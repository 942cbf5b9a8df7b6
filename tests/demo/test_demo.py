"""The demo generator keeps the ledger's rules, is reproducible and looks like real receivables."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import random
import sqlite3

import phonenumbers
import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from stdnum.cl import rut
from stdnum.co import nit
from stdnum.mx import rfc
from stdnum.pe import ruc
from stdnum.us import ein

from app import ledger
from app.demo import bulk as demo_bulk
from app.demo import generator as demo_generator
from app.cli import main
from app.database import open_database, session_factory
from app.demo import DemoSummary, generate_demo
from app.demo import taxids
from app.demo.bulk import BulkWriter, StoredDays
from app.ledger import balance_keeper
from app.models import Invoice
from tests.conftest import TODAY

AS_OF = dt.date(2026, 5, 31)  # not the clock's today, so "nothing after as_of" means something
DATA_TABLES = ("company", "customer", "contact", "payment_terms", "payment_terms_line", "invoice", "due_line",
               "credit_note", "payment", "write_off", "allocation")


def rows(session, sql, **params):
    return session.execute(text(sql), params).all()


def one(session, sql, **params):
    return session.execute(text(sql), params).scalar()


@pytest.fixture
def demo(session):
    with session.begin():
        summary = generate_demo(session, customers=50, invoices=500, seed=11, as_of=AS_OF)
    return session, summary


@pytest.fixture
def big_demo(session):
    """Enough documents that every kind of behaviour shows up."""
    with session.begin():
        summary = generate_demo(session, customers=300, invoices=4000, seed=7, as_of=AS_OF)
    return session, summary


def test_summary_counts_match_the_tables(demo):
    s, summary = demo
    assert isinstance(summary, DemoSummary)
    with pytest.raises(AttributeError):
        summary.customers = 1  # frozen
    assert (summary.customers, summary.invoices) == (50, 500)
    for table, count in (("customer", summary.customers), ("contact", summary.contacts),
                         ("invoice", summary.invoices), ("due_line", summary.due_lines),
                         ("credit_note", summary.credit_notes), ("payment", summary.payments),
                         ("allocation", summary.allocations), ("write_off", summary.write_offs)):
        assert one(s, f"SELECT count(*) FROM {table}") == count, table
    assert one(s, "SELECT count(*) FROM invoice WHERE status = 'void'") == summary.void_invoices
    assert one(s, "SELECT count(*) FROM invoice WHERE disputed") == summary.disputed_invoices
    assert one(s, "SELECT count(*) FROM customer WHERE on_hold") == summary.customers_on_hold
    assert one(s, "SELECT count(*) FROM customer WHERE email IS NULL") == summary.customers_without_email
    # one audit entry for the whole run, not millions
    assert rows(s, "SELECT action, entity FROM audit_entry WHERE entity = 'demo'") == [("generate", "demo")]


def test_amounts_fit_the_schema_on_every_database(big_demo):
    """Amount columns are 32-bit on PostgreSQL."""
    s, _ = big_demo
    for table, column in (("invoice", "total_minor"), ("due_line", "amount_minor"), ("payment", "amount_minor"),
                          ("credit_note", "amount_minor"), ("write_off", "amount_minor"),
                          ("allocation", "amount_minor"), ("customer", "credit_limit_minor")):
        assert one(s, f"SELECT max({column}) FROM {table}") < 2**31, table


def test_due_lines_sum_to_each_invoice_total(demo):
    s, _ = demo
    assert rows(s, """
        SELECT i.number FROM invoice i LEFT JOIN due_line d ON d.invoice_id = i.id
        GROUP BY i.id HAVING count(d.id) = 0 OR sum(d.amount_minor) != i.total_minor""") == []


def test_due_lines_follow_the_customer_terms(demo):
    s, _ = demo
    with s.begin():
        ledger.ensure_default_terms(s)
    terms = {t.code: t.lines for t in ledger.list_terms(s)}
    sample = rows(s, """
        SELECT i.id, i.issue_date, i.total_minor, coalesce(t.code, 'NET30') FROM invoice i
        JOIN customer c ON c.id = i.customer_id LEFT JOIN payment_terms t ON t.id = c.payment_terms_id
        ORDER BY i.id LIMIT 100""")
    for inv_id, issued, total, code in sample:
        got = rows(s, "SELECT due_date, amount_minor FROM due_line WHERE invoice_id = :i ORDER BY sequence", i=inv_id)
        expected = ledger.due_schedule(terms[code], dt.date.fromisoformat(str(issued)), total)
        assert [(dt.date.fromisoformat(str(d)), a) for d, a in got] == expected


def test_no_due_line_or_document_is_over_allocated(demo):
    s, _ = demo
    assert rows(s, """
        SELECT d.id FROM due_line d JOIN allocation a ON a.due_line_id = d.id
        GROUP BY d.id HAVING sum(a.amount_minor) > d.amount_minor""") == []
    for table, column in (("payment", "payment_id"), ("credit_note", "credit_note_id"), ("write_off", "write_off_id")):
        assert rows(s, f"""
            SELECT p.id FROM {table} p JOIN allocation a ON a.{column} = p.id
            GROUP BY p.id HAVING sum(a.amount_minor) > p.amount_minor""") == [], table
    assert one(s, "SELECT count(*) FROM allocation WHERE amount_minor <= 0") == 0


PAID_MISMATCHES = """
    SELECT d.id FROM due_line d LEFT JOIN (SELECT due_line_id, sum(amount_minor) AS total FROM allocation
                                           GROUP BY due_line_id) a ON a.due_line_id = d.id
    WHERE d.paid_minor != coalesce(a.total, 0)"""


APPLIED_MISMATCHES = """
    SELECT '{table}', p.id FROM {table} p LEFT JOIN (SELECT {column} AS source, sum(amount_minor) AS total
                                                     FROM allocation GROUP BY {column}) a ON a.source = p.id
    WHERE p.applied_minor != coalesce(a.total, 0)"""
SOURCES = (("payment", "payment_id"), ("credit_note", "credit_note_id"), ("write_off", "write_off_id"))


def test_paid_minor_of_every_due_line_is_its_allocation_sum(big_demo):
    s, summary = big_demo
    assert one(s, "SELECT count(*) FROM due_line WHERE paid_minor > 0") > 0
    assert rows(s, PAID_MISMATCHES) == []
    assert one(s, "SELECT count(*) FROM payment WHERE applied_minor > 0") > 0
    for table, column in SOURCES:
        assert rows(s, APPLIED_MISMATCHES.format(table=table, column=column)) == [], table
    assert one(s, """SELECT count(*) FROM allocation a JOIN due_line d ON d.id = a.due_line_id
                     JOIN invoice i ON i.id = d.invoice_id WHERE a.currency != i.currency""") == 0


def test_paid_minor_stays_right_when_the_ledger_writes_after_the_generator(demo):
    s, _ = demo
    code = one(s, "SELECT code FROM customer ORDER BY id LIMIT 1")
    s.rollback()
    with s.begin():
        ledger.record_payment(s, customer_code=code, date=AS_OF, amount_minor=1_000_000, currency="PEN")
        ledger.allocate_credit(s, customer_code=code, currency="PEN", on_date=AS_OF)
    assert rows(s, PAID_MISMATCHES) == []
    for table, column in SOURCES:
        assert rows(s, APPLIED_MISMATCHES.format(table=table, column=column)) == [], table


def test_allocations_are_dated_on_or_after_both_documents_and_not_after_as_of(demo):
    s, _ = demo
    assert rows(s, """
        SELECT a.id FROM allocation a JOIN due_line d ON d.id = a.due_line_id JOIN invoice i ON i.id = d.invoice_id
        LEFT JOIN payment p ON p.id = a.payment_id LEFT JOIN credit_note c ON c.id = a.credit_note_id
        LEFT JOIN write_off w ON w.id = a.write_off_id
        WHERE a.date < i.issue_date OR a.date < coalesce(p.date, c.date, w.date) OR a.date > :as_of
           OR coalesce(p.customer_id, c.customer_id, w.customer_id) != i.customer_id
           OR coalesce(p.currency, c.currency, w.currency) != i.currency""", as_of=AS_OF) == []


def test_nothing_is_dated_after_as_of(demo):
    s, _ = demo
    for table, column in (("invoice", "issue_date"), ("invoice", "void_date"), ("credit_note", "date"),
                          ("payment", "date"), ("write_off", "date"), ("allocation", "date")):
        assert one(s, f"SELECT max({column}) FROM {table}") <= AS_OF.isoformat(), (table, column)
    for table in ("customer", "invoice", "credit_note", "payment", "write_off"):
        assert one(s, f"SELECT max(substr(created_at, 1, 10)) FROM {table}") <= AS_OF.isoformat(), table
    # and the history spans about 18 months
    first = dt.date.fromisoformat(one(s, "SELECT min(issue_date) FROM invoice"))
    assert 480 <= (AS_OF - first).days <= 548


def test_void_invoices_have_nothing_applied(demo):
    s, _ = demo
    assert rows(s, """
        SELECT i.number FROM invoice i JOIN due_line d ON d.invoice_id = i.id JOIN allocation a ON a.due_line_id = d.id
        WHERE i.status = 'void'""") == []
    assert rows(s, "SELECT number FROM invoice WHERE status = 'void' AND (void_date < issue_date OR void_reason IS NULL)") == []


def dump(engine):
    with engine.connect() as conn:
        return {t: conn.execute(text(f"SELECT * FROM {t} ORDER BY 1")).all() for t in DATA_TABLES}


def test_same_seed_gives_identical_data_and_another_seed_does_not(tmp_path):
    dumps = []
    for name, seed in (("a", 3), ("b", 3), ("c", 4)):
        engine = open_database(str(tmp_path / f"{name}.sqlite"))
        with session_factory(engine)() as s, s.begin():
            generate_demo(s, customers=30, invoices=300, seed=seed, as_of=AS_OF)
        dumps.append(dump(engine))
        engine.dispose()
    assert dumps[0] == dumps[1]
    assert dumps[0]["invoice"] != dumps[2]["invoice"]
    assert dumps[0]["customer"] != dumps[2]["customer"]


def test_tax_ids_pass_their_check_digit_validation(big_demo):
    s, _ = big_demo
    oracle = {"PE": ruc.is_valid, "MX": rfc.is_valid, "CO": nit.is_valid, "CL": rut.is_valid, "US": ein.is_valid}
    seen = set()
    for country, tax_id in rows(s, "SELECT country, tax_id FROM customer"):
        seen.add(country)
        assert oracle[country](tax_id), (country, tax_id)  # python-stdnum agrees
    assert {"PE", "MX", "CO", "CL"} <= seen
    [(company_ruc,)] = rows(s, "SELECT tax_id FROM company")
    assert ruc.is_valid(company_ruc)


def test_generated_tax_ids_carry_the_right_check_digit():
    rng = random.Random(1)
    for make, valid in ((taxids.make_ruc, ruc.is_valid), (taxids.make_nit, nit.is_valid),
                        (taxids.make_rut, rut.is_valid)):
        for _ in range(50):
            good = make(rng)
            assert valid(good), good
            last = good[-1]
            assert not valid(good[:-1] + ("1" if last != "1" else "2"))
    good = taxids.make_rfc(rng, "FLA", dt.date(1999, 12, 31))
    assert rfc.is_valid(good) and good[3:9] == "991231"
    # the check digits of published numbers of the tax authorities themselves
    assert taxids.ruc_check_digit("2013131295") == "5" and taxids.rut_check_digit("60803000") == "K"
    assert taxids.nit_check_digit("800197268") == "4" and taxids.rfc_check_digit("SAT970701NN") == "3"


def test_phones_are_valid_local_numbers_and_emails_look_real(big_demo):
    s, _ = big_demo
    phones = rows(s, """SELECT country, phone FROM customer UNION ALL
                        SELECT c.country, k.phone FROM contact k JOIN customer c ON c.id = k.customer_id""")
    for country, phone in phones:
        assert phonenumbers.is_valid_number(phonenumbers.parse(phone, country)), (country, phone)
    for (email,) in rows(s, "SELECT email FROM customer WHERE email IS NOT NULL"):
        local, domain = email.split("@")
        assert local and "." in domain and email.isascii() and " " not in email


def test_the_data_looks_like_latin_american_receivables(big_demo):
    s, summary = big_demo
    by_country = dict(rows(s, "SELECT country, count(*) FROM customer GROUP BY country"))
    assert by_country["PE"] > by_country["MX"] > 0 and by_country["CO"] and by_country["CL"]
    suffixes = {"PE": ("S.A.C.", "E.I.R.L.", "S.R.L.", "S.A.", "S.A.A."), "MX": ("C.V.", "S.C."),
                "CO": ("S.A.S.", "Ltda.", "S.A.", "S. en C."), "CL": ("SpA", "Ltda.", "S.A.", "E.I.R.L.")}
    for country, name in rows(s, "SELECT country, name FROM customer WHERE country != 'US'"):
        assert name.endswith(suffixes[country]), name
    # PEN and USD dominate, other currencies appear
    by_currency = dict(rows(s, "SELECT currency, count(*) FROM invoice GROUP BY currency"))
    assert by_currency["PEN"] + by_currency["USD"] > 0.6 * summary.invoices
    assert set(by_currency) >= {"PEN", "USD", "MXN", "COP", "CLP"}
    # Colombian pesos in whole pesos, Chilean pesos (no decimals) in hundreds
    assert one(s, "SELECT count(*) FROM invoice WHERE currency = 'COP' AND total_minor % 100 != 0") == 0
    assert one(s, "SELECT count(*) FROM credit_note WHERE currency = 'COP' AND amount_minor % 100 != 0") == 0
    assert one(s, "SELECT count(*) FROM invoice WHERE currency = 'CLP' AND total_minor % 100 != 0") == 0
    languages = dict(rows(s, "SELECT language, count(*) FROM customer GROUP BY language"))
    assert languages["es"] > 0.8 * summary.customers and languages["en"] > 0
    assert one(s, "SELECT count(DISTINCT payment_terms_id) FROM customer") >= 6
    assert one(s, "SELECT count(*) FROM due_line d JOIN invoice i ON i.id = d.invoice_id WHERE d.sequence = 3") > 0
    for count in (summary.credit_notes, summary.disputed_invoices, summary.unapplied_payments,
                  summary.customers_without_email, summary.customers_on_hold, summary.write_offs,
                  summary.void_invoices):
        assert count > 0
    # partial payments: due lines settled by more than one payment
    assert one(s, """SELECT count(*) FROM (SELECT due_line_id FROM allocation WHERE payment_id IS NOT NULL
                     GROUP BY due_line_id HAVING count(*) > 1)""") > 0
    # payments covering several invoices at once
    assert one(s, """SELECT count(*) FROM (SELECT payment_id FROM allocation WHERE payment_id IS NOT NULL
                     GROUP BY payment_id HAVING count(*) > 1)""") > 0
    # some customers pay early or on time, some months late, some never
    lateness = rows(s, """
        SELECT c.id, avg(julianday(a.date) - julianday(d.due_date)) FROM allocation a
        JOIN due_line d ON d.id = a.due_line_id JOIN invoice i ON i.id = d.invoice_id
        JOIN customer c ON c.id = i.customer_id WHERE a.payment_id IS NOT NULL GROUP BY c.id HAVING count(*) >= 5""")
    assert any(days <= 3 for _, days in lateness) and any(days >= 60 for _, days in lateness)
    assert one(s, """SELECT count(*) FROM due_line d WHERE d.due_date < :cut AND NOT EXISTS
                     (SELECT 1 FROM allocation a WHERE a.due_line_id = d.id)""", cut=AS_OF - dt.timedelta(days=180)) > 0


def independent_balance(s, customer_id, as_of):
    """Open items minus unapplied credit per currency, straight from the tables."""
    out = {}
    for cur, amount in rows(s, """
            SELECT i.currency, sum(d.amount_minor - coalesce((SELECT sum(a.amount_minor) FROM allocation a
                   WHERE a.due_line_id = d.id AND a.date <= :d), 0))
            FROM due_line d JOIN invoice i ON i.id = d.invoice_id
            WHERE i.customer_id = :c AND i.issue_date <= :d AND (i.status = 'posted' OR i.void_date > :d)
            GROUP BY i.currency""", c=customer_id, d=as_of):
        out[cur] = out.get(cur, 0) + amount
    for table, column in (("payment", "payment_id"), ("credit_note", "credit_note_id"), ("write_off", "write_off_id")):
        for cur, amount in rows(s, f"""
                SELECT p.currency, sum(p.amount_minor - coalesce((SELECT sum(a.amount_minor) FROM allocation a
                       WHERE a.{column} = p.id AND a.date <= :d), 0))
                FROM {table} p WHERE p.customer_id = :c AND p.date <= :d GROUP BY p.currency""", c=customer_id,
                               d=as_of):
            out[cur] = out.get(cur, 0) - amount
    return {cur: v for cur, v in out.items()}


def test_ledger_balances_agree_with_the_documents(big_demo):
    s, _ = big_demo
    customers = rows(s, "SELECT id, code FROM customer ORDER BY id")
    sample = customers[::15]
    for as_of in (AS_OF, AS_OF - dt.timedelta(days=200)):
        for cid, code in sample:
            got = {b.currency: b.balance_minor for b in ledger.customer_balance(s, code, as_of)}
            expected = independent_balance(s, cid, as_of)
            assert {k: v for k, v in got.items() if v} == {k: v for k, v in expected.items() if v}, (code, as_of)
            items = ledger.open_items(s, code, as_of)
            assert all(item.open_minor > 0 for item in items)
            disputed = one(s, "SELECT count(*) FROM invoice WHERE customer_id = :c AND disputed AND issue_date <= :d",
                           c=cid, d=as_of)
            assert sum(1 for item in items if item.disputed) >= disputed  # disputed invoices stay open


def test_the_ledger_keeps_working_on_demo_data(demo):
    s, _ = demo
    code = one(s, "SELECT code FROM customer ORDER BY id LIMIT 1")
    s.rollback()  # end the read's implicit transaction
    with s.begin():
        inv = ledger.record_invoice(s, customer_code=code, number="MANUAL-1", issue_date=AS_OF, total_minor=10000,
                                    currency="PEN")
        pay = ledger.record_payment(s, customer_code=code, date=AS_OF, amount_minor=10000, currency="PEN",
                                    invoice_number="MANUAL-1")
    assert inv.id == one(s, "SELECT max(id) FROM invoice") and pay.unapplied_minor == 0


def test_adding_demo_data_twice_never_collides_and_keeps_the_company(session):
    with session.begin():
        ledger.save_company(session, name="Mi Empresa S.A.C.", currency="PEN", locale="es_PE")
        ledger.ensure_default_terms(session)
        ledger.create_customer(session, code="C000002", name="Cliente manual")
        first = generate_demo(session, customers=5, invoices=20, seed=1, as_of=AS_OF)
    with session.begin():
        second = generate_demo(session, customers=5, invoices=20, seed=1, as_of=AS_OF)
    assert not first.company_created and not second.company_created
    assert one(session, "SELECT name FROM company") == "Mi Empresa S.A.C."
    assert (first.first_customer_code, first.last_customer_code) == ("C000001", "C000006")  # skips C000002
    assert (second.first_customer_code, second.last_customer_code) == ("C000007", "C000011")
    assert (first.invoice_series, second.invoice_series) == ("F001", "F002")
    assert one(session, "SELECT count(*) FROM customer") == 11
    assert one(session, "SELECT count(*) FROM invoice") == 40


def test_empty_and_invalid_sizes(session):
    with session.begin():
        summary = generate_demo(session, customers=3, invoices=0, seed=1, as_of=AS_OF)
    assert (summary.customers, summary.invoices) == (3, 0)
    with pytest.raises(ValueError):
        generate_demo(session, customers=0, invoices=5, seed=1, as_of=AS_OF)
    with pytest.raises(ValueError):
        generate_demo(session, customers=-1, invoices=0, seed=1, as_of=AS_OF)


# --- the command line -------------------------------------------------------------------------


def test_cli_fills_a_database(db_path, capsys):
    assert main(["--db", str(db_path), "demo", "--customers", "40", "--invoices", "400", "--seed", "9",
                 "--as-of", "2026-03-31"]) == 0
    out = capsys.readouterr().out
    assert "40 customers (C000001 to C000040)" in out and "400 invoices" in out
    engine = open_database(str(db_path))
    with session_factory(engine)() as s:
        assert one(s, "SELECT count(*) FROM invoice") == 400
        assert one(s, "SELECT max(issue_date) FROM invoice") <= "2026-03-31"
        assert one(s, "SELECT max(date) FROM allocation") <= "2026-03-31"
    engine.dispose()


def test_cli_defaults_to_today_and_same_seed_same_data(tmp_path, capsys):
    a, b = tmp_path / "a.sqlite", tmp_path / "b.sqlite"
    for path in (a, b):
        assert main(["--db", str(path), "demo", "--customers", "10", "--invoices", "60", "--seed", "2"]) == 0
    assert f"as of {TODAY.isoformat()}" in capsys.readouterr().out
    dumps = []
    for path in (a, b):
        engine = open_database(str(path))
        dumps.append(dump(engine))
        engine.dispose()
    assert dumps[0] == dumps[1]
    assert max(r.issue_date for r in dumps[0]["invoice"]) <= TODAY.isoformat()


@pytest.mark.parametrize("argv, message", [
    (["--customers", "-1"], "--customers must be 0 or more"),
    (["--customers", "0", "--invoices", "5"], "needs at least one customer"),
])
def test_cli_refuses_bad_sizes_with_exit_code_2(db_path, capsys, argv, message):
    with pytest.raises(SystemExit) as exc:
        main(["--db", str(db_path), "demo", *argv])
    assert exc.value.code == 2
    assert message in capsys.readouterr().err


def test_cli_refuses_a_bad_date(db_path, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["--db", str(db_path), "demo", "--as-of", "2026-02-30"])
    assert exc.value.code == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err


def test_cli_prints_progress_for_large_runs(db_path, capsys):
    assert main(["--db", str(db_path), "demo", "--customers", "50", "--invoices", "20000", "--seed", "1",
                 "--as-of", "2026-03-31"]) == 0
    err = capsys.readouterr().err
    assert "20,000/20,000 invoices" in err


def test_the_connection_page_cache_is_restored(session):
    before = one(session, "PRAGMA cache_size")
    session.rollback()
    with session.begin():
        generate_demo(session, customers=2, invoices=5, seed=1, as_of=AS_OF)
        assert one(session, "PRAGMA cache_size") == before


# --- the same data, however fast it is written ---------------------------------------------------

# sha256 of the rows of a small book (seed 5, 80 customers, 3,000 invoices, as of AS_OF): the generator may
# get faster, never different, so the benchmarks' books and a user's demo stay the same for a seed. Made by
# the generator of 2026-12 (before the bulk writer); change it only when the demo's data changes on purpose.
PINNED_DIGEST = "fc301f190f731e5130d7b53229d6dd102156773add1a1bcf336e5fb8bc3daa99"
DIGEST_TABLES = (*DATA_TABLES, "customer_balance")


def digest(engine) -> str:
    h = hashlib.sha256()
    with engine.connect() as conn:
        for table in DIGEST_TABLES:
            for row in conn.execute(text(f"SELECT * FROM {table} ORDER BY 1, 2")):
                h.update(repr(tuple(row)).encode())
    return h.hexdigest()


@pytest.mark.parametrize("chunk, batch", [(None, None), (250, 97)])
def test_same_seed_gives_the_pinned_rows_whatever_the_chunk_and_batch_sizes(tmp_path, monkeypatch, chunk, batch):
    if chunk:  # many flushes and executemany batches: the rows must not depend on where they are cut
        monkeypatch.setattr(demo_generator, "CHUNK_INVOICES", chunk)
        monkeypatch.setattr(demo_generator, "BATCH", batch)
        monkeypatch.setattr(demo_bulk, "BATCH", batch)
    engine = open_database(str(tmp_path / "pinned.sqlite"))
    with session_factory(engine)() as s, s.begin():
        generate_demo(s, customers=80, invoices=3000, seed=5, as_of=AS_OF)
    assert digest(engine) == PINNED_DIGEST
    engine.dispose()


def test_the_demo_schedule_is_the_ledgers_due_schedule(session):
    """The generator computes due dates once per terms and day; they and the amounts are due_schedule's."""
    with session.begin():
        ledger.ensure_default_terms(session)
        terms = {t.code: t.lines for t in ledger.list_terms(session)}
    days = StoredDays(BulkWriter(session), Invoice.__table__, "issue_date", "created_at")
    rng = random.Random(3)
    totals = [1, 2, 3, 5, 99, 100, 101, 2**31 - 1] + [rng.randrange(1, 10**9) for _ in range(40)]
    for code, lines in terms.items():
        schedule = demo_generator._Schedule(lines, days)
        for day in range(dt.date(2024, 1, 1).toordinal(), dt.date(2026, 7, 1).toordinal(), 3):
            for total in totals[day % 7::7]:
                expected = ledger.due_schedule(lines, dt.date.fromordinal(day), total)
                got = schedule(day, total)
                assert [(dt.date.fromordinal(o), a) for o, a in got] == expected, (code, day, total)
    session.rollback()


def index_definitions(session, *, end=True):
    found = sorted(session.execute(text("SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index'")).all())
    if end:
        session.rollback()  # the read's own transaction
    return found


def test_the_indexes_dropped_for_the_load_are_all_back(session):
    before = index_definitions(session)
    with session.begin():
        generate_demo(session, customers=20, invoices=200, seed=1, as_of=AS_OF)
        assert index_definitions(session, end=False) == before  # before the transaction ends: its later reads use them
    assert len(before) > 20


def test_the_indexes_come_back_when_the_load_fails_half_way(session, monkeypatch):
    before = index_definitions(session)

    def fail(self):
        raise RuntimeError("disk full")

    monkeypatch.setattr(demo_generator._Generator, "flush", fail)
    with session.begin():
        with pytest.raises(RuntimeError):
            generate_demo(session, customers=20, invoices=200, seed=1, as_of=AS_OF)
        assert index_definitions(session, end=False) == before  # a caller that commits anyway keeps them
    assert index_definitions(session) == before


def stored_and_recomputed_balances(s):
    stored = sorted(rows(s, "SELECT customer_id, currency, balance_minor, last_date FROM customer_balance"))
    recomputed = sorted((c, cur, b, str(d)) for c, cur, b, d in s.execute(balance_keeper._documents()).all())
    return [(c, cur, b, str(d)) for c, cur, b, d in stored], recomputed


def test_stored_balances_equal_a_fresh_recomputation_also_when_demo_data_is_added(session):
    with session.begin():
        ledger.ensure_default_terms(session)
        ledger.create_customer(session, code="K1", name="Cliente manual")
        ledger.record_invoice(session, customer_code="K1", number="M-1", issue_date=AS_OF, total_minor=5000,
                              currency="PEN")
        generate_demo(session, customers=30, invoices=400, seed=2, as_of=AS_OF)
    stored, recomputed = stored_and_recomputed_balances(session)
    assert stored == recomputed and len(stored) > 30
    session.rollback()
    with session.begin():  # a second run notes only its own customers; the others' stay right
        generate_demo(session, customers=10, invoices=100, seed=3, as_of=AS_OF)
    stored, recomputed = stored_and_recomputed_balances(session)
    assert stored == recomputed and len(stored) > 40


def test_the_indexes_kept_during_the_load_exist(session):
    """A renamed index would only be rebuilt after the load (slower, still right): say so here."""
    names = {name for name, _table, _sql in index_definitions(session)}
    assert demo_generator.IN_ORDER_INDEXES <= names


def test_cli_on_a_new_file_loads_without_wal_and_leaves_it_in_wal_with_the_same_rows(tmp_path, capsys):
    """A file the command makes is loaded with a rollback journal (written once, not twice); WAL is back
    after, and the rows are the ones generate_demo writes on an existing database."""
    new, existing = tmp_path / "new.sqlite", tmp_path / "existing.sqlite"
    engine = open_database(str(existing))  # made (and migrated) before the demo: loaded in WAL mode
    engine.dispose()
    for path in (new, existing):
        assert main(["--db", str(path), "demo", "--customers", "80", "--invoices", "3000", "--seed", "5",
                     "--as-of", AS_OF.isoformat()]) == 0
    digests = []
    for path in (new, existing):
        with contextlib.closing(sqlite3.connect(path)) as plain:  # the file's own mode, not one set on opening
            assert plain.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        engine = open_database(str(path))
        digests.append(digest(engine))
        engine.dispose()
    assert digests == [PINNED_DIGEST, PINNED_DIGEST]
    assert not (tmp_path / "new.sqlite-journal").exists()


def test_a_load_in_a_new_file_runs_with_a_rollback_journal(tmp_path):
    engine = open_database(str(tmp_path / "j.sqlite"))
    with session_factory(engine, write=True)() as s:
        with demo_bulk.rollback_journal(s.get_bind()):
            with s.begin():
                assert s.execute(text("PRAGMA journal_mode")).scalar() == "delete"
                generate_demo(s, customers=5, invoices=50, seed=1, as_of=AS_OF)
        assert s.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        s.rollback()
    engine.dispose()


def test_a_load_in_a_new_file_runs_without_foreign_key_lookups_and_they_are_back_after(tmp_path):
    engine = open_database(str(tmp_path / "fk.sqlite"))
    with demo_bulk.foreign_keys_unchecked(engine) as conn:
        with Session(bind=conn) as s, s.begin():
            assert s.execute(text("PRAGMA foreign_keys")).scalar() == 0
            generate_demo(s, customers=5, invoices=50, seed=1, as_of=AS_OF)
        raw = conn.connection.dbapi_connection
    assert raw.execute("PRAGMA foreign_keys").fetchone() == (1,)  # the pooled connection checks them again
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    engine.dispose()


def test_the_cli_load_in_a_new_file_leaves_every_foreign_key_satisfied(tmp_path, capsys):
    path = tmp_path / "new.sqlite"
    assert main(["--db", str(path), "demo", "--customers", "80", "--invoices", "3000", "--seed", "5",
                 "--as-of", AS_OF.isoformat()]) == 0
    with contextlib.closing(sqlite3.connect(path)) as plain:
        assert plain.execute("PRAGMA foreign_key_check").fetchall() == []
        assert plain.execute("SELECT count(*) FROM allocation").fetchone()[0] > 0
        # loaded without CHECK constraints evaluated (demo_bulk.check_constraints_unchecked): every row keeps
        # them all the same (quick_check evaluates every table's CHECK constraints again)
        assert plain.execute("PRAGMA quick_check").fetchall() == [("ok",)]


def test_a_load_in_a_new_file_runs_without_check_constraints_and_they_are_back_after(tmp_path):
    engine = open_database(str(tmp_path / "ck.sqlite"))
    with demo_bulk.foreign_keys_unchecked(engine) as conn:
        with demo_bulk.check_constraints_unchecked(conn):
            with Session(bind=conn) as s, s.begin():
                assert s.execute(text("PRAGMA ignore_check_constraints")).scalar() == 1
                generate_demo(s, customers=5, invoices=50, seed=1, as_of=AS_OF)
        assert conn.exec_driver_sql("PRAGMA ignore_check_constraints").scalar() == 0
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA ignore_check_constraints").scalar() == 0
        conn.exec_driver_sql("CREATE TEMP TABLE checked (n INTEGER CHECK (n > 0))")
        with pytest.raises(IntegrityError):  # evaluated again on the pooled connection
            conn.exec_driver_sql("INSERT INTO checked VALUES (-1)")
    engine.dispose()


def test_the_sorter_threads_setting_is_restored_after_the_load(session):
    before = one(session, "PRAGMA threads")
    generate_demo(session, customers=3, invoices=20, seed=1, as_of=AS_OF)
    assert one(session, "PRAGMA threads") == before

