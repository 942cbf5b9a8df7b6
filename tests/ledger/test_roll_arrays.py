"""The whole book's allocation groups by column (app.ledger.roll_arrays) against the per-row rule they
replaced: the months' groups (ar_roll_months.group_flag) and the days' groups summed back."""

import datetime as dt
import random

from sqlalchemy import create_engine, text

from app.ledger.ar_roll_months import NEVER, group_flag
from app.ledger.roll_arrays import collapse_allocations, read_allocation_groups


def _rows(seed: int, n: int = 400) -> list[tuple]:
    rng = random.Random(seed)
    start = dt.date(2025, 1, 1)
    out = []
    for _ in range(n):
        day = start + dt.timedelta(days=rng.randrange(120))
        due = day + dt.timedelta(days=rng.randrange(-40, 40))
        void = rng.choice([None, None, day + dt.timedelta(days=rng.randrange(-5, 30))])
        out.append((rng.choice(["PEN", "USD"]), day, due, void, rng.random() < 0.5,
                    rng.randrange(-500, 5000), rng.randrange(3000), rng.randrange(-99, 9999), rng.randrange(9999)))
    return out


def _per_row(rows):
    """The rule row by row (what ar_history_changes did before the columns)."""
    months, days = [], {}
    for cur, day, due, void, flag, *sums in rows:
        months.append((cur, day.toordinal(), due.toordinal(), NEVER if void is None else void.toordinal(),
                       int(group_flag(flag, due)), sums[0]))
        key = (cur, day, due if due >= day else None, void)
        days[key] = [a + b for a, b in zip(days.get(key, [0, 0, 0, 0]), sums)]
    return sorted(months), sorted(((*k, None, *v) for k, v in days.items()), key=repr)


def test_columns_match_the_rule_row_by_row():
    engine = create_engine("sqlite://")
    with engine.connect() as conn:
        conn.execute(text("CREATE TABLE g (cur, day, due, void, flag, amount, paid, di, dd)"))
        for seed in range(5):
            rows = _rows(seed)
            conn.execute(text("DELETE FROM g"))
            conn.execute(text("INSERT INTO g VALUES (:c, :d, :u, :v, :f, :a, :p, :i, :e)"),
                         [dict(zip("cduvfapie", (c, d.isoformat(), u.isoformat(), v and v.isoformat(), int(f), *s)))
                          for c, d, u, v, f, *s in rows])
            columns = read_allocation_groups(conn, text("SELECT * FROM g"))
            months = sorted((cur, *map(int, row)) for cur, table in columns.roll_arrays().items() for row in table)
            days = sorted(collapse_allocations(columns), key=repr)
            assert (months, days) == _per_row(rows)


def test_no_groups():
    engine = create_engine("sqlite://")
    with engine.connect() as conn:
        columns = read_allocation_groups(conn, text("SELECT 'PEN', '2025-01-01', '2025-01-01', NULL, 0, 1, 1, 1, 1 "
                                                    "WHERE 0"))
        assert collapse_allocations(columns) == [] and columns.roll_arrays() == {}
