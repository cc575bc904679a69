"""Updates of one chat in order, different chats concurrently.

PTB's SimpleUpdateProcessor runs updates concurrently with no ordering; a seller who taps
two buttons quickly would then race herself. Here each chat (or user, for updates without a
chat) has a FIFO lock: tasks are created in arrival order and asyncio.Lock wakes waiters in
order, so one chat's updates run one after another while other chats proceed.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor


def update_key(update: object) -> object:
    if isinstance(update, Update):
        if update.effective_chat is not None:
            return ("chat", update.effective_chat.id)
        if update.effective_user is not None:
            return ("user", update.effective_user.id)
    return ("other", id(update))


class PerChatUpdateProcessor(BaseUpdateProcessor):
    def __init__(
        self,
        max_concurrent_updates: int = 256,
        on_processed: Callable[[object], None] | None = None,
    ) -> None:
        super().__init__(max_concurrent_updates)
        self._locks: dict[object, asyncio.Lock] = {}
        self._users: dict[object, int] = {}
        # Called after each update is fully handled (tests wait on it instead of sleeping).
        self.on_processed = on_processed

    async def process_update(  # type: ignore[misc]  # PTB marks it final for typing only
        self, update: object, coroutine: Awaitable[Any]
    ) -> None:
        """Wait for the chat's turn first, then for a free slot: a chat that floods the bot
        queues behind itself instead of taking every slot from the others."""
        await self.do_process_update(update, coroutine)

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        key = update_key(update)
        lock = self._locks.get(key)
        if lock is None:
            lock = self._locks[key] = asyncio.Lock()
        self._users[key] = self._users.get(key, 0) + 1
        try:
            async with lock, self._semaphore:
                try:
                    await coroutine
                finally:
                    if self.on_processed is not None:
                        self.on_processed(update)
        finally:
            self._users[key] -= 1
            if self._users[key] == 0:
                del self._users[key]
                del self._locks[key]

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None
