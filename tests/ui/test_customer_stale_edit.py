"""The customer dialog sends the version its card loaded: saved on stale data it is refused with what changed,
and nothing is written (issue 11, "a card edited on stale data refused with a message naming what changed")."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from app.database import session_factory
from app.ledger.customers import get_customer, update_customer
from tests.factories import make_customer


def test_the_customer_dialog_refuses_a_save_on_stale_data(ctx, books, qtbot):
    from app.ui.dialogs.customer import CustomerDialog

    writers = session_factory(books, write=True)
    with writers() as s, s.begin():
        make_customer(s, credit_limit_minor=500000, phone="+51 1 111 1111")
    with writers() as s:
        opened = get_customer(s, "C001")
    dialog = CustomerDialog(ctx, opened)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.terms_loaded)
    with writers() as s, s.begin():  # someone else raises the limit while the dialog is open
        update_customer(s, "C001", credit_limit_minor=800000)
    dialog.phone.setText("+51 1 222 2222")
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.error.isHidden() and dialog.error.text() != "")
    text = dialog.error.text()
    assert "changed by someone else since you opened it" in text
    assert "credit limit: 5,000.00 → 8,000.00" in text
    assert dialog.buttons.isEnabled()
    with writers() as s:
        now = get_customer(s, "C001")
    assert (now.credit_limit_minor, now.phone) == (800000, "+51 1 111 1111")
    dialog.reject()
