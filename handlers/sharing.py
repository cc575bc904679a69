"""«📤 معرفی به دیگران»: the seller gets a ready message about one of her published listings
(or her shop) — the photo, and a caption with the title, price, its number and the link — to
forward to any chat or to copy into another app. A buyer who types the number in the bot
opens it (handlers/codes.py), so the message works even where links do not."""

from __future__ import annotations

from telegram import Update
from telegram.error import BadRequest

from bot import persian
from bot.callbacks import ShareListing
from bot.context import HamyarContext
from bot.services import codes
from handlers.common import key_of, send


async def _deliver(update: Update, context: HamyarContext, share: codes.Share, text: str) -> None:
    chat, _ = key_of(update)
    if update.callback_query is not None:
        await update.callback_query.answer()
    sent = False
    if share.photo:
        try:
            await context.bot.send_photo(chat, share.photo, caption=text)
            sent = True
        except BadRequest:
            pass  # a photo the server no longer knows: the text alone still works
    if not sent:
        await context.bot.send_message(chat, text)
    await send(context, chat, context.t("share-hint"))


async def share_listing(update: Update, context: HamyarContext) -> None:
    query = update.callback_query
    assert query is not None
    data = ShareListing.parse(query.data)
    if data is None:
        await query.answer(context.t("invalid-choice"), show_alert=True)
        return
    latin = context.locale != "fa"
    async with context.session() as s:
        share = await codes.listing_share(s, data.listing_id, key_of(update)[1])
    if share is None:
        await query.answer(context.t("share-not-published"), show_alert=True)
        return
    text = context.t("share-listing", title=share.title,
                     price=persian.format_money(share.price or 0, latin=latin),
                     code=codes.shown(share.code, latin=latin), link=share.link)
    await _deliver(update, context, share, text)


async def share_shop(update: Update, context: HamyarContext) -> None:
    query = update.callback_query
    assert query is not None
    async with context.session() as s:
        share = await codes.shop_share(s, key_of(update)[1])
    if share is None:
        await query.answer(context.t("share-no-shop"), show_alert=True)
        return
    text = context.t("share-shop", name=share.name,
                     code=codes.shown(share.code, latin=context.locale != "fa"), link=share.link)
    await _deliver(update, context, share, text)
