"""Alembic environment: runs on the connection handed in by dienhinh_desktop.db.migrate."""

from __future__ import annotations

from alembic import context

from dienhinh_desktop.models import Base

config = context.config
target_metadata = Base.metadata


def run() -> None:
    connection = config.attributes.get("connection")
    if connection is None:  # `alembic` command line for developers
        from sqlalchemy import create_engine

        from dienhinh_desktop.db.engine import resolve_url

        engine = create_engine(config.get_main_option("sqlalchemy.url") or resolve_url())
        with engine.begin() as connection:
            _configure_and_run(connection)
        return
    _configure_and_run(connection)


def _configure_and_run(connection) -> None:  # type: ignore[no-untyped-def]
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        transactional_ddl=True,
        transaction_per_migration=False,
    )
    with context.begin_transaction():
        context.run_migrations()


run()
