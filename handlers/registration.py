"""Seller registration: a persistent ConversationHandler whose states are the step names.

Every answer is validated by `bot.services.registration` and saved to the draft in the same
unit of work; the conversation state goes to the database through DbPersistence. A wrong
kind of message, a forged or old button, back and cancel are answered at every step, and
nothing already entered is lost.
"""

from __future__ import annotations

from typing import Any

from telegram import InlineKeyboardMarkup, KeyboardButton, Update
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
from bot.persistence import write_state
from bot.services import registration as reg
from bot.services.errors import InputError
from handlers.common import send
from handlers.deeplinks import leave_for_link

NAME = "registration"
END = ConversationHandler.END
NAV_BACK, NAV_CANCEL = "reg:back", "reg:cancel"


# -- presentation helpers -----------------------------------------------------------------

def _place_name(context: HamyarContext, obj: geo.Province | geo.City | None) -> str:
    if obj is None:
        return "?"
    return obj.fa if context.locale == "fa" else obj.en


def _craft_name(context: HamyarContext, code: str) -> str:
    craft = geo.craft(code)
    if craft is None:
        return code
    return craft.fa if context.locale == "fa" else craft.en


def display_phone(context: HamyarContext, phone: str) -> str:
    local = "0" + phone[3:] if phone.startswith("+98") else phone
    return persian.to_persian_digits(local) if context.locale == "fa" else local


def _num(context: HamyarContext, n: int) -> str:
    return persian.format_number(n, latin=context.locale != "fa")


def _inline_nav(context: HamyarContext) -> list[tuple[str, str]]:
    return [(context.t("btn-back"), NAV_BACK), (context.t("btn-cancel"), NAV_CANCEL)]


def _current_row(value: str | None) -> list[str]:
    return [value] if value else []


def summary_args(context: HamyarContext, data: dict[str, Any]) -> dict[str, object]:
    none = context.t("reg-none")
    district = data.get("district")
    return {
        "name": data.get("name") or none,
        "phone": display_phone(context, data["phone"]) if data.get("phone") else none,
        "city": _place_name(context, geo.city(data.get("city") or "")),
        "province": _place_name(context, geo.province(data.get("province") or "")),
        "district": _num(context, district) if district else none,
        "crafts": "، ".join(_craft_name(context, c) for c in data.get("crafts") or []) or none
        if context.locale == "fa"
        else ", ".join(_craft_name(context, c) for c in data.get("crafts") or []) or none,
        "group": data.get("group") or none,
    }


def _crafts_markup(context: HamyarContext, chosen: list[str]) -> InlineKeyboardMarkup:
    items = [
        (("✅ " if c.code in chosen else "") + _craft_name(context, c.code), f"reg:craft:{c.code}")
        for c in geo.CRAFTS
    ]
    markup = keyboards.grid(items, 2)
    rows = [list(r) for r in markup.inline_keyboard]
    rows.append(list(keyboards.grid([(context.t("btn-done"), "reg:crafts-done")], 1).inline_keyboard[0]))
    rows.append(list(keyboards.grid([], 1, _inline_nav(context)).inline_keyboard[0]))
    return InlineKeyboardMarkup(rows)


async def ask(
    update: Update, context: HamyarContext, step: str, data: dict[str, Any], hint: str | None = None
) -> str:
    """Send the question of `step` (after `hint`, if any) with the step's keyboard."""
    t = context.t
    prefix = f"{hint}\n\n" if hint else ""
    chat_id = update.effective_chat.id  # type: ignore[union-attr]
    if step == "name":
        await send(context, chat_id, prefix + t("reg-ask-name"),
                   keyboards.reply_nav(t, _current_row(data.get("name"))))
    elif step == "phone":
        share = KeyboardButton(t("btn-share-phone"), request_contact=True)
        current = display_phone(context, data["phone"]) if data.get("phone") else None
        await send(context, chat_id, prefix + t("reg-ask-phone"),
                   keyboards.reply_nav(t, [share], _current_row(current)))
    elif step == "province":
        items = [(_place_name(context, p), f"reg:prov:{p.code}") for p in geo.PROVINCES]
        await send(context, chat_id, prefix + t("reg-ask-province"),
                   keyboards.grid(items, 3, _inline_nav(context)))
    elif step == "city":
        province = geo.province(data.get("province") or "")
        if province is None:
            return await ask(update, context, "province", data, hint)
        items = [(_place_name(context, c), f"reg:city:{c.code}") for c in province.cities]
        await send(context, chat_id,
                   prefix + t("reg-ask-city", province=_place_name(context, province)),
                   keyboards.grid(items, 3, _inline_nav(context)))
    elif step == "district":
        current = _num(context, data["district"]) if data.get("district") else None
        await send(context, chat_id, prefix + t("reg-ask-district"),
                   keyboards.reply_nav(t, _current_row(current), [t("btn-skip")]))
    elif step == "crafts":
        await send(context, chat_id, prefix + t("reg-ask-crafts"),
                   _crafts_markup(context, data.get("crafts") or []))
    elif step == "group":
        await send(context, chat_id, prefix + t("reg-ask-group"),
                   keyboards.reply_nav(t, _current_row(data.get("group")), [t("btn-skip")]))
    elif step == "confirm":
        markup = keyboards.grid([(t("btn-confirm"), "reg:confirm")], 1, _inline_nav(context))
        await send(context, chat_id, prefix + t("reg-summary", **summary_args(context, data)),
                   markup)
    return step


