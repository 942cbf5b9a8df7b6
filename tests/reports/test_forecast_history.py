"""The forecast from the stored payment history and placed by one SQL grouping equals the forecast as it was
computed (every open line and every customer's lateness fetched and placed in Python,
tests/reports/lateness_reference.py): on the demo generator's book with an agreement and a promise, at dates
from today back past the start, for every horizon and currency, with the historical lateness and with the
risk model's stored snapshot."""

import datetime as dt

import pytest
from sqlalchemy import select

from app.collections.risk_snapshot import refresh_risk
from app.models import Invoice
from app.reports.forecast import cash_forecast

from . import lateness_reference as reference
from .test_dashboard_sql import AS_OF, books, demo_file  # noqa: F401  (the fixtures)

DATES = (AS_OF, AS_OF - dt.timedelta(days=9), AS_OF - dt.timedelta(days=45), dt.date(2025, 12, 31),
         dt.date(2024, 1, 1))


def same(s, as_of, **kw):
    fast, before = cash_forecast(s, as_of, **kw), reference.cash_forecast(s, as_of, **kw)
    assert fast == before, (as_of, kw)
    return fast


@pytest.mark.parametrize("as_of", DATES)
def test_historical_lateness(books, as_of):
    fc = same(books, as_of)
    assert fc.model == "historical"
    if as_of > dt.date(2025, 1, 1):
        assert fc.currencies and any(w.from_commitments_minor for c in fc.currencies for w in c.weeks) or \
            as_of != AS_OF
    for weeks in (1, 5, 30):
        same(books, as_of, weeks=weeks)
    for cur in books.scalars(select(Invoice.currency).distinct()):
        same(books, as_of, currency=cur.lower())
    same(books, as_of, sources=())


@pytest.mark.parametrize("as_of", DATES[:3])
def test_stored_model(books, as_of):
    with books.begin():
        refresh_risk(books, as_of=AS_OF - dt.timedelta(days=30))
    fc = same(books, as_of)
    assert fc.model == ("model" if as_of >= AS_OF - dt.timedelta(days=30) else "historical")
    for weeks in (2, 13):
        same(books, as_of, weeks=weeks)
    same(books, as_of, currency="PEN")
