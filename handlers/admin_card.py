"""Trainers in the admin chat: approve, reject (a reason from buttons or typed), ask for
changes (a fix from buttons or a typed note). Every press is checked on the server: who
pressed it, and whether that listing is still waiting in that round. One press is one unit of
work; the card is edited after it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

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
from bot.callbacks import ChangeReason, RejectReason, ReviewButton, loose_pattern
from bot.context import HamyarContext
from bot.flows import END as FLOW_END
from bot.flows import START, Edge, Flow
from bot.persistence import write_state
from bot.services import decisions
from bot.services.decisions import (
    APPROVE,
    CHANGE_REASONS,
    CHANGES,
    REJECT,
    REJECT_REASONS,
    TYPING,
    AlreadyDecided,
    Decided,
)
from bot.services.errors import InputError
from bot.services.htmltext import esc
from bot.services.review_card import card_buttons
from bot.services.trainers import NotAllowed, Refused, guard_listing
from handlers.common import Handler, send

END = ConversationHandler.END

# A trainer types the reason of a rejection, or the note asking for changes.
FLOW = Flow("moderation_typing", (
    Edge(START, "typing", "✍️ typed reason / ✍️ typed changes"),
    Edge("typing", FLOW_END, "a text: the decision"),
    Edge("typing", FLOW_END, "/cancel"),
    Edge("typing", "typing", "not a text, or empty"),
))
TYPING_STATE = FLOW.states[0]  # the conversation itself is named TYPING ("mod_typing")


def _decided_line(context: HamyarContext, done: Decided, name: str) -> str:
    """«Approved by …, at …» under the card; the name and the reason were typed by people."""
    time = persian.format_jalali_datetime(done.at, latin=context.locale != "fa")
    key = {APPROVE: "mod-decided-approve", REJECT: "mod-decided-reject",
           CHANGES: "mod-decided-changes"}[done.action]
    return context.t(key, name=esc(name), time=time, reason=esc(done.reason or ""))


async def _show_decision(context: HamyarContext, chat_id: int | str, message_id: int,
                         done: Decided, name: str) -> None:
    """Edit the admin card to say who decided what, and when; its buttons go."""
    text = done.card + "\n\n" + _decided_line(context, done, name)
    try:
        await context.bot.edit_message_text(text, chat_id=chat_id, message_id=message_id,
                                            parse_mode="HTML")
    except BadRequest:
        pass


def _already_text(context: HamyarContext, err: AlreadyDecided) -> str:
    who = context.t("mod-already-by", name=err.trainer_name) if err.trainer_name else ""
    return context.t("mod-already", who=who)


async def _press_decision(update: Update, context: HamyarContext, listing_id: int, round_: int,
                          action: str, reason: str | None, change: str | None = None,
                          rejected_for: str | None = None) -> None:
    """A decision by button: guard, decide and the card's new text in one unit of work."""
    query = update.callback_query
    user = update.effective_user
    assert query is not None and query.message is not None and user is not None
    try:
        async with context.session() as s:
            done = await decisions.decide(s, listing_id, round_, user.id, action, reason,
                                          change=change, rejected_for=rejected_for)
    except InputError as err:
        await query.answer(context.t(err.key, **err.args_), show_alert=True)
        return
    except Refused as err:
        await query.answer(context.t(err.key, **err.args_), show_alert=True)
        return
    except AlreadyDecided as err:
        await query.answer(_already_text(context, err), show_alert=True)
        return
    key = {APPROVE: "mod-done-approve", REJECT: "mod-done-reject",
           CHANGES: "mod-done-changes"}[action]
    await query.answer(context.t(key))
    await _show_decision(context, query.message.chat.id, query.message.message_id, done,
                         user.first_name)


async def on_approve(update: Update, context: HamyarContext) -> None:
    ref = ReviewButton.parse(update.callback_query.data)  # type: ignore[union-attr]
    assert ref is not None  # the handler's pattern is the kind's
    await _press_decision(update, context, ref.listing_id, ref.round, APPROVE, None)


