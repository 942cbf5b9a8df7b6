"""The customer card's daily actions, each through the real dialog: the statement previewed, printed,
saved and e-mailed (real SMTP), a credit note, a follow-up marked done (from the card and from Today), a
hold with its reason and its release."""

from __future__ import annotations

import datetime as dt
import re
import subprocess

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from sqlalchemy import select

from app import ledger
from app.collections.activities import list_activities, log_activity, open_follow_ups
from app.database import session_factory
from app.models import CreditNote
from tests.factories import smtp_server, smtp_settings
from tests.ui.conftest import wait_idle

D = dt.date


@pytest.fixture
def debtor(books):
    with session_factory(books, write=True)() as s, s.begin():
        ledger.create_customer(s, code="C1", name="Ferretería Los Andes S.A.C.", tax_id="20100000001",
                               email="pagos@losandes.pe", payment_terms="NET30")
        ledger.record_invoice(s, customer_code="C1", number="F1", issue_date=D(2026, 3, 1), total_minor=60000)
        ledger.record_invoice(s, customer_code="C1", number="F2", issue_date=D(2026, 4, 1), total_minor=30000)
        log_activity(s, customer_code="C1", channel="call", outcome="no_answer", notes="volver a llamar",
                     next_action_date=D(2026, 6, 29))
    return books


def open_card(ctx, qtbot):
    from app.ui.dialogs.card import CustomerCard

    card = CustomerCard(ctx, "C1")
    qtbot.addWidget(card)
    qtbot.waitUntil(lambda: card.data is not None and card.hold_state is not None, timeout=20000)
    return card


def open_minor(card) -> int:
    return sum(i.open_minor for i in card.data.open_items)


def pdf_text(path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def pdf_pages(path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def test_statement_is_previewed_saved_and_printed(debtor, ctx, qtbot, tmp_path):
    from PySide6.QtPrintSupport import QPrinter

    card = open_card(ctx, qtbot)
    dialog = card.statement()
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=20000)
    assert dialog.page_count() == 1 and dialog.print_button.isEnabled()
    assert dialog.pages_layout.itemAt(0).widget().pixmap().width() > 500  # a page, drawn
    assert dialog.to.text() == "pagos@losandes.pe"

    saved = dialog.save_pdf(str(tmp_path / "estado.pdf"))
    text = pdf_text(saved)
    assert "Ferretería Los Andes" in text and "F1" in text and "F2" in text

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setResolution(100)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert dialog.print_to(printer) == 1
    assert pdf_pages(tmp_path / "printed.pdf") == 1
    assert "1 page sent to the printer." in dialog.status.text()

    # another period: the preview follows
    dialog.as_of.set_date(D(2026, 3, 31))
    with qtbot.waitSignal(dialog.previewed, timeout=20000):
        dialog.refresh()
    text = pdf_text(dialog.save_pdf(str(tmp_path / "marzo.pdf")))
    assert "F1" in text and "F2" not in text
    dialog.reject()


def test_statement_is_emailed_with_the_pdf_and_logged(debtor, ctx, qtbot, tmp_path):
    card = open_card(ctx, qtbot)
    with smtp_server() as (collector, port):
        with session_factory(debtor, write=True)() as s, s.begin():
            for key, value in smtp_settings(port):
                ledger.set_setting(s, key, value)
        dialog = card.statement()
        qtbot.waitUntil(lambda: dialog.preview is not None, timeout=20000)
        dialog.to.setText("conta@losandes.pe")
        with qtbot.waitSignal(dialog.emailed, timeout=20000) as sent:
            qtbot.mouseClick(dialog.email_button, Qt.MouseButton.LeftButton)
        [message] = collector.messages()
    assert sent.args[0].to == "conta@losandes.pe"
    assert message["To"].addresses[0].addr_spec == "conta@losandes.pe"
    [attachment] = list(message.iter_attachments())
    (tmp_path / "a.pdf").write_bytes(attachment.get_content())
    assert "F2" in pdf_text(tmp_path / "a.pdf")
    assert "sent to conta@losandes.pe" in dialog.status.text()
    with session_factory(debtor)() as s:
        logged = [a for a in list_activities(s, "C1") if a.source == "statement"]
    assert [(a.channel, a.notes) for a in logged] == [("email", "Statement as of 30/06/2026 sent to conta@losandes.pe")]
    qtbot.waitUntil(lambda: any(r.kind == "activity" and "conta@" in r.detail for r in card.timeline_model.rows()),
                    timeout=20000)


def test_statement_email_without_a_server_says_what_to_set_up(debtor, ctx, qtbot):
    card = open_card(ctx, qtbot)
    dialog = card.statement()
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=20000)
    with qtbot.waitSignal(dialog.failed, timeout=20000) as failed:
        dialog.send_email()
    assert "smtp" in failed.args[0].lower() or "e-mail" in failed.args[0].lower()
    assert dialog.email_button.isEnabled()


