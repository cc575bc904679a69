"""PTB's rate limiter for the interactive replies, taking its slots from the `SendBudget`.

Counted sends (see `budget.counted`) wait for a slot of the overall window and of their chat's
window, with priority over the outbox; edits, callback answers and reads pass straight through.
A 429 is waited out (``retry_after``) and the call retried, like PTB's AIORateLimiter.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from datetime import timedelta
from typing import Any

from telegram._utils.types import JSONDict
from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter

from bot.outbox.budget import INTERACTIVE, SendBudget, counted

log = logging.getLogger(__name__)


class BudgetRateLimiter(BaseRateLimiter[int]):
    def __init__(self, budget: SendBudget, *, max_retries: int = 5) -> None:
        self.budget = budget
        self.max_retries = max_retries

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | JSONDict | list[JSONDict]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> bool | JSONDict | list[JSONDict]:
        max_retries = self.max_retries if rate_limit_args is None else rate_limit_args
        chat = data.get("chat_id")
        paced = counted(endpoint)
        for attempt in range(max_retries + 1):
            slot = await self.budget.take(chat, INTERACTIVE) if paced else None
            try:
                return await callback(*args, **kwargs)
            except RetryAfter as exc:
                if attempt == max_retries:
                    raise
                wait = _seconds(exc.retry_after) + 0.1
                log.info("429 on %s: retrying in %.1fs (attempt %d)", endpoint, wait,
                         attempt + 1)
                if slot is not None:
                    slot.done()
                    slot = None
                await asyncio.sleep(wait)
            finally:
                if slot is not None:
                    slot.done()
        raise RuntimeError("unreachable")  # pragma: no cover


def _seconds(value: Any) -> float:
    return value.total_seconds() if isinstance(value, timedelta) else float(value)
