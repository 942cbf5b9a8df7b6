"""The decimals of each currency are data in the database, never a library's opinion.

Babel 2.19 (CLDR 49) changed COP from 2 decimals to 0; with the digits read from Babel every stored
COP amount read 100 times too large. These tests make Babel say so again and check that nothing the
user sees or exports changes, and that a database written by an earlier version keeps its amounts.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path

import babel.core
import babel.numbers
import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from app.cli import main
from app.database import current_revision, open_database, session_factory
from app.ledger import currencies
from app.ledger.errors import UnknownCurrencyError
from app.ledger.money import check_currency, exponent, fmt, to_minor, to_str
from app.models import Currency, Invoice
from app.reminders.content import format_money

FIXTURES = Path(__file__).parent.parent / "fixtures"
OLD_DB = FIXTURES / "main-a9ff5bd.sqlite"  # built by commit a9ff5bd with Babel 2.18 (see the JSON beside it)


@pytest.fixture
def babel_says_cop_has_no_decimals(monkeypatch):
    """Make the installed Babel answer as CLDR 49 does for COP (0), and worse for PEN and KWD."""
    fractions = babel.core.get_global("currency_fractions")
    monkeypatch.setitem(fractions, "COP", (0, 0, 0, 0))
    monkeypatch.setitem(fractions, "PEN", (0, 0, 0, 0))
    monkeypatch.setitem(fractions, "KWD", (1, 0, 1, 0))
    assert babel.numbers.get_currency_precision("COP") == 0  # the patch took


def cli(capsys, *argv) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_a_new_database_has_the_iso_4217_decimals(session):
    rows = dict(session.execute(select(Currency.code, Currency.minor_units)).all())
    assert rows["COP"] == 2 and rows["PEN"] == 2 and rows["CLP"] == 0 and rows["KWD"] == 3 and rows["IQD"] == 3
    assert exponent("cop") == 2


def test_stored_amounts_imports_exports_and_letters_ignore_babels_digits(
        tmp_path, capsys, babel_says_cop_has_no_decimals):
    db = str(tmp_path / "books.sqlite")
    assert cli(capsys, "--db", db, "init", "--company", "Ferretería Bogotá", "--currency", "COP",
               "--locale", "es_CO")[0] == 0
    (tmp_path / "c.csv").write_text("code,name,currency\nK1,Constructora Andes S.A.S.,COP\n", encoding="utf-8")
    (tmp_path / "i.csv").write_text("number,customer_code,issue_date,due_date,currency,amount\n"
                                    "FV-1,K1,2026-05-01,2026-05-31,COP,1234567.89\n", encoding="utf-8")
    assert cli(capsys, "--db", db, "import", "customers", str(tmp_path / "c.csv"))[0] == 0
    code, out, err = cli(capsys, "--db", db, "import", "invoices", str(tmp_path / "i.csv"))
    assert code == 0, err
    engine = open_database(db)
    with session_factory(engine)() as s:
        assert s.scalar(select(Invoice.total_minor).where(Invoice.number == "FV-1")) == 123456789
    engine.dispose()

    assert fmt(123456789, "COP", "es_CO", symbol=False) == "1.234.567,89"
    assert fmt(123456789, "PEN", "es_PE") == "S/\xa01,234,567.89"
    assert fmt(1234567, "KWD", "en_US", symbol=False) == "1,234.567"
    assert to_str(123456789, "COP") == "1234567.89" and to_minor("0.01", "COP") == 1
    assert format_money(123456789, "COP", "es_CO") .endswith("1.234.567,89")
    assert format_money(123456789, "COP", "en_US", company_locale="es_CO").endswith("1,234,567.89")

    code, out, _ = cli(capsys, "--db", db, "balance", "K1", "--as-of", "2026-06-30", "--format", "json")
    assert code == 0 and json.loads(out)["balances"][0]["balance"] == "1234567.89"

    xlsx = tmp_path / "aging.xlsx"
    assert cli(capsys, "--db", db, "aging", "--as-of", "2026-06-30", "--format", "xlsx", "-o", str(xlsx))[0] == 0
    values = [c.value for row in load_workbook(xlsx).worksheets[0].iter_rows() for c in row]
    assert any(v is not None and not isinstance(v, str) and float(v) == 1234567.89 for v in values), values

    pdf = tmp_path / "statement.pdf"
    assert cli(capsys, "--db", db, "statement", "K1", "--as-of", "2026-06-30", "-o", str(pdf))[0] == 0
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "1.234.567,89" in text
    assert "123.456.789" not in text


def test_a_database_written_by_an_earlier_version_keeps_its_amounts(tmp_path, capsys, babel_says_cop_has_no_decimals):
    db = tmp_path / "old.sqlite"
    shutil.copyfile(OLD_DB, db)
    engine = open_database(str(db))
    assert current_revision(engine) is not None
    with session_factory(engine)() as s:
        assert s.get(Currency, "COP").minor_units == 2
    engine.dispose()
    assert list(tmp_path.glob("old.sqlite.*.bak")), "the upgrade copies the file first"

    expected_aging = json.loads((FIXTURES / "main-a9ff5bd.aging-2026-11-30.json").read_text())
    code, out, err = cli(capsys, "--db", str(db), "aging", "--as-of", "2026-11-30", "--format", "json")
    assert code == 0, err
    assert json.loads(out) == expected_aging
    expected_balance = json.loads((FIXTURES / "main-a9ff5bd.balance-KCOP-2026-11-30.json").read_text())
    code, out, _ = cli(capsys, "--db", str(db), "balance", "KCOP", "--as-of", "2026-11-30", "--format", "json")
    assert json.loads(out) == expected_balance
    assert expected_balance["open_items"][0]["amount"] == "1234567.89"


def test_an_existing_database_keeps_the_decimals_its_data_was_entered_with(tmp_path):
    """IQD is 3 in ISO 4217, but earlier versions stored it with Babel's 0: its amounts keep meaning units."""
    from alembic import command

    from app.database import alembic_config, make_engine

    engine = make_engine(str(tmp_path / "iqd.sqlite"))
    command.upgrade(alembic_config(engine), "0008")
    with engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO company (name, country, currency, locale) VALUES ('x', 'IQ', 'IQD', 'en')")
    command.upgrade(alembic_config(engine), "head")
    with session_factory(engine)() as s:
        assert s.get(Currency, "IQD").minor_units == 0
        assert s.get(Currency, "JOD").minor_units == 3  # not used by the data: ISO 4217
        assert s.get(Currency, "COP").minor_units == 2
    engine.dispose()


