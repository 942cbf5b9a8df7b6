"""The reminders pieces of the customer card: a "WhatsApp" button that opens the click-to-chat link
with a short message from the templates, and a "Reminders" tab with the customer's own policy, a pause
and its reminder history."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.reminders.policy import customer_reminder_choice, save_customer_reminders
from app.reminders.run import customer_reminders
from app.reminders.whatsapp_send import customer_whatsapp_link

from ..tablemodels.reminders import HistoryTableModel
from ..widgets import DateEdit
from .card_table import card_table, fit_columns

translate = QCoreApplication.translate


def install(card) -> None:
    """Add the WhatsApp button and the Reminders tab to a CustomerCard (called once from its constructor)."""
    card.reminders_model = HistoryTableModel(card.ctx.formatter, card)
    card.reminders_table = card_table(card.reminders_model)
    card.reminders_table.setObjectName("card_reminders")
    card.policy_combo = QComboBox()
    card.policy_combo.setObjectName("card_policy")
    card.pause_check = QCheckBox(translate("CustomerCard", "Pause until"))
    card.pause_date = DateEdit(card.ctx.formatter, card.ctx.today())
    card.pause_date.setEnabled(False)
    card.save_reminder_settings = QPushButton(translate("CustomerCard", "Save"))
    card.reminder_settings_status = QLabel()
    settings_row = QHBoxLayout()
    settings_row.addWidget(QLabel(translate("CustomerCard", "Reminder policy")))
    settings_row.addWidget(card.policy_combo)
    settings_row.addWidget(card.pause_check)
    settings_row.addWidget(card.pause_date)
    settings_row.addWidget(card.save_reminder_settings)
    settings_row.addWidget(card.reminder_settings_status, 1)
    reminders_box = QWidget()
    rl = QVBoxLayout(reminders_box)
    rl.setContentsMargins(0, 0, 0, 0)
    rl.addLayout(settings_row)
    rl.addWidget(card.reminders_table, 1)
    card.tabs.addTab(reminders_box, translate("CustomerCard", "Reminders"))
    card.pause_check.toggled.connect(card.pause_date.setEnabled)

    def choice_loaded(choice) -> None:
        card.policy_combo.clear()
        card.policy_combo.addItem(translate("CustomerCard", "By segment or default"), None)
        for code in choice.policy_codes:
            card.policy_combo.addItem(code, code)
        card.policy_combo.setCurrentIndex(max(card.policy_combo.findData(choice.policy_code), 0))
        card.pause_check.setChecked(choice.paused_until is not None)
        if choice.paused_until is not None:
            card.pause_date.set_date(choice.paused_until)
        card.reminder_choice = choice
        card.reminder_choice_loaded.emit()

    def save_choice() -> None:
        until = card.pause_date.value() if card.pause_check.isChecked() else None

        def saved(choice) -> None:
            card.reminder_settings_status.setText(translate("CustomerCard", "Saved"))
            choice_loaded(choice)

        card.ctx.runner.write(save_customer_reminders, card.code, policy_code=card.policy_combo.currentData(),
                              paused_until=until, seen=getattr(card, "reminder_choice", None),  # stale: refused
                              on_done=saved, on_error=show_error)

    card.save_reminder_settings.clicked.connect(save_choice)
    card.ctx.runner.read(customer_reminder_choice, card.code, on_done=choice_loaded)
    card.btn_whatsapp = QPushButton(translate("CustomerCard", "WhatsApp"))
    card.btn_whatsapp.setToolTip(translate("CustomerCard", "Open a WhatsApp chat with a payment reminder filled in"))
    card.extra_buttons.addWidget(card.btn_whatsapp)
    card.whatsapp_url = None

    def show_error(exc) -> None:
        card.error.setText(str(exc))
        card.error.show()

    def opened(link: str) -> None:
        card.whatsapp_url = link
        QDesktopServices.openUrl(QUrl(link))

    def open_whatsapp() -> None:
        card.error.hide()
        card.ctx.runner.read(customer_whatsapp_link, card.code, as_of=card.ctx.today(), on_done=opened,
                             on_error=show_error)

    def reminders_loaded(rows) -> None:
        card.reminders_model.set_rows(rows)
        fit_columns(card.reminders_table)

    def load_reminders() -> None:
        card.ctx.runner.read(customer_reminders, card.code, on_done=reminders_loaded, on_error=show_error)

    card.open_whatsapp = open_whatsapp
    card.load_reminders = load_reminders
    card.btn_whatsapp.clicked.connect(open_whatsapp)
    card.loaded.connect(load_reminders)
