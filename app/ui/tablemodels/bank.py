"""The bank page's tables: the statement's new credit lines, and the suggested matches of the selected one."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from .base import SnapshotTableModel

EXACT_COLOUR = QColor("#1b6e20")


def reason_text(reason) -> str:
    """A matching reason (app.banking.matching.Reason) in the user's language."""
    translate = QCoreApplication.translate
    texts = {
        "invoice_number": translate("Bank", "invoice number %1 in the description"),
        "tax_id": translate("Bank", "tax id %1 in the description"),
        "name": translate("Bank", "customer name '%1' in the description"),
        "same_amount": translate("Bank", "same amount as open on %1"),
        "combination": translate("Bank", "%1 add up to the amount"),
        "discount": translate("Bank", "within the early-payment discount of %1"),
        "oldest_first": translate("Bank", "applied oldest due first: %1"),
        "more_than_open": translate("Bank", "more than is open: %1 stays as unapplied credit"),
    }
    return texts.get(reason.code, reason.code).replace("%1", reason.detail)


class BankLinesModel(SnapshotTableModel):
    """Rows: app.banking.LineMatches (the line and its suggestions)."""

    COL_DATE, COL_DESCRIPTION, COL_REFERENCE, COL_AMOUNT, COL_MATCH = range(5)
    COLUMN_COUNT = 5
    MONEY_COLUMNS = (COL_AMOUNT,)

    def headers(self) -> list[str]:
        translate = QCoreApplication.translate
        return [translate("Bank", "Date"), translate("Bank", "Description"), translate("Bank", "Reference"), translate("Bank", "Amount"),
                translate("Bank", "Best match")]

    def display(self, m, col: int) -> str:
        line = m.line
        if col == self.COL_DATE:
            return self.formatter.date(line.date)
        if col == self.COL_DESCRIPTION:
            return line.description
        if col == self.COL_REFERENCE:
            return line.reference or ""
        if col == self.COL_AMOUNT:
            return self.formatter.money(line.amount_minor, line.currency)
        best = m.best
        if best is None:
            return QCoreApplication.translate("Bank", "no suggestion")
        what = f"{best.customer_code} · {', '.join(best.invoice_numbers) or '—'}"
        if m.exact is best:
            return QCoreApplication.translate("Bank", "Exact: %1").replace("%1", what)
        return what

    def sort_value(self, m, col: int):
        line = m.line
        return (line.date, line.description, line.reference or "", line.amount_minor,
                m.best.score if m.best else -1)[col]

    def foreground(self, m, col: int):
        return EXACT_COLOUR if col == self.COL_MATCH and m.exact is not None else None

    def tooltip(self, m, col: int) -> str | None:
        if col == self.COL_MATCH and m.best is not None:
            return "; ".join(reason_text(r) for r in m.best.reasons)
        return None


class SuggestionsModel(SnapshotTableModel):
    """Rows: app.banking.Suggestion of one line (its currency in `currency`)."""

    COL_CUSTOMER, COL_INVOICES, COL_APPLIED, COL_UNAPPLIED, COL_REASONS = range(5)
    COLUMN_COUNT = 5
    MONEY_COLUMNS = (COL_APPLIED, COL_UNAPPLIED)

    currency = "PEN"
    exact = None

    def headers(self) -> list[str]:
        translate = QCoreApplication.translate
        return [translate("Bank", "Customer"), translate("Bank", "Invoices"), translate("Bank", "Applied"), translate("Bank", "Unapplied credit"),
                translate("Bank", "Why")]

    def show(self, matches) -> None:
        self.currency = matches.line.currency if matches else "PEN"
        self.exact = matches.exact if matches else None
        self.set_rows(matches.suggestions if matches else [])

    def display(self, s, col: int) -> str:
        if col == self.COL_CUSTOMER:
            return f"{s.customer_code} {s.customer_name}"
        if col == self.COL_INVOICES:
            return ", ".join(s.invoice_numbers) or "—"
        if col == self.COL_APPLIED:
            return self.formatter.money(sum(a for _n, a in s.invoices), self.currency)
        if col == self.COL_UNAPPLIED:
            return self.formatter.money(s.unapplied_minor, self.currency) if s.unapplied_minor else ""
        return "; ".join(reason_text(r) for r in s.reasons)

    def sort_value(self, s, col: int):
        return (s.customer_code, ", ".join(s.invoice_numbers), sum(a for _n, a in s.invoices), s.unapplied_minor,
                s.score)[col]

    def foreground(self, s, col: int):
        return EXACT_COLOUR if s is self.exact else None

    def tooltip(self, s, col: int) -> str | None:
        if col == self.COL_REASONS:
            return "\n".join(reason_text(r) for r in s.reasons)
        if col == self.COL_INVOICES:
            return "\n".join(f"{n}: {self.formatter.money(a, self.currency)}" for n, a in s.invoices)
        return None
