"""Printing the PDFs the app writes (statements, letters, agreements, the aging report) through Qt's print
dialog, and showing their pages in a preview.

PySide6-Essentials has no QtPdf, so pages are rendered to images by poppler's `pdftoppm` (installed with
poppler-utils on Linux, with Poppler for Windows or Homebrew's poppler elsewhere) and painted on the printer
at its resolution (capped at 300 dpi), each page scaled to fit the printable area.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QRect, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter

MAX_PRINT_DPI = 300


class PrintError(Exception):
    """The PDF could not be rendered for printing; the message says what to do."""


def _pdftoppm() -> str:
    tool = shutil.which("pdftoppm")
    if tool is None:
        raise PrintError(QCoreApplication.translate(
            "Printing", "Printing needs Poppler's pdftoppm, which is not installed. Install poppler-utils (or "
                        "Poppler for Windows), or save the PDF and print it from your PDF viewer."))
    return tool


def render_page_files(pdf: str | Path, out_dir: str | Path, dpi: int = 100, *, first: int | None = None,
                      last: int | None = None) -> list[Path]:
    """Write the pages of `pdf` as PNG files into `out_dir` (all of them, or `first`..`last`, counted from 1)
    and return them in page order. No Qt: a worker may call it (the statement preview does)."""
    tool = _pdftoppm()
    out_dir = Path(out_dir)
    prefix = out_dir / f"{Path(pdf).stem}-page"
    args = [tool, "-png", "-r", str(int(dpi))]
    if first:
        args += ["-f", str(first)]
    if last:
        args += ["-l", str(last)]
    done = subprocess.run(args + [str(pdf), str(prefix)], capture_output=True, text=True)
    if done.returncode != 0:
        raise PrintError(QCoreApplication.translate("Printing", "Could not read %1 for printing: %2")
                         .replace("%1", str(pdf)).replace("%2", done.stderr.strip() or str(done.returncode)))
    # name-1.png … name-12.png: the number's width depends on the page count, so sort by the number
    return sorted(out_dir.glob(f"{prefix.name}-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))


def render_pages(pdf: str | Path, dpi: int = 100, *, first: int | None = None,
                 last: int | None = None) -> list[QImage]:
    """The pages of `pdf` as images at `dpi` (all of them, or `first`..`last`, counted from 1)."""
    with tempfile.TemporaryDirectory(prefix="cobranza-print-") as tmp:
        return [QImage(str(f)) for f in render_page_files(pdf, tmp, dpi, first=first, last=last)]


def print_pdf(pdf: str | Path, printer: QPrinter) -> int:
    """Print every page of `pdf` on `printer` (already set up: a dialog's choice, or a PDF file in tests);
    returns the number of pages printed. The printer's page range, when one was chosen, is respected."""
    dpi = min(printer.resolution(), MAX_PRINT_DPI)
    first = last = None
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        first, last = printer.fromPage(), printer.toPage() or None
    pages = render_pages(pdf, dpi, first=first, last=last)
    if not pages:
        raise PrintError(QCoreApplication.translate("Printing", "%1 has no pages to print.").replace("%1", str(pdf)))
    painter = QPainter()
    if not painter.begin(printer):
        raise PrintError(QCoreApplication.translate("Printing", "The printer could not be opened."))
    try:
        for i, image in enumerate(pages):
            if i:
                printer.newPage()
            area = painter.viewport()
            size = image.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
            target = QRect(area.x(), area.y(), size.width(), size.height())
            painter.drawImage(target, image)
    finally:
        painter.end()
    return len(pages)


def print_with_dialog(pdf: str | Path, parent=None, title: str | None = None) -> int | None:
    """Qt's print dialog, then print `pdf` on the printer chosen: the pages printed, None when cancelled.
    Raises PrintError when the PDF cannot be rendered (say so to the user: `describe` reads its message)."""
    _pdftoppm()  # before the dialog: no printer chosen for nothing
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    if title:
        printer.setDocName(title)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(QCoreApplication.translate("Printing", "Print %1").replace("%1", title or Path(pdf).name))
    dialog.setOption(QPrintDialog.PrintDialogOption.PrintToFile, True)
    dialog.setOption(QPrintDialog.PrintDialogOption.PrintPageRange, True)
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return None
    return print_pdf(pdf, printer)


def print_file(pdf: str | Path, parent=None, title: str | None = None, printer: QPrinter | None = None) -> int | None:
    """Print `pdf` on `printer` when one is given (set up already), else through Qt's print dialog: the pages
    printed, None when the dialog was cancelled. Raises PrintError (its message is for the user)."""
    if printer is not None:
        return print_pdf(pdf, printer)
    return print_with_dialog(pdf, parent, title)
