"""Corrections from the customer card: a right-click menu on its document rows and a "Corrections" button
(void, unapply / apply, credit note, write off, edit reference, history), and Undo of the last correction
in the status bar where the ledger can express its reverse (app.ledger.corrections.UndoStep).

`install(card)` is the card's one hook. Every action is one dialog that collects input and asks one
function of app.ledger.corrections on the write worker; the card reloads through `data_changed`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPushButton,
    QStatusBar,
    QVBoxLayout,
    QWidget,
)
from app.ledger import corrections as cx
from app.ledger.errors import LedgerError

from .errors import describe
from .tablemodels.base import RowRole
from .widgets import DateEdit, FieldForm, MoneyEdit, general_error_label


@dataclass(frozen=True)
class Target:
    """A row of the card, as plain values: `kind` invoice | payment | credit_note | write_off."""

    kind: str
    number: str
    currency: str
    date: dt.date | None = None
    amount_minor: int | None = None
    open_minor: int = 0
    status: str = "posted"


# --- on the workers: resolving rows and reading choices ----------------------------------------


def ref_of(session, code: str, t: Target) -> str:
    """What app.ledger.corrections takes for the row: a credit note's number, a payment as #ID."""
    if t.kind == "credit_note":
        return t.number
    doc_id = cx.document_id(session, t.kind, t.number, customer_code=code, on_date=t.date, amount_minor=t.amount_minor)
    if doc_id is None:
        raise cx.NotFoundError(f"The {t.kind.replace('_', ' ')} {t.number} was not found; reload the card.")
    return f"#{doc_id}"


def applied_invoices(session, code: str, t: Target) -> list[tuple[str, int]]:
    """(invoice number, amount) the payment or credit note is applied to now."""
    return cx.applied_invoices_of(session, ref_of(session, code, t))


def open_invoices(session, code: str, currency: str) -> list[tuple[str, int]]:
    """(invoice number, open amount) of the customer's posted invoices in `currency` with something open."""
    from app.ledger.payments import open_lines

    totals: dict[str, int] = {}
    for line in open_lines(session, customer_code=code, currency=currency):
        totals[line.invoice_number] = totals.get(line.invoice_number, 0) + line.open_minor
    return list(totals.items())


def unapplied_sources(session, code: str, currency: str) -> list[tuple[str, str, int]]:
    """(ref, label, unapplied) of the customer's posted payments and credit notes with credit left."""
    from app.ledger.customers import get_customer_row
    from app.ledger.payments import unapplied_documents

    customer = get_customer_row(session, code)
    out = []
    for kind, doc, left in unapplied_documents(session, customer.id, currency):
        ref = doc.number if kind == "credit_note" else f"#{doc.id}"
        label = (doc.number if kind == "credit_note" else (doc.reference or f"#{doc.id}"))
        out.append((ref, f"{label} ({doc.date.isoformat()})", left))
    return out


def _void_row(session, code: str, t: Target, reason: str, on_date: dt.date):
    if t.kind == "invoice":
        return cx.void_invoice(session, t.number, reason=reason, on_date=on_date)
    return cx.void_document(session, ref_of(session, code, t), reason=reason, on_date=on_date)


def _unapply_row(session, code: str, t: Target, invoice: str | None, on_date: dt.date, reason: str):
    return cx.unapply(session, ref_of(session, code, t), invoice_number=invoice, on_date=on_date, reason=reason or None)


def _apply_row(session, code: str, t: Target, invoice: str | None, amount: int | None, on_date: dt.date):
    return cx.apply(session, ref_of(session, code, t), invoice_number=invoice, amount_minor=amount, on_date=on_date)


def _apply_to_invoice(session, ref: str, invoice: str, amount: int | None, on_date: dt.date):
    return cx.apply(session, ref, invoice_number=invoice, amount_minor=amount, on_date=on_date)


