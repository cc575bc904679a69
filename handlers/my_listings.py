"""«محصولات من»: a seller's listings with their status; open one to change its price or
stock, pause, resume, mark sold out or withdraw. Every button names a listing id, and every
press checks on the server that the listing is hers and the action fits its status.

A press that changes what a card shows (an action, the withdraw question and its «back», «back
to the list») edits that message in place: one answer and one edit, no new message. Opening a
listing from the list sends its card, so the list stays to open another."""

from __future__ import annotations

from typing import Any

from telegram import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import BadRequest
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot import keyboards, persian
from bot.callbacks import (
    MyAction,
    MyListing,
    MyListingsList,
    MyPriceConfirm,
    ShareListing,
    ShareShop,
    loose_pattern,
)
from bot.context import HamyarContext
from bot.flows import END as FLOW_END
from bot.flows import START, Edge, Flow
from bot.i18n import OMIT, I18n, Omit
from bot.persistence import write_state
from bot.services import codes
from bot.services import listing as svc
from bot.services import my_listings as my_svc
from bot.services.errors import InputError
from handlers.common import chat_of, edit_or_send, key_of, read_button, send, text_of, user_of

NAME = "my_listings"
END = ConversationHandler.END
STATUS_KEYS = {
    svc.DRAFT: "status-draft", svc.PENDING: "status-pending", svc.NEEDS_CHANGES: "status-needs_changes",
    svc.PUBLISHED: "status-published", svc.SOLD_OUT: "status-sold_out", svc.PAUSED: "status-paused",
    svc.WITHDRAWN: "status-withdrawn", svc.REJECTED: "status-rejected",
    svc.AWAITING_SELLER: "status-awaiting_seller",
}
STATUS_ICONS = {svc.PENDING: "⏳", svc.NEEDS_CHANGES: "✏️", svc.PUBLISHED: "🟢", svc.SOLD_OUT: "⛔️",
                svc.PAUSED: "⏸", svc.WITHDRAWN: "🗑", svc.REJECTED: "✖️", svc.DRAFT: "📝",
                svc.AWAITING_SELLER: "✍️"}
# allowed action -> (its label, the action of its button)
ACTION_BUTTONS: dict[str, tuple[str, MyAction]] = {
    "price": ("btn-change-price", "price"), "stock": ("btn-change-stock", "stock"),
    "pause": ("btn-pause", "pause"), "resume": ("btn-resume", "resume"),
    "sold_out": ("btn-sold-out", "sold"), "withdraw": ("btn-withdraw", "withdraw"),
    "edit": ("btn-edit-listing", "edit"),
    "revise": ("btn-revise-listing", "rev"),
}
SIMPLE_ACTIONS = {"pause": "my-paused", "resume": "my-resumed", "sold": "my-sold-out",
                  "withdraw-yes": "my-withdrawn"}

FLOW = Flow(NAME, (
    Edge(START, "price", "my:price"),
    Edge(START, "stock", "my:stock"),
    Edge("price", "price", "a wrong amount"),
    Edge("price", FLOW_END, "a price, cancel or back"),
    Edge("price", "price_confirm", "a price to say back («۱۲۰ تومن»)"),
    Edge("price_confirm", FLOW_END, "«✅ بله», a certain price, cancel or back"),
    Edge("price_confirm", "price", "«✏️ نه», or a wrong amount"),
    Edge("price_confirm", "price_confirm", "another price to say back"),
    Edge("stock", "stock", "a wrong amount"),
    Edge("stock", FLOW_END, "a number, cancel or back"),
))




def _money(context: HamyarContext, n: int | None) -> str:
    return persian.format_money(n or 0, latin=context.locale != "fa")


def card_text(context: HamyarContext, listing: svc.Listing, note: str | None = None) -> str:
    availability: str | Omit
    if listing.availability == svc.IN_STOCK:
        availability = context.t("cap-stock", count=listing.stock or 0)
    elif listing.availability == svc.MADE_TO_ORDER:
        availability = context.t("cap-made-to-order", days=listing.prep_days or 0)
    else:
        availability = OMIT
    text = context.t("my-card", title=listing.title or context.t("lst-untitled"),
                     status=context.t(STATUS_KEYS[listing.status]),
                     price=_money(context, listing.price), availability=availability)
    if listing.short_code:  # its number, for buyers to type (bot/services/codes.py)
        text += "\n" + context.t("my-code", code=codes.shown(listing.short_code,
                                                             latin=context.locale != "fa"))
    if note:  # what the trainer asked for, while the listing waits for her fix
        text += "\n" + context.t("my-trainer-note", note=note)
    return text


