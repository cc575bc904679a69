"""Build the Application from Settings. Nothing is built at import time."""

from __future__ import annotations

import logging
import warnings
from datetime import timedelta

from telegram import BotCommand
from telegram.ext import ApplicationBuilder, ContextTypes
from telegram.warnings import PTBUserWarning

from bot import outbox
from bot.config import Settings
from bot.context import HamyarApp, HamyarContext, Services
from bot.db import Database
from bot.i18n import FALLBACK, SUPPORTED, I18n
from bot.ops.metrics import CountingRequest, InstrumentedUpdateProcessor, instrument_handlers
from bot.ops.updates import SafeUpdatesRequest
from bot.outbox.budget import PaceLimits, SendBudget, limits_from
from bot.outbox.limiter import BudgetRateLimiter
from bot.outbox.worker import OutboxWorker, make_bot
from bot.persistence import DbPersistence
from bot.services import runtime, wiring

log = logging.getLogger(__name__)

# The command menu, in this order; each description is the locale key cmd-<command>
# (locales/*/commands.ftl), set for every supported language (Persian is the default menu).
MENU = ("start", "browse", "search", "orders", "favourites", "help", "cancel", "settings")


def menu_commands(i18n: I18n, lang: str) -> list[BotCommand]:
    return [BotCommand(c, i18n.t(lang, f"cmd-{c}")) for c in MENU]


# Our conversations track state per chat and user, not per message, on purpose: their
# inline buttons are checked on the server against the stored state instead.
warnings.filterwarnings("ignore", message=r"If 'per_message=False'", category=PTBUserWarning)


def build_application(
    settings: Settings, *, db: Database | None = None, outbox_limits: PaceLimits | None = None
) -> HamyarApp:
    from handlers import register  # handlers import bot modules; keep the import here

    db = db or Database(settings.database_url)
    i18n = I18n(default=settings.default_locale)
    services = Services(settings=settings, db=db, i18n=i18n)
    # One send budget for the token: the replies (rate limiter) first, the outbox after.
    budget = SendBudget(outbox_limits or limits_from(settings))
    services.extras["send_budget"] = budget
    outbox.install()
    wiring.install()  # event listeners and outbox hooks, from one table
    runtime.configure(
        platform=runtime.PLATFORMS[settings.platform],
        admin_chat_id=settings.admin_chat_id,
        catalogue_channel_id=settings.catalogue_channel_id,
        managers=tuple(settings.admin_ids),
    )

    builder = (
        ApplicationBuilder()
        .token(settings.token)
        .base_url(settings.bot_api_base_url)
        .base_file_url(settings.bot_api_file_url)
        .context_types(ContextTypes(context=HamyarContext))
        .persistence(DbPersistence(db))
        .concurrent_updates(InstrumentedUpdateProcessor(settings.max_concurrent_updates))
        .rate_limiter(BudgetRateLimiter(budget, max_retries=5))
        # 32 connections: every request makes httpcore look at each open one (a poll() per
        # idle connection), and 32 in flight carry the 30 sends a second at up to 1 s latency.
        .request(CountingRequest(connection_pool_size=32, connect_timeout=10, read_timeout=15,
                              write_timeout=20, pool_timeout=10))
        # getUpdates through SafeUpdatesRequest: an update PTB cannot parse is skipped
        # (one log line), not retried for ever with every later update behind it.
        .get_updates_request(SafeUpdatesRequest(connection_pool_size=2, connect_timeout=10,
                                                read_timeout=settings.poll_timeout + 10))
    )
    app: HamyarApp = builder.build()
    app.bot_data["services"] = services
    register(app, i18n)
    instrument_handlers(app)
    return app


async def start_services(app: HamyarApp) -> None:
    """After `app.initialize()`: what runs beside the handlers (PTB calls post_init only from
    run_polling, which we do not use, so the entry point and the tests call this)."""
    services: Services = app.bot_data["services"]
    settings = services.settings
    if app.bot.username:
        runtime.configure(bot_username=app.bot.username)
    channel = settings.catalogue_channel_id
    runtime.configure(channel_username=None)
    if isinstance(channel, int):
        try:  # a public channel's posts are linked by its username, which anyone can open
            chat = await app.bot.get_chat(channel)
            runtime.configure(channel_username=chat.username)
        except Exception:
            log.warning("could not read the catalogue channel %s; is the bot its admin?", channel)
    # Messages to other people go through the durable outbox, delivered by this worker with
    # its own Bot (no rate limiter: it takes slots from the shared budget, after the replies).
    keep = settings.outbox_keep_sent_days
    worker = OutboxWorker(
        make_bot(settings.token, settings.bot_api_base_url, settings.bot_api_file_url),
        services.db,
        budget=services.extras["send_budget"],
        keep_sent=timedelta(days=keep) if keep > 0 else None,
        owns_bot=True,
    )
    await worker.start()
    services.extras["outbox"] = worker
    from handlers import schedule_jobs  # the repeating jobs, listed beside the handlers

    schedule_jobs(app)
    for lang in SUPPORTED:
        if runtime.current.lacks("setMyCommands"):  # Bale: no command menu to set
            break
        try:
            await app.bot.set_my_commands(
                menu_commands(services.i18n, lang),
                language_code=None if lang == FALLBACK else lang,
            )
        except Exception:  # a server without setMyCommands still runs the bot
            log.warning("could not set the command list for %s", lang, exc_info=True)


async def stop_services(app: HamyarApp) -> None:
    """After `app.stop()`, before the database goes."""
    services: Services = app.bot_data["services"]
    worker: OutboxWorker | None = services.extras.pop("outbox", None)
    if worker is not None:
        await worker.stop()
