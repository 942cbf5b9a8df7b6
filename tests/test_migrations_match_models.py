"""The schema the migrations build is the schema the models describe: a column, index or constraint changed
in one place and not the other fails here (alembic's own comparison, on both databases we support)."""

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from app.database import open_database
from app.models import Base


def _differences(engine, ignore_types: bool):
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": not ignore_types}),
                                Base.metadata)
    return [d for d in diff if not (ignore_types and isinstance(d, list) and d[0][0] == "modify_type")]


def test_sqlite_schema_from_the_migrations_matches_the_models(db_path):
    engine = open_database(str(db_path))
    try:
        # SQLite reports every integer column as INTEGER (BIGINT has the same storage): types are compared
        # on PostgreSQL below
        assert _differences(engine, ignore_types=True) == []
    finally:
        engine.dispose()


@pytest.mark.postgres
def test_postgres_schema_from_the_migrations_matches_the_models(pg_url):
    engine = open_database(pg_url)
    try:
        assert _differences(engine, ignore_types=False) == []
    finally:
        engine.dispose()
