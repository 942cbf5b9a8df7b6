"""`cobranza statement` through app.cli.main: the contract, exit codes and messages."""

from __future__ import annotations

import re
import subprocess

import pytest

from app.cli import main
from app.database import session_factory

from .statement_history import build_history, make_company


@pytest.fixture
def db(engine, db_path):
    with session_factory(engine)() as s, s.begin():
        make_company(s)
        build_history(s, "C001", "es")
        build_history(s, "C002", "en")
    return str(db_path)


def pages(path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def test_one_customer(db, tmp_path, capsys):
    out = tmp_path / "c001.pdf"
    assert main(["--db", db, "statement", "C001", "--as-of", "2026-06-30", "-o", str(out)]) == 0
    assert pages(out) == 2
    printed = capsys.readouterr().out
    assert printed.startswith("C001\t2 page(s)\tPEN 2,050.50, USD 1,200.00\t")
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True).stdout
    assert "Saldo inicial al 28/02/2026" in text  # default period: from 2026-03-01


def test_from_sets_the_period(db, tmp_path):
    out = tmp_path / "c001.pdf"
    assert main(["--db", db, "statement", "C001", "--as-of", "2026-06-30", "--from", "2026-06-01",
                 "-o", str(out)]) == 0
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True).stdout
    assert "Saldo inicial al 31/05/2026" in text and "C001-F001-3 " not in text.split("Documentos pendientes")[0]


def test_all_customers_into_a_folder(db, tmp_path, capsys):
    out = tmp_path / "statements"
    assert main(["--db", db, "statement", "--all", "--as-of", "2026-06-30", "-o", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == [
        "statement-C001-2026-06-30.pdf", "statement-C002-2026-06-30.pdf", "statements-2026-06-30-all.pdf"]
    assert pages(out / "statements-2026-06-30-all.pdf") == 4
    assert "2 statement(s); all in one file:" in capsys.readouterr().out


@pytest.mark.parametrize("argv, message", [
    (["NOPE", "--as-of", "2026-06-30", "-o", "{tmp}/x.pdf"], "No customer with code 'NOPE'"),
    (["C001", "--all", "--as-of", "2026-06-30", "-o", "{tmp}/x"], "either a customer code"),
    (["--as-of", "2026-06-30", "-o", "{tmp}/x.pdf"], "name the customer"),
    (["C001", "--as-of", "2026-06-30", "--from", "2026-07-01", "-o", "{tmp}/x.pdf"], "is after --as-of"),
    (["C001", "--as-of", "2026-06-30", "-o", "{tmp}"], "is a folder"),
])
def test_bad_input_exits_2_with_a_message_and_writes_nothing(db, tmp_path, capsys, argv, message):
    argv = [a.replace("{tmp}", str(tmp_path)) for a in argv]
    before = sorted(tmp_path.iterdir())
    with pytest.raises(SystemExit) as exit_:
        main(["--db", db, "statement", *argv])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("cobranza: ") and message in err
    assert sorted(tmp_path.iterdir()) == before


def test_bad_date_is_a_usage_error(db, tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--db", db, "statement", "C001", "--as-of", "30/06/2026", "-o", str(tmp_path / "x.pdf")])
    assert exit_.value.code == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err


def test_help_documents_the_batch(capsys):
    with pytest.raises(SystemExit):
        main(["statement", "--help"])
    text = capsys.readouterr().out
    assert "cobranza statement CODE --as-of YYYY-MM-DD [--from YYYY-MM-DD] -o FILE.pdf" in text
    assert "cobranza statement --all --as-of YYYY-MM-DD [--from YYYY-MM-DD] -o DIR" in text
    assert "statements-YYYY-MM-DD-all.pdf" in text
