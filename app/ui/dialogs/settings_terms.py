"""Settings → Payment terms: the list of terms, an editor of their lines and discount, archive/restore,
and a live preview of the due dates a sample invoice would get.

Lines are written as in the CLI (`30%` / `500.00 PEN` / `rest` and `15d` / `eom+45d` /
`next-month-day-10`, docs/terms.md); the preview calls app.ledger.terms.preview_terms (no database) as the
user types; saving and archiving call create_terms / update_terms / archive_terms on the writer, the
functions `cobranza terms add|edit|archive` call.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app import config
from app.ledger import terms as T
from app.ledger.errors import InvalidTermsError, LedgerError
from app.ledger.money import exponent

from ..errors import describe
from ..widgets import DateEdit, MoneyEdit, general_error_label


def load_terms(session):
    return T.list_terms(session, include_archived=True)


def save_terms(session, *, code: str, name: str, lines, discount, is_new: bool):
    percent, days = discount if discount else (None, None)
    if is_new:
        return T.create_terms(session, code=code, name=name, lines=lines, discount_percent=percent,
                              discount_days=days)
    return T.update_terms(session, code, name=name, lines=lines, discount_percent=percent, discount_days=days)


def archive_terms(session, code: str, archived: bool):
    return T.archive_terms(session, code, archived=archived)


class PaymentTermsTab(QWidget):
    loaded = Signal()
    saved = Signal()

    COL_CODE, COL_NAME, COL_LINES, COL_DISCOUNT, COL_STATUS = range(5)
    LINE_AMOUNT, LINE_WHEN = range(2)

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.terms: list = []
        self.current = None  # the TermsView being edited, None for new terms

        intro = QLabel(self.tr(
            "Payment terms give each new invoice its due lines. A line is an amount (30%, a fixed 500.00 PEN, "
            "or rest: what the other lines leave) and a due date: 15d (days after the invoice date), 1m+15d, "
            "eom+45d (days after the end of its month) or next-month-day-10 (a day of a later month). The last "
            "line takes what is left, to the cent. Posted invoices keep their due lines when terms change."))
        intro.setWordWrap(True)
        intro.setStyleSheet("color: #555;")

        self.table = QTableWidget(0, 5)
        self.table.setObjectName("terms_table")
        self.table.setHorizontalHeaderLabels([self.tr("Code"), self.tr("Name"), self.tr("Lines"),
                                              self.tr("Early-payment discount"), self.tr("Status")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.show_archived = QCheckBox(self.tr("Show archived terms"))
        self.new_button = QPushButton(self.tr("New terms"))
        self.archive_button = QPushButton(self.tr("Archive"))
        self.archive_button.setEnabled(False)
        for b in (self.new_button, self.archive_button):
            b.setAutoDefault(False)
        top_row = QHBoxLayout()
        top_row.addWidget(self.show_archived)
        top_row.addStretch(1)
        top_row.addWidget(self.new_button)
        top_row.addWidget(self.archive_button)

        self.code = QLineEdit()
        self.code.setObjectName("terms_code")
        self.code.setMaxLength(30)
        self.code.setPlaceholderText("30-70")
        self.name = QLineEdit()
        self.name.setObjectName("terms_name")
        self.name.setMaxLength(100)
        self.lines = QTableWidget(0, 2)
        self.lines.setObjectName("terms_lines")
        self.lines.setHorizontalHeaderLabels([self.tr("Amount"), self.tr("Due")])
        self.lines.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.lines.verticalHeader().hide()
        self.lines.setMinimumHeight(110)
        self.add_line_button = QPushButton(self.tr("Add line"))
        self.remove_line_button = QPushButton(self.tr("Remove line"))
        for b in (self.add_line_button, self.remove_line_button):
            b.setAutoDefault(False)
        line_buttons = QHBoxLayout()
        line_buttons.addWidget(self.add_line_button)
        line_buttons.addWidget(self.remove_line_button)
        line_buttons.addStretch(1)
        self.discount = QLineEdit()
        self.discount.setObjectName("terms_discount")
        self.discount.setPlaceholderText(self.tr("e.g. 2%:10d (2 % off if paid within 10 days); empty for none"))

        self.sample_date = DateEdit(ctx.formatter, config.today())
        self.sample_amount = MoneyEdit(ctx.formatter, ctx.company_currency)
        self.sample_amount.setText(ctx.formatter.edit_text(1000 * 10 ** exponent(ctx.company_currency),
                                                           ctx.company_currency))
        sample_row = QHBoxLayout()
        sample_row.addWidget(QLabel(self.tr("Sample invoice of")))
        sample_row.addWidget(self.sample_date)
        sample_row.addWidget(QLabel(self.tr("for")))
        sample_row.addWidget(self.sample_amount)
        sample_row.addStretch(1)
        self.preview = QLabel()
        self.preview.setObjectName("terms_preview")
        self.preview.setWordWrap(True)
        self.preview.setMinimumHeight(60)

        form = QFormLayout()
        form.addRow(self.tr("Code"), self.code)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Lines"), self.lines)
        form.addRow("", line_buttons)
        form.addRow(self.tr("Early-payment discount"), self.discount)
        form.addRow(self.tr("Preview"), sample_row)
        form.addRow("", self.preview)
        self.editor = QGroupBox(self.tr("New terms"))
        self.editor.setLayout(form)

        self.error = general_error_label()
        self.save_button = QPushButton(self.tr("Save terms"))
        self.save_button.setAutoDefault(False)
        self.status = QLabel()
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.save_button)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(top_row)
        layout.addWidget(self.editor, 2)
        layout.addWidget(self.error)
        layout.addLayout(bottom)

        self.table.itemSelectionChanged.connect(self._selected)
        self.show_archived.toggled.connect(lambda _on: self._fill_table())
        self.new_button.clicked.connect(self.new_terms)
        self.archive_button.clicked.connect(self.toggle_archive)
        self.add_line_button.clicked.connect(lambda: self.add_line("", ""))
        self.remove_line_button.clicked.connect(self._remove_line)
        self.lines.itemChanged.connect(lambda _item: self.update_preview())
        self.discount.textChanged.connect(lambda _t: self.update_preview())
        self.sample_date.dateChanged.connect(lambda _d: self.update_preview())
        self.sample_amount.textChanged.connect(lambda _t: self.update_preview())
        self.save_button.clicked.connect(self.submit)
        self.new_terms()
        self.reload()

    # --- the list ---------------------------------------------------------------------------

    def reload(self, select: str | None = None) -> None:
        self._select_after = select
        self.ctx.runner.read(load_terms, on_done=self._loaded)

    def _loaded(self, terms) -> None:
        self.terms = list(terms)
        self._fill_table()
        if self._select_after:
            self.select(self._select_after)
        self.loaded.emit()

    def visible_terms(self) -> list:
        return [t for t in self.terms if self.show_archived.isChecked() or not t.archived]

    def _fill_table(self) -> None:
        rows = self.visible_terms()
        self.table.blockSignals(True)
        self.table.setRowCount(len(rows))
        for i, t in enumerate(rows):
            values = (t.code, t.name, "  ".join(line.spec for line in t.lines),
                      T.discount_spec(t.discount_percent, t.discount_days),
                      self.tr("Archived") if t.archived else self.tr("In use"))
            for col, text in enumerate(values):
                self.table.setItem(i, col, QTableWidgetItem(text))
        self.table.blockSignals(False)

    def select(self, code: str) -> None:
        for i, t in enumerate(self.visible_terms()):
            if t.code == code:
                self.table.selectRow(i)
                return

    def _selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        t = self.visible_terms()[rows[0].row()]
        self.edit(t)

    # --- the editor ---------------------------------------------------------------------------

    def new_terms(self) -> None:
        self.current = None
        self.table.clearSelection()
        self.editor.setTitle(self.tr("New terms"))
        self.code.setReadOnly(False)
        self.code.clear()
        self.name.clear()
        self.discount.clear()
        self._set_lines([("100%", "30d")])
        self.archive_button.setEnabled(False)
        self.error.hide()

    def edit(self, t) -> None:
        self.current = t
        self.editor.setTitle(self.tr("Terms %1").replace("%1", t.code))
        self.code.setText(t.code)
        self.code.setReadOnly(True)
        self.name.setText(t.name)
        self.discount.setText(T.discount_spec(t.discount_percent, t.discount_days))
        self._set_lines([(line.amount_spec, line.when_spec) for line in t.lines])
        self.archive_button.setEnabled(True)
        self.archive_button.setText(self.tr("Restore") if t.archived else self.tr("Archive"))
        self.error.hide()

    def _set_lines(self, rows) -> None:
        self.lines.blockSignals(True)
        self.lines.setRowCount(0)
        self.lines.blockSignals(False)
        for amount, when in rows:
            self.add_line(amount, when, preview=False)
        self.update_preview()

    def add_line(self, amount: str, when: str, *, preview: bool = True) -> None:
        self.lines.blockSignals(True)
        row = self.lines.rowCount()
        self.lines.insertRow(row)
        self.lines.setItem(row, self.LINE_AMOUNT, QTableWidgetItem(amount))
        self.lines.setItem(row, self.LINE_WHEN, QTableWidgetItem(when))
        self.lines.blockSignals(False)
        if preview:
            self.update_preview()

    def set_line(self, row: int, amount: str, when: str) -> None:
        if row >= self.lines.rowCount():
            self.add_line(amount, when)
            return
        self.lines.item(row, self.LINE_AMOUNT).setText(amount)
        self.lines.item(row, self.LINE_WHEN).setText(when)

    def _remove_line(self) -> None:
        row = self.lines.currentRow()
        if row < 0:
            row = self.lines.rowCount() - 1
        if row >= 0:
            self.lines.removeRow(row)
            self.update_preview()

    def line_texts(self) -> list[str]:
        out = []
        for r in range(self.lines.rowCount()):
            amount = (self.lines.item(r, self.LINE_AMOUNT) or QTableWidgetItem()).text().strip()
            when = (self.lines.item(r, self.LINE_WHEN) or QTableWidgetItem()).text().strip()
            if amount or when:
                out.append(f"{amount}:{when}")
        return out

    def read(self):
        """(lines, discount) as typed, or raise the LedgerError that says what is wrong."""
        lines = [T.parse_line(text, self.ctx.formatter.locale) for text in self.line_texts()]
        T.validate_lines(lines)
        return lines, T.parse_discount(self.discount.text())

    def message(self, exc: BaseException) -> str:
        """The error in the user's language where we know the rule; the ledger's words otherwise."""
        reason = getattr(exc, "reason", None)
        values = getattr(exc, "values", {}) or {}
        if reason == "bad_line":
            return self.tr("The line '%1' is not understood. Write the amount as 30%, 500.00 PEN or rest and the "
                           "due date as 15d, 1m+15d, eom+45d or next-month-day-10, separated by ':'."
                           ).replace("%1", values.get("text", ""))
        if reason == "not_100":
            return self.tr("The percents add up to %1, not 100. Correct them, or make the last line 'rest'."
                           ).replace("%1", values.get("total", ""))
        if reason == "nothing_left":
            return self.tr("The percents add up to %1, leaving nothing for the 'rest' line.").replace(
                "%1", values.get("total", ""))
        if reason == "rest_not_last":
            return self.tr("Only the last line can be 'rest'.")
        if reason == "fixed_last":
            return self.tr("The last line takes what the others leave: make it a percent or 'rest'.")
        if reason == "no_lines":
            return self.tr("Add at least one line.")
        if reason == "over_total":
            return self.tr("The fixed amounts are more than the sample invoice's total.")
        if isinstance(exc, InvalidTermsError) and getattr(exc, "field", None) == "discount":
            return self.tr("Write the early-payment discount as PERCENT%:DAYSd, e.g. 2%:10d, or leave it empty.")
        return describe(exc)[1]

    def update_preview(self) -> None:
        f = self.ctx.formatter
        try:
            lines, discount = self.read()
            currency = next((line.currency for line in lines if line.kind == "fixed"), None) \
                or self.sample_amount.currency() or self.ctx.company_currency
            if self.sample_amount.currency() != currency:
                self.sample_amount.set_currency(currency)
            total = self.sample_amount.minor()
            p = T.preview_terms(lines, issue_date=self.sample_date.value(), total_minor=total, currency=currency,
                                discount_percent=discount[0] if discount else None,
                                discount_days=discount[1] if discount else None)
        except (LedgerError, ValueError) as exc:
            self.preview.setStyleSheet("color: #b00020;")
            self.preview.setText(self.message(exc))
            return
        self.preview.setStyleSheet("")
        rows = [self.tr("%1. due %2: %3").replace("%1", str(n)).replace("%2", f.date(due))
                .replace("%3", f.money(amount, currency)) for n, (due, amount) in enumerate(p.lines, start=1)]
        if p.discount_until:
            rows.append(self.tr("Paid by %1: %2 (discount %3)").replace("%1", f.date(p.discount_until))
                        .replace("%2", f.money(p.discounted_total_minor, currency))
                        .replace("%3", f.money(p.discount_minor, currency)))
        self.preview.setText("\n".join(rows))

    def submit(self) -> None:
        self.error.hide()
        self.status.setText("")
        try:
            lines, discount = self.read()
        except LedgerError as exc:
            self._failed(exc)
            return
        is_new = self.current is None
        code = self.code.text().strip() if is_new else self.current.code
        name = self.name.text().strip() or code
        self.save_button.setEnabled(False)
        self.ctx.runner.write(save_terms, code=code, name=name, lines=lines, discount=discount, is_new=is_new,
                              on_done=self._saved, on_error=self._failed)

    def _saved(self, view) -> None:
        self.save_button.setEnabled(True)
        self.status.setText(self.tr("Saved terms %1.").replace("%1", view.code))
        self.saved.emit()
        self.reload(select=view.code)

    def _failed(self, exc: BaseException) -> None:
        self.save_button.setEnabled(True)
        self.error.setText(self.message(exc))
        self.error.show()

    def toggle_archive(self) -> None:
        if self.current is None:
            return
        self.error.hide()
        archived = not self.current.archived
        self.ctx.runner.write(archive_terms, self.current.code, archived, on_done=self._archived,
                              on_error=self._failed)

    def _archived(self, view) -> None:
        self.status.setText((self.tr("Archived terms %1: not offered for new invoices or customers.") if view.archived
                             else self.tr("Restored terms %1.")).replace("%1", view.code))
        if view.archived and not self.show_archived.isChecked():
            self.new_terms()
            self.reload()
        else:
            self.reload(select=view.code)
        self.saved.emit()
