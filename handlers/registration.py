"""Seller registration: a persistent ConversationHandler whose states are the step names of
`FLOW`, its transition table (`docs/flows/registration.mmd` is its picture).

Every answer is validated by `bot.services.registration` and saved to the draft with the
conversation state in one unit of work, then the next question is asked
(`handlers.registration_ask`). A wrong kind of message, a forged or old button, back and
cancel are answered at every step, and nothing already entered is lost.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot import keyboards
from bot.callbacks import REG_ANY, RegCity, RegCraft, RegEdit, RegProvince, RegStep
from bot.context import HamyarContext, Session
from bot.flows import END as FLOW_END
from bot.flows import START, Edge, Flow, back_edges, forward_edges, leave_edges
from bot.i18n import I18n
from bot.persistence import write_state
from bot.services import registration as reg
from handlers.common import Handler, chat_of, drop_buttons, key_of, send, stale_button, user_of
from handlers.deeplinks import leave_for_link
from handlers.groups import join_reply
from handlers.registration_ask import (
    WRONG_TYPE_KEYS,
    ask,
    first_missing,
)
from handlers.registration_steps import (
    NAME,
    load,
    on_city_button,
    on_city_text,
    on_confirm,
    on_contact,
    on_craft_toggle,
    on_crafts_done,
    on_district,
    on_edit,
    on_group,
    on_name,
    on_phone_text,
    on_province_button,
    on_province_text,
    save,
    skip_district,
    skip_group,
)

END = ConversationHandler.END

_LEAVE = "cancel, or a link"
FLOW = Flow(NAME, (
    Edge(START, "name", "/register, «ثبت‌نام»"),
    *(Edge(START, s, "resume a saved draft") for s in reg.STEPS[1:]),
    *forward_edges(reg.STEPS, "a name", "a phone number or her contact", "a province", "a city",
                   "a district, or skip", "done", "a group, or skip"),
    Edge("province", "district", "a city typed"),
    Edge("confirm", FLOW_END, "confirm, " + _LEAVE),
    Edge("name", FLOW_END, "back, " + _LEAVE),
    *back_edges(reg.STEPS),
    *leave_edges(reg.STEPS[1:-1], _LEAVE),
))


# -- entry, back, cancel -------------------------------------------------------------------

async def start(update: Update, context: HamyarContext) -> str | int:
    user_id = user_of(update)
    if context.is_seller:
        await send(context, chat_of(update), context.t("reg-already"),
                   keyboards.main_menu(context.t, is_seller=True))
        return END
    async with context.session() as s:
        data = await reg.load_draft(s, user_id)
        fresh = data is None
        if data is None:
            data = {"step": "name"}
            await reg.save_draft(s, user_id, data)
        step = first_missing(data)
        await write_state(s, NAME, key_of(update), step)
    note = context.t("reg-intro") if fresh else context.t("reg-resume")
    await send(context, chat_of(update), note)
    return await ask(update, context, step, data)


async def back(update: Update, context: HamyarContext) -> str | int:
    if update.callback_query:
        await update.callback_query.answer()
        await drop_buttons(update)
    async with context.session() as s:
        data = await reg.load_draft(s, user_of(update)) or {}
        current = data.get("step", "name")
        editing = False
        if current == "name":
            await write_state(s, NAME, key_of(update), None)
            editing = await _drop_if_editing(s, update)
        else:
            await save(s, update, data, reg.previous_step(current) or "name")
    if current == "name":
        return await _said_goodbye(update, context, editing)
    return await ask(update, context, data["step"], data)


async def cancel(update: Update, context: HamyarContext) -> int:
    if update.callback_query:
        await update.callback_query.answer()
        await drop_buttons(update)
    async with context.session() as s:
        await write_state(s, NAME, key_of(update), None)
        editing = await _drop_if_editing(s, update)
    return await _said_goodbye(update, context, editing)


async def _drop_if_editing(s: Session, update: Update) -> bool:
    """Leaving a change of her profile: the copy goes, her profile stays as it was."""
    data = await reg.load_draft(s, user_of(update)) or {}
    if data.get("editing"):
        await reg.delete_draft(s, user_of(update))
    return bool(data.get("editing"))


async def _said_goodbye(update: Update, context: HamyarContext, editing: bool = False) -> int:
    key_ = "profile-edit-cancelled" if editing or context.is_seller else "reg-cancelled"
    await send(context, chat_of(update), context.t(key_),
               keyboards.main_menu(context.t, is_seller=context.is_seller))
    return END


async def wrong_type(update: Update, context: HamyarContext) -> str:
    data = await load(context, update)
    step = data.get("step", "name")
    hint = context.t(WRONG_TYPE_KEYS.get(step, "reg-err-text-expected"))
    return await ask(update, context, step, data, hint=hint)


async def on_join_inside(update: Update, context: HamyarContext) -> str:
    """/join CODE in the middle of registration (her trainer just gave her the code): the code
    is kept for the end of it, and the question she was at is asked again."""
    code = "".join(context.args or [])
    if code:
        hint, _found = await join_reply(context, user_of(update), code, registering=True)
    else:
        hint = context.t("grp-ask-code")
    data = await load(context, update)
    return await ask(update, context, data.get("step", "name"), data, hint=hint)


async def on_start_inside(update: Update, context: HamyarContext) -> str:
    """/start in the middle of registration: carry on where she is."""
    data = await load(context, update)
    return await ask(update, context, data.get("step", "name"), data,
                     hint=context.t("reg-resume"))


def build(i18n: I18n) -> ConversationHandler[HamyarContext]:
    private = filters.ChatType.PRIVATE
    back_f = keyboards.label_filter(i18n, "btn-back")
    cancel_f = keyboards.label_filter(i18n, "btn-cancel")
    skip_f = keyboards.label_filter(i18n, "btn-skip")
    text = filters.TEXT & ~filters.COMMAND & ~back_f & ~cancel_f

    head: list[Handler] = [
        CommandHandler("cancel", cancel),
        MessageHandler(cancel_f, cancel),
        MessageHandler(back_f, back),
        CallbackQueryHandler(cancel, pattern=RegStep.pattern(action="cancel")),
        CallbackQueryHandler(back, pattern=RegStep.pattern(action="back")),
        leave_for_link(NAME),
        CommandHandler("start", on_start_inside),
        CommandHandler("join", on_join_inside),
    ]
    steps: dict[str, list[Handler]] = {
        "name": [MessageHandler(text, on_name)],
        "phone": [MessageHandler(filters.CONTACT, on_contact), MessageHandler(text, on_phone_text)],
        "province": [CallbackQueryHandler(on_province_button, pattern=RegProvince.pattern()),
                     MessageHandler(text, on_province_text)],
        "city": [CallbackQueryHandler(on_city_button, pattern=RegCity.pattern()),
                 MessageHandler(text, on_city_text)],
        "district": [MessageHandler(skip_f, skip_district), MessageHandler(text, on_district)],
        "crafts": [CallbackQueryHandler(on_craft_toggle, pattern=RegCraft.pattern()),
                   CallbackQueryHandler(on_crafts_done,
                                        pattern=RegStep.pattern(action="crafts-done"))],
        "group": [MessageHandler(skip_f, skip_group), MessageHandler(text, on_group)],
        "confirm": [CallbackQueryHandler(on_confirm, pattern=RegStep.pattern(action="confirm")),
                    CallbackQueryHandler(on_edit, pattern=RegEdit.pattern())],
    }
    assert set(steps) == set(FLOW.states) == set(reg.STEPS), "FLOW and the handlers agree"
    return ConversationHandler(
        entry_points=[
            MessageHandler(private & keyboards.label_filter(i18n, "menu-register"), start),
            CommandHandler("register", start, filters=private),
            CallbackQueryHandler(on_edit, pattern=RegEdit.pattern()),  # her profile card
        ],
        states={state: [*head, *steps[state]] for state in FLOW.states},
        fallbacks=[
            CallbackQueryHandler(stale_button, pattern=REG_ANY),
            MessageHandler(filters.ALL & private, wrong_type),
        ],
        name=NAME,
        persistent=True,
        per_chat=True,
        per_user=True,
    )


__all__ = ["FLOW", "build"]
