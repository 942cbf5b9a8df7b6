"""File → Import…: customers, invoices, payments or credit notes from a CSV or Excel file, step by step.

choose the file and what it holds → how it is read (sheet, encoding) → which column is which field
(detected, editable; can be saved by name) → the check, naming every bad row → import everything, or
only the good rows with a file of the rejected ones → what was imported.

The wizard only collects choices and shows answers: reading the file, detecting the columns, checking
the rows and writing them are `app.importing`'s (the same functions `cobranza import` calls), run off
the GUI thread through the task runner.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QButtonGroup, QComboBox, QFileDialog, QFormLayout,
                               QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton, QRadioButton,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget, QWizard, QWizardPage)

from app import importing
from app.importing.reader import read_table
from app.ledger.changes import ChangeTracker

from .page_parts import hint_label

CONTEXT = "ImportWizard"

KIND_LABELS = {
    "customers": QT_TRANSLATE_NOOP("ImportWizard", "Customers"),
    "invoices": QT_TRANSLATE_NOOP("ImportWizard", "Invoices"),
    "payments": QT_TRANSLATE_NOOP("ImportWizard", "Payments"),
    "credit-notes": QT_TRANSLATE_NOOP("ImportWizard", "Credit notes"),
}

# what the user reads for each field of app.importing's specs (the names stay the domain's)
FIELD_LABELS = {
    "code": QT_TRANSLATE_NOOP("ImportWizard", "Customer code"),
    "name": QT_TRANSLATE_NOOP("ImportWizard", "Name"),
    "tax_id": QT_TRANSLATE_NOOP("ImportWizard", "Tax id"),
    "email": QT_TRANSLATE_NOOP("ImportWizard", "E-mail"),
    "phone": QT_TRANSLATE_NOOP("ImportWizard", "Phone"),
    "language": QT_TRANSLATE_NOOP("ImportWizard", "Language"),
    "currency": QT_TRANSLATE_NOOP("ImportWizard", "Currency"),
    "payment_terms": QT_TRANSLATE_NOOP("ImportWizard", "Payment terms"),
    "credit_limit": QT_TRANSLATE_NOOP("ImportWizard", "Credit limit"),
    "address": QT_TRANSLATE_NOOP("ImportWizard", "Address"),
    "city": QT_TRANSLATE_NOOP("ImportWizard", "City"),
    "country": QT_TRANSLATE_NOOP("ImportWizard", "Country"),
    "notes": QT_TRANSLATE_NOOP("ImportWizard", "Notes"),
    "number": QT_TRANSLATE_NOOP("ImportWizard", "Document number"),
    "customer_code": QT_TRANSLATE_NOOP("ImportWizard", "Customer code"),
    "customer_name": QT_TRANSLATE_NOOP("ImportWizard", "Customer name"),
    "issue_date": QT_TRANSLATE_NOOP("ImportWizard", "Issue date"),
    "due_date": QT_TRANSLATE_NOOP("ImportWizard", "Due date"),
    "amount": QT_TRANSLATE_NOOP("ImportWizard", "Amount"),
    "reference": QT_TRANSLATE_NOOP("ImportWizard", "Reference"),
    "date": QT_TRANSLATE_NOOP("ImportWizard", "Date"),
    "invoice_number": QT_TRANSLATE_NOOP("ImportWizard", "Invoice number"),
    "method": QT_TRANSLATE_NOOP("ImportWizard", "Payment method"),
    "reason": QT_TRANSLATE_NOOP("ImportWizard", "Reason"),
    "disputed": QT_TRANSLATE_NOOP("ImportWizard", "Disputed"),
    "series": QT_TRANSLATE_NOOP("ImportWizard", "Series"),
    "status": QT_TRANSLATE_NOOP("ImportWizard", "Status"),
}

ERROR_STYLE = "color: #a33;"


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def field_label(name: str) -> str:
    label = FIELD_LABELS.get(name)
    return tr(label) if label else name.replace("_", " ")


# --- the jobs: plain values in and out, run by the task runner -------------------------------------


@dataclass
class ImportState:
    """What the pages have chosen and what the domain answered, shared by the pages."""

    path: str = ""
    kind: str = "invoices"
    table: object | None = None  # what the file read as
    mapping: dict[str, str] = field(default_factory=dict)  # file column -> field ("" = not imported)
    check: object | None = None  # the dry run's ImportResult
    result: object | None = None  # the import's ImportResult
    rejected_path: str = ""


def _read_job(_session, path: str):
    return read_table(path)


def _check_job(session, kind: str, path: str):
    # import_file is its own unit of work: the reader's session is handed over outside any transaction
    session.rollback()
    return importing.import_file(session, kind, path, dry_run=True)


def _import_job(_session, write_sessions, kind: str, path: str):
    """On the one writer: a session of its own (import_file opens its own transaction), whose changes are
    tracked as the runner does for its own writes, so the pages concerned reload."""
    with write_sessions() as session:
        with ChangeTracker(session) as tracker:
            result = importing.import_file(session, kind, path)
        return result, tracker.changes()


# --- pages ------------------------------------------------------------------------------------------


class FilePage(QWizardPage):
    """Which file, and what it holds."""

    def __init__(self, wizard: "ImportWizard"):
        super().__init__()
        self.w = wizard
        self.setTitle(self.tr("Choose the file"))
        self.setSubTitle(self.tr("A CSV file or an Excel workbook (.xlsx) exported from your invoicing system or "
                                 "kept by hand. Nothing is written until you confirm, after the check."))
        form = QFormLayout(self)
        self.path = QLineEdit()
        self.path.setObjectName("import_path")
        self.path.setPlaceholderText(self.tr("Choose a .csv or .xlsx file"))
        browse = QPushButton(self.tr("Choose…"))
        browse.setObjectName("import_browse")
        browse.clicked.connect(self._choose)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        form.addRow(self.tr("File"), row)
        self.kind = QComboBox()
        self.kind.setObjectName("import_kind")
        for kind in importing.KINDS:
            self.kind.addItem(tr(KIND_LABELS.get(kind, kind)), kind)
        form.addRow(self.tr("The file holds"), self.kind)
        self.problem = QLabel()
        self.problem.setObjectName("import_file_problem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(ERROR_STYLE)
        form.addRow(self.problem)
        self.path.textChanged.connect(lambda _t: self.completeChanged.emit())

    def _choose(self) -> None:
        start = self.path.text().strip() or str(Path.home())
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import from"), start,
                                              self.tr("CSV or Excel files (*.csv *.xlsx);;All files (*)"))
        if path:
            self.path.setText(path)

    def isComplete(self) -> bool:
        return bool(self.path.text().strip())

    def validatePage(self) -> bool:
        path = Path(self.path.text().strip()).expanduser()
        if not path.is_file():
            self.problem.setText(self.tr("%1 is not a file; choose the file to import.").replace("%1", str(path)))
            return False
        self.problem.setText("")
        state = self.w.state
        if (str(path), self.kind.currentData()) != (state.path, state.kind):
            state.path, state.kind = str(path), self.kind.currentData()
            state.table = state.check = state.result = None
            state.mapping = {}
        return True


class _BusyPage(QWizardPage):
    """A page whose content comes from a job on the runner: incomplete until the answer arrives."""

    def __init__(self, wizard: "ImportWizard"):
        super().__init__()
        self.w = wizard
        self._task = 0
        self._ready = False
        self.status = QLabel()
        self.status.setObjectName("import_status")
        self.status.setWordWrap(True)

    def start(self, fn, *args, write: bool = False, **kwargs) -> None:
        self._ready = False
        self.completeChanged.emit()
        runner = self.w.ctx.runner
        self._task = task = (runner.write if write else runner.read)(
            fn, *args, on_done=lambda r: self._done(task, r), on_error=lambda e: self._error(task, e), **kwargs)

    def _done(self, task: int, result) -> None:
        if task != self._task or self.w.currentPage() is not self:
            return
        self._ready = self.answer(result)
        self.completeChanged.emit()

    def _error(self, task: int, exc: BaseException) -> None:
        if task != self._task:
            return
        self.status.setStyleSheet(ERROR_STYLE)
        self.status.setText(self.tr("Something went wrong: %1").replace("%1", str(exc) or type(exc).__name__))
        self._ready = False
        self.completeChanged.emit()

    def answer(self, result) -> bool:  # pragma: no cover - each page says
        raise NotImplementedError

    def isComplete(self) -> bool:
        return self._ready


class ReadPage(_BusyPage):
    """How the file was read: the first rows as the importer sees them."""

    def __init__(self, wizard):
        super().__init__(wizard)
        self.setTitle(self.tr("How the file reads"))
        self.setSubTitle(self.tr("The first rows as they were read. If the accents or the columns look wrong, "
                                 "the file was saved in another way: go back and choose it again after saving it "
                                 "as CSV UTF-8 or .xlsx."))
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        self.sample = QTableWidget()
        self.sample.setObjectName("import_sample")
        self.sample.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.sample.verticalHeader().hide()
        layout.addWidget(self.sample, 1)

    def initializePage(self) -> None:
        self.status.setStyleSheet("")
        self.status.setText(self.tr("Reading %1…").replace("%1", Path(self.w.state.path).name))
        self.sample.clear()
        self.sample.setRowCount(0)
        self.sample.setColumnCount(0)
        self.start(_read_job, self.w.state.path)

    def _error(self, task, exc) -> None:
        message = getattr(exc, "message", None)
        if message is None:
            return super()._error(task, exc)
        if task == self._task:
            self.status.setStyleSheet(ERROR_STYLE)
            self.status.setText(self.tr("The file cannot be read: %1").replace("%1", message))

    def answer(self, table) -> bool:
        self.w.state.table = table
        header = list(table.header)
        rows = table.rows[:20]
        self.sample.setColumnCount(len(header))
        self.sample.setHorizontalHeaderLabels(header)
        self.sample.setRowCount(len(rows))
        for r, (_line, cells) in enumerate(rows):
            for c, value in enumerate(cells[:len(header)]):
                self.sample.setItem(r, c, QTableWidgetItem(value))
        self.sample.resizeColumnsToContents()
        self.status.setStyleSheet("")
        self.status.setText(self.tr("%n data row(s) read.", "", len(table.rows)))
        return True


class MappingPage(QWizardPage):
    """Which column of the file is which field."""

    def __init__(self, wizard):
        super().__init__()
        self.w = wizard
        self.setTitle(self.tr("Columns"))
        self.setSubTitle(self.tr("Each column of the file and the field it fills. The usual Spanish and English "
                                 "headers are recognised; change any that is wrong. Fields marked * are needed."))
        layout = QVBoxLayout(self)
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("import_mapping")
        self.table.setHorizontalHeaderLabels([self.tr("Column in the file"), self.tr("First values"),
                                              self.tr("Field")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        self.problem = QLabel()
        self.problem.setObjectName("import_mapping_problem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(ERROR_STYLE)
        layout.addWidget(self.problem)
        self.combos: list[QComboBox] = []

    def initializePage(self) -> None:
        state = self.w.state
        table = state.table
        spec = importing.SPECS[state.kind]
        fields = list(spec.required) + list(spec.optional)
        self.combos = []
        self.table.setRowCount(len(table.header))
        for r, column in enumerate(table.header):
            self.table.setItem(r, 0, QTableWidgetItem(column))
            samples = [cells[r] for _line, cells in table.rows[:3] if r < len(cells) and cells[r]]
            self.table.setItem(r, 1, QTableWidgetItem(", ".join(samples)))
            combo = QComboBox()
            combo.setObjectName(f"map_{r}")
            combo.addItem(self.tr("(not imported)"), "")
            for name in fields:
                combo.addItem(field_label(name) + (" *" if name in spec.required else ""), name)
            chosen = state.mapping.get(column, column if column in fields else "")
            combo.setCurrentIndex(max(combo.findData(chosen), 0))
            combo.currentIndexChanged.connect(lambda _i: self._changed())
            self.table.setCellWidget(r, 2, combo)
            self.combos.append(combo)
        self.table.resizeColumnToContents(0)
        self.table.resizeColumnToContents(2)
        self._changed()

    def mapping(self) -> dict[str, str]:
        header = self.w.state.table.header
        return {header[r]: combo.currentData() for r, combo in enumerate(self.combos)}

    def missing(self) -> list[str]:
        chosen = set(self.mapping().values())
        return [f for f in importing.SPECS[self.w.state.kind].required if f not in chosen]

    def repeated(self) -> list[str]:
        values = [v for v in self.mapping().values() if v]
        return sorted({v for v in values if values.count(v) > 1})

    def _changed(self) -> None:
        missing, repeated = self.missing(), self.repeated()
        problems = []
        if missing:
            problems.append(self.tr("Choose a column for: %1.").replace("%1", ", ".join(map(field_label, missing))))
        if repeated:
            problems.append(self.tr("Only one column can fill %1.").replace("%1", ", ".join(map(field_label, repeated))))
        self.problem.setText(" ".join(problems))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return bool(self.combos) and not self.missing() and not self.repeated()

    def validatePage(self) -> bool:
        mapping = self.mapping()
        if mapping != self.w.state.mapping:
            self.w.state.mapping = mapping
            self.w.state.check = None
        return True


class CheckPage(_BusyPage):
    """Every row checked against the file and the books; what would be imported, and every bad row."""

    def __init__(self, wizard):
        super().__init__(wizard)
        self.setTitle(self.tr("Check"))
        self.setSubTitle(self.tr("Every row was checked as it would be imported. Nothing has been written yet."))
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("Import"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        self.problems = QTableWidget(0, 3)
        self.problems.setObjectName("import_problems")
        self.problems.setHorizontalHeaderLabels([self.tr("Row"), self.tr("Column"), self.tr("Problem")])
        self.problems.verticalHeader().hide()
        self.problems.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.problems.setWordWrap(True)
        self.problems.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.problems, 1)
        self.warnings = QLabel()
        self.warnings.setObjectName("import_warnings")
        self.warnings.setWordWrap(True)
        layout.addWidget(self.warnings)
        self.choice = QButtonGroup(self)
        self.import_all = QRadioButton(self.tr("Import every row"))
        self.import_all.setObjectName("import_all")
        self.import_valid = QRadioButton(self.tr("Import the good rows and save the rejected ones to a file"))
        self.import_valid.setObjectName("import_valid")
        self.choice.addButton(self.import_all)
        self.choice.addButton(self.import_valid)
        layout.addWidget(self.import_all)
        layout.addWidget(self.import_valid)
        row = QHBoxLayout()
        self.rejected = QLineEdit()
        self.rejected.setObjectName("import_rejected_path")
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self._choose_rejected)
        row.addWidget(QLabel(self.tr("Rejected rows to")))
        row.addWidget(self.rejected, 1)
        row.addWidget(browse)
        layout.addLayout(row)
        self.choice.buttonToggled.connect(lambda *_a: self.completeChanged.emit())

    def initializePage(self) -> None:
        state = self.w.state
        self.status.setStyleSheet("")
        self.status.setText(self.tr("Checking every row…"))
        self.problems.setRowCount(0)
        self.warnings.clear()
        for widget in (self.import_all, self.import_valid, self.rejected):
            widget.setEnabled(False)
        source = Path(state.path)
        self.rejected.setText(str(source.with_name(source.stem + "-rejected" + source.suffix)))
        self.start(_check_job, state.kind, state.path)

    def answer(self, result) -> bool:
        self.w.state.check = result
        self.problems.setRowCount(len(result.problems))
        for r, problem in enumerate(result.problems):
            for c, value in enumerate((str(problem.line), problem.column, problem.message)):
                self.problems.setItem(r, c, QTableWidgetItem(value))
        self.problems.resizeColumnToContents(0)
        self.problems.resizeColumnToContents(1)
        self.problems.resizeRowsToContents()
        self.problems.setVisible(bool(result.problems))
        self.warnings.setText("\n".join(result.warnings))
        bad = len({p.line for p in result.problems})
        if result.ok:
            self.status.setText(self.tr("%n row(s) can be imported.", "", result.rows))
            self.import_all.setEnabled(True)
            self.import_all.setChecked(True)
        else:
            self.status.setStyleSheet(ERROR_STYLE)
            self.status.setText(self.tr("%n row(s) have problems; correct them in the file and check again, or "
                                        "import only the good rows.", "", bad))
            self.import_valid.setEnabled(True)
            self.rejected.setEnabled(True)
            self.import_valid.setChecked(True)
        return result.ok

    def _choose_rejected(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the rejected rows to"), self.rejected.text(),
                                              self.tr("CSV or Excel files (*.csv *.xlsx)"))
        if path:
            self.rejected.setText(path)

    def validatePage(self) -> bool:
        return self.isComplete()


class DonePage(_BusyPage):
    """The import itself, then what it did."""

    def __init__(self, wizard):
        super().__init__(wizard)
        self.setTitle(self.tr("Import"))
        self.setFinalPage(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        self.details = QLabel()
        self.details.setObjectName("import_details")
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.details)
        layout.addStretch(1)

    def initializePage(self) -> None:
        state = self.w.state
        self.status.setStyleSheet("")
        self.status.setText(self.tr("Importing…"))
        self.details.clear()
        self.start(_import_job, self.w.ctx.runner.write_sessions, state.kind, state.path, write=True)

    def answer(self, answer) -> bool:
        result, changes = answer
        self.w.state.result = result
        if changes:
            self.w.ctx.runner.data_changed.emit(changes)
        if not result.ok:
            self.status.setStyleSheet(ERROR_STYLE)
            self.status.setText(self.tr("Nothing was imported."))
            self.details.setText("\n".join(f"{p.line}: {p.column}: {p.message}" for p in result.problems))
            self.w.imported.emit(result)
            return True
        what = tr(KIND_LABELS.get(result.kind, result.kind)).lower()
        self.status.setText(self.tr("Imported %n row(s) (%1).", "", result.imported).replace("%1", what))
        self.details.setText("\n".join(result.warnings))
        self.w.imported.emit(result)
        return True


class ImportWizard(QWizard):
    """File → Import…"""

    #: the import's ImportResult, once it ran (imported or refused)
    imported = Signal(object)

    def __init__(self, ctx, parent: QWidget | None = None, *, kind: str | None = None, path: str | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.state = ImportState()
        self.setObjectName("import_wizard")
        self.setWindowTitle(self.tr("Import from a file"))
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.file_page = FilePage(self)
        self.read_page = ReadPage(self)
        self.mapping_page = MappingPage(self)
        self.check_page = CheckPage(self)
        self.done_page = DonePage(self)
        for page in (self.file_page, self.read_page, self.mapping_page, self.check_page, self.done_page):
            self.addPage(page)
        if kind:
            self.file_page.kind.setCurrentIndex(max(self.file_page.kind.findData(kind), 0))
        if path:
            self.file_page.path.setText(path)
        self.resize(820, 600)


def open_import_wizard(window, kind: str | None = None, path: str | None = None) -> ImportWizard:
    """File → Import…, the customers page's empty state and the first start's "import my data"."""
    wizard = ImportWizard(window.ctx, window, kind=kind, path=path)
    wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    wizard.open()
    return wizard

