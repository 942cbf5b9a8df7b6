"""The customers list: a lazy model that searches, sorts and pages in SQL (app.ledger.customer_list).

Sorting a million rows through QSortFilterProxyModel took minutes; here a header click asks the
database for the order of every match (ids only) and the rows of the first page. The model then has as
many rows as there are matches: a row not read yet shows empty and asks for its page, so scrolling or
Ctrl+End to the last of 100,000 customers reads just the pages that come into view (it used to stop at
row 200, the rows fetched so far).
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from app.ledger.customer_list import PAGE_SIZE, CustomerOrder, CustomerRow, customer_order, customer_rows, first_page

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
    """(the order of every match or None, rows of the first page in the wanted direction, how many match).

    With `order` given (it is known) only the rows are read. Otherwise the database picks the first page
    alone (`first_page`: it keeps the top rows while sorting) and the model reads the whole order next
    (`_whole_order`). Customers without an exchange rate for their amount stay last in both directions
    (CustomerOrder.in_direction)."""
    if order is not None:
        ids = order.in_direction(descending)
        return order, customer_rows(session, ids[:limit], as_of), len(ids)
    ids, total = first_page(session, search=search, sort_key=sort_key, descending=descending, limit=limit,
                            as_of=as_of)
    return None, customer_rows(session, ids, as_of), total


def _last_page(session, search, sort_key, descending, count, as_of) -> list[CustomerRow | None]:
    """The rows of the last `count` customers in list order (Ctrl+End before the whole order arrived)."""
    ids, _total = first_page(session, search=search, sort_key=sort_key, descending=descending, limit=count,
                             as_of=as_of, last=True)
    by_id = {r.id: r for r in customer_rows(session, ids, as_of)}
    return [by_id.get(i) for i in ids]


def _whole_order(session, search, sort_key, as_of) -> CustomerOrder:
    return customer_order(session, search=search, sort_key=sort_key, as_of=as_of)


class CustomersTableModel(QAbstractTableModel):
    """Rows are CustomerRow snapshots; `reload()` asks the database again (in the background).

    A search or sort first fetches the ordered ids of every matching customer (one query; the only
    expensive one when sorting by overdue, or by balance as of a past date), then rows page by page by
    id, a page when one of its rows is first shown (`data()`), or `fetchMore` the first page not read
    yet. The ascending order is kept per (search, sort key), so flipping the direction only reverses it;
    `reload()` after a write forgets it.
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
        self._pages: dict[int, list[CustomerRow]] = {}  # page number -> its rows, for the pages read
        self._asked: set[int] = set()  # pages asked for and not arrived yet
        self._waiting: set[int] = set()  # pages wanted before the whole order (their ids) arrived
        self._ids: list[int] = []
        self._order_cache: dict[tuple[str, str], CustomerOrder] = {}
        self._total = 0
        self._search = ""
        self._sort_column = COL_NAME
        self._descending = False
        self._generation = 0
        self._headers = headers()
        self.loading = False

    # --- what to show ---------------------------------------------------------------

    def set_rows(self, rows: list[CustomerRow], ids: list[int] | None = None, total: int | None = None) -> None:
        """Show these rows; `ids` (all matches in order, starting with the rows') are the rows of the list,
        the ones after `rows` read when shown. `total` with fewer ids: that many rows, the ids of the others
        to come (`_order_arrived`)."""
        self.beginResetModel()
        rows = list(rows)
        self._ids = list(ids) if ids is not None else [r.id for r in rows]
        self._total = max(len(self._ids), len(rows), total or 0)
        self._pages = {}
        self._asked = set()
        self._waiting = set()
        size = self.page_size
        for start in range(0, len(rows), size):
            if len(rows[start:start + size]) == size or start + size >= self._total:
                self._pages[start // size] = rows[start:start + size]
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
        if self._total:
            self.dataChanged.emit(self.index(0, 0), self.index(self._total - 1, COLUMN_COUNT - 1))

    def reload(self) -> None:
        """Ask the database again for the current search and order (after a write); older answers are ignored."""
        self._order_cache.clear()
        self._load()

    def _load(self) -> None:
        self._generation += 1
        generation = self._generation
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
        order, rows, total = result
        self.loading = False
        if order is not None:
            self._order_cache[key] = order
            self.set_rows(rows, order.in_direction(descending))
        else:  # the first page is shown; every id follows (Ctrl+End, scrolling far)
            self.set_rows(rows, [r.id for r in rows], total)
            if total > len(rows):
                self.runner.read(_whole_order, key[0], key[1], self.as_of,
                                 on_done=lambda o: self._order_arrived(generation, key, descending, o),
                                 on_error=lambda exc: self._failed(generation, exc))
        self.loaded.emit()

    def _order_arrived(self, generation: int, key, descending: bool, order: CustomerOrder) -> None:
        if generation != self._generation:
            return
        self._order_cache[key] = order
        ids = order.in_direction(descending)
        if ids[:len(self._ids)] != self._ids:  # the list changed in between: show it as it is now
            self._load()
            return
        self._ids = ids
        if len(ids) != self._total:
            self._load()
            return
        waiting, self._waiting = self._waiting, set()
        for page in sorted(waiting):
            self._ask(page)

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        self.loading = False
        self._asked.clear()
        self._waiting.clear()
        self.failed.emit(str(exc))

    # --- pages read when shown --------------------------------------------------------

    def _page_count(self) -> int:
        return -(-self._total // self.page_size)

    def _next_unread_page(self) -> int | None:
        for page in range(self._page_count()):
            if page not in self._pages:
                return page
        return None

    def canFetchMore(self, parent=QModelIndex()) -> bool:
        """A page of rows not read yet (every row is counted already; this reads them in order)."""
        if parent.isValid() or self.loading:
            return False
        page = self._next_unread_page()
        return page is not None and page not in self._asked and page not in self._waiting

    def fetchMore(self, parent=QModelIndex()) -> None:
        if self.canFetchMore(parent):
            self._ask(self._next_unread_page())

    def fetch_row(self, row: int) -> None:
        """Read the page holding `row` if it is not read yet (`loaded` is emitted when it arrives)."""
        if 0 <= row < self._total and not self.loading:
            page = row // self.page_size
            if page not in self._pages and page not in self._asked and page not in self._waiting:
                self._ask(page)

    def is_loaded(self, row: int) -> bool:
        return self.row(row) is not None

    def _ask(self, page: int) -> None:
        start = page * self.page_size
        if start >= len(self._ids):  # its ids are not known yet
            if page == self._page_count() - 1 and page > 0:  # the last page (Ctrl+End): read from the end
                self._ask_last(page)
            else:  # asked when the whole order arrives
                self._waiting.add(page)
            return
        self._asked.add(page)
        generation = self._generation
        self.runner.read(customer_rows, self._ids[start:start + self.page_size], self.as_of,
                         on_done=lambda rows: self._page_arrived(generation, page, rows),
                         on_error=lambda exc: self._failed(generation, exc))

    def _ask_last(self, page: int) -> None:
        self._asked.add(page)
        generation = self._generation
        count = self._total - page * self.page_size
        self.runner.read(_last_page, self._search, SORT_KEYS[self._sort_column], self._descending, count, self.as_of,
                         on_done=lambda rows: self._last_page_arrived(generation, page, rows),
                         on_error=lambda exc: self._failed(generation, exc))

    def _last_page_arrived(self, generation: int, page: int, rows: list[CustomerRow | None]) -> None:
        if generation != self._generation or page in self._pages:
            return
        self._asked.discard(page)
        start = page * self.page_size
        self._pages[page] = rows
        if rows:
            self.dataChanged.emit(self.index(start, 0), self.index(start + len(rows) - 1, COLUMN_COUNT - 1))
        self.loaded.emit()

    def _page_arrived(self, generation: int, page: int, rows: list[CustomerRow]) -> None:
        if generation != self._generation:
            return
        self._asked.discard(page)
        start = page * self.page_size
        wanted = self._ids[start:start + self.page_size]
        by_id = {r.id: r for r in rows}
        # a customer deleted since the order was read keeps its place, shown empty, rather than shift rows
        self._pages[page] = [by_id.get(i) for i in wanted]
        if wanted:
            self.dataChanged.emit(self.index(start, 0), self.index(start + len(wanted) - 1, COLUMN_COUNT - 1))
        self.loaded.emit()

    # --- Qt model interface -------------------------------------------------------------

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else self._total

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else COLUMN_COUNT

    def total(self) -> int:
        return self._total

    def row(self, index: int) -> CustomerRow | None:
        """The row at `index`, None while its page is not read yet (`fetch_row`)."""
        page = self._pages.get(index // self.page_size)
        if page is None or not 0 <= index < self._total:
            return None
        offset = index % self.page_size
        return page[offset] if offset < len(page) else None

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
        if not index.isValid() or not (0 <= index.row() < self._total):
            return None
        r = self.row(index.row())
        if r is None:  # not read yet: ask for its page, show an empty row meanwhile
            if role == Qt.ItemDataRole.DisplayRole:
                self.fetch_row(index.row())
                return "…" if index.column() == COL_CODE else ""
            return None
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
