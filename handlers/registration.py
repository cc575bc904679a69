"""Seller registration: a persistent ConversationHandler whose states are the step names of
`FLOW`, its transition table (`docs/flows/registration.mmd` is its picture).

Every answer is validated by `bot.services.registration` and saved to the draft with the
conversation state in one unit of work, then the next question is asked
(`handlers.registration_ask`). A wrong kind of message, a forged or old button, back and
cancel are answered at every step, and nothing already entered is lost.
"""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.error import BadRequest
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot import geo, keyboards, persian
from bot.callbacks import REG_ANY, RegCity, RegCraft, RegProvince, RegStep
from bot.context import HamyarContext, Session
from bot.flows import END as FLOW_END
from bot.flows import START, Edge, Flow
from bot.i18n import I18n
from bot.persistence import write_state
from bot.services import registration as reg
from bot.services.errors import InputError
from handlers.common import send
from handlers.deeplinks import leave_for_link
from handlers.registration_ask import ask, crafts_list, crafts_markup, first_missing, place_name

NAME = "registration"
END = ConversationHandler.END

_LEAVE = "cancel, or a link"
FLOW = Flow(NAME, (
    Edge(START, "name", "/register, «ثبت‌نام»"),
    *(Edge(START, s, "resume a saved draft") for s in reg.STEPS[1:]),
    Edge("name", "phone", "a name"),
    Edge("name", FLOW_END, "back, " + _LEAVE),
    Edge("phone", "province", "a phone number or her contact"),
    Edge("phone", "name", "back"),
    Edge("phone", FLOW_END, _LEAVE),
    Edge("province", "city", "a province"),
    Edge("province", "district", "a city typed"),
    Edge("province", "phone", "back"),
    Edge("province", FLOW_END, _LEAVE),
    Edge("city", "district", "a city"),
    Edge("city", "province", "back"),
    Edge("city", FLOW_END, _LEAVE),
    Edge("district", "crafts", "a district, or skip"),
    Edge("district", "city", "back"),
    Edge("district", FLOW_END, _LEAVE),
    Edge("crafts", "group", "done"),
    Edge("crafts", "district", "back"),
    Edge("crafts", FLOW_END, _LEAVE),
    Edge("group", "confirm", "a group, or skip"),
    Edge("group", "crafts", "back"),
    Edge("group", FLOW_END, _LEAVE),
    Edge("confirm", FLOW_END, "confirm, " + _LEAVE),
    Edge("confirm", "group", "back"),
))


def _key(update: Update) -> tuple[int, int]:
    return (update.effective_chat.id, update.effective_user.id)  # type: ignore[union-attr]


def _uid(update: Update) -> int:
    return update.effective_user.id  # type: ignore[union-attr]


async def _load(context: HamyarContext, update: Update) -> dict[str, Any]:
    async with context.session() as s:
        return await reg.load_draft(s, _uid(update)) or {}


async def _save(s: Session, update: Update, data: dict[str, Any], step: str) -> str:
    """Inside the update's unit of work: the draft and the conversation state at `step`."""
    data["step"] = step
    await reg.save_draft(s, _uid(update), data)
    await write_state(s, NAME, _key(update), step)
    return step


async def _answer(update: Update, context: HamyarContext, step: str,
                  **changes: Any) -> str:
    """Store validated answers and move to `step` in one transaction, then ask."""
    async with context.session() as s:
        data = await reg.load_draft(s, _uid(update)) or {}
        data.update(changes)
        await _save(s, update, data, step)
    return await ask(update, context, step, data)


async def _mark_chosen(update: Update, context: HamyarContext, choice: str) -> None:
    """Replace an answered inline question by its answer, so its buttons cannot be reused."""
    query = update.callback_query
    if query is None:
        return
    try:
        await query.edit_message_text(context.t("reg-chosen", choice=choice))
    except BadRequest:
        pass


async def _drop_buttons(update: Update) -> None:
    try:
        await update.callback_query.edit_message_reply_markup(None)  # type: ignore[union-attr]
    except BadRequest:
        pass


# -- entry, back, cancel -------------------------------------------------------------------

async def start(update: Update, context: HamyarContext) -> str | int:
    user_id = _uid(update)
    if context.is_seller:
        await send(context, update.effective_chat.id, context.t("reg-already"),  # type: ignore[union-attr]
                   keyboards.main_menu(context.t, is_seller=True))
        return END
    async with context.session() as s:
        data = await reg.load_draft(s, user_id)
        fresh = data is None
        if data is None:
            data = {"step": "name"}
            await reg.save_draft(s, user_id, data)
        step = first_missing(data)
        await write_state(s, NAME, _key(update), step)
    note = context.t("reg-intro") if fresh else context.t("reg-resume")
    await send(context, update.effective_chat.id, note)  # type: ignore[union-attr]
    return await ask(update, context, step, data)


async def back(update: Update, context: HamyarContext) -> str | int:
    if update.callback_query:
        await update.callback_query.answer()
        await _drop_buttons(update)
    async with context.session() as s:
        data = await reg.load_draft(s, _uid(update)) or {}
        current = data.get("step", "name")
        if current == "name":
            await write_state(s, NAME, _key(update), None)
        else:
            await _save(s, update, data, reg.previous_step(current) or "name")
    if current == "name":
        return await _said_goodbye(update, context)
    return await ask(update, context, data["step"], data)


