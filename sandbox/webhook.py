"""Webhook delivery for the stand-in, as Telegram does it: once the bot has called
setWebhook, each queued update is POSTed to the webhook URL as JSON, with the header
X-Telegram-Bot-Api-Secret-Token when the bot gave a secret_token, in order; an update is
dropped from the queue when the bot answers 2xx, and retried after a pause otherwise.

    async with WebhookDelivery(standin):   # beside `async with StandIn(...)`
        ...
`responses` keeps every (update_id, HTTP status) for tests.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import aiohttp

log = logging.getLogger(__name__)
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


class WebhookDelivery:
    def __init__(self, sb: Any, retry_after: float = 0.2) -> None:
        self.sb = sb
        self.retry_after = retry_after
        self.responses: list[tuple[int, int]] = []
        self._task: asyncio.Task[None] | None = None
        self._http: aiohttp.ClientSession | None = None

    async def __aenter__(self) -> WebhookDelivery:
        self._http = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10))
        self._task = asyncio.create_task(self._run(), name="standin-webhook")
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
        if self._http is not None:
            await self._http.close()

    def _next(self) -> tuple[dict, dict, list] | None:
        hook = self.sb.bot_settings.get("webhook")
        if not hook or not hook.get("url") or self.sb.bot_id is None:
            return None
        queue = self.sb._updates.get(self.sb.bot_id) or []
        allowed = set(hook.get("allowed_updates") or [])
        while queue and allowed and not (queue[0].keys() - {"update_id"}) & allowed:
            queue.pop(0)  # Telegram does not send kinds the bot did not ask for
        return (hook, queue[0], queue) if queue else None

    async def _run(self) -> None:
        while True:
            async with self.sb._cond:
                while (item := self._next()) is None:
                    try:
                        await asyncio.wait_for(self.sb._cond.wait(), 1.0)
                    except TimeoutError:
                        pass
            hook, update, queue = item
            headers = {}
            if hook.get("secret_token"):
                headers[SECRET_HEADER] = hook["secret_token"]
            try:
                assert self._http is not None
                async with self._http.post(hook["url"], json=update, headers=headers) as r:
                    status = r.status
            except (aiohttp.ClientError, TimeoutError) as exc:
                log.debug("webhook delivery failed: %s", exc)
                status = 0
            self.responses.append((update["update_id"], status))
            if 200 <= status < 300:
                if queue and queue[0] is update:
                    queue.pop(0)
            else:
                await asyncio.sleep(self.retry_after)
