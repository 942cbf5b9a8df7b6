"""Settings → Templates: edit the text of each level × channel × language × part with a live preview
rendered for a real customer's overdue items (or a sample). A broken template shows its error with the
line and cannot be saved; "Revert to default" drops the user's version."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSplitter,
    QTextBrowser,
    QWidget,
)
from PySide6.QtCore import Qt

from app.reminders.delivery import largest_overdue_customer, preview_template, set_template_override, template_source
from app.reminders.policy import list_policies
from app.reminders.templates import PARTS, TemplateError

from ..page_parts import HINT_STYLE, STRETCH, hbox, hint_label, tab_button, vbox
from ..widgets import ERROR_STYLE, debounced


def load_choices(session, as_of):
    """Level keys of every policy (in policy order) and the customer the preview uses by default."""
    keys: list[str] = []
    for policy in list_policies(session):
        for lv in policy.levels:
            if lv.key not in keys:
                keys.append(lv.key)
    return keys or ["courtesy", "friendly", "reminder", "firm", "final"], largest_overdue_customer(session, as_of)


class TemplatesTab(QWidget):
    loaded = Signal()
    previewed = Signal()
    saved = Signal()

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self._generation = 0
        self.is_custom = False
        self.valid = False
        self.preview_for = ""
        self._loads = 0
        self._pending_status = ""

        self.level = QComboBox()
        self.channel = QComboBox()
        names = {"email": self.tr("E-mail"), "letter": self.tr("Letter"), "sms": self.tr("SMS"),
                 "whatsapp": self.tr("WhatsApp"), "call": self.tr("Call script")}
        for channel in PARTS:
            self.channel.addItem(names.get(channel, channel), channel)
        self.language = QComboBox()
        self.language.addItem("Español", "es")
        self.language.addItem("English", "en")
        self.part = QComboBox()
        self.customer = QLineEdit()
        self.customer.setPlaceholderText(self.tr("sample data"))
        self.customer.setMaximumWidth(140)
        pick = hbox(QLabel(self.tr("Level")), self.level, QLabel(self.tr("Channel")), self.channel,
                    QLabel(self.tr("Language")), self.language, QLabel(self.tr("Part")), self.part,
                    QLabel(self.tr("Preview for customer")), self.customer, STRETCH)

        self.editor = QPlainTextEdit()
        self.editor.setObjectName("template_editor")
        mono = QFont("DejaVu Sans Mono")
        mono.setStyleHint(QFont.StyleHint.Monospace)
        self.editor.setFont(mono)
        self.preview = QTextBrowser()
        self.preview.setObjectName("template_preview")
        self.preview.setOpenLinks(False)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.editor)
        split.addWidget(self.preview)
        split.setSizes([500, 500])

        self.origin = QLabel()
        self.origin.setStyleSheet(HINT_STYLE)
        self.error = QLabel()
        self.error.setObjectName("template_error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        self.save_button = tab_button(self.tr("Save template"))
        self.revert_button = tab_button(self.tr("Revert to default"))
        self.status = QLabel()
        help_text = hint_label(self.tr("Variables: customer.name, customer.code, company.name, items "
                                       "(invoice_number, due_date, days_overdue, open), totals, level, "
                                       "payment_instructions; filters money, date. See docs/templates.md."))
        vbox(pick, help_text, (split, 1), self.error,
             hbox(self.origin, STRETCH, self.status, self.revert_button, self.save_button), parent=self)

        self._preview_timer = debounced(self, self.update_preview)
        self.channel.currentIndexChanged.connect(self._channel_changed)
        for combo in (self.level, self.language, self.part):
            combo.currentIndexChanged.connect(lambda _i: self.load_text())
        self.editor.textChanged.connect(self._edited)
        self.customer.editingFinished.connect(self.update_preview)
        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(self.revert)
        self._fill_parts()
        self.save_button.setEnabled(False)
        ctx.runner.read(load_choices, ctx.today(), on_done=self._choices_arrived)

    # --- choosing ---------------------------------------------------------------------------

    def key(self) -> dict:
        return {"level_key": self.level.currentData(), "channel": self.channel.currentData(),
                "language": self.language.currentData(), "part": self.part.currentData()}

    def _choices_arrived(self, result) -> None:
        keys, customer = result
        self.level.blockSignals(True)
        for key in keys:
            self.level.addItem(key, key)
        self.level.setCurrentIndex(max(self.level.findData("friendly"), 0))
        self.level.blockSignals(False)
        if customer and not self.customer.text():
            self.customer.setText(customer)
        self.load_text()

    def _fill_parts(self) -> None:
        names = {"subject": self.tr("subject"), "text": self.tr("text"), "html": self.tr("HTML"),
                 "body": self.tr("body"), "closing": self.tr("closing")}
        self.part.blockSignals(True)
        self.part.clear()
        for part in PARTS[self.channel.currentData()]:
            self.part.addItem(names.get(part, part), part)
        self.part.blockSignals(False)

    def _channel_changed(self, _index) -> None:
        self._fill_parts()
        self.load_text()

    def load_text(self) -> None:
        if self.level.currentData() is None:
            return
        self._loads += 1
        load = self._loads
        self.ctx.runner.read(template_source, **self.key(), on_done=lambda r: self._text_arrived(load, r),
                             on_error=self._show_error)

    def _text_arrived(self, load: int, result) -> None:
        if load != self._loads:
            # the text of a level, language or part chosen before the current one (two readers may answer
            # out of order): showing it would put one template's text under another's name, and Save
            # would store it there
            return
        text, custom = result
        self.is_custom = custom
        self.origin.setText(self.tr("Your version") if custom else self.tr("Default template"))
        self.revert_button.setEnabled(custom)
        self.editor.blockSignals(True)
        self.editor.setPlainText(text)
        self.editor.blockSignals(False)
        self.status.setText(self._pending_status)
        self._pending_status = ""
        self.update_preview()
        self.loaded.emit()

    # --- preview ----------------------------------------------------------------------------

    def _edited(self) -> None:
        self.save_button.setEnabled(False)  # until the new text is checked
        self.status.clear()
        self._preview_timer.start()

    def update_preview(self) -> None:
        self._generation += 1
        generation = self._generation
        self.ctx.runner.read(preview_template, self.editor.toPlainText(), **self.key(),
                             customer_code=self.customer.text().strip() or None, as_of=self.ctx.today(),
                             on_done=lambda r: self._previewed(generation, r),
                             on_error=lambda exc: self._preview_failed(generation, exc))

    def _previewed(self, generation: int, result) -> None:
        if generation != self._generation:
            return  # an older text
        out, who = result
        self.valid = True
        self.preview_for = who
        self.error.clear()
        if self.part.currentData() == "html":
            self.preview.setHtml(out)
        else:
            self.preview.setPlainText(out)
        self.save_button.setEnabled(True)
        self.previewed.emit()

    def _preview_failed(self, generation: int, exc) -> None:
        if generation != self._generation:
            return
        self.valid = False
        self.save_button.setEnabled(False)
        self._show_error(exc)
        self.previewed.emit()

    def _show_error(self, exc) -> None:
        if isinstance(exc, TemplateError) and getattr(exc, "line", None):
            self.error.setText(self.tr("Line %1: %2").replace("%1", str(exc.line)).replace("%2", str(exc)))
        else:
            self.error.setText(str(exc))

    # --- saving -----------------------------------------------------------------------------

    def save(self) -> None:
        if not self.valid:
            return
        self.ctx.runner.write(set_template_override, **self.key(), text=self.editor.toPlainText(),
                              on_done=lambda _r: self._saved(self.tr("Template saved")), on_error=self._show_error)

    def revert(self) -> None:
        self.ctx.runner.write(set_template_override, **self.key(), text=None,
                              on_done=lambda _r: self._saved(self.tr("Default template restored")),
                              on_error=self._show_error)

    def _saved(self, message: str) -> None:
        self._pending_status = message
        self.load_text()
        self.saved.emit()
