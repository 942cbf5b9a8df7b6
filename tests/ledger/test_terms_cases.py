"""Odoo's and Tryton's payment-term test cases (tests/ledger/data/terms_cases.toml, each citing its source)
give the same due dates and amounts here: through the pure schedule and through the database."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import pytest
from sqlalchemy import select

from app import ledger
from app.ledger import terms as T
from app.ledger.discounts import invoice_discount
from app.ledger.errors import InvalidTermsError
from app.ledger.money import to_minor
from app.models import DueLine, Invoice

CASES = tomllib.loads((Path(__file__).parent / "data" / "terms_cases.toml").read_text(encoding="utf-8"))["case"]


def _id(case) -> str:
    return case["source"].split(" ", 1)[0].split("/")[0] + ": " + case["source"].split(" ", 2)[-1][:70]


def _discount(case):
    d = T.parse_discount(case.get("discount"))
    return (d[0], d[1]) if d else (None, None)


def _check(case, inv, schedule):
    currency = case.get("currency", "PEN")
    if "due" in inv:
        assert len(schedule) == len(inv["due"]), schedule
        for (got, _), want in zip(schedule, inv["due"]):
            if want != "?":
                assert got == want
    if "amounts" in inv:
        assert [a for _, a in schedule] == [to_minor(x, currency) for x in inv["amounts"]]


def test_the_data_has_both_sources():
    sources = {c["source"].split("@")[0] for c in CASES}
    assert sources == {"odoo/odoo", "tryton/tryton"}
    assert len(CASES) >= 20


@pytest.mark.parametrize("case", CASES, ids=[_id(c) for c in CASES])
def test_case_through_the_schedule(case):
    currency = case.get("currency", "PEN")
    if "refused" in case:
        with pytest.raises(InvalidTermsError, match=case["refused"]):
            T.validate_lines([T.parse_line(x) for x in case["lines"]])
        return
    lines = [T.parse_line(x) for x in case["lines"]]
    assert [line.spec for line in lines] == [T.parse_line(line.spec).spec for line in lines]  # text round trip
    percent, days = _discount(case)
    for inv in case["invoice"]:
        total = to_minor(inv.get("total", "1000.00"), currency)
        if "refused" in inv:
            with pytest.raises(InvalidTermsError, match=inv["refused"]):
                T.due_schedule(lines, inv["date"], total, currency)
            continue
        preview = T.preview_terms(lines, issue_date=inv["date"], total_minor=total, currency=currency,
                                  discount_percent=percent, discount_days=days)
        _check(case, inv, list(preview.lines))
        assert sum(a for _, a in preview.lines) == total
        if "discount_until" in inv:
            assert preview.discount_until == inv["discount_until"]
            assert preview.discounted_total_minor == to_minor(inv["discounted_total"], currency)


def test_every_case_through_the_database(session):
    """The same cases stored as terms and posted as invoices: the due lines read back are the expected ones."""
    with session.begin():
        ledger.ensure_default_terms(session)
        for cur in ("PEN", "USD"):
            ledger.create_customer(session, code=f"C-{cur}", name=f"Cliente {cur}", currency=cur)
    n = 0
    for i, case in enumerate(CASES):
        code = f"CASE{i}"
        lines = [T.parse_line(x) for x in case["lines"]]
        percent, days = _discount(case)
        if "refused" in case:
            with pytest.raises(InvalidTermsError, match=case["refused"]), session.begin():
                T.create_terms(session, code=code, name=case["source"][:100], lines=lines)
            continue
        with session.begin():
            T.create_terms(session, code=code, name=case["source"][:100], lines=lines, discount_percent=percent,
                           discount_days=days)
        currency = case.get("currency", "PEN")
        for inv in case["invoice"]:
            n += 1
            total = to_minor(inv.get("total", "1000.00"), currency)
            post = dict(customer_code=f"C-{currency}", number=f"F-{n}", issue_date=inv["date"], total_minor=total,
                        currency=currency, payment_terms=code)
            if "refused" in inv:
                with pytest.raises(InvalidTermsError, match=inv["refused"]), session.begin():
                    ledger.record_invoice(session, **post)
                continue
            with session.begin():
                ledger.record_invoice(session, **post)
                got = session.execute(select(DueLine.due_date, DueLine.amount_minor).join(Invoice)
                                      .where(Invoice.number == f"F-{n}").order_by(DueLine.sequence)).all()
                _check(case, inv, [tuple(r) for r in got])
                if "discount_until" in inv:
                    d = invoice_discount(session, f"F-{n}")
                    assert d.until == inv["discount_until"]
                    assert total - d.amount_minor == to_minor(inv["discounted_total"], currency)
    assert n > 30


def test_stored_lines_come_back_as_typed(session):
    specs = ["25%:30d", "25%:1m", "396.84 PEN:1m+30d", "10%:eom+45d", "5%:next-month-day-10",
             "5%:15d+month+2-day-31", "rest:eom"]
    with session.begin():
        T.create_terms(session, code="MIX", name="Mixed", lines=[T.parse_line(s) for s in specs],
                       discount_percent=T.parse_discount("2%:10d")[0], discount_days=10)
    with session.begin():
        view = T.get_terms(session, "mix")
    assert [line.spec for line in view.lines] == specs
    assert T.discount_spec(view.discount_percent, view.discount_days) == "2%:10d"


def test_a_day_past_the_month_end_is_the_last_day():
    line = T.parse_line("100%:next-month-day-31")
    assert line.due_date(dt.date(2026, 1, 31)) == dt.date(2026, 2, 28)
    assert line.due_date(dt.date(2028, 1, 5)) == dt.date(2028, 2, 29)
    assert T.parse_line("100%:1m").due_date(dt.date(2026, 1, 31)) == dt.date(2026, 2, 28)


def test_terms_of_a_database_from_an_earlier_version_keep_working(tmp_path):
    """The upgrade (migration 0015) turns the old lines into percent lines counted as before."""
    import shutil

    from app.database import open_database, session_factory

    db = tmp_path / "old.sqlite"
    shutil.copyfile(Path(__file__).parents[1] / "fixtures" / "main-a9ff5bd.sqlite", db)
    engine = open_database(str(db))
    try:
        with session_factory(engine)() as s, s.begin():
            terms = {t.code: t for t in T.list_terms(s)}
            assert [line.spec for line in terms["30-60-90"].lines] == ["33.3333%:30d", "33.3333%:60d",
                                                                       "33.3333%:90d"]
            assert [line.spec for line in terms["EOM30"].lines] == ["100%:eom+30d"]
            assert not any(t.archived for t in terms.values())
            customer = s.scalars(select(Invoice.customer_id)).first()
            from app.models import Customer

            code = s.get(Customer, customer).code
            cur = s.get(Customer, customer).currency
            inv = ledger.record_invoice(s, customer_code=code, number="UPG-1", issue_date=dt.date(2026, 11, 30),
                                        total_minor=100000, currency=cur, payment_terms="EOM30")
            assert [(d.due_date, d.amount_minor) for d in inv.due_lines] == [(dt.date(2026, 12, 30), 100000)]
            T.create_terms(s, code="NEW", name="new", lines=[T.parse_line("30%:15d"), T.parse_line("rest:eom+45d")],
                           discount_percent=2, discount_days=10)
    finally:
        engine.dispose()
