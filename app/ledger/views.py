"""What ledger functions hand back: frozen snapshots, safe to pass between threads and layers."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class CompanyView:
    name: str
    tax_id: str | None
    address: str | None
    city: str | None
    country: str
    currency: str
    locale: str
    email: str | None
    phone: str | None
    logo_path: str | None
    payment_instructions: str | None


@dataclass(frozen=True)
class TermsView:
    code: str
    name: str
    lines: tuple  # app.ledger.terms.TermLine, one per installment
    discount_percent: Decimal | None = None
    discount_days: int | None = None
    archived: bool = False


@dataclass(frozen=True)
class CustomerView:
    id: int
    code: str
    name: str
    tax_id: str | None
    country: str
    language: str
    currency: str
    email: str | None
    phone: str | None
    address: str | None
    city: str | None
    payment_terms: str | None
    credit_limit_minor: int | None
    on_hold: bool
    notes: str | None
    collector: str | None = None
    version: int = 0  # the row's version when read: pass the view back to update_customer(seen=...)


@dataclass(frozen=True)
class DueLineView:
    id: int
    sequence: int
    due_date: dt.date
    amount_minor: int


@dataclass(frozen=True)
class InvoiceView:
    id: int
    number: str
    customer_code: str
    issue_date: dt.date
    currency: str
    total_minor: int
    reference: str | None
    kind: str
    disputed: bool
    status: str
    due_lines: tuple[DueLineView, ...]


@dataclass(frozen=True)
class AllocationView:
    due_line_id: int
    invoice_number: str
    amount_minor: int
    date: dt.date


@dataclass(frozen=True)
class AllocationSuggestion:
    """One open due line in a plan: what is open on it and what the document would apply to it."""
    due_line_id: int
    invoice_number: str
    due_date: dt.date
    open_minor: int
    amount_minor: int
    issue_date: dt.date | None = None  # the invoice's; oldest first only reaches invoices issued by the date


@dataclass(frozen=True)
class AllocationProblem:
    """Why a plan cannot be recorded, named after the rule (`app.ledger.payments.OVER_OPEN`, ...).
    `amount_minor` is what was asked, `limit_minor` what the rule allows (the line's open amount, the
    document's amount); `invoice_number` the invoice concerned, if one is."""
    rule: str
    message: str
    field: str = "amount"
    invoice_number: str | None = None
    amount_minor: int = 0
    limit_minor: int = 0


@dataclass(frozen=True)
class AllocationPlan:
    """An allocation worked out without being written (`app.ledger.payments.plan_allocation`): every
    line considered with its open amount and what would be applied, the total applied, the rest that
    stays as unapplied credit, and the problems that would make recording it refuse."""
    currency: str
    amount_minor: int
    lines: tuple[AllocationSuggestion, ...]
    applied_minor: int
    unapplied_minor: int
    problems: tuple[AllocationProblem, ...] = ()
    invoice_number: str | None = None  # the invoice the document names, if any

    @property
    def ok(self) -> bool:
        return not self.problems

    def allocations(self) -> list[tuple[int, int]]:
        """(due_line_id, amount_minor) for every line something would be applied to."""
        return [(ln.due_line_id, ln.amount_minor) for ln in self.lines if ln.amount_minor > 0]


@dataclass(frozen=True)
class PaymentView:
    id: int
    customer_code: str
    date: dt.date
    currency: str
    amount_minor: int
    method: str
    reference: str | None
    allocated_minor: int
    unapplied_minor: int
    allocations: tuple[AllocationView, ...]


@dataclass(frozen=True)
class CreditNoteView:
    id: int
    number: str
    customer_code: str
    date: dt.date
    currency: str
    amount_minor: int
    invoice_number: str | None
    allocated_minor: int
    unapplied_minor: int
    allocations: tuple[AllocationView, ...]


@dataclass(frozen=True)
class WriteOffView:
    id: int
    customer_code: str
    date: dt.date
    currency: str
    amount_minor: int
    reason: str
    allocations: tuple[AllocationView, ...]


@dataclass(frozen=True)
class OpenItem:
    due_line_id: int
    invoice_number: str
    kind: str
    issue_date: dt.date
    due_date: dt.date
    currency: str
    amount_minor: int
    open_minor: int
    days_overdue: int
    disputed: bool


@dataclass(frozen=True)
class CurrencyBalance:
    currency: str
    open_items_minor: int
    unapplied_credit_minor: int
    balance_minor: int


@dataclass(frozen=True)
class DocumentRow:
    """One line of a customer's document history (for the card and statements)."""

    kind: str  # invoice | payment | credit_note | write_off
    number: str
    date: dt.date
    currency: str
    amount_minor: int
    open_minor: int  # invoices: still open; payments/credit notes: unapplied
    status: str
    reference: str | None
