"""The statement of account from the customer card: its pages previewed, then printed (Qt's print dialog),
saved as a PDF or e-mailed with the PDF attached (the reminders' SMTP settings and sender; the e-mail is
logged as a contact in the customer's history)."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.collections.activities import log_activity
from app.ledger.customers import get_customer
from app.reminders.statement_mail import deliver_statement, statement_email
from app.reports.statement import default_date_from, render_statement, statement_filename

from ..errors import describe
from ..printing import PrintError, print_pdf, print_with_dialog, render_page_files
from ..widgets import DateEdit

PREVIEW_DPI = 80


@dataclass(frozen=True)
class StatementPreview:
    pdf: Path
    pages: tuple[Path, ...]
    email: str | None  # the customer's address, offered as the recipient
    name: str


def make_preview(session, customer_code: str, *, as_of: dt.date, date_from: dt.date, out_dir: str) -> StatementPreview:
    """On a reader: the statement PDF and its pages as images in `out_dir`."""
    pdf = Path(out_dir) / statement_filename(customer_code, as_of)
    result = render_statement(session, customer_code, as_of=as_of, date_from=date_from, out=pdf)
    customer = get_customer(session, customer_code)
    return StatementPreview(pdf, tuple(render_page_files(pdf, out_dir, PREVIEW_DPI)), customer.email,
                            result.customer_name)


def _deliver(_session, prepared, as_of: dt.date):
    """On a reader, touching no table: the SMTP conversation holds no transaction."""
    return deliver_statement(prepared, as_of)


class StatementDialog(QDialog):
    """`previewed` after the pages are shown; `emailed` (StatementSent) after the e-mail was sent and logged."""

    previewed = Signal()
    emailed = Signal(object)
    failed = Signal(str)

    def __init__(self, ctx, customer_code: str, parent=None):
        super().__init__(parent)
        self.ctx, self.code = ctx, customer_code
        self.preview: StatementPreview | None = None
        self._tmp = tempfile.TemporaryDirectory(prefix="cobranza-statement-")
        self._generation = 0
        self.setWindowTitle(self.tr("Statement of account — %1").replace("%1", customer_code))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.resize(820, 860)
        today = ctx.today()
        self.as_of = DateEdit(ctx.formatter, today)
        self.date_from = DateEdit(ctx.formatter, default_date_from(today))
        self.refresh_button = QPushButton(self.tr("Update"))
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Movements from")))
        top.addWidget(self.date_from)
        top.addWidget(QLabel(self.tr("to (balance as of)")))
        top.addWidget(self.as_of)
        top.addWidget(self.refresh_button)
        top.addStretch(1)

        self.pages = QWidget()
        self.pages.setObjectName("statement_pages")
        self.pages_layout = QVBoxLayout(self.pages)
        self.pages_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(self.pages)
        self.scroll.setStyleSheet("QScrollArea { background: #8a8f96; } #statement_pages { background: #8a8f96; }")

        self.to = QLineEdit()
        self.to.setObjectName("statement_to")
        self.to.setPlaceholderText(self.tr("E-mail address"))
        self.print_button = QPushButton(self.tr("Print…"))
        self.save_button = QPushButton(self.tr("Save PDF…"))
        self.email_button = QPushButton(self.tr("Send by e-mail"))
        self.status = QLabel()
        self.status.setObjectName("statement_status")
        self.status.setWordWrap(True)
        actions = QHBoxLayout()
        actions.addWidget(self.print_button)
        actions.addWidget(self.save_button)
        actions.addSpacing(16)
        actions.addWidget(QLabel(self.tr("To:")))
        actions.addWidget(self.to, 1)
        actions.addWidget(self.email_button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(self.status)
        layout.addLayout(actions)
        layout.addWidget(close)

        self.refresh_button.clicked.connect(self.refresh)
        self.print_button.clicked.connect(lambda: self.print_dialog())
        self.save_button.clicked.connect(lambda: self.save_pdf())
        self.email_button.clicked.connect(lambda: self.send_email())
        self.finished.connect(lambda _r: self._tmp.cleanup())
        self._enable(False)
        self.refresh()

    def _enable(self, on: bool) -> None:
        for b in (self.print_button, self.save_button, self.email_button):
            b.setEnabled(on)

    def _say(self, text: str, error: bool = False) -> None:
        self.status.setStyleSheet("color: #b00020;" if error else "")
        self.status.setText(text)
        if error:
            self.failed.emit(text)

    def _failed(self, exc: BaseException) -> None:
        self._say(describe(exc)[1], error=True)
        self.email_button.setEnabled(self.preview is not None)

    # --- preview -------------------------------------------------------------------------

    def refresh(self) -> None:
        self._generation += 1
        generation = self._generation
        self._enable(False)
        self._say(self.tr("Preparing the statement…"))
        out_dir = tempfile.mkdtemp(dir=self._tmp.name)
        self.ctx.runner.read(make_preview, self.code, as_of=self.as_of.value(), date_from=self.date_from.value(),
                             out_dir=out_dir, on_done=lambda p: self._show(generation, p), on_error=self._failed)

    def _show(self, generation: int, preview: StatementPreview) -> None:
        if generation != self._generation:
            return
        self.preview = preview
        while self.pages_layout.count():
            item = self.pages_layout.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        for path in preview.pages:
            page = QLabel()
            page.setPixmap(QPixmap(str(path)))
            page.setStyleSheet("background: white; border: 1px solid #555;")
            self.pages_layout.addWidget(page)
        if not self.to.text().strip() and preview.email:
            self.to.setText(preview.email)
        self._say(self.tr("%n page(s). Print it, save it as a PDF or send it by e-mail.", "", len(preview.pages)))
        self._enable(True)
        self.previewed.emit()

    def page_count(self) -> int:
        return self.pages_layout.count()

    # --- print, save, e-mail -------------------------------------------------------------------

    def print_dialog(self) -> int | None:
        if self.preview is None:
            return None
        try:
            printed = print_with_dialog(self.preview.pdf, self, self.windowTitle())
        except PrintError as exc:
            self._say(str(exc), error=True)
            return None
        if printed:
            self._say(self.tr("%n page(s) sent to the printer.", "", printed))
        return printed

    def print_to(self, printer) -> int:
        """Print on a printer already set up (what the print dialog does once a printer is chosen)."""
        printed = print_pdf(self.preview.pdf, printer)
        self._say(self.tr("%n page(s) sent to the printer.", "", printed))
        return printed

    def save_pdf(self, path: str | None = None) -> str | None:
        if self.preview is None:
            return None
        if path is None:
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the statement"), self.preview.pdf.name,
                                                  "PDF (*.pdf)")
            if not path:
                return None
        try:
            shutil.copyfile(self.preview.pdf, path)
        except OSError as exc:
            self._say(self.tr("Could not save %1: %2").replace("%1", str(path)).replace("%2", exc.strerror or str(exc)),
                      error=True)
            return None
        self._say(self.tr("Saved %1").replace("%1", str(path)))
        return path

    def send_email(self) -> None:
        """Build the e-mail (a read), send it (no transaction open), then log it in the history (a write)."""
        if self.preview is None:
            return
        as_of = self.as_of.value()
        self.email_button.setEnabled(False)
        self._say(self.tr("Sending…"))
        self.ctx.runner.read(statement_email, self.code, as_of=as_of, date_from=self.date_from.value(),
                             to=self.to.text().strip() or None,
                             on_done=lambda prepared: self.ctx.runner.read(
                                 _deliver, prepared, as_of, on_done=self._sent, on_error=self._failed),
                             on_error=self._failed)

    def _sent(self, sent) -> None:
        note = self.tr("Statement as of %1 sent to %2").replace("%1", self.ctx.formatter.date(sent.as_of)).replace(
            "%2", sent.to)
        self._say(note)
        self.email_button.setEnabled(True)
        self.ctx.runner.write(log_activity, customer_code=self.code, channel="email", outcome=None, notes=note,
                              source="statement", on_done=lambda _a: self.emailed.emit(sent),
                              on_error=self._failed)
