"""Engine, sessions, and migrations at start.

One `AsyncSession` per unit of work (`Database.session()`), committed on success and rolled
back on error at that one boundary; services never commit.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, cast

from alembic import command
from alembic.config import Config
from sqlalchemy import event
from sqlalchemy.engine import Connection, CursorResult, Result
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from bot.sqlite_driver import ONE_HOP_DBAPI

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"
SQLITE_BUSY_TIMEOUT_MS = 10_000
# SQLite connections kept open (each is a thread of aiosqlite's): the default pool kept 5 and
# closed every connection above them on return, so a burst of updates opened and closed
# connections (and their threads) again and again, ~10 % of the CPU under load (issue 13):
# 20 are kept now (a burst of 60 searches opened 55 with 12 kept).
# WAL lets readers share the file; writes are serialised by SQLite (busy timeout) anyway.
SQLITE_POOL_SIZE = 20
SQLITE_MAX_OVERFLOW = 40
# Reads through a memory map of the file (shared by every connection, pages from the OS's
# cache) instead of a read() into each connection's 2 MB page cache: a report's index scans
# and look-ups over 100,000s of rows were paying a system call per page missed (issue 12).
SQLITE_MMAP_BYTES = 256 * 1024 * 1024


def make_engine(url: str, *, echo: bool = False) -> AsyncEngine:
    if url.startswith("sqlite"):
        path = url.split(":///", 1)[1].split("?", 1)[0] if ":///" in url else ""
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        memory = not path or path == ":memory:" or "mode=memory" in url
        # LIFO: the connection used last is used next, so a few stay hot and a stale one
        # (the file swapped underneath, as the health test does) is not handed out first.
        pool: dict = {} if memory else {
            "pool_size": SQLITE_POOL_SIZE, "max_overflow": SQLITE_MAX_OVERFLOW,
            "pool_use_lifo": True}
        engine = create_async_engine(
            url, echo=echo, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000},
            module=ONE_HOP_DBAPI, **pool,  # a statement is one trip to aiosqlite's thread
        )

        @event.listens_for(engine.sync_engine, "connect")
        def _sqlite_pragmas(dbapi_conn, _record):
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.execute(f"PRAGMA mmap_size={SQLITE_MMAP_BYTES}")
            cur.close()

        return engine
    # A plan for the values at hand at every execution: asyncpg prepares each statement, and after
    # five executions PostgreSQL may switch to one generic plan for any values; for a report
    # (a trainer's city, a period since the start) that plan read every decision: 0.05 s became
    # 0.7 s from the sixth time on (issue 12). Planning costs well under a millisecond.
    return create_async_engine(
        url, echo=echo, pool_size=10, max_overflow=10, pool_pre_ping=True,
        connect_args={"server_settings": {"plan_cache_mode": "force_custom_plan"}})


def alembic_config(connection: Connection | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def _upgrade(connection: Connection) -> None:
    command.upgrade(alembic_config(connection), "heads")


class Database:
    def __init__(self, url: str, *, echo: bool = False) -> None:
        self.url = url
        self.engine = make_engine(url, echo=echo)
        self.sessionmaker = async_sessionmaker(self.engine, expire_on_commit=False)
        self._sqlite_write_lock = asyncio.Lock() if url.startswith("sqlite") else None

    @property
    def is_sqlite(self) -> bool:
        return self._sqlite_write_lock is not None

    @asynccontextmanager
    async def session(self) -> AsyncIterator[AsyncSession]:
        """A unit of work: commit if the block ends normally, roll back if it raises."""
        async with self.sessionmaker() as session:
            try:
                yield session
                await session.commit()
            except BaseException:
                await session.rollback()
                raise

    async def dispose(self) -> None:
        await self.engine.dispose()


def rowcount(result: Result[Any]) -> int:
    """The rows an UPDATE or DELETE matched (its result is a CursorResult; the type of
    `AsyncSession.execute` does not say so)."""
    return cast("CursorResult[Any]", result).rowcount
