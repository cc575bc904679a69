"""Answers given so far in a multi-step flow (one `drafts` row per user and kind), saved at
every step inside the caller's unit of work. The one place that reads and writes them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from models.state import Draft

# Kinds of drafts shared by more than one module.
LISTING_TARGET = "listing_target"  # which listing a trainer is working on (bot.services.onbehalf)


async def get(session: AsyncSession, user_id: int, kind: str) -> dict[str, Any]:
    """The saved answers, or an empty dict (a copy: change it and `put` it back)."""
    row = await session.get(Draft, (user_id, kind))
    return dict(row.data) if row is not None and row.data else {}


async def put(session: AsyncSession, user_id: int, kind: str, data: Mapping[str, Any]) -> None:
    row = await session.get(Draft, (user_id, kind))
    if row is None:
        session.add(Draft(user_id=user_id, kind=kind, data=dict(data)))
    else:
        row.data = dict(data)  # a new dict, so the JSON column is seen as changed


async def update(session: AsyncSession, user_id: int, kind: str, **changes: Any) -> dict[str, Any]:
    data = await get(session, user_id, kind)
    data.update(changes)
    await put(session, user_id, kind, data)
    return data


async def drop(session: AsyncSession, user_id: int, kind: str) -> None:
    row = await session.get(Draft, (user_id, kind))
    if row is not None:
        await session.delete(row)
