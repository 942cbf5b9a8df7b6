"""Database tables only: no business rules, no Qt."""

from .ar_history import ArDay, ArDirty, ArHistoryState, ArRoll
from .audit import AuditEntry
from .banking import BankLine, BankStatement
from .base import Base
from .collections import (
    Activity, AgreementInstallment, AgreementInvoice, CustomerRisk, Dispute, PaymentAgreement, PromiseToPay,
)
from .company import Company, Setting
from .currency import Currency, ExchangeRate
from .customer_balance import CustomerBalance
from .customers import Contact, Customer, PaymentTerms, PaymentTermsLine
from .discounts import InvoiceDiscount
from .importing import ImportMapping
from .payment_history import CustomerPaymentHistory
from .documents import POSTED, VOID, Allocation, CreditNote, DueLine, Invoice, Payment, WriteOff
from .reminders import (
    ContactLog, CustomerReminderSettings, Reminder, ReminderLevel, ReminderLine, ReminderPolicy, ReminderRun,
    ReminderTemplate, SegmentPolicy,
)

__all__ = [
    "ArDay", "ArDirty", "ArHistoryState", "ArRoll",
    "Activity", "AgreementInstallment", "CustomerRisk", "SegmentPolicy", "AgreementInvoice", "Dispute", "PaymentAgreement", "PromiseToPay",
    "AuditEntry", "Allocation", "Base", "Company", "Currency", "ExchangeRate", "Contact", "CreditNote", "Customer", "CustomerBalance", "CustomerPaymentHistory", "DueLine",
    "Invoice", "Payment", "PaymentTerms", "PaymentTermsLine", "POSTED", "Setting", "VOID", "WriteOff",
    "ContactLog", "CustomerReminderSettings", "Reminder", "ReminderLevel", "ReminderLine", "ReminderPolicy",
    "ReminderRun", "ReminderTemplate",
    "InvoiceDiscount",
    "ImportMapping",
    "BankLine", "BankStatement",
]
