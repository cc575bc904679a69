"""Listing a product, entries from «محصولات من»: a listing sent back for changes opens at its
preview (`my:edit:<id>`), and a public listing is revised on a copy reviewed like a new one
while its channel post stays as it is (`my:rev:<id>`)."""

from __future__ import annotations

from telegram import Update

from bot.callbacks import MyListing
from bot.context import HamyarContext
from bot.services import listing_flow as flow
from bot.services.errors import InputError
from handlers.common import chat_of, read_button, send, user_of
from handlers.listing_steps import END, ask, go


async def _enter(update: Update, context: HamyarContext, revise: bool) -> str | int:
    pressed = await read_button(update, context, MyListing)
    if pressed is None:
        return END
    query, data = pressed
    async with context.session() as s:
        try:
            opened = flow.open_revision if revise else flow.open_for_edit
            listing = await opened(s, data.listing_id, user_of(update))
        except flow.ListingNotFound:
            refused: str | None = context.t("my-not-yours")
        except InputError as err:
            refused = context.t(err.key, **err.args_)
        else:
            refused = None
            screen = await go(update, s, listing, "preview")
    if refused is not None:
        await query.answer(refused, show_alert=True)
        return END
    await query.answer()
    if revise:
        await send(context, chat_of(update), context.t("my-revise-intro"))
    await ask(update, context, screen)
    return "preview"


async def reopen(update: Update, context: HamyarContext) -> str | int:
    """A listing sent back for changes opens at its preview."""
    return await _enter(update, context, revise=False)


async def revise(update: Update, context: HamyarContext) -> str | int:
    """Change the title, photos or description of a public listing: the change is reviewed
    while the channel post stays as it is."""
    return await _enter(update, context, revise=True)
