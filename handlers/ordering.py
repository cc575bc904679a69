"""Buyers order through the bot; the relay connects them with the seller.

- `/start l_<code>` (the channel's «سفارش» button) shows the listing here.
- The "order" conversation asks quantity, delivery, receiver, address, phone, note, and
  places the order (answers kept in a draft, state committed with each answer).
- `o:<action>:<order id>` buttons act on an order; each press is checked again on the server
  (who presses, which order, in which status). Typed answers about an order (a reason, a
  tracking code, a card number, a relayed message, a receipt, a review) go through the
  small "order_chat" conversation.
"""

from __future__ import annotations

from typing import Any

from telegram import InputMediaPhoto, KeyboardButton, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot import keyboards, persian
from bot.context import HamyarContext
from bot.i18n import I18n
from bot.persistence import write_state
from bot.services import catalogue
from bot.services import orders as svc
from bot.services import registration as reg
from bot.services.errors import InputError
from handlers.common import callback_id, send
from handlers.deeplinks import leave_for_link
from models import listing as lm
from models.listing import Listing
from models.state import Draft
from models.user import Seller

ORDER, CHAT = "order", "order_chat"
END = ConversationHandler.END
DRAFT, CTX = "order", "order_ctx"


def _uid(update: Update) -> int:
    return update.effective_user.id  # type: ignore[union-attr]


def _chat(update: Update) -> int:
    return update.effective_chat.id  # type: ignore[union-attr]


def _key(update: Update) -> tuple[int, int]:
    return (_chat(update), _uid(update))


def _money(context: HamyarContext, n: int) -> str:
    return persian.format_money(n, latin=context.locale != "fa")


def _num(context: HamyarContext, n: float | int) -> str:
    if isinstance(n, float):
        text = f"{n:.1f}"
        return persian.to_persian_digits(text.replace(".", "٫")) if context.locale == "fa" else text
    return persian.format_number(n, latin=context.locale != "fa")


async def _draft_get(s: Any, user_id: int, kind: str) -> dict[str, Any]:
    row = await s.get(Draft, (user_id, kind))
    return dict(row.data) if row else {}


async def _draft_put(s: Any, user_id: int, kind: str, data: dict[str, Any]) -> None:
    row = await s.get(Draft, (user_id, kind))
    if row is None:
        s.add(Draft(user_id=user_id, kind=kind, data=dict(data)))
    else:
        row.data = dict(data)


async def _draft_drop(s: Any, user_id: int, kind: str) -> None:
    row = await s.get(Draft, (user_id, kind))
    if row is not None:
        await s.delete(row)


# -- the listing, opened from the channel --------------------------------------------------

async def show_listing(update: Update, context: HamyarContext) -> None:
    payload = (context.args or [""])[0]
    code = payload.removeprefix("l_")
    async with context.session() as s:
        listing = await svc.public_listing(s, code)
        seller = await s.get(Seller, listing.seller_id) if listing else None
        avg, count = await svc.rating(s, listing_id=listing.id) if listing else (0.0, 0)
    chat = _chat(update)
    if listing is None or seller is None or listing.status not in lm.PUBLIC:
        await send(context, chat, context.t("ord-listing-gone"))
        return
    text = catalogue.caption(context.services.i18n, listing, seller)
    text += "\n\n" + (context.t("ord-rating", avg=_num(context, round(avg, 1)), count=count)
                      if count else context.t("ord-no-rating"))
    can_order = svc.orderable(listing) and listing.seller_id != _uid(update)
    markup = keyboards.grid([(context.t("ord-btn-order"), f"ord:new:{listing.id}")], 1) if can_order else None
    photos = [p.file_id for p in listing.photos]
    if len(photos) > 1:
        await context.bot.send_media_group(chat, [InputMediaPhoto(f) for f in photos])
        await context.bot.send_message(chat, text, parse_mode=ParseMode.HTML, reply_markup=markup)
    elif photos:
        await context.bot.send_photo(chat, photos[0], caption=text, parse_mode=ParseMode.HTML,
                                     reply_markup=markup)
    if listing.voice_file_id:
        await context.bot.send_voice(chat, listing.voice_file_id, caption=context.t("ord-voice-note"))
    if listing.status == lm.SOLD_OUT or not svc.orderable(listing):
        await send(context, chat, context.t("ord-listing-sold-out"))


