"""«محصولات من»: a seller's listings with their status; open one to change its price or
stock, pause, resume, mark sold out or withdraw. Every button names a listing id, and every
press checks on the server that the listing is hers and the action fits its status."""

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
from bot.ids import last_id
from bot.persistence import write_state
from bot.services import listing as svc
from bot.services.errors import InputError
from handlers.common import send
from models import listing as m
from models.listing import Listing, seller_listings
from models.state import Draft

NAME = "my_listings"
END = ConversationHandler.END
EDIT_KIND = "my_listing_edit"
STATUS_KEYS = {
    m.DRAFT: "status-draft", m.PENDING: "status-pending", m.NEEDS_CHANGES: "status-needs_changes",
    m.PUBLISHED: "status-published", m.SOLD_OUT: "status-sold_out", m.PAUSED: "status-paused",
    m.WITHDRAWN: "status-withdrawn", m.REJECTED: "status-rejected",
    m.AWAITING_SELLER: "status-awaiting_seller",
}
STATUS_ICONS = {m.PENDING: "⏳", m.NEEDS_CHANGES: "✏️", m.PUBLISHED: "✅", m.SOLD_OUT: "⛔️",
                m.PAUSED: "⏸", m.WITHDRAWN: "🗑", m.REJECTED: "✖️", m.DRAFT: "📝",
                m.AWAITING_SELLER: "✍️"}
ACTION_BUTTONS = {
    "price": ("btn-change-price", "my:price:{}"), "stock": ("btn-change-stock", "my:stock:{}"),
    "pause": ("btn-pause", "my:pause:{}"), "resume": ("btn-resume", "my:resume:{}"),
    "sold_out": ("btn-sold-out", "my:sold:{}"), "withdraw": ("btn-withdraw", "my:withdraw:{}"),
    "edit": ("btn-edit-listing", "my:edit:{}"),
    "revise": ("btn-revise-listing", "my:rev:{}"),
}


def _uid(update: Update) -> int:
    return update.effective_user.id  # type: ignore[union-attr]


def _listing_id(data: str | None) -> int | None:
    return last_id(data)


def _money(context: HamyarContext, n: int | None) -> str:
    return persian.format_money(n or 0, latin=context.locale != "fa")


def card_text(context: HamyarContext, listing: Listing) -> str:
    if listing.availability == m.IN_STOCK:
        availability = context.t("cap-stock", count=listing.stock or 0)
    elif listing.availability == m.MADE_TO_ORDER:
        availability = context.t("cap-made-to-order", days=listing.prep_days or 0)
    else:
        availability = ""
    return context.t("my-card", title=listing.title or context.t("lst-untitled"),
                     status=context.t(STATUS_KEYS[listing.status]),
                     price=_money(context, listing.price), availability=availability)


def card_markup(context: HamyarContext, listing: Listing) -> InlineKeyboardMarkup:
    rows = [[InlineKeyboardButton(context.t(ACTION_BUTTONS[a][0]),
                                  callback_data=ACTION_BUTTONS[a][1].format(listing.id))]
            for a in svc.allowed_actions(listing)]
    rows.append([InlineKeyboardButton(context.t("btn-back-to-list"), callback_data="my:list")])
    return InlineKeyboardMarkup(rows)


async def show_list(update: Update, context: HamyarContext) -> None:
    if not context.is_seller:
        await send(context, update.effective_chat.id, context.t("lst-not-seller"),  # type: ignore[union-attr]
                   keyboards.main_menu(context.t, is_seller=False))
        return
    async with context.session() as s:
        listings = await seller_listings(s, _uid(update))
    if update.callback_query:
        await update.callback_query.answer()
    if not listings:
        await send(context, update.effective_chat.id, context.t("my-empty"))  # type: ignore[union-attr]
        return
    rows = [[InlineKeyboardButton(
        f"{STATUS_ICONS[lst.status]} {lst.title} · {context.t(STATUS_KEYS[lst.status])}",
        callback_data=f"my:open:{lst.id}")] for lst in listings]
    await send(context, update.effective_chat.id,  # type: ignore[union-attr]
               context.t("my-title", count=len(listings)), InlineKeyboardMarkup(rows))


