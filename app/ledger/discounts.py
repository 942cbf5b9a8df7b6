"""Early-payment discounts ("2 % if paid within 10 days").

An invoice posted under terms with a discount gets an `InvoiceDiscount` row: the amount off and the last
day to pay, fixed then. A payment dated within that window that leaves the invoice short by at most the
discount settles the difference with a credit note (`take_early_discounts`, called by `record_payment`), so
the invoice is closed and the customer's statement shows why. Statements and letters read what is still on
offer with `offered_discounts`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Callable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.models import POSTED, Allocation, CreditNote, Customer, DueLine, Invoice, InvoiceDiscount, Payment, PaymentTerms

from . import audit
from .money import percent_of, to_str


@dataclass(frozen=True)
class DiscountView:
    invoice_number: str
    customer_code: str
    currency: str
    percent: Decimal
    until: dt.date
    amount_minor: int
    open_minor: int  # what the invoice still has open (as of the date asked)
    credit_note_number: str | None = None

    @property
    def pay_minor(self) -> int:
        """What settles the invoice when paid by `until`: the open amount less the discount."""
        return max(self.open_minor - self.amount_minor, 0)


def grant_discount(session: Session, inv: Invoice, terms: PaymentTerms) -> DiscountView | None:
    """Fix the terms' discount on a newly posted invoice (nothing when the terms have none)."""
    granted = discount_rows([(inv.id, inv.total_minor, inv.issue_date, terms)])
    if not granted:
        return None
    row = InvoiceDiscount(**granted[0])
    session.add(row)
    session.flush()
    return DiscountView(inv.number, inv.customer.code, inv.currency, row.percent, row.until, row.amount_minor,
                        inv.total_minor)


def discount_rows(invoices) -> list[dict]:
    """The discount rows (invoice_discount's columns) that terms give new invoices, from (invoice id, total,
    issue date, terms) each; none for terms without a discount or an amount that rounds to zero."""
    rows = []
    for invoice_id, total_minor, issue_date, terms in invoices:
        if terms.discount_percent is None or terms.discount_days is None:
            continue
        percent = Decimal(terms.discount_percent)
        amount = percent_of(total_minor, percent)
        if amount > 0:
            rows.append(dict(invoice_id=invoice_id, percent=percent, amount_minor=amount,
                             until=issue_date + dt.timedelta(days=int(terms.discount_days))))
    return rows


def _open_now(session: Session, invoice_id: int) -> int:
    return int(session.scalar(select(func.coalesce(func.sum(DueLine.amount_minor - DueLine.paid_minor), 0))
                              .where(DueLine.invoice_id == invoice_id)))


def discount_credit_number(session: Session, inv: Invoice) -> str:
    """"DPP-<invoice number>" (descuento por pronto pago), made unique if a document already has it."""
    base = f"DPP-{inv.number}"[:36]
    number, n = base, 1
    while session.scalar(select(CreditNote.id).where(CreditNote.number == number)) is not None:
        n += 1
        number = f"{base}-{n}"
    return number


def take_early_discounts(session: Session, payment: Payment, *, credit_note: Callable) -> list[DiscountView]:
    """For each invoice the payment was applied to, with a discount not yet taken and the payment dated by
    its last day: when what is left open is above zero and at most the discount, settle it with a credit
    note dated like the payment. `credit_note` is `app.ledger.payments.record_credit_note` (passed in: the
    payments module calls this one)."""
    rows = session.execute(
        select(InvoiceDiscount, Invoice)
        .join(Invoice, Invoice.id == InvoiceDiscount.invoice_id)
        .where(InvoiceDiscount.credit_note_id.is_(None), InvoiceDiscount.until >= payment.date,
               Invoice.status == POSTED,
               InvoiceDiscount.invoice_id.in_(
                   select(DueLine.invoice_id).join(Allocation, Allocation.due_line_id == DueLine.id)
                   .where(Allocation.payment_id == payment.id)))
        .order_by(Invoice.issue_date, Invoice.id)
    ).all()
    taken = []
    for disc, inv in rows:
        left = _open_now(session, inv.id)
        if not (0 < left <= disc.amount_minor):
            continue
        cn = credit_note(
            session, customer_code=inv.customer.code, number=discount_credit_number(session, inv),
            date=payment.date, amount_minor=left, currency=inv.currency, invoice_number=inv.number,
            reason=(f"Early-payment discount on invoice {inv.number}: paid {payment.date.isoformat()}, within the "
                    f"discount ({disc.percent.normalize():f} %, up to {to_str(disc.amount_minor, inv.currency)} "
                    f"{inv.currency}, by {disc.until.isoformat()})"))
        disc.credit_note_id = cn.id
        session.flush()
        audit.record(session, action="take_discount", entity="invoice", entity_id=inv.id,
                     after={"credit_note": cn.number, "amount_minor": left, "payment_id": payment.id})
        taken.append(DiscountView(inv.number, inv.customer.code, inv.currency, Decimal(disc.percent), disc.until,
                                  disc.amount_minor, 0, cn.number))
    return taken


def offered_discounts(session: Session, customer_code: str, *, as_of: dt.date,
                      currency: str | None = None) -> list[DiscountView]:
    """The discounts still on offer to a customer as of a date: not taken, last day not past, the invoice
    posted and still open (as of `as_of`: allocations dated after it do not count)."""
    later = (select(Allocation.due_line_id, func.sum(Allocation.amount_minor).label("later"))
             .where(Allocation.date > as_of).group_by(Allocation.due_line_id).subquery())
    open_ = (select(DueLine.invoice_id,
                    func.sum(DueLine.amount_minor - DueLine.paid_minor + func.coalesce(later.c.later, 0)).label("o"))
             .outerjoin(later, later.c.due_line_id == DueLine.id).group_by(DueLine.invoice_id).subquery())
    q = (select(InvoiceDiscount, Invoice, open_.c.o)
         .join(Invoice, Invoice.id == InvoiceDiscount.invoice_id)
         .join(Customer, Customer.id == Invoice.customer_id)
         .join(open_, open_.c.invoice_id == Invoice.id)
         .where(Customer.code == customer_code, Invoice.status == POSTED, Invoice.issue_date <= as_of,
                InvoiceDiscount.until >= as_of, InvoiceDiscount.credit_note_id.is_(None), open_.c.o > 0)
         .order_by(InvoiceDiscount.until, Invoice.id))
    if currency:
        q = q.where(Invoice.currency == currency.upper())
    return [DiscountView(inv.number, customer_code, inv.currency, Decimal(d.percent), d.until, d.amount_minor,
                         int(o)) for d, inv, o in session.execute(q)]


def invoice_discount(session: Session, invoice_number: str) -> DiscountView | None:
    """The discount an invoice was posted with (taken or not), or None."""
    row = session.execute(
        select(InvoiceDiscount, Invoice, CreditNote.number)
        .join(Invoice, Invoice.id == InvoiceDiscount.invoice_id)
        .outerjoin(CreditNote, CreditNote.id == InvoiceDiscount.credit_note_id)
        .where(Invoice.number == invoice_number)).first()
    if row is None:
        return None
    d, inv, cn = row
    return DiscountView(inv.number, inv.customer.code, inv.currency, Decimal(d.percent), d.until, d.amount_minor,
                        _open_now(session, inv.id), cn)
