"""The dashboard's top debtors rank every currency in the company's currency; reports stay per currency."""

import datetime as dt

import pytest

from app import ledger
from app.ledger.fx import set_rate
from app.reports.aging import aging_report
from app.reports.dashboard import dashboard, dashboard_from_reports
from tests.factories import make_three_currency_debts

D = dt.date
AS_OF = D(2026, 6, 30)


@pytest.fixture
def three(session):
    """S/ 68.26, USD 16,097.37 and COP 4,083,395.00: in minor units the pesos are the most."""
    s = session
    with s.begin():
        ledger.save_company(s, name="Andina", currency="PEN", locale="es_PE")
        make_three_currency_debts(s)
    return s


def ranking(board):
    return [(d.code, d.currency, d.total_company_minor) for d in board.top_debtors]


def test_top_debtors_rank_in_the_company_currency(three):
    s = three
    with s.begin():
        set_rate(s, "USD", "3.75", D(2026, 1, 1))
        set_rate(s, "COP", "0.00092", D(2026, 1, 1))
    board = dashboard(s, AS_OF)
    assert ranking(board) == [("DOL", "USD", 6_036_514), ("PES", "COP", 375_672), ("SOL", "PEN", 6_826)]
    assert board == dashboard_from_reports(s, AS_OF)
    assert board.company_currency == "PEN"
    # the currencies too: most receivable in soles first
    assert [c.currency for c in board.currencies] == ["USD", "COP", "PEN"]
    # per currency the figures are not converted
    assert [(d.code, d.total_minor) for d in board.for_currency("COP").top_debtors] == [("PES", 408_339_500)]


def test_without_a_rate_the_debtor_is_last_and_says_so(three):
    s = three
    with s.begin():
        set_rate(s, "USD", "3.75", D(2026, 1, 1))
    board = dashboard(s, AS_OF)
    assert ranking(board) == [("DOL", "USD", 6_036_514), ("SOL", "PEN", 6_826), ("PES", "COP", None)]
    assert board.top_debtors[-1].rate_missing
    assert [c.currency for c in board.currencies] == ["USD", "PEN", "COP"]
    assert board == dashboard_from_reports(s, AS_OF)


def test_a_later_rate_does_not_apply_to_an_earlier_date(three):
    s = three
    with s.begin():
        set_rate(s, "USD", "3.75", D(2026, 1, 1))
        set_rate(s, "COP", "0.00092", D(2026, 7, 1))
    assert [d.code for d in dashboard(s, AS_OF).top_debtors] == ["DOL", "SOL", "PES"]
    assert [d.code for d in dashboard(s, D(2026, 7, 1)).top_debtors] == ["DOL", "PES", "SOL"]


def test_the_aging_report_stays_per_currency(three):
    s = three
    with s.begin():
        set_rate(s, "USD", "3.75", D(2026, 1, 1))
        set_rate(s, "COP", "0.00092", D(2026, 1, 1))
    report = aging_report(s, AS_OF)
    assert sorted((t.currency, sum(t.buckets)) for t in report.totals) == [
        ("COP", 408_339_500), ("PEN", 6_826), ("USD", 1_609_737)]
