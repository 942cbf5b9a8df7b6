"""The aging engine on hand-built histories: every rule of 'as of a date' checked by amount and bucket."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy.dialects import postgresql

from app import ledger
from app.ledger.errors import UnknownCustomerError
from app.reports.aging import (
    AgingOptionError,
    AgingQuery,
    aging_report,
    bucket_index,
    bucket_labels,
    parse_buckets,
)
from tests.factories import invoice, pay

from .conftest import D

AS_OF = D(2026, 6, 30)


def row(report, code, currency=None):
    rows = [c for c in report.customers if c.code == code and (currency is None or c.currency == currency)]
    assert len(rows) == 1, rows
    return rows[0]


def buckets(report, code, currency=None):
    return dict(zip(report.bucket_labels, row(report, code, currency).buckets))


# --- labels and limits ------------------------------------------------------------


def test_labels_for_due_and_issue_basis():
    assert bucket_labels("due", (30, 60, 90)) == ("current", "1-30", "31-60", "61-90", "91+")
    assert bucket_labels("issue", (30, 60, 90)) == ("0-30", "31-60", "61-90", "91+")
    assert bucket_labels("due", (15, 45)) == ("current", "1-15", "16-45", "46+")
    assert bucket_labels("issue", (7,)) == ("0-7", "8+")


@pytest.mark.parametrize("text", ["", "30,30", "60,30", "0,30", "-5,30", "a,b", "30;60"])
def test_bad_bucket_lists_are_refused_with_the_option_named(text):
    with pytest.raises(AgingOptionError) as err:
        parse_buckets(text)
    assert err.value.field == "buckets"


def test_bucket_edges():
    limits = (30, 60, 90)
    assert [bucket_index(d, "due", limits) for d in (-10, 0, 1, 30, 31, 60, 61, 90, 91, 500)] == [
        0, 0, 1, 1, 2, 2, 3, 3, 4, 4]
    assert [bucket_index(d, "issue", limits) for d in (0, 30, 31, 90, 91)] == [0, 0, 1, 2, 3]


def test_edges_in_sql_match_python(book):
    s = book
    # one invoice per edge, each due on AS_OF - days
    edges = [-5, 0, 1, 30, 31, 60, 61, 90, 91, 400]
    for i, days in enumerate(edges):
        due = AS_OF - dt.timedelta(days=days)
        invoice(s, "ACME", f"F-{i}", min(due, AS_OF) - dt.timedelta(days=1), 100 + i, due=due)
    report = aging_report(s, AS_OF, detail=True)
    items = row(report, "ACME").items
    assert sorted((it.days, it.bucket) for it in items) == sorted(
        (d, report.bucket_labels[bucket_index(d, "due", (30, 60, 90))]) for d in edges)
    got = buckets(report, "ACME")
    assert got == {"current": 100 + 101, "1-30": 102 + 103, "31-60": 104 + 105, "61-90": 106 + 107,
                   "91+": 108 + 109}


# --- the rules of "as of" -----------------------------------------------------------


def test_partial_payment_and_allocation_dated_after_as_of(book):
    s = book
    invoice(s, "ACME", "F-1", D(2026, 4, 1), 100_00, due=D(2026, 5, 1))  # 60 days late on AS_OF
    pay(s, "ACME", D(2026, 6, 10), 30_00)  # partial, allocated oldest first on its date
    pay(s, "ACME", D(2026, 7, 5), 70_00)  # after AS_OF: does not exist
    report = aging_report(s, AS_OF)
    acme = row(report, "ACME")
    assert buckets(report, "ACME")["31-60"] == 70_00
    assert (acme.total_minor, acme.unapplied_credit_minor, acme.net_minor) == (70_00, 0, 70_00)
    # before the partial payment the whole invoice is open
    assert row(aging_report(s, D(2026, 6, 9)), "ACME").total_minor == 100_00
    # after the second payment nothing is open and there is no credit: the customer is left out
    assert [c.code for c in aging_report(s, D(2026, 7, 5)).customers] == []


def test_payment_before_as_of_allocated_after_is_unapplied_credit(book):
    s = book
    pay(s, "ACME", D(2026, 5, 15), 40_00)  # nothing open yet: all unapplied
    invoice(s, "ACME", "F-1", D(2026, 6, 1), 100_00, due=D(2026, 7, 1))
    with s.begin():
        ledger.allocate_credit(s, customer_code="ACME", currency="PEN", on_date=D(2026, 7, 10))
    before = row(aging_report(s, AS_OF), "ACME")
    assert (before.total_minor, before.unapplied_credit_minor, before.net_minor) == (100_00, 40_00, 60_00)
    assert buckets(aging_report(s, AS_OF), "ACME")["current"] == 100_00
    after = row(aging_report(s, D(2026, 7, 10)), "ACME")
    assert (after.total_minor, after.unapplied_credit_minor, after.net_minor) == (60_00, 0, 60_00)
    # a customer with only credit still shows up
    only_credit = row(aging_report(s, D(2026, 5, 20)), "ACME")
    assert (only_credit.total_minor, only_credit.unapplied_credit_minor, only_credit.net_minor) == (0, 40_00, -40_00)


def test_credit_notes_applied_and_unapplied(book):
    s = book
    invoice(s, "ACME", "F-1", D(2026, 3, 1), 200_00, due=D(2026, 3, 31))  # 91 days on AS_OF
    with s.begin():
        ledger.record_credit_note(s, customer_code="ACME", number="NC-1", date=D(2026, 4, 15),
                                  amount_minor=50_00, invoice_number="F-1")
        ledger.record_credit_note(s, customer_code="ACME", number="NC-2", date=D(2026, 6, 20), amount_minor=25_00)
        ledger.record_credit_note(s, customer_code="ACME", number="NC-3", date=D(2026, 7, 20), amount_minor=5_00)
    acme = row(aging_report(s, AS_OF), "ACME")
    assert buckets(aging_report(s, AS_OF), "ACME")["91+"] == 150_00
    assert (acme.total_minor, acme.unapplied_credit_minor, acme.net_minor) == (150_00, 25_00, 125_00)
    assert row(aging_report(s, D(2026, 4, 14)), "ACME").total_minor == 200_00


def test_void_counts_until_its_date(book):
    s = book
    invoice(s, "ACME", "F-1", D(2026, 5, 1), 80_00, due=D(2026, 5, 31))
    invoice(s, "ACME", "F-2", D(2026, 5, 2), 20_00, due=D(2026, 6, 1))
    with s.begin():
        ledger.void_invoice(s, "F-1", reason="issued twice", on_date=D(2026, 6, 15))
    assert row(aging_report(s, D(2026, 6, 14)), "ACME").total_minor == 100_00
    assert row(aging_report(s, D(2026, 6, 15)), "ACME").total_minor == 20_00
    items = row(aging_report(s, AS_OF, detail=True), "ACME").items
    assert [it.document for it in items] == ["F-2"]


def test_write_off_from_its_date(book):
    s = book
    invoice(s, "ACME", "F-1", D(2025, 10, 1), 500_00, due=D(2025, 10, 31))
    with s.begin():
        ledger.write_off(s, invoice_number="F-1", on_date=D(2026, 6, 1), reason="bankrupt", amount_minor=300_00)
        ledger.write_off(s, invoice_number="F-1", on_date=D(2026, 7, 1), reason="bankrupt")
    assert row(aging_report(s, D(2026, 5, 31)), "ACME").total_minor == 500_00
    acme = row(aging_report(s, AS_OF), "ACME")
    assert (acme.total_minor, acme.unapplied_credit_minor) == (200_00, 0)
    assert aging_report(s, D(2026, 7, 1)).customers == ()


def test_documents_after_as_of_do_not_exist(book):
    s = book
    invoice(s, "ACME", "F-1", D(2026, 7, 1), 100_00, due=D(2026, 7, 31))
    pay(s, "ACME", D(2026, 7, 2), 10_00)
    assert aging_report(s, AS_OF).customers == ()


def test_installments_age_separately(book):
    s = book
    inv = invoice(s, "ACME", "F-1", D(2026, 3, 1), 100_00, terms="30-60-90")
    assert [dl.due_date for dl in inv.due_lines] == [D(2026, 3, 31), D(2026, 4, 30), D(2026, 5, 30)]
    report = aging_report(s, AS_OF, detail=True)
    amounts = [dl.amount_minor for dl in inv.due_lines]
    assert buckets(report, "ACME") == {"current": 0, "1-30": 0, "31-60": amounts[2], "61-90": amounts[1],
                                       "91+": amounts[0]}
    assert row(report, "ACME").total_minor == 100_00
    assert [it.days for it in row(report, "ACME").items] == [91, 61, 31]
    # issue basis: all three lines in the bucket of the invoice date (121 days)
    issue = aging_report(s, AS_OF, basis="issue")
    assert issue.bucket_labels == ("0-30", "31-60", "61-90", "91+")
    assert buckets(issue, "ACME") == {"0-30": 0, "31-60": 0, "61-90": 0, "91+": 100_00}


def test_disputed_items_stay_and_are_flagged(book):
    s = book
    invoice(s, "ACME", "F-1", D(2026, 5, 1), 100_00, due=D(2026, 5, 31))
    invoice(s, "ACME", "F-2", D(2026, 5, 1), 50_00, due=D(2026, 5, 31))
    with s.begin():
        ledger.set_disputed(s, "F-2", True)
    acme = row(aging_report(s, AS_OF, detail=True), "ACME")
    assert acme.total_minor == 150_00
    assert {it.document: it.disputed for it in acme.items} == {"F-1": False, "F-2": True}


def test_multi_currency_rows_and_totals_and_clp(book):
    s = book
    invoice(s, "ACME", "F-1", D(2026, 6, 1), 100_00, due=D(2026, 6, 30))
    invoice(s, "BETA", "F-2", D(2026, 6, 1), 40_00, due=D(2026, 6, 10))
    invoice(s, "BETA", "F-3", D(2026, 6, 1), 70_00, due=D(2026, 6, 10), currency="USD")
    pay(s, "BETA", D(2026, 6, 20), 90_00, currency="USD")  # 20.00 USD left unapplied
    invoice(s, "CHILE", "F-4", D(2026, 1, 5), 1_234_567, due=D(2026, 2, 4))
    report = aging_report(s, AS_OF)
    assert [(c.code, c.currency) for c in report.customers] == [
        ("ACME", "PEN"), ("BETA", "PEN"), ("BETA", "USD"), ("CHILE", "CLP")]
    usd = row(report, "BETA", "USD")
    assert (usd.total_minor, usd.unapplied_credit_minor, usd.net_minor) == (0, 20_00, -20_00)
    totals = {t.currency: t for t in report.totals}
    assert list(totals) == ["CLP", "PEN", "USD"]
    assert totals["PEN"].total_minor == 140_00 and totals["PEN"].buckets == (100_00, 40_00, 0, 0, 0)
    assert totals["CLP"].buckets[-1] == 1_234_567
    assert totals["USD"].net_minor == -20_00
    # filters
    only_usd = aging_report(s, AS_OF, currency="usd")
    assert [(c.code, c.currency) for c in only_usd.customers] == [("BETA", "USD")]
    only_beta = aging_report(s, AS_OF, customer_code="BETA")
    assert [(c.code, c.currency) for c in only_beta.customers] == [("BETA", "PEN"), ("BETA", "USD")]
    with pytest.raises(UnknownCustomerError):
        aging_report(s, AS_OF, customer_code="NOPE")


def test_idle_customers_are_left_out(book):
    s = book
    invoice(s, "ACME", "F-1", D(2026, 6, 1), 100_00, due=D(2026, 6, 30))
    pay(s, "ACME", D(2026, 6, 2), 100_00)
    assert aging_report(s, AS_OF).customers == ()


def test_summary_query_compiles_for_postgresql():
    sql = str(AgingQuery(AS_OF).summary().compile(dialect=postgresql.dialect()))
    assert "julianday" not in sql.lower() and "MATERIALIZED" in sql
