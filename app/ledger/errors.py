"""Errors named after the rule they enforce, each with a message a bookkeeper understands.

`field` names the input at fault (for import rows and dialog fields).
"""

from __future__ import annotations


class LedgerError(Exception):
    field: str | None = None

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        if field is not None:
            self.field = field

    def __str__(self) -> str:
        return self.message


class NotFoundError(LedgerError):
    pass


class UnknownCustomerError(NotFoundError):
    field = "customer_code"

    def __init__(self, code: str):
        super().__init__(f"No customer with code '{code}'. Create the customer first or correct the code.")
        self.code = code


class UnknownInvoiceError(NotFoundError):
    field = "invoice_number"

    def __init__(self, number: str):
        super().__init__(f"No invoice numbered '{number}'. Check the number.")
        self.number = number


class UnknownPaymentTermsError(NotFoundError):
    field = "payment_terms"

    def __init__(self, code: str):
        super().__init__(f"No payment terms with code '{code}'. Use one of the terms listed in settings (e.g. NET30).")


class DuplicateNumberError(LedgerError):
    field = "number"

    def __init__(self, kind: str, number: str, existing: str | None = None):
        same = (f"{kind} number '{existing}' already exists (numbers that differ only in case are the same "
                "document)" if existing and existing != number else f"{kind} number '{number}' already exists")
        super().__init__(f"{same}. Each {kind.lower()} needs its own number.")
        self.number = number


class DuplicateCustomerError(LedgerError):
    field = "code"

    def __init__(self, code: str, existing: str | None = None):
        same = (f"A customer with code '{existing}' already exists (codes that differ only in case are the "
                "same customer)" if existing and existing != code else f"A customer with code '{code}' already exists")
        super().__init__(f"{same}. Choose another code.")


class UnknownCurrencyError(LedgerError):
    field = "currency"

    def __init__(self, code):
        super().__init__(f"'{code}' is not an ISO 4217 currency code (e.g. PEN, USD, MXN, COP, CLP).")


class InvalidAmountError(LedgerError):
    field = "amount"

    def __init__(self, value, message: str | None = None):
        super().__init__(message or f"'{value}' is not a valid amount: it must be greater than zero.")


class CurrencyMismatchError(LedgerError):
    field = "currency"

    def __init__(self, what: str, currency: str, other: str):
        super().__init__(
            f"{what} is in {currency} but the document it applies to is in {other}. "
            "Documents can only settle documents of the same currency."
        )


class CustomerMismatchError(LedgerError):
    field = "customer_code"


class OverAllocationError(LedgerError):
    field = "amount"


class AllocationBeforeDocumentError(LedgerError):
    field = "date"


class VoidWithAllocationsError(LedgerError):
    field = "invoice_number"

    def __init__(self, number: str):
        super().__init__(
            f"Invoice {number} has payments or credits applied and cannot be voided. "
            "Issue a credit note instead, or reverse the payments first."
        )


class AlreadyVoidError(LedgerError):
    field = "invoice_number"


class InvalidTermsError(LedgerError):
    field = "payment_terms"


class InvalidValueError(LedgerError):
    """A plain field that is missing or malformed (name empty, bad country code, ...)."""


class DateOutOfRangeError(LedgerError):
    """A date before 1900-01-01 or after 2199-12-31 (a year typed as 5050): never a business date."""

    field = "date"

    def __init__(self, value, field: str | None = None, message: str | None = None):
        super().__init__(message or f"{value} is outside 1900-01-01 to 2199-12-31; check the year.", field=field)
        self.value = value


class FarDateError(LedgerError):
    """A document date more than a year from today, not confirmed (GUI) or allowed (--allow-far-dates)."""

    field = "date"

    def __init__(self, value, field: str | None = None, message: str | None = None):
        super().__init__(message or f"{value} is more than a year from today; check the year.", field=field)
        self.value = value


class AmountInputError(InvalidAmountError):
    """Typed text that is not exactly one amount (app.ledger.amount_input); the message says how it reads."""

    def __init__(self, text: str, message: str, *, reason: str = "", args: dict | None = None):
        super().__init__(text, message)
        self.text = text
        self.reason = reason  # a key of app.ledger.amount_input.MESSAGES; args fill its template
        self.params = dict(args or {})


class AmbiguousAmountError(AmountInputError):
    """The text reads as more than one amount; `readings` holds each candidate in minor units."""

    def __init__(self, text: str, message: str, readings: tuple[int, ...], **kw):
        super().__init__(text, message, **kw)
        self.readings = readings


class AmountTooLargeError(AmountInputError):
    """Above the bound every amount must stay within (app.ledger.amount_input.MAX_MAJOR)."""


class StaleEditError(LedgerError):
    """A record saved on data someone else changed since it was opened (a version column moved on);
    `changes` lists (label, seen, now) for what differs, the message names them."""

    def __init__(self, what: str, changes: list[tuple[str, str, str]], reopen: str = "reopen the card"):
        named = "; ".join(f"{label} {seen} → {now}" for label, seen, now in changes)
        super().__init__(f"this {what} was changed by someone else since you opened it"
                         + (f": {named}" if named else "") + f"; {reopen}")
        self.changes = changes
