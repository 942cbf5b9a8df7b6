"""The customers list: a lazy model that searches, sorts and pages in SQL (app.ledger.customer_list).

Sorting a million rows through QSortFilterProxyModel took minutes; here a header click asks the
database for the first page in the new order, and scrolling fetches the next pages.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from app.ledger.customer_list import PAGE_SIZE, CustomerOrder, CustomerRow, customer_order, customer_rows

from ..formatting import Formatter
from ..tasks import TaskRunner

SortRole = Qt.ItemDataRole.UserRole + 1
RowRole = Qt.ItemDataRole.UserRole + 2

COL_CODE, COL_NAME, COL_TAX_ID, COL_CITY, COL_CURRENCY, COL_BALANCE, COL_OVERDUE, COL_ON_HOLD = range(8)
COLUMN_COUNT = 8
SORT_KEYS = {
    COL_CODE: "code", COL_NAME: "name", COL_TAX_ID: "tax_id", COL_CITY: "city", COL_CURRENCY: "currency",
    COL_BALANCE: "balance", COL_OVERDUE: "overdue", COL_ON_HOLD: "on_hold",
}
MONEY_COLUMNS = (COL_BALANCE, COL_OVERDUE)


def headers() -> list[str]:
    translate = QCoreApplication.translate
    return [
        translate("CustomersModel", "Code"), translate("CustomersModel", "Name"), translate("CustomersModel", "Tax ID"),
        translate("CustomersModel", "City / Country"), translate("CustomersModel", "Currency"), translate("CustomersModel", "Balance"),
        translate("CustomersModel", "Overdue"), translate("CustomersModel", "On hold"),
    ]


def _first_page(session, search, sort_key, descending, order: CustomerOrder | None, limit, as_of):
    """(the order of every match, rows of the first page in the wanted direction).

    With `order` given (it is known) only the rows are read. Customers without an exchange rate for
    their amount stay last in both directions (CustomerOrder.in_direction)."""
    if order is None:
        order = customer_order(session, search=search, sort_key=sort_key, as_of=as_of)
    return order, customer_rows(session, order.in_direction(descending)[:limit], as_of)


class CustomersTableModel(QAbstractTableModel):
    """Rows are CustomerRow snapshots; `reload()` asks the database again (in the background).

    A search or sort first fetches the ordered ids of every matching customer (one query; the only
    expensive one when sorting by balance or overdue), then rows page by page by id. The ascending
    order is kept per (search, sort key), so flipping the direction only reverses it; `reload()`
    after a write forgets it.
    """

    loading_started = Signal()  # a search or sort was asked for (the view may say "Loading…")
    loaded = Signal()  # a first page or a further page arrived
    total_changed = Signal(int)
    failed = Signal(str)

    def __init__(self, runner: TaskRunner, formatter: Formatter, as_of=None, page_size: int = PAGE_SIZE,
                 parent=None):
        super().__init__(parent)
        self.runner = runner
        self.formatter = formatter
        self.as_of = as_of
        self.page_size = page_size
        self._rows: list[CustomerRow] = []
        self._ids: list[int] = []
        self._order_cache: dict[tuple[str, str], CustomerOrder] = {}
        self._total = 0
        self._search = ""
        self._sort_column = COL_NAME
        self._descending = False
        self._generation = 0
        self._fetching = False
        self._headers = headers()
        self.loading = False

    # --- what to show ---------------------------------------------------------------

    def set_rows(self, rows: list[CustomerRow], ids: list[int] | None = None) -> None:
        """Show these rows; `ids` (all matches in order, starting with the rows') lets more be fetched."""
        self.beginResetModel()
        self._rows = list(rows)
        self._ids = list(ids) if ids is not None else [r.id for r in self._rows]
        self._total = max(len(self._ids), len(self._rows))
        self.endResetModel()
        self.total_changed.emit(self._total)

    def set_search(self, text: str) -> None:
        text = (text or "").strip()
        if text != self._search:
            self._search = text
            self._load()

    def search(self) -> str:
        return self._search

    def sort_state(self) -> tuple[int, Qt.SortOrder]:
        order = Qt.SortOrder.DescendingOrder if self._descending else Qt.SortOrder.AscendingOrder
        return self._sort_column, order

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if column not in SORT_KEYS:
            return
        self._sort_column = column
        self._descending = order == Qt.SortOrder.DescendingOrder
        self._load()

    def set_formatter(self, formatter: Formatter) -> None:
        self.formatter = formatter
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, COLUMN_COUNT - 1))

    def reload(self) -> None:
        """Ask the database again for the current search and order (after a write); older answers are ignored."""
        self._order_cache.clear()
        self._load()

    def _load(self) -> None:
        self._generation += 1
        generation = self._generation
        self._fetching = False
        self.loading = True
        self.loading_started.emit()
        key = (self._search, SORT_KEYS[self._sort_column])
        descending = self._descending
        self.runner.read(_first_page, key[0], key[1], descending, self._order_cache.get(key), self.page_size,
                         self.as_of,
                         on_done=lambda result: self._first_page_arrived(generation, key, descending, result),
                         on_error=lambda exc: self._failed(generation, exc))

    def _first_page_arrived(self, generation: int, key, descending: bool, result) -> None:
        if generation != self._generation:
            return
        order, rows = result
        self._order_cache[key] = order
        self.loading = False
        self.set_rows(rows, order.in_direction(descending))
        self.loaded.emit()

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        self.loading = False
        self._fetching = False
        self.failed.emit(str(exc))

    # --- lazy loading ---------------------------------------------------------------

    def canFetchMore(self, parent=QModelIndex()) -> bool:
        if parent.isValid():
            return False
        return not self.loading and not self._fetching and len(self._rows) < self._total

    def fetchMore(self, parent=QModelIndex()) -> None:
        if not self.canFetchMore(parent):
            return
        self._fetching = True
        generation = self._generation
        offset = len(self._rows)
        self.runner.read(customer_rows, self._ids[offset:offset + self.page_size], self.as_of,
                         on_done=lambda rows: self._page_arrived(generation, offset, rows),
                         on_error=lambda exc: self._failed(generation, exc))

    def _page_arrived(self, generation: int, offset: int, rows: list[CustomerRow]) -> None:
        if generation != self._generation or offset != len(self._rows):
            return
        self._fetching = False
        if not rows:  # those customers are gone; stop asking
            self._total = len(self._rows)
            return
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(rows) - 1)
        self._rows.extend(rows)
        self.endInsertRows()
        self.loaded.emit()

    # --- Qt model interface -------------------------------------------------------------

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else COLUMN_COUNT

    def total(self) -> int:
        return self._total

    def row(self, index: int) -> CustomerRow:
        return self._rows[index]

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and 0 <= section < COLUMN_COUNT:
            if role == Qt.ItemDataRole.DisplayRole:
                return self._headers[section]
            if role == Qt.ItemDataRole.TextAlignmentRole and section in MONEY_COLUMNS:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def _amounts_text(self, amounts: tuple[tuple[str, int], ...], currency: str, multi: bool) -> str:
        if not amounts:
            return self.formatter.money(0, currency)
        if len(amounts) == 1:
            cur, value = amounts[0]
            return self.formatter.money(value, cur)
        return QCoreApplication.translate("CustomersModel", "multi-currency")

    def _no_rate(self, r: CustomerRow, company_value: int | None) -> str | None:
        """Why a row sorts last by balance or overdue: its currency has no exchange rate on the date."""
        if company_value is not None:
            return None
        return QCoreApplication.translate(
            "CustomersModel", "No exchange rate for %1 on this date: sorted last by amount. "
            "Add one in Settings › Exchange rates.").replace("%1", r.currency)

    @staticmethod
    def _join(*parts: str | None) -> str | None:
        text = "\n".join(p for p in parts if p)
        return text or None

    def _amounts_tooltip(self, amounts: tuple[tuple[str, int], ...]) -> str | None:
        if len(amounts) < 2:
            return None
        return "\n".join(self.formatter.money(v, c) for c, v in amounts)

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        r = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == COL_CODE:
                return r.code
            if col == COL_NAME:
                return r.name
            if col == COL_TAX_ID:
                return r.tax_id or ""
            if col == COL_CITY:
                return f"{r.city}, {r.country}" if r.city else r.country
            if col == COL_CURRENCY:
                return r.currency
            if col == COL_BALANCE:
                return self._amounts_text(r.balances, r.currency, r.multi_currency) \
                    + (" ⚠" if r.balance_company_minor is None else "")
            if col == COL_OVERDUE:
                return (self._amounts_text(r.overdue, r.currency, len(r.overdue) > 1)
                        + (" ⚠" if r.overdue_company_minor is None else "")) if r.overdue else ""
            if col == COL_ON_HOLD:
                return QCoreApplication.translate("CustomersModel", "On hold") if r.on_hold else ""
            return None
        if role == SortRole:
            return {
                COL_CODE: r.code, COL_NAME: r.name, COL_TAX_ID: r.tax_id or "",
                COL_CITY: (r.city or "", r.country), COL_CURRENCY: r.currency, COL_BALANCE: r.balance_minor,
                COL_OVERDUE: r.overdue_minor, COL_ON_HOLD: r.on_hold,
            }.get(col)
        if role == RowRole:
            return r
        if role == Qt.ItemDataRole.TextAlignmentRole and col in MONEY_COLUMNS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == COL_BALANCE:
                return self._join(self._amounts_tooltip(r.balances), self._no_rate(r, r.balance_company_minor))
            if col == COL_OVERDUE:
                return self._join(self._amounts_tooltip(r.overdue), self._no_rate(r, r.overdue_company_minor))
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            if col == COL_OVERDUE and r.overdue_minor > 0:
                return QBrush(QColor(176, 0, 32))
            if col == COL_BALANCE and r.balance_minor < 0:
                return QBrush(QColor(0, 110, 60))
            if col == COL_ON_HOLD and r.on_hold:
                return QBrush(QColor(176, 0, 32))
        return None
