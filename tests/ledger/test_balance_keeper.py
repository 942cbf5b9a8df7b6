"""customer_balance, kept by app.ledger.balance_keeper, equals the balance the ledger computes from the
documents after every kind of write (invoices, payments, credit notes, write-offs, voids and corrections,
imports, the demo's bulk statements, a savepoint rolled back), on SQLite and PostgreSQL; and the customers
list sorted by balance from it is the list sorted by the computed balances."""

import datetime as dt

import pytest
from sqlalchemy import select, update

from app import ledger
from app.database import open_database, session_factory
from app.demo.generator import generate_demo
from app.importing import import_file
from app.ledger import balance_keeper, corrections
from app.ledger.customer_list import customer_ids
from app.models import CreditNote, Customer, CustomerBalance, DueLine, Invoice, Payment
from tests.factories import make_customer, make_invoice, make_payment, write_text

D = dt.date
LATER = D(2100, 1, 1)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def books(request, tmp_path):
    url = str(tmp_path / "k.sqlite") if request.param == "sqlite" else request.getfixturevalue("pg_url")
    engine = open_database(url)
    session = session_factory(engine, write=True)()
    yield session
    session.close()
    engine.dispose()


def stored(session) -> dict[tuple[str, str], int]:
    rows = session.execute(select(Customer.code, CustomerBalance.currency, CustomerBalance.balance_minor)
                           .join(Customer, Customer.id == CustomerBalance.customer_id))
    return {(code, cur): int(bal) for code, cur, bal in rows if bal}


def computed(session) -> dict[tuple[str, str], int]:
    out = {}
    for code in session.scalars(select(Customer.code)):
        for b in ledger.customer_balance(session, code, LATER):
            if b.balance_minor:
                out[(code, b.currency)] = b.balance_minor
    return out


def check(session) -> dict:
    session.rollback()  # read what was committed
    expected = computed(session)
    assert stored(session) == expected
    session.rollback()
    return expected


def test_the_stored_balance_follows_every_kind_of_write(books, tmp_path):
    s = books
    with s.begin():
        make_customer(s, code="C001")
        make_customer(s, code="C002", name="Bodega San Martín", currency="USD")
        make_customer(s, code="C003", name="Agro Norte")
    assert check(s) == {}

    with s.begin():  # invoices
        make_invoice(s, number="F1", customer="C001", amount="100.00", issued=D(2026, 1, 1))
        make_invoice(s, number="F2", customer="C001", amount="200.00", issued=D(2026, 2, 1))
        make_invoice(s, number="F3", customer="C002", amount="50.00", issued=D(2026, 2, 1), currency="USD")
        make_invoice(s, number="F4", customer="C003", amount="80.00", issued=D(2026, 2, 1))
        make_invoice(s, number="F5", customer="C002", amount="7.00", issued=D(2026, 2, 2), currency="PEN")
    assert check(s) == {("C001", "PEN"): 30000, ("C002", "USD"): 5000, ("C003", "PEN"): 8000,
                        ("C002", "PEN"): 700}

    with s.begin():  # a payment, allocated and with some left over
        make_payment(s, amount="150.00", customer="C001", date=D(2026, 3, 1))
    assert check(s)[("C001", "PEN")] == 15000

    with s.begin():  # a credit note against an invoice
        corrections.issue_credit_note(s, "C002", amount_minor=1000, invoice_number="F3", on_date=D(2026, 3, 2))
    assert check(s)[("C002", "USD")] == 4000

    with s.begin():  # a write-off
        corrections.write_off_remainder(s, "C003", invoice_number="F4", reason="quiebra", on_date=D(2026, 3, 3))
    assert ("C003", "PEN") not in check(s)

    with s.begin():  # voids
        ledger.void_invoice(s, "F5", reason="duplicada", on_date=D(2026, 3, 4))
        ref = corrections.source_ref(s, "payment", s.scalar(select(Payment)))
        corrections.void_payment(s, ref, reason="rebotado", on_date=D(2026, 3, 5))
    assert check(s) == {("C001", "PEN"): 30000, ("C002", "USD"): 4000}

    with s.begin():  # corrections that move no balance: unapply and apply again
        ref = corrections.source_ref(s, "credit_note", s.scalar(select(CreditNote)))
        corrections.unapply(s, ref, on_date=D(2026, 3, 6))
    assert check(s)[("C002", "USD")] == 4000

    # imports
    f = write_text(tmp_path / "i.csv", "number,customer_code,issue_date,amount\nF10,C003,2026-03-01,10.00\n"
                                       "F11,C001,2026-03-01,1.00\n")
    assert import_file(s, "invoices", f).ok
    f = write_text(tmp_path / "p.csv", "customer_code,date,amount,invoice_number\nC001,2026-03-07,2.00,F1\n")
    assert import_file(s, "payments", f).ok
    assert check(s) == {("C001", "PEN"): 29900, ("C002", "USD"): 4000, ("C003", "PEN"): 1000}

    with s.begin():  # a savepoint rolled back takes the balance back with the invoice
        nested = s.begin_nested()
        make_invoice(s, number="F20", customer="C003", amount="999.00", issued=D(2026, 3, 8))
        s.flush()
        assert s.scalar(select(CustomerBalance.balance_minor).join(Customer).where(Customer.code == "C003")) == 100900
        nested.rollback()
    assert check(s)[("C003", "PEN")] == 1000

    with s.begin():  # a bulk update by condition (no customer named): every customer recomputed
        s.execute(update(Invoice).where(Invoice.number == "F11").values(total_minor=300))
        s.execute(update(DueLine).where(DueLine.invoice_id == s.scalar(
            select(Invoice.id).where(Invoice.number == "F11"))).values(amount_minor=300))
    assert check(s)[("C001", "PEN")] == 30100

    with s.begin():  # the demo's bulk inserts (explicit ids, executemany)
        generate_demo(s, customers=20, invoices=150, as_of=D(2026, 6, 30))
    expected = check(s)
    assert len(expected) > 10


def test_the_list_sorted_by_the_stored_balance_is_the_list_sorted_by_the_computed_one(books):
    s = books
    with s.begin():
        generate_demo(s, customers=40, invoices=300, as_of=D(2026, 6, 30))
    latest = balance_keeper.latest_date(s)
    assert latest is not None and latest <= D(2026, 6, 30)
    for descending in (False, True):
        from_column = customer_ids(s, sort_key="balance", descending=descending, as_of=D(2026, 7, 1))
        summed = customer_ids(s, sort_key="balance", descending=descending, as_of=D(2026, 7, 1),
                              stored_balances=False)
        assert from_column == summed
    # as of a date before the last document, the list adds up the documents (the stored balance is not then's)
    assert customer_ids(s, sort_key="balance", as_of=D(2026, 3, 1)) == \
        customer_ids(s, sort_key="balance", as_of=D(2026, 3, 1), stored_balances=False)


def test_deferred_recomputes_once_at_the_end(books):
    s = books
    with s.begin():
        with balance_keeper.deferred(s):
            generate_demo(s, customers=10, invoices=60, as_of=D(2026, 6, 30))
            assert s.scalar(select(CustomerBalance.customer_id).limit(1)) is None
    assert check(s)
