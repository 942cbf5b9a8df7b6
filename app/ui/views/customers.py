"""The customers page: search box, the lazy customers table, buttons to enter documents."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from ..context import AppContext
from ..empty_state import EmptyState
from ..page_parts import STRETCH, hbox, list_table, page_title, vbox
from ..tablemodels import customers as cm

SEARCH_DELAY_MS = 250


class CustomersView(QWidget):
    #: the areas of app.ledger.changes whose writes this page shows (MainWindow.refresh_views)
    concerns = frozenset({"customers", "documents", "settings"})
    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.cards: dict[str, QWidget] = {}
        self.model = cm.CustomersTableModel(ctx.runner, ctx.formatter, parent=self)

        self.title = page_title(self.tr("Customers"))
        self.search = QLineEdit()
        self.search.setObjectName("customer_search")
        self.search.setPlaceholderText(self.tr("Search by code, name, tax ID or e-mail"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(320)
        self.count = QLabel()
        self.btn_new_customer = QPushButton(self.tr("New customer"))
        self.btn_new_invoice = QPushButton(self.tr("New invoice"))
        self.btn_new_payment = QPushButton(self.tr("New payment"))
        self.btn_open = QPushButton(self.tr("Open card"))

        self.table = list_table(self.model, "customers_table")
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(26)
        header = self.table.horizontalHeader()
        header.setSortIndicator(cm.COL_NAME, Qt.SortOrder.AscendingOrder)
        header.setSortIndicatorShown(True)
        header.setSectionsClickable(True)
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(cm.COL_NAME, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(48)
        for col, width in ((cm.COL_CODE, 80), (cm.COL_TAX_ID, 110), (cm.COL_CITY, 140), (cm.COL_CURRENCY, 70),
                           (cm.COL_BALANCE, 125), (cm.COL_OVERDUE, 125), (cm.COL_ON_HOLD, 90)):
            self.table.setColumnWidth(col, width)
        header.sortIndicatorChanged.connect(self.model.sort)

        vbox(hbox(self.title, 16, (self.search, 1), self.count),
             hbox(self.btn_open, self.btn_new_customer, self.btn_new_invoice, self.btn_new_payment, STRETCH),
             (self.table, 1), parent=self)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_search)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.search.returnPressed.connect(self.apply_search)
        # the row the cursor lands on (Ctrl+End, Page Down) is read at once, painted or not
        self.table.selectionModel().currentChanged.connect(lambda current, _prev: self.model.fetch_row(current.row()))
        self.table.doubleClicked.connect(self._open_index)
        self.table.activated.connect(self._open_index)
        self.btn_open.clicked.connect(self.open_selected)
        self.btn_new_customer.clicked.connect(self._new_customer)
        self.btn_new_invoice.clicked.connect(lambda: self._window_call("new_invoice"))
        self.btn_new_payment.clicked.connect(lambda: self._window_call("new_payment"))
        self._loaded_once = False
        self.empty = EmptyState(
            self.table, self.tr("No customers yet"),
            self.tr("Add your first customer, or import your customers and invoices from a file "
                    "(Help → User guide, “Entering and importing”)."),
            [(self.tr("Add a customer…"), self._new_customer),
             (self.tr("Import a file…"), lambda: self._window_call("import_file")),  # app/ui/import_wizard.py
             (self.tr("User guide"), self._open_guide)],
            ready=lambda: self._loaded_once)
        self.model.total_changed.connect(self._show_count)
        self.model.loading_started.connect(lambda: self.count.setText(self.tr("Loading…")))
        self.model.failed.connect(self._show_failure)
        self.model.reload()

    # --- behaviour ---------------------------------------------------------------------

    def apply_search(self) -> None:
        self._search_timer.stop()
        self.model.set_search(self.search.text())

    def refresh(self) -> None:
        self.model.reload()

    def set_formatter(self, formatter) -> None:
        self.model.set_formatter(formatter)

    def _show_count(self, total: int) -> None:
        self.count.setText(self.tr("%n customer(s)", "", total))
        self._loaded_once = True
        searched = self.search.text().strip()
        if searched:
            self.empty.set_texts(self.tr("No customer matches “%1”").replace("%1", searched),
                                 self.tr("Try part of the name, the code or the tax id."))
        else:
            self.empty.set_texts(self.tr("No customers yet"),
                                 self.tr("Add your first customer, or import your customers and invoices from a "
                                         "file (Help → User guide, “Entering and importing”)."))
        self.empty.update_visibility()

    def _open_guide(self) -> None:
        from ..help import open_guide

        self._guide = open_guide(self.window(), "customers")

    def _show_failure(self, message: str) -> None:
        self.count.setText(self.tr("Could not load the customers: %1").replace("%1", message))

    def selected_code(self) -> str | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        row = self.model.row(rows[0].row()) if rows else None  # None: its page is still being read
        return row.code if row is not None else None

    def _open_index(self, index: QModelIndex) -> None:
        row = self.model.row(index.row()) if index.isValid() else None
        if row is not None:
            self.open_card(row.code)

    def open_selected(self) -> None:
        code = self.selected_code()
        if code:
            self.open_card(code)

    def open_card(self, code: str):
        from ..dialogs.card import CustomerCard

        card = self.cards.get(code)
        if card is not None:
            card.raise_()
            card.activateWindow()
            return card
        card = CustomerCard(self.ctx, code, self.window())
        self.cards[code] = card
        card.finished.connect(lambda _r, c=code: self.cards.pop(c, None))
        card.show()
        return card

    def _new_customer(self):
        dialog = self._window_call("new_customer")
        if dialog is not None:
            dialog.saved.connect(lambda view: self.open_card(view.code))
        return dialog

    def _window_call(self, name: str):
        method = getattr(self.window(), name, None)
        return method() if method else None
