"""The text table's summary path (amounts formatted column by column in C loops) writes the very lines of the
generic layout (table_rows, one formatter call per amount), for any amounts, names, currencies and locales."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from app.reports.aging import AgingReport, CustomerAging, bucket_labels, currency_totals
from app.reports.aging_export import _summary_lines, labels, table_header, table_lines

AS_OF = dt.date(2026, 6, 30)
CURRENCIES = ("PEN", "CLP", "KWD", "USD")  # 2, 0, 3 and 2 decimals
LOCALES = ("es_PE", "en_US", "es_CO", "de_DE", "fr_FR", "de_CH")  # de_CH: Babel's own text (a quote in 1'234)

small = st.integers(-(10 ** 9), 10 ** 12)
amount = st.one_of(st.just(0), small, st.integers(-(2 ** 53), 2 ** 53))  # from 2**52: the generic path
letters = st.characters(blacklist_categories=("Cs", "Cc"))
name = st.one_of(st.text(letters, min_size=1, max_size=12), st.text(letters, min_size=38, max_size=60))  # clipped at 40


@st.composite
def reports(draw, amounts=amount):
    days = (30, 60, 90)
    rows = []
    for n in range(draw(st.integers(1, 12))):
        buckets = tuple(draw(amounts) for _ in range(5))
        credit = draw(amounts)
        total = sum(buckets)
        rows.append(CustomerAging(n + 1, draw(st.text("ABCXYZ0123-", min_size=1, max_size=12)), draw(name),
                                  draw(st.sampled_from(CURRENCIES)), buckets, total, credit, total - credit))
    rows.sort(key=lambda c: (c.code, c.currency))
    return AgingReport(AS_OF, "due", days, bucket_labels("due", days), tuple(rows), currency_totals(rows, 5))


@settings(max_examples=150, deadline=None)
@given(reports(), st.sampled_from(LOCALES), st.sampled_from(("en", "es")))
def test_the_summary_path_writes_the_generic_lines(report, locale, lang):
    text = labels(lang)
    assert table_lines(report, text, locale) == table_lines(report, text, locale, fast=False)


@settings(max_examples=60, deadline=None)
@given(reports(small), st.sampled_from(LOCALES[:5]))
def test_the_summary_path_is_taken_for_ordinary_amounts(report, locale):
    text = labels("en")
    assert _summary_lines(report, text, locale, table_header(report, text)) is not None
