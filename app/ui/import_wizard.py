"""File → Import…: customers, invoices, payments or credit notes from a CSV or Excel file, step by step.

choose the file, what it holds and maybe a saved mapping → how it reads (sheet, encoding, separator,
header line, dates, decimals) → which column is which field (detected, editable, can be saved by name)
→ the check, naming every bad row and every change → import everything, or only the good rows with a
file of the rejected ones → what was imported.

The wizard only collects choices and shows answers: reading the file, detecting the columns, checking the
rows, writing them and saving mappings are `app.importing.api`'s (the functions `cobranza import` calls),
run off the GUI thread through the task runner; the import itself on the one writer, with a progress bar
and Cancel.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field, replace
from pathlib import Path

from babel.numbers import format_decimal
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (QAbstractItemView, QButtonGroup, QCheckBox, QComboBox, QFileDialog, QFormLayout,
                               QHBoxLayout, QHeaderView, QLabel, QLineEdit, QProgressBar, QPushButton,
                               QRadioButton, QSpinBox, QTableView, QTableWidget, QTableWidgetItem, QTabWidget,
                               QVBoxLayout, QWidget, QWizard, QWizardPage)

from app.importing import api
from app.ledger.changes import ChangeTracker, Changes, areas_of

from .tablemodels.import_rows import TextRowsModel

CONTEXT = "ImportWizard"

KIND_LABELS = {
    "customers": QT_TRANSLATE_NOOP("ImportWizard", "Customers"),
    "invoices": QT_TRANSLATE_NOOP("ImportWizard", "Invoices"),
    "payments": QT_TRANSLATE_NOOP("ImportWizard", "Payments"),
    "credit-notes": QT_TRANSLATE_NOOP("ImportWizard", "Credit notes"),
}

# the English labels of app.importing.fields, for the translation tools (the wizard shows tr(label))
FIELD_LABELS = (
    QT_TRANSLATE_NOOP("ImportWizard", "Customer code"), QT_TRANSLATE_NOOP("ImportWizard", "Name"),
    QT_TRANSLATE_NOOP("ImportWizard", "Tax ID (RUC, NIT, RFC, RUT)"), QT_TRANSLATE_NOOP("ImportWizard", "E-mail"),
    QT_TRANSLATE_NOOP("ImportWizard", "Phone"), QT_TRANSLATE_NOOP("ImportWizard", "Language (es/en)"),
    QT_TRANSLATE_NOOP("ImportWizard", "Currency"), QT_TRANSLATE_NOOP("ImportWizard", "Payment terms"),
    QT_TRANSLATE_NOOP("ImportWizard", "Credit limit"), QT_TRANSLATE_NOOP("ImportWizard", "Address"),
    QT_TRANSLATE_NOOP("ImportWizard", "City"), QT_TRANSLATE_NOOP("ImportWizard", "Country (PE, MX, CO, CL, ...)"),
    QT_TRANSLATE_NOOP("ImportWizard", "Notes"), QT_TRANSLATE_NOOP("ImportWizard", "Invoice number"),
    QT_TRANSLATE_NOOP("ImportWizard", "Series"),
    QT_TRANSLATE_NOOP("ImportWizard", "Issue date"), QT_TRANSLATE_NOOP("ImportWizard", "Due date"),
    QT_TRANSLATE_NOOP("ImportWizard", "Amount"), QT_TRANSLATE_NOOP("ImportWizard", "Reference"),
    QT_TRANSLATE_NOOP("ImportWizard", "Disputed (yes/no)"), QT_TRANSLATE_NOOP("ImportWizard", "Payment date"),
    QT_TRANSLATE_NOOP("ImportWizard", "Invoice paid"),
    QT_TRANSLATE_NOOP("ImportWizard", "Reference (operation number)"), QT_TRANSLATE_NOOP("ImportWizard", "Method"),
    QT_TRANSLATE_NOOP("ImportWizard", "Credit note number"), QT_TRANSLATE_NOOP("ImportWizard", "Date"),
    QT_TRANSLATE_NOOP("ImportWizard", "Invoice credited"), QT_TRANSLATE_NOOP("ImportWizard", "Reason"),
)

CHANGE_LABELS = {  # one row's change
    "create": QT_TRANSLATE_NOOP("ImportWizard", "new"),
    "update": QT_TRANSLATE_NOOP("ImportWizard", "changed"),
    "unchanged": QT_TRANSLATE_NOOP("ImportWizard", "already imported, unchanged"),
    "dispute": QT_TRANSLATE_NOOP("ImportWizard", "dispute opened"),
    "create-customer": QT_TRANSLATE_NOOP("ImportWizard", "new customer"),
}
COUNT_LABELS = {  # how many rows make each change: "New: 4"
    "create": QT_TRANSLATE_NOOP("ImportWizard", "New: %1"),
    "update": QT_TRANSLATE_NOOP("ImportWizard", "Changed: %1"),
    "unchanged": QT_TRANSLATE_NOOP("ImportWizard", "Already imported, unchanged: %1"),
    "dispute": QT_TRANSLATE_NOOP("ImportWizard", "Disputes opened: %1"),
    "create-customer": QT_TRANSLATE_NOOP("ImportWizard", "New customers: %1"),
}
# why app.importing.source left a line out (others are shown as the importer says them)
SKIP_REASONS = (QT_TRANSLATE_NOOP("ImportWizard", "title row above the header"),
                QT_TRANSLATE_NOOP("ImportWizard", "totals row"))

ERROR_STYLE = "color: #a33;"


def tr(text: str, n: int = -1) -> str:
    return QCoreApplication.translate(CONTEXT, text, None, n)


# where the importer's English label speaks of the CLI, the wizard says it its own way
GUI_LABELS = {"customer_name": QT_TRANSLATE_NOOP("ImportWizard", "Customer name (for new customers)")}


def field_name(info) -> str:
    return tr(GUI_LABELS.get(info.name, info.label))


def field_label(info) -> str:
    """As the mapping's combo shows it: required fields marked *."""
    return field_name(info) + (" *" if info.required else "")


