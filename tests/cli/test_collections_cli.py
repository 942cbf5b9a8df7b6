import datetime as dt
import json

import pytest

from app.cli import main
from app.database import open_database, session_factory
from tests.factories import make_customer, make_invoice


@pytest.fixture
def dbfile(db_path):
    engine = open_database(str(db_path))
    s = session_factory(engine)()
    with s.begin():
        make_customer(s)
        make_invoice(s, number="F1", amount="600.00", issued=dt.date(2026, 1, 10))
        make_invoice(s, number="F2", amount="400.00", issued=dt.date(2026, 2, 10))
    s.close()
    engine.dispose()
    return str(db_path)


def test_agreement_create_and_list(dbfile, capsys):
    assert main(["--db", dbfile, "agreement", "create", "C001", "--invoices", "F1,F2", "--down", "100.00",
                 "--installments", "3", "--every", "month", "--start", "2026-07-01", "--monthly-rate", "1.5"]) == 0
    out = capsys.readouterr().out
    assert "CONV-00001" in out and "active" in out
    assert main(["--db", dbfile, "agreement", "list", "--customer", "C001", "--format", "json"]) == 0
    [a] = json.loads(capsys.readouterr().out)
    assert a["principal"] == "1000.00" and a["invoices"] == ["F1", "F2"]
    assert [i["sequence"] for i in a["installments"]] == [0, 1, 2, 3]
    assert a["installments"][0]["amount"] == "100.00"
    # 900 financed at 1.5%: 13.50 + 9.00 + 4.50 interest
    assert a["interest"] == "27.00"


def test_agreement_errors_exit_2_with_a_message(dbfile, capsys):
    assert_exit = pytest.raises(SystemExit)
    with assert_exit as exc:
        main(["--db", dbfile, "agreement", "create", "C001", "--invoices", "NOPE", "--installments", "3",
              "--every", "month", "--start", "2026-07-01"])
    assert exc.value.code == 2
    assert "NOPE" in capsys.readouterr().err


def test_activity_promise_and_tasks(dbfile, capsys):
    assert main(["--db", dbfile, "activity", "add", "C001", "--channel", "call", "--outcome", "promise",
                 "--note", "paga el lunes", "--next", "2026-06-30", "--promise-date", "2026-06-30",
                 "--promise-amount", "250.00"]) == 0
    assert "promise" in capsys.readouterr().out
    assert main(["--db", dbfile, "promise", "add", "C001", "--date", "2026-07-15", "--amount", "100"]) == 0
    capsys.readouterr()
    assert main(["--db", dbfile, "tasks", "--as-of", "2026-06-30", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    kinds = sorted(t["kind"] for t in data["tasks"])
    assert kinds == ["follow_up", "promise_due"]
    promise = next(t for t in data["tasks"] if t["kind"] == "promise_due")
    assert promise["amount"] == "250.00"
    assert main(["--db", dbfile, "promise", "add", "C001", "--date", "2026-06-30", "--amount", "1234.5",
                 "--more-than-owed"]) == 0  # above the 1,000.00 owed: confirmed
    capsys.readouterr()
    assert main(["--db", dbfile, "tasks", "--as-of", "2026-06-30", "--format", "table"]) == 0
    assert "PEN 1,234.50" in capsys.readouterr().out  # thousands grouped, as in the aging table


def test_dispute_open_and_resolve(dbfile, capsys):
    assert main(["--db", dbfile, "dispute", "open", "F1", "--reason", "precio incorrecto", "--amount", "50"]) == 0
    assert "dispute 1" in capsys.readouterr().out
    assert main(["--db", dbfile, "dispute", "resolve", "1", "--credit-note", "NC-1", "--amount", "30.50"]) == 0
    assert "resolved_credit with credit note NC-1" in capsys.readouterr().out
    # --amount is read in the disputed invoice's currency
    assert main(["--db", dbfile, "balance", "C001", "--format", "json"]) == 0
    assert "969.50" in capsys.readouterr().out


def test_agreement_pdf_shows_the_schedule(dbfile, tmp_path, capsys):
    import subprocess

    from app.database import open_database, session_factory
    from app.ledger import save_company

    engine = open_database(dbfile)
    with session_factory(engine)() as s, s.begin():
        save_company(s, name="Distribuidora Andina S.A.C.", tax_id="20512345678", city="Lima",
                     payment_instructions="BCP cuenta corriente 193-1234567-0-12\nCCI 002-193-001234567012-15")
    engine.dispose()
    assert main(["--db", dbfile, "agreement", "create", "C001", "--invoices", "F1,F2", "--down", "100.00",
                 "--installments", "3", "--every", "month", "--start", "2026-07-01", "--monthly-rate", "1.5"]) == 0
    out = tmp_path / "convenio.pdf"
    assert main(["--db", dbfile, "agreement", "pdf", "CONV-00001", "-o", str(out)]) == 0
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert "Convenio de pago N.° CONV-00001" in text
    assert "Cronograma de pagos" in text and "Cuota inicial" in text
    assert "1,027.00" in text  # total = 1000.00 + 27.00 interest, es_PE grouping
    assert "BCP cuenta corriente" in text and "EL DEUDOR" in text
    assert not list(tmp_path.glob("*.part"))
    en = tmp_path / "agreement.pdf"
    assert main(["--db", dbfile, "agreement", "pdf", "CONV-00001", "-o", str(en), "--lang", "en"]) == 0
    text = subprocess.run(["pdftotext", str(en), "-"], capture_output=True, text=True, check=True).stdout
    assert "Payment agreement No. CONV-00001" in text and "THE DEBTOR" in text


def test_a_logged_call_breaking_the_contact_rules_is_saved_with_a_warning(dbfile, capsys):
    # the CLI hands the reminders' contact rules to the activity log (collections does not import them)
    from app import config

    config.set_clock(config.FixedClock.at(dt.date(2026, 7, 4), 15))  # Saturday 10:00 in Lima (conftest restores)
    assert main(["--db", dbfile, "activity", "add", "C001", "--channel", "call", "--outcome", "no_answer"]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("activity ")
    assert "warning: no contact on Saturday — Ley 29571 art. 62" in captured.err


def test_a_paid_agreement_lists_as_completed(dbfile, capsys):
    """Found by the quarter scenario: an agreement paid in full listed as `active` until Today was opened."""
    from tests.factories import make_payment

    assert main(["--db", dbfile, "agreement", "create", "C001", "--invoices", "F1,F2", "--installments", "2",
                 "--every", "month", "--start", "2026-07-01"]) == 0
    engine = open_database(dbfile)
    with session_factory(engine)() as s, s.begin():
        make_payment(s, amount="1000.00", date=dt.date(2026, 6, 30))
    engine.dispose()
    capsys.readouterr()
    assert main(["--db", dbfile, "agreement", "list", "--format", "json"]) == 0
    [a] = json.loads(capsys.readouterr().out)
    assert a["state"] == "completed"
