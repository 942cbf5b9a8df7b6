"""Corrections through the GUI (issue 12): the card's menu voids, credits, unapplies and reapplies; Undo in
the main window's status bar takes the last one back; balances and the audit view change."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QPoint

from app import ledger
from app.database import session_factory

from .conftest import wait_idle

D = dt.date


@pytest.fixture
def debtor(books):
    """C1 (PEN): F1 500.00 with OP-9 100.00 applied, F2 300.00."""
    with session_factory(books, write=True)() as s, s.begin():
        ledger.create_customer(s, code="C1", name="Ferretería Los Andes S.A.C.", payment_terms="NET30")
        ledger.record_invoice(s, customer_code="C1", number="F1", issue_date=D(2026, 3, 1), total_minor=50000)
        ledger.record_invoice(s, customer_code="C1", number="F2", issue_date=D(2026, 4, 1), total_minor=30000)
        ledger.record_payment(s, customer_code="C1", date=D(2026, 5, 20), amount_minor=10000, reference="OP-9",
                              invoice_number="F1")
    return books


def open_card(window, qtbot):
    from app.ui.dialogs.card import CustomerCard

    card = CustomerCard(window.ctx, "C1", window)
    qtbot.addWidget(card)
    qtbot.waitUntil(lambda: card.data is not None, timeout=20000)
    wait_idle(qtbot, window.ctx.runner)
    return card


def balance(card):
    [b] = card.data.balances
    return b.open_items_minor, b.unapplied_credit_minor, b.balance_minor


def opened(card):
    return {i.invoice_number: i.open_minor for i in card.data.open_items}


def row_of(card, kind, number):
    from app.ui.corrections import Target

    for r in card.payments_model.rows():
        if r.kind == kind and r.number == number:
            return Target(r.kind, r.number, r.currency, r.date, r.amount_minor, r.open_minor, r.status)
    raise AssertionError(f"no {kind} {number} on the card")


def submit(dialog, qtbot, card):
    """OK, then wait for the write and the card's reload."""
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    with qtbot.waitSignal(card.loaded, timeout=20000):
        ok.click()
    wait_idle(qtbot, card.ctx.runner)


def undo_bar(window):
    from app.ui.corrections import UndoBar

    return window.statusBar().findChild(UndoBar, "undo_bar")


def test_menu_on_the_rows(debtor, window, qtbot):
    card = open_card(window, qtbot)
    card.tabs.setCurrentWidget(card.payments_table)
    rect = card.payments_table.visualRect(card.payments_model.index(0, 0))
    menu = card.corrections.popup(card.payments_table, rect.center())
    texts = [a.text() for a in menu.actions() if a.text()]
    assert texts[:4] == ["Unapply…", "Apply to an invoice…", "Void payment…", "Edit reference…"]
    assert "History…" in texts and "Audit log of this customer…" in texts
    enabled = {a.text(): a.isEnabled() for a in menu.actions()}
    assert enabled["Unapply…"] and not enabled["Apply to an invoice…"]  # applied in full
    menu.close()
    card.tabs.setCurrentWidget(card.open_table)
    menu = card.corrections.popup(card.open_table, card.open_table.visualRect(card.open_model.index(0, 0)).center())
    assert [a.text() for a in menu.actions() if a.text()][:4] == [
        "Void invoice…", "Credit note against this invoice…", "Apply credit to this invoice…", "Write off what is open…"]
    menu.close()
    assert card.corrections.popup(card.open_table, QPoint(5, 400)).actions()[0].text() == "Credit note on account…"


def test_void_invoice_refused_then_unapply_void_and_audit_view(debtor, window, qtbot):
    from app.ui.corrections import Target

    card = open_card(window, qtbot)
    f1 = Target("invoice", "F1", "PEN", D(2026, 3, 1), None, 40000)
    dialog = card.corrections.void(f1)
    dialog.reason.setText("duplicate")
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    qtbot.waitUntil(dialog.error.isVisible, timeout=20000)
    shown = dialog.error.text()
    assert "unapply first: cobranza payment unapply OP-9 --invoice F1" in shown
    dialog.reject()

    # unapply the payment from all its invoices: F1 is fully open again, 100.00 is credit
    dialog = card.corrections.unapply(row_of(card, "payment", "OP-9"))
    qtbot.waitUntil(lambda: dialog.invoice.count() == 2, timeout=20000)  # "All invoices" and F1
    dialog.reason.setText("wrong invoice")
    submit(dialog, qtbot, card)
    assert opened(card) == {"F1": 50000, "F2": 30000} and balance(card) == (80000, 10000, 70000)
    bar = undo_bar(window)
    assert "taken back from F1" in bar.label.text() and bar.button.isVisible()

    dialog = card.corrections.void(f1)
    dialog.reason.setText("duplicate")
    submit(dialog, qtbot, card)
    assert opened(card) == {"F2": 30000}
    assert "Invoice F1 voided" in undo_bar(window).label.text() and not undo_bar(window).button.isVisible()

    view = window.show_view("audit")
    with qtbot.waitSignal(view.loaded, timeout=20000):
        view.refresh()
    actions = [(r.action, r.document) for r in view.model.rows()]
    assert actions[:2] == [("void", "invoice F1"), ("unapply", "payment OP-9")]
    view.document.setText("F1")
    view.user.setText("nobody")
    with qtbot.waitSignal(view.loaded, timeout=20000):
        view.refresh()
    assert view.model.rows() == []


