"""A row whose cells do not line up with the header is refused, naming the extra cells; nothing is written.

An unquoted `1,234.56` in the last column is two cells, "1" and "234.56"; reading only the header's
columns imported it as 1.00, exit 0 (`1234,56` as 1234.00). The shipped samples put the amount last.
"""

import pytest
from openpyxl import Workbook
from openpyxl.styles import Font
from sqlalchemy import func, select

from app.cli import main
from app.database import open_database, session_factory
from app.importing import import_file
from app.importing.reader import misaligned_rows, read_table
from app.models import CreditNote, Customer, Invoice, Payment

CUSTOMERS = "code,name,currency,credit_limit\nC001,Ferretería Los Andes S.A.C.,PEN,5000.00\n"
INVOICES = "number,customer_code,issue_date,amount\nF001-1,C001,2026-01-10,5000.00\n"

# kind, model, header (amount last), the row before its amount, and how many rows the model has already
CASES = {
    "invoices": (Invoice, "number,customer_code,issue_date,amount", "F001-9,C001,2026-02-10,", 1),
    "payments": (Payment, "reference,customer_code,date,amount", "OP-9,C001,2026-02-10,", 0),
    "credit-notes": (CreditNote, "number,customer_code,date,amount", "NC-9,C001,2026-02-10,", 0),
    "customers": (Customer, "code,name,currency,credit_limit", "C009,Bodega Nueva,PEN,", 1),
}


def write(path, text):
    path.write_text(text, encoding="utf-8")
    return str(path)


def count(db, model):
    engine = open_database(db)
    with session_factory(engine)() as s:
        n = s.scalar(select(func.count()).select_from(model))
    engine.dispose()
    return n


@pytest.fixture
def db(tmp_path, capsys):
    path = str(tmp_path / "cobranza.sqlite")
    assert main(["--db", path, "init", "--company", "Comercial Lima S.A.C."]) == 0
    assert main(["--db", path, "import", "customers", write(tmp_path / "c.csv", CUSTOMERS)]) == 0
    assert main(["--db", path, "import", "invoices", write(tmp_path / "i.csv", INVOICES)]) == 0
    capsys.readouterr()
    return path


@pytest.mark.parametrize("kind", CASES)
@pytest.mark.parametrize("amount, extra", [("1,234.56", '"234.56"'), ("1234,56", '"56"')])
def test_an_unquoted_comma_in_the_last_column_is_refused(kind, amount, extra, db, tmp_path, capsys):
    model, header, row, already = CASES[kind]
    good = row + "10.00"  # line 2 is fine: the whole file still imports nothing
    f = write(tmp_path / f"{kind}.csv", f"{header}\n{good.replace('-9', '-8').replace('C009', 'C008')}\n"
                                        f"{row}{amount}\n")
    assert main(["--db", db, "import", kind, f]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines() == [
        f"{f}:3: row: 4 columns in the header, 5 here (extra: {extra}): quote amounts that contain a comma "
        '("1,234.56") or write them as 1234.56',
        f"cobranza: {f}: 1 bad row; nothing was imported",
    ]
    assert count(db, model) == already


@pytest.mark.parametrize("kind", CASES)
def test_the_same_amount_quoted_or_plain_lines_up(kind, db, tmp_path, capsys):
    model, header, row, already = CASES[kind]
    quoted = write(tmp_path / f"q-{kind}.csv", f'{header}\n{row}"1,234.56"\n')
    engine = open_database(db)
    with session_factory(engine)() as session:
        result = import_file(session, kind, quoted, dry_run=True)
    engine.dispose()
    # one cell: whether the amount parser takes a group separator is its own rule, not a cell count
    assert "row" not in [p.column for p in result.problems]
    plain = write(tmp_path / f"p-{kind}.csv", f"{header}\n{row}1234.56\n")
    assert main(["--db", db, "import", kind, plain]) == 0, capsys.readouterr().err
    assert count(db, model) == already + 1


def test_a_short_row_in_a_csv_file_is_refused_naming_the_missing_columns(db, tmp_path, capsys):
    f = write(tmp_path / "i.csv", "number,customer_code,issue_date,due_date,amount\n"
                                  "F001-7,C001,2026-02-10,2026-03-10,10.00\n"
                                  "F001-8,C001,2026-02-10\n")
    assert main(["--db", db, "import", "invoices", f]) == 2
    first = capsys.readouterr().err.splitlines()[0]
    assert first.startswith(f"{f}:3: row: 5 columns in the header, 3 here (missing: due_date, amount)")
    assert count(db, Invoice) == 1


def test_trailing_empty_cells_and_blank_lines_are_not_errors(db, tmp_path, capsys):
    # Excel saves a CSV with the empty cells of every column it ever formatted, header included
    f = write(tmp_path / "i.csv", "number,customer_code,issue_date,amount,,\n"
                                  "F001-7,C001,2026-02-10,10.00,,\n"
                                  "\n"
                                  "F001-8,C001,2026-02-10,20.00,\n")
    assert main(["--db", db, "import", "invoices", f]) == 0, capsys.readouterr().err
    assert count(db, Invoice) == 3


def xlsx(path, rows, formatted_beyond=0):
    wb = Workbook()
    ws = wb.active
    for r, values in enumerate(rows, start=1):
        for c, value in enumerate(values, start=1):
            ws.cell(row=r, column=c, value=value)
        for c in range(len(values) + 1, len(values) + 1 + formatted_beyond):
            ws.cell(row=r, column=c).font = Font(bold=True)  # a cell that exists, with nothing in it
    wb.save(path)
    return str(path)


def test_a_value_beyond_the_header_in_a_spreadsheet_is_refused(db, tmp_path, capsys):
    f = xlsx(tmp_path / "i.xlsx", [["number", "customer_code", "issue_date", "amount"],
                                   ["F001-7", "C001", "2026-02-10", 1, 234.56]])
    assert main(["--db", db, "import", "invoices", f]) == 2
    first = capsys.readouterr().err.splitlines()[0]
    assert first.startswith(f'{f}:2: row: 4 columns in the header, 5 here (extra: "234.56")')
    assert "after column D" in first
    assert count(db, Invoice) == 1


def test_empty_formatted_cells_beyond_the_header_in_a_spreadsheet_are_not_errors(db, tmp_path, capsys):
    f = xlsx(tmp_path / "i.xlsx", [["number", "customer_code", "issue_date", "amount"],
                                   ["F001-7", "C001", "2026-02-10", 10]], formatted_beyond=3)
    assert main(["--db", db, "import", "invoices", f]) == 0, capsys.readouterr().err
    assert count(db, Invoice) == 2


def test_every_problem_is_listed_at_once_and_the_bad_row_is_not_checked_further(session, tmp_path):
    f = tmp_path / "c.csv"
    write(f, "code,name,credit_limit\nC001,Uno,1,234.56\nC002,,10.00\n")
    result = import_file(session, "customers", f)
    assert [(p.line, p.column) for p in result.problems] == [(2, "row"), (3, "name")]
    assert result.imported == 0
    session.close()
    assert session.scalar(select(func.count()).select_from(Customer)) == 0


def test_misaligned_rows_on_a_semicolon_file_name_the_semicolon(tmp_path):
    f = tmp_path / "i.csv"
    write(f, "number;customer_code;issue_date;amount\nF1;C001;2026-02-10;1;5\n")
    [(line, message)] = misaligned_rows(read_table(f))
    assert line == 2 and message == ('4 columns in the header, 5 here (extra: "5"): '
                                     "quote values that contain a semicolon")
