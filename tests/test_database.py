import sqlite3

from sqlalchemy import text

from app.database import backup_sqlite, current_revision, head_revision, make_engine, open_database, upgrade


def test_new_database_is_at_the_newest_schema(db_path):
    engine = open_database(str(db_path))
    assert current_revision(engine) == head_revision()
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"


def test_upgrade_backs_up_an_older_database_first(db_path):
    engine = open_database(str(db_path))
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO setting(key, value) VALUES ('k', 'v')"))
        # pretend the file was made by an older release
        conn.execute(text("UPDATE alembic_version SET version_num = 'older'"))
    engine.dispose()
    # a revision alembic does not know cannot be upgraded from: the error must say so and keep the data
    engine = make_engine(str(db_path))
    try:
        upgrade(engine)
        raised = False
    except Exception as exc:  # DatabaseError
        raised = True
        assert "older" in str(exc) and ".bak" in str(exc)
    assert raised
    backups = list(db_path.parent.glob(db_path.name + ".*.bak"))
    assert len(backups) == 1
    with sqlite3.connect(backups[0]) as conn:
        assert conn.execute("SELECT value FROM setting WHERE key='k'").fetchone() == ("v",)


def test_backup_is_a_consistent_copy(db_path):
    engine = open_database(str(db_path))
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO setting(key, value) VALUES ('a', '1')"))
    copy = backup_sqlite(engine)
    with sqlite3.connect(copy) as conn:
        assert conn.execute("SELECT value FROM setting WHERE key='a'").fetchone() == ("1",)


def test_the_backup_before_an_upgrade_is_as_private_as_the_database(tmp_path):
    """A 0600 database left a 0644 .bak beside it (hardening probe)."""
    import os
    import shutil
    import stat
    from pathlib import Path

    from app.database import open_database

    db = tmp_path / "old.sqlite"
    shutil.copyfile(Path(__file__).parent / "fixtures" / "main-a9ff5bd.sqlite", db)
    os.chmod(db, 0o600)
    old_umask = os.umask(0o022)
    try:
        open_database(str(db)).dispose()
    finally:
        os.umask(old_umask)
    [bak] = tmp_path.glob("old.sqlite.*.bak")
    assert stat.S_IMODE(bak.stat().st_mode) == 0o600


def test_head_revision_read_from_the_files_is_alembics():
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from app.database import MIGRATIONS_DIR, head_revision

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    assert head_revision() == ScriptDirectory.from_config(cfg).get_current_head()


def test_opening_an_up_to_date_database_does_not_load_alembic(tmp_path):
    """Alembic costs more to import than most commands' own work: loaded only to change the schema."""
    import subprocess
    import sys

    db = tmp_path / "book.sqlite"
    code = ("import sys; from app.database import open_database; open_database(sys.argv[1]); "
            "print('alembic' in sys.modules)")
    first = subprocess.run([sys.executable, "-c", code, str(db)], capture_output=True, text=True, check=True)
    again = subprocess.run([sys.executable, "-c", code, str(db)], capture_output=True, text=True, check=True)
    assert first.stdout.strip() == "True"  # created: the migrations ran
    assert again.stdout.strip() == "False"
