import datetime as dt
import json

import pytest
from sqlalchemy import select

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


def test_scores_in_both_languages_come_from_one_batch_equal_to_one_customer_at_a_time(history):
    from app.collections.features import features_at
    from app.collections.scoring import reasons_for, score_in_languages
    from app.models import Customer

    session = history
    model, by_language = score_in_languages(session, as_of=AS_OF, languages=("en", "es"))
    ids = dict(session.execute(select(Customer.code, Customer.id)).all())
    en, es = by_language["en"], by_language["es"]
    assert [s.code for s in en] == [s.code for s in es] and len(en) > 10
    for s_en, s_es in zip(en, es):
        x = features_at(model.book.history(ids[s_en.code]), AS_OF)
        assert s_en.probability == s_es.probability == round(model.probability(x), 4)
        assert s_en.expected_days_late == round(model.days_late(x), 1)
        assert s_en.reasons == reasons_for(model, x, "en") and s_es.reasons == reasons_for(model, x, "es")


def test_training_examples_are_the_most_recent_lines_with_a_known_outcome(history, monkeypatch):
    """The most recent lines by issue date (ties by customer, then due date), each with features_at of
    its customer on its issue date, computed line by line from the customer's history."""
    import math

    from app.collections import scoring
    from app.collections.features import features_at, load_book, load_histories

    histories = load_histories(history, AS_OF)
    known_by = AS_OF - dt.timedelta(days=scoring.LATE)
    every = sorted(((issue, cid, due, settled) for cid, h in histories.items() for issue, due, settled, _a in h.lines
                    if due <= known_by), key=lambda e: e[:3])
    monkeypatch.setattr(scoring, "MAX_EXAMPLES", len(every) // 2)
    examples = scoring.build_examples(load_book(history, AS_OF), AS_OF)
    kept = every[-(len(every) // 2):]
    assert len(examples) == len(kept) < len(every)
    for i, (k_issue, cid, due, settled) in enumerate(kept):
        assert examples.issue_date(i) == k_issue and examples.X[i].tolist() == features_at(histories[cid], k_issue)
        days = (settled - due).days if settled else None
        assert (math.isnan(examples.days_late[i]) if days is None else examples.days_late[i] == days)
        assert examples.late[i] == (days is None or days > scoring.LATE)


def test_the_forecast_hook_is_the_models_days_late_on_the_as_of_date(history):
    from app.collections.features import features_at
    from app.models import Customer

    model = train(history, as_of=AS_OF)
    ids = dict(history.execute(select(Customer.code, Customer.id)).all())
    for code in ("LATE00", "GOOD01"):
        x = features_at(model.book.history(ids[code]), AS_OF)
        assert model.expected_days_late(ids[code]) == model.days_late(x)
    assert model.expected_days_late(max(ids.values()) + 1) == model.fallback_days_late  # no lines: the mean
