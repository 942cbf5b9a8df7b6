"""Exchange rates in the GUI: the Settings tab, and what the customers list, Today and the dashboard show
for amounts in other currencies (ranked in the company's currency; without a rate, last and saying so)."""

import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from app.collections.promises import add_promise
from app.database import session_factory
from app.ledger.fx import list_rates, set_rate
from app.ui.tablemodels import customers as cm
from tests.factories import make_customer, make_invoice
from tests.ui.conftest import wait_idle

D = dt.date


@pytest.fixture
def three(books):
    """S/ 68.26, USD 16,097.37 and COP 4,083,395.00 owed (the company is in soles), and promises of each."""
    with session_factory(books, write=True)() as s, s.begin():
        make_customer(s, code="SOL", name="Soles")
        make_customer(s, code="DOL", name="Dólares", currency="USD")
        make_customer(s, code="PES", name="Pesos", currency="COP")
        make_invoice(s, number="S1", customer="SOL", amount="68.26", issued=D(2026, 3, 1))
        make_invoice(s, number="U1", customer="DOL", amount="16097.37", issued=D(2026, 3, 1), currency="USD")
        make_invoice(s, number="P1", customer="PES", amount="4083395.00", issued=D(2026, 3, 1), currency="COP")
        for code, amount in (("SOL", 6826), ("DOL", 1_609_737), ("PES", 408_339_500)):
            add_promise(s, customer_code=code, promised_date=D(2026, 6, 30), amount_minor=amount,
                        made_on=D(2026, 6, 1))
        set_rate(s, "USD", "3.75", D(2026, 1, 1))
    return books


def rates(engine):
    with session_factory(engine)() as s:
        return [(r.currency, r.rate_date, r.rate) for r in list_rates(s)]


def test_the_settings_tab_adds_a_rate_and_refuses_a_comma(window, qtbot):
    dialog = window.open_settings()
    tab = dialog.fx_tab
    titles = [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]
    assert "Exchange rates" in titles
    qtbot.waitUntil(lambda: tab.table.rowCount() == 0 and "PEN" in tab.rate_label.text(), timeout=10000)
    assert tab.currency.findText("PEN") == -1  # the company's own currency has no rate
    tab.currency.setCurrentText("USD")
    tab.date.set_date(D(2026, 6, 1))
    tab.rate.setText("3,75")
    assert "3.75" in tab.echo.text() and "3,75" in tab.echo.text()  # refused as typed, saying how to write it
    tab.submit()
    qtbot.waitUntil(lambda: not tab.error.isHidden(), timeout=10000)
    assert "3,75" in tab.error.text()
    assert rates(window.ctx.engine) == []
    tab.rate.setText("3.75")
    assert tab.echo.text() == "1 USD = 3.75 PEN"
    with qtbot.waitSignal(tab.loaded, timeout=10000):
        tab.submit()
    assert tab.error.isHidden()
    assert tab.table.rowCount() == 1
    assert [tab.table.item(0, c).text() for c in (0, 2)] == ["USD", "3.75"]
    assert rates(window.ctx.engine) == [("USD", D(2026, 6, 1), Decimal("3.75"))]
    dialog.reject()


def test_customers_by_balance_rank_in_soles_and_mark_a_currency_without_a_rate(three, ctx, qtbot):
    model = cm.CustomersTableModel(ctx.runner, ctx.formatter, as_of=D(2026, 6, 30))
    for order, expected in ((Qt.SortOrder.DescendingOrder, ["DOL", "SOL", "PES"]),
                            (Qt.SortOrder.AscendingOrder, ["SOL", "DOL", "PES"])):
        with qtbot.waitSignal(model.loaded, timeout=10000):
            model.sort(cm.COL_BALANCE, order)
        # no COP rate: the pesos are last both ways, not first by their raw cents
        assert [model.row(r).code for r in range(model.rowCount())] == expected
    pes = model.index(2, cm.COL_BALANCE)
    assert pes.data().endswith("⚠")
    assert "No exchange rate for COP" in pes.data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(0, cm.COL_BALANCE).data(Qt.ItemDataRole.ToolTipRole) is None
    wait_idle(qtbot, ctx.runner)


def test_today_ranks_dollars_above_soles(three, ctx, qtbot):
    from app.ui.views.today import TodayView

    view = TodayView(ctx)
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: view.model.rowCount() == 3, timeout=20000)
    assert [view.model.row(r).customer_code for r in range(3)] == ["DOL", "SOL", "PES"]
    value = view.model.index(2, view.model.COL_VALUE)
    assert value.data().endswith("⚠")
    assert "No exchange rate for COP" in value.data(Qt.ItemDataRole.ToolTipRole)
    assert "S/" in view.model.index(0, view.model.COL_VALUE).data(Qt.ItemDataRole.ToolTipRole)
    wait_idle(qtbot, ctx.runner)


def test_dashboard_top_debtors_in_every_currency_ranked_in_soles(three, ctx, qtbot):
    from app.ui.views.dashboard import DashboardView

    view = DashboardView(ctx)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.loaded, timeout=20000):
        view.show()
    assert [view.debtors.row(r).code for r in range(view.debtors.rowCount())] == ["DOL", "SOL", "PES"]
    assert view.debtors.index(0, view.debtors.COL_TOTAL).data().startswith("USD")
    assert "S/" in view.debtors.index(0, view.debtors.COL_TOTAL).data(Qt.ItemDataRole.ToolTipRole)
    assert "No exchange rate for COP" in view.debtors.index(2, view.debtors.COL_TOTAL).data(Qt.ItemDataRole.ToolTipRole)
    wait_idle(qtbot, ctx.runner)


def test_the_tab_speaks_spanish(books, qapp, qtbot):
    from app.ui.app import create_main_window
    from app.ui.i18n import install_translators

    assert install_translators(qapp, "es")
    try:
        win = create_main_window(books)
        qtbot.addWidget(win)
        dialog = win.open_settings()
        titles = [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]
        assert "Tipos de cambio" in titles
        tab = dialog.fx_tab
        tab.rate.setText("3,75")
        assert tab.echo.text().startswith("'3,75' no es un tipo de cambio válido")
        assert tab.add_button.text() == "Agregar tipo de cambio"
        dialog.reject()
        win.ctx.runner.wait_for_done()
    finally:
        install_translators(qapp, "en")
