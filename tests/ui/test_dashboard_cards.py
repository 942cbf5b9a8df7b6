"""Dashboard cards never clip an amount (issue 9, item 6): at 1000 px the 1M demo's "S/ 306,466,919.36" read
"S/ 306,466,91". Each card shows the full amount when it fits (shrinking its font down to a readable size),
else the amount in thousands/millions; the full amount is always in the tooltip; what is shown always fits
the label (font metrics), and is never a cut-off piece of the full amount."""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_DOWN, Decimal

import pytest
from babel.numbers import get_currency_symbol, parse_decimal

from app import ledger
from app.database import open_database, session_factory
from app.ledger.money import exponent, to_decimal
from tests.ui.conftest import wait_idle

D = dt.date

# what each unit multiplies by, as a Spanish (es) or English (en) reader reads it: "B" is a billón
# (10^12) in Spanish, a billion (10^9) in English
UNITS = {
    "es": {"k": 3, "K": 3, "M": 6, "mil M": 9, "B": 12},
    "en": {"K": 3, "M": 6, "B": 9, "T": 12},
}

AMOUNTS = ["0.01", "999.99", "48250.75", "1055882.80", "306466919.36", "12345678901.23", "999999999999.99"]
BOOKS = [("es_PE", "PEN"), ("es_CO", "COP"), ("es_CL", "CLP")]


def minor(amount: str, currency: str) -> int:
    """The amount in minor units, cut to the currency's decimals (CLP has none), at least one unit."""
    exp = exponent(currency)
    return max(1, int(Decimal(amount).quantize(Decimal(1).scaleb(-exp), rounding=ROUND_DOWN).scaleb(exp)))


def read_compact(text: str, currency: str, locale: str) -> tuple[Decimal, Decimal]:
    """('S/ 306.47 M', ...) -> (306470000, 5000): the value a reader sees, and half its last digit."""
    symbol = get_currency_symbol(currency, locale=locale)
    rest = text.replace(symbol, "", 1).replace("\xa0", " ").strip()
    m = re.fullmatch(r"(-?)\s*([0-9.,]+)\s*(.+?)", rest)
    assert m, f"{text!r} is neither the full amount nor a compact one"
    sign, number, unit = m.groups()
    units = UNITS[locale.split("_")[0]]
    assert unit in units, f"unknown unit {unit!r} in {text!r}"
    value = parse_decimal(number, locale=locale, strict=True)
    decimals = -value.as_tuple().exponent if value.as_tuple().exponent < 0 else 0
    scale = Decimal(1).scaleb(units[unit])
    value = value * scale * (-1 if sign else 1)
    return value, Decimal("0.5").scaleb(-decimals) * scale


def check_amount_label(label, amount_minor: int, currency: str, formatter) -> str:
    """The label shows `amount_minor` whole, or rounded in thousands/millions, and fits; returns the text."""
    from PySide6.QtGui import QFontMetrics

    full = formatter.money(amount_minor, currency)
    shown = label.text()
    width = QFontMetrics(label.font()).horizontalAdvance(shown)
    assert width <= label.contentsRect().width(), (shown, width, label.contentsRect().width())
    assert label.toolTip() == full
    assert not (full.startswith(shown) and shown != full), f"{shown!r} is a cut-off {full!r}"
    if shown != full:
        value, tolerance = read_compact(shown, currency, formatter.locale)
        exact = to_decimal(amount_minor, currency)
        assert abs(value - exact) <= tolerance, f"{shown!r} does not round {full!r}"
        assert to_decimal(amount_minor, currency) >= 1000  # only big amounts are abbreviated
    assert label.font().pointSizeF() >= 11  # readable
    return shown


def inside(widget, outer) -> bool:
    """Whether `widget` lies wholly inside `outer` (an ancestor), so nothing of it is cut by a parent."""
    from PySide6.QtCore import QPoint, QRect

    top_left = widget.mapTo(outer, QPoint(0, 0))
    return outer.rect().contains(QRect(top_left, widget.size()))


@pytest.fixture(params=BOOKS, ids=[b[0] for b in BOOKS])
def books_in(request, db_path):
    locale, currency = request.param
    engine = open_database(str(db_path))
    with session_factory(engine, write=True)() as s, s.begin():
        ledger.ensure_default_terms(s)
        ledger.save_company(s, name="Distribuidora Andina S.A.C.", currency=currency, locale=locale)
    yield engine, locale, currency
    engine.dispose()


def owe(engine, currency: str, overdue_minor: int, current_minor: int) -> None:
    with session_factory(engine, write=True)() as s, s.begin():
        ledger.create_customer(s, code="C1", name="Ferretería Los Andes S.A.C.", payment_terms="NET30",
                               currency=currency)
        if overdue_minor:
            ledger.record_invoice(s, customer_code="C1", number="F1", issue_date=D(2026, 3, 1),
                                  total_minor=overdue_minor, currency=currency)
        if current_minor:
            ledger.record_invoice(s, customer_code="C1", number="F2", issue_date=D(2026, 6, 20),
                                  total_minor=current_minor, currency=currency)


