import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.ledger.errors import InvalidAmountError, InvalidTermsError, UnknownCurrencyError
from app.ledger.money import fmt, split_exact, to_minor, to_str
from app.ledger.terms import due_schedule


def test_to_minor_uses_the_currency_exponent():
    assert to_minor("1234.50", "PEN") == 123450
    assert to_minor("1234", "CLP") == 1234
    assert to_str(123450, "PEN") == "1234.50"
    assert to_str(1234, "CLP") == "1234"


@pytest.mark.parametrize("bad", ["12.345", "abc", "", "NaN"])
def test_to_minor_rejects_what_it_cannot_represent(bad):
    with pytest.raises(InvalidAmountError):
        to_minor(bad, "PEN")


def test_clp_has_no_decimals():
    with pytest.raises(InvalidAmountError, match="more than 0 decimals"):
        to_minor("10.5", "CLP")


def test_unknown_currency():
    with pytest.raises(UnknownCurrencyError):
        to_minor("1", "XYZ")


def test_formatting_follows_the_locale():
    assert fmt(123456, "COP", "es_CO", symbol=False) == "1.234,56"
    assert fmt(123456, "USD", "en_US") == "$1,234.56"
    assert fmt(123456, "MXN", "es_MX", symbol=False) == "1,234.56"


@given(total=st.integers(min_value=0, max_value=10**12),
       weights=st.lists(st.integers(min_value=1, max_value=1000), min_size=1, max_size=12))
def test_split_exact_sums_to_the_whole(total, weights):
    parts = split_exact(total, weights)
    assert sum(parts) == total
    assert len(parts) == len(weights)
    assert all(p >= 0 for p in parts)
    # each part within one unit of its exact share
    whole = sum(weights)
    for p, w in zip(parts, weights):
        assert abs(Decimal(p) - Decimal(total) * w / whole) < 1


def test_thirds_give_the_odd_cent_to_the_last_installment():
    # every line but the last is rounded on its own, the last takes the remainder (as Odoo and Tryton do)
    lines = [(Decimal(100) / 3, 30, "invoice"), (Decimal(100) / 3, 60, "invoice"), (Decimal(100) / 3, 90, "invoice")]
    schedule = due_schedule(lines, dt.date(2026, 1, 10), 100000)
    assert [a for _, a in schedule] == [33333, 33333, 33334]


def test_30_60_90_due_dates():
    lines = [(Decimal(100) / 3, 30, "invoice"), (Decimal(100) / 3, 60, "invoice"), (Decimal(100) / 3, 90, "invoice")]
    schedule = due_schedule(lines, dt.date(2026, 1, 10), 100)
    assert schedule == [(dt.date(2026, 2, 9), 33), (dt.date(2026, 3, 11), 33), (dt.date(2026, 4, 10), 34)]


def test_end_of_month_plus_30():
    schedule = due_schedule([(Decimal(100), 30, "month_end")], dt.date(2026, 2, 3), 5000)
    assert schedule == [(dt.date(2026, 3, 30), 5000)]


def test_percents_must_add_up_to_100():
    with pytest.raises(InvalidTermsError, match="add up to 100"):
        due_schedule([(Decimal(50), 30, "invoice")], dt.date(2026, 1, 1), 100)


def test_tiny_total_never_makes_a_zero_due_line():
    lines = [(Decimal(100) / 3, 30, "invoice"), (Decimal(100) / 3, 60, "invoice"), (Decimal(100) / 3, 90, "invoice")]
    schedule = due_schedule(lines, dt.date(2026, 1, 1), 1)
    assert schedule == [(dt.date(2026, 4, 1), 1)]
