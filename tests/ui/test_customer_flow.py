"""A bookkeeper's round trip through the real dialogs: new customer, invoice, payment; the card's balance follows."""

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from app import ledger
from app.database import session_factory
from app.ledger.changes import Changes
from app.ui.tablemodels.allocation import AllocationTableModel
from tests.factories import make_customer, make_invoice
from tests.ui.conftest import wait_idle


def balance_shown(card, currency):
    """The customer's balance in `currency` as the card has it (0 when it shows none in that currency)."""
    return next((b.balance_minor for b in card.data.balances if b.currency == currency), 0)


def click_ok(qtbot, dialog):
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def test_enter_customer_invoice_and_payment_and_see_the_balance(window, qtbot):
    view = window.show_view("customers")
    wait_idle(qtbot, window.ctx.runner)
    assert view.model.rowCount() == 0

    # a new customer through the dialog
    dialog = view._new_customer()
    qtbot.waitUntil(lambda: dialog.terms_loaded)
    qtbot.keyClicks(dialog.code, "C100")
    dialog.name.insert("Ferretería El Progreso S.A.C.")  # QTest types ASCII only
    qtbot.keyClicks(dialog.tax_id, "20100047218")  # a valid RUC: its check digit is checked
    qtbot.keyClicks(dialog.email, "cobranzas@elprogreso.pe")
    qtbot.keyClicks(dialog.city, "Trujillo")
    dialog.terms.setCurrentIndex(dialog.terms.findData("30-60-90"))
    with qtbot.waitSignal(dialog.finished, timeout=5000):
        click_ok(qtbot, dialog)
    qtbot.waitUntil(lambda: "C100" in view.cards)
    card = view.cards["C100"]
    qtbot.waitUntil(lambda: card.data is not None)
    assert card.name.text() == "Ferretería El Progreso S.A.C."
    assert card.facts["terms"].text() == "30/60/90 (30-60-90)"
    assert balance_shown(card, "PEN") == 0
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)

    # an invoice from the card: the dialog shows the three due lines of 30/60/90
    inv = card.new_invoice()
    qtbot.waitUntil(lambda: inv.customer is not None)
    assert inv.customer_name.text() == "Ferretería El Progreso S.A.C. · C100 · 20100047218"
    qtbot.keyClicks(inv.number, "F001-100")
    inv.issue_date.set_date(dt.date(2026, 3, 2))
    qtbot.keyClicks(inv.amount, "3,000.00")
    inv.update_preview()
    qtbot.waitUntil(lambda: inv.lines_model.rowCount() == 3)
    assert [inv.lines_model.index(r, 2).data() for r in range(3)] == ["S/\xa01,000.00"] * 3
    assert inv.lines_model.index(0, 1).data() == "1/04/2026"  # es_PE short date, four-digit year, 30 days after 2 March
    with qtbot.waitSignal(card.loaded, timeout=5000):
        click_ok(qtbot, inv)
    assert not inv.isVisible()
    assert balance_shown(card, "PEN") == 300000
    assert card.open_model.rowCount() == 3

    # a payment: suggested oldest first, then the user moves part of it to the second due line
    pay = card.new_payment()
    qtbot.waitUntil(lambda: pay.customer is not None)
    qtbot.keyClicks(pay.amount, "1500")
    pay.suggest()
    qtbot.waitUntil(lambda: not pay.suggest_pending and pay.alloc_model.total() == 150000)
    assert pay.alloc_model.amounts() == [100000, 50000, 0]
    apply_col = AllocationTableModel.COL_APPLY
    assert pay.alloc_model.setData(pay.alloc_model.index(0, apply_col), "800.00")
    assert pay.alloc_model.setData(pay.alloc_model.index(1, apply_col), "500.00")
    assert "S/\xa0200.00" in pay.remainder.text()  # unapplied remainder shown
    qtbot.keyClicks(pay.reference, "OP-778899")
    with qtbot.waitSignal(card.loaded, timeout=5000):
        click_ok(qtbot, pay)
    assert not pay.isVisible()
    assert balance_shown(card, "PEN") == 150000  # 3,000 − 1,500 (of which 200 unapplied credit)
    assert [card.open_model.row(r).open_minor for r in range(card.open_model.rowCount())] == [20000, 50000, 100000]
    assert card.payments_model.rowCount() == 1
    assert card.payments_model.index(0, 4).data() == "S/\xa0200.00"

    # the list shows the new balance too
    qtbot.waitUntil(lambda: view.model.rowCount() == 1 and view.model.row(0).balance_minor == 150000)
    assert view.model.index(0, 5).data() == "S/\xa01,500.00"


