"""Seller registration, what she sees: each step's question with its keyboard, the summary,
and how places, crafts, phone numbers and districts are written in her language."""

from __future__ import annotations

from typing import Any, Literal

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, KeyboardButton, Update

from bot import geo, keyboards, persian
from bot.callbacks import Code, RegCity, RegCraft, RegEdit, RegField, RegProvince, RegStep
from bot.context import HamyarContext
from bot.i18n import OMIT
from bot.services import groups
from bot.services import registration as reg
from handlers.common import ask_inline, chat_of, send

NAV_BACK, NAV_CANCEL = RegStep("back").pack(), RegStep("cancel").pack()


def place_name(context: HamyarContext, obj: geo.Province | geo.City | None) -> str:
    if obj is None:
        return "?"
    return obj.fa if context.locale == "fa" else obj.en


def craft_name(context: HamyarContext, code: str) -> str:
    craft = geo.craft(code)
    if craft is None:
        return code
    return craft.fa if context.locale == "fa" else craft.en


def crafts_list(context: HamyarContext, codes: list[str]) -> str:
    return ("، " if context.locale == "fa" else ", ").join(craft_name(context, c) for c in codes)


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
        "city": place_name(context, geo.city(data.get("city") or "")),
        "province": place_name(context, geo.province(data.get("province") or "")),
        "district": _num(context, district) if district else OMIT,
        "crafts": crafts_list(context, data.get("crafts") or []) or none,
        "group": data.get("group") or OMIT,
    }


def crafts_markup(context: HamyarContext, chosen: list[str]) -> InlineKeyboardMarkup:
    items = [
        (("☑️ " if c.code in chosen else "") + craft_name(context, c.code),
         RegCraft(Code(c.code)).pack())
        for c in geo.CRAFTS
    ]
    markup = keyboards.grid(items, 2)
    rows = [list(r) for r in markup.inline_keyboard]
    done = RegStep("crafts-done").pack()
    rows.append(list(keyboards.grid([(context.t("btn-done"), done)], 1).inline_keyboard[0]))
    rows.append(list(keyboards.grid([], 1, _inline_nav(context)).inline_keyboard[0]))
    return InlineKeyboardMarkup(rows)


EDIT_KEYS: dict[RegField, str] = {
    "name": "btn-reg-edit-name", "phone": "btn-reg-edit-phone", "city": "btn-reg-edit-city",
    "district": "btn-reg-edit-district", "crafts": "btn-reg-edit-crafts",
    "group": "btn-reg-edit-group"}


def edit_rows(context: HamyarContext, *, profile: bool = False,
              ) -> tuple[tuple[InlineKeyboardButton, ...], ...]:
    """A button per answer she can change (the summary, and her profile card later)."""
    src: Literal["s", "p"] = "p" if profile else "s"
    items = [(context.t(label), RegEdit(field, src).pack())
             for field, label in EDIT_KEYS.items()]
    return keyboards.grid(items, 3).inline_keyboard


async def ask(
    update: Update, context: HamyarContext, step: str, data: dict[str, Any], hint: str | None = None
) -> str:
    """Send the question of `step` (after `hint`, if any) with the step's keyboard."""
    t = context.t
    prefix = f"{hint}\n\n" if hint else ""
    chat_id = chat_of(update)
    if step == "name":
        await send(context, chat_id, prefix + t("reg-ask-name"),
                   keyboards.reply_nav(t, _current_row(data.get("name"))))
    elif step == "phone":
        share = KeyboardButton(t("btn-share-phone"), request_contact=True)
        current = display_phone(context, data["phone"]) if data.get("phone") else None
        await send(context, chat_id, prefix + t("reg-ask-phone"),
                   keyboards.reply_nav(t, [share], _current_row(current)))
    elif step == "province":
        items = [(place_name(context, p), RegProvince(Code(p.code)).pack())
                 for p in geo.PROVINCES]
        await ask_inline(context, chat_id, t("reg-ask-province"),
                         keyboards.grid(items, 2, _inline_nav(context)), lead=hint)
    elif step == "city":
        province = geo.province(data.get("province") or "")
        if province is None:
            return await ask(update, context, "province", data, hint)
        items = [(place_name(context, c), RegCity(Code(c.code)).pack())
                 for c in province.cities]
        await ask_inline(context, chat_id, t("reg-ask-city", province=place_name(context, province)),
                         keyboards.grid(items, 2, _inline_nav(context)), lead=hint)
    elif step == "district":
        current = _num(context, data["district"]) if data.get("district") else None
        await send(context, chat_id, prefix + t("reg-ask-district"),
                   keyboards.reply_nav(t, _current_row(current), [t("btn-skip")]))
    elif step == "crafts":
        await ask_inline(context, chat_id, t("reg-ask-crafts"),
                         crafts_markup(context, data.get("crafts") or []), lead=hint)
    elif step == "group":  # a link or code opened before: she need not type her group
        async with context.session() as s:
            pending = await groups.pending_group(s, update.effective_user.id)  # type: ignore[union-attr]
        question = t("reg-ask-group-pending", name=pending.name) if pending else t("reg-ask-group")
        await send(context, chat_id, prefix + question,
                   keyboards.reply_nav(t, _current_row(data.get("group")), [t("btn-skip")]))
    elif step == "confirm":
        confirm = keyboards.grid([(t("btn-confirm"), RegStep("confirm").pack())], 1,
                                 _inline_nav(context)).inline_keyboard
        rows = [confirm[0], *edit_rows(context), *confirm[1:]]
        markup = InlineKeyboardMarkup(rows)
        await ask_inline(context, chat_id, t("reg-summary", **summary_args(context, data)),
                         markup, lead=hint)
    return step


# What a message of the wrong kind is told, by step (text where a button or a contact is wanted).
WRONG_TYPE_KEYS = {
    "phone": "reg-err-phone-type",
    "province": "reg-err-choose-button",
    "city": "reg-err-choose-button",
    "crafts": "reg-err-crafts-type",
    "confirm": "reg-err-choose-button",
}


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
