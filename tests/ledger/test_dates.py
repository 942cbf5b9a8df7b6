"""The date rule (1900-2199 always; far dates only when allowed) and four-digit years in every locale."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from app import ledger
from app.collections.promises import add_promise
from app.ledger import dates
from app.ledger.credit import check_credit
from app.ledger.errors import DateOutOfRangeError, FarDateError
from app.models import CreditNote, Invoice, Payment, PromiseToPay
from tests.factories import make_customer, make_invoice

D = dt.date
TODAY = D(2026, 6, 30)  # the clock of tests/conftest.py
SHIPPED_LOCALES = ("es_PE", "es_MX", "es_CO", "es_CL", "en_US")


# --- showing dates -------------------------------------------------------------------------


@pytest.mark.parametrize("locale", SHIPPED_LOCALES)
@pytest.mark.parametrize("fmt", ["short", "medium", "long", "full"])
def test_every_shipped_locale_and_format_writes_the_year_in_full(locale, fmt):
    for day, year in ((D(2051, 3, 4), "2051"), (D(1951, 3, 4), "1951"), (D(2026, 12, 31), "2026")):
        text = dates.fmt_date(day, locale, fmt)
        assert year in text, (locale, fmt, text)
    short = dates.fmt_date(D(2051, 3, 4), locale)
    assert "/51" not in short and "-51" not in short and short.count("51") == 1  # 2051, not 51


def test_short_dates_read_as_the_locale_writes_them():
    assert dates.fmt_date(D(2051, 3, 4), "es_PE") == "4/03/2051"  # Babel's short: 4/03/51
    assert dates.fmt_date(D(2051, 3, 4), "es_MX") == "04/03/2051"
    assert dates.fmt_date(D(2051, 3, 4), "es_CO") == "4/03/2051"
    assert dates.fmt_date(D(2051, 3, 4), "es_CL") == "04-03-2051"
    assert dates.fmt_date(D(2051, 3, 4), "en_US") == "3/4/2051"
    assert dates.fmt_date(D(2051, 3, 4), "es_PE", "long") == "4 de marzo de 2051"
    assert dates.fmt_date(None, "es_PE") == ""


def test_the_year_is_widened_outside_quoted_text_only():
    assert dates.four_digit_pattern("d/MM/yy") == "d/MM/yyyy"
    assert dates.four_digit_pattern("d 'de' MMMM 'yy' y") == "d 'de' MMMM 'yy' yyyy"
    assert dates.four_digit_pattern("dd-MM-yyyy") == "dd-MM-yyyy"
    assert dates.fmt_date(D(2051, 3, 4), "es_PE", "d/M/yy") == "4/3/2051"  # a template's own pattern too


def test_money_module_re_exports_the_date_formatter():
    from app.ledger.money import fmt_date

    assert fmt_date is dates.fmt_date


def test_reminder_content_dates_have_four_digit_years():
    from app.reminders.content import format_day

    assert format_day(D(2051, 3, 4), "short", "es_PE") == "4/03/2051"
    assert format_day(D(2051, 3, 4), "short", "en_US") == "3/4/2051"


# --- the range ------------------------------------------------------------------------------


def test_the_range_is_1900_to_2199():
    assert dates.check_range(D(1900, 1, 1)) == D(1900, 1, 1)
    assert dates.check_range(D(2199, 12, 31)) == D(2199, 12, 31)
    assert dates.check_range(None) is None
    with pytest.raises(DateOutOfRangeError) as err:
        dates.check_range(D(1899, 12, 31), "issue_date")
    assert err.value.field == "issue_date"
    assert str(err.value) == ("Issue date 1899-12-31 is before 1900-01-01, the earliest date Cobranza accepts; "
                              "check the year.")
    with pytest.raises(DateOutOfRangeError) as err:
        dates.check_range(D(5050, 3, 4), "due_date")
    assert str(err.value).startswith("Due date 5050-03-04 is after 2199-12-31")


def test_far_is_more_than_a_year_either_way():
    assert not dates.is_far(D(2027, 6, 30), TODAY) and dates.is_far(D(2027, 7, 1), TODAY)
    assert not dates.is_far(D(2025, 6, 30), TODAY) and dates.is_far(D(2025, 6, 29), TODAY)
    assert dates.is_far(D(2051, 3, 4))  # default: app.config.today()
    assert not dates.is_far(D(2029, 2, 28), D(2028, 2, 29)) and dates.is_far(D(2029, 3, 1), D(2028, 2, 29))


def test_check_far_refuses_unless_allowed():
    with pytest.raises(FarDateError) as err:
        dates.check_far(D(2051, 3, 4), "issue_date")
    assert err.value.field == "issue_date"
    assert str(err.value) == ("Issue date 2051-03-04 is more than a year from today; check the year, "
                              "or pass --allow-far-dates.")
    assert dates.check_far(D(2051, 3, 4), "issue_date", allow_far=True) == D(2051, 3, 4)
    assert dates.check_far(D(2026, 7, 1), "issue_date") == D(2026, 7, 1)
    with pytest.raises(DateOutOfRangeError):  # allow_far never lets 5050 through
        dates.check_far(D(5050, 3, 4), allow_far=True)


# --- domain functions refuse out-of-range dates, nothing written -------------------------------


def _count(session, model) -> int:
    return session.scalar(select(func.count()).select_from(model))


def test_recording_documents_refuses_dates_outside_the_range(session):
    with session.begin():
        ledger.ensure_default_terms(session)
        make_customer(session)
        make_invoice(session, number="F001-1", issued=D(2026, 6, 1))
    cases = [
        ("issue_date", lambda: ledger.record_invoice(session, customer_code="C001", number="F-5050",
                                                     issue_date=D(5050, 3, 4), total_minor=100)),
        ("due_date", lambda: ledger.record_invoice(session, customer_code="C001", number="F-DUE",
                                                   issue_date=D(2026, 6, 1), due_date=D(2200, 1, 1),
                                                   total_minor=100)),
        ("due_date", lambda: ledger.record_invoice(session, customer_code="C001", number="F-TERMS",
                                                   issue_date=D(2199, 12, 20), total_minor=100,
                                                   payment_terms="NET30")),
        ("date", lambda: ledger.record_payment(session, customer_code="C001", date=D(1, 1, 1), amount_minor=100)),
        ("date", lambda: ledger.record_credit_note(session, customer_code="C001", number="NC-1",
                                                   date=D(5050, 1, 1), amount_minor=100)),
        ("date", lambda: ledger.write_off(session, invoice_number="F001-1", on_date=D(5050, 1, 1), reason="x")),
        ("date", lambda: ledger.void_invoice(session, "F001-1", reason="x", on_date=D(5050, 1, 1))),
        ("date", lambda: add_promise(session, customer_code="C001", promised_date=D(5050, 1, 1), amount_minor=100)),
        ("issue_date", lambda: check_credit(session, "C001", amount_minor=100, currency="PEN",
                                            as_of=D(5050, 3, 4))),
    ]
    for field, call in cases:
        with pytest.raises(DateOutOfRangeError) as err:
            with session.begin():
                call()
        assert err.value.field == field
    with session.begin():
        assert _count(session, Invoice) == 1
        assert _count(session, Payment) == _count(session, CreditNote) == _count(session, PromiseToPay) == 0
        assert ledger.get_invoice(session, "F001-1").status == "posted"


def test_a_far_date_in_range_is_the_entry_points_business(session):
    """The domain records 2051 (the GUI confirmed it, or the import was given --allow-far-dates)."""
    with session.begin():
        ledger.ensure_default_terms(session)
        make_customer(session)
        view = ledger.record_invoice(session, customer_code="C001", number="F-2051", issue_date=D(2051, 3, 4),
                                     total_minor=100)
    assert view.issue_date == D(2051, 3, 4)
