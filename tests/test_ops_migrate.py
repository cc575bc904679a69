"""Upgrades: a database made by the first migration, with data, reaches the newest revision
and the bot works on it; a failed migration leaves the database as it was and the bot does
not start (one line); `migrate --check` says whether the database is behind."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from harness import BotHarness, Person
from listing_helpers import MY
from sqlalchemy import inspect, text

import bot.db
from bot.cli import main
from bot.db import MIGRATIONS_DIR, Database
from bot.ops import migrate
from bot.ops.migrate import MigrationError, upgrade

# The newest migration (the broken one below follows it), whatever its number.
HEAD = ScriptDirectory(str(MIGRATIONS_DIR)).get_current_head()

SELLER_SQL = [
    "INSERT INTO users (id, first_name, telegram_language, locale, is_blocked, created_at, "
    "updated_at) VALUES (:id, 'مریم', 'fa', 'fa', false, '2025-03-01 10:00:00', "
    "'2025-03-01 10:00:00')",
    "INSERT INTO sellers (user_id, name, phone, province_code, city_code, district, crafts, "
    "registered_at, created_at, updated_at) VALUES (:id, 'مریم رضایی', '+989121234567', "
    "'zanjan', 'zanjan.abhar', 2, '[\"kilim\"]', '2025-03-01 10:05:00', "
    "'2025-03-01 10:05:00', '2025-03-01 10:05:00')",
    "INSERT INTO drafts (user_id, kind, data, created_at, updated_at) VALUES (:id, 'note', "
    "'{\"a\": 1}', '2025-03-01 10:06:00', '2025-03-01 10:06:00')",
]


async def at_first_revision(url: str, user_id: int) -> None:
    db = Database(url)
    try:
        await migrate.upgrade(db, target="0001")
        assert (await migrate.status(db)).current == ("0001",)
        async with db.engine.begin() as conn:
            for sql in SELLER_SQL:
                await conn.execute(text(sql), {"id": user_id})
    finally:
        await db.dispose()


async def snapshot(url: str) -> dict[str, list]:
    db = Database(url)
    try:
        async with db.engine.connect() as conn:
            names = await conn.run_sync(lambda c: sorted(inspect(c).get_table_names()))
            out = {}
            for n in names:
                if n.startswith("listing_fts"):
                    continue
                rows = (await conn.execute(text(f'SELECT * FROM "{n}"'))).all()
                out[n] = sorted(map(tuple, rows), key=repr)
            return out
    finally:
        await db.dispose()


async def test_first_revision_with_data_upgrades_and_the_bot_runs_on_it(standin, db_url):
    user = await standin.create_user("مریم", language_code="fa")
    await at_first_revision(db_url, user["id"])
    before = await snapshot(db_url)

    harness = BotHarness(standin, db_url)
    await harness.start()  # migrates at start, as `hamyar run` does
    try:
        async with harness.db.engine.connect() as conn:
            assert (await migrate.status(harness.db)).up_to_date
            seller = (await conn.execute(text("SELECT name, phone, crafts FROM sellers"))).one()
            assert seller[0] == "مریم رضایی" and seller[1] == "+989121234567"
        replies = await Person(harness, user).say("/start")
        assert any(MY in r.buttons for r in replies) or MY in Person(harness, user).keyboard()
    finally:
        await harness.stop()
    after = await snapshot(db_url)
    for table in ("users", "sellers", "drafts"):
        assert len(after[table]) == len(before[table]) == 1


def _head() -> str:
    """The real migrations' head, which the broken one follows."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(bot.db.alembic_config()).get_current_head() or ""


HEAD = _head()


def failing_migrations(tmp_path: Path) -> Path:
    """The real migrations plus one that changes things and then fails half way."""
    scripts = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS_DIR, scripts, ignore=shutil.ignore_patterns("__pycache__"))
    (scripts / "versions" / "0099_broken.py").write_text(
        '"""A migration that fails half way."""\n'
        "import sqlalchemy as sa\nfrom alembic import op\n\n"
        f"revision = '0099'\ndown_revision = '{HEAD}'\nbranch_labels = None\ndepends_on = None\n\n\n"
        "def upgrade() -> None:\n"
        "    op.create_table('half_done', sa.Column('id', sa.Integer(), primary_key=True))\n"
        "    with op.batch_alter_table('users') as b:\n"
        "        b.add_column(sa.Column('nickname', sa.String(20)))\n"
        "    op.execute(\"UPDATE users SET first_name = 'changed'\")\n"
        "    op.execute('SELECT * FROM no_such_table')\n\n\n"
        "def downgrade() -> None:\n    pass\n",
        encoding="utf-8",
    )
    return scripts


async def test_failed_migration_leaves_the_database_as_it_was(db_url, tmp_path):
    db = Database(db_url)
    await upgrade(db)
    async with db.engine.begin() as conn:
        await conn.execute(text(SELLER_SQL[0]), {"id": 77})
    await db.dispose()
    before = await snapshot(db_url)

    db = Database(db_url)
    try:
        with pytest.raises(MigrationError) as err:
            await migrate.upgrade(db, script_location=failing_migrations(tmp_path))
    finally:
        await db.dispose()
    line = str(err.value)
    assert "\n" not in line and "no_such_table" in line and f"left as it was at {HEAD}" in line
    assert await snapshot(db_url) == before
    if db_url.startswith("sqlite"):
        assert not list(tmp_path.rglob("*.pre-migrate-*"))


async def test_the_bot_does_not_start_after_a_failed_migration(db_url, tmp_path, monkeypatch,
                                                               capsys):
    db = Database(db_url)
    await upgrade(db)
    await db.dispose()
    before = await snapshot(db_url)
    monkeypatch.setattr(bot.db, "MIGRATIONS_DIR", failing_migrations(tmp_path))
    monkeypatch.setenv("DATABASE_URL", db_url)
    monkeypatch.setenv("BOT_TOKEN", "123456789:TEST-token-for-hamyar-tests")
    monkeypatch.setenv("BOT_API_BASE_URL", "http://127.0.0.1:9/bot")  # never reached
    monkeypatch.setenv("HEALTH_PORT", "0")

    assert await asyncio.to_thread(main, ["migrate", "--check"]) == 3
    assert "behind" in capsys.readouterr().out
    assert await asyncio.to_thread(main, ["run"]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and err.startswith("Upgrade failed"), err
    assert await snapshot(db_url) == before


async def test_migrate_check(tmp_path, monkeypatch, capsys):
    url = f"sqlite+aiosqlite:///{tmp_path}/hamyar.db"
    db = Database(url)
    await migrate.upgrade(db, target="0001")
    await db.dispose()
    monkeypatch.setenv("DATABASE_URL", url)
    assert await asyncio.to_thread(main, ["migrate", "--check"]) == 3
    assert "Database is behind: at 0001" in capsys.readouterr().out
    assert await asyncio.to_thread(main, ["migrate"]) == 0
    assert await asyncio.to_thread(main, ["migrate", "--check"]) == 0
    assert "up to date" in capsys.readouterr().out
