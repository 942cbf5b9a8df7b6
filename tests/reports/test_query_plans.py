"""How SQLite runs the reports' big statements: shapes whose cost grows with the square of the data.

No timings: the plan says whether a per-line lookup uses an index. A lookup that scans a whole
materialized table for each line is fine on a test database and takes minutes on a real one (the aging
as of a past date, with many allocations after it, took over five minutes at 1,000,000 invoices).
"""

import datetime as dt
import re

import pytest
from sqlalchemy import event

from app.database import open_database, session_factory
from app.demo import generate_demo
from app.reports.aging import aging_report
from app.reports.dashboard import dashboard

AS_OF = dt.date(2026, 6, 30)
EARLIER = AS_OF - dt.timedelta(days=60)  # many allocations are dated after this


@pytest.fixture(scope="module")
def demo_engine(tmp_path_factory):
    engine = open_database(str(tmp_path_factory.mktemp("plans") / "demo.sqlite"))
    with session_factory(engine)() as s, s.begin():
        generate_demo(s, customers=60, invoices=600, seed=4, as_of=AS_OF)
    yield engine
    engine.dispose()


def _plans(engine, run) -> list[str]:
    plans = []

    def explain(conn, cursor, statement, params, context, executemany):
        if statement.lstrip().upper().startswith(("SELECT", "WITH")):
            rows = cursor.connection.execute("EXPLAIN QUERY PLAN " + statement, params or ()).fetchall()
            plans.append("\n".join(r[-1] for r in rows))

    event.listen(engine, "before_cursor_execute", explain)
    try:
        with session_factory(engine)() as s:
            run(s)
    finally:
        event.remove(engine, "before_cursor_execute", explain)
    return plans


@pytest.mark.parametrize("as_of", [AS_OF, EARLIER])
@pytest.mark.parametrize("report", ["aging", "dashboard"])
def test_allocations_after_the_date_are_looked_up_by_index(demo_engine, report, as_of):
    run = {"aging": lambda s: aging_report(s, as_of),
           "dashboard": lambda s: dashboard(s, as_of)}[report]
    plans = _plans(demo_engine, run)
    joined = [p for p in plans if "later" in p]
    assert joined or as_of == AS_OF
    for plan in joined:
        assert not re.search(r"^SCAN later LEFT-JOIN$", plan, re.M), plan
        if "LEFT-JOIN" in plan and "later" in plan:
            assert re.search(r"SEARCH later USING (AUTOMATIC )?(COVERING )?INDEX", plan), plan


def test_open_lines_are_read_from_the_partial_index_when_nothing_is_allocated_later(demo_engine):
    """As of a date with nothing allocated after it, the aging and the reminder run read the open lines from
    ix_due_line_open and each invoice by its key. Without statistics SQLite otherwise walked every invoice by
    its issue date (or every line by its due date) to find the open ones: twice the time at 1M invoices."""
    from app.reminders.run import _open_items_all

    later = AS_OF + dt.timedelta(days=400)  # after every allocation of the demo
    for run in (lambda s: aging_report(s, later), lambda s: _open_items_all(s, later, later)):
        plans = [p for p in _plans(demo_engine, run) if "due_line" in p]
        assert plans
        for plan in plans:
            assert re.search(r"^SCAN due_line USING (COVERING )?INDEX ix_due_line_open$", plan, re.M), plan
            assert "ix_invoice_issue_sales" not in plan and "ix_due_line_due_date" not in plan, plan
