"""Acting on an order: the `o:<action>:<id>` buttons, typed answers about an order (the
"order_chat" conversation), «سفارش‌های من», and the trainers' list of stuck orders."""

from __future__ import annotations

from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
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
from bot.ids import parse_id
from bot.persistence import write_state
from bot.services import orders as svc
from bot.services.errors import InputError
from bot.services.trainers import is_moderator
from handlers.common import send
from models import order as om
from models.listing import Listing
from models.state import Draft
from models.user import Seller

CHAT = "order_chat"
CTX = "order_ctx"
END = ConversationHandler.END
LIST_ICONS = {"buyer": "ord-list-buy", "seller": "ord-list-sell"}


def _uid(update: Update) -> int:
    return update.effective_user.id  # type: ignore[union-attr]


def _chat(update: Update) -> int:
    return update.effective_chat.id  # type: ignore[union-attr]


def _menu(context: HamyarContext) -> Any:
    return keyboards.main_menu(context.t, is_seller=context.is_seller)


def _parse(data: str | None) -> tuple[str, int] | None:
    parts = (data or "").split(":")
    if len(parts) < 3 or parse_id(parts[-1]) is None:
        return None
    return ":".join(parts[1:-1]), int(parts[-1])


async def _role(update: Update, context: HamyarContext, s: Any, order_id: int) -> svc.Role | None:
    try:
        return await svc.for_user(s, order_id, _uid(update))
    except svc.NotYours:
        if update.callback_query:
            await update.callback_query.answer(context.t("ord-err-not-yours"), show_alert=True)
        else:
            await send(context, _chat(update), context.t("ord-err-not-yours"))
        return None


async def _show(update: Update, context: HamyarContext, order_id: int, note: str | None = None) -> None:
    """The order's card, as this person may see it, with her buttons."""
    async with context.session() as s:
        role = await svc.for_user(s, order_id, _uid(update))
        text = await svc.summary_text(s, role.order, role.role, context.locale)
        markup = svc.order_buttons(role.order, role.role, context.locale)
    if note:
        text = f"{note}\n\n{text}"
    await send(context, _chat(update), text,
               InlineKeyboardMarkup.de_json(markup, None) if markup else None)


# -- buttons ---------------------------------------------------------------------------------

SIMPLE = {
    "cxl": svc.cancel_new, "paid": svc.confirm_paid, "nopaid": svc.not_paid,
    "prep": svc.preparing, "recv": svc.received,
}
TYPED = {"dec": "decline_reason", "cxr": "cancel_reason", "ship": "tracking", "msg": "message",
         "rcpt": "receipt"}


async def on_action(update: Update, context: HamyarContext) -> str | int | None:
    query = update.callback_query
    assert query is not None
    parsed = _parse(query.data)
    if parsed is None:
        await query.answer(context.t("invalid-choice"), show_alert=True)
        return END
    action, order_id = parsed
    async with context.session() as s:
        role = await _role(update, context, s, order_id)
        if role is None:
            return END
        try:
            if action in SIMPLE:
                await SIMPLE[action](s, role)
            elif action == "view":
                pass
            elif action == "acc":
                svc._require(role.order, role, "seller", (om.NEW,))
            elif action.startswith("pay:"):
                return await _pay(update, context, s, role, action.split(":", 1)[1])
            elif action.startswith("rate:"):
                return await _rate(update, context, s, role, action)
            elif action in TYPED:
                return await _ask_typed(update, context, s, role, TYPED[action])
            else:
                raise InputError("invalid-choice")
        except InputError as err:
            await s.rollback()
            await query.answer(context.t(err.key, **err.args_), show_alert=True)
            return END
        except svc.NotYours:
            await query.answer(context.t("ord-err-not-yours"), show_alert=True)
            return END
    if action == "acc":  # not done yet: the payment question comes next
        await query.answer()
    else:
        await query.answer(context.t("ord-done") if action != "view" else None)
    if action != "view":  # the pressed card has had its say; the fresh card below has the buttons
        try:
            await query.edit_message_reply_markup(None)
        except BadRequest:
            pass
    if action == "acc":
        await _ask_payment(update, context, order_id)
        return END
    if action == "recv":
        await _ask_rating(update, context, order_id)
        return END
    await _show(update, context, order_id)
    return END


