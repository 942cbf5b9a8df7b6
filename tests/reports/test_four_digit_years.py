"""A year typed wrong must show: a 2051 date reads "2051" in statements (PDF), aging exports and letters."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess

import pytest
from openpyxl import load_workbook

from app import ledger
from app.reports.aging import aging_report
from app.reports.aging_export import csv_text
from app.reports.aging_pdf import write_pdf
from app.reports.aging_xlsx import write_xlsx
from app.reports.statement import render_statement
from tests.factories import invoice

from .conftest import D
from .statement_history import make_company

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")

FAR = D(2051, 3, 4)


def pdf_text(path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True,
                          text=True).stdout


@pytest.fixture
def far_book(session):
    with session.begin():
        ledger.ensure_default_terms(session)
        make_company(session)
        ledger.create_customer(session, code="ACME", name="Acme Perú SAC", currency="PEN")
    invoice(session, "ACME", "F-2051", FAR, 123_45, due=D(2051, 4, 3))
    return session


def test_statement_pdf_shows_the_year_in_full(far_book, tmp_path):
    with far_book.begin():
        result = render_statement(far_book, "ACME", as_of=D(2051, 6, 30), out=tmp_path / "st.pdf")
    text = pdf_text(result.path)
    assert "4/03/2051" in text and "3/04/2051" in text and "30/06/2051" in text  # es_PE, d/MM/yyyy
    assert "4/03/51" not in text and "/51 " not in text


def test_aging_exports_show_the_year_in_full(far_book, tmp_path):
    with far_book.begin():
        report = aging_report(far_book, D(2051, 6, 30), detail=True)
    rows = list(csv.DictReader(io.StringIO(csv_text(report))))
    assert [(r["issue_date"], r["due_date"]) for r in rows] == [("2051-03-04", "2051-04-03")]

    write_xlsx(report, tmp_path / "aging.xlsx", lang="en")
    detail = load_workbook(tmp_path / "aging.xlsx")["Detail"]
    cells = [c for row in detail.iter_rows() for c in row if getattr(c.value, "year", None) == 2051]
    assert cells and all("yyyy" in c.number_format for c in cells)

    write_pdf(report, tmp_path / "aging.pdf", company="Distribuidora Andina S.A.C.", locale="es_PE", lang="es")
    text = pdf_text(tmp_path / "aging.pdf")
    assert "2051-06-30" in text and "2051-04-03" in text
