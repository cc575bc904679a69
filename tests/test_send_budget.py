"""One send budget per token (issue 13): the replies and the outbox share strict sliding windows,
the replies first, and together they never trip the flood limits of a stand-in that enforces
them as Telegram documents them (sliding windows, edits not counted).

Time is scaled: the budget's PaceLimits and the stand-in's windows are both divided by SCALE.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import pytest
from harness import BotHarness
from outbox_helpers import count_flood_429, eventually, outbox_db
from sqlalchemy import select

from bot.outbox import BACKGROUND, INTERACTIVE, PaceLimits, SendBudget, enqueue
from bot.outbox.budget import counted
from bot.outbox.worker import OutboxWorker
from models.base import utcnow
from models.outbox import FAILED, PENDING, SENT, OutboxMessage
from sandbox.server import StandIn
from sandbox.state import FloodLimits

SCALE = 5.0


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


# ---------------------------------------------------------------------------- the budget


def test_overall_and_chat_windows_are_strict_sliding_windows() -> None:
    clock = FakeClock()
    budget = SendBudget(PaceLimits(overall_count=3, margin=0.0), clock=clock)
    slots = [budget.try_take(chat) for chat in (1, 2, 3)]
    assert all(slots)
    assert budget.delay(4) == float("inf")  # three in flight
    for s in slots:
        s.done()  # a send counts until a second after its answer
    assert budget.try_take(4) is None  # the fourth in the same second
    assert budget.delay(4) == pytest.approx(1.0)
    clock.now += 0.5
    assert budget.try_take(4) is None  # no burst after a quiet moment: still the same window
    clock.now += 0.5
    slot4 = budget.try_take(4)
    assert slot4 is not None
    slot4.done()
    # A private chat: one send a second, counted until a second after its answer.
    slot = budget.try_take(1)
    assert slot is not None
    clock.now += 5.0
    assert budget.delay(1) == float("inf")  # still in flight
    slot.done()
    assert budget.try_take(1) is None
    assert budget.delay(1) == pytest.approx(1.0)
    # A group: 20 a minute.
    for _ in range(20):
        s = budget.try_take(-100123)
        assert s is not None
        s.done()
        clock.now += 1.0
    assert budget.try_take(-100123) is None
    assert budget.delay(-100123) == pytest.approx(40.0)


def test_counted_methods_are_telegrams() -> None:
    assert counted("sendMessage") and counted("sendMediaGroup") and counted("copyMessage")
    assert not counted("editMessageText") and not counted("answerCallbackQuery")
    assert not counted("sendChatAction") and not counted("getChat")


async def test_replies_waiting_for_the_overall_window_go_before_the_outbox() -> None:
    clock = FakeClock()
    budget = SendBudget(PaceLimits(overall_count=3, margin=0.0), clock=clock)
    for chat in (1, 2, 3):
        budget.try_take(chat).done()  # type: ignore[union-attr]
    order: list[str] = []

    async def take(name: str, chat: int, priority: int) -> None:
        slot = await budget.take(chat, priority)
        order.append(name)
        slot.done()

    background = [asyncio.create_task(take(f"outbox{i}", 10 + i, BACKGROUND)) for i in range(3)]
    await asyncio.sleep(0)
    replies = [asyncio.create_task(take(f"reply{i}", 20 + i, INTERACTIVE)) for i in range(2)]
    await asyncio.sleep(0)
    assert order == []
    clock.now += 1.0
    budget._changed()
    await asyncio.wait_for(asyncio.gather(*replies), 5)
    await eventually(lambda: len(order) == 3, 5)  # the outbox fills the slot that is left
    # The outbox was first in the queue, and waited for the replies.
    assert order[:2] == ["reply0", "reply1"] and order[2].startswith("outbox")
    clock.now += 1.0
    budget._changed()
    await asyncio.wait_for(asyncio.gather(*background), 5)
    assert sorted(order[2:]) == ["outbox0", "outbox1", "outbox2"]
    assert budget.taken == {INTERACTIVE: 5, BACKGROUND: 3}


# ---------------------------------------------------------------------------- end to end


def window_flood() -> FloodLimits:
    """Telegram's limits as sliding windows, periods divided by SCALE."""
    return FloodLimits(window=True, private_rate=1, private_per=1 / SCALE, group_rate=20,
                       group_per=60 / SCALE, global_rate=30, global_per=1 / SCALE)


@pytest.fixture
def pace_429(standin: StandIn) -> list[tuple[str, Any]]:
    return count_flood_429(standin, window_flood())


@pytest.fixture
async def harness(standin: StandIn, db_url: str) -> AsyncIterator[BotHarness]:
    # A margin of a tenth: the stand-in runs in the same event loop as the bot, so a request
    # can reach it a few milliseconds after its slot was taken.
    h = BotHarness(standin, db_url, outbox_limits=PaceLimits(margin=0.1).scaled(SCALE))
    await h.start()
    await h.outbox.wait_ready()
    try:
        yield h
    finally:
        await h.stop()


