"""Alembic environment: runs on the engine handed over in config.attributes by app.database."""

from alembic import context

from app.models import Base

config = context.config
target_metadata = Base.metadata


def _foreign_keys(connection, on: bool) -> None:
    # Batch migrations copy a table and drop the old one; with foreign keys enforced SQLite refuses to
    # drop a table others point to. The switch only works outside a transaction (sqlite.org/foreignkeys.html),
    # so it goes to the driver's connection directly, which is in autocommit until our BEGIN.
    connection.connection.driver_connection.execute(f"PRAGMA foreign_keys={'ON' if on else 'OFF'}")


def run_migrations_online() -> None:
    engine = config.attributes["engine"]
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            _foreign_keys(connection, False)
        try:
            context.configure(
                connection=connection,
                target_metadata=target_metadata,
                render_as_batch=sqlite,
                compare_type=True,
            )
            with context.begin_transaction():
                context.run_migrations()
                if sqlite:  # the keys are checked as a whole instead
                    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise RuntimeError(f"the upgrade would leave rows pointing nowhere: {broken[:5]}")
            connection.commit()
        finally:
            if sqlite:
                connection.rollback()
                _foreign_keys(connection, True)


run_migrations_online()