async def cancel(update: Update, context: HamyarContext) -> int:
    if update.callback_query:
        await update.callback_query.answer()
        await _drop_buttons(update)
    async with context.session() as s:
        await write_state(s, NAME, _key(update), None)
    return await _said_goodbye(update, context)


async def _said_goodbye(update: Update, context: HamyarContext) -> int:
    await send(context, update.effective_chat.id, context.t("reg-cancelled"),  # type: ignore[union-attr]
               keyboards.main_menu(context.t, is_seller=context.is_seller))
    return END


async def stale_button(update: Update, context: HamyarContext) -> None:
    """A registration button from an older message: say so and remove its keyboard."""
    await update.callback_query.answer(context.t("stale-button"))  # type: ignore[union-attr]
    await _drop_buttons(update)


async def wrong_type(update: Update, context: HamyarContext) -> str:
    data = await _load(context, update)
    step = data.get("step", "name")
    key = {
        "phone": "reg-err-phone-type",
        "province": "reg-err-choose-button",
        "city": "reg-err-choose-button",
        "crafts": "reg-err-crafts-type",
        "confirm": "reg-err-choose-button",
    }.get(step, "reg-err-text-expected")
    return await ask(update, context, step, data, hint=context.t(key))


async def _input_error(update: Update, context: HamyarContext, err: InputError, step: str) -> str:
    data = await _load(context, update)
    return await ask(update, context, step, data, hint=context.t(err.key, **err.args_))


def _text(update: Update) -> str:
    return update.message.text or "" if update.message else ""


# -- the steps -----------------------------------------------------------------------------

async def on_name(update: Update, context: HamyarContext) -> str:
    try:
        name = reg.validate_name(_text(update))
    except InputError as err:
        return await _input_error(update, context, err, "name")
    return await _answer(update, context, "phone", name=name)


async def on_phone_text(update: Update, context: HamyarContext) -> str:
    try:
        phone = reg.validate_phone(_text(update))
    except InputError as err:
        return await _input_error(update, context, err, "phone")
    return await _answer(update, context, "province", phone=phone)


async def on_contact(update: Update, context: HamyarContext) -> str:
    contact = update.message.contact  # type: ignore[union-attr]
    try:
        phone = reg.validate_contact(
            contact.phone_number, contact.user_id, _uid(update)  # type: ignore[union-attr]
        )
    except InputError as err:
        return await _input_error(update, context, err, "phone")
    return await _answer(update, context, "province", phone=phone)


async def on_province_button(update: Update, context: HamyarContext) -> str:
    query = update.callback_query
    assert query is not None
    chosen = RegProvince.parse(query.data)
    province = geo.province(chosen.code) if chosen else None
    if province is None:
        await query.answer(context.t("invalid-choice"), show_alert=True)
        return "province"
    await query.answer()
    await _mark_chosen(update, context, place_name(context, province))
    async with context.session() as s:
        data = await reg.load_draft(s, _uid(update)) or {}
        if data.get("province") != province.code:
            data.pop("city", None)
        data["province"] = province.code
        await _save(s, update, data, "city")
    return await ask(update, context, "city", data)


async def on_province_text(update: Update, context: HamyarContext) -> str:
    text = _text(update)
    place = reg.resolve_place(text)
    async with context.session() as s:
        data = await reg.load_draft(s, _uid(update)) or {}
        if isinstance(place, geo.City):
            data["province"], data["city"] = place.province_code, place.code
            step = await _save(s, update, data, "district")
        elif isinstance(place, geo.Province):
            if data.get("province") != place.code:
                data.pop("city", None)
            data["province"] = place.code
            step = await _save(s, update, data, "city")
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
        data = await reg.load_draft(s, _uid(update)) or {}
        ok = city is not None and city.province_code == data.get("province")
        if city is not None and ok:
            data["city"] = city.code
            await _save(s, update, data, "district")
    if city is None or not ok:
        await query.answer(context.t("invalid-choice"), show_alert=True)
        return "city"
    await query.answer()
    await _mark_chosen(update, context, place_name(context, city))
    return await ask(update, context, "district", data)


async def on_city_text(update: Update, context: HamyarContext) -> str:
    text = _text(update)
    async with context.session() as s:
        data = await reg.load_draft(s, _uid(update)) or {}
        place = reg.resolve_place(text, data.get("province"))
        if isinstance(place, geo.City):
            data["city"] = place.code
            await _save(s, update, data, "district")
    if isinstance(place, geo.City):
        return await ask(update, context, "district", data)
    hint = context.t(
        "reg-err-city-unknown",
        text=persian.clean_input(text)[:40],
        province=place_name(context, geo.province(data.get("province") or "")),
    )
    return await ask(update, context, "city", data, hint=hint)