def first_missing(data: dict[str, Any]) -> str:
    for step in ("name", "phone", "province", "city"):
        if not data.get(step):
            return step
    if not data.get("crafts"):
        return "crafts" if data.get("step") in ("crafts", "group", "confirm") else data.get(
            "step", "district"
        )
    step = data.get("step") or "confirm"
    return step if step in reg.STEPS else "confirm"


async def _load(context: HamyarContext, user_id: int) -> dict[str, Any]:
    async with context.session() as s:
        return await reg.load_draft(s, user_id) or {}


def _key(update: Update) -> tuple[int, int]:
    return (update.effective_chat.id, update.effective_user.id)  # type: ignore[union-attr]


async def _advance(
    update: Update, context: HamyarContext, data: dict[str, Any], step: str
) -> str:
    """Save the draft and the conversation state at `step` in one transaction, then ask."""
    data["step"] = step
    async with context.session() as s:
        await reg.save_draft(s, update.effective_user.id, data)  # type: ignore[union-attr]
        await write_state(s, NAME, _key(update), step)
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


# -- entry, back, cancel -------------------------------------------------------------------

async def start(update: Update, context: HamyarContext) -> str | int:
    user_id = update.effective_user.id  # type: ignore[union-attr]
    if context.is_seller:
        await send(context, update.effective_chat.id, context.t("reg-already"),  # type: ignore[union-attr]
                   keyboards.main_menu(context.t, is_seller=True))
        return END
    async with context.session() as s:
        data = await reg.load_draft(s, user_id)
        fresh = data is None
        if fresh:
            data = {"step": "name"}
            await reg.save_draft(s, user_id, data)
        await write_state(s, NAME, _key(update), first_missing(data))
    assert data is not None
    step = first_missing(data)
    note = context.t("reg-intro") if fresh else context.t("reg-resume")
    await send(context, update.effective_chat.id, note)  # type: ignore[union-attr]
    return await ask(update, context, step, data)


async def back(update: Update, context: HamyarContext) -> str | int:
    if update.callback_query:
        await update.callback_query.answer()
        await _drop_buttons(update)
    data = await _load(context, update.effective_user.id)  # type: ignore[union-attr]
    current = data.get("step", "name")
    if current == "name":
        return await _leave(update, context, "reg-cancelled")
    previous = reg.previous_step(current) or "name"
    return await _advance(update, context, data, previous)


async def cancel(update: Update, context: HamyarContext) -> int:
    if update.callback_query:
        await update.callback_query.answer()
        await _drop_buttons(update)
    return await _leave(update, context, "reg-cancelled")


async def _leave(update: Update, context: HamyarContext, key: str) -> int:
    async with context.session() as s:
        await write_state(s, NAME, _key(update), None)
    await send(context, update.effective_chat.id, context.t(key),  # type: ignore[union-attr]
               keyboards.main_menu(context.t, is_seller=context.is_seller))
    return END


async def _drop_buttons(update: Update) -> None:
    try:
        await update.callback_query.edit_message_reply_markup(None)  # type: ignore[union-attr]
    except BadRequest:
        pass


async def stale_button(update: Update, context: HamyarContext) -> None:
    """A registration button from an older message: say so and remove its keyboard."""
    await update.callback_query.answer(context.t("stale-button"))  # type: ignore[union-attr]
    await _drop_buttons(update)


async def reask(update: Update, context: HamyarContext, key: str = "reg-err-text-expected") -> str:
    """The wrong kind of message for this step: say what is expected, ask again."""
    data = await _load(context, update.effective_user.id)  # type: ignore[union-attr]
    step = data.get("step", "name")
    return await ask(update, context, step, data, hint=context.t(key))


async def wrong_type(update: Update, context: HamyarContext) -> str:
    data = await _load(context, update.effective_user.id)  # type: ignore[union-attr]
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
    data = await _load(context, update.effective_user.id)  # type: ignore[union-attr]
    return await ask(update, context, step, data, hint=context.t(err.key, **err.args_))