def test_credit_note_against_an_invoice_from_the_card(debtor, ctx, qtbot):
    card = open_card(ctx, qtbot)
    before = open_minor(card)
    dialog = card.new_credit_note()
    qtbot.waitUntil(lambda: dialog.invoice.count() == 3, timeout=20000)  # on account, F1, F2
    assert dialog.customer_name.text() == "Ferretería Los Andes S.A.C. · C1 · 20100000001"
    dialog.invoice.setCurrentIndex(dialog.invoice.findText("F2", Qt.MatchFlag.MatchStartsWith))
    qtbot.keyClicks(dialog.number, "NC01-7")
    qtbot.keyClicks(dialog.amount, "50.00")
    dialog.reason.setText("Devolución parcial")  # keyClicks types ASCII only
    with qtbot.waitSignal(card.loaded, timeout=20000):
        qtbot.mouseClick(dialog.ok_button(), Qt.MouseButton.LeftButton)
    assert open_minor(card) == before - 5000
    with session_factory(debtor)() as s:
        cn = s.scalars(select(CreditNote)).one()
        assert (cn.number, cn.amount_minor, cn.invoice.number, cn.reason) == ("NC01-7", 5000, "F2", "Devolución parcial")


def test_credit_note_over_what_is_open_is_refused_beside_the_field(debtor, ctx, qtbot):
    card = open_card(ctx, qtbot)
    dialog = card.new_credit_note(invoice_number="F2")
    qtbot.waitUntil(lambda: dialog.invoice.currentIndex() > 0, timeout=20000)
    qtbot.keyClicks(dialog.number, "NC01-8")
    qtbot.keyClicks(dialog.amount, "500.00")
    dialog.submit()
    wait_idle(qtbot, ctx.runner)
    assert "invoice F2 has only 300.00 PEN open" in dialog.form.error_label("amount").text()
    assert dialog.buttons.isEnabled()  # correct it and try again
    with session_factory(debtor)() as s:
        assert s.scalars(select(CreditNote)).all() == []


def test_follow_up_done_from_the_card_with_its_outcome(debtor, ctx, qtbot):
    card = open_card(ctx, qtbot)
    dialog = card.follow_up_done()
    qtbot.waitUntil(lambda: dialog.follow_up.count() == 1, timeout=20000)
    assert "volver a llamar" in dialog.follow_up.itemText(0)
    dialog.outcome.setCurrentIndex(dialog.outcome.findData("promise"))
    dialog.notes.setPlainText("Paga el viernes")
    with qtbot.waitSignal(dialog.saved, timeout=20000) as saved:
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert (saved.args[0].outcome, saved.args[0].notes) == ("promise", "Paga el viernes")
    with session_factory(debtor)() as s:
        assert open_follow_ups(s, "C1") == []
    again = card.follow_up_done()
    qtbot.waitUntil(lambda: "no follow-up pending" in again.error.text(), timeout=20000)
    assert not again.buttons.isEnabled()
    again.reject()


def test_follow_up_done_from_the_today_page(debtor, ctx, qtbot):
    from app.ui.views.today import TodayView

    view = TodayView(ctx)
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: view.model.rowCount() > 0, timeout=20000)
    rows = [view.model.row(r) for r in range(view.model.rowCount())]
    follow = next(r for r, t in enumerate(rows) if t.kind == "follow_up")
    view.table.selectRow(follow)
    dialog = view.follow_up_done()
    assert dialog.follow_up.count() == 1 and dialog.buttons.isEnabled()
    dialog.outcome.setCurrentIndex(dialog.outcome.findData("contacted"))
    with qtbot.waitSignal(view.loaded, timeout=20000):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert all(view.model.row(r).kind != "follow_up" for r in range(view.model.rowCount()))


def test_hold_with_a_reason_then_release(debtor, ctx, qtbot):
    card = open_card(ctx, qtbot)
    assert card.hold.text() == "" and card.btn_hold.text() == "Hold…"
    dialog = card.put_on_hold()
    dialog.hold()  # no reason: refused, nothing held
    qtbot.waitUntil(lambda: "reason" in dialog.error.text(), timeout=20000)
    qtbot.keyClicks(dialog.reason, "Cheque devuelto")
    with qtbot.waitSignal(card.hold_loaded, timeout=20000):
        qtbot.mouseClick(dialog.hold_button, Qt.MouseButton.LeftButton)
    assert card.hold.text() == "ON HOLD" and card.hold.toolTip() == "Reason: Cheque devuelto"
    assert card.btn_hold.text() == "Release hold…"

    dialog = card.put_on_hold()
    assert "Cheque devuelto" in dialog.current.text() and not dialog.release_button.isHidden()
    with qtbot.waitSignal(card.hold_loaded, timeout=20000):
        dialog.release()
    assert card.hold.text() == ""

    dialog = card.put_on_hold()
    dialog.pause.setChecked(True)
    dialog.until.set_date(D(2026, 7, 15))
    qtbot.keyClicks(dialog.reason, "Vacaciones del contador")
    with qtbot.waitSignal(card.hold_loaded, timeout=20000):
        dialog.hold()
    assert card.hold.text() == "REMINDERS PAUSED UNTIL 15/07/2026"
    with session_factory(debtor)() as s:
        assert not ledger.get_customer(s, "C1").on_hold


def test_new_invoice_and_payment_from_the_card_know_the_customer(debtor, ctx, qtbot):
    card = open_card(ctx, qtbot)
    for dialog in (card.new_invoice(), card.new_payment()):
        qtbot.waitUntil(lambda: dialog.customer is not None, timeout=20000)
        assert dialog.customer_code.text() == "C1"
        assert dialog.customer_name.text() == "Ferretería Los Andes S.A.C. · C1 · 20100000001"
        dialog.reject()
