"""The core domain: invoices, due lines, payments, allocation, credit notes, write-offs,
balances as of a date and the audit log. One function per user action; callers own the
transaction (`with session.begin(): ...`)."""

from . import balance_keeper  # noqa: F401  (keeps customer_balance after every write: session events)
from . import payment_history_keeper  # noqa: F401  (keeps customer_payment_history the same way)
from .balances import customer_balance, customer_documents, open_items
from .company import get_company, get_setting, save_company, set_setting
from .customers import create_customer, get_customer, update_customer
from .errors import LedgerError
from .invoices import get_invoice, preview_due_lines, record_invoice, set_disputed, void_invoice
from .payments import allocate_credit, plan_allocation, record_credit_note, record_payment, write_off
from .terms import due_schedule, ensure_default_terms, list_terms

__all__ = [
    "LedgerError", "allocate_credit", "create_customer", "customer_balance", "customer_documents", "due_schedule",
    "ensure_default_terms", "get_company", "get_customer", "get_invoice", "get_setting", "list_terms",
    "open_items", "preview_due_lines", "record_credit_note", "record_invoice", "record_payment", "save_company",
    "plan_allocation", "set_disputed", "set_setting", "update_customer", "void_invoice", "write_off",
]
