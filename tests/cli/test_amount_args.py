"""CLI amount arguments are read by the strict parser with the company's locale: the same answers as the
dialogs and the importer (tests/amount_cases.py); a refusal is one line and exit 2, nothing written."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from app import ledger
from app.cli import main
from app.database import open_database, session_factory
from app.models import Dispute, PromiseToPay
from tests.amount_cases import SHARED, minor
from tests.factories import make_customer, make_invoice


def books(db_path, locale: str) -> str:
    engine = open_database(str(db_path))
    with session_factory(engine)() as s, s.begin():
        ledger.ensure_default_terms(s)
        ledger.save_company(s, name="Comercial S.A.C.", currency="PEN" if locale == "es_PE" else "COP", locale=locale)
        for code in ("PEN", "USD", "CLP"):
            make_customer(s, code=f"K{code}", name=f"Cliente {code}", currency=code)
        make_invoice(s, number="F-PEN", customer="KPEN", amount="5000.00", currency="PEN", issued=dt.date(2026, 1, 5))
    engine.dispose()
    return str(db_path)


def promises(db: str) -> list[tuple[int, str]]:
    engine = open_database(db)
    with session_factory(engine)() as s:
        rows = [(p.amount_minor, p.currency) for p in s.scalars(select(PromiseToPay))]
    engine.dispose()
    return rows


@pytest.mark.parametrize("locale,currency,text,expected", SHARED)
def test_the_shared_table(db_path, capsys, locale, currency, text, expected):
    db = books(db_path, locale)
    args = ["--db", db, "promise", "add", f"K{currency}", "--date", "2026-07-15", f"--amount={text}", "--more-than-owed"]
    if expected is None:
        with pytest.raises(SystemExit) as exc:
            main(args)
        assert exc.value.code == 2
        err = capsys.readouterr().err
        assert err.startswith(f"cobranza: --amount: '{text}' ") and err.count("\n") == 1
        assert promises(db) == []
    else:
        assert main(args) == 0
        assert promises(db) == [(minor(expected, currency), currency)]


def test_dispute_and_agreement_amounts_too(db_path, capsys):
    db = books(db_path, "es_PE")
    with pytest.raises(SystemExit) as exc:
        main(["--db", db, "dispute", "open", "F-PEN", "--reason", "precio", "--amount", "1,250"])
    assert exc.value.code == 2
    assert "could be 1,250.00 or 1.25" in capsys.readouterr().err
    assert main(["--db", db, "dispute", "open", "F-PEN", "--reason", "precio", "--amount", "1.250,00"]) == 0
    engine = open_database(db)
    with session_factory(engine)() as s:
        assert [d.amount_minor for d in s.scalars(select(Dispute))] == [125000]
    engine.dispose()
    with pytest.raises(SystemExit) as exc:
        main(["--db", db, "agreement", "create", "KPEN", "--invoices", "F-PEN", "--down", "1.000",
              "--installments", "2", "--every", "month", "--start", "2026-07-01"])
    assert exc.value.code == 2
    assert capsys.readouterr().err.startswith("cobranza: --down: '1.000' could be 1.00 or 1,000.00")
