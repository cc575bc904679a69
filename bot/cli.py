"""The operator's commands: `hamyar <command>` (or `python -m bot <command>`).

    run                     the bot (the default)
    migrate [--check]       apply migrations; --check only says whether the database is behind
    backup                  write a backup now into BACKUP_DIR (keeps BACKUP_KEEP)
    restore FILE [--yes]    replace the database with a backup (the bot must be stopped)
    copy-db --to URL        copy every table into another (empty) database, e.g. PostgreSQL

Exit codes: 0 done, 1 failed (one line on stderr says why), 2 bad settings, 3 the
database is behind (migrate --check).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Callable
from pathlib import Path

from bot.config import ConfigError, Settings, load_settings


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="hamyar", description="Hamyar Telegram bot")
    sub = p.add_subparsers(dest="command")
    sub.add_parser("run", help="run the bot (default)")
    m = sub.add_parser("migrate", help="bring the database up to date")
    m.add_argument("--check", action="store_true",
                   help="only report whether the database is behind (exit 3 if it is)")
    sub.add_parser("backup", help="write a backup now into BACKUP_DIR")
    r = sub.add_parser("restore", help="replace the database with a backup file")
    r.add_argument("file", type=Path)
    r.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    c = sub.add_parser("copy-db", help="copy all data into another, empty database")
    c.add_argument("--to", required=True, dest="target",
                   help="target URL, like postgresql+asyncpg://hamyar@localhost/hamyar")
    return p


async def _migrate(settings: Settings, check: bool) -> int:
    from bot.db import Database
    from bot.ops import migrate

    db = Database(settings.database_url)
    try:
        if check:
            status = await migrate.status(db)
            print(status.describe())
            return 0 if status.up_to_date else 3
        status = await migrate.upgrade(db)
        print(status.describe())
        return 0
    finally:
        await db.dispose()


def _backup(settings: Settings) -> int:
    from bot.ops.backup import from_settings

    path = from_settings(settings).make()
    print(f"Backup written: {path}")
    return 0


def _restore(settings: Settings, file: Path, yes: bool,
             ask: Callable[[str], str] = input) -> int:
    from bot.ops.backup import from_settings, sqlite_file

    where = sqlite_file(settings.database_url) or settings.database_url.split("@")[-1]
    if not yes:
        answer = ask(f"Replace the database at {where} with {file}? Stop the bot first. "
                     "Type yes to go on: ")
        if answer.strip().lower() not in ("yes", "y"):
            print("Nothing was changed.")
            return 1
    kept = from_settings(settings).restore(file)
    print(f"Restored {file} into {where}." + (f" The previous database is kept at {kept}."
                                              if kept else ""))
    return 0


async def _copy(settings: Settings, target: str) -> int:
    from bot.ops.copydb import copy_database

    counts = await copy_database(settings.database_url, target)
    total = sum(counts.values())
    print(f"Copied {total} rows in {len(counts)} tables. Set DATABASE_URL to the new "
          "database and start the bot.")
    return 0


def main(argv: list[str] | None = None, *, ask: Callable[[str], str] = input) -> int:
    args = _parser().parse_args(argv)
    command = args.command or "run"
    try:
        settings = load_settings()
    except ConfigError as exc:
        print(exc, file=sys.stderr)
        return 2
    from bot.ops.backup import BackupError
    from bot.ops.copydb import CopyError
    from bot.ops.logs import setup_logging
    from bot.ops.migrate import MigrationError

    setup_logging(settings.log_level, settings.log_format)
    try:
        if command == "run":
            from bot.runner import run

            asyncio.run(run(settings))
            return 0
        if command == "migrate":
            return asyncio.run(_migrate(settings, args.check))
        if command == "backup":
            return _backup(settings)
        if command == "restore":
            return _restore(settings, args.file, args.yes, ask)
        if command == "copy-db":
            return asyncio.run(_copy(settings, args.target))
    except KeyboardInterrupt:
        return 0
    except (MigrationError, BackupError, CopyError) as exc:
        print(exc, file=sys.stderr)
        return 1
    except OSError as exc:  # e.g. the database or the Bot API server cannot be reached
        print(f"Cannot start: {exc}", file=sys.stderr)
        return 1
    return 2


if __name__ == "__main__":
    sys.exit(main())
