"""Listing a product, the price step: a price read as she means it, and the amount said back
with «✅ بله، درست است» / «✏️ نه، دوباره می‌نویسم» when the reading is not certain
(`bot.persian.read_price`: «۱۲۰ تومن» read as ۱۲۰٬۰۰۰, or more than ۱۰۰ million). The draft's
step stays «price» while the question is open; the conversation waits in «price_confirm», where
a newly typed price is read again.

The delivery-cost step reads a cost the same way («پنجاه تومن» → ۵۰٬۰۰۰, said back); it stays
in «delivery_cost» while the question is open, and the answer names the method it is for, so
an old button cannot set another method's cost."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Update
from telegram.error import BadRequest

from bot import keyboards
from bot.callbacks import CostConfirm, PriceConfirm
from bot.context import HamyarContext
from bot.persistence import write_state
from bot.services import catalogue
from bot.services import listing as svc
from bot.services import listing_flow as flow
from bot.services import onbehalf as behalf_svc
from bot.services.errors import InputError
from handlers.common import chat_of, key_of, send, text_of, user_of
from handlers.listing_steps import END, NAME, _money, ask, go

CONFIRM = "price_confirm"


def confirm_markup(context: HamyarContext, amount: int) -> InlineKeyboardMarkup:
    """The yes/no buttons under an amount said back."""
    return keyboards.grid([(context.t("btn-amount-yes"), PriceConfirm("yes", amount).pack()),
                           (context.t("btn-amount-no"), PriceConfirm("no", amount).pack())], 1)


async def on_price(update: Update, context: HamyarContext) -> str | int:
    text = text_of(update)
    doubt: int | None = None
    hint: str | None = None
    async with context.session() as s:
        listing = await behalf_svc.working(s, user_of(update))
        if listing is None:
            return END
        try:
            price = svc.set_price(listing, text)
        except svc.PriceToConfirm as question:
            doubt, to = question.amount, CONFIRM
            await write_state(s, NAME, key_of(update), CONFIRM)
        except InputError as err:
            hint, to = context.t(err.key, **err.args_), "price"
            screen = await flow.screen(s, user_of(update), listing)
            await write_state(s, NAME, key_of(update), "price")
        else:
            to = flow.next_step(listing, "price")
            screen = await go(update, s, listing, to)
    if doubt is not None:
        await send(context, chat_of(update), context.t("lst-price-confirm", price=_money(context, doubt)),
                   confirm_markup(context, doubt))
        return CONFIRM
    if hint is None:
        await send(context, chat_of(update), context.t("lst-price-saved", price=_money(context, price)))
    await ask(update, context, screen, hint)
    return to


async def on_confirm(update: Update, context: HamyarContext) -> str | int:
    query = update.callback_query
    assert query is not None
    data = PriceConfirm.parse(query.data)
    await query.answer()
    async with context.session() as s:
        listing = await behalf_svc.working(s, user_of(update))
        if listing is None:
            return END
        to = "price"
        if data is not None and data.answer == "yes":
            try:
                price = svc.set_price(listing, data.amount)
            except InputError:
                data = None
            else:
                to = flow.next_step(listing, "price")
        if to == "price":
            await write_state(s, NAME, key_of(update), "price")
            screen = await flow.screen(s, user_of(update), listing)
        else:
            screen = await go(update, s, listing, to)
    try:
        if to == "price":
            await query.edit_message_reply_markup(None)
        else:
            await query.edit_message_text(context.t("lst-price-saved", price=_money(context, price)))
    except BadRequest:
        pass
    await ask(update, context, screen)
    return to


# -- the delivery cost -------------------------------------------------------------------------

COST = "delivery_cost"


async def on_delivery_cost(update: Update, context: HamyarContext) -> str:
    text = update.message.text or ""  # type: ignore[union-attr]
    doubt: int | None = None
    hint: str | None = None
    async with context.session() as s:
        listing = await behalf_svc.working(s, user_of(update))
        if listing is None:
            return END  # type: ignore[return-value]
        method = flow.cost_for(listing)
        try:
            svc.set_delivery_cost(listing, method, text)
        except svc.PriceToConfirm as question:
            doubt, to = question.amount, COST
        except InputError as err:
            hint, to = context.t(err.key, **err.args_), COST
            screen = await flow.screen(s, user_of(update), listing)
        else:
            to = flow.next_step(listing, COST)
            screen = await go(update, s, listing, to)
    if doubt is not None:
        t = context.t
        buttons = keyboards.grid([(t("btn-amount-yes"), CostConfirm("yes", method, doubt).pack()),
                                  (t("btn-amount-no"), CostConfirm("no", method, doubt).pack())], 1)
        await send(context, chat_of(update), t("lst-cost-confirm", method=t(catalogue.DELIVERY_KEYS[method]),
                                            cost=_money(context, doubt)), buttons)
        return COST
    await ask(update, context, screen, hint)
    return to


async def on_cost_confirm(update: Update, context: HamyarContext) -> str:
    query = update.callback_query
    assert query is not None
    data = CostConfirm.parse(query.data)
    async with context.session() as s:
        listing = await behalf_svc.working(s, user_of(update))
        if listing is None:
            await query.answer(context.t("stale-button"))
            return END  # type: ignore[return-value]
        current = data is not None and flow.step_of(listing) == COST \
            and flow.cost_for(listing) == data.method
        to, saved = COST, False
        if current and data is not None and data.answer == "yes":
            try:
                svc.set_delivery_cost(listing, data.method, data.amount)
            except InputError:
                current = False
            else:
                to, saved = flow.next_step(listing, COST), True
        screen = await go(update, s, listing, to) if saved else await flow.screen(s, user_of(update), listing)
    if not current:  # an old question (another method's, or a later step): nothing changes
        await query.answer(context.t("stale-button"))
        try:
            await query.edit_message_reply_markup(None)
        except BadRequest:
            pass
        return COST
    await query.answer()
    assert data is not None
    try:
        if saved:
            await query.edit_message_text(context.t(
                "lst-cost-saved", method=context.t(catalogue.DELIVERY_KEYS[data.method]),
                cost=_money(context, data.amount)))
        else:
            await query.edit_message_reply_markup(None)
    except BadRequest:
        pass
    await ask(update, context, screen)
    return to
