"""Seller registration, the steps: each answer validated by `bot.services.registration` and
saved with the conversation state at the next step in one unit of work, then the next question
asked (`handlers.registration_ask`). `handlers.registration` wires them by `FLOW`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from telegram import Update
from telegram.error import BadRequest
from telegram.ext import ConversationHandler

from bot import geo, keyboards, persian
from bot.callbacks import RegCity, RegCraft, RegEdit, RegProvince
from bot.context import HamyarContext, Session
from bot.persistence import write_state
from bot.services import groups
from bot.services import registration as reg
from bot.services.errors import InputError
from handlers.common import chat_of, drop_buttons, key_of, mark_chosen, send, text_of, user_of
from handlers.registration_ask import (
    ask,
    crafts_list,
    crafts_markup,
    first_missing,
    place_name,
)

NAME = "registration"
END = ConversationHandler.END




async def load(context: HamyarContext, update: Update) -> dict[str, Any]:
    async with context.session() as s:
        return await reg.load_draft(s, user_of(update)) or {}


async def save(s: Session, update: Update, data: dict[str, Any], step: str) -> str:
    """Inside the update's unit of work: the draft and the conversation state at `step`."""
    data["step"] = step
    await reg.save_draft(s, user_of(update), data)
    await write_state(s, NAME, key_of(update), step)
    return step


async def answer(update: Update, context: HamyarContext, step: str,
                  **changes: Any) -> str:
    """Store validated answers and move to `step` in one transaction, then ask."""
    async with context.session() as s:
        data = await reg.load_draft(s, user_of(update)) or {}
        data.update(changes)
        step = await save(s, update, data, reg.after(data, step))
    return await ask(update, context, step, data)


async def input_error(update: Update, context: HamyarContext, err: InputError, step: str) -> str:
    data = await load(context, update)
    return await ask(update, context, step, data, hint=context.t(err.key, **err.args_))


async def typed(update: Update, context: HamyarContext, step: str,
                validate: Callable[[str], object], then: str) -> str:
    """The answer typed at `step`: checked by `validate`, stored under the step's name, then
    the question of `then`; a wrong one asks `step` again with its hint, nothing lost."""
    try:
        value = validate(text_of(update))
    except InputError as err:
        return await input_error(update, context, err, step)
    return await answer(update, context, then, **{step: value})


# -- the answers -----------------------------------------------------------------------------

async def on_name(update: Update, context: HamyarContext) -> str:
    return await typed(update, context, "name", reg.validate_name, "phone")


async def on_phone_text(update: Update, context: HamyarContext) -> str:
    return await typed(update, context, "phone", reg.validate_phone, "province")


async def on_contact(update: Update, context: HamyarContext) -> str:
    contact = update.message.contact if update.message else None
    if contact is None:  # (filters.CONTACT lets only contacts in) asked again, with the hint
        return await typed(update, context, "phone", reg.validate_phone, "province")
    sender = user_of(update)
    return await typed(update, context, "phone",
                       lambda _: reg.validate_contact(contact.phone_number, contact.user_id, sender),
                       "province")


async def on_province_button(update: Update, context: HamyarContext) -> str:
    query = update.callback_query
    assert query is not None
    chosen = RegProvince.parse(query.data)
    province = geo.province(chosen.code) if chosen else None
    if province is None:
        await query.answer(context.t("invalid-choice"), show_alert=True)
        return "province"
    await query.answer()
    await mark_chosen(update, context, place_name(context, province))
    async with context.session() as s:
        data = await reg.load_draft(s, user_of(update)) or {}
        if data.get("province") != province.code:
            data.pop("city", None)
        data["province"] = province.code
        await save(s, update, data, "city")
    return await ask(update, context, "city", data)


async def on_province_text(update: Update, context: HamyarContext) -> str:
    text = text_of(update)
    place = reg.resolve_place(text)
    async with context.session() as s:
        data = await reg.load_draft(s, user_of(update)) or {}
        if isinstance(place, geo.City):
            data["province"], data["city"] = place.province_code, place.code
            step = await save(s, update, data, reg.after(data, "district"))
        elif isinstance(place, geo.Province):
            if data.get("province") != place.code:
                data.pop("city", None)
            data["province"] = place.code
            step = await save(s, update, data, "city")
        else:
            step = ""
    if step:
        return await ask(update, context, step, data)
    hint = context.t("reg-err-province-unknown", text=persian.clean_input(text)[:40])
    return await ask(update, context, "province", data, hint=hint)