def _table(columns: list[str], name: str) -> QTableView:
    """A read-only list over a TextRowsModel: the file's rows or the check's findings, however many."""
    table = QTableView()
    table.setObjectName(name)
    table.setModel(TextRowsModel(columns, table))
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _fill(table: QTableView, rows) -> None:
    table.model().set_rows(rows)
    for c in range(table.model().columnCount() - 1):
        table.resizeColumnToContents(c)


def _count_texts(counts: dict[str, int], locale: str) -> list[str]:
    return [tr(COUNT_LABELS[action]).replace("%1", format_decimal(counts[action], locale=locale))
            for action in COUNT_LABELS if counts.get(action)]


def _error_label(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setStyleSheet(ERROR_STYLE)
    return label


# --- the jobs: plain values in and out, run by the task runner -------------------------------------


@dataclass
class ImportState:
    """What the pages have chosen and what the domain answered, shared by the pages."""

    path: str = ""
    kind: str = "invoices"
    saved: object | None = None  # the SavedMapping chosen on the first page
    options: api.ImportOptions = field(default_factory=api.ImportOptions)
    table: api.SourceTable | None = None  # what the file read as
    mapping: api.Mapping | None = None
    preview: api.ImportPreview | None = None
    result: api.ImportResult | None = None


def _saved_job(session):
    return api.list_mappings(session)


@dataclass(frozen=True)
class ReadAnswer:
    sheets: tuple[str, ...]  # a workbook's sheets, even when the one chosen cannot be read
    table: api.SourceTable | None
    problem: str = ""


def _read_job(_session, path: str, options):
    """The file's header and first rows, its rows counted in one streamed pass (a file of millions of rows is
    never held: each later pass reads it again)."""
    try:
        table = api.open_file(path, options)
        table.scan()
        return ReadAnswer(tuple(table.sheets), table)
    except api.FileProblem as exc:
        sheets: tuple[str, ...] = ()
        if Path(path).suffix.lower() == ".xlsx":
            try:  # the sheet chosen holds no table: the others can still be chosen
                sheets = tuple(api.list_sheets(path))
            except Exception:  # noqa: BLE001 - not a workbook at all: the problem above says so
                sheets = ()
        return ReadAnswer(sheets, None, exc.message)


def _preview_job(session, kind, path, mapping, options):
    """The file opened again (the user may have corrected it since) and checked as it streams: (table,
    preview); the preview lists the first changes and counts them all."""
    table = api.open_file(path, options)
    return table, api.preview_import(session, kind, table, mapping, options)


def _save_job(session, name, mapping, options):
    return api.save_mapping(session, name, mapping, options)


class Progress(QObject):
    """The import's `progress(done, total)` on the writer thread, told to the GUI thread by a queued signal;
    returns False once Cancel was pressed."""

    moved = Signal(int, int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.cancelled = threading.Event()

    def __call__(self, done: int, total: int) -> bool:
        self.moved.emit(done, total)
        return not self.cancelled.is_set()


def _import_job(_session, write_sessions, kind, table, mapping, options, valid_only, rejected_path, progress):
    """On the one writer, with a session of its own (run_import is its own unit of work); its changes are
    tracked as the runner does for its own writes, so the pages concerned reload."""
    with write_sessions() as session:
        with ChangeTracker(session) as tracker:
            result = api.run_import(session, kind, table, mapping, options, valid_only=valid_only,
                                    rejected_path=rejected_path or None, progress=progress)
        changes = tracker.changes()
        if kind == "invoices" and result.imported:  # written by the driver's executemany: no Session event
            changes = Changes(changes.areas | areas_of(("invoice", "due_line", "audit_entry")), None)
        return result, changes


# --- pages ------------------------------------------------------------------------------------------


class _BusyPage(QWizardPage):
    """A page whose content comes from a job on the runner: incomplete until the answer arrives; an answer
    for an earlier question (the user changed an option meanwhile) is dropped."""

    def __init__(self, wizard: "ImportWizard"):
        super().__init__()
        self.w = wizard
        self._task = 0
        self._ready = False
        self.status = QLabel()
        self.status.setObjectName("import_status")
        self.status.setWordWrap(True)

    def say(self, text: str, error: bool = False) -> None:
        self.status.setStyleSheet(ERROR_STYLE if error else "")
        self.status.setText(text)

    def start(self, fn, *args, write: bool = False, **kwargs) -> None:
        self._ready = False
        self.completeChanged.emit()
        runner = self.w.ctx.runner
        self._task = task = (runner.write if write else runner.read)(
            fn, *args, on_done=lambda r: self._done(task, r), on_error=lambda e: self._error(task, e), **kwargs)

    def _done(self, task: int, result) -> None:
        if task != self._task:
            return
        self._ready = self.answer(result)
        self.completeChanged.emit()

    def _error(self, task: int, exc: BaseException) -> None:
        if task != self._task:
            return
        message = getattr(exc, "message", None)
        if isinstance(exc, (api.FileProblem, api.MappingError)) or message:
            self.say(QCoreApplication.translate("ImportWizard", "The file cannot be read: %1")
                     .replace("%1", message or str(exc)), error=True)
        else:
            self.say(QCoreApplication.translate("ImportWizard", "Something went wrong: %1")
                     .replace("%1", str(exc) or type(exc).__name__), error=True)
        self._ready = False
        self.completeChanged.emit()

    def answer(self, result) -> bool:  # pragma: no cover - each page says
        raise NotImplementedError

    def isComplete(self) -> bool:
        return self._ready


class FilePage(QWizardPage):
    """Which file, what it holds, and a mapping saved for files from the same source."""

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
        for kind in api.KINDS:
            self.kind.addItem(tr(KIND_LABELS.get(kind, kind)), kind)
        form.addRow(self.tr("The file holds"), self.kind)
        self.saved = QComboBox()
        self.saved.setObjectName("import_saved_mapping")
        form.addRow(self.tr("Columns"), self.saved)
        self.problem = _error_label("import_file_problem")
        form.addRow(self.problem)
        self._mappings: list = []
        self.path.textChanged.connect(lambda _t: self.completeChanged.emit())
        self.kind.currentIndexChanged.connect(lambda _i: self._fill_saved())
        self._fill_saved()
        self.reload_saved()

    def reload_saved(self) -> None:
        self.w.ctx.runner.read(_saved_job, on_done=self._saved_loaded)

    def _saved_loaded(self, mappings) -> None:
        self._mappings = list(mappings)
        self._fill_saved()

    def _fill_saved(self) -> None:
        kind = self.kind.currentData()
        current = self.saved.currentData()
        self.saved.clear()
        self.saved.addItem(self.tr("Detect them from the headers"), None)
        for saved in self._mappings:
            if saved.kind == kind:
                self.saved.addItem(self.tr("Saved mapping “%1”").replace("%1", saved.name), saved.name)
        self.saved.setCurrentIndex(max(self.saved.findData(current), 0))
        self.saved.setEnabled(self.saved.count() > 1)
        self.saved.setToolTip("" if self.saved.isEnabled() else self.tr(
            "No columns saved yet for this kind of file: they are recognised from the headers, and you can save "
            "them by name on the Columns page."))

    def select_saved(self, name: str) -> None:
        self.saved.setCurrentIndex(max(self.saved.findData(name), 0))

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
        saved = next((m for m in self._mappings if m.name == self.saved.currentData()), None)
        if (str(path), self.kind.currentData(), saved) != (state.path, state.kind, state.saved):
            state.path, state.kind, state.saved = str(path), self.kind.currentData(), saved
            known = {k: v for k, v in (saved.options if saved else {}).items()
                     if k in api.ImportOptions.__dataclass_fields__}
            state.options = api.ImportOptions(**known)
            state.table = state.mapping = state.preview = state.result = None
        return True


class ReadPage(_BusyPage):
    """How the file reads: the options, and the first rows as the importer sees them."""

    def __init__(self, wizard):
        super().__init__(wizard)
        self.setTitle(self.tr("How the file reads"))
        self.setSubTitle(self.tr("The first rows as they were read. If accents or columns look wrong, choose the "
                                 "encoding or the separator; title rows above the header and a totals row are "
                                 "left out."))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.sheet = QComboBox()
        self.sheet.setObjectName("import_sheet")
        self.encoding = QComboBox()
        self.encoding.setObjectName("import_encoding")
        self.encoding.addItem(self.tr("Detect"), None)
        for code, label in (("utf-8", "UTF-8"), ("cp1252", "Windows-1252 (Excel)"), ("latin-1", "Latin-1")):
            self.encoding.addItem(label, code)
        self.delimiter = QComboBox()
        self.delimiter.setObjectName("import_delimiter")
        self.delimiter.addItem(self.tr("Detect"), None)
        self.delimiter.addItem(self.tr("Comma ( , )"), ",")
        self.delimiter.addItem(self.tr("Semicolon ( ; )"), ";")
        self.delimiter.addItem(self.tr("Tab"), "tab")
        self.header_line = QSpinBox()
        self.header_line.setObjectName("import_header_line")
        self.header_line.setRange(0, 1000)
        self.header_line.setSpecialValueText(self.tr("Detect"))
        self.date_format = QComboBox()
        self.date_format.setObjectName("import_date_format")
        self.date_format.addItem(self.tr("Detect (when only one reading is possible)"), None)
        for fmt, label in (("dd/mm/yyyy", self.tr("day/month/year (31/01/2026)")),
                           ("mm/dd/yyyy", self.tr("month/day/year (01/31/2026)")),
                           ("yyyy-mm-dd", self.tr("year-month-day (2026-01-31)")),
                           ("d-m-yy", self.tr("day-month-year, short (31-1-26)"))):
            self.date_format.addItem(label, fmt)
        self.decimal = QComboBox()
        self.decimal.setObjectName("import_decimal")
        self.decimal.addItem(self.tr("As the company writes them"), None)
        self.decimal.addItem(self.tr("Comma (1.234,56)"), ",")
        self.decimal.addItem(self.tr("Point (1,234.56)"), ".")
        self.sheet_label = QLabel(self.tr("Sheet"))
        self.encoding_label = QLabel(self.tr("Encoding"))
        self.delimiter_label = QLabel(self.tr("Separator"))
        form.addRow(self.sheet_label, self.sheet)
        form.addRow(self.encoding_label, self.encoding)
        form.addRow(self.delimiter_label, self.delimiter)
        form.addRow(self.tr("Header on line"), self.header_line)
        form.addRow(self.tr("Dates written as"), self.date_format)
        self.far_dates = QCheckBox(self.tr("Accept dates more than a year from today (old documents)"))
        self.far_dates.setObjectName("import_far_dates")
        self.far_dates.toggled.connect(lambda _on: self._option_changed(reread=False))
        form.addRow("", self.far_dates)
        form.addRow(self.tr("Decimals"), self.decimal)
        layout.addLayout(form)
        layout.addWidget(self.status)
        self.sample = _table([], "import_sample")
        layout.addWidget(self.sample, 1)
        self._filling = False
        self._reread = QTimer(self)
        self._reread.setSingleShot(True)
        self._reread.setInterval(250)
        self._reread.timeout.connect(self._read)
        for combo in (self.sheet, self.encoding, self.delimiter):
            combo.currentIndexChanged.connect(lambda _i: self._option_changed(reread=True))
        self.header_line.valueChanged.connect(lambda _v: self._option_changed(reread=True))
        for combo in (self.date_format, self.decimal):
            combo.currentIndexChanged.connect(lambda _i: self._option_changed(reread=False))

    def initializePage(self) -> None:
        state = self.w.state
        csv = Path(state.path).suffix.lower() != ".xlsx"
        for widget in (self.encoding, self.encoding_label, self.delimiter, self.delimiter_label):
            widget.setVisible(csv)
        self.sheet.setVisible(not csv)
        self.sheet_label.setVisible(not csv)
        self._filling = True
        options = state.options
        self.sheet.clear()
        if options.sheet:
            self.sheet.addItem(options.sheet, options.sheet)
        for combo, value in ((self.encoding, options.encoding), (self.delimiter, options.delimiter),
                             (self.date_format, options.date_format), (self.decimal, options.decimal)):
            combo.setCurrentIndex(max(combo.findData(value), 0))
        self.header_line.setValue(options.header_line or 0)
        self.far_dates.setChecked(options.allow_far_dates)
        self._filling = False
        self._read()  # again each time: the file may have been corrected meanwhile

    def options(self) -> api.ImportOptions:
        return replace(self.w.state.options, sheet=self.sheet.currentData() if not self.sheet.isHidden() else None,
                       encoding=self.encoding.currentData(), delimiter=self.delimiter.currentData(),
                       header_line=self.header_line.value() or None, date_format=self.date_format.currentData(),
                       decimal=self.decimal.currentData(), allow_far_dates=self.far_dates.isChecked())

    def _option_changed(self, reread: bool) -> None:
        if self._filling:
            return
        self.w.state.options = self.options()
        self.w.state.preview = None
        if reread:
            self._ready = False
            self.completeChanged.emit()
            self._reread.start()

    def _read(self) -> None:
        state = self.w.state
        self.say(self.tr("Reading %1…").replace("%1", Path(state.path).name))
        self.start(_read_job, state.path, state.options)

    @staticmethod
    def _label(combo: QComboBox, value, default: str) -> str:
        """How the combo names what was detected ("Semicolon ( ; )", "Windows-1252 (Excel)")."""
        found = combo.findData(value)
        return combo.itemText(found) if value is not None and found >= 0 else default

    def answer(self, answer) -> bool:
        state = self.w.state
        self._filling = True
        if answer.sheets and self.sheet.count() != len(answer.sheets):
            current = self.sheet.currentData()
            self.sheet.clear()
            for name in answer.sheets:
                self.sheet.addItem(name, name)
            self.sheet.setCurrentIndex(max(self.sheet.findData(current), 0))
        self._filling = False
        table = answer.table
        if table is None:
            state.table = None
            self.sample.model().set_headers([])
            self.say(QCoreApplication.translate("ImportWizard", "The file cannot be read: %1")
                     .replace("%1", answer.problem), error=True)
            return False
        if state.table is None or state.table.headers != table.headers:
            state.mapping = None
        state.table = table
        if table.sheet:
            self._filling = True
            self.sheet.setCurrentIndex(max(self.sheet.findData(table.sheet), 0))
            self._filling = False
        self.sample.model().set_headers(table.headers)
        _fill(self.sample, [cells[:len(table.headers)] for _line, cells in table.rows[:20]])
        lines = [self.tr("%n data row(s) read; the header is on line %1.", "", table.scan())
                 .replace("%1", str(table.header_line))]
        if table.encoding:
            encoding = {"utf-8-sig": "utf-8"}.get(table.encoding, table.encoding)
            delimiter = {"\t": "tab"}.get(table.delimiter or "", table.delimiter)
            lines.append(self.tr("Encoding: %1. Separator: %2.")
                         .replace("%1", self._label(self.encoding, encoding, table.encoding))
                         .replace("%2", self._label(self.delimiter, delimiter, table.delimiter or "")))
        for line, why in table.skipped[:5]:
            lines.append(self.tr("Line %1 left out: %2").replace("%1", str(line)).replace("%2", tr(why)))
        if len(table.skipped) > 5:
            lines.append(self.tr("… and %n more line(s) left out.", "", len(table.skipped) - 5))
        self.say("\n".join(lines))
        return bool(table.headers)


class MappingPage(QWizardPage):
    """Which column of the file is which field; the mapping can be saved by name."""

    def __init__(self, wizard):
        super().__init__()
        self.w = wizard
        self.setTitle(self.tr("Columns"))
        self.setSubTitle(self.tr("Each column of the file and the field it fills. The usual Spanish and English "
                                 "headers are recognised; change any that is wrong. Fields marked * are needed."))
        layout = QVBoxLayout(self)
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("import_mapping")
        self.table.setHorizontalHeaderLabels([self.tr("Column in the file"), self.tr("Field"), self.tr("First values")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        self.hint = QLabel()
        self.hint.setObjectName("import_mapping_hint")
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        self.problem = _error_label("import_mapping_problem")
        layout.addWidget(self.problem)
        self.create_customers = QCheckBox(self.tr("Create the customers the file names that are not in the books "
                                                  "yet (code and name from the file)"))
        self.create_customers.setObjectName("import_create_customers")
        layout.addWidget(self.create_customers)
        row = QHBoxLayout()
        self.save = QCheckBox(self.tr("Save these columns as"))
        self.save.setObjectName("import_save_mapping")
        self.save_name = QLineEdit()
        self.save_name.setObjectName("import_mapping_name")
        self.save_name.setPlaceholderText(self.tr("e.g. the system the file comes from"))
        self.save_name.textChanged.connect(lambda t: self.save.setChecked(bool(t.strip())))
        row.addWidget(self.save)
        row.addWidget(self.save_name, 1)
        layout.addLayout(row)
        self.combos: list[QComboBox] = []
        self._saved_as: tuple | None = None  # (name, mapping, options) last saved: not saved twice

    def initializePage(self) -> None:
        state = self.w.state
        table = state.table
        fields = api.fields_for(state.kind)
        mapping = state.mapping
        hints = []
        if mapping is None:
            guess = api.detect_mapping(state.kind, table.headers)
            mapping = guess.mapping
            if state.saved is not None:
                try:
                    mapping = api.apply_overrides(guess.mapping, table.headers, state.saved.mapping.as_dict())
                except api.MappingError as exc:
                    hints.append(self.tr("The saved mapping does not fit this file: %1").replace("%1", str(exc)))
            for name, headers in guess.ambiguous:
                info = next(f for f in fields if f.name == name)
                hints.append(self.tr("“%1” could be any of %2; the first was taken.")
                             .replace("%1", field_name(info)).replace("%2", ", ".join(f"“{h}”" for h in headers)))
        self.hint.setText("\n".join(hints))
        self.hint.setVisible(bool(hints))
        chosen = mapping.as_dict()
        self.combos = []
        self.table.setRowCount(len(table.headers))
        for r, header in enumerate(table.headers):
            self.table.setItem(r, 0, QTableWidgetItem(header or self.tr("(no name)")))
            samples = [cells[r] for _line, cells in table.rows[:3] if r < len(cells) and cells[r]]
            self.table.setItem(r, 2, QTableWidgetItem(" · ".join(samples)))
            combo = QComboBox()
            combo.setObjectName(f"map_{r}")
            combo.addItem(self.tr("(not imported)"), "")
            for info in fields:
                combo.addItem(field_label(info), info.name)
            combo.setCurrentIndex(max(combo.findData(chosen.get(header, "")), 0))
            combo.setEnabled(bool(header.strip()))
            combo.currentIndexChanged.connect(lambda _i: self._changed())
            self.table.setCellWidget(r, 1, combo)
            self.combos.append(combo)
        self.table.resizeColumnToContents(0)
        self.table.resizeColumnToContents(1)
        self.create_customers.setVisible(state.kind == "invoices")
        self.create_customers.setChecked(state.options.create_customers)
        if state.saved is not None and not self.save_name.text():
            self.save_name.setText(state.saved.name)
            self.save.setChecked(False)
        self._changed()

    def choices(self) -> dict[str, str]:
        headers = self.w.state.table.headers
        return {headers[r]: combo.currentData() for r, combo in enumerate(self.combos) if headers[r].strip()}

    def mapping(self) -> api.Mapping | None:
        """The mapping chosen, or None (and the reason shown) when it cannot be used."""
        state = self.w.state
        try:
            mapping = api.make_mapping(state.kind, state.table.headers, self.choices())
        except api.MappingError as exc:
            self.problem.setText(str(exc))
            return None
        missing = mapping.missing_required()
        if missing:
            labels = {f.name: field_name(f) for f in api.fields_for(state.kind)}
            self.problem.setText(self.tr("Choose a column for: %1.").replace(
                "%1", ", ".join(labels.get(m, m) for m in missing)))
            return None
        self.problem.setText("")
        return mapping

    def _changed(self) -> None:
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return bool(self.combos) and self.mapping() is not None

    def validatePage(self) -> bool:
        state = self.w.state
        mapping = self.mapping()
        if mapping is None:
            return False
        options = replace(state.options, create_customers=not self.create_customers.isHidden()
                          and self.create_customers.isChecked())
        if (mapping, options) != (state.mapping, state.options):
            state.mapping, state.options, state.preview = mapping, options, None
        name = self.save_name.text().strip()
        if self.save.isChecked() and name and self._saved_as != (name, mapping, options):
            self.problem.setText("")
            self.w.ctx.runner.write(_save_job, name, mapping, options.as_dict(),
                                    on_done=lambda saved: self._saved(saved, (name, mapping, options)),
                                    on_error=self._not_saved)
            return False  # Next again once it is saved
        return True

    def _saved(self, saved, key) -> None:
        self._saved_as = key
        self.w.state.saved = saved
        if self.w.currentPage() is self:
            self.w.next()

    def _not_saved(self, exc) -> None:
        self.problem.setText(self.tr("The mapping was not saved: %1").replace("%1", str(exc)))


class CheckPage(_BusyPage):
    """Every row checked against the file and the books: every bad row, and what importing would change."""

    def __init__(self, wizard):
        super().__init__(wizard)
        self.setTitle(self.tr("Check"))
        self.setSubTitle(self.tr("Every row was checked as it would be imported. Nothing has been written yet."))
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("Import"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("import_check_tabs")
        self.problems = _table([self.tr("Line"), self.tr("Column"), self.tr("Problem")], "import_problems")
        self.changes = _table([self.tr("Line"), self.tr("What"), self.tr("Document or customer"),
                               self.tr("Details")], "import_changes")
        self.warnings = _table([self.tr("Line"), self.tr("Column"), self.tr("Note")], "import_warnings")
        self.skipped = _table([self.tr("Line"), self.tr("Why")], "import_skipped")
        for table in (self.problems, self.changes, self.warnings, self.skipped):
            self.tabs.addTab(table, "")
        layout.addWidget(self.tabs, 1)
        self.choice = QButtonGroup(self)
        self.import_all = QRadioButton(self.tr("Import every row"))
        self.import_all.setObjectName("import_all")
        self.import_valid = QRadioButton(self.tr("Import only the good rows and save the rejected ones to a file"))
        self.import_valid.setObjectName("import_valid")
        self.choice.addButton(self.import_all)
        self.choice.addButton(self.import_valid)
        layout.addWidget(self.import_all)
        layout.addWidget(self.import_valid)
        row = QHBoxLayout()
        self.rejected = QLineEdit()
        self.rejected.setObjectName("import_rejected_path")
        self.browse = QPushButton(self.tr("Choose…"))
        self.browse.clicked.connect(self._choose_rejected)
        self.rejected_label = QLabel(self.tr("Rejected rows to"))
        row.addSpacing(24)
        row.addWidget(self.rejected_label)
        row.addWidget(self.rejected, 1)
        row.addWidget(self.browse)
        layout.addLayout(row)
        self.choice.buttonToggled.connect(lambda *_a: self._choice_changed())
        self.rejected.textChanged.connect(lambda _t: self.completeChanged.emit())

    def initializePage(self) -> None:
        state = self.w.state
        self.say(self.tr("Checking every row…"))
        for table in (self.problems, self.changes, self.warnings, self.skipped):
            table.model().set_rows([])
        self._tab_titles(None)
        for widget in (self.import_all, self.import_valid):
            widget.setEnabled(False)
        source = Path(state.path)
        # beside the file, named in the language of the window ("ventas-rechazadas.csv")
        self.rejected.setText(str(source.with_name(source.stem + self.tr("-rejected") + source.suffix)))
        self._choice_changed()
        self.start(_preview_job, state.kind, state.path, state.mapping, state.options)

    def _tab_titles(self, preview) -> None:
        counts = (len(preview.problems), sum(preview.counts.values()), len(preview.warnings),
                  len(preview.skipped)) if preview else (0, 0, 0, 0)
        titles = (self.tr("Problems (%1)"), self.tr("Changes (%1)"), self.tr("Notes (%1)"),
                  self.tr("Lines left out (%1)"))
        for i, (title, count) in enumerate(zip(titles, counts)):
            self.tabs.setTabText(i, title.replace("%1", format_decimal(count, locale=self.w.ctx.formatter.locale)))

    def answer(self, answer) -> bool:
        state = self.w.state
        state.table, preview = answer  # what is imported is what was checked
        state.preview = preview
        self._tab_titles(preview)
        _fill(self.problems, [(p.line, p.column, p.message) for p in preview.problems])
        _fill(self.changes, [(c.line, tr(CHANGE_LABELS.get(c.action, c.action)), c.key,
                              "; ".join(f"{f}: {b} → {a}" for f, b, a in c.details)) for c in preview.changes])
        _fill(self.warnings, [(p.line, p.column, p.message) for p in preview.warnings])
        _fill(self.skipped, [(line, tr(why)) for line, why in preview.skipped])
        counts = preview.counts  # over the whole file (the list shows its first changes)
        parts = [self.tr("%n row(s) read", "", preview.rows)] + _count_texts(counts, self.w.ctx.formatter.locale)
        totals = ", ".join(self.w.ctx.formatter.money(amount, cur) for cur, amount in preview.totals)
        summary = "; ".join(parts) + (f" ({totals})" if totals else "") + "."
        if len(preview.changes) < sum(counts.values()):  # a big file: its first changes are listed
            summary += " " + self.tr("The Changes tab lists the first %1.").replace(
                "%1", format_decimal(len(preview.changes), locale=self.w.ctx.formatter.locale))
        bad = len(preview.bad_lines)
        if preview.ok:
            self.say(summary + " " + self.tr("Every row can be imported."))
            self.import_all.setEnabled(True)
            self.import_all.setChecked(True)
            self.tabs.setCurrentWidget(self.changes)
        elif preview.valid_rows <= 0:
            self.say(summary + " " + self.tr("No row can be imported: correct the file and go back to check it "
                                             "again."), error=True)
            self.tabs.setCurrentWidget(self.problems)
        else:
            self.say(summary + " " + self.tr("%n row(s) have problems: correct them in the file and go back to "
                                             "check again, or import only the good rows.", "", bad), error=True)
            self.import_valid.setEnabled(preview.valid_rows > 0)
            self.import_valid.setChecked(preview.valid_rows > 0)
            self.tabs.setCurrentWidget(self.problems)
        self._choice_changed()
        return True

    def _choice_changed(self) -> None:
        on = self.import_valid.isChecked() and self.import_valid.isEnabled()
        for widget in (self.rejected, self.browse, self.rejected_label):
            widget.setEnabled(on)
        self.completeChanged.emit()

    def _choose_rejected(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the rejected rows to"), self.rejected.text(),
                                              self.tr("CSV or Excel files (*.csv *.xlsx)"))
        if path:
            self.rejected.setText(path)

    def valid_only(self) -> bool:
        return self.import_valid.isChecked() and self.import_valid.isEnabled()

    def isComplete(self) -> bool:
        if not self._ready:
            return False
        if self.import_all.isChecked() and self.import_all.isEnabled():
            return True
        return self.valid_only() and bool(self.rejected.text().strip())


class DonePage(_BusyPage):
    """The import itself (progress, Cancel), then what it did."""

    def __init__(self, wizard):
        super().__init__(wizard)
        self.setTitle(self.tr("Import"))
        self.setFinalPage(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        row = QHBoxLayout()
        self.bar = QProgressBar()
        self.bar.setObjectName("import_progress")
        self.cancel = QPushButton(self.tr("Cancel"))
        self.cancel.setObjectName("import_cancel")
        self.cancel.clicked.connect(self._cancel)
        row.addWidget(self.bar, 1)
        row.addWidget(self.cancel)
        layout.addLayout(row)
        self.details = QLabel()
        self.details.setObjectName("import_details")
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.details)
        self.again = QPushButton(self.tr("Import another file…"))
        self.again.setObjectName("import_again")
        self.again.clicked.connect(self.w.import_another)
        self.again.hide()
        self.open_rejected = QPushButton(self.tr("Open the rejected rows"))
        self.open_rejected.setObjectName("import_open_rejected")
        self.open_rejected.clicked.connect(self._open_rejected)
        self.open_rejected.hide()
        buttons = QHBoxLayout()
        buttons.addWidget(self.again)
        buttons.addWidget(self.open_rejected)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.progress: Progress | None = None
        self._forget = lambda: None

    def initializePage(self) -> None:
        state, check = self.w.state, self.w.check_page
        self.say(self.tr("Importing…"))
        self.details.clear()
        self.again.hide()
        self.open_rejected.hide()
        self.bar.setRange(0, 0)
        self.bar.show()
        self.cancel.show()
        self.cancel.setEnabled(True)
        self.progress = Progress()
        self.progress.moved.connect(self._moved)
        self._forget()
        self._forget = self.w.ctx.runner.add_canceller(self.progress.cancelled.set)  # quitting cancels it
        valid_only = check.valid_only()
        self.start(_import_job, self.w.ctx.runner.write_sessions, state.kind, state.table, state.mapping,
                   state.options, valid_only, check.rejected.text().strip() if valid_only else None, self.progress,
                   write=True)

    def _error(self, task: int, exc: BaseException) -> None:
        """Not a user's mistake (those are in the result): said as it is, and the wizard can be closed."""
        super()._error(task, exc)
        if task == self._task:
            self._forget()
            self.bar.hide()
            self.cancel.hide()
            self._ready = True
            self.completeChanged.emit()

    def running(self) -> bool:
        return not self._ready

    def _open_rejected(self) -> None:
        """The rejected rows in the program the desktop opens such files with (Excel, LibreOffice)."""
        result = self.w.state.result
        if result is not None and result.rejected_path:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(result.rejected_path)))

    def _moved(self, done: int, total: int) -> None:
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(done)

    def _cancel(self) -> None:
        if self.progress is not None:
            self.progress.cancelled.set()
            self.cancel.setEnabled(False)

    def answer(self, answer) -> bool:
        result, changes = answer
        self._forget()
        self.w.state.result = result
        self.bar.hide()
        self.cancel.hide()
        if changes:
            self.w.ctx.runner.data_changed.emit(changes)
        counts = result.counts
        what = tr(KIND_LABELS.get(result.kind, result.kind)).lower()
        details = []
        if result.cancelled:
            self.say(self.tr("Cancelled: nothing was imported."), error=True)
        elif not result.ok:
            self.say(self.tr("Nothing was imported."), error=True)
            details = [f"{p.line}: {p.column}: {p.message}" for p in result.problems]
        else:
            totals = ", ".join(self.w.ctx.formatter.money(amount, cur) for cur, amount in result.totals)
            self.say(self.tr("Imported: %n row(s) (%1).", "", result.imported).replace("%1", what)
                     + (f" {totals}" if totals else ""))
            details.extend(_count_texts(counts, self.w.ctx.formatter.locale))
            if result.rejected:
                details.append(self.tr("%n row(s) with problems were left out and saved to %1", "", result.rejected)
                               .replace("%1", result.rejected_path or ""))
            details.extend(result.warnings)
        self.details.setText("\n".join(details))
        self.again.show()
        self.open_rejected.setVisible(bool(result.ok and result.rejected and result.rejected_path))
        self.w.imported.emit(result)
        return True


class ImportWizard(QWizard):
    """File → Import…"""

    #: the import's ImportResult, once it ran (imported, refused or cancelled)
    imported = Signal(object)

    def __init__(self, ctx, parent: QWidget | None = None, *, kind: str | None = None, path: str | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.state = ImportState()
        self.setObjectName("import_wizard")
        self.setWindowTitle(self.tr("Import from a file"))
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
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
        self.resize(860, 620)

    def import_another(self) -> None:
        """From the last page: the first page again, for the next kind of file (customers, then invoices, ...)."""
        kinds = list(api.KINDS)
        done, result = self.state.kind, self.state.result
        self.state = ImportState()
        self.file_page.path.clear()
        self.file_page.reload_saved()  # with the columns this import saved
        if result is not None and result.ok and done in kinds:  # else the same kind again, corrected
            self.file_page.kind.setCurrentIndex(self.file_page.kind.findData(kinds[(kinds.index(done) + 1) % len(kinds)]))
        self.restart()

    def reject(self) -> None:
        """Escape or the window's close button while the import runs is its Cancel: the wizard stays to say
        that nothing was imported."""
        if self.currentPage() is self.done_page and self.done_page.running():
            self.done_page._cancel()
            return
        super().reject()


def open_import_wizard(window, kind: str | None = None, path: str | None = None) -> ImportWizard:
    """File → Import…, the customers page's empty state and the first start's "import my data"."""
    wizard = ImportWizard(window.ctx, window, kind=kind, path=path)
    wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    wizard.open()
    return wizard
