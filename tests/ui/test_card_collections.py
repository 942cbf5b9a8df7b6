import datetime as dt
import subprocess

import pytest

from app import ledger
from app.collections.agreements import list_agreements
from app.database import session_factory

D = dt.date


@pytest.fixture
def debtor(books):
    with session_factory(books, write=True)() as s, s.begin():
        ledger.create_customer(s, code="C1", name="Ferretería Los Andes S.A.C.", payment_terms="NET30")
        ledger.record_invoice(s, customer_code="C1", number="F1", issue_date=D(2026, 3, 1), total_minor=60000)
        ledger.record_invoice(s, customer_code="C1", number="F2", issue_date=D(2026, 4, 1), total_minor=30000)
        ledger.record_payment(s, customer_code="C1", date=D(2026, 5, 20), amount_minor=10000, reference="OP-9")
    return books


def open_card(ctx, qtbot):
    from app.ui.dialogs.card import CustomerCard

    card = CustomerCard(ctx, "C1")
    qtbot.addWidget(card)
    qtbot.waitUntil(lambda: card.data is not None and card.timeline_model.rowCount() > 0, timeout=20000)
    return card


def test_card_shows_history_and_score(debtor, ctx, qtbot, qtmodeltester):
    card = open_card(ctx, qtbot)
    rows = card.timeline_model.rows()
    assert [r.kind for r in rows] == ["payment", "invoice", "invoice"]
    qtmodeltester.check(card.timeline_model)
    qtbot.waitUntil(lambda: "Risk" in card.score_label.text(), timeout=20000)
    # too little history for a model: the smoothed rate (0 + 1) / (0 + 3) and the reason says so
    assert "33 / 100" in card.score_label.text()
    assert "historical rate" in card.score_label.text()


def test_agreement_wizard_previews_creates_and_prints(debtor, ctx, qtbot, qtmodeltester, tmp_path):
    from PySide6.QtCore import Qt

    card = open_card(ctx, qtbot)
    dialog = card.new_agreement()
    for i in range(dialog.invoices.count()):
        dialog.invoices.item(i).setCheckState(Qt.CheckState.Checked)
    dialog.down.setText("100.00")
    dialog.count.setValue(4)
    dialog.start.set_date(D(2026, 7, 15))
    # debt 500 + 300 = 800; down 100; 700 in 4 parts
    assert [r[2] for r in dialog.schedule.rows()] == [10000, 17500, 17500, 17500, 17500]
    qtmodeltester.check(dialog.schedule)
    with qtbot.waitSignal(dialog.created, timeout=20000):
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    with session_factory(debtor)() as s:
        [agreement] = list_agreements(s, customer_code="C1")
    assert agreement.principal_minor == 80000 and agreement.invoices == ("F1", "F2")
    out = tmp_path / "conv.pdf"
    dialog.save_pdf(str(out))
    qtbot.waitUntil(lambda: out.exists() and "Saved" in dialog.error.text(), timeout=20000)
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert agreement.number in text


def test_wizard_refuses_a_down_payment_over_the_debt(debtor, ctx, qtbot):
    from PySide6.QtCore import Qt

    card = open_card(ctx, qtbot)
    dialog = card.new_agreement()
    dialog.invoices.item(0).setCheckState(Qt.CheckState.Checked)
    dialog.down.setText("9000.00")
    dialog.submit()
    assert "down payment" in dialog.error.text()


def test_disputes_are_opened_resolved_and_rejected_from_the_card(debtor, ctx, qtbot):
    from app.collections.disputes import customer_disputes
    from app.ledger.balances import open_items

    card = open_card(ctx, qtbot)
    dialog = card.new_dispute()
    assert [dialog.invoice.itemData(i) for i in range(dialog.invoice.count())] == ["F1", "F2"]
    dialog.reason.setText("")
    dialog.submit()
    qtbot.waitUntil(lambda: "Say what the customer disputes" in dialog.form.error_label("reason").text()
                    or "Say what" in dialog.error.text(), timeout=20000)
    dialog.invoice.setCurrentIndex(1)
    dialog.amount.setText("120.00")
    dialog.reason.setText("price differs from the order")
    with qtbot.waitSignal(dialog.opened, timeout=20000):
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: len(card.disputes) == 1 and card.data is not None, timeout=20000)
    assert card.tabs.tabText(card.tabs.indexOf(card.disputes_tab)) == "Disputes (1 open)"
    with session_factory(debtor)() as s:
        flagged = {o.invoice_number: o.disputed for o in open_items(s, "C1", D(2026, 6, 30))}
    assert flagged == {"F1": False, "F2": True}
    card.disputes_table.selectRow(0)
    assert card.btn_credit_dispute.isEnabled()
    card.resolve_dispute_with_credit("NC-77")
    qtbot.waitUntil(lambda: card.disputes and card.disputes[0].status == "resolved_credit", timeout=20000)
    assert card.disputes_table.item(0, 6).text() == "NC-77" and not card.btn_credit_dispute.isEnabled()
    with session_factory(debtor)() as s:
        [d] = customer_disputes(s, "C1")
        assert d.credit_note_number == "NC-77"
        f2 = [o for o in open_items(s, "C1", D(2026, 6, 30)) if o.invoice_number == "F2"]
    assert f2 and f2[0].open_minor == 30000 - 12000 and not f2[0].disputed
    # a second dispute, rejected
    dialog = card.new_dispute()
    dialog.reason.setText("never received")
    with qtbot.waitSignal(dialog.opened, timeout=20000):
        dialog.submit()
    qtbot.waitUntil(lambda: len(card.disputes) == 2, timeout=20000)
    card.disputes_table.selectRow(0)
    card.reject_dispute("delivery note signed by the customer")
    qtbot.waitUntil(lambda: card.disputes[0].status == "rejected", timeout=20000)
    assert card.disputes_table.item(0, 4).text() == "rejected"
    assert card.tabs.tabText(card.tabs.indexOf(card.disputes_tab)) == "Disputes (0 open)"
    ctx.runner.wait_for_done()
