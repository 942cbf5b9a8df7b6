"""The strict amount parser: one answer or a refusal that shows the readings, never a guess."""

from __future__ import annotations

from decimal import Decimal

import pytest
from babel.numbers import NumberFormatError, parse_decimal
from hypothesis import assume, given
from hypothesis import strategies as st

from app.ledger import money
from app.ledger.amount_input import MAX_MAJOR, max_minor, parse_amount, separators
from app.ledger.errors import AmbiguousAmountError, AmountInputError, AmountTooLargeError, InvalidAmountError
from tests.amount_cases import ISO_DIGITS, SHARED, iso_digits, minor


@pytest.fixture(scope="module", autouse=True)
def _iso():
    with iso_digits():
        yield


DOT = ("es_PE", "es_MX", "en_US")  # decimal '.', group ','
COMMA = ("es_CO", "es_CL")  # decimal ',', group '.'
SHIPPED = ("es_PE", "es_MX", "es_CO", "es_CL", "es_AR", "es_EC", "es_BO", "es_ES", "en_US")
CURRENCIES = ("PEN", "COP", "CLP", "USD", "KWD")
R = None  # refused

# text → expected major units for (dot locales with 2, 0, 3 decimals) and (comma locales with 2, 0, 3)
TYPED = [
    # text                 dot: 2 dec     0 dec     3 dec        comma: 2 dec   0 dec   3 dec
    ("1.000,00",          "1000",        R,        "1000",      "1000",        R,      "1000"),
    ("1000,50",           "1000.50",     R,        "1000.5",    "1000.50",     R,      "1000.5"),
    ("12,5",              "12.5",        R,        "12.5",      "12.5",        R,      "12.5"),
    ("1,250",             R,             "1250",   R,           R,             R,      "1.25"),
    ("1.250",             R,             R,        "1.25",      R,             "1250", R),
    ("1,000",             R,             "1000",   R,           R,             R,      "1"),
    ("1.000",             R,             R,        "1",         R,             "1000", R),
    ("1.234",             R,             R,        "1.234",     "1234",        "1234", R),
    ("1.234,56",          "1234.56",     R,        "1234.56",   "1234.56",     R,      "1234.56"),
    ("1,234.56",          "1234.56",     R,        "1234.56",   "1234.56",     R,      "1234.56"),
    ("1234.56",           "1234.56",     R,        "1234.56",   "1234.56",     R,      "1234.56"),
    ("1234",              "1234",        "1234",   "1234",      "1234",        "1234", "1234"),
    ("1.234.567",         R,             R,        R,           "1234567",     "1234567", "1234567"),
    ("1 234,56",          R,             R,        R,           R,             R,      R),
    ("12,345,678.9",      "12345678.9",  R,        "12345678.9", "12345678.9", R,      "12345678.9"),
    ("1..2",              R,             R,        R,           R,             R,      R),
    ("1,2,3",             R,             R,        R,           R,             R,      R),
    ("1,23,456",          R,             R,        R,           R,             R,      R),
    ("-5",                R,             R,        R,           R,             R,      R),
    ("",                  R,             R,        R,           R,             R,      R),
    ("abc",               R,             R,        R,           R,             R,      R),
    ("1e5",               R,             R,        R,           R,             R,      R),
    ("١٢٣",               R,             R,        R,           R,             R,      R),
    ("１２３",             R,             R,        R,           R,             R,      R),
    (".5",                R,             R,        R,           R,             R,      R),
    ("12.",               R,             R,        R,           R,             R,      R),
    ("0",                 "0",           "0",      "0",         "0",           "0",    "0"),
    ("10000000000000",    "10000000000000", "10000000000000", "10000000000000",
                          "10000000000000", "10000000000000", "10000000000000"),
    ("10000000000001",    R,             R,        R,           R,             R,      R),
    ("99999999999999999999999999", R,    R,        R,           R,             R,      R),
]

CASES = []
for text, *expected in TYPED:
    for family, start in ((DOT, 0), (COMMA, 3)):
        for locale in family:
            for currency in CURRENCIES:
                column = start + {2: 0, 0: 1, 3: 2}[ISO_DIGITS[currency]]
                CASES.append((locale, currency, text, expected[column]))


@pytest.mark.parametrize("locale,currency,text,expected", CASES)
def test_what_people_type(locale, currency, text, expected):
    if expected is None:
        with pytest.raises(AmountInputError) as info:
            parse_amount(text, currency, locale)
        assert isinstance(info.value, InvalidAmountError)
        assert str(info.value)  # a message for the user
        if text:
            assert f"'{text}'" in str(info.value)
    else:
        assert parse_amount(text, currency, locale) == minor(expected, currency)


@pytest.mark.parametrize("locale,currency,text,expected", SHARED)
def test_the_shared_table(locale, currency, text, expected):
    if expected is None:
        with pytest.raises(AmountInputError):
            parse_amount(text, currency, locale)
    else:
        assert parse_amount(text, currency, locale) == minor(expected, currency)


