"""What a command loads before its work: a report on a SQLite file does not load SQLAlchemy's PostgreSQL
dialect (app.models.base.partial_index), and the partial indexes still have their condition on PostgreSQL."""

from __future__ import annotations

import subprocess
import sys

import pytest

PARTIAL = ("ix_invoice_void", "ix_due_line_open", "ix_credit_note_unapplied", "ix_payment_unapplied",
           "ix_write_off_unapplied")


def _python(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_a_report_on_sqlite_does_not_load_the_postgresql_dialect(engine, db_path):
    out = _python(f"""
import sys
from app.cli import main
main(["--db", {str(db_path)!r}, "aging", "--as-of", "2026-06-30", "--format", "json", "-o", {str(db_path) + ".json"!r}])
print(sorted(m for m in sys.modules if m.startswith("sqlalchemy.dialects.postgresql")))
""")
    assert out.strip().splitlines()[-1] == "[]"


def test_create_all_on_postgresql_makes_the_partial_indexes_partial():
    """metadata.create_all on an engine not made by app.database (tests do it): the event gives PostgreSQL its
    conditions. In a new process, so nothing else has given them yet."""
    out = _python("""
from sqlalchemy import create_mock_engine
from app.models import Base
ddl = []
engine = create_mock_engine("postgresql+psycopg://", lambda sql, *a, **k: ddl.append(str(sql.compile(dialect=engine.dialect))))
Base.metadata.create_all(engine, checkfirst=False)
print("\\n".join(" ".join(s.split()) for s in ddl if s.lstrip().startswith("CREATE INDEX")))
""")
    for name in PARTIAL:
        line = next(s for s in out.splitlines() if f"INDEX {name} " in s)
        assert " WHERE " in line, line


def test_a_postgresql_url_gives_the_partial_indexes_their_condition():
    out = _python("""
from sqlalchemy.schema import CreateIndex
from app.database import make_engine
from app.models import Base
engine = make_engine("postgresql+psycopg://nobody@localhost/none")
for table in Base.metadata.sorted_tables:
    for index in table.indexes:
        print(" ".join(str(CreateIndex(index).compile(dialect=engine.dialect)).split()))
""")
    for name in PARTIAL:
        line = next(s for s in out.splitlines() if f"INDEX {name} " in s)
        assert " WHERE " in line, line


@pytest.mark.postgres
def test_migrated_postgresql_has_the_partial_indexes(pg_url):
    from sqlalchemy import text

    from app.database import open_database

    engine = open_database(pg_url)
    try:
        with engine.connect() as conn:
            found = dict(conn.execute(text("SELECT indexname, indexdef FROM pg_indexes WHERE indexname = ANY(:n)"),
                                      {"n": list(PARTIAL)}).all())
    finally:
        engine.dispose()
    assert set(found) == set(PARTIAL) and all(" WHERE " in d for d in found.values())
