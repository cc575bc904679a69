"""What the tests of the outbox and of the send budget share (test_outbox, test_send_budget,
test_chaos): the outbox's database, the 429s the bot's own pace causes, waiting for a
condition."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

from bot.db import Database
from bot.ops.migrate import upgrade
from bot.outbox import install
from sandbox.server import StandIn
from sandbox.spec import ApiError
from sandbox.state import FloodLimits


@asynccontextmanager
async def outbox_db(db_url: str) -> AsyncIterator[Database]:
    """The migrated database, with the outbox's after-commit kick installed (the application
    does it in build_application; these tests run a worker without one)."""
    install()
    database = Database(db_url)
    await upgrade(database)
    try:
        yield database
    finally:
        await database.dispose()


def count_flood_429(standin: StandIn, limits: FloodLimits) -> list[tuple[str, Any]]:
    """Turn ``limits`` on in the stand-in and collect (method, chat_id) of every 429 its flood
    check answers: those the sender's own pace caused (faults inject theirs before the check,
    so they are not counted)."""
    standin.flood = limits
    hits: list[tuple[str, Any]] = []
    check = standin._check_flood

    def counting(bot_id: int, method: str, p: dict) -> None:
        try:
            check(bot_id, method, p)
        except ApiError:
            hits.append((method, p.get("chat_id")))
            raise

    standin._check_flood = counting  # type: ignore[method-assign]
    return hits


async def eventually(pred: Callable[[], Any], timeout: float = 20.0) -> None:  # noqa: ASYNC109
    """Until ``pred()`` (a value or an awaitable) is truthy; TimeoutError after ``timeout``."""
    deadline = time.monotonic() + timeout
    while True:
        value = pred()
        if asyncio.iscoroutine(value):
            value = await value
        if value:
            return
        if time.monotonic() > deadline:
            raise TimeoutError("condition not met in time")
        await asyncio.sleep(0.02)
