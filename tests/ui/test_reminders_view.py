"""The Reminders page: preview with reasons, approve, run (real SMTP in the test, letters as PDF), history."""

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from app import ledger
from app.database import session_factory
from tests.factories import SmtpCollector, free_port, make_customer, make_invoice, smtp_settings, start_smtp

from .conftest import wait_idle

D = dt.date


@pytest.fixture
def overdue(books):
    with session_factory(books, write=True)() as s, s.begin():
        make_customer(s, code="C1", name="Ferretería Los Andes S.A.C.", email="pagos@losandes.pe")
        make_customer(s, code="C2", name="Comercial Rivera E.I.R.L.", email="rivera@example.pe")
        make_customer(s, code="C3", name="Sin Correo S.R.L.", address="Av. Arequipa 123", city="Lima")
        make_invoice(s, number="F1", customer="C1", issued=D(2026, 5, 1), due=D(2026, 6, 1))
        make_invoice(s, number="F2", customer="C2", issued=D(2026, 5, 1), due=D(2026, 6, 1))
        ledger.set_disputed(s, "F2", True)
        make_invoice(s, number="F3", customer="C3", issued=D(2026, 5, 1), due=D(2026, 6, 1))
    return books


@pytest.fixture
def smtp(overdue):
    handler = SmtpCollector()
    controller = start_smtp(handler)
    with session_factory(overdue, write=True)() as s, s.begin():
        for key, value in smtp_settings(controller.port):
            ledger.set_setting(s, key, value)
    yield handler
    controller.stop()


def run_confirmed(view, qtbot):
    """Run, then answer the confirmation with its Run button, as a person does."""
    from PySide6.QtWidgets import QMessageBox

    view.run_button.click()
    qtbot.waitUntil(lambda: view.confirm_box is not None and view.confirm_box.isVisible(), timeout=5000)
    view.confirm_box.button(QMessageBox.StandardButton.Yes).click()


def make_view(ctx, qtbot):
    from app.ui.views.reminders import RemindersView

    view = RemindersView(ctx)
    qtbot.addWidget(view)
    view.at.setTime(view.at.time().fromString("10:00", "HH:mm"))
    return view


def rows_by_code(model):
    return {model.row(i).customer_code: i for i in range(model.rowCount())}


