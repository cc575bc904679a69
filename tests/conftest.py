"""End-to-end harness: the real Application polls the stand-in Bot API over HTTP.

`bot` starts a StandIn on a random local port and the Application against it, with a fresh
database (SQLite file, or PostgreSQL when TEST_DATABASE_URL is set). `Person` is a user
chatting with the bot: every action waits until the bot has *finished* handling the update
(a hook in the update processor), then returns what the bot sent in reply — no sleeps.

The clock: with HAMYAR_TEST_NOW set (an ISO moment, e.g. `2027-04-10T09:00:00+03:30`) the
whole session runs at that moment, the clock ticking from there (time-machine moves the wall
clock — datetime, date, time.time — not the monotonic clock asyncio runs on). The bot runs in
this process, so it sees the same date as the tests: `make test-dates` runs the suite at dates
that once broke it (a Jalali year written into an assertion).
"""

from __future__ import annotations

import os
import time
from collections.abc import AsyncIterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
import time_machine
from harness import BotHarness, Person, World
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from sandbox.server import StandIn
from sandbox.state import FloodLimits

_traveller: time_machine.travel | None = None
CLOCK_SITE = Path(__file__).resolve().parent / "clock"


def pytest_configure(config: pytest.Config) -> None:
    global _traveller
    moment = os.environ.get("HAMYAR_TEST_NOW")
    if moment and _traveller is None:
        destination = datetime.fromisoformat(moment)
        # Child processes (the bot or an outbox worker started by a test) travel too: see
        # tests/clock/sitecustomize.py and harness.clock_env().
        os.environ["HAMYAR_TEST_CLOCK_OFFSET"] = repr(destination.timestamp() - time.time())
        os.environ["PYTHONPATH"] = os.pathsep.join(
            p for p in (str(CLOCK_SITE), os.environ.get("PYTHONPATH")) if p)
        _traveller = time_machine.travel(destination, tick=True)
        _traveller.start()


def pytest_unconfigure(config: pytest.Config) -> None:
    global _traveller
    if _traveller is not None:
        _traveller.stop()
        _traveller = None


def pytest_report_header(config: pytest.Config) -> str | None:
    moment = os.environ.get("HAMYAR_TEST_NOW")
    return f"clock: travelled to {moment} (HAMYAR_TEST_NOW)" if moment else None


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
async def standin(request: pytest.FixtureRequest) -> AsyncIterator[StandIn]:
    """The stand-in; `parametrize("standin", ["bale"], indirect=True)` gives Bale's profile
    (sandbox/profiles.py) and the bot runs with PLATFORM=bale (tests/test_bale.py)."""
    platform = getattr(request, "param", "telegram")
    async with StandIn(bot_username="hamyar_test_bot", flood=FloodLimits(enabled=False),
                       platform=platform) as sb:
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


@pytest.fixture
async def world(standin: StandIn, db_url: str) -> AsyncIterator[World]:
    """A bot with a trainers' group (the admin chat) and a catalogue channel, a manager, a
    trainer of Abhar and a trainer of Tabriz district 3, all having said /start."""
    sb = standin
    manager_u = await sb.create_user("مدیر", language_code="fa")
    trainer_u = await sb.create_user("زهرا", username="zahra_trainer", language_code="fa")
    far_u = await sb.create_user("لیلا", username="leila_trainer", language_code="fa")
    group = await sb.create_group("مربیان همیار", [trainer_u["id"], far_u["id"], manager_u["id"]])
    channel = await sb.create_channel("کاتالوگ همیار", username="hamyar_catalogue")
    bot = BotHarness(sb, db_url, admin_chat_id=group["id"], catalogue_channel_id=channel["id"],
                     admin_ids=(manager_u["id"],))
    await bot.start()
    manager, trainer, far = (Person(bot, u) for u in (manager_u, trainer_u, far_u))
    for p in (manager, trainer, far):
        await p.say("/start")
    await manager.say("/addtrainer @zahra_trainer ابهر")
    await manager.say("/addtrainer @leila_trainer تبریز:۳")
    try:
        yield World(bot, group, channel, manager, trainer, far)
    finally:
        await bot.stop()
