"""/healthz and /metrics on their own small aiohttp server (HEALTH_LISTEN:HEALTH_PORT).

/healthz answers 200 with {"ok": true, ...} or 503 with the failing checks:
- database: `SELECT 1` within a few seconds;
- updates: the application and its updater (polling or webhook) are running;
- outbox: the worker's task is alive and no message has been pending for longer than
  OUTBOX_STUCK_AFTER seconds (a message that waits that long is not being delivered);
- bot_api: a successful Bot API call within HEALTH_API_STALE_AFTER seconds — when the bot
  has been quiet that long (webhook mode), one getMe decides.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from typing import Any

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from sqlalchemy import text

from bot.ops import metrics

log = logging.getLogger(__name__)
DB_TIMEOUT = 5.0


class Health:
    def __init__(self, app: Any, *, api_stale_after: float = 300, outbox_stuck_after: float = 600,
                 db: Any = None) -> None:
        self.app = app
        self.api_stale_after = api_stale_after
        self.outbox_stuck_after = outbox_stuck_after
        self._db = db
        self._runner: web.AppRunner | None = None
        self.port: int | None = None

    @property
    def services(self) -> Any:
        return self.app.bot_data["services"]

    @property
    def db(self) -> Any:
        return self._db or self.services.db

    async def _database(self) -> tuple[bool, str]:
        async def probe() -> None:
            async with self.db.engine.connect() as conn:
                await conn.execute(text("SELECT 1"))

        try:
            await asyncio.wait_for(probe(), DB_TIMEOUT)
            return True, "answers"
        except Exception as exc:
            return False, f"{type(exc).__name__}: {str(exc).splitlines()[0][:200] if str(exc) else ''}"

    def _updates(self) -> tuple[bool, str]:
        updater = self.app.updater
        if not self.app.running:
            return False, "application not running"
        if updater is not None and not updater.running:
            return False, "updater not running"
        return True, "running"

    async def _outbox(self, db_ok: bool) -> tuple[bool, str]:
        worker = self.services.extras.get("outbox")
        task = getattr(worker, "_task", None)
        if worker is None or task is None or task.done():
            return False, "worker not running"
        if not db_ok:
            return False, "database unavailable"
        try:
            depth, age = await metrics.collect_outbox(self.db)
        except Exception as exc:
            return False, f"cannot read the outbox: {type(exc).__name__}: {str(exc).splitlines()[0][:200] if str(exc) else ''}"
        if age > self.outbox_stuck_after:
            return False, f"stuck: the oldest of {depth} pending messages is {age:.0f}s old"
        return True, f"{depth} pending"

    async def _bot_api(self) -> tuple[bool, str]:
        last = metrics.last_api_success()
        if last is not None and time.monotonic() - last <= self.api_stale_after:
            return True, f"last success {time.monotonic() - last:.0f}s ago"
        try:
            await asyncio.wait_for(self.app.bot.get_me(), 10)
            metrics.note_api_success()  # the bot's own request counts it too; harmless
            return True, "getMe answered"
        except Exception as exc:
            return False, f"no successful call for a while; getMe: {type(exc).__name__}"

    async def check(self) -> dict[str, Any]:
        db_ok, db_note = await self._database()
        checks = {
            "database": (db_ok, db_note),
            "updates": self._updates(),
            "outbox": await self._outbox(db_ok),
            "bot_api": await self._bot_api(),
        }
        return {"ok": all(ok for ok, _ in checks.values()),
                "checks": {k: {"ok": ok, "detail": d} for k, (ok, d) in checks.items()}}

    # ------------------------------------------------------------------ http

    async def healthz(self, _request: web.Request) -> web.Response:
        result = await self.check()
        if not result["ok"]:
            log.warning("unhealthy: %s", json.dumps(result["checks"], ensure_ascii=False))
        return web.json_response(result, status=200 if result["ok"] else 503)

    async def metrics(self, _request: web.Request) -> web.Response:
        try:
            await metrics.collect_outbox(self.db)
        except Exception:
            metrics.ERRORS.labels("metrics").inc()
        body = generate_latest(metrics.REGISTRY)
        return web.Response(body=body, headers={"Content-Type": CONTENT_TYPE_LATEST})

    async def start(self, host: str = "127.0.0.1", port: int = 8090) -> int:
        server = web.Application()
        server.router.add_get("/healthz", self.healthz)
        server.router.add_get("/metrics", self.metrics)
        self._runner = web.AppRunner(server, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, host, port)
        await site.start()
        server_ = site._server
        sockets = getattr(server_, "sockets", None) or ()
        self.port = sockets[0].getsockname()[1] if sockets else port
        log.info("health and metrics on http://%s:%s/healthz and /metrics", host, self.port)
        return self.port

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None


async def start_health(app: Any) -> Health | None:
    """Call from start-up after start_services: serves /healthz and /metrics when
    HEALTH_PORT is not 0; kept in services.extras["health"] for stop_health."""
    settings = app.bot_data["services"].settings
    if not settings.health_port:
        return None
    health = Health(app, api_stale_after=settings.health_api_stale_after,
                    outbox_stuck_after=settings.outbox_stuck_after)
    await health.start(settings.health_listen, settings.health_port)
    app.bot_data["services"].extras["health"] = health
    return health


async def stop_health(app: Any) -> None:
    health = app.bot_data["services"].extras.pop("health", None)
    if health is not None:
        await health.stop()
