"""The customer card's daily actions: the statement (preview, print, PDF, e-mail), a credit note, marking a
follow-up done with its outcome, and putting the customer on hold (or releasing it). Installed by
`ui/dialogs/card.py`; the follow-up dialog (`follow_up.py`) is also opened from the Today page."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
)

from app.reminders.hold import hold_state, put_on_hold, release_hold

from ..errors import describe
from ..widgets import DateEdit

translate = QCoreApplication.translate


def install(card) -> None:
    """Add the Statement, Credit note, Follow-up done and Hold buttons to a CustomerCard (once, from its
    constructor) and keep its hold line up to date."""
    card.btn_statement = QPushButton(translate("CustomerCard", "Statement…"))
    card.btn_statement.setToolTip(translate("CustomerCard", "Preview the statement of account, print it, save "
                                                            "it as a PDF or e-mail it"))
    card.btn_credit_note = QPushButton(translate("CustomerCard", "Credit note…"))
    card.btn_follow_up = QPushButton(translate("CustomerCard", "Follow-up done…"))
    card.btn_hold = QPushButton(translate("CustomerCard", "Hold…"))
    card.btn_hold.setToolTip(translate("CustomerCard", "Put the customer on hold with a reason, or release it"))
    # a row of their own above the card's buttons (one row of eleven buttons would not fit the card)
    row = QHBoxLayout()
    for b in (card.btn_statement, card.btn_credit_note, card.btn_follow_up, card.btn_hold):
        row.addWidget(b)
    row.addStretch(1)
    layout = card.layout()
    layout.insertLayout(layout.count() - 1, row)
    card.hold_state = None

    def statement():
        from .card_statement import StatementDialog

        card.statement_dialog = StatementDialog(card.ctx, card.code, card)
        card.statement_dialog.open()
        return card.statement_dialog

    def credit_note(invoice_number: str | None = None):
        from .credit_note import CreditNoteDialog

        card.credit_note_dialog = CreditNoteDialog(card.ctx, card.code, card, invoice_number=invoice_number)
        card.credit_note_dialog.open()
        return card.credit_note_dialog

    def follow_up():
        from .follow_up import FollowUpDoneDialog

        card.follow_up_dialog = FollowUpDoneDialog(card.ctx, card.code, parent=card)
        card.follow_up_dialog.open()
        return card.follow_up_dialog

    def hold():
        card.hold_dialog = HoldDialog(card.ctx, card.code, card.hold_state, card)
        card.hold_dialog.open()
        return card.hold_dialog

    def show_hold(state) -> None:
        card.hold_state = state
        f = card.ctx.formatter
        if state.on_hold:
            text = translate("CustomerCard", "ON HOLD")
        elif state.paused_until is not None:
            text = translate("CustomerCard", "REMINDERS PAUSED UNTIL %1").replace("%1", f.date(state.paused_until))
        else:
            text = ""
        card.hold.setText(text)
        card.hold.setToolTip(translate("CustomerCard", "Reason: %1").replace("%1", state.reason) if state.reason else "")
        card.btn_hold.setText(translate("CustomerCard", "Release hold…") if state.held else
                              translate("CustomerCard", "Hold…"))
        card.hold_loaded.emit()

    def load_hold() -> None:
        card.ctx.runner.read(hold_state, card.code, card.ctx.today(), on_done=show_hold, on_error=card._failed)

    card.statement = statement
    card.new_credit_note = credit_note
    card.follow_up_done = follow_up
    card.put_on_hold = hold
    card.btn_statement.clicked.connect(lambda: statement())
    card.btn_credit_note.clicked.connect(lambda: credit_note())
    card.btn_follow_up.clicked.connect(lambda: follow_up())
    card.btn_hold.clicked.connect(lambda: hold())
    card.loaded.connect(load_hold)


class HoldDialog(QDialog):
    """Put the customer on hold (a credit hold until released, or reminders paused up to a date) with the
    reason; when it is held, release it. `saved` carries the new HoldState."""

    saved = Signal(object)

    def __init__(self, ctx, customer_code: str, state=None, parent=None):
        super().__init__(parent)
        self.ctx, self.code = ctx, customer_code
        self.setWindowTitle(self.tr("Hold — %1").replace("%1", customer_code))
        self.setMinimumWidth(520)
        held = state is not None and state.held
        self.credit = QRadioButton(self.tr("Credit hold: no sales on credit and no reminders, until released"))
        self.pause = QRadioButton(self.tr("Pause reminders until"))
        self.kind = QButtonGroup(self)
        self.kind.addButton(self.credit)
        self.kind.addButton(self.pause)
        self.credit.setChecked(True)
        self.until = DateEdit(ctx.formatter, ctx.today())
        self.until.setEnabled(False)
        self.pause.toggled.connect(self.until.setEnabled)
        self.reason = QLineEdit()
        self.reason.setObjectName("hold_reason")
        self.reason.setPlaceholderText(self.tr("Returned cheque, dispute with the manager, legal process…"))
        self.current = QLabel()
        self.current.setWordWrap(True)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.current)
        layout.addWidget(self.credit)
        pause_row = QHBoxLayout()
        pause_row.addWidget(self.pause)
        pause_row.addWidget(self.until)
        pause_row.addStretch(1)
        layout.addLayout(pause_row)
        form = QFormLayout()
        form.addRow(self.tr("Reason"), self.reason)
        layout.addLayout(form)
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.hold_button = self.buttons.addButton(self.tr("Put on hold"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.release_button = self.buttons.addButton(self.tr("Release hold"), QDialogButtonBox.ButtonRole.ActionRole)
        self.release_button.setVisible(held)
        self.hold_button.clicked.connect(self.hold)
        self.release_button.clicked.connect(self.release)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        if held:
            f = ctx.formatter
            what = (self.tr("On credit hold.") if state.on_hold else
                    self.tr("Reminders paused until %1.").replace("%1", f.date(state.paused_until)))
            if state.reason:
                what += " " + self.tr("Reason: %1").replace("%1", state.reason)
            self.current.setText(what)
            self.current.setStyleSheet("color: #b00020; font-weight: 600;")
            self.reason.setPlaceholderText(self.tr("Why it is released (optional when releasing)"))
        else:
            self.current.hide()

    def hold(self) -> None:
        kind = "credit" if self.credit.isChecked() else "reminders"
        self.error.setText("")
        self.buttons.setEnabled(False)
        self.ctx.runner.write(put_on_hold, self.code, reason=self.reason.text(), kind=kind,
                              until=self.until.value() if kind == "reminders" else None, as_of=self.ctx.today(),
                              on_done=self._saved, on_error=self._failed)

    def release(self) -> None:
        self.buttons.setEnabled(False)
        self.ctx.runner.write(release_hold, self.code, reason=self.reason.text(), as_of=self.ctx.today(),
                              on_done=self._saved, on_error=self._failed)

    def _saved(self, state) -> None:
        self.saved.emit(state)
        self.accept()

    def _failed(self, exc) -> None:
        self.buttons.setEnabled(True)
        self.error.setText(describe(exc)[1])
