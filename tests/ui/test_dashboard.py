import datetime as dt

import pytest

from app import ledger
from app.database import session_factory
from tests.ui.conftest import wait_idle

D = dt.date


@pytest.fixture
def owed(books):
    with session_factory(books, write=True)() as s, s.begin():
        ledger.create_customer(s, code="C1", name="Ferretería Los Andes S.A.C.", payment_terms="NET30")
        ledger.create_customer(s, code="C2", name="Comercial Rivera E.I.R.L.", payment_terms="NET30")
        ledger.record_invoice(s, customer_code="C1", number="F1", issue_date=D(2026, 3, 1), total_minor=100000)
        ledger.record_invoice(s, customer_code="C1", number="F2", issue_date=D(2026, 6, 20), total_minor=50000)
        ledger.record_invoice(s, customer_code="C2", number="F3", issue_date=D(2026, 5, 10), total_minor=30000)
        ledger.record_payment(s, customer_code="C2", date=D(2026, 6, 15), amount_minor=10000)
    return books


def test_dashboard_shows_cards_chart_and_debtors(owed, ctx, qtbot):
    from app.ui.views.dashboard import DashboardView

    view = DashboardView(ctx)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.loaded, timeout=20000):
        view.show()  # computed when first shown
    # as of the fixed clock (2026-06-30): open 1000 + 500 + 200; overdue F1 (due 3-31) and F3 (due 6-9)
    assert view.card_receivable.value.text() == "S/\xa01,700.00"
    assert view.card_overdue.value.text() == "S/\xa01,200.00"
    assert view.card_pct.value.text() == "70.6 %"
    assert view.debtors.rowCount() == 2 and view.debtors.row(0).code == "C1"
    series = view.aging_chart.series()[0]
    per_bucket = [sum(bar.at(i) for bar in series.barSets()) for i in range(5)]
    assert per_bucket == [500.0, 200.0, 0.0, 0.0, 1000.0]  # current, 1-30, 31-60, 61-90, 91+ (F1: 91 days)


def test_clicking_a_bar_lists_its_items(owed, ctx, qtbot, qtmodeltester):
    from app.ui.views.dashboard import DashboardView

    view = DashboardView(ctx)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.loaded, timeout=20000):
        view.show()  # computed when first shown
    bar = view.aging_chart.series()[0].barSets()[4]  # 91+
    bar.clicked.emit(4)
    qtbot.waitUntil(lambda: view.drill is not None, timeout=10000)
    rows = view.drill.model.rows()
    assert [(r.document, r.days, r.open_minor) for r in rows] == [("F1", 91, 100000)]
    qtmodeltester.check(view.drill.model)
    qtmodeltester.check(view.debtors)


def test_as_of_date_changes_the_numbers(owed, ctx, qtbot):
    from PySide6.QtCore import QDate

    from app.ui.views.dashboard import DashboardView

    view = DashboardView(ctx)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.loaded, timeout=20000):
        view.show()  # computed when first shown
    with qtbot.waitSignal(view.loaded, timeout=20000):
        view.as_of.setDate(QDate(2026, 4, 1))
    assert view.card_receivable.value.text() == "S/\xa01,000.00"
    wait_idle(qtbot, ctx.runner)
