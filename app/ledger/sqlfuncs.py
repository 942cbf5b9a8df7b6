"""Small SQL constructs that differ between SQLite and PostgreSQL, so domain queries stay portable."""

from __future__ import annotations

from sqlalchemy import Integer, String
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import FunctionElement


class days_between(FunctionElement):
    """Whole days from `start` to `end` (end − start) for two DATE expressions."""

    type = Integer()
    inherit_cache = True
    name = "days_between"


@compiles(days_between)
def _days_between_default(element, compiler, **kw):
    end, start = list(element.clauses)
    return f"CAST(({compiler.process(end, **kw)} - {compiler.process(start, **kw)}) AS INTEGER)"


@compiles(days_between, "sqlite")
def _days_between_sqlite(element, compiler, **kw):
    end, start = list(element.clauses)
    return f"CAST(julianday({compiler.process(end, **kw)}) - julianday({compiler.process(start, **kw)}) AS INTEGER)"


class round_half_away(FunctionElement):
    """A REAL (double) expression rounded to a whole number, halves away from zero (2.5 → 3, −2.5 → −3):
    the same steps as Python's `copysign(floor(abs(x) + 0.5), x)` on the same double, so SQL and Python
    round alike (app.reports.forecast.round_days)."""

    type = Integer()
    inherit_cache = True
    name = "round_half_away"


@compiles(round_half_away)
def _round_half_away_default(element, compiler, **kw):
    (x,) = [compiler.process(c, **kw) for c in element.clauses]
    return f"CAST(CASE WHEN {x} < 0 THEN -FLOOR(-({x}) + 0.5) ELSE FLOOR({x} + 0.5) END AS INTEGER)"


@compiles(round_half_away, "sqlite")
def _round_half_away_sqlite(element, compiler, **kw):
    # CAST(... AS INTEGER) truncates: the floor of a value that is not negative (SQLite may lack FLOOR)
    (x,) = [compiler.process(c, **kw) for c in element.clauses]
    return f"(CASE WHEN {x} < 0 THEN -CAST(-({x}) + 0.5 AS INTEGER) ELSE CAST({x} + 0.5 AS INTEGER) END)"


class clamp(FunctionElement):
    """`value` kept within [low, high] (integers), the value written once: SQLite evaluates a repeated
    expression each time it appears (MAX/MIN there, GREATEST/LEAST elsewhere)."""

    type = Integer()
    inherit_cache = True
    name = "clamp"


@compiles(clamp)
def _clamp_default(element, compiler, **kw):
    value, low, high = [compiler.process(c, **kw) for c in element.clauses]
    return f"GREATEST({low}, LEAST({high}, {value}))"


@compiles(clamp, "sqlite")
def _clamp_sqlite(element, compiler, **kw):
    value, low, high = [compiler.process(c, **kw) for c in element.clauses]
    return f"MAX({low}, MIN({high}, {value}))"


class year_month(FunctionElement):
    """'YYYY-MM' of a DATE expression: compared as text, the order of months (SQLite stores dates as ISO
    text, so a prefix of it, cheaper than date functions over a million rows)."""

    type = String()
    inherit_cache = True
    name = "year_month"


@compiles(year_month)
def _year_month_default(element, compiler, **kw):
    (day,) = list(element.clauses)
    return f"to_char({compiler.process(day, **kw)}, 'YYYY-MM')"


@compiles(year_month, "sqlite")
def _year_month_sqlite(element, compiler, **kw):
    (day,) = list(element.clauses)
    return f"substr({compiler.process(day, **kw)}, 1, 7)"
