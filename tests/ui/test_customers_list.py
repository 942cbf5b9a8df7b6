"""The customers list: search (debounced), sort by header click in SQL, lazy pages, model checks."""

import datetime as dt

from PySide6.QtCore import QModelIndex, QPoint, Qt

from app.database import session_factory
from app.ui.tablemodels import customers as cm
from tests.factories import make_customer, make_invoice
from tests.ui.conftest import wait_idle

NAMES = [
    ("C001", "Ferretería Los Andes S.A.C.", "20100000001", "500.00"),
    ("C002", "Comercial Rivera E.I.R.L.", "20100000002", "1500.00"),
    ("C003", "Bodega Santa Rosa", "10400000003", "75.00"),
    ("C004", "Agroexportadora Norte S.A.", "20100000004", "2500.00"),
    ("C005", "Textiles Gamarra S.R.L.", "20100000005", None),
]


def fill(engine):
    with session_factory(engine, write=True)() as s, s.begin():
        for code, name, tax_id, amount in NAMES:
            make_customer(s, code=code, name=name, tax_id=tax_id, city="Lima")
            if amount:
                make_invoice(s, number=f"F-{code}", customer=code, amount=amount, issued=dt.date(2026, 4, 1))


def codes(model):
    return [model.row(r).code if model.row(r) is not None else None for r in range(model.rowCount())]


def test_search_is_debounced_and_matches_name_code_and_tax_id(books, window, qtbot):
    fill(books)
    view = window.view("customers")
    view.refresh()
    qtbot.waitUntil(lambda: view.model.rowCount() == 5)
    assert codes(view.model) == ["C004", "C003", "C002", "C001", "C005"]  # by name
    qtbot.keyClicks(view.search, "rivera")
    assert view._search_timer.isActive()  # not one query per key
    qtbot.waitUntil(lambda: codes(view.model) == ["C002"])
    assert view.count.text() == "1 customer"
    view.search.clear()
    qtbot.keyClicks(view.search, "1040")
    qtbot.waitUntil(lambda: codes(view.model) == ["C003"])
    view.search.clear()
    qtbot.waitUntil(lambda: view.model.rowCount() == 5)