def _edit_reference(session, code: str, t: Target, reference: str):
    doc_id = cx.document_id(session, t.kind, t.number, customer_code=code, on_date=t.date, amount_minor=t.amount_minor)
    field = "reason" if t.kind == "credit_note" else "reference"
    return cx.edit_document(session, t.kind, doc_id, **{field: reference})


def _payment_undo(session, payment_id: int):
    return cx.undo_for_payment(session, payment_id)


# --- the dialog ------------------------------------------------------------------------------


class CorrectionDialog(QDialog):
    """One correction: the fields it needs (date, reason, invoice, amount), then one ledger call.
    `done_with` carries the Correction for the Undo announcement."""

    done_with = Signal(object)

    def __init__(self, ctx, parent, *, title: str, explain: str, fields: tuple[str, ...], currency: str,
                 reason_required: bool = False, amount_required: bool = False, submit=None,
                 invoice_choices=None, any_invoice_text: str | None = None, fixed_invoice: str | None = None,
                 invoice_label: str | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(title)
        self.setObjectName("correction_dialog")
        self.submit_fn = submit
        self.reason_required = reason_required
        self.fixed_invoice = fixed_invoice
        text = QLabel(explain)
        text.setWordWrap(True)
        self.form = FieldForm()
        self.invoice = QComboBox()
        self.invoice.setObjectName("correction_invoice")
        self.amount = MoneyEdit(ctx.formatter, currency, required=amount_required)
        self.amount.setObjectName("correction_amount")
        self.on_date = DateEdit(ctx.formatter, ctx.today())
        self.on_date.setObjectName("correction_date")
        self.reason = QLineEdit()
        self.reason.setObjectName("correction_reason")
        self.text = QLineEdit()
        self.text.setObjectName("correction_text")
        if "invoice" in fields:
            if any_invoice_text is not None:
                self.invoice.addItem(any_invoice_text, None)
            self.form.add_field("invoice_number", invoice_label or self.tr("Invoice"), self.invoice)
            if invoice_choices is not None:
                invoice_choices(self._fill_invoices)
        if "amount" in fields:
            self.form.add_field("amount", self.tr("Amount") if amount_required else self.tr("Amount (empty: all)"),
                                self.amount)
        if "date" in fields:
            self.form.add_field("date", self.tr("Date"), self.on_date)
        if "reason" in fields:
            self.form.add_field("reason", self.tr("Reason") if reason_required else self.tr("Reason (optional)"),
                                self.reason)
        if "text" in fields:
            self.form.add_field("reference", self.tr("Reference"), self.text, aliases=("reason",))
        self.error = general_error_label()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(520, self.sizeHint().height())

    def _fill_invoices(self, choices) -> None:
        f = self.ctx.formatter
        for number, amount in choices:
            self.invoice.addItem(f"{number}  ({f.money(amount, self.amount.currency() or 'PEN')})", number)
        if self.fixed_invoice is not None:
            index = self.invoice.findData(self.fixed_invoice)
            if index >= 0:
                self.invoice.setCurrentIndex(index)

    def values(self) -> dict:
        return {"invoice": self.invoice.currentData() if self.invoice.count() else self.fixed_invoice,
                "amount": self.amount.minor_or_none() if self.amount.text().strip() else None,
                "on_date": self.on_date.value(), "reason": self.reason.text().strip(), "text": self.text.text()}

    def submit(self) -> None:
        self.form.clear_errors()
        self.error.hide()
        if self.amount.text().strip() or self.amount.required:
            try:
                self.amount.minor()
            except LedgerError as exc:
                self.form.show_error("amount", describe(exc)[1]) or self._general(describe(exc)[1])
                return
        if self.reason_required and not self.reason.text().strip():
            self.form.show_error("reason", self.tr("Say why."))
            return
        self.buttons.setEnabled(False)
        fn, args = self.submit_fn(self.values())
        self.ctx.runner.write(fn, *args, on_done=self._done, on_error=self._failed)

    def _done(self, correction) -> None:
        self.done_with.emit(correction)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        field, message = describe(exc)
        if not self.form.show_error(field, message):
            self._general(message)

    def _general(self, message: str) -> bool:
        self.error.setText(message)
        self.error.show()
        return True


# --- Undo in the status bar -----------------------------------------------------------------------


class UndoBar(QWidget):
    """"<what was done>  [Undo]" in a status bar; Undo runs the last correction's UndoStep once."""

    undone = Signal(object)

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.setObjectName("undo_bar")
        self.ctx = ctx
        self.step: cx.UndoStep | None = None
        self.label = QLabel()
        self.label.setObjectName("undo_text")
        self.button = QPushButton(self.tr("Undo"))
        self.button.setObjectName("undo_button")
        self.button.clicked.connect(self.undo)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label)
        row.addWidget(self.button)
        row.addStretch(1)
        self.button.hide()

    def announce(self, text: str, step: cx.UndoStep | None) -> None:
        self.step = step
        self.label.setText(text)
        self.button.setVisible(step is not None)
        self.button.setEnabled(step is not None)
        self.show()

    def undo(self) -> None:
        if self.step is None:
            return
        step, self.step = self.step, None
        self.button.setEnabled(False)
        self.ctx.runner.write(cx.undo, step, on_done=self._undone, on_error=self._failed)

    def _undone(self, correction) -> None:
        self.announce(self.tr("Undone: %1").replace("%1", correction_text(correction, self.ctx.formatter)), None)
        self.undone.emit(correction)

    def _failed(self, exc: BaseException) -> None:
        self.announce(self.tr("Could not undo: %1").replace("%1", describe(exc)[1]), None)


