"""The card's score (app.collections.risk_snapshot.customer_risk): the stored snapshot when there is one,
else scored with a model the caller's TrainedModels trains once per database and day."""

from __future__ import annotations

from app.collections.risk_snapshot import TrainedModels, customer_risk, refresh_risk

from .conftest import AS_OF, build_history  # noqa: F401 - fixtures history, history_file live there


def test_without_a_snapshot_the_model_is_trained_once_and_reused(history):
    models = TrainedModels()
    first = customer_risk(history, "LATE00", as_of=AS_OF, lang="en", models=models)
    model = models.get(history, AS_OF)
    second = customer_risk(history, "GOOD01", as_of=AS_OF, lang="en", models=models)
    assert models.get(history, AS_OF) is model  # not trained again
    assert first.code == "LATE00" and second.code == "GOOD01" and first.reasons
    assert customer_risk(history, "LATE00", as_of=AS_OF, lang="en") == first  # the same score, trained afresh


def test_a_stored_snapshot_is_what_the_card_shows(history):
    with history.begin():
        _, scores = refresh_risk(history, as_of=AS_OF, lang="es")
    stored = customer_risk(history, "LATE00", as_of=AS_OF, lang="es", models=TrainedModels())
    [expected] = [s for s in scores if s.code == "LATE00"]
    assert (stored.customer_code, stored.band, stored.segment, stored.as_of) == ("LATE00", expected.band,
                                                                                expected.segment, AS_OF)