def test_header_click_sorts_in_sql(books, window, qtbot):
    fill(books)
    view = window.view("customers")
    view.refresh()
    qtbot.waitUntil(lambda: view.model.rowCount() == 5)
    header = view.table.horizontalHeader()
    header.setSortIndicator(cm.COL_BALANCE, Qt.SortOrder.DescendingOrder)
    qtbot.waitUntil(lambda: codes(view.model) == ["C004", "C002", "C001", "C003", "C005"])
    x = header.sectionViewportPosition(cm.COL_BALANCE) + 5
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    qtbot.waitUntil(lambda: codes(view.model) == ["C005", "C003", "C001", "C002", "C004"])
    assert view.model.sort_state() == (cm.COL_BALANCE, Qt.SortOrder.AscendingOrder)
    assert view.model.index(4, cm.COL_BALANCE).data(cm.SortRole) == 250000
    assert view.model.index(4, cm.COL_BALANCE).data() == "S/\xa02,500.00"
    assert view.model.index(4, cm.COL_BALANCE).data(Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight


def test_pages_are_fetched_lazily(books, ctx, qtbot):
    fill(books)
    model = cm.CustomersTableModel(ctx.runner, ctx.formatter, page_size=2)
    with qtbot.waitSignal(model.loaded, timeout=5000):
        model.reload()
    # every match is a row at once; only the first page is read
    assert model.rowCount() == 5 and model.total() == 5
    assert model.row(1).code == "C003" and model.row(2) is None
    assert model.index(2, cm.COL_NAME).data() == ""  # shown empty, and its page asked for
    assert not model.canFetchMore(QModelIndex())  # that page is on its way
    with qtbot.waitSignal(model.loaded, timeout=5000):
        pass
    assert model.row(2).code == "C002" and model.row(4) is None
    assert model.canFetchMore(QModelIndex())
    with qtbot.waitSignal(model.loaded, timeout=5000):
        model.fetchMore(QModelIndex())
    assert codes(model) == ["C004", "C003", "C002", "C001", "C005"]
    assert not model.canFetchMore(QModelIndex())


def test_ctrl_end_reaches_the_last_customer(books, window, qtbot):
    fill(books)
    view = window.view("customers")
    view.model.page_size = 2  # five customers are three pages
    view.refresh()
    qtbot.waitUntil(lambda: view.model.row(0) is not None)
    view.table.setFocus()
    view.table.setCurrentIndex(view.model.index(0, cm.COL_NAME))
    qtbot.keyClick(view.table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    assert view.table.currentIndex().row() == 4
    qtbot.waitUntil(lambda: view.model.row(4) is not None)
    assert view.model.index(4, cm.COL_CODE).data() == "C005"
    # by balance, descending, Ctrl+End at once: the last page is read from the end of the order
    view.table.horizontalHeader().setSortIndicator(cm.COL_BALANCE, Qt.SortOrder.DescendingOrder)
    qtbot.waitUntil(lambda: not view.model.loading and view.model.row(0) is not None)
    view.table.setCurrentIndex(view.model.index(0, cm.COL_NAME))
    qtbot.keyClick(view.table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: view.model.row(4) is not None)
    assert view.model.row(4).code == "C005"  # the smallest balance (none)
    view.table.selectRow(4)
    assert view.selected_code() == "C005"


def test_stale_answers_are_ignored(books, ctx, qtbot):
    fill(books)
    model = cm.CustomersTableModel(ctx.runner, ctx.formatter)
    model.set_search("rivera")
    model.set_search("bodega")
    wait_idle(qtbot, ctx.runner)
    assert codes(model) == ["C003"]


def test_customers_model_passes_the_model_tester(books, ctx, qtbot, qtmodeltester):
    fill(books)
    model = cm.CustomersTableModel(ctx.runner, ctx.formatter, page_size=3)
    with qtbot.waitSignal(model.loaded, timeout=5000):
        model.reload()
    qtmodeltester.check(model)
    wait_idle(qtbot, ctx.runner)
    qtmodeltester.check(model)
    empty = cm.CustomersTableModel(ctx.runner, ctx.formatter)
    qtmodeltester.check(empty)
    wait_idle(qtbot, ctx.runner)


def test_multi_currency_customers_are_marked(books, ctx, qtbot):
    with session_factory(books, write=True)() as s, s.begin():
        make_customer(s)
        make_invoice(s, number="F1", amount="10.00")
        make_invoice(s, number="F2", amount="20.00", currency="USD")
    model = cm.CustomersTableModel(ctx.runner, ctx.formatter)
    with qtbot.waitSignal(model.loaded, timeout=5000):
        model.reload()
    assert model.index(0, cm.COL_BALANCE).data() == "multi-currency"
    assert "US" in model.index(0, cm.COL_BALANCE).data(Qt.ItemDataRole.ToolTipRole)


def test_flipping_the_direction_reuses_the_order_and_a_reload_forgets_it(books, ctx, qtbot, monkeypatch):
    fill(books)
    calls = []
    original = cm.customer_order

    def counting(session, **kw):
        calls.append(kw["sort_key"])
        return original(session, **kw)

    monkeypatch.setattr(cm, "customer_order", counting)
    model = cm.CustomersTableModel(ctx.runner, ctx.formatter, page_size=2)
    with qtbot.waitSignal(model.loaded, timeout=5000):
        model.sort(cm.COL_BALANCE, Qt.SortOrder.AscendingOrder)
    assert model.rowCount() == 5 and codes(model)[:2] == ["C005", "C003"]  # the first page, before the order
    wait_idle(qtbot, ctx.runner)  # the whole order, read after the first page
    assert calls == ["balance"]
    with qtbot.waitSignal(model.loaded, timeout=5000):
        model.sort(cm.COL_BALANCE, Qt.SortOrder.DescendingOrder)
    wait_idle(qtbot, ctx.runner)
    assert codes(model)[:2] == ["C004", "C002"]
    assert calls == ["balance"]  # flipped: the same order reversed
    with qtbot.waitSignal(model.loaded, timeout=5000):
        model.reload()
    wait_idle(qtbot, ctx.runner)
    assert calls == ["balance", "balance"]