def test_duplicate_invoice_number_is_shown_next_to_the_number(window, qtbot):
    with session_factory(window.ctx.engine, write=True)() as s, s.begin():
        make_customer(s)
        make_invoice(s, number="F001-1")
    inv = window.new_invoice("C001")
    qtbot.waitUntil(lambda: inv.customer is not None)
    qtbot.keyClicks(inv.number, "F001-1")
    qtbot.keyClicks(inv.amount, "50")
    click_ok(qtbot, inv)
    label = inv.form.error_label("number")
    qtbot.waitUntil(lambda: label.isVisible())
    assert "F001-1" in label.text() and "already exists" in label.text()
    assert inv.isVisible() and inv.buttons.isEnabled()
    inv.reject()


def test_bad_amount_and_empty_name_are_shown_next_to_their_fields(window, qtbot):
    inv = window.new_invoice()
    qtbot.keyClicks(inv.customer_code, "C001")
    qtbot.keyClicks(inv.amount, "12,3x")
    ok = inv.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()  # no such customer: the currency, and so the amount, is not known yet
    assert inv.amount.echo.text() == "Choose a customer or a currency first."
    inv.currency.setCurrentText("PEN")
    assert not ok.isEnabled()  # not an amount: it cannot be recorded
    assert inv.amount.echo.isVisible() and "'12,3x' is not an amount" in inv.amount.echo.text()
    inv.reject()

    dialog = window.new_customer()
    qtbot.keyClicks(dialog.code, "Z1")
    click_ok(qtbot, dialog)
    qtbot.waitUntil(lambda: dialog.form.error_label("name").isVisible())
    assert dialog.form.error_label("name").text() == "Enter a name."
    dialog.reject()


def test_over_allocation_is_refused_with_a_clear_message(window, qtbot):
    with session_factory(window.ctx.engine, write=True)() as s, s.begin():
        make_customer(s)
        make_invoice(s, number="F1", amount="100.00", issued=dt.date(2026, 5, 1))
    pay = window.new_payment("C001")
    qtbot.waitUntil(lambda: pay.customer is not None)
    qtbot.keyClicks(pay.amount, "100")
    pay.suggest()
    qtbot.waitUntil(lambda: not pay.suggest_pending and pay.alloc_model.rowCount() == 1)
    pay.alloc_model.setData(pay.alloc_model.index(0, AllocationTableModel.COL_APPLY), "150")
    click_ok(qtbot, pay)
    assert pay.error.isVisible()
    assert "F1" in pay.error.text() and "cannot be applied" in pay.error.text()
    assert pay.isVisible()
    with session_factory(window.ctx.engine)() as s:
        assert ledger.customer_balance(s, "C001", dt.date(2026, 6, 30))[0].balance_minor == 10000
    pay.reject()


def test_edit_customer_from_the_card(window, qtbot):
    with session_factory(window.ctx.engine, write=True)() as s, s.begin():
        make_customer(s)
    card = window.view("customers").open_card("C001")
    qtbot.waitUntil(lambda: card.data is not None)
    dialog = card.edit_customer()
    qtbot.waitUntil(lambda: dialog.terms_loaded)
    assert dialog.code.isReadOnly() and dialog.terms.currentData() == "NET30"
    dialog.phone.setText("+51 44 123456")
    dialog.on_hold.setChecked(True)
    with qtbot.waitSignal(card.loaded, timeout=5000):
        click_ok(qtbot, dialog)
    assert card.facts["phone"].text() == "+51 44 123456"
    assert card.hold.text() == "ON HOLD"


def test_invoice_dialog_warns_about_credit_control(window, qtbot):
    with session_factory(window.ctx.engine, write=True)() as s, s.begin():
        make_customer(s, on_hold=True, credit_limit_minor=10000)
    inv = window.new_invoice("C001")
    qtbot.waitUntil(lambda: inv.customer is not None)
    qtbot.keyClicks(inv.amount, "250.00")
    inv.update_preview()
    qtbot.waitUntil(lambda: not inv.preview_pending and inv.lines_model.rowCount() == 1)
    assert inv.credit_warning.isVisible()
    assert "on credit hold" in inv.credit_warning.text() and "credit limit" in inv.credit_warning.text()
    inv.reject()


