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
