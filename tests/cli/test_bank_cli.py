"""`cobranza bank import FILE [--mapping NAME]`, `bank match [--auto-confirm-exact]`, `bank confirm|skip`:
the whole flow on a file as BCP writes it; a bad file is one line per bad row, exit 2, nothing stored."""

from __future__ import annotations

import pytest

from app.cli import main
from app.database import open_database, session_factory
from app.models import BankLine, Payment
from tests.banking import samples
from tests.factories import count_rows


@pytest.fixture
def db(db_path):
    engine = open_database(str(db_path))
    with session_factory(engine)() as s:
        samples.make_book(s)
    engine.dispose()
    return str(db_path)


def counts(db) -> tuple[int, int]:
    engine = open_database(db)
    with session_factory(engine)() as s:
        out = count_rows(s, BankLine), count_rows(s, Payment)
    engine.dispose()
    return out


def test_import_match_confirm_skip(db, tmp_path, capsys):
    path = str(samples.write_bcp_csv(tmp_path / "movimientos.csv"))
    assert main(["--db", db, "bank", "import", path]) == 0
    assert "7 new credit lines (bcp, PEN); 1 debit (money out) ignored" in capsys.readouterr().out
    assert main(["--db", db, "bank", "import", path, "--mapping", "bcp"]) == 0
    assert "0 new credit lines" in capsys.readouterr().out and counts(db) == (7, 0)

    assert main(["--db", db, "bank", "match"]) == 0
    out = capsys.readouterr().out
    assert "1. C003 Bodega Doña Rosa: F001-00000120 354.00, F001-00000122 118.00  (score 80)" in out
    assert "because: customer name 'Bodega Doña Rosa' in the description; F001-00000120 + F001-00000122 add up" in out
    assert "(exact)" in out and "7 lines to confirm or skip" in out

    assert main(["--db", db, "bank", "match", "--auto-confirm-exact"]) == 0
    out = capsys.readouterr().out
    assert "3 lines confirmed as exact matches" in out and "4 lines to confirm or skip" in out
    assert counts(db) == (7, 3)

    line_ids = _ids(out)
    bodega, anonymous, interest, over = line_ids
    assert main(["--db", db, "bank", "confirm", str(bodega)]) == 0
    assert "applied to F001-00000120 354.00, F001-00000122 118.00" in capsys.readouterr().out
    assert main(["--db", db, "bank", "confirm", str(anonymous), "--customer", "C001", "--invoice",
                 "F001-00000103"]) == 0
    assert "236.00 PEN stays as unapplied credit" in capsys.readouterr().out
    assert main(["--db", db, "bank", "skip", str(interest), "--reason", "intereses"]) == 0
    assert main(["--db", db, "bank", "confirm", str(over), "--customer", "C001", "--unapplied"]) == 0
    assert "3000.00 PEN stays as unapplied credit" in capsys.readouterr().out
    assert main(["--db", db, "bank", "match"]) == 0
    assert "no new credit lines to match" in capsys.readouterr().out
    assert counts(db) == (7, 6)

    with pytest.raises(SystemExit) as exc:
        main(["--db", db, "bank", "confirm", str(bodega)])
    assert exc.value.code == 2
    assert "bank confirm: Bank line" in capsys.readouterr().err


def _ids(out: str) -> list[int]:
    return [int(line.split()[0][1:]) for line in out.splitlines() if line.startswith("#")]


def test_a_bad_file_names_each_row_and_stores_nothing(db, tmp_path, capsys):
    lines = list(samples.BCP_LINES)
    lines[0] = ("15/13/2026", "X", "1.00", "1")
    path = str(samples.write_bcp_csv(tmp_path / "bad.csv", lines))
    with pytest.raises(SystemExit) as exc:
        main(["--db", db, "bank", "import", path])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert f"{path}:6: date: '15/13/2026' is not a date; this layout writes dates as dd/mm/yyyy" in err
    assert "1 bad row; nothing was imported" in err
    assert counts(db) == (0, 0)


def test_unknown_mapping_and_wrong_layout(db, tmp_path, capsys):
    path = str(samples.write_interbank_csv(tmp_path / "interbank.csv"))
    with pytest.raises(SystemExit) as exc:
        main(["--db", db, "bank", "import", path, "--mapping", "bcp"])
    assert exc.value.code == 2
    assert "'bcp' layout" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        main(["--db", db, "bank", "import", path, "--mapping", "santander"])
    assert exc.value.code == 2
