"""Declarative base with a naming convention so Alembic migrations name constraints the same way on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, Index, MetaData, TypeDecorator, event, text
from sqlalchemy.orm import DeclarativeBase

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator):
    """Timestamps stored in UTC and always handed back timezone-aware (SQLite forgets the zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given for a UTC timestamp column")
        return value.astimezone(dt.timezone.utc)

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.timezone.utc)
        return value.astimezone(dt.timezone.utc)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


# Partial indexes name their condition for SQLite at once and for PostgreSQL only once a PostgreSQL database is
# used: a `postgresql_where` makes SQLAlchemy load its whole PostgreSQL dialect package (every driver module)
# to check the argument, ~30 ms of every command's start on a SQLite file, which never needs it.
_PARTIAL: list[tuple[Index, str]] = []


def partial_index(name: str, *columns: str, where: str) -> Index:
    """An index over the rows where the SQL condition `where` holds, on SQLite and PostgreSQL."""
    index = Index(name, *columns, sqlite_where=text(where))
    _PARTIAL.append((index, where))
    return index


def use_postgresql() -> None:
    """Give the partial indexes their PostgreSQL condition (app.database calls it for a PostgreSQL URL; a
    `create_all` on PostgreSQL does through the event below). Idempotent."""
    for index, where in _PARTIAL:
        options = index.dialect_options["postgresql"]
        if options["where"] is None:
            options["where"] = text(where)


@event.listens_for(Base.metadata, "before_create")
def _before_create(_metadata, connection, **_kw) -> None:
    if connection.dialect.name == "postgresql":
        use_postgresql()
