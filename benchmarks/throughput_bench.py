"""Updates per second of the real Hamyar Application against the bare framework, and memory.

    .venv/bin/python benchmarks/throughput_bench.py                    # SQLite only
    .venv/bin/python benchmarks/throughput_bench.py \
        --pg postgresql+asyncpg://postgres@127.0.0.1:5432/bench        # and PostgreSQL

Every scenario runs in its own child process (so that peak RSS is its own), against a
stand-in Bot API (`sandbox.server.StandIn`) on 127.0.0.1 in that process, with flood limits
off and every Bot API call held `--latency-ms` (default 100 ms, getUpdates included):

- A   "bare PTB": an Application with the project's PerChatUpdateProcessor (the same
      concurrency as Hamyar, 256 at once) and one handler answering every text with one
      sendMessage: the floor.
- A+rl the same with `AIORateLimiter(max_retries=5)`, as Hamyar builds it (PTB's 30
      requests/s for all chats together): what the limiter alone costs.
- B   "Hamyar": `build_application(settings)` + `start_services`, every real handler, a fresh
      database seeded with `--listings` listings (search_bench's generator, small). N users
      (`--users`, default 200) at once each send /start (stores the user, replies with the
      main menu), wait for the reply, then a search (a mix of common, rare and variant queries
      of search_bench: a title message and up to 5 cards, or "nothing found").
- C   Hamyar, one chat: one user sends /start and `--messages - 1` searches at once; one
      chat's updates run one after another.

A and A+rl use the same flow as B (N users, /start then a text after the first reply).
Per-update latency: from the user's message to the end of its handling (PerChatUpdateProcessor
's on_processed hook, right after the handler's last reply came back from the Bot API). Span:
first user message to the last bot reply; updates/s = updates / span. Peak RSS: the child's
`ru_maxrss`; "base" is the RSS after imports and the stand-in's start, before the
Application is built (the stand-in's memory, holding every chat, is in both). With
`--tracemalloc`, also the peak of Python allocations during the load (timings then slower
and not comparable). One warm-up user (excluded) runs the flow first in every scenario.

The PostgreSQL database's `public` schema is dropped and recreated (a database named `test`
and non-loopback hosts are refused). Every wait has a timeout (`--timeout`); the children are
killed after it.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_common import pct  # noqa: E402

TOKEN = "123456789:BENCH-token-for-hamyar-throughput"
LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def vm_rss_mb() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


# ---------------------------------------------------------------------------------- child


async def reset_pg(url: str) -> None:
    from sqlalchemy import text
    from sqlalchemy.engine import make_url
    from sqlalchemy.ext.asyncio import create_async_engine

    u = make_url(url)
    if u.database in (None, "", "test", "postgres", "template0", "template1"):
        raise SystemExit(f"refusing to drop the schema of database {u.database!r}")
    if (u.host or "127.0.0.1") not in LOOPBACK:
        raise SystemExit(f"refusing a non-loopback host {u.host!r}")
    engine = create_async_engine(url)
    async with engine.begin() as conn:
        await conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        await conn.execute(text("CREATE SCHEMA public"))
    await engine.dispose()


async def prepare_db(url: str, listings: int) -> list[str]:
    """Run in a child of its own, so that the seeding's memory is not in the measured RSS."""
    import search_bench as sbench

    from bot.db import Database
    from bot.ops.migrate import upgrade

    if not url.startswith("sqlite"):
        await reset_pg(url)
    db = Database(url)
    await upgrade(db)
    sbench.N_LISTINGS = listings
    sbench.N_SELLERS = max(1, listings // 10)
    users, sellers, rows, index, queries = sbench.dataset()
    await sbench.seed(db, users, sellers, rows, index)
    await db.dispose()
    return [q for _, q in queries]


def bare_app(sb: Any, processor: Any, rate_limited: bool) -> Any:
    from telegram.ext import AIORateLimiter, ApplicationBuilder, MessageHandler, filters
    from telegram.request import HTTPXRequest

    builder = (
        ApplicationBuilder()
        .token(TOKEN)
        .base_url(sb.base_url)
        .base_file_url(sb.base_file_url)
        .concurrent_updates(processor)
        .request(HTTPXRequest(connection_pool_size=64, connect_timeout=10, read_timeout=15,
                              write_timeout=20, pool_timeout=10))
        .get_updates_request(HTTPXRequest(connection_pool_size=2, connect_timeout=10,
                                          read_timeout=11))
    )
    if rate_limited:
        builder = builder.rate_limiter(AIORateLimiter(max_retries=5))
    app = builder.build()

    async def answer(update: Any, context: Any) -> None:
        await context.bot.send_message(update.effective_chat.id, "ok")

    app.add_handler(MessageHandler(filters.TEXT, answer))
    return app


async def child(a: argparse.Namespace) -> dict[str, Any]:
    from telegram import Update

    from bot.concurrency import PerChatUpdateProcessor
    from sandbox.server import StandIn
    from sandbox.state import Faults, FloodLimits

    logging.basicConfig(level=logging.ERROR)
    scenario = a.child
    sb = StandIn(bot_username="hamyar_bench_bot", flood=FloodLimits(enabled=False),
                 faults=Faults(latency_ms=a.latency_ms))
    await sb.start()
    db = None
    queries = ["ok"]
    if scenario in ("B", "C"):
        from bot.db import Database
        from bot.ops.migrate import upgrade

        url = a.db
        queries = json.loads(a.queries)
        db = Database(url)
        await upgrade(db)  # already applied by the seeding child: nothing to do
    base_rss = vm_rss_mb()
    if a.tracemalloc:
        tracemalloc.start()

    done: dict[tuple[int, int], float] = {}
    expected = {"n": 0}
    all_done = asyncio.Event()

    def on_processed(update: object) -> None:
        if isinstance(update, Update) and update.effective_message is not None:
            done[(update.effective_message.chat_id, update.effective_message.message_id)] = \
                time.time()
            if len(done) >= expected["n"]:
                all_done.set()

    if scenario in ("B", "C"):
        from bot.app import build_application, start_services, stop_services
        from bot.config import Settings

        settings = Settings(_env_file=None, bot_token=TOKEN,  # type: ignore[call-arg]
                            bot_api_base_url=sb.base_url, bot_api_file_url=sb.base_file_url,
                            database_url=url, poll_timeout=1)
        app = build_application(settings, db=db)
        app.update_processor.on_processed = on_processed
    else:
        app = bare_app(sb, PerChatUpdateProcessor(256, on_processed=on_processed),
                       rate_limited=scenario == "A+rl")
    await app.initialize()
    if scenario in ("B", "C"):
        await start_services(app)
    await app.start()
    await app.updater.start_polling(timeout=1, poll_interval=0)

    sent: dict[tuple[int, int], float] = {}

    async def send(user: dict, text: str) -> dict:
        t = time.time()
        msg = await sb.send_text(user, text)
        sent[(msg["chat"]["id"], msg["message_id"])] = t
        return msg

    def replied(chat_id: int, after: int) -> bool:
        cs = sb.chats.get(chat_id)
        return cs is not None and any(r.from_bot and r.message_id > after
                                      for r in reversed(cs.records))

    # Users waiting for a first reply: one StandIn.wait_until for all of them (200 waiters
    # woken at every change of the stand-in would cost more than the bot itself).
    pending: dict[int, tuple[int, asyncio.Future[None]]] = {}

    def any_replied() -> list[int]:
        return [c for c, (after, _) in pending.items() if replied(c, after)]

    async def monitor() -> None:
        while True:
            for c in await sb.wait_until(any_replied, timeout=a.timeout):
                pending.pop(c)[1].set_result(None)

    watcher = asyncio.get_running_loop().create_task(monitor())

    async def person(user: dict, query: str) -> None:
        first = await send(user, "/start")
        fut = asyncio.get_running_loop().create_future()
        pending[first["chat"]["id"]] = (first["message_id"], fut)
        await asyncio.wait_for(fut, a.timeout)
        await send(user, query)

    async def wait_all(n: int) -> None:
        expected["n"] = n
        if len(done) < n:
            all_done.clear()
            await asyncio.wait_for(all_done.wait(), a.timeout)

    # warm-up: one user through the same flow, not measured
    warm = await sb.create_user("گرم", language_code="fa")
    await person(warm, queries[0])
    await wait_all(2)
    sent.clear()
    done.clear()
    if a.tracemalloc:
        tracemalloc.reset_peak()

    calls_before = len(sb.requests)
    if scenario == "C":
        user = await sb.create_user("تک", language_code="fa")
        texts = ["/start"] + [queries[i % len(queries)] for i in range(a.messages - 1)]
        users = [user]
        t0 = time.time()
        for text in texts:
            await send(user, text)
        await wait_all(len(texts))
    else:
        users = [await sb.create_user(f"کاربر{i}", language_code="fa") for i in range(a.users)]
        t0 = time.time()
        await asyncio.wait_for(asyncio.gather(*(person(u, queries[i % len(queries)])
                                                for i, u in enumerate(users))), a.timeout)
        await wait_all(2 * len(users))
    chats = {u["id"] for u in users}
    last_reply = max(r.time for c in chats for r in sb.records(c) if r.from_bot)
    t_end = max(last_reply, max(done.values()))
    span = t_end - t0
    lat = [(done[k] - sent[k]) * 1000 for k in sent]
    calls: dict[str, int] = {}
    for r in sb.requests[calls_before:]:
        if r.method != "getUpdates":
            calls[r.method] = calls.get(r.method, 0) + 1
    replies = sum(1 for c in chats for r in sb.records(c) if r.from_bot)
    traced = tracemalloc.get_traced_memory()[1] / 2**20 if a.tracemalloc else None

    watcher.cancel()
    await app.updater.stop()
    await app.stop()
    if scenario in ("B", "C"):
        await stop_services(app)
    await app.shutdown()
    if db is not None:
        await db.dispose()
    await sb.stop()
    return {
        "scenario": scenario, "updates": len(sent), "replies": replies, "span_s": span,
        "ups": len(sent) / span, "p50_ms": pct(lat, 50), "p95_ms": pct(lat, 95),
        "max_ms": max(lat), "mean_ms": statistics.fmean(lat),
        "rss_peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "rss_base_mb": base_rss, "traced_peak_mb": traced, "calls": calls,
        "calls_per_update": sum(calls.values()) / len(sent),
    }


# ---------------------------------------------------------------------------------- parent


def run_child(a: argparse.Namespace, scenario: str, db: str | None) -> Any:
    cmd = [sys.executable, __file__, "--child", scenario, "--latency-ms", str(a.latency_ms),
           "--users", str(a.users), "--messages", str(a.messages), "--listings",
           str(a.listings), "--timeout", str(a.timeout)]
    if db:
        cmd += ["--db", db]
    if scenario in ("B", "C"):
        cmd += ["--queries", json.dumps(run_child(a, "seed", db), ensure_ascii=False)]
    if a.tracemalloc:
        cmd.append("--tracemalloc")
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=a.timeout * 2 + 120,
                          check=False, cwd=ROOT)
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr[-4000:])
        raise SystemExit(f"scenario {scenario} failed ({proc.returncode})")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--latency-ms", type=float, default=100.0, help="each Bot API call's latency")
    p.add_argument("--users", type=int, default=200, help="users in A, A+rl and B")
    p.add_argument("--messages", type=int, default=20, help="messages of the one user in C")
    p.add_argument("--listings", type=int, default=2000, help="listings seeded for the searches")
    p.add_argument("--pg", metavar="URL", help="also PostgreSQL (its public schema is dropped)")
    p.add_argument("--timeout", type=float, default=300.0, help="seconds per scenario")
    p.add_argument("--tracemalloc", action="store_true", help="also trace Python allocations")
    p.add_argument("--child", help=argparse.SUPPRESS)
    p.add_argument("--db", help=argparse.SUPPRESS)
    p.add_argument("--queries", help=argparse.SUPPRESS)
    a = p.parse_args()
    if a.child == "seed":
        print(json.dumps(asyncio.run(prepare_db(a.db, a.listings))))
        return
    if a.child:
        print(json.dumps(asyncio.run(child(a))))
        return
    if a.pg:
        asyncio.run(reset_pg(a.pg))  # checks the URL before any run

    print(f"# {time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores, Python "
          f"{platform.python_version()}, latency {a.latency_ms:g} ms per Bot API call, "
          f"{a.users} users, C: {a.messages} messages, {a.listings} listings")
    tmp = tempfile.TemporaryDirectory(prefix="hamyar-tp-")
    sqlite = f"sqlite+aiosqlite:///{tmp.name}/hamyar.db"
    sqlite_c = f"sqlite+aiosqlite:///{tmp.name}/hamyar-c.db"
    plan: list[tuple[str, str, str | None]] = [("bare PTB", "A", None),
                                               ("bare PTB + AIORateLimiter", "A+rl", None),
                                               ("Hamyar, SQLite", "B", sqlite),
                                               ("Hamyar, SQLite, 1 chat", "C", sqlite_c)]
    if a.pg:
        plan += [("Hamyar, PostgreSQL", "B", a.pg), ("Hamyar, PostgreSQL, 1 chat", "C", a.pg)]
    results = []
    for label, scenario, db in plan:
        r = run_child(a, scenario, db)
        r["label"] = label
        results.append(r)
        print(f"  {label}: {r['updates']} updates in {r['span_s']:.2f} s; Bot API calls "
              f"{dict(sorted(r['calls'].items()))}", flush=True)
    tmp.cleanup()

    bare = results[0]
    print()
    head = (f"| {'scenario':<28} | updates | replies | span s | upd/s | p50 ms | p95 ms | "
            f"RSS peak MB | RSS base MB |" + (" traced MB |" if a.tracemalloc else "")
            + " calls/upd | upd/s ÷ bare | p50 ÷ bare |")
    print(head)
    print("|" + "|".join("-" * (len(c)) for c in head.split("|")[1:-1]) + "|")
    for r in results:
        traced = f" {r['traced_peak_mb']:9.1f} |" if a.tracemalloc else ""
        print(f"| {r['label']:<28} | {r['updates']:7d} | {r['replies']:7d} | {r['span_s']:6.2f} "
              f"| {r['ups']:5.1f} | {r['p50_ms']:6.0f} | {r['p95_ms']:6.0f} | "
              f"{r['rss_peak_mb']:11.1f} | {r['rss_base_mb']:11.1f} |{traced} "
              f"{r['calls_per_update']:9.2f} | {r['ups'] / bare['ups']:11.2f}× | {r['p50_ms'] / bare['p50_ms']:9.2f}× |")


if __name__ == "__main__":
    main()
