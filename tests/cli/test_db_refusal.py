"""Only `init` and `demo` create a database: every other command refuses a --db that is not one.

A mistyped path or a zero-byte file used to become a new empty database, and a report on it said
"Nothing is open", exit 0, which reads as "nobody owes me". Now it is one line naming the path and the
fix, exit 2, and the path is left exactly as it was (not created, not modified).
"""

import hashlib
import sqlite3

import pytest

from app.cli import main


def run(argv, capsys):
    """(exit code, stdout, stderr) of `cobranza ARGV`; `fail` raises SystemExit, main() returns."""
    try:
        code = main(argv)
    except SystemExit as exc:
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


def fingerprint(path):
    """Everything that could change: which files exist beside it, and each one's bytes."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(path.parent.iterdir())}


def missing(tmp_path):
    return tmp_path / "cobranza-typo.sqlite"


def zero_bytes(tmp_path):
    path = tmp_path / "empty.sqlite"
    path.touch()
    return path


def other_programs_sqlite(tmp_path):
    path = tmp_path / "inventory.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE items (sku TEXT PRIMARY KEY, qty INTEGER)")
        conn.execute("INSERT INTO items VALUES ('A-1', 3)")
    conn.close()
    return path


def text_file(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("customers to call on monday\n", encoding="utf-8")
    return path


KINDS = {"missing": missing, "zero bytes": zero_bytes, "other program's SQLite": other_programs_sqlite,
         "text file": text_file}
COMMANDS = [
    ["aging", "--as-of", "2026-06-30"],
    ["balance", "C001"],
    ["kpi", "--as-of", "2026-06-30"],
    ["score"],
    ["settings", "list"],
    ["import", "customers", "customers.csv"],
]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_a_path_that_is_not_a_cobranza_database_is_refused(kind, command, tmp_path, capsys):
    path = KINDS[kind](tmp_path)
    (tmp_path / "customers.csv").write_text("code,name\nC001,Uno\n", encoding="utf-8")
    before = fingerprint(path)
    code, out, err = run(["--db", str(path), *command], capsys)
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("cobranza: ") and "Traceback" not in err
    assert str(path) in err
    assert "init" in err  # the fix
    assert fingerprint(path) == before  # nothing created, nothing modified, no journal or WAL left beside it
    assert path.exists() == (kind != "missing")


def test_the_fix_named_for_a_missing_or_empty_file_is_init_on_that_path(tmp_path, capsys):
    for path in (missing(tmp_path), zero_bytes(tmp_path)):
        code, _, err = run(["--db", str(path), "aging", "--as-of", "2026-06-30"], capsys)
        assert code == 2
        assert f"run `cobranza --db {path} init` to create one" in err
        assert main(["--db", str(path), "init"]) == 0
        capsys.readouterr()
        code, out, _ = run(["--db", str(path), "aging", "--as-of", "2026-06-30"], capsys)
        assert code == 0 and "Nothing is open" in out


def test_init_is_never_suggested_on_another_programs_file(tmp_path, capsys):
    path = other_programs_sqlite(tmp_path)
    _, _, err = run(["--db", str(path), "aging", "--as-of", "2026-06-30"], capsys)
    assert "is not a Cobranza database" in err
    assert f"--db {path} init" not in err and "NEW_FILE.sqlite init" in err


def test_a_missing_path_from_cobranza_db_is_refused_too(tmp_path, monkeypatch, capsys):
    path = missing(tmp_path)
    monkeypatch.setenv("COBRANZA_DB", str(path))
    code, _, err = run(["aging", "--as-of", "2026-06-30"], capsys)
    assert code == 2 and str(path) in err and not path.exists()


def test_a_mistyped_directory_is_not_created(tmp_path, capsys):
    path = tmp_path / "no-such-dir" / "cobranza.sqlite"
    code, _, err = run(["--db", str(path), "aging", "--as-of", "2026-06-30"], capsys)
    assert code == 2 and str(path) in err
    assert not path.parent.exists()


def test_init_and_demo_create_a_database(tmp_path, capsys):
    created = tmp_path / "new.sqlite"
    assert main(["--db", str(created), "init"]) == 0
    demo = tmp_path / "demo.sqlite"
    assert main(["--db", str(demo), "demo", "--customers", "2", "--invoices", "3"]) == 0
    capsys.readouterr()
    for path in (created, demo):
        code, _, err = run(["--db", str(path), "aging", "--as-of", "2026-06-30"], capsys)
        assert code == 0, err


@pytest.mark.parametrize("kind", ["missing", "zero bytes", "text file"])
def test_the_gui_refuses_an_explicit_path_that_is_not_a_database(kind, tmp_path, capsys, monkeypatch):
    # refused before the window is built: nothing is shown, the shell gets the line and exit 2. Were the
    # check gone, the GUI would start and wait for a user; fail instead of hanging.
    import app.ui.app

    def started(_db):
        raise AssertionError("the GUI started on a path that is not a Cobranza database")

    monkeypatch.setattr(app.ui.app, "run_gui", started)
    path = KINDS[kind](tmp_path)
    before = fingerprint(path)
    code, _, err = run(["--db", str(path), "gui"], capsys)
    assert code == 2 and str(path) in err and err.count("\n") == 1
    assert fingerprint(path) == before and path.exists() == (kind != "missing")


@pytest.mark.postgres
def test_a_postgresql_database_without_cobranza_tables_is_refused_except_by_init(pg_url, capsys):
    code, _, err = run(["--db", pg_url, "aging", "--as-of", "2026-06-30"], capsys)
    assert code == 2 and "has no Cobranza tables" in err and "init" in err
    assert "Traceback" not in err and err.count("\n") == 1
    assert main(["--db", pg_url, "init"]) == 0
    capsys.readouterr()
    code, out, err = run(["--db", pg_url, "aging", "--as-of", "2026-06-30"], capsys)
    assert code == 0, err