def undo_bar(widget: QWidget, ctx) -> UndoBar:
    """The Undo bar of the main window's status bar (the card's own status bar when it has no main window)."""
    host = widget
    while host is not None and not isinstance(host, QMainWindow):
        host = host.parentWidget()
    if host is None:
        host = widget.window()
    bar = getattr(host, "_corrections_undo", None)
    if bar is None:
        if isinstance(host, QMainWindow):
            status = host.statusBar()
        else:
            status = QStatusBar(host)
            status.setObjectName("card_status")
            host.layout().addWidget(status)
        bar = UndoBar(ctx, status)
        status.addWidget(bar, 1)
        host._corrections_undo = bar
    return bar


def correction_text(correction, formatter) -> str:
    """What a correction did, in the UI language (the ledger's summary is English)."""
    translate = QCoreApplication.translate
    kinds = {"invoice": translate("Corrections", "Invoice %1"), "payment": translate("Corrections", "Payment %1"),
             "credit note": translate("Corrections", "Credit note %1"),
             "write-off": translate("Corrections", "Write-off %1")}
    kind, _, name = correction.document.partition(" ")
    if correction.document.startswith("credit note "):
        kind, name = "credit note", correction.document[len("credit note "):]
    document = kinds[kind].replace("%1", name) if kind in kinds else correction.document
    c = correction
    amount = formatter.money(c.amount_minor, c.currency) if c.currency else ""
    invoices = ", ".join(c.invoices)
    texts = {
        "unapply": translate("Corrections", "%1 of %2 taken back from %3"),
        "apply": translate("Corrections", "%1 of %2 applied to %3"),
        "void_invoice": translate("Corrections", "%2 voided"), "void_payment": translate("Corrections", "%2 voided"),
        "void_credit_note": translate("Corrections", "%2 voided"),
        "credit_note": translate("Corrections", "%2 issued for %1"),
        "write_off": translate("Corrections", "%1 of invoice %3 written off"),
        "edit": translate("Corrections", "%2 edited"),
    }
    if c.action not in texts:
        return c.summary
    return texts[c.action].replace("%1", amount).replace("%2", document).replace("%3", invoices)


