"""Settings → Reminder policies and Templates, driven through their widgets: edit a level and save, a bad
level named by row, segments; break a template (error with its line, Save disabled), fix it, save, and the
reminder run uses the new text."""

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from app.database import session_factory
from app.reminders.policy import policy_row, policy_view
from app.reminders.segment_policy import segment_policies
from tests.factories import make_customer, make_invoice

from .conftest import wait_idle

D = dt.date


@pytest.fixture
def overdue(books):
    with session_factory(books, write=True)() as s, s.begin():
        make_customer(s, code="C1", name="Ferretería Los Andes S.A.C.", email="pagos@losandes.pe", language="en")
        make_invoice(s, number="F-OLD", customer="C1", issued=D(2026, 4, 1), due=D(2026, 6, 20), amount="900.00")
    return books


def test_policy_editor_edits_a_level_refuses_a_bad_one_and_maps_segments(overdue, ctx, qtbot):
    from app.ui.dialogs.settings_policies import PoliciesTab

    tab = PoliciesTab(ctx)
    qtbot.addWidget(tab)
    qtbot.waitUntil(lambda: tab.table.rowCount() == 5, timeout=20000)
    assert tab.current.code == "STANDARD"
    friendly = 1
    tab.table.item(friendly, tab.COL_DAYS).setText("3")
    tab.table.item(friendly, tab.COL_CHANNEL0 + 2).setCheckState(Qt.CheckState.Checked)  # sms
    tab.table.cellWidget(friendly, tab.COL_FEE_KIND).setCurrentIndex(1)  # fixed
    tab.table.item(friendly, tab.COL_FEE_VALUE).setText("15.50")
    tab.table.item(friendly, tab.COL_MIN).setText("100")
    assert not tab.send_automatically.isChecked()  # the shipped policy reviews before sending
    tab.send_automatically.setChecked(True)
    with qtbot.waitSignal(tab.saved, timeout=20000):
        tab.save_button.click()
    with session_factory(ctx.engine)() as s:
        assert policy_view(policy_row(s, "STANDARD")).send_automatically
        lv = policy_view(policy_row(s, "STANDARD")).levels[1]
    assert (lv.key, lv.days, lv.channels, lv.fee_kind, int(lv.fee_value), lv.min_overdue_minor) == \
        ("friendly", 3, ("email", "sms"), "fixed", 1550, 10000)
    qtbot.waitUntil(lambda: tab.table.rowCount() == 5, timeout=20000)
    tab.table.item(2, tab.COL_DAYS).setText("3")  # the same day as level 2
    tab.save_button.click()
    qtbot.waitUntil(lambda: not tab.error.isHidden(), timeout=20000)
    assert "Level 3 (reminder): level 2 already falls on day 3" in tab.error.text()
    tab.table.item(2, tab.COL_MIN).setText("abc")
    tab.save_button.click()
    assert "Level 3" in tab.error.text() and "'abc' is not an amount" in tab.error.text()

    tab.copy("soft")
    qtbot.waitUntil(lambda: tab.current is not None and tab.current.code == "SOFT", timeout=20000)
    tab._append_segment("c-high", "SOFT")
    with qtbot.waitSignal(tab.loaded, timeout=20000):
        tab.save_segments_button.click()
    with session_factory(ctx.engine)() as s:
        assert segment_policies(s) == {"C-high": "SOFT"}
    tab._append_segment("Z-top", "SOFT")
    tab.save_segments_button.click()
    qtbot.waitUntil(lambda: not tab.segments_error.isHidden(), timeout=20000)
    assert "'Z-top' is not a segment" in tab.segments_error.text()
    wait_idle(qtbot, ctx.runner)


def test_template_editor_previews_blocks_a_broken_template_and_saves(overdue, ctx, qtbot, tmp_path):
    from app.reminders.run import APPROVE_ALL, execute_run
    from app.ui.dialogs.settings_templates import TemplatesTab
    from tests.reminders.conftest import Outbox, at

    tab = TemplatesTab(ctx)
    qtbot.addWidget(tab)
    qtbot.waitUntil(lambda: tab.level.count() > 0 and tab.customer.text() == "C1", timeout=20000)
    tab.language.setCurrentIndex(tab.language.findData("en"))
    tab.part.setCurrentIndex(tab.part.findData("subject"))
    wait_idle(qtbot, ctx.runner)  # the texts and previews of every choice above have arrived
    qtbot.waitUntil(lambda: tab.valid and tab.preview_for == "C1", timeout=20000)
    assert tab.origin.text() == "Default template" and not tab.revert_button.isEnabled()

    tab.editor.setPlainText("Overdue: {{ items[0].invoice_number ")
    assert not tab.save_button.isEnabled()  # until the new text is checked
    qtbot.waitUntil(lambda: "Line 1" in tab.error.text(), timeout=20000)
    assert not tab.save_button.isEnabled() and not tab.valid
    tab.editor.setPlainText("Overdue for {{ customer.name }}: {{ items[0].invoice_number }}")
    qtbot.waitUntil(lambda: tab.valid and tab.save_button.isEnabled(), timeout=20000)
    assert tab.error.text() == ""
    assert tab.preview.toPlainText() == "Overdue for Ferretería Los Andes S.A.C.: F-OLD"
    with qtbot.waitSignal(tab.loaded, timeout=20000):
        tab.save_button.click()
    assert tab.origin.text() == "Your version" and tab.revert_button.isEnabled()
    assert tab.status.text() == "Template saved"

    sent = Outbox()
    with session_factory(ctx.engine, write=True)() as s, s.begin():
        execute_run(s, as_of=D(2026, 6, 30), at=at(D(2026, 6, 30)), send=sent,
                    letters_dir=tmp_path, approve=APPROVE_ALL)
    from app.reminders.delivery import content_for, template_overrides
    from app.reminders.templates import render_message

    with session_factory(ctx.engine)() as s:
        [job] = sent.jobs
        rendered = render_message(job.level_key, "email", content_for(s, job, "email"),
                                  overrides=template_overrides(s))
    assert rendered.subject == "Overdue for Ferretería Los Andes S.A.C.: F-OLD"

    with qtbot.waitSignal(tab.loaded, timeout=20000):
        tab.revert_button.click()
    assert tab.origin.text() == "Default template" and "Overdue for" not in tab.editor.toPlainText()
    wait_idle(qtbot, ctx.runner)


def test_template_text_of_an_earlier_choice_arriving_late_is_not_shown(overdue, ctx, qtbot):
    from app.ui.dialogs.settings_templates import TemplatesTab

    tab = TemplatesTab(ctx)
    qtbot.addWidget(tab)
    qtbot.waitUntil(lambda: tab.level.count() > 0, timeout=20000)
    wait_idle(qtbot, ctx.runner)
    earlier = tab._loads
    assert tab.part.count() > 1
    with qtbot.waitSignal(tab.loaded, timeout=20000):
        tab.part.setCurrentIndex((tab.part.currentIndex() + 1) % tab.part.count())  # a newer request
    shown = tab.editor.toPlainText()
    tab._text_arrived(earlier, ("the text of the part chosen before", True))  # two readers: out of order
    assert tab.editor.toPlainText() == shown and tab.origin.text() == "Default template"
    wait_idle(qtbot, ctx.runner)
