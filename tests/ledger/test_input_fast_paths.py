"""The importer's per-row fast paths give what the full checks give: plain amounts (digits, a point, one or two
decimals) skip parse_amount's readings, printable text skips bad_character's character walk, one-line terms
skip the split of the total."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.ledger import amount_input, text_input
from app.ledger.amount_input import parse_amount
from app.ledger.errors import AmountInputError, LedgerError
from app.ledger.terms import DEFAULT_TERMS, TermLine, schedule_of, split_lines, validate_lines
from tests.amount_cases import iso_digits

LOCALES = ("es_PE", "es_MX", "es_CO", "es_CL", "es_AR", "es_ES", "en_US", "fr_FR", "de_CH")
CURRENCIES = ("PEN", "USD", "CLP", "COP", "KWD")
NEVER = re.compile(r"(?!)")  # matches nothing: parse_amount without its fast path


@pytest.fixture(scope="module", autouse=True)
def _iso():
    with iso_digits():
        yield


def _both(text, currency, locale):
    """(fast, full) outcomes: the amount or the refusal's class and message."""
    def outcome():
        try:
            return parse_amount(text, currency, locale)
        except AmountInputError as exc:
            return type(exc), str(exc)

    fast = outcome()
    with pytest.MonkeyPatch.context() as m:
        m.setattr(amount_input, "_PLAIN", NEVER)
        full = outcome()
    return fast, full


amounts = st.one_of(
    st.from_regex(r"\A[0-9]{1,16}(\.[0-9]{0,4})?\Z"),
    st.from_regex(r"\A[0-9]{1,4}([.,][0-9]{1,3}){0,3}\Z"),
    st.text(alphabet="0123456789., -$", max_size=12),
)


@settings(max_examples=400, deadline=None)
@given(text=amounts, currency=st.sampled_from(CURRENCIES), locale=st.sampled_from(LOCALES))
def test_plain_amounts_read_as_the_full_parser_reads_them(text, currency, locale):
    fast, full = _both(text, currency, locale)
    assert fast == full


@pytest.mark.parametrize("text", ["1234.56", "0.5", "12", "9999999999999.99", "10000000000000", "1.234", "1,234.5",
                                  "007.10", "1.2345", "0", "٣٤"])
@pytest.mark.parametrize("currency", CURRENCIES)
@pytest.mark.parametrize("locale", ("es_PE", "es_CO"))
def test_edges_of_the_plain_form(text, currency, locale):
    fast, full = _both(text, currency, locale)
    assert fast == full


def test_every_refused_invisible_character_is_not_printable():
    assert not any(ch.isprintable() for ch in text_input._INVISIBLE)


@settings(max_examples=400, deadline=None)
@given(value=st.text(max_size=30), multiline=st.booleans())
def test_printable_text_has_no_refused_character(value, multiline):
    # the character walk, as bad_character does it past its fast path
    walked = None
    for i, ch in enumerate(value, 1):
        if ch in text_input._INVISIBLE or (not (multiline and ch in "\n\t")
                                           and unicodedata.category(ch) == "Cc"):
            walked = i
            break
    got = text_input.bad_character(value, multiline=multiline)
    assert (got[0] if got else None) == walked


one_line = st.builds(lambda days, months, basis, day, kind: [(Decimal(100), days, basis)] if kind == "percent"
                     else [TermLine(kind="rest", days=days, months=months, basis=basis, day=day)],
                     st.integers(0, 120), st.integers(0, 3), st.sampled_from(["invoice", "month_end"]),
                     st.none(), st.sampled_from(["percent", "rest"]))


@settings(max_examples=200, deadline=None)
@given(lines=st.sampled_from(DEFAULT_TERMS).map(lambda t: t[2]) | one_line,
       issue=st.dates(dt.date(2000, 1, 1), dt.date(2100, 1, 1)), total=st.integers(-5, 10**12))
def test_one_line_terms_schedule_as_split_lines_gives_it(lines, issue, total):
    """schedule_of's one-line shortcut: the same due lines (or the same refusal) as the split of the total."""
    try:
        clean = validate_lines(lines)
    except LedgerError:
        return

    def outcome(fn):
        try:
            return fn()
        except LedgerError as exc:
            return type(exc), str(exc)

    full = outcome(lambda: [(ln.due_date(issue), a) for ln, a in zip(clean, split_lines(clean, total, "PEN"))
                            if a > 0])
    assert outcome(lambda: schedule_of(clean, issue, total, "PEN")) == full
