"""Upgrades that either finish or leave the database as it was.

PostgreSQL runs each upgrade in one transaction (transactional DDL): a failure rolls all
of it back. SQLite's driver commits DDL as it goes, so before migrating a file database we
take a consistent copy with the backup API and put it back if anything fails. Either way
the caller gets a `MigrationError` whose `str()` is one line, and the bot does not start.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection

from bot.db import MIGRATIONS_DIR, Database, alembic_config
from bot.ops.backup import _stamp, copy_sqlite, sqlite_file

log = logging.getLogger(__name__)


class MigrationError(Exception):
    """An upgrade failed; `str()` is the one line to show."""


@dataclass(frozen=True)
class Status:
    current: tuple[str, ...]
    heads: tuple[str, ...]

    @property
    def up_to_date(self) -> bool:
        return set(self.current) == set(self.heads)

    def describe(self) -> str:
        cur = ", ".join(self.current) or "empty"
        head = ", ".join(self.heads)
        if self.up_to_date:
            return f"Database is up to date (revision {head})."
        return f"Database is behind: at {cur}, the code expects {head}; run `hamyar migrate`."


def _config(connection: Connection | None, script_location: Path | None) -> Config:
    cfg = alembic_config(connection)
    if script_location is not None:
        cfg.set_main_option("script_location", str(script_location))
    return cfg


async def status(db: Database, *, script_location: Path | None = None) -> Status:
    script = ScriptDirectory.from_config(_config(None, script_location))

    def read(conn: Connection) -> tuple[str, ...]:
        return tuple(sorted(MigrationContext.configure(conn).get_current_heads()))

    async with db.engine.connect() as conn:
        current = await conn.run_sync(read)
    return Status(current, tuple(sorted(script.get_heads())))


def _put_back(path: Path, saved: Path | None) -> None:
    for extra in ("-wal", "-shm"):
        Path(f"{path}{extra}").unlink(missing_ok=True)
    if saved is not None:
        os.replace(saved, path)
    else:
        path.unlink(missing_ok=True)  # it was empty: leave no half-made schema


async def upgrade(db: Database, *, target: str = "heads",
                  script_location: Path | None = None) -> Status:
    """Bring the database to `target`; on failure restore it and raise MigrationError."""
    before = await status(db, script_location=script_location)
    if target == "heads" and before.up_to_date:
        return before
    path = sqlite_file(db.url) if db.is_sqlite else None
    saved: Path | None = None
    if path is not None and path.exists() and before.current:
        saved = path.with_name(f"{path.name}.pre-migrate-{_stamp()}")
        await db.engine.dispose()  # nothing of ours holds the file while it is copied
        copy_sqlite(path, saved)

    def run(conn: Connection) -> None:
        command.upgrade(_config(conn, script_location), target)

    try:
        async with db.engine.begin() as conn:
            await conn.run_sync(run)
    except Exception as exc:
        cause = getattr(exc, "orig", None) or exc  # the driver's words, not SQLAlchemy's
        reason = " ".join(str(cause).split())[:300] or type(cause).__name__
        await db.engine.dispose()
        if path is not None:
            _put_back(path, saved)
        raise MigrationError(
            f"Upgrade failed ({type(cause).__name__}: {reason}); the database was left as it "
            f"was at {', '.join(before.current) or 'empty'} and the bot was not started."
        ) from exc
    if saved is not None:
        os.remove(saved)
    after = await status(db, script_location=script_location)
    log.info("database migrated to %s", ", ".join(after.current))
    return after


__all__ = ["MIGRATIONS_DIR", "MigrationError", "Status", "status", "upgrade"]
