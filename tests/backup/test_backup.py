"""Backups and restore on real SQLite files: a writer process committing while we back up, the file's
mode and metadata, rotation with an injected clock, restore's checks and its safety copy."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from alembic import command

from app import __version__, config
from app.backup import (META_TABLE, BackupError, auto_backup, automatic_backups, backup_dir, inspect_backup,
                        make_backup, restore_backup, with_extension)
from app.cli import main
from app.database import alembic_config, head_revision, make_engine, open_database, session_factory
from app.ledger import save_company
from tests.factories import count_rows, make_customer, make_invoice, make_payment

ROOT = Path(__file__).resolve().parents[2]


def run(argv, capsys):
    try:
        code = main(argv)
    except SystemExit as exc:
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def books(tmp_path):
    """A 0600 SQLite database with a customer, two invoices and a payment."""
    path = tmp_path / "books.sqlite"
    engine = open_database(str(path))
    with session_factory(engine, write=True)() as s, s.begin():
        save_company(s, name="Distribuidora Andina S.A.C.", currency="PEN", locale="es_PE", country="PE")
        make_customer(s, code="C001", name="Ferretería Los Andes S.A.C.")
        make_invoice(s, number="F001-1", amount="120.00")
        make_invoice(s, number="F001-2", amount="80.50")
        make_payment(s, amount="50.00")
    engine.dispose()
    os.chmod(path, 0o600)
    return path


def invoices_in(path: Path) -> list[str]:
    with sqlite3.connect(path) as conn:
        return [r[0] for r in conn.execute("SELECT number FROM invoice ORDER BY number")]


# --- a consistent copy while another process writes ----------------------------------------------

WRITER = textwrap.dedent("""
    import datetime as dt, sys
    from pathlib import Path
    from app import config, ledger
    from app.database import open_database, session_factory
    config.set_clock(config.FixedClock.at(dt.date(2026, 6, 30)))
    engine = open_database(sys.argv[1])
    stop, progress = Path(sys.argv[2]), Path(sys.argv[3])
    Session = session_factory(engine, write=True)
    n = 0
    while not stop.exists():
        n += 1
        with Session() as s, s.begin():   # one transaction: an invoice and the payment that settles it
            ledger.record_invoice(s, customer_code="C001", number=f"W-{n}", issue_date=dt.date(2026, 6, 1),
                                  total_minor=10000 + n, currency="PEN", due_date=dt.date(2026, 6, 30))
            ledger.record_payment(s, customer_code="C001", date=dt.date(2026, 6, 2), amount_minor=10000 + n,
                                  currency="PEN", invoice_number=f"W-{n}")
        tmp = progress.with_suffix(".tmp")
        tmp.write_text(str(n))
        tmp.replace(progress)
    engine.dispose()
