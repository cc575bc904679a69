"""The send budget against a stand-in enforcing Telegram's limits (issue 13's scenarios).

    .venv/bin/python benchmarks/send_budget_bench.py [--latency-ms 50] [--listings 2000]

The real Application (`build_application` + `start_services`, every handler, the outbox
worker) against `sandbox.server.StandIn` in the same process, with
`FloodLimits(window=True)`: at most 30 sends in any second, 1 a second per private chat, 20 a
minute per group or channel, edits and callback answers free; every Bot API call held
``--latency-ms``. Fault injection is off, so every 429 is one the bot's pace caused.

- S1: 200 users at once each send /start, wait for the reply, then a search.
- S2: an approval wave of 50 listings (per listing, as moderation enqueues them: a post in the
  catalogue channel and a message to the seller, through the outbox) while 100 users
  /start and search. Measured until every user has her answers and the private messages of
  the wave are delivered; the channel's 50 posts need 2.5 minutes at 20 a minute whatever the
  bot does, so only the posts delivered by then are counted.

Reported: 429 answers, sends delivered (counted methods) per second over the span, the most
sends in any one-second window, the reply latency (user message → handled), and the slots
the budget gave to the replies and to the outbox.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_common import enqueue_wave, max_in_window, pct, scenario_people  # noqa: E402

TOKEN = "123456789:BENCH-token-for-hamyar-budget"


async def scenario(name: str, url: str, queries: list[str], a: argparse.Namespace) -> dict:
    from sqlalchemy import select
    from telegram import Update

    from bot.app import build_application, start_services, stop_services
    from bot.config import Settings
    from bot.db import Database
    from bot.outbox.budget import counted
    from models.outbox import PENDING, OutboxMessage
    from sandbox.server import StandIn
    from sandbox.state import Faults, FloodLimits

    sb = StandIn(bot_username="hamyar_bench_bot", flood=FloodLimits(window=True),
                 faults=Faults(latency_ms=a.latency_ms))
    await sb.start()
    channel = await sb.create_channel("کاتالوگ", username="hamyar_bench_channel")
    db = Database(url)
    settings = Settings(_env_file=None, bot_token=TOKEN,  # type: ignore[call-arg]
                        bot_api_base_url=sb.base_url, bot_api_file_url=sb.base_file_url,
                        database_url=url, poll_timeout=1, catalogue_channel_id=channel["id"])
    app = build_application(settings, db=db)
    done: dict[tuple[int, int], float] = {}
    waiters: dict[tuple[int, int], asyncio.Future[None]] = {}

    def on_processed(u: object) -> None:
        if isinstance(u, Update) and u.effective_message is not None:
            key = (u.effective_message.chat_id, u.effective_message.message_id)
            done[key] = time.time()
            fut = waiters.pop(key, None)
            if fut is not None and not fut.done():
                fut.set_result(None)

    app.update_processor.on_processed = on_processed
    await app.initialize()
    await start_services(app)
    await app.start()
    await app.updater.start_polling(timeout=1, poll_interval=0)
    budget = app.bot_data["services"].extras["send_budget"]

    users, sellers = await scenario_people(sb, name, "کاربر", a.timeout)
    n_users = len(users)
    await asyncio.sleep(2)  # let the windows of the set-up pass
    first_req = len(sb.requests)
    taken0 = dict(budget.taken)
    sent: dict[tuple[int, int], float] = {}

    async def send(user: dict, text: str) -> dict:
        t = time.time()
        msg = await sb.send_text(user, text)
        sent[(msg["chat"]["id"], msg["message_id"])] = t
        return msg

    async def handled(msg: dict) -> None:
        key = (msg["chat"]["id"], msg["message_id"])
        if key not in done:
            fut = waiters[key] = asyncio.get_running_loop().create_future()
            await asyncio.wait_for(fut, a.timeout)

    async def person(user: dict, query: str) -> None:
        await handled(await send(user, "/start"))
        await handled(await send(user, query))

    t0 = time.time()
    if name == "S2":
        await enqueue_wave(db, channel["id"], sellers)
    await asyncio.gather(*(person(u, queries[i % len(queries)]) for i, u in enumerate(users)))
    if name == "S2":
        async def private_wave_done() -> bool:
            async with db.session() as s:
                rows = (await s.scalars(select(OutboxMessage.chat_id)
                                        .where(OutboxMessage.status == PENDING))).all()
            return not any(not str(c).startswith("-") for c in rows)

        deadline = time.time() + a.timeout
        while not await private_wave_done() and time.time() < deadline:  # noqa: ASYNC110
            await asyncio.sleep(0.1)
    reqs = sb.requests[first_req:]
    ok = [r.time for r in reqs if r.status == 200 and counted(r.method)]
    t_end = max(ok)
    lat = [(done[k] - sent[k]) * 1000 for k in sent if k in done]
    result = {
        "scenario": name, "users": n_users, "updates": len(sent),
        "429": sum(1 for r in reqs if r.status == 429),
        "sends": len(ok), "span_s": round(t_end - t0, 1),
        "sends_per_s": round(len(ok) / (t_end - t0), 1),
        "max_sends_in_1s": max_in_window(ok),
        "busiest_10s_per_s": round(max_in_window(ok, 10.0) / 10, 1),
        "reply_p50_ms": round(pct(lat, 50)), "reply_p95_ms": round(pct(lat, 95)),
        "slots_replies": budget.taken[0] - taken0[0],
        "slots_outbox": budget.taken[1] - taken0[1],
        "channel_posts": sum(1 for r in sb.records(channel["id"]) if r.from_bot),
    }
    await app.updater.stop()
    await app.stop()
    await stop_services(app)
    await app.shutdown()
    await db.dispose()
    await sb.stop()
    return result


async def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--latency-ms", type=float, default=50)
    p.add_argument("--listings", type=int, default=2000)
    p.add_argument("--timeout", type=float, default=300)
    p.add_argument("--scenarios", default="S1,S2")
    a = p.parse_args()
    logging.basicConfig(level=logging.ERROR)
    import throughput_bench

    for name in a.scenarios.split(","):
        with tempfile.TemporaryDirectory() as tmp:
            url = f"sqlite+aiosqlite:///{tmp}/bench.db"
            queries = await throughput_bench.prepare_db(url, a.listings)
            print(json.dumps(await scenario(name, url, queries, a), ensure_ascii=False),
                  flush=True)


if __name__ == "__main__":
    asyncio.run(main())
