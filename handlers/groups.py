"""Hamyar groups in the chat: a trainer creates one (/newgroup) and lists hers (/groups); a
woman joins by the link (/start g_<code>) or the code (/join), leaves (/leavegroup); a trainer
confirms the typed group names that matched no group (/unmatched)."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import CallbackQueryHandler, CommandHandler, filters

from bot import keyboards
from bot.callbacks import GroupConfirm, GroupJoinLink
from bot.context import HamyarApp, HamyarContext
from bot.i18n import I18n
from bot.services import groups, trainers
from bot.services.errors import InputError
from handlers import deeplinks
from handlers.common import key_of


async def new_group(update: Update, context: HamyarContext) -> None:
    chat_id, user_id = key_of(update)
    try:
        async with context.session() as s:
            group = await groups.create_group(s, user_id, " ".join(context.args or []))
            link = groups.join_link(group)
    except trainers.NotAllowed:
        await context.bot.send_message(chat_id, context.t("grp-not-trainer"))
        return
    except InputError as err:
        await context.bot.send_message(chat_id, context.t(err.key, **err.args_))
        return
    await context.bot.send_message(chat_id, context.t("grp-created", name=group.name,
                                                      code=group.join_code, link=link))


async def list_groups(update: Update, context: HamyarContext) -> None:
    chat_id, user_id = key_of(update)
    async with context.session() as s:
        if not (trainers.is_manager(user_id) or await trainers.trainer_of(s, user_id)):
            mine = None
        else:
            mine = await groups.groups_of_trainer(s, user_id)
            counts = await groups.member_counts(s, [g.id for g in mine])
    if mine is None:
        await context.bot.send_message(chat_id, context.t("grp-not-trainer"))
        return
    if not mine:
        await context.bot.send_message(chat_id, context.t("grp-list-empty"))
        return
    lines = [context.t("grp-list-head")] + [
        context.t("grp-list-line", name=g.name, members=counts.get(g.id, 0), code=g.join_code,
                  link=groups.join_link(g)) for g in mine]
    await context.bot.send_message(chat_id, "\n".join(lines)[:4096])


async def join_reply(context: HamyarContext, user_id: int, code: str, *,
                     registering: bool = False) -> tuple[str, bool]:
    """Join by `code` (or keep it until her registration completes): (what to tell her, whether
    the code was found). `registering`: she is in the middle of it, so not «tap register»."""
    try:
        async with context.session() as s:
            result = await groups.join(s, user_id, code)
    except groups.NoSuchGroup:
        return context.t("grp-err-code"), False
    args = {"name": result.group.name}
    if not result.joined:
        key = "grp-join-registering" if registering else "grp-join-later"
    elif result.previous is None:
        key = "grp-joined"
    elif result.previous.id == result.group.id:
        key = "grp-already"
    else:
        key, args["old"] = "grp-moved", result.previous.name
    return context.t(key, **args), True


async def _join(update: Update, context: HamyarContext, code: str) -> None:
    chat_id, user_id = key_of(update)
    text, _found = await join_reply(context, user_id, code)
    markup = keyboards.main_menu(context.t, is_seller=context.is_seller)
    await context.bot.send_message(chat_id, text, reply_markup=markup)


async def join_link(update: Update, context: HamyarContext) -> None:
    payload = GroupJoinLink.parse((context.args or [""])[0])
    if payload is None:
        chat_id, _ = key_of(update)
        await context.bot.send_message(chat_id, context.t("grp-err-code"))
        return
    await _join(update, context, payload.code)


async def join_command(update: Update, context: HamyarContext) -> None:
    code = "".join(context.args or [])
    if code:
        await _join(update, context, code)
        return
    chat_id, user_id = key_of(update)
    async with context.session() as s:
        group = await groups.group_of(s, user_id)
    if group is not None:
        await context.bot.send_message(chat_id, context.t("grp-mine", name=group.name))
    else:
        await context.bot.send_message(chat_id, context.t("grp-ask-code"))


async def leave_command(update: Update, context: HamyarContext) -> None:
    chat_id, user_id = key_of(update)
    async with context.session() as s:
        group = await groups.group_of(s, user_id)
        if group is not None:
            await groups.leave(s, user_id)
    if group is None:
        await context.bot.send_message(chat_id, context.t("grp-not-in"))
    else:
        await context.bot.send_message(chat_id, context.t("grp-left", name=group.name))


async def unmatched_command(update: Update, context: HamyarContext) -> None:
    chat_id, user_id = key_of(update)
    async with context.session() as s:
        allowed = trainers.is_manager(user_id) or await trainers.trainer_of(s, user_id) is not None
        items = await groups.unmatched(s, user_id) if allowed else []
    if not allowed:
        await context.bot.send_message(chat_id, context.t("grp-not-trainer"))
        return
    if not items:
        await context.bot.send_message(chat_id, context.t("grp-unmatched-none"))
        return
    await context.bot.send_message(chat_id, context.t("grp-unmatched-head"))
    for item in items:
        text = context.t("grp-unmatched-line", name=item.seller_name, typed=item.typed)
        rows = [[InlineKeyboardButton("✅ " + g.name[:22], callback_data=GroupConfirm(
            item.seller_id, g.id).pack())] for g in item.candidates]
        if not rows:
            text += "\n" + context.t("grp-unmatched-no-group")
        await context.bot.send_message(chat_id, text,
                                       reply_markup=InlineKeyboardMarkup(rows) if rows else None)


async def on_confirm(update: Update, context: HamyarContext) -> None:
    query = update.callback_query
    assert query is not None
    data = GroupConfirm.parse(query.data)
    if data is None:
        await query.answer(context.t("grp-err-code"), show_alert=True)
        return
    try:
        async with context.session() as s:
            group = await groups.confirm(s, query.from_user.id, data.seller_id, data.group_id)
            name = await groups.seller_name(s, data.seller_id)
    except (trainers.NotAllowed, groups.NoSuchGroup):
        await query.answer(context.t("grp-not-trainer"), show_alert=True)
        return
    await query.answer()
    await query.edit_message_text(context.t("grp-confirmed", seller=name, name=group.name))


async def assign_command(update: Update, context: HamyarContext) -> None:
    chat_id, user_id = key_of(update)
    try:
        async with context.session() as s:
            group, name = await groups.assign(s, user_id, " ".join(context.args or []))
    except trainers.NotAllowed:
        await context.bot.send_message(chat_id, context.t("grp-not-manager"))
        return
    except groups.NoSuchGroup:  # a manager has no trainer to ask: the codes are in /groups
        await context.bot.send_message(chat_id, context.t("grp-err-assign-code"))
        return
    except InputError as err:
        await context.bot.send_message(chat_id, context.t(err.key, **err.args_))
        return
    await context.bot.send_message(chat_id, context.t("grp-assigned", trainer=name, name=group.name))


def register(app: HamyarApp, i18n: I18n) -> None:
    private = filters.ChatType.PRIVATE
    deeplinks.install({GroupJoinLink: join_link})
    app.add_handler(deeplinks.command(GroupJoinLink, join_link), group=0)
    app.add_handler(CommandHandler("newgroup", new_group, filters=private), group=0)
    app.add_handler(CommandHandler("groups", list_groups, filters=private), group=0)
    app.add_handler(CommandHandler("join", join_command, filters=private), group=0)
    app.add_handler(CommandHandler("leavegroup", leave_command, filters=private), group=0)
    app.add_handler(CommandHandler("assigngroup", assign_command, filters=private), group=0)
    app.add_handler(CommandHandler("unmatched", unmatched_command, filters=private), group=0)
    app.add_handler(CallbackQueryHandler(on_confirm, pattern=GroupConfirm.pattern()), group=0)
