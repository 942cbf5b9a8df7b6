"""`cobranza export --all`: the workbook read back with openpyxl, and opened by LibreOffice."""

from __future__ import annotations

import csv
import datetime as dt
import shutil
import subprocess
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from app import ledger
from app.cli import main
from app.database import open_database, session_factory
from app.ledger.money import to_minor
from tests.factories import make_customer, make_invoice, make_payment


@pytest.fixture
def book(tmp_path):
    path = tmp_path / "books.sqlite"
    engine = open_database(str(path))
    with session_factory(engine, write=True)() as s, s.begin():
        ledger.save_company(s, name="Andina", currency="PEN", locale="es_PE", country="PE")
        make_customer(s, code="C001", name="=HYPERLINK(\"http://evil\",\"click\")", phone="+51 1 555 0101")
        make_customer(s, code="CL1", name="Viña Sur", currency="CLP")
        make_customer(s, code="KW1", name="Gulf", currency="KWD")
        make_invoice(s, number="F001-1", amount="1234.56", issued=dt.date(2026, 3, 1), due=dt.date(2026, 3, 31))
        make_invoice(s, number="B-1", customer="CL1", amount="150000", currency="CLP", issued=dt.date(2026, 3, 2))
        make_invoice(s, number="K-1", customer="KW1", amount="10.125", currency="KWD", issued=dt.date(2026, 3, 3))
        make_payment(s, amount="1000.00", date=dt.date(2026, 4, 2), reference="@SUM(A1:A9)")
        ledger.record_credit_note(s, customer_code="C001", number="NC-1", date=dt.date(2026, 4, 5),
                                  amount_minor=to_minor("34.56", "PEN"), invoice_number="F001-1", reason="-descuento")
        ledger.write_off(s, invoice_number="K-1", on_date=dt.date(2026, 5, 1), reason="quiebra")
    engine.dispose()
    return path


def test_export_all_writes_every_table_with_numbers_dates_and_safe_text(book, tmp_path, capsys):
    out = tmp_path / "todo.xlsx"
    assert main(["--db", str(book), "export", "--all", "-o", str(out), "--lang", "en"]) == 0
    printed = capsys.readouterr().out
    assert "3 customers, 3 invoices" in printed
    wb = load_workbook(out)
    assert wb.sheetnames == ["Customers", "Invoices", "Due lines", "Payments", "Credit notes", "Write-offs",
                             "Allocations"]

    customers = list(wb["Customers"].iter_rows(values_only=True))
    assert customers[0][:3] == ("Code", "Name", "Tax id")
    assert customers[1][1] == "'=HYPERLINK(\"http://evil\",\"click\")"  # shown as text, never run
    assert customers[1][7] == "'+51 1 555 0101"

    inv = {r[0].value: r for r in wb["Invoices"].iter_rows(min_row=2)}
    pen, clp, kwd = inv["F001-1"][6], inv["B-1"][6], inv["K-1"][6]
    assert Decimal(str(pen.value)) == Decimal("1234.56") and pen.number_format == "#,##0.00"
    assert clp.value == 150000 and clp.number_format == "#,##0"
    assert Decimal(str(kwd.value)) == Decimal("10.125") and kwd.number_format == "#,##0.000"
    issued = inv["F001-1"][4]
    assert issued.value == dt.datetime(2026, 3, 1) and issued.is_date

    due = {(r[0], r[2]): r for r in wb["Due lines"].iter_rows(min_row=2, values_only=True)}
    assert due[("F001-1", 1)][3] == dt.datetime(2026, 3, 31)
    assert Decimal(str(due[("F001-1", 1)][7])) == Decimal("200.00")  # 1234.56 - 1000 - 34.56

    payments = list(wb["Payments"].iter_rows(min_row=2, values_only=True))
    assert payments[0][9] == "'@SUM(A1:A9)"
    notes = list(wb["Credit notes"].iter_rows(min_row=2, values_only=True))
    assert notes[0][0] == "NC-1" and notes[0][8] == "F001-1" and notes[0][9] == "'-descuento"
    offs = list(wb["Write-offs"].iter_rows(min_row=2, values_only=True))
    assert len(offs) == 1 and Decimal(str(offs[0][5])) == Decimal("10.125")
    allocations = list(wb["Allocations"].iter_rows(min_row=2, values_only=True))
    assert sorted(a[5] for a in allocations) == ["credit note", "payment", "write-off"]
    # nothing in the workbook is a formula
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            assert not any(c.data_type == "f" for c in row)


