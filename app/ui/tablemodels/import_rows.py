"""The import wizard's lists (the file's first rows, the check's problems, changes, notes and left-out lines):
rows of text, as many as the file has, shown lazily by the view rather than as one widget item per cell."""

from __future__ import annotations

from .base import SnapshotTableModel


class TextRowsModel(SnapshotTableModel):
    """Rows of values shown as text under the given headers; a cell's tooltip is its whole text."""

    def __init__(self, headers: list[str], parent=None):
        self._given = list(headers)
        super().__init__(None, parent)
        self.COLUMN_COUNT = len(headers)

    def headers(self) -> list[str]:
        return self._given

    def set_headers(self, headers: list[str]) -> None:
        self.beginResetModel()
        self._given = self._headers = list(headers)
        self.COLUMN_COUNT = len(headers)
        self._rows = []
        self.endResetModel()

    def display(self, row, col: int) -> str:
        return str(row[col]) if col < len(row) else ""

    def sort_value(self, row, col: int):
        return row[col] if col < len(row) else ""

    def tooltip(self, row, col: int) -> str | None:
        return self.display(row, col) or None
