"""Trainers' tools in private chat: /queue, /seller, /block, /unblock, /undelivered; and the
managers' /trainers, /addtrainer, /removetrainer. One unit of work per command, then the
reply is rendered."""

from __future__ import annotations

from datetime import UTC, datetime

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import CallbackQueryHandler, CommandHandler, filters

from bot import geo, keyboards, persian
from bot.callbacks import QueueCard, RetryUndelivered
from bot.context import HamyarApp, HamyarContext
from bot.i18n import OMIT
from bot.services import review_card, trainer_tools, trainers
from bot.services.errors import InputError
from bot.services.trainers import NotAllowed, Refused
from handlers.common import chat_of, send, user_of


async def _say(update: Update, context: HamyarContext, text: str,
               markup: InlineKeyboardMarkup | None = None) -> None:
    await send(context, chat_of(update), text, markup)


def _city_name(context: HamyarContext, code: str) -> str:
    city = geo.city(code)
    return (city.fa if context.locale == "fa" else city.en) if city else code


# -- the queue -------------------------------------------------------------------------------

async def queue_cmd(update: Update, context: HamyarContext) -> None:
    async with context.session() as s:
        allowed = await trainers.is_moderator(s, user_of(update))
        rows = await trainer_tools.queue(s, user_of(update)) if allowed else []
    if not allowed:
        await _say(update, context, context.t("tr-not-trainer"))
        return
    if not rows:
        await _say(update, context, context.t("tr-queue-empty"))
        return
    lines = [context.t("tr-queue-title", count=len(rows))]
    buttons = []
    for listing, seller in rows:
        date = persian.format_jalali_date(listing.submitted_at or datetime.now(UTC), latin=context.locale != "fa")
        lines.append(context.t("tr-queue-item", id=listing.id, title=listing.title or "",
                               seller=seller.name, city=_city_name(context, seller.city_code), date=date))
        label = context.t("tr-queue-button", id=listing.id, title=listing.title or "")
        buttons.append([InlineKeyboardButton(keyboards.short(label),
                                             callback_data=QueueCard(listing.id).pack())])
    await _say(update, context, "\n".join(lines), InlineKeyboardMarkup(buttons))


async def resend_card(update: Update, context: HamyarContext) -> None:
    """A listing from the queue: its review card is posted again in the admin chat."""
    query = update.callback_query
    assert query is not None
    ref = QueueCard.parse(query.data)
    assert ref is not None  # the handler's pattern is the kind's
    try:
        async with context.session() as s:
            await review_card.resend_card(s, ref.listing_id, user_of(update),
                                          context.settings.admin_chat_id or user_of(update))
    except Refused as err:
        await query.answer(context.t(err.key, **err.args_), show_alert=True)
        return
    await query.answer(context.t("tr-queue-resent"))


# -- a seller's card -------------------------------------------------------------------------

def _seller_card(context: HamyarContext, card: trainer_tools.SellerCard) -> str:
    seller, fa = card.seller, context.locale == "fa"
    province = geo.province(seller.province_code)
    phone = "0" + seller.phone[3:]
    return context.t(
        "tr-seller-card", name=seller.name,
        phone=persian.to_persian_digits(phone) if fa else phone,
        city=_city_name(context, seller.city_code),
        province=(province.fa if fa else province.en) if province else "",
        district=seller.district or 0, group=card.group or OMIT,
        published=card.published, pending=card.pending, total=card.total,
        blocked=context.t("tr-seller-blocked-note") if card.blocked else OMIT,
    ).strip()


async def seller_cmd(update: Update, context: HamyarContext) -> None:
    text = " ".join(context.args or [])
    async with context.session() as s:
        allowed = await trainers.is_moderator(s, user_of(update))
        cards = await trainer_tools.seller_cards(s, user_of(update), text) \
            if allowed and text.strip() else []
    if not allowed:
        await _say(update, context, context.t("tr-not-trainer"))
    elif not text.strip():
        await _say(update, context, context.t("tr-seller-usage"))
    else:
        await _say(update, context, "\n\n".join(_seller_card(context, c) for c in cards)
                   if cards else context.t("tr-seller-none"))


# -- blocking --------------------------------------------------------------------------------

async def block_cmd(update: Update, context: HamyarContext) -> None:
    await _set_block(update, context, True)


async def unblock_cmd(update: Update, context: HamyarContext) -> None:
    await _set_block(update, context, False)


async def _set_block(update: Update, context: HamyarContext, blocked: bool) -> None:
    target = " ".join(context.args or [])
    name: str | None = None
    try:
        async with context.session() as s:
            await trainer_tools.require_moderator(s, user_of(update))
            if target.strip():
                name = (await trainer_tools.block(s, user_of(update), target, blocked)).first_name
    except NotAllowed:
        await _say(update, context, context.t("tr-not-trainer"))
        return
    except InputError as err:
        await _say(update, context, context.t(err.key))
        return
    if name is None:
        await _say(update, context, context.t("tr-block-usage"))
        return
    await _say(update, context, context.t("tr-blocked" if blocked else "tr-unblocked", name=name))


