"""Tables of the customer card: open items, payments and credits, balances per currency."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QBrush, QColor

from app.ledger.views import CurrencyBalance, DocumentRow, OpenItem

from .base import RowRole, SnapshotTableModel, SortRole  # noqa: F401 - re-exported for views and tests

RED = QColor(176, 0, 32)


class OpenItemsTableModel(SnapshotTableModel):
    """OpenItem rows: one per due line with something still open."""

    COL_INVOICE, COL_ISSUE, COL_DUE, COL_DAYS, COL_AMOUNT, COL_OPEN, COL_DISPUTED = range(7)
    COLUMN_COUNT = 7
    MONEY_COLUMNS = (COL_DAYS, COL_AMOUNT, COL_OPEN)

    def headers(self) -> list[str]:
        translate = QCoreApplication.translate
        return [translate("OpenItemsModel", "Invoice"), translate("OpenItemsModel", "Issue date"), translate("OpenItemsModel", "Due date"),
                translate("OpenItemsModel", "Days overdue"), translate("OpenItemsModel", "Amount"), translate("OpenItemsModel", "Open"),
                translate("OpenItemsModel", "Disputed")]

    def display(self, r: OpenItem, col: int) -> str:
        f = self.formatter
        return [
            r.invoice_number, f.date(r.issue_date), f.date(r.due_date),
            str(r.days_overdue) if r.days_overdue > 0 else "",
            f.money(r.amount_minor, r.currency), f.money(r.open_minor, r.currency),
            QCoreApplication.translate("OpenItemsModel", "Disputed") if r.disputed else "",
        ][col]

    def sort_value(self, r: OpenItem, col: int):
        return [r.invoice_number, r.issue_date, r.due_date, r.days_overdue, r.amount_minor, r.open_minor,
                r.disputed][col]

    def foreground(self, r: OpenItem, col: int):
        if col in (self.COL_DAYS, self.COL_DUE) and r.days_overdue > 0:
            return QBrush(RED)
        if col == self.COL_DISPUTED and r.disputed:
            return QBrush(RED)
        return None


class PaymentsTableModel(SnapshotTableModel):
    """DocumentRow rows of kind payment, credit note or write-off (what reduced the balance)."""

    COL_DATE, COL_KIND, COL_REFERENCE, COL_AMOUNT, COL_UNAPPLIED, COL_NOTE = range(6)
    COLUMN_COUNT = 6
    MONEY_COLUMNS = (COL_AMOUNT, COL_UNAPPLIED)

    def headers(self) -> list[str]:
        translate = QCoreApplication.translate
        return [translate("PaymentsModel", "Date"), translate("PaymentsModel", "Kind"), translate("PaymentsModel", "Number / reference"),
                translate("PaymentsModel", "Amount"), translate("PaymentsModel", "Unapplied"), translate("PaymentsModel", "Method / note")]

    def kind_text(self, kind: str) -> str:
        translate = QCoreApplication.translate
        return {"payment": translate("PaymentsModel", "Payment"), "credit_note": translate("PaymentsModel", "Credit note"),
                "write_off": translate("PaymentsModel", "Write-off")}.get(kind, kind)

    def display(self, r: DocumentRow, col: int) -> str:
        f = self.formatter
        note = r.reference or ""
        if r.kind == "payment":
            note = method_text(note)
        return [f.date(r.date), self.kind_text(r.kind), r.number, f.money(r.amount_minor, r.currency),
                f.money(r.open_minor, r.currency) if r.open_minor else "", note][col]

    def sort_value(self, r: DocumentRow, col: int):
        return [r.date, r.kind, r.number, r.amount_minor, r.open_minor, r.reference or ""][col]


class BalancesTableModel(SnapshotTableModel):
    COL_CURRENCY, COL_OPEN, COL_CREDIT, COL_BALANCE = range(4)
    COLUMN_COUNT = 4
    MONEY_COLUMNS = (COL_OPEN, COL_CREDIT, COL_BALANCE)

    def headers(self) -> list[str]:
        translate = QCoreApplication.translate
        return [translate("BalancesModel", "Currency"), translate("BalancesModel", "Open invoices"),
                translate("BalancesModel", "Unapplied credit"), translate("BalancesModel", "Balance")]

    def display(self, r: CurrencyBalance, col: int) -> str:
        f = self.formatter
        return [r.currency, f.money(r.open_items_minor, r.currency), f.money(r.unapplied_credit_minor, r.currency),
                f.money(r.balance_minor, r.currency)][col]

    def sort_value(self, r: CurrencyBalance, col: int):
        return [r.currency, r.open_items_minor, r.unapplied_credit_minor, r.balance_minor][col]


def method_text(method: str) -> str:
    translate = QCoreApplication.translate
    return {
        "transfer": translate("PaymentMethod", "Bank transfer"), "cash": translate("PaymentMethod", "Cash"),
        "cheque": translate("PaymentMethod", "Cheque"), "card": translate("PaymentMethod", "Card"),
        "deposit": translate("PaymentMethod", "Deposit"), "yape": "Yape", "plin": "Plin",
        "other": translate("PaymentMethod", "Other"),
    }.get(method, method)