# -- the steps -----------------------------------------------------------------------------

async def on_name(update: Update, context: HamyarContext) -> str:
    try:
        name = reg.validate_name(update.message.text)  # type: ignore[union-attr, arg-type]
    except InputError as err:
        return await _input_error(update, context, err, "name")
    data = await _load(context, update.effective_user.id)  # type: ignore[union-attr]
    data["name"] = name
    return await _advance(update, context, data, "phone")


async def on_phone_text(update: Update, context: HamyarContext) -> str:
    try:
        phone = reg.validate_phone(update.message.text)  # type: ignore[union-attr, arg-type]
    except InputError as err:
        return await _input_error(update, context, err, "phone")
    return await _set_phone(update, context, phone)


async def on_contact(update: Update, context: HamyarContext) -> str:
    contact = update.message.contact  # type: ignore[union-attr]
    try:
        phone = reg.validate_contact(
            contact.phone_number, contact.user_id, update.effective_user.id  # type: ignore[union-attr]
        )
    except InputError as err:
        return await _input_error(update, context, err, "phone")
    return await _set_phone(update, context, phone)


async def _set_phone(update: Update, context: HamyarContext, phone: str) -> str:
    data = await _load(context, update.effective_user.id)  # type: ignore[union-attr]
    data["phone"] = phone
    return await _advance(update, context, data, "province")


async def on_province_button(update: Update, context: HamyarContext) -> str:
    query = update.callback_query
    assert query is not None
    province = geo.province((query.data or "").removeprefix("reg:prov:"))
    if province is None:
        await query.answer(context.t("invalid-choice"), show_alert=True)
        return "province"
    await query.answer()
    await _mark_chosen(update, context, _place_name(context, province))
    data = await _load(context, update.effective_user.id)  # type: ignore[union-attr]
    if data.get("province") != province.code:
        data.pop("city", None)
    data["province"] = province.code
    return await _advance(update, context, data, "city")


async def on_province_text(update: Update, context: HamyarContext) -> str:
    text = update.message.text or ""  # type: ignore[union-attr]
    place = reg.resolve_place(text)
    data = await _load(context, update.effective_user.id)  # type: ignore[union-attr]
    if isinstance(place, geo.City):
        data["province"], data["city"] = place.province_code, place.code
        return await _advance(update, context, data, "district")
    if isinstance(place, geo.Province):
        if data.get("province") != place.code:
            data.pop("city", None)
        data["province"] = place.code
        return await _advance(update, context, data, "city")
    hint = context.t("reg-err-province-unknown", text=persian.clean_input(text)[:40])
    return await ask(update, context, "province", data, hint=hint)


async def on_city_button(update: Update, context: HamyarContext) -> str:
    query = update.callback_query
    assert query is not None
    data = await _load(context, update.effective_user.id)  # type: ignore[union-attr]
    city = geo.city((query.data or "").removeprefix("reg:city:"))
    if city is None or city.province_code != data.get("province"):
        await query.answer(context.t("invalid-choice"), show_alert=True)
        return "city"
    await query.answer()
    await _mark_chosen(update, context, _place_name(context, city))
    data["city"] = city.code
    return await _advance(update, context, data, "district")


async def on_city_text(update: Update, context: HamyarContext) -> str:
    text = update.message.text or ""  # type: ignore[union-attr]
    data = await _load(context, update.effective_user.id)  # type: ignore[union-attr]
    place = reg.resolve_place(text, data.get("province"))
    if isinstance(place, geo.City):
        data["city"] = place.code
        return await _advance(update, context, data, "district")
    province = geo.province(data.get("province") or "")
    hint = context.t(
        "reg-err-city-unknown",
        text=persian.clean_input(text)[:40],
        province=_place_name(context, province),
    )
    return await ask(update, context, "city", data, hint=hint)


async def on_district(update: Update, context: HamyarContext) -> str:
    try:
        district = reg.validate_district(update.message.text)  # type: ignore[union-attr, arg-type]
    except InputError as err:
        return await _input_error(update, context, err, "district")
    data = await _load(context, update.effective_user.id)  # type: ignore[union-attr]
    data["district"] = district
    return await _advance(update, context, data, "crafts")


async def skip_district(update: Update, context: HamyarContext) -> str:
    data = await _load(context, update.effective_user.id)  # type: ignore[union-attr]
    data["district"] = None
    return await _advance(update, context, data, "crafts")


