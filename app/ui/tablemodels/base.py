"""A small base for tables that show a list of frozen snapshots (the card's open items, payments...)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from ..formatting import Formatter

SortRole = Qt.ItemDataRole.UserRole + 1
RowRole = Qt.ItemDataRole.UserRole + 2
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class SnapshotTableModel(QAbstractTableModel):
    """Subclasses define COLUMN_COUNT, MONEY_COLUMNS, headers(), display(row, col) and sort_value(row, col)."""

    COLUMN_COUNT = 0
    MONEY_COLUMNS: tuple[int, ...] = ()

    def __init__(self, formatter: Formatter | None = None, parent=None):
        super().__init__(parent)
        self.formatter = formatter or Formatter()
        self._rows: list = []
        self._headers = self.headers()

    def headers(self) -> list[str]:  # pragma: no cover - abstract
        raise NotImplementedError

    def display(self, row, col: int) -> str:  # pragma: no cover - abstract
        raise NotImplementedError

    def sort_value(self, row, col: int):  # pragma: no cover - abstract
        raise NotImplementedError

    def foreground(self, row, col: int):
        return None

    def tooltip(self, row, col: int) -> str | None:
        return None

    def set_rows(self, rows) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list:
        return list(self._rows)

    def row(self, index: int):
        return self._rows[index]

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else self.COLUMN_COUNT

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and 0 <= section < self.COLUMN_COUNT:
            if role == Qt.ItemDataRole.DisplayRole:
                return self._headers[section]
            if role == Qt.ItemDataRole.TextAlignmentRole and section in self.MONEY_COLUMNS:
                return RIGHT
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        r, col = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(r, col)
        if role == SortRole:
            return self.sort_value(r, col)
        if role == RowRole:
            return r
        if role == Qt.ItemDataRole.TextAlignmentRole and col in self.MONEY_COLUMNS:
            return RIGHT
        if role == Qt.ItemDataRole.ForegroundRole:
            return self.foreground(r, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(r, col)
        return None