# -- the order conversation ----------------------------------------------------------------

async def _listing_for(s: Any, data: dict[str, Any]) -> Listing | None:
    listing = await s.get(Listing, int(data.get("listing_id", 0)))
    return listing if listing is not None and svc.orderable(listing) else None


async def ask(update: Update, context: HamyarContext, step: str, data: dict[str, Any],
              listing: Listing, hint: str | None = None) -> str:
    t = context.t
    chat = _chat(update)
    prefix = f"{hint}\n\n" if hint else ""
    if step == "quantity":
        maximum = svc.max_quantity(listing)
        row = [_num(context, n) for n in range(1, min(maximum, 5) + 1)]
        await send(context, chat, prefix + t("ord-ask-quantity", max=maximum), keyboards.reply_nav(t, row))
    elif step == "delivery":
        items = []
        for d in listing.delivery or []:
            method = t(catalogue.DELIVERY_KEYS[d["method"]])
            total = (listing.price or 0) * int(data["quantity"]) + d["cost"]
            items.append((t("ord-delivery-option", method=method, cost=_money(context, d["cost"]),
                            total=_money(context, total)), f"ord:dlv:{d['method']}"))
        await send(context, chat, prefix + t("ord-ask-delivery"),
                   keyboards.grid(items, 1, [(t("btn-back"), "ord:back"), (t("btn-cancel"), "ord:cancel")]))
    elif step == "name":
        await send(context, chat, prefix + t("ord-ask-name"),
                   keyboards.reply_nav(t, [data["name"]] if data.get("name") else []))
    elif step == "address":
        await send(context, chat, prefix + t("ord-ask-address"), keyboards.reply_nav(t))
    elif step == "phone":
        share = KeyboardButton(t("btn-share-phone"), request_contact=True)
        await send(context, chat, prefix + t("ord-ask-phone"), keyboards.reply_nav(t, [share]))
    elif step == "note":
        await send(context, chat, prefix + t("ord-ask-note"), keyboards.reply_nav(t, [t("btn-skip")]))
    else:
        option = svc.delivery_option(listing, data["delivery"])
        total = (listing.price or 0) * int(data["quantity"]) + option["cost"]
        phone = "0" + data["phone"][3:]
        text = t("ord-summary", title=listing.title or "", qty=int(data["quantity"]),
                 price=_money(context, listing.price or 0),
                 method=t(catalogue.DELIVERY_KEYS[option["method"]]),
                 cost=_money(context, option["cost"]), total=_money(context, total),
                 name=data["name"],
                 phone=persian.to_persian_digits(phone) if context.locale == "fa" else phone,
                 address=data.get("address") or "", note=data.get("note") or t("reg-none"))
        await send(context, chat, prefix + text, keyboards.grid(
            [(t("ord-btn-confirm"), "ord:confirm")], 1,
            [(t("btn-back"), "ord:back"), (t("btn-cancel"), "ord:cancel")]))
    return step


def _next(step: str, data: dict[str, Any]) -> str:
    order = ["quantity", "delivery", "name", "address", "phone", "note", "confirm"]
    nxt = order[order.index(step) + 1]
    if nxt == "address" and not svc.needs_address(data.get("delivery", "")):
        nxt = "phone"
    return nxt


def _prev(step: str, data: dict[str, Any]) -> str | None:
    order = ["quantity", "delivery", "name", "address", "phone", "note", "confirm"]
    i = order.index(step)
    if i == 0:
        return None
    prev = order[i - 1]
    if prev == "address" and not svc.needs_address(data.get("delivery", "")):
        prev = "name"
    return prev


async def _go(update: Update, context: HamyarContext, data: dict[str, Any], step: str) -> str | int:
    async with context.session() as s:
        listing = await _listing_for(s, data)
        if listing is None:
            await _draft_drop(s, _uid(update), DRAFT)
            await write_state(s, ORDER, _key(update), None)
            await send(context, _chat(update), context.t("ord-err-unavailable"), _menu(context))
            return END
        data["step"] = step
        await _draft_put(s, _uid(update), DRAFT, data)
        await write_state(s, ORDER, _key(update), step)
    return await ask(update, context, step, data, listing)


