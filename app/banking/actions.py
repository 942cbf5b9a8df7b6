"""Turning a credit line into a payment: confirm a suggestion, or the user's own choice (edit).

`confirm_line` records the payment through the ledger (`app.ledger.record_payment`): dated like the line,
its reference the bank's, applied to the chosen invoices oldest due line first (the due lines read with
`app.ledger.payments.open_lines`, the amounts checked by the ledger's own allocation rule); whatever is
left stays as the customer's unapplied credit, and a payment within an early-payment discount takes the
discount as a credit note. The line is then confirmed and points at its payment, so nothing is recorded
twice. One call per line; the caller owns the transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from sqlalchemy import update
from sqlalchemy.orm import Session

from app import config
from app.ledger import audit, record_payment
from app.ledger.errors import LedgerError
from app.ledger.payments import open_lines
from app.ledger.progress import Progress, report
from app.ledger.views import PaymentView
from app.models import BankLine
from app.models.banking import LINE_CONFIRMED, LINE_NEW

from .matching import LineMatches, OpenBook, match_lines, suggest
from .statements import BankLineStateError, get_line_row


@dataclass(frozen=True)
class Confirmed:
    line_id: int
    payment: PaymentView

    @property
    def summary(self) -> str:
        p = self.payment
        from app.ledger.money import to_str

        applied = ", ".join(f"{a.invoice_number} {to_str(a.amount_minor, p.currency)}" for a in p.allocations)
        text = (f"bank line {self.line_id}: payment #{p.id} of {to_str(p.amount_minor, p.currency)} {p.currency} "
                f"from {p.customer_code}" + (f" applied to {applied}" if applied else ""))
        if p.unapplied_minor:
            text += f"; {to_str(p.unapplied_minor, p.currency)} {p.currency} stays as unapplied credit"
        return text


def _allocations(session: Session, customer_code: str, currency: str, invoice_numbers: Sequence[str],
                 amount: int) -> list[tuple[int, int]]:
    wanted = [n.strip() for n in invoice_numbers if n and n.strip()]
    lines = open_lines(session, customer_code=customer_code, currency=currency)
    by_number: dict[str, list] = {}
    for ln in lines:
        by_number.setdefault(ln.invoice_number.lower(), []).append(ln)
    allocations, left = [], amount
    for number in wanted:
        open_ = by_number.get(number.lower())
        if not open_:
            raise LedgerError(f"Invoice {number} has nothing open in {currency} for customer {customer_code}; "
                              "choose another invoice or leave the amount unapplied.", field="invoice_number")
        for ln in open_:
            take = min(left, ln.open_minor)
            if take > 0:
                allocations.append((ln.due_line_id, take))
                left -= take
    return allocations


def confirm_line(session: Session, line_id: int, *, customer_code: str, invoice_numbers: Sequence[str] | None = None,
                 method: str = "transfer") -> Confirmed:
    """Record the line as a payment of `customer_code`: applied to `invoice_numbers` in that order (each
    invoice's due lines oldest first, up to the amount), or, with None, oldest due first over every open
    invoice; an empty list keeps it all as unapplied credit."""
    line = get_line_row(session, line_id)
    if line.status != LINE_NEW:
        what = f"became payment #{line.payment_id}" if line.status == LINE_CONFIRMED else "was skipped"
        raise BankLineStateError(f"Bank line {line.id} {what} already; it cannot be confirmed again.")
    allocations = None
    if invoice_numbers is not None:
        allocations = _allocations(session, customer_code, line.currency, invoice_numbers, line.amount_minor)
    reference = (line.reference or f"{line.date.isoformat()} {line.description}")[:100]
    payment = record_payment(session, customer_code=customer_code, date=line.date, amount_minor=line.amount_minor,
                             currency=line.currency, method=method, reference=reference, allocations=allocations)
    # only if it is still new: another writer (the app and the CLI, or two people on a shared database)
    # may have confirmed it since it was read; then this whole unit of work is refused
    changed = session.execute(update(BankLine).where(BankLine.id == line.id, BankLine.status == LINE_NEW)
                              .values(status=LINE_CONFIRMED, payment_id=payment.id, decided_at=config.now())
                              .execution_options(synchronize_session=False))
    if changed.rowcount != 1:
        raise BankLineStateError(f"Bank line {line.id} was confirmed or skipped by someone else a moment ago; "
                                 "nothing was recorded. Reload the lines.")
    session.refresh(line)
    audit.record(session, action="confirm", entity="bank_line", entity_id=line.id,
                 after={"payment_id": payment.id, "customer": payment.customer_code,
                        "invoices": list(invoice_numbers) if invoice_numbers is not None else None})
    return Confirmed(line.id, payment)


def confirm_suggestion(session: Session, matches: LineMatches, index: int = 0, *, method: str = "transfer") -> Confirmed:
    """Confirm one of the line's suggestions as it stands (the first by default)."""
    if not matches.suggestions:
        raise LedgerError(f"Bank line {matches.line.id} has no suggestion; name the customer (and invoices).",
                          field="customer_code")
    if not 0 <= index < len(matches.suggestions):
        raise LedgerError(f"Bank line {matches.line.id} has {len(matches.suggestions)} suggestion(s); "
                          f"there is no number {index + 1}.", field="suggestion")
    s = matches.suggestions[index]
    return confirm_line(session, matches.line.id, customer_code=s.customer_code, invoice_numbers=s.invoice_numbers,
                        method=method)


def auto_confirm_exact(session: Session, matches: list[LineMatches] | None = None,
                       progress: Progress | None = None) -> list[Confirmed]:
    """Confirm every new line whose best suggestion is exact and unrivalled (see `LineMatches.exact`).
    Each line is matched again, in date order, against what the confirmations before it left open (one
    snapshot of the open book per currency, brought up to date after each payment), so two lines can never
    both settle the same invoice. `progress(done, total)` counts the lines looked at (app.ledger.progress;
    it may raise Cancelled: the caller's transaction rolls back, no payment is kept)."""
    if matches is None:
        matches = match_lines(session)
    books: dict[str, OpenBook] = {}
    done = []
    for n, m in enumerate(matches):
        report(progress, n, len(matches))
        if m.exact is None:
            continue
        book = books.get(m.line.currency)
        if book is None:
            book = books[m.line.currency] = OpenBook(session, m.line.currency)
        fresh = suggest(book, m.line)
        if fresh.exact is None:
            continue
        confirmed = confirm_suggestion(session, fresh)
        done.append(confirmed)
        book.reread(session, fresh.exact.invoice_numbers)
    report(progress, len(matches), len(matches))
    return done
