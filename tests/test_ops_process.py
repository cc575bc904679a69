"""`python -m bot` as a server runs it: /healthz and /metrics served, JSON logs, and a
graceful stop on SIGTERM that lets the outbox finish the send it has in flight."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import sqlite3
import sys
from pathlib import Path

import aiohttp
import pytest
from prometheus_client.parser import text_string_to_metric_families

from sandbox.server import StandIn
from sandbox.state import Faults, FloodLimits

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "123456789:TEST-token-for-hamyar-tests"

pytestmark = pytest.mark.skipif(
    os.environ.get("TEST_DATABASE_URL", "").startswith("postgresql"),
    reason="runs the process on its own SQLite file",
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def wait_healthy(url: str, proc: asyncio.subprocess.Process, within: float = 30) -> dict:
    async with aiohttp.ClientSession() as http:
        for _ in range(int(within * 10)):
            assert proc.returncode is None, "the bot exited"
            try:
                async with http.get(url) as r:
                    if r.status == 200:
                        return await r.json()
            except aiohttp.ClientError:
                pass
            await asyncio.sleep(0.1)
    raise AssertionError("never healthy")


def add_outbox_row(db: Path, chat_id: int, text: str) -> int:
    con = sqlite3.connect(db, timeout=10)
    try:
        cur = con.execute("INSERT INTO outbox (chat_id, method, payload) VALUES (?, ?, ?)",
                          (str(chat_id), "sendMessage", json.dumps({"text": text})))
        con.commit()
        return cur.lastrowid  # type: ignore[return-value]
    finally:
        con.close()


def outbox_status(db: Path, row_id: int) -> str:
    con = sqlite3.connect(db, timeout=10)
    try:
        return con.execute("SELECT status FROM outbox WHERE id = ?", (row_id,)).fetchone()[0]
    finally:
        con.close()


async def test_sigterm_lets_the_in_flight_send_finish(tmp_path):
    db = tmp_path / "data" / "hamyar.db"
    port = free_port()
    async with StandIn(bot_username="hamyar_test_bot", flood=FloodLimits(enabled=False)) as sb:
        env = {**os.environ, "BOT_TOKEN": TOKEN, "BOT_API_BASE_URL": sb.base_url,
               "BOT_API_FILE_URL": sb.base_file_url, "DATABASE_URL": f"sqlite+aiosqlite:///{db}",
               "HEALTH_PORT": str(port), "LOG_FORMAT": "json", "POLL_TIMEOUT": "1",
               "PYTHONPATH": str(ROOT), "OUTBOX_PACE_SCALE": "20"}
        env.pop("WEBHOOK_URL", None)
        log_path = tmp_path / "bot.log"
        with log_path.open("wb") as log_file:
            proc = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "bot", "run", cwd=tmp_path, env=env,
                stdout=log_file, stderr=log_file)
            try:
                body = await wait_healthy(f"http://127.0.0.1:{port}/healthz", proc)
                assert body["ok"]
                user = await sb.create_user("مریم", language_code="fa")
                await sb.send_text(user, "/start")
                await sb.wait_for_bot_message(user["id"], lambda r: True, timeout=15, after=0)
                async with aiohttp.ClientSession() as http, \
                        http.get(f"http://127.0.0.1:{port}/metrics") as r:
                    families = {f.name for f in text_string_to_metric_families(await r.text())}
                assert {"hamyar_updates", "hamyar_bot_api_calls", "hamyar_outbox_pending"} <= families

                # A slow Bot API: the next sendMessage takes 3 s to answer.
                sb.faults = Faults(latency_ms=3000, methods={"sendMessage"})
                row = add_outbox_row(db, user["id"], "پیام در راه")
                for _ in range(200):  # until the worker's call has reached the server
                    if any(q.method == "sendMessage" and q.params.get("text") == "پیام در راه"
                           for q in sb.requests):
                        break
                    await asyncio.sleep(0.05)
                else:
                    raise AssertionError("the outbox never sent the row")
                proc.send_signal(signal.SIGTERM)
                assert await asyncio.wait_for(proc.wait(), 30) == 0
            finally:
                if proc.returncode is None:
                    proc.kill()
                    await proc.wait()
        assert outbox_status(db, row) == "sent"
        assert any(r.text == "پیام در راه" for r in sb.records(user["id"]) if r.from_bot)

    lines = [json.loads(x) for x in log_path.read_text("utf-8").splitlines() if x.startswith("{")]
    messages = [x["message"] for x in lines]
    assert any("running as @hamyar_test_bot" in m for m in messages)
    assert messages[-1] == "stopped"