def _menu(context: HamyarContext) -> Any:
    return keyboards.main_menu(context.t, is_seller=context.is_seller)


async def start_order(update: Update, context: HamyarContext) -> str | int:
    query = update.callback_query
    assert query is not None
    listing_id = await callback_id(update, context)
    if listing_id is None:
        return END
    async with context.session() as s:
        listing = await s.get(Listing, listing_id)
        ok = listing is not None and svc.orderable(listing)
        own = listing is not None and listing.seller_id == _uid(update)
    if not ok or own:
        await query.answer(context.t("ord-err-own" if own else "ord-err-unavailable"), show_alert=True)
        return END
    await query.answer()
    return await _go(update, context, {"listing_id": listing_id}, "quantity")


async def _current(update: Update, context: HamyarContext) -> tuple[dict[str, Any], Listing | None]:
    async with context.session() as s:
        data = await _draft_get(s, _uid(update), DRAFT)
        listing = await _listing_for(s, data) if data else None
    return data, listing


async def _hint(update: Update, context: HamyarContext, err: InputError) -> str | int:
    data, listing = await _current(update, context)
    if listing is None:
        return await _go(update, context, data, "quantity")
    return await ask(update, context, data.get("step", "quantity"), data, listing,
                     context.t(err.key, **err.args_))


async def on_quantity(update: Update, context: HamyarContext) -> str | int:
    data, listing = await _current(update, context)
    if listing is None:
        return await _go(update, context, data, "quantity")
    try:
        data["quantity"] = svc.parse_quantity(listing, update.message.text or "")  # type: ignore[union-attr]
    except InputError as err:
        return await _hint(update, context, err)
    return await _go(update, context, data, "delivery")


async def on_delivery(update: Update, context: HamyarContext) -> str | int:
    query = update.callback_query
    assert query is not None
    data, listing = await _current(update, context)
    method = (query.data or "").removeprefix("ord:dlv:")
    try:
        if listing is None:
            raise InputError("ord-err-unavailable")
        svc.delivery_option(listing, method)
    except InputError as err:
        await query.answer(context.t(err.key), show_alert=True)
        return "delivery"
    await query.answer()
    try:
        await query.edit_message_reply_markup(None)
    except BadRequest:
        pass
    if data.get("delivery") != method:
        data.pop("address", None) if not svc.needs_address(method) else None
    data["delivery"] = method
    return await _go(update, context, data, "name")


async def on_name(update: Update, context: HamyarContext) -> str | int:
    data, _ = await _current(update, context)
    try:
        data["name"] = reg.validate_name(update.message.text or "")  # type: ignore[union-attr]
    except InputError as err:
        return await _hint(update, context, err)
    return await _go(update, context, data, _next("name", data))


async def on_address(update: Update, context: HamyarContext) -> str | int:
    data, _ = await _current(update, context)
    try:
        data["address"] = svc.validate_address(update.message.text or "")  # type: ignore[union-attr]
    except InputError as err:
        return await _hint(update, context, err)
    return await _go(update, context, data, "phone")


async def on_phone_text(update: Update, context: HamyarContext) -> str | int:
    try:
        phone = reg.validate_phone(update.message.text or "")  # type: ignore[union-attr]
    except InputError as err:
        return await _hint(update, context, err)
    data, _ = await _current(update, context)
    data["phone"] = phone
    return await _go(update, context, data, "note")


async def on_contact(update: Update, context: HamyarContext) -> str | int:
    contact = update.message.contact  # type: ignore[union-attr]
    try:
        phone = reg.validate_contact(contact.phone_number, contact.user_id, _uid(update))  # type: ignore[union-attr]
    except InputError as err:
        return await _hint(update, context, err)
    data, _ = await _current(update, context)
    data["phone"] = phone
    return await _go(update, context, data, "note")


async def on_note(update: Update, context: HamyarContext) -> str | int:
    data, _ = await _current(update, context)
    try:
        data["note"] = svc.validate_note(update.message.text or "")  # type: ignore[union-attr]
    except InputError as err:
        return await _hint(update, context, err)
    return await _go(update, context, data, "confirm")