def max_in_window(times: list[float], per: float) -> int:
    times = sorted(times)
    best, lo = 0, 0
    for hi, t in enumerate(times):
        while times[lo] <= t - per:
            lo += 1
        best = max(best, hi - lo + 1)
    return best


async def test_many_users_and_an_outbox_wave_stay_inside_the_limits(
        standin: StandIn, harness: BotHarness, pace_429: list) -> None:
    users = [await standin.create_user(f"کاربر{i}") for i in range(60)]
    others = [await standin.create_user(f"خریدار{i}") for i in range(60)]
    for u in others:  # they opened the bot before; the wave writes to them
        await standin.send_text(u, "/start")
    await eventually(lambda: all(standin.last_bot_message(u["id"]) for u in others), 30)
    channel = await standin.create_channel("کانال", username="hamyar_budget")
    started = len(standin.requests)
    async with harness.db.session() as s:  # the wave: 4 messages to each of 60 people + 30 posts
        for n in range(4):
            for u in others:
                await enqueue(s, u["id"], "sendMessage", {"text": f"موج {n}"})
        for n in range(30):
            await enqueue(s, "@hamyar_budget", "sendMessage", {"text": f"آگهی {n}"})
    # Everyone acts at once while the wave runs.
    msgs = await asyncio.gather(*(standin.send_text(u, "/start") for u in users))
    t0 = time.monotonic()

    async def answered(m: dict) -> None:
        await harness.wait_processed(("msg", m["chat"]["id"], m["message_id"]), timeout=60)

    await asyncio.gather(*(answered(m) for m in msgs))
    replies_done = time.monotonic()
    # The replies were not starved: every user was answered while the wave was still going.
    assert await pending(harness) > 0, "the wave ended before the replies: nothing was measured"
    await eventually(lambda: pending(harness, zero=True), 120)
    wave_done = time.monotonic()
    assert replies_done - t0 < (wave_done - t0) / 2
    assert all(standin.last_bot_message(u["id"]) for u in users)
    assert pace_429 == [], f"the bot's own pace tripped the flood limits: {pace_429[:5]}"
    sends = [r.time for r in standin.requests[started:] if r.status == 200 and counted(r.method)
             and r.params.get("chat_id") is not None]
    assert max_in_window(sends, 1 / SCALE) <= 30
    posts = [r for r in standin.records(channel["id"]) if r.from_bot]
    assert len(posts) == 30
    budget = harness.app.bot_data["services"].extras["send_budget"]
    assert budget.taken[BACKGROUND] >= 270 and budget.taken[INTERACTIVE] >= len(users)


async def pending(h: BotHarness, zero: bool = False) -> bool | int:
    async with h.db.session() as s:
        n = len((await s.scalars(select(OutboxMessage.id).where(
            OutboxMessage.status == PENDING))).all())
    return n == 0 if zero else n


# ---------------------------------------------------------------------------- retention


async def test_old_sent_rows_are_deleted_in_batches_failed_and_keyed_ones_kept(
        standin: StandIn, db_url: str) -> None:
    from telegram import Bot

    async with outbox_db(db_url) as db:
        now = utcnow()
        clock_now = [now]
        async with db.session() as s:
            for i in range(25):
                s.add(OutboxMessage(chat_id="1", method="sendMessage", payload={"text": str(i)},
                                    status=SENT, sent_at=now - timedelta(days=8)))
            s.add(OutboxMessage(chat_id="1", method="sendMessage", payload={}, status=SENT,
                                sent_at=now - timedelta(days=8), dedupe_key="listing:1"))
            s.add(OutboxMessage(chat_id="1", method="sendMessage", payload={}, status=FAILED,
                                last_error="403: blocked"))
            s.add(OutboxMessage(chat_id="1", method="sendMessage", payload={}, status=SENT,
                                sent_at=now - timedelta(days=6)))
        worker = OutboxWorker(Bot("1:x", base_url=standin.base_url), db, purge_batch=10,
                              keep_sent=timedelta(days=7), clock=lambda: clock_now[0])
        try:
            assert await worker.purge_sent() == 25  # three transactions of at most 10
            left = await statuses(db)
            assert sorted(left) == [("failed", ""), ("sent", ""), ("sent", "listing:1")]
            assert await worker.purge_sent() == 0
            clock_now[0] = now + timedelta(days=1, minutes=1)  # the six-day-old row turns seven
            assert await worker.purge_sent() == 1
            assert sorted(await statuses(db)) == [("failed", ""), ("sent", "listing:1")]
            # From the loop: a started worker purges by itself.
            async with db.session() as s:
                s.add(OutboxMessage(chat_id="1", method="sendMessage", payload={}, status=SENT,
                                    sent_at=now - timedelta(days=30)))
            await worker.start()
            await eventually(lambda: worker.stats["purged"] == 27, 10)
        finally:
            await worker.stop()


async def statuses(db: Any) -> list[tuple[str, str]]:
    async with db.session() as s:
        return [(r.status, r.dedupe_key or "") for r in (await s.scalars(select(OutboxMessage))).all()]
