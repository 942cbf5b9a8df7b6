"""The customer card: who the customer is, what they owe per currency, open items and payments."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
)

from app.ledger import balances, customers, terms
from app.ledger.views import CurrencyBalance, CustomerView, DocumentRow, OpenItem, TermsView

from ..context import AppContext
from ..errors import describe
from ..tablemodels.documents import BalancesTableModel, OpenItemsTableModel, PaymentsTableModel
from .. import corrections
from . import card_actions, card_collections, card_disputes, card_reminders
from .card_table import card_table, fit_columns


@dataclass(frozen=True)
class CardData:
    customer: CustomerView
    terms: TermsView | None
    balances: tuple[CurrencyBalance, ...]
    open_items: tuple[OpenItem, ...]
    payments: tuple[DocumentRow, ...]


def load_card(session, code: str, as_of: dt.date) -> CardData:
    customer = customers.get_customer(session, code)
    all_terms = {t.code: t for t in terms.list_terms(session)}
    docs = balances.customer_documents(session, code, as_of)
    return CardData(
        customer=customer,
        terms=all_terms.get(customer.payment_terms or ""),
        balances=tuple(balances.customer_balance(session, code, as_of)),
        open_items=tuple(balances.open_items(session, code, as_of)),
        payments=tuple(d for d in docs if d.kind != "invoice"),
    )


class CustomerCard(QDialog):
    loaded = Signal()
    score_shown = Signal()
    disputes_loaded = Signal()
    reminder_choice_loaded = Signal()
    hold_loaded = Signal()

    def __init__(self, ctx: AppContext, code: str, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.code = code
        self.data: CardData | None = None
        self.setWindowTitle(self.tr("Customer %1").replace("%1", code))
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.resize(980, 680)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)

        self.name = QLabel(code)
        self.name.setObjectName("card_name")
        self.name.setStyleSheet("font-size: 16pt; font-weight: 600;")
        self.name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hold = QLabel()
        self.hold.setStyleSheet("color: #b00020; font-weight: 600;")
        self.facts: dict[str, QLabel] = {}
        facts = QGridLayout()
        facts.setHorizontalSpacing(18)
        labels = [
            ("code", self.tr("Code")), ("tax_id", self.tr("Tax ID")), ("email", self.tr("E-mail")),
            ("phone", self.tr("Phone")), ("address", self.tr("Address")), ("terms", self.tr("Payment terms")),
            ("credit_limit", self.tr("Credit limit")), ("currency", self.tr("Currency")),
            ("collector", self.tr("Collector")),
        ]
        for i, (key, text) in enumerate(labels):
            caption = QLabel(text + ":")
            caption.setStyleSheet("color: #555;")
            value = QLabel()
            value.setObjectName(f"card_{key}")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.facts[key] = value
            facts.addWidget(caption, i % 5, (i // 5) * 2)
            facts.addWidget(value, i % 5, (i // 5) * 2 + 1)
        facts.setColumnStretch(1, 1)
        facts.setColumnStretch(3, 1)

        self.balance_model = BalancesTableModel(ctx.formatter, self)
        self.balance_table = card_table(self.balance_model)
        self.balance_table.setObjectName("card_balances")
        self.balance_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.balance_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.balance_table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.balance_table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.balance_box = QGroupBox(self.tr("Balance as of %1").replace("%1", ctx.formatter.date(ctx.today())))
        QVBoxLayout(self.balance_box).addWidget(self.balance_table)

        self.open_model = OpenItemsTableModel(ctx.formatter, self)
        self.open_table = card_table(self.open_model)
        self.open_table.setObjectName("card_open_items")
        self.payments_model = PaymentsTableModel(ctx.formatter, self)
        self.payments_table = card_table(self.payments_model)
        self.payments_table.setObjectName("card_payments")
        self.tabs = QTabWidget()
        self.tabs.addTab(self.open_table, self.tr("Open items"))
        self.tabs.addTab(self.payments_table, self.tr("Payments and credits"))

        self.btn_invoice = QPushButton(self.tr("New invoice"))
        self.btn_payment = QPushButton(self.tr("New payment"))
        self.btn_edit = QPushButton(self.tr("Edit customer"))
        self.btn_invoice.clicked.connect(self.new_invoice)
        self.btn_payment.clicked.connect(self.new_payment)
        self.btn_edit.clicked.connect(self.edit_customer)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020;")
        self.error.hide()

        head = QHBoxLayout()
        head.addWidget(self.name, 1)
        head.addWidget(self.hold)
        buttons = QHBoxLayout()
        for b in (self.btn_invoice, self.btn_payment, self.btn_edit):
            buttons.addWidget(b)
        self.extra_buttons = QHBoxLayout()  # for the collections buttons (card_collections.install)
        buttons.addLayout(self.extra_buttons)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addLayout(facts)
        layout.addWidget(self.balance_box)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)

        card_collections.install(self)
        card_disputes.install(self)
        card_reminders.install(self)
        card_actions.install(self)
        corrections.install(self)  # right-click menu on the document rows, "Corrections" button, Undo
        ctx.runner.data_changed.connect(self._changed)
        self.reload()

    #: the areas of app.ledger.changes the card shows (its facts, documents, collections, reminders, risk)
    concerns = frozenset({"customers", "documents", "collections", "reminders", "risk"})

    def _changed(self, changes) -> None:
        """After a write: reload when it changed something the card shows of this customer (a write
        that does not say which customers it touched may have touched this one)."""
        if changes.concerns(self.concerns, customer_code=self.code):
            self.reload()

    def reload(self) -> None:
        self.ctx.runner.read(load_card, self.code, self.ctx.today(), on_done=self._show, on_error=self._failed)
        card_collections.reload(self)
        card_disputes.reload(self)

    def _failed(self, exc: BaseException) -> None:
        self.error.setText(describe(exc)[1])
        self.error.show()

    def _show(self, data: CardData) -> None:
        self.data = data
        c = data.customer
        f = self.ctx.formatter
        self.error.hide()
        self.name.setText(c.name)
        self.setWindowTitle(f"{c.code} — {c.name}")
        self.hold.setText(self.tr("ON HOLD") if c.on_hold else "")
        address = ", ".join(p for p in (c.address, c.city, c.country) if p)
        values = {
            "code": c.code, "tax_id": c.tax_id or "—", "email": c.email or "—", "phone": c.phone or "—",
            "address": address or "—",
            "terms": (f"{data.terms.name} ({data.terms.code})" if data.terms else self.tr("Default (Net 30)")),
            "credit_limit": f.money(c.credit_limit_minor, c.currency) if c.credit_limit_minor is not None else "—",
            "currency": c.currency, "collector": getattr(c, "collector", None) or "—",
        }
        for key, value in values.items():
            self.facts[key].setText(value)
        self.balance_model.set_rows(data.balances)
        self._fit_height(self.balance_table, max(len(data.balances), 1))
        self.open_model.set_rows(data.open_items)
        self.payments_model.set_rows(data.payments)
        fit_columns(self.open_table)
        fit_columns(self.payments_table)
        self.tabs.setTabText(0, self.tr("Open items (%1)").replace("%1", str(len(data.open_items))))
        self.tabs.setTabText(1, self.tr("Payments and credits (%1)").replace("%1", str(len(data.payments))))
        self.loaded.emit()

    @staticmethod
    def _fit_height(view: QTableView, rows: int) -> None:
        height = view.horizontalHeader().height() + rows * view.verticalHeader().defaultSectionSize()
        view.setFixedHeight(height + 2 * view.frameWidth() + 2)

    def new_invoice(self):
        from .invoice import InvoiceDialog

        dialog = InvoiceDialog(self.ctx, self.code, self)
        dialog.open()
        return dialog

    def new_payment(self):
        from .payment import PaymentDialog

        dialog = PaymentDialog(self.ctx, self.code, self)
        dialog.open()
        return dialog

    def edit_customer(self):
        from .customer import CustomerDialog

        if self.data is None:
            return None
        dialog = CustomerDialog(self.ctx, self.data.customer, self)
        dialog.open()
        return dialog