async def _ask_payment(update: Update, context: HamyarContext, order_id: int) -> None:
    async with context.session() as s:
        seller = await s.get(Seller, _uid(update))
    items = [(context.t("ord-btn-cod"), f"o:pay:cod:{order_id}")]
    if seller is not None and seller.card_number:
        card = persian.to_persian_digits(seller.card_number[-4:]) if context.locale == "fa" else seller.card_number[-4:]
        items.append((context.t("ord-btn-use-card", card="…" + card), f"o:pay:card:{order_id}"))
        items.append((context.t("ord-btn-new-card"), f"o:pay:newcard:{order_id}"))
    else:
        items.append((context.t("ord-btn-card"), f"o:pay:newcard:{order_id}"))
    await send(context, _chat(update), context.t("ord-ask-payment"), keyboards.grid(items, 1))


async def _pay(update: Update, context: HamyarContext, s: Any, role: svc.Role, how: str) -> str | int:
    query = update.callback_query
    assert query is not None
    if how == "newcard":
        svc._require(role.order, role, "seller", (om.NEW,))
        return await _ask_typed(update, context, s, role, "card")
    if how not in (om.COD, om.CARD):
        raise InputError("invalid-choice")
    await svc.accept(s, role, how)
    await s.commit()
    await query.answer(context.t("ord-done"))
    try:
        await query.edit_message_reply_markup(None)
    except BadRequest:
        pass
    await _show(update, context, role.order.id)
    return END


async def _ask_rating(update: Update, context: HamyarContext, order_id: int) -> None:
    stars = [(("⭐️" * n), f"o:rate:{n}:{order_id}") for n in range(5, 0, -1)]
    await send(context, _chat(update), context.t("ord-ask-rating", id=order_id), keyboards.grid(stars, 1))


async def _rate(update: Update, context: HamyarContext, s: Any, role: svc.Role, action: str) -> str | int:
    query = update.callback_query
    assert query is not None
    try:
        stars = int(action.split(":")[1])
    except (IndexError, ValueError):
        raise InputError("invalid-choice") from None
    await svc.review(s, role, stars, None)
    await query.answer()
    try:
        await query.edit_message_text("⭐️" * stars)
    except BadRequest:
        pass
    return await _ask_typed(update, context, s, role, "review_text")


# -- typed answers ---------------------------------------------------------------------------

PROMPTS = {"decline_reason": "ord-ask-decline-reason", "cancel_reason": "ord-ask-cancel-reason",
           "tracking": "ord-ask-tracking", "message": "ord-ask-message", "receipt": "ord-ask-receipt",
           "card": "ord-ask-card", "review_text": "ord-ask-review-text"}
SKIPPABLE = ("tracking", "review_text")


async def _ask_typed(update: Update, context: HamyarContext, s: Any, role: svc.Role, mode: str) -> str:
    if mode == "decline_reason":
        svc._require(role.order, role, "seller", (om.NEW,))
    elif mode == "tracking":
        svc._require(role.order, role, "seller", (om.ACCEPTED, om.PAID, om.PREPARING))
        if role.order.status == om.ACCEPTED and role.order.payment_method == om.CARD:
            raise InputError("ord-err-not-paid-yet")
    elif mode == "receipt":
        svc._require(role.order, role, "buyer", (om.ACCEPTED,))
    elif mode in ("message", "cancel_reason") and role.order.status not in om.OPEN:
        raise InputError("ord-err-state")
    row = await s.get(Draft, (_uid(update), CTX))
    data = {"order_id": role.order.id, "mode": mode}
    if row is None:
        s.add(Draft(user_id=_uid(update), kind=CTX, data=data))
    else:
        row.data = data
    await write_state(s, CHAT, (_chat(update), _uid(update)), mode)
    await s.commit()
    if update.callback_query:
        try:
            await update.callback_query.answer()
        except BadRequest:
            pass
    extra = [context.t("btn-skip")] if mode in SKIPPABLE else []
    await send(context, _chat(update), context.t(PROMPTS[mode]), keyboards.reply_nav(context.t, extra))
    return mode


