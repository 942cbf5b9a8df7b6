"""The streamed compact JSON of the aging equals its dict contract, and the per-currency plain formatter gives
exactly `to_str`'s text (the JSON and CSV of every report depend on it)."""

from __future__ import annotations

import io
import json

from hypothesis import given
from hypothesis import strategies as st

from app import ledger
from app.ledger.money import _babel, exponent, fmt, number_formatter, plain_formatter, to_str
from app.reports.aging import aging_report
from app.reports.aging_export import report_to_dict, write_json
from tests.factories import invoice, pay

from .conftest import D


@given(st.integers(min_value=-10**18, max_value=10**18), st.sampled_from(["PEN", "CLP", "KWD", "USD", "COP"]))
def test_plain_formatter_is_to_str(amount, currency):
    assert plain_formatter(currency)(amount) == to_str(amount, currency)


def test_edges_of_plain_formatter():
    pen, clp, kwd = plain_formatter("PEN"), plain_formatter("CLP"), plain_formatter("KWD")
    assert [pen(0), pen(5), pen(-5), pen(-100), pen(123456)] == ["0.00", "0.05", "-0.05", "-1.00", "1234.56"]
    assert [clp(0), clp(-7), kwd(-1), kwd(1000)] == ["0", "-7", "-0.001", "1.000"]


def test_write_json_is_the_dict_contract_compact(book):
    s = book
    invoice(s, "ACME", "F-1", D(2026, 3, 1), 1_234_567, terms="30-60-90")
    invoice(s, "BETA", "F-3", D(2026, 6, 1), 500_00, due=D(2026, 6, 15))
    pay(s, "BETA", D(2026, 6, 20), 600_00)  # 100.00 unapplied
    invoice(s, "BETA", "F-4", D(2026, 5, 1), 70_00, due=D(2026, 5, 20), currency="USD")
    invoice(s, "CHILE", "F-5", D(2026, 1, 5), 1_500_000, due=D(2026, 2, 4))
    with s.begin():
        ledger.set_disputed(s, "F-5", True)
    for detail in (False, True):
        report = aging_report(s, D(2026, 6, 30), detail=detail)
        out = io.StringIO()
        write_json(report, out)
        text = out.getvalue()
        assert text.endswith("}\n") and "\n" not in text[:-1] and ": " not in text
        assert json.loads(text) == report_to_dict(report)
        assert len(json.loads(text)["customers"]) == 4


@given(st.integers(min_value=-10**18, max_value=10**18), st.sampled_from(["PEN", "CLP", "KWD", "USD"]),
       st.sampled_from(["es_PE", "es_CO", "es_CL", "es_MX", "en_US", "es", "en", "de_CH", "fr_FR"]))
def test_number_formatter_is_fmt_without_symbol(amount, currency, locale):
    assert number_formatter(currency, locale)(amount) == fmt(amount, currency, locale, symbol=False) \
        == babel_text(amount, currency, locale, symbol=False)


def babel_text(amount: int, currency: str, locale: str, symbol: bool) -> str:
    """Babel's own pattern.apply, which fmt's fast formatters must equal."""
    return _babel(amount, currency, exponent(currency), locale, symbol)


@given(st.integers(min_value=-10**18, max_value=10**18), st.sampled_from(["PEN", "CLP", "KWD", "USD", "MXN", "COP"]),
       st.sampled_from(["es_PE", "es_CO", "es_CL", "es_MX", "en_US", "es", "en", "de_CH", "fr_FR", "es_ES", "pt_BR"]))
def test_fmt_with_the_symbol_is_babels_text(amount, currency, locale):
    assert fmt(amount, currency, locale) == babel_text(amount, currency, locale, symbol=True)


def test_number_formatter_zero_and_small_amounts():
    for locale in ("es_PE", "es_CO", "es_CL", "en_US"):
        for currency in ("PEN", "CLP", "KWD"):
            for amount in (0, 1, -1, 999, -1000, 1234567):
                assert number_formatter(currency, locale)(amount) == babel_text(amount, currency, locale, False)
                assert fmt(amount, currency, locale) == babel_text(amount, currency, locale, True)
    assert fmt(123456, "PEN", "es_PE") == "S/\xa01,234.56" and fmt(-5, "PEN", "es_PE") == "-S/\xa00.05"
    assert fmt(123456, "COP", "es_CO") == "$1.234,56" and fmt(1234, "CLP", "es_CL") == "$1.234"


@given(st.integers(min_value=2**50, max_value=2**54) | st.integers(min_value=-10**6, max_value=10**6),
       st.booleans(), st.sampled_from(["PEN", "CLP", "KWD"]), st.sampled_from(["es_PE", "es_CO", "fr_FR", "en_US"]))
def test_number_formatter_exact_around_the_float_limit(amount, negative, currency, locale):
    """number_formatter formats through a float below 2**52 minor units and in integers above: both give
    Babel's text, at the limit, just past it, and for the many small amounts of a table."""
    amount = -amount if negative else amount
    assert number_formatter(currency, locale)(amount) == babel_text(amount, currency, locale, False)


def test_number_formatter_at_the_limit():
    for amount in (2**52 - 1, 2**52, 2**52 + 1, 10**15 - 1, 10**16 + 5, 2**53 + 1):
        for sign in (1, -1):
            for currency in ("PEN", "KWD", "CLP"):
                value = sign * amount
                assert number_formatter(currency, "es_PE")(value) == fmt(value, currency, "es_PE", symbol=False)
