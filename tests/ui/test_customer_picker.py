"""The customer picker in the invoice and payment dialogs: part of a name, a tax id or a code finds the
customer from a completion list; the chosen one shows as name · code · tax id; a code typed still works."""

from __future__ import annotations


import pytest
from sqlalchemy import select

from app.database import session_factory
from app.models import Invoice, Payment
from tests.factories import make_customer
from tests.ui.conftest import wait_idle


@pytest.fixture
def people(books):
    with session_factory(books, write=True)() as s, s.begin():
        make_customer(s, code="C001", name="Ferretería Los Andes S.A.C.", tax_id="20100000001")
        make_customer(s, code="C002", name="Comercial Rivera E.I.R.L.", tax_id="20455667788", currency="USD")
        make_customer(s, code="C003", name="Bodega Santa Rosa", tax_id="10400000003")
    return books


def offered(picker) -> list[str]:
    return [picker.matches.index(r).data() for r in range(picker.matches.rowCount())]


def type_and_wait(qtbot, picker, text):
    with qtbot.waitSignal(picker.matches_shown, timeout=10000):
        qtbot.keyClicks(picker, text)
        picker.search()  # do not wait for the typing pause


def test_part_of_a_name_finds_the_customer_for_an_invoice(people, ctx, qtbot):
    from app.ui.dialogs.invoice import InvoiceDialog

    dialog = InvoiceDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    picker = dialog.customer_code
    picker.setFocus()
    type_and_wait(qtbot, picker, "los and")
    assert offered(picker) == ["Ferretería Los Andes S.A.C. · C001 · 20100000001"]
    popup = picker.completer().popup()
    assert popup.isVisible() and popup.model().rowCount() == 1
    dialog.lookup()  # what was typed is no code: the dialog asks to choose in the list, not "no customer"
    qtbot.waitUntil(lambda: dialog.customer_name.text().startswith("Choose the customer in the list"), timeout=10000)
    with qtbot.waitSignal(picker.chosen, timeout=5000) as chosen:
        popup.setCurrentIndex(popup.model().index(0, 0))
        qtbot.keyClick(popup, "\r")
    assert chosen.args[0].code == "C001"
    assert picker.text() == "C001"  # the code is what the box holds
    qtbot.waitUntil(lambda: dialog.customer is not None and dialog.customer.code == "C001", timeout=10000)
    assert dialog.customer_name.text() == "Ferretería Los Andes S.A.C. · C001 · 20100000001"
    assert dialog.currency.currentText() == "PEN"

    qtbot.keyClicks(dialog.number, "F-77")
    qtbot.keyClicks(dialog.amount, "150.00")
    dialog.submit()
    wait_idle(qtbot, ctx.runner)
    with session_factory(people)() as s:
        assert s.scalars(select(Invoice.total_minor).where(Invoice.number == "F-77")).one() == 15000


def test_a_tax_id_finds_the_customer_for_a_payment(people, ctx, qtbot):
    from app.ui.dialogs.payment import PaymentDialog

    dialog = PaymentDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    picker = dialog.customer_code
    picker.setFocus()
    type_and_wait(qtbot, picker, "2045566")
    assert offered(picker) == ["Comercial Rivera E.I.R.L. · C002 · 20455667788"]
    picker.choose("C002")
    qtbot.waitUntil(lambda: dialog.customer is not None, timeout=10000)
    assert dialog.customer_name.text() == "Comercial Rivera E.I.R.L. · C002 · 20455667788"
    assert dialog.currency.currentText() == "USD"  # the customer's currency follows the choice
    qtbot.keyClicks(dialog.amount, "80.00")
    dialog.submit()
    wait_idle(qtbot, ctx.runner)
    with session_factory(people)() as s:
        assert s.execute(select(Payment.amount_minor, Payment.currency)).one() == (8000, "USD")


def test_a_code_typed_still_works_and_nothing_found_says_so(people, ctx, qtbot):
    from app.ui.dialogs.payment import PaymentDialog

    dialog = PaymentDialog(ctx)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.customer_code, "C003")
    dialog.lookup()
    qtbot.waitUntil(lambda: dialog.customer is not None, timeout=10000)
    assert dialog.customer_name.text() == "Bodega Santa Rosa · C003 · 10400000003"
    dialog.customer_code.clear()
    type_and_wait(qtbot, dialog.customer_code, "nadie")
    assert offered(dialog.customer_code) == []
    dialog.lookup()
    qtbot.waitUntil(lambda: dialog.customer_name.text() == "No customer with this code", timeout=10000)
