import datetime as dt
import json

import pytest

from app import ledger
from app.cli import main
from app.collections.scoring import abc_classes, score_customers, train
from tests.factories import make_customer

from .conftest import AS_OF, build_history  # noqa: F401 - fixtures history, history_file live there

D = dt.date




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