def test_spanish_sheet_names_and_refusals(book, tmp_path, capsys):
    out = tmp_path / "todo.xlsx"
    assert main(["--db", str(book), "export", "--all", "-o", str(out), "--lang", "es"]) == 0
    assert load_workbook(out, read_only=True).sheetnames[:3] == ["Clientes", "Facturas", "Cuotas"]
    with pytest.raises(SystemExit) as exit_:
        main(["--db", str(book), "export", "--all", "-o", str(tmp_path / "todo.csv")])
    assert exit_.value.code == 2 and ".xlsx" in capsys.readouterr().err


def test_libreoffice_reads_the_amounts_and_dates(book, tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice is part of the system dependencies (scripts/install-system-deps.sh)"
    out = tmp_path / "todo.xlsx"
    assert main(["--db", str(book), "export", "--all", "-o", str(out), "--lang", "en"]) == 0
    # sheet 2 (Invoices) as CSV: field separator 44 (,), quote 34 ("), UTF-8, formatted as shown
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}", "--headless",
                    "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,2",
                    "--outdir", str(tmp_path / "csv"), str(out)], check=True, capture_output=True, timeout=180)
    produced = list((tmp_path / "csv").glob("*.csv"))
    assert produced, "LibreOffice wrote no CSV"
    rows = list(csv.reader(produced[0].open(encoding="utf-8")))
    by_number = {r[0]: r for r in rows[1:]}
    assert by_number["F001-1"][4] == "2026-03-01" and by_number["F001-1"][6] == "1,234.56"
    assert by_number["B-1"][6] == "150,000" and by_number["K-1"][6] == "10.125"


def _numbers(path) -> dict:
    """Every number cell as written in the file (sheet file, cell reference) -> float, before openpyxl's
    reader rounds a timestamp to its precision."""
    import zipfile

    from lxml import etree

    ns = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    found = {}
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/sheet"):
                for c in etree.fromstring(z.read(name)).iter(f"{ns}c"):
                    v = c.find(f"{ns}v")
                    if v is not None and c.get("t", "n") == "n":
                        found[(name, c.get("r"))] = float(v.text)
    return found


def _cells(path):
    wb = load_workbook(path)
    return {ws.title: (ws.freeze_panes, [[(c.value, c.number_format, bool(c.font and c.font.b)) for c in row]
                                         for row in ws.iter_rows()]) for ws in wb.worksheets}


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_rows_written_straight_as_xml_read_back_as_openpyxl_cell_by_cell(book, tmp_path, lang):
    """export --all writes its rows straight to XML (write_only.RawRow): every sheet, cell value, number
    format and bold header reads back as the workbook written through openpyxl's cells (the reference is
    the module as it was), on a demo book and on the edge cases of `book` (neutralised text, three
    currencies' decimals, credit notes, write-offs, voids)."""
    from app.demo import generate_demo
    from app.reports.export_all import export_all
    from tests.reports import export_all_reference

    demo = tmp_path / "demo.sqlite"
    engine = open_database(str(demo))
    with session_factory(engine, write=True)() as s, s.begin():
        generate_demo(s, customers=40, invoices=400, seed=5, as_of=dt.date(2026, 6, 30))
    engine.dispose()
    for path in (book, demo):
        engine = open_database(str(path))
        with session_factory(engine)() as s:
            fast = export_all(s, tmp_path / "fast.xlsx", lang=lang)
            slow = export_all_reference.export_all(s, tmp_path / "slow.xlsx", lang=lang)
        engine.dispose()
        assert fast.rows == slow.rows and sum(fast.rows.values()) > 0
        got, expected = _cells(fast.path), _cells(slow.path)
        assert list(got) == list(expected)
        for title in expected:
            assert got[title] == expected[title], title
        assert _numbers(fast.path) == _numbers(slow.path)
