"""The customer card's table style, shared by the card and the pieces that add tabs to it
(card_collections, card_reminders), so none of them imports the card."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QTableView


def card_table(model) -> QTableView:
    """A read-only, row-selecting table over `model` in the card's style."""
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(24)
    view.horizontalHeader().setStretchLastSection(True)
    return view


def fit_columns(view: QTableView, padding: int = 28) -> None:
    """Size columns to their contents plus some air, so right-aligned amounts do not touch."""
    view.resizeColumnsToContents()
    header = view.horizontalHeader()
    for col in range(header.count() - 1):
        view.setColumnWidth(col, view.columnWidth(col) + padding)
