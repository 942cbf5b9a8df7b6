"""The customer picker: a line edit where a customer is found by part of its name, its code or its tax id,
with a completion list the ledger fills (`search_customers`, on a reader, a few rows at a time).

Choosing a row puts the customer's code in the box, so typing a code still works and everything that read
the code box before keeps reading it; `describe` gives the "name · code · tax id" line dialogs show beside it.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import QCompleter, QLineEdit

from app.ledger.customer_list import SEARCH_LIMIT, CustomerMatch, search_customers

from .widgets import debounced


def describe(customer) -> str:
    """"Name · CODE · tax id" of a CustomerMatch or CustomerView (the tax id only when there is one)."""
    return " · ".join(p for p in (customer.name, customer.code, customer.tax_id) if p)


class CustomerMatchesModel(QAbstractListModel):
    """The customers offered: shown as "name · code · tax id", completed (EditRole) as the code."""

    MatchRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[CustomerMatch] = []

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        match = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            text = describe(match)
            if match.on_hold:
                text += "  " + self.tr("(on hold)")
            return text
        if role == Qt.ItemDataRole.EditRole:
            return match.code
        if role == Qt.ItemDataRole.ToolTipRole:
            return describe(match)
        if role == self.MatchRole:
            return match
        return None

    def set_rows(self, rows) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[CustomerMatch]:
        return list(self._rows)

    def by_code(self, code: str) -> CustomerMatch | None:
        return next((m for m in self._rows if m.code == code), None)


class CustomerPicker(QLineEdit):
    """Type part of a name, a code or a tax id; the matching customers pop up; pick one (its code fills the
    box and `chosen` carries its CustomerMatch). `matches_shown` follows each answer of the search."""

    chosen = Signal(object)
    matches_shown = Signal()

    def __init__(self, ctx, parent=None, limit: int = SEARCH_LIMIT):
        super().__init__(parent)
        self.ctx = ctx
        self.limit = limit
        self.setObjectName("customer_picker")
        self.setPlaceholderText(self.tr("Name, code or tax ID"))
        self.setClearButtonEnabled(True)
        self.matches = CustomerMatchesModel(self)
        completer = QCompleter(self.matches, self)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.setCompletionRole(Qt.ItemDataRole.EditRole)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setMaxVisibleItems(12)
        self.setCompleter(completer)
        completer.activated[str].connect(self._activated)
        self._generation = 0
        self._timer = debounced(self, self.search)
        self.textEdited.connect(lambda _t: self._timer.start())

    def code(self) -> str:
        return self.text().strip()

    def search(self) -> None:
        """Ask the ledger for the customers matching what is typed (the latest answer wins)."""
        self._timer.stop()
        self._generation += 1
        generation, text = self._generation, self.text()
        if not text.strip():
            self.matches.set_rows([])
            self.matches_shown.emit()
            return
        self.ctx.runner.read(search_customers, text, self.limit,
                             on_done=lambda rows: self._arrived(generation, rows))

    def _arrived(self, generation: int, rows) -> None:
        if generation != self._generation:
            return
        self.matches.set_rows(rows)
        completer = self.completer()
        if rows and self.hasFocus():
            completer.setCompletionPrefix(self.text())
            completer.complete()
        elif not rows:
            completer.popup().hide()
        self.matches_shown.emit()

    def choose(self, code: str) -> None:
        """Pick the offered customer with this code, as a click in the list would."""
        self.setText(code)
        self._activated(code)

    def _activated(self, code: str) -> None:
        match = self.matches.by_code(code)
        if match is not None:
            self.chosen.emit(match)
