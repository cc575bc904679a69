"""Listing a product: a persistent ConversationHandler over the seller's draft listing.

The draft is a `listings` row in status draft; each answer updates it and its `flow` (the step
reached) together with the conversation state in one transaction. The steps are in
`handlers.listing_steps`, the trainers' entries in `handlers.listing_behalf`, the entries from
«محصولات من» in `handlers.listing_revise`; this module has the table of transitions (FLOW),
entering, resuming, back, cancel, submit, and the conversation itself.
"""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.error import BadRequest
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot import keyboards
from bot.callbacks import (
    BehalfPhone,
    BehalfPick,
    BehalfSend,
    CostConfirm,
    EditLink,
    ListingAvailability,
    ListingCategory,
    ListingDeleteDraft,
    ListingDelivery,
    ListingEditField,
    ListingResume,
    ListingStep,
    MyListing,
    PriceConfirm,
    loose_pattern,
)
from bot.context import HamyarContext
from bot.flows import END as FLOW_END
from bot.flows import START, Edge, Flow, back_edges, forward_edges, leave_edges
from bot.i18n import I18n
from bot.persistence import write_state
from bot.services import listing as svc
from bot.services import listing_flow as flow
from bot.services import onbehalf as behalf_svc
from bot.services.errors import InputError
from handlers import listing_price as price_step
from handlers import listing_steps as steps
from handlers.common import chat_of, drop_buttons, key_of, send, stale_button, user_of
from handlers.deeplinks import leave_for_link
from handlers.listing_behalf import on_pick_seller, on_seller_query, onbehalf, trainer_edit
from handlers.listing_revise import reopen, revise
from handlers.listing_steps import END, NAME, ask, go

_ASKED = ("category", "photos", "title", "description", "price", "availability")  # in order


def _flow() -> Flow:
    edges = [
        Edge(START, "category", "«محصول تازه», no draft"),
        Edge(START, "resume", "«محصول تازه», a draft left"),
        Edge(START, "preview", "«ویرایش» in my listings, /start e_id"),
        Edge(START, "pick_seller", "/onbehalf"),
        Edge("pick_seller", "pick_seller", "a name to search"),
        Edge("pick_seller", "category", "a seller picked (or the step her draft reached)"),
        Edge("pick_seller", FLOW_END, "cancel or back"),
        Edge("resume", "category", "«از اول» (or «ادامه»: the step it reached)"),
        Edge("resume", "resume", "anything else"),
        Edge("resume", FLOW_END, "cancel"),
        *forward_edges(_ASKED, "a craft", "«تمام»", "a title", "text, voice or «رد شدن»",
                       "a price"),
        Edge("photos", "photos", "a photo"),
        Edge("price", "price_confirm", "a price to say back («۱۲۰ تومن»)"),
        Edge("price_confirm", "availability", "«✅ بله», or a certain price"),
        Edge("price_confirm", "price", "«✏️ نه»"),
        Edge("price_confirm", "price_confirm", "another price to say back"),
        Edge("price_confirm", "preview", "«✅ بله» while editing"),
        Edge("price_confirm", "description", "back"),
        Edge("availability", "stock", "«موجود»"),
        Edge("availability", "prep_days", "«سفارشی»"),
        Edge("stock", "delivery", "a number"),
        Edge("prep_days", "delivery", "days"),
        Edge("delivery", "delivery", "a method toggled"),
        Edge("delivery", "delivery_cost", "«تمام», a method that costs"),
        Edge("delivery", "preview", "«تمام», pickup only"),
        Edge("delivery_cost", "delivery_cost", "a cost, another method left; a cost to say back («پنجاه تومن»)"),
        Edge("delivery_cost", "preview", "a cost or «رایگان», the last"),
        Edge("preview", FLOW_END, "«ثبت»"),
    ]
    edges += [Edge("preview", f, "«ویرایش …»") for f in svc.EDITABLE]
    edges += [Edge(s, "preview", "an answer while editing")
              for s in ("category", "photos", "title", "description", "price", "stock",
                        "prep_days", "delivery")]
    edges += back_edges(_ASKED)
    branches_back = [("stock", "availability"), ("prep_days", "availability"),
                     ("delivery", "stock"), ("delivery", "prep_days"),
                     ("delivery_cost", "delivery"), ("delivery_cost", "delivery_cost"),
                     ("preview", "delivery_cost"), ("preview", "delivery")]
    edges += [Edge(s, t, "back") for s, t in branches_back]
    edges += [Edge(s, "preview", "back while editing") for s in svc.STEPS if s != "preview"]
    edges += [Edge("category", FLOW_END, "back")]
    edges += leave_edges(svc.STEPS, "cancel, or a deep link")
    return Flow(NAME, tuple(edges))


