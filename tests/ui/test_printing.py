"""Printing a PDF through Qt: every page reaches the printer (a PDF file here, as a real printer would get
them), a page range prints only those pages, and a missing renderer says what to install."""

from __future__ import annotations

import re
import subprocess

import pytest
from reportlab.pdfgen import canvas


def make_pdf(path, pages: int) -> None:
    c = canvas.Canvas(str(path))
    for n in range(1, pages + 1):
        c.setFont("Helvetica", 48)
        c.drawString(100, 600, f"PAGE {n}")
        c.showPage()
    c.save()


def printed_to(tmp_path, name):
    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setResolution(100)
    out = tmp_path / name
    printer.setOutputFileName(str(out))
    return printer, out


def pages_of(pdf) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def test_every_page_is_printed(qapp, tmp_path):
    from app.ui.printing import print_pdf, render_pages

    source = tmp_path / "three.pdf"
    make_pdf(source, 3)
    assert [img.isNull() for img in render_pages(source, 30)] == [False] * 3
    printer, out = printed_to(tmp_path, "printed.pdf")
    assert print_pdf(source, printer) == 3
    assert out.exists() and pages_of(out) == 3
    # what was printed is the pages themselves (as images: pdftotext finds no text, so look for the ink)
    first = render_pages(out, 30, first=1, last=1)[0]
    assert ink(first) > 0.002
    assert ink(render_pages(source, 30, first=1, last=1)[0]) > 0.002


def ink(image) -> float:
    """The share of dark pixels (the printed text), 0 for a blank page."""
    from PySide6.QtGui import qGray

    dark = sum(1 for y in range(image.height()) for x in range(image.width()) if qGray(image.pixel(x, y)) < 128)
    return dark / (image.width() * image.height())


def test_a_page_range_prints_those_pages(qapp, tmp_path):
    from PySide6.QtPrintSupport import QPrinter

    from app.ui.printing import print_pdf

    source = tmp_path / "five.pdf"
    make_pdf(source, 5)
    printer, out = printed_to(tmp_path, "range.pdf")
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 3)
    assert print_pdf(source, printer) == 2
    assert pages_of(out) == 2


def test_without_pdftoppm_the_message_says_what_to_install(qapp, tmp_path, monkeypatch):
    from app.ui import printing

    monkeypatch.setenv("PATH", str(tmp_path))  # a PATH with no poppler in it
    source = tmp_path / "one.pdf"
    make_pdf(source, 1)
    printer, out = printed_to(tmp_path, "none.pdf")
    with pytest.raises(printing.PrintError, match="pdftoppm"):
        printing.print_pdf(source, printer)
    assert not out.exists()
