"""Property tests over random ledger histories: the KPIs agree with the ledger's own open items, stay in
their ranges, and the forecast always places exactly what is open."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from app import ledger
from app.collections.agreements import create_agreement
from app.collections.promises import add_promise
from app.database import make_engine, session_factory
from app.ledger.errors import LedgerError
from app.models import Base
from app.reports.forecast import cash_forecast
from app.models import Invoice
from app.reports import kpi as kpi_module
from app.reports.kpi import _monthly, countback_dso, kpi_report

START = dt.date(2026, 1, 1)
CUSTOMERS = ("A", "B", "C")
CURRENCIES = ("PEN", "CLP")

day = st.integers(min_value=0, max_value=200).map(lambda n: START + dt.timedelta(days=n))
amount = st.integers(min_value=1, max_value=500_000)
ref = st.integers(min_value=0, max_value=30)
op = st.one_of(
    st.tuples(st.just("invoice"), st.sampled_from(CUSTOMERS), st.sampled_from(CURRENCIES), day, amount,
              st.sampled_from(["NET30", "30-60-90", "CONTADO", "NET90"])),
    st.tuples(st.just("payment"), st.sampled_from(CUSTOMERS), st.sampled_from(CURRENCIES), day, amount,
              st.booleans(), ref),
    st.tuples(st.just("credit_note"), st.sampled_from(CUSTOMERS), st.sampled_from(CURRENCIES), day, amount, ref),
    st.tuples(st.just("void"), ref, day),
    st.tuples(st.just("write_off"), ref, day),
    # commitments the forecast places before its model
    st.tuples(st.just("promise"), st.sampled_from(CUSTOMERS), st.sampled_from(CURRENCIES), day,
              st.integers(min_value=0, max_value=60), amount, st.booleans(), ref),
    st.tuples(st.just("agreement"), ref, day, st.integers(min_value=1, max_value=4),
              st.sampled_from(["week", "month"])),
)


def fresh_session():
    engine = make_engine("sqlite://")
    Base.metadata.create_all(engine)
    s = session_factory(engine)()
    with s.begin():
        ledger.ensure_default_terms(s)
        for code in CUSTOMERS:
            ledger.create_customer(s, code=code, name=f"Cliente {code}")
    return s


def run(s, ops):
    invoices: list[tuple[str, str]] = []
    for n, o in enumerate(ops):
        try:
            with s.begin():
                if o[0] == "invoice":
                    _, cust, cur, d, amt, terms = o
                    ledger.record_invoice(s, customer_code=cust, number=f"F{n}", issue_date=d, total_minor=amt,
                                          currency=cur, payment_terms=terms)
                    invoices.append((f"F{n}", cust))
                elif o[0] == "payment":
                    _, cust, cur, d, amt, named, r = o
                    target = invoices[r % len(invoices)][0] if named and invoices else None
                    ledger.record_payment(s, customer_code=cust, date=d, amount_minor=amt, currency=cur,
                                          invoice_number=target)
                elif o[0] == "credit_note":
                    _, cust, cur, d, amt, r = o
                    target = invoices[r % len(invoices)][0] if invoices else None
                    ledger.record_credit_note(s, customer_code=cust, number=f"NC{n}", date=d, amount_minor=amt,
                                              currency=cur, invoice_number=target)
                elif o[0] == "void" and invoices:
                    ledger.void_invoice(s, invoices[o[1] % len(invoices)][0], reason="test", on_date=o[2])
                elif o[0] == "promise":
                    _, cust, cur, d, later, amt, named, r = o
                    mine = [num for num, c in invoices if c == cust]
                    add_promise(s, customer_code=cust, promised_date=d + dt.timedelta(days=later), amount_minor=amt,
                                currency=cur, made_on=d, invoice_numbers=[mine[r % len(mine)]] if named and mine else [])
                elif o[0] == "agreement" and invoices:
                    _, r, d, count, every = o
                    number, cust = invoices[r % len(invoices)]
                    create_agreement(s, customer_code=cust, invoice_numbers=[number], installments=count, every=every,
                                     start=d + dt.timedelta(days=7), agreed_on=d)
                    event("agreement made")
                elif o[0] == "write_off" and invoices:
                    ledger.write_off(s, invoice_number=invoices[o[1] % len(invoices)][0], on_date=o[2], reason="t")
        except LedgerError:
            pass


def ledger_open(s, as_of):
    """{currency: (open, not yet due)} from the ledger's own open_items, customer by customer."""
    out: dict[str, list[int]] = {}
    for code in CUSTOMERS:
        for item in ledger.open_items(s, code, as_of):
            cell = out.setdefault(item.currency, [0, 0])
            cell[0] += item.open_minor
            if item.due_date >= as_of:
                cell[1] += item.open_minor
    return out


