"""Buyers: her favourites (saved listings, a heart on each card) and shop pages, opened by a
card's button or by the shop's link `/start s_<code>`; one listing opened by its button."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest

from bot import geo
from bot.callbacks import BrFavourite, BrFavourites, BrHome, BrShop, ShopLink
from bot.context import HamyarContext
from bot.services import favourites, shops
from bot.services import search as svc
from handlers.browse_cards import (
    PAGE,
    SHOP_PAGE,
    answer,
    button,
    chat_of,
    nav_rows,
    pager,
    place,
    send_cards,
    send_list,
    shop_url,
    user_of,
    view_first,
)
from handlers.common import send

# -- favourites ---------------------------------------------------------------------------------

async def show_favourites(update: Update, context: HamyarContext, number: int = 0) -> None:
    async with context.session() as s:
        page = await favourites.page(s, user_of(update), offset=number * PAGE, limit=PAGE)
        items = await svc.list_items(s, page.ids, user_of(update))
    await answer(update)
    if not items:
        await send(context, chat_of(update), context.t("br-fav-empty"),
                   InlineKeyboardMarkup([[button(context.t("btn-br-categories"),
                                                 BrHome().pack())]]))
        return
    nav = nav_rows(pager(context, page, lambda n: BrFavourites(n).pack()))
    nav.append([button(context.t("btn-br-categories"), BrHome().pack())])
    await send_list(update, context, context.t("br-fav-title"), items, nav,
                    first=view_first(page))


async def favourites_command(update: Update, context: HamyarContext) -> None:
    await show_favourites(update, context)


async def toggle_favourite(update: Update, context: HamyarContext, listing_id: int) -> None:
    query = update.callback_query
    assert query is not None
    try:
        async with context.session() as s:
            saved = await favourites.toggle(s, user_of(update), listing_id)
    except favourites.NotPublic:
        await answer(update, context.t("br-not-available"), alert=True)
        return
    await answer(update, context.t("br-saved" if saved else "br-unsaved"))
    markup = query.message.reply_markup if isinstance(query.message, Message) else None
    if not isinstance(markup, InlineKeyboardMarkup):
        return
    data = BrFavourite(listing_id).pack()
    rows = [[button(context.t("btn-br-saved" if saved else "btn-br-save"), data)
             if b.callback_data == data else b for b in row] for row in markup.inline_keyboard]
    try:
        await query.edit_message_reply_markup(InlineKeyboardMarkup(rows))
    except BadRequest:
        pass


# -- one listing, a shop --------------------------------------------------------------------------

async def open_listing(update: Update, context: HamyarContext, listing_id: int) -> None:
    async with context.session() as s:
        found = await svc.public_listing(s, listing_id)
        saved = await favourites.saved_ids(s, user_of(update), [listing_id])
    if found is None:
        await answer(update, context.t("br-not-available"), alert=True)
        return
    await answer(update)
    await send_cards(update, context, [found], saved, [])


async def show_shop(update: Update, context: HamyarContext, number: int, *,
                    seller_id: int | None = None, code: str | None = None) -> None:
    """A shop page, the seller found by her id (a button) or her share code (a link)."""
    async with context.session() as s:
        if code is not None:
            seller = await shops.seller_by_code(s, code)
        else:
            seller = await shops.seller(s, seller_id) if seller_id else None
        count = await shops.public_count(s, seller.user_id) if seller else 0
        if seller is None or not count:
            page, items, share = None, [], ""
        else:
            share = await shops.shop_code(s, seller.user_id)
            page = await svc.seller_page(s, seller.user_id, offset=number * SHOP_PAGE,
                                         limit=SHOP_PAGE)
            items = await svc.list_items(s, page.ids, user_of(update))
    if seller is None or page is None or not items:
        await answer(update, context.t("br-shop-not-found"), alert=True)
        if not update.callback_query:
            await send(context, chat_of(update), context.t("br-shop-not-found"))
        return
    await answer(update)
    heading = context.t(
        "br-shop-card", name=seller.name, city=place(context, geo.city(seller.city_code)),
        province=place(context, geo.province(seller.province_code)), count=count,
        link=shop_url(context, share))
    sid = seller.user_id
    nav = nav_rows(pager(context, page, lambda n: BrShop(sid, n).pack()))
    await send_list(update, context, heading, items, nav, first=view_first(page))


async def shop_deep_link(update: Update, context: HamyarContext) -> None:
    """/start s_<code>: the shop someone shared."""
    link = ShopLink.parse((context.args or [""])[0])
    await show_shop(update, context, 0, code=link.code if link else "")
