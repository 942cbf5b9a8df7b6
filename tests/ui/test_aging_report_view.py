import datetime as dt
import subprocess

import pytest
from openpyxl import load_workbook

from app import ledger
from app.database import session_factory

D = dt.date


@pytest.fixture
def owed(books):
    with session_factory(books, write=True)() as s, s.begin():
        ledger.create_customer(s, code="C1", name="=HYPERLINK(\"x\") Ferretería", payment_terms="NET30")
        ledger.create_customer(s, code="C2", name="Comercial Rivera E.I.R.L.", payment_terms="NET30")
        ledger.record_invoice(s, customer_code="C1", number="F1", issue_date=D(2026, 3, 1), total_minor=100000)
        ledger.record_invoice(s, customer_code="C2", number="F3", issue_date=D(2026, 5, 10), total_minor=30000)
        ledger.record_payment(s, customer_code="C2", date=D(2026, 6, 15), amount_minor=10000)
    return books


def test_run_show_totals_and_export(owed, ctx, qtbot, qtmodeltester, tmp_path):
    from app.ui.views.aging_report import AgingReportView

    view = AgingReportView(ctx)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.loaded, timeout=20000):
        view.run_button.click()
    assert view.model.rowCount() == 2
    qtmodeltester.check(view.model)
    assert "1,200.00" in view.totals.text()
    # the Excel file has the same total, and the user-typed formula is neutralised
    out = tmp_path / "aging.xlsx"
    with qtbot.waitSignal(view.exported, timeout=20000):
        view.export("xlsx", str(out))
    wb = load_workbook(out)
    cells = [c.value for row in wb.worksheets[0].iter_rows() for c in row if c.value is not None]
    assert any(isinstance(v, str) and v.startswith("'=HYPERLINK") for v in cells)
    pdf = tmp_path / "aging.pdf"
    with qtbot.waitSignal(view.exported, timeout=20000):
        view.export("pdf", str(pdf))
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "1,200.00" in text


def test_bad_buckets_are_explained_not_run(owed, ctx, qtbot):
    from app.ui.views.aging_report import AgingReportView

    view = AgingReportView(ctx)
    qtbot.addWidget(view)
    view.buckets.setText("60,30")
    view.run_button.click()
    assert "Buckets" in view.message.text()
    assert view.report is None
