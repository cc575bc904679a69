"""Conversation states in the project's own database (not a pickle file).

PTB asks the persistence for every persistent ConversationHandler's states at start and
hands changed states back through `update_conversation`. `handlers.register` adds a last
handler group that flushes after every update, so a restart — even a hard one — resumes each
conversation at the step it had reached. The answers themselves are saved by the handlers in
`drafts`, in the same transaction as the step's work.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession
from telegram.ext import BasePersistence, PersistenceInput
from telegram.ext._utils.types import CDCData, ConversationDict, ConversationKey

from bot.db import Database
from models.state import ConversationState


def _key_to_str(key: ConversationKey) -> str:
    return json.dumps(list(key), separators=(",", ":"))


def _key_from_str(text: str) -> ConversationKey:
    return tuple(json.loads(text))


class DbPersistence(BasePersistence[dict[Any, Any], dict[Any, Any], dict[Any, Any]]):
    def __init__(self, db: Database, update_interval: float = 30) -> None:
        super().__init__(
            store_data=PersistenceInput(
                bot_data=False, chat_data=False, user_data=False, callback_data=False
            ),
            update_interval=update_interval,
        )
        self.db = db

    async def get_conversations(self, name: str) -> ConversationDict:
        async with self.db.session() as s:
            rows = await s.execute(
                select(ConversationState.key, ConversationState.state).where(
                    ConversationState.name == name
                )
            )
            return {_key_from_str(k): json.loads(v) for k, v in rows.all()}

    async def update_conversation(
        self, name: str, key: ConversationKey, new_state: object | None
    ) -> None:
        async with self.db.session() as s:
            await write_state(s, name, key, new_state)

    async def drop_conversations_of(self, user_id: int) -> None:
        async with self.db.session() as s:
            rows = (await s.scalars(select(ConversationState))).all()
            for row in rows:
                if user_id in _key_from_str(row.key):
                    await s.execute(
                        delete(ConversationState).where(
                            ConversationState.name == row.name, ConversationState.key == row.key
                        )
                    )

    # Nothing else is stored through PTB: user, chat and bot data live in our own tables.
    async def get_user_data(self) -> dict[int, dict[Any, Any]]:
        return {}

    async def get_chat_data(self) -> dict[int, dict[Any, Any]]:
        return {}

    async def get_bot_data(self) -> dict[Any, Any]:
        return {}

    async def get_callback_data(self) -> CDCData | None:
        return None

    async def update_user_data(self, user_id: int, data: dict[Any, Any]) -> None:
        return None

    async def update_chat_data(self, chat_id: int, data: dict[Any, Any]) -> None:
        return None

    async def update_bot_data(self, data: dict[Any, Any]) -> None:
        return None

    async def update_callback_data(self, data: CDCData) -> None:
        return None

    async def drop_chat_data(self, chat_id: int) -> None:
        return None

    async def drop_user_data(self, user_id: int) -> None:
        return None

    async def refresh_user_data(self, user_id: int, user_data: dict[Any, Any]) -> None:
        return None

    async def refresh_chat_data(self, chat_id: int, chat_data: dict[Any, Any]) -> None:
        return None

    async def refresh_bot_data(self, bot_data: dict[Any, Any]) -> None:
        return None

    async def flush(self) -> None:
        return None


async def write_state(session: AsyncSession, name: str, key: ConversationKey, state: object) -> None:
    """Record a conversation's next state inside the caller's unit of work, so the answer and
    the step it leads to are committed together (PTB's own flush comes a moment later, and a
    crash in between must not send her back a step). `None` ends the conversation."""
    skey = _key_to_str(key)
    row = await session.get(ConversationState, (name, skey))
    if state is None:
        if row is not None:
            await session.delete(row)
        return
    value = json.dumps(state)
    if row is None:
        session.add(ConversationState(name=name, key=skey, state=value))
    else:
        row.state = value
