"""The stored risk snapshot and what reads it: the forecast's expected days late, today's tasks."""

import datetime as dt
import json

from sqlalchemy import select, update

from app import ledger
from app.cli import main
from app.collections.risk_snapshot import compute_risk_if_stale, is_stale, refresh_risk, snapshot_as_of, stored_risk
from app.collections.tasks import task_risk
from app.models import Customer, CustomerRisk
from app.reports.forecast import cash_forecast, week_of
from tests.factories import make_customer, make_invoice

from .conftest import AS_OF


def _rows(s):
    rows = {code: (r.probability, r.expected_days_late, r.segment) for r, code in s.execute(
        select(CustomerRisk, Customer.code).join(Customer, Customer.id == CustomerRisk.customer_id))}
    s.rollback()
    return rows


def test_refresh_stores_every_scored_customer_and_is_idempotent(history):
    s = history
    assert snapshot_as_of(s) is None and is_stale(s, AS_OF)
    s.rollback()
    with s.begin():
        model, scores = refresh_risk(s, as_of=AS_OF)
    first = _rows(s)
    assert len(first) == len(scores) == 20 and model.method == "logistic_regression"
    late, good = first["LATE00"], first["GOOD01"]
    assert late[0] > good[0] and late[1] > good[1] + 30  # riskier and expected much later
    with s.begin():
        refresh_risk(s, as_of=AS_OF)
    assert _rows(s) == first
    stored = stored_risk(s, "LATE00", lang="es")
    assert stored.band in ("high", "very_high") and stored.reasons and "días" in " ".join(stored.reasons)
    assert not is_stale(s, AS_OF + dt.timedelta(days=7)) and is_stale(s, AS_OF + dt.timedelta(days=8))
    s.rollback()
    assert compute_risk_if_stale(s, today=AS_OF + dt.timedelta(days=3)) is None  # fresh: nothing to redo


def test_forecast_places_receipts_by_the_stored_expected_days_late(history):
    s = history
    with s.begin():
        for code in ("LATE00", "GOOD01"):
            make_invoice(s, number=f"OPEN-{code}", customer=code, issued=AS_OF - dt.timedelta(days=20),
                         due=AS_OF + dt.timedelta(days=3), amount="1000.00", currency="USD")
        refresh_risk(s, as_of=AS_OF)
        # pin the stored values so the expected weeks are known exactly
        ids = dict(s.execute(select(Customer.code, Customer.id)).all())
        s.execute(update(CustomerRisk).where(CustomerRisk.customer_id == ids["LATE00"]).values(expected_days_late=40))
        s.execute(update(CustomerRisk).where(CustomerRisk.customer_id == ids["GOOD01"]).values(expected_days_late=0))
    fc = cash_forecast(s, AS_OF, weeks=12, sources=())
    assert fc.model == "model"
    due = AS_OF + dt.timedelta(days=3)
    usd = fc.for_currency("USD")  # only the two open invoices above are in dollars
    weeks = {w.week: w.expected_minor for w in usd.weeks if w.expected_minor}
    # GOOD01's invoice in the week it falls due, LATE00's 40 days later (history alone says ~60-75)
    assert weeks == {week_of(due, AS_OF): 100000, week_of(due + dt.timedelta(days=40), AS_OF): 100000}
    # a forecast of a day before the snapshot does not use it (it would learn from its future)
    assert cash_forecast(s, AS_OF - dt.timedelta(days=1), weeks=4, sources=()).model == "historical"
    s.rollback()


def test_tasks_take_the_risk_from_the_snapshot_and_fall_back_for_new_customers(history):
    s = history
    with s.begin():
        refresh_risk(s, as_of=AS_OF)
        make_customer(s, code="NEW01", name="Nuevo S.A.C.")
    ids = dict(s.execute(select(Customer.code, Customer.id)).all())
    stored = dict(s.execute(select(CustomerRisk.customer_id, CustomerRisk.probability)).all())
    risk = task_risk(s, {ids["LATE00"], ids["NEW01"]}, AS_OF)
    assert risk[ids["LATE00"]] == float(stored[ids["LATE00"]])
    assert abs(risk[ids["NEW01"]] - 1 / 3) < 1e-9  # the smoothed prior of a customer with no history
    s.rollback()


def test_score_cli_saves_the_snapshot_unless_told_not_to(history_file, tmp_path, capsys):
    import shutil

    db = tmp_path / "cli.sqlite"
    shutil.copy(history_file, db)
    assert main(["--db", str(db), "score", "--as-of", AS_OF.isoformat(), "--no-save"]) == 0
    capsys.readouterr()
    from app.database import open_database, session_factory

    engine = open_database(str(db))
    with session_factory(engine)() as s:
        assert snapshot_as_of(s) is None
    assert main(["--db", str(db), "score", "--as-of", AS_OF.isoformat()]) == 0
    out = json.loads(capsys.readouterr().out)
    with session_factory(engine)() as s:
        assert snapshot_as_of(s) == AS_OF
        assert len(_rows(s)) == len(out) == 20
    engine.dispose()
    assert ledger  # the ledger package is what built the history file


def test_the_app_refreshes_a_stale_snapshot_in_a_lower_priority_process(history_file, tmp_path, qtbot):
    """Training runs in a separate process below the GUI's priority (never a thread of the GUI's process);
    what it stored reaches the pages as a change of the "risk" area."""
    import os
    import shutil

    from app.database import open_database, session_factory
    from app.ui.risk_process import RiskRefresher
    from app.ui.tasks import TaskRunner

    db = tmp_path / "bg.sqlite"
    shutil.copy(history_file, db)
    engine = open_database(str(db))
    runner = TaskRunner(session_factory(engine))
    refresher = RiskRefresher(runner, str(engine.url))
    with qtbot.waitSignal(runner.data_changed, timeout=60000) as changed, \
            qtbot.waitSignal(refresher.finished, timeout=60000) as finished:
        assert refresher.start(AS_OF)
        pid = refresher.process.processId()
        assert pid and pid != os.getpid()
        assert not refresher.start(AS_OF)  # one worker at a time
    assert finished.args == [20] and changed.args[0].concerns({"risk"})
    if hasattr(os, "nice"):
        assert refresher.result["nice"] > os.nice(0)
    with session_factory(engine)() as s:
        assert snapshot_as_of(s) == AS_OF and len(_rows(s)) == 20
    # fresh now: a second start stores nothing and says nothing changed
    with qtbot.waitSignal(refresher.finished, timeout=60000) as again:
        refresher.start(AS_OF)
    assert again.args == [0]
    engine.dispose()


def test_stopping_the_worker_kills_it_and_keeps_the_stored_snapshot(history_file, tmp_path, qtbot):
    import shutil

    from PySide6.QtCore import QProcess

    from app.database import open_database, session_factory
    from app.ui.risk_process import RiskRefresher
    from app.ui.tasks import TaskRunner

    db = tmp_path / "kill.sqlite"
    shutil.copy(history_file, db)
    engine = open_database(str(db))
    runner = TaskRunner(session_factory(engine))
    refresher = RiskRefresher(runner, str(engine.url))
    refresher.start(AS_OF)
    process = refresher.process
    refresher.stop()
    assert process.state() == QProcess.ProcessState.NotRunning and not refresher.running()
    with session_factory(engine)() as s:
        assert snapshot_as_of(s) is None
    engine.dispose()
