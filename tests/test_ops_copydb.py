"""From SQLite to PostgreSQL: `hamyar copy-db` copies every table, the bot runs on the copy
with the same data (new rows get new ids), and PostgreSQL backups go through pg_dump.

Needs a PostgreSQL database the test may wipe: TEST_DATABASE_URL=postgresql+asyncpg://..."""

from __future__ import annotations

import asyncio
import os
import shutil
from pathlib import Path

import pytest
from harness import BotHarness, Person
from order_helpers import place, published_listing
from sqlalchemy import select, text

import models
from bot.cli import main
from bot.db import Database
from bot.ops.backup import Backups
from bot.ops.copydb import CopyError, copy_database
from sandbox.server import StandIn

PG = os.environ.get("TEST_DATABASE_URL", "")
pytestmark = pytest.mark.skipif(not PG.startswith("postgresql"),
                                reason="needs TEST_DATABASE_URL=postgresql+asyncpg://...")


async def rows(url: str) -> dict[str, list[tuple]]:
    db = Database(url)
    try:
        async with db.engine.connect() as conn:
            out = {}
            for table in models.Base.metadata.sorted_tables:
                order = list(table.primary_key.columns) or list(table.columns)
                out[table.name] = [tuple(r) for r in
                                   (await conn.execute(select(table).order_by(*order))).all()]
            return out
    finally:
        await db.dispose()


async def filled_sqlite(sb: StandIn, path: Path) -> tuple[str, dict]:
    url = f"sqlite+aiosqlite:///{path}"
    h = BotHarness(sb, url)
    await h.start()
    try:
        seller = Person(h, await sb.create_user("مریم", language_code="fa"))
        buyer = Person(h, await sb.create_user("سارا", language_code="fa"))
        await published_listing(h, seller, stock=10)
        await place(buyer)
        await place(buyer, post=False)
        users = {"seller": seller.user, "buyer": buyer.user}
    finally:
        await h.stop()
    return url, users


async def wipe(url: str) -> None:
    db = Database(url)
    async with db.engine.begin() as conn:
        await conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        await conn.execute(text("CREATE SCHEMA public"))
    await db.dispose()


async def test_copy_sqlite_to_postgresql_and_run_on_it(standin, db_url, tmp_path, monkeypatch,
                                                        capsys):
    src, users = await filled_sqlite(standin, tmp_path / "hamyar.db")
    want = await rows(src)
    assert len(want["orders"]) == 2 and want["users"] and want["outbox"]

    monkeypatch.setenv("DATABASE_URL", src)
    assert await asyncio.to_thread(main, ["copy-db", "--to", db_url]) == 0
    assert "Copied" in capsys.readouterr().out
    got = await rows(db_url)
    for table in want:
        assert got[table] == want[table], table
    with pytest.raises(CopyError, match="already has rows"):  # never over existing data
        await copy_database(src, db_url)

    # The bot on PostgreSQL: the same people and listing, and new rows get fresh ids.
    h = BotHarness(standin, db_url)
    await h.start()
    try:
        order_id = await place(Person(h, users["buyer"]))
        assert order_id == max(r[0] for r in want["orders"]) + 1
    finally:
        await h.stop()


@pytest.mark.skipif(shutil.which("pg_dump") is None, reason="no pg_dump here")
async def test_postgresql_backup_restores(standin, db_url, tmp_path):
    src, _users = await filled_sqlite(standin, tmp_path / "hamyar.db")
    await copy_database(src, db_url)
    before = await rows(db_url)
    backups = Backups(db_url, tmp_path / "backups", keep=2)
    path = await asyncio.to_thread(backups.make)
    assert path.suffix == ".pgdump" and path.stat().st_size > 0
    await wipe(db_url)
    await asyncio.to_thread(backups.restore, path)
    assert await rows(db_url) == before
