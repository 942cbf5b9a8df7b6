"""Backup and restore on a real PostgreSQL server (tests/pg.py) with pg_dump, pg_restore and psql."""

from __future__ import annotations

import shutil

import pytest
from sqlalchemy import func, select

from app.backup import BackupError, inspect_backup, make_backup, restore_backup
from app.cli import main
from app.database import head_revision, open_database, session_factory
from app.ledger import save_company
from app.models import Invoice
from tests.factories import make_customer, make_invoice


def fill(url: str, numbers: list[str]) -> None:
    engine = open_database(url)
    with session_factory(engine, write=True)() as s, s.begin():
        if s.scalar(select(func.count()).select_from(Invoice)) == 0 and not numbers[0].endswith("-9"):
            save_company(s, name="Andina PG", currency="PEN", locale="es_PE", country="PE")
            make_customer(s, code="C001")
        for n in numbers:
            make_invoice(s, number=n, amount="10.00")
    engine.dispose()


def numbers(url: str) -> list[str]:
    engine = open_database(url)
    with session_factory(engine)() as s:
        found = list(s.scalars(select(Invoice.number).order_by(Invoice.number)))
    engine.dispose()
    return found


def test_postgresql_backup_and_restore_round_trip(pg_url, tmp_path, capsys):
    assert shutil.which("pg_dump") and shutil.which("pg_restore") and shutil.which("psql")
    fill(pg_url, ["F-1", "F-2"])
    code = main(["--db", pg_url, "backup", "-o", str(tmp_path / "pg")])
    assert code == 0, capsys.readouterr().err
    backup = tmp_path / "pg.cobranza"
    assert backup.stat().st_mode & 0o777 == 0o600
    info = inspect_backup(backup)
    assert info.kind == "postgresql" and info.schema_revision == head_revision()
    assert info.company == "Andina PG" and info.counts["invoices"] == 2 and info.counts["customers"] == 1

    fill(pg_url, ["F-3-9"])
    assert numbers(pg_url) == ["F-1", "F-2", "F-3-9"]
    result = restore_backup(pg_url, backup, safety_dir=tmp_path / "safety")
    assert numbers(pg_url) == ["F-1", "F-2"]
    # the database as it was is a backup too, and restores
    assert result.safety_backup is not None and inspect_backup(result.safety_backup).counts["invoices"] == 3
    restore_backup(pg_url, result.safety_backup, safety_dir=tmp_path / "safety")
    assert numbers(pg_url) == ["F-1", "F-2", "F-3-9"]
    # an SQLite backup does not go into a PostgreSQL database
    sqlite_db = tmp_path / "x.sqlite"
    open_database(str(sqlite_db)).dispose()
    lite = make_backup(str(sqlite_db), tmp_path / "lite.cobranza").path
    with pytest.raises(BackupError, match="SQLite backup"):
        restore_backup(pg_url, lite)


def test_without_pg_dump_the_message_says_what_to_install(pg_url, tmp_path, capsys, monkeypatch):
    fill(pg_url, ["F-1"])
    monkeypatch.setenv("PATH", str(tmp_path))  # no PostgreSQL client programs here
    with pytest.raises(SystemExit) as exit_:
        main(["--db", pg_url, "backup", "-o", str(tmp_path / "pg")])
    err = capsys.readouterr().err
    assert exit_.value.code == 2
    assert "pg_dump was not found on PATH" in err and "postgresql-client" in err
    assert not (tmp_path / "pg.cobranza").exists()
