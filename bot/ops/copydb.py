"""Copy every table from one database into another, empty one (SQLite → PostgreSQL).

The target is migrated to the newest revision first (so it has the same schema, made by the
same migrations), the source must be up to date too; tables are copied parent first (the
foreign-key order of the models' metadata) in batches, and PostgreSQL's id sequences are
moved past the copied ids so new rows do not collide.
"""

from __future__ import annotations

import logging

from sqlalchemy import Integer, func, select, text
from sqlalchemy.ext.asyncio import AsyncConnection

import models
from bot.db import Database
from bot.ops import migrate

log = logging.getLogger(__name__)
BATCH = 500


class CopyError(Exception):
    pass


async def _reset_sequences(conn: AsyncConnection) -> None:
    for table in models.Base.metadata.sorted_tables:
        pk = list(table.primary_key.columns)
        if len(pk) != 1 or not isinstance(pk[0].type, Integer) or pk[0].autoincrement is False:
            continue
        seq = await conn.scalar(text("SELECT pg_get_serial_sequence(:t, :c)"),
                                {"t": table.name, "c": pk[0].name})
        if seq is None:
            continue
        top = await conn.scalar(select(func.max(pk[0])))
        await conn.execute(text("SELECT setval(CAST(:s AS regclass), :v, :called)"),
                           {"s": seq, "v": top or 1, "called": top is not None})


async def copy_database(source_url: str, target_url: str) -> dict[str, int]:
    """Returns rows copied per table. Raises CopyError (one line) when it cannot."""
    if source_url == target_url:
        raise CopyError("The source and the target are the same database.")
    src, dst = Database(source_url), Database(target_url)
    try:
        status = await migrate.status(src)
        if not status.up_to_date:
            raise CopyError(f"The source is not up to date ({status.describe()}); "
                            "run `hamyar migrate` on it first.")
        await migrate.upgrade(dst)
        tables = [t for t in models.Base.metadata.sorted_tables]
        counts: dict[str, int] = {}
        async with src.engine.connect() as sconn, dst.engine.begin() as dconn:
            for table in tables:
                if await dconn.scalar(select(func.count()).select_from(table)):
                    raise CopyError(f"The target already has rows in {table.name}; "
                                    "copy into an empty database.")
            for table in tables:
                order = list(table.primary_key.columns) or list(table.columns)
                result = await sconn.stream(select(table).order_by(*order))
                n = 0
                async for chunk in result.mappings().partitions(BATCH):
                    await dconn.execute(table.insert(), [dict(r) for r in chunk])
                    n += len(chunk)
                counts[table.name] = n
                log.info("copied %s: %d rows", table.name, n)
            if dconn.dialect.name == "postgresql":
                await _reset_sequences(dconn)
        return counts
    finally:
        await src.dispose()
        await dst.dispose()
