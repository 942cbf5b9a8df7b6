"""Cash-flow forecast over a hand-built history: every placement worked out by hand."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest

from app import ledger
from app.cli import main
from app.reports.forecast import (
    ExpectedReceipt,
    ForecastOptionError,
    HistoricalLateness,
    LatenessModel,
    cash_forecast,
    forecast_csv_rows,
    forecast_to_dict,
    round_days,
    week_of,
)
from tests.factories import fresh, invoice, pay

D = dt.date
AS_OF = D(2026, 6, 30)


def build_book(session):
    """History (settled lines):
      A: H1 1000 due 03-31 paid 04-20 (+20 days), H2 3000 due 04-30 paid 05-10 (+10)
         → A's lateness (1000×20 + 3000×10) / 4000 = 12.5 → 13 days
      C: CH 1000 due 05-31 paid 05-26 (−5) → −5 days
      B: no history → default over everybody (1000×20 + 3000×10 − 1000×5) / 5000 = 9 days
    Open on 06-30:
      A  P1 2000 due 06-20, 500 paid 06-25 → 1500 open, overdue; 06-20 + 13 = 07-03 → week 1
      A  O2  800 due 05-01, overdue; 05-14 is already past → week 1
      A  F1 1000 due 07-10 → 07-23 → 23 days → week 4
      B  B1  700 due 07-05 → 07-14 → 14 days → week 2
      C  C1  400 due 07-31 → 07-26 → 26 days → week 4
      A  A9 1200 due 09-30 → beyond 4 weeks
    Later documents (ignored as of 06-30): invoice L1 issued 07-02, payment of P1 on 07-01."""
    with session.begin():
        ledger.ensure_default_terms(session)
        for code in "ABC":
            ledger.create_customer(session, code=code, name=f"Cliente {code}", currency="PEN")
    invoice(session, "A", "H1", D(2026, 3, 1), 100000, D(2026, 3, 31))
    pay(session, "A", D(2026, 4, 20), 100000, "H1")
    invoice(session, "A", "H2", D(2026, 4, 1), 300000, D(2026, 4, 30))
    pay(session, "A", D(2026, 5, 10), 300000, "H2")
    invoice(session, "C", "CH", D(2026, 5, 1), 100000, D(2026, 5, 31))
    pay(session, "C", D(2026, 5, 26), 100000, "CH")
    invoice(session, "A", "P1", D(2026, 6, 1), 200000, D(2026, 6, 20))
    pay(session, "A", D(2026, 6, 25), 50000, "P1")
    invoice(session, "A", "O2", D(2026, 4, 1), 80000, D(2026, 5, 1))
    invoice(session, "A", "F1", D(2026, 6, 10), 100000, D(2026, 7, 10))
    invoice(session, "B", "B1", D(2026, 6, 5), 70000, D(2026, 7, 5))
    invoice(session, "C", "C1", D(2026, 6, 15), 40000, D(2026, 7, 31))
    invoice(session, "A", "A9", D(2026, 6, 20), 120000, D(2026, 9, 30))
    invoice(session, "A", "L1", D(2026, 7, 2), 999900, D(2026, 7, 3))
    pay(session, "A", D(2026, 7, 1), 150000, "P1")
    fresh(session)
    return session


@pytest.fixture
def book(session):
    return build_book(session)


def _ids(s):
    from sqlalchemy import select

    from app.models import Customer
    return dict(s.execute(select(Customer.code, Customer.id)).all())


def test_lateness_model_by_hand(book):
    ids = _ids(book)
    model = HistoricalLateness.fit(book, AS_OF)
    assert model.expected_days_late(ids["A"]) == pytest.approx(12.5)
    assert model.expected_days_late(ids["C"]) == pytest.approx(-5)
    assert model.expected_days_late(ids["B"]) == pytest.approx(9.0)
    assert isinstance(model, LatenessModel)
    # as of 05-15 only H1 and H2 are settled: A 12.5, default 12.5
    early = HistoricalLateness.fit(book, D(2026, 5, 15))
    assert early.default == pytest.approx(12.5) and ids["C"] not in early.per_customer


def test_weeks_by_hand(book):
    fc = cash_forecast(book, AS_OF, weeks=4)
    [c] = fc.currencies
    assert [(w.week_start, w.week_end) for w in c.weeks] == [
        (D(2026, 7, 1), D(2026, 7, 7)), (D(2026, 7, 8), D(2026, 7, 14)),
        (D(2026, 7, 15), D(2026, 7, 21)), (D(2026, 7, 22), D(2026, 7, 28))]
    assert [w.expected_minor for w in c.weeks] == [150000 + 80000, 70000, 0, 100000 + 40000]
    assert [w.from_overdue_minor for w in c.weeks] == [230000, 0, 0, 0]
    assert (c.beyond_minor, c.beyond_from_overdue_minor) == (120000, 0)
    # open = 1500 + 800 + 1000 + 700 + 400 + 1200 = 5600, of which overdue 1500 + 800
    assert (c.open_minor, c.overdue_minor) == (560000, 230000)
    assert sum(w.expected_minor for w in c.weeks) + c.beyond_minor == c.open_minor
    assert fc.default_days_late == pytest.approx(9.0)


def test_pluggable_model_and_promise_source(book):
    class OnTime:
        def expected_days_late(self, customer_id: int) -> float:
            return 0.0

    ids = _ids(book)

    class Promises:
        def receipts(self, session, as_of):
            from sqlalchemy import select

            from app.models import Invoice
            f1 = session.scalar(select(Invoice.id).where(Invoice.number == "F1"))
            return [ExpectedReceipt(ids["A"], "PEN", D(2026, 7, 2), 30000, "test", (f1,))]

    fc = cash_forecast(book, AS_OF, weeks=4, model=OnTime(), sources=[Promises()])
    [c] = fc.currencies
    # on time: P1 (06-20) and O2 (05-01) past → week 1; B1 07-05 → week 1; F1 07-10 → week 2, but 300 of it
    # promised for 07-02 → week 1; C1 07-31 → 31 days → week 5 = beyond; A9 beyond
    assert [w.expected_minor for w in c.weeks] == [150000 + 80000 + 70000 + 30000, 70000, 0, 0]
    assert [w.from_overdue_minor for w in c.weeks] == [230000, 0, 0, 0]
    assert c.beyond_minor == 40000 + 120000
    assert fc.model == "OnTime" and fc.default_days_late is None
    assert ids  # customers exist


def test_json_and_csv_shapes(book):
    fc = cash_forecast(book, AS_OF, weeks=2)
    data = forecast_to_dict(fc)
    assert list(data) == ["as_of", "horizon_weeks", "model", "default_days_late", "weeks", "beyond", "currencies"]
    assert data["weeks"][0] == {"week": 1, "week_start": "2026-07-01", "week_end": "2026-07-07",
                                "currency": "PEN", "expected": "2300.00", "from_overdue": "2300.00",
                                "from_commitments": "0.00"}
    assert data["beyond"] == [{"currency": "PEN", "after": "2026-07-14", "expected": "2600.00",
                               "from_overdue": "0.00", "from_commitments": "0.00"}]
    assert data["currencies"] == [{"currency": "PEN", "open": "5600.00", "overdue": "2300.00",
                                   "expected_in_horizon": "3000.00", "committed": "0.00"}]
    rows = forecast_csv_rows(fc)
    assert rows[0] == ("currency", "week", "week_start", "week_end", "expected", "from_overdue", "from_commitments")
    assert rows[-1] == ("PEN", "beyond", "2026-07-15", "", "2600.00", "0.00", "0.00")


def add_commitments(book):
    from app.collections.agreements import create_agreement
    from app.collections.promises import add_promise

    fresh(book)
    with book.begin():
        # O2 (800, overdue since 05-01) rescheduled on 06-20 into two monthly installments from 07-05
        view = create_agreement(book, customer_code="A", invoice_numbers=["O2"], installments=2, every="month",
                                start=D(2026, 7, 5), agreed_on=D(2026, 6, 20))
        # B promises 300 on 07-20; an older promise of C (06-10, 2 days' grace) is past and broken
        add_promise(book, customer_code="B", promised_date=D(2026, 7, 20), amount_minor=30000,
                    made_on=D(2026, 6, 25))
        add_promise(book, customer_code="C", promised_date=D(2026, 6, 10), amount_minor=40000,
                    made_on=D(2026, 6, 1))
    return view


def test_agreements_and_promises_come_before_the_model(book):
    view = add_commitments(book)
    assert [(i.due_date, i.amount_minor) for i in view.installments] == [(D(2026, 7, 5), 40000),
                                                                         (D(2026, 8, 5), 40000)]
    [c] = cash_forecast(book, AS_OF, weeks=4).currencies
    # week 1: P1 1500 by the model + O2's first installment 400 (07-05); both overdue lines
    # week 2: B1 700 − 300 promised = 400 by the model (07-14); week 3: B's promise 300 (07-20)
    # week 4: F1 1000 + C1 400 by the model (C's broken promise does not count)
    # beyond: A9 1200 + O2's second installment 400 (08-05)
    assert [w.expected_minor for w in c.weeks] == [190000, 40000, 30000, 140000]
    assert [w.from_commitments_minor for w in c.weeks] == [40000, 0, 30000, 0]
    assert [w.from_overdue_minor for w in c.weeks] == [190000, 0, 0, 0]
    assert (c.beyond_minor, c.beyond_from_overdue_minor, c.beyond_from_commitments_minor) == (160000, 40000, 40000)
    assert c.committed_minor == 110000 and c.open_minor == 560000
    # before the agreement and the promise existed, the model places everything
    [before] = cash_forecast(book, D(2026, 6, 19), weeks=4).currencies
    assert before.committed_minor == 0
    # without sources, the model alone
    [plain] = cash_forecast(book, AS_OF, weeks=4, sources=()).currencies
    assert [w.expected_minor for w in plain.weeks] == [230000, 70000, 0, 140000]
    # 500 paid on O2 on 06-28: the first installment (400) is paid and 100 of the second; its other 300
    # stays on 08-05 (beyond)
    pay(book, "A", D(2026, 6, 28), 50000, "O2")
    [c] = cash_forecast(book, AS_OF, weeks=4).currencies
    assert [w.expected_minor for w in c.weeks] == [150000, 40000, 30000, 140000]
    assert (c.beyond_minor, c.beyond_from_commitments_minor, c.open_minor) == (150000, 30000, 510000)


def test_clp_and_currencies_apart(session):
    with session.begin():
        ledger.ensure_default_terms(session)
        ledger.create_customer(session, code="CL", name="Chile Ltda", country="CL", currency="CLP")
    invoice(session, "CL", "X1", D(2026, 6, 1), 150000, D(2026, 7, 1))
    invoice(session, "CL", "X2", D(2026, 6, 1), 2500, D(2026, 7, 1), currency="USD")
    fc = cash_forecast(session, AS_OF, weeks=1)
    assert [c.currency for c in fc.currencies] == ["CLP", "USD"]
    data = forecast_to_dict(fc)
    assert [w["expected"] for w in data["weeks"]] == ["150000", "25.00"]


def test_helpers():
    assert (round_days(12.5), round_days(-2.5), round_days(0.49), round_days(-0.2)) == (13, -3, 0, 0)
    assert week_of(D(2026, 6, 1), AS_OF) == 1
    assert week_of(D(2026, 7, 7), AS_OF) == 1
    assert week_of(D(2026, 7, 8), AS_OF) == 2


def test_bad_weeks(session):
    with pytest.raises(ForecastOptionError):
        cash_forecast(session, AS_OF, weeks=0)


def test_cli(book, db_path, capsys):
    book.close()
    assert main(["--db", str(db_path), "forecast", "--as-of", "2026-06-30", "--weeks", "4", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [w["expected"] for w in data["weeks"]] == ["2300.00", "700.00", "0.00", "1400.00"]
    assert main(["--db", str(db_path), "forecast", "--as-of", "2026-06-30", "--format", "csv"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert len(rows) == 1 + 12 + 1
    with pytest.raises(SystemExit) as exc:
        main(["--db", str(db_path), "forecast", "--as-of", "2026-06-30", "--weeks", "0"])
    assert exc.value.code == 2
