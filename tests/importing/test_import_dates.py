"""Dates in imports and on the command line: a far date needs --allow-far-dates, 1900-2199 always holds."""

import datetime as dt

import pytest
from sqlalchemy import select

from app.cli import main
from app.database import open_database, session_factory
from app.importing import import_file
from app.models import Invoice, Payment
from tests.factories import make_customer, count_rows as count, write_text as write

HEADER = "number,customer_code,issue_date,amount\n"




@pytest.fixture
def books(session):
    with session.begin():
        make_customer(session, code="C001")
    session.close()
    return session


def test_a_far_issue_date_is_a_bad_row_without_the_flag(books, tmp_path):
    f = write(tmp_path / "i.csv", HEADER + "F1,C001,2026-06-01,10.00\nF2,C001,2051-03-04,20.00\n")
    result = import_file(books, "invoices", f)
    assert not result.ok and result.imported == 0
    assert result.messages() == [
        f"{f}:3: issue_date: 2051-03-04 is more than a year from today; check the year, or pass --allow-far-dates"]
    books.close()
    assert count(books, Invoice) == 0


def test_with_allow_far_dates_the_far_row_is_imported(books, tmp_path):
    f = write(tmp_path / "i.csv", HEADER + "F1,C001,2026-06-01,10.00\nF2,C001,2051-03-04,20.00\n")
    result = import_file(books, "invoices", f, allow_far_dates=True)
    assert result.ok and result.imported == 2
    books.close()
    assert books.scalar(select(Invoice.issue_date).where(Invoice.number == "F2")) == dt.date(2051, 3, 4)


def test_past_far_dates_and_due_dates_count_too(books, tmp_path):
    f = write(tmp_path / "i.csv", "number,customer_code,issue_date,due_date,amount\n"
                                  "F1,C001,2015-03-04,,10.00\nF2,C001,2026-06-01,2062-01-01,10.00\n")
    result = import_file(books, "invoices", f)
    assert [(p.line, p.column) for p in result.problems] == [(2, "issue_date"), (3, "due_date")]
    assert import_file(books, "invoices", f, dry_run=True, allow_far_dates=True).ok


def test_dates_outside_1900_2199_are_refused_even_with_the_flag(books, tmp_path):
    f = write(tmp_path / "p.csv", "customer_code,date,amount\nC001,5050-03-04,10.00\nC001,1899-12-31,10.00\n")
    result = import_file(books, "payments", f, allow_far_dates=True)
    assert result.messages() == [
        f"{f}:2: date: 5050-03-04 is after 2199-12-31, the latest date Cobranza accepts; check the year",
        f"{f}:3: date: 1899-12-31 is before 1900-01-01, the earliest date Cobranza accepts; check the year"]
    books.close()
    assert count(books, Payment) == 0


# --- the CLI --------------------------------------------------------------------------------


@pytest.fixture
def db(tmp_path, capsys):
    path = str(tmp_path / "cobranza.sqlite")
    assert main(["--db", path, "init", "--company", "Comercial Lima S.A.C."]) == 0
    assert main(["--db", path, "import", "customers",
                 str(write(tmp_path / "c.csv", "code,name,currency\nC001,Ferretería Los Andes,PEN\n"))]) == 0
    capsys.readouterr()
    return path


def exit_code(argv) -> int:
    try:
        return main(argv)
    except SystemExit as exc:
        return exc.code


def invoices_in(db) -> list[str]:
    engine = open_database(db)
    with session_factory(engine)() as s:
        numbers = list(s.scalars(select(Invoice.number).order_by(Invoice.number)))
    engine.dispose()
    return numbers


def test_cli_import_needs_allow_far_dates(db, tmp_path, capsys):
    f = str(write(tmp_path / "i.csv", HEADER + "F1,C001,2026-06-01,10.00\nF2,C001,2051-03-04,20.00\n"))
    assert exit_code(["--db", db, "import", "invoices", f]) == 2
    err = capsys.readouterr().err
    assert f"{f}:3: issue_date: 2051-03-04 is more than a year from today; check the year, or pass " \
           "--allow-far-dates" in err.splitlines()
    assert invoices_in(db) == []
    assert exit_code(["--db", db, "import", "invoices", f, "--allow-far-dates"]) == 0
    assert "imported 2 invoices" in capsys.readouterr().out
    assert invoices_in(db) == ["F1", "F2"]


@pytest.mark.parametrize("argv", [
    ["aging", "--as-of", "0001-01-01"],
    ["aging", "--as-of", "2200-01-01"],
    ["statement", "C001", "--as-of", "5050-03-04"],
    ["promise", "add", "C001", "--date", "5050-03-04", "--amount", "10"],
    ["agreement", "create", "C001", "--invoices", "F1", "--installments", "2", "--every", "month",
     "--start", "1800-01-01"],
])
def test_cli_dates_outside_the_range_are_one_line_exit_2(db, capsys, argv):
    assert exit_code(["--db", db, *argv]) == 2
    out, err = capsys.readouterr()
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("cobranza: "), err
    assert "Traceback" not in err and "check the year" in lines[0]


@pytest.mark.parametrize("argv", [
    ["promise", "add", "C001", "--date", "2062-06-30", "--amount", "10", "--more-than-owed"],  # C001 owes nothing
    ["activity", "add", "C001", "--channel", "call", "--next", "2062-06-30"],
])
def test_cli_far_dates_of_documents_need_allow_far_dates(db, capsys, argv):
    assert exit_code(["--db", db, *argv]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "2062-06-30 is more than a year from today" in err[0] and "--allow-far-dates" in err[0]
    assert exit_code(["--db", db, *argv, "--allow-far-dates"]) == 0
