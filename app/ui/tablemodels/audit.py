"""The audit log's rows (app.ledger.corrections.AuditRow): when, who, what, which document, why."""

from __future__ import annotations

import datetime as dt

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
                "update": translate("AuditModel", "changed"), **self._more_actions()}.get(action, action)

    @staticmethod
    def _more_actions() -> dict[str, str]:
        """The other actions the domain logs, in the UI language (the log stores the English word)."""
        translate = QCoreApplication.translate
        return {"save": translate("AuditModel", "saved"), "refresh": translate("AuditModel", "recomputed"),
                "generate": translate("AuditModel", "generated"), "set": translate("AuditModel", "set"),
                "delete": translate("AuditModel", "deleted"), "cancel": translate("AuditModel", "cancelled"),
                "approve": translate("AuditModel", "approved"), "archive": translate("AuditModel", "archived"),
                "resolve": translate("AuditModel", "resolved"), "send": translate("AuditModel", "sent"),
                "release": translate("AuditModel", "released"), "run": translate("AuditModel", "run"),
                "fail": translate("AuditModel", "failed"), "dispute": translate("AuditModel", "disputed"),
                "assign_policy": translate("AuditModel", "policy assigned"),
                "pause_reminders": translate("AuditModel", "reminders paused"),
                "follow_up_done": translate("AuditModel", "follow-up done"),
                "take_discount": translate("AuditModel", "discount taken"),
                "set_default": translate("AuditModel", "made the default"),
                "contact_preferences": translate("AuditModel", "contact preferences"),
                "segment_policy": translate("AuditModel", "segment policy")}

    def document_text(self, r) -> str:
        """The document with its kind in the UI language ("factura F001-12")."""
        translate = QCoreApplication.translate
        kinds = {"invoice": translate("AuditModel", "invoice"), "payment": translate("AuditModel", "payment"),
                 "credit_note": translate("AuditModel", "credit note"), "write_off": translate("AuditModel", "write-off"),
                 "customer": translate("AuditModel", "customer"),
                 "payment_terms": translate("AuditModel", "payment terms"), "company": translate("AuditModel", "company"),
                 "customer_risk": translate("AuditModel", "customer risk"), "demo": translate("AuditModel", "demo"),
                 "reminder": translate("AuditModel", "reminder"),
                 "reminder_policy": translate("AuditModel", "reminder policy"),
                 "payment_agreement": translate("AuditModel", "payment agreement"),
                 "template": translate("AuditModel", "template"),
                 "promise_to_pay": translate("AuditModel", "promise to pay"),
                 "dispute": translate("AuditModel", "dispute"), "activity": translate("AuditModel", "activity"),
                 "segment_policy": translate("AuditModel", "segment policy"),
                 "reminder_run": translate("AuditModel", "reminder run"),
                 "exchange_rate": translate("AuditModel", "exchange rate")}
        prefix = r.entity.replace("_", " ") + " "
        if r.entity in kinds and r.document.startswith(prefix):
            return f"{kinds[r.entity]} {r.document[len(prefix):]}"
        if r.entity in kinds and r.document == r.entity.replace("_", " "):
            return kinds[r.entity]
        return r.document

    def display(self, r, col: int) -> str:
        local = r.at.astimezone()
        return [f"{self.formatter.date(local.date())} {local.strftime('%H:%M')}", r.user, self.action_text(r.action),
                self.document_text(r), r.customer_code or "", self.summary_text(r)][col]

    def summary_text(self, r) -> str:
        """A correction's summary in the UI language, from the values it stored; other entries as the log
        has them."""
        translate = QCoreApplication.translate
        after = r.after or {}
        currency = after.get("currency")
        moved = after.get("reversed") if r.action in ("unapply", "void") else after.get("allocations")
        text = None
        try:
            if r.action in ("unapply", "apply") and isinstance(currency, str) and moved:
                total = self.formatter.money(sum(int(a[1]) for a in moved), currency)
                invoices = ", ".join(dict.fromkeys(str(a[0]) for a in moved))
                day = self.formatter.date(dt.date.fromisoformat(after["date"]))
                source = (translate("AuditModel", "%1 taken back from %2 on %3") if r.action == "unapply"
                          else translate("AuditModel", "%1 applied to %2 on %3"))
                text = source.replace("%1", total).replace("%2", invoices).replace("%3", day)
            elif r.action == "void" and after.get("void_date"):
                text = translate("AuditModel", "Voided on %1").replace(
                    "%1", self.formatter.date(dt.date.fromisoformat(after["void_date"])))
        except (KeyError, ValueError, TypeError, IndexError):
            text = None
        if text is None:
            # an entry with nothing more to say than its action ("create", "save"): the action, translated
            return self.action_text(r.action) if r.summary == r.action else r.summary
        return f"{text}: {r.reason}" if r.reason else text

    def sort_value(self, r, col: int):
        return [r.at, r.user, r.action, r.document, r.customer_code or "", r.summary][col]

    def tooltip(self, r, col: int) -> str | None:
        if col == self.COL_SUMMARY:
            return r.summary + (f"\n{r.reason}" if r.reason and r.reason not in r.summary else "")
        return None
