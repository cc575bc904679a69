"""The durable outbox: messages to people other than the one who caused them.

``from bot import outbox; await outbox.enqueue(session, chat_id, "sendMessage", {...})`` writes
a Bot API call in the caller's unit of work (`bot.outbox.store`; this package imports no
telegram). `bot.outbox.worker.OutboxWorker` delivers the rows, paced by the token's
`bot.outbox.budget.SendBudget`, which the interactive replies share through
`bot.outbox.limiter.BudgetRateLimiter`.
"""

from __future__ import annotations

from typing import Any

from bot.outbox.budget import BACKGROUND, INTERACTIVE, PaceLimits, SendBudget
from bot.outbox.store import (
    HOOKS,
    MEDIA_TYPES,
    OutboxError,
    chat_key,
    enqueue,
    failed,
    install,
    pending_count,
    purge_sent,
    register_hook,
    retry,
    uninstall,
)

__all__ = [
    "BACKGROUND", "HOOKS", "INTERACTIVE", "MEDIA_TYPES", "OutboxError", "PaceLimits",
    "SendBudget", "chat_key", "enqueue", "failed", "install", "pending_count", "purge_sent",
    "register_hook", "retry", "uninstall",
]

_TELEGRAM_SIDE = {"OutboxWorker": "bot.outbox.worker", "make_bot": "bot.outbox.calls",
                  "BudgetRateLimiter": "bot.outbox.limiter"}


def __getattr__(name: str) -> Any:
    """The worker's names on demand: importing them loads telegram, importing this does not."""
    module = _TELEGRAM_SIDE.get(name)
    if module is None:
        raise AttributeError(f"module 'bot.outbox' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)
