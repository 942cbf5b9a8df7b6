"""aging_report builds its CustomerAging rows without the dataclass's __init__ (half the time at 100,000
customers): they are the very objects the constructor gives, frozen, equal and hashed alike."""

from __future__ import annotations

import dataclasses

import pytest

from app.reports.aging import CustomerAging, aging_report
from tests.factories import invoice, pay

from .conftest import D


def test_rows_are_what_the_constructor_gives(book):
    s = book
    invoice(s, "ACME", "F-1", D(2026, 3, 1), 1_234_567, terms="30-60-90")
    invoice(s, "BETA", "F-3", D(2026, 6, 1), 500_00, due=D(2026, 6, 15))
    pay(s, "BETA", D(2026, 6, 20), 600_00)
    invoice(s, "BETA", "F-4", D(2026, 5, 1), 70_00, due=D(2026, 5, 20), currency="USD")
    for detail in (False, True):
        report = aging_report(s, D(2026, 6, 30), detail=detail)
        assert len(report.customers) == 3
        for c in report.customers:
            made = CustomerAging(*(getattr(c, f.name) for f in dataclasses.fields(CustomerAging)))
            assert c == made and hash(c) == hash(made) and repr(c) == repr(made)
            assert vars(c) == vars(made) and list(vars(c)) == list(vars(made))
            assert dataclasses.replace(c) == c
            with pytest.raises(dataclasses.FrozenInstanceError):
                c.total_minor = 0
