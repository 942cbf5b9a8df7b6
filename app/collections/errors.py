"""Rule-named errors of the collections workflow (all are LedgerErrors: same handling in CLI and GUI)."""

from app.ledger.errors import LedgerError


class AgreementError(LedgerError):
    """An agreement that cannot be made or changed as asked; the message says why."""


class InvoiceAlreadyInAgreementError(AgreementError):
    field = "invoices"


class DisputeError(LedgerError):
    pass
