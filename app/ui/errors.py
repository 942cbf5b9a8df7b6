"""Ledger errors as text for the user, in the UI language, and which field they belong to."""

from __future__ import annotations

import re

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from app.ledger import errors as E


# The refusals of app.ledger.amount_input, for Qt's translator (a test keeps them equal to its MESSAGES).
_AMOUNT_TEXTS = (
    QT_TRANSLATE_NOOP("Amounts", "Enter an amount."),
    QT_TRANSLATE_NOOP("Amounts", "'{text}' has digits other than 0-9; type the amount with the digits 0-9."),
    QT_TRANSLATE_NOOP("Amounts", "'{text}' is not an amount; type it like {shown} or {plain}."),
    QT_TRANSLATE_NOOP("Amounts", "'{text}' is not an amount; type only the number, like {shown}."),
    QT_TRANSLATE_NOOP("Amounts", "'{text}' has a space inside the number; type it without spaces, like {plain}."),
    QT_TRANSLATE_NOOP("Amounts", "'{text}' is not an amount: use the digits 0-9 and '{dec}' for decimals, like {shown}."),
    QT_TRANSLATE_NOOP("Amounts", "'{text}' is too large: amounts go up to {limit} {currency}."),
    QT_TRANSLATE_NOOP("Amounts", "'{text}' is negative; amounts here cannot be below zero."),
    QT_TRANSLATE_NOOP("Amounts", "'{text}' starts with '{sep}'; type the number with a digit on each side of a separator."),
    QT_TRANSLATE_NOOP("Amounts", "'{text}' ends with '{sep}'; type the number with a digit on each side of a separator."),
    QT_TRANSLATE_NOOP("Amounts", "'{text}' is written in {codes}, but this amount is in {currency}."),
    QT_TRANSLATE_NOOP("Amounts", "'{token}' can mean {codes}; write {currency} instead."),
    QT_TRANSLATE_NOOP("Amounts", "'{text}' could be {shown}; type {typed} to say which."),
    QT_TRANSLATE_NOOP("Amounts", "'{text}' has {decimals} but {currency} has {digits}; if you meant {shown}, type {typed}."),
    QT_TRANSLATE_NOOP("Amounts", "'{text}' uses '{dec}' between thousands, which is not how amounts are written here; if you meant {shown}, type {typed}."),
    QT_TRANSLATE_NOOP("Amounts", "'{text}' has {decimals} but {currency} has {digits}; type {typed}."),
    QT_TRANSLATE_NOOP("Amounts", "'{text}' has {decimals} but {currency} has none; type a whole number."),
    QT_TRANSLATE_NOOP("Amounts", "'{text}' has {decimals} but {currency} has {digits}; type at most {digits} after the decimal separator."),
    QT_TRANSLATE_NOOP("Amounts", "'{text}' is not an amount: '{grp}' between thousands must be followed by exactly three digits and '{dec}' marks the decimals only once, like {shown} or {plain}."),
    QT_TRANSLATE_NOOP("Amounts", " or "),
    QT_TRANSLATE_NOOP("Amounts", "none"),
    QT_TRANSLATE_NOOP("Amounts", "1 decimal"),
    QT_TRANSLATE_NOOP("Amounts", "{n} decimals"),
)


def amount_error_text(exc: E.AmountInputError) -> str:
    """The parser's refusal in the UI language, with the same readings and numbers."""
    from app.ledger.amount_input import render

    if not exc.reason:
        return str(exc)
    return render(exc.reason, exc.params, lambda text: QCoreApplication.translate("Amounts", text))


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
        return field, amount_error_text(exc)
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
    if isinstance(exc, E.StaleEditError):  # the card was loaded before someone else saved this customer
        details = "; ".join(f"{_stale_label(label)}: {seen} → {now}" for label, seen, now in exc.changes)
        return None, translate("Errors", "This customer was changed by someone else since you opened it. Close this "
                                         "window and reopen the card to see the change.") + ("\n" + details if details else "")
    if isinstance(exc, E.LedgerError):
        return field, str(exc)
    return None, translate("Errors", "Unexpected error: %1").replace("%1", f"{type(exc).__name__}: {exc}")


# The ledger's names of customer fields (app.ledger.customers.stale_changes), for Qt's translator.
_STALE_LABELS = {
    "name": QT_TRANSLATE_NOOP("Errors", "name"), "tax ID": QT_TRANSLATE_NOOP("Errors", "tax ID"),
    "country": QT_TRANSLATE_NOOP("Errors", "country"), "language": QT_TRANSLATE_NOOP("Errors", "language"),
    "currency": QT_TRANSLATE_NOOP("Errors", "currency"), "email": QT_TRANSLATE_NOOP("Errors", "e-mail"),
    "phone": QT_TRANSLATE_NOOP("Errors", "phone"), "address": QT_TRANSLATE_NOOP("Errors", "address"),
    "city": QT_TRANSLATE_NOOP("Errors", "city"), "payment terms": QT_TRANSLATE_NOOP("Errors", "payment terms"),
    "credit limit": QT_TRANSLATE_NOOP("Errors", "credit limit"), "on hold": QT_TRANSLATE_NOOP("Errors", "on hold"),
    "notes": QT_TRANSLATE_NOOP("Errors", "notes"), "collector": QT_TRANSLATE_NOOP("Errors", "collector"),
    "reminder policy": QT_TRANSLATE_NOOP("Errors", "reminder policy"),
    "paused until": QT_TRANSLATE_NOOP("Errors", "paused until"),
}


def _stale_label(label: str) -> str:
    return QCoreApplication.translate("Errors", _STALE_LABELS[label]) if label in _STALE_LABELS else label


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
