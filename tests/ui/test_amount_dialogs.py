"""Amounts typed into the invoice and payment dialogs: recorded as the amount a person reads, or refused
with the readings beside the field and OK disabled; never a different amount (issue 9, items 3 and 4)."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from sqlalchemy import select

from app import ledger
from app.database import session_factory
from app.models import Invoice, Payment
from tests.amount_cases import SHARED, iso_digits, minor
from tests.factories import make_customer, make_invoice


@pytest.fixture(autouse=True)
def _iso():
    with iso_digits():
        yield


def company(engine, locale: str, currency: str) -> None:
    with session_factory(engine, write=True)() as s, s.begin():
        ledger.ensure_default_terms(s)
        ledger.save_company(s, name="Comercial S.A.C.", currency=currency, locale=locale)
        for code in ("PEN", "USD", "CLP", "COP"):
            make_customer(s, code=f"K{code}", name=f"Cliente {code}", currency=code)
        make_invoice(s, number="OLD-1", customer=f"K{currency}", amount="5000000", currency=currency,
                     issued=dt.date(2026, 1, 5))


@pytest.fixture
def make_ctx(engine, qapp_en):
    made = []

    def make(locale: str, currency: str):
        from app.ui.context import AppContext

        company(engine, locale, currency)
        ctx = AppContext.create(engine)
        ctx.load_company()
        made.append(ctx)
        return ctx

    yield make
    for ctx in made:
        ctx.runner.wait_for_done()
    qapp_en.processEvents()


def ok_button(dialog):
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)


def open_dialog(qtbot, ctx, kind: str, customer: str):
    from app.ui.dialogs.invoice import InvoiceDialog
    from app.ui.dialogs.payment import PaymentDialog

    dialog = (InvoiceDialog if kind == "invoice" else PaymentDialog)(ctx, customer)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.customer is not None)
    if kind == "invoice":
        qtbot.keyClicks(dialog.number, "F-NEW")
    return dialog


def recorded(engine, kind: str) -> tuple[int, str] | None:
    with session_factory(engine)() as s:
        if kind == "invoice":
            row = s.scalars(select(Invoice).where(Invoice.number == "F-NEW")).one_or_none()
            return None if row is None else (row.total_minor, row.currency)
        row = s.scalars(select(Payment)).one_or_none()
        return None if row is None else (row.amount_minor, row.currency)


def type_and_accept(qtbot, ctx, engine, kind: str, customer: str, text: str):
    """Type `text` as the amount; accept when OK allows it. (amount, currency) recorded, or the echo's refusal."""
    dialog = open_dialog(qtbot, ctx, kind, customer)
    qtbot.keyClicks(dialog.amount, text)
    echo = dialog.amount.echo
    if not ok_button(dialog).isEnabled():
        assert echo.isVisible() and echo.text() and not echo.text().startswith("=")
        assert "color: #b00020" in echo.styleSheet()
        message = echo.text()
        dialog.reject()
        assert recorded(engine, kind) is None
        return message
    assert echo.text().startswith("= ")
    with qtbot.waitSignal(dialog.finished, timeout=5000):
        qtbot.mouseClick(ok_button(dialog), Qt.MouseButton.LeftButton)
    ctx.runner.wait_for_done()
    return recorded(engine, kind)


TYPED = [
    # company locale, currency, typed, expected major units (None: refused)
    ("es_PE", "PEN", "1.000,00", "1000"),
    ("es_PE", "PEN", "1000,50", "1000.50"),
    ("es_PE", "PEN", "12,5", "12.50"),
    ("es_PE", "PEN", "1,250", None),
    ("es_CO", "COP", "1.000,00", "1000"),
    ("es_CO", "COP", "1000,50", "1000.50"),
    ("es_CO", "COP", "12,5", "12.50"),
    ("es_CO", "COP", "1,250", None),
]


@pytest.mark.parametrize("kind", ["invoice", "payment"])
@pytest.mark.parametrize("locale,currency,text,expected", TYPED)
def test_typed_amounts_are_recorded_as_read_or_refused(make_ctx, engine, qtbot, kind, locale, currency, text,
                                                         expected):
    ctx = make_ctx(locale, currency)
    got = type_and_accept(qtbot, ctx, engine, kind, f"K{currency}", text)
    if expected is None:
        assert f"'{text}' could be" in got
    else:
        assert got == (minor(expected, currency), currency)


