"""A listing's or a shop's number typed in the bot («۴۸۲۱», «کد ۴۸۲۱», «#4821»), or a
channel post or share message forwarded to it: opens the listing or the shop.

Registered just before the free-text search (handlers/__init__.py): a message that is only a
number (and the words that may stand around it, bot/services/codes.py) is a code, anything
else is a search. Inside a conversation the conversation answers first (a price is a number
too).
"""

from __future__ import annotations

from telegram import Message, Update
from telegram.ext import filters

from bot.context import HamyarContext
from bot.services import codes
from bot.services import order_form as form
from handlers.browse_shops import show_shop
from handlers.common import chat_of, send
from handlers.order_listing import render_listing


class _CodeFilter(filters.MessageFilter):
    def filter(self, message: Message) -> bool:
        return codes.parse(message.text) is not None


class _ForwardedFilter(filters.MessageFilter):
    """A forwarded channel post or share message: its «🔢» line holds the number."""

    def filter(self, message: Message) -> bool:
        return message.forward_origin is not None and \
            codes.in_message(message.caption or message.text) is not None


CODE = _CodeFilter(name="listing-code")
FORWARDED = _ForwardedFilter(name="forwarded-code")


def _number(message: Message | None) -> int | None:
    if message is None:
        return None
    if message.forward_origin is not None:
        number = codes.in_message(message.caption or message.text)
        if number is not None:
            return number
    return codes.parse(message.text)


async def open_code(update: Update, context: HamyarContext) -> None:
    number = _number(update.message)
    if number is None:  # pragma: no cover - the filter let it through
        return
    async with context.session() as s:
        found = await codes.lookup(s, number)
        page = await form.listing_page(s, found.public_code) if found.public_code else None
    chat = chat_of(update)
    shown = codes.shown(number, latin=context.locale != "fa")
    if found.kind == "shop" and found.shop_code:
        await show_shop(update, context, 0, code=found.shop_code)
    elif found.kind == "listing" and page is not None:
        await render_listing(update, context, page)
    elif found.kind == "paused":
        await send(context, chat, context.t("code-paused", title=found.title or "", code=shown,
                                             button=context.t("menu-browse")))
    elif found.kind in ("gone", "listing"):
        await send(context, chat, context.t("code-gone", title=found.title or "", code=shown,
                                             button=context.t("menu-browse")))
    else:
        await send(context, chat, context.t("code-unknown", code=shown,
                                             button=context.t("menu-browse")))
