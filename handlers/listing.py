"""Listing a product: a persistent ConversationHandler over the seller's draft listing.

The draft is a `listings` row in status draft; each answer updates it and its `flow`
(the step reached) together with the conversation state in one transaction. The preview is
built by the same caption function as the channel post.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession
from telegram import InlineKeyboardMarkup, InputMediaPhoto, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot import geo, keyboards, persian
from bot.context import HamyarContext
from bot.i18n import I18n
from bot.ids import parse_id
from bot.persistence import write_state
from bot.services import catalogue, trainers
from bot.services import listing as svc
from bot.services import onbehalf as behalf_svc
from bot.services.errors import InputError
from handlers.common import callback_id, send
from handlers.deeplinks import leave_for_link
from models import listing as m
from models.listing import Listing, current_draft
from models.user import Seller

NAME = "listing"
END = ConversationHandler.END
NAV = "lst:back", "lst:cancel"
ALBUM_ACK_DELAY = 1.0
FIELD_KEYS = {
    "category": "btn-edit-category", "photos": "btn-edit-photos", "title": "btn-edit-title",
    "description": "btn-edit-description", "price": "btn-edit-price",
    "availability": "btn-edit-availability", "stock": "btn-edit-availability",
    "prep_days": "btn-edit-availability", "delivery": "btn-edit-delivery",
}


def _key(update: Update) -> tuple[int, int]:
    return (update.effective_chat.id, update.effective_user.id)  # type: ignore[union-attr]


def _uid(update: Update) -> int:
    return update.effective_user.id  # type: ignore[union-attr]


def _chat(update: Update) -> int:
    return update.effective_chat.id  # type: ignore[union-attr]


def _money(context: HamyarContext, n: int) -> str:
    return persian.format_money(n, latin=context.locale != "fa")


def _num(context: HamyarContext, n: int) -> str:
    return persian.format_number(n, latin=context.locale != "fa")


def _craft_name(context: HamyarContext, code: str) -> str:
    craft = geo.craft(code)
    return (craft.fa if context.locale == "fa" else craft.en) if craft else code


@asynccontextmanager
async def _draft(update: Update, context: HamyarContext) -> AsyncIterator[tuple[AsyncSession, Listing | None]]:
    async with context.session() as s:
        yield s, await behalf_svc.working(s, _uid(update))


# -- the order of the steps ----------------------------------------------------------------

def next_step(listing: Listing, step: str) -> str:
    editing = bool((listing.flow or {}).get("editing"))
    simple = {"category": "photos", "photos": "title", "title": "description",
              "description": "price", "price": "availability"}
    if step in simple:
        return "preview" if editing else simple[step]
    if step == "availability":
        return "stock" if listing.availability == m.IN_STOCK else "prep_days"
    if step in ("stock", "prep_days"):
        return "preview" if editing else "delivery"
    costly = svc.costly_methods(listing)
    if step == "delivery":
        return "delivery_cost" if costly else "preview"
    if step == "delivery_cost":
        current = (listing.flow or {}).get("cost_for")
        later = costly[costly.index(current) + 1:] if current in costly else []
        return "delivery_cost" if later else "preview"
    return "preview"


def previous_step(listing: Listing, step: str) -> str | None:
    flow = listing.flow or {}
    if flow.get("editing") and step != "preview":
        return "preview"
    order = {"photos": "category", "title": "photos", "description": "title",
             "price": "description", "availability": "price", "stock": "availability",
             "prep_days": "availability"}
    if step in order:
        return order[step]
    if step == "delivery":
        return "stock" if listing.availability == m.IN_STOCK else "prep_days"
    costly = svc.costly_methods(listing)
    if step == "delivery_cost":
        current = flow.get("cost_for")
        i = costly.index(current) if current in costly else 0
        return "delivery_cost" if i > 0 else "delivery"
    if step == "preview":
        return "delivery_cost" if costly else "delivery"
    return None


def _cost_for_when_entering(listing: Listing, step: str, going_back: bool) -> str | None:
    costly = svc.costly_methods(listing)
    if step != "delivery_cost" or not costly:
        return None
    current = (listing.flow or {}).get("cost_for")
    if going_back:
        if current in costly and costly.index(current) > 0:
            return costly[costly.index(current) - 1]
        return costly[-1]
    if current in costly and (listing.flow or {}).get("step") == "delivery_cost":
        i = costly.index(current) + 1
        return costly[i] if i < len(costly) else costly[-1]
    return costly[0]


async def _go(update: Update, context: HamyarContext, s: AsyncSession, listing: Listing,
              step: str, *, going_back: bool = False, **flow: Any) -> str:
    """Move the draft to `step` (state and flow committed together by the caller's session)."""
    changes: dict[str, Any] = {"step": step, **flow}
    cost_for = _cost_for_when_entering(listing, step, going_back)
    if cost_for:
        changes["cost_for"] = cost_for
    if step == "preview":
        changes["editing"] = True
    svc.set_flow(listing, **changes)
    await write_state(s, NAME, _key(update), step)
    return step


# -- asking ----------------------------------------------------------------------------------

def _inline_nav(context: HamyarContext) -> list[tuple[str, str]]:
    return [(context.t("btn-back"), NAV[0]), (context.t("btn-cancel"), NAV[1])]


def _delivery_markup(context: HamyarContext, listing: Listing):  # type: ignore[no-untyped-def]
    chosen = {d["method"] for d in listing.delivery or []}
    items = [(("✅ " if meth in chosen else "") + context.t(catalogue.DELIVERY_KEYS[meth]),
              f"lst:dlv:{meth}") for meth in m.DELIVERY_METHODS]
    items.append((context.t("btn-done"), "lst:dlv-done"))
    return keyboards.grid(items, 1, _inline_nav(context))


async def ask(update: Update, context: HamyarContext, listing: Listing, seller: Seller | None,
              hint: str | None = None) -> None:
    t = context.t
    step = (listing.flow or {}).get("step", "category")
    chat = _chat(update)
    prefix = f"{hint}\n\n" if hint else ""
    if step == "category":
        items = [(_craft_name(context, c.code), f"lst:cat:{c.code}") for c in geo.CRAFTS]
        await send(context, chat, prefix + t("lst-ask-category"),
                   keyboards.grid(items, 2, _inline_nav(context)))
    elif step == "photos":
        key = "lst-ask-photos-replace" if (listing.flow or {}).get("replace_photos") else "lst-ask-photos"
        await send(context, chat, prefix + t(key, max=svc.PHOTOS_MAX),
                   keyboards.reply_nav(t, [t("btn-done")]))
    elif step == "title":
        await send(context, chat, prefix + t("lst-ask-title", min=svc.TITLE_MIN, max=svc.TITLE_MAX),
                   keyboards.reply_nav(t, [listing.title] if listing.title else []))
    elif step == "description":
        await send(context, chat, prefix + t("lst-ask-description", max=svc.DESCRIPTION_MAX),
                   keyboards.reply_nav(t, [t("btn-skip")]))
    elif step == "price":
        current = [_money(context, listing.price)] if listing.price else []
        await send(context, chat, prefix + t("lst-ask-price"), keyboards.reply_nav(t, current))
    elif step == "availability":
        items = [(t("btn-in-stock"), f"lst:av:{m.IN_STOCK}"),
                 (t("btn-made-to-order"), f"lst:av:{m.MADE_TO_ORDER}")]
        await send(context, chat, prefix + t("lst-ask-availability"),
                   keyboards.grid(items, 1, _inline_nav(context)))
    elif step == "stock":
        current = [_num(context, listing.stock)] if listing.stock else []
        await send(context, chat, prefix + t("lst-ask-stock"), keyboards.reply_nav(t, current))
    elif step == "prep_days":
        current = [_num(context, listing.prep_days)] if listing.prep_days else []
        await send(context, chat, prefix + t("lst-ask-prep-days"), keyboards.reply_nav(t, current))
    elif step == "delivery":
        await send(context, chat, prefix + t("lst-ask-delivery"), _delivery_markup(context, listing))
    elif step == "delivery_cost":
        method = (listing.flow or {}).get("cost_for", m.COURIER)
        await send(context, chat,
                   prefix + t("lst-ask-delivery-cost", method=t(catalogue.DELIVERY_KEYS[method])),
                   keyboards.reply_nav(t, [t("btn-free")]))
    else:
        await send_preview(update, context, listing, seller, hint)


async def send_preview(update: Update, context: HamyarContext, listing: Listing,
                       seller: Seller | None, hint: str | None = None) -> None:
    t = context.t
    chat = _chat(update)
    if hint:
        await send(context, chat, hint)
    if seller is None:
        async with context.session() as s:
            seller = await s.get(Seller, listing.seller_id)
    assert seller is not None
    await send(context, chat, t("lst-preview-intro"), keyboards.reply_nav(t))
    text = catalogue.caption(context.services.i18n, listing, seller)
    photos = [p.file_id for p in listing.photos]
    if len(photos) == 1:
        await context.bot.send_photo(chat, photos[0], caption=text, parse_mode=ParseMode.HTML)
    elif photos:
        media = [InputMediaPhoto(photos[0], caption=text, parse_mode=ParseMode.HTML)]
        media += [InputMediaPhoto(p) for p in photos[1:]]
        await context.bot.send_media_group(chat, media)
    if listing.voice_file_id:
        await context.bot.send_voice(chat, listing.voice_file_id)
    edit = [(t(FIELD_KEYS[f]), f"lst:edit:{f}") for f in svc.EDITABLE]
    markup = keyboards.grid(edit, 3)
    rows = [list(r) for r in markup.inline_keyboard]
    async with context.session() as s:
        ptr = await behalf_svc.pointer(s, _uid(update))
    submit = "obh-btn-save" if ptr and ptr.get("mode") == "edit" else "btn-submit"
    rows.append(list(keyboards.grid([(t(submit), "lst:submit")], 1).inline_keyboard[0]))
    rows.append(list(keyboards.grid([(t("btn-cancel"), NAV[1])], 1).inline_keyboard[0]))
    await send(context, chat, t("lst-preview-actions"), InlineKeyboardMarkup(rows))


async def _reply_step(update: Update, context: HamyarContext, s: AsyncSession,
                      listing: Listing, step: str, hint: str | None = None, **flow: Any) -> str:
    """Commit the move to `step`, then ask it."""
    await _go(update, context, s, listing, step, **flow)
    await s.commit()
    await ask(update, context, listing, None, hint)
    return step


# -- entry, resume, back, cancel -----------------------------------------------------------

async def start(update: Update, context: HamyarContext) -> str | int:
    if not context.is_seller:
        await send(context, _chat(update), context.t("lst-not-seller"),
                   keyboards.main_menu(context.t, is_seller=False))
        return END
    async with _draft(update, context) as (s, listing):
        if listing is None:
            listing = await svc.new_draft(s, _uid(update), _uid(update))
            await send(context, _chat(update), context.t("lst-intro"))
            return await _reply_step(update, context, s, listing, "category")
        await write_state(s, NAME, _key(update), "resume")
        title = listing.title or context.t("lst-untitled")
    items = [(context.t("btn-continue"), "lst:resume:go"), (context.t("btn-start-over"), "lst:resume:over")]
    await send(context, _chat(update), context.t("lst-resume-ask", title=title), keyboards.grid(items, 2))
    return "resume"


async def on_resume(update: Update, context: HamyarContext) -> str | int:
    query = update.callback_query
    assert query is not None
    await query.answer()
    await _drop_buttons(update)
    async with _draft(update, context) as (s, listing):
        if query.data == "lst:resume:over" and listing is not None:
            await s.delete(listing)
            await s.flush()
            listing = None
        if listing is None:
            listing = await svc.new_draft(s, _uid(update), _uid(update))
            await send(context, _chat(update), context.t("lst-intro"))
            return await _reply_step(update, context, s, listing, "category")
        step = (listing.flow or {}).get("step", "category")
        if step not in svc.STEPS:
            step = "category"
        await send(context, _chat(update), context.t("lst-resumed"))
        return await _reply_step(update, context, s, listing, step)


async def reopen(update: Update, context: HamyarContext) -> str | int:
    """Entry from «محصولات من»: a listing sent back for changes opens at its preview."""
    query = update.callback_query
    assert query is not None
    listing_id = await callback_id(update, context)
    if listing_id is None:
        return END
    async with context.session() as s:
        try:
            listing = await svc.get_for_seller(s, listing_id, _uid(update))
            existing = await current_draft(s, _uid(update))
            if existing is not None and existing.id != listing.id:
                raise InputError("my-not-allowed")
            await svc.reopen_for_edit(s, listing)
        except svc.ListingNotFound:
            await query.answer(context.t("my-not-yours"), show_alert=True)
            return END
        except InputError as err:
            await query.answer(context.t(err.key, **err.args_), show_alert=True)
            return END
        await query.answer()
        return await _reply_step(update, context, s, listing, "preview")


async def revise(update: Update, context: HamyarContext) -> str | int:
    """Entry from «محصولات من»: change the title, photos or description of a public listing.
    The change is reviewed while the channel post stays as it is."""
    query = update.callback_query
    assert query is not None
    listing_id = await callback_id(update, context)
    if listing_id is None:
        return END
    async with context.session() as s:
        try:
            listing = await svc.get_for_seller(s, listing_id, _uid(update))
            existing = await current_draft(s, _uid(update))
            if existing is not None and existing.replaces_id != listing.id:
                raise InputError("my-finish-draft-first")
            revision = await svc.start_revision(s, listing)
        except svc.ListingNotFound:
            await query.answer(context.t("my-not-yours"), show_alert=True)
            return END
        except InputError as err:
            await query.answer(context.t(err.key, **err.args_), show_alert=True)
            return END
        await query.answer()
        await send(context, _chat(update), context.t("my-revise-intro"))
        return await _reply_step(update, context, s, revision, "preview")


async def back(update: Update, context: HamyarContext) -> str | int:
    if update.callback_query:
        await update.callback_query.answer()
        await _drop_buttons(update)
    async with _draft(update, context) as (s, listing):
        if listing is None:
            return await _leave(update, context)
        step = (listing.flow or {}).get("step", "category")
        previous = previous_step(listing, step)
        if previous is None:
            return await _leave(update, context, s)
        await _go(update, context, s, listing, previous, going_back=True)
        await s.commit()
        await ask(update, context, listing, None)
        return previous


async def cancel(update: Update, context: HamyarContext) -> int:
    if update.callback_query:
        await update.callback_query.answer()
        await _drop_buttons(update)
    async with _draft(update, context) as (s, listing):
        return await _leave(update, context, s, listing)


async def _leave(update: Update, context: HamyarContext, s: AsyncSession | None = None,
                 listing: Listing | None = None) -> int:
    behalf = False
    if s is not None:
        ptr = await behalf_svc.pointer(s, _uid(update))
        behalf = ptr is not None
        await behalf_svc.clear_pointer(s, _uid(update))
        await write_state(s, NAME, _key(update), None)
        await s.commit()
    await send(context, _chat(update), context.t("lst-cancelled"),
               keyboards.main_menu(context.t, is_seller=context.is_seller))
    if listing is not None and not behalf:
        await send(context, _chat(update), "🗑", keyboards.grid(
            [(context.t("btn-delete-draft"), f"lst:del:{listing.id}")], 1))
    return END


async def delete_draft(update: Update, context: HamyarContext) -> None:
    """Outside the conversation: the «delete the draft» button left by cancel."""
    query = update.callback_query
    assert query is not None
    listing_id = await callback_id(update, context)
    if listing_id is None:
        return
    async with context.session() as s:
        try:
            listing = await svc.get_for_seller(s, listing_id, _uid(update))
            await svc.delete_draft(s, listing)
            await write_state(s, NAME, _key(update), None)
        except svc.ListingNotFound:
            await query.answer(context.t("stale-button"), show_alert=True)
            return
        except InputError as err:
            await query.answer(context.t(err.key), show_alert=True)
            return
    await query.answer()
    try:
        await query.edit_message_text(context.t("lst-draft-deleted"))
    except BadRequest:
        pass


async def _drop_buttons(update: Update) -> None:
    try:
        await update.callback_query.edit_message_reply_markup(None)  # type: ignore[union-attr]
    except BadRequest:
        pass


async def _mark_chosen(update: Update, context: HamyarContext, choice: str) -> None:
    try:
        await update.callback_query.edit_message_text(context.t("reg-chosen", choice=choice))  # type: ignore[union-attr]
    except BadRequest:
        pass


async def stale_button(update: Update, context: HamyarContext) -> None:
    await update.callback_query.answer(context.t("stale-button"))  # type: ignore[union-attr]
    await _drop_buttons(update)


async def wrong_type(update: Update, context: HamyarContext) -> str | int:
    async with _draft(update, context) as (_, listing):
        if listing is None:
            return END
        step = (listing.flow or {}).get("step", "category")
    key = {
        "category": "reg-err-choose-button", "availability": "reg-err-choose-button",
        "delivery": "reg-err-choose-button", "preview": "reg-err-choose-button",
        "photos": "lst-err-photo-type", "description": "lst-err-description-type",
        "price": "lst-err-price", "stock": "lst-err-stock", "prep_days": "lst-err-prep-days",
        "delivery_cost": "lst-err-delivery-cost",
    }.get(step, "reg-err-text-expected")
    args = {"max": {"stock": svc.STOCK_MAX, "prep_days": svc.PREP_DAYS_MAX,
                    "delivery_cost": svc.DELIVERY_COST_MAX}.get(step, 0)}
    await ask(update, context, listing, None, context.t(key, **args))
    return step


async def on_start_inside(update: Update, context: HamyarContext) -> str | int:
    async with _draft(update, context) as (_, listing):
        if listing is None:
            return END
    await ask(update, context, listing, None, context.t("lst-resumed"))
    return (listing.flow or {}).get("step", "category")


# -- the steps -------------------------------------------------------------------------------

async def _answer(update: Update, context: HamyarContext, step: str, apply: Any) -> str:
    """Apply a text answer to the draft; a wrong answer re-asks with its hint, nothing lost."""
    async with _draft(update, context) as (s, listing):
        if listing is None:
            return END  # type: ignore[return-value]
        try:
            apply(listing)
        except InputError as err:
            await s.rollback()  # nothing of the wrong answer is kept, nothing earlier is lost
            fresh = await behalf_svc.working(s, _uid(update))
            await ask(update, context, fresh, None, context.t(err.key, **err.args_))  # type: ignore[arg-type]
            return step
        return await _reply_step(update, context, s, listing, next_step(listing, step))


async def on_category(update: Update, context: HamyarContext) -> str:
    query = update.callback_query
    assert query is not None
    code = (query.data or "").removeprefix("lst:cat:")
    if geo.craft(code) is None:
        await query.answer(context.t("invalid-choice"), show_alert=True)
        return "category"
    await query.answer()
    await _mark_chosen(update, context, _craft_name(context, code))
    return await _answer(update, context, "category", lambda lst: svc.set_category(lst, code))


async def on_photo(update: Update, context: HamyarContext) -> str:
    msg = update.message
    assert msg is not None and msg.photo
    biggest = msg.photo[-1]
    async with _draft(update, context) as (_, listing):
        if listing is None:
            return END  # type: ignore[return-value]
        flow = listing.flow or {}
        extra = svc.add_photos(listing, [(biggest.file_id, biggest.file_unique_id)],
                               replace=bool(flow.get("replace_photos")))
        svc.set_flow(listing, replace_photos=False)
        count = len(listing.photos)
    if extra:
        await send(context, _chat(update), context.t("lst-err-photo-limit", max=svc.PHOTOS_MAX, extra=extra))
        return "photos"
    if msg.media_group_id:
        _schedule_album_ack(update, context)
    else:
        await send(context, _chat(update), context.t("lst-photos-received", count=count))
    return "photos"


def _schedule_album_ack(update: Update, context: HamyarContext) -> None:
    """An album arrives as several messages: answer once, after the last one."""
    name = f"album-ack-{_uid(update)}"
    for job in context.job_queue.get_jobs_by_name(name):  # type: ignore[union-attr]
        job.schedule_removal()
    context.job_queue.run_once(  # type: ignore[union-attr]
        _album_ack, ALBUM_ACK_DELAY, name=name,
        data={"chat_id": _chat(update), "user_id": _uid(update), "locale": context.locale},
    )


async def _album_ack(context: HamyarContext) -> None:
    data = context.job.data  # type: ignore[union-attr]
    context.locale = data["locale"]
    async with context.session() as s:
        listing = await behalf_svc.working(s, data["user_id"])
        if listing is None or (listing.flow or {}).get("step") != "photos":
            return
        count = len(listing.photos)
    await send(context, data["chat_id"], context.t("lst-photos-received", count=count))


async def on_photos_done(update: Update, context: HamyarContext) -> str:
    async with _draft(update, context) as (s, listing):
        if listing is None:
            return END  # type: ignore[return-value]
        if not listing.photos:
            await ask(update, context, listing, None, context.t("lst-err-photo-needed"))
            return "photos"
        svc.set_flow(listing, replace_photos=False)
        return await _reply_step(update, context, s, listing, next_step(listing, "photos"))


async def on_image_document(update: Update, context: HamyarContext) -> str:
    await send(context, _chat(update), context.t("lst-err-photo-file"))
    return "photos"


async def on_title(update: Update, context: HamyarContext) -> str:
    text = update.message.text or ""  # type: ignore[union-attr]
    return await _answer(update, context, "title", lambda lst: svc.set_title(lst, text))


async def on_description(update: Update, context: HamyarContext) -> str:
    text = update.message.text or ""  # type: ignore[union-attr]
    return await _answer(update, context, "description", lambda lst: svc.set_description(lst, text))


async def on_voice(update: Update, context: HamyarContext) -> str:
    voice = update.message.voice  # type: ignore[union-attr]
    assert voice is not None
    step = await _answer(update, context, "description",
                         lambda lst: svc.set_voice(lst, voice.file_id, voice.duration))
    return step


async def on_skip_description(update: Update, context: HamyarContext) -> str:
    return await _answer(update, context, "description", svc.skip_description)


async def on_price(update: Update, context: HamyarContext) -> str:
    text = update.message.text or ""  # type: ignore[union-attr]
    async with _draft(update, context) as (s, listing):
        if listing is None:
            return END  # type: ignore[return-value]
        try:
            price = svc.set_price(listing, text)
        except InputError as err:
            await s.rollback()
            await ask(update, context, await behalf_svc.working(s, _uid(update)), None,  # type: ignore[arg-type]
                      context.t(err.key, **err.args_))
            return "price"
        await send(context, _chat(update), context.t("lst-price-saved", price=_money(context, price)))
        return await _reply_step(update, context, s, listing, next_step(listing, "price"))


async def on_availability(update: Update, context: HamyarContext) -> str:
    query = update.callback_query
    assert query is not None
    kind = (query.data or "").removeprefix("lst:av:")
    if kind not in (m.IN_STOCK, m.MADE_TO_ORDER):
        await query.answer(context.t("invalid-choice"), show_alert=True)
        return "availability"
    await query.answer()
    label = context.t("btn-in-stock" if kind == m.IN_STOCK else "btn-made-to-order")
    await _mark_chosen(update, context, label)
    return await _answer(update, context, "availability", lambda lst: svc.set_availability(lst, kind))


async def on_stock(update: Update, context: HamyarContext) -> str:
    text = update.message.text or ""  # type: ignore[union-attr]
    return await _answer(update, context, "stock", lambda lst: svc.set_stock(lst, text))


async def on_prep_days(update: Update, context: HamyarContext) -> str:
    text = update.message.text or ""  # type: ignore[union-attr]
    return await _answer(update, context, "prep_days", lambda lst: svc.set_prep_days(lst, text))


async def on_delivery_toggle(update: Update, context: HamyarContext) -> str:
    query = update.callback_query
    assert query is not None
    method = (query.data or "").removeprefix("lst:dlv:")
    async with _draft(update, context) as (_, listing):
        if listing is None:
            return END  # type: ignore[return-value]
        try:
            svc.toggle_delivery(listing, method)
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


async def on_delivery_done(update: Update, context: HamyarContext) -> str:
    query = update.callback_query
    assert query is not None
    async with _draft(update, context) as (s, listing):
        if listing is None:
            return END  # type: ignore[return-value]
        if not listing.delivery:
            await query.answer(context.t("lst-err-delivery-empty"), show_alert=True)
            return "delivery"
        await query.answer()
        chosen = "، ".join(context.t(catalogue.DELIVERY_KEYS[d["method"]]) for d in listing.delivery)
        await _mark_chosen(update, context, chosen)
        return await _reply_step(update, context, s, listing, next_step(listing, "delivery"))


async def _set_cost(update: Update, context: HamyarContext, text: str | None) -> str:
    def apply(lst: Listing) -> None:
        svc.set_delivery_cost(lst, (lst.flow or {}).get("cost_for", m.COURIER), text)

    return await _answer(update, context, "delivery_cost", apply)


async def on_delivery_cost(update: Update, context: HamyarContext) -> str:
    return await _set_cost(update, context, update.message.text or "")  # type: ignore[union-attr]


async def on_delivery_free(update: Update, context: HamyarContext) -> str:
    return await _set_cost(update, context, None)


async def on_edit_field(update: Update, context: HamyarContext) -> str:
    query = update.callback_query
    assert query is not None
    field = (query.data or "").removeprefix("lst:edit:")
    if field not in svc.EDITABLE:
        await query.answer(context.t("invalid-choice"), show_alert=True)
        return "preview"
    await query.answer()
    await _drop_buttons(update)
    async with _draft(update, context) as (s, listing):
        if listing is None:
            return END  # type: ignore[return-value]
        extra = {"replace_photos": True} if field == "photos" else {}
        await _go(update, context, s, listing, field, **extra)
        svc.set_flow(listing, editing=True)
        await s.commit()
        await ask(update, context, listing, None)
        return field


async def on_submit(update: Update, context: HamyarContext) -> str | int:
    query = update.callback_query
    assert query is not None
    async with _draft(update, context) as (s, listing):
        if listing is None:
            await query.answer(context.t("stale-button"))
            return END
        ptr = await behalf_svc.pointer(s, _uid(update))
        mode = ptr.get("mode") if ptr and ptr.get("listing_id") == listing.id else None
        try:
            if mode == "edit":
                await behalf_svc.save_trainer_edit(s, listing, _uid(update))
            elif mode == "behalf":
                await behalf_svc.await_seller(s, listing, _uid(update))
            else:
                await svc.submit(s, listing)
        except InputError as err:
            field = err.args_.get("field", "")
            await query.answer(context.t(err.key, field=context.t(FIELD_KEYS.get(str(field), "btn-edit-title"))),
                               show_alert=True)
            await s.rollback()
            return "preview"
        await write_state(s, NAME, _key(update), None)
    await query.answer()
    await _drop_buttons(update)
    if mode == "behalf":
        await send(context, _chat(update), context.t("obh-consent-ask"), keyboards.grid(
            [(context.t("obh-btn-send"), f"obh:send:{listing.id}"),
             (context.t("obh-btn-phone"), f"obh:phone:{listing.id}")], 1))
        return END
    key = "obh-saved" if mode == "edit" else "lst-submitted"
    await send(context, _chat(update), context.t(key),
               keyboards.main_menu(context.t, is_seller=context.is_seller))
    return END


# -- trainers: on behalf of a seller, and editing a listing under review --------------------

async def onbehalf(update: Update, context: HamyarContext) -> str | int:
    async with context.session() as s:
        if not await trainers.is_moderator(s, _uid(update)):
            await send(context, _chat(update), context.t("tr-not-trainer"))
            return END
        await write_state(s, NAME, _key(update), "pick_seller")
    await send(context, _chat(update), context.t("obh-ask-seller"), keyboards.reply_nav(context.t))
    return "pick_seller"


async def on_seller_query(update: Update, context: HamyarContext) -> str | int:
    text = update.message.text or ""  # type: ignore[union-attr]
    async with context.session() as s:
        sellers = await trainers.sellers_in_scope(s, _uid(update), await trainers.find_sellers(s, text))
    if not sellers:
        await send(context, _chat(update), context.t("obh-none"), keyboards.reply_nav(context.t))
        return "pick_seller"
    items = [(f"{sel.name} — {_city(context, sel.city_code)}", f"obh:pick:{sel.user_id}")
             for sel in sellers]
    await send(context, _chat(update), context.t("obh-choose-seller"), keyboards.grid(items, 1))
    return "pick_seller"


def _city(context: HamyarContext, code: str) -> str:
    city = geo.city(code)
    return (city.fa if context.locale == "fa" else city.en) if city else code


async def on_pick_seller(update: Update, context: HamyarContext) -> str | int:
    query = update.callback_query
    assert query is not None
    seller_id = await callback_id(update, context)
    if seller_id is None:
        return "pick_seller"
    async with context.session() as s:
        seller = await s.get(Seller, seller_id)
        try:
            if seller is None:
                raise trainers.NotAllowed(seller_id)
            await trainers.check_moderator(s, _uid(update), seller)
        except trainers.NotAllowed:
            await query.answer(context.t("mod-not-in-scope"), show_alert=True)
            return "pick_seller"
        listing = await behalf_svc.behalf_draft(s, seller_id, _uid(update))
        await query.answer()
        await _drop_buttons(update)
        await send(context, _chat(update), context.t("obh-started", name=seller.name))
        step = (listing.flow or {}).get("step", "category")
        return await _reply_step(update, context, s, listing, step if step in svc.STEPS else "category")


async def trainer_edit(update: Update, context: HamyarContext) -> str | int:
    """/start e_<id>: the «ویرایش» button of an admin card opens the listing here."""
    payload = (context.args or [""])[0]
    listing_id = parse_id(payload.removeprefix("e_"))
    if listing_id is None:
        await send(context, _chat(update), context.t("stale-button"))
        return END
    async with context.session() as s:
        listing = await s.get(Listing, listing_id)
        seller = await s.get(Seller, listing.seller_id) if listing else None
        try:
            await trainers.check_moderator(s, _uid(update), seller)
        except trainers.NotAllowed:
            await send(context, _chat(update), context.t("mod-not-trainer"))
            return END
        if listing is None or seller is None or listing.status != m.PENDING:
            await send(context, _chat(update), context.t("mod-already", who=""))
            return END
        await behalf_svc.set_pointer(s, _uid(update), listing.id, "edit")
        await send(context, _chat(update), context.t("obh-edit-started", id=listing.id, name=seller.name))
        return await _reply_step(update, context, s, listing, "preview")


def build(i18n: I18n) -> ConversationHandler[HamyarContext]:
    private = filters.ChatType.PRIVATE
    back_f = keyboards.label_filter(i18n, "btn-back")
    cancel_f = keyboards.label_filter(i18n, "btn-cancel")
    skip_f = keyboards.label_filter(i18n, "btn-skip")
    done_f = keyboards.label_filter(i18n, "btn-done")
    free_f = keyboards.label_filter(i18n, "btn-free")
    text = filters.TEXT & ~filters.COMMAND & ~back_f & ~cancel_f

    def state(*handlers: Any) -> list[Any]:
        return [
            CommandHandler("cancel", cancel),
            MessageHandler(cancel_f, cancel),
            MessageHandler(back_f, back),
            CallbackQueryHandler(cancel, pattern=r"^lst:cancel$"),
            CallbackQueryHandler(back, pattern=r"^lst:back$"),
            leave_for_link(NAME),
            CommandHandler("start", trainer_edit, filters=private & filters.Regex(r"^/start e_\d+$")),
            CommandHandler("start", on_start_inside),
            *handlers,
        ]

    return ConversationHandler(
        entry_points=[
            MessageHandler(private & keyboards.label_filter(i18n, "menu-new-listing"), start),
            CommandHandler("newproduct", start, filters=private),
            CallbackQueryHandler(reopen, pattern=r"^my:edit:"),
            CallbackQueryHandler(revise, pattern=r"^my:rev:"),
            CommandHandler("onbehalf", onbehalf, filters=private),
            CommandHandler("start", trainer_edit, filters=private & filters.Regex(r"^/start e_\d+$")),
        ],
        states={
            "pick_seller": [
                leave_for_link(NAME),
                CommandHandler("cancel", cancel), MessageHandler(cancel_f | back_f, cancel),
                CallbackQueryHandler(on_pick_seller, pattern=r"^obh:pick:"),
                MessageHandler(text, on_seller_query),
            ],
            "resume": [leave_for_link(NAME),
                       CallbackQueryHandler(on_resume, pattern=r"^lst:resume:(go|over)$"),
                       CommandHandler("cancel", cancel), MessageHandler(cancel_f, cancel),
                       MessageHandler(filters.ALL & private, start)],
            "category": state(CallbackQueryHandler(on_category, pattern=r"^lst:cat:")),
            "photos": state(
                MessageHandler(filters.PHOTO, on_photo),
                MessageHandler(filters.Document.IMAGE, on_image_document),
                MessageHandler(done_f, on_photos_done),
            ),
            "title": state(MessageHandler(text, on_title)),
            "description": state(
                MessageHandler(skip_f, on_skip_description),
                MessageHandler(filters.VOICE, on_voice),
                MessageHandler(text, on_description),
            ),
            "price": state(MessageHandler(text, on_price)),
            "availability": state(CallbackQueryHandler(on_availability, pattern=r"^lst:av:")),
            "stock": state(MessageHandler(text, on_stock)),
            "prep_days": state(MessageHandler(text, on_prep_days)),
            "delivery": state(
                CallbackQueryHandler(on_delivery_toggle, pattern=r"^lst:dlv:"),
                CallbackQueryHandler(on_delivery_done, pattern=r"^lst:dlv-done$"),
            ),
            "delivery_cost": state(
                MessageHandler(free_f, on_delivery_free),
                MessageHandler(text, on_delivery_cost),
            ),
            "preview": state(
                CallbackQueryHandler(on_edit_field, pattern=r"^lst:edit:"),
                CallbackQueryHandler(on_submit, pattern=r"^lst:submit$"),
            ),
        },
        fallbacks=[
            CallbackQueryHandler(stale_button, pattern=r"^lst:"),
            MessageHandler(filters.ALL & private, wrong_type),
        ],
        name=NAME,
        persistent=True,
        per_chat=True,
        per_user=True,
    )
