"""Backups that restore: taken while orders are being written, restored into a fresh
database, compared table by table and row by row."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import pytest
from harness import BotHarness
from order_helpers import place, published_listing

from bot.cli import main
from bot.db import Database
from bot.ops import migrate
from bot.ops.backup import BackupError, Backups, sqlite_file
from bot.ops.migrate import upgrade

pytestmark = pytest.mark.skipif(
    __import__("os").environ.get("TEST_DATABASE_URL", "").startswith("postgresql"),
    reason="the SQLite backup path; PostgreSQL's pg_dump path has its own test",
)


def dump(path: Path) -> dict[str, list[tuple]]:
    """Every table (but SQLite's own and the FTS shadow tables), every row, in key order."""
    con = sqlite3.connect(path)
    try:
        names = [r[0] for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' "
            "AND name NOT LIKE 'listing_fts%' ORDER BY name")]
        return {n: sorted(con.execute(f'SELECT * FROM "{n}"').fetchall(), key=repr)
                for n in names}
    finally:
        con.close()


async def test_backup_under_write_load_restores_every_row(bot: BotHarness, person, tmp_path):
    seller = await person("مریم")
    await published_listing(bot, seller, stock=100)
    buyers = [await person(f"خریدار {i}") for i in range(4)]
    live = sqlite_file(bot.db_url)
    backups = Backups(bot.db_url, tmp_path / "backups", keep=3)

    first = await place(buyers[0])  # something is there before the load starts
    async def twice(buyer) -> None:  # one chat's orders one after another, the chats at once
        await place(buyer)
        await place(buyer)

    writing = asyncio.gather(*(twice(b) for b in buyers))
    taken: list[tuple[set[int], Path]] = []
    while not writing.done():
        committed = {r[0] for r in sqlite3.connect(live).execute("SELECT id FROM orders")}
        taken.append((committed, await asyncio.to_thread(backups.make)))
        await asyncio.sleep(0.05)
    await writing
    assert len(taken) >= 2, "no backup was taken while orders were being written"
    assert len(backups.existing()) == 3  # the retention count

    # Each backup taken under load: a sound database holding every order committed before it.
    for committed, path in taken[-3:]:
        restored = tmp_path / f"restored-{path.stem}.db"
        Backups(f"sqlite+aiosqlite:///{restored}", tmp_path).restore(path)
        con = sqlite3.connect(restored)
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        ids = {r[0] for r in con.execute("SELECT id FROM orders")}
        con.close()
        assert first in ids and committed <= ids

    # Quiet now (the outbox has delivered the order notices, at one a second per chat): a
    # backup equals the live database, every table, row by row.
    await bot.idle()
    final = await asyncio.to_thread(backups.make)
    fresh = tmp_path / "fresh" / "hamyar.db"
    Backups(f"sqlite+aiosqlite:///{fresh}", tmp_path).restore(final)
    got, want = dump(fresh), dump(live)
    assert set(got) == set(want) and len(want["orders"]) == 9
    for table in want:
        assert got[table] == want[table], table
    db = Database(f"sqlite+aiosqlite:///{fresh}")  # and the bot's schema check is satisfied
    try:
        assert (await migrate.status(db)).up_to_date
    finally:
        await db.dispose()


async def test_restore_asks_first_and_keeps_the_old_file(tmp_path, monkeypatch, capsys):
    url = f"sqlite+aiosqlite:///{tmp_path}/data/hamyar.db"
    db = Database(url)
    await upgrade(db)
    await db.dispose()
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("BACKUP_DIR", str(tmp_path / "b"))
    monkeypatch.delenv("BOT_TOKEN", raising=False)
    assert await asyncio.to_thread(main, ["backup"]) == 0
    (backup,) = (tmp_path / "b").iterdir()
    con = sqlite3.connect(tmp_path / "data/hamyar.db")
    con.execute("INSERT INTO users (id, first_name, telegram_language, created_at, updated_at) "
                "VALUES (7, 'after', 'fa', '2026-01-01', '2026-01-01')")
    con.commit()
    con.close()

    assert await asyncio.to_thread(main, ["restore", str(backup)], ask=lambda _q: "no") == 1
    assert "Nothing was changed" in capsys.readouterr().out
    assert dump(tmp_path / "data/hamyar.db")["users"]

    assert await asyncio.to_thread(main, ["restore", str(backup), "--yes"]) == 0
    assert dump(tmp_path / "data/hamyar.db")["users"] == []
    kept = list((tmp_path / "data").glob("hamyar.db.before-restore-*"))
    assert len(kept) == 1 and dump(kept[0])["users"]


def test_restore_refuses_a_file_that_is_not_a_database(tmp_path):
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"not a database at all" * 100)
    target = tmp_path / "hamyar.db"
    with pytest.raises(BackupError, match="not a usable SQLite database"):
        Backups(f"sqlite+aiosqlite:///{target}", tmp_path).restore(junk)
    assert not target.exists()


async def test_daily_backup_runs_on_the_job_queue(standin, db_url, tmp_path):
    from datetime import time

    from bot.ops.backup import schedule_daily_backup

    h = BotHarness(standin, db_url, backup_time="03:30", backup_dir=str(tmp_path / "daily"),
                   backup_keep=2)
    await h.start()
    try:
        assert schedule_daily_backup(h.app)
        (job,) = h.app.job_queue.get_jobs_by_name("daily-backup")
        assert job.next_t.time().replace(tzinfo=None) == time(3, 30)
        for _ in range(3):
            await job.run(h.app)
        assert len(list((tmp_path / "daily").glob("hamyar-*.sqlite3"))) == 2
    finally:
        await h.stop()
