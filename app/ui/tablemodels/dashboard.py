"""Tables of the dashboard: top debtors and the items behind a card or a bar."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
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
        self.company_currency = "PEN"

    def headers(self) -> list[str]:
        translate = QCoreApplication.translate
        return [translate("DebtorsModel", "Code"), translate("DebtorsModel", "Customer"), translate("DebtorsModel", "Owes"),
                translate("DebtorsModel", "Overdue")]

    def set_rows(self, rows, currency: str = "", company_currency: str | None = None) -> None:
        self.currency = currency
        if company_currency:
            self.company_currency = company_currency
        super().set_rows(rows)

    def display(self, r: Debtor, col: int) -> str:
        cur = r.currency or self.currency
        owes = self.formatter.money(r.total_minor, cur) + (" ⚠" if r.rate_missing else "")
        return [r.code, r.name, owes, self.formatter.money(r.overdue_minor, cur) if r.overdue_minor else ""][col]

    def tooltip(self, r: Debtor, col: int) -> str | None:
        """The amount the row is ranked by: in the company's currency, or why it comes last."""
        if col != self.COL_TOTAL or not r.currency or r.currency == self.company_currency:
            return None
        translate = QCoreApplication.translate
        if r.rate_missing:
            return translate("DebtorsModel", "No exchange rate for %1 on this date: listed last. "
                                             "Add one in Settings › Exchange rates.").replace("%1", r.currency)
        return translate("DebtorsModel", "%1 at the exchange rate of the date").replace(
            "%1", self.formatter.money(r.total_company_minor, self.company_currency))

    def sort_value(self, r: Debtor, col: int):
        return [r.code, r.name, r.total_minor, r.overdue_minor][col]

    def foreground(self, r: Debtor, col: int):
        return QBrush(RED) if col == self.COL_OVERDUE and r.overdue_minor else None


class DrillTableModel(SnapshotTableModel):
    COL_CODE, COL_NAME, COL_DOCUMENT, COL_DUE, COL_DAYS, COL_OPEN, COL_DISPUTED = range(7)
    COLUMN_COUNT = 7
    MONEY_COLUMNS = (COL_DAYS, COL_OPEN)

    def headers(self) -> list[str]:
        translate = QCoreApplication.translate
        return [translate("DrillModel", "Code"), translate("DrillModel", "Customer"), translate("DrillModel", "Document"),
                translate("DrillModel", "Due date"), translate("DrillModel", "Days overdue"), translate("DrillModel", "Open"),
                translate("DrillModel", "Disputed")]

    def display(self, r: DrillItem, col: int) -> str:
        f = self.formatter
        return [r.customer_code, r.customer_name, r.document, f.date(r.due_date),
                str(r.days) if r.days > 0 else "", f.money(r.open_minor, r.currency),
                QCoreApplication.translate("DrillModel", "Disputed") if r.disputed else ""][col]

    def sort_value(self, r: DrillItem, col: int):
        return [r.customer_code, r.customer_name, r.document, r.due_date, r.days, r.open_minor, r.disputed][col]

    def foreground(self, r: DrillItem, col: int):
        return QBrush(RED) if col == self.COL_DAYS and r.days > 0 else None


