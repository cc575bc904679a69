"""Backups that restore.

SQLite: the online backup API (`sqlite3.Connection.backup`) copies a consistent snapshot
while the bot keeps writing (WAL mode: writers are not blocked). PostgreSQL: `pg_dump -Fc`
when the client tools are installed, otherwise a clear error. Backups go to one directory,
named by time, and only the newest `keep` are kept.
"""

from __future__ import annotations

import asyncio
import logging
import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

PREFIX = "hamyar-"
SQLITE_SUFFIX = ".sqlite3"
PG_SUFFIX = ".pgdump"


class BackupError(Exception):
    """A backup or a restore could not be made; `str()` is the line to show."""


def sqlite_file(url: str) -> Path | None:
    if not url.startswith("sqlite"):
        return None
    rest = url.split(":///", 1)[1].split("?", 1)[0] if ":///" in url else ""
    return None if rest in ("", ":memory:") else Path(rest)


def pg_uri(url: str) -> str:
    """postgresql+asyncpg://... → postgresql://... (what libpq's tools take)."""
    return "postgresql://" + url.split("://", 1)[1]


def _stamp() -> str:
    return datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%f")


def copy_sqlite(src: Path, dest: Path) -> None:
    """A consistent copy of a live SQLite database (the backup API, in one step)."""
    if not src.exists():
        raise BackupError(f"No database file at {src}.")
    tmp = dest.with_name(dest.name + ".partial")
    tmp.unlink(missing_ok=True)
    source = sqlite3.connect(f"file:{src}?mode=ro", uri=True, timeout=30)
    target = sqlite3.connect(tmp)
    try:
        source.backup(target)
        target.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
    finally:
        target.close()
        source.close()
    os.replace(tmp, dest)


def check_sqlite(path: Path) -> None:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        ok = con.execute("PRAGMA integrity_check").fetchone()
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{path} is not a usable SQLite database: {exc}.") from None
    finally:
        con.close()
    if not ok or ok[0] != "ok":
        raise BackupError(f"{path} failed SQLite's integrity check: {ok}.")


def _pg_tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(
            f"PostgreSQL backups need the `{name}` program (package postgresql-client), "
            "which is not installed on this machine; no backup was made."
        )
    return path


def _run(args: list[str]) -> None:
    proc = subprocess.run(args, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        last = (proc.stderr.strip().splitlines() or ["(no message)"])[-1]
        raise BackupError(f"{Path(args[0]).name} failed: {last}")


@dataclass
class Backups:
    url: str
    directory: Path
    keep: int = 14

    @property
    def is_sqlite(self) -> bool:
        return self.url.startswith("sqlite")

    def existing(self) -> list[Path]:
        if not self.directory.exists():
            return []
        suffix = SQLITE_SUFFIX if self.is_sqlite else PG_SUFFIX
        return sorted(p for p in self.directory.iterdir()
                      if p.name.startswith(PREFIX) and p.name.endswith(suffix))

    def make(self) -> Path:
        """Write one backup now; return its path. Safe while the bot runs."""
        self.directory.mkdir(parents=True, exist_ok=True)
        if self.is_sqlite:
            src = sqlite_file(self.url)
            if src is None:
                raise BackupError("An in-memory database cannot be backed up.")
            dest = self.directory / f"{PREFIX}{_stamp()}{SQLITE_SUFFIX}"
            copy_sqlite(src, dest)
        else:
            dest = self.directory / f"{PREFIX}{_stamp()}{PG_SUFFIX}"
            tmp = dest.with_name(dest.name + ".partial")
            _run([_pg_tool("pg_dump"), "--format=custom", "--no-owner", "--file", str(tmp),
                  "--dbname", pg_uri(self.url)])
            os.replace(tmp, dest)
        self.prune()
        log.info("backup written to %s", dest)
        return dest

    def prune(self) -> list[Path]:
        old = self.existing()[: -self.keep] if self.keep > 0 else []
        for p in old:
            p.unlink(missing_ok=True)
        return old

    def restore(self, backup: Path) -> Path | None:
        """Replace the database with `backup`. The bot must be stopped. For SQLite the file
        being replaced is kept beside it (returned); PostgreSQL objects are dropped and
        recreated from the dump."""
        if not backup.is_file():
            raise BackupError(f"No backup file at {backup}.")
        if self.is_sqlite:
            check_sqlite(backup)
            target = sqlite_file(self.url)
            if target is None:
                raise BackupError("Cannot restore into an in-memory database.")
            target.parent.mkdir(parents=True, exist_ok=True)
            kept = None
            if target.exists():
                # Fold the WAL into the file first so the kept copy is complete.
                kept = target.with_name(f"{target.name}.before-restore-{_stamp()}")
                copy_sqlite(target, kept)
            for extra in ("-wal", "-shm"):
                Path(f"{target}{extra}").unlink(missing_ok=True)
            tmp = target.with_name(target.name + ".restoring")
            shutil.copyfile(backup, tmp)
            os.replace(tmp, target)
            return kept
        _run([_pg_tool("pg_restore"), "--clean", "--if-exists", "--no-owner",
              "--single-transaction", "--dbname", pg_uri(self.url), str(backup)])
        return None


def from_settings(settings: Any) -> Backups:
    return Backups(settings.database_url, Path(settings.backup_dir), settings.backup_keep)


# ------------------------------------------------------------------ the daily schedule


async def _backup_job(context: Any) -> None:
    backups: Backups = context.job.data
    try:
        path = await asyncio.to_thread(backups.make)
        log.info("daily backup done: %s", path.name)
    except BackupError as exc:
        log.error("daily backup failed: %s", exc)
    except Exception:
        log.exception("daily backup failed")


def schedule_daily_backup(app: Any) -> bool:
    """Call from start-up (after start_services): when BACKUP_TIME is set, a backup every
    day at that UTC time on the application's job queue. Returns whether one was set."""
    settings = app.bot_data["services"].settings
    at = getattr(settings, "backup_time", None)
    if at is None or app.job_queue is None:
        return False
    app.job_queue.run_daily(_backup_job, time=at, name="daily-backup",
                            data=from_settings(settings))
    log.info("daily backup at %s UTC into %s", at.strftime("%H:%M"), settings.backup_dir)
    return True
