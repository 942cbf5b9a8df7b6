"""The pieces app.reports.forecast_bulk places the open lines with: reading the packed strings back, the
currency codes (three ASCII letters as bytes, anything else by splitting), and the shift look-up (a table
by id, or a search when the ids are sparse). The forecast itself is compared with the reference in
test_forecast_history.py and tests/ledger/test_payment_history.py (SQLite and PostgreSQL)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.reports.forecast_bulk import codes_of, ints_of, looked_up


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.integers(min_value=-2**63, max_value=2**63 - 1), max_size=30))
def test_ints_read_back(values):
    assert ints_of(",".join(map(str, values)), len(values)).tolist() == values


@pytest.mark.parametrize("text,count", [("1,x,3", 3), ("1,2", 3), ("", 1), (None, 2)])
def test_ints_never_silently_short(text, count):
    with pytest.raises(ValueError):
        ints_of(text, count)


codes = st.sampled_from(["PEN", "USD", "CLP", "COP", "KWD", "AB", "ABCD", "ÑÑÑ", "P", "X-Y"])


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(codes, max_size=20))
def test_codes(found):
    names, index = codes_of(",".join(found), len(found))
    assert names == sorted(set(found))
    assert [names[i] for i in index.tolist()] == found


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.integers(min_value=-10**6, max_value=10**6), st.integers(-400, 400), max_size=40),
       st.lists(st.integers(min_value=-10**6, max_value=10**6), max_size=40), st.booleans(), st.integers(-50, 50))
def test_look_up_dense_and_sparse(table, keys, sparse, default):
    if sparse:  # ids far apart: the search, not a table by id
        table = {k * 2**40: v for k, v in table.items()}
        keys = [k * 2**40 for k in keys]
    keys += list(table)[:3]
    ids = np.array(list(table), dtype=np.int64)
    values = np.array(list(table.values()), dtype=np.int64)
    got = looked_up(ids, values, np.array(keys, dtype=np.int64), default)
    assert got.tolist() == [table.get(k, default) for k in keys]
