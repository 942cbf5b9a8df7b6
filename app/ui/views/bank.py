"""The bank page: import a statement, see each credit line with its suggested matches and why, and
confirm, edit or skip it (app.banking; the same functions as `cobranza bank ...`)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QWidget,
)

from app.banking import PRESETS, auto_confirm_exact, confirm_line, import_statement, match_lines, skip_line
from app.banking.statement_file import FileProblem, StatementError

from ..context import AppContext
from ..customer_picker import CustomerPicker
from ..empty_state import EmptyState
from ..errors import describe
from ..page_parts import STRETCH, hbox, hint_label, list_table, page_title, vbox
from ..progress import run_with_progress
from ..tablemodels.bank import BankLinesModel, SuggestionsModel


def file_error_text(exc: BaseException) -> str:
    """A statement that cannot be read, in one or a few lines naming the rows."""
    translate = QCoreApplication.translate
    if isinstance(exc, StatementError):
        shown = [translate("Bank", "Line %1: %2: %3").replace("%1", str(p.line)).replace("%2", p.column)
                 .replace("%3", p.message) for p in exc.problems[:5]]
        more = len(exc.problems) - len(shown)
        if more > 0:
            shown.append(translate("Bank", "… and %n more", "", more))
        return translate("Bank", "Nothing was imported:") + "\n" + "\n".join(shown)
    if isinstance(exc, FileProblem):
        return translate("Bank", "Nothing was imported: %1").replace("%1", exc.message)
    return describe(exc)[1]


class EditMatchDialog(QDialog):
    """Confirm a line for a customer and invoices the user chooses (prefilled from a suggestion)."""

    def __init__(self, ctx: AppContext, line, suggestion=None, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Confirm bank line"))
        self.customer = CustomerPicker(ctx, self)
        self.customer.setObjectName("bank_edit_customer")
        self.invoices = QLineEdit()
        self.invoices.setObjectName("bank_edit_invoices")
        self.invoices.setPlaceholderText(self.tr("invoice numbers, separated by commas (empty: oldest due first)"))
        self.unapplied = QCheckBox(self.tr("Keep it all as unapplied credit"))
        self.unapplied.setObjectName("bank_edit_unapplied")
        self.unapplied.toggled.connect(lambda on: self.invoices.setEnabled(not on))
        if suggestion is not None:
            self.customer.setText(suggestion.customer_code)
            self.invoices.setText(", ".join(suggestion.invoice_numbers))
        form = QFormLayout()
        form.addRow(self.tr("Amount"), QLabel(ctx.formatter.money(line.amount_minor, line.currency)))
        form.addRow(self.tr("Description"), QLabel(line.description))
        form.addRow(self.tr("Customer"), self.customer)
        form.addRow(self.tr("Invoices"), self.invoices)
        form.addRow("", self.unapplied)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        vbox(form, buttons, parent=self)

    def choice(self) -> tuple[str, list[str] | None]:
        """(customer code, invoice numbers: a list, [] for unapplied, None for oldest due first)."""
        if self.unapplied.isChecked():
            return self.customer.code(), []
        numbers = [n.strip() for n in self.invoices.text().replace(";", ",").split(",") if n.strip()]
        return self.customer.code(), numbers or None


class BankView(QWidget):
    """The new credit lines on top, the selected line's suggestions below, the actions beside them."""

    loaded = Signal()
    concerns = frozenset({"documents"})

    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.layout_box = QComboBox()
        self.layout_box.setObjectName("bank_layout")
        self.layout_box.addItem(self.tr("Detect the bank from the file"), None)
        for key, layout in PRESETS.items():
            title = self.tr("Other bank (common headers)") if key == "generic" else layout.title
            self.layout_box.addItem(title, key)
        self.import_button = QPushButton(self.tr("Import statement…"))
        self.import_button.setObjectName("bank_import")
        self.import_button.clicked.connect(self.choose_file)
        self.auto_button = QPushButton(self.tr("Confirm exact matches"))
        self.auto_button.setObjectName("bank_auto_confirm")
        self.auto_button.setToolTip(self.tr("Confirms every line whose customer is named in the description and whose "
                                            "amount settles exactly one of their invoices"))
        self.auto_button.clicked.connect(self.confirm_exact)
        self.lines = BankLinesModel(ctx.formatter, self)
        self.lines_table = list_table(self.lines, "bank_lines")
        self.lines_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.lines_table.horizontalHeader().setStretchLastSection(True)
        self.lines_table.selectionModel().currentRowChanged.connect(lambda *_: self._show_suggestions())
        self.suggestions = SuggestionsModel(ctx.formatter, self)
        self.suggestions_table = list_table(self.suggestions, "bank_suggestions")
        self.suggestions_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.suggestions_table.horizontalHeader().setStretchLastSection(True)
        self.suggestions_table.doubleClicked.connect(lambda *_: self.confirm_selected())
        self.confirm_button = QPushButton(self.tr("Confirm"))
        self.confirm_button.setObjectName("bank_confirm")
        self.confirm_button.clicked.connect(self.confirm_selected)
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.edit_button.setObjectName("bank_edit")
        self.edit_button.clicked.connect(self.edit_selected)
        self.skip_button = QPushButton(self.tr("Skip…"))
        self.skip_button.setObjectName("bank_skip")
        self.skip_button.clicked.connect(self.skip_selected)
        self.status = hint_label()
        self.status.setObjectName("bank_status")
        self._loaded = False
        self.empty = EmptyState(
            self.lines_table, self.tr("No bank lines to match"),
            self.tr("Export the statement from your bank's website (CSV, Excel, CAMT.053 or OFX) and import it: each "
                    "credit gets suggested invoices and the reasons for them."),
            [(self.tr("Import statement…"), self.choose_file)], ready=lambda: self._loaded)
        lower = QWidget()
        vbox(QLabel(self.tr("Suggested matches for the selected line")), (self.suggestions_table, 1),
             hbox(self.confirm_button, self.edit_button, self.skip_button, STRETCH), parent=lower).setContentsMargins(
            0, 0, 0, 0)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.lines_table)
        splitter.addWidget(lower)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        vbox(page_title(self.tr("Bank: money received, matched to invoices")),
             hbox(QLabel(self.tr("Bank")), self.layout_box, self.import_button, STRETCH, self.auto_button),
             (splitter, 1), self.status, parent=self)
        self._update_buttons()
        self.refresh()

    # --- reading ---------------------------------------------------------------------------------

    _asked = 0

    def refresh(self) -> None:
        self._asked += 1
        asked = self._asked
        self.ctx.runner.read(match_lines, on_done=lambda rows: self._show(rows) if asked == self._asked else None,
                             on_error=lambda exc: self._failed(exc) if asked == self._asked else None)

    def _show(self, rows) -> None:
        current = self._current()
        keep = current.line.id if current else None
        self._loaded = True
        self.lines.set_rows(rows)
        self.lines_table.resizeColumnsToContents()
        self.lines_table.setColumnWidth(BankLinesModel.COL_DESCRIPTION,
                                        min(self.lines_table.columnWidth(BankLinesModel.COL_DESCRIPTION), 420))
        ids = [m.line.id for m in rows]
        if rows:
            self.lines_table.selectRow(ids.index(keep) if keep in ids else 0)
        self._show_suggestions()
        self.empty.update_visibility()
        self.loaded.emit()

    def _failed(self, exc: BaseException) -> None:
        self._loaded = True
        self.lines.set_rows([])
        self._say(describe(exc)[1], error=True)
        self.loaded.emit()

    def _current(self):
        index = self.lines_table.currentIndex()
        return self.lines.row(index.row()) if index.isValid() and index.row() < self.lines.rowCount() else None

    def _show_suggestions(self) -> None:
        matches = self._current()
        self.suggestions.show(matches)
        self.suggestions_table.resizeColumnsToContents()
        if matches and matches.suggestions:
            self.suggestions_table.selectRow(0)
        self._update_buttons()

    def _update_buttons(self) -> None:
        matches = self._current()
        has_line = matches is not None
        has_suggestion = has_line and bool(matches.suggestions)
        self.confirm_button.setEnabled(has_suggestion)
        self.confirm_button.setToolTip("" if has_suggestion else self.tr("Select a line with a suggestion, or use "
                                                                         "Edit… to name the customer"))
        self.edit_button.setEnabled(has_line)
        self.skip_button.setEnabled(has_line)
        exact = any(m.exact is not None for m in self.lines.rows())
        self.auto_button.setEnabled(exact)
        self.auto_button.setToolTip(self.auto_button.toolTip() if exact else self.tr("No line has an exact match"))

    def _say(self, text: str, error: bool = False) -> None:
        self.status.setStyleSheet("color: #b00020;" if error else "color: #555;")
        self.status.setText(text)

    # --- actions ---------------------------------------------------------------------------------

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import bank statement"), "",
                                              self.tr("Statements (*.csv *.txt *.xlsx *.xml *.ofx *.qfx);;All files (*)"))
        if path:
            self.import_file(path)

    def import_file(self, path: str) -> None:
        self.operation = run_with_progress(
            self.ctx.runner, self, self.tr("Importing the bank statement…"), import_statement, path,
            layout=self.layout_box.currentData(), write=True, on_done=self._imported,
            on_error=lambda exc: self._say(file_error_text(exc), error=True),
            on_cancel=lambda: self._say(self.tr("Import cancelled: no line was stored.")))

    def _imported(self, result) -> None:
        text = self.tr("%1: %n new credit line(s)", "", result.new_lines).replace("%1", result.file_name)
        if result.known_lines:
            text += " " + self.tr("(%n already imported before, not stored again)", "", result.known_lines)
        self._say(text)
        self.refresh()

    def confirm_exact(self) -> None:
        self.operation = run_with_progress(
            self.ctx.runner, self, self.tr("Confirming the exact matches…"), auto_confirm_exact, write=True,
            on_done=lambda done: (self._say(self.tr("%n line(s) confirmed as exact matches", "", len(done))),
                                  self.refresh()),
            on_error=lambda exc: self._say(describe(exc)[1], error=True),
            on_cancel=lambda: self._say(self.tr("Cancelled: no line was confirmed.")))

    def _selected_suggestion(self):
        index = self.suggestions_table.currentIndex()
        if index.isValid() and index.row() < self.suggestions.rowCount():
            return self.suggestions.row(index.row())
        return None

    def confirm_selected(self) -> None:
        matches, suggestion = self._current(), self._selected_suggestion()
        if matches is None or suggestion is None:
            return
        self._confirm(matches.line.id, suggestion.customer_code, list(suggestion.invoice_numbers))

    def edit_selected(self) -> None:
        matches = self._current()
        if matches is None:
            return
        dialog = EditMatchDialog(self.ctx, matches.line, self._selected_suggestion(), self)
        dialog.accepted.connect(lambda: self._confirm(matches.line.id, *dialog.choice()))
        dialog.open()

    def _confirm(self, line_id: int, customer_code: str, invoices) -> None:
        self.ctx.runner.write(confirm_line, line_id, customer_code=customer_code, invoice_numbers=invoices,
                              on_done=self._confirmed, on_error=lambda exc: self._say(describe(exc)[1], error=True))

    def _confirmed(self, done) -> None:
        p = done.payment
        text = self.tr("Payment of %1 from %2 recorded").replace("%1", self.ctx.formatter.money(
            p.amount_minor, p.currency)).replace("%2", p.customer_code)
        if p.unapplied_minor:
            text += "; " + self.tr("%1 stays as unapplied credit").replace(
                "%1", self.ctx.formatter.money(p.unapplied_minor, p.currency))
        self._say(text)
        self.refresh()

    def skip_selected(self, *, reason: str | None = None) -> None:
        matches = self._current()
        if matches is None:
            return
        if reason is None:
            reason, ok = QInputDialog.getText(self, self.tr("Skip bank line"),
                                              self.tr("Why is this line not a customer's payment?"))
            if not ok:
                return
        self.ctx.runner.write(skip_line, matches.line.id, reason=reason,
                              on_done=lambda _line: (self._say(self.tr("Line skipped")), self.refresh()),
                              on_error=lambda exc: self._say(describe(exc)[1], error=True))