def test_void_payment_then_credit_note_and_undo(debtor, window, qtbot):
    card = open_card(window, qtbot)
    dialog = card.corrections.void(row_of(card, "payment", "OP-9"))
    dialog.reason.setText("cheque bounced")
    submit(dialog, qtbot, card)
    assert balance(card) == (80000, 0, 80000)
    assert row_of(card, "payment", "OP-9").status == "void"

    dialog = card.corrections.credit_note("F2")
    qtbot.waitUntil(lambda: dialog.invoice.count() == 3, timeout=20000)  # on account, F1, F2
    assert dialog.invoice.currentData() == "F2"
    dialog.amount.setText("50.00")
    dialog.reason.setText("price difference")
    submit(dialog, qtbot, card)
    assert opened(card) == {"F1": 50000, "F2": 25000}
    bar = undo_bar(window)
    assert "Credit note NC-000001" in bar.label.text() and bar.button.isEnabled()
    with qtbot.waitSignal(card.loaded, timeout=20000):
        bar.button.click()
    wait_idle(qtbot, card.ctx.runner)
    assert opened(card) == {"F1": 50000, "F2": 30000}
    assert bar.label.text().startswith("Undone:") and not bar.button.isVisible()


def test_unapply_reapply_elsewhere_and_undo(debtor, window, qtbot):
    card = open_card(window, qtbot)
    dialog = card.corrections.unapply(row_of(card, "payment", "OP-9"))
    qtbot.waitUntil(lambda: dialog.invoice.count() == 2, timeout=20000)
    dialog.invoice.setCurrentIndex(dialog.invoice.findData("F1"))
    submit(dialog, qtbot, card)
    dialog = card.corrections.apply(row_of(card, "payment", "OP-9"))
    qtbot.waitUntil(lambda: dialog.invoice.count() == 3, timeout=20000)
    dialog.invoice.setCurrentIndex(dialog.invoice.findData("F2"))
    dialog.amount.setText("60.00")
    submit(dialog, qtbot, card)
    assert opened(card) == {"F1": 50000, "F2": 24000} and balance(card) == (74000, 4000, 70000)
    bar = undo_bar(window)
    assert "applied to F2" in bar.label.text()
    with qtbot.waitSignal(card.loaded, timeout=20000):
        bar.button.click()
    wait_idle(qtbot, card.ctx.runner)
    assert opened(card) == {"F1": 50000, "F2": 30000} and balance(card) == (80000, 10000, 70000)
    # a refused amount stays in the dialog, nothing written
    dialog = card.corrections.apply(row_of(card, "payment", "OP-9"))
    dialog.amount.setText("200.00")
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: dialog.form.error_label("amount").isVisible() or dialog.error.isVisible(), timeout=20000)
    assert "unapplied" in dialog.form.error_label("amount").text() + dialog.error.text()
    dialog.reject()


def test_payment_recorded_from_the_card_can_be_undone(debtor, window, qtbot):
    card = open_card(window, qtbot)
    dialog = card.new_payment()
    qtbot.waitUntil(lambda: getattr(dialog, "_corrections_hooked", False), timeout=20000)
    # what the dialog does on OK, without typing it all: record, then say so
    with session_factory(card.ctx.engine, write=True)() as s, s.begin():
        p = ledger.record_payment(s, customer_code="C1", date=D(2026, 6, 1), amount_minor=2000, invoice_number="F2",
                                  reference="OP-10")
    dialog.saved.emit(p)
    qtbot.waitUntil(lambda: undo_bar(window) is not None and undo_bar(window).button.isVisible(), timeout=20000)
    assert "Payment of" in undo_bar(window).label.text()
    dialog.reject()
    with qtbot.waitSignal(card.loaded, timeout=20000):
        undo_bar(window).button.click()
    wait_idle(qtbot, card.ctx.runner)
    assert row_of(card, "payment", "OP-10").status == "void" and opened(card)["F2"] == 30000


def test_history_of_a_row(debtor, window, qtbot, qtmodeltester):
    card = open_card(window, qtbot)
    dialog = card.corrections.history(row_of(card, "payment", "OP-9"))
    qtbot.waitUntil(lambda: dialog.model.rowCount() > 0, timeout=20000)
    assert dialog.model.rows()[0].action == "create"
    qtmodeltester.check(dialog.model)
    dialog.reject()