def test_a_currency_the_database_lacks_is_refused(session):
    with pytest.raises(UnknownCurrencyError, match="XAU"):
        check_currency("XAU")
    with pytest.raises(UnknownCurrencyError):
        to_minor("1.00", "ABC")


def test_the_decimals_are_read_from_the_open_database(engine, session):
    """The table, not the shipped list, decides: a database that says KWD has 2 decimals is obeyed."""
    with session.begin():
        session.get(Currency, "KWD").minor_units = 2
    try:
        currencies.load(engine)
        assert exponent("KWD") == 2
        assert fmt(12345, "KWD", "en_US", symbol=False) == "123.45"
    finally:
        with session.begin():
            session.get(Currency, "KWD").minor_units = 3
        currencies.load(engine)
    assert exponent("KWD") == 3


def test_amounts_beyond_the_bound_are_refused_everywhere_they_enter(session, tmp_path, capsys):
    """92233720368547758.07 once imported and then broke every report with "integer overflow"."""
    from app import ledger
    from app.ledger.errors import InvalidAmountError
    from app.ledger.money import MAX_MAJOR
    from tests.factories import make_customer

    with pytest.raises(InvalidAmountError, match="largest amount"):
        to_minor("92233720368547758.07", "PEN")
    assert to_minor(str(MAX_MAJOR), "PEN") == MAX_MAJOR * 100
    with session.begin():
        make_customer(session)
    for call in (
        lambda: ledger.record_invoice(session, customer_code="C001", number="BIG", issue_date=dt.date(2026, 6, 1),
                                      total_minor=MAX_MAJOR * 100 + 1, currency="PEN"),
        lambda: ledger.record_payment(session, customer_code="C001", date=dt.date(2026, 6, 1),
                                      amount_minor=2 ** 63 - 1, currency="PEN"),
    ):
        with pytest.raises(InvalidAmountError, match="largest amount"), session.begin():
            call()
    db = tmp_path / "bound.sqlite"
    assert main(["--db", str(db), "init"]) == 0
    (tmp_path / "c.csv").write_text("code,name,currency\nC1,Cliente,PEN\n", encoding="utf-8")
    (tmp_path / "i.csv").write_text("number,customer_code,issue_date,due_date,currency,amount\n"
                                    "F-1,C1,2026-06-01,,PEN,92233720368547758.07\n", encoding="utf-8")
    assert main(["--db", str(db), "import", "customers", str(tmp_path / "c.csv")]) == 0
    capsys.readouterr()
    assert main(["--db", str(db), "import", "invoices", str(tmp_path / "i.csv")]) == 2
    err = capsys.readouterr().err
    assert "i.csv:2" in err and "Traceback" not in err