async def on_district(update: Update, context: HamyarContext) -> str:
    try:
        district = reg.validate_district(_text(update))
    except InputError as err:
        return await _input_error(update, context, err, "district")
    return await _answer(update, context, "crafts", district=district)


async def skip_district(update: Update, context: HamyarContext) -> str:
    return await _answer(update, context, "crafts", district=None)


async def on_craft_toggle(update: Update, context: HamyarContext) -> str:
    query = update.callback_query
    assert query is not None
    chosen = RegCraft.parse(query.data)
    async with context.session() as s:
        data = await reg.load_draft(s, _uid(update)) or {}
        try:
            data["crafts"] = reg.toggle_craft(list(data.get("crafts") or []),
                                              chosen.code if chosen else "")
        except InputError as err:
            await query.answer(context.t(err.key), show_alert=True)
            return "crafts"
        await reg.save_draft(s, _uid(update), data)
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
        data = await reg.load_draft(s, _uid(update)) or {}
        if data.get("crafts"):
            await _save(s, update, data, "group")
    if not data.get("crafts"):
        await query.answer(context.t("reg-err-crafts-empty"), show_alert=True)
        return "crafts"
    await query.answer()
    await _mark_chosen(update, context, crafts_list(context, data["crafts"]))
    return await ask(update, context, "group", data)


async def on_group(update: Update, context: HamyarContext) -> str:
    try:
        group = reg.validate_group(_text(update))
    except InputError as err:
        return await _input_error(update, context, err, "group")
    return await _answer(update, context, "confirm", group=group)


async def skip_group(update: Update, context: HamyarContext) -> str:
    return await _answer(update, context, "confirm", group=None)


async def on_confirm(update: Update, context: HamyarContext) -> str | int:
    query = update.callback_query
    assert query is not None
    user_id = _uid(update)
    async with context.session() as s:
        data = await reg.load_draft(s, user_id) or {}
        if not reg.is_complete(data):
            step: str | None = first_missing(data)
        else:
            await reg.complete(s, user_id, data)
            await write_state(s, NAME, _key(update), None)
            step = None
    if step is not None:
        await query.answer(context.t("invalid-choice"), show_alert=True)
        return await ask(update, context, step, data)
    await query.answer()
    await _drop_buttons(update)
    context.is_seller = True
    await send(context, update.effective_chat.id, context.t("reg-done"),  # type: ignore[union-attr]
               keyboards.main_menu(context.t, is_seller=True))
    return END


async def on_start_inside(update: Update, context: HamyarContext) -> str:
    """/start in the middle of registration: carry on where she is."""
    data = await _load(context, update)
    return await ask(update, context, data.get("step", "name"), data,
                     hint=context.t("reg-resume"))


def build(i18n: I18n) -> ConversationHandler[HamyarContext]:
    private = filters.ChatType.PRIVATE
    back_f = keyboards.label_filter(i18n, "btn-back")
    cancel_f = keyboards.label_filter(i18n, "btn-cancel")
    skip_f = keyboards.label_filter(i18n, "btn-skip")
    text = filters.TEXT & ~filters.COMMAND & ~back_f & ~cancel_f

    head = [
        CommandHandler("cancel", cancel),
        MessageHandler(cancel_f, cancel),
        MessageHandler(back_f, back),
        CallbackQueryHandler(cancel, pattern=RegStep.pattern(action="cancel")),
        CallbackQueryHandler(back, pattern=RegStep.pattern(action="back")),
        leave_for_link(NAME),
        CommandHandler("start", on_start_inside),
    ]
    steps: dict[str, list[Any]] = {
        "name": [MessageHandler(text, on_name)],
        "phone": [MessageHandler(filters.CONTACT, on_contact), MessageHandler(text, on_phone_text)],
        "province": [CallbackQueryHandler(on_province_button, pattern=RegProvince.pattern()),
                     MessageHandler(text, on_province_text)],
        "city": [CallbackQueryHandler(on_city_button, pattern=RegCity.pattern()),
                 MessageHandler(text, on_city_text)],
        "district": [MessageHandler(skip_f, skip_district), MessageHandler(text, on_district)],
        "crafts": [CallbackQueryHandler(on_craft_toggle, pattern=RegCraft.pattern()),
                   CallbackQueryHandler(on_crafts_done,
                                        pattern=RegStep.pattern(action="crafts-done"))],
        "group": [MessageHandler(skip_f, skip_group), MessageHandler(text, on_group)],
        "confirm": [CallbackQueryHandler(on_confirm, pattern=RegStep.pattern(action="confirm"))],
    }
    assert set(steps) == set(FLOW.states) == set(reg.STEPS), "FLOW and the handlers agree"
    return ConversationHandler(
        entry_points=[
            MessageHandler(private & keyboards.label_filter(i18n, "menu-register"), start),
            CommandHandler("register", start, filters=private),
        ],
        states={state: [*head, *steps[state]] for state in FLOW.states},
        fallbacks=[
            CallbackQueryHandler(stale_button, pattern=REG_ANY),
            MessageHandler(filters.ALL & private, wrong_type),
        ],
        name=NAME,
        persistent=True,
        per_chat=True,
        per_user=True,
    )


__all__ = ["FLOW", "build"]
