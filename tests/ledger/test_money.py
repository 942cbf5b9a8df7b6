"""money.to_str: the plain decimal string of minor units, exact for every amount and currency exponent."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from app.ledger.money import exponent, to_str


@given(st.integers(min_value=-(10**17), max_value=10**17), st.sampled_from(["PEN", "CLP", "KWD", "USD", "JPY"]))
def test_to_str_is_the_decimal_reading_of_the_minor_units(amount, currency):
    exp = exponent(currency)
    assert to_str(amount, currency) == f"{Decimal(amount).scaleb(-exp):.{exp}f}"
    assert Decimal(to_str(amount, currency)).scaleb(exp) == amount


def test_to_str_examples():
    assert [to_str(n, "PEN") for n in (0, 5, -5, 123450, -100)] == ["0.00", "0.05", "-0.05", "1234.50", "-1.00"]
    assert to_str(1234567, "CLP") == "1234567" and to_str(1, "KWD") == "0.001"
