"""A new book: every list says what it is for and what to do next; exports of nothing are disabled, saying why.
With data, the same pages show their rows and the overlays are gone."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog

from app.database import session_factory
from app.demo import generate_demo

from .conftest import wait_idle


def _page(window, qtbot, key):
    view = window.show_view(key)
    wait_idle(qtbot, window.ctx.runner, timeout=60000)
    return view


def test_a_new_book_says_where_to_start(window, qtbot):
    customers = _page(window, qtbot, "customers")
    qtbot.waitUntil(lambda: customers.empty.isVisible())
    assert customers.empty.title.text() == "No customers yet"
    assert [b.text() for b in customers.empty.buttons] == ["Add a customer…", "Import a file…", "User guide"]

    customers.search.setText("ferre")
    customers.apply_search()
    wait_idle(qtbot, window.ctx.runner)
    qtbot.waitUntil(lambda: "No customer matches “ferre”" == customers.empty.title.text())

    aging = _page(window, qtbot, "aging")
    aging.run()
    wait_idle(qtbot, window.ctx.runner)
    qtbot.waitUntil(lambda: aging.empty.isVisible())
    assert aging.empty.title.text().startswith("Nothing is owed as of ")
    for button in (aging.xlsx_button, aging.pdf_button, aging.csv_button, aging.print_button):
        assert not button.isEnabled() and button.toolTip().startswith("Nothing to export")

    today = _page(window, qtbot, "today")
    today.evaluate()
    wait_idle(qtbot, window.ctx.runner)
    qtbot.waitUntil(lambda: today.empty.isVisible())
    assert today.empty.title.text() == "Nothing to do today"

    dashboard = _page(window, qtbot, "dashboard")
    dashboard.refresh()
    wait_idle(qtbot, window.ctx.runner)
    qtbot.waitUntil(lambda: dashboard.empty.isVisible())
    assert dashboard.empty.title.text().startswith("Nothing is owed as of ")
    assert [b.text() for b in dashboard.empty.buttons] == ["New invoice…", "User guide"]
    dashboard.empty.buttons[0].click()
    assert any(type(d).__name__ == "InvoiceDialog" and d.isVisible() for d in window.findChildren(QDialog))
    for d in window.findChildren(QDialog):
        d.reject()

    reminders = _page(window, qtbot, "reminders")
    qtbot.waitUntil(lambda: reminders.history_empty.isVisible())
    assert reminders.history_empty.title.text() == "No reminders yet"
    for button in (reminders.approve_selected, reminders.cancel_selected, reminders.whatsapp_button):
        assert not button.isEnabled() and button.toolTip() == "The history is empty: nothing to select yet."

    audit = _page(window, qtbot, "audit")
    # the books fixture saved the company: that change is in the log; a filter that finds nothing says so
    audit.user.setText("nadie")
    audit.refresh()
    wait_idle(qtbot, window.ctx.runner)
    qtbot.waitUntil(lambda: audit.empty.title.text() == "No change matches these filters")
    assert audit.empty.isVisible() and audit.empty.buttons[0].isVisible()
    audit.empty.buttons[0].click()
    wait_idle(qtbot, window.ctx.runner)
    assert audit.user.text() == ""


def test_with_data_the_lists_show_rows_and_exports_are_enabled(books, window, qtbot):
    with session_factory(books, write=True)() as s, s.begin():
        generate_demo(s, customers=20, invoices=150, seed=5)
    customers = _page(window, qtbot, "customers")
    customers.refresh()
    wait_idle(qtbot, window.ctx.runner)
    qtbot.waitUntil(lambda: customers.model.rowCount() > 0)
    assert not customers.empty.isVisible()
    aging = _page(window, qtbot, "aging")
    aging.run()
    wait_idle(qtbot, window.ctx.runner)
    qtbot.waitUntil(lambda: aging.model.rowCount() > 0)
    assert not aging.empty.isVisible()
    assert aging.xlsx_button.isEnabled() and aging.xlsx_button.toolTip() == ""
    dashboard = _page(window, qtbot, "dashboard")
    dashboard.refresh()
    wait_idle(qtbot, window.ctx.runner, timeout=60000)
    qtbot.waitUntil(lambda: dashboard.debtors.rowCount() > 0)
    assert not dashboard.empty.isVisible()
    audit = _page(window, qtbot, "audit")
    audit.refresh()
    wait_idle(qtbot, window.ctx.runner)
    qtbot.waitUntil(lambda: audit.model.rowCount() > 0)
    assert not audit.empty.isVisible()
