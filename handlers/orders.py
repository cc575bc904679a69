"""Acting on an order: the buttons of an order card (`o:<action>:<id>`, `o:pay:…`, `o:rate:…`;
each press is checked again on the server: who presses, which order, in which status),
«سفارش‌های من», the trainers' list of stuck orders, and the reminder job. Typed answers the
buttons ask for: handlers/order_chat.py."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import BadRequest
from telegram.ext import CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot import keyboards, persian
from bot.callbacks import OrderAction, OrderPay, OrderRate
from bot.context import HamyarApp, HamyarContext
from bot.i18n import I18n
from bot.services import order_cards, order_reminders
from bot.services import orders as svc
from bot.services.errors import InputError
from bot.services.trainers import is_moderator
from handlers import order_chat
from handlers.common import Handler, chat_of, drop_buttons, main_menu, send, user_of

END = order_chat.END
LIST_ICONS = {"buyer": "ord-list-buy", "seller": "ord-list-sell"}
REMINDER_INTERVAL = 300  # seconds between looks for due order reminders
REMINDER_JOB = "order-reminders"

SIMPLE = {
    "cxy": svc.cancel_new, "paid": svc.confirm_paid, "nopaid": svc.not_paid,
    "prep": svc.preparing, "recv": svc.received,
}
TYPED = {"dec": "decline_reason", "cxr": "cancel_reason", "ship": "tracking", "msg": "message",
         "rcpt": "receipt"}




def _date(context: HamyarContext, when: Any) -> str:
    return persian.format_jalali_date(when, latin=context.locale != "fa")


# -- buttons ---------------------------------------------------------------------------------

Pressed = OrderAction | OrderPay | OrderRate


def _parse(data: str | None) -> Pressed | None:
    return OrderAction.parse(data) or OrderPay.parse(data) or OrderRate.parse(data)


@dataclass
class Done:
    """What a press did, for the answer drawn after its unit of work."""

    ask: str | None = None  # a typed answer is awaited (order_chat's mode)
    card: order_chat.Card | None = None  # the order's fresh card
    pay: bool = False  # «acc»: accepted in principle, the payment question comes next
    saved_card: str | None = None  # the seller's card from last time, offered again
    cod: bool = True  # cash on delivery offered (not with post)
    stars: int | None = None  # «rate»: the stars given
    confirm_cancel: bool = False  # «cxl»: the pressed card asks «لغو شود؟» first
    keep: bool = False  # «keep»: the pressed card shows the order again, nothing changed


async def _act(s: Any, update: Update, context: HamyarContext, pressed: Pressed) -> Done:
    """The press inside its unit of work (InputError / NotYours leave it rolled back)."""
    role = await svc.for_user(s, pressed.order_id, user_of(update))
    if isinstance(pressed, OrderRate):
        await svc.review(s, role, pressed.stars, None)
        await order_chat.start_typed(s, update, role, "review_text")
        return Done(ask="review_text", stars=pressed.stars)
    if isinstance(pressed, OrderPay):
        if pressed.how == "newcard":
            await order_chat.start_typed(s, update, role, "card")
            return Done(ask="card", cod=svc.cod_allowed(role.order))
        await svc.accept(s, role, pressed.how)
    elif pressed.action in SIMPLE:
        await SIMPLE[pressed.action](s, role)
        if pressed.action == "recv":  # no card: the stars are asked for instead
            return Done()
    elif pressed.action == "cxl":  # asked once, on the card itself: nothing changes yet
        svc.may_cancel_new(role)
        return Done(card=await order_cards.card(s, role.order, role.role, context.locale),
                    confirm_cancel=True)
    elif pressed.action == "keep":
        return Done(card=await order_cards.card(s, role.order, role.role, context.locale), keep=True)
    elif pressed.action == "acc":
        svc.may_accept(role)
        return Done(pay=True, saved_card=await svc.saved_card(s, role.order.seller_id),
                    cod=svc.cod_allowed(role.order))
    elif pressed.action == "ship" and not svc.asks_tracking(role.order):
        await svc.shipped(s, role, None)  # by hand or by courier: no tracking code to ask
    elif pressed.action in TYPED:
        await order_chat.start_typed(s, update, role, TYPED[pressed.action])
        return Done(ask=TYPED[pressed.action])
    return Done(card=await order_cards.card(s, role.order, role.role, context.locale))


async def on_action(update: Update, context: HamyarContext) -> str | int | None:
    query = update.callback_query
    assert query is not None
    pressed = _parse(query.data)
    if pressed is None:
        await query.answer(context.t("invalid-choice"), show_alert=True)
        return END
    try:
        async with context.session() as s:
            done = await _act(s, update, context, pressed)
    except InputError as err:
        if err.key == "ord-err-state":  # an older card: say so at once, and bring it up to date
            await query.answer(context.t("ord-stale-card", why=context.t(err.key)), show_alert=True)
            await _refresh_pressed(update, context, pressed.order_id)
            return END
        await query.answer(context.t(err.key, **err.args_), show_alert=True)
        return END
    except svc.NotYours:
        await query.answer(context.t("ord-err-not-yours"), show_alert=True)
        return END
    if done.stars is not None:  # the stars stay on the message; a few words may follow
        await query.answer()
        try:
            await query.edit_message_text("⭐️" * done.stars)
        except BadRequest:
            pass
        return await order_chat.prompt(update, context, "review_text")
    if done.ask is not None:
        await query.answer()
        # by post there is no cash on delivery: the card question does not offer it
        key = "ord-ask-card-post" if done.ask == "card" and not done.cod else None
        return await order_chat.prompt(update, context, done.ask, key)
    if done.confirm_cancel or done.keep:
        await query.answer()
        await _edit_pressed(update, context, pressed.order_id, done)
        return END
    view = isinstance(pressed, OrderAction) and pressed.action == "view"
    if done.pay:  # not done yet: the payment question comes next
        await query.answer()
    else:
        await query.answer(None if view else context.t("ord-done"))
    if not view:  # the pressed card has had its say; the fresh card below has the buttons
        await drop_buttons(update)
    if done.pay:
        await _ask_payment(update, context, pressed.order_id, done.saved_card, done.cod)
    elif done.card is not None:
        await order_chat.show_card(update, context, done.card)
    else:  # received: how many stars?
        await _ask_rating(update, context, pressed.order_id)
    return END


async def _edit_pressed(update: Update, context: HamyarContext, order_id: int, done: Done) -> None:
    """«✖️ لغو سفارش»: the pressed card asks once (yes / no, keep the order); «نه» puts the
    card back as it was. A card that is not text gets the question as a new message."""
    query = update.callback_query
    assert query is not None and done.card is not None
    text, markup = done.card
    reply: InlineKeyboardMarkup | None = (
        InlineKeyboardMarkup.de_json(markup, None) if markup else None)
    if done.confirm_cancel:
        text += "\n\n" + context.t("ord-cancel-confirm", id=order_id)
        reply = keyboards.grid([(context.t("ord-btn-cancel-yes"), OrderAction("cxy", order_id).pack()),
                                (context.t("ord-btn-cancel-no"), OrderAction("keep", order_id).pack())], 1)
    try:
        if query.message is not None and getattr(query.message, "text", None):
            await query.edit_message_text(text, reply_markup=reply)
        else:
            await send(context, chat_of(update), text, reply)
    except BadRequest:
        pass  # pressed twice: the card says it already


async def _refresh_pressed(update: Update, context: HamyarContext, order_id: int) -> None:
    """The pressed card redrawn with the order as it is now (its buttons are the ones that
    still work)."""
    query = update.callback_query
    assert query is not None
    try:
        async with context.session() as s:
            role = await svc.for_user(s, order_id, user_of(update))
            text, markup = await order_cards.card(s, role.order, role.role, context.locale)
    except (svc.NotYours, InputError):
        return await drop_buttons(update)
    try:
        if query.message is not None and getattr(query.message, "text", None):
            await query.edit_message_text(
                text, reply_markup=InlineKeyboardMarkup.de_json(markup, None) if markup else None)
        else:
            await drop_buttons(update)
    except BadRequest:
        pass


async def _ask_payment(update: Update, context: HamyarContext, order_id: int, saved: str | None,
                       cod: bool = True) -> None:
    items = [(context.t("ord-btn-cod"), OrderPay("cod", order_id).pack())] if cod else []
    if saved:
        card = persian.to_persian_digits(saved[-4:]) if context.locale == "fa" else saved[-4:]
        items.append((context.t("ord-btn-use-card", card="…" + card), OrderPay("card", order_id).pack()))
        items.append((context.t("ord-btn-new-card"), OrderPay("newcard", order_id).pack()))
    else:
        items.append((context.t("ord-btn-card"), OrderPay("newcard", order_id).pack()))
    question = context.t("ord-ask-payment") if cod else context.t("ord-ask-payment-post")
    await send(context, chat_of(update), question, keyboards.grid(items, 1))


async def _ask_rating(update: Update, context: HamyarContext, order_id: int) -> None:
    stars = [(("⭐️" * n), OrderRate(n, order_id).pack()) for n in range(5, 0, -1)]
    await send(context, chat_of(update), context.t("ord-ask-rating", id=order_id), keyboards.grid(stars, 1))


# -- lists -----------------------------------------------------------------------------------

async def my_orders(update: Update, context: HamyarContext) -> None:
    async with context.session() as s:
        rows = await svc.orders_of(s, user_of(update))
    if not rows:
        await send(context, chat_of(update), context.t("ord-list-empty"), main_menu(context))
        return
    # A row is a short button (its number and title); status and date are in the text.
    buttons, lines = [], [context.t("ord-list-title")]
    for row in rows:
        icon = context.t(LIST_ICONS[row.role])
        lines.append(context.t("ord-list-item", icon=icon, id=row.order.id, title=row.title,
                               status=context.t(order_cards.status_key(row.order, row.role)),
                               date=_date(context, row.order.created_at)))
        label = keyboards.short(context.t("ord-list-button", icon=icon, id=row.order.id, title=row.title))
        buttons.append([InlineKeyboardButton(label, callback_data=OrderAction("view", row.order.id).pack())])
    await send(context, chat_of(update), "\n".join(lines), InlineKeyboardMarkup(buttons))


async def stuck_cmd(update: Update, context: HamyarContext) -> None:
    async with context.session() as s:
        allowed = await is_moderator(s, user_of(update))
        rows = await order_reminders.stuck(s, user_of(update)) if allowed else []
    if not allowed:
        await send(context, chat_of(update), context.t("tr-not-trainer"))
        return
    if not rows:
        await send(context, chat_of(update), context.t("ord-stuck-empty"))
        return
    lines = [context.t("ord-stuck-title")] + [
        context.t("ord-stuck-item", id=o.id, status=context.t(order_cards.status_key(o)),
                  date=_date(context, o.created_at)) for o in rows]
    buttons = [[InlineKeyboardButton(context.t("ord-stuck-button", id=o.id),
                                     callback_data=OrderAction("view", o.id).pack())] for o in rows]
    await send(context, chat_of(update), "\n".join(lines), InlineKeyboardMarkup(buttons))


# -- wiring ----------------------------------------------------------------------------------

async def reminder_job(context: HamyarContext) -> None:
    """Every few minutes: reminders that are due, each once (the database remembers)."""
    async with context.session() as s:
        await order_reminders.run_reminders(s)


def schedule_jobs(app: HamyarApp) -> None:
    """The repeating reminder job (order reminders are derived from the database each time,
    so a restart loses none)."""
    if app.job_queue is not None:
        app.job_queue.run_repeating(reminder_job, interval=REMINDER_INTERVAL, first=10,
                                    name=REMINDER_JOB)


def register(app: HamyarApp, i18n: I18n) -> None:
    private = filters.ChatType.PRIVATE
    typed: list[Handler] = [
             CallbackQueryHandler(on_action, pattern=OrderAction.pattern(action=tuple(TYPED))),
             CallbackQueryHandler(on_action, pattern=OrderPay.pattern(how="newcard")),
             CallbackQueryHandler(on_action, pattern=OrderRate.pattern())]
    app.add_handler(order_chat.build_chat(i18n, typed), group=0)
    for kind in (OrderAction, OrderPay, OrderRate):
        app.add_handler(CallbackQueryHandler(on_action, pattern=kind.pattern()), group=0)
    app.add_handler(MessageHandler(private & keyboards.label_filter(i18n, "menu-my-orders"), my_orders), group=0)
    app.add_handler(CommandHandler("orders", my_orders, filters=private), group=0)
    app.add_handler(CommandHandler("stuck", stuck_cmd, filters=private), group=0)
