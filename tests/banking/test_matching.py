"""A month of BCP statement against a small book: each credit line's suggestions and reasons, exact matches
confirmed automatically, the rest confirmed, edited or skipped by hand; the same statement imported twice
stores and records nothing twice."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from app import banking
from app.banking import matching
from app.banking.statements import BankLineStateError
from app.ledger import customer_balance
from app.ledger.errors import LedgerError
from app.models import BankLine, CreditNote, Payment
from tests.factories import count_rows, fresh

from . import samples


@pytest.fixture
def book(session, tmp_path):
    samples.make_book(session)
    path = samples.write_bcp_csv(tmp_path / "movimientos-junio.csv")
    with session.begin():
        result = banking.import_statement(session, path)
    return path, result


def by_description(matches):
    return {m.line.description: m for m in matches}


def test_import_stores_credit_lines_once(session, book, tmp_path):
    path, result = book
    assert (result.layout, result.new_lines, result.known_lines, result.debits) == ("bcp", 7, 0, 1)
    fresh(session)
    with session.begin():
        again = banking.import_statement(session, path)
    assert (again.statement_id, again.new_lines, again.known_lines) == (None, 0, 7)
    assert "7 already imported before" in again.summary()
    # next month's file repeats the last two days of June and brings one new line
    lines = samples.BCP_LINES[-2:] + [("01/07/2026", "TRANSF F001-103 FERRETERIA LOS ANDES", "590.00", "9")]
    fresh(session)
    with session.begin():
        july = banking.import_statement(session, samples.write_bcp_csv(tmp_path / "julio.csv", lines))
    assert (july.new_lines, july.known_lines) == (1, 2)
    assert count_rows(session, BankLine) == 8


def test_suggestions_and_their_reasons(session, book):
    fresh(session)
    found = by_description(banking.match_lines(session))
    named = found["TRANSF.BCO F001-101 FERRETERIA LOS AND"]
    assert named.exact is not None and named.exact.customer_code == "C001"
    assert named.exact.invoices == (("F001-00000101", 118000),)
    codes = {r.code for r in named.exact.reasons}
    assert {matching.INVOICE_NUMBER, matching.NAME, matching.SAME_AMOUNT} <= codes

    tax = found["DEP.EFECTIVO RUC 20487654321"]
    assert tax.exact.customer_code == "C002" and tax.exact.invoice_numbers == ("F001-00000110",)
    assert tax.exact.reasons[0].text == "tax id 20487654321 in the description"

    combo = found["TRAN.CTAS.TERC. BODEGA DOÑA ROSA"]
    assert combo.exact is None  # a combination is confirmed by a person
    assert combo.best.customer_code == "C003"
    assert combo.best.invoices == (("F001-00000120", 35400), ("F001-00000122", 11800))
    assert [r.code for r in combo.best.reasons] == [matching.NAME, matching.COMBINATION]

    discount = found["PAGO PROVEEDORES CONSTRUCTORA PACIFICO"]
    assert discount.exact.customer_code == "C004" and discount.exact.invoices == (("F001-00000130", 980000),)
    assert matching.DISCOUNT in {r.code for r in discount.exact.reasons}

    anonymous = found["ABONO INTERBANCARIO 000123"]
    assert anonymous.exact is None
    assert anonymous.best.customer_code == "C002" and anonymous.best.invoice_numbers == ("F001-00000111",)
    assert [r.code for r in anonymous.best.reasons] == [matching.SAME_AMOUNT]

    over = found["TRANSF F001-102 FERRETERIA LOS ANDES"]
    assert over.exact is None and over.best.invoices == (("F001-00000102", 236000),)
    assert over.best.unapplied_minor == 64000
    assert "640.00 PEN stays as unapplied credit" in " ".join(r.text for r in over.best.reasons)

    assert found["INTERES GANADO"].suggestions == ()


def test_auto_confirm_exact_then_confirm_edit_and_skip(session, book):
    fresh(session)
    with session.begin():
        done = banking.auto_confirm_exact(session)
    assert sorted(c.payment.customer_code for c in done) == ["C001", "C002", "C004"]
    fresh(session)
    # the discount: paid 9,800.00 within 10 days, the 200.00 left is settled by a credit note
    assert session.scalar(select(CreditNote.number).where(CreditNote.amount_minor == 20000)) == "DPP-F001-00000130"
    assert customer_balance(session, "C004", as_of=dt.date(2026, 6, 30))[0].balance_minor == 0
    # running it again confirms nothing more: those lines are confirmed
    fresh(session)
    with session.begin():
        assert banking.auto_confirm_exact(session) == []
    fresh(session)
    left = by_description(banking.match_lines(session))
    assert len(left) == 4
    fresh(session)
    with session.begin():
        combo = left["TRAN.CTAS.TERC. BODEGA DOÑA ROSA"]
        paid = banking.confirm_suggestion(session, combo)
        assert [(a.invoice_number, a.amount_minor) for a in paid.payment.allocations] == [
            ("F001-00000120", 35400), ("F001-00000122", 11800)]
        # edit: the anonymous transfer was C001's invoice 103 and the rest stays as credit
        edited = banking.confirm_line(session, left["ABONO INTERBANCARIO 000123"].line.id, customer_code="C001",
                                      invoice_numbers=["F001-00000103"])
        assert edited.payment.unapplied_minor == 82600 - 59000
        assert "236.00 PEN stays as unapplied credit" in edited.summary
        over = banking.confirm_suggestion(session, left["TRANSF F001-102 FERRETERIA LOS ANDES"])
        assert over.payment.unapplied_minor == 64000
        skipped = banking.skip_line(session, left["INTERES GANADO"].line.id, reason="intereses del banco")
    assert skipped.status == "skipped"
    fresh(session)
    assert banking.match_lines(session) == []
    fresh(session)
    payments = session.scalars(select(Payment.reference).order_by(Payment.id.desc()).limit(6)).all()
    assert "01234567" in payments  # the bank's operation number is the payment's reference
    fresh(session)
    with session.begin(), pytest.raises(BankLineStateError, match="already"):
        banking.confirm_line(session, combo.line.id, customer_code="C003")
    fresh(session)
    with session.begin():
        reopened = banking.reopen_line(session, skipped.id)
    assert reopened.status == "new"


def test_a_refused_confirmation_writes_nothing(session, book):
    fresh(session)
    line = by_description(banking.match_lines(session))["TRANSF.BCO F001-101 FERRETERIA LOS AND"].line
    before = count_rows(session, Payment)
    fresh(session)
    with pytest.raises(LedgerError, match="F001-00000110 has nothing open"):
        with session.begin():
            banking.confirm_line(session, line.id, customer_code="C001", invoice_numbers=["F001-00000110"])
    fresh(session)
    with pytest.raises(LedgerError, match="No customer with code 'C999'"):
        with session.begin():
            banking.confirm_line(session, line.id, customer_code="C999")
    fresh(session)
    assert count_rows(session, Payment) == before
    assert session.get(BankLine, line.id).status == "new"


def test_the_combination_search_is_bounded(session):
    """A customer with many invoices of nearly equal amounts: the search stops at its step limit, says so,
    and still returns in a bounded number of steps."""
    items = [matching._Open(i, f"F{i}", 1, dt.date(2026, 1, 1), dt.date(2026, 2, 1), 1000 + i) for i in range(60)]
    budget = [matching.MAX_LINE_STEPS]
    found, stopped = matching._subsets(items, 1, budget)  # unreachable target: pruned at once
    assert found == [] and not stopped
    target = sum(i.open_minor for i in items[:matching.MAX_ITEMS][:7]) + 1  # 7 invoices: more than allowed
    budget = [matching.MAX_LINE_STEPS]
    found, stopped = matching._subsets(items, target, budget)
    assert found == [] and stopped
    assert matching.MAX_LINE_STEPS - budget[0] <= matching.MAX_STEPS + 1
    found, stopped = matching._subsets(items, 1003 + 1017, [matching.MAX_LINE_STEPS])
    assert found and not stopped and all(sum(i.open_minor for i in combo) == 2020 for combo in found)
    found, stopped = matching._subsets(items, 1003 + 1017, [5])  # the line's budget spent: stops too
    assert stopped


@pytest.mark.parametrize("text,expected", [
    ("PAGO FACT F001-123", {"F-1-123"}),
    ("F001 00000123 PAGO", {"F-1-123"}),
    ("ABONO 000123", {"123"}),
])
def test_invoice_numbers_in_descriptions(text, expected):
    assert expected <= matching._number_candidates(text)
    assert matching.number_key("F001-00000123") == "F-1-123"


def test_tax_ids_with_dots_and_check_digits():
    assert "770567645" in matching._tax_candidates("TRASPASO DE:INVERSIONES LG 77.056.764-5")
    assert matching.tax_keys("900.373.913-4", "CO") == {"9003739134", "900373913"}
    assert "9003739134" in matching._tax_candidates("CONSIGNACION NIT 900373913-4")


def test_names_cut_short_by_the_bank():
    wanted = matching.name_tokens("Ferretería Los Andes S.A.C.")
    assert wanted == ["FERRETERIA", "ANDES"]
    assert matching._names_match(wanted, "TRANSF FERRETERIA LOS AND".split())
    assert not matching._names_match(wanted, "TRANSF FERRETERIA LOS AN".split())
    assert not matching._names_match(wanted, "FERRETERIA CENTRAL ANDES".split())


def test_on_postgres_two_writers_cannot_confirm_one_line_twice(pg_url, tmp_path):
    """The whole flow on PostgreSQL, then two sessions confirming the same line: the second is refused and
    leaves no payment behind."""
    from app.database import open_database, session_factory

    engine = open_database(pg_url)
    try:
        Session = session_factory(engine)
        with Session() as s:
            samples.make_book(s)
            with s.begin():
                banking.import_statement(s, samples.write_bcp_csv(tmp_path / "movimientos.csv"))
            with s.begin():
                assert len(banking.auto_confirm_exact(s)) == 3
            fresh(s)
            line = by_description(banking.match_lines(s))["TRAN.CTAS.TERC. BODEGA DOÑA ROSA"].line
            fresh(s)
        first, second = Session(), Session()
        try:
            first.begin()
            second.begin()
            assert second.get(BankLine, line.id).status == "new"  # the second has read it as new
            banking.confirm_line(first, line.id, customer_code="C003", invoice_numbers=["F001-00000120"])
            first.commit()
            with pytest.raises(BankLineStateError):
                banking.confirm_line(second, line.id, customer_code="C003", invoice_numbers=["F001-00000121"])
            second.rollback()
        finally:
            first.close()
            second.close()
        with Session() as s:
            assert count_rows(s, Payment) == 4
            assert s.get(BankLine, line.id).status == "confirmed"
    finally:
        engine.dispose()


def test_two_lines_paying_one_invoice_only_the_first_is_confirmed(session, tmp_path):
    """The customer paid F001-00000101 twice (two transfers): auto-confirm takes the first; the second is
    matched against what is left and waits for a person (no longer exact)."""
    samples.make_book(session)
    line = samples.BCP_LINES[0]
    twice = [line, ("16/06/2026",) + line[1:3] + ("01299999",)]
    with session.begin():
        banking.import_statement(session, samples.write_bcp_csv(tmp_path / "doble.csv", twice))
    fresh(session)
    with session.begin():
        done = banking.auto_confirm_exact(session)
    assert [c.payment.allocations[0].invoice_number for c in done] == ["F001-00000101"]
    fresh(session)
    [left] = banking.match_lines(session)
    assert left.exact is None and left.line.date == dt.date(2026, 6, 16)
    assert "F001-00000101" not in {n for s in left.suggestions for n in s.invoice_numbers}


from hypothesis import given, settings, strategies as st  # noqa: E402


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(min_value=1, max_value=5000), min_size=2, max_size=12), st.data())
def test_combinations_found_add_up_and_one_is_found_when_it_exists(amounts, data):
    """Every combination returned sums exactly to the amount, has 2 to MAX_COMBINATION distinct invoices; and
    when some 2 or 3 of at most 12 invoices add up to the amount, one is found (12 invoices are far within the
    step limits)."""
    items = [matching._Open(i, f"F{i}", 1, dt.date(2026, 1, 1), dt.date(2026, 2, 1), a)
             for i, a in enumerate(amounts)]
    picked = data.draw(st.lists(st.sampled_from(range(len(items))), min_size=2, max_size=3, unique=True))
    target = sum(items[i].open_minor for i in picked)
    found, stopped = matching._subsets(items, target, [matching.MAX_LINE_STEPS])
    assert not stopped and found
    for combo in found:
        assert sum(i.open_minor for i in combo) == target
        assert 2 <= len(combo) <= matching.MAX_COMBINATION and len({i.invoice_id for i in combo}) == len(combo)


def test_on_postgres_two_imports_of_one_statement_at_once_store_it_once(pg_url, tmp_path):
    """The second import looked for known lines before the first committed, then waits on the fingerprint's
    unique index: when the first commits it is refused with a clear message (not a database error), and the
    statement is stored once; importing it again stores nothing."""
    import threading

    from sqlalchemy import text

    from app.banking.statements import StatementImportedMeanwhileError
    from app.database import open_database, session_factory

    engine = open_database(pg_url)
    try:
        Session = session_factory(engine)
        with Session() as s:
            samples.make_book(s)
            s.commit()
        path = samples.write_bcp_csv(tmp_path / "movimientos.csv")
        first, second = Session(), Session()
        outcome = {}

        def import_second():
            try:
                with second.begin():
                    banking.import_statement(second, path)
                outcome["result"] = "imported"
            except Exception as exc:  # noqa: BLE001 - the test looks at what it was
                outcome["result"] = exc

        try:
            first.begin()
            stored = banking.import_statement(first, path).new_lines  # flushed, not committed
            worker = threading.Thread(target=import_second)
            worker.start()
            with engine.connect() as watch:  # until the second waits on the first's uncommitted rows
                for _ in range(600):
                    waiting = watch.execute(text(
                        "select count(*) from pg_stat_activity where wait_event_type = 'Lock' "
                        "and datname = current_database()")).scalar()
                    if waiting or not worker.is_alive():
                        break
                    threading.Event().wait(0.05)
            first.commit()
            worker.join(60)
        finally:
            first.close()
            second.close()
        assert isinstance(outcome["result"], StatementImportedMeanwhileError), outcome
        assert "Import the file again" in str(outcome["result"])
        with Session() as s:
            assert stored > 0 and count_rows(s, BankLine) == stored
            s.rollback()
            with s.begin():
                again = banking.import_statement(s, path)
            assert again.new_lines == 0 and again.known_lines == stored
    finally:
        engine.dispose()