async def on_reason(update: Update, context: HamyarContext) -> None:
    query = update.callback_query
    assert query is not None
    ref = RejectReason.parse(query.data)
    if ref is None or ref.code not in REJECT_REASONS:
        await query.answer(context.t("invalid-choice"), show_alert=True)
        return
    await _press_decision(update, context, ref.listing_id, ref.round, REJECT, None,
                          rejected_for=ref.code)


async def on_change(update: Update, context: HamyarContext) -> None:
    """One of the fixes on the change menu: the listing goes back to the seller with it."""
    query = update.callback_query
    assert query is not None
    ref = ChangeReason.parse(query.data)
    if ref is None or ref.code not in CHANGE_REASONS:
        await query.answer(context.t("invalid-choice"), show_alert=True)
        return
    await _press_decision(update, context, ref.listing_id, ref.round, CHANGES, None, ref.code)


async def _guarded(update: Update, context: HamyarContext, listing_id: int) -> dict | None:
    """The card's own buttons if the presser may moderate this listing, else None (told)."""
    query = update.callback_query
    assert query is not None
    try:
        async with context.session() as s:
            listing = await guard_listing(s, listing_id, update.effective_user.id)  # type: ignore[union-attr]
            return card_buttons(listing)
    except Refused as err:
        await query.answer(context.t(err.key, **err.args_), show_alert=True)
        return None


async def _choices(update: Update, context: HamyarContext,
                   build: Callable[[ReviewButton], list[list[InlineKeyboardButton]]],
                   typed: tuple[Literal["rt", "ct"], str]) -> None:
    """A menu of reasons in place of the card's buttons: `build`'s rows, then the typed one
    (its ReviewButton kind, its label key) and «بازگشت»; checked on the server first."""
    query = update.callback_query
    assert query is not None
    ref = ReviewButton.parse(query.data)
    assert ref is not None
    if await _guarded(update, context, ref.listing_id) is None:
        return
    kind, label = typed
    rows = build(ref)
    rows.append([InlineKeyboardButton(context.t(label),
                                      callback_data=ReviewButton(kind, ref.listing_id, ref.round).pack())])
    rows.append([InlineKeyboardButton(context.t("btn-back"),
                                      callback_data=ReviewButton("menu", ref.listing_id, ref.round).pack())])
    await query.answer()
    try:
        await query.edit_message_reply_markup(InlineKeyboardMarkup(rows))
    except BadRequest:
        pass


async def on_reject_menu(update: Update, context: HamyarContext) -> None:
    """«⛔️ رد»: the reasons, one a row (short labels; the seller is told the whole reason)."""
    def build(ref: ReviewButton) -> list[list[InlineKeyboardButton]]:
        return [[InlineKeyboardButton(context.t(f"mod-reason-btn-{code}"),
                                      callback_data=RejectReason(ref.listing_id, ref.round, code).pack())]
                for code in REJECT_REASONS]
    await _choices(update, context, build, ("rt", "mod-btn-reason-typed"))


async def on_changes_menu(update: Update, context: HamyarContext) -> None:
    """«✏️ درخواست اصلاح»: the common fixes as buttons, two a row, and a typed note."""
    def build(ref: ReviewButton) -> list[list[InlineKeyboardButton]]:
        items = [(context.t(f"mod-change-btn-{code}"),
                  ChangeReason(ref.listing_id, ref.round, code).pack()) for code in CHANGE_REASONS]
        return [list(row) for row in keyboards.grid(items, 2).inline_keyboard]
    await _choices(update, context, build, ("ct", "mod-btn-changes-typed"))


async def on_menu(update: Update, context: HamyarContext) -> None:
    """Back from the reasons to the card's own buttons."""
    query = update.callback_query
    assert query is not None
    ref = ReviewButton.parse(query.data)
    assert ref is not None
    buttons = await _guarded(update, context, ref.listing_id)
    if buttons is None:
        return
    await query.answer()
    try:
        await query.edit_message_reply_markup(InlineKeyboardMarkup.de_json(buttons, None))
    except BadRequest:
        pass


# -- a typed reason or note: a short conversation with one trainer in the group --------------

def _key(update: Update) -> tuple[int, int]:
    return (update.effective_chat.id, update.effective_user.id)  # type: ignore[union-attr]


