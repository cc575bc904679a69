"""Typed answers about an order: a decline or cancel reason, a tracking code, a card number,
a message relayed to the other party, a photo of the receipt, the words of a review.

An order card's button (handlers/orders.py) opens the small "order_chat" conversation in the
mode it needs (its steps are the table `FLOW`, docs/flows/order_chat.mmd); the order and the
mode are kept in the `order_ctx` draft, and the answer is checked again on arrival.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.ext import (
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot import keyboards
from bot.context import HamyarContext
from bot.flows import END as FLOW_END
from bot.flows import START, Edge, Flow
from bot.i18n import I18n
from bot.persistence import write_state
from bot.services import drafts, order_cards
from bot.services import order_relay as relay
from bot.services import orders as svc
from bot.services.errors import InputError
from handlers.common import Handler, chat_of, key_of, main_menu, send, user_of

CHAT = "order_chat"
CTX = "order_ctx"  # the drafts kind: which order, and what answer is awaited
END = ConversationHandler.END

PROMPTS = {"decline_reason": "ord-ask-decline-reason", "cancel_reason": "ord-ask-cancel-reason",
           "tracking": "ord-ask-tracking", "message": "ord-ask-message", "receipt": "ord-ask-receipt",
           "card": "ord-ask-card", "review_text": "ord-ask-review-text"}
SKIPPABLE = ("tracking", "review_text")
NOTES = {"message": "ord-relayed", "receipt": "ord-receipt-sent", "review_text": "ord-review-saved",
         "card": "ord-card-given"}
NO_CARD_AFTER = ("message", "review_text")  # the card is shown again after the others

_OPENED_BY = {"decline_reason": "«نمی‌پذیرم» (o:dec)", "cancel_reason": "«لغو با ذکر دلیل» (o:cxr)",
              "tracking": "«ارسال کردم» (o:ship)", "message": "«پیام به …» or «پاسخ» (o:msg)",
              "receipt": "«فرستادن عکس رسید» (o:rcpt)", "card": "«کارت دیگر» or «کارت‌به‌کارت» (o:pay:newcard)",
              "review_text": "the stars (o:rate)"}
FLOW = Flow(CHAT, tuple(
    edge for mode, opened_by in _OPENED_BY.items() for edge in (
        Edge(START, mode, opened_by),
        Edge(mode, mode, "an answer that does not fit: a hint"),
        Edge(mode, FLOW_END, "the answer" + (" or skip" if mode in SKIPPABLE else "")
             + ", cancel or back"),
    )))





Card = tuple[str, dict[str, Any] | None]


async def show_card(update: Update, context: HamyarContext, card: Card) -> None:
    """The order's card (from order_cards.card), as this person may see it, with her buttons."""
    text, markup = card
    await send(context, chat_of(update), text, InlineKeyboardMarkup.de_json(markup, None) if markup else None)


# -- asking ------------------------------------------------------------------------------------

async def start_typed(s: Any, update: Update, role: svc.Role, mode: str) -> None:
    """Inside the button's unit of work: the answer may be asked for now, and is awaited."""
    svc.may_answer(role, mode)
    await drafts.put(s, user_of(update), CTX, {"order_id": role.order.id, "mode": mode})
    await write_state(s, CHAT, key_of(update), mode)


async def prompt(update: Update, context: HamyarContext, mode: str, key: str | None = None) -> str:
    """Ask for the answer `mode` awaits (`key`: another wording of the question)."""
    extra = [context.t("btn-skip")] if mode in SKIPPABLE else []
    await send(context, chat_of(update), context.t(key or PROMPTS[mode]), keyboards.reply_nav(context.t, extra))
    return mode


# -- answers -----------------------------------------------------------------------------------

async def _apply(s: Any, role: svc.Role, mode: str | None, msg: Message, skipped: bool) -> None:
    if skipped:
        if mode == "tracking":
            await svc.shipped(s, role, None)
        return  # review_text: the stars are saved already
    if mode == "decline_reason":
        await svc.decline(s, role, msg.text or "")
    elif mode == "cancel_reason":
        await svc.cancel_with_reason(s, role, msg.text or "")
    elif mode == "tracking":
        if not msg.text:  # a photo of the post receipt is not a code: ask again
            raise InputError("ord-err-tracking-type")
        await svc.shipped(s, role, msg.text)
    elif mode == "card":
        await svc.accept(s, role, "card", svc.validate_card(msg.text or ""))
    elif mode == "review_text":
        if not msg.text:
            raise InputError("reg-err-text-expected")
        await svc.review(s, role, await svc.review_stars(s, role.order.id), msg.text)
    elif mode == "message":
        if msg.photo:
            await relay.relay(s, role, "photo", msg.caption, msg.photo[-1].file_id)
        elif msg.voice:
            await relay.relay(s, role, "voice", None, msg.voice.file_id)
        elif msg.text:
            await relay.relay(s, role, "text", msg.text, None)
        else:
            raise InputError("ord-err-relay-type")
    elif mode == "receipt":
        if not msg.photo:
            raise InputError("ord-err-receipt-type")
        await svc.receipt(s, role, msg.photo[-1].file_id)