@pytest.mark.parametrize("locale,currency,text,expected", [
    ("es_PE", "PEN", "S/ 1,234.50", "1234.50"),
    ("es_PE", "PEN", "S/1,234.50", "1234.50"),
    ("es_PE", "PEN", "S/. 1,234.50", "1234.50"),
    ("es_PE", "PEN", "PEN 1,234.50", "1234.50"),
    ("es_PE", "PEN", "1,234.50 pen", "1234.50"),
    ("es_PE", "PEN", "S/\u00a01.000,00", "1000"),
    ("es_PE", "USD", "USD 10", "10"),
    ("es_PE", "USD", "US$ 10", "10"),  # US$ means USD in every locale we ship
    ("es_CO", "USD", "US$10", "10"),
    ("es_CO", "COP", "$ 1.234,56", "1234.56"),
    ("es_CL", "CLP", "$1.234", "1234"),
    ("en_US", "USD", "$1,234.56", "1234.56"),
    ("es_MX", "MXN", "$1,234.56", "1234.56"),
    ("es_PE", "USD", "S/ 10", None),  # another currency's symbol
    ("es_PE", "PEN", "USD 10", None),
    ("es_CO", "USD", "$ 10", None),  # $ is COP in Colombia
    ("en_US", "PEN", "$10", None),  # $ is USD in the US
    ("es_PE", "USD", "$ 10", None),  # $ is five currencies: write USD
    ("es_PE", "PEN", "S/ 10 PEN", None),
    ("es_PE", "PEN", "10 soles", None),
    ("es_PE", "PEN", "+10", None),
])
def test_currency_symbols(locale, currency, text, expected):
    if expected is None:
        with pytest.raises(AmountInputError):
            parse_amount(text, currency, locale)
    else:
        assert parse_amount(text, currency, locale) == minor(expected, currency)


def test_the_refusal_shows_each_reading_in_the_users_locale():
    with pytest.raises(AmbiguousAmountError) as info:
        parse_amount("1,250", "PEN", "es_PE")
    assert info.value.readings == (125000, 125)
    assert str(info.value) == "'1,250' could be 1,250.00 or 1.25; type 1250 or 1.25 to say which."
    with pytest.raises(AmbiguousAmountError) as info:
        parse_amount("1.250", "PEN", "es_CO")
    assert str(info.value) == "'1.250' could be 1.250,00 or 1,25; type 1250 or 1,25 to say which."
    with pytest.raises(AmountInputError) as info:
        parse_amount("1.234", "PEN", "es_PE")
    assert str(info.value) == "'1.234' has 3 decimals but PEN has 2; if you meant 1,234.00, type 1234."
    with pytest.raises(AmountInputError) as info:
        parse_amount("1.000,00", "CLP", "es_PE")
    assert str(info.value) == "'1.000,00' has 2 decimals but CLP has none; type 1000."
    with pytest.raises(AmountInputError, match="negative"):
        parse_amount("-5", "PEN", "es_PE")
    with pytest.raises(AmountInputError, match="written in USD"):
        parse_amount("US$ 5", "PEN", "es_PE")


def test_what_the_refusal_says_to_type_is_accepted_as_that_amount():
    import re

    seen = 0
    for locale in SHIPPED:
        for currency in CURRENCIES:
            for text in ("1,250", "1.250", "1,000", "1.000", "1.234", "1,234", "1.234.567", "12,5000", "1.000,00"):
                try:
                    parse_amount(text, currency, locale)
                    continue
                except AmountInputError as exc:
                    advice = str(exc).rsplit("type ", 1)[-1]
                    suggested = [parse_amount(t, currency, locale) for t in re.findall(r"\d[\d.,]*\d|\d", advice)]
                    if isinstance(exc, AmbiguousAmountError):
                        assert sorted(suggested) == sorted(exc.readings)
                        for reading in exc.readings:
                            again = money.fmt(reading, currency, locale, symbol=False)
                            assert parse_amount(again, currency, locale) == reading
                    seen += len(suggested)
    assert seen > 50


def test_negative_amounts_only_when_allowed():
    assert parse_amount("-5", "PEN", "es_PE", allow_negative=True) == -500
    assert parse_amount("-S/ 1,234.50", "PEN", "es_PE", allow_negative=True) == -123450
    assert parse_amount("PEN-1.234,50", "PEN", "es_CL", allow_negative=True) == -123450
    assert parse_amount("-0", "PEN", "es_PE") == 0


