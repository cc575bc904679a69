"""A listing a trainer entered on a seller's behalf: the seller's agreement, by her own
button or recorded by the trainer after a phone call."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from telegram import CallbackQuery, Update, User
from telegram.error import BadRequest
from telegram.ext import CallbackQueryHandler

from bot.callbacks import BehalfConfirm, BehalfPhone, BehalfSend
from bot.context import HamyarApp, HamyarContext, Session
from bot.services import behalf_consent
from bot.services.trainers import Refused
from handlers.common import read_button


async def _edit(query: CallbackQuery, text: str) -> None:
    try:
        await query.edit_message_text(text)
    except BadRequest:
        pass


Kind = type[BehalfSend] | type[BehalfPhone] | type[BehalfConfirm]
Act = Callable[[Session, int, User], Awaitable[object]]


async def _on_press(update: Update, context: HamyarContext, kind: Kind, act: Act, done: str, *,
                    toast: bool = True) -> None:
    """A press of one of these buttons: `act` on its listing by the presser in one unit of
    work; a refusal is told to her in an alert, success replaces the message's text with
    `done` (also shown as a toast unless `toast` is false)."""
    pressed = await read_button(update, context, kind)
    if pressed is None:
        return
    query, ref = pressed
    user = query.from_user
    try:
        async with context.session() as s:
            await act(s, ref.listing_id, user)
    except Refused as err:
        await query.answer(context.t(err.key, **err.args_), show_alert=True)
        return
    await query.answer(context.t(done) if toast else None)
    await _edit(query, context.t(done))


async def behalf_send(update: Update, context: HamyarContext) -> None:
    """The trainer sends the preview to the seller, who confirms it herself."""
    i18n = context.services.i18n
    await _on_press(update, context, BehalfSend, lambda s, listing_id, trainer: (
        behalf_consent.send_preview(s, i18n, listing_id, trainer.id, trainer.first_name)),
        "obh-sent")


async def behalf_phone(update: Update, context: HamyarContext) -> None:
    """The trainer records that the seller agreed by phone: the listing goes to review."""
    await _on_press(update, context, BehalfPhone, lambda s, listing_id, trainer: (
        behalf_consent.phone_consent(s, listing_id, trainer.id)), "obh-phone-recorded")


async def behalf_confirm(update: Update, context: HamyarContext) -> None:
    """The seller confirms a listing a trainer entered for her."""
    i18n = context.services.i18n
    await _on_press(update, context, BehalfConfirm, lambda s, listing_id, seller: (
        behalf_consent.seller_confirms(s, i18n, listing_id, seller.id)),
        "obh-seller-confirmed", toast=False)


def register(app: HamyarApp) -> None:
    add = app.add_handler
    add(CallbackQueryHandler(behalf_send, pattern=BehalfSend.pattern()), group=0)
    add(CallbackQueryHandler(behalf_phone, pattern=BehalfPhone.pattern()), group=0)
    add(CallbackQueryHandler(behalf_confirm, pattern=BehalfConfirm.pattern()), group=0)
