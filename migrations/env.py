"""Alembic environment: runs on a connection handed over by bot.db (async engine, run_sync),
or builds its own from DATABASE_URL when invoked through the `alembic` command."""

from __future__ import annotations

import asyncio

from alembic import context
from sqlalchemy.engine import Connection

import models
from bot.config import load_settings

target_metadata = models.Base.metadata


def _include(obj: object, name: str | None, type_: str, reflected: bool, compare_to: object) -> bool:
    # Full-text index tables (SQLite FTS5 shadow tables) are made by raw SQL in their own
    # migration; autogenerate must not try to drop them.
    return not (type_ == "table" and name is not None and name.startswith("listing_fts"))


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        include_object=_include,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return

    from bot.db import make_engine

    async def _main() -> None:
        engine = make_engine(load_settings().database_url)
        async with engine.begin() as conn:
            await conn.run_sync(_run)
        await engine.dispose()

    asyncio.run(_main())


if context.is_offline_mode():
    raise SystemExit("offline migrations are not supported; use `python -m bot migrate`")
run_migrations_online()
