"""Tables of the dashboard: top debtors and the items behind a card or a bar."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QBrush, QColor

from app.reports.dashboard import Debtor, DrillItem

from .base import SnapshotTableModel

RED = QColor(176, 0, 32)


class DebtorsTableModel(SnapshotTableModel):
    COL_CODE, COL_NAME, COL_TOTAL, COL_OVERDUE = range(4)
    COLUMN_COUNT = 4
    MONEY_COLUMNS = (COL_TOTAL, COL_OVERDUE)

    def __init__(self, formatter=None, parent=None):
        super().__init__(formatter, parent)
        self.currency = ""

    def headers(self) -> list[str]:
        t = QCoreApplication.translate
        return [t("DebtorsModel", "Code"), t("DebtorsModel", "Customer"), t("DebtorsModel", "Owes"),
                t("DebtorsModel", "Overdue")]

    def set_rows(self, rows, currency: str = "") -> None:
        self.currency = currency
        super().set_rows(rows)

    def display(self, r: Debtor, col: int) -> str:
        cur = self.currency
        return [r.code, r.name, self.formatter.money(r.total_minor, cur),
                self.formatter.money(r.overdue_minor, cur) if r.overdue_minor else ""][col]

    def sort_value(self, r: Debtor, col: int):
        return [r.code, r.name, r.total_minor, r.overdue_minor][col]

    def foreground(self, r: Debtor, col: int):
        return QBrush(RED) if col == self.COL_OVERDUE and r.overdue_minor else None


class DrillTableModel(SnapshotTableModel):
    COL_CODE, COL_NAME, COL_DOCUMENT, COL_DUE, COL_DAYS, COL_OPEN, COL_DISPUTED = range(7)
    COLUMN_COUNT = 7
    MONEY_COLUMNS = (COL_DAYS, COL_OPEN)

    def headers(self) -> list[str]:
        t = QCoreApplication.translate
        return [t("DrillModel", "Code"), t("DrillModel", "Customer"), t("DrillModel", "Document"),
                t("DrillModel", "Due date"), t("DrillModel", "Days overdue"), t("DrillModel", "Open"),
                t("DrillModel", "Disputed")]

    def display(self, r: DrillItem, col: int) -> str:
        f = self.formatter
        return [r.customer_code, r.customer_name, r.document, f.date(r.due_date),
                str(r.days) if r.days > 0 else "", f.money(r.open_minor, r.currency),
                QCoreApplication.translate("DrillModel", "Disputed") if r.disputed else ""][col]

    def sort_value(self, r: DrillItem, col: int):
        return [r.customer_code, r.customer_name, r.document, r.due_date, r.days, r.open_minor, r.disputed][col]

    def foreground(self, r: DrillItem, col: int):
        return QBrush(RED) if col == self.COL_DAYS and r.days > 0 else None
