"""What every update goes through: the user is stored and their language known before any
feature handler runs; blocked users stop here; conversation states are flushed after.

And what the feature handlers share: who and where an update is from (`chat_of`, `user_of`,
`key_of`, `text_of`), the pressed button read (`read_button`), replies (`send`, `ask_inline`),
answered buttons taken off or marked (`drop_buttons`, `mark_chosen`), stale buttons."""

from __future__ import annotations

import logging
from typing import TypeVar

from telegram import (
    CallbackQuery,
    InlineKeyboardMarkup,
    Message,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
    Update,
)
from telegram._utils.types import ReplyMarkup
from telegram.error import BadRequest
from telegram.ext import ApplicationHandlerStop, BaseHandler

from bot import keyboards
from bot.callbacks import Button
from bot.context import HamyarContext
from bot.ids import last_id
from bot.services import users

log = logging.getLogger(__name__)
ButtonKind = TypeVar("ButtonKind", bound=Button)
# A handler as a ConversationHandler takes them (entry points, a state's list, fallbacks).
Handler = BaseHandler[Update, HamyarContext, object]
# Kinds of update that change a message already handled; none of them is an answer.
EDITS = ("edited_message", "edited_channel_post", "edited_business_message")


def chat_of(update: Update) -> int:
    """The chat the update came from. Feature handlers answer messages and buttons in a chat;
    an update without one has no one to answer, and its handling stops here."""
    if update.effective_chat is None:
        raise ApplicationHandlerStop
    return update.effective_chat.id


def user_of(update: Update) -> int:
    """The person who sent the message or pressed the button (stops, as `chat_of`, without)."""
    if update.effective_user is None:
        raise ApplicationHandlerStop
    return update.effective_user.id


def text_of(update: Update) -> str:
    """The text of the message ("" for a message without text, or no message)."""
    return update.message.text or "" if update.message else ""


def key_of(update: Update) -> tuple[int, int]:
    """(chat, user): the key of a conversation state, every conversation being per chat and user."""
    return chat_of(update), user_of(update)


async def send(
    context: HamyarContext, chat_id: int, text: str, markup: ReplyMarkup | None = None
) -> Message:
    """A reply to the user who caused the update (messages to others go through the outbox)."""
    message = await context.bot.send_message(chat_id=chat_id, text=text, reply_markup=markup)
    if isinstance(markup, ReplyKeyboardMarkup | ReplyKeyboardRemove):
        _reply_keyboards(context)[chat_id] = isinstance(markup, ReplyKeyboardMarkup)
    return message


async def edit_or_send(update: Update, context: HamyarContext, text: str,
                       markup: InlineKeyboardMarkup | None, *, edit: bool) -> None:
    """The pressed message edited in place when `edit` (unchanged counts as done), else — or
    when it can no longer be edited — a new message."""
    query = update.callback_query
    if edit and query is not None:
        try:
            await query.edit_message_text(text, reply_markup=markup)
            return
        except BadRequest as err:
            if "not modified" in str(err).lower():
                return
    await send(context, chat_of(update), text, markup)


def _reply_keyboards(context: HamyarContext) -> dict[int, bool]:
    """Per chat: whether the last keyboard this process set under the typing field is still
    there (unknown after a restart: assumed there)."""
    shown: dict[int, bool] = context.bot_data.setdefault("reply_keyboard_shown", {})
    return shown


async def ask_inline(
    context: HamyarContext, chat_id: int, text: str, markup: InlineKeyboardMarkup, *,
    lead: str | None = None,
) -> Message:
    """A question answered by its inline buttons only. A message carries one keyboard, so when
    a reply keyboard from an earlier step may still be under the typing field, the question
    is sent removing it and then given its buttons by an edit: no stale button stays there."""
    if lead:
        text = f"{lead}\n\n{text}"
    if not _reply_keyboards(context).get(chat_id, True):
        return await send(context, chat_id, text, markup)
    message = await send(context, chat_id, text, ReplyKeyboardRemove())
    try:
        edited = await message.edit_reply_markup(markup)
    except BadRequest:
        return await send(context, chat_id, text, markup)
    return edited if isinstance(edited, Message) else message


