"""Seams between features: a service announces what happened ("listing.submitted",
"listing.public_changed", ...) inside its unit of work, and features that came later
(moderation, the catalogue channel, favourites) subscribe without the first one knowing them.

Listeners run in the same session and transaction as the change, so what they write (for
example outbox messages) is committed together with it or not at all.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Awaitable, Callable
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

Listener = Callable[..., Awaitable[None]]
_listeners: dict[str, list[Listener]] = defaultdict(list)


def subscribe(event: str) -> Callable[[Listener], Listener]:
    def deco(fn: Listener) -> Listener:
        if fn not in _listeners[event]:
            _listeners[event].append(fn)
        return fn

    return deco


async def emit(session: AsyncSession, event: str, **payload: Any) -> None:
    for fn in list(_listeners[event]):
        await fn(session, **payload)


def listeners(event: str) -> list[Listener]:
    return list(_listeners[event])
