"""How updates arrive: a webhook when WEBHOOK_URL is set (registered with WEBHOOK_SECRET as
its secret token; PTB's webhook server answers 403 to a request without the right
X-Telegram-Bot-Api-Secret-Token header and does not handle it), long polling otherwise."""

from __future__ import annotations

import logging
from typing import Any

from bot.config import Settings

log = logging.getLogger(__name__)
ALLOWED_UPDATES = ["message", "callback_query", "my_chat_member"]
WEBHOOK_PATH = "telegram"


async def start_updates(app: Any, settings: Settings, *, poll_interval: float = 0.0) -> str:
    """After app.start(): returns "webhook" or "polling"."""
    if settings.webhook_url and not settings.sandbox_mode:
        if settings.webhook_secret is None:
            log.warning("WEBHOOK_SECRET is not set: anyone who finds the webhook URL can post "
                        "updates to the bot; set it to a long random string")
        await app.updater.start_webhook(
            listen=settings.webhook_listen,
            port=settings.webhook_port,
            url_path=WEBHOOK_PATH,  # a reverse proxy forwards WEBHOOK_URL to /telegram here
            webhook_url=settings.webhook_url,
            secret_token=settings.webhook_secret.get_secret_value()
            if settings.webhook_secret else None,
            allowed_updates=ALLOWED_UPDATES,
        )
        log.info("receiving updates by webhook at %s", settings.webhook_url)
        return "webhook"
    await app.updater.start_polling(
        timeout=settings.poll_timeout,
        poll_interval=poll_interval,
        allowed_updates=ALLOWED_UPDATES,
        drop_pending_updates=False,
    )
    return "polling"