def test_the_bound():
    assert MAX_MAJOR == 10 ** 13
    assert max_minor("PEN") == 10 ** 15 and max_minor("CLP") == 10 ** 13
    assert parse_amount("10,000,000,000,000.00", "PEN", "es_PE") == 10 ** 15
    assert parse_amount("-10000000000000", "PEN", "es_PE", allow_negative=True) == -(10 ** 15)
    with pytest.raises(AmountTooLargeError, match="10,000,000,000,000.00 PEN"):
        parse_amount("10000000000000.01", "PEN", "es_PE")
    with pytest.raises(AmountTooLargeError):
        parse_amount("92233720368547758.07", "PEN", "es_PE")
    with pytest.raises(AmountTooLargeError):
        parse_amount("-92233720368547758", "CLP", "es_PE", allow_negative=True)
    assert 2 ** 63 > 900 * max_minor("KWD") and 2 ** 63 > 9000 * max_minor("PEN")  # sums of many still fit


def test_separators_come_from_the_locale():
    assert separators("es_PE") == (".", ",") and separators("en_US") == (".", ",")
    assert separators("es_CO") == (",", ".") and separators("es_CL") == (",", ".")


def test_an_unknown_currency_is_refused():
    from app.ledger.errors import UnknownCurrencyError

    with pytest.raises(UnknownCurrencyError):
        parse_amount("10", "XYZ", "es_PE")


# --- properties ------------------------------------------------------------------------------

amounts = st.integers(min_value=0, max_value=max_minor("CLP"))  # within the bound for every currency


def _bounded(value: int, currency: str) -> int:
    return value % (max_minor(currency) + 1)


@given(locale=st.sampled_from(SHIPPED), currency=st.sampled_from(CURRENCIES), value=st.integers(0, 10 ** 18),
       negative=st.booleans())
def test_format_then_parse_is_the_identity(locale, currency, value, negative):
    with iso_digits():
        amount = _bounded(value, currency) * (-1 if negative else 1)
        plain = money.fmt(amount, currency, locale, symbol=False)
        assert parse_amount(plain, currency, locale, allow_negative=True) == amount
        with_symbol = money.fmt(amount, currency, locale)
        assert parse_amount(with_symbol, currency, locale, allow_negative=True) == amount
        if amount >= 0:
            assert parse_amount(plain, currency, locale) == amount
            plain = money.to_str(amount, currency)  # 1234.50: read so, or refused as ambiguous ("1.234" KWD es_CO)
            try:
                assert parse_amount(plain, currency, locale) == amount
            except AmbiguousAmountError as exc:
                assert amount in exc.readings and separators(locale)[0] == "," and ISO_DIGITS[currency] == 3


@given(locale=st.sampled_from(SHIPPED), currency=st.sampled_from(CURRENCIES),
       value=st.integers(0, 10 ** 17), decimals=st.integers(0, 4), grouped=st.booleans(), swapped=st.booleans())
def test_a_rendered_number_reads_as_written_or_is_refused(locale, currency, value, decimals, grouped, swapped):
    """Render a number with the locale's separators (or the other form's), grouped or not, with any
    number of decimals: it is refused or read as exactly that number."""
    with iso_digits():
        dec, grp = separators(locale)
        if swapped and {dec, grp} == {".", ","}:
            # the other form is only read when its decimal separator is there; without it
            # ("1.000" in es_PE) the text is in the locale's form, and read so; and a number the currency
            # cannot hold ("1,001" as 1.001 PEN) is not what anybody typed for it
            assume(0 < decimals <= ISO_DIGITS[currency])
            dec, grp = grp, dec
        number = Decimal(value).scaleb(-decimals)
        whole, _, frac = f"{number:.{decimals}f}".partition(".")
        if grouped:
            whole = f"{int(whole):,}".replace(",", grp)
        text = whole + (dec + frac if frac else "")
        try:
            got = parse_amount(text, currency, locale)
        except AmountInputError:
            return
        assert got == int(number.scaleb(ISO_DIGITS[currency]))
        assert decimals <= ISO_DIGITS[currency]


def _babel(text: str, locale: str) -> Decimal | None:
    try:
        return parse_decimal(text, locale=locale, strict=True)
    except (NumberFormatError, ValueError, ArithmeticError):
        return None


@given(locale=st.sampled_from(SHIPPED), currency=st.sampled_from(CURRENCIES),
       text=st.text(alphabet="0123456789.,", min_size=1, max_size=14))
def test_no_string_reads_as_an_amount_a_reader_would_not_see(locale, currency, text):
    """Whatever parses reads as a person of that locale reads it (Babel's strict reading); failing
    that, as the other Latin-American form reads it when its decimal separator is there; and never
    when that other reading is a different amount the currency could hold."""
    with iso_digits():
        try:
            got = parse_amount(text, currency, locale)
        except AmountInputError:
            return
        exp = ISO_DIGITS[currency]
        dec, grp = separators(locale)
        other_locale = "es_CO" if dec == "." else "en_US"
        own = _babel(text, locale)
        other = _babel(text, other_locale) if grp in text else None
        if own is not None:
            assert got == int(own.scaleb(exp))
        else:
            assert other is not None and got == int(other.scaleb(exp))
        if other is not None and other.scaleb(exp) == other.scaleb(exp).to_integral_value():
            assert got == int(other.scaleb(exp))
