"""The CallbackContext every handler receives: services, one DB session per unit of work,
and `t()` in the user's language. PTB has no middleware; this is how services reach handlers.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession
from telegram.ext import Application, CallbackContext, ExtBot

from bot.config import Settings
from bot.db import Database
from bot.i18n import I18n

Session = AsyncSession  # what `HamyarContext.session()` gives, for handlers' type hints


@dataclass
class Services:
    settings: Settings
    db: Database
    i18n: I18n
    extras: dict[str, Any] = field(default_factory=dict)


class HamyarContext(CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], dict[Any, Any]]):
    def __init__(
        self,
        application: Application[Any, Any, Any, Any, Any, Any],
        chat_id: int | None = None,
        user_id: int | None = None,
    ) -> None:
        super().__init__(application=application, chat_id=chat_id, user_id=user_id)
        self._locale: str | None = None
        self.is_seller: bool = False
        self.is_trainer: bool = False  # a trainer (managers are known by `is_manager`)

    @property
    def services(self) -> Services:
        return self.application.bot_data["services"]

    @property
    def settings(self) -> Settings:
        return self.services.settings

    @property
    def db(self) -> Database:
        return self.services.db

    @asynccontextmanager
    async def session(self) -> AsyncIterator[AsyncSession]:
        async with self.services.db.session() as s:
            yield s

    @property
    def locale(self) -> str:
        return self._locale or self.services.i18n.default

    @locale.setter
    def locale(self, value: str) -> None:
        self._locale = value

    def t(self, key: str, /, **args: object) -> str:
        return self.services.i18n.t(self.locale, key, args)

    def is_manager(self, user_id: int) -> bool:
        return user_id in self.settings.admin_ids