def announce(widget: QWidget, ctx, correction) -> None:
    undo_bar(widget, ctx).announce(correction_text(correction, ctx.formatter), correction.undo)


# --- the card's menu -------------------------------------------------------------------------------


class _DialogWatcher(QObject):
    """Offers Undo (void) for a payment recorded from the card: watches the card's child dialogs for
    one with a `saved` signal handing back a PaymentView."""

    def __init__(self, card):
        super().__init__(card)
        self.card = card
        card.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.ChildAdded and obj is self.card:
            # the child is still being built: look at the card's dialogs once it is done
            QTimer.singleShot(0, self._hook)
        return False

    def _hook(self) -> None:
        try:
            dialogs = self.card.findChildren(QDialog)
        except RuntimeError:  # the card is gone
            return
        for child in dialogs:
            saved = getattr(child, "saved", None)
            if saved is None or getattr(child, "_corrections_hooked", False) or "Payment" not in type(child).__name__:
                continue
            child._corrections_hooked = True
            saved.connect(self._payment_saved)

    def _payment_saved(self, view) -> None:
        payment_id = getattr(view, "id", None)
        if not isinstance(payment_id, int) or not hasattr(view, "method"):
            return
        card = self.card
        f = card.ctx.formatter
        text = self.tr("Payment of %1 recorded").replace("%1", f.money(view.amount_minor, view.currency))

        def offer(step):
            undo_bar(card, card.ctx).announce(text, step)

        card.ctx.runner.read(_payment_undo, payment_id, on_done=offer)


