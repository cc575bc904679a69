"""Build the Application from Settings. Nothing is built at import time."""

from __future__ import annotations

import logging
from typing import Any

from telegram import BotCommand
from telegram.ext import AIORateLimiter, Application, ApplicationBuilder, ContextTypes
from telegram.request import HTTPXRequest

from bot.concurrency import PerChatUpdateProcessor
from bot.config import Settings
from bot.context import HamyarContext, Services
from bot.db import Database
from bot.i18n import I18n
from bot.persistence import DbPersistence

log = logging.getLogger(__name__)

COMMANDS = {
    "fa": [("start", "شروع"), ("help", "راهنما"), ("cancel", "لغو کار نیمه‌تمام"),
           ("settings", "تنظیمات و زبان")],
    "en": [("start", "Start"), ("help", "Help"), ("cancel", "Cancel what is in progress"),
           ("settings", "Settings and language")],
}

HamyarApp = Application[Any, HamyarContext, Any, Any, Any, Any]


def build_application(settings: Settings, *, db: Database | None = None) -> HamyarApp:
    from handlers import register  # handlers import bot modules; keep the import here

    db = db or Database(settings.database_url)
    i18n = I18n(default=settings.default_locale)
    services = Services(settings=settings, db=db, i18n=i18n)

    builder = (
        ApplicationBuilder()
        .token(settings.token)
        .base_url(settings.bot_api_base_url)
        .base_file_url(settings.bot_api_file_url)
        .context_types(ContextTypes(context=HamyarContext))
        .persistence(DbPersistence(db))
        .concurrent_updates(PerChatUpdateProcessor(settings.max_concurrent_updates))
        .rate_limiter(AIORateLimiter(max_retries=5))
        .request(HTTPXRequest(connection_pool_size=64, connect_timeout=10, read_timeout=15,
                              write_timeout=20, pool_timeout=10))
        .get_updates_request(HTTPXRequest(connection_pool_size=2, connect_timeout=10,
                                          read_timeout=settings.poll_timeout + 10))
        .post_init(_post_init)
        .post_shutdown(_post_shutdown)
    )
    app: HamyarApp = builder.build()  # type: ignore[assignment]
    app.bot_data["services"] = services
    register(app, i18n)
    return app


async def _post_init(app: HamyarApp) -> None:
    for lang, commands in COMMANDS.items():
        try:
            await app.bot.set_my_commands(
                [BotCommand(c, d) for c, d in commands], language_code=None if lang == "fa" else lang
            )
        except Exception:  # a server without setMyCommands still runs the bot
            log.warning("could not set the command list for %s", lang, exc_info=True)


async def _post_shutdown(app: HamyarApp) -> None:
    services: Services = app.bot_data["services"]
    await services.db.dispose()
