"""`cobranza terms`: add with the forms of the issue, show with a preview, archive; a bad line is one line
naming it and the accepted forms, exit 2, nothing written."""

from __future__ import annotations

import pytest

from app.cli import main
from app.database import open_database, session_factory
from app.ledger import terms as T


def codes(db) -> list[str]:
    engine = open_database(db)
    with session_factory(engine)() as s:
        out = [t.code for t in T.list_terms(s)]
    engine.dispose()
    return out


@pytest.fixture
def db(db_path):
    assert main(["--db", str(db_path), "init"]) == 0
    return str(db_path)


def test_add_show_list_archive(db, capsys):
    capsys.readouterr()
    assert main(["--db", db, "terms", "add", "30/70", "--line", "30%:15d", "--line", "70%:45d"]) == 0
    assert main(["--db", db, "terms", "add", "EOM45", "--name", "45 días fin de mes", "--line", "100%:eom+45d",
                 "--discount", "2%:10d"]) == 0
    assert main(["--db", db, "terms", "add", "DIA10", "--line", "100%:next-month-day-10"]) == 0
    capsys.readouterr()
    assert main(["--db", db, "terms", "show", "30/70", "--sample-date", "2026-01-31",
                 "--sample-amount", "1000.01"]) == 0
    out = capsys.readouterr().out.replace("\xa0", " ")
    assert "1. due 2026-02-15" in out and "S/ 300.00" in out
    assert "2. due 2026-03-17" in out and "S/ 700.01" in out
    assert main(["--db", db, "terms", "show", "EOM45", "--sample-date", "2026-01-31"]) == 0
    out = capsys.readouterr().out.replace("\xa0", " ")
    assert "due 2026-03-17" in out and "pay S/ 980.00 by 2026-02-10" in out
    assert main(["--db", db, "terms", "show", "dia10", "--sample-date", "2026-01-31"]) == 0
    assert "due 2026-02-10" in capsys.readouterr().out
    assert main(["--db", db, "terms", "archive", "DIA10"]) == 0
    capsys.readouterr()
    assert main(["--db", db, "terms", "list"]) == 0
    listed = capsys.readouterr().out
    assert "30/70" in listed and "100%:eom+45d  discount 2%:10d" in listed and "DIA10" not in listed
    assert main(["--db", db, "terms", "list", "--all"]) == 0
    assert "(archived)" in capsys.readouterr().out
    assert main(["--db", db, "terms", "edit", "30/70", "--line", "40%:15d", "--line", "rest:45d"]) == 0
    assert "40%:15d  rest:45d" in capsys.readouterr().out


@pytest.mark.parametrize("spec", ["30%:15x", "30:15d", "abc", "30%:eom-5d", "101%:10d", "rest:next-month-day-32"])
def test_a_bad_line_is_one_line_exit_2(db, capsys, spec):
    before = codes(db)
    capsys.readouterr()
    with pytest.raises(SystemExit) as exc:
        main(["--db", db, "terms", "add", "X", "--line", spec])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith(f"cobranza: --line: Payment terms line '{spec}' is not understood") and err.count("\n") == 1
    assert "30%" in err and "eom+45d" in err and "next-month-day-10" in err
    assert codes(db) == before


@pytest.mark.parametrize("args,message", [
    (["--line", "30%:15d"], "add up to 100"),
    (["--line", "100%:30d", "--discount", "2%"], "--discount: Early-payment discount '2%'"),
    (["--line", "rest:30d", "--line", "50%:10d"], "Only the last line"),
])
def test_bad_terms_exit_2(db, capsys, args, message):
    before = codes(db)
    with pytest.raises(SystemExit) as exc:
        main(["--db", db, "terms", "add", "X", *args])
    assert exc.value.code == 2
    assert message in capsys.readouterr().err
    assert codes(db) == before