FLOW = _flow()


# -- entry, resume, back, cancel -----------------------------------------------------------

async def _new(update: Update, s: Any) -> flow.Screen:
    listing = await svc.new_draft(s, user_of(update), user_of(update))
    return await go(update, s, listing, flow.FIRST)


async def start(update: Update, context: HamyarContext) -> str | int:
    if not context.is_seller:
        await send(context, chat_of(update), context.t("lst-not-seller"),
                   keyboards.main_menu(context.t, is_seller=False))
        return END
    async with context.session() as s:
        listing = await behalf_svc.working(s, user_of(update))
        if listing is None:
            screen = await _new(update, s)
        else:
            await write_state(s, NAME, key_of(update), "resume")
            title = listing.title or context.t("lst-untitled")
    if listing is None:
        await send(context, chat_of(update), context.t("lst-intro"))
        await ask(update, context, screen)
        return flow.FIRST
    items = [(context.t("btn-continue"), ListingResume("go").pack()),
             (context.t("btn-start-over"), ListingResume("over").pack())]
    await send(context, chat_of(update), context.t("lst-resume-ask", title=title), keyboards.grid(items, 2))
    return "resume"


async def on_resume(update: Update, context: HamyarContext) -> str | int:
    query = update.callback_query
    assert query is not None
    data = ListingResume.parse(query.data)
    await query.answer()
    await drop_buttons(update)
    async with context.session() as s:
        listing = await behalf_svc.working(s, user_of(update))
        if data is not None and data.choice == "over" and listing is not None:
            await flow.discard(s, listing)
            listing = None
        if listing is None:
            intro, screen = "lst-intro", await _new(update, s)
        else:
            step = flow.step_of(listing)
            intro, screen = "lst-resumed", await go(update, s, listing,
                                                    step if step in svc.STEPS else flow.FIRST)
    await send(context, chat_of(update), context.t(intro))
    await ask(update, context, screen)
    return screen.step


async def back(update: Update, context: HamyarContext) -> str | int:
    if update.callback_query:
        await update.callback_query.answer()
        await drop_buttons(update)
    async with context.session() as s:
        listing = await behalf_svc.working(s, user_of(update))
        previous = flow.previous_step(listing, flow.step_of(listing)) if listing else None
        if listing is None or previous is None:
            behalf = await _forget(update, s) if listing is not None else False
            aside = listing is not None and not behalf and await flow.set_aside(s, listing)
        else:
            screen = await go(update, s, listing, previous, going_back=True)
    if previous is None:
        return await _left(update, context, None, behalf, listing if aside else None)
    await ask(update, context, screen)
    return previous


async def cancel(update: Update, context: HamyarContext) -> int:
    if update.callback_query:
        await update.callback_query.answer()
        await drop_buttons(update)
    async with context.session() as s:
        listing = await behalf_svc.working(s, user_of(update))
        behalf = await _forget(update, s)
        # a listing opened again to fix it goes back to «محصولات من» as it was sent back
        aside = listing is not None and not behalf and await flow.set_aside(s, listing)
    # a listing the trainers have seen is never offered for deleting
    deletable = listing is not None and not svc.was_submitted(listing)
    return await _left(update, context, listing.id if listing and deletable else None, behalf,
                       listing if aside else None)


async def _forget(update: Update, s: Any) -> bool:
    """Leave the conversation (in the caller's unit of work); True for a trainer's work."""
    behalf = await behalf_svc.leave(s, user_of(update))
    await write_state(s, NAME, key_of(update), None)
    return behalf


async def _left(update: Update, context: HamyarContext, draft_id: int | None, behalf: bool,
                set_aside: svc.Listing | None = None) -> int:
    """She left the flow: the main menu; the button that deletes a new draft, or for a listing
    she was fixing (`set_aside`, back in «محصولات من») the button that carries on the fix."""
    if set_aside is not None:
        title = set_aside.title or context.t("lst-untitled")
        await send(context, chat_of(update), context.t("lst-cancelled-fix", title=title),
                   keyboards.main_menu(context.t, is_seller=context.is_seller))
        carry_on = (context.t("btn-edit-listing"), MyListing("edit", set_aside.id).pack())
        await send(context, chat_of(update), context.t("lst-cancelled-fix-go"),
                   keyboards.grid([carry_on], 1))
        return END
    await send(context, chat_of(update), context.t("lst-cancelled"),
               keyboards.main_menu(context.t, is_seller=context.is_seller))
    if draft_id is not None and not behalf:
        await send(context, chat_of(update), "🗑", keyboards.grid(
            [(context.t("btn-delete-draft"), ListingDeleteDraft(draft_id).pack())], 1))
    return END


