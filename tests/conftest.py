"""End-to-end harness: the real Application polls the stand-in Bot API over HTTP.

`bot` starts a StandIn on a random local port and the Application against it, with a fresh
database (SQLite file, or PostgreSQL when TEST_DATABASE_URL is set). `Person` is a user
chatting with the bot: every action waits until the bot has *finished* handling the update
(a hook in the update processor), then returns what the bot sent in reply — no sleeps.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from typing import Any

import pytest
from harness import BotHarness, Person
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from sandbox.server import StandIn
from sandbox.state import FloodLimits


@pytest.fixture
async def db_url(tmp_path) -> AsyncIterator[str]:  # type: ignore[no-untyped-def]
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        yield f"sqlite+aiosqlite:///{tmp_path}/hamyar-test.db"
        return
    engine = create_async_engine(url)
    async with engine.begin() as conn:
        await conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        await conn.execute(text("CREATE SCHEMA public"))
    await engine.dispose()
    yield url


@pytest.fixture
async def standin() -> AsyncIterator[StandIn]:
    async with StandIn(bot_username="hamyar_test_bot", flood=FloodLimits(enabled=False)) as sb:
        yield sb


@pytest.fixture
async def bot(standin: StandIn, db_url: str) -> AsyncIterator[BotHarness]:
    harness = BotHarness(standin, db_url)
    await harness.start()
    yield harness
    await harness.stop()


@pytest.fixture
def person(bot: BotHarness):  # type: ignore[no-untyped-def]
    async def make(first_name: str = "مریم", language_code: str = "fa", **kw: Any) -> Person:
        user = await bot.sb.create_user(first_name, language_code=language_code, **kw)
        return Person(bot, user)

    return make