""")


def ledger_invariants(path: Path) -> dict[str, int]:
    """What must hold in any committed state of the books; returns the counts of W- documents."""
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        bad_lines = conn.execute("""
            SELECT count(*) FROM due_line d
            WHERE d.paid_minor != (SELECT coalesce(sum(a.amount_minor), 0) FROM allocation a WHERE a.due_line_id = d.id)
        """).fetchone()[0]
        bad_payments = conn.execute("""
            SELECT count(*) FROM payment p
            WHERE p.applied_minor != (SELECT coalesce(sum(a.amount_minor), 0) FROM allocation a WHERE a.payment_id = p.id)
        """).fetchone()[0]
        bad_totals = conn.execute("""
            SELECT count(*) FROM invoice i
            WHERE i.total_minor != (SELECT sum(d.amount_minor) FROM due_line d WHERE d.invoice_id = i.id)
        """).fetchone()[0]
        w_invoices = conn.execute("SELECT count(*) FROM invoice WHERE number LIKE 'W-%'").fetchone()[0]
        w_payments = conn.execute("SELECT count(*) FROM payment WHERE amount_minor > 10000").fetchone()[0]
        w_open = conn.execute("""SELECT count(*) FROM due_line d JOIN invoice i ON i.id = d.invoice_id
                                 WHERE i.number LIKE 'W-%' AND d.paid_minor != d.amount_minor""").fetchone()[0]
    assert (bad_lines, bad_payments, bad_totals) == (0, 0, 0)
    # each iteration commits an invoice with the payment that settles it: never one without the other
    assert w_invoices == w_payments and w_open == 0
    return {"invoices": w_invoices}


def committed(progress: Path) -> int:
    try:
        return int(progress.read_text())
    except (FileNotFoundError, ValueError):
        return 0


def test_a_backup_taken_while_another_process_commits_is_a_consistent_snapshot(books, tmp_path):
    stop, progress = tmp_path / "stop", tmp_path / "progress"
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(books), str(stop), str(progress)], cwd=ROOT,
                              stderr=subprocess.PIPE, text=True)
    try:
        seen = []
        for i in range(4):
            # wait (without a time limit on the assert) until the writer has committed a few more
            target = 3 * (i + 1)
            while committed(progress) < target:
                assert writer.poll() is None, writer.stderr.read()
                time.sleep(0.01)
            copy = make_backup(str(books), tmp_path / f"copy-{i}.cobranza").path
            seen.append(ledger_invariants(copy)["invoices"])
    finally:
        stop.touch()
        writer.wait()
    assert writer.returncode == 0, writer.stderr.read()
    assert seen == sorted(seen) and seen[-1] >= 12  # later copies hold more, each a whole committed state
    ledger_invariants(books)


# --- the file ------------------------------------------------------------------------------------


def test_backup_keeps_the_databases_mode_and_records_version_and_schema(books, tmp_path, capsys):
    code, out, err = run(["--db", str(books), "backup", "-o", str(tmp_path / "out" / "monday")], capsys)
    assert code == 0, err
    target = tmp_path / "out" / "monday.cobranza"  # the extension is added when the name has none
    assert str(target) in out
    assert target.stat().st_mode & 0o777 == 0o600
    with sqlite3.connect(target) as conn:
        meta = dict(conn.execute(f"SELECT key, value FROM {META_TABLE}"))
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # one file, no -wal beside it
    assert meta["app_version"] == __version__ and meta["schema_revision"] == head_revision()
    assert meta["company"] == "Distribuidora Andina S.A.C."
    info = inspect_backup(target)
    assert info.counts == {"customers": 1, "invoices": 2, "payments": 1, "credit notes": 0}
    assert info.created_at == config.now()
    assert [p.name for p in target.parent.iterdir()] == ["monday.cobranza"]  # no temporary file left


def test_a_backup_never_overwrites_a_file_nor_writes_over_the_database(books, tmp_path, capsys):
    existing = tmp_path / "old.cobranza"
    existing.write_bytes(b"precious")
    code, _, err = run(["--db", str(books), "backup", "-o", str(existing)], capsys)
    assert code == 2 and "already exists" in err
    assert existing.read_bytes() == b"precious"
    with pytest.raises(BackupError, match="itself"):
        make_backup(str(books), books, overwrite=True)
    assert with_extension("x.db").name == "x.db"


@pytest.mark.parametrize("where", ["under-a-file", "empty", "directory"])
def test_a_backup_that_cannot_be_written_is_one_line(books, tmp_path, capsys, where):
    (tmp_path / "afile").write_text("x")
    target = {"under-a-file": str(tmp_path / "afile" / "b"), "empty": "", "directory": str(tmp_path)}[where]
    code, out, err = run(["--db", str(books), "backup", "-o", target], capsys)
    assert code == 2 and err.startswith("cobranza: backup: ") and len(err.strip().splitlines()) == 1, err
    assert "Traceback" not in err


def test_restoring_the_database_onto_itself_is_refused(books, capsys):
    code, _, err = run(["--db", str(books), "restore", str(books), "--yes"], capsys)
    assert code == 2 and "the database itself" in err


def test_backup_refuses_a_path_that_is_not_a_cobranza_database(tmp_path, capsys):
    code, _, err = run(["--db", str(tmp_path / "typo.sqlite"), "backup", "-o", str(tmp_path / "b")], capsys)
    assert code == 2 and "does not exist" in err
    assert not (tmp_path / "typo.sqlite").exists() and not (tmp_path / "b.cobranza").exists()


# --- rotation -------------------------------------------------------------------------------------


def test_automatic_backups_are_daily_and_only_the_newest_n_are_kept(books, tmp_path):
    folder = backup_dir(str(books))
    assert folder.is_relative_to(config.data_dir())
    manual = make_backup(str(books), folder / "kept-by-hand.cobranza").path
    made = []
    start = dt.datetime(2026, 7, 1, 9, 0, tzinfo=dt.timezone.utc)
    for day in range(10):
        config.set_clock(config.FixedClock(start + dt.timedelta(days=day)))
        result = auto_backup(str(books), keep=3)
        assert result.made is not None
        made.append(result.made)
        # a second start the same day (an hour later) makes none
        config.set_clock(config.FixedClock(start + dt.timedelta(days=day, hours=1)))
        assert auto_backup(str(books), keep=3).made is None
    assert [p for _, p in automatic_backups(folder)] == made[-3:]
    assert manual.exists()  # only automatic backups rotate
    for path in made[-3:]:
        assert inspect_backup(path).schema_revision == head_revision()


def test_keep_comes_from_the_user_setting_and_cron_runs_it(books, capsys):
    config.save_user_settings({"backup_keep": 2})
    start = dt.datetime(2026, 7, 1, 23, 30, tzinfo=dt.timezone.utc)
    for day in range(4):
        config.set_clock(config.FixedClock(start + dt.timedelta(days=day)))
        code, out, err = run(["--db", str(books), "backup", "--auto"], capsys)
        assert code == 0 and "backup written" in out, err
    assert len(automatic_backups(backup_dir(str(books)))) == 2
    code, out, _ = run(["--db", str(books), "backup", "--auto"], capsys)
    assert code == 0 and "no backup needed" in out
    code, _, err = run(["--db", str(books), "backup", "--auto", "--keep", "0"], capsys)
    assert code == 2 and "at least 1" in err


# --- restore ---------------------------------------------------------------------------------------


def add_invoice(path: Path, number: str) -> None:
    engine = open_database(str(path))
    with session_factory(engine, write=True)() as s, s.begin():
        make_invoice(s, number=number, amount="10.00")
    engine.dispose()


def test_restore_brings_back_the_backup_and_saves_the_current_database_first(books, tmp_path, capsys):
    backup = make_backup(str(books), tmp_path / "before.cobranza").path
    add_invoice(books, "F001-3")
    assert invoices_in(books) == ["F001-1", "F001-2", "F001-3"]
    code, out, err = run(["--db", str(books), "restore", str(backup), "--yes"], capsys)
    assert code == 0, err
    assert "company Distribuidora Andina S.A.C." in out and "2 invoices" in out  # what is about to come back
    assert invoices_in(books) == ["F001-1", "F001-2"]
    assert books.stat().st_mode & 0o777 == 0o600
    with sqlite3.connect(books) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert META_TABLE not in tables  # the backup's label stays in the backup
    safety = [p for p in backup_dir(str(books)).iterdir() if p.name.startswith("before-restore-")]
    assert len(safety) == 1 and invoices_in(safety[0]) == ["F001-1", "F001-2", "F001-3"]
    # the restored database opens and works
    add_invoice(books, "F001-4")
    assert invoices_in(books) == ["F001-1", "F001-2", "F001-4"]


def test_restore_into_a_database_another_connection_has_open(books, tmp_path):
    """The app keeps its engine open: after the restore it reads the restored books, not a mix."""
    backup = make_backup(str(books), tmp_path / "b.cobranza").path
    engine = open_database(str(books))
    with session_factory(engine)() as s:
        from app.models import Invoice

        add_invoice(books, "F001-3")
        assert count_rows(s, Invoice) == 3
        s.rollback()
        restore_backup(str(books), backup)
        assert count_rows(s, Invoice) == 2
    engine.dispose()


def test_restore_into_a_new_file(books, tmp_path, capsys):
    backup = make_backup(str(books), tmp_path / "b.cobranza").path
    new = tmp_path / "machine2" / "cobranza.sqlite"
    code, _, err = run(["--db", str(new), "restore", str(backup), "--yes"], capsys)
    assert code == 0, err
    assert invoices_in(new) == ["F001-1", "F001-2"]
    assert new.stat().st_mode & 0o777 == 0o600


def fingerprint(path: Path) -> dict[str, bytes]:
    # a reader may leave an empty WAL and its index beside the database: not a change of the books
    return {p.name: p.read_bytes() for p in sorted(path.parent.iterdir())
            if p.is_file() and not p.name.endswith(("-wal", "-shm"))}


def test_restore_without_a_terminal_needs_yes(books, tmp_path, capsys, monkeypatch):
    backup = make_backup(str(books), tmp_path / "b.cobranza").path
    add_invoice(books, "F001-3")
    monkeypatch.setattr(sys, "stdin", open(os.devnull))
    code, _, err = run(["--db", str(books), "restore", str(backup)], capsys)
    assert code == 2 and "--yes" in err
    assert invoices_in(books) == ["F001-1", "F001-2", "F001-3"]


def test_restore_asks_on_a_terminal_and_no_changes_nothing(books, tmp_path, capsys, monkeypatch):
    backup = make_backup(str(books), tmp_path / "b.cobranza").path
    add_invoice(books, "F001-3")
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    answers = iter(["n"])
    monkeypatch.setattr("builtins.input", lambda prompt: next(answers))
    code, out, _ = run(["--db", str(books), "restore", str(backup)], capsys)
    assert code == 1 and "nothing was changed" in out
    assert invoices_in(books) == ["F001-1", "F001-2", "F001-3"]
    assert not backup_dir(str(books)).exists()  # not even the safety copy


def damaged_copy(backup: Path, tmp_path: Path) -> Path:
    data = bytearray(backup.read_bytes())
    for offset in range(4096 * 2, len(data) - 4096, 4096):  # scribble over every page but the first
        data[offset + 100:offset + 400] = b"\xff" * 300
    bad = tmp_path / "damaged.cobranza"
    bad.write_bytes(bytes(data))
    return bad


@pytest.mark.parametrize("kind", ["damaged", "newer", "foreign", "text"])
def test_restore_refuses_a_file_it_cannot_trust_and_changes_nothing(books, tmp_path, capsys, kind):
    backup = make_backup(str(books), tmp_path / "b.cobranza").path
    if kind == "damaged":
        bad, message = damaged_copy(backup, tmp_path), "damaged"
    elif kind == "newer":
        bad, message = tmp_path / "newer.cobranza", "newer Cobranza"
        bad.write_bytes(backup.read_bytes())
        with sqlite3.connect(bad) as conn:
            conn.execute("UPDATE alembic_version SET version_num = '9999'")
    elif kind == "foreign":
        bad, message = tmp_path / "other.sqlite", "not a Cobranza backup"
        with sqlite3.connect(bad) as conn:
            conn.execute("CREATE TABLE notes (x)")
    else:
        bad, message = tmp_path / "notes.cobranza", "not a Cobranza backup"
        bad.write_text("hello")
    add_invoice(books, "F001-3")
    before = fingerprint(books)
    code, _, err = run(["--db", str(books), "restore", str(bad), "--yes"], capsys)
    assert code == 2 and message in err, err
    assert fingerprint(books) == before
    assert not backup_dir(str(books)).exists()


def test_restore_upgrades_an_older_backup(books, tmp_path, capsys):
    old = tmp_path / "old.sqlite"
    engine = make_engine(str(old))
    command.upgrade(alembic_config(engine), "0010")
    engine.dispose()
    assert inspect_backup(old).schema_revision == "0010"
    code, out, err = run(["--db", str(books), "restore", str(old), "--yes"], capsys)
    assert code == 0, err
    assert "upgraded from schema 0010" in out
    with sqlite3.connect(books) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == head_revision()
    assert invoices_in(books) == []


def test_restore_refuses_to_replace_another_programs_file(books, tmp_path, capsys):
    backup = make_backup(str(books), tmp_path / "b.cobranza").path
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE notes (x)")
    before = other.read_bytes()
    code, _, err = run(["--db", str(other), "restore", str(backup), "--yes"], capsys)
    assert code == 2 and "not a Cobranza database" in err
    assert other.read_bytes() == before