class AgingTableModel(SnapshotTableModel):
    """CustomerAging rows with one column per bucket of the report shown."""

    FIXED = 3  # code, name, currency

    def __init__(self, formatter=None, parent=None):
        self.bucket_titles: list[str] = []
        super().__init__(formatter, parent)

    @property
    def COLUMN_COUNT(self) -> int:  # noqa: N802 - the base class reads it like a constant
        return self.FIXED + len(self.bucket_titles) + 3

    @property
    def MONEY_COLUMNS(self) -> tuple[int, ...]:  # noqa: N802
        return tuple(range(self.FIXED, self.COLUMN_COUNT))

    def headers(self) -> list[str]:
        translate = QCoreApplication.translate
        return ([translate("AgingModel", "Code"), translate("AgingModel", "Customer"), translate("AgingModel", "Currency")]
                + list(self.bucket_titles)
                + [translate("AgingModel", "Total"), translate("AgingModel", "Unapplied credit"), translate("AgingModel", "Net")])

    def set_report(self, report, bucket_titles: list[str]) -> None:
        self.beginResetModel()
        self.bucket_titles = list(bucket_titles)
        self._headers = self.headers()
        self._rows = list(report.customers) if report else []
        self.endResetModel()

    def _values(self, r) -> list[int]:
        return [*r.buckets, r.total_minor, r.unapplied_credit_minor, r.net_minor]

    def display(self, r, col: int) -> str:
        if col < self.FIXED:
            return [r.code, r.name, r.currency][col]
        value = self._values(r)[col - self.FIXED]
        return self.formatter.money(value, r.currency, symbol=False) if value else ""

    def sort_value(self, r, col: int):
        if col < self.FIXED:
            return [r.code, r.name, r.currency][col]
        return self._values(r)[col - self.FIXED]


class TasksTableModel(SnapshotTableModel):
    """app.collections.tasks.Task rows, most valuable first."""

    COL_KIND, COL_CODE, COL_NAME, COL_AMOUNT, COL_DUE, COL_DETAIL, COL_RISK, COL_VALUE = range(8)
    COLUMN_COUNT = 8
    MONEY_COLUMNS = (COL_AMOUNT, COL_RISK, COL_VALUE)

    KINDS = {
        "promise_due": "Promise due",
        "installment_due": "Installment due",
        "follow_up": "Follow-up",
        "broken_agreement": "Broken agreement",
        "broken_promise": "Broken promise",
        "over_credit_limit": "Over credit limit",
        "call": "Call",
    }

    def headers(self) -> list[str]:
        translate = QCoreApplication.translate
        return [translate("TasksModel", "Task"), translate("TasksModel", "Code"), translate("TasksModel", "Customer"),
                translate("TasksModel", "Amount"), translate("TasksModel", "Date"), translate("TasksModel", "Detail"),
                translate("TasksModel", "Risk"), translate("TasksModel", "Expected value")]

    company_currency = "PEN"  # the view sets the company's

    def kind_text(self, kind: str) -> str:
        return QCoreApplication.translate("TasksModel", self.KINDS.get(kind, kind))

    def display(self, r, col: int) -> str:
        f = self.formatter
        money = (lambda v: f.money(v, r.currency)) if r.currency else (lambda v: "")
        value = money(r.expected_value_minor) + (" ⚠" if r.currency and r.rate_missing else "")
        return [self.kind_text(r.kind), r.customer_code, r.customer_name, money(r.amount_minor) if r.amount_minor else "",
                f.date(r.due_date), r.detail, f"{r.risk * 100:.0f} %", value][col]

    def tooltip(self, r, col: int) -> str | None:
        """Tasks rank by expected value in the company's currency; one without a rate says why it is last."""
        if col != self.COL_VALUE or not r.currency:
            return None
        translate = QCoreApplication.translate
        if r.rate_missing:
            return translate("TasksModel", "No exchange rate for %1 on this date: listed last. "
                                           "Add one in Settings › Exchange rates.").replace("%1", r.currency)
        if r.currency != self.company_currency:
            return translate("TasksModel", "%1 at the exchange rate of the date").replace(
                "%1", self.formatter.money(r.expected_value_company_minor, self.company_currency))
        return None

    def sort_value(self, r, col: int):
        return [r.kind, r.customer_code, r.customer_name, r.amount_minor, r.due_date, r.detail, r.risk,
                r.expected_value_minor][col]

    def foreground(self, r, col: int):
        return QBrush(RED) if col == self.COL_KIND and r.kind.startswith("broken") else None


