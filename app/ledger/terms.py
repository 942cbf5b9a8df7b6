"""Payment terms and the due lines they produce."""

from __future__ import annotations

import calendar
import datetime as dt
from decimal import Decimal
from typing import Iterable, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.models import PaymentTerms, PaymentTermsLine

from . import audit
from .errors import InvalidTermsError, UnknownPaymentTermsError
from .money import split_exact
from .views import TermsView

TermsLine = tuple[Decimal, int, str]  # percent, days, basis ("invoice" | "month_end")

DEFAULT_TERMS: list[tuple[str, str, list[TermsLine]]] = [
    ("CONTADO", "Contado / Cash", [(Decimal(100), 0, "invoice")]),
    ("NET15", "Net 15", [(Decimal(100), 15, "invoice")]),
    ("NET30", "Net 30", [(Decimal(100), 30, "invoice")]),
    ("NET45", "Net 45", [(Decimal(100), 45, "invoice")]),
    ("NET60", "Net 60", [(Decimal(100), 60, "invoice")]),
    ("NET90", "Net 90", [(Decimal(100), 90, "invoice")]),
    ("30-60-90", "30/60/90", [(Decimal(100) / 3, 30, "invoice"), (Decimal(100) / 3, 60, "invoice"),
                              (Decimal(100) / 3, 90, "invoice")]),
    ("EOM30", "EOM + 30", [(Decimal(100), 30, "month_end")]),
]
DEFAULT_TERMS_CODE = "NET30"


def _view(t: PaymentTerms) -> TermsView:
    return TermsView(
        code=t.code,
        name=t.name,
        lines=tuple((Decimal(line.percent), line.days, line.basis) for line in t.lines),
        discount_percent=t.discount_percent,
        discount_days=t.discount_days,
    )


def validate_lines(lines: Sequence[TermsLine]) -> list[TermsLine]:
    if not lines:
        raise InvalidTermsError("Payment terms need at least one line.")
    clean: list[TermsLine] = []
    for percent, days, basis in lines:
        percent = Decimal(str(percent))
        if not (0 < percent <= 100):
            raise InvalidTermsError(f"Each line's percent must be above 0 and at most 100 (got {percent}).")
        if int(days) < 0:
            raise InvalidTermsError(f"Days cannot be negative (got {days}).")
        if basis not in ("invoice", "month_end"):
            raise InvalidTermsError(f"A line counts from 'invoice' or 'month_end', not '{basis}'.")
        clean.append((percent, int(days), basis))
    total = sum(p for p, _, _ in clean)
    # thirds stored as 33.3333 sum to 99.9999: accept what rounds to 100
    if abs(total - 100) > Decimal("0.001"):
        raise InvalidTermsError(f"The lines' percents must add up to 100 (they add up to {total}).")
    return clean


def month_end(day: dt.date) -> dt.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def due_schedule(lines: Sequence[TermsLine], issue_date: dt.date, total_minor: int) -> list[tuple[dt.date, int]]:
    """Due dates and amounts for an invoice; amounts sum exactly to the total, ties to the earlier line."""
    clean = validate_lines(lines)
    amounts = split_exact(total_minor, [p for p, _, _ in clean])
    result = []
    for (percent, days, basis), amount in zip(clean, amounts):
        start = issue_date if basis == "invoice" else month_end(issue_date)
        result.append((start + dt.timedelta(days=days), amount))
    # an installment rounding to zero (tiny totals) is merged into its neighbour: due lines are positive
    merged: list[tuple[dt.date, int]] = []
    for due, amount in result:
        if amount == 0:
            continue
        if merged and merged[-1][0] == due:
            merged[-1] = (due, merged[-1][1] + amount)
        else:
            merged.append((due, amount))
    return merged


def ensure_default_terms(session: Session) -> None:
    existing = set(session.scalars(select(PaymentTerms.code)))
    for code, name, lines in DEFAULT_TERMS:
        if code not in existing:
            create_terms(session, code=code, name=name, lines=lines)


def create_terms(
    session: Session,
    *,
    code: str,
    name: str,
    lines: Iterable[TermsLine],
    discount_percent: Decimal | None = None,
    discount_days: int | None = None,
) -> TermsView:
    clean = validate_lines(list(lines))
    code = code.strip().upper()
    if session.scalar(select(PaymentTerms.id).where(PaymentTerms.code == code)) is not None:
        raise InvalidTermsError(f"Payment terms '{code}' already exist.", field="code")
    terms = PaymentTerms(code=code, name=name, discount_percent=discount_percent, discount_days=discount_days)
    terms.lines = [
        PaymentTermsLine(sequence=i, percent=p.quantize(Decimal("0.0001")), days=d, basis=b)
        for i, (p, d, b) in enumerate(clean, start=1)
    ]
    session.add(terms)
    session.flush()
    audit.record(session, action="create", entity="payment_terms", entity_id=terms.id,
                 after={"code": code, "name": name, "lines": [[str(p), d, b] for p, d, b in clean]})
    return _view(terms)


def get_terms_row(session: Session, code: str) -> PaymentTerms:
    terms = session.scalars(
        select(PaymentTerms).options(selectinload(PaymentTerms.lines)).where(PaymentTerms.code == code.strip().upper())
    ).first()
    if terms is None:
        raise UnknownPaymentTermsError(code)
    return terms


def list_terms(session: Session) -> list[TermsView]:
    rows = session.scalars(select(PaymentTerms).options(selectinload(PaymentTerms.lines)).order_by(PaymentTerms.id))
    return [_view(t) for t in rows]
