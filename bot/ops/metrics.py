"""Prometheus metrics (prometheus_client) and what feeds them.

- `CountingRequest`: an HTTPXRequest (`bot.ops.transport.LeanHTTPXRequest`) that counts every Bot API call by method and outcome
  (429s apart) and remembers the time of the last successful one (for /healthz).
- `InstrumentedUpdateProcessor`: the per-chat processor that also counts updates by kind,
  times them, and sets the log context (update id, chat) for the JSON logs.
- `instrument_handlers`: wraps handler callbacks so the log context names the handler.
- `collect_outbox`: outbox depth and the age of its oldest pending row, read at scrape time.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable
from datetime import UTC, datetime
from functools import wraps
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram
from sqlalchemy import func, select
from telegram import Update
from telegram.ext import ConversationHandler

from bot.concurrency import PerChatUpdateProcessor
from bot.ops.logs import HANDLER, update_context
from bot.ops.transport import LeanHTTPXRequest
from models.base import utcnow
from models.outbox import PENDING, OutboxMessage

REGISTRY = CollectorRegistry(auto_describe=True)

UPDATES = Counter("hamyar_updates_total", "Updates handled, by kind", ["kind"],
                  registry=REGISTRY)
LATENCY = Histogram("hamyar_update_seconds", "Time to handle one update, by kind", ["kind"],
                    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
                    registry=REGISTRY)
API_CALLS = Counter("hamyar_bot_api_calls_total", "Bot API calls, by method and outcome",
                    ["method", "outcome"], registry=REGISTRY)
API_429 = Counter("hamyar_bot_api_429_total", "Bot API calls refused with 429 (flood)",
                  ["method"], registry=REGISTRY)
ERRORS = Counter("hamyar_errors_total", "Errors, by where they happened", ["where"],
                 registry=REGISTRY)
OUTBOX_DEPTH = Gauge("hamyar_outbox_pending", "Outbox messages waiting to be sent",
                     registry=REGISTRY)
OUTBOX_OLDEST = Gauge("hamyar_outbox_oldest_pending_seconds",
                      "Age of the oldest pending outbox message (0 when none)", registry=REGISTRY)
LAST_API_OK = Gauge("hamyar_bot_api_last_success_timestamp_seconds",
                    "Unix time of the last successful Bot API call", registry=REGISTRY)

_last_api_ok: float | None = None


def last_api_success() -> float | None:
    """time.monotonic() of the last successful Bot API call, or None."""
    return _last_api_ok


def note_api_success() -> None:
    global _last_api_ok
    _last_api_ok = time.monotonic()
    LAST_API_OK.set(time.time())


def update_kind(update: object) -> str:
    if isinstance(update, Update):
        for kind in ("callback_query", "message", "edited_message", "my_chat_member",
                     "chat_member", "inline_query", "channel_post", "pre_checkout_query"):
            if getattr(update, kind, None) is not None:
                return kind
        return "other"
    return type(update).__name__


_counters: dict[tuple[str, str], Any] = {}


def _count_call(api_method: str, outcome: str) -> None:
    """API_CALLS for (method, outcome), its child looked up once (labels() takes a lock and
    builds a key on every call: per Bot API call that is work the bot can skip)."""
    child = _counters.get((api_method, outcome))
    if child is None:
        child = _counters[(api_method, outcome)] = API_CALLS.labels(api_method, outcome)
    child.inc()


class CountingRequest(LeanHTTPXRequest):
    async def do_request(self, url: str, method: str, *args: Any, **kwargs: Any) -> tuple[int, bytes]:
        api_method = url.rsplit("/", 1)[-1] or "?"
        try:
            code, body = await super().do_request(url, method, *args, **kwargs)
        except Exception:
            _count_call(api_method, "network_error")
            raise
        if code == 429:
            API_429.labels(api_method).inc()
        outcome = "ok" if 200 <= code < 300 else "429" if code == 429 else str(code // 100) + "xx"
        _count_call(api_method, outcome)
        if code < 500 and code != 429:  # the server answered: it is reachable and serving
            note_api_success()
        return code, body


class InstrumentedUpdateProcessor(PerChatUpdateProcessor):
    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        kind = update_kind(update)

        async def timed() -> None:
            started = time.perf_counter()
            with update_context(update):
                try:
                    await coroutine
                finally:
                    LATENCY.labels(kind).observe(time.perf_counter() - started)
                    UPDATES.labels(kind).inc()

        await super().do_process_update(update, timed())


def _wrap(handler: Any) -> None:
    if isinstance(handler, ConversationHandler):
        for h in handler.entry_points + handler.fallbacks:
            _wrap(h)
        for hs in handler.states.values():
            for h in hs:
                _wrap(h)
        return
    callback = getattr(handler, "callback", None)
    if callback is None or getattr(callback, "_hamyar_named", False):
        return
    name = f"{getattr(callback, '__module__', '?')}.{getattr(callback, '__qualname__', '?')}"

    @wraps(callback)
    async def named(update: object, context: Any) -> Any:
        token = HANDLER.set(name)
        try:
            return await callback(update, context)
        finally:
            HANDLER.reset(token)

    named._hamyar_named = True  # type: ignore[attr-defined]
    handler.callback = named


def instrument_handlers(app: Any) -> None:
    """After handlers are registered: log lines inside a handler name it; errors counted."""
    for group in app.handlers.values():
        for h in group:
            _wrap(h)

    async def count_error(update: object, context: Any) -> None:
        ERRORS.labels("handler").inc()

    app.add_error_handler(count_error)


async def collect_outbox(db: Any) -> tuple[int, float]:
    """(pending rows, age in seconds of the oldest pending row); sets the gauges."""
    async with db.session() as s:
        row = (await s.execute(
            select(func.count(OutboxMessage.id), func.min(OutboxMessage.created_at))
            .where(OutboxMessage.status == PENDING)
        )).one()
    depth, oldest = int(row[0] or 0), row[1]
    age = 0.0
    if oldest is not None:
        if isinstance(oldest, str):
            oldest = datetime.fromisoformat(oldest)
        if oldest.tzinfo is None:
            oldest = oldest.replace(tzinfo=UTC)
        age = max(0.0, (utcnow() - oldest).total_seconds())
    OUTBOX_DEPTH.set(depth)
    OUTBOX_OLDEST.set(age)
    return depth, age
