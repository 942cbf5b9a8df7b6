"""The aging exporters: JSON contract, CSV, table, xlsx read back by LibreOffice, PDF read back by pdftotext."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import zipfile

import pytest
from openpyxl import load_workbook

from app import ledger
from app.reports.aging import aging_report
from app.reports.aging_export import csv_text, format_table, neutralise, report_to_dict
from app.reports.aging_pdf import write_pdf
from app.reports.aging_xlsx import write_xlsx
from tests.factories import invoice, pay

from .conftest import D

AS_OF = D(2026, 6, 30)


@pytest.fixture
def report(book):
    s = book
    invoice(s, "ACME", "F-1", D(2026, 3, 1), 1_234_567, terms="30-60-90")  # 4115.22 + 4115.22 + 4115.23 (the last line takes the odd cent)
    invoice(s, "ACME", "=F-2", D(2026, 6, 1), 100_50, due=D(2026, 7, 15))
    invoice(s, "BETA", "F-3", D(2026, 6, 1), 500_00, due=D(2026, 6, 15))
    pay(s, "BETA", D(2026, 6, 20), 600_00)  # 100.00 unapplied
    invoice(s, "BETA", "F-4", D(2026, 5, 1), 70_00, due=D(2026, 5, 20), currency="USD")
    invoice(s, "CHILE", "F-5", D(2026, 1, 5), 1_500_000, due=D(2026, 2, 4))
    invoice(s, "CHILE", "F-6", D(2026, 6, 5), 2_345, due=D(2026, 7, 5))
    with s.begin():
        ledger.set_disputed(s, "F-5", True)
    return aging_report(s, AS_OF, detail=True)


def test_json_contract(report):
    data = report_to_dict(report)
    assert list(data) == ["as_of", "basis", "bucket_labels", "customers", "totals"]
    assert data["as_of"] == "2026-06-30" and data["basis"] == "due"
    assert data["bucket_labels"] == ["current", "1-30", "31-60", "61-90", "91+"]
    acme = next(c for c in data["customers"] if c["code"] == "ACME")
    assert list(acme) == ["code", "name", "currency", "buckets", "total", "unapplied_credit", "net", "items"]
    assert acme["buckets"] == {"current": "100.50", "1-30": "0.00", "31-60": "4115.23", "61-90": "4115.22",
                               "91+": "4115.22"}
    assert (acme["total"], acme["unapplied_credit"], acme["net"]) == ("12446.17", "0.00", "12446.17")
    item = acme["items"][0]
    assert item == {"document": "F-1", "issue_date": "2026-03-01", "due_date": "2026-03-31", "days": 91,
                    "bucket": "91+", "amount": "4115.22", "open": "4115.22", "disputed": False}
    chile = next(c for c in data["customers"] if c["code"] == "CHILE")
    assert chile["total"] == "1502345" and chile["buckets"]["91+"] == "1500000"
    assert [i["disputed"] for i in chile["items"]] == [True, False]
    beta_pen = next(c for c in data["customers"] if c["code"] == "BETA" and c["currency"] == "PEN")
    assert (beta_pen["total"], beta_pen["unapplied_credit"], beta_pen["net"]) == ("0.00", "100.00", "-100.00")
    totals = {t["currency"]: t for t in data["totals"]}
    assert list(totals["PEN"]) == ["currency", "buckets", "total", "unapplied_credit", "net"]
    assert (totals["PEN"]["total"], totals["PEN"]["net"]) == ("12446.17", "12346.17")
    assert totals["USD"]["buckets"]["31-60"] == "70.00"
    assert "items" not in report_to_dict(aging_report_without_detail(report))["customers"][0]


def aging_report_without_detail(report):
    from dataclasses import replace

    return replace(report, detail=False)


def test_csv_summary_and_detail(report):
    rows = list(csv.DictReader(io.StringIO(csv_text(aging_report_without_detail(report)))))
    assert [(r["code"], r["currency"], r["total"]) for r in rows] == [
        ("ACME", "PEN", "12446.17"), ("BETA", "PEN", "0.00"), ("BETA", "USD", "70.00"), ("CHILE", "CLP", "1502345")]
    assert rows[1]["name"] == "'=Beta SRL"  # neutralised
    detail = list(csv.DictReader(io.StringIO(csv_text(report))))
    assert {r["document"] for r in detail} == {"F-1", "'=F-2", "F-4", "F-5", "F-6"}
    assert sum(1 for r in detail if r["disputed"] == "yes") == 1


def test_neutralise():
    assert [neutralise(v) for v in ("=1+1", "+5", "-2", "@SUM(A1)", "Acme", "", None)] == [
        "'=1+1", "'+5", "'-2", "'@SUM(A1)", "Acme", "", ""]


def test_table_is_aligned_with_totals(report):
    out = format_table(report, locale="en_US", lang="en", company="Comercial Andina")
    lines = out.splitlines()
    assert lines[0] == "Comercial Andina"
    header = next(line for line in lines if line.startswith("Code"))
    assert header.split()[:3] == ["Code", "Customer", "Currency"]
    total_pen = next(line for line in lines if "Total PEN" in line)
    assert total_pen.split()[-3:] == ["12,446.17", "100.00", "12,346.17"]
    # amounts right-aligned: every customer/total line ends at the same column
    table_lines = [line for line in lines if line.startswith(("ACME", "BETA", "CHILE")) or "Total " in line]
    assert len({len(line) for line in table_lines}) == 1
    assert "! = disputed" in out


def _soffice_csv(xlsx, outdir, tmp_path):
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to",
         # comma, quote, UTF-8, raw values (not as shown), every sheet to its own file
         "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
         "--outdir", str(outdir), str(xlsx)],
        check=True, capture_output=True, timeout=120)
    sheets = {}
    for f in outdir.glob("*.csv"):
        sheets[f.stem.split("-", 1)[1]] = list(csv.reader(f.open(encoding="utf-8")))
    return sheets


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_xlsx_totals_evaluated_by_libreoffice(report, tmp_path):
    path = tmp_path / "aging.xlsx"
    write_xlsx(report, path, company="=Comercial Andina", lang="en")
    # structure as written
    wb = load_workbook(path)
    summary, detail = wb["Summary"], wb["Detail"]
    assert summary["A1"].value == "'=Comercial Andina — Aged receivables"
    assert "2026-06-30" in summary["A2"].value and "due date" in summary["A2"].value
    assert summary.freeze_panes == "A5" and summary.auto_filter.ref.startswith("A4:")
    assert summary.column_dimensions["B"].width == 40
    formulas = [c.value for row in summary.iter_rows() for c in row if isinstance(c.value, str)
                and c.value.startswith("=")]
    assert formulas and all(f.startswith("=SUM(") for f in formulas)
    money_cells = {(r[2].value, r[8].number_format) for r in summary.iter_rows(min_row=5) if r[2].value in (
        "PEN", "USD", "CLP") and r[8].value is not None}
    assert ("CLP", "#,##0") in money_cells and ("PEN", "#,##0.00") in money_cells
    assert any(c.value == "'=Beta SRL" for row in summary.iter_rows() for c in row)
    assert any(c.value == "'=F-2" for row in detail.iter_rows() for c in row)
    with zipfile.ZipFile(path) as z:  # no formula came from user data
        sheet_xml = z.read("xl/worksheets/sheet1.xml").decode()
        assert "<f>" in sheet_xml and "Beta" not in sheet_xml.split("<f>")[1].split("</f>")[0]

    # LibreOffice computes the SUM formulas
    sheets = _soffice_csv(path, tmp_path / "out", tmp_path)
    rows = sheets["Summary"]
    header = rows[3]
    assert header[:3] == ["Code", "Customer", "Currency"] and header[-3:] == ["Total", "Unapplied credit", "Net"]
    totals = {r[2]: r for r in rows if r[1].startswith("Total ")}
    assert set(totals) == {"CLP", "PEN", "USD"}
    assert totals["PEN"][3:] == ["100.5", "0", "4115.23", "4115.22", "4115.22", "12446.17", "100", "12346.17"]
    assert totals["CLP"][-3:] == ["1502345", "0", "1502345"]
    assert totals["USD"][-3] == "70"
    d_totals = {r[2]: r[9] for r in sheets["Detail"] if r[1].startswith("Total ")}
    assert d_totals == {"CLP": "1502345", "PEN": "12446.17", "USD": "70"}
    detail_rows = [r for r in sheets["Detail"][4:] if r[3]]
    assert len(detail_rows) == 7 and detail_rows[0][4].count("-") == 2  # real dates shown as yyyy-mm-dd


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_pdf_totals_read_back(report, tmp_path):
    path = tmp_path / "aging.pdf"
    write_pdf(report, path, company="Comercial Andina SAC", locale="en_US", lang="en")
    assert path.read_bytes().startswith(b"%PDF")
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True,
                          text=True).stdout
    assert "Comercial Andina SAC" in text and "Aged receivables" in text and "2026-06-30" in text
    lines = text.splitlines()
    pen = next(line for line in lines if "Total PEN" in line).split()
    assert pen[-3:] == ["12,446.17", "100.00", "12,346.17"]
    clp = next(line for line in lines if "Total CLP" in line).split()
    assert clp[-3:] == ["1,502,345", "0", "1,502,345"]
    assert "Page 1 of 1" in text
    assert "(disputed)" in text


def test_pdf_many_pages_are_numbered(book, tmp_path):
    s = book
    with s.begin():
        for i in range(120):
            ledger.create_customer(s, code=f"C{i:03}", name=f"Cliente {i}", currency="PEN")
            ledger.record_invoice(s, customer_code=f"C{i:03}", number=f"N{i}", issue_date=D(2026, 5, 1),
                                  total_minor=1000 + i, due_date=D(2026, 5, 31))
    path = tmp_path / "many.pdf"
    write_pdf(aging_report(s, AS_OF), path, lang="es")
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True,
                          text=True).stdout
    pages = text.count("\f")
    assert pages >= 2
    assert f"Página 1 de {pages}" in text and f"Página {pages} de {pages}" in text
    assert text.count("Código") == pages  # header repeated on every page
    total = next(line for line in text.splitlines() if "Total PEN" in line).split()
    assert total[-1] == f"{sum(1000 + i for i in range(120)) / 100:,.2f}"


def test_empty_report_exports(book, tmp_path):
    report = aging_report(book, AS_OF)
    assert report.customers == () and report.totals == ()
    assert report_to_dict(report)["customers"] == []
    assert "Nothing is open" in format_table(report, lang="en")
    write_xlsx(report, tmp_path / "e.xlsx")
    write_pdf(report, tmp_path / "e.pdf", lang="en")
    assert load_workbook(tmp_path / "e.xlsx").sheetnames == ["Summary", "Detail"]


def test_xlsx_detail_rows_written_raw_keep_text_types_and_styles(tmp_path):
    """The detail sheet bypasses openpyxl's cell objects; what it writes must read back the same."""
    import datetime as dt

    from app.reports.aging import AgingItem, AgingReport, CustomerAging, bucket_labels, currency_totals

    labels = bucket_labels("due", (30, 60, 90))
    item = AgingItem(1, "F\x01-1 ", "invoice", D(2026, 1, 5), D(2026, 2, 4), 146, "91+", 1_500_000, 1_234_567, True)
    cust = CustomerAging(1, "@X", " Chile Ltda ", "CLP", (0, 0, 0, 0, 1_234_567), 1_234_567, 0, 1_234_567, (item,))
    report = AgingReport(AS_OF, "due", (30, 60, 90), labels, (cust,), currency_totals([cust], 5), True)
    write_xlsx(report, tmp_path / "raw.xlsx", lang="en")
    ws = load_workbook(tmp_path / "raw.xlsx")["Detail"]
    row = [c for c in next(ws.iter_rows(min_row=5, max_row=5))]
    assert [c.value for c in row] == ["'@X", " Chile Ltda ", "CLP", "F-1 ", dt.datetime(2026, 1, 5),
                                      dt.datetime(2026, 2, 4), "91+", 146, 1_500_000, 1_234_567, "yes"]
    assert row[4].number_format == "yyyy-mm-dd" and row[9].number_format == "#,##0"
    assert row[6].alignment.horizontal == "center"
