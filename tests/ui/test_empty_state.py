"""The empty-state overlay and the buttons disabled on an empty list follow the model as it fills."""

from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QPushButton, QTableView

from app.ui.empty_state import EmptyState, disable_when_empty


def test_the_overlay_shows_while_empty_and_offers_the_next_step(qtbot):
    model = QStandardItemModel(0, 2)
    view = QTableView()
    view.setModel(model)
    qtbot.addWidget(view)
    view.resize(600, 400)
    view.show()
    clicked = []
    empty = EmptyState(view, "No customers yet", "Import a file or add one.",
                       [("Add a customer…", lambda: clicked.append("add"))])
    assert empty.isVisible() and empty.geometry() == view.viewport().rect()
    empty.buttons[0].click()
    assert clicked == ["add"]
    model.appendRow([QStandardItem("C1"), QStandardItem("Ferretería")])
    assert not empty.isVisible()
    model.removeRows(0, 1)
    assert empty.isVisible()
    view.resize(800, 500)
    qtbot.waitUntil(lambda: empty.geometry() == view.viewport().rect())


def test_export_is_disabled_on_an_empty_list_with_the_reason(qtbot):
    model = QStandardItemModel(0, 1)
    export = QPushButton("Export…")
    export.setToolTip("Save the list as Excel")
    qtbot.addWidget(export)
    disable_when_empty(model, [export], "Nothing to export: the list is empty.")
    assert not export.isEnabled() and export.toolTip() == "Nothing to export: the list is empty."
    model.appendRow(QStandardItem("x"))
    assert export.isEnabled() and export.toolTip() == "Save the list as Excel"
