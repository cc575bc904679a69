"""/healthz turns unhealthy when the database is gone, the outbox is stuck or the updates
loop stops, and healthy again when they recover; /metrics is valid Prometheus text."""

from __future__ import annotations

import asyncio
import os
from datetime import timedelta
from pathlib import Path

import aiohttp
import pytest
from harness import BotHarness
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from bot.ops.health import Health
from models.base import utcnow
from models.outbox import SENT, OutboxMessage

SQLITE = not os.environ.get("TEST_DATABASE_URL", "").startswith("postgresql")


@pytest.fixture
async def health(bot: BotHarness):
    h = Health(bot.app, api_stale_after=300, outbox_stuck_after=600)
    port = await h.start("127.0.0.1", 0)
    async with aiohttp.ClientSession(f"http://127.0.0.1:{port}") as http:
        h.http = http  # type: ignore[attr-defined]
        yield h
    await h.stop()


async def healthz(h: Health) -> tuple[int, dict]:
    async with h.http.get("/healthz") as r:  # type: ignore[attr-defined]
        return r.status, await r.json()


def failing(body: dict) -> set[str]:
    return {k for k, v in body["checks"].items() if not v["ok"]}


async def test_healthy_and_metrics_parse(bot: BotHarness, person, health):
    p = await person()
    await p.say("/start")
    await p.say("/help")
    status, body = await healthz(health)
    assert status == 200 and body["ok"], body

    async with health.http.get("/metrics") as r:  # type: ignore[attr-defined]
        assert r.status == 200 and r.headers["Content-Type"].startswith("text/plain")
        text = await r.text()
    families = {f.name: f for f in text_string_to_metric_families(text)}
    samples = {(s.name, tuple(sorted(s.labels.items()))): s.value
               for f in families.values() for s in f.samples}
    assert samples[("hamyar_updates_total", (("kind", "message"),))] >= 2
    assert samples[("hamyar_update_seconds_count", (("kind", "message"),))] >= 2
    assert samples[("hamyar_bot_api_calls_total", (("method", "sendMessage"), ("outcome", "ok")))] >= 2
    assert ("hamyar_outbox_pending", ()) in samples
    assert ("hamyar_outbox_oldest_pending_seconds", ()) in samples
    assert "hamyar_bot_api_429" in families and "hamyar_errors" in families
    assert samples[("hamyar_bot_api_last_success_timestamp_seconds", ())] > 0


async def test_stuck_outbox_is_unhealthy_until_it_is_delivered(bot: BotHarness, person, health):
    p = await person()
    await p.say("/start")
    async with bot.db.session() as s:  # as if its sends had failed for two hours, backing off
        row = OutboxMessage(chat_id=str(p.id), method="sendMessage", payload={"text": "دیر"},
                            created_at=utcnow() - timedelta(hours=2),
                            next_attempt_at=utcnow() + timedelta(days=1))
        s.add(row)
    status, body = await healthz(health)
    assert status == 503 and failing(body) == {"outbox"}, body
    assert "stuck" in body["checks"]["outbox"]["detail"]

    async with bot.db.session() as s:  # the way clears: it is due now and goes out
        (await s.get(OutboxMessage, row.id)).next_attempt_at = utcnow()
    bot.outbox.kick()
    await p.sb.wait_for_bot_message(p.id, lambda r: r.text == "دیر", timeout=10, after=0)
    for _ in range(100):  # the worker records the send just after the call returns
        async with bot.db.session() as s:
            if (await s.get(OutboxMessage, row.id)).status == SENT:
                break
        await asyncio.sleep(0.05)
    status, body = await healthz(health)
    assert status == 200, body


async def healthy_again(health, within: float = 10.0):
    """/healthz until it answers 200 (a connection that failed while the file was away may
    fail once more on a busy machine), or its last answer after `within` seconds."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within
    while True:
        status, body = await healthz(health)
        if status == 200 or loop.time() > deadline:
            return status, body
        await asyncio.sleep(0.2)


def take_away(path: Path) -> None:
    """Swap the database file for a link to a directory in one atomic step: nothing can open
    it or create an empty database in its place, as good as a stopped database server."""
    os.link(path, f"{path}.aside")
    link = Path(f"{path}.link")
    link.symlink_to(path.parent / "not-a-database", target_is_directory=True)
    (path.parent / "not-a-database").mkdir(exist_ok=True)
    os.replace(link, path)


def put_back(path: Path) -> None:
    """The file back in one atomic step (a connection opened in between would otherwise
    create an empty database there and keep it)."""
    os.replace(f"{path}.aside", path)


@pytest.mark.skipif(not SQLITE, reason="takes the SQLite file away")
async def test_database_gone_is_unhealthy_and_recovers(bot: BotHarness, health):
    path = Path(bot.db_url.split(":///", 1)[1])
    await bot.db.engine.dispose()
    take_away(path)
    try:
        status, body = await healthz(health)
        assert status == 503 and {"database", "outbox"} <= failing(body), body
    finally:
        put_back(path)
    status, body = await healthy_again(health)
    assert status == 200, body


@pytest.mark.skipif(SQLITE, reason="stops PostgreSQL's connections to the test database")
async def test_database_refusing_connections_is_unhealthy_and_recovers(bot: BotHarness, health):
    name = bot.db_url.rsplit("/", 1)[1].split("?", 1)[0]
    admin = create_async_engine(bot.db_url.rsplit("/", 1)[0] + "/postgres",
                                isolation_level="AUTOCOMMIT")
    try:
        async with admin.connect() as conn:
            await conn.execute(text(f'ALTER DATABASE "{name}" WITH ALLOW_CONNECTIONS false'))
            await conn.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                    "WHERE datname = :n AND pid <> pg_backend_pid()"), {"n": name})
        await bot.db.engine.dispose()
        status, body = await healthz(health)
        assert status == 503 and {"database", "outbox"} <= failing(body), body
    finally:
        async with admin.connect() as conn:
            await conn.execute(text(f'ALTER DATABASE "{name}" WITH ALLOW_CONNECTIONS true'))
        await admin.dispose()
    status, body = await healthz(health)
    assert status == 200, body


async def test_stopped_updates_loop_is_unhealthy(bot: BotHarness, health):
    await bot.app.updater.stop()
    status, body = await healthz(health)
    assert status == 503 and failing(body) == {"updates"}, body
    await bot.app.updater.start_polling(timeout=1, poll_interval=0)
    status, body = await healthz(health)
    assert status == 200, body


async def test_quiet_bot_api_is_asked_directly(bot: BotHarness, health):
    health.api_stale_after = 0  # nothing recent counts: one getMe decides
    status, body = await healthz(health)
    assert status == 200 and body["checks"]["bot_api"]["detail"] == "getMe answered"
    await bot.sb.stop()  # the Bot API is gone
    status, body = await healthz(health)
    assert status == 503 and "bot_api" in failing(body)