async def _close(s: Any, update: Update) -> None:
    await drafts.drop(s, user_of(update), CTX)
    await write_state(s, CHAT, key_of(update), None)


async def _finish(update: Update, context: HamyarContext, note_key: str | None,
                  order_id: int | None = None) -> int:
    """Its own unit of work (after a refusal): nothing is awaited any more; the card again
    when `order_id` is given."""
    card = None
    async with context.session() as s:
        await _close(s, update)
        if order_id is not None:
            role = await svc.for_user(s, order_id, user_of(update))
            card = await order_cards.card(s, role.order, role.role, context.locale)
    if note_key:
        await send(context, chat_of(update), context.t(note_key), main_menu(context))
    if card:
        await show_card(update, context, card)
    return END


async def _answer(update: Update, context: HamyarContext, *, skip: bool) -> str | int | None:
    msg = update.message
    assert msg is not None
    mode: str | None = None
    data: dict[str, Any] = {}
    skipped = False
    card = None
    try:
        async with context.session() as s:
            data = await drafts.get(s, user_of(update), CTX)
            if not data:
                return END
            mode = data.get("mode")
            skipped = skip and mode in SKIPPABLE
            try:
                role: svc.Role | None = await svc.for_user(s, data["order_id"], user_of(update))
            except svc.NotYours:
                role = None
            if role is not None:
                await _apply(s, role, mode, msg, skipped)
                if mode not in NO_CARD_AFTER:
                    card = await order_cards.card(s, role.order, role.role, context.locale)
            await _close(s, update)
    except InputError as err:
        if skipped:
            await send(context, chat_of(update), context.t(err.key, **err.args_), main_menu(context))
            return await _finish(update, context, None, order_id=data["order_id"])
        if err.key in ("ord-err-state", "ord-err-stock"):  # nothing is awaited any more: the menu
            await send(context, chat_of(update), context.t(err.key, **err.args_), main_menu(context))
            return await _finish(update, context, None, order_id=data["order_id"])
        await send(context, chat_of(update), context.t(err.key, **err.args_),
                   keyboards.reply_nav(context.t, [context.t("btn-skip")] if mode in SKIPPABLE else []))
        return mode  # asked again; None (no mode stored) keeps the conversation where it is
    except svc.NotYours:
        return await _finish(update, context, "ord-err-not-yours")
    if role is None:
        await send(context, chat_of(update), context.t("ord-err-not-yours"), main_menu(context))
        return END
    await send(context, chat_of(update), context.t(NOTES.get(mode or "", "ord-done")), main_menu(context))
    if card:
        await show_card(update, context, card)
    return END


async def on_typed(update: Update, context: HamyarContext) -> str | int | None:
    return await _answer(update, context, skip=False)


async def on_skip(update: Update, context: HamyarContext) -> str | int | None:
    """«رد شدن»: no tracking code, or no words to the stars; elsewhere it is just text."""
    return await _answer(update, context, skip=True)


async def cancel_typed(update: Update, context: HamyarContext) -> int:
    """Nothing changes. Left while giving her card number (the order is not accepted yet, and
    the card she pressed «می‌پذیرم» on has no buttons any more), the order's card comes again
    with its buttons, so she need not look for it in «سفارش‌های من»."""
    async with context.session() as s:
        data = await drafts.get(s, user_of(update), CTX)
    order_id = data.get("order_id") if data.get("mode") == "card" else None
    try:
        return await _finish(update, context, "ord-typing-cancelled", order_id=order_id)
    except (svc.NotYours, InputError):
        return await _finish(update, context, None)


def build_chat(i18n: I18n, entry_points: list[Handler],
               ) -> ConversationHandler[HamyarContext]:
    back_f = keyboards.label_filter(i18n, "btn-back")
    cancel_f = keyboards.label_filter(i18n, "btn-cancel")
    skip_f = keyboards.label_filter(i18n, "btn-skip")
    content = (filters.TEXT | filters.PHOTO | filters.VOICE | filters.ALL) & ~filters.COMMAND & ~back_f & ~cancel_f

    def state() -> list[Handler]:
        return [CommandHandler("cancel", cancel_typed), MessageHandler(cancel_f | back_f, cancel_typed),
                MessageHandler(skip_f, on_skip), MessageHandler(content, on_typed)]

    handlers: dict[str, Callable[[], list[Handler]]] = {m: state for m in PROMPTS}
    return ConversationHandler(
        entry_points=entry_points,
        states={mode: handlers[mode]() for mode in FLOW.states},
        fallbacks=[],
        name=CHAT, persistent=True, per_chat=True, per_user=True,
    )
