"""The customer pickers' search: what was typed (a code, a tax id, part of a name) finds the customer,
exact codes first, never more rows than asked for, the same on SQLite and PostgreSQL."""

import pytest

from app.database import open_database, session_factory
from app.ledger.customer_list import search_customers
from tests.factories import make_customer


def _fill(session):
    with session.begin():
        make_customer(session, code="C001", name="Ferretería Los Andes S.A.C.", tax_id="20100000001",
                      email="pagos@losandes.pe")
        make_customer(session, code="C0010", name="Comercial Rivera E.I.R.L.", tax_id="20100000002")
        make_customer(session, code="C002", name="Bodega Santa Rosa", tax_id="10455667788", currency="USD")
        make_customer(session, code="ANDES", name="Agro Norte", on_hold=True)
        make_customer(session, code="Z9", name="Surtidora Lima", tax_id="20999999999")
        for i in range(30):
            make_customer(session, code=f"M{i:03d}", name=f"Minimarket Sur {i:02d}", tax_id=f"2060000{i:04d}")


def codes(session, text, limit=20):
    return [m.code for m in search_customers(session, text, limit)]


def check(session):
    # a code typed exactly comes first, in any case; then the codes starting with it
    assert codes(session, "c001") == ["C001", "C0010"]
    # part of a name, in lower case, anywhere in it; every word must match
    assert codes(session, "ferre") == ["C001"]
    assert codes(session, "los andes") == ["C001"]
    assert codes(session, "rivera") == ["C0010"]
    # a tax id, whole or its start, and words of the e-mail
    assert codes(session, "10455667788") == ["C002"]
    assert codes(session, "2010000") == ["C001", "C0010"]
    assert codes(session, "losandes.pe") == ["C001"]
    # a code that is also a word of a name: the code first, then the name
    assert codes(session, "andes") == ["ANDES", "C001"]
    # names starting with what was typed come before names that only contain it
    assert codes(session, "sur")[:3] == ["Z9", "M000", "M001"]
    # never more than the limit, and nothing for nothing typed
    assert len(codes(session, "minimarket")) == 20
    assert len(codes(session, "minimarket", limit=5)) == 5
    assert codes(session, "  ") == []
    assert codes(session, "zzz") == []
    match = search_customers(session, "santa")[0]
    assert (match.code, match.name, match.tax_id, match.currency, match.on_hold) == (
        "C002", "Bodega Santa Rosa", "10455667788", "USD", False)
    assert search_customers(session, "ANDES")[0].on_hold is True


def test_search_customers_on_sqlite(session):
    _fill(session)
    check(session)


def test_search_customers_on_postgres(pg_url):
    engine = open_database(pg_url)
    try:
        with session_factory(engine)() as s:
            _fill(s)
            check(s)
    finally:
        engine.dispose()
