"""Payment agreements (convenios de pago): open invoices of a customer rescheduled into a down
payment and installments, optionally with simple monthly interest.

Payments keep being allocated to the covered invoices' due lines by the ledger; an agreement's
installments are paid in order by whatever the covered documents (invoices plus the interest charge)
have been settled since the agreement: paid = total agreed − still open.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app import config
from app.ledger import audit
from app.ledger.dates import check_range
from app.ledger.balances import open_as_of
from app.ledger.customers import get_customer_row
from app.ledger.errors import InvalidValueError
from app.ledger.invoices import get_invoice_row
from app.ledger.money import to_str
from app.models import POSTED, AgreementInstallment, AgreementInvoice, DueLine, Invoice, PaymentAgreement

from .errors import AgreementError, InvoiceAlreadyInAgreementError
from .schedule import FREQUENCIES, build_schedule, nth_date

ACTIVE = "active"


@dataclass(frozen=True)
class InstallmentView:
    sequence: int  # 0 = down payment
    due_date: dt.date
    amount_minor: int
    paid_minor: int
    status: str  # paid | partial | overdue | due


@dataclass(frozen=True)
class AgreementView:
    id: int
    number: str
    customer_code: str
    customer_name: str
    currency: str
    agreed_on: dt.date
    frequency: str
    state: str
    state_date: dt.date | None
    principal_minor: int
    interest_minor: int
    total_minor: int
    paid_minor: int
    open_minor: int
    invoices: tuple[str, ...]
    installments: tuple[InstallmentView, ...]
    monthly_rate: Decimal
    grace_days: int


def _covered_invoice_ids(agreement: PaymentAgreement) -> list[int]:
    ids = [ai.invoice_id for ai in agreement.invoices]
    if agreement.interest_invoice_id:
        ids.append(agreement.interest_invoice_id)
    return ids


def _open_of(session: Session, invoice_ids: Sequence[int], as_of: dt.date) -> int:
    if not invoice_ids:
        return 0
    lines = select(DueLine.id).where(DueLine.invoice_id.in_(list(invoice_ids)))
    o = open_as_of(as_of, line_ids=lines)
    value = session.scalar(
        select(func.coalesce(func.sum(o.open), 0))
        .outerjoin(o.later, o.onclause)
        .where(DueLine.invoice_id.in_(list(invoice_ids)))
    )
    return int(value)


def _installment_views(agreement: PaymentAgreement, paid: int, as_of: dt.date) -> tuple[InstallmentView, ...]:
    left = paid
    views = []
    for inst in agreement.installments:
        take = min(left, inst.amount_minor)
        left -= take
        if take == inst.amount_minor:
            status = "paid"
        elif inst.due_date < as_of:
            status = "overdue" if take == 0 else "partial"
        else:
            status = "due" if take == 0 else "partial"
        views.append(InstallmentView(inst.sequence, inst.due_date, inst.amount_minor, take, status))
    return tuple(views)


def _view(session: Session, agreement: PaymentAgreement, as_of: dt.date) -> AgreementView:
    total = agreement.principal_minor + agreement.interest_minor
    open_ = _open_of(session, _covered_invoice_ids(agreement), max(as_of, agreement.agreed_on))
    paid = total - open_
    numbers = tuple(session.scalars(
        select(Invoice.number).where(Invoice.id.in_([ai.invoice_id for ai in agreement.invoices]))
        .order_by(Invoice.number)))
    return AgreementView(
        agreement.id, agreement.number, agreement.customer.code, agreement.customer.name, agreement.currency,
        agreement.agreed_on, agreement.frequency, agreement.state, agreement.state_date, agreement.principal_minor,
        agreement.interest_minor, total, paid, open_, numbers, _installment_views(agreement, paid, as_of),
        Decimal(agreement.monthly_rate), agreement.grace_days)


def _next_number(session: Session) -> str:
    count = session.scalar(select(func.count(PaymentAgreement.id))) or 0
    while True:
        count += 1
        number = f"CONV-{count:05d}"
        if session.scalar(select(PaymentAgreement.id).where(PaymentAgreement.number == number)) is None:
            return number


def invoices_in_active_agreements(session: Session, customer_ids: Sequence[int] | None = None) -> set[int]:
    """Invoice ids covered by an active agreement (the reminder run leaves these out)."""
    q = (select(AgreementInvoice.invoice_id).join(PaymentAgreement, AgreementInvoice.agreement_id == PaymentAgreement.id)
         .where(PaymentAgreement.state == ACTIVE))
    if customer_ids is not None:
        q = q.where(PaymentAgreement.customer_id.in_(list(customer_ids)))
    ids = set(session.scalars(q))
    interest = select(PaymentAgreement.interest_invoice_id).where(
        PaymentAgreement.state == ACTIVE, PaymentAgreement.interest_invoice_id.is_not(None))
    ids.update(session.scalars(interest))
    return ids


def create_agreement(
    session: Session,
    *,
    customer_code: str,
    invoice_numbers: Sequence[str],
    installments: int,
    every: str,
    start: dt.date,
    down_minor: int = 0,
    monthly_rate: Decimal | str | int = 0,
    agreed_on: dt.date | None = None,
    grace_days: int = 5,
    notes: str | None = None,
) -> AgreementView:
    """Reschedule the named open invoices. The down payment (if any) falls due on `start` and the
    installments every period after it; without one the first installment falls due on `start`."""
    from app.ledger.invoices import record_invoice

    customer = get_customer_row(session, customer_code)
    agreed_on = check_range(agreed_on or config.today(), "agreed_on")
    check_range(start, "start")
    if every not in FREQUENCIES:
        raise InvalidValueError(f"'{every}' is not a frequency; use week, fortnight or month.", field="every")
    if int(installments) < 1 or int(installments) > 120:
        raise InvalidValueError("The number of installments must be between 1 and 120.", field="installments")
    try:
        rate = Decimal(str(monthly_rate))
    except InvalidOperation:
        raise InvalidValueError(f"'{monthly_rate}' is not a rate; write it like 1.5 (percent a month).",
                                field="monthly_rate") from None
    if not 0 <= int(grace_days) <= 365:
        raise InvalidValueError("The grace days must be between 0 and 365.", field="grace_days")
    if not rate.is_finite() or rate < 0 or rate > 20:
        raise InvalidValueError("The monthly rate must be between 0 and 20 percent.", field="monthly_rate")
    if start < agreed_on:
        raise InvalidValueError(f"The first date {start.isoformat()} is before the agreement date "
                                f"{agreed_on.isoformat()}.", field="start")
    names = [n.strip() for n in invoice_numbers if n and n.strip()]
    if not names:
        raise InvalidValueError("Name at least one invoice the agreement covers.", field="invoices")
    invoices: list[Invoice] = []
    for name in dict.fromkeys(names):
        inv = get_invoice_row(session, name)
        if inv.customer_id != customer.id:
            raise AgreementError(f"Invoice {inv.number} belongs to another customer.", field="invoices")
        if inv.status != POSTED:
            raise AgreementError(f"Invoice {inv.number} is void.", field="invoices")
        if inv.disputed:
            raise AgreementError(f"Invoice {inv.number} is disputed; resolve the dispute before agreeing a plan.",
                                 field="invoices")
        if inv.issue_date > agreed_on:
            raise AgreementError(f"Invoice {inv.number} is dated after the agreement.", field="invoices")
        invoices.append(inv)
    currencies = {inv.currency for inv in invoices}
    if len(currencies) > 1:
        raise AgreementError("An agreement covers invoices of one currency; make one agreement per currency.",
                             field="invoices")
    currency = currencies.pop()
    taken = invoices_in_active_agreements(session, [customer.id]) & {inv.id for inv in invoices}
    if taken:
        nums = sorted(inv.number for inv in invoices if inv.id in taken)
        raise InvoiceAlreadyInAgreementError(f"Invoice(s) {', '.join(nums)} are already in an active agreement.")
    opens = {inv.id: _open_of(session, [inv.id], agreed_on) for inv in invoices}
    settled = [inv.number for inv in invoices if opens[inv.id] <= 0]
    if settled:
        raise AgreementError(f"Invoice(s) {', '.join(settled)} have nothing open.", field="invoices")
    principal = sum(opens.values())
    down = int(down_minor or 0)
    if down < 0 or down >= principal:
        raise InvalidValueError(
            f"The down payment must be at least 0 and less than the debt ({to_str(principal, currency)} {currency}).",
            field="down")
    if principal - down < int(installments):
        raise InvalidValueError(
            f"{to_str(principal - down, currency)} {currency} cannot be split into {int(installments)} installments "
            f"(each needs at least the smallest unit of {currency}); use fewer installments.", field="installments")
    first = nth_date(start, every, 1) if down else start
    schedule = build_schedule(financed_minor=principal - down, installments=int(installments), every=every,
                              first_date=first, monthly_rate=rate)
    interest_total = sum(i for _, _, i in schedule)
    number = _next_number(session)
    agreement = PaymentAgreement(
        number=number, customer_id=customer.id, currency=currency, agreed_on=agreed_on, start_date=start,
        frequency=every, installments_count=int(installments), down_payment_minor=down, monthly_rate=rate,
        principal_minor=principal, interest_minor=interest_total, grace_days=int(grace_days), state=ACTIVE,
        state_date=agreed_on, notes=notes, created_at=config.now())
    agreement.invoices = [AgreementInvoice(invoice_id=inv.id, open_minor=opens[inv.id]) for inv in invoices]
    rows = []
    if down:
        rows.append(AgreementInstallment(sequence=0, due_date=start, amount_minor=down))
    rows += [AgreementInstallment(sequence=i, due_date=d, amount_minor=p + interest)
             for i, (d, p, interest) in enumerate(schedule, start=1)]
    agreement.installments = rows
    session.add(agreement)
    session.flush()
    if interest_total:
        # the interest is a charge of its own, falling due with the installments that carry it
        charge = record_invoice(session, customer_code=customer.code, number=f"{number}-INT", issue_date=agreed_on,
                                total_minor=interest_total, currency=currency, kind="interest",
                                reference=f"Intereses convenio {number}",
                                schedule=[(d, interest) for d, _p, interest in schedule if interest > 0])
        agreement.interest_invoice_id = charge.id
        session.flush()
    audit.record(session, action="create", entity="payment_agreement", entity_id=agreement.id,
                 after={**audit.snapshot(agreement), "invoices": [inv.number for inv in invoices],
                        "installments": [[r.sequence, r.due_date.isoformat(), r.amount_minor] for r in rows]})
    return _view(session, agreement, agreed_on)


def get_agreement(session: Session, number: str, as_of: dt.date | None = None) -> AgreementView:
    agreement = session.scalars(select(PaymentAgreement).where(PaymentAgreement.number == number)).first()
    if agreement is None:
        raise InvalidValueError(f"No agreement numbered '{number}'.", field="number")
    return _view(session, agreement, as_of or config.today())


def list_agreements(session: Session, *, customer_code: str | None = None, as_of: dt.date | None = None,
                    states: Sequence[str] | None = None) -> list[AgreementView]:
    q = select(PaymentAgreement).order_by(PaymentAgreement.agreed_on.desc(), PaymentAgreement.id.desc())
    if customer_code:
        q = q.where(PaymentAgreement.customer_id == get_customer_row(session, customer_code).id)
    if states:
        q = q.where(PaymentAgreement.state.in_(list(states)))
    as_of = as_of or config.today()
    return [_view(session, a, as_of) for a in session.scalars(q)]


def cancel_agreement(session: Session, number: str, *, reason: str, on_date: dt.date) -> AgreementView:
    agreement = session.scalars(select(PaymentAgreement).where(PaymentAgreement.number == number)).first()
    if agreement is None:
        raise InvalidValueError(f"No agreement numbered '{number}'.", field="number")
    if agreement.state != ACTIVE:
        raise AgreementError(f"Agreement {number} is {agreement.state}; only an active one can be cancelled.")
    if not (reason or "").strip():
        raise InvalidValueError("Say why the agreement is cancelled.", field="reason")
    before = audit.snapshot(agreement)
    agreement.state, agreement.state_date, agreement.state_reason = "cancelled", on_date, reason.strip()
    session.flush()
    audit.record(session, action="cancel", entity="payment_agreement", entity_id=agreement.id, before=before,
                 after=audit.snapshot(agreement))
    return _view(session, agreement, on_date)


def evaluate_agreements(session: Session, *, as_of: dt.date) -> list[AgreementView]:
    """Move active agreements to completed (nothing left open) or broken (an installment still unpaid
    `grace_days` after its due date). Returns the agreements whose state changed."""
    changed = []
    for agreement in session.scalars(select(PaymentAgreement).where(PaymentAgreement.state == ACTIVE,
                                                                    PaymentAgreement.agreed_on <= as_of)):
        view = _view(session, agreement, as_of)
        new_state, reason = None, None
        if view.open_minor <= 0:
            new_state = "completed"
        else:
            late = [i for i in view.installments
                    if i.status != "paid" and i.due_date + dt.timedelta(days=agreement.grace_days) < as_of]
            if late:
                first = late[0]
                new_state = "broken"
                reason = (f"installment {first.sequence} due {first.due_date.isoformat()} unpaid after "
                          f"{agreement.grace_days} days of grace")
        if new_state:
            before = audit.snapshot(agreement)
            agreement.state, agreement.state_date, agreement.state_reason = new_state, as_of, reason
            session.flush()
            audit.record(session, action=new_state, entity="payment_agreement", entity_id=agreement.id,
                         before=before, after=audit.snapshot(agreement))
            changed.append(_view(session, agreement, as_of))
    return changed