# -- messages that could not be delivered ----------------------------------------------------

async def undelivered_cmd(update: Update, context: HamyarContext) -> None:
    """What the outbox gave up on: who blocked the bot, which channel post failed, and why."""
    async with context.session() as s:
        allowed = await trainers.is_moderator(s, user_of(update))
        rows = await trainer_tools.undelivered(s, limit=20) if allowed else []
    if not allowed:
        await _say(update, context, context.t("tr-not-trainer"))
        return
    if not rows:
        await _say(update, context, context.t("tr-undelivered-none"))
        return
    lines, buttons = [], []
    for row in rows:
        when = persian.format_jalali_datetime(row.when, latin=context.locale != "fa")
        reason = context.t("tr-undelivered-blocked") if "blocked" in row.error else row.error[:120]
        lines.append(context.t("tr-undelivered-item", id=row.id, who=row.who, when=when, reason=reason))
        buttons.append([InlineKeyboardButton(context.t("tr-undelivered-retry", id=row.id),
                                             callback_data=RetryUndelivered(row.id).pack())])
    await _say(update, context, context.t("tr-undelivered-title") + "\n" + "\n".join(lines),
               InlineKeyboardMarkup(buttons[:10]))


async def retry_undelivered(update: Update, context: HamyarContext) -> None:
    query = update.callback_query
    assert query is not None
    ref = RetryUndelivered.parse(query.data)
    assert ref is not None
    try:
        async with context.session() as s:
            ok = await trainer_tools.retry_undelivered(s, user_of(update), ref.message_id)
    except NotAllowed:
        await query.answer(context.t("mod-not-trainer"), show_alert=True)
        return
    await query.answer(context.t("tr-undelivered-queued" if ok else "stale-button"))


# -- managers: trainers ----------------------------------------------------------------------

def _scope_text(context: HamyarContext, scope: list[str]) -> str:
    if not scope:
        return context.t("tr-scope-all")
    parts = []
    for item in scope:
        code, _, district = item.partition(":")
        name = _city_name(context, code)
        parts.append(f"{name}:{persian.to_persian_digits(district) if context.locale == 'fa' else district}"
                     if district else name)
    return "، ".join(parts) if context.locale == "fa" else ", ".join(parts)


async def _require_manager(update: Update, context: HamyarContext) -> bool:
    ok = trainers.is_manager(user_of(update))
    if not ok:
        await _say(update, context, context.t("tr-not-manager"))
    return ok


async def trainers_cmd(update: Update, context: HamyarContext) -> None:
    if not await _require_manager(update, context):
        return
    async with context.session() as s:
        rows = await trainers.list_trainers(s)
    if not rows:
        await _say(update, context, context.t("tr-list-empty") + "\n\n" + context.t("tr-add-usage"))
        return
    lines = [context.t("tr-list-title")]
    lines += [context.t("tr-list-item", name=u.first_name, id=str(u.id), scope=_scope_text(context, t.scope))
              for t, u in rows]
    await _say(update, context, "\n".join(lines) + "\n\n" + context.t("tr-add-usage"))


async def addtrainer_cmd(update: Update, context: HamyarContext) -> None:
    if not await _require_manager(update, context):
        return
    args = context.args or []
    if not args:
        await _say(update, context, context.t("tr-add-usage"))
        return
    try:
        async with context.session() as s:
            user, scope = await trainer_tools.appoint(s, user_of(update), args[0], " ".join(args[1:]))
    except InputError as err:
        await _say(update, context, context.t(err.key, **err.args_))
        return
    await _say(update, context, context.t("tr-added", name=user.first_name,
                                          scope=_scope_text(context, scope)))


async def removetrainer_cmd(update: Update, context: HamyarContext) -> None:
    if not await _require_manager(update, context):
        return
    args = context.args or []
    if not args:
        await _say(update, context, context.t("tr-remove-usage"))
        return
    try:
        async with context.session() as s:
            user, removed = await trainer_tools.dismiss(s, args[0])
    except InputError as err:
        await _say(update, context, context.t(err.key))
        return
    await _say(update, context, context.t("tr-removed" if removed else "tr-not-a-trainer",
                                          name=user.first_name))


def register(app: HamyarApp) -> None:
    private = filters.ChatType.PRIVATE
    add = app.add_handler
    add(CallbackQueryHandler(resend_card, pattern=QueueCard.pattern()), group=0)
    add(CallbackQueryHandler(retry_undelivered, pattern=RetryUndelivered.pattern()), group=0)
    for name, callback in (("queue", queue_cmd), ("undelivered", undelivered_cmd),
                           ("seller", seller_cmd), ("block", block_cmd), ("unblock", unblock_cmd),
                           ("trainers", trainers_cmd), ("addtrainer", addtrainer_cmd),
                           ("removetrainer", removetrainer_cmd)):
        add(CommandHandler(name, callback, filters=private), group=0)
