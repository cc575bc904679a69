"""Entry point: `python -m bot` runs the bot; `python -m bot migrate` applies migrations.

With no BOT_TOKEN the bot runs against the local stand-in Bot API (sandbox/), started in
this same process, so that it can be tried with no Telegram account and no internet.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import signal
import sys

from pydantic import SecretStr

from bot.config import ConfigError, Settings, load_settings
from bot.db import Database

log = logging.getLogger("hamyar")
SANDBOX_TOKEN = "1000000001:SANDBOX-hamyar-local-token"


def _setup_logging(level: str) -> None:
    logging.basicConfig(
        level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s", stream=sys.stderr
    )
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("aiohttp.access").setLevel(logging.WARNING)


async def run(settings: Settings, stop: asyncio.Event | None = None) -> None:
    from bot.app import build_application, start_services, stop_services

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
    await db.migrate()
    bridge = None
    if standin is not None:
        from sandbox.bridge import SandboxBridge  # people made as «مربی» on the page are trainers

        bridge = SandboxBridge(standin, db)
        await bridge.start()
    app = build_application(settings, db=db)
    try:
        async with app:
            await start_services(app)
            await app.start()
            if settings.webhook_url and not settings.sandbox_mode:
                await app.updater.start_webhook(  # type: ignore[union-attr]
                    listen=settings.webhook_listen,
                    port=settings.webhook_port,
                    url_path="telegram",
                    webhook_url=settings.webhook_url,
                    secret_token=settings.webhook_secret.get_secret_value()
                    if settings.webhook_secret
                    else None,
                    allowed_updates=["message", "callback_query", "my_chat_member"],
                )
            else:
                await app.updater.start_polling(  # type: ignore[union-attr]
                    timeout=settings.poll_timeout,
                    allowed_updates=["message", "callback_query", "my_chat_member"],
                    drop_pending_updates=False,
                )
            me = app.bot.username
            log.info("Hamyar is running as @%s; press Ctrl+C to stop", me)
            await stop.wait()
            await app.updater.stop()  # type: ignore[union-attr]
            await app.stop()
            await stop_services(app)
    finally:
        if bridge is not None:
            await bridge.stop()
        await db.dispose()
        if standin is not None:
            await standin.__aexit__(None, None, None)


async def migrate(settings: Settings) -> None:
    db = Database(settings.database_url)
    try:
        await db.migrate()
    finally:
        await db.dispose()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot", description="Hamyar Telegram bot")
    parser.add_argument("command", nargs="?", default="run", choices=["run", "migrate"])
    args = parser.parse_args(argv)
    try:
        settings = load_settings()
    except ConfigError as exc:
        print(exc, file=sys.stderr)
        return 2
    _setup_logging(settings.log_level)
    try:
        if args.command == "migrate":
            asyncio.run(migrate(settings))
            print("Database is up to date.")
        else:
            asyncio.run(run(settings))
    except KeyboardInterrupt:
        pass
    except OSError as exc:  # e.g. the database or the Bot API server cannot be reached
        print(f"Cannot start: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
