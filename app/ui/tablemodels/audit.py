"""The audit log's rows (app.ledger.corrections.AuditRow): when, who, what, which document, why."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from .base import SnapshotTableModel


class AuditTableModel(SnapshotTableModel):
    COL_AT, COL_USER, COL_ACTION, COL_DOCUMENT, COL_CUSTOMER, COL_SUMMARY = range(6)
    COLUMN_COUNT = 6

    def headers(self) -> list[str]:
        translate = QCoreApplication.translate
        return [translate("AuditModel", "When"), translate("AuditModel", "User"), translate("AuditModel", "Action"),
                translate("AuditModel", "Document"), translate("AuditModel", "Customer"), translate("AuditModel", "What and why")]

    def action_text(self, action: str) -> str:
        translate = QCoreApplication.translate
        return {"create": translate("AuditModel", "created"), "void": translate("AuditModel", "voided"),
                "unapply": translate("AuditModel", "unapplied"), "apply": translate("AuditModel", "applied"),
                "allocate": translate("AuditModel", "allocated"), "edit": translate("AuditModel", "edited"),
                "update": translate("AuditModel", "changed")}.get(action, action)

    def display(self, r, col: int) -> str:
        local = r.at.astimezone()
        return [f"{self.formatter.date(local.date())} {local.strftime('%H:%M')}", r.user, self.action_text(r.action),
                r.document, r.customer_code or "", r.summary][col]

    def sort_value(self, r, col: int):
        return [r.at, r.user, r.action, r.document, r.customer_code or "", r.summary][col]

    def tooltip(self, r, col: int) -> str | None:
        if col == self.COL_SUMMARY:
            return r.summary + (f"\n{r.reason}" if r.reason and r.reason not in r.summary else "")
        return None
