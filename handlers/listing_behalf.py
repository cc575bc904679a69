"""Listing a product, trainers' entries: a new listing on behalf of a seller (/onbehalf), and a
fix to a listing under review (/start e_<id>, the admin card's «ویرایش»). Both run the same
steps as a seller's own listing (`handlers.listing_steps`)."""

from __future__ import annotations

from telegram import Update

from bot import geo, keyboards
from bot.callbacks import BehalfPick, EditLink
from bot.context import HamyarContext
from bot.persistence import write_state
from bot.services import listing_flow as flow
from bot.services import onbehalf as behalf_svc
from bot.services import trainers
from bot.services.errors import InputError
from handlers.common import chat_of, drop_buttons, key_of, read_button, send, text_of, user_of
from handlers.listing_steps import END, NAME, ask, go


async def onbehalf(update: Update, context: HamyarContext) -> str | int:
    async with context.session() as s:
        allowed = await trainers.is_moderator(s, user_of(update))
        if allowed:
            await write_state(s, NAME, key_of(update), "pick_seller")
    if not allowed:
        await send(context, chat_of(update), context.t("tr-not-trainer"))
        return END
    await send(context, chat_of(update), context.t("obh-ask-seller"), keyboards.reply_nav(context.t))
    return "pick_seller"


def _city(context: HamyarContext, code: str) -> str:
    city = geo.city(code)
    return (city.fa if context.locale == "fa" else city.en) if city else code


async def on_seller_query(update: Update, context: HamyarContext) -> str | int:
    text = text_of(update)
    async with context.session() as s:
        sellers = await trainers.sellers_in_scope(s, user_of(update), await trainers.find_sellers(s, text))
    if not sellers:
        await send(context, chat_of(update), context.t("obh-none"), keyboards.reply_nav(context.t))
        return "pick_seller"
    items = [(f"{sel.name} — {_city(context, sel.city_code)}", BehalfPick(sel.user_id).pack())
             for sel in sellers]
    await send(context, chat_of(update), context.t("obh-choose-seller"), keyboards.grid(items, 1))
    return "pick_seller"


async def on_pick_seller(update: Update, context: HamyarContext) -> str | int:
    pressed = await read_button(update, context, BehalfPick)
    if pressed is None:
        return "pick_seller"
    query, data = pressed
    async with context.session() as s:
        try:
            seller, listing = await behalf_svc.start_behalf(s, user_of(update), data.seller_id)
        except trainers.NotAllowed:
            await query.answer(context.t("mod-not-in-scope"), show_alert=True)
            return "pick_seller"
        step = flow.step_of(listing)
        step = step if step in flow.STEPS else flow.FIRST
        screen = await go(update, s, listing, step)
    await query.answer()
    await drop_buttons(update)
    await send(context, chat_of(update), context.t("obh-started", name=seller.name))
    await ask(update, context, screen)
    return step


async def trainer_edit(update: Update, context: HamyarContext) -> str | int:
    """/start e_<id>: the «ویرایش» button of an admin card opens the listing here."""
    link = EditLink.parse((context.args or [""])[0])
    if link is None:
        await send(context, chat_of(update), context.t("stale-button"))
        return END
    async with context.session() as s:
        try:
            seller, listing = await behalf_svc.start_trainer_edit(s, user_of(update), link.listing_id)
        except trainers.NotAllowed:
            refused: str | None = context.t("mod-not-trainer")
        except InputError as err:
            refused = context.t(err.key, **err.args_)
        else:
            refused = None
            screen = await go(update, s, listing, "preview")
    if refused is not None:
        await send(context, chat_of(update), refused)
        return END
    await send(context, chat_of(update), context.t("obh-edit-started", id=listing.id, name=seller.name))
    await ask(update, context, screen)
    return "preview"
