"""Deep links: `/start <payload>` (`l_…` from the channel's «سفارش» button, `s_…` a shop).

Who opens which kind of link is passed in once, by `handlers.register` (`install`), so this
module imports no feature module: a conversation leaves for a link (`leave_for_link`) without
knowing which feature opens it. A link opened while a conversation is half-way leaves the
conversation (its answers stay saved, and it offers to continue next time) and opens, instead
of being taken as an answer.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine, Mapping
from typing import Any

from telegram import Message, Update
from telegram.ext import CommandHandler, ConversationHandler, filters

from bot.callbacks import Payload
from bot.context import HamyarContext
from bot.persistence import write_state
from handlers.common import key_of

Opener = Callable[[Update, HamyarContext], Coroutine[Any, Any, None]]
_openers: dict[type[Payload], Opener] = {}


def install(openers: Mapping[type[Payload], Opener]) -> None:
    """Which function opens which kind of link (called by `handlers.register`)."""
    _openers.update(openers)


def _kind_of(text: str | None) -> type[Payload] | None:
    """The kind of `/start <payload>` by its prefix (a malformed rest is the opener's to
    refuse, politely), among the installed kinds."""
    command, _, payload = (text or "").partition(" ")
    if command != "/start":
        return None
    return next((k for k in _openers if payload.startswith(k.prefix + k.sep)), None)


class _LinkFilter(filters.MessageFilter):
    def __init__(self, kinds: tuple[type[Payload], ...]) -> None:
        super().__init__(name=f"link({','.join(k.__name__ for k in kinds) or 'any'})")
        self.kinds = kinds

    def filter(self, message: Message) -> bool:
        kind = _kind_of(message.text)
        return kind is not None and (not self.kinds or kind in self.kinds)


def link(*kinds: type[Payload]) -> filters.BaseFilter:
    """`/start <payload>` of these kinds (none given: of any installed kind)."""
    return filters.ChatType.PRIVATE & _LinkFilter(kinds)


def command(kind: type[Payload], callback: Opener) -> CommandHandler[HamyarContext, Any]:
    return CommandHandler("start", callback, filters=link(kind))


async def open_link(update: Update, context: HamyarContext) -> None:
    kind = _kind_of(update.message.text if update.message else None)
    if kind is not None:
        await _openers[kind](update, context)


def leave_for_link(name: str) -> CommandHandler[HamyarContext, Any]:
    async def callback(update: Update, context: HamyarContext) -> int:
        key = key_of(update)
        async with context.session() as s:
            await write_state(s, name, key, None)
        await open_link(update, context)
        return ConversationHandler.END

    return CommandHandler("start", callback, filters=link())
