"""A listing opened from the channel's «سفارش» button (`/start l_<code>`): its photos, caption,
rating and the button that starts the order form (handlers/ordering.py)."""

from __future__ import annotations

from telegram import InputMediaPhoto, Update
from telegram.constants import ParseMode

from bot import keyboards, persian
from bot.callbacks import ListingLink, OrderNew
from bot.context import HamyarContext
from bot.services import catalogue
from bot.services import order_form as form
from handlers.common import chat_of, send, user_of


def _num(context: HamyarContext, n: float) -> str:
    text = f"{n:.1f}"
    return persian.to_persian_digits(text.replace(".", "٫")) if context.locale == "fa" else text


# -- the listing, opened from the channel --------------------------------------------------

async def show_listing(update: Update, context: HamyarContext) -> None:
    link = ListingLink.parse((context.args or [""])[0])
    async with context.session() as s:
        page = await form.listing_page(s, link.code if link else "")
    await render_listing(update, context, page)


async def render_listing(update: Update, context: HamyarContext, page: form.ListingPage | None) -> None:
    """The listing as a buyer sees it, with «سفارش می‌دهم» (opened by a link, or by its number
    typed: handlers/codes.py)."""
    chat = chat_of(update)
    if page is None:
        await send(context, chat, context.t("ord-listing-gone"))
        return
    listing = page.listing
    text = catalogue.caption(context.services.i18n, listing, page.seller)
    text += "\n\n" + (context.t("ord-rating", avg=_num(context, round(page.rating, 1)), count=page.reviews)
                      if page.reviews else context.t("ord-no-rating"))
    can_order = form.orderable(listing) and listing.seller_id != user_of(update)
    markup = keyboards.grid([(context.t("ord-btn-order"), OrderNew(listing.id).pack())], 1) if can_order else None
    photos = [p.file_id for p in listing.photos]
    if len(photos) > 1:
        await context.bot.send_media_group(chat, [InputMediaPhoto(f) for f in photos])
        await context.bot.send_message(chat, text, parse_mode=ParseMode.HTML, reply_markup=markup)
    elif photos:
        await context.bot.send_photo(chat, photos[0], caption=text, parse_mode=ParseMode.HTML,
                                     reply_markup=markup)
    if listing.voice_file_id:
        await context.bot.send_voice(chat, listing.voice_file_id, caption=context.t("ord-voice-note"))
    if form.sold_out(listing):
        await send(context, chat, context.t("ord-listing-sold-out"))
