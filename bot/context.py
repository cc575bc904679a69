"""The CallbackContext every handler receives: services, one DB session per update (a unit
of work per `async with context.session()` block, committed at its end), and `t()` in the
user's language. PTB has no middleware; this is how services reach handlers.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any, cast

from sqlalchemy.ext.asyncio import AsyncSession
from telegram.ext import Application, CallbackContext, ExtBot, JobQueue

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
        self._session: AsyncSession | None = None  # this update's, between its blocks
        self._session_busy = False

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
        """A unit of work: committed when the block ends, rolled back if it raises. PTB makes
        one context per update, so the blocks of one update (the user look-up of
        `handlers.common.ensure_user`, then the handler's) share one session object: made
        once, its identity map emptied after each block so that the next one reads afresh,
        and no connection held between blocks (SQLAlchemy returns it at commit). A block
        opened while another is still running (a task the handler started) gets its own."""
        if self._session_busy:
            async with self.services.db.session() as other:
                yield other
            return
        if self._session is None:
            self._session = self.services.db.sessionmaker()
        s = self._session
        self._session_busy = True
        try:
            yield s
            await s.commit()
        except BaseException:
            await s.rollback()
            raise
        finally:
            s.expunge_all()
            self._session_busy = False

    @property
    def jobs(self) -> JobQueue[HamyarContext] | None:
        """`job_queue`, typed as what it is: a queue whose jobs get a HamyarContext. PTB types
        the base property with a type variable that nothing binds, so a job callback taking a
        HamyarContext would not check against it."""
        return cast("JobQueue[HamyarContext] | None", self.job_queue)

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


# The application as `bot.app` builds it: its callbacks get a HamyarContext. Defined here, not in
# bot.app, so that the handlers' `register(app)` can name it without importing bot.app.
HamyarApp = Application[Any, HamyarContext, Any, Any, Any, Any]
