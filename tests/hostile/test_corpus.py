"""Runs the hostile-input corpus (tests/hostile/corpus.py) through the real CLI against a copy of one small book.

Refused: the expected exit code, the expected words on stderr, one line per problem, no traceback, and the
database's content exactly as before. Accepted: exit 0 and the value stored as the case says.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import shutil
import sqlite3
import sys

import keyring
import keyring.core
import pytest
from openpyxl import Workbook

from app import config, ledger
from app.cli import main
from app.database import open_database, session_factory
from app.reminders.settings import set_setting_value
from tests.conftest import TODAY
from tests.factories import make_customer, make_invoice, make_payment

from .corpus import CASES, Case


def content_digest(path) -> str:
    """A digest of every row of every table (WAL included), not of the file's bytes."""
    conn = sqlite3.connect(path)
    try:
        return hashlib.sha256("\n".join(conn.iterdump()).encode()).hexdigest()
    finally:
        conn.close()


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    """The book of corpus.BOOK, built once; each case works on a copy."""
    path = tmp_path_factory.mktemp("book") / "book.sqlite"
    previous = config.set_clock(config.FixedClock.at(TODAY))
    engine = open_database(str(path))
    try:
        with session_factory(engine)() as s, s.begin():
            ledger.ensure_default_terms(s)
            ledger.save_company(s, name="Comercial Andina S.A.C.", currency="PEN", locale="es_PE")
            make_customer(s, code="C001", name="Ferretería Los Andes S.A.C.")
            make_customer(s, code="C002", name="Importadora Norte", currency="USD")
            make_invoice(s, number="F001-1", customer="C001", amount="120.00", issued=dt.date(2026, 5, 1))
            make_invoice(s, number="F001-2", customer="C001", amount="80.00", issued=dt.date(2026, 4, 1))
            make_payment(s, amount="80.00", customer="C001", date=dt.date(2026, 4, 20), invoice_number="F001-2")
            make_invoice(s, number="F002-1", customer="C002", amount="50.00", currency="USD",
                         issued=dt.date(2026, 5, 1))
            for key, value in (("smtp.host", "smtp.example.com"), ("smtp.user", "cobros"),
                               ("smtp.security", "none"), ("smtp.from", "cobros@andina.pe")):
                set_setting_value(s, key, value)
    finally:
        engine.dispose()
        config.set_clock(previous)
    return path


def _write_input(case: Case, folder) -> str:
    if case.xlsx is not None:
        path = folder / "input.xlsx"
        wb = Workbook()
        for row in case.xlsx:
            wb.active.append(list(row))
        wb.save(path)
        return str(path)
    path = folder / "input.csv"
    path.write_bytes((case.csv or "").encode("utf-8", "surrogatepass"))
    return str(path)


def run_case(case: Case, db: str, folder, monkeypatch, capsys) -> tuple[int, str, str]:
    out_dir = folder / "out"
    out_dir.mkdir(exist_ok=True)
    file = _write_input(case, folder) if (case.csv is not None or case.xlsx is not None) else ""
    argv = ["--db", db, *(a.replace("{file}", file).replace("{out}", str(out_dir)) for a in case.argv)]
    monkeypatch.setattr(sys, "stdin", io.StringIO(case.stdin or ""))
    for name, value in case.env:
        monkeypatch.setenv(name, value)
        keyring.core._keyring_backend = None  # the backend is chosen again from the environment
    capsys.readouterr()
    try:
        code = main(argv)
    except SystemExit as exc:
        code = exc.code
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_hostile_input(case: Case, book, tmp_path, monkeypatch, capsys):
    db = tmp_path / "db.sqlite"
    shutil.copy(book, db)
    keyring.set_password("cobranza", "smtp", "stored-before")  # the book has a stored SMTP password
    before = content_digest(db)

    code, out, err = run_case(case, str(db), tmp_path, monkeypatch, capsys)

    assert "Traceback" not in err
    assert code == case.code, f"exit {code}, expected {case.code}; stderr: {err[:500]!r}"
    if case.code != 0:
        assert case.expect.lower() in err.lower(), err[:2000]
        assert content_digest(db) == before, "a refused command changed the database"
        lines = err.splitlines()
        assert lines and all(line.startswith(("cobranza:", str(tmp_path), "/nonexistent")) for line in lines), err
        if case.argv[0] != "import":
            assert len(lines) == 1, f"one line expected: {err!r}"
        else:  # one line per problem and a last line saying nothing was imported
            assert "nothing was imported" in lines[-1] or "cannot" in err or "does not exist" in err, err
        return
    assert case.expect.lower() in (out + err).lower(), out + err
    if case.warning:
        assert f"cobranza: warning: smtp.security is none: the smtp {case.warning}".lower() in err.lower(), err
    else:
        assert "warning" not in err.lower(), err
    if case.stored:
        sql, value = case.stored
        conn = sqlite3.connect(db)
        try:
            assert conn.execute(sql).fetchone()[0] == value
        finally:
            conn.close()


def test_the_corpus_is_as_large_as_the_issue_asks():
    """The probe found 26 tracebacks and 39 silent acceptances; the corpus keeps those classes and more."""
    assert len(CASES) >= 100
    assert sum(c.code == 0 for c in CASES) >= 10  # the normalised acceptances are pinned too