async def delete_draft(update: Update, context: HamyarContext) -> None:
    """Outside the conversation: the «delete the draft» button left by cancel."""
    query = update.callback_query
    assert query is not None
    data = ListingDeleteDraft.parse(query.data)
    if data is None:
        await query.answer(context.t("invalid-choice"), show_alert=True)
        return
    async with context.session() as s:
        try:
            await flow.delete_own_draft(s, data.listing_id, user_of(update))
            await write_state(s, NAME, key_of(update), None)
        except svc.ListingNotFound:
            await query.answer(context.t("stale-button"), show_alert=True)
            return
        except InputError as err:
            await query.answer(context.t(err.key), show_alert=True)
            return
    await query.answer()
    try:
        await query.edit_message_text(context.t("lst-draft-deleted"))
    except BadRequest:
        pass


async def on_submit(update: Update, context: HamyarContext) -> str | int:
    query = update.callback_query
    assert query is not None
    async with context.session() as s:
        listing = await behalf_svc.working(s, user_of(update))
        if listing is None:
            await query.answer(context.t("stale-button"))
            return END
        try:
            mode = await behalf_svc.finish(s, listing, user_of(update))
        except InputError as err:
            field = context.t(steps.FIELD_KEYS.get(str(err.args_.get("field", "")), "btn-edit-title"))
            await query.answer(context.t(err.key, field=field), show_alert=True)
            return "preview"
        await write_state(s, NAME, key_of(update), None)
    await query.answer()
    await drop_buttons(update)
    if mode == "behalf":
        await send(context, chat_of(update), context.t("obh-consent-ask"), keyboards.grid(
            [(context.t("obh-btn-send"), BehalfSend(listing.id).pack()),
             (context.t("obh-btn-phone"), BehalfPhone(listing.id).pack())], 1))
        return END
    k = "obh-saved" if mode == "edit" else "lst-submitted"
    await send(context, chat_of(update), context.t(k),
               keyboards.main_menu(context.t, is_seller=context.is_seller))
    return END


# -- anything else -----------------------------------------------------------------------------

WRONG_TYPE_KEYS = {
    "category": "reg-err-choose-button", "availability": "reg-err-choose-button",
    "delivery": "reg-err-choose-button", "preview": "reg-err-choose-button",
    "photos": "lst-err-photo-type", "description": "lst-err-description-type",
    "price": "lst-err-price", "stock": "lst-err-stock", "prep_days": "lst-err-prep-days",
    "delivery_cost": "lst-err-delivery-cost",
}


async def _where(update: Update, context: HamyarContext) -> flow.Screen | None:
    """The screen of the draft she is working on, where she is; None without a draft."""
    async with context.session() as s:
        listing = await behalf_svc.working(s, user_of(update))
        return None if listing is None else await flow.screen(s, user_of(update), listing)


async def wrong_type(update: Update, context: HamyarContext) -> str | int:
    screen = await _where(update, context)
    if screen is None:
        return END
    step = screen.step
    args = {"max": {"stock": svc.STOCK_MAX, "prep_days": svc.PREP_DAYS_MAX,
                    "delivery_cost": svc.DELIVERY_COST_MAX}.get(step, 0)}
    await ask(update, context, screen, context.t(WRONG_TYPE_KEYS.get(step, "reg-err-text-expected"), **args))
    return step


async def on_start_inside(update: Update, context: HamyarContext) -> str | int:
    screen = await _where(update, context)
    if screen is None:
        return END
    await ask(update, context, screen, context.t("lst-resumed"))
    return screen.step


# -- the conversation --------------------------------------------------------------------------

