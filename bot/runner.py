"""Running the bot: `run()` (what `python -m bot` and `hamyar run` do) and `migrate()`.

With no BOT_TOKEN the bot runs against the local stand-in Bot API (sandbox/), started in
this same process, so that it can be tried with no Telegram account and no internet.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import os
import signal

from pydantic import SecretStr

from bot.config import Settings
from bot.db import Database
from bot.ops.migrate import upgrade

log = logging.getLogger("hamyar")
SANDBOX_TOKEN = "1000000001:SANDBOX-hamyar-local-token"
# The collector, once the bot is up (issue 13). The objects made at start (modules,
# handlers, locales, the ORM's mappings) live as long as the process, yet every full
# collection walked them all again: 0.13 s each, one every ~200 updates of the benchmark's
# mix; with the younger generations' passes, ~0.9 ms of CPU per update. `settle_heap`
# collects once, a moment after the bot is up (not on the first answer's way), freezes what
# is left (never scanned again; what the bot makes later is collected as always) and
# collects the youngest generation every 10,000 allocations instead of 700 (an update's
# short-lived objects are mostly gone by then). Turning the collector off during the start
# would make the start ~0.3 s faster but left 0.9 MB more resident: not done.
SETTLE_AFTER_S = 1.0
GC_THRESHOLDS = (10_000, 10, 10)


def settle_heap() -> None:
    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)


def _setup_logging(level: str, fmt: str = "text") -> None:
    from bot.ops.logs import setup_logging

    setup_logging(level, fmt)


async def run(settings: Settings, stop: asyncio.Event | None = None, *,
              sandbox_url: asyncio.Future[str] | None = None) -> None:
    """Run until ``stop`` is set (or SIGINT/SIGTERM). In sandbox mode ``sandbox_url``, if given,
    receives the stand-in's address once it listens (SANDBOX_PORT=0 picks a free port:
    ``python -m sandbox.demo`` under test)."""
    from bot.app import build_application, start_services, stop_services
    from bot.ops.backup import schedule_daily_backup
    from bot.ops.health import start_health, stop_health
    from bot.ops.updates import start_updates

    stop = stop or asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        try:
            loop.add_signal_handler(sig, stop.set)
        except (NotImplementedError, RuntimeError):
            pass

    standin = None
    if settings.sandbox_mode:
        from sandbox.server import StandIn

        # A fixed port: the page keeps the current person in localStorage, per origin.
        standin = StandIn(
            bot_username="hamyar_bot",
            bot_name="همیار",
            port=int(os.environ.get("SANDBOX_PORT", "8081")),
            state_dir=os.environ.get("SANDBOX_STATE_DIR", "sandbox-state"),
            setup_chats=True,
        )
        await standin.__aenter__()
        if sandbox_url is not None and not sandbox_url.done():
            sandbox_url.set_result(f"http://{standin.host}:{standin.port}")
        settings = settings.model_copy(
            update={
                "bot_token": SecretStr(SANDBOX_TOKEN),
                "bot_api_base_url": standin.base_url,
                "bot_api_file_url": standin.base_file_url,
                "admin_chat_id": standin.admin_chat_id,
                "catalogue_channel_id": standin.catalogue_channel_id,
                "admin_ids": tuple({*settings.admin_ids}),
            }
        )
        print(
            f"Sandbox: open {standin.page_url} to chat as sellers, buyers and trainers "
            f"(no BOT_TOKEN was set; Bot API stand-in at {standin.base_url})",
            flush=True,
        )

    db = Database(settings.database_url)
    await upgrade(db)
    bridge = None
    if standin is not None:
        from sandbox.bridge import SandboxBridge  # people made as «مربی» on the page are trainers

        bridge = SandboxBridge(standin, db)
        await bridge.start()
    app = build_application(settings, db=db)
    try:
        async with app:
            await start_services(app)
            schedule_daily_backup(app)
            await app.start()
            await start_updates(app, settings)
            await start_health(app)
            loop.call_later(SETTLE_AFTER_S, settle_heap)  # not on the first answer's way
            me = app.bot.username
            log.info("Hamyar is running as @%s; press Ctrl+C to stop", me)
            await stop.wait()
            # A graceful stop (SIGTERM from systemd or docker): no new updates, the handlers
            # in progress finish, then the outbox records its in-flight sends.
            log.info("stopping: finishing the updates and outbox sends in progress")
            await app.updater.stop()  # type: ignore[union-attr]
            await app.stop()
            await stop_services(app)
            await stop_health(app)
            log.info("stopped")
    finally:
        if bridge is not None:
            await bridge.stop()
        await db.dispose()
        if standin is not None:
            await standin.__aexit__(None, None, None)


async def migrate(settings: Settings) -> None:
    db = Database(settings.database_url)
    try:
        await upgrade(db)
    finally:
        await db.dispose()