def card_markup(context: HamyarContext, listing: svc.Listing) -> InlineKeyboardMarkup:
    rows = [[InlineKeyboardButton(context.t(ACTION_BUTTONS[a][0]),
                                  callback_data=MyListing(ACTION_BUTTONS[a][1], listing.id).pack())]
            for a in svc.allowed_actions(listing)]
    if listing.status == svc.PUBLISHED:  # ready messages to forward (handlers/sharing.py)
        rows.append([InlineKeyboardButton(context.t("btn-share"),
                                          callback_data=ShareListing(listing.id).pack()),
                     InlineKeyboardButton(context.t("btn-share-shop"),
                                          callback_data=ShareShop().pack())])
    rows.append([InlineKeyboardButton(context.t("btn-back-to-list"),
                                      callback_data=MyListingsList().pack())])
    return InlineKeyboardMarkup(rows)


async def show_list(update: Update, context: HamyarContext) -> None:
    if not context.is_seller:
        await send(context, chat_of(update), context.t("lst-not-seller"),
                   keyboards.main_menu(context.t, is_seller=False))
        return
    async with context.session() as s:
        listings = await my_svc.of_seller(s, user_of(update))
    if update.callback_query:
        await update.callback_query.answer()
    if not listings:
        await _show(update, context, context.t("my-empty"), None)
        return
    # A short button per listing (its icon and title); the status words are in the text.
    rows = [[InlineKeyboardButton(
        keyboards.short(f"{STATUS_ICONS[lst.status]} {lst.title or context.t('lst-untitled')}"),
        callback_data=MyListing("open", lst.id).pack())] for lst in listings]
    lines = [context.t("my-title", count=len(listings))] + [
        context.t("my-list-line", icon=STATUS_ICONS[lst.status],
                  title=lst.title or context.t("lst-untitled"), status=context.t(STATUS_KEYS[lst.status]))
        for lst in listings]
    await _show(update, context, "\n".join(lines), InlineKeyboardMarkup(rows))


def _is_list(message: object) -> bool:
    """The list of her listings: every button of it opens one."""
    markup = getattr(message, "reply_markup", None)
    if not isinstance(markup, InlineKeyboardMarkup):
        return False
    buttons = [b for row in markup.inline_keyboard for b in row]
    return bool(buttons) and all(
        isinstance(b.callback_data, str) and (d := MyListing.parse(b.callback_data)) is not None
        and d.action == "open" for b in buttons)


async def _show(update: Update, context: HamyarContext, text: str,
                markup: InlineKeyboardMarkup | None) -> None:
    """Edit the card (or question) whose button was pressed; send from the list or a menu."""
    query = update.callback_query
    await edit_or_send(update, context, text, markup, edit=(
        query is not None and query.message is not None and not _is_list(query.message)
        and bool(getattr(query.message, "text", None))))


async def _own_pressed(update: Update, context: HamyarContext,
                       ) -> tuple[CallbackQuery, svc.Listing] | None:
    """Her listing that the pressed button names, or None after answering (forged, or not
    hers: another's, or gone)."""
    pressed = await read_button(update, context, MyListing)
    if pressed is None:
        return None
    query, data = pressed
    try:
        async with context.session() as s:
            listing = await my_svc.own(s, data.listing_id, user_of(update))
    except svc.ListingNotFound:
        await _not_yours(query, context)
        return None
    return query, listing


async def _not_yours(query: CallbackQuery, context: HamyarContext) -> None:
    await query.answer(context.t("my-not-yours"), show_alert=True)


async def open_card(update: Update, context: HamyarContext) -> None:
    pressed = await _own_pressed(update, context)
    if pressed is None:
        return
    query, listing = pressed
    async with context.session() as s:
        note = await my_svc.trainer_note(s, listing, context.locale)
    await query.answer()
    await _show(update, context, card_text(context, listing, note), card_markup(context, listing))