def in_range(value, lo=Decimal(0), hi=Decimal(100)):
    return value is None or lo <= value <= hi


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ops=st.lists(op, min_size=1, max_size=25), as_of=day, days=st.integers(min_value=1, max_value=150),
       weeks=st.integers(min_value=1, max_value=20))
def test_kpis_and_forecast_agree_with_the_ledger(ops, as_of, days, weeks):
    s = fresh_session()
    run(s, ops)
    with s.begin():
        report = kpi_report(s, as_of, days=days)
        # roll rates: the inline columns and the statement grouped by due date agree
        saved = kpi_module.INLINE_PAIRS
        try:
            kpi_module.INLINE_PAIRS = 10_000
            inline = kpi_report(s, as_of, days=days)
            kpi_module.INLINE_PAIRS = 0
            grouped = kpi_report(s, as_of, days=days)
        finally:
            kpi_module.INLINE_PAIRS = saved
        assert inline == grouped == report
        at_end = ledger_open(s, as_of)
        at_start = ledger_open(s, as_of - dt.timedelta(days=days))
        # the oracle for credit sales and countback: invoices existing as of the date, in Python
        sold: dict[str, list[tuple[dt.date, int]]] = {}
        for inv in s.scalars(select(Invoice)):
            if inv.issue_date <= as_of and (inv.status == "posted" or inv.void_date > as_of):
                sold.setdefault(inv.currency, []).append((inv.issue_date, inv.total_minor))
    by_cur = {k.currency: k for k in report.currencies}
    start = as_of - dt.timedelta(days=days)
    for k in report.currencies:
        sales = sold.get(k.currency, [])
        assert k.credit_sales_minor == sum(t for d, t in sales if d > start)
        expected = countback_dso(k.ar_end_minor, _monthly(as_of, sales, 20))
        assert k.dso_countback == (None if expected is None else expected.quantize(Decimal("0.01"), "ROUND_HALF_UP"))
    for cur, (open_, current) in at_end.items():
        assert by_cur[cur].ar_end_minor == open_ and by_cur[cur].current_end_minor == current
    for cur, (open_, _current) in at_start.items():
        assert by_cur[cur].ar_begin_minor == open_
    for k in report.currencies:
        assert k.ar_end_minor == at_end.get(k.currency, [0, 0])[0]
        assert 0 <= k.current_end_minor <= k.ar_end_minor
        # CEI: B + S − E ≥ 0 (what left AR) and E ≥ C, so it is a percentage whenever defined
        assert in_range(k.cei)
        assert in_range(k.pct_current)
        if k.dso is not None:
            assert k.dso >= k.best_possible_dso >= 0 and k.add >= 0
        if k.ar_end_minor:  # defined; a few cents of AR against large sales rounds to 0.00 days
            assert k.dso_countback is not None and k.dso_countback >= 0
        for r in k.roll_rates:
            assert all(in_range(v) for _label, v in r.rates)
    # the forecast places exactly what is open, and the overdue share is what is past due; probed also
    # just after each promise or agreement, where commitments are live
    probes = [as_of] + [o[3] + dt.timedelta(days=3) if o[0] == "promise" else o[2] + dt.timedelta(days=3)
                        for o in ops if o[0] in ("promise", "agreement")][:4]
    for probe in probes:
        with s.begin():
            fc = cash_forecast(s, probe, weeks=weeks)
            at_probe = at_end if probe == as_of else ledger_open(s, probe)
        if any(c.committed_minor for c in fc.currencies):
            event("forecast placed commitments")
        assert {c.currency for c in fc.currencies} == set(at_probe)
        for c in fc.currencies:
            open_, current = at_probe[c.currency]
            assert c.open_minor == open_
            assert sum(w.expected_minor for w in c.weeks) + c.beyond_minor == open_
            assert sum(w.from_overdue_minor for w in c.weeks) + c.beyond_from_overdue_minor == open_ - current
            assert all(0 <= w.from_overdue_minor <= w.expected_minor for w in c.weeks)
            assert 0 <= c.committed_minor <= open_
    s.close()
