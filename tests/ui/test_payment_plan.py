"""The payment dialog shows the ledger's plan, and what it shows is what record_payment records (issue 10:
the allocation rule lives in the ledger only)."""

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from sqlalchemy import select

from app.database import session_factory
from app.ledger import payments
from app.models import Allocation, DueLine, Invoice, Payment
from app.ui.tablemodels.allocation import AllocationTableModel
from tests.factories import make_customer, make_invoice

D = dt.date
APPLY = AllocationTableModel.COL_APPLY


def seed(engine):
    with session_factory(engine, write=True)() as s, s.begin():
        make_customer(s)
        make_invoice(s, number="A", amount="100.00", issued=D(2026, 1, 1))
        make_invoice(s, number="B", amount="200.00", issued=D(2026, 2, 10), terms="30-60-90")


def shown(dialog):
    """(invoice, open, apply) per row as the table displays them, and the remainder line."""
    m = dialog.alloc_model
    rows = [(m.index(r, AllocationTableModel.COL_INVOICE).data(), m.index(r, AllocationTableModel.COL_OPEN).data(),
             m.index(r, APPLY).data(Qt.ItemDataRole.UserRole + 1)) for r in range(m.rowCount())]
    return rows, dialog.remainder.text()


def recorded(engine):
    with session_factory(engine)() as s:
        payment = s.scalars(select(Payment)).one()
        allocs = s.execute(select(Invoice.number, Allocation.amount_minor)
                           .join(DueLine, Allocation.due_line_id == DueLine.id)
                           .join(Invoice, DueLine.invoice_id == Invoice.id).order_by(DueLine.due_date)).all()
        return [tuple(a) for a in allocs], payment.amount_minor - payment.applied_minor


def open_dialog(qtbot, ctx, amount: str):
    from app.ui.dialogs.payment import PaymentDialog

    dialog = PaymentDialog(ctx, "C001")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.customer is not None)
    qtbot.keyClicks(dialog.amount, amount)
    dialog.suggest()
    qtbot.waitUntil(lambda: not dialog.suggest_pending)
    return dialog


def accept(qtbot, ctx, dialog):
    with qtbot.waitSignal(dialog.finished, timeout=5000):
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    ctx.runner.wait_for_done()


def test_the_suggested_plan_is_what_is_recorded(ctx, books, qtbot):
    seed(books)
    dialog = open_dialog(qtbot, ctx, "400")
    rows, remainder = shown(dialog)
    assert rows == [("A", "S/\xa0100.00", 10000), ("B", "S/\xa066.67", 6667), ("B", "S/\xa066.67", 6667),
                    ("B", "S/\xa066.66", 6666)]
    assert remainder == "Applied: S/\xa0300.00 · Unapplied credit: S/\xa0100.00"
    accept(qtbot, ctx, dialog)
    assert recorded(books) == ([(inv, apply) for inv, _open, apply in rows], 10000)


def test_an_edited_plan_is_what_is_recorded_and_an_impossible_one_is_named(ctx, books, qtbot):
    seed(books)
    dialog = open_dialog(qtbot, ctx, "150")
    m = dialog.alloc_model
    assert [m.index(r, APPLY).data(Qt.ItemDataRole.UserRole + 1) for r in range(4)] == [10000, 5000, 0, 0]
    assert m.setData(m.index(1, APPLY), "0")
    assert m.setData(m.index(0, APPLY), "120.00")  # more than A has open
    assert dialog.problems() == ["Invoice A has only S/\xa0100.00 open; S/\xa0120.00 cannot be applied to it."]
    assert [p.rule for p in dialog.plan().problems] == [payments.OVER_OPEN]
    assert m.setData(m.index(0, APPLY), "20.00")
    assert m.setData(m.index(1, APPLY), "10.00")
    assert m.setData(m.index(3, APPLY), "60.00")
    assert dialog.problems() == []
    rows, remainder = shown(dialog)
    assert remainder == "Applied: S/\xa090.00 · Unapplied credit: S/\xa060.00"
    accept(qtbot, ctx, dialog)
    assert recorded(books) == ([(inv, apply) for inv, _open, apply in rows if apply], 6000)