async def _refresh_card(query: CallbackQuery, context: HamyarContext, listing: svc.Listing) -> None:
    try:
        await query.edit_message_text(card_text(context, listing),
                                      reply_markup=card_markup(context, listing))
    except BadRequest:
        pass


async def _stale(update: Update, context: HamyarContext, query: CallbackQuery, listing_id: int,
                 why: str) -> None:
    """A button of an older card (the listing has changed since): said at once, before anything
    is asked, and the pressed card is redrawn with the buttons that work now."""
    await query.answer(context.t("my-stale-card", why=context.t(why)), show_alert=True)
    try:
        async with context.session() as s:
            listing = await my_svc.own(s, listing_id, user_of(update))
    except svc.ListingNotFound:
        return
    await _refresh_card(query, context, listing)


async def simple_action(update: Update, context: HamyarContext) -> None:
    """pause, resume, sold out, withdraw (after its confirmation)."""
    pressed = await read_button(update, context, MyListing)
    if pressed is None:
        return
    query, data = pressed
    if data.action not in SIMPLE_ACTIONS:
        await query.answer(context.t("invalid-choice"), show_alert=True)
        return
    try:
        async with context.session() as s:
            listing = await my_svc.act(s, data.listing_id, user_of(update), data.action)
    except svc.ListingNotFound:
        return await _not_yours(query, context)
    except InputError as err:
        return await _stale(update, context, query, data.listing_id, err.key)
    await query.answer(context.t(SIMPLE_ACTIONS[data.action]))
    await _refresh_card(query, context, listing)


async def confirm_withdraw(update: Update, context: HamyarContext) -> None:
    pressed = await _own_pressed(update, context)
    if pressed is None:
        return
    query, listing = pressed
    if "withdraw" not in svc.allowed_actions(listing):
        return await _stale(update, context, query, listing.id, "my-not-allowed")
    await query.answer()
    markup = keyboards.grid([(context.t("btn-yes-withdraw"), MyListing("withdraw-yes", listing.id).pack()),
                             (context.t("btn-back"), MyListing("open", listing.id).pack())], 2)
    await _show(update, context, context.t("my-withdraw-confirm"), markup)


# -- price and stock: a short conversation for the typed amount -----------------------------

async def ask_amount(update: Update, context: HamyarContext) -> str | int:
    pressed = await read_button(update, context, MyListing)
    if pressed is None:
        return END
    query, data = pressed
    field = "price" if data.action == "price" else "stock"
    try:
        async with context.session() as s:
            listing = await my_svc.begin_amount(s, data.listing_id, user_of(update), field)
            await write_state(s, NAME, key_of(update), field)
    except svc.ListingNotFound:
        await _not_yours(query, context)
        return END
    except InputError as err:
        await _stale(update, context, query, data.listing_id, err.key)
        return END
    await query.answer()
    if field == "price":
        text = context.t("my-ask-price", price=_money(context, listing.price))
    else:
        text = context.t("my-ask-stock", count=listing.stock or 0)
    await send(context, chat_of(update), text, keyboards.reply_nav(context.t))
    return field


async def _apply_amount(update: Update, context: HamyarContext, field: str,
                        confirmed: int | None = None) -> str | int:
    """The typed amount (or the price she confirmed) applied; a price read with doubt is said
    back with yes/no first («۱۲۰ تومن» → ۱۲۰٬۰۰۰ تومان؟)."""
    answer: str | int = confirmed if confirmed is not None else text_of(update)
    doubt: int | None = None
    key = key_of(update)
    try:
        async with context.session() as s:
            try:
                listing, value = await my_svc.apply_amount(s, user_of(update), field, answer)
            except svc.PriceToConfirm as question:
                doubt = question.amount
                await write_state(s, NAME, key, "price_confirm")
            else:
                await write_state(s, NAME, key, None)
    except svc.ListingNotFound:
        return await _finish(update, context, context.t("my-not-yours"))
    except InputError as err:
        if confirmed is not None:
            async with context.session() as s:
                await write_state(s, NAME, key, field)
        await send(context, chat_of(update), context.t(err.key, **err.args_), keyboards.reply_nav(context.t))
        return field
    if doubt is not None:
        markup = keyboards.grid([(context.t("btn-amount-yes"), MyPriceConfirm("yes", doubt).pack()),
                                 (context.t("btn-amount-no"), MyPriceConfirm("no", doubt).pack())], 1)
        await send(context, chat_of(update), context.t("lst-price-confirm", price=_money(context, doubt)), markup)
        return "price_confirm"
    if field == "price":
        done = context.t("my-price-changed", price=_money(context, value))
    else:
        done = context.t("my-stock-changed", count=value)
    await send(context, chat_of(update), done, keyboards.main_menu(context.t, is_seller=True))
    await send(context, chat_of(update), card_text(context, listing), card_markup(context, listing))
    return END


