"""Marking a follow-up done with what came of it: from the customer card (its open follow-ups to choose
from) and from the Today page (the selected follow-up task)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QPlainTextEdit, QVBoxLayout

from app.collections.activities import OUTCOMES, complete_follow_up, open_follow_ups
from app.reminders.contact_rules import warning_for_contact

from ..errors import describe

translate = QCoreApplication.translate

# the outcome words of the "Log a contact" dialog (views/today.py reads them from here) and of this one, in
# the LogCallDialog translation context: one table, translated once
OUTCOME_TEXT = {
    "no_answer": QT_TRANSLATE_NOOP("LogCallDialog", "No answer"),
    "contacted": QT_TRANSLATE_NOOP("LogCallDialog", "Contacted"),
    "promise": QT_TRANSLATE_NOOP("LogCallDialog", "Promise to pay"),
    "dispute": QT_TRANSLATE_NOOP("LogCallDialog", "Dispute"),
    "refused": QT_TRANSLATE_NOOP("LogCallDialog", "Refused to pay"),
    "wrong_number": QT_TRANSLATE_NOOP("LogCallDialog", "Wrong number"),
    "paid": QT_TRANSLATE_NOOP("LogCallDialog", "Says it paid"),
}


class FollowUpDoneDialog(QDialog):
    """Mark a follow-up done with what came of it. Given an activity id (a Today task) that one; else the
    customer's open follow-ups to choose from. `saved` carries the ActivityView logged (or the follow-up)."""

    saved = Signal(object)
    follow_ups_loaded = Signal()

    def __init__(self, ctx, customer_code: str, activity_id: int | None = None, detail: str = "", parent=None):
        super().__init__(parent)
        self.ctx, self.code = ctx, customer_code
        self.setWindowTitle(self.tr("Follow-up done — %1").replace("%1", customer_code))
        self.setMinimumWidth(480)
        self.follow_up = QComboBox()
        self.follow_up.setObjectName("follow_up_choice")
        if activity_id is not None:
            self.follow_up.addItem(detail or self.tr("Follow-up #%1").replace("%1", str(activity_id)), activity_id)
        self.outcome = QComboBox()
        self.outcome.addItem(self.tr("— nothing to record —"), None)
        for key in OUTCOMES:
            self.outcome.addItem(translate("LogCallDialog", OUTCOME_TEXT[key]), key)
        self.notes = QPlainTextEdit()
        self.notes.setMaximumHeight(80)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Follow-up"), self.follow_up)
        form.addRow(self.tr("Outcome"), self.outcome)
        form.addRow(self.tr("Notes"), self.notes)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Mark done"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        if activity_id is None:
            self.buttons.setEnabled(False)
            ctx.runner.read(open_follow_ups, customer_code, on_done=self._loaded,
                            on_error=lambda exc: self.error.setText(describe(exc)[1]))

    def _loaded(self, rows) -> None:
        f = self.ctx.formatter
        for a in rows:
            text = f"{f.date(a.next_action_date)} · {a.channel}" + (f" · {a.notes}" if a.notes else "")
            self.follow_up.addItem(text, a.id)
        if not rows:
            self.error.setText(self.tr("This customer has no follow-up pending. Log a call to plan one."))
        self.buttons.setEnabled(bool(rows))
        self.follow_ups_loaded.emit()

    def save(self) -> None:
        activity_id = self.follow_up.currentData()
        if activity_id is None:
            return
        self.buttons.setEnabled(False)
        self.ctx.runner.write(complete_follow_up, activity_id, outcome=self.outcome.currentData(),
                              notes=self.notes.toPlainText().strip() or None, contact_check=warning_for_contact,
                              on_done=self._saved, on_error=self._failed)

    def _saved(self, activity) -> None:
        self.saved.emit(activity)
        self.accept()

    def _failed(self, exc) -> None:
        self.buttons.setEnabled(True)
        self.error.setText(describe(exc)[1])
