"""`cobranza send-statement`: the statement goes out by e-mail (real SMTP) and is logged; refusals exit 2
with one line and send nothing."""

import datetime as dt

import pytest

from app import ledger
from app.cli import main
from app.collections.activities import list_activities
from app.database import open_database, session_factory
from tests.factories import make_customer, make_invoice, smtp_server, smtp_settings


@pytest.fixture
def dbfile(db_path):
    engine = open_database(str(db_path))
    with session_factory(engine)() as s, s.begin():
        ledger.save_company(s, name="Distribuidora Andina S.A.C.", currency="PEN", locale="es_PE")
        make_customer(s, code="C001", name="Ferretería Los Andes", email="pagos@losandes.pe")
        make_customer(s, code="C002", name="Sin Correo")
        make_invoice(s, number="F1", amount="600.00", issued=dt.date(2026, 5, 10))
    engine.dispose()
    return str(db_path)


def configure(dbfile, port):
    engine = open_database(dbfile)
    with session_factory(engine)() as s, s.begin():
        for key, value in smtp_settings(port):
            ledger.set_setting(s, key, value)
    engine.dispose()


def logged(dbfile):
    engine = open_database(dbfile)
    with session_factory(engine)() as s:
        rows = [(a.channel, a.notes) for a in list_activities(s, "C001") if a.source == "statement"]
    engine.dispose()
    return rows


def test_send_statement_sends_and_logs(dbfile, capsys):
    with smtp_server() as (collector, port):
        configure(dbfile, port)
        assert main(["--db", dbfile, "send-statement", "C001", "--as-of", "2026-06-30"]) == 0
        [msg] = collector.messages()
    out = capsys.readouterr().out
    assert out.startswith("C001\tsent to pagos@losandes.pe\tstatement-C001-2026-06-30.pdf\t<")
    assert [a.get_filename() for a in msg.iter_attachments()] == ["statement-C001-2026-06-30.pdf"]
    assert logged(dbfile) == [("email", "Statement as of 30/06/2026 sent to pagos@losandes.pe")]


@pytest.mark.parametrize("args, says", [
    (["C002", "--as-of", "2026-06-30"], "C002 has no e-mail address"),
    (["NOPE", "--as-of", "2026-06-30"], "NOPE"),
    (["C001", "--as-of", "2026-06-30", "--from", "2026-07-01"], "is after --as-of"),
    (["C001", "--as-of", "2026-06-30", "--to", "no-at-sign"], "no-at-sign"),
])
def test_refusals_exit_2_and_send_nothing(dbfile, capsys, args, says):
    with smtp_server() as (collector, port):
        configure(dbfile, port)
        with pytest.raises(SystemExit) as exc:
            main(["--db", dbfile, "send-statement", *args])
        assert collector.messages() == []
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert says in err and err.count("\n") == 1
    assert logged(dbfile) == []


def test_without_smtp_settings_it_says_what_to_set(dbfile, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["--db", dbfile, "send-statement", "C001", "--as-of", "2026-06-30"])
    assert exc.value.code == 2
    assert "smtp" in capsys.readouterr().err.lower()
