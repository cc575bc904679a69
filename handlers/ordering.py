"""Buyers order through the bot.

- `/start l_<code>` (the channel's «سفارش» button) shows the listing here.
- The "order" conversation asks quantity, delivery, receiver, address, phone, note, and
  places the order (answers kept in the `order` draft, the step committed with each answer in
  the same unit of work). Its steps are the table `FLOW` (docs/flows/order.mmd).
Acting on an order once it exists: handlers/orders.py and handlers/order_chat.py.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from telegram import CallbackQuery, KeyboardButton, Update
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot import keyboards, persian
from bot.callbacks import ORDER_FORM_KINDS, OrderDelivery, OrderNew, OrderStep
from bot.context import HamyarContext
from bot.flows import END as FLOW_END
from bot.flows import START, Edge, Flow, back_edges, forward_edges, leave_edges
from bot.i18n import I18n
from bot.persistence import write_state
from bot.services import drafts, order_cards
from bot.services import order_form as form
from bot.services import orders as svc
from bot.services import registration as reg
from bot.services.errors import InputError
from handlers.common import (
    Handler,
    ask_inline,
    chat_of,
    drop_buttons,
    key_of,
    main_menu,
    read_button,
    send,
    stale_callback,
    text_of,
    user_of,
)
from handlers.deeplinks import leave_for_link
from handlers.order_listing import show_listing as show_listing  # the /start l_<code> link

ORDER = "order"
END = ConversationHandler.END
DRAFT = form.DRAFT

STEPS = form.STEPS  # quantity, delivery, name, address, phone, note, confirm
FLOW = Flow(ORDER, (
    Edge(START, "quantity", "«سفارش می‌دهم» (ord:new)"),
    *forward_edges(STEPS, "a quantity", "a delivery button (ord:dlv)", "a name, courier or post",
                   "an address", "a phone or her contact", "a note or skip"),
    Edge("name", "phone", "a name, pickup"),
    Edge("name", "note", "«همان نشانی قبلی», her last receiver (ordered before)"),
    Edge("name", "address", "«همان نشانی قبلی», but no address given before"),
    Edge("confirm", FLOW_END, "«ثبت سفارش» (ord:confirm), the order is placed"),
    *back_edges(STEPS[:STEPS.index("address") + 1]),
    Edge("phone", "address", "back, courier or post"),
    Edge("phone", "name", "back, pickup"),
    *back_edges(STEPS[STEPS.index("phone"):]),
    Edge("quantity", FLOW_END, "back"),
    *leave_edges(STEPS, "cancel, a /start link, or the listing no longer orderable"),
))





def _num(context: HamyarContext, n: float | int) -> str:
    if isinstance(n, float):
        text = f"{n:.1f}"
        return persian.to_persian_digits(text.replace(".", "٫")) if context.locale == "fa" else text
    return persian.format_number(n, latin=context.locale != "fa")


# -- the order conversation ----------------------------------------------------------------

NAV = (OrderStep("back"), OrderStep("cancel"))


async def ask(update: Update, context: HamyarContext, step: str, data: dict[str, Any],
              listing: Any, hint: str | None = None) -> str:
    """The question of `step` (after `hint`, what was wrong with the last answer)."""
    t = context.t
    chat = chat_of(update)
    prefix = f"{hint}\n\n" if hint else ""
    nav = [(t("btn-back"), NAV[0].pack()), (t("btn-cancel"), NAV[1].pack())]
    if step == "quantity":
        maximum = form.max_quantity(listing)
        row = [_num(context, n) for n in range(1, min(maximum, 5) + 1)]
        await send(context, chat, prefix + t("ord-ask-quantity", max=maximum), keyboards.reply_nav(t, row))
    elif step == "delivery":
        # The button says the way only (short on a phone); cost and total are in the text.
        items, lines = [], [t("ord-ask-delivery")]
        for d in listing.delivery or []:
            lines.append(order_cards.delivery_choice(context.locale, listing, d, int(data["quantity"])))
            items.append((t(order_cards.DELIVERY_KEYS[d["method"]]), OrderDelivery(d["method"]).pack()))
        await ask_inline(context, chat, "\n".join(lines), keyboards.grid(items, 1, nav), lead=hint)
    elif step == "name":
        last = data.get("last")
        if last:  # she has ordered before: the same receiver in one tap, or new ones typed
            shown = order_cards.phone(context.locale, last["phone"])
            where = t("ord-last-address", address=last["address"]) if last.get("address") else ""
            question = t("ord-ask-name-or-last", name=last["name"], phone=shown, address=where)
            extra = [t("ord-btn-same-as-last")]
        else:
            question, extra = t("ord-ask-name"), []
        if data.get("name") and data["name"] != (last or {}).get("name"):
            extra.append(data["name"])
        await send(context, chat, prefix + question, keyboards.reply_nav(t, extra))
    elif step == "address":
        await send(context, chat, prefix + t("ord-ask-address"), keyboards.reply_nav(t))
    elif step == "phone":
        share = KeyboardButton(t("btn-share-phone"), request_contact=True)
        await send(context, chat, prefix + t("ord-ask-phone"), keyboards.reply_nav(t, [share]))
    elif step == "note":
        await send(context, chat, prefix + t("ord-ask-note"), keyboards.reply_nav(t, [t("btn-skip")]))
    else:
        option = form.delivery_option(listing, data["delivery"])
        text = order_cards.form_summary(context.locale, listing, option, data)
        await ask_inline(context, chat, text, keyboards.grid(
            [(t("ord-btn-confirm"), OrderStep("confirm").pack())], 1, nav), lead=hint)
    return step


async def _save(s: Any, update: Update, data: dict[str, Any], step: str) -> None:
    data["step"] = step
    await drafts.put(s, user_of(update), DRAFT, data)
    await write_state(s, ORDER, key_of(update), step)


async def _end(s: Any, update: Update) -> None:
    await drafts.drop(s, user_of(update), DRAFT)
    await write_state(s, ORDER, key_of(update), None)


async def _unavailable(update: Update, context: HamyarContext) -> int:
    await send(context, chat_of(update), context.t("ord-err-unavailable"), main_menu(context))
    return END


async def _advance(update: Update, context: HamyarContext,
                   move: Callable[[form.Listing, dict[str, Any]], str],
                   retry: str | None = None) -> str | int:
    """One answer in one unit of work: `move(listing, form)` records it in the form and returns
    the next step, which is asked; or raises InputError, and `retry` (by default the step she
    is at) is asked again with the hint. A listing no longer orderable ends the form."""
    hint = None
    async with context.session() as s:
        data = await drafts.get(s, user_of(update), DRAFT)
        listing = await form.draft_listing(s, data)
        if listing is None:
            await _end(s, update)
        else:
            try:
                step = move(listing, data)
            except InputError as err:
                hint = context.t(err.key, **err.args_)
                step = retry or data.get("step", "quantity")
            else:
                await _save(s, update, data, step)
    if listing is None:
        return await _unavailable(update, context)
    return await ask(update, context, step, data, listing, hint)


async def _step(update: Update, context: HamyarContext, key: str,
                answer: Callable[[form.Listing], Any]) -> str | int:
    """A typed answer: `answer(listing)` is the value of `key` (or raises InputError)."""
    def move(listing: form.Listing, data: dict[str, Any]) -> str:
        data[key] = answer(listing)
        return form.next_step(key, data)

    return await _advance(update, context, move)


async def start_order(update: Update, context: HamyarContext) -> str | int:
    button = await read_button(update, context, OrderNew)
    if button is None:
        return END
    query, pressed = button
    try:
        async with context.session() as s:
            listing = await form.start(s, user_of(update), pressed.listing_id)
            data: dict[str, Any] = {"listing_id": listing.id}
            last = await form.last_receiver(s, user_of(update))
            if last:
                data["last"] = last
            await _save(s, update, data, "quantity")
    except InputError as err:
        await query.answer(context.t(err.key), show_alert=True)
        return END
    await query.answer()
    return await ask(update, context, "quantity", data, listing)


async def on_quantity(update: Update, context: HamyarContext) -> str | int:
    return await _step(update, context, "quantity",
                       lambda listing: form.parse_quantity(listing, text_of(update)))


async def on_delivery(update: Update, context: HamyarContext) -> str | int:
    query = update.callback_query
    assert query is not None
    pressed = OrderDelivery.parse(query.data)
    try:
        async with context.session() as s:
            data = await drafts.get(s, user_of(update), DRAFT)
            listing = await form.draft_listing(s, data)
            form.choose_delivery(listing, data, pressed.method if pressed else "")
            await _save(s, update, data, "name")
    except InputError as err:
        await query.answer(context.t(err.key), show_alert=True)
        return "delivery"
    await query.answer()
    await drop_buttons(update)
    return await ask(update, context, "name", data, listing)


async def on_name(update: Update, context: HamyarContext) -> str | int:
    return await _step(update, context, "name", lambda _: reg.validate_name(text_of(update)))


async def on_same_as_last(update: Update, context: HamyarContext) -> str | int:
    """«همان نشانی قبلی»: name, phone (and address) of her last order in one tap."""
    return await _advance(update, context, lambda _, data: form.use_last(data), retry="name")


async def on_address(update: Update, context: HamyarContext) -> str | int:
    return await _step(update, context, "address", lambda _: form.validate_address(text_of(update)))


async def on_phone_text(update: Update, context: HamyarContext) -> str | int:
    return await _step(update, context, "phone", lambda _: reg.validate_phone(text_of(update)))


async def on_contact(update: Update, context: HamyarContext) -> str | int:
    contact = update.message.contact if update.message else None
    if contact is None:  # (filters.CONTACT lets only contacts in) asked again, with the hint
        return await on_phone_text(update, context)
    sender = user_of(update)
    return await _step(update, context, "phone", lambda _: reg.validate_contact(
        contact.phone_number, contact.user_id, sender))


async def on_note(update: Update, context: HamyarContext) -> str | int:
    return await _step(update, context, "note", lambda _: form.validate_note(text_of(update)))


async def skip_note(update: Update, context: HamyarContext) -> str | int:
    return await _step(update, context, "note", lambda _: None)


async def on_confirm(update: Update, context: HamyarContext) -> str | int:
    query = update.callback_query
    assert query is not None
    try:
        async with context.session() as s:
            data = await drafts.get(s, user_of(update), DRAFT)
            if not data or data.get("step") != "confirm":
                raise InputError("stale-button")
            order = await svc.place(s, user_of(update), data)
            await _end(s, update)
    except InputError as err:
        if err.key in GONE:  # nothing left to order: said at once, and the form ends
            return await _gone(update, context, query, err)
        await query.answer(context.t(err.key, **err.args_), show_alert=True)
        return "confirm" if err.key in ("stale-button", "ord-err-fewer-left") else END
    await query.answer()
    await drop_buttons(update)
    await send(context, chat_of(update), context.t("ord-placed-held", id=order.id, hours=svc.HOLD_HOURS),
               main_menu(context))
    return END


GONE = ("ord-err-sold-out-now", "ord-err-unavailable")


async def _gone(update: Update, context: HamyarContext, query: CallbackQuery, err: InputError) -> int:
    async with context.session() as s:
        await _end(s, update)
    await query.answer()
    await drop_buttons(update)
    await send(context, chat_of(update), context.t(err.key), main_menu(context))
    return END


async def back(update: Update, context: HamyarContext) -> str | int:
    if update.callback_query:
        await update.callback_query.answer()
    async with context.session() as s:
        data = await drafts.get(s, user_of(update), DRAFT)
        prev = form.previous_step(data.get("step", "quantity"), data)
        listing = await form.draft_listing(s, data) if prev else None
        if prev is None or listing is None:
            await _end(s, update)
        else:
            await _save(s, update, data, prev)
    if prev is None:
        return await _cancelled(update, context)
    if listing is None:
        return await _unavailable(update, context)
    return await ask(update, context, prev, data, listing)


async def _cancelled(update: Update, context: HamyarContext) -> int:
    await send(context, chat_of(update), context.t("ord-cancelled-draft"), main_menu(context))
    return END


async def cancel(update: Update, context: HamyarContext) -> int:
    if update.callback_query:
        await update.callback_query.answer()
    async with context.session() as s:
        await _end(s, update)
    return await _cancelled(update, context)


async def wrong(update: Update, context: HamyarContext) -> str | int:
    async with context.session() as s:
        data = await drafts.get(s, user_of(update), DRAFT)
        listing = await form.draft_listing(s, data)
        if listing is None:
            await _end(s, update)
    if listing is None:
        return await _cancelled(update, context)
    step = data.get("step", "quantity")
    key = {"quantity": "ord-err-quantity", "delivery": "reg-err-choose-button",
           "confirm": "reg-err-choose-button", "phone": "reg-err-phone-type"}.get(step, "reg-err-text-expected")
    return await ask(update, context, step, data, listing,
                     context.t(key, max=form.max_quantity(listing)))


def build_order(i18n: I18n) -> ConversationHandler[HamyarContext]:
    back_f = keyboards.label_filter(i18n, "btn-back")
    cancel_f = keyboards.label_filter(i18n, "btn-cancel")
    skip_f = keyboards.label_filter(i18n, "btn-skip")
    last_f = keyboards.label_filter(i18n, "ord-btn-same-as-last")
    text = filters.TEXT & ~filters.COMMAND & ~back_f & ~cancel_f

    def state(*handlers: Handler) -> list[Handler]:
        return [CommandHandler("cancel", cancel), MessageHandler(cancel_f, cancel), leave_for_link(ORDER),
                MessageHandler(back_f, back), CallbackQueryHandler(back, pattern=OrderStep.pattern(press="back")),
                CallbackQueryHandler(cancel, pattern=OrderStep.pattern(press="cancel")), *handlers]

    steps = {
        "quantity": state(MessageHandler(text, on_quantity)),
        "delivery": state(CallbackQueryHandler(on_delivery, pattern=OrderDelivery.pattern())),
        "name": state(MessageHandler(last_f, on_same_as_last), MessageHandler(text, on_name)),
        "address": state(MessageHandler(text, on_address)),
        "phone": state(MessageHandler(filters.CONTACT, on_contact), MessageHandler(text, on_phone_text)),
        "note": state(MessageHandler(skip_f, skip_note), MessageHandler(text, on_note)),
        "confirm": state(CallbackQueryHandler(on_confirm, pattern=OrderStep.pattern(press="confirm"))),
    }
    stale_buttons: list[Handler] = [CallbackQueryHandler(stale_callback, pattern=kind.pattern())
                                    for kind in ORDER_FORM_KINDS]
    return ConversationHandler(
        entry_points=[CallbackQueryHandler(start_order, pattern=OrderNew.pattern())],
        states={name: steps[name] for name in FLOW.states},
        fallbacks=[*stale_buttons, MessageHandler(~filters.COMMAND & filters.ChatType.PRIVATE, wrong)],
        name=ORDER, persistent=True, per_chat=True, per_user=True,
    )