async def ask_typed(update: Update, context: HamyarContext) -> str | int:
    query = update.callback_query
    user = update.effective_user
    assert query is not None and query.message is not None and user is not None
    ref = ReviewButton.parse(query.data)
    assert ref is not None
    action = REJECT if ref.action == "rt" else CHANGES
    try:
        async with context.session() as s:
            await decisions.start_typing(s, ref.listing_id, ref.round, user.id, action,
                                         query.message.chat.id, query.message.message_id)
            await write_state(s, TYPING, _key(update), TYPING_STATE)
    except Refused as err:
        await query.answer(context.t(err.key, **err.args_), show_alert=True)
        return END
    await query.answer()
    key = "mod-ask-reason" if action == REJECT else "mod-ask-changes"
    await send(context, update.effective_chat.id, context.t(key, name=user.first_name, id=ref.listing_id))  # type: ignore[union-attr]
    return TYPING_STATE


async def on_typed(update: Update, context: HamyarContext) -> str | int:
    """The typed reason or note: the decision, the end of typing and the conversation's
    state in one unit of work; the card is edited after it."""
    user = update.effective_user
    assert user is not None and update.message is not None
    text = update.message.text or ""
    done: Decided | None = None
    reply: str | None = None
    retry = False
    async with context.session() as s:
        target = await decisions.typing_target(s, user.id)
        if target is None:
            return END
        try:
            decisions.clean_reason(text)
        except InputError as err:
            reply, retry = context.t(err.key, **err.args_), True
        else:
            try:
                done = await decisions.decide(s, target["listing_id"], target["round"], user.id,
                                              target["action"], text, guard=False)
            except AlreadyDecided as err:
                reply = _already_text(context, err)
            except NotAllowed:
                reply = context.t("mod-not-trainer")
            await decisions.stop_typing(s, user.id)
            await write_state(s, TYPING, _key(update), None)
    if reply is not None:
        await send(context, update.effective_chat.id, reply)  # type: ignore[union-attr]
    if retry:
        return TYPING_STATE
    if done is not None:
        await _show_decision(context, target["chat_id"], target["message_id"], done, user.first_name)
    return END


async def cancel_typed(update: Update, context: HamyarContext) -> int:
    await send(context, update.effective_chat.id, context.t("mod-typing-cancelled"))  # type: ignore[union-attr]
    async with context.session() as s:
        await decisions.stop_typing(s, update.effective_user.id)  # type: ignore[union-attr]
        await write_state(s, TYPING, _key(update), None)
    return END


async def typed_wrong(update: Update, context: HamyarContext) -> str:
    await send(context, update.effective_chat.id, context.t("mod-err-reason-empty"))  # type: ignore[union-attr]
    return TYPING_STATE


def build_typing() -> ConversationHandler[HamyarContext]:
    handlers: dict[str, list[Handler]] = {TYPING_STATE: [
        CommandHandler("cancel", cancel_typed),
        MessageHandler(filters.TEXT & ~filters.COMMAND, on_typed),
        MessageHandler(~filters.COMMAND, typed_wrong),
    ]}
    return ConversationHandler(
        entry_points=[CallbackQueryHandler(ask_typed, pattern=ReviewButton.pattern(action=("rt", "ct")))],
        states={state: handlers[state] for state in FLOW.states},
        fallbacks=[],
        name=TYPING,
        persistent=True,
        per_chat=True,
        per_user=True,
    )


def register(app: object) -> None:
    app.add_handler(build_typing(), group=0)  # type: ignore[attr-defined]
    for callback, action in ((on_approve, "ok"), (on_reject_menu, "rej"),
                             (on_changes_menu, "chg"), (on_menu, "menu")):
        app.add_handler(CallbackQueryHandler(callback, pattern=ReviewButton.pattern(action=action)),  # type: ignore[attr-defined]
                        group=0)
    app.add_handler(CallbackQueryHandler(on_reason, pattern=RejectReason.pattern()), group=0)  # type: ignore[attr-defined]
    app.add_handler(CallbackQueryHandler(on_change, pattern=loose_pattern(ChangeReason)), group=0)  # type: ignore[attr-defined]

