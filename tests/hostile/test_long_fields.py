"""Long fields (issue 11): a 100,000-character address broke `statement` and `statement --all` (no statement
for anyone). Lengths are bounded at entry and import (app.ledger.text_input.LIMITS); a customer whose data an
old database still holds too long is skipped by `statement --all`, which names it and writes everyone else's."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from app import ledger
from app.cli import main
from app.database import open_database, session_factory
from app.ledger.errors import InvalidValueError
from app.ledger.text_input import LIMITS
from tests.factories import make_customer, make_invoice

LONG = "Av. " + "x" * 99_996  # 100,000 characters


@pytest.fixture
def book(db_path):
    engine = open_database(str(db_path))
    with session_factory(engine)() as s, s.begin():
        ledger.ensure_default_terms(s)
        ledger.save_company(s, name="Comercial Andina S.A.C.", currency="PEN", locale="es_PE")
        for i, code in enumerate(("A01", "B02", "C03"), start=1):
            make_customer(s, code=code, name=f"Cliente {code}")
            make_invoice(s, number=f"F-{i}", customer=code, amount="100.00", issued=dt.date(2026, 5, 1))
    engine.dispose()
    conn = sqlite3.connect(db_path)  # as an old database might hold it: written before the limit existed
    conn.execute("UPDATE customer SET address = ? WHERE code = 'B02'", (LONG,))
    conn.commit()
    conn.close()
    return str(db_path)


def _run(argv, capsys):
    try:
        code = main(argv)
    except SystemExit as exc:
        code = exc.code
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_statement_all_skips_the_customer_that_cannot_be_laid_out_and_names_it(book, tmp_path, capsys):
    out = tmp_path / "statements"
    code, stdout, err = _run(["--db", book, "statement", "--all", "--as-of", "2026-06-30", "-o", str(out)], capsys)
    assert code == 0, err
    assert sorted(p.name for p in out.iterdir()) == ["statement-A01-2026-06-30.pdf", "statement-C03-2026-06-30.pdf",
                                                     "statements-2026-06-30-all.pdf"]
    assert err == ("cobranza: skipped B02: the statement of B02 cannot be laid out: its address is 100,000 "
                   "characters long, more than a page holds; shorten it to at most 500 on the customer card\n")
    assert "A01" in stdout and "C03" in stdout and "B02" not in stdout


def test_statement_of_that_customer_alone_is_one_line_exit_2(book, tmp_path, capsys):
    pdf = tmp_path / "b.pdf"
    code, _, err = _run(["--db", book, "statement", "B02", "--as-of", "2026-06-30", "-o", str(pdf)], capsys)
    assert code == 2 and err.count("\n") == 1 and "its address is 100,000 characters long" in err
    assert not pdf.exists()


@pytest.mark.parametrize("field", ["name", "address", "city", "tax_id", "phone", "notes", "collector"])
def test_customer_fields_are_bounded_at_entry(session, field):
    too_long = "x" * (LIMITS[field] + 1)
    with pytest.raises(InvalidValueError) as exc, session.begin():
        make_customer(session, code="C9", **{field: too_long})
    assert exc.value.field == field
    assert f"at most {LIMITS[field]:,} fit" in str(exc.value)
    with session.begin():
        make_customer(session, code="C9", **{field: "x" * LIMITS[field]})  # the limit itself fits


def test_update_is_bounded_too(session):
    with session.begin():
        make_customer(session, code="C9")
    with pytest.raises(InvalidValueError, match="address is 501 characters long"), session.begin():
        ledger.update_customer(session, "C9", address="x" * 501)


@pytest.mark.parametrize("bad, what", [("A\x00B", "NUL character"), ("A\u202eB", "right-to-left override"),
                                       ("A\nB", "line break"), ("A\u200bB", "zero-width space")])
def test_names_refuse_invisible_characters_at_entry(session, bad, what):
    with pytest.raises(InvalidValueError, match=what), session.begin():
        make_customer(session, code="C9", name=bad)


def test_codes_and_numbers_differing_only_in_case_are_the_same(session):
    with session.begin():
        make_customer(session, code="C9")
        make_invoice(session, number="F001-7", customer="C9")
    with pytest.raises(ledger.errors.DuplicateCustomerError, match="'C9' already exists .*differ only in case"), \
            session.begin():
        make_customer(session, code="c9")
    with pytest.raises(ledger.errors.DuplicateNumberError, match="'F001-7' already exists .*differ only in case"), \
            session.begin():
        make_invoice(session, number="f001-7", customer="C9")
