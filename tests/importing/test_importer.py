"""import_file as the GUI will call it: a session in, an ImportResult out, all rows or none."""

import datetime as dt

import pytest
from sqlalchemy import select

from app.importing import ImportResult, import_file
from app.importing.reader import read_table
from app.models import CreditNote, Customer, Invoice, Payment
from tests.factories import make_customer, make_invoice, count_rows as count, write_text as write




@pytest.fixture
def books(session):
    with session.begin():
        make_customer(session, code="C001")
        make_customer(session, code="C002", name="Bodega San Martín", currency="USD")
        make_invoice(session, number="F1", amount="100.00", issued=dt.date(2026, 1, 1))
        make_invoice(session, number="F2", amount="200.00", issued=dt.date(2026, 2, 1))
    session.close()
    return session


def test_result_of_a_good_file(books, tmp_path):
    f = write(tmp_path / "i.csv", "number,customer_code,issue_date,amount\nF3,C001,2026-03-01,10.00\n"
                                  "F4,C002,2026-03-01,5\n")
    result = import_file(books, "invoices", f)
    assert isinstance(result, ImportResult) and result.ok
    assert (result.rows, result.imported, result.dry_run) == (2, 2, False)
    assert result.totals == (("PEN", 1000), ("USD", 500))
    assert result.summary() == "imported 2 invoices (PEN 10.00, USD 5.00)"
    inv = books.scalars(select(Invoice).where(Invoice.number == "F4")).one()
    assert inv.currency == "USD" and inv.total_minor == 500  # the customer's currency
    books.close()
    # the same session can run another import afterwards (each import is its own transaction); the same
    # file again is a re-import: every row is already there, nothing is written twice
    again = import_file(books, "invoices", f)
    assert again.ok and again.imported == 0
    assert [(c.line, c.action, c.key) for c in again.changes] == [(2, "unchanged", "F3"), (3, "unchanged", "F4")]
    assert again.summary() == "imported 0 invoices; 2 already imported, unchanged"


def test_nothing_written_when_one_row_is_bad(books, tmp_path):
    f = write(tmp_path / "i.csv", "number,customer_code,issue_date,amount\n" +
              "".join(f"G{i},C001,2026-03-01,1.00\n" for i in range(50)) + "G50,C001,2026-03-01,1.000\n")
    result = import_file(books, "invoices", f)
    assert not result.ok and result.imported == 0
    assert [(p.line, p.column) for p in result.problems] == [(52, "amount")]
    assert result.messages() == [f"{f}:52: amount: '1.000' could be 1.00 or 1,000.00; type 1 or 1000 to say which."]
    books.close()
    assert count(books, Invoice) == 2


def test_oldest_first_rows_count_before_a_named_invoice(books, tmp_path):
    """Row 2 (no invoice) takes F1 whole and 50 of F2 as the ledger will; row 3 then names F2 for 200:
    F2 gets the 150 left and the other 50 stays as unapplied credit, with a warning (the ledger's rule)."""
    f = write(tmp_path / "p.csv", "customer_code,date,amount,invoice_number\n"
                                  "C001,2026-03-01,150.00,\nC001,2026-03-01,200.00,F2\n")
    result = import_file(books, "payments", f)
    assert result.ok and result.imported == 2
    assert result.warnings == (f"{f}:3: amount: 200.00 is more than the 150.00 PEN open on invoice F2 after the "
                               "rows above; the other 50.00 PEN stays as C001's unapplied credit",)
    books.close()
    assert sorted(books.scalars(select(Payment.applied_minor))) == [15000, 15000]


def test_a_credit_note_for_more_than_its_invoice_has_open_is_refused(books, tmp_path):
    """Credit notes keep their rule: naming an invoice, they may not exceed what is open on it,
    counting what the rows above applied."""
    f = write(tmp_path / "n.csv", "number,customer_code,date,amount,invoice_number\n"
                                  "NC1,C001,2026-03-01,150.00,F2\nNC2,C001,2026-03-01,100.00,F2\n")
    result = import_file(books, "credit-notes", f)
    assert [(p.line, p.column) for p in result.problems] == [(3, "amount")]
    assert "100.00 is more than the 50.00 PEN open on invoice F2 after the rows above" in result.problems[0].message
    books.close()
    assert count(books, CreditNote) == 0


def test_oldest_first_only_reaches_invoices_issued_by_the_payment_date(books, tmp_path):
    """A payment dated before F2 exists cannot be allocated to it: the remainder is unapplied credit."""
    f = write(tmp_path / "p.csv", "customer_code,date,amount,invoice_number\n"
                                  "C001,2026-01-15,150.00,\nC001,2026-03-01,200.00,F2\n")
    assert import_file(books, "payments", f).ok


def test_dry_run_validates_and_writes_nothing(books, tmp_path):
    f = write(tmp_path / "c.csv", "code,name\nN1,Nuevo Cliente\nN2,Otro\n")
    result = import_file(books, "customers", f, dry_run=True)
    assert result.ok and result.rows == 2 and result.imported == 0
    assert result.summary() == "dry run: would import 2 customers; nothing was written"
    books.close()
    assert count(books, Customer) == 2