async def on_price_confirm(update: Update, context: HamyarContext) -> str | int:
    """«✅ بله، درست است» keeps the price said back; «✏️ نه» asks for it again."""
    query = update.callback_query
    assert query is not None
    data = MyPriceConfirm.parse(query.data)
    await query.answer()
    try:
        await query.edit_message_reply_markup(None)
    except BadRequest:
        pass
    if data is not None and data.answer == "yes":
        return await _apply_amount(update, context, "price", confirmed=data.amount)
    async with context.session() as s:
        await write_state(s, NAME, key_of(update), "price")
    await send(context, chat_of(update), context.t("lst-price-again"), keyboards.reply_nav(context.t))
    return "price"


async def on_price(update: Update, context: HamyarContext) -> str | int:
    return await _apply_amount(update, context, "price")


async def on_stock(update: Update, context: HamyarContext) -> str | int:
    return await _apply_amount(update, context, "stock")


async def _finish(update: Update, context: HamyarContext, text: str) -> int:
    async with context.session() as s:
        await my_svc.end_amount(s, user_of(update))
        await write_state(s, NAME, key_of(update), None)
    await send(context, chat_of(update), text, keyboards.main_menu(context.t, is_seller=True))
    return END


async def cancel_amount(update: Update, context: HamyarContext) -> int:
    return await _finish(update, context, context.t("menu-prompt"))


async def wrong_price(update: Update, context: HamyarContext) -> str:
    await send(context, chat_of(update), context.t("lst-err-price"), keyboards.reply_nav(context.t))
    return "price"


async def wrong_stock(update: Update, context: HamyarContext) -> str:
    await send(context, chat_of(update), context.t("lst-err-stock", max=svc.STOCK_MAX),
               keyboards.reply_nav(context.t))
    return "stock"


def build(i18n: I18n) -> ConversationHandler[HamyarContext]:
    back_f = keyboards.label_filter(i18n, "btn-back")
    cancel_f = keyboards.label_filter(i18n, "btn-cancel")
    text = filters.TEXT & ~filters.COMMAND & ~back_f & ~cancel_f
    nav = [CommandHandler("cancel", cancel_amount), MessageHandler(cancel_f | back_f, cancel_amount)]
    states: dict[object, list[Any]] = {
        "price": [*nav, MessageHandler(text, on_price), MessageHandler(filters.ALL, wrong_price)],
        "stock": [*nav, MessageHandler(text, on_stock), MessageHandler(filters.ALL, wrong_stock)],
        "price_confirm": [*nav, CallbackQueryHandler(on_price_confirm, pattern=MyPriceConfirm.pattern()),
                          MessageHandler(text, on_price), MessageHandler(filters.ALL, wrong_price)],
    }
    if set(states) != set(FLOW.states):
        raise RuntimeError(f"my_listings: states {sorted(map(str, states))} differ from FLOW's "
                           f"{sorted(FLOW.states)}")
    return ConversationHandler(
        entry_points=[CallbackQueryHandler(ask_amount, pattern=MyListing.pattern(action=("price", "stock")))],
        states={s: states[s] for s in FLOW.states},
        fallbacks=[],
        name=NAME,
        persistent=True,
        per_chat=True,
        per_user=True,
    )


# Patterns of the buttons handled outside the conversation (handlers/__init__.py).
LIST_PATTERN = MyListingsList.pattern()
OPEN_PATTERN = loose_pattern(MyListing, action="open")
WITHDRAW_PATTERN = loose_pattern(MyListing, action="withdraw")
SIMPLE_PATTERN = loose_pattern(MyListing, action=tuple(SIMPLE_ACTIONS))