class CardCorrections(QObject):
    """The corrections of one customer card."""

    def __init__(self, card):
        super().__init__(card)
        self.card = card
        self.ctx = card.ctx
        self.last_dialog: QDialog | None = None
        for table in (card.open_table, card.payments_table):
            table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            table.customContextMenuRequested.connect(lambda pos, t=table: self.popup(t, pos))
        self.button = QPushButton(self.tr("Corrections"))
        self.button.setObjectName("card_corrections")
        self.button_menu = QMenu(self.button)
        self.button_menu.aboutToShow.connect(lambda: self.fill(self.button_menu, self.selected()))
        self.button.setMenu(self.button_menu)
        card.extra_buttons.addWidget(self.button)
        self.watcher = _DialogWatcher(card)

    # which row
    def selected(self) -> Target | None:
        table = self.card.tabs.currentWidget()
        if table not in (self.card.open_table, self.card.payments_table):
            return None
        rows = table.selectionModel().selectedRows() if table.selectionModel() else []
        return self.target(table, rows[0]) if rows else None

    def target(self, table, index) -> Target | None:
        row = table.model().data(index.siblingAtColumn(0), RowRole)
        if row is None:
            return None
        if table is self.card.open_table:
            return Target("invoice", row.invoice_number, row.currency, row.issue_date, None, row.open_minor)
        return Target(row.kind, row.number, row.currency, row.date, row.amount_minor, row.open_minor, row.status)

    def popup(self, table, pos) -> QMenu:
        index = table.indexAt(pos)
        if index.isValid():
            table.selectRow(index.row())
        menu = QMenu(table)
        menu.setObjectName("corrections_menu")
        self.fill(menu, self.target(table, index) if index.isValid() else None)
        menu.popup(table.viewport().mapToGlobal(pos))
        self.last_menu = menu
        return menu

    def fill(self, menu: QMenu, t: Target | None) -> QMenu:
        menu.clear()
        if t is not None and t.kind == "invoice":
            menu.addAction(self.tr("Void invoice…"), lambda: self.void(t)).setObjectName("act_void")
            menu.addAction(self.tr("Credit note against this invoice…"), lambda: self.credit_note(t.number))
            menu.addAction(self.tr("Apply credit to this invoice…"), lambda: self.apply_credit(t))
            menu.addAction(self.tr("Write off what is open…"), lambda: self.write_off(t))
            menu.addSeparator()
            menu.addAction(self.tr("History…"), lambda: self.history(t))
        elif t is not None and t.kind in ("payment", "credit_note"):
            live = t.status == "posted"
            what = self.tr("Void payment…") if t.kind == "payment" else self.tr("Void credit note…")
            for text, slot, enabled in (
                    (self.tr("Unapply…"), lambda: self.unapply(t), live and t.open_minor < (t.amount_minor or 0)),
                    (self.tr("Apply to an invoice…"), lambda: self.apply(t), live and t.open_minor > 0),
                    (what, lambda: self.void(t), live),
                    (self.tr("Edit reference…") if t.kind == "payment" else self.tr("Edit text…"),
                     lambda: self.edit(t), True)):
                act = menu.addAction(text, slot)
                act.setEnabled(enabled)
            menu.addSeparator()
            menu.addAction(self.tr("History…"), lambda: self.history(t))
        elif t is not None:
            menu.addAction(self.tr("History…"), lambda: self.history(t))
        if t is not None:
            menu.addSeparator()
        menu.addAction(self.tr("Credit note on account…"), lambda: self.credit_note(None))
        menu.addAction(self.tr("Audit log of this customer…"), self.audit_log)
        return menu

    # the actions: each opens one dialog
    def _open(self, dialog: CorrectionDialog) -> CorrectionDialog:
        dialog.done_with.connect(lambda c: announce(self.card, self.ctx, c))
        self.last_dialog = dialog
        dialog.open()
        return dialog

    def _choices(self, fn, *args):
        return lambda fill: self.ctx.runner.read(fn, *args, on_done=fill)

    def _currency(self) -> str:
        data = self.card.data
        return data.customer.currency if data is not None else self.ctx.company_currency

    def void(self, t: Target) -> CorrectionDialog:
        code = self.card.code
        if t.kind == "invoice":
            title = self.tr("Void invoice %1").replace("%1", t.number)
            explain = self.tr("The invoice stays in the books, marked void from the date below; before that date "
                              "it still counts. Nothing may be applied to it: unapply payments and credits first.")
        else:
            title = self.tr("Void %1").replace("%1", t.number or self.tr("payment"))
            explain = self.tr("What it paid is taken back from its invoices on the date below and it is marked "
                              "void; before that date it still counts as it was.")
        return self._open(CorrectionDialog(
            self.ctx, self.card, title=title, explain=explain, fields=("date", "reason"), currency=t.currency,
            reason_required=True, submit=lambda v: (_void_row, (code, t, v["reason"], v["on_date"]))))

    def unapply(self, t: Target) -> CorrectionDialog:
        code = self.card.code
        return self._open(CorrectionDialog(
            self.ctx, self.card, title=self.tr("Unapply %1").replace("%1", t.number or self.tr("payment")),
            explain=self.tr("Take the money back from an invoice (or all): from the date below it is unapplied "
                            "credit again, to apply elsewhere; before that date nothing changes."),
            fields=("invoice", "date", "reason"), currency=t.currency, any_invoice_text=self.tr("All invoices"),
            invoice_choices=self._choices(applied_invoices, code, t),
            submit=lambda v: (_unapply_row, (code, t, v["invoice"], v["on_date"], v["reason"]))))

    def apply(self, t: Target) -> CorrectionDialog:
        code = self.card.code
        return self._open(CorrectionDialog(
            self.ctx, self.card, title=self.tr("Apply %1").replace("%1", t.number or self.tr("payment")),
            explain=self.tr("Apply the unapplied credit to an invoice (or the oldest due first), from the date below."),
            fields=("invoice", "amount", "date"), currency=t.currency, any_invoice_text=self.tr("Oldest due first"),
            invoice_choices=self._choices(open_invoices, code, t.currency),
            submit=lambda v: (_apply_row, (code, t, v["invoice"], v["amount"], v["on_date"]))))

    def apply_credit(self, t: Target) -> CorrectionDialog:
        dialog = CorrectionDialog(
            self.ctx, self.card, title=self.tr("Apply credit to %1").replace("%1", t.number),
            explain=self.tr("Choose the payment or credit note with unapplied credit to apply to this invoice."),
            fields=("invoice", "amount", "date"), currency=t.currency,
            submit=lambda v: (_apply_to_invoice, (v["invoice"], t.number, v["amount"], v["on_date"])),
            invoice_label=self.tr("Credit"))
        f = self.ctx.formatter

        def fill(choices):
            for ref, label, left in choices:
                dialog.invoice.addItem(f"{label}  {f.money(left, t.currency)}", ref)
        self.ctx.runner.read(unapplied_sources, self.card.code, t.currency, on_done=fill)
        return self._open(dialog)

    def credit_note(self, invoice: str | None) -> CorrectionDialog:
        code = self.card.code
        currency = self._currency()
        title = (self.tr("Credit note against %1").replace("%1", invoice) if invoice
                 else self.tr("Credit note on account"))
        return self._open(CorrectionDialog(
            self.ctx, self.card, title=title,
            explain=self.tr("A credit note lowers what the customer owes: against an invoice (at most what is "
                            "open on it) or on account, as credit to apply later."),
            fields=("invoice", "amount", "date", "reason"), currency=currency, amount_required=True,
            any_invoice_text=self.tr("On account (no invoice)"), fixed_invoice=invoice,
            invoice_choices=self._choices(open_invoices, code, currency),
            submit=lambda v: (_credit_note, (code, v["amount"], v["invoice"], v["on_date"], v["reason"]))))

    def write_off(self, t: Target) -> CorrectionDialog:
        code = self.card.code
        return self._open(CorrectionDialog(
            self.ctx, self.card, title=self.tr("Write off %1").replace("%1", t.number),
            explain=self.tr("Give up what is open on the invoice (or part of it) as uncollectable."),
            fields=("amount", "date", "reason"), currency=t.currency, reason_required=True,
            submit=lambda v: (_write_off, (code, t.number, v["amount"], v["reason"], v["on_date"]))))

    def edit(self, t: Target) -> CorrectionDialog:
        code = self.card.code
        dialog = CorrectionDialog(
            self.ctx, self.card, title=self.tr("Edit %1").replace("%1", t.number or self.tr("payment")),
            explain=self.tr("Only text that does not change the books can be edited; amounts, dates and "
                            "allocations are corrected by voiding, unapplying or a credit note."),
            fields=("text",), currency=t.currency, submit=lambda v: (_edit_reference, (code, t, v["text"])))
        dialog.text.setText(t.number if t.kind == "payment" else "")
        return self._open(dialog)

    def history(self, t: Target):
        from .views.audit import HistoryDialog

        dialog = HistoryDialog(self.ctx, self.card, customer=self.card.code, kind=t.kind, number=t.number,
                               on_date=t.date, amount_minor=t.amount_minor)
        self.last_dialog = dialog
        dialog.open()
        return dialog

    def audit_log(self):
        from .views.audit import HistoryDialog

        dialog = HistoryDialog(self.ctx, self.card, customer=self.card.code)
        self.last_dialog = dialog
        dialog.open()
        return dialog


def _credit_note(session, code: str, amount: int, invoice: str | None, on_date: dt.date, reason: str):
    return cx.issue_credit_note(session, code, amount_minor=amount, invoice_number=invoice, on_date=on_date,
                                reason=reason or None)


def _write_off(session, code: str, invoice: str, amount: int | None, reason: str, on_date: dt.date):
    return cx.write_off_remainder(session, code, invoice_number=invoice, amount_minor=amount, reason=reason,
                                  on_date=on_date)


def install(card) -> CardCorrections:
    """The card's hook: its document rows get the corrections menu, its buttons a "Corrections" button."""
    card.corrections = CardCorrections(card)
    return card.corrections