async def _own(update: Update, context: HamyarContext, s: Any) -> Listing | None:
    query = update.callback_query
    assert query is not None
    listing_id = _listing_id(query.data)
    if listing_id is None:
        await query.answer(context.t("invalid-choice"), show_alert=True)
        return None
    try:
        return await svc.get_for_seller(s, listing_id, _uid(update))
    except svc.ListingNotFound:
        await query.answer(context.t("my-not-yours"), show_alert=True)
        return None


async def open_card(update: Update, context: HamyarContext) -> None:
    async with context.session() as s:
        listing = await _own(update, context, s)
    if listing is None:
        return
    await update.callback_query.answer()  # type: ignore[union-attr]
    await send(context, update.effective_chat.id, card_text(context, listing),  # type: ignore[union-attr]
               card_markup(context, listing))


async def _refresh_card(update: Update, context: HamyarContext, listing: Listing) -> None:
    try:
        await update.callback_query.edit_message_text(  # type: ignore[union-attr]
            card_text(context, listing), reply_markup=card_markup(context, listing))
    except BadRequest:
        pass


async def simple_action(update: Update, context: HamyarContext) -> None:
    """pause, resume, sold out, withdraw (after its confirmation)."""
    query = update.callback_query
    assert query is not None
    action = (query.data or "").split(":")[1]
    do = {"pause": (svc.pause, "my-paused"), "resume": (svc.resume, "my-resumed"),
          "sold": (svc.mark_sold_out, "my-sold-out"),
          "withdraw-yes": (svc.withdraw, "my-withdrawn")}.get(action)
    if do is None:
        await query.answer(context.t("invalid-choice"), show_alert=True)
        return
    async with context.session() as s:
        listing = await _own(update, context, s)
        if listing is None:
            return
        try:
            await do[0](s, listing)
        except InputError as err:
            await query.answer(context.t(err.key), show_alert=True)
            return
    await query.answer(context.t(do[1]))
    await _refresh_card(update, context, listing)


async def confirm_withdraw(update: Update, context: HamyarContext) -> None:
    query = update.callback_query
    assert query is not None
    async with context.session() as s:
        listing = await _own(update, context, s)
    if listing is None:
        return
    if "withdraw" not in svc.allowed_actions(listing):
        await query.answer(context.t("my-not-allowed"), show_alert=True)
        return
    await query.answer()
    markup = keyboards.grid([(context.t("btn-yes-withdraw"), f"my:withdraw-yes:{listing.id}"),
                             (context.t("btn-back"), f"my:open:{listing.id}")], 2)
    await send(context, update.effective_chat.id, context.t("my-withdraw-confirm"), markup)  # type: ignore[union-attr]


# -- price and stock: a short conversation for the typed amount -----------------------------

async def ask_amount(update: Update, context: HamyarContext) -> str | int:
    query = update.callback_query
    assert query is not None
    field = "price" if (query.data or "").startswith("my:price:") else "stock"
    async with context.session() as s:
        listing = await _own(update, context, s)
        if listing is None:
            return END
        if field not in svc.allowed_actions(listing):
            await query.answer(context.t("my-not-allowed"), show_alert=True)
            return END
        draft = await s.get(Draft, (_uid(update), EDIT_KIND))
        if draft is None:
            s.add(Draft(user_id=_uid(update), kind=EDIT_KIND, data={"listing_id": listing.id}))
        else:
            draft.data = {"listing_id": listing.id}
        await write_state(s, NAME, (update.effective_chat.id, _uid(update)), field)  # type: ignore[union-attr]
    await query.answer()
    if field == "price":
        text = context.t("my-ask-price", price=_money(context, listing.price))
    else:
        text = context.t("my-ask-stock", count=listing.stock or 0)
    await send(context, update.effective_chat.id, text, keyboards.reply_nav(context.t))  # type: ignore[union-attr]
    return field


