"""The compact amounts (app/ui/compact.py) and the label that never clips (app/ui/fit_label.py)."""

from __future__ import annotations

import random

import pytest

from app.ledger.money import to_decimal
from app.ui.compact import compact_forms, compact_money
from app.ui.formatting import Formatter
from tests.ui.test_dashboard_cards import read_compact


def test_compact_uses_the_locale_separators_and_symbol():
    assert compact_money(30646691936, "PEN", "es_PE", 1) == "S/\xa0306.5\xa0M"
    assert compact_money(30646691936, "PEN", "es_PE", 2) == "S/\xa0306.47\xa0M"
    assert compact_money(123456789012, "USD", "es_CO", 1) == "US$1.234,6\xa0M"
    assert compact_money(306466919, "CLP", "es_CL", 1) == "$306,5\xa0M"
    assert compact_money(-30646691936, "PEN", "es_PE", 1) == "-S/\xa0306.5\xa0M"


def test_compact_units_mean_what_a_reader_of_the_locale_reads():
    # Spanish: thousands of millions are "mil M", a billón (10^12) is "B"; English: a billion is "B"
    assert compact_money(1234567890123, "PEN", "es_PE", 1) == "S/\xa012.3\xa0mil\xa0M"
    assert compact_money(99999999999999, "PEN", "es_PE", 2) == "S/\xa01.00\xa0B"
    assert compact_money(1234567890123, "USD", "en_US", 1) == "$12.3B"
    assert compact_money(99999999999999, "USD", "en_US", 1) == "$1.0T"


def test_rounding_carries_into_the_next_unit():
    assert compact_money(99995000, "PEN", "es_PE", 1) == "S/\xa01.0\xa0M"  # not "1,000.0 k"
    assert compact_money(99994999, "PEN", "es_PE", 1) == "S/\xa0999.9\xa0k"
    assert compact_money(999999999999, "PEN", "es_PE", 0) == "S/\xa010\xa0mil\xa0M"  # 9,999,999,999.99


def test_nothing_to_abbreviate_under_a_thousand():
    assert compact_money(99999, "PEN", "es_PE", 1) is None
    assert compact_forms(99999, "PEN", "es_PE") == []


@pytest.mark.parametrize(("locale", "currency"), [("es_PE", "PEN"), ("es_CO", "COP"), ("es_CL", "CLP"),
                                                  ("en_US", "USD")])
def test_every_compact_form_rounds_to_the_amount(locale, currency):
    rng = random.Random(9)
    for _ in range(400):
        amount = rng.randint(1, 10 ** rng.randint(1, 14))
        exact = to_decimal(amount, currency)
        for form in compact_forms(amount, currency, locale):
            value, tolerance = read_compact(form, currency, locale)
            assert abs(value - exact) <= tolerance, (amount, form)


@pytest.mark.parametrize(("locale", "currency"), [("es_PE", "PEN"), ("es_CO", "COP"), ("es_CL", "CLP")])
def test_fit_label_fits_at_every_width(locale, currency, qapp, qtbot):
    from PySide6.QtGui import QFontMetrics

    from app.ui.fit_label import FitLabel

    f = Formatter(locale)
    label = FitLabel(base_pt=17, min_pt=11)
    qtbot.addWidget(label)
    label.show()
    for amount in (1, 99999, 105588282, 30646691936, 99999999999999):
        full = f.money(amount, currency)
        label.set_texts(full, compact_forms(amount, currency, locale))
        smallest = label.minimumSizeHint().width()
        for width in range(smallest, 420, 7):
            label.resize(width, label.sizeHint().height())
            shown = label.text()
            assert QFontMetrics(label.font()).horizontalAdvance(shown) <= label.contentsRect().width(), (width, shown)
            assert label.toolTip() == full
            assert shown == full or not full.startswith(shown)
            assert label.font().pointSizeF() >= 11
            if shown != full:  # compact only when the whole amount does not fit even at the smallest size
                label_font = label.font()
                label_font.setPointSizeF(11)
                assert QFontMetrics(label_font).horizontalAdvance(full) > label.contentsRect().width() - 3
        label.resize(2000, label.sizeHint().height())
        assert label.text() == full and label.font().pointSizeF() == 17  # room enough: whole, full size
