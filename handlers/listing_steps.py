"""Listing a product, the steps: asking each question, the preview, and applying each answer.

Each answer updates the draft (`bot.services.listing`), moves it to the next step
(`bot.services.listing_flow`) and writes the conversation state, all in one unit of work; the
next question is sent after it commits. The preview is built by the same caption function as
the channel post.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from telegram import InlineKeyboardMarkup, InputMediaPhoto, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest
from telegram.ext import ConversationHandler

from bot import geo, keyboards, persian
from bot.callbacks import (
    ListingAvailability,
    ListingCategory,
    ListingDelivery,
    ListingEditField,
    ListingStep,
)
from bot.context import HamyarContext
from bot.persistence import write_state
from bot.services import catalogue
from bot.services import listing as svc
from bot.services import listing_flow as flow
from bot.services import onbehalf as behalf_svc
from bot.services.errors import InputError
from handlers.common import (
    ask_inline,
    chat_of,
    drop_buttons,
    key_of,
    mark_chosen,
    send,
    text_of,
    user_of,
)

NAME = "listing"
END = ConversationHandler.END
ALBUM_ACK_DELAY = 1.0
STOCK_BUTTONS = (1, 2, 3, 4, 5)  # the common small numbers, one tap each (typed words work too)
PREP_DAY_BUTTONS = (1, 2, 3, 5, 7)
FIELD_KEYS = {
    "category": "btn-edit-category", "photos": "btn-edit-photos", "title": "btn-edit-title",
    "description": "btn-edit-description", "price": "btn-edit-price",
    "availability": "btn-edit-availability", "stock": "btn-edit-availability",
    "prep_days": "btn-edit-availability", "delivery": "btn-edit-delivery",
}





def _money(context: HamyarContext, n: int) -> str:
    return persian.format_money(n, latin=context.locale != "fa")


def _num(context: HamyarContext, n: int) -> str:
    return persian.format_number(n, latin=context.locale != "fa")


def _craft_name(context: HamyarContext, code: str) -> str:
    craft = geo.craft(code)
    return (craft.fa if context.locale == "fa" else craft.en) if craft else code


async def go(update: Update, s: Any, listing: svc.Listing, step: str, *,
             going_back: bool = False, **changes: Any) -> flow.Screen:
    """Move the draft to `step` and write the conversation state in the same unit of work;
    returns what to show once it commits."""
    flow.move(listing, step, going_back=going_back, **changes)
    await write_state(s, NAME, key_of(update), step)
    return await flow.screen(s, user_of(update), listing)


# -- asking ----------------------------------------------------------------------------------

def _inline_nav(context: HamyarContext) -> list[tuple[str, str]]:
    return [(context.t("btn-back"), ListingStep("back").pack()),
            (context.t("btn-cancel"), ListingStep("cancel").pack())]


def _delivery_markup(context: HamyarContext, listing: svc.Listing) -> InlineKeyboardMarkup:
    chosen = {d["method"] for d in listing.delivery or []}
    items = [(("☑️ " if meth in chosen else "") + context.t(catalogue.DELIVERY_KEYS[meth]),
              ListingDelivery(meth).pack()) for meth in svc.DELIVERY_METHODS]
    items.append((context.t("btn-done"), ListingStep("dlv-done").pack()))
    return keyboards.grid(items, 1, _inline_nav(context))


async def ask(update: Update, context: HamyarContext, screen: flow.Screen,
              hint: str | None = None) -> None:
    t = context.t
    listing, step, to = screen.listing, screen.step, chat_of(update)
    prefix = f"{hint}\n\n" if hint else ""
    if step == "category":
        items = [(_craft_name(context, c.code), ListingCategory(c.code).pack()) for c in geo.CRAFTS]
        await ask_inline(context, to, t("lst-ask-category"),
                         keyboards.grid(items, 2, _inline_nav(context)), lead=hint)
    elif step == "photos":
        k = "lst-ask-photos-replace" if (listing.flow or {}).get("replace_photos") else "lst-ask-photos"
        await send(context, to, prefix + t(k, max=svc.PHOTOS_MAX),
                   keyboards.reply_nav(t, [t("btn-done")]))
    elif step == "title":
        await send(context, to, prefix + t("lst-ask-title", min=svc.TITLE_MIN, max=svc.TITLE_MAX),
                   keyboards.reply_nav(t, [listing.title] if listing.title else []))
    elif step == "description":
        keeps = "\n" + t("lst-description-keeps-voice") if listing.voice_file_id else ""
        await send(context, to, prefix + t("lst-ask-description", words=svc.DESCRIPTION_WORDS) + keeps,
                   keyboards.reply_nav(t, [t("btn-skip")]))
    elif step == "price":
        current = [_money(context, listing.price)] if listing.price else []
        await send(context, to, prefix + t("lst-ask-price"), keyboards.reply_nav(t, current))
    elif step == "availability":
        items = [(t("btn-in-stock"), ListingAvailability(svc.IN_STOCK).pack()),
                 (t("btn-made-to-order"), ListingAvailability(svc.MADE_TO_ORDER).pack())]
        await ask_inline(context, to, t("lst-ask-availability"),
                         keyboards.grid(items, 1, _inline_nav(context)), lead=hint)
    elif step == "stock":
        row = [_num(context, n) for n in STOCK_BUTTONS]
        extra = [_num(context, listing.stock)] if listing.stock and listing.stock not in STOCK_BUTTONS else []
        await send(context, to, prefix + t("lst-ask-stock-buttons"), keyboards.reply_nav(t, row, extra))
    elif step == "prep_days":
        row = [t("btn-prep-days", days=n) for n in PREP_DAY_BUTTONS]
        days = listing.prep_days
        extra = [t("btn-prep-days", days=days)] if days and days not in PREP_DAY_BUTTONS else []
        await send(context, to, prefix + t("lst-ask-prep-days-buttons"), keyboards.reply_nav(t, row, extra))
    elif step == "delivery":
        await ask_inline(context, to, t("lst-ask-delivery"), _delivery_markup(context, listing),
                         lead=hint)
    elif step == "delivery_cost":
        method = flow.cost_for(listing)
        post = method == svc.POST  # by post the buyer may pay the postage on arrival
        await send(context, to,
                   prefix + t("lst-ask-delivery-cost", method=t(catalogue.DELIVERY_KEYS[method]))
                   + ("\n" + t("lst-ask-postage-collect") if post else ""),
                   keyboards.reply_nav(t, [t("btn-free"), t("btn-postage-collect")] if post
                                       else [t("btn-free")]))
    else:
        await send_preview(update, context, screen, hint)


async def send_preview(update: Update, context: HamyarContext, screen: flow.Screen,
                       hint: str | None = None) -> None:
    t = context.t
    to, listing = chat_of(update), screen.listing
    if hint:
        await send(context, to, hint)
    assert screen.seller is not None
    intro = (t("lst-preview-intro") if screen.seller.user_id == user_of(update)  # a trainer's work: hers
             else t("lst-preview-intro-behalf", name=screen.seller.name))
    await send(context, to, intro, keyboards.reply_nav(t))
    text = catalogue.caption(context.services.i18n, listing, screen.seller)
    photos = [p.file_id for p in listing.photos]
    if len(photos) == 1:
        await context.bot.send_photo(to, photos[0], caption=text, parse_mode=ParseMode.HTML)
    elif photos:
        media = [InputMediaPhoto(photos[0], caption=text, parse_mode=ParseMode.HTML)]
        media += [InputMediaPhoto(p) for p in photos[1:]]
        await context.bot.send_media_group(to, media)
    if listing.voice_file_id:
        await context.bot.send_voice(to, listing.voice_file_id)
    edit = [(t(FIELD_KEYS[f]), ListingEditField(f).pack()) for f in svc.EDITABLE]
    rows = [list(r) for r in keyboards.grid(edit, 3).inline_keyboard]
    submit = "obh-btn-save" if screen.saves_edit else "btn-submit"
    rows.append(list(keyboards.grid([(t(submit), ListingStep("submit").pack())], 1).inline_keyboard[0]))
    rows.append(list(keyboards.grid([(t("btn-cancel"), ListingStep("cancel").pack())], 1)
                     .inline_keyboard[0]))
    await send(context, to, t("lst-preview-actions"), InlineKeyboardMarkup(rows))


async def _invalid(update: Update, context: HamyarContext, step: str) -> str:
    if update.callback_query is not None:
        await update.callback_query.answer(context.t("invalid-choice"), show_alert=True)
    return step


# -- the steps -------------------------------------------------------------------------------

async def _answer(update: Update, context: HamyarContext, step: str,
                  apply: Callable[[svc.Listing], Any],
                  saved: Callable[[Any], str] | None = None) -> str | int:
    """Apply an answer to the draft and move on; a wrong answer re-asks with its hint, nothing
    lost (every answer is checked before anything of it is stored)."""
    async with context.session() as s:
        listing = await behalf_svc.working(s, user_of(update))
        if listing is None:
            return END
        hint: str | None
        try:
            value = apply(listing)
        except InputError as err:
            hint, to = context.t(err.key, **err.args_), step
            screen = await flow.screen(s, user_of(update), listing)
        else:
            hint, to = None, flow.next_step(listing, step)
            screen = await go(update, s, listing, to)
    if saved is not None and hint is None:
        await send(context, chat_of(update), saved(value))
    await ask(update, context, screen, hint)
    return to


async def on_category(update: Update, context: HamyarContext) -> str | int:
    query = update.callback_query
    assert query is not None
    data = ListingCategory.parse(query.data)
    if data is None or geo.craft(data.code) is None:
        return await _invalid(update, context, "category")
    await query.answer()
    await mark_chosen(update, context, _craft_name(context, data.code))
    return await _answer(update, context, "category", lambda lst: svc.set_category(lst, data.code))


async def on_photo(update: Update, context: HamyarContext) -> str | int:
    msg = update.message
    assert msg is not None and msg.photo
    biggest = msg.photo[-1]
    async with context.session() as s:
        listing = await behalf_svc.working(s, user_of(update))
        if listing is None:
            return END
        extra = svc.add_photos(listing, [(biggest.file_id, biggest.file_unique_id)],
                               replace=bool((listing.flow or {}).get("replace_photos")))
        svc.set_flow(listing, replace_photos=False)
        count = len(listing.photos)
    if extra:
        await send(context, chat_of(update), context.t("lst-err-photo-limit", max=svc.PHOTOS_MAX, extra=extra))
        return "photos"
    if msg.media_group_id:
        await _schedule_album_ack(update, context)
    else:
        await send(context, chat_of(update), context.t("lst-photos-received", count=count))
    return "photos"


async def _schedule_album_ack(update: Update, context: HamyarContext) -> None:
    """An album arrives as several messages: answer once, after the last one (at once where
    the application runs no job queue)."""
    chat_id, user_id, locale = chat_of(update), user_of(update), context.locale

    async def ack(job_context: HamyarContext) -> None:
        job_context.locale = locale
        await _album_ack(job_context, chat_id, user_id)

    jobs = context.jobs
    if jobs is None:
        await _album_ack(context, chat_id, user_id)
        return
    name = f"album-ack-{user_id}"
    for job in jobs.get_jobs_by_name(name):
        job.schedule_removal()
    jobs.run_once(ack, ALBUM_ACK_DELAY, name=name)


async def _album_ack(context: HamyarContext, chat_id: int, user_id: int) -> None:
    async with context.session() as s:
        listing = await behalf_svc.working(s, user_id)
        if listing is None or flow.step_of(listing) != "photos":
            return
        count = len(listing.photos)
    await send(context, chat_id, context.t("lst-photos-received", count=count))


async def on_photos_done(update: Update, context: HamyarContext) -> str | int:
    async with context.session() as s:
        listing = await behalf_svc.working(s, user_of(update))
        if listing is None:
            return END
        if listing.photos:
            svc.set_flow(listing, replace_photos=False)
            step, hint = flow.next_step(listing, "photos"), None
            screen = await go(update, s, listing, step)
        else:
            step, hint = "photos", context.t("lst-err-photo-needed")
            screen = await flow.screen(s, user_of(update), listing)
    await ask(update, context, screen, hint)
    return step


async def on_image_document(update: Update, context: HamyarContext) -> str:
    await send(context, chat_of(update), context.t("lst-err-photo-file"))
    return "photos"


async def _typed(update: Update, context: HamyarContext, step: str,
                 apply: Callable[[svc.Listing, str], object]) -> str | int:
    """The text typed at `step`, applied to the draft by `apply(listing, text)`."""
    text = text_of(update)
    return await _answer(update, context, step, lambda lst: apply(lst, text))


async def on_title(update: Update, context: HamyarContext) -> str | int:
    return await _typed(update, context, "title", svc.set_title)


async def on_description(update: Update, context: HamyarContext) -> str | int:
    return await _typed(update, context, "description", svc.set_description)


async def on_voice(update: Update, context: HamyarContext) -> str | int:
    voice = update.message.voice if update.message else None
    if voice is None:  # (filters.VOICE lets only voice notes in) taken as a written description
        return await on_description(update, context)
    # PTB gives whole seconds, or a timedelta where PTB_TIMEDELTA is set in the environment.
    seconds = voice.duration if isinstance(voice.duration, int) else int(voice.duration.total_seconds())
    return await _answer(update, context, "description",
                         lambda lst: svc.set_voice(lst, voice.file_id, seconds))


async def on_skip_description(update: Update, context: HamyarContext) -> str | int:
    return await _answer(update, context, "description", svc.skip_description)


async def on_availability(update: Update, context: HamyarContext) -> str | int:
    query = update.callback_query
    assert query is not None
    data = ListingAvailability.parse(query.data)
    if data is None or data.kind not in (svc.IN_STOCK, svc.MADE_TO_ORDER):
        return await _invalid(update, context, "availability")
    await query.answer()
    label = context.t("btn-in-stock" if data.kind == svc.IN_STOCK else "btn-made-to-order")
    await mark_chosen(update, context, label)
    return await _answer(update, context, "availability",
                         lambda lst: svc.set_availability(lst, data.kind))


async def on_stock(update: Update, context: HamyarContext) -> str | int:
    return await _typed(update, context, "stock", svc.set_stock)


async def on_prep_days(update: Update, context: HamyarContext) -> str | int:
    return await _typed(update, context, "prep_days", svc.set_prep_days)


async def on_delivery_toggle(update: Update, context: HamyarContext) -> str | int:
    query = update.callback_query
    assert query is not None
    data = ListingDelivery.parse(query.data)
    async with context.session() as s:
        listing = await behalf_svc.working(s, user_of(update))
        if listing is None:
            return END
        try:
            svc.toggle_delivery(listing, data.method if data else "")
        except InputError as err:
            await query.answer(context.t(err.key), show_alert=True)
            return "delivery"
        markup = _delivery_markup(context, listing)
    await query.answer()
    try:
        await query.edit_message_reply_markup(markup)
    except BadRequest:
        pass
    return "delivery"


async def on_delivery_done(update: Update, context: HamyarContext) -> str | int:
    query = update.callback_query
    assert query is not None
    async with context.session() as s:
        listing = await behalf_svc.working(s, user_of(update))
        if listing is None:
            return END
        if not listing.delivery:
            await query.answer(context.t("lst-err-delivery-empty"), show_alert=True)
            return "delivery"
        chosen = "، ".join(context.t(catalogue.DELIVERY_KEYS[d["method"]]) for d in listing.delivery)
        step = flow.next_step(listing, "delivery")
        screen = await go(update, s, listing, step)
    await query.answer()
    await mark_chosen(update, context, chosen)
    await ask(update, context, screen)
    return step


async def _set_cost(update: Update, context: HamyarContext, text: str | None) -> str | int:
    return await _answer(update, context, "delivery_cost",
                         lambda lst: svc.set_delivery_cost(lst, flow.cost_for(lst), text))


async def on_delivery_free(update: Update, context: HamyarContext) -> str | int:
    return await _set_cost(update, context, None)


async def on_postage_collect(update: Update, context: HamyarContext) -> str | int:
    return await _answer(update, context, "delivery_cost", lambda lst: svc.set_delivery_cost(
        lst, flow.cost_for(lst), None, on_delivery=True))


async def on_edit_field(update: Update, context: HamyarContext) -> str | int:
    query = update.callback_query
    assert query is not None
    data = ListingEditField.parse(query.data)
    if data is None or data.field not in svc.EDITABLE:
        return await _invalid(update, context, "preview")
    await query.answer()
    await drop_buttons(update)
    async with context.session() as s:
        listing = await behalf_svc.working(s, user_of(update))
        if listing is None:
            return END
        extra = {"replace_photos": True} if data.field == "photos" else {}
        screen = await go(update, s, listing, data.field, editing=True, **extra)
    await ask(update, context, screen)
    return data.field
