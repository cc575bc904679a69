"""A deep link (`/start l_…` from the channel's «سفارش» button, `/start s_…` a shop) opened
while a conversation is half-way: the conversation is left (its answers stay saved, and it
offers to continue next time) and the link opens, instead of being taken as an answer."""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import CommandHandler, ConversationHandler, filters

from bot.context import HamyarContext
from bot.persistence import write_state

LINK = filters.Regex(r"^/start [ls]_")


async def open_link(update: Update, context: HamyarContext) -> None:
    from handlers import browse, ordering  # imported late: they import the conversations

    payload = (context.args or [""])[0]
    if payload.startswith("l_"):
        await ordering.show_listing(update, context)
    elif payload.startswith("s_"):
        await browse.shop_deep_link(update, context)


def leave_for_link(name: str) -> CommandHandler[HamyarContext, Any]:
    async def callback(update: Update, context: HamyarContext) -> int:
        key = (update.effective_chat.id, update.effective_user.id)  # type: ignore[union-attr]
        async with context.session() as s:
            await write_state(s, name, key, None)
        await open_link(update, context)
        return ConversationHandler.END

    return CommandHandler("start", callback, filters=filters.ChatType.PRIVATE & LINK)