async def on_craft_toggle(update: Update, context: HamyarContext) -> str:
    query = update.callback_query
    assert query is not None
    user_id = update.effective_user.id  # type: ignore[union-attr]
    async with context.session() as s:
        data = await reg.load_draft(s, user_id) or {}
        try:
            data["crafts"] = reg.toggle_craft(
                list(data.get("crafts") or []), (query.data or "").removeprefix("reg:craft:")
            )
        except InputError as err:
            await query.answer(context.t(err.key), show_alert=True)
            return "crafts"
        await reg.save_draft(s, user_id, data)
    await query.answer()
    try:
        await query.edit_message_reply_markup(_crafts_markup(context, data["crafts"]))
    except BadRequest:
        pass
    return "crafts"


async def on_crafts_done(update: Update, context: HamyarContext) -> str:
    query = update.callback_query
    assert query is not None
    data = await _load(context, update.effective_user.id)  # type: ignore[union-attr]
    if not data.get("crafts"):
        await query.answer(context.t("reg-err-crafts-empty"), show_alert=True)
        return "crafts"
    await query.answer()
    chosen = "، " if context.locale == "fa" else ", "
    await _mark_chosen(update, context, chosen.join(_craft_name(context, c) for c in data["crafts"]))
    return await _advance(update, context, data, "group")


async def on_group(update: Update, context: HamyarContext) -> str:
    try:
        group = reg.validate_group(update.message.text)  # type: ignore[union-attr, arg-type]
    except InputError as err:
        return await _input_error(update, context, err, "group")
    data = await _load(context, update.effective_user.id)  # type: ignore[union-attr]
    data["group"] = group
    return await _advance(update, context, data, "confirm")


async def skip_group(update: Update, context: HamyarContext) -> str:
    data = await _load(context, update.effective_user.id)  # type: ignore[union-attr]
    data["group"] = None
    return await _advance(update, context, data, "confirm")


async def on_confirm(update: Update, context: HamyarContext) -> str | int:
    query = update.callback_query
    assert query is not None
    user_id = update.effective_user.id  # type: ignore[union-attr]
    async with context.session() as s:
        data = await reg.load_draft(s, user_id) or {}
        if not reg.is_complete(data):
            step = first_missing(data)
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
    data = await _load(context, update.effective_user.id)  # type: ignore[union-attr]
    return await ask(update, context, data.get("step", "name"), data,
                     hint=context.t("reg-resume"))


def build(i18n: I18n) -> ConversationHandler[HamyarContext]:
    private = filters.ChatType.PRIVATE
    back_f = keyboards.label_filter(i18n, "btn-back")
    cancel_f = keyboards.label_filter(i18n, "btn-cancel")
    skip_f = keyboards.label_filter(i18n, "btn-skip")
    text = filters.TEXT & ~filters.COMMAND & ~back_f & ~cancel_f

    def state(*handlers: Any) -> list[Any]:
        head = [
            CommandHandler("cancel", cancel),
            MessageHandler(cancel_f, cancel),
            MessageHandler(back_f, back),
            CallbackQueryHandler(cancel, pattern=f"^{NAV_CANCEL}$"),
            CallbackQueryHandler(back, pattern=f"^{NAV_BACK}$"),
            leave_for_link(NAME),
            CommandHandler("start", on_start_inside),
        ]
        return [*head, *handlers]

    return ConversationHandler(
        entry_points=[
            MessageHandler(private & keyboards.label_filter(i18n, "menu-register"), start),
            CommandHandler("register", start, filters=private),
        ],
        states={
            "name": state(MessageHandler(text, on_name)),
            "phone": state(
                MessageHandler(filters.CONTACT, on_contact),
                MessageHandler(text, on_phone_text),
            ),
            "province": state(
                CallbackQueryHandler(on_province_button, pattern=r"^reg:prov:"),
                MessageHandler(text, on_province_text),
            ),
            "city": state(
                CallbackQueryHandler(on_city_button, pattern=r"^reg:city:"),
                MessageHandler(text, on_city_text),
            ),
            "district": state(
                MessageHandler(skip_f, skip_district),
                MessageHandler(text, on_district),
            ),
            "crafts": state(
                CallbackQueryHandler(on_craft_toggle, pattern=r"^reg:craft:"),
                CallbackQueryHandler(on_crafts_done, pattern=r"^reg:crafts-done$"),
            ),
            "group": state(
                MessageHandler(skip_f, skip_group),
                MessageHandler(text, on_group),
            ),
            "confirm": state(CallbackQueryHandler(on_confirm, pattern=r"^reg:confirm$")),
        },
        fallbacks=[
            CallbackQueryHandler(stale_button, pattern=r"^reg:"),
            MessageHandler(filters.ALL & private, wrong_type),
        ],
        name=NAME,
        persistent=True,
        per_chat=True,
        per_user=True,
    )


__all__ = ["build", "display_phone", "summary_args"]
