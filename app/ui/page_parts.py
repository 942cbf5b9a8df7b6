"""Small builders the main window's pages and the settings tabs share, so a page says what it shows rather
than repeating how Qt lays it out: the page title, the as-of date field, a list table, a grey hint, and
rows and columns of widgets."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from .widgets import DateEdit

HINT_STYLE = "color: #555;"


def page_title(text: str) -> QLabel:
    """The large bold title at the top of a page."""
    label = QLabel(text)
    label.setStyleSheet("font-size: 16pt; font-weight: 600;")
    return label


def as_of_edit(ctx, object_name: str) -> DateEdit:
    """A page's as-of date: today by the app's clock to begin with, in the locale's date format."""
    edit = DateEdit(ctx.formatter, ctx.today())
    edit.setObjectName(object_name)
    return edit


def list_table(model, object_name: str) -> QTableView:
    """A table over `model` that selects whole rows, with alternating row colours and no row numbers."""
    view = QTableView()
    view.setObjectName(object_name)
    view.setModel(model)
    view.verticalHeader().hide()
    view.setAlternatingRowColors(True)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    # column widths from the first 100 rows, not Qt's 1,000: Today's list at 100,000 customers spent
    # 0.5-1.4 s of the GUI thread formatting amounts only to measure them
    view.horizontalHeader().setResizeContentsPrecision(100)
    return view


def hint_label(text: str = "") -> QLabel:
    """Grey, word-wrapped explanatory text."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet(HINT_STYLE)
    return label


def tab_button(text: str) -> QPushButton:
    """A button on a tab of the settings dialog: Enter in one of the tab's fields must not press it (nor the
    dialog's OK), so it is never a default button."""
    button = QPushButton(text)
    button.setDefault(False)
    button.setAutoDefault(False)
    return button


STRETCH = None  # in hbox/vbox: a stretch (pushes what follows to the far end)


def _fill(layout: QBoxLayout, items) -> QBoxLayout:
    for item in items:
        stretch = 0
        if isinstance(item, tuple):
            item, stretch = item
        if item is STRETCH:
            layout.addStretch(1)
        elif isinstance(item, int):
            layout.addSpacing(item)
        elif isinstance(item, QLayout):
            layout.addLayout(item, stretch)
        else:
            layout.addWidget(item, stretch)
    return layout


def hbox(*items, parent: QWidget | None = None) -> QHBoxLayout:
    """A row of widgets and layouts, left to right; STRETCH pushes the rest right; a number is that many
    pixels of space; (item, n) gives that item stretch factor n. With `parent` the row becomes that
    widget's layout."""
    return _fill(QHBoxLayout(parent) if parent is not None else QHBoxLayout(), items)


def vbox(*items, parent: QWidget | None = None) -> QVBoxLayout:
    """A column of widgets and layouts, top to bottom, as `hbox`."""
    return _fill(QVBoxLayout(parent) if parent is not None else QVBoxLayout(), items)
