"""Ledger errors as text for the user, in the UI language, and which field they belong to."""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication

from app.ledger import errors as E


def describe(exc: BaseException) -> tuple[str | None, str]:
    """(field, message). The field is the ledger's name for the input at fault, or None."""
    field = getattr(exc, "field", None)
    translate = QCoreApplication.translate
    if isinstance(exc, E.DuplicateNumberError):
        return field, translate("Errors", "The number %1 already exists. Each document needs its own number.").replace(
            "%1", exc.number)
    if type(exc).__name__ == "CreditBlockedError":
        return field, translate("Errors", "Credit control blocks new invoices for this customer.") + "\n" + str(exc)
    if isinstance(exc, E.DuplicateCustomerError):
        return field, translate("Errors", "A customer with this code already exists. Choose another code.")
    if isinstance(exc, E.UnknownCustomerError):
        return field, translate("Errors", "No customer with code '%1'. Create the customer first or correct the code."
                        ).replace("%1", exc.code)
    if isinstance(exc, E.UnknownCurrencyError):
        return field, translate("Errors", "Not an ISO 4217 currency code (e.g. PEN, USD, MXN, COP, CLP).")
    if isinstance(exc, E.OverAllocationError):
        return field, translate("Errors", "More is applied than is available or open. Lower the amounts to apply.") \
            + "\n" + str(exc)
    if isinstance(exc, E.CurrencyMismatchError):
        return field, translate("Errors", "The currencies do not match: a payment can only settle invoices in its own "
                                  "currency.")
    if isinstance(exc, E.AllocationBeforeDocumentError):
        return field, translate("Errors", "The payment is dated before the invoice it is applied to.")
    if isinstance(exc, E.AmountInputError):  # the parser's message shows how it read the text
        return field, str(exc)
    if isinstance(exc, E.InvalidAmountError):
        return field, translate("Errors", "Enter an amount greater than zero, like 1234.50, with no more decimals than "
                                  "the currency has.")
    if isinstance(exc, E.InvalidValueError):
        known = {
            "name": translate("Errors", "Enter a name."),
            "code": translate("Errors", "Enter a code (at most 40 characters)."),
            "email": translate("Errors", "Not a valid e-mail address."),
            "country": translate("Errors", "Use a two-letter ISO country code (PE, MX, CO, CL, US)."),
            "language": translate("Errors", "Use es or en."),
            "credit_limit": translate("Errors", "The credit limit cannot be negative."),
            "number": translate("Errors", "Enter the invoice number."),
            "locale": translate("Errors", "Not a known locale (e.g. es_PE, es_MX, en_US)."),
            "due_date": translate("Errors", "The due date is before the issue date."),
            "method": translate("Errors", "Choose a payment method."),
        }
        if field in known:
            return field, known[field]
    if isinstance(exc, E.LedgerError):
        return field, str(exc)
    return None, translate("Errors", "Unexpected error: %1").replace("%1", f"{type(exc).__name__}: {exc}")


_CREDIT_REASONS = [
    (re.compile(r"^(?P<a>.+) is on credit hold\.$"), "%1 is on credit hold."),
    (re.compile(r"^Open items plus this invoice come to (?P<a>\S+ \w{3}), over the credit limit of (?P<b>\S+ \w{3})\.$"),
     "Open items plus this invoice come to %1, over the credit limit of %2."),
    (re.compile(r"^An invoice is (?P<a>\d+) days overdue \(the limit is (?P<b>\d+) days\)\.$"),
     "An invoice is %1 days overdue (the limit is %2 days)."),
]


def credit_reason_text(reason: str) -> str:
    """A credit-control reason from app.ledger.credit in the UI language (the ledger writes English)."""
    translate = QCoreApplication.translate
    for pattern, _source in _CREDIT_REASONS:
        m = pattern.match(reason)
        if not m:
            continue
        groups = m.groupdict()
        if _source.startswith("%1 is on"):
            text = translate("Errors", "%1 is on credit hold.")
        elif _source.startswith("Open items"):
            text = translate("Errors", "Open items plus this invoice come to %1, over the credit limit of %2.")
        else:
            text = translate("Errors", "An invoice is %1 days overdue (the limit is %2 days).")
        return text.replace("%1", groups["a"]).replace("%2", groups.get("b") or "")
    return reason