async def on_city_button(update: Update, context: HamyarContext) -> str:
    query = update.callback_query
    assert query is not None
    chosen = RegCity.parse(query.data)
    city = geo.city(chosen.code) if chosen else None
    async with context.session() as s:
        data = await reg.load_draft(s, user_of(update)) or {}
        ok = city is not None and city.province_code == data.get("province")
        step = "city"
        if city is not None and ok:
            data["city"] = city.code
            step = await save(s, update, data, reg.after(data, "district"))
    if city is None or not ok:
        await query.answer(context.t("invalid-choice"), show_alert=True)
        return "city"
    await query.answer()
    await mark_chosen(update, context, place_name(context, city))
    return await ask(update, context, step, data)


async def on_city_text(update: Update, context: HamyarContext) -> str:
    text = text_of(update)
    async with context.session() as s:
        data = await reg.load_draft(s, user_of(update)) or {}
        place = reg.resolve_place(text, data.get("province"))
        if isinstance(place, geo.City):
            data["city"] = place.code
            step = await save(s, update, data, reg.after(data, "district"))
    if isinstance(place, geo.City):
        return await ask(update, context, step, data)
    hint = context.t(
        "reg-err-city-unknown",
        text=persian.clean_input(text)[:40],
        province=place_name(context, geo.province(data.get("province") or "")),
    )
    return await ask(update, context, "city", data, hint=hint)


async def on_district(update: Update, context: HamyarContext) -> str:
    return await typed(update, context, "district", reg.validate_district, "crafts")


async def skip_district(update: Update, context: HamyarContext) -> str:
    return await answer(update, context, "crafts", district=None)


async def on_craft_toggle(update: Update, context: HamyarContext) -> str:
    query = update.callback_query
    assert query is not None
    chosen = RegCraft.parse(query.data)
    async with context.session() as s:
        data = await reg.load_draft(s, user_of(update)) or {}
        try:
            data["crafts"] = reg.toggle_craft(list(data.get("crafts") or []),
                                              chosen.code if chosen else "")
        except InputError as err:
            await query.answer(context.t(err.key), show_alert=True)
            return "crafts"
        await reg.save_draft(s, user_of(update), data)
    await query.answer()
    try:
        await query.edit_message_reply_markup(crafts_markup(context, data["crafts"]))
    except BadRequest:
        pass
    return "crafts"


async def on_crafts_done(update: Update, context: HamyarContext) -> str:
    query = update.callback_query
    assert query is not None
    async with context.session() as s:
        data = await reg.load_draft(s, user_of(update)) or {}
        step = "crafts"
        if data.get("crafts"):
            step = await save(s, update, data, reg.after(data, "group"))
    if not data.get("crafts"):
        await query.answer(context.t("reg-err-crafts-empty"), show_alert=True)
        return "crafts"
    await query.answer()
    await mark_chosen(update, context, crafts_list(context, data["crafts"]))
    return await ask(update, context, step, data)


async def on_group(update: Update, context: HamyarContext) -> str:
    return await typed(update, context, "group", reg.validate_group, "confirm")


async def skip_group(update: Update, context: HamyarContext) -> str:
    return await answer(update, context, "confirm", group=None)


async def on_confirm(update: Update, context: HamyarContext) -> str | int:
    query = update.callback_query
    assert query is not None
    user_id = user_of(update)
    joined = None  # the group she is in once registered, if any
    async with context.session() as s:
        data = await reg.load_draft(s, user_id) or {}
        if not reg.is_complete(data):
            step: str | None = first_missing(data)
        else:
            await reg.complete(s, user_id, data)
            joined = None if data.get("editing") else await groups.group_of(s, user_id)
            await write_state(s, NAME, key_of(update), None)
            step = None
    if step is not None:
        await query.answer(context.t("invalid-choice"), show_alert=True)
        return await ask(update, context, step, data)
    await query.answer()
    await drop_buttons(update)
    context.is_seller = True
    if data.get("editing"):  # she changed her profile: nothing more to learn
        done = context.t("profile-saved")
    else:  # a new seller: what to do first, quoting the button
        done = context.t("reg-done")  # it quotes «menu-new-listing»
        if joined is not None:  # her group's link, or the group name she typed, matched
            done += "\n" + context.t("reg-done-group", name=joined.name)
    await send(context, chat_of(update), done,
               keyboards.main_menu(context.t, is_seller=True))
    return END


async def on_edit(update: Update, context: HamyarContext) -> str | int:
    """A field's button on the summary or on her profile card: that question, then back to
    the summary (`reg.after`)."""
    query = update.callback_query
    assert query is not None
    chosen = RegEdit.parse(query.data)
    try:
        async with context.session() as s:
            data = await reg.begin_fix(s, user_of(update), chosen.field if chosen else "",
                                       from_profile=chosen is not None and chosen.src == "p")
            step = await save(s, update, data, data["step"])
    except InputError as err:
        await query.answer(context.t(err.key), show_alert=True)
        return END
    await query.answer()
    await drop_buttons(update)
    return await ask(update, context, step, data)


