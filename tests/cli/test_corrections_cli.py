"""The correction commands as issue 12 spells them: `invoice void`, `payment void|apply|unapply`,
`credit-note add`, `write-off`, `audit`; each refusal is one line, exit 2, nothing written."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import func, select

from app import ledger
from app.cli import main
from app.database import open_database, session_factory
from app.ledger.balances import open_items
from app.models import Allocation, AuditEntry, CreditNote, Invoice, Payment, WriteOff
from tests.factories import make_customer, make_invoice, make_payment

D = dt.date


@pytest.fixture
def dbfile(db_path):
    """C001: F1 100.00 (OP-1 60.00 applied), F2 80.00; C002: G1 10.00. Company locale es_PE."""
    engine = open_database(str(db_path))
    s = session_factory(engine)()
    with s.begin():
        ledger.save_company(s, name="Andina", currency="PEN", locale="es_PE")
        make_customer(s)
        make_customer(s, code="C002", name="Otra")
        make_invoice(s, number="F1", amount="100.00", issued=D(2026, 1, 1), due=D(2026, 1, 31))
        make_invoice(s, number="F2", amount="80.00", issued=D(2026, 2, 1), due=D(2026, 3, 3))
        make_invoice(s, number="G1", customer="C002", amount="10.00", issued=D(2026, 1, 1))
        make_payment(s, amount="60.00", date=D(2026, 3, 1), reference="OP-1", invoice_number="F1")
    s.close()
    engine.dispose()
    return str(db_path)


def cli(dbfile, *argv) -> int:
    """The exit code, as the shell sees it (`fail` and argparse exit by SystemExit)."""
    try:
        return main(["--db", dbfile, *argv])
    except SystemExit as exc:
        return exc.code


def state(dbfile):
    """Everything a refused command must leave as it was."""
    engine = open_database(dbfile)
    try:
        with session_factory(engine)() as s:
            return (
                {i.invoice_number: i.open_minor for i in open_items(s, "C001", D(2026, 6, 30))},
                s.execute(select(Invoice.number, Invoice.status).order_by(Invoice.number)).all(),
                s.execute(select(Payment.reference, Payment.status, Payment.applied_minor)).all(),
                s.scalar(select(func.count(Allocation.id))), s.scalar(select(func.count(CreditNote.id))),
                s.scalar(select(func.count(WriteOff.id))), s.scalar(select(func.count(AuditEntry.id))),
            )
    finally:
        engine.dispose()


def refused(dbfile, capsys, *argv) -> str:
    before = state(dbfile)
    assert cli(dbfile, *argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("cobranza: "), err
    assert state(dbfile) == before
    return err


def test_invoice_void_refused_while_applied_then_after_unapply(dbfile, capsys):
    err = refused(dbfile, capsys, "invoice", "void", "F1", "--reason", "duplicate")
    assert "payment OP-1 (60.00 PEN)" in err and "unapply first: cobranza payment unapply OP-1 --invoice F1" in err
    assert cli(dbfile, "payment", "unapply", "OP-1", "--invoice", "F1", "--reason", "wrong invoice") == 0
    assert "taken back from F1" in capsys.readouterr().out
    assert cli(dbfile, "invoice", "void", "F1", "--reason", "duplicate", "--date", "2026-06-30") == 0
    assert "Invoice F1 voided on 2026-06-30: duplicate" in capsys.readouterr().out
    opened, invoices, payments, *_ = state(dbfile)
    assert opened == {"F2": 8000} and ("F1", "void") in invoices and payments == [("OP-1", "posted", 0)]


def test_invoice_void_refusals(dbfile, capsys):
    assert "No invoice numbered 'NOPE'" in refused(dbfile, capsys, "invoice", "void", "NOPE", "--reason", "x")
    assert "reason" in refused(dbfile, capsys, "invoice", "void", "F2", "--reason", " ")
    assert "before the invoice date" in refused(dbfile, capsys, "invoice", "void", "F2", "--reason", "x",
                                                "--date", "2026-01-15")
    assert "not a date" in refused(dbfile, capsys, "invoice", "void", "F2", "--reason", "x", "--date", "30/06/2026")
    assert "--reason" in refused(dbfile, capsys, "invoice", "void", "F2")


def test_payment_void(dbfile, capsys):
    assert cli(dbfile, "payment", "void", "OP-1", "--reason", "cheque bounced") == 0
    assert "voided on 2026-06-30: cheque bounced; taken back from F1" in capsys.readouterr().out
    opened, _inv, payments, allocations, *_ = state(dbfile)
    assert opened == {"F1": 10000, "F2": 8000} and payments == [("OP-1", "void", 0)] and allocations == 2
    assert "already void" in refused(dbfile, capsys, "payment", "void", "OP-1", "--reason", "again")
    assert "No payment with reference 'X9'" in refused(dbfile, capsys, "payment", "void", "X9", "--reason", "x")
    assert "--reason" in refused(dbfile, capsys, "payment", "void", "OP-1")


def test_payment_unapply_and_apply(dbfile, capsys):
    assert "Nothing of the payment OP-1 is applied to invoice F2" in refused(
        dbfile, capsys, "payment", "unapply", "OP-1", "--invoice", "F2")
    assert "applied in full; unapply it first" in refused(dbfile, capsys, "payment", "apply", "OP-1", "--invoice", "F2")
    assert cli(dbfile, "payment", "unapply", "OP-1") == 0
    capsys.readouterr()
    assert "1,250" in refused(dbfile, capsys, "payment", "apply", "OP-1", "--invoice", "F2", "--amount", "1,250")
    assert "has 60.00 PEN unapplied" in refused(dbfile, capsys, "payment", "apply", "OP-1", "--invoice", "F2",
                                                "--amount", "70.00")
    assert "another customer" in refused(dbfile, capsys, "payment", "apply", "OP-1", "--invoice", "G1")
    assert cli(dbfile, "payment", "apply", "OP-1", "--invoice", "F2", "--amount", "25.00") == 0
    assert "25.00 PEN of the payment OP-1 applied to F2" in capsys.readouterr().out
    assert cli(dbfile, "payment", "apply", "OP-1") == 0  # the rest, oldest due first
    assert "35.00 PEN of the payment OP-1 applied to F1" in capsys.readouterr().out
    assert state(dbfile)[0] == {"F1": 6500, "F2": 5500}


def test_credit_note_add(dbfile, capsys):
    assert cli(dbfile, "credit-note", "add", "C001", "--amount", "20.00", "--invoice", "F2", "--reason",
               "price difference") == 0
    assert "Credit note NC-000001 for 20.00 PEN against invoice F2: price difference" in capsys.readouterr().out
    assert cli(dbfile, "credit-note", "add", "C001", "--amount", "5", "--date", "2026-06-01") == 0
    assert "NC-000002 for 5.00 PEN on account" in capsys.readouterr().out
    assert state(dbfile)[0] == {"F1": 4000, "F2": 6000}
    assert "another customer" in refused(dbfile, capsys, "credit-note", "add", "C001", "--amount", "1", "--invoice", "G1")
    assert "has only 60.00 PEN open" in refused(dbfile, capsys, "credit-note", "add", "C001", "--amount", "61",
                                                "--invoice", "F2")
    assert "No customer with code 'ZZ'" in refused(dbfile, capsys, "credit-note", "add", "ZZ", "--amount", "1")
    assert "--amount" in refused(dbfile, capsys, "credit-note", "add", "C001", "--amount", "-3")
    # the credit note can be unapplied and applied elsewhere like a payment, and voided
    assert cli(dbfile, "payment", "unapply", "NC-000001") == 0
    assert cli(dbfile, "payment", "apply", "NC-000001", "--invoice", "F1") == 0
    assert state(dbfile)[0] == {"F1": 2000, "F2": 8000}
    assert "No payment with reference 'NC-000001'" in refused(dbfile, capsys, "payment", "void", "NC-000001",
                                                             "--reason", "x")
    assert cli(dbfile, "credit-note", "void", "NC-000001", "--reason", "issued by mistake") == 0
    assert "Credit note NC-000001 voided on 2026-06-30: issued by mistake" in capsys.readouterr().out
    assert state(dbfile)[0] == {"F1": 4000, "F2": 8000}
    assert "already void" in refused(dbfile, capsys, "credit-note", "void", "NC-000001", "--reason", "x")


def test_write_off(dbfile, capsys):
    assert "another customer" in refused(dbfile, capsys, "write-off", "C002", "--invoice", "F1", "--reason", "x")
    assert "--reason" in refused(dbfile, capsys, "write-off", "C001", "--invoice", "F1")
    assert "cannot be written off" in refused(dbfile, capsys, "write-off", "C001", "--invoice", "F1", "--amount",
                                              "50.00", "--reason", "x")
    assert cli(dbfile, "write-off", "C001", "--invoice", "F1", "--amount", "15.00", "--reason", "small remainder") == 0
    assert "15.00 PEN of invoice F1 written off: small remainder" in capsys.readouterr().out
    assert cli(dbfile, "write-off", "C001", "--invoice", "F1", "--reason", "bankrupt") == 0
    assert state(dbfile)[0] == {"F2": 8000}
    assert "nothing open" in refused(dbfile, capsys, "write-off", "C001", "--invoice", "F1", "--reason", "x")


def test_audit(dbfile, capsys, monkeypatch):
    monkeypatch.setenv("COBRANZA_USER", "ana")
    assert cli(dbfile, "payment", "unapply", "OP-1", "--reason", "wrong invoice") == 0
    assert cli(dbfile, "invoice", "void", "G1", "--reason", "duplicate") == 0
    capsys.readouterr()
    assert cli(dbfile, "audit", "--customer", "C001") == 0
    out = capsys.readouterr().out.splitlines()
    assert "ana" in out[0] and "unapply" in out[0] and "payment OP-1" in out[0] and "wrong invoice" in out[0]
    assert not any("G1" in line for line in out)
    assert cli(dbfile, "audit", "--since", "2026-01-01", "--format", "json") == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["action"] for r in rows[:2]] == ["void", "unapply"]
    assert rows[0]["customer"] == "C002" and rows[0]["reason"] == "duplicate" and rows[0]["user"] == "ana"
    assert cli(dbfile, "audit", "--since", "2099-01-01") == 0
    assert capsys.readouterr().out.strip() == "no audit entries"
    assert cli(dbfile, "audit", "--customer", "ZZ") == 2
    assert "No customer with code 'ZZ'" in capsys.readouterr().err
    assert cli(dbfile, "audit", "--format", "xml") == 2
