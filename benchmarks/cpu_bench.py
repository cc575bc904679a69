"""CPU per update, calls per action, cold start and memory of the bot as a PROCESS (issue 13,
item 4), against a bare PTB bot in the same run.

    .venv/bin/python benchmarks/cpu_bench.py            # --rounds 4 --batch 25 --latency-ms 50

This process hosts two stand-in Bot APIs (`sandbox.server.StandIn`) enforcing Telegram's limits
as strict sliding windows (`FloodLimits(window=True)`: 30 sends in any second, 1 a second per
private chat, 20 a minute per group or channel; edits and callback answers free) with every
call held ``--latency-ms``, and plays the users. The bots are child processes:

- Hamyar: ``python -m bot`` with BOT_API_BASE_URL pointing at the first stand-in, over a
  SQLite database seeded with ``--listings`` public listings (search_bench's data);
- bare PTB: ``python benchmarks/cpu_bench.py --bare URL`` — PTB 22 with the project's
  PerChatUpdateProcessor(256), answering every message and every button press with one
  sendMessage (a button under its message, so that there is something to press).

Measured:
1. cold start: from the process's spawn to the answer of a /start that was waiting for it;
   idle RSS three seconds later (VmRSS of /proc/<pid>/status).
2. the CPU mix, interleaved and repeated: ``--rounds`` rounds; in each, for each kind of update
   (/start, a search, /browse, a category button) a batch of ``--batch`` users at once, on one
   bot then on the other (the order alternates by round), each batch until the bot has made no
   call for 1.2 s (every answer out). CPU per update = the process's utime+stime
   (/proc/<pid>/stat) over the batch, less its idle rate (getUpdates polling, timers: measured
   for 5 s after the cold start) over the batch's time, ÷ the batch. Pooled = all batches' CPU
   ÷ all their updates; ratios Hamyar ÷ bare of the same kind.
3. calls per update (Hamyar): its Bot API calls but getUpdates during the batches ÷ updates,
   from the stand-in's log (tests/test_calls.py holds the per-action counts).
4. issue 13's scenarios against the Hamyar process: S1, 200 users at once each /start then a
   search; S2, an approval wave of 50 listings (a channel post and a message to the seller
   each, written to the outbox as moderation does) while 100 users /start and search. 429
   answers, sends per second, the most in any second, CPU per update.
5. memory per 10,000 open conversations: in a child, the Application built as the bot builds
   it, then 10,000 conversations put in the listing flow's ConversationHandler at a step (as
   PTB keeps them) and the RSS difference.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_common import enqueue_wave, max_in_window, pct, scenario_people  # noqa: E402

TOKEN = "123456789:BENCH-token-for-hamyar-cpu"
BARE_TOKEN = "987654321:BENCH-token-for-bare-ptb"
TICK = os.sysconf("SC_CLK_TCK")
KINDS = ("start", "search", "browse", "category")


# -- the bare bot (a child process) --------------------------------------------------------------

def bare_main(base_url: str) -> None:
    from telegram import InlineKeyboardButton, InlineKeyboardMarkup
    from telegram.ext import ApplicationBuilder, CallbackQueryHandler, MessageHandler, filters
    from telegram.request import HTTPXRequest

    from bot.concurrency import PerChatUpdateProcessor

    logging.basicConfig(level=logging.ERROR)
    app = (ApplicationBuilder().token(BARE_TOKEN).base_url(base_url + "/bot")
           .base_file_url(base_url + "/file/bot")
           .concurrent_updates(PerChatUpdateProcessor(256))
           .request(HTTPXRequest(connection_pool_size=64, connect_timeout=10, read_timeout=15,
                                 write_timeout=20, pool_timeout=10))
           .get_updates_request(HTTPXRequest(connection_pool_size=2, read_timeout=11))
           .build())
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("دسته", callback_data="c")]])

    async def answer(update: Any, context: Any) -> None:
        await context.bot.send_message(update.effective_chat.id, "ok", reply_markup=markup)

    app.add_handler(MessageHandler(filters.ALL, answer))
    app.add_handler(CallbackQueryHandler(answer))
    app.run_polling(poll_interval=0, timeout=1, close_loop=True)


# -- memory per open conversation (a child process) ----------------------------------------------

def conversations_main(url: str, base_url: str, n: int) -> None:
    import gc

    from telegram.ext import ConversationHandler

    from bot.app import build_application
    from bot.config import Settings
    from bot.db import Database

    settings = Settings(_env_file=None, bot_token=TOKEN, bot_api_base_url=base_url + "/bot",  # type: ignore[call-arg]
                        bot_api_file_url=base_url + "/file/bot", database_url=url)
    app = build_application(settings, db=Database(url))
    convs = [h for g in app.handlers.values() for h in g if isinstance(h, ConversationHandler)]
    target = next(h for h in convs if h.name == "listing")
    state = next(iter(target.states))
    gc.collect()
    before = rss_kb(os.getpid())
    for i in range(n):
        target._update_state(state, (1_000_000 + i, 1_000_000 + i))
    gc.collect()
    print(json.dumps({"conversations": n, "rss_before_mb": round(before / 1024, 1),
                      "added_mb": round((rss_kb(os.getpid()) - before) / 1024, 2)}))


# -- measuring a process -----------------------------------------------------------------------

def cpu_s(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK  # utime, stime


def rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


class Bot:
    """A bot process and the stand-in it talks to."""

    def __init__(self, name: str, sb: Any, argv: list[str], env: dict[str, str],
                 cwd: str | Path = ROOT) -> None:
        self.name, self.sb, self.argv, self.env, self.cwd = name, sb, argv, env, cwd
        self.proc: subprocess.Popen[bytes] | None = None
        self.cpu: dict[str, float] = {k: 0.0 for k in KINDS}
        self.updates: dict[str, int] = {k: 0 for k in KINDS}
        self.calls: dict[str, list[int]] = {k: [] for k in KINDS}
        self.idle_cpu_per_s = 0.0  # polling getUpdates and timers, measured while nobody writes

    async def cold_start(self, timeout: float) -> tuple[float, float]:  # noqa: ASYNC109
        """(seconds from spawn to the first answer, idle RSS in MB)."""
        user = await self.sb.create_user("نخستین", language_code="fa")
        await self.sb.send_text(user, "/start")
        t0 = time.monotonic()
        self.proc = subprocess.Popen(self.argv, env=self.env,  # noqa: ASYNC220 (a spawn)
                                     cwd=self.cwd,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        await self.sb.wait_for_bot_message(user["id"], timeout=timeout, after=0)
        cold = time.monotonic() - t0
        await asyncio.sleep(2)
        c0, t1 = cpu_s(self.proc.pid), time.monotonic()
        await asyncio.sleep(5)
        self.idle_cpu_per_s = (cpu_s(self.proc.pid) - c0) / (time.monotonic() - t1)
        return cold, rss_kb(self.proc.pid) / 1024

    @property
    def pid(self) -> int:
        assert self.proc is not None
        return self.proc.pid

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()


async def act(bot: Bot, user: dict, kind: str, query: str, timeout: float) -> None:  # noqa: ASYNC109
    """One update of this kind from `user`, until its (first) answer is in the chat."""
    sb = bot.sb
    chat = user["id"]
    last = max((r.message_id for r in sb.records(chat, True)), default=0)
    if kind == "category":
        home = next(r for r in reversed(sb.records(chat)) if r.from_bot and r.reply_markup)
        await sb.press(user, home, home.buttons[0])
    else:
        await sb.send_text(user, {"start": "/start", "search": query, "browse": "/browse"}[kind])
    await sb.wait_for_bot_message(chat, timeout=timeout, after=last)


async def quiet(sb: Any, for_s: float = 1.2, limit: float = 30.0) -> None:
    """Until the bot has made no call but getUpdates for `for_s` seconds: every answer of the
    batch is out (a chat's later messages wait for its one-a-second window)."""
    t0 = time.monotonic()
    while time.monotonic() - t0 < limit:
        busy = [r.time for r in sb.requests[-200:] if r.method != "getUpdates"]
        if not busy or time.time() - max(busy) >= for_s:
            return
        await asyncio.sleep(0.1)


async def batch(bot: Bot, users: list[dict], kind: str, queries: list[str],
                timeout: float) -> None:  # noqa: ASYNC109
    before, t0, first = cpu_s(bot.pid), time.monotonic(), len(bot.sb.requests)
    await asyncio.gather(*(act(bot, u, kind, random.choice(queries), timeout) for u in users))
    await quiet(bot.sb)
    idle = bot.idle_cpu_per_s * (time.monotonic() - t0)
    bot.cpu[kind] += max(0.0, cpu_s(bot.pid) - before - idle)
    bot.updates[kind] += len(users)
    mine = [r for r in bot.sb.requests[first:] if r.method != "getUpdates"]
    bot.calls[kind].append(len(mine) / len(users))


async def mix(bots: list[Bot], queries: list[str], a: argparse.Namespace) -> None:
    users = {b.name: [await b.sb.create_user(f"کاربر{i}", language_code="fa")
                      for i in range(a.batch * a.rounds)] for b in bots}
    for r in range(a.rounds):
        order = bots if r % 2 == 0 else bots[::-1]
        for kind in KINDS:
            for b in order:
                await batch(b, users[b.name][r * a.batch:(r + 1) * a.batch], kind, queries,
                            a.timeout)


async def scenario(name: str, bot: Bot, url: str, queries: list[str], channel: dict,
                   a: argparse.Namespace) -> dict:
    from bot.db import Database
    from bot.outbox.budget import counted

    sb = bot.sb
    users, sellers = await scenario_people(sb, name, f"{name}-", a.timeout)
    n_users = len(users)
    await asyncio.sleep(2)
    first = len(sb.requests)
    cpu0 = cpu_s(bot.pid)
    lat: list[float] = []

    async def person(user: dict, query: str) -> None:
        for text in ("/start", query):
            t = time.monotonic()
            last = max((r.message_id for r in sb.records(user["id"], True)), default=0)
            await sb.send_text(user, text)
            await sb.wait_for_bot_message(user["id"], timeout=a.timeout, after=last)
            lat.append(time.monotonic() - t)
            await asyncio.sleep(1.0)  # she reads the answer: her chat's window passes

    t0 = time.time()
    if name == "S2":
        db = Database(url)
        await enqueue_wave(db, channel["id"], sellers)
        await db.dispose()
    await asyncio.gather(*(person(u, queries[i % len(queries)]) for i, u in enumerate(users)))
    if name == "S2":
        await sb.wait_until(lambda: all(
            any(r.from_bot and "منتشر شد" in (r.text or "") for r in sb.records(s["id"]))
            for s in sellers), timeout=a.timeout)
    cpu = cpu_s(bot.pid) - cpu0
    reqs = sb.requests[first:]
    ok = [r.time for r in reqs if r.status == 200 and counted(r.method)]
    span = max(ok) - t0
    return {"scenario": name, "updates": 2 * n_users, "429": sum(r.status == 429 for r in reqs),
            "sends": len(ok), "span_s": round(span, 1), "sends_per_s": round(len(ok) / span, 1),
            "busiest_10s_per_s": round(max_in_window(ok, 10.0) / 10, 1),
            "max_sends_in_1s": max_in_window(ok),
            "answer_p50_s": round(pct(lat, 50), 2), "answer_p95_s": round(pct(lat, 95), 2),
            "cpu_ms_per_update": round(cpu * 1000 / (2 * n_users), 2),
            "channel_posts": sum(1 for r in sb.records(channel["id"]) if r.from_bot)}


async def main(a: argparse.Namespace) -> None:
    import throughput_bench

    from sandbox.server import StandIn
    from sandbox.state import Faults, FloodLimits

    logging.basicConfig(level=logging.ERROR)
    random.seed(7)
    out: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite+aiosqlite:///{tmp}/bench.db"
        queries = await throughput_bench.prepare_db(url, a.listings)
        stands = []
        for username in ("hamyar_bench_bot", "bare_bench_bot"):
            sb = StandIn(bot_username=username, flood=FloodLimits(window=True),
                         faults=Faults(latency_ms=a.latency_ms))
            await sb.start()
            stands.append(sb)
        channel = await stands[0].create_channel("کاتالوگ", username="hamyar_bench_channel")
        env = {**os.environ, "BOT_TOKEN": TOKEN, "BOT_API_BASE_URL": stands[0].base_url,
               "BOT_API_FILE_URL": stands[0].base_file_url, "DATABASE_URL": url,
               "HEALTH_PORT": "0", "LOG_LEVEL": "ERROR", "POLL_TIMEOUT": "1",
               "CATALOGUE_CHANNEL_ID": str(channel["id"]), "BACKUP_DIR": f"{tmp}/backups"}
        env.pop("HAMYAR_TEST_NOW", None)
        root = stands[1].base_url.rsplit("/bot", 1)[0]
        if a.bot_root:  # another checkout's bot (e.g. main before a change), same harness
            env["PYTHONPATH"] = a.bot_root
        bots = [Bot("hamyar", stands[0], [sys.executable, "-m", "bot"], env,
                    a.bot_root or ROOT),
                Bot("bare", stands[1], [sys.executable, __file__, "--bare", root],
                    {**os.environ})]
        try:
            for b in bots:
                cold, rss = await b.cold_start(a.timeout)
                out[b.name] = {"cold_start_s": round(cold, 2), "idle_rss_mb": round(rss, 1)}
            await mix(bots, queries, a)
            h = bots[0]
            for b in bots:
                out[b.name]["cpu_ms"] = {k: round(b.cpu[k] * 1000 / b.updates[k], 2)
                                         for k in KINDS}
                out[b.name]["cpu_ms"]["pooled"] = round(
                    sum(b.cpu.values()) * 1000 / sum(b.updates.values()), 2)
            out["ratio"] = {k: round(out["hamyar"]["cpu_ms"][k] / out["bare"]["cpu_ms"][k], 2)
                            for k in (*KINDS, "pooled")}
            out["hamyar"]["calls_per_update"] = {
                k: round(sum(h.calls[k]) / len(h.calls[k]), 2) for k in KINDS}
            for b in bots:
                out[b.name]["idle_cpu_ms_per_s"] = round(b.idle_cpu_per_s * 1000, 2)
            if not a.no_scenarios:
                out["scenarios"] = [await scenario(n, h, url, queries, channel, a)
                                    for n in ("S1", "S2")]
            out["hamyar"]["rss_end_mb"] = round(rss_kb(h.pid) / 1024, 1)
        finally:
            for b in bots:
                b.stop()
            for sb in stands:
                await sb.stop()
        conv = subprocess.run(  # noqa: ASYNC221 (nothing else runs by then)
            [sys.executable, __file__, "--conversations", url, root, "10000"],
            cwd=ROOT, capture_output=True, text=True, check=False)
        out["conversations"] = (json.loads(conv.stdout.strip().splitlines()[-1])
                                if conv.returncode == 0 else conv.stderr[-500:])
    print(json.dumps(out, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("--rounds", type=int, default=4)
    p.add_argument("--batch", type=int, default=25)
    p.add_argument("--latency-ms", type=float, default=50)
    p.add_argument("--listings", type=int, default=2000)
    p.add_argument("--timeout", type=float, default=120)
    p.add_argument("--no-scenarios", action="store_true")
    p.add_argument("--bot-root", help="run `python -m bot` from this checkout instead")
    p.add_argument("--bare", metavar="URL", help=argparse.SUPPRESS)
    p.add_argument("--conversations", nargs=3, metavar=("DB", "URL", "N"), help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.bare:
        bare_main(args.bare)
    elif args.conversations:
        conversations_main(args.conversations[0], args.conversations[1],
                           int(args.conversations[2]))
    else:
        asyncio.run(main(args))
