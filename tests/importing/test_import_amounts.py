"""The importer reads amounts with the company's locale and gives the dialogs' and the CLI's answers."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app import ledger
from app.importing.importer import import_file
from app.models import Invoice
from tests.amount_cases import SHARED, minor
from tests.factories import make_customer


def books_for(session, locale: str) -> None:
    with session.begin():
        ledger.ensure_default_terms(session)
        ledger.save_company(session, name="Comercial S.A.C.", currency="PEN" if locale == "es_PE" else "COP",
                            locale=locale)
        for code in ("PEN", "USD", "CLP"):
            make_customer(session, code=f"K{code}", name=f"Cliente {code}", currency=code)


@pytest.mark.parametrize("locale,currency,text,expected", SHARED)
def test_the_shared_table(session, tmp_path, locale, currency, text, expected):
    books_for(session, locale)
    f = tmp_path / "i.csv"
    f.write_text(f'number,customer_code,issue_date,amount\nF1,K{currency},2026-03-01,"{text}"\n', encoding="utf-8")
    result = import_file(session, "invoices", f)
    if expected is None:
        assert not result.ok and [(p.line, p.column) for p in result.problems] == [(2, "amount")]
        assert result.messages()[0].startswith(f"{f}:2: amount: '{text}' ")
    else:
        assert result.ok, result.messages()
        inv = session.scalars(select(Invoice).where(Invoice.number == "F1")).one()
        assert (inv.total_minor, inv.currency) == (minor(expected, currency), currency)


def test_plain_amounts_import_in_every_locale(session, tmp_path):
    books_for(session, "es_CO")
    f = tmp_path / "i.csv"
    f.write_text("number,customer_code,issue_date,amount\nF1,KPEN,2026-03-01,1234.50\nF2,KCLP,2026-03-01,125000\n",
                 encoding="utf-8")
    result = import_file(session, "invoices", f)
    assert result.ok and result.totals == (("CLP", 125000), ("PEN", 123450))
