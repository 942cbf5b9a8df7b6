"""The customer card's WhatsApp button (click-to-chat link with the template text) and Reminders tab."""

import datetime as dt
from urllib.parse import unquote

import pytest
from PySide6.QtGui import QDesktopServices

from app.database import session_factory
from app.reminders.run import APPROVE_ALL, execute_run
from tests.factories import make_customer, make_invoice

from .conftest import wait_idle

D = dt.date


@pytest.fixture
def reminded(books, tmp_path):
    from zoneinfo import ZoneInfo

    with session_factory(books, write=True)() as s, s.begin():
        make_customer(s, code="C1", name="Ferretería Los Andes S.A.C.", phone="987 654 321", country="PE")
        make_customer(s, code="C2", name="Sin Teléfono S.A.C.", phone="12")
        make_invoice(s, number="F1", customer="C1", issued=D(2026, 5, 1), due=D(2026, 6, 1))
    with session_factory(books, write=True)() as s, s.begin():  # a letter reminder: no e-mail address
        execute_run(s, as_of=D(2026, 6, 30), at=dt.datetime(2026, 6, 30, 10, tzinfo=ZoneInfo("America/Lima")),
                    letters_dir=tmp_path, approve=APPROVE_ALL)
    return books


def test_whatsapp_button_opens_the_chat_link_and_the_tab_lists_reminders(reminded, ctx, qtbot, monkeypatch,
                                                                          qtmodeltester):
    from app.ui.dialogs.card import CustomerCard

    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()) or True)
    card = CustomerCard(ctx, "C1")
    qtbot.addWidget(card)
    qtbot.waitUntil(lambda: card.reminders_model.rowCount() == 1, timeout=20000)
    qtmodeltester.check(card.reminders_model)
    m = card.reminders_model
    assert m.data(m.index(0, m.COL_STATE)) == "letter written"
    assert "Letter" in m.data(m.index(0, m.COL_CHANNELS))
    # the History tab shows it too: the card passes the reminders to the collections timeline
    qtbot.waitUntil(lambda: "reminder" in [r.kind for r in card.timeline_model.rows()], timeout=20000)
    card.btn_whatsapp.click()
    qtbot.waitUntil(lambda: bool(opened), timeout=20000)
    assert opened[0].startswith("https://wa.me/51987654321?text=")
    assert "F1" in unquote(opened[0])
    wait_idle(qtbot, ctx.runner)


def test_whatsapp_with_a_bad_phone_explains(reminded, ctx, qtbot, monkeypatch):
    from app.ui.dialogs.card import CustomerCard

    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    card = CustomerCard(ctx, "C2")
    qtbot.addWidget(card)
    card.show()
    qtbot.waitUntil(lambda: card.data is not None, timeout=20000)
    card.btn_whatsapp.click()
    qtbot.waitUntil(card.error.isVisible, timeout=20000)
    assert "12" in card.error.text() and not opened
    wait_idle(qtbot, ctx.runner)


def test_the_card_assigns_a_policy_and_pauses_reminders(books, ctx, qtbot):
    import datetime as dt

    from app.database import session_factory
    from app.reminders.policy import create_policy, customer_reminder_choice
    from app.ui.dialogs.card import CustomerCard
    from tests.factories import make_customer

    with session_factory(books, write=True)() as s, s.begin():
        make_customer(s, code="P1", name="Pausa S.A.C.")
        create_policy(s, send_automatically=True, code="SOFT", name_es="Suave", name_en="Soft",
                      levels=[{"key": "friendly", "days": 5, "channels": "email"}])
    card = CustomerCard(ctx, "P1")
    qtbot.addWidget(card)
    qtbot.waitUntil(lambda: card.policy_combo.count() == 2, timeout=20000)
    assert card.policy_combo.currentData() is None and not card.pause_check.isChecked()
    card.policy_combo.setCurrentIndex(card.policy_combo.findData("SOFT"))
    card.pause_check.setChecked(True)
    card.pause_date.set_date(dt.date(2026, 7, 15))
    with qtbot.waitSignal(card.reminder_choice_loaded, timeout=20000):
        card.save_reminder_settings.click()
    assert card.reminder_settings_status.text() == "Saved"
    with session_factory(books)() as s:
        choice = customer_reminder_choice(s, "P1")
    assert (choice.policy_code, choice.paused_until) == ("SOFT", dt.date(2026, 7, 15))
    card.pause_check.setChecked(False)
    card.policy_combo.setCurrentIndex(0)
    with qtbot.waitSignal(card.reminder_choice_loaded, timeout=20000):
        card.save_reminder_settings.click()
    with session_factory(books)() as s:
        choice = customer_reminder_choice(s, "P1")
    assert (choice.policy_code, choice.paused_until) == (None, None)
    ctx.runner.wait_for_done()