def test_after_a_write_concerned_hidden_pages_reload_when_shown_and_others_not_at_all(window, qtbot):
    calls = []
    assert set(window.views) == {"dashboard"}  # the other pages are built when first shown (or asked for)
    for spec in window.specs:
        window.view(spec.key)  # every page built, the dashboard on screen, the others hidden
    view = window.view("customers")
    window.show_view("customers")
    # the pages' own start-up work (Today brings promises up to date, then reloads itself) is done first:
    # under load it could otherwise finish after the pages are replaced below and count as a reload
    qtbot.waitUntil(lambda: not window.ctx.runner.busy(), timeout=30000)
    others = [k for k in window.views if k != "customers" and hasattr(window.views[k], "refresh")]
    for key in others:
        window.views[key].refresh = lambda k=key: calls.append(k)
    window.refresh_views(Changes(frozenset({"documents", "audit"})))  # what a payment changes
    assert calls == []  # only the customers page (on screen) reloaded
    qtbot.waitUntil(lambda: not view.model.loading)
    window.show_view("aging")  # shows documents: reloads once when shown
    assert calls == ["aging"]
    window.show_view("aging")
    assert calls == ["aging"]
    window.show_view("reminders")  # shows no documents: nothing to reload
    assert calls == ["aging"]
    window.refresh_views(Changes(frozenset({"settings"})))  # the reminders page on screen shows no settings
    assert calls == ["aging"]
    window.refresh_views(Changes(frozenset({"reminders"})))
    assert calls == ["aging", "reminders"]
    window.show_view("aging")
    assert calls == ["aging", "reminders", "aging"]  # the settings change concerned it while hidden


def test_a_tax_id_that_fails_its_check_digit_is_a_warning_the_user_can_override(window, qtbot):
    from app.ledger import get_customer

    view = window.show_view("customers")
    dialog = view._new_customer()
    qtbot.waitUntil(lambda: dialog.terms_loaded)
    qtbot.keyClicks(dialog.code, "C200")
    qtbot.keyClicks(dialog.name, "Importadora del Norte")
    dialog.country.setCurrentText("CO")
    qtbot.keyClicks(dialog.tax_id, "9003739135")  # the NIT's check digit is 4, not 5
    assert dialog.tax_warning.isVisibleTo(dialog) and "is not a valid NIT for CO" in dialog.tax_warning.text()
    click_ok(qtbot, dialog)
    qtbot.waitUntil(lambda: "is not a valid NIT" in dialog.form.error_label("tax_id").text())
    assert dialog.isVisible()  # nothing saved
    dialog.keep_tax_id.setChecked(True)
    with qtbot.waitSignal(dialog.finished, timeout=5000):
        click_ok(qtbot, dialog)
    wait_idle(qtbot, window.ctx.runner)
    with window.ctx.sessions() as s:
        assert get_customer(s, "C200").tax_id == "9003739135"  # kept as typed

    dialog = view._new_customer()
    qtbot.waitUntil(lambda: dialog.terms_loaded)
    qtbot.keyClicks(dialog.code, "C201")
    qtbot.keyClicks(dialog.name, "Importadora del Sur")
    dialog.country.setCurrentText("CO")
    qtbot.keyClicks(dialog.tax_id, "900373913-4")
    assert not dialog.tax_warning.isVisibleTo(dialog)
    with qtbot.waitSignal(dialog.finished, timeout=5000):
        click_ok(qtbot, dialog)
    wait_idle(qtbot, window.ctx.runner)
    with window.ctx.sessions() as s:
        assert get_customer(s, "C201").tax_id == "900.373.913-4"  # written the way NITs are written


def test_a_phone_number_is_checked_for_the_country_and_written_in_international_form(window, qtbot):
    from app.ledger import get_customer

    view = window.show_view("customers")
    dialog = view._new_customer()
    qtbot.waitUntil(lambda: dialog.terms_loaded)
    qtbot.keyClicks(dialog.code, "C210")
    qtbot.keyClicks(dialog.name, "Comercial Rimac")
    dialog.country.setCurrentText("PE")
    qtbot.keyClicks(dialog.phone, "12345")
    assert dialog.phone_warning.isVisibleTo(dialog) and "not a valid phone number for PE" in dialog.phone_warning.text()
    click_ok(qtbot, dialog)
    qtbot.waitUntil(lambda: "not a valid phone number" in dialog.form.error_label("phone").text())
    assert dialog.isVisible()  # nothing saved
    dialog.phone.clear()
    qtbot.keyClicks(dialog.phone, "987654321")
    assert not dialog.phone_warning.isVisibleTo(dialog) and not dialog.keep_phone.isVisibleTo(dialog)
    with qtbot.waitSignal(dialog.finished, timeout=5000):
        click_ok(qtbot, dialog)
    wait_idle(qtbot, window.ctx.runner)
    with window.ctx.sessions() as s:
        assert get_customer(s, "C210").phone == "+51 987 654 321"

    dialog = view._new_customer()  # an internal extension: kept as typed once the user says so
    qtbot.waitUntil(lambda: dialog.terms_loaded)
    qtbot.keyClicks(dialog.code, "C211")
    qtbot.keyClicks(dialog.name, "Comercial Chosica")
    qtbot.keyClicks(dialog.phone, "anexo 204")
    dialog.keep_phone.setChecked(True)
    with qtbot.waitSignal(dialog.finished, timeout=5000):
        click_ok(qtbot, dialog)
    wait_idle(qtbot, window.ctx.runner)
    with window.ctx.sessions() as s:
        assert get_customer(s, "C211").phone == "anexo 204"