def test_the_echo_follows_the_typing(make_ctx, engine, qtbot):
    ctx = make_ctx("es_PE", "PEN")
    dialog = open_dialog(qtbot, ctx, "invoice", "KPEN")
    echo = dialog.amount.echo
    qtbot.keyClicks(dialog.amount, "1000")
    assert echo.text() == "= S/\xa01,000.00" and ok_button(dialog).isEnabled()
    qtbot.keyClicks(dialog.amount, ",5")
    assert echo.text() == "= S/\xa01,000.50" and ok_button(dialog).isEnabled()
    dialog.amount.clear()
    qtbot.keyClicks(dialog.amount, "1,250")
    assert echo.text() == "'1,250' could be 1,250.00 or 1.25; type 1250 or 1.25 to say which."
    assert not ok_button(dialog).isEnabled()
    dialog.currency.setCurrentText("CLP")  # the amount is read in the currency chosen: CLP has no decimals
    assert echo.text() == "= CLP\xa01,250" and ok_button(dialog).isEnabled()
    dialog.reject()


def test_a_clp_customers_payment_of_1000_is_1000_clp(make_ctx, engine, qtbot):
    ctx = make_ctx("es_PE", "PEN")
    dialog = open_dialog(qtbot, ctx, "payment", "KCLP")
    assert dialog.currency.currentText() == "CLP"
    dialog.currency.setCurrentText("")  # an empty box means the customer's currency, for reading too
    qtbot.keyClicks(dialog.amount, "1000")
    assert dialog.amount.currency() == "CLP" and dialog.amount.echo.text() == "= CLP\xa01,000"
    with qtbot.waitSignal(dialog.finished, timeout=5000):
        qtbot.mouseClick(ok_button(dialog), Qt.MouseButton.LeftButton)
    ctx.runner.wait_for_done()
    assert recorded(engine, "payment") == (1000, "CLP")


def test_no_amount_is_accepted_before_the_currency_is_known(make_ctx, engine, qtbot):
    from app.ui.dialogs.payment import PaymentDialog

    ctx = make_ctx("es_PE", "PEN")
    dialog = PaymentDialog(ctx)
    qtbot.addWidget(dialog)
    assert dialog.currency.currentText() == ""  # no PEN guessed
    qtbot.keyClicks(dialog.amount, "1000")
    assert dialog.amount.echo.text() == "Choose a customer or a currency first."
    assert not ok_button(dialog).isEnabled()
    qtbot.keyClicks(dialog.customer_code, "KUSD")
    qtbot.waitUntil(lambda: dialog.customer is not None)
    assert dialog.amount.echo.text() == "= USD\xa01,000.00" and ok_button(dialog).isEnabled()
    dialog.reject()


def test_the_customer_dialogs_credit_limit_is_read_in_the_customers_currency(make_ctx, engine, qtbot):
    from app.ui.dialogs.customer import CustomerDialog

    ctx = make_ctx("es_CO", "COP")
    dialog = CustomerDialog(ctx)
    qtbot.addWidget(dialog)
    assert dialog.currency.currentText() == "COP"  # the company's
    qtbot.keyClicks(dialog.credit_limit, "1.500")
    assert dialog.credit_limit.echo.text() != "" and not ok_button(dialog).isEnabled()  # 1.500,00 or 1,50?
    dialog.currency.setCurrentText("CLP")
    assert dialog.credit_limit.echo.text() == "= CLP1.500" and ok_button(dialog).isEnabled()
    dialog.credit_limit.clear()  # no limit: nothing to read
    assert dialog.credit_limit.echo.text() == "" and ok_button(dialog).isEnabled()
    dialog.reject()


# --- the same answers as the importer and the CLI (tests/amount_cases.py) ------------------------

@pytest.mark.parametrize("locale,currency,text,expected", SHARED)
def test_the_shared_table_in_the_invoice_dialog(make_ctx, engine, qtbot, locale, currency, text, expected):
    ctx = make_ctx(locale, "PEN" if locale == "es_PE" else "COP")
    got = type_and_accept(qtbot, ctx, engine, "invoice", f"K{currency}", text)
    if expected is None:
        assert isinstance(got, str) and f"'{text}'" in got
    else:
        assert got == (minor(expected, currency), currency)


def test_the_ui_holds_every_refusal_for_translation():
    from app.ledger.amount_input import MESSAGES, WORDS
    from app.ui.errors import _AMOUNT_TEXTS

    assert set(_AMOUNT_TEXTS) == set(MESSAGES.values()) | set(WORDS)


def test_the_refusal_in_spanish_shows_the_same_readings(make_ctx, engine, qtbot, qapp_en):
    from app.ui.i18n import install_translators

    ctx = make_ctx("es_PE", "PEN")
    install_translators(qapp_en, "es")
    dialog = open_dialog(qtbot, ctx, "invoice", "KPEN")
    qtbot.keyClicks(dialog.amount, "1,250")
    assert dialog.amount.echo.text() == "'1,250' puede ser 1,250.00 o 1.25; escriba 1250 o 1.25 para indicar cuál."
    dialog.currency.setCurrentText("CLP")
    dialog.amount.setText("1.000,00")
    assert dialog.amount.echo.text() == "'1.000,00' tiene 2 decimales pero CLP tiene 0; escriba 1000."
    dialog.reject()