# the task names above, for Qt's translation tools
_TASK_NAMES = [
    QT_TRANSLATE_NOOP("TasksModel", "Promise due"), QT_TRANSLATE_NOOP("TasksModel", "Installment due"),
    QT_TRANSLATE_NOOP("TasksModel", "Follow-up"), QT_TRANSLATE_NOOP("TasksModel", "Broken agreement"),
    QT_TRANSLATE_NOOP("TasksModel", "Broken promise"), QT_TRANSLATE_NOOP("TasksModel", "Over credit limit"),
    QT_TRANSLATE_NOOP("TasksModel", "Call"),
]


class TimelineTableModel(SnapshotTableModel):
    """app.collections.timeline.TimelineEntry rows, newest first."""

    COL_DATE, COL_KIND, COL_TITLE, COL_AMOUNT, COL_DETAIL = range(5)
    COLUMN_COUNT = 5
    MONEY_COLUMNS = (COL_AMOUNT,)
    KINDS = {
        "invoice": QT_TRANSLATE_NOOP("TimelineModel", "Invoice"),
        "payment": QT_TRANSLATE_NOOP("TimelineModel", "Payment"),
        "credit_note": QT_TRANSLATE_NOOP("TimelineModel", "Credit note"),
        "write_off": QT_TRANSLATE_NOOP("TimelineModel", "Write-off"),
        "activity": QT_TRANSLATE_NOOP("TimelineModel", "Contact"),
        "promise": QT_TRANSLATE_NOOP("TimelineModel", "Promise"),
        "agreement": QT_TRANSLATE_NOOP("TimelineModel", "Agreement"),
        "dispute": QT_TRANSLATE_NOOP("TimelineModel", "Dispute"),
        "reminder": QT_TRANSLATE_NOOP("TimelineModel", "Reminder"),
    }

    METHODS = {
        "transfer": QT_TRANSLATE_NOOP("TimelineModel", "transfer"), "cash": QT_TRANSLATE_NOOP("TimelineModel", "cash"),
        "cheque": QT_TRANSLATE_NOOP("TimelineModel", "cheque"), "card": QT_TRANSLATE_NOOP("TimelineModel", "card"),
        "deposit": QT_TRANSLATE_NOOP("TimelineModel", "deposit"), "other": QT_TRANSLATE_NOOP("TimelineModel", "other"),
    }

    def headers(self) -> list[str]:
        translate = QCoreApplication.translate
        return [translate("TimelineModel", "Date"), translate("TimelineModel", "What"),
                translate("TimelineModel", "Reference"), translate("TimelineModel", "Amount"),
                translate("TimelineModel", "Notes")]

    def display(self, r, col: int) -> str:
        amount = self.formatter.money(r.amount_minor, r.currency) if r.amount_minor is not None and r.currency else ""
        kind = QCoreApplication.translate("TimelineModel", self.KINDS.get(r.kind, r.kind))
        detail = r.detail
        if r.kind == "payment" and detail in self.METHODS:
            detail = QCoreApplication.translate("TimelineModel", self.METHODS[detail])
        return [self.formatter.date(r.day), kind, r.title, amount, detail][col]

    def sort_value(self, r, col: int):
        return [r.day, r.kind, r.title, r.amount_minor or 0, r.detail][col]


class ScheduleTableModel(SnapshotTableModel):
    """(sequence, due date, amount, currency) rows of an agreement being drafted."""

    COL_N, COL_DUE, COL_AMOUNT = range(3)
    COLUMN_COUNT = 3
    MONEY_COLUMNS = (COL_AMOUNT,)

    def headers(self) -> list[str]:
        translate = QCoreApplication.translate
        return [translate("ScheduleModel", "No."), translate("ScheduleModel", "Due date"),
                translate("ScheduleModel", "Amount")]

    def display(self, r, col: int) -> str:
        n, due, amount, currency = r
        label = QCoreApplication.translate("ScheduleModel", "Down payment") if n == 0 else str(n)
        return [label, self.formatter.date(due), self.formatter.money(amount, currency)][col]

    def sort_value(self, r, col: int):
        return r[col]
