"""Exchange rates by date, and ranking customers across currencies in the company's currency."""

import datetime as dt
import json
from decimal import Decimal

import pytest
from sqlalchemy import select

from app import ledger
from app.ledger.customer_list import customer_order
from app.ledger.errors import InvalidValueError, UnknownCurrencyError
from app.ledger.fx import (InvalidRateError, list_rates, parse_rate, rate_on, rates_on, set_rate,
                           to_company_minor)
from app.models import AuditEntry, ExchangeRate
from tests.factories import make_customer, make_invoice, make_three_currency_debts
from tests.ledger.test_customer_list import listed

D = dt.date
AS_OF = D(2026, 6, 30)


@pytest.fixture
def company(session):
    with session.begin():
        ledger.save_company(session, name="Andina", currency="PEN", locale="es_PE")
    return session


@pytest.fixture
def three(company):
    """PEN 68.26, USD 16,097.37 and COP 4,083,395.00 owed: in minor units COP is by far the largest."""
    s = company
    with s.begin():
        make_three_currency_debts(s)
    return s


def codes(rows):
    return [r.code for r in rows]


@pytest.mark.parametrize("text", ["3,75", "1,250.00", "1.250,00", "-3.75", "+3.75", "3.75.1", "3e2", ".5", "5.",
                                  "tres", "", "  ", "0", "0.000", "NaN", "Infinity", "3 .75", "1000000001",
                                  "0.0000000000001"])
def test_rates_are_plain_positive_decimals(text):
    with pytest.raises(InvalidRateError) as err:
        parse_rate(text)
    assert "\n" not in str(err.value) and str(err.value)


def test_a_comma_is_refused_saying_how_to_write_it():
    with pytest.raises(InvalidRateError, match=r"'3,75' has a comma.*like 3.75"):
        parse_rate("3,75")


@pytest.mark.parametrize("text, value", [("3.75", "3.75"), ("0.00092", "0.00092"), (" 1250 ", "1250"),
                                         ("3.7500", "3.75"), ("1000000000", "1000000000")])
def test_plain_rates_parse_exactly(text, value):
    assert parse_rate(text) == Decimal(value)


def test_set_rate_checks_the_currency_and_is_audited(company):
    s = company
    with pytest.raises(UnknownCurrencyError):
        with s.begin():
            set_rate(s, "XYZ", "1", D(2026, 1, 1))
    with pytest.raises(InvalidValueError, match="company's own currency"):
        with s.begin():
            set_rate(s, "pen", "1", D(2026, 1, 1))
    with pytest.raises(InvalidRateError):
        with s.begin():
            set_rate(s, "USD", "3,75", D(2026, 1, 1))
    assert s.scalars(select(ExchangeRate)).all() == []
    s.rollback()
    with s.begin():
        view = set_rate(s, "usd", "3.7500", D(2026, 1, 1))
    assert (view.currency, view.rate) == ("USD", Decimal("3.75"))
    with s.begin():
        set_rate(s, "USD", "3.80", D(2026, 1, 1))  # the same day again replaces it
    s.rollback()
    assert [(r.currency, r.rate_date, r.rate) for r in list_rates(s)] == [("USD", D(2026, 1, 1), Decimal("3.8"))]
    entries = s.scalars(select(AuditEntry).where(AuditEntry.entity == "exchange_rate").order_by(AuditEntry.id)).all()
    assert len(entries) == 2
    assert entries[0].before is None and json.loads(entries[0].after)["rate"] == "3.75"
    assert json.loads(entries[1].before)["rate"] == "3.75" and json.loads(entries[1].after)["rate"] == "3.8"


def test_rate_on_is_the_latest_rate_dated_on_or_before_the_date(company):
    s = company
    with s.begin():
        set_rate(s, "USD", "3.70", D(2026, 1, 1))
        set_rate(s, "USD", "3.80", D(2026, 3, 1))
        set_rate(s, "COP", "0.00092", D(2026, 2, 1))
    assert rate_on(s, "USD", D(2025, 12, 31)) is None
    assert rate_on(s, "USD", D(2026, 2, 28)) == Decimal("3.7")
    assert rate_on(s, "USD", D(2026, 3, 1)) == Decimal("3.8")
    assert rate_on(s, "PEN", D(2020, 1, 1)) == 1
    assert rate_on(s, "EUR", AS_OF) is None
    assert [r.rate_date for r in list_rates(s, "USD")] == [D(2026, 1, 1), D(2026, 3, 1)]
    rates = rates_on(s, D(2026, 2, 15))
    assert rates.rates == {"USD": Decimal("3.7"), "COP": Decimal("0.00092")}
    assert rates_on(s, D(2026, 1, 15)).rates == {"USD": Decimal("3.7")}


def test_conversion_is_exact_with_each_currencys_decimals(company):
    s = company
    with s.begin():
        set_rate(s, "USD", "3.75", D(2026, 1, 1))
        set_rate(s, "CLP", "0.0041", D(2026, 1, 1))
        set_rate(s, "KWD", "12.2", D(2026, 1, 1))
    rates = rates_on(s, AS_OF)
    assert to_company_minor(1_609_737, "USD", rates) == 6_036_514  # 16,097.37 × 3.75 = 60,365.1375
    assert to_company_minor(1_000, "CLP", rates) == 410  # CLP has no decimals: 1,000 pesos = S/ 4.10
    assert to_company_minor(1_500, "KWD", rates) == 1_830  # KWD has 3: 1.500 dinars = S/ 18.30
    assert to_company_minor(5, "USD", rates) == 19  # 18.75 céntimos: half-up
    assert to_company_minor(123, "PEN", rates) == 123
    assert to_company_minor(100, "COP", rates) is None
    assert to_company_minor(0, "COP", rates) == 0  # nothing owed needs no rate


