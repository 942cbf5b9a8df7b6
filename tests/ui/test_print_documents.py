"""Printing from the pages that write PDFs: the aging report, a payment agreement and the letters of a
run reach the printer (a PDF file here: QPrinter's output when the print dialog has chosen it)."""

from __future__ import annotations

import datetime as dt
import re
import subprocess

import pytest
from PySide6.QtCore import Qt

from app import ledger
from app.database import session_factory

D = dt.date


def pdf_printer(path):
    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setResolution(100)
    printer.setOutputFileName(str(path))
    return printer


def pages(path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


@pytest.fixture
def owed(books):
    with session_factory(books, write=True)() as s, s.begin():
        ledger.create_customer(s, code="C1", name="Ferretería Los Andes S.A.C.", payment_terms="NET30")
        ledger.record_invoice(s, customer_code="C1", number="F1", issue_date=D(2026, 3, 1), total_minor=60000)
        ledger.record_invoice(s, customer_code="C1", number="F2", issue_date=D(2026, 4, 1), total_minor=30000)
    return books


def test_the_aging_report_prints(owed, ctx, qtbot, tmp_path):
    from app.ui.views.aging_report import AgingReportView

    view = AgingReportView(ctx)
    qtbot.addWidget(view)
    assert not view.print_button.isEnabled()  # nothing to print before a run
    with qtbot.waitSignal(view.loaded, timeout=20000):
        view.run_button.click()
    assert view.print_button.isEnabled()
    out = tmp_path / "aging-printed.pdf"
    with qtbot.waitSignal(view.printed, timeout=20000) as printed:
        view.print_report(pdf_printer(out))
    assert printed.args[0] == pages(out) >= 1
    assert "sent to the printer" in view.message.text()


def test_an_agreement_prints_once_created(owed, ctx, qtbot, tmp_path):
    from app.ui.dialogs.card import CustomerCard

    card = CustomerCard(ctx, "C1")
    qtbot.addWidget(card)
    qtbot.waitUntil(lambda: card.data is not None, timeout=20000)
    dialog = card.new_agreement()
    for i in range(dialog.invoices.count()):
        dialog.invoices.item(i).setCheckState(Qt.CheckState.Checked)
    dialog.start.set_date(D(2026, 7, 15))
    assert dialog.print_button.isHidden()
    with qtbot.waitSignal(dialog.created, timeout=20000):
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert not dialog.print_button.isHidden()
    out = tmp_path / "agreement-printed.pdf"
    with qtbot.waitSignal(dialog.printed, timeout=20000) as printed:
        dialog.print_agreement(pdf_printer(out))
    assert printed.args[0] == pages(out) >= 1


def test_the_letters_of_a_run_print(books, ctx, qtbot, tmp_path):
    from reportlab.pdfgen import canvas

    from app.ui.views.reminders import RemindersView

    view = RemindersView(ctx)
    qtbot.addWidget(view)
    assert not view.print_letters.isEnabled() and view.print_letters_pdf() is None
    letters = tmp_path / "letters.pdf"  # what a run leaves in letters_path: one PDF with every letter
    c = canvas.Canvas(str(letters))
    for n in range(2):
        c.drawString(100, 700, f"Carta {n + 1}")
        c.showPage()
    c.save()
    view.letters_path = str(letters)
    out = tmp_path / "letters-printed.pdf"
    assert view.print_letters_pdf(pdf_printer(out)) == 2
    assert pages(out) == 2
