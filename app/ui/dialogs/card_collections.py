"""What the collector adds to the customer card: a History tab (everything in one timeline), the risk
score with its reasons in words, "Log a call…" and a payment-agreement wizard."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
)

from app.collections.agreements import create_agreement
from app.collections.risk_snapshot import customer_risk
from app.collections.schedule import build_schedule, nth_date
from app.collections.timeline import customer_timeline
from app.ledger.errors import LedgerError
from app.reminders.run import reminder_timeline_entries

from ..date_guard import DateGuard
from ..errors import describe
from ..tablemodels.dashboard import ScheduleTableModel, TimelineTableModel
from ..widgets import DateEdit, MoneyEdit
from .card_table import card_table

def install(card) -> None:
    """Add the collections pieces to a CustomerCard (called once from its constructor)."""
    from ..views.today import LogCallDialog

    card.score_label = QLabel()
    card.score_label.setObjectName("card_score")
    card.score_label.setWordWrap(True)
    card.timeline_model = TimelineTableModel(card.ctx.formatter, card)
    card.timeline_table = card_table(card.timeline_model)
    card.timeline_table.setObjectName("card_timeline")
    card.tabs.addTab(card.timeline_table, QCoreApplication.translate("CustomerCard", "History"))
    card.btn_call = QPushButton(QCoreApplication.translate("CustomerCard", "Log a call…"))
    card.btn_agreement = QPushButton(QCoreApplication.translate("CustomerCard", "Payment agreement…"))
    card.extra_buttons.addWidget(card.btn_call)
    card.extra_buttons.addWidget(card.btn_agreement)
    card.layout().insertWidget(1, card.score_label)

    def log_call():
        currency = card.data.customer.currency if card.data else card.ctx.company_currency
        card.call_dialog = LogCallDialog(card.ctx, card.code, currency, card)
        card.call_dialog.open()
        return card.call_dialog

    def agreement():
        card.agreement_dialog = AgreementDialog(card.ctx, card, card)
        card.agreement_dialog.open()
        return card.agreement_dialog

    card.log_call = log_call
    card.new_agreement = agreement
    card.btn_call.clicked.connect(log_call)
    card.btn_agreement.clicked.connect(agreement)


def reload(card) -> None:
    ctx = card.ctx
    ctx.runner.read(customer_timeline, card.code, sources=(reminder_timeline_entries,),
                    on_done=lambda rows: _show_timeline(card, rows), on_error=card._failed)
    from ..i18n import current_language

    lang = current_language()
    ctx.runner.read(customer_risk, card.code, as_of=ctx.today(), lang=lang, models=ctx.risk_models,
                    on_done=lambda s: _show_score(card, s),
                    on_error=lambda exc: card.score_label.setText(describe(exc)[1]))


def _show_timeline(card, rows) -> None:
    card.timeline_model.set_rows(rows)
    card.tabs.setTabText(card.tabs.indexOf(card.timeline_table),
                         QCoreApplication.translate("CustomerCard", "History (%1)").replace("%1", str(len(rows))))
    card.timeline_table.resizeColumnsToContents()




def _show_score(card, score) -> None:
    if score is None:
        card.score_label.setText(QCoreApplication.translate("CustomerCard", "Risk: no invoices yet."))
        return
    color = {"low": "#2a7d4f", "medium": "#8a5300", "high": "#b5364b", "very_high": "#b00020"}[score.band]
    band = {"low": QCoreApplication.translate("CustomerCard", "low"), "medium": QCoreApplication.translate("CustomerCard", "medium"), "high": QCoreApplication.translate("CustomerCard", "high"),
            "very_high": QCoreApplication.translate("CustomerCard", "very high")}[score.band]
    text = QCoreApplication.translate("CustomerCard", "Risk %1 / 100 (%2, segment %3): %4")
    text = (text.replace("%1", str(score.score)).replace("%2", band).replace("%3", f"{score.segment.split('-')[0]}-{band}")
            .replace("%4", "; ".join(score.reasons)))
    card.score_label.setText(f"<span style='color:{color}; font-weight:600'>{text}</span>")
    card.score = score
    card.score_shown.emit()


class AgreementDialog(QDialog):
    """Pick open invoices, set the plan, see the schedule, create it, then save the PDF to sign."""

    created = Signal(object)
    printed = Signal(int)

    def __init__(self, ctx, card, parent=None):
        super().__init__(parent)
        self.ctx, self.card = ctx, card
        self.setWindowTitle(self.tr("Payment agreement — %1").replace("%1", card.code))
        self.resize(620, 600)
        data = card.data
        self.invoices = QListWidget()
        self.invoices.setObjectName("agreement_invoices")
        per_invoice: dict[str, list] = {}
        for item in (data.open_items if data else []):
            per_invoice.setdefault(item.invoice_number, []).append(item)
        self.open_by_invoice = {n: (sum(i.open_minor for i in items), items[0].currency)
                                for n, items in per_invoice.items() if not items[0].disputed}
        for number, (open_minor, currency) in sorted(self.open_by_invoice.items()):
            row = QListWidgetItem(f"{number}   {ctx.formatter.money(open_minor, currency)}")
            row.setData(Qt.ItemDataRole.UserRole, number)
            row.setFlags(row.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            row.setCheckState(Qt.CheckState.Unchecked)
            self.invoices.addItem(row)
        self.down = MoneyEdit(ctx.formatter, data.customer.currency if data else None, required=False,
                              allow_zero=True)  # the invoices' currency once they are ticked
        self.down.setMinimumWidth(90)
        self.count = QSpinBox()
        self.count.setRange(1, 120)
        self.count.setValue(3)
        self.every = QComboBox()
        for key, text in (("month", self.tr("monthly")), ("fortnight", self.tr("fortnightly")),
                          ("week", self.tr("weekly"))):
            self.every.addItem(text, key)
        self.start = DateEdit(ctx.formatter, ctx.today() + dt.timedelta(days=7))
        self.rate = QLineEdit("0")
        self.rate.setMaximumWidth(80)
        self.schedule = ScheduleTableModel(ctx.formatter, self)
        self.schedule_table = card_table(self.schedule)
        self.total = QLabel()
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        form = QHBoxLayout()
        for label, widget in ((self.tr("Down payment"), self.down), (self.tr("Installments"), self.count),
                              (self.tr("Every"), self.every), (self.tr("First date"), self.start),
                              (self.tr("% a month"), self.rate)):
            form.addWidget(QLabel(label))
            form.addWidget(widget)
            if widget is self.down:
                form.addWidget(self.down.echo)  # what the down payment was read as
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Create agreement"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self.pdf_button = QPushButton(self.tr("Save PDF to sign…"))
        self.pdf_button.hide()
        self.pdf_button.clicked.connect(lambda: self.save_pdf())
        self.print_button = QPushButton(self.tr("Print…"))
        self.print_button.hide()
        self.print_button.clicked.connect(lambda: self.print_agreement())
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Invoices it covers (one currency):")))
        layout.addWidget(self.invoices, 1)
        layout.addLayout(form)
        layout.addWidget(self.schedule_table, 2)
        layout.addWidget(self.total)
        layout.addWidget(self.error)
        pdf_row = QHBoxLayout()
        pdf_row.addWidget(self.pdf_button)
        pdf_row.addWidget(self.print_button)
        layout.addLayout(pdf_row)
        layout.addWidget(self.buttons)
        for signal in (self.invoices.itemChanged, self.count.valueChanged, self.every.currentIndexChanged,
                       self.start.dateChanged, self.rate.textChanged, self.down.textChanged):
            signal.connect(lambda *_a: self.preview())
        self.agreement = None
        self.date_guard = DateGuard(self, lambda _field, message: self.error.setText(message),
                                    lambda: self.ctx.formatter.locale)

    def chosen(self) -> list[str]:
        return [self.invoices.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.invoices.count())
                if self.invoices.item(i).checkState() == Qt.CheckState.Checked]

    def _plan(self):
        numbers = self.chosen()
        if not numbers:
            raise LedgerError(self.tr("Tick the invoices the agreement covers."), field="invoices")
        currencies = {self.open_by_invoice[n][1] for n in numbers}
        if len(currencies) > 1:
            raise LedgerError(self.tr("Choose invoices of one currency."), field="invoices")
        currency = currencies.pop()
        debt = sum(self.open_by_invoice[n][0] for n in numbers)
        down = self.down.minor(currency) if self.down.text().strip() else 0
        try:
            rate = Decimal(self.rate.text().strip().replace(",", ".") or "0")
        except InvalidOperation:
            raise LedgerError(self.tr("The monthly rate is a number such as 1.5."), field="monthly_rate") from None
        if not 0 <= down < debt:
            raise LedgerError(self.tr("The down payment must be less than the debt."), field="down")
        every = self.every.currentData()
        first = nth_date(self.start.value(), every, 1) if down else self.start.value()
        rows = build_schedule(financed_minor=debt - down, installments=self.count.value(), every=every,
                              first_date=first, monthly_rate=rate)
        return numbers, currency, down, rate, every, rows

    def preview(self) -> None:
        try:
            numbers, currency, down, _rate, _every, rows = self._plan()
        except LedgerError as exc:
            self.schedule.set_rows([])
            self.total.setText("")
            self.error.setText(str(exc) if self.chosen() else "")
            return
        self.error.setText("")
        plan = ([(0, self.start.value(), down, currency)] if down else []) + [
            (i, due, principal + interest, currency) for i, (due, principal, interest) in enumerate(rows, start=1)]
        self.schedule.set_rows(plan)
        total = sum(p[2] for p in plan)
        self.total.setText(self.tr("Total to pay: %1").replace("%1", self.ctx.formatter.money(total, currency)))

    def submit(self) -> None:
        try:
            numbers, _currency, down, rate, every, _rows = self._plan()
        except LedgerError as exc:
            self.error.setText(str(exc))
            return
        if not self.date_guard.ok([("start", self.tr("First date"), self.start.value())], self.submit):
            return
        self.buttons.setEnabled(False)
        self.ctx.runner.write(create_agreement, customer_code=self.card.code, invoice_numbers=numbers,
                              installments=self.count.value(), every=every, start=self.start.value(),
                              down_minor=down, monthly_rate=rate, agreed_on=self.ctx.today(),
                              on_done=self._created, on_error=self._failed)

    def _created(self, agreement) -> None:
        self.agreement = agreement
        self.error.setStyleSheet("color: palette(text);")
        self.error.setText(self.tr("Agreement %1 created.").replace("%1", agreement.number))
        self.pdf_button.show()
        self.print_button.show()
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Close)
        self.buttons.setEnabled(True)
        self.buttons.rejected.connect(self.accept)
        self.created.emit(agreement)

    def _failed(self, exc) -> None:
        self.buttons.setEnabled(True)
        self.error.setText(describe(exc)[1])

    def save_pdf(self, path: str | None = None) -> None:
        from app.collections.agreement_pdf import render_agreement_pdf

        if self.agreement is None:
            return
        if path is None:
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the agreement"),
                                                  f"{self.agreement.number}.pdf", "PDF (*.pdf)")
            if not path:
                return
        self.ctx.runner.read(render_agreement_pdf, self.agreement.number, path,
                             on_done=lambda p: self.error.setText(self.tr("Saved %1").replace("%1", str(p))),
                             on_error=self._failed)

    def print_agreement(self, printer=None) -> None:
        """The agreement's PDF (written on a worker into a temporary folder) through Qt's print dialog, or on
        `printer` when given; `printed` carries the pages printed."""
        import tempfile
        from pathlib import Path

        from app.collections.agreement_pdf import render_agreement_pdf

        if self.agreement is None:
            return
        self._print_dir = tempfile.TemporaryDirectory(prefix="cobranza-agreement-")
        path = Path(self._print_dir.name) / f"{self.agreement.number}.pdf"
        self.ctx.runner.read(render_agreement_pdf, self.agreement.number, path,
                             on_done=lambda p: self._print(p, printer), on_error=self._failed)

    def _print(self, path, printer) -> None:
        from ..printing import PrintError, print_file

        try:
            pages = print_file(path, self, self.agreement.number, printer)
        except PrintError as exc:
            self.error.setText(str(exc))
            return
        if pages:
            self.error.setText(self.tr("%n page(s) sent to the printer.", "", pages))
            self.printed.emit(pages)