def main_menu(context: HamyarContext) -> ReplyKeyboardMarkup:
    return keyboards.main_menu(context.t, is_seller=context.is_seller)


async def show_main_menu(update: Update, context: HamyarContext, key: str = "menu-prompt") -> None:
    await send(context, chat_of(update), context.t(key), main_menu(context))


async def read_button(update: Update, context: HamyarContext,
                      kind: type[ButtonKind]) -> tuple[CallbackQuery, ButtonKind] | None:
    """The pressed button read as `kind`, or None after telling the presser it is not valid
    (forged, truncated, or of an older format)."""
    query = update.callback_query
    if query is None:
        return None
    button = kind.parse(query.data)
    if button is None:
        await query.answer(context.t("invalid-choice"), show_alert=True)
        return None
    return query, button


async def callback_id(update: Update, context: HamyarContext) -> int | None:
    """The id at the end of a button's callback data, or None after telling the presser the
    button is not valid (forged, truncated, or an absurd number)."""
    query = update.callback_query
    assert query is not None
    value = last_id(query.data)
    if value is None:
        await query.answer(context.t("invalid-choice"), show_alert=True)
    return value


async def ensure_user(update: Update, context: HamyarContext) -> None:
    """Group -10: store the user on first contact and learn their language and role (from
    the user cache when she was seen a moment ago). Edited messages stop here: no step of any
    flow takes an edit as an answer."""
    if _is_edit(update):
        log.debug("ignored an edit: update %s", update.update_id)
        raise ApplicationHandlerStop
    tg = update.effective_user
    if tg is None or tg.is_bot:
        return
    who = users.TgUser(tg.id, tg.first_name, tg.last_name, tg.username, tg.language_code)
    info = users.cached_user(context.db.engine, who)
    if info is None:
        async with context.session() as s:
            info = await users.touch_user(s, who)
    context.locale = context.services.i18n.resolve_locale(info.locale, info.telegram_language)
    context.is_seller = info.is_seller
    context.is_trainer = info.is_trainer
    if info.is_blocked and not context.is_manager(tg.id):
        if update.callback_query:
            await update.callback_query.answer(context.t("user-blocked"), show_alert=True)
        elif update.effective_chat and update.effective_chat.type == "private":
            await send(context, update.effective_chat.id, context.t("user-blocked"))
        raise ApplicationHandlerStop


def _is_edit(update: Update) -> bool:
    return any(getattr(update, kind, None) is not None for kind in EDITS)


async def flush_persistence(update: object, context: HamyarContext) -> None:
    """Last group: write changed conversation states now, not at the next interval, so a
    crash right after this update still resumes at the right step."""
    await context.application.update_persistence()


async def stale_callback(update: Update, context: HamyarContext) -> None:
    """A button no handler claims: from an old message, a finished flow, or forged."""
    if update.callback_query is not None:
        await update.callback_query.answer(context.t("stale-button"))


async def stale_button(update: Update, context: HamyarContext) -> None:
    """A conversation's button from an older message: said so, and its keyboard removed."""
    await stale_callback(update, context)
    await drop_buttons(update)


async def drop_buttons(update: Update) -> None:
    """Take the keyboard off the message whose button was pressed, so it is not pressed again
    (a message too old to edit keeps it)."""
    if update.callback_query is None:
        return
    try:
        await update.callback_query.edit_message_reply_markup(None)
    except BadRequest:
        pass


async def mark_chosen(update: Update, context: HamyarContext, choice: str) -> None:
    """Replace an answered inline question by its answer, so its buttons cannot be reused."""
    if update.callback_query is None:
        return
    try:
        await update.callback_query.edit_message_text(context.t("reg-chosen", choice=choice))
    except BadRequest:
        pass


async def unknown_text(update: Update, context: HamyarContext) -> None:
    await show_main_menu(update, context, "unknown-text")
