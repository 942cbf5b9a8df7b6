"""Every Qt table model of the card and the dialogs through pytest-qt's model tester."""

import datetime as dt

from PySide6.QtCore import Qt

from app.ledger.views import AllocationSuggestion, CurrencyBalance, DocumentRow, OpenItem
from app.ui.dialogs.invoice import DueLinesTableModel
from app.ui.formatting import Formatter
from app.ui.tablemodels.allocation import AllocationTableModel
from app.ui.tablemodels.base import SortRole
from app.ui.tablemodels.documents import BalancesTableModel, OpenItemsTableModel, PaymentsTableModel

D = dt.date
F = Formatter("es_PE")


def test_open_items_model(qtmodeltester):
    model = OpenItemsTableModel(F)
    qtmodeltester.check(model)
    model.set_rows([OpenItem(1, "F1", "invoice", D(2026, 1, 1), D(2026, 1, 31), "PEN", 12000, 5000, 150, True),
                    OpenItem(2, "F2", "invoice", D(2026, 6, 1), D(2026, 7, 1), "USD", 9900, 9900, -1, False)])
    qtmodeltester.check(model)
    assert model.index(0, model.COL_OPEN).data() == "S/\xa050.00"
    assert model.index(0, model.COL_OPEN).data(SortRole) == 5000
    assert model.index(0, model.COL_DAYS).data() == "150"
    assert model.index(1, model.COL_DAYS).data() == ""
    assert model.index(0, model.COL_DISPUTED).data() == "Disputed"


def test_payments_and_balances_models(qtmodeltester):
    payments = PaymentsTableModel(F)
    payments.set_rows([DocumentRow("payment", "OP-1", D(2026, 2, 1), "PEN", 5000, 1000, "posted", "transfer"),
                       DocumentRow("credit_note", "NC-1", D(2026, 2, 2), "PEN", 100, 0, "posted", None)])
    qtmodeltester.check(payments)
    assert payments.index(0, payments.COL_NOTE).data() == "Bank transfer"
    assert payments.index(1, payments.COL_KIND).data() == "Credit note"
    balances = BalancesTableModel(F)
    balances.set_rows([CurrencyBalance("PEN", 1000, 200, 800)])
    qtmodeltester.check(balances)
    assert balances.index(0, balances.COL_BALANCE).data() == "S/\xa08.00"


def test_due_lines_model(qtmodeltester):
    model = DueLinesTableModel(F)
    model.set_lines([(D(2026, 2, 1), 100), (D(2026, 3, 1), 200)], "USD")
    qtmodeltester.check(model)
    assert model.index(1, 2).data(Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight


def test_allocation_model_is_editable_in_the_apply_column_only(qtmodeltester):
    model = AllocationTableModel(F)
    model.set_suggestions([AllocationSuggestion(7, "F1", D(2026, 1, 31), 10000, 10000),
                           AllocationSuggestion(8, "F2", D(2026, 2, 28), 5000, 2000)], "PEN")
    qtmodeltester.check(model)
    apply = model.index(1, model.COL_APPLY)
    assert model.flags(apply) & Qt.ItemFlag.ItemIsEditable
    assert not model.flags(model.index(1, model.COL_OPEN)) & Qt.ItemFlag.ItemIsEditable
    assert model.setData(apply, "1,234.5")
    assert model.amounts() == [10000, 123450]
    assert not model.setData(apply, "abc")
    assert not model.setData(apply, "-5")
    assert model.setData(apply, "")
    assert model.allocations() == [(7, 10000)]
    assert model.total() == 10000


def test_formatter_parses_and_formats_per_locale():
    co = Formatter("es_CO")
    assert "1.234,56" in co.money(123456, "PEN")
    assert co.parse_money("1.234,56", "PEN") == 123456
    assert F.parse_money("1,234.56", "PEN") == 123456
    assert F.parse_money("1234.5", "PEN") == 123450
    assert F.parse_money("100", "CLP") == 100
    assert F.qt_date_format() == "dd/MM/yyyy"
    import pytest

    from app.ledger.errors import InvalidAmountError
    with pytest.raises(InvalidAmountError):
        F.parse_money("12.345", "PEN")
    with pytest.raises(InvalidAmountError):
        F.parse_money("", "PEN")
