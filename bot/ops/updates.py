"""How updates arrive: a webhook when WEBHOOK_URL is set (registered with WEBHOOK_SECRET as
its secret token; PTB's webhook server answers 403 to a request without the right
X-Telegram-Bot-Api-Secret-Token header and does not handle it), long polling otherwise."""

from __future__ import annotations

import json
import logging
from typing import Any

from telegram import Update

from bot.config import Settings
from bot.ops.metrics import CountingRequest

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


# -- updates another server may send -----------------------------------------------------------
# PTB's `Bot.get_updates` parses the whole batch at once (`Update.de_list`); one entry it
# cannot parse makes it raise, and the Updater logs it and asks for the same batch again,
# for ever: every later update is stuck behind it. The getUpdates request of the
# Application (not the outbox's) is this class: it reads the batch first and replaces each
# entry that cannot be parsed, or whose kind was not asked for, with a bare
# `{"update_id": n}` — PTB then moves the offset past it and no handler sees it. One log
# line per skipped update.

class SafeUpdatesRequest(CountingRequest):
    async def do_request(self, url: str, method: str, request_data: Any = None,
                         *args: Any, **kwargs: Any) -> tuple[int, bytes]:
        code, body = await super().do_request(url, method, request_data, *args, **kwargs)
        if code != 200 or not url.endswith("/getUpdates"):
            return code, body
        asked = None
        if request_data is not None:
            asked = request_data.parameters.get("allowed_updates")
        return code, sanitize_updates(body, asked if isinstance(asked, list) and asked else None)


def sanitize_updates(body: bytes, allowed: list[str] | None = None) -> bytes:
    """The getUpdates answer with unreadable and unasked-for updates made bare."""
    try:
        data = json.loads(body)
    except ValueError:
        return body  # PTB reports a broken answer itself (and asks again, as it should)
    result = data.get("result") if isinstance(data, dict) else None
    if not isinstance(result, list):
        return body
    kept: list[Any] = []
    changed = False
    for entry in result:
        update_id = entry.get("update_id") if isinstance(entry, dict) else None
        if not isinstance(update_id, int) or isinstance(update_id, bool):
            log.warning("skipped an update without an update_id: %.200r", entry)
            changed = True
            continue
        kinds = sorted(set(entry) - {"update_id"})
        if allowed is not None and not set(kinds) & set(allowed):
            log.info("skipped update %s: a kind the bot did not ask for (%s)", update_id,
                     ",".join(kinds) or "empty")
            kept.append({"update_id": update_id})
            changed = True
            continue
        try:
            Update.de_json(entry, None)
        except Exception as exc:
            log.warning("skipped update %s: it cannot be read (%s: %s)", update_id,
                        type(exc).__name__, str(exc)[:200])
            kept.append({"update_id": update_id})
            changed = True
            continue
        kept.append(entry)
    if not changed:
        return body
    data["result"] = kept
    return json.dumps(data).encode()