def build(i18n: I18n) -> ConversationHandler[HamyarContext]:
    private = filters.ChatType.PRIVATE
    back_f = keyboards.label_filter(i18n, "btn-back")
    cancel_f = keyboards.label_filter(i18n, "btn-cancel")
    skip_f = keyboards.label_filter(i18n, "btn-skip")
    done_f = keyboards.label_filter(i18n, "btn-done")
    free_f = keyboards.label_filter(i18n, "btn-free")
    collect_f = keyboards.label_filter(i18n, "btn-postage-collect")
    text = filters.TEXT & ~filters.COMMAND & ~back_f & ~cancel_f
    edit_link = filters.Regex("^/start " + EditLink.pattern().removeprefix("^"))

    def state(*handlers: Any) -> list[Any]:
        return [
            CommandHandler("cancel", cancel),
            MessageHandler(cancel_f, cancel),
            MessageHandler(back_f, back),
            CallbackQueryHandler(cancel, pattern=ListingStep.pattern(action="cancel")),
            CallbackQueryHandler(back, pattern=ListingStep.pattern(action="back")),
            leave_for_link(NAME),
            CommandHandler("start", trainer_edit, filters=private & edit_link),
            CommandHandler("start", on_start_inside),
            *handlers,
        ]

    states: dict[object, list[Any]] = {
        "pick_seller": [
            leave_for_link(NAME),
            CommandHandler("cancel", cancel), MessageHandler(cancel_f | back_f, cancel),
            CallbackQueryHandler(on_pick_seller, pattern=loose_pattern(BehalfPick)),
            MessageHandler(text, on_seller_query),
        ],
        "resume": [leave_for_link(NAME),
                   CallbackQueryHandler(on_resume, pattern=ListingResume.pattern()),
                   CommandHandler("cancel", cancel), MessageHandler(cancel_f, cancel),
                   MessageHandler(filters.ALL & private, start)],
        "category": state(CallbackQueryHandler(steps.on_category, pattern=loose_pattern(ListingCategory))),
        "photos": state(
            MessageHandler(filters.PHOTO, steps.on_photo),
            MessageHandler(filters.Document.IMAGE, steps.on_image_document),
            MessageHandler(done_f, steps.on_photos_done),
        ),
        "title": state(MessageHandler(text, steps.on_title)),
        "description": state(
            MessageHandler(skip_f, steps.on_skip_description),
            MessageHandler(filters.VOICE, steps.on_voice),
            MessageHandler(text, steps.on_description),
        ),
        "price": state(MessageHandler(text, price_step.on_price)),
        price_step.CONFIRM: state(
            CallbackQueryHandler(price_step.on_confirm, pattern=PriceConfirm.pattern()),
            MessageHandler(text, price_step.on_price),
        ),
        "availability": state(CallbackQueryHandler(steps.on_availability,
                                                   pattern=loose_pattern(ListingAvailability))),
        "stock": state(MessageHandler(text, steps.on_stock)),
        "prep_days": state(MessageHandler(text, steps.on_prep_days)),
        "delivery": state(
            CallbackQueryHandler(steps.on_delivery_toggle, pattern=loose_pattern(ListingDelivery)),
            CallbackQueryHandler(steps.on_delivery_done, pattern=ListingStep.pattern(action="dlv-done")),
        ),
        "delivery_cost": state(
            MessageHandler(free_f, steps.on_delivery_free),
            MessageHandler(collect_f, steps.on_postage_collect),
            CallbackQueryHandler(price_step.on_cost_confirm, pattern=CostConfirm.pattern()),
            MessageHandler(text, price_step.on_delivery_cost),
        ),
        "preview": state(
            CallbackQueryHandler(steps.on_edit_field, pattern=loose_pattern(ListingEditField)),
            CallbackQueryHandler(on_submit, pattern=ListingStep.pattern(action="submit")),
        ),
    }
    if set(states) != set(FLOW.states):
        raise RuntimeError(f"listing: states {sorted(map(str, states))} differ from FLOW's "
                           f"{sorted(FLOW.states)}")
    return ConversationHandler(
        entry_points=[
            MessageHandler(private & keyboards.label_filter(i18n, "menu-new-listing"), start),
            CommandHandler("newproduct", start, filters=private),
            CallbackQueryHandler(reopen, pattern=loose_pattern(MyListing, action="edit")),
            CallbackQueryHandler(revise, pattern=loose_pattern(MyListing, action="rev")),
            CommandHandler("onbehalf", onbehalf, filters=private),
            CommandHandler("start", trainer_edit, filters=private & edit_link),
        ],
        states={s: states[s] for s in FLOW.states},
        fallbacks=[
            CallbackQueryHandler(stale_button, pattern=loose_pattern(ListingStep)),
            CallbackQueryHandler(stale_button, pattern=loose_pattern(PriceConfirm)),
            CallbackQueryHandler(stale_button, pattern=loose_pattern(CostConfirm)),
            MessageHandler(filters.ALL & private, wrong_type),
        ],
        name=NAME,
        persistent=True,
        per_chat=True,
        per_user=True,
    )


# The «delete the draft» button is handled outside the conversation (handlers/__init__.py).
DELETE_DRAFT_PATTERN = loose_pattern(ListingDeleteDraft)
