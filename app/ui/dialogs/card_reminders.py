"""The reminders pieces of the customer card: a "WhatsApp" button that opens the click-to-chat link
with a short message from the templates, and a "Reminders" tab with the customer's reminder history."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QPushButton

from app.ledger.customers import get_customer
from app.reminders.run import customer_reminders

from ..tablemodels.reminders import HistoryTableModel

LEVEL_NAMES = {"es": "Recordatorio de pago", "en": "Payment reminder"}


translate = QCoreApplication.translate


def whatsapp_chat_link(session, code: str, as_of: dt.date) -> str:
    """On a reader: https://wa.me/<number>?text=<the friendly WhatsApp template for the overdue items>.
    Raises InvalidPhoneError (the customer's phone cannot be dialled) or a template/content error."""
    from app.reminders.content import build_content
    from app.reminders.delivery import template_overrides
    from app.reminders.templates import render_message
    from app.reminders.whatsapp import whatsapp_link

    customer = get_customer(session, code)
    language = customer.language if customer.language in LEVEL_NAMES else "es"
    content = build_content(session, customer_code=code, currency=customer.currency, as_of=as_of, level=1,
                            level_name=LEVEL_NAMES[language], channel="whatsapp", level_key="friendly")
    text = render_message("friendly", "whatsapp", content, overrides=template_overrides(session)).text
    return whatsapp_link(customer.phone or "", text, customer.country)


def install(card) -> None:
    """Add the WhatsApp button and the Reminders tab to a CustomerCard (called once from its constructor)."""
    from .card import _table, fit_columns

    card.reminders_model = HistoryTableModel(card.ctx.formatter, card)
    card.reminders_table = _table(card.reminders_model)
    card.reminders_table.setObjectName("card_reminders")
    card.tabs.addTab(card.reminders_table, translate("CustomerCard", "Reminders"))
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
        card.ctx.runner.read(whatsapp_chat_link, card.code, card.ctx.today(), on_done=opened, on_error=show_error)

    def reminders_loaded(rows) -> None:
        card.reminders_model.set_rows(rows)
        fit_columns(card.reminders_table)

    def load_reminders() -> None:
        card.ctx.runner.read(customer_reminders, card.code, on_done=reminders_loaded, on_error=show_error)

    card.open_whatsapp = open_whatsapp
    card.load_reminders = load_reminders
    card.btn_whatsapp.clicked.connect(open_whatsapp)
    card.loaded.connect(load_reminders)
