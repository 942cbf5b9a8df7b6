"""New payment: the allocation to open due lines is suggested oldest first and can be changed per line."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from app.ledger import payments
from app.ledger.errors import OverAllocationError
from app.ledger.views import AllocationPlan

from ..context import AppContext
from ..errors import describe
from ..tablemodels.allocation import AllocationTableModel
from ..tablemodels.documents import method_text
from ..widgets import debounced, ERROR_STYLE, DateEdit, FieldForm, MoneyEdit
from .entry import CustomerDocumentDialog


class PaymentDialog(CustomerDocumentDialog):
    """`saved` carries the PaymentView recorded."""

    def __init__(self, ctx: AppContext, customer_code: str | None = None, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("New payment"))
        self.setMinimumWidth(620)
        self.resize(680, 620)
        f = ctx.formatter

        self._add_customer_fields()
        self.date = DateEdit(f, ctx.today())
        self.amount = MoneyEdit(f)
        self.method = QComboBox()
        for m in payments.METHODS:
            self.method.addItem(method_text(m), m)
        self.reference = QLineEdit()
        self.reference.setPlaceholderText(self.tr("Bank operation number"))

        self.form = FieldForm()
        self._customer_rows()
        self.form.add_field("date", self.tr("Date"), self.date)
        self.form.add_field("amount", self.tr("Amount"), self.amount)
        self.form.add_field("currency", self.tr("Currency"), self.currency)
        self.form.add_field("method", self.tr("Method"), self.method)
        self.form.add_field("reference", self.tr("Reference"), self.reference)

        self.alloc_model = AllocationTableModel(f, parent=self)
        self.alloc_table = self._lines_table(self.alloc_model, "allocation", 160,
                                             QAbstractItemView.EditTrigger.DoubleClicked
                                             | QAbstractItemView.EditTrigger.EditKeyPressed
                                             | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.btn_oldest = QPushButton(self.tr("Oldest first"))
        self.btn_oldest.setToolTip(self.tr("Apply the payment to the oldest due lines first"))
        self.btn_clear = QPushButton(self.tr("Apply nothing"))
        self.btn_clear.setToolTip(self.tr("Keep the whole payment as unapplied credit"))
        self.remainder = QLabel()
        self.remainder.setObjectName("remainder")
        alloc_box = QGroupBox(self.tr("Apply to open items (double-click an amount to change it)"))
        box_layout = QVBoxLayout(alloc_box)
        box_layout.addWidget(self.alloc_table, 1)
        row = QHBoxLayout()
        row.addWidget(self.btn_oldest)
        row.addWidget(self.btn_clear)
        row.addStretch(1)
        row.addWidget(self.remainder)
        box_layout.addLayout(row)

        self._add_buttons(self.tr("Record payment"))
        self._lay_out(alloc_box)

        self._suggest_timer = debounced(self, self.suggest)
        self._generation = 0
        self.suggest_pending = False

        self._watch_amount()
        self.amount.textChanged.connect(lambda _t: self._suggest_timer.start())
        self.amount.textChanged.connect(lambda _t: self.update_remainder())
        self.date.dateChanged.connect(lambda _d: self._suggest_timer.start())
        self.currency.currentTextChanged.connect(lambda _t: self._suggest_timer.start())
        self.alloc_model.amounts_changed.connect(self.update_remainder)
        self.btn_oldest.clicked.connect(self.suggest)
        self.btn_clear.clicked.connect(self.apply_nothing)
        self.update_remainder()
        self._start(customer_code, focus=self.amount)

    # --- live feedback ----------------------------------------------------------------

    def _customer_changed(self) -> None:
        if self.customer is None:
            self.alloc_model.set_suggestions([], self._currency() or self.ctx.company_currency)
        else:
            self.suggest()

    def _amount(self) -> int | None:
        return self.amount.minor_or_none()

    def suggest(self) -> None:
        """Ask the ledger for its plan: the oldest-first allocation of the amount over every open line
        issued by the date (zero where nothing is applied), as `record_payment` would apply it."""
        self._suggest_timer.stop()
        if self.customer is None or len(self._currency()) != 3:
            return
        self._generation += 1
        generation = self._generation
        currency = self._currency()
        self.suggest_pending = True
        self.ctx.runner.read(payments.plan_allocation, customer_code=self.customer.code, currency=currency,
                             amount_minor=self._amount() or 0, on_date=self.date.value(),
                             on_done=lambda plan: self._suggestion_arrived(generation, plan.lines, currency),
                             on_error=lambda exc: self._suggestion_failed(generation, exc))

    def _suggestion_arrived(self, generation: int, suggestions, currency: str) -> None:
        if generation != self._generation:
            return
        self.suggest_pending = False
        self.alloc_model.set_suggestions(suggestions, currency)
        self.alloc_table.resizeColumnsToContents()
        self.alloc_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)

    def _suggestion_failed(self, generation: int, exc) -> None:
        if generation == self._generation:
            self.suggest_pending = False
            self.alloc_model.set_suggestions([], self._currency() or self.ctx.company_currency)

    def apply_nothing(self) -> None:
        for row in range(self.alloc_model.rowCount()):
            self.alloc_model.setData(self.alloc_model.index(row, AllocationTableModel.COL_APPLY), 0)

    def plan(self) -> AllocationPlan:
        """The allocation as shown and edited, checked by the ledger's rule (no database read: the lines
        and their open amounts are the ones the ledger planned)."""
        amount = self._amount()
        return payments.plan_on_open_lines(
            self.alloc_model.rows(), currency=self.alloc_model.currency,
            amount_minor=self.alloc_model.total() if amount is None else amount,  # no amount yet: no limit
            on_date=self.date.value(), allocations=self.alloc_model.allocations())

    def problems(self, plan: AllocationPlan | None = None) -> list[str]:
        """What is wrong with the allocation as entered, in the user's language (checked before asking
        the ledger to record it)."""
        plan = plan or self.plan()
        currency, f = plan.currency, self.ctx.formatter
        out = []
        for p in plan.problems:
            if p.rule == payments.OVER_OPEN:
                out.append(self.tr("Invoice %1 has only %2 open; %3 cannot be applied to it.")
                           .replace("%1", p.invoice_number or "").replace("%2", f.money(p.limit_minor, currency))
                           .replace("%3", f.money(p.amount_minor, currency)))
            elif p.rule == payments.OVER_AMOUNT:
                out.append(self.tr("The allocations add up to %1 but the payment is %2. Lower the amounts to apply.")
                           .replace("%1", f.money(p.amount_minor, currency))
                           .replace("%2", f.money(p.limit_minor, currency)))
            else:
                out.append(p.message)
        return out

    def update_remainder(self) -> None:
        plan = self.plan()
        f = self.ctx.formatter
        applied, rest = plan.applied_minor, (self._amount() or 0) - plan.applied_minor
        text = self.tr("Applied: %1 · Unapplied credit: %2").replace("%1", f.money(applied, plan.currency)).replace(
            "%2", f.money(rest, plan.currency))
        self.remainder.setText(text)
        self.remainder.setStyleSheet(ERROR_STYLE if self.problems(plan) else "")

    # --- recording ---------------------------------------------------------------------

    def submit(self) -> None:
        read = self._begin_submit()
        if read is None:
            return
        currency, amount = read
        problems = self.problems()
        if problems:
            self.show_error(OverAllocationError("\n".join(problems)), local=True)
            return
        if not self.date_guard.ok([("date", self.tr("Payment date"), self.date.value())], self.submit):
            return
        # until the suggestion for what was typed has arrived, let the ledger apply oldest first itself
        allocations = None if (self.suggest_pending or self.customer is None) else self.alloc_model.allocations()
        self.buttons.setEnabled(False)
        self.ctx.runner.write(
            payments.record_payment, customer_code=self.customer_code.text().strip(), date=self.date.value(),
            amount_minor=amount, currency=currency, method=self.method.currentData(),
            reference=self.reference.text().strip() or None, allocations=allocations,
            on_done=self._saved, on_error=self.show_error)

    def show_error(self, exc: BaseException, local: bool = False) -> None:
        field, message = (None, str(exc)) if local else describe(exc)
        if field == "amount" and isinstance(exc, OverAllocationError):
            field = None  # about the allocation table, not the amount typed
        self._show_message(field, message)
