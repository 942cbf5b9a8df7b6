"""The aging report page: the same options as `cobranza aging`, the summary per customer and
currency, totals per currency, and export to Excel, PDF and CSV. Computed and written off the GUI thread."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QWidget,
)

from app.ledger.progress import Steps
from app.reports.aging import AgingOptionError, aging_report, parse_buckets

from ..context import AppContext
from ..customer_picker import CustomerPicker
from ..empty_state import EmptyState
from ..page_parts import STRETCH, as_of_edit, hbox, list_table, page_title, vbox
from ..progress import run_with_progress
from ..tablemodels.dashboard import AgingTableModel
from ..widgets import ERROR_STYLE


class _CountingFile:
    """A text file that reports its lines (the CSV's rows) as they are written: `write_csv` is the aging
    report's own writer, this only watches it."""

    def __init__(self, f, steps: Steps):
        self.f, self.steps = f, steps

    def write(self, text: str) -> int:
        self.steps(text.count("\n"))
        return self.f.write(text)


def _write(session, kind: str, report, path: str, company: str | None, locale: str, lang: str,
           progress=None) -> str:
    """Runs on a worker: the writers only read the frozen report. Each writes a temporary file renamed into
    place at the end: a Cancel (`progress` raising Cancelled) or an error leaves no file."""
    if kind == "xlsx":
        from app.reports.aging_xlsx import write_xlsx

        write_xlsx(report, path, company=company, lang=lang, progress=progress)
    elif kind == "pdf":
        from app.reports.aging_pdf import write_pdf

        write_pdf(report, path, company=company, locale=locale, lang=lang, progress=progress)
    else:
        from app.reports.aging_export import write_csv

        rows = 1 + (sum(len(c.items) for c in report.customers) if report.detail else len(report.customers))
        steps = Steps(progress, rows, every=2000)
        tmp = f"{path}.{os.getpid()}.tmp"
        try:
            with open(tmp, "w", encoding="utf-8", newline="") as f:
                write_csv(report, _CountingFile(f, steps))
            steps.end()
            os.replace(tmp, path)
        finally:
            if os.path.exists(tmp):
                os.remove(tmp)
    return path


class AgingReportView(QWidget):
    #: the areas of app.ledger.changes whose writes this page shows (MainWindow.refresh_views)
    concerns = frozenset({"customers", "documents", "collections", "settings"})
    loaded = Signal()
    exported = Signal(str)
    export_cancelled = Signal()
    printed = Signal(int)

    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.report = None
        self._request = 0

        self.as_of = as_of_edit(ctx, "aging_as_of")
        self.basis = QComboBox()
        self.basis.addItem(self.tr("days past due date"), "due")
        self.basis.addItem(self.tr("days since invoice date"), "issue")
        self.buckets = QLineEdit("30,60,90")
        self.buckets.setObjectName("aging_buckets")
        self.buckets.setMaximumWidth(110)
        self.currency = QLineEdit()
        self.currency.setPlaceholderText(self.tr("all"))
        self.currency.setMaximumWidth(60)
        self.customer = CustomerPicker(ctx)  # name, code or tax id; the box holds the code chosen
        self.customer.setPlaceholderText(self.tr("all customers"))
        self.customer.setMaximumWidth(160)
        self.run_button = QPushButton(self.tr("Run"))
        self.run_button.setObjectName("aging_run")
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setEnabled(False)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setMaximumWidth(120)
        self.progress.hide()

        options = hbox(QLabel(self.tr("As of")), self.as_of, QLabel(self.tr("Basis")), self.basis,
                       QLabel(self.tr("Buckets")), self.buckets, QLabel(self.tr("Currency")), self.currency,
                       QLabel(self.tr("Customer")), self.customer, self.run_button, self.cancel_button,
                       self.progress, STRETCH)

        self.model = AgingTableModel(ctx.formatter, self)
        self.table = list_table(self.model, "aging_table")
        self._has_report = False
        self.empty = EmptyState(self.table, "", "", ready=lambda: self._has_report)
        self.table.setWordWrap(False)
        self.table.doubleClicked.connect(self._open_customer)
        self.totals = QLabel()
        self.totals.setObjectName("aging_totals")
        self.totals.setTextFormat(Qt.TextFormat.RichText)
        self.message = QLabel()
        self.message.setStyleSheet(ERROR_STYLE)
        self.xlsx_button = QPushButton(self.tr("Export to Excel…"))
        self.pdf_button = QPushButton(self.tr("Export to PDF…"))
        self.csv_button = QPushButton(self.tr("Export to CSV…"))
        self.print_button = QPushButton(self.tr("Print…"))
        for b in (self.xlsx_button, self.pdf_button, self.csv_button, self.print_button):
            b.setEnabled(False)

        vbox(hbox(page_title(self.tr("Aged receivables")), STRETCH), options, (self.table, 1), self.totals,
             hbox((self.message, 1), self.xlsx_button, self.pdf_button, self.csv_button, self.print_button),
             parent=self)

        self.run_button.clicked.connect(self.run)
        self.cancel_button.clicked.connect(self.cancel)
        self.xlsx_button.clicked.connect(lambda: self.export("xlsx"))
        self.pdf_button.clicked.connect(lambda: self.export("pdf"))
        self.csv_button.clicked.connect(lambda: self.export("csv"))
        self.print_button.clicked.connect(lambda: self.print_report())

    # --- running ---------------------------------------------------------------------

    def options(self) -> dict:
        return {
            "as_of": self.as_of.date().toPython(),
            "basis": self.basis.currentData(),
            "buckets": parse_buckets(self.buckets.text()),
            "currency": self.currency.text().strip().upper() or None,
            "customer_code": self.customer.text().strip() or None,
        }

    def run(self) -> None:
        try:
            opts = self.options()
        except AgingOptionError as exc:
            self.message.setText(self.tr("Buckets: %1").replace("%1", str(exc)))
            return
        self.message.setText("")
        self._request += 1
        request = self._request
        self._busy(True)
        self.ctx.runner.read(aging_report, opts.pop("as_of"), **opts,
                             on_done=lambda report: self._loaded(request, report),
                             on_error=lambda exc: self._failed(request, exc))

    def cancel(self) -> None:
        """The query cannot be interrupted mid-way, but its result is dropped and the page is free again."""
        self._request += 1
        self._busy(False)
        self.message.setText(self.tr("Cancelled."))

    def _busy(self, on: bool) -> None:
        self.progress.setVisible(on)
        self.run_button.setEnabled(not on)
        self.cancel_button.setEnabled(on)

    def _bucket_titles(self, report) -> list[str]:
        return [self.tr("Current") if label == "current" else label for label in report.bucket_labels]

    def _loaded(self, request: int, report) -> None:
        if request != self._request:
            return
        self._busy(False)
        self.report = report
        self.model.set_report(report, self._bucket_titles(report))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.setColumnWidth(0, 80)
        self.table.setColumnWidth(1, 280)
        for col in range(2, self.model.columnCount()):
            self.table.setColumnWidth(col, 105 if col > 2 else 60)
        f = self.ctx.formatter
        lines = []
        total_word, net_word = self.tr("total"), self.tr("net")
        for t in report.totals:
            buckets = " · ".join(f"{title}: {f.money(v, t.currency, symbol=False)}"
                                 for title, v in zip(self._bucket_titles(report), t.buckets))
            lines.append(f"<b>{t.currency}</b> {total_word} {f.money(t.total_minor, t.currency)} — {buckets}"
                         f" — {net_word} {f.money(t.net_minor, t.currency)}")
        self.totals.setText("<br>".join(lines) or self.tr("Nothing is owed as of this date."))
        has_rows = self.model.rowCount() > 0
        for b in (self.xlsx_button, self.pdf_button, self.csv_button, self.print_button):
            b.setEnabled(has_rows)  # an empty report is not worth a file or a sheet of paper
            b.setToolTip("" if has_rows else self.tr("Nothing to export: no customer owes anything as of this date."))
        self.empty.set_texts(self.tr("Nothing is owed as of %1").replace("%1", self.ctx.formatter.date(report.as_of)),
                             self.tr("No invoice is open on this date. Choose another date, or enter invoices "
                                     "first (File → New invoice)."))
        self._has_report = True
        self.empty.update_visibility()
        self.loaded.emit()

    def _failed(self, request: int, exc) -> None:
        if request != self._request:
            return
        self._busy(False)
        self.message.setText(str(exc))

    # --- exporting -------------------------------------------------------------------

    def export(self, kind: str, path: str | None = None) -> None:
        if self.report is None:
            return
        if path is None:
            suggested = str(Path.home() / f"aging-{self.report.as_of.isoformat()}.{kind}")
            filters = {"xlsx": self.tr("Excel workbook (*.xlsx)"), "pdf": self.tr("PDF document (*.pdf)"),
                       "csv": self.tr("CSV file (*.csv)")}
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Export the aging report"), suggested, filters[kind])
            if not path:
                return
        lang = "es" if self.ctx.formatter.locale.startswith("es") else "en"
        self._exporting(True)
        self.export_op = run_with_progress(
            self.ctx.runner, self, self.tr("Exporting the aging report…"), _write, kind, self.report, path,
            self.ctx.company_name or None, self.ctx.formatter.locale, lang, on_done=self._exported,
            on_error=self._export_failed, on_cancel=self._export_cancelled)

    def _exporting(self, on: bool) -> None:
        for b in (self.xlsx_button, self.pdf_button, self.csv_button, self.print_button):
            b.setEnabled(not on)

    def _export_failed(self, exc) -> None:
        self._exporting(False)
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setText(str(exc))

    def _export_cancelled(self) -> None:
        self._exporting(False)
        self.message.setStyleSheet("color: palette(text);")
        self.message.setText(self.tr("Export cancelled: no file was written."))
        self.export_cancelled.emit()

    def _exported(self, path: str) -> None:
        self._exporting(False)
        self.message.setStyleSheet("color: palette(text);")
        self.message.setText(self.tr("Written %1").replace("%1", path))
        self.exported.emit(path)

    def print_report(self, printer=None) -> None:
        """The report's PDF (written on a worker into a temporary folder) printed through Qt's print dialog,
        or on `printer` when given (ui/printing.py); `printed` carries the pages printed."""
        import tempfile

        if self.report is None:
            return
        self._print_dir = tempfile.TemporaryDirectory(prefix="cobranza-aging-")
        path = str(Path(self._print_dir.name) / f"aging-{self.report.as_of.isoformat()}.pdf")
        lang = "es" if self.ctx.formatter.locale.startswith("es") else "en"
        self._exporting(True)
        self.export_op = run_with_progress(
            self.ctx.runner, self, self.tr("Preparing the aging report for printing…"), _write, "pdf",
            self.report, path, self.ctx.company_name or None, self.ctx.formatter.locale, lang,
            on_done=lambda p: (self._exporting(False), self._print(p, printer)),
            on_error=self._export_failed, on_cancel=lambda: self._exporting(False))

    def _print(self, path: str, printer) -> None:
        from ..printing import PrintError, print_file

        try:
            pages = print_file(path, self, self.tr("Aging report"), printer)
        except PrintError as exc:
            self.message.setText(str(exc))
            return
        if pages:
            self.message.setStyleSheet("color: palette(text);")
            self.message.setText(self.tr("%n page(s) sent to the printer.", "", pages))
            self.printed.emit(pages)

    def _open_customer(self, index) -> None:
        code = self.model.row(index.row()).code
        customers = getattr(self.window(), "views", {}).get("customers")
        if customers is not None and hasattr(customers, "open_card"):
            customers.open_card(code)

    def refresh(self) -> None:
        if self.report is not None:
            self.run()


__all__ = ["AgingReportView"]