def test_semicolon_csv_from_spanish_excel(books, tmp_path):
    f = write(tmp_path / "c.csv", "code;name;city\nN1;Comercial Ñandú;Cusco\n")
    assert import_file(books, "customers", f).ok
    books.close()
    assert books.scalars(select(Customer.city).where(Customer.code == "N1")).one() == "Cusco"


def test_unknown_columns_are_warned_not_fatal_and_repeated_ones_are_fatal(books, tmp_path):
    f = write(tmp_path / "c.csv", "code,name,fax\nN1,Uno,123\n")
    result = import_file(books, "customers", f)
    assert result.ok and result.warnings == (f"{f}:1: column 'fax' is not used by a customer import; ignored",)
    f = write(tmp_path / "c2.csv", "code,name,name\nN2,Uno,Dos\n")
    result = import_file(books, "customers", f)
    assert [(p.line, p.column) for p in result.problems] == [(1, "name")]


def test_empty_file_and_header_only(books, tmp_path):
    result = import_file(books, "customers", write(tmp_path / "e.csv", ""))
    assert result.messages() == [f"{tmp_path / 'e.csv'}:1: file: the file is empty; the first line must be the "
                                 "header (column names)"]
    result = import_file(books, "customers", write(tmp_path / "h.csv", "code,name\n"))
    assert result.ok and result.imported == 0


def test_unknown_kind_is_a_programming_error(books, tmp_path):
    with pytest.raises(ValueError):
        import_file(books, "suppliers", tmp_path / "x.csv")


def test_xlsx_rows_keep_their_sheet_row_numbers(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws["A1"], ws["B1"], ws["C1"] = "number", "amount", "issue_date"
    ws["A2"], ws["B2"], ws["C2"] = "F1", 100 * 1.18, dt.datetime(2026, 1, 31)
    ws["A5"], ws["B5"], ws["C5"] = "F2", 7, dt.date(2026, 2, 1)
    ws["B6"] = 0.1 + 0.2
    wb.save(tmp_path / "x.xlsx")
    table = read_table(tmp_path / "x.xlsx")
    assert table.header == ["number", "amount", "issue_date"]
    assert table.rows == [(2, ["F1", "118", "2026-01-31"]), (5, ["F2", "7", "2026-02-01"]), (6, ["", "0.3", ""])]


def test_csv_quoted_fields_keep_commas_and_newlines(tmp_path):
    f = write(tmp_path / "c.csv", 'code,name,address\n"A1","Pérez, Juan","Jr. Lima 1\nInt. 2"\nA2,Dos,\n')
    table = read_table(f)
    assert table.rows == [(2, ["A1", "Pérez, Juan", "Jr. Lima 1\nInt. 2"]), (4, ["A2", "Dos", ""])]


def test_empty_currency_means_the_named_invoices(books, tmp_path):
    with books.begin():
        make_invoice(books, number="U1", customer="C001", amount="50.00", currency="USD",
                     issued=dt.date(2026, 1, 5))
    books.close()
    f = write(tmp_path / "p.csv", "customer_code,date,amount,invoice_number\nC001,2026-03-01,50.00,U1\n"
                                  "C001,2026-03-01,10.00,\n")
    result = import_file(books, "payments", f)
    assert result.ok and result.totals == (("PEN", 1000), ("USD", 5000))


@pytest.mark.parametrize("text, message", [
    ("1e3", "'1e3' is not an amount: use the digits 0-9 and '.' for decimals, like 1,234.56."),
    ("USD 100", "'USD 100' is written in USD, but this amount is in PEN."),
    ("NaN", "'NaN' is not an amount; type it like 1,234.56 or 1234.56."),
    ("1.000", "'1.000' could be 1.00 or 1,000.00; type 1 or 1000 to say which."),
    ("1,250", "'1,250' could be 1,250.00 or 1.25; type 1250 or 1.25 to say which."),
    ("10.555", "'10.555' has 3 decimals but PEN has 2; if you meant 10,555.00, type 10555."),
    ("10000000000000.01", "'10000000000000.01' is too large: amounts go up to 10,000,000,000,000.00 PEN."),
    ("92233720368547758.07", "'92233720368547758.07' is too large: amounts go up to 10,000,000,000,000.00 PEN."),
    ("-0.01", "'-0.01' is negative; amounts must be greater than zero"),
    ("0.00", "'0.00' is zero; amounts must be greater than zero"),
])
def test_amount_problems(books, tmp_path, text, message):
    f = write(tmp_path / "i.csv", f'number,customer_code,issue_date,amount\nF9,C001,2026-03-01,"{text}"\n')
    result = import_file(books, "invoices", f)
    assert [(p.line, p.column, p.message) for p in result.problems] == [(2, "amount", message)]


def test_progress_and_cancel_roll_back(books, tmp_path):
    f = write(tmp_path / "c.csv", "code,name\n" + "".join(f"P{i},Cliente {i}\n" for i in range(250)))
    seen = []
    result = import_file(books, "customers", f, progress=lambda done, total: seen.append((done, total)) or done < 200)
    assert seen == [(100, 250), (200, 250)]
    assert result.cancelled and not result.ok and result.imported == 0
    assert result.summary() == "cancelled: nothing was imported (250 customers in the file)"
    books.close()
    assert count(books, Customer) == 2
    books.close()
    seen.clear()
    result = import_file(books, "customers", f, progress=lambda done, total: seen.append(done))
    assert result.ok and result.imported == 250 and seen == [100, 200, 250]
