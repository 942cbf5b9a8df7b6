"""The payment dialog's allocation table: open due lines with an editable amount to apply to each."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, Signal

from app.ledger.errors import LedgerError
from app.ledger.views import AllocationSuggestion

from .base import RIGHT, SnapshotTableModel


class AllocationTableModel(SnapshotTableModel):
    COL_INVOICE, COL_DUE, COL_OPEN, COL_APPLY = range(4)
    COLUMN_COUNT = 4
    MONEY_COLUMNS = (COL_OPEN, COL_APPLY)

    amounts_changed = Signal()

    def __init__(self, formatter=None, currency: str = "PEN", parent=None):
        super().__init__(formatter, parent)
        self.currency = currency
        self._amounts: list[int] = []

    def headers(self) -> list[str]:
        translate = QCoreApplication.translate
        return [translate("AllocationModel", "Invoice"), translate("AllocationModel", "Due date"), translate("AllocationModel", "Open"),
                translate("AllocationModel", "Apply")]

    def set_suggestions(self, suggestions: list[AllocationSuggestion], currency: str) -> None:
        self.beginResetModel()
        self.currency = currency
        self._rows = list(suggestions)
        self._amounts = [s.amount_minor for s in suggestions]
        self.endResetModel()
        self.amounts_changed.emit()

    def set_rows(self, rows) -> None:
        self.set_suggestions(list(rows), self.currency)

    def amounts(self) -> list[int]:
        return list(self._amounts)

    def allocations(self) -> list[tuple[int, int]]:
        """(due_line_id, amount_minor) for every line with something to apply."""
        return [(r.due_line_id, a) for r, a in zip(self._rows, self._amounts) if a > 0]

    def total(self) -> int:
        return sum(self._amounts)

    def display(self, r: AllocationSuggestion, col: int) -> str:
        f = self.formatter
        if col == self.COL_INVOICE:
            return r.invoice_number
        if col == self.COL_DUE:
            return f.date(r.due_date)
        if col == self.COL_OPEN:
            return f.money(r.open_minor, self.currency)
        return f.edit_text(self._amounts[self._rows.index(r)], self.currency)

    def sort_value(self, r: AllocationSuggestion, col: int):
        i = self._rows.index(r)
        return [r.invoice_number, r.due_date, r.open_minor, self._amounts[i]][col]

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if index.isValid() and index.column() == self.COL_APPLY and 0 <= index.row() < len(self._rows):
            amount = self._amounts[index.row()]
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
                return self.formatter.edit_text(amount, self.currency)
            if role == Qt.ItemDataRole.UserRole + 1:
                return amount
        return super().data(index, role)

    def flags(self, index):
        base = super().flags(index)
        if index.isValid() and index.column() == self.COL_APPLY:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: QModelIndex, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or index.column() != self.COL_APPLY:
            return False
        if isinstance(value, int):
            amount = value
        else:
            text = str(value or "").strip()
            try:
                amount = 0 if text == "" else self.formatter.parse_money(text, self.currency)
            except LedgerError:
                return False
        if amount < 0:
            return False
        self._amounts[index.row()] = amount
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole])
        self.amounts_changed.emit()
        return True

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.TextAlignmentRole \
                and section in self.MONEY_COLUMNS:
            return RIGHT
        return super().headerData(section, orientation, role)