def test_customers_rank_by_balance_in_the_company_currency(three):
    s = three
    # no rates: the soles customer is the only one ranked; the others last, grouped by currency
    assert codes(listed(s, sort_key="balance", as_of=AS_OF)) == ["SOL", "PES", "DOL"]
    assert codes(listed(s, sort_key="balance", descending=True, as_of=AS_OF)) == ["SOL", "DOL", "PES"]
    s.rollback()
    with s.begin():
        set_rate(s, "USD", "3.75", D(2026, 1, 1))
        set_rate(s, "COP", "0.00092", D(2026, 1, 1))
    # S/ 60,365.14 (USD) > S/ 3,756.72 (COP) > S/ 68.26
    assert codes(listed(s, sort_key="balance", descending=True, as_of=AS_OF)) == ["DOL", "PES", "SOL"]
    assert codes(listed(s, sort_key="balance", as_of=AS_OF)) == ["SOL", "PES", "DOL"]
    assert codes(listed(s, sort_key="overdue", descending=True, as_of=AS_OF)) == ["DOL", "PES", "SOL"]
    rows = {r.code: r for r in listed(s, sort_key="balance", as_of=AS_OF)}
    assert rows["DOL"].balance_company_minor == 6_036_514
    assert rows["PES"].balance_company_minor == 375_672  # 408,339,500 cents × 0.00092, half-up
    assert not any(r.rate_missing for r in rows.values())


def test_without_a_cop_rate_the_cop_customer_sorts_last_both_ways(three):
    s = three
    with s.begin():
        set_rate(s, "USD", "3.75", D(2026, 1, 1))
    for key in ("balance", "overdue"):
        assert codes(listed(s, sort_key=key, descending=True, as_of=AS_OF)) == ["DOL", "SOL", "PES"]
        assert codes(listed(s, sort_key=key, as_of=AS_OF)) == ["SOL", "DOL", "PES"]
        order = customer_order(s, sort_key=key, as_of=AS_OF)
        assert order.unranked == 1
    [pes] = [r for r in listed(s, sort_key="balance", as_of=AS_OF) if r.code == "PES"]
    assert pes.rate_missing and pes.balance_company_minor is None and pes.company_currency == "PEN"


def test_a_rate_dated_later_does_not_apply_to_an_earlier_date(three):
    s = three
    with s.begin():
        set_rate(s, "USD", "3.75", D(2026, 1, 1))
        set_rate(s, "COP", "0.00092", D(2026, 7, 1))
    assert codes(listed(s, sort_key="balance", descending=True, as_of=AS_OF)) == ["DOL", "SOL", "PES"]
    assert codes(listed(s, sort_key="balance", descending=True, as_of=D(2026, 7, 1))) == [
        "DOL", "PES", "SOL"]


def test_a_zero_balance_needs_no_rate(three):
    s = three
    with s.begin():
        make_customer(s, code="EUR0", name="Euros sin deuda", currency="EUR")
        set_rate(s, "USD", "3.75", D(2026, 1, 1))
        set_rate(s, "COP", "0.00092", D(2026, 1, 1))
    assert codes(listed(s, sort_key="balance", as_of=AS_OF)) == ["EUR0", "SOL", "PES", "DOL"]


@pytest.mark.postgres
def test_the_ranking_is_the_same_on_postgres(pg_url):
    """PostgreSQL multiplies the rates as exact numerics, SQLite as doubles: the same order either way."""
    from app.database import open_database, session_factory
    from app.reports.dashboard import dashboard

    engine = open_database(pg_url)
    s = session_factory(engine)()
    try:
        with s.begin():
            ledger.save_company(s, name="Andina", currency="PEN", locale="es_PE")
            make_customer(s, code="SOL", name="Soles")
            make_customer(s, code="DOL", name="Dólares", currency="USD")
            make_customer(s, code="PES", name="Pesos", currency="COP")
            make_invoice(s, number="S1", customer="SOL", amount="68.26", issued=D(2026, 3, 1))
            make_invoice(s, number="U1", customer="DOL", amount="16097.37", issued=D(2026, 3, 1), currency="USD")
            make_invoice(s, number="P1", customer="PES", amount="4083395.00", issued=D(2026, 3, 1), currency="COP")
            set_rate(s, "USD", "3.75", D(2026, 1, 1))
        assert codes(listed(s, sort_key="balance", descending=True, as_of=AS_OF)) == ["DOL", "SOL", "PES"]
        assert codes(listed(s, sort_key="overdue", as_of=AS_OF)) == ["SOL", "DOL", "PES"]
        assert [d.code for d in dashboard(s, AS_OF).top_debtors] == ["DOL", "SOL", "PES"]
        s.rollback()
        with s.begin():
            set_rate(s, "COP", "0.00092", D(2026, 1, 1))
        assert codes(listed(s, sort_key="balance", descending=True, as_of=AS_OF)) == ["DOL", "PES", "SOL"]
        assert [d.code for d in dashboard(s, AS_OF).top_debtors] == ["DOL", "PES", "SOL"]
    finally:
        s.close()
        engine.dispose()