def test_preview_shows_the_blocked_reason_and_the_planned_reminder(overdue, ctx, qtbot, qtmodeltester):
    view = make_view(ctx, qtbot)
    with qtbot.waitSignal(view.previewed, timeout=20000):
        view.preview_button.click()
    model = view.model
    qtmodeltester.check(model)
    rows = rows_by_code(model)
    assert set(rows) == {"C1", "C2", "C3"}
    blocked = model.row(rows["C2"])
    assert blocked.blocked
    reason = model.data(model.index(rows["C2"], model.COL_REASON))
    assert "disput" in reason.lower()
    assert model.data(model.index(rows["C2"], 0), Qt.ItemDataRole.CheckStateRole) is None
    assert model.data(model.index(rows["C2"], 0), Qt.ItemDataRole.ForegroundRole) is not None
    c1 = rows["C1"]
    # the shipped policy reviews before sending: the preview approves nothing, Approve all ticks every one
    assert model.data(model.index(c1, 0), Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    assert model.approved_keys() == set() and "0 approved" in view.count.text()
    view.all_button.click()
    assert model.data(model.index(c1, 0), Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert model.data(model.index(c1, model.COL_ITEMS)) == "F1"
    assert "E-mail" in model.data(model.index(c1, model.COL_CHANNELS))
    assert "Letter" in model.data(model.index(rows["C3"], model.COL_CHANNELS))
    assert model.approved_keys() == {model.row(c1).key, model.row(rows["C3"]).key}
    # unchecking a row takes it out of the approval
    assert model.setData(model.index(c1, 0), Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert model.approved_keys() == {model.row(rows["C3"]).key}
    assert not model.setData(model.index(rows["C2"], 0), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert view.run_button.isEnabled()
    view.as_of.setDate(view.as_of.date().addDays(1))  # approvals belong to the previewed moment
    assert not view.run_button.isEnabled() and "Preview" in view.count.text()
    wait_idle(qtbot, ctx.runner)


def test_run_sends_email_writes_a_letter_and_shows_the_history(smtp, ctx, qtbot, tmp_path, qtmodeltester,
                                                                monkeypatch):
    view = make_view(ctx, qtbot)
    view.letters_dir.setText(str(tmp_path / "letters"))
    with qtbot.waitSignal(view.previewed, timeout=20000):
        view.preview_button.click()
    view.all_button.click()
    steps, announced = [], []
    view._progress.step.connect(lambda n, total: steps.append((n, total)))
    ctx.runner.data_changed.connect(announced.append)
    with qtbot.waitSignal(view.finished, timeout=30000) as blocker:
        run_confirmed(view, qtbot)
    summary = blocker.args[0]
    assert (summary.queued, summary.sent, summary.failed, summary.blocked) == (2, 2, 0, 1)
    # the delivery's own transactions are announced too, so other pages and open cards reload
    assert any(c.concerns({"reminders"}, "C001") for c in announced[1:]), announced
    assert steps and steps[-1] == (2, 2)
    [msg] = smtp.messages()
    assert msg["To"].addresses[0].addr_spec == "pagos@losandes.pe"
    assert view.letters_path and Path(view.letters_path).read_bytes()[:4] == b"%PDF"
    assert Path(view.letters_path).parent == tmp_path / "letters"
    assert view.open_letters.isEnabled()
    from PySide6.QtGui import QDesktopServices

    from app import config

    config.set_clock(config.FixedClock.at(D(2026, 6, 30), hour=16))  # 11:00 in Lima, after the 10:00 run
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    view.open_letters.click()
    assert opened == [view.letters_path]
    # "sent" only for the e-mail the SMTP server accepted; the letter is written
    assert "1 e-mail sent" in view.summary.text() and "1 letter written" in view.summary.text()
    qtbot.waitUntil(lambda: view.history_model.rowCount() == 2, timeout=20000)
    wait_idle(qtbot, ctx.runner)
    qtmodeltester.check(view.history_model)
    hm = view.history_model
    states = {hm.row(i).customer_code: hm.data(hm.index(i, hm.COL_STATE)) for i in range(hm.rowCount())}
    assert states == {"C1": "e-mail sent", "C3": "letter written"}
    # the preview after the run: nothing new for the same day
    assert all(view.model.row(i).blocked for i in range(view.model.rowCount()))


def test_unapproved_reminder_is_stored_as_draft_and_failures_show_in_history(overdue, ctx, qtbot, tmp_path):
    with session_factory(overdue, write=True)() as s, s.begin():  # an SMTP server nobody listens on
        for key, value in smtp_settings(free_port()):
            ledger.set_setting(s, key, value)
    view = make_view(ctx, qtbot)
    view.letters_dir.setText(str(tmp_path))
    with qtbot.waitSignal(view.previewed, timeout=20000):
        view.preview_button.click()
    view.all_button.click()
    c3 = rows_by_code(view.model)["C3"]
    view.model.setData(view.model.index(c3, 0), Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    with qtbot.waitSignal(view.finished, timeout=30000) as blocker:
        run_confirmed(view, qtbot)
    assert (blocker.args[0].drafts, blocker.args[0].failed) == (1, 1)
    qtbot.waitUntil(lambda: view.history_model.rowCount() == 2, timeout=20000)
    hm = view.history_model
    by_code = {hm.row(i).customer_code: i for i in range(hm.rowCount())}
    assert hm.data(hm.index(by_code["C3"], hm.COL_STATE)) == "awaiting approval"
    assert hm.data(hm.index(by_code["C1"], hm.COL_STATE)) in ("failed", "queued")
    assert hm.data(hm.index(by_code["C1"], hm.COL_ERROR))
    wait_idle(qtbot, ctx.runner)


def test_cancel_before_storing_stores_nothing(overdue, ctx, qtbot, tmp_path):
    view = make_view(ctx, qtbot)
    view.letters_dir.setText(str(tmp_path))
    with qtbot.waitSignal(view.previewed, timeout=20000):
        view.preview_button.click()
    view._cancel.set()  # as if Cancel was pressed before the first reminder was stored
    from app.reminders.service import perform_run  # the same run `cobranza remind --send` performs

    with qtbot.waitSignal(view.finished, timeout=30000) as blocker:
        view.ctx.runner.write(perform_run, as_of=D(2026, 6, 30), at="10:00", approve=view.model.approved_keys(),
                              letters_dir=str(tmp_path), cancel=lambda: True, on_done=view._finished,
                              on_error=view._failed)
    assert blocker.args[0].cancelled and blocker.args[0].queued == 0
    assert "Cancelled" in view.summary.text()
    wait_idle(qtbot, ctx.runner)


def test_page_is_in_the_navigation(window):
    assert "reminders" in window.views or any(s.key == "reminders" for s in window.specs)


def test_the_page_in_spanish_shows_spanish_reasons_and_headers(overdue, ctx, qtbot, qapp):
    from app.ui.i18n import install_translators

    with session_factory(overdue, write=True)() as s, s.begin():  # a customer who reads English
        make_customer(s, code="C4", name="Andes Trading Ltd.", email="ap@andes.example", language="en")
        make_invoice(s, number="F4", customer="C4", issued=D(2026, 5, 1), due=D(2026, 6, 1))
    install_translators(qapp, "es")
    try:
        view = make_view(ctx, qtbot)
        with qtbot.waitSignal(view.previewed, timeout=20000):
            view.preview_button.click()
        model = view.model
        c4, c1 = rows_by_code(model)["C4"], rows_by_code(model)["C1"]
        # the level in the UI's language, whatever the customer's (the letter itself is in English)
        assert model.data(model.index(c4, model.COL_LEVEL)) == model.data(model.index(c1, model.COL_LEVEL))
        assert model.row(c4).level_name != model.data(model.index(c4, model.COL_LEVEL))
        c2 = rows_by_code(model)["C2"]
        assert model.data(model.index(c2, model.COL_REASON)) == model.row(c2).blocked_es
        assert model.headerData(model.COL_CUSTOMER, Qt.Orientation.Horizontal) == "Cliente"
        assert view.preview_button.text() == "Vista previa"
        assert "omitido" in view.count.text()
        wait_idle(qtbot, ctx.runner)
    finally:
        install_translators(qapp, "en")


def _select_history(view, codes):
    from PySide6.QtCore import QItemSelectionModel

    hm, sel = view.history_model, view.history.selectionModel()
    sel.clearSelection()
    for i in range(hm.rowCount()):
        if hm.row(i).customer_code in codes:
            sel.select(hm.index(i, 0), QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)


def test_drafts_are_approved_and_reminders_cancelled_from_the_history(overdue, ctx, qtbot, tmp_path):
    view = make_view(ctx, qtbot)
    view.letters_dir.setText(str(tmp_path))
    with qtbot.waitSignal(view.previewed, timeout=20000):
        view.preview_button.click()
    view.model.set_all(False)  # everything stored as drafts
    with qtbot.waitSignal(view.finished, timeout=30000) as blocker:
        run_confirmed(view, qtbot)
    assert blocker.args[0].drafts == 2
    qtbot.waitUntil(lambda: view.history_model.rowCount() == 2, timeout=20000)
    hm = view.history_model
    _select_history(view, {"C3"})
    assert view.approve_selected.isEnabled() and view.cancel_selected.isEnabled()
    assert not view.whatsapp_button.isEnabled()
    view.approve_selected.click()
    qtbot.waitUntil(lambda: "approved" in view.history_status.text(), timeout=20000)
    qtbot.waitUntil(lambda: {hm.row(i).customer_code: hm.row(i).state for i in range(hm.rowCount())}.get("C3")
                    == "queued", timeout=20000)
    _select_history(view, {"C1"})
    view.cancel_selected_reminders(reason="")  # a reason is required: nothing changes
    qtbot.waitUntil(lambda: "Say why" in view.history_status.text(), timeout=20000)
    view.cancel_selected_reminders(reason="paid at the counter")
    qtbot.waitUntil(lambda: {hm.row(i).customer_code: hm.row(i).state for i in range(hm.rowCount())}.get("C1")
                    == "cancelled", timeout=20000)
    c1 = next(hm.row(i) for i in range(hm.rowCount()) if hm.row(i).customer_code == "C1")
    assert c1.error == "paid at the counter"
    wait_idle(qtbot, ctx.runner)


def test_whatsapp_reminder_is_opened_from_the_history_and_recorded(books, ctx, qtbot, tmp_path, monkeypatch):
    from PySide6.QtGui import QDesktopServices

    from app.reminders.policy import assign_policy, create_policy

    with session_factory(books, write=True)() as s, s.begin():
        create_policy(s, send_automatically=True, code="WA", name_es="WhatsApp", name_en="WhatsApp",
                      levels=[{"key": "friendly", "days": 1, "channels": "whatsapp"}])
        make_customer(s, code="W1", name="Chat S.A.C.", phone="+51 987 111 222")
        assign_policy(s, "W1", "WA")
        make_invoice(s, number="FW1", customer="W1", issued=D(2026, 5, 1), due=D(2026, 6, 1))
    from app import config

    config.set_clock(config.FixedClock.at(D(2026, 6, 30), hour=16))  # 11:00 in Lima, after the 10:00 run
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url.toString())))
    view = make_view(ctx, qtbot)
    view.letters_dir.setText(str(tmp_path))
    with qtbot.waitSignal(view.previewed, timeout=20000):
        view.preview_button.click()
    with qtbot.waitSignal(view.finished, timeout=30000):
        run_confirmed(view, qtbot)
    qtbot.waitUntil(lambda: view.history_model.rowCount() == 1, timeout=20000)
    hm = view.history_model
    assert "WhatsApp" in hm.data(hm.index(0, hm.COL_STATE))
    _select_history(view, {"W1"})
    assert view.whatsapp_button.isEnabled()
    view.whatsapp_button.click()
    qtbot.waitUntil(lambda: bool(opened), timeout=20000)
    assert opened[0].startswith("https://wa.me/51987111222") and view.last_whatsapp_url
    qtbot.waitUntil(lambda: hm.rowCount() == 1 and hm.row(0).state == "sent", timeout=20000)
    assert hm.data(hm.index(0, hm.COL_STATE)) == "WhatsApp opened"
    wait_idle(qtbot, ctx.runner)


def test_run_asks_first_with_what_leaves_per_channel_and_no_stores_nothing(overdue, ctx, qtbot, tmp_path):
    """One click on Run used to send everything the preview had pre-approved."""
    from PySide6.QtWidgets import QMessageBox
    from sqlalchemy import func, select

    from app.models import Reminder

    view = make_view(ctx, qtbot)
    view.letters_dir.setText(str(tmp_path))
    with qtbot.waitSignal(view.previewed, timeout=20000):
        view.preview_button.click()
    view.all_button.click()
    counts = view.model.approved_channel_counts()
    assert counts  # the preview approved something that would leave
    view.run_button.click()
    qtbot.waitUntil(lambda: view.confirm_box is not None and view.confirm_box.isVisible(), timeout=5000)
    box = view.confirm_box
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.No)
    assert f"{counts.get('email', 0)} e-mail" in box.text() and f"{counts.get('letter', 0)} letter" in box.text()
    assert "(s)" not in box.text()  # English plural forms, not "e-mail(s)"
    box.button(QMessageBox.StandardButton.No).click()
    qtbot.waitUntil(lambda: view.confirm_box is None, timeout=5000)
    wait_idle(qtbot, ctx.runner)
    with session_factory(overdue)() as s:
        assert s.scalar(select(func.count()).select_from(Reminder)) == 0
    assert view.run_button.isEnabled()


def test_may_have_been_sent_is_listed_and_released_or_marked_sent(overdue, ctx, qtbot, tmp_path):
    """E-mails left "sending" by a crash: listed as "may have been sent", released (sent again) or marked sent
    with the same functions as `cobranza reminders release ID [--mark-sent]`."""
    from sqlalchemy import select

    from app.models import Reminder
    from app.reminders.run import APPROVE_ALL, execute_run

    with session_factory(overdue, write=True)() as s, s.begin():
        when = dt.datetime(2026, 6, 30, 10, tzinfo=dt.timezone(dt.timedelta(hours=-5)))
        execute_run(s, as_of=D(2026, 6, 30), at=when, deliver=False, approve=APPROVE_ALL)
        for n, r in enumerate(s.scalars(select(Reminder).order_by(Reminder.id))):
            r.state, r.message_id = "sending", f"<crash{n}@cobranza.test>"  # as a killed sender leaves them
    view = make_view(ctx, qtbot)
    qtbot.waitUntil(lambda: view.history_model.rowCount() == 2, timeout=20000)
    hm = view.history_model
    assert {hm.data(hm.index(i, hm.COL_STATE)) for i in range(2)} == {"may have been sent"}
    assert "2 e-mails may have been sent" in view.sending_label.text() and not view.sending_label.isHidden()
    assert not view.release_button.isEnabled()  # nothing selected yet
    _select_history(view, {"C1"})
    assert view.release_button.isEnabled() and view.mark_sent_button.isEnabled()
    view.release_button.click()
    qtbot.waitUntil(lambda: {hm.row(i).customer_code: hm.row(i).state for i in range(hm.rowCount())}.get("C1")
                    == "queued", timeout=20000)
    _select_history(view, {"C3"})
    view.mark_sent_button.click()
    qtbot.waitUntil(lambda: {hm.row(i).customer_code: hm.row(i).state for i in range(hm.rowCount())}.get("C3")
                    == "sent", timeout=20000)
    assert view.sending_label.isHidden()
    with session_factory(overdue)() as s:
        rows = {r.customer_id: r for r in s.scalars(select(Reminder))}
        assert sorted((r.state, r.message_id) for r in rows.values()) == [
            ("queued", "<crash0@cobranza.test>"), ("sent", "<crash1@cobranza.test>")]  # the Message-ID is kept
    wait_idle(qtbot, ctx.runner)
