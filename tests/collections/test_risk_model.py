"""The risk model's NumPy arithmetic (app.collections.risk_model) against definitions worked by hand."""

import subprocess
import sys

import numpy as np
import pytest

from app.collections.risk_model import (
    brier,
    calibration_curve,
    fit_boosted_trees,
    fit_logistic,
    roc_auc,
)


def _data(n=2000, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, 3)) * [1.0, 5.0, 0.1] + [0.0, 10.0, 2.0]
    z = 1.5 * (X[:, 0]) - 0.2 * (X[:, 1] - 10) + 0.0 * X[:, 2] - 0.5
    y = (rng.random(n) < 1 / (1 + np.exp(-z))).astype(int)
    return X, y


def test_logistic_regression_reaches_the_penalised_optimum():
    """At the optimum of ½‖w‖² + C Σ log-loss the gradient is zero: w = C Σ (y − p) x̃, Σ (y − p) = 0."""
    X, y = _data()
    m = fit_logistic(X, y, C=1.0)
    p = m.predict_proba(X)[:, 1]
    Z = (X - np.array(m.scaler.mean_)) / np.array(m.scaler.scale_)
    assert np.allclose(np.array(m.coef), Z.T @ (y - p), atol=1e-6)
    assert abs(float(np.sum(y - p))) < 1e-6
    assert m.coef[0] > 1 and m.coef[1] < -0.5  # the signs and sizes it was made with (scaled)


def test_logistic_probabilities_are_probabilities_even_far_out():
    X, y = _data()
    m = fit_logistic(X, y)
    p = m.predict_proba([[1e6, 0, 0], [-1e6, 0, 0]])
    assert np.all(np.isfinite(p)) and np.allclose(p.sum(axis=1), 1)
    assert p[0, 1] > 0.999 and p[1, 1] < 0.001


def test_boosted_trees_learn_a_step_and_an_interaction_a_line_cannot():
    rng = np.random.default_rng(1)
    X = rng.uniform(0, 10, size=(4000, 2))
    y = np.where(X[:, 0] > 5, 60.0, 0.0) + np.where((X[:, 0] > 5) & (X[:, 1] > 5), 40.0, 0.0)
    m = fit_boosted_trees(X, y)
    pred = m.predict([[2, 2], [8, 2], [8, 8], [2, 8]])
    assert pred == pytest.approx([0, 60, 100, 0], abs=3)
    assert m.predict([[100, 100]])[0] <= 100  # never beyond what it learnt from


def test_auc_brier_and_calibration_by_hand():
    y = [0, 0, 1, 1, 0, 1]
    p = [0.1, 0.4, 0.35, 0.8, 0.4, 0.9]
    # pairs (pos, neg): 0.35 beats 0.1 only; 0.8 and 0.9 beat all three; 9 pairs, 7 wins
    assert roc_auc(y, p) == pytest.approx(7 / 9)
    assert roc_auc([0, 1, 0, 1], [0.5, 0.5, 0.5, 0.5]) == pytest.approx(0.5)  # ties count half
    assert brier(y, p) == pytest.approx(np.mean((np.array(p) - np.array(y)) ** 2))
    observed, predicted = calibration_curve([0, 0, 1, 1], [0.1, 0.2, 0.7, 0.9], n_bins=2)
    assert list(observed) == [0, 1] and list(predicted) == pytest.approx([0.15, 0.8])


def test_scoring_needs_neither_scikit_learn_nor_scipy(history_file):
    """The bundle leaves them out (docs/benchmarks.md): training and scoring must not import them."""
    code = (
        "import sys, datetime as dt\n"
        "from app.database import open_database, session_factory\n"
        "from app.collections.scoring import train, score_customers\n"
        f"s = session_factory(open_database({str(history_file)!r}))()\n"
        "m = train(s, as_of=dt.date(2026, 6, 30), with_evaluation=True)\n"
        "assert m.method == 'logistic_regression', m.method\n"
        "score_customers(s, as_of=dt.date(2026, 6, 30), model=m)\n"
        "bad = sorted(n for n in sys.modules if n.split('.')[0] in ('sklearn', 'scipy', 'threadpoolctl'))\n"
        "print(bad)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"