async def _apply_amount(update: Update, context: HamyarContext, field: str) -> str | int:
    text = update.message.text or ""  # type: ignore[union-attr]
    async with context.session() as s:
        draft = await s.get(Draft, (_uid(update), EDIT_KIND))
        listing_id = (draft.data or {}).get("listing_id") if draft else None
        try:
            if listing_id is None:
                raise svc.ListingNotFound(0)
            listing = await svc.get_for_seller(s, int(listing_id), _uid(update))
            if field == "price":
                value = await svc.change_price(s, listing, text)
                done = context.t("my-price-changed", price=_money(context, value))
            else:
                value = await svc.change_stock(s, listing, text)
                done = context.t("my-stock-changed", count=value)
        except svc.ListingNotFound:
            await s.rollback()
            return await _finish(update, context, context.t("my-not-yours"))
        except InputError as err:
            await s.rollback()
            await send(context, update.effective_chat.id, context.t(err.key, **err.args_),  # type: ignore[union-attr]
                       keyboards.reply_nav(context.t))
            return field
        await s.delete(draft)
        await write_state(s, NAME, (update.effective_chat.id, _uid(update)), None)  # type: ignore[union-attr]
    await send(context, update.effective_chat.id, done,  # type: ignore[union-attr]
               keyboards.main_menu(context.t, is_seller=True))
    await send(context, update.effective_chat.id, card_text(context, listing),  # type: ignore[union-attr]
               card_markup(context, listing))
    return END


async def on_price(update: Update, context: HamyarContext) -> str | int:
    return await _apply_amount(update, context, "price")


async def on_stock(update: Update, context: HamyarContext) -> str | int:
    return await _apply_amount(update, context, "stock")


async def _finish(update: Update, context: HamyarContext, text: str) -> int:
    async with context.session() as s:
        draft = await s.get(Draft, (_uid(update), EDIT_KIND))
        if draft is not None:
            await s.delete(draft)
        await write_state(s, NAME, (update.effective_chat.id, _uid(update)), None)  # type: ignore[union-attr]
    await send(context, update.effective_chat.id, text,  # type: ignore[union-attr]
               keyboards.main_menu(context.t, is_seller=True))
    return END


async def cancel_amount(update: Update, context: HamyarContext) -> int:
    return await _finish(update, context, context.t("menu-prompt"))


async def wrong_price(update: Update, context: HamyarContext) -> str:
    await send(context, update.effective_chat.id, context.t("lst-err-price"),  # type: ignore[union-attr]
               keyboards.reply_nav(context.t))
    return "price"


async def wrong_stock(update: Update, context: HamyarContext) -> str:
    await send(context, update.effective_chat.id,  # type: ignore[union-attr]
               context.t("lst-err-stock", max=svc.STOCK_MAX), keyboards.reply_nav(context.t))
    return "stock"


def build(i18n: I18n) -> ConversationHandler[HamyarContext]:
    back_f = keyboards.label_filter(i18n, "btn-back")
    cancel_f = keyboards.label_filter(i18n, "btn-cancel")
    text = filters.TEXT & ~filters.COMMAND & ~back_f & ~cancel_f
    nav = [CommandHandler("cancel", cancel_amount), MessageHandler(cancel_f | back_f, cancel_amount)]
    return ConversationHandler(
        entry_points=[CallbackQueryHandler(ask_amount, pattern=r"^my:(price|stock):\d+$")],
        states={
            "price": [*nav, MessageHandler(text, on_price), MessageHandler(filters.ALL, wrong_price)],
            "stock": [*nav, MessageHandler(text, on_stock), MessageHandler(filters.ALL, wrong_stock)],
        },
        fallbacks=[],
        name=NAME,
        persistent=True,
        per_chat=True,
        per_user=True,
    )
