"""The customers list query: search, sort in SQL, paging, and balances that agree with the ledger."""

import datetime as dt

import pytest

from app import ledger
from app.ledger.customer_list import PAGE_SIZE, SORT_KEYS, customer_ids, customer_rows, first_page
from app.ledger.fx import set_rate
from tests.factories import make_customer, make_invoice, make_payment

D = dt.date
AS_OF = D(2026, 6, 30)


@pytest.fixture
def books(session):
    with session.begin():
        make_customer(session, code="C001", name="Ferretería Los Andes S.A.C.", tax_id="20100000001",
                      email="pagos@losandes.pe", city="Lima")
        make_customer(session, code="C002", name="Comercial Rivera E.I.R.L.", tax_id="20100000002", city="Arequipa")
        make_customer(session, code="C003", name="Bodega Santa Rosa", currency="USD", city="Cusco")
        make_customer(session, code="C004", name="Agro Norte", on_hold=True)
        make_invoice(session, number="F1", customer="C001", amount="1000.00", issued=D(2026, 3, 1))
        make_invoice(session, number="F2", customer="C001", amount="200.00", issued=D(2026, 6, 20))
        make_invoice(session, number="F3", customer="C001", amount="50.00", issued=D(2026, 5, 1), currency="USD")
        make_payment(session, amount="300.00", customer="C001", date=D(2026, 4, 15))
        make_invoice(session, number="F4", customer="C002", amount="500.00", issued=D(2026, 6, 1))
        make_payment(session, amount="600.00", customer="C002", date=D(2026, 6, 10))  # 100 unapplied
        make_invoice(session, number="F5", customer="C003", amount="75.00", issued=D(2026, 1, 5), currency="USD")
        make_invoice(session, number="F6", customer="C004", amount="10.00", issued=D(2026, 7, 5))  # future
        ledger.void_invoice(session, "F6", reason="wrong", on_date=D(2026, 7, 6))
    return session


def listed(session, *, search=None, sort_key="name", descending=False, offset=0, limit=PAGE_SIZE, as_of=None):
    """What the customers list shows, the way its model reads it: every matching id in order, then the
    rows of one page."""
    ids = customer_ids(session, search=search, sort_key=sort_key, descending=descending, as_of=as_of)
    return customer_rows(session, ids[max(offset, 0):max(offset, 0) + limit], as_of)


def by_code(rows):
    return {r.code: r for r in rows}


def test_balances_and_overdue_agree_with_the_ledger(books):
    rows = by_code(listed(books, as_of=AS_OF))
    for code, row in rows.items():
        expected = {b.currency: b.balance_minor for b in ledger.customer_balance(books, code, AS_OF)
                    if b.balance_minor}
        assert dict(row.balances) == expected, code
        overdue = {}
        for item in ledger.open_items(books, code, AS_OF):
            if item.days_overdue > 0:
                overdue[item.currency] = overdue.get(item.currency, 0) + item.open_minor
        assert dict(row.overdue) == overdue, code
    assert rows["C001"].balance_minor == 90000
    assert rows["C001"].multi_currency
    assert rows["C002"].balance_minor == -10000
    assert rows["C004"].balances == () and rows["C004"].on_hold


def test_as_of_an_earlier_date_ignores_later_documents(books):
    rows = by_code(listed(books, as_of=D(2026, 4, 1)))
    assert dict(rows["C001"].balances) == {"PEN": 100000}
    assert dict(rows["C001"].overdue) == {"PEN": 100000}  # due 2026-03-31


def test_search_matches_code_name_tax_id_and_email_case_insensitively(books):
    assert [r.code for r in listed(books, search="rivera")] == ["C002"]
    assert [r.code for r in listed(books, search="c003")] == ["C003"]
    assert [r.code for r in listed(books, search="20100000001")] == ["C001"]
    assert [r.code for r in listed(books, search="losandes.pe")] == ["C001"]
    assert [r.code for r in listed(books, search="bodega rosa")] == ["C003"]
    assert len(customer_ids(books, search="2010000000")) == 2
    assert len(customer_ids(books)) == 4


