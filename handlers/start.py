"""/start, /help, /cancel outside a flow, the profile, and the settings menu."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import BadRequest

from bot import keyboards, persian
from bot.callbacks import SetLanguage, SetWeekly
from bot.context import HamyarContext
from bot.i18n import SUPPORTED
from bot.services import registration, users
from bot.services.reports import digest
from handlers.common import main_menu, send, show_main_menu
from handlers.registration_ask import display_phone, edit_rows, summary_args

LANGUAGE_KEYS = {"fa": "language-fa", "en": "language-en"}


def _trainer_note(update: Update, context: HamyarContext) -> str:
    """Trainers and managers are told what they have beyond the menu."""
    manager = context.is_manager(update.effective_user.id)  # type: ignore[union-attr]
    if not (context.is_trainer or manager):
        return ""
    note = "\n\n" + context.t("help-trainer")
    if manager:
        note += "\n" + context.t("help-manager")
    return note


async def start(update: Update, context: HamyarContext) -> None:
    name = update.effective_user.first_name  # type: ignore[union-attr]
    key = "start-welcome-seller" if context.is_seller else "start-welcome"
    text = context.t(key, name=name) + _trainer_note(update, context)
    await send(context, update.effective_chat.id, text, main_menu(context))  # type: ignore[union-attr]


async def help_(update: Update, context: HamyarContext) -> None:
    """About five short lines for each: trainers get their tools, sellers theirs, the others
    the buyers' help."""
    note = _trainer_note(update, context)
    if note:
        text = note.strip()
    else:
        text = context.t("help-seller" if context.is_seller else "help-text")
    await send(context, update.effective_chat.id, text, main_menu(context))  # type: ignore[union-attr]


async def cancel_nothing(update: Update, context: HamyarContext) -> None:
    await show_main_menu(update, context, "cancel-nothing")


async def profile(update: Update, context: HamyarContext) -> None:
    user_id = update.effective_user.id  # type: ignore[union-attr]
    async with context.session() as s:
        data = await registration.profile(s, user_id)
    if data is None:
        await show_main_menu(update, context, "profile-not-registered")
        return
    args = summary_args(context, data)
    args["phone"] = display_phone(context, data["phone"])
    args["since"] = persian.format_jalali_date(data["since"], latin=context.locale != "fa")
    # Her details with a button per field (handlers/registration.py takes the press).
    text = context.t("profile-card", **args) + "\n\n" + context.t("profile-edit-hint")
    await send(context, update.effective_chat.id, text,  # type: ignore[union-attr]
               InlineKeyboardMarkup(edit_rows(context, profile=True)))


def _settings_view(context: HamyarContext, weekly: bool | None) -> tuple[str, InlineKeyboardMarkup]:
    """The settings message: the language, and for a seller her weekly note (`weekly` is its
    state read from the database; None for someone who is not a seller: no such line)."""
    text = context.t("settings-title", language=context.t(LANGUAGE_KEYS[context.locale]))
    items = [
        (("☑️ " if lang == context.locale else "") + context.t(LANGUAGE_KEYS[lang]), SetLanguage(lang).pack())
        for lang in SUPPORTED
    ]
    rows = [list(row) for row in keyboards.grid(items, 2).inline_keyboard]
    if weekly is not None:
        text += "\n" + context.t("settings-weekly-on" if weekly else "settings-weekly-off")
        button = SetWeekly("off") if weekly else SetWeekly("on")
        label = "btn-weekly-off" if weekly else "btn-weekly-on"
        rows.append([InlineKeyboardButton(context.t(label), callback_data=button.pack())])
    text += "\n" + context.t("settings-choose-language")
    return text, InlineKeyboardMarkup(rows)


async def settings_menu(update: Update, context: HamyarContext) -> None:
    async with context.session() as s:
        weekly = await digest.note_state(s, update.effective_user.id)  # type: ignore[union-attr]
    text, markup = _settings_view(context, weekly)
    await send(context, update.effective_chat.id, text, markup)  # type: ignore[union-attr]


async def _edit_settings(update: Update, context: HamyarContext, weekly: bool | None) -> None:
    """The settings message pressed, shown again as it is now (edited in place)."""
    query = update.callback_query
    assert query is not None
    text, markup = _settings_view(context, weekly)
    try:
        await query.edit_message_text(text, reply_markup=markup)
    except BadRequest:  # unchanged (an old message already saying this), or too old to edit
        pass


async def set_weekly(update: Update, context: HamyarContext) -> None:
    """«🔕 پیام هفتگی نمی‌خواهم» / «🔔 …می‌خواهم»: sets what the button says, then shows the
    state the database holds. Only a seller has the note (the service checks)."""
    query = update.callback_query
    assert query is not None
    chosen = SetWeekly.parse(query.data)
    if chosen is None:
        await query.answer(context.t("invalid-choice"), show_alert=True)
        return
    async with context.session() as s:
        weekly = await digest.set_note(s, update.effective_user.id, chosen.want == "on")  # type: ignore[union-attr]
    if weekly is None:
        await query.answer(context.t("rep-weekly-not-seller"), show_alert=True)
        return
    await query.answer(context.t("settings-weekly-saved-on" if weekly else "settings-weekly-saved-off"))
    await _edit_settings(update, context, weekly)


async def set_language(update: Update, context: HamyarContext) -> None:
    query = update.callback_query
    assert query is not None
    chosen = SetLanguage.parse(query.data)
    lang = chosen.lang if chosen else ""
    if lang not in SUPPORTED:
        await query.answer(context.t("invalid-choice"), show_alert=True)
        return
    async with context.session() as s:
        await users.set_locale(s, update.effective_user.id, lang)  # type: ignore[union-attr]
        weekly = await digest.note_state(s, update.effective_user.id)  # type: ignore[union-attr]
    context.locale = lang
    await query.answer()
    await _edit_settings(update, context, weekly)
    name = context.t(LANGUAGE_KEYS[lang])
    await send(context, update.effective_chat.id, context.t("settings-language-saved", language=name), main_menu(context))  # type: ignore[union-attr]