async def _ctx(update: Update, context: HamyarContext) -> dict[str, Any]:
    async with context.session() as s:
        row = await s.get(Draft, (_uid(update), CTX))
        return dict(row.data) if row else {}


async def _finish(update: Update, context: HamyarContext, note_key: str | None, show: bool = True) -> int:
    data = await _ctx(update, context)
    async with context.session() as s:
        row = await s.get(Draft, (_uid(update), CTX))
        if row is not None:
            await s.delete(row)
        await write_state(s, CHAT, (_chat(update), _uid(update)), None)
    if note_key:
        await send(context, _chat(update), context.t(note_key), _menu(context))
    if show and data.get("order_id"):
        await _show(update, context, data["order_id"])
    return END


async def on_typed(update: Update, context: HamyarContext) -> str | int:
    msg = update.message
    assert msg is not None
    data = await _ctx(update, context)
    mode = data.get("mode")
    if not data:
        return END
    async with context.session() as s:
        role = await _role(update, context, s, data["order_id"])
        if role is None:
            return await _finish(update, context, None, show=False)
        try:
            if mode == "decline_reason":
                await svc.decline(s, role, msg.text or "")
            elif mode == "cancel_reason":
                await svc.cancel_with_reason(s, role, msg.text or "")
            elif mode == "tracking":
                if not msg.text:  # a photo of the post receipt is not a code: ask again
                    raise InputError("ord-err-tracking-type")
                await svc.shipped(s, role, msg.text)
            elif mode == "card":
                card = svc.validate_card(msg.text or "")
                await svc.accept(s, role, om.CARD, card)
            elif mode == "review_text":
                if not msg.text:
                    raise InputError("reg-err-text-expected")
                await svc.review(s, role, (await _stars(s, role)), msg.text)
            elif mode == "message":
                if msg.photo:
                    await svc.relay(s, role, "photo", msg.caption, msg.photo[-1].file_id)
                elif msg.voice:
                    await svc.relay(s, role, "voice", None, msg.voice.file_id)
                elif msg.text:
                    await svc.relay(s, role, "text", msg.text, None)
                else:
                    raise InputError("ord-err-relay-type")
            elif mode == "receipt":
                if not msg.photo:
                    raise InputError("ord-err-receipt-type")
                await svc.receipt(s, role, msg.photo[-1].file_id)
        except InputError as err:
            await s.rollback()
            await send(context, _chat(update), context.t(err.key, **err.args_),
                       keyboards.reply_nav(context.t, [context.t("btn-skip")] if mode in SKIPPABLE else []))
            if err.key in ("ord-err-state", "ord-err-stock"):
                return await _finish(update, context, None)
            return mode  # type: ignore[return-value]
        except svc.NotYours:
            await s.rollback()
            return await _finish(update, context, "ord-err-not-yours", show=False)
    note = {"message": "ord-relayed", "receipt": "ord-receipt-sent",
            "review_text": "ord-review-saved"}.get(mode or "", "ord-done")
    return await _finish(update, context, note, show=mode not in ("message", "review_text"))


async def _stars(s: Any, role: svc.Role) -> int:
    from models.order import Review

    row = await s.get(Review, role.order.id)
    return row.rating if row else 5


async def on_skip(update: Update, context: HamyarContext) -> str | int:
    data = await _ctx(update, context)
    mode = data.get("mode")
    if mode == "tracking":
        async with context.session() as s:
            role = await _role(update, context, s, data["order_id"])
            if role is None:
                return await _finish(update, context, None, show=False)
            try:
                await svc.shipped(s, role, None)
            except InputError as err:
                await s.rollback()
                await send(context, _chat(update), context.t(err.key, **err.args_))
                return await _finish(update, context, None)
        return await _finish(update, context, "ord-done")
    if mode == "review_text":
        return await _finish(update, context, "ord-review-saved", show=False)
    return await on_typed(update, context)


