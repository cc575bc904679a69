"""A listing a trainer entered on a seller's behalf: the seller's agreement, by her own
button or recorded by the trainer after a phone call."""

from __future__ import annotations

from telegram import Update
from telegram.error import BadRequest
from telegram.ext import CallbackQueryHandler

from bot.callbacks import BehalfConfirm, BehalfPhone, BehalfSend
from bot.context import HamyarApp, HamyarContext
from bot.services import behalf_consent
from bot.services.trainers import Refused


async def _edit(update: Update, text: str) -> None:
    try:
        await update.callback_query.edit_message_text(text)  # type: ignore[union-attr]
    except BadRequest:
        pass


async def behalf_send(update: Update, context: HamyarContext) -> None:
    """The trainer sends the preview to the seller, who confirms it herself."""
    query = update.callback_query
    user = update.effective_user
    assert query is not None and user is not None
    ref = BehalfSend.parse(query.data)
    assert ref is not None  # the handler's pattern is the kind's
    try:
        async with context.session() as s:
            await behalf_consent.send_preview(s, context.services.i18n, ref.listing_id, user.id,
                                              user.first_name)
    except Refused as err:
        await query.answer(context.t(err.key, **err.args_), show_alert=True)
        return
    await query.answer(context.t("obh-sent"))
    await _edit(update, context.t("obh-sent"))


async def behalf_phone(update: Update, context: HamyarContext) -> None:
    """The trainer records that the seller agreed by phone: the listing goes to review."""
    query = update.callback_query
    assert query is not None
    ref = BehalfPhone.parse(query.data)
    assert ref is not None
    try:
        async with context.session() as s:
            await behalf_consent.phone_consent(s, ref.listing_id, update.effective_user.id)  # type: ignore[union-attr]
    except Refused as err:
        await query.answer(context.t(err.key, **err.args_), show_alert=True)
        return
    await query.answer(context.t("obh-phone-recorded"))
    await _edit(update, context.t("obh-phone-recorded"))


async def behalf_confirm(update: Update, context: HamyarContext) -> None:
    """The seller confirms a listing a trainer entered for her."""
    query = update.callback_query
    assert query is not None
    ref = BehalfConfirm.parse(query.data)
    assert ref is not None
    try:
        async with context.session() as s:
            await behalf_consent.seller_confirms(s, context.services.i18n, ref.listing_id,
                                                 update.effective_user.id)  # type: ignore[union-attr]
    except Refused as err:
        await query.answer(context.t(err.key, **err.args_), show_alert=True)
        return
    await query.answer()
    await _edit(update, context.t("obh-seller-confirmed"))


def register(app: HamyarApp) -> None:
    add = app.add_handler
    add(CallbackQueryHandler(behalf_send, pattern=BehalfSend.pattern()), group=0)
    add(CallbackQueryHandler(behalf_phone, pattern=BehalfPhone.pattern()), group=0)
    add(CallbackQueryHandler(behalf_confirm, pattern=BehalfConfirm.pattern()), group=0)
