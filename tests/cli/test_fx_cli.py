"""`cobranza fx set/list`, and Today's tasks in the company's currency on the command line."""

import datetime as dt
import json

import pytest
from sqlalchemy import func, select

from app import ledger
from app.cli import main
from app.collections.promises import add_promise
from app.database import open_database, session_factory
from app.models import AuditEntry, ExchangeRate
from tests.factories import make_customer

D = dt.date


@pytest.fixture
def dbfile(db_path):
    engine = open_database(str(db_path))
    s = session_factory(engine)()
    with s.begin():
        ledger.save_company(s, name="Andina", currency="PEN", locale="es_PE")
        make_customer(s, code="SOL", name="Cliente Soles")
        make_customer(s, code="DOL", name="Cliente Dólares", currency="USD")
        # S/ 68.26 against USD 16,097.37: in minor units the soles are smaller, but only just comparable via a rate
        add_promise(s, customer_code="SOL", promised_date=D(2026, 6, 20), amount_minor=6826, made_on=D(2026, 6, 1))
        add_promise(s, customer_code="DOL", promised_date=D(2026, 6, 20), amount_minor=1_609_737,
                    made_on=D(2026, 6, 1))
    s.close()
    engine.dispose()
    return str(db_path)


def rows(dbfile):
    engine = open_database(dbfile)
    with session_factory(engine)() as s:
        out = s.execute(select(ExchangeRate.currency, ExchangeRate.rate_date, ExchangeRate.rate)
                        .order_by(ExchangeRate.currency, ExchangeRate.rate_date)).all()
        audits = s.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.entity == "exchange_rate"))
    engine.dispose()
    return [tuple(r) for r in out], audits


def test_fx_set_and_list(dbfile, capsys):
    assert main(["--db", dbfile, "fx", "set", "usd", "3.75", "--date", "2026-01-02"]) == 0
    assert "1 USD = 3.75 PEN" in capsys.readouterr().out
    assert main(["--db", dbfile, "fx", "set", "COP", "0.00092"]) == 0  # today, from the clock
    capsys.readouterr()
    assert rows(dbfile) == ([("COP", D(2026, 6, 30), "0.00092"), ("USD", D(2026, 1, 2), "3.75")], 2)
    assert main(["--db", dbfile, "fx", "list", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data == {"company_currency": "PEN", "rates": [
        {"currency": "COP", "date": "2026-06-30", "rate": "0.00092"},
        {"currency": "USD", "date": "2026-01-02", "rate": "3.75"}]}
    assert main(["--db", dbfile, "fx", "list", "--currency", "USD"]) == 0
    out = capsys.readouterr().out
    assert "USD" in out and "2026-01-02" in out and "3.75" in out and "COP" not in out


@pytest.mark.parametrize("argv, words", [
    (["fx", "set", "USD", "3,75"], ["3,75", "comma", "3.75"]),
    (["fx", "set", "USD", "-1"], ["-1", "plain decimal"]),
    (["fx", "set", "USD", "0"], ["greater than zero"]),
    (["fx", "set", "USD", "99999999999"], ["too large"]),
    (["fx", "set", "XXQ", "1.5"], ["XXQ", "ISO 4217"]),
    (["fx", "set", "PEN", "1.5"], ["PEN", "company's own currency"]),
    (["fx", "set", "USD", "3.75", "--date", "30/06/2026"], ["30/06/2026", "YYYY-MM-DD"]),
    (["fx", "set", "USD", "3.75", "--date", "5050-06-30"], ["5050-06-30", "2199-12-31"]),
    (["fx", "list", "--currency", "XXQ"], ["XXQ"]),
])
def test_fx_errors_are_one_line_exit_2_and_write_nothing(dbfile, capsys, argv, words):
    with pytest.raises(SystemExit) as exc:
        main(["--db", dbfile, *argv])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("cobranza: ") and err.count("\n") == 1
    for word in words:
        assert word in err
    assert rows(dbfile) == ([], 0)


def test_tasks_rank_in_the_company_currency(dbfile, capsys):
    assert main(["--db", dbfile, "tasks", "--as-of", "2026-06-30", "--format", "json"]) == 0
    tasks = json.loads(capsys.readouterr().out)["tasks"]
    # no USD rate: the dollars are not ranked by their raw cents; they come last and say why
    assert [(t["customer_code"], t["rate_missing"]) for t in tasks] == [("SOL", False), ("DOL", True)]
    assert tasks[1]["expected_value_company"] is None
    assert main(["--db", dbfile, "fx", "set", "USD", "3.75", "--date", "2026-06-01"]) == 0
    capsys.readouterr()
    assert main(["--db", dbfile, "tasks", "--as-of", "2026-06-30", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["company_currency"] == "PEN"
    assert [(t["customer_code"], t["rate_missing"]) for t in data["tasks"]] == [("DOL", False), ("SOL", False)]