def open_dashboard(engine, qtbot, width: int = 1000):
    from app.ui.app import create_main_window

    window = create_main_window(engine)
    qtbot.addWidget(window)
    window.resize(width, 700)
    window.show()
    view = window.show_view("dashboard")
    qtbot.waitUntil(lambda: view.data is not None, timeout=20000)
    wait_idle(qtbot, window.ctx.runner)
    return window, view


@pytest.mark.parametrize("amount", AMOUNTS)
def test_cards_at_1000px_show_whole_or_compact_amounts_that_fit(books_in, amount, qapp_en, qtbot):
    engine, locale, currency = books_in
    receivable = minor(amount, currency)
    current = receivable // 3
    overdue = receivable - current
    owe(engine, currency, overdue, current)
    window, view = open_dashboard(engine, qtbot)
    assert window.width() == 1000  # the cards do not force the window wider
    f = window.ctx.formatter
    assert view.currency.currentText() == currency
    check_amount_label(view.card_receivable.value, receivable, currency, f)
    check_amount_label(view.card_overdue.value, overdue, currency, f)
    for card in (view.card_receivable, view.card_overdue, view.card_pct, view.card_dso, view.card_cei):
        assert card.isVisible() and inside(card, view), card.objectName()
        assert inside(card.value, card), card.objectName()
        assert card.value.fits(), (card.objectName(), card.value.text())
    if receivable < minor("10000", currency):  # small amounts are shown whole, at the full size
        assert view.card_receivable.value.text() == f.money(receivable, currency)
        assert view.card_receivable.value.font().pointSizeF() == 17
    window.close()


def test_the_1m_demo_receivable_is_never_cut(books_in, qapp_en, qtbot):
    """The amounts the issue saw clipped: S/ 306,466,919.36 on the 1M demo, S/ 1,055,882.80 on 300 customers."""
    engine, locale, currency = books_in
    receivable = minor("306466919.36", currency)
    owe(engine, currency, receivable - minor("1055882.80", currency), minor("1055882.80", currency))
    window, view = open_dashboard(engine, qtbot)
    f = window.ctx.formatter
    shown = check_amount_label(view.card_receivable.value, receivable, currency, f)
    assert shown not in ("S/\xa0306,466,91", "$306.466.91")  # what the issue saw
    window.close()


def test_cards_refit_when_the_window_is_resized(books_in, qapp_en, qtbot):
    engine, locale, currency = books_in
    receivable = minor("306466919.36", currency)
    owe(engine, currency, receivable, 0)
    window, view = open_dashboard(engine, qtbot, width=1000)
    f = window.ctx.formatter
    label = view.card_receivable.value
    full = f.money(receivable, currency)
    narrow = check_amount_label(label, receivable, currency, f)

    window.resize(1900, 800)  # wide cards: the whole amount
    qtbot.waitUntil(lambda: label.text() == full, timeout=5000)
    check_amount_label(label, receivable, currency, f)
    wide_pt = label.font().pointSizeF()

    window.resize(1000, 700)  # and back: the same as before
    qtbot.waitUntil(lambda: label.text() == narrow, timeout=5000)
    check_amount_label(label, receivable, currency, f)
    assert label.font().pointSizeF() <= wide_pt
    window.close()


def test_unapplied_credit_note_never_cuts_its_amount(books, qapp_en, qtbot):
    from PySide6.QtGui import QFontMetrics

    credit = 99_999_999_999_998  # S/ 999,999,999,999.98 paid beyond what was owed
    with session_factory(books, write=True)() as s, s.begin():
        ledger.create_customer(s, code="C1", name="Ferretería Los Andes S.A.C.", payment_terms="NET30")
        ledger.record_invoice(s, customer_code="C1", number="F1", issue_date=D(2026, 6, 1), total_minor=100000)
        ledger.record_payment(s, customer_code="C1", date=D(2026, 6, 15), amount_minor=100000 + credit)
        ledger.record_invoice(s, customer_code="C1", number="F2", issue_date=D(2026, 6, 20), total_minor=50000)
    window, view = open_dashboard(books, qtbot)
    f = window.ctx.formatter
    assert view.card_receivable.value.text() == f.money(50000, "PEN")
    note = view.card_receivable.note
    assert f.money(credit, "PEN") in note.toolTip()
    assert note.text(), "the credit not applied is shown"
    metrics = QFontMetrics(note.font())
    for word in note.text().split(" "):  # the note wraps at spaces only; each piece fits
        assert metrics.horizontalAdvance(word) <= note.contentsRect().width(), word
    amount = note.text().split(": ", 1)[1]
    full = f.money(credit, "PEN")
    assert amount == full or not full.startswith(amount)
    if amount != full:
        value, tolerance = read_compact(amount, "PEN", "es_PE")
        assert abs(value - to_decimal(credit, "PEN")) <= tolerance
    window.close()
