"""Installment dates and amounts for payment agreements (pure functions)."""

from __future__ import annotations

import calendar
import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from app.ledger.money import split_exact

FREQUENCIES = {"week": "week", "fortnight": "fortnight", "month": "month"}
# months per period, for interest: a week is 7/30 of a month, as Peruvian and Mexican lenders count it
PERIOD_MONTHS = {"week": Decimal(7) / Decimal(30), "fortnight": Decimal(14) / Decimal(30), "month": Decimal(1)}


def add_months(day: dt.date, months: int) -> dt.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def nth_date(start: dt.date, every: str, n: int) -> dt.date:
    """The n-th period date after start (n=0 is start). Monthly dates keep the start's day of month."""
    if every == "week":
        return start + dt.timedelta(days=7 * n)
    if every == "fortnight":
        return start + dt.timedelta(days=14 * n)
    if every == "month":
        return add_months(start, n)
    raise ValueError(f"unknown frequency {every!r}")


def build_schedule(
    *, financed_minor: int, installments: int, every: str, first_date: dt.date, monthly_rate: Decimal = Decimal(0)
) -> list[tuple[dt.date, int, int]]:
    """(due date, principal part, interest part) per installment.

    Principal is split exactly in equal parts (the odd units go to the first installments). Simple
    interest per month is charged on the balance still owed before each installment (declining
    balance), so early payers are not charged interest on what they already paid; each interest
    part is rounded half up to the minor unit.
    """
    principal_parts = split_exact(financed_minor, [1] * installments)
    rate = Decimal(monthly_rate) / 100 * PERIOD_MONTHS[every]
    owed = financed_minor
    out = []
    for i, part in enumerate(principal_parts):
        interest = int((Decimal(owed) * rate).to_integral_value(rounding=ROUND_HALF_UP))
        out.append((nth_date(first_date, every, i), part, interest))
        owed -= part
    return out