async def cancel_typed(update: Update, context: HamyarContext) -> int:
    return await _finish(update, context, "ord-typing-cancelled", show=False)


def build_chat(i18n: I18n) -> ConversationHandler[HamyarContext]:
    back_f = keyboards.label_filter(i18n, "btn-back")
    cancel_f = keyboards.label_filter(i18n, "btn-cancel")
    skip_f = keyboards.label_filter(i18n, "btn-skip")
    content = (filters.TEXT | filters.PHOTO | filters.VOICE | filters.ALL) & ~filters.COMMAND & ~back_f & ~cancel_f
    common = [CommandHandler("cancel", cancel_typed), MessageHandler(cancel_f | back_f, cancel_typed)]
    states = {mode: [*common, MessageHandler(skip_f, on_skip), MessageHandler(content, on_typed)]
              for mode in PROMPTS}
    return ConversationHandler(
        entry_points=[CallbackQueryHandler(on_action, pattern=r"^o:(dec|cxr|ship|msg|rcpt|pay:newcard|rate:\d):\d+$")],
        states=states,  # type: ignore[arg-type]
        fallbacks=[],
        name=CHAT, persistent=True, per_chat=True, per_user=True,
    )


# -- lists -----------------------------------------------------------------------------------

async def my_orders(update: Update, context: HamyarContext) -> None:
    async with context.session() as s:
        rows = await svc.orders_of(s, _uid(update))
        titles = {o.listing_id: (await s.get(Listing, o.listing_id)).title for o, _ in rows}  # type: ignore[union-attr]
    if not rows:
        await send(context, _chat(update), context.t("ord-list-empty"), _menu(context))
        return
    buttons = []
    for order, role in rows:
        title = titles.get(order.listing_id) or ""
        title = title if len(title) <= 22 else title[:21] + "…"
        label = context.t("ord-list-item", icon=context.t(LIST_ICONS[role]), id=order.id,
                          title=title,
                          status=context.t(svc.STATUS_KEYS[order.status]),
                          date=persian.format_jalali_date(order.created_at, latin=context.locale != "fa"))
        buttons.append([InlineKeyboardButton(label, callback_data=f"o:view:{order.id}")])
    await send(context, _chat(update), context.t("ord-list-title"), InlineKeyboardMarkup(buttons))


async def stuck_cmd(update: Update, context: HamyarContext) -> None:
    async with context.session() as s:
        if not await is_moderator(s, _uid(update)):
            await send(context, _chat(update), context.t("tr-not-trainer"))
            return
        rows = await svc.stuck(s, _uid(update))
    if not rows:
        await send(context, _chat(update), context.t("ord-stuck-empty"))
        return
    buttons = [[InlineKeyboardButton(
        context.t("ord-stuck-item", id=o.id, status=context.t(svc.STATUS_KEYS[o.status]),
                  date=persian.format_jalali_date(o.created_at, latin=context.locale != "fa")),
        callback_data=f"o:view:{o.id}")] for o in rows]
    await send(context, _chat(update), context.t("ord-stuck-title"), InlineKeyboardMarkup(buttons))


async def reminder_job(context: HamyarContext) -> None:
    """Every few minutes: reminders that are due, each once (the database remembers)."""
    async with context.session() as s:
        await svc.run_reminders(s)


def register(app: Any, i18n: I18n) -> None:
    private = filters.ChatType.PRIVATE
    app.add_handler(build_chat(i18n), group=0)
    app.add_handler(CallbackQueryHandler(on_action, pattern=r"^o:[a-z:]+:\d+$"), group=0)
    app.add_handler(MessageHandler(private & keyboards.label_filter(i18n, "menu-my-orders"), my_orders), group=0)
    app.add_handler(CommandHandler("orders", my_orders, filters=private), group=0)
    app.add_handler(CommandHandler("stuck", stuck_cmd, filters=private), group=0)
