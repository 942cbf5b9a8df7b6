"""KPIs over hand-built histories where every value is worked out by hand in the test."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from decimal import Decimal

import pytest

from app import ledger
from app.cli import main
from app.reports.kpi import KpiOptionError, add_months, countback_dso, kpi_report, month_ends_in, report_to_dict
from tests.factories import invoice, pay

D = dt.date
AS_OF = D(2026, 6, 30)  # 90 days back: the period is (2026-04-01, 2026-06-30]


def _setup(session):
    with session.begin():
        ledger.ensure_default_terms(session)
        ledger.create_customer(session, code="A", name="Acme SAC", currency="PEN")
        ledger.create_customer(session, code="CL", name="Chile Ltda", country="CL", currency="CLP")


def build_book(session):
    """PEN customer A:
    INV1 issued 03-01, 1000.00 due 03-31; 400.00 paid 04-15 (oldest first → INV1)
    INV2 issued 04-10, 2000.00 due 05-10; paid in full 05-20
    INV4 issued 05-15,  500.00 due 06-14; unpaid (16 days late on 06-30)
    INV3 issued 06-01, 3000.00 due 07-01; unpaid, not yet due on 06-30
    and, after the as-of date, INV5 (07-05) and a payment (07-02) that must be ignored."""
    _setup(session)
    invoice(session, "A", "INV1", D(2026, 3, 1), 100000, D(2026, 3, 31))
    pay(session, "A", D(2026, 4, 15), 40000)
    invoice(session, "A", "INV2", D(2026, 4, 10), 200000, D(2026, 5, 10))
    pay(session, "A", D(2026, 5, 20), 200000, invoice_number="INV2")
    invoice(session, "A", "INV4", D(2026, 5, 15), 50000, D(2026, 6, 14))
    invoice(session, "A", "INV3", D(2026, 6, 1), 300000, D(2026, 7, 1))
    invoice(session, "A", "INV5", D(2026, 7, 5), 990000, D(2026, 8, 4))
    pay(session, "A", D(2026, 7, 2), 50000)
    return session


@pytest.fixture
def book(session):
    return build_book(session)


def test_each_kpi_by_hand(book):
    report = kpi_report(book, AS_OF, days=90)
    assert report.period_start == D(2026, 4, 1)
    [k] = report.currencies
    assert k.currency == "PEN"
    # ar_begin (04-01): INV1 1000 open; later INV5 and the 07-02 payment do not exist
    assert k.ar_begin_minor == 100000
    # credit sales in (04-01, 06-30]: INV2 2000 + INV4 500 + INV3 3000 = 5500
    assert k.credit_sales_minor == 550000
    # ar_end: INV1 1000 − 400 = 600, INV4 500, INV3 3000 → 4100; not yet due: INV3 3000
    assert k.ar_end_minor == 410000
    assert k.current_end_minor == 300000
    # collected: 400 (04-15) + 2000 (05-20)
    assert k.collected_minor == 240000
    # DSO = 4100 / 5500 × 90 = 67.0909…
    assert k.dso == Decimal("67.09")
    # best possible = 3000 / 5500 × 90 = 49.0909…
    assert k.best_possible_dso == Decimal("49.09")
    # ADD = DSO − best = 1100 / 5500 × 90 = 18
    assert k.add == Decimal("18.00")
    # CEI = (1000 + 5500 − 4100) / (1000 + 5500 − 3000) × 100 = 2400 / 3500 × 100 = 68.571…
    assert k.cei == Decimal("68.57")
    # % current = 3000 / 4100 × 100 = 73.170…
    assert k.pct_current == Decimal("73.17")
    # countback: (05-31, 06-30] 30 days, sales 3000 < 4100 → 30 days, 1100 left;
    # (04-30, 05-31] 31 days, sales 500 < 1100 → 31 days, 600 left;
    # (03-31, 04-30] 30 days, sales 2000 ≥ 600 → 600 / 2000 × 30 = 9 days.  30 + 31 + 9 = 70
    assert k.dso_countback == Decimal("70.00")
    # payment allocations in the period: 400 on 04-15 to INV1 (45 days after issue, 15 after due),
    # 2000 on 05-20 to INV2 (40 after issue, 10 after due)
    # to pay: (400×45 + 2000×40) / 2400 = 98000 / 2400 = 40.833…; late: (400×15 + 2000×10) / 2400 = 10.833…
    assert k.avg_days_to_pay == Decimal("40.83")
    assert k.avg_days_late == Decimal("10.83")


def test_roll_rates_by_hand(book):
    [k] = kpi_report(book, AS_OF, days=90).currencies
    # month ends in (04-01, 06-30]: 04-30, 05-31, 06-30 → two pairs
    assert [(r.from_date, r.to_date) for r in k.roll_rates] == [(D(2026, 4, 30), D(2026, 5, 31)),
                                                               (D(2026, 5, 31), D(2026, 6, 30))]
    first, second = (dict(r.rates) for r in k.roll_rates)
    # 04-30: current = INV2 2000 (paid 05-20 → nothing rolls: 0 %); 1-30 = INV1 600 (30 days late),
    # on 05-31 61 days late, still 600 open → 100 %; 31-60 and 61-90 empty → None
    assert first == {"current": Decimal("0.00"), "1-30": Decimal("100.00"), "31-60": None, "61-90": None}
    # 05-31: current = INV4 500 (INV3 not issued yet) → 06-30 16 days late, 500 open → 100 %;
    # 61-90 = INV1 600 → 91 days late on 06-30 → 100 %
    assert second == {"current": Decimal("100.00"), "1-30": None, "31-60": None, "61-90": Decimal("100.00")}


def test_roll_rates_follow_lines_that_existed_on_the_first_month_end(book):
    # a cash sale issued 05-10 and due the same day is 21 days late on 05-31, but it did not exist on
    # 04-30: it must not be counted as rolled out of 04-30's `current` (that would be 2500 / 2000 = 125 %)
    invoice(book, "A", "CASH", D(2026, 5, 10), 250000, D(2026, 5, 10))
    [k] = kpi_report(book, AS_OF, days=90).currencies
    assert dict(k.roll_rates[0].rates)["current"] == Decimal("0.00")


def test_roll_rates_grouped_by_due_date_for_long_periods(book, monkeypatch):
    """More than INLINE_PAIRS month pairs use the statement grouped by due date: the same numbers."""
    import app.reports.kpi as kpi_module

    inline = kpi_report(book, AS_OF, days=90)
    monkeypatch.setattr(kpi_module, "INLINE_PAIRS", 0)
    assert kpi_report(book, AS_OF, days=90) == inline
    long = kpi_report(book, AS_OF, days=365).currencies[0].roll_rates
    assert [r.from_date for r in long][:3] == [D(2025, 7, 31), D(2025, 8, 31), D(2025, 9, 30)]
    assert long[-2:] == inline.currencies[0].roll_rates


def test_without_roll_rates(book):
    full = kpi_report(book, AS_OF).currencies[0]
    cards = kpi_report(book, AS_OF, roll_rates=False).currencies[0]
    assert cards.roll_rates == () and cards == dataclasses.replace(full, roll_rates=())


def test_json_contract_and_rounding(book):
    data = report_to_dict(kpi_report(book, AS_OF))
    assert list(data) == ["as_of", "days", "currencies"]
    assert (data["as_of"], data["days"]) == ("2026-06-30", 90)
    [c] = data["currencies"]
    assert list(c) == ["currency", "credit_sales", "ar_begin", "ar_end", "current_end", "dso", "dso_countback",
                       "best_possible_dso", "add", "cei", "pct_current", "avg_days_to_pay", "avg_days_late",
                       "collected", "roll_rates"]
    assert (c["credit_sales"], c["ar_begin"], c["ar_end"], c["current_end"], c["collected"]) == \
        ("5500.00", "1000.00", "4100.00", "3000.00", "2400.00")
    assert (c["dso"], c["cei"], c["add"]) == (67.09, 68.57, 18.0)
    assert c["roll_rates"][0] == {"from": "2026-04-30", "to": "2026-05-31",
                                  "rates": {"current": 0.0, "1-30": 100.0, "31-60": None, "61-90": None}}
    json.dumps(data)  # serialisable as it is


def test_clp_has_no_decimals(session):
    _setup(session)
    # CLP 100000 issued 05-01 due 05-31; 40000 paid 06-10
    invoice(session, "CL", "B1", D(2026, 5, 1), 100000, D(2026, 5, 31))
    pay(session, "CL", D(2026, 6, 10), 40000)
    [k] = kpi_report(session, AS_OF).currencies
    # DSO = 60000 / 100000 × 90 = 54; best = 0; CEI = (0 + 100000 − 60000) / (0 + 100000 − 0) = 40 %
    assert (k.dso, k.best_possible_dso, k.add, k.cei, k.pct_current) == \
        (Decimal("54.00"), Decimal("0.00"), Decimal("54.00"), Decimal("40.00"), Decimal("0.00"))
    # 40000 paid 40 days after issue, 10 after due
    assert (k.avg_days_to_pay, k.avg_days_late) == (Decimal("40.00"), Decimal("10.00"))
    c = report_to_dict(kpi_report(session, AS_OF))["currencies"][0]
    assert (c["currency"], c["credit_sales"], c["ar_end"], c["collected"]) == ("CLP", "100000", "60000", "40000")


def test_zero_denominators_are_null(session):
    _setup(session)
    # only an old invoice, fully paid before the period: nothing sold, nothing open, nothing in the period
    invoice(session, "A", "OLD", D(2026, 1, 1), 10000, D(2026, 1, 31))
    pay(session, "A", D(2026, 2, 1), 10000)
    assert kpi_report(session, AS_OF).currencies == ()
    # an invoice issued and open in the period, not yet due: B + S − C = 0 + 500 − 500 = 0 → CEI null;
    # no payment allocation → average days null
    invoice(session, "A", "NEW", D(2026, 6, 20), 50000, D(2026, 7, 20))
    [k] = kpi_report(session, AS_OF).currencies
    assert (k.cei, k.avg_days_to_pay, k.avg_days_late) == (None, None, None)
    assert (k.dso, k.best_possible_dso, k.add, k.pct_current) == \
        (Decimal("90.00"), Decimal("90.00"), Decimal("0.00"), Decimal("100.00"))
    # the next 90 days: no credit sales → DSO, best, ADD null; paid in full → ar_end 0 → % current null
    pay(session, "A", D(2026, 7, 10), 50000)
    [k] = kpi_report(session, D(2026, 10, 1)).currencies
    assert (k.credit_sales_minor, k.ar_end_minor) == (0, 0)
    assert (k.dso, k.best_possible_dso, k.add, k.pct_current) == (None, None, None, None)
    assert k.dso_countback == Decimal("0.00")  # nothing outstanding: zero days of sales
    # CEI = (500 + 0 − 0) / (500 + 0 − 0) = 100 %
    assert k.cei == Decimal("100.00")
    data = report_to_dict(kpi_report(session, D(2026, 10, 1)))["currencies"][0]
    assert data["dso"] is None and data["pct_current"] is None


def test_void_and_later_documents_follow_the_as_of_rules(session):
    _setup(session)
    invoice(session, "A", "V1", D(2026, 5, 1), 100000, D(2026, 5, 31))
    invoice(session, "A", "V2", D(2026, 5, 2), 30000, D(2026, 6, 1))
    with session.begin():
        ledger.void_invoice(session, "V1", reason="wrong customer", on_date=D(2026, 7, 15))
        ledger.void_invoice(session, "V2", reason="duplicate", on_date=D(2026, 6, 10))
    # as of 06-30: V1 still exists (voided later), V2 does not
    [k] = kpi_report(session, AS_OF).currencies
    assert (k.credit_sales_minor, k.ar_end_minor) == (100000, 100000)
    # as of 07-31 the period is (05-02, 07-31]: both existed at its start, neither at its end
    [k] = kpi_report(session, D(2026, 7, 31)).currencies
    assert (k.ar_begin_minor, k.credit_sales_minor, k.ar_end_minor) == (130000, 0, 0)
    # as of 12-31 (period from 10-02) nothing of them is left at all
    assert kpi_report(session, D(2026, 12, 31)).currencies == ()


def test_credit_notes_and_write_offs_are_not_payments(session):
    _setup(session)
    invoice(session, "A", "W1", D(2026, 5, 1), 100000, D(2026, 5, 31))
    with session.begin():
        ledger.record_credit_note(session, customer_code="A", number="NC1", date=D(2026, 6, 5), amount_minor=20000,
                                  invoice_number="W1")
        ledger.write_off(session, invoice_number="W1", on_date=D(2026, 6, 20), reason="bankrupt")
    [k] = kpi_report(session, AS_OF).currencies
    assert (k.ar_end_minor, k.collected_minor, k.avg_days_to_pay) == (0, 0, None)
    # CEI = (0 + 1000 − 0) / (0 + 1000 − 0): credited and written-off amounts leave AR like collections
    assert k.cei == Decimal("100.00")


def test_unapplied_credit_is_not_netted(session):
    _setup(session)
    invoice(session, "A", "U1", D(2026, 6, 1), 100000, D(2026, 6, 15))
    pay(session, "A", D(2026, 5, 20), 30000)  # before the invoice: stays unapplied
    [k] = kpi_report(session, AS_OF).currencies
    assert (k.ar_end_minor, k.collected_minor) == (100000, 30000)


def test_countback_walks_further_back_than_the_window():
    # 1000 open; month sales newest first: 0, 0, 600, 1000 → 30 + 31 + 30 + 400/1000 × 31
    assert countback_dso(1000, [(30, 0), (31, 0), (30, 600), (31, 1000)]) == Decimal("103.4")
    assert countback_dso(1000, [(30, 400)]) is None
    assert countback_dso(0, []) == Decimal(0)


def test_countback_older_than_two_years(session):
    _setup(session)
    invoice(session, "A", "ANCIENT", D(2023, 6, 15), 100000, D(2023, 7, 15))
    [k] = kpi_report(session, AS_OF).currencies
    # no sales from 2023-06-30 to 2026-06-30 (36 month steps, 1096 days), then the step
    # (2023-05-31, 2023-06-30] has 1000 sold = the 1000 still open → 30 days more
    assert k.dso_countback == Decimal(1096 + 30)


def test_month_arithmetic():
    assert add_months(D(2026, 5, 31), -1) == D(2026, 4, 30)
    assert add_months(D(2026, 3, 31), -1) == D(2026, 2, 28)
    assert add_months(D(2026, 3, 15), -13) == D(2025, 2, 15)
    assert add_months(D(2026, 2, 28), 1) == D(2026, 3, 31)
    assert month_ends_in(D(2026, 4, 1), D(2026, 6, 30)) == [D(2026, 4, 30), D(2026, 5, 31), D(2026, 6, 30)]
    assert month_ends_in(D(2026, 4, 30), D(2026, 5, 30)) == []


def test_bad_days_rejected(session):
    with pytest.raises(KpiOptionError):
        kpi_report(session, AS_OF, days=0)


def test_cli_json_and_table(book, db_path, capsys):
    book.close()
    assert main(["--db", str(db_path), "kpi", "--as-of", "2026-06-30", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["currencies"][0]["dso"] == 67.09
    assert main(["--db", str(db_path), "kpi", "--as-of", "2026-06-30", "--days", "30", "--format", "table"]) == 0
    out = capsys.readouterr().out
    assert "PEN" in out and "2026-05-31" in out
    with pytest.raises(SystemExit) as exc:
        main(["--db", str(db_path), "kpi", "--as-of", "2026-06-30", "--days", "0"])
    assert exc.value.code == 2


def test_without_roll_rates_the_other_kpis_are_the_same(session):
    """The dashboard asks for no roll rates: everything else must be what the full report says."""
    import dataclasses

    from app.reports.kpi import kpi_report as _kpi

    as_of = dt.date(2026, 6, 30)
    with session.begin():
        ledger.ensure_default_terms(session)
        ledger.create_customer(session, code="RR", name="Roll")
        for n, (day, total) in enumerate(((dt.date(2026, 1, 10), 500_00), (dt.date(2026, 3, 5), 300_00),
                                          (dt.date(2026, 5, 20), 200_00))):
            ledger.record_invoice(session, customer_code="RR", number=f"RR-{n}", issue_date=day,
                                  total_minor=total, currency="PEN", payment_terms="NET30")
        ledger.record_payment(session, customer_code="RR", date=dt.date(2026, 4, 15), amount_minor=600_00,
                              currency="PEN")
    full, short = _kpi(session, as_of, 180), _kpi(session, as_of, 180, roll_rates=False)
    assert full.currencies and all(c.roll_rates for c in full.currencies)
    assert [dataclasses.replace(c, roll_rates=()) for c in full.currencies] == list(short.currencies)
