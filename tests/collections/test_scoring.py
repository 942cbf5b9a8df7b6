import datetime as dt
import json
import random

import pytest

from app import ledger
from app.cli import main
from app.collections.scoring import abc_classes, score_customers, train
from tests.factories import make_customer

D = dt.date
AS_OF = D(2026, 6, 30)


def build_history(s, customers=16, invoices=12, seed=3):
    """Half the customers pay about 60 days late, half about on time; deterministic."""
    rng = random.Random(seed)
    with s.begin():
        for c in range(customers):
            late = c % 2 == 0
            code = f"{'LATE' if late else 'GOOD'}{c:02d}"
            make_customer(s, code=code, name=f"Cliente {code}")
            for i in range(invoices):
                issued = D(2025, 3, 1) + dt.timedelta(days=30 * i + rng.randint(0, 10))
                amount = rng.randint(100, 5000) * 100
                inv = ledger.record_invoice(s, customer_code=code, number=f"{code}-{i}", issue_date=issued,
                                            total_minor=amount)
                due = inv.due_lines[0].due_date
                pay = due + dt.timedelta(days=rng.randint(45, 90) if late else rng.randint(-5, 8))
                if pay <= AS_OF:
                    ledger.record_payment(s, customer_code=code, date=pay, amount_minor=amount,
                                          invoice_number=inv.number)


@pytest.fixture(scope="module")
def history_file(tmp_path_factory):
    """One 16-customer history built through the ledger, copied for each test that only reads it."""
    from app.database import open_database, session_factory

    path = tmp_path_factory.mktemp("scoring") / "history.sqlite"
    engine = open_database(str(path))
    with session_factory(engine)() as s:
        build_history(s, customers=20, invoices=14)
    engine.dispose()
    return path


@pytest.fixture
def history(history_file, tmp_path):
    import shutil

    from app.database import open_database, session_factory

    copy = tmp_path / "copy.sqlite"
    shutil.copy(history_file, copy)
    engine = open_database(str(copy))
    with session_factory(engine)() as s:
        yield s
    engine.dispose()


def test_model_separates_late_payers_and_explains_why(history):
    session = history
    model, scores = score_customers(session, as_of=AS_OF, lang="en")
    assert model.method == "logistic_regression"
    late = [s for s in scores if s.code.startswith("LATE")]
    good = [s for s in scores if s.code.startswith("GOOD")]
    assert min(s.probability for s in late) > max(s.probability for s in good)
    assert all(s.band in ("high", "very_high") for s in late)
    assert all(s.band == "low" for s in good)
    assert any("days late" in r for s in late for r in s.reasons)
    assert all(s.expected_days_late > 30 for s in late) and all(s.expected_days_late < 15 for s in good)
    assert {s.segment.split("-")[0] for s in scores} <= {"A", "B", "C"}


def test_time_split_evaluation_reports_auc_and_calibration(history):
    model = train(history, as_of=AS_OF, with_evaluation=True)
    ev = model.evaluation
    assert ev.train_examples > ev.test_examples > 0
    assert ev.auc is not None and ev.auc > 0.9
    assert ev.brier is not None and 0 <= ev.brier < 0.25
    assert len(ev.calibration) >= 2


def test_little_history_falls_back_to_the_historical_rate(session):
    with session.begin():
        make_customer(session, code="NEW")
        ledger.record_invoice(session, customer_code="NEW", number="N1", issue_date=D(2026, 6, 1), total_minor=100)
    model, [score] = score_customers(session, as_of=AS_OF, lang="es")
    assert model.method == "historical_rate"
    assert score.probability == pytest.approx(1 / 3, abs=0.01)
    assert "tasa histórica" in score.reasons[0]


def test_abc_classes_by_balance_share():
    balances = {1: ("PEN", 800), 2: ("PEN", 150), 3: ("PEN", 50), 4: ("USD", 10)}
    assert abc_classes(balances) == {1: "A", 2: "B", 3: "C", 4: "A"}


def test_score_cli_contract(history_file, tmp_path, capsys):
    import shutil

    db = tmp_path / "cli.sqlite"
    shutil.copy(history_file, db)
    assert main(["--db", str(db), "score", "--as-of", "2026-06-30", "--format", "json", "--lang", "en"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {"code", "score", "band", "segment", "reasons"} <= set(rows[0])
    assert len(rows) == 20
    assert all(0 <= r["score"] <= 100 for r in rows)


def test_lines_with_the_same_dates_one_paid_one_open(session):
    """Regression: sorting a history must not compare a payment date with None."""
    with session.begin():
        make_customer(session, code="TWIN")
        for n in ("T1", "T2"):
            ledger.record_invoice(session, customer_code="TWIN", number=n, issue_date=D(2026, 1, 5), total_minor=100)
        ledger.record_payment(session, customer_code="TWIN", date=D(2026, 2, 1), amount_minor=100,
                              invoice_number="T1")
    _model, [score] = score_customers(session, as_of=AS_OF)
    assert score.code == "TWIN" and 0 <= score.probability <= 1
