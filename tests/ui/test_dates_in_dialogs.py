"""Dates in the dialogs: Tab leaves the date edit (the amount typed after it is the amount, not the year);
5050 is refused under the field; 2051 is recorded only after the user confirms it, shown in words."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDateTimeEdit, QDialogButtonBox, QMessageBox
from sqlalchemy import func, select

from app.database import session_factory
from app.ledger.views import OpenItem
from app.models import Invoice, Payment
from app.ui.tablemodels.documents import OpenItemsTableModel
from tests.factories import make_customer
from tests.ui.conftest import wait_idle

D = dt.date


def click_ok(qtbot, dialog):
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def count(engine, model) -> int:
    with session_factory(engine)() as s:
        return s.scalar(select(func.count()).select_from(model))


@pytest.fixture
def customer(window):
    with session_factory(window.ctx.engine, write=True)() as s, s.begin():
        make_customer(s)
    return "C001"


def open_invoice(window, qtbot, number="F001-77"):
    inv = window.new_invoice("C001")
    qtbot.waitUntil(lambda: inv.customer is not None)
    qtbot.keyClicks(inv.number, number)
    return inv


# --- the date edit does not swallow what is typed after it ------------------------------------


def type_in_date_then_tab(qtbot, dialog, date_edit, keys: str):
    """Start at the day section (as Tab into the field does), type `keys`, press Tab."""
    date_edit.setFocus(Qt.FocusReason.TabFocusReason)
    date_edit.setSelectedSection(QDateTimeEdit.Section.DaySection)
    qtbot.keyClicks(date_edit, keys)
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)


@pytest.mark.parametrize("keys, expected", [("04", D(2026, 6, 4)), ("", D(2026, 6, 30)),
                                            ("0403", D(2026, 3, 4))])
def test_tab_leaves_the_invoice_date_and_the_amount_gets_what_is_typed(window, qtbot, customer, keys, expected):
    inv = open_invoice(window, qtbot)
    type_in_date_then_tab(qtbot, inv, inv.issue_date, keys)
    assert inv.focusWidget() is inv.amount  # before: the month or year section of the date
    qtbot.keyClicks(inv.focusWidget(), "5050")
    assert inv.amount.text() == "5050"
    assert inv.issue_date.value() == expected  # before: 2026-03-04 became 5050-03-04
    inv.reject()


def test_tab_leaves_the_payment_date_too(window, qtbot, customer):
    pay = window.new_payment("C001")
    qtbot.waitUntil(lambda: pay.customer is not None)
    type_in_date_then_tab(qtbot, pay, pay.date, "04")
    assert pay.focusWidget() is pay.amount
    qtbot.keyClicks(pay.focusWidget(), "5050")
    assert pay.amount.text() == "5050" and pay.date.value() == D(2026, 6, 4)
    pay.reject()


def test_shift_tab_leaves_backwards(window, qtbot, customer):
    inv = open_invoice(window, qtbot)
    inv.issue_date.setFocus(Qt.FocusReason.TabFocusReason)
    inv.issue_date.setSelectedSection(QDateTimeEdit.Section.YearSection)
    qtbot.keyClick(inv.issue_date, Qt.Key.Key_Backtab)
    assert inv.focusWidget() is inv.number
    inv.reject()


# --- out of range: refused under the field; far: confirmed in words ------------------------------


def test_an_issue_date_of_5050_is_refused_clearly(window, qtbot, customer):
    inv = open_invoice(window, qtbot)
    inv.issue_date.set_date(D(5050, 3, 4))
    qtbot.keyClicks(inv.amount, "100")
    click_ok(qtbot, inv)
    label = inv.form.error_label("issue_date")
    assert label.isVisible()
    assert "5050" in label.text() and "2199" in label.text() and "Check the year" in label.text()
    assert inv.date_guard.box is None  # nothing to confirm: it is simply refused
    wait_idle(qtbot, window.ctx.runner)
    assert inv.isVisible() and count(window.ctx.engine, Invoice) == 0
    inv.reject()


def test_the_credit_warning_never_sees_a_date_out_of_range(window, qtbot, customer):
    inv = open_invoice(window, qtbot)
    qtbot.keyClicks(inv.amount, "100")
    inv.issue_date.set_date(D(5050, 3, 4))
    inv.update_preview()
    qtbot.waitUntil(lambda: not inv.preview_pending)
    assert not inv.credit_warning.isVisible() and inv.lines_model.rowCount() == 0
    inv.reject()


def far_box(dialog) -> QMessageBox:
    box = dialog.date_guard.box
    assert box is not None and box.isVisible() and box.objectName() == "far_date_confirm"
    return box


def test_a_far_issue_date_asks_and_no_records_nothing(window, qtbot, customer):
    inv = open_invoice(window, qtbot)
    inv.issue_date.set_date(D(2051, 3, 4))
    qtbot.keyClicks(inv.amount, "100")
    click_ok(qtbot, inv)
    box = far_box(inv)
    assert box.text() == "Issue date 4 March 2051 is more than a year from today. Record it anyway?"
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.No), Qt.MouseButton.LeftButton)
    assert inv.date_guard.box is None
    assert "year" in inv.form.error_label("issue_date").text()
    wait_idle(qtbot, window.ctx.runner)
    assert inv.isVisible() and inv.buttons.isEnabled() and count(window.ctx.engine, Invoice) == 0
    inv.reject()


def test_a_far_issue_date_confirmed_is_recorded(window, qtbot, customer):
    inv = open_invoice(window, qtbot)
    inv.issue_date.set_date(D(2051, 3, 4))
    qtbot.keyClicks(inv.amount, "100")
    click_ok(qtbot, inv)
    box = far_box(inv)
    with qtbot.waitSignal(inv.saved, timeout=5000) as saved:
        qtbot.mouseClick(box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    assert saved.args[0].issue_date == D(2051, 3, 4)
    with session_factory(window.ctx.engine)() as s:
        assert s.scalar(select(Invoice.issue_date).where(Invoice.number == "F001-77")) == D(2051, 3, 4)


def test_a_date_within_a_year_is_recorded_without_asking(window, qtbot, customer):
    inv = open_invoice(window, qtbot)
    inv.issue_date.set_date(D(2027, 6, 30))
    qtbot.keyClicks(inv.amount, "100")
    with qtbot.waitSignal(inv.saved, timeout=5000):
        click_ok(qtbot, inv)
    assert inv.date_guard.box is None


def test_a_far_payment_date_asks_too(window, qtbot, customer):
    pay = window.new_payment("C001")
    qtbot.waitUntil(lambda: pay.customer is not None)
    pay.date.set_date(D(2015, 3, 4))
    qtbot.keyClicks(pay.amount, "10")
    click_ok(qtbot, pay)
    box = far_box(pay)
    assert "4 March 2015" in box.text()
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.No), Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window.ctx.runner)
    assert count(window.ctx.engine, Payment) == 0
    pay.reject()


# --- four-digit years in tables and the status bar ----------------------------------------------


def test_table_models_show_the_year_in_full(qapp_en):
    from app.ui.formatting import Formatter

    for locale, shown in (("es_PE", "4/03/2051"), ("en_US", "3/4/2051"), ("es_CL", "04-03-2051")):
        model = OpenItemsTableModel(Formatter(locale))
        model.set_rows([OpenItem(1, "F-1", "invoice", D(2051, 3, 4), D(2051, 4, 3), "PEN", 100, 100, 0, False)])
        assert model.index(0, OpenItemsTableModel.COL_ISSUE).data() == shown


def test_status_bar_date_has_four_digits(window):
    assert "30/06/2026" in window.status.text()


def test_every_date_edit_shows_a_four_digit_year(window, qtbot, customer):
    """Every view's date edits (created with the window) and the dialogs' use the four-digit format."""
    from PySide6.QtWidgets import QDateEdit

    inv = window.new_invoice("C001")
    pay = window.new_payment("C001")
    edits = window.findChildren(QDateEdit)
    assert len(edits) >= 3
    for edit in edits:
        assert "yyyy" in edit.displayFormat(), (edit.objectName(), edit.displayFormat())
        assert "2026" in edit.text() or not edit.isEnabled() or edit.text() == "", edit.text()
    inv.reject()
    pay.reject()


def test_a_typed_separator_still_moves_to_the_next_section(window, qtbot, customer):
    inv = open_invoice(window, qtbot)
    inv.issue_date.setFocus(Qt.FocusReason.TabFocusReason)
    inv.issue_date.setSelectedSection(QDateTimeEdit.Section.DaySection)
    qtbot.keyClicks(inv.issue_date, "1/3/2027")
    assert inv.focusWidget() is inv.issue_date
    qtbot.keyClick(inv.issue_date, Qt.Key.Key_Tab)
    assert inv.focusWidget() is inv.amount and inv.issue_date.value() == D(2027, 3, 1)
    inv.reject()


# --- the other dialogs that record a dated document ----------------------------------------------


def test_a_far_promise_date_in_the_contact_dialog_asks_first(books, ctx, qtbot):
    from app.collections.promises import list_promises
    from app.ui.views.today import LogCallDialog

    with session_factory(books, write=True)() as s, s.begin():
        make_customer(s)
    dialog = LogCallDialog(ctx, "C001", "PEN")
    qtbot.addWidget(dialog)
    dialog.outcome.setCurrentIndex(dialog.outcome.findData("promise"))
    dialog.promise_amount.setText("250.00")
    dialog.promise_date.set_date(D(2062, 6, 30))
    dialog.save()
    box = far_box(dialog)
    assert "2062" in box.text() and box.text().startswith("Promised date")
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.No), Qt.MouseButton.LeftButton)
    wait_idle(qtbot, ctx.runner)
    with session_factory(books)() as s:
        assert list_promises(s, customer_code="C001") == []
    dialog.save()
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        qtbot.mouseClick(far_box(dialog).button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    with session_factory(books)() as s:
        assert [p.promised_date for p in list_promises(s, customer_code="C001")] == [D(2062, 6, 30)]


def test_an_agreement_starting_in_5050_is_refused(books, ctx, qtbot):
    from app import ledger
    from app.ui.dialogs.card import CustomerCard

    with session_factory(books, write=True)() as s, s.begin():
        make_customer(s, code="C1")
        ledger.record_invoice(s, customer_code="C1", number="F1", issue_date=D(2026, 3, 1), total_minor=60000)

    card = CustomerCard(ctx, "C1")
    qtbot.addWidget(card)
    qtbot.waitUntil(lambda: card.data is not None, timeout=20000)
    dialog = card.new_agreement()
    qtbot.waitUntil(lambda: dialog.invoices.count() == 1, timeout=20000)
    dialog.invoices.item(0).setCheckState(Qt.CheckState.Checked)
    dialog.start.set_date(D(5050, 3, 4))
    dialog.submit()
    assert "5050" in dialog.error.text() and "Check the year" in dialog.error.text()
    assert dialog.date_guard.box is None
    wait_idle(qtbot, ctx.runner)
    assert dialog.agreement is None


def test_the_credit_warning_is_not_computed_as_of_a_far_date(window, qtbot):
    from app import ledger

    with session_factory(window.ctx.engine, write=True)() as s, s.begin():
        make_customer(s)
        ledger.record_invoice(s, customer_code="C001", number="F-OLD", issue_date=D(2026, 1, 2), total_minor=100)
    inv = open_invoice(window, qtbot)
    qtbot.keyClicks(inv.amount, "100")
    inv.update_preview()
    qtbot.waitUntil(lambda: not inv.preview_pending and inv.lines_model.rowCount() == 1)
    assert "overdue" in inv.credit_warning.text() and inv.credit_warning.isVisible()  # 149 days, as of today
    inv.issue_date.set_date(D(2051, 3, 4))
    inv.update_preview()
    qtbot.waitUntil(lambda: not inv.preview_pending)
    assert inv.lines_model.rowCount() == 1 and not inv.credit_warning.isVisible()
    inv.reject()