@pytest.mark.parametrize("key", SORT_KEYS)
def test_every_sort_key_orders_in_sql_both_ways(books, key):
    asc = [r.code for r in listed(books, sort_key=key, as_of=AS_OF)]
    desc = [r.code for r in listed(books, sort_key=key, descending=True, as_of=AS_OF)]
    assert sorted(asc) == sorted(desc) == ["C001", "C002", "C003", "C004"]


def test_sort_by_balance_and_name(books):
    # no rate for USD: the dollar customer is last, not ranked by its raw cents against soles
    assert [r.code for r in listed(books, sort_key="balance", descending=True, as_of=AS_OF)] == [
        "C001", "C004", "C002", "C003"]
    books.rollback()
    with books.begin():
        set_rate(books, "USD", "3.75", D(2026, 1, 1))
    # USD 75.00 = S/ 281.25: below C001's S/ 900.00, above C004's zero
    assert [r.code for r in listed(books, sort_key="balance", descending=True, as_of=AS_OF)] == [
        "C001", "C003", "C004", "C002"]
    assert [r.code for r in listed(books, sort_key="name")] == ["C004", "C003", "C002", "C001"]
    assert [r.code for r in listed(books, sort_key="overdue", descending=True, as_of=AS_OF)][0] == "C001"


def test_paging(books):
    first = listed(books, sort_key="code", limit=3)
    rest = listed(books, sort_key="code", offset=3, limit=3)
    assert [r.code for r in first + rest] == ["C001", "C002", "C003", "C004"]
    with pytest.raises(ValueError):
        listed(books, sort_key="nope")


@pytest.mark.parametrize("key", SORT_KEYS)
def test_descending_is_the_ascending_order_reversed_unranked_last(books, key):
    from app.ledger.customer_list import customer_order

    ids = customer_ids(books, sort_key=key, as_of=AS_OF)
    desc = customer_ids(books, sort_key=key, descending=True, as_of=AS_OF)
    # by amount, C003's dollars have no rate: last both ways, and the rest is the ascending order reversed
    order = customer_order(books, sort_key=key, as_of=AS_OF)
    assert order.unranked == (1 if key in ("balance", "overdue") else 0)
    split = len(ids) - order.unranked
    assert desc == ids[:split][::-1] + ids[split:][::-1]
    if order.unranked:
        assert [r.code for r in customer_rows(books, [ids[-1], desc[-1]], AS_OF)] == ["C003", "C003"]
    assert [r.id for r in customer_rows(books, ids[1:3], AS_OF)] == ids[1:3]
    assert customer_rows(books, [], AS_OF) == []
    assert customer_rows(books, [999999], AS_OF) == []


@pytest.mark.parametrize("key", SORT_KEYS)
def test_the_first_page_is_the_start_of_the_whole_order(books, key):
    for rate in (False, True):  # without a USD rate the dollars are unranked: last both ways
        if rate:
            books.rollback()  # end the reads' transaction
            with books.begin():
                set_rate(books, "USD", "3.75", D(2026, 1, 1))
        for descending in (False, True):
            for limit in (1, 2, 10):
                whole = customer_ids(books, sort_key=key, descending=descending, as_of=AS_OF)
                ids, total = first_page(books, sort_key=key, descending=descending, limit=limit, as_of=AS_OF)
                assert (ids, total) == (whole[:limit], len(whole)), (key, rate, descending, limit)
                ids, total = first_page(books, sort_key=key, descending=descending, limit=limit, as_of=AS_OF,
                                        last=True)
                assert ids == whole[-limit:], ("last", key, rate, descending, limit)
    ids, total = first_page(books, search="rivera", sort_key="balance", as_of=AS_OF)
    assert total == 1 and len(ids) == 1