async def skip_note(update: Update, context: HamyarContext) -> str | int:
    data, _ = await _current(update, context)
    data["note"] = None
    return await _go(update, context, data, "confirm")


async def on_confirm(update: Update, context: HamyarContext) -> str | int:
    query = update.callback_query
    assert query is not None
    async with context.session() as s:
        data = await _draft_get(s, _uid(update), DRAFT)
        try:
            if not data or data.get("step") != "confirm":
                raise InputError("stale-button")
            order = await svc.place(s, _uid(update), data)
        except InputError as err:
            await s.rollback()
            await query.answer(context.t(err.key, **err.args_), show_alert=True)
            return "confirm" if err.key == "stale-button" else END
        await _draft_drop(s, _uid(update), DRAFT)
        await write_state(s, ORDER, _key(update), None)
    await query.answer()
    try:
        await query.edit_message_reply_markup(None)
    except BadRequest:
        pass
    await send(context, _chat(update), context.t("ord-placed", id=order.id), _menu(context))
    return END


async def back(update: Update, context: HamyarContext) -> str | int:
    if update.callback_query:
        await update.callback_query.answer()
    data, _ = await _current(update, context)
    prev = _prev(data.get("step", "quantity"), data)
    if prev is None:
        return await cancel(update, context)
    return await _go(update, context, data, prev)


async def cancel(update: Update, context: HamyarContext) -> int:
    if update.callback_query:
        await update.callback_query.answer()
    async with context.session() as s:
        await _draft_drop(s, _uid(update), DRAFT)
        await write_state(s, ORDER, _key(update), None)
    await send(context, _chat(update), context.t("ord-cancelled-draft"), _menu(context))
    return END


async def wrong(update: Update, context: HamyarContext) -> str | int:
    data, listing = await _current(update, context)
    if listing is None:
        return await cancel(update, context)
    step = data.get("step", "quantity")
    key = {"quantity": "ord-err-quantity", "delivery": "reg-err-choose-button",
           "confirm": "reg-err-choose-button", "phone": "reg-err-phone-type"}.get(step, "reg-err-text-expected")
    return await ask(update, context, step, data, listing,
                     context.t(key, max=svc.max_quantity(listing)))


async def stale(update: Update, context: HamyarContext) -> None:
    await update.callback_query.answer(context.t("stale-button"))  # type: ignore[union-attr]


def build_order(i18n: I18n) -> ConversationHandler[HamyarContext]:
    back_f = keyboards.label_filter(i18n, "btn-back")
    cancel_f = keyboards.label_filter(i18n, "btn-cancel")
    skip_f = keyboards.label_filter(i18n, "btn-skip")
    text = filters.TEXT & ~filters.COMMAND & ~back_f & ~cancel_f

    def state(*handlers: Any) -> list[Any]:
        return [CommandHandler("cancel", cancel), MessageHandler(cancel_f, cancel), leave_for_link(ORDER),
                MessageHandler(back_f, back), CallbackQueryHandler(back, pattern=r"^ord:back$"),
                CallbackQueryHandler(cancel, pattern=r"^ord:cancel$"), *handlers]

    return ConversationHandler(
        entry_points=[CallbackQueryHandler(start_order, pattern=r"^ord:new:\d+$")],
        states={
            "quantity": state(MessageHandler(text, on_quantity)),
            "delivery": state(CallbackQueryHandler(on_delivery, pattern=r"^ord:dlv:")),
            "name": state(MessageHandler(text, on_name)),
            "address": state(MessageHandler(text, on_address)),
            "phone": state(MessageHandler(filters.CONTACT, on_contact), MessageHandler(text, on_phone_text)),
            "note": state(MessageHandler(skip_f, skip_note), MessageHandler(text, on_note)),
            "confirm": state(CallbackQueryHandler(on_confirm, pattern=r"^ord:confirm$")),
        },
        fallbacks=[CallbackQueryHandler(stale, pattern=r"^ord:"),
                   MessageHandler(~filters.COMMAND & filters.ChatType.PRIVATE, wrong)],
        name=ORDER, persistent=True, per_chat=True, per_user=True,
    )
