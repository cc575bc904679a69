"""Trainers in the admin chat: approve, reject (a reason from buttons or typed), ask for
changes; and their tools in private chat: the queue, a seller's card, block and unblock;
managers add and remove trainers. Every press is checked on the server: who pressed it, and
whether that listing is still waiting in that round."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import BadRequest
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot import geo, persian
from bot.context import HamyarContext
from bot.ids import parse_id
from bot.persistence import write_state
from bot.services import moderation as mod
from bot.services import onbehalf, trainers, users
from bot.services.errors import InputError
from handlers.common import callback_id, send
from models import listing as m
from models import moderation as mm
from models.base import utcnow
from models.listing import Listing
from models.moderation import AdminCard, Trainer
from models.state import Draft
from models.user import Seller, User

TYPING = "mod_typing"
END = ConversationHandler.END


def _parse_ref(data: str | None, parts: int) -> list[str] | None:
    items = (data or "").split(":")
    if len(items) != parts:
        return None
    if parse_id(items[2]) is None or parse_id(items[3]) is None:
        return None
    return items


async def _guard(update: Update, context: HamyarContext, listing_id: int) -> Listing | None:
    """The pressing user must be a trainer of this seller's area (or a manager)."""
    query = update.callback_query
    assert query is not None
    async with context.session() as s:
        listing = await s.get(Listing, listing_id)
        seller = await s.get(Seller, listing.seller_id) if listing else None
        try:
            await trainers.check_moderator(s, update.effective_user.id, seller)  # type: ignore[union-attr]
        except trainers.NotAllowed:
            is_trainer = await trainers.is_moderator(s, update.effective_user.id)  # type: ignore[union-attr]
            await query.answer(context.t("mod-not-in-scope" if is_trainer else "mod-not-trainer"),
                               show_alert=True)
            return None
    if listing is None:
        await query.answer(context.t("stale-button"), show_alert=True)
    return listing


def _decided_line(context: HamyarContext, action: str, name: str, reason: str | None) -> str:
    time = persian.format_jalali_datetime(utcnow(), latin=context.locale != "fa")
    key = {mm.APPROVE: "mod-decided-approve", mm.REJECT: "mod-decided-reject",
           mm.CHANGES: "mod-decided-changes"}[action]
    return context.t(key, name=name, time=time, reason=reason or "")


async def _show_decision(context: HamyarContext, chat_id: int | str, message_id: int,
                         listing_id: int, action: str, reason: str | None, trainer_name: str) -> None:
    """Edit the admin card to say who decided what, and when; its buttons go."""
    async with context.session() as s:
        listing = await s.get(Listing, listing_id)
        seller = await s.get(Seller, listing.seller_id) if listing else None
    if listing is None or seller is None:
        return
    text = mod.card_text(listing, seller, decided=_decided_line(context, action, trainer_name, reason))
    try:
        await context.bot.edit_message_text(text, chat_id=chat_id, message_id=message_id,
                                            parse_mode="HTML")
    except BadRequest:
        pass


async def _already(update: Update, context: HamyarContext, err: mod.AlreadyDecided) -> None:
    who = context.t("mod-already-by", name=err.trainer_name) if err.trainer_name else ""
    await update.callback_query.answer(context.t("mod-already", who=who), show_alert=True)  # type: ignore[union-attr]


async def on_approve(update: Update, context: HamyarContext) -> None:
    query = update.callback_query
    assert query is not None
    ref = _parse_ref(query.data, 4)
    if ref is None:
        await query.answer(context.t("invalid-choice"), show_alert=True)
        return
    listing_id, round_ = int(ref[2]), int(ref[3])
    if await _guard(update, context, listing_id) is None:
        return
    try:
        async with context.session() as s:
            await mod.approve(s, listing_id, round_, update.effective_user.id)  # type: ignore[union-attr]
    except mod.AlreadyDecided as err:
        await _already(update, context, err)
        return
    await query.answer(context.t("mod-done-approve"))
    await _show_decision(context, query.message.chat.id, query.message.message_id,  # type: ignore[union-attr]
                         listing_id, mm.APPROVE, None, update.effective_user.first_name)  # type: ignore[union-attr]


async def on_reject_menu(update: Update, context: HamyarContext) -> None:
    query = update.callback_query
    assert query is not None
    ref = _parse_ref(query.data, 4)
    if ref is None:
        await query.answer(context.t("invalid-choice"), show_alert=True)
        return
    if await _guard(update, context, int(ref[2])) is None:
        return
    tail = f"{ref[2]}:{ref[3]}"
    rows = [[InlineKeyboardButton(mod.reason_text(code), callback_data=f"mod:rr:{tail}:{code}")]
            for code in mod.REJECT_REASONS]
    rows.append([InlineKeyboardButton(context.t("mod-btn-reason-typed"), callback_data=f"mod:rt:{tail}")])
    rows.append([InlineKeyboardButton(context.t("btn-back"), callback_data=f"mod:menu:{tail}")])
    await query.answer()
    try:
        await query.edit_message_reply_markup(InlineKeyboardMarkup(rows))
    except BadRequest:
        pass


async def on_menu(update: Update, context: HamyarContext) -> None:
    """Back from the reasons to the card's own buttons."""
    query = update.callback_query
    assert query is not None
    ref = _parse_ref(query.data, 4)
    if ref is None:
        await query.answer(context.t("invalid-choice"), show_alert=True)
        return
    listing = await _guard(update, context, int(ref[2]))
    if listing is None:
        return
    await query.answer()
    try:
        await query.edit_message_reply_markup(InlineKeyboardMarkup.de_json(mod.card_buttons(listing), None))
    except BadRequest:
        pass


async def on_reason(update: Update, context: HamyarContext) -> None:
    query = update.callback_query
    assert query is not None
    items = (query.data or "").split(":")
    ref = _parse_ref(":".join(items[:4]), 4) if len(items) == 5 else None
    if ref is None or items[4] not in mod.REJECT_REASONS:
        await query.answer(context.t("invalid-choice"), show_alert=True)
        return
    await _decide(update, context, int(ref[2]), int(ref[3]), mm.REJECT, mod.reason_text(items[4]),
                  query.message.chat.id, query.message.message_id)  # type: ignore[union-attr]


async def _decide(update: Update, context: HamyarContext, listing_id: int, round_: int, action: str,
                  reason: str, chat_id: int, message_id: int) -> bool:
    query = update.callback_query
    if query is not None and await _guard(update, context, listing_id) is None:
        return False
    user = update.effective_user
    assert user is not None
    try:
        async with context.session() as s:
            if action == mm.REJECT:
                await mod.reject(s, listing_id, round_, user.id, reason)
            else:
                await mod.request_changes(s, listing_id, round_, user.id, reason)
    except mod.AlreadyDecided as err:
        if query is not None:
            await _already(update, context, err)
        else:
            who = context.t("mod-already-by", name=err.trainer_name) if err.trainer_name else ""
            await send(context, update.effective_chat.id, context.t("mod-already", who=who))  # type: ignore[union-attr]
        return True
    except trainers.NotAllowed:
        await send(context, update.effective_chat.id, context.t("mod-not-trainer"))  # type: ignore[union-attr]
        return True
    if query is not None:
        await query.answer(context.t("mod-done-reject" if action == mm.REJECT else "mod-done-changes"))
    await _show_decision(context, chat_id, message_id, listing_id, action, reason, user.first_name)
    return True


# -- a typed reason or note: a short conversation with one trainer in the group --------------

async def ask_typed(update: Update, context: HamyarContext) -> str | int:
    query = update.callback_query
    assert query is not None
    items = (query.data or "").split(":")
    ref = _parse_ref(query.data, 4)
    if ref is None:
        await query.answer(context.t("invalid-choice"), show_alert=True)
        return END
    listing = await _guard(update, context, int(ref[2]))
    if listing is None:
        return END
    if listing.status != m.PENDING or listing.review_round != int(ref[3]):
        await query.answer(context.t("mod-already", who=""), show_alert=True)
        return END
    action = mm.REJECT if items[1] == "rt" else mm.CHANGES
    user = update.effective_user
    assert user is not None
    async with context.session() as s:
        data = {"listing_id": int(ref[2]), "round": int(ref[3]), "action": action,
                "chat_id": query.message.chat.id, "message_id": query.message.message_id}  # type: ignore[union-attr]
        row = await s.get(Draft, (user.id, TYPING))
        if row is None:
            s.add(Draft(user_id=user.id, kind=TYPING, data=data))
        else:
            row.data = data
        await write_state(s, TYPING, (update.effective_chat.id, user.id), "typing")  # type: ignore[union-attr]
    await query.answer()
    key = "mod-ask-reason" if action == mm.REJECT else "mod-ask-changes"
    await send(context, update.effective_chat.id, context.t(key, name=user.first_name, id=int(ref[2])))  # type: ignore[union-attr]
    return "typing"


async def on_typed(update: Update, context: HamyarContext) -> str | int:
    user = update.effective_user
    assert user is not None and update.message is not None
    async with context.session() as s:
        row = await s.get(Draft, (user.id, TYPING))
        data = dict(row.data) if row else None
    if data is None:
        return END
    try:
        mod._clean_reason(update.message.text or "")
    except InputError as err:
        await send(context, update.effective_chat.id, context.t(err.key, **err.args_))  # type: ignore[union-attr]
        return "typing"
    await _decide(update, context, data["listing_id"], data["round"], data["action"],
                  update.message.text or "", data["chat_id"], data["message_id"])
    return await _end_typing(update, context)


async def _end_typing(update: Update, context: HamyarContext) -> int:
    user = update.effective_user
    assert user is not None
    async with context.session() as s:
        row = await s.get(Draft, (user.id, TYPING))
        if row is not None:
            await s.delete(row)
        await write_state(s, TYPING, (update.effective_chat.id, user.id), None)  # type: ignore[union-attr]
    return END


async def cancel_typed(update: Update, context: HamyarContext) -> int:
    await send(context, update.effective_chat.id, context.t("mod-typing-cancelled"))  # type: ignore[union-attr]
    return await _end_typing(update, context)


async def typed_wrong(update: Update, context: HamyarContext) -> str:
    await send(context, update.effective_chat.id, context.t("mod-err-reason-empty"))  # type: ignore[union-attr]
    return "typing"


def build_typing() -> ConversationHandler[HamyarContext]:
    return ConversationHandler(
        entry_points=[CallbackQueryHandler(ask_typed, pattern=r"^mod:(rt|chg):\d+:\d+$")],
        states={"typing": [
            CommandHandler("cancel", cancel_typed),
            MessageHandler(filters.TEXT & ~filters.COMMAND, on_typed),
            MessageHandler(~filters.COMMAND, typed_wrong),
        ]},
        fallbacks=[],
        name=TYPING,
        persistent=True,
        per_chat=True,
        per_user=True,
    )


# -- trainers' tools in private chat ---------------------------------------------------------

async def _require_trainer(update: Update, context: HamyarContext) -> bool:
    async with context.session() as s:
        ok = await trainers.is_moderator(s, update.effective_user.id)  # type: ignore[union-attr]
    if not ok:
        await send(context, update.effective_chat.id, context.t("tr-not-trainer"))  # type: ignore[union-attr]
    return ok


async def _require_manager(update: Update, context: HamyarContext) -> bool:
    ok = trainers.is_manager(update.effective_user.id)  # type: ignore[union-attr]
    if not ok:
        await send(context, update.effective_chat.id, context.t("tr-not-manager"))  # type: ignore[union-attr]
    return ok


def _city_name(context: HamyarContext, code: str) -> str:
    city = geo.city(code)
    return (city.fa if context.locale == "fa" else city.en) if city else code


async def queue_cmd(update: Update, context: HamyarContext) -> None:
    if not await _require_trainer(update, context):
        return
    async with context.session() as s:
        rows = await mod.queue(s, update.effective_user.id)  # type: ignore[union-attr]
    if not rows:
        await send(context, update.effective_chat.id, context.t("tr-queue-empty"))  # type: ignore[union-attr]
        return
    lines = [context.t("tr-queue-title", count=len(rows))]
    buttons = []
    for listing, seller in rows:
        date = persian.format_jalali_date(listing.submitted_at or utcnow(), latin=context.locale != "fa")
        lines.append(context.t("tr-queue-item", id=listing.id, title=listing.title or "",
                               seller=seller.name, city=_city_name(context, seller.city_code), date=date))
        buttons.append([InlineKeyboardButton(f"#{listing.id} {listing.title}"[:60],
                                             callback_data=f"trq:card:{listing.id}")])
    await send(context, update.effective_chat.id, "\n".join(lines), InlineKeyboardMarkup(buttons))  # type: ignore[union-attr]


async def resend_card(update: Update, context: HamyarContext) -> None:
    """A listing from the queue: its review card is posted again in the admin chat."""
    query = update.callback_query
    assert query is not None
    listing_id = await callback_id(update, context)
    if listing_id is None:
        return
    listing = await _guard(update, context, listing_id)
    if listing is None:
        return
    if listing.status != m.PENDING:
        await query.answer(context.t("mod-already", who=""), show_alert=True)
        return
    async with context.session() as s:
        listing = await s.get(Listing, listing_id)
        seller = await s.get(Seller, listing.seller_id)  # type: ignore[union-attr]
        card = await s.get(AdminCard, (listing.id, listing.review_round))  # type: ignore[union-attr]
        if card is not None:
            await s.delete(card)
            await s.flush()
        from bot import outbox

        await outbox.enqueue(s, context.settings.admin_chat_id or update.effective_user.id,  # type: ignore[union-attr]
                             "sendMessage",
                             {"text": mod.card_text(listing, seller), "parse_mode": "HTML",  # type: ignore[arg-type]
                              "reply_markup": mod.card_buttons(listing)})  # type: ignore[arg-type]
    await query.answer(context.t("tr-queue-resent"))


async def seller_cmd(update: Update, context: HamyarContext) -> None:
    if not await _require_trainer(update, context):
        return
    query = " ".join(context.args or [])
    if not query.strip():
        await send(context, update.effective_chat.id, context.t("tr-seller-usage"))  # type: ignore[union-attr]
        return
    async with context.session() as s:
        sellers = await trainers.sellers_in_scope(s, update.effective_user.id, await trainers.find_sellers(s, query))  # type: ignore[union-attr]
        cards = []
        for seller in sellers:
            counts = dict((await s.execute(
                select(Listing.status, func.count()).where(Listing.seller_id == seller.user_id)
                .group_by(Listing.status))).all())
            user = await s.get(User, seller.user_id)
            province = geo.province(seller.province_code)
            cards.append(context.t(
                "tr-seller-card", name=seller.name,
                phone=persian.to_persian_digits("0" + seller.phone[3:]) if context.locale == "fa"
                else "0" + seller.phone[3:],
                city=_city_name(context, seller.city_code),
                province=(province.fa if context.locale == "fa" else province.en) if province else "",
                district=seller.district or 0, group=seller.group_name or context.t("reg-none"),
                published=counts.get(m.PUBLISHED, 0), pending=counts.get(m.PENDING, 0),
                total=sum(counts.values()),
                blocked=context.t("tr-seller-blocked-note") if user and user.is_blocked else "",
            ).strip())
    await send(context, update.effective_chat.id,  # type: ignore[union-attr]
               "\n\n".join(cards) if cards else context.t("tr-seller-none"))


async def block_cmd(update: Update, context: HamyarContext) -> None:
    await _set_block(update, context, True)


async def unblock_cmd(update: Update, context: HamyarContext) -> None:
    await _set_block(update, context, False)


async def _set_block(update: Update, context: HamyarContext, blocked: bool) -> None:
    if not await _require_trainer(update, context):
        return
    target = " ".join(context.args or [])
    if not target.strip():
        await send(context, update.effective_chat.id, context.t("tr-block-usage"))  # type: ignore[union-attr]
        return
    async with context.session() as s:
        user = await trainers.find_user(s, target)
        try:
            if user is None:
                raise InputError("tr-err-unknown-user")
            me = update.effective_user.id  # type: ignore[union-attr]
            if await trainers.trainer_of(s, user.id) is not None and not trainers.is_manager(me):
                raise InputError("tr-err-block-trainer")
            seller = await s.get(Seller, user.id)
            if seller is not None:
                try:
                    await trainers.check_moderator(s, me, seller)
                except trainers.NotAllowed:
                    raise InputError("mod-not-in-scope") from None
            await mod.set_blocked(s, user.id, blocked)
        except InputError as err:
            await send(context, update.effective_chat.id, context.t(err.key))  # type: ignore[union-attr]
            return
    await send(context, update.effective_chat.id,  # type: ignore[union-attr]
               context.t("tr-blocked" if blocked else "tr-unblocked", name=user.first_name))


# -- messages that could not be delivered ----------------------------------------------------

async def undelivered_cmd(update: Update, context: HamyarContext) -> None:
    """What the outbox gave up on: who blocked the bot, which channel post failed, and why."""
    from bot import outbox

    if not await _require_trainer(update, context):
        return
    async with context.session() as s:
        rows = await outbox.failed(s, limit=20)
        lines = []
        buttons = []
        for row in rows:
            who = row.chat_id
            if row.chat_id.lstrip("-").isdigit():
                user = await s.get(User, int(row.chat_id))
                if user is not None:
                    who = user.first_name
            when = persian.format_jalali_datetime(row.updated_at, latin=context.locale != "fa")
            reason = context.t("tr-undelivered-blocked") if "blocked" in (row.last_error or "") \
                else (row.last_error or "")[:120]
            lines.append(context.t("tr-undelivered-item", id=row.id, who=who, when=when, reason=reason))
            buttons.append([InlineKeyboardButton(context.t("tr-undelivered-retry", id=row.id),
                                                 callback_data=f"trq:retry:{row.id}")])
    if not lines:
        await send(context, update.effective_chat.id, context.t("tr-undelivered-none"))  # type: ignore[union-attr]
        return
    await send(context, update.effective_chat.id,  # type: ignore[union-attr]
               context.t("tr-undelivered-title") + "\n" + "\n".join(lines), InlineKeyboardMarkup(buttons[:10]))


async def retry_undelivered(update: Update, context: HamyarContext) -> None:
    from bot import outbox

    query = update.callback_query
    assert query is not None
    row_id = parse_id((query.data or "").rsplit(":", 1)[-1])
    async with context.session() as s:
        if not await trainers.is_moderator(s, update.effective_user.id):  # type: ignore[union-attr]
            await query.answer(context.t("mod-not-trainer"), show_alert=True)
            return
        ok = row_id is not None and await outbox.retry(s, row_id)
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


async def trainers_cmd(update: Update, context: HamyarContext) -> None:
    if not await _require_manager(update, context):
        return
    async with context.session() as s:
        rows = (await s.execute(select(Trainer, User).join(User, User.id == Trainer.user_id))).all()
    if not rows:
        await send(context, update.effective_chat.id,  # type: ignore[union-attr]
                   context.t("tr-list-empty") + "\n\n" + context.t("tr-add-usage"))
        return
    lines = [context.t("tr-list-title")]
    lines += [context.t("tr-list-item", name=u.first_name, id=str(u.id), scope=_scope_text(context, t.scope))
              for t, u in rows]
    await send(context, update.effective_chat.id, "\n".join(lines) + "\n\n" + context.t("tr-add-usage"))  # type: ignore[union-attr]


async def addtrainer_cmd(update: Update, context: HamyarContext) -> None:
    if not await _require_manager(update, context):
        return
    args = context.args or []
    if not args:
        await send(context, update.effective_chat.id, context.t("tr-add-usage"))  # type: ignore[union-attr]
        return
    async with context.session() as s:
        user = await trainers.find_user(s, args[0])
        try:
            if user is None:
                raise InputError("tr-err-unknown-user")
            scope = trainers.parse_scope(" ".join(args[1:])) if len(args) > 1 else []
            await trainers.add_trainer(s, user.id, update.effective_user.id, scope)  # type: ignore[union-attr]
        except InputError as err:
            await send(context, update.effective_chat.id, context.t(err.key, **err.args_))  # type: ignore[union-attr]
            return
    await send(context, update.effective_chat.id,  # type: ignore[union-attr]
               context.t("tr-added", name=user.first_name, scope=_scope_text(context, scope)))


async def removetrainer_cmd(update: Update, context: HamyarContext) -> None:
    if not await _require_manager(update, context):
        return
    args = context.args or []
    if not args:
        await send(context, update.effective_chat.id, context.t("tr-remove-usage"))  # type: ignore[union-attr]
        return
    async with context.session() as s:
        user = await trainers.find_user(s, args[0])
        if user is None:
            await send(context, update.effective_chat.id, context.t("tr-err-unknown-user"))  # type: ignore[union-attr]
            return
        removed = await trainers.remove_trainer(s, user.id)
    key = "tr-removed" if removed else "tr-not-a-trainer"
    await send(context, update.effective_chat.id, context.t(key, name=user.first_name))  # type: ignore[union-attr]


# -- a listing entered on a seller's behalf: her agreement -----------------------------------

async def _behalf_listing(update: Update, context: HamyarContext) -> Listing | None:
    query = update.callback_query
    assert query is not None
    listing_id = await callback_id(update, context)
    if listing_id is None:
        return None
    listing = await _guard(update, context, listing_id)
    if listing is not None and listing.status != m.AWAITING_SELLER:
        await query.answer(context.t("stale-button"), show_alert=True)
        return None
    return listing


async def behalf_send(update: Update, context: HamyarContext) -> None:
    """The trainer sends the preview to the seller, who confirms it herself."""
    from bot import outbox
    from bot.services import catalogue

    query = update.callback_query
    assert query is not None
    listing = await _behalf_listing(update, context)
    if listing is None:
        return
    async with context.session() as s:
        listing = await s.get(Listing, listing.id)
        seller = await s.get(Seller, listing.seller_id)  # type: ignore[union-attr]
        seller_user = await s.get(User, listing.seller_id)  # type: ignore[union-attr]
        lang = users.user_locale(seller_user)
        i18n = context.services.i18n
        text = catalogue.caption(i18n, listing, seller)  # type: ignore[arg-type]
        photos = [p.file_id for p in listing.photos]  # type: ignore[union-attr]
        key = f"behalf-preview:{listing.id}"  # type: ignore[union-attr]
        if len(photos) == 1:
            await outbox.enqueue(s, listing.seller_id, "sendPhoto",  # type: ignore[union-attr]
                                 {"photo": photos[0], "caption": text, "parse_mode": "HTML"},
                                 dedupe_key=key + ":photo")
        else:
            media = [{"type": "photo", "media": f} for f in photos]
            media[0].update(caption=text, parse_mode="HTML")
            await outbox.enqueue(s, listing.seller_id, "sendMediaGroup", {"media": media},  # type: ignore[union-attr]
                                 dedupe_key=key + ":album")
        markup = {"inline_keyboard": [[{"text": i18n.t(lang, "obh-btn-confirm", {}),
                                        "callback_data": f"obh:yes:{listing.id}"}]]}  # type: ignore[union-attr]
        await outbox.enqueue(s, listing.seller_id, "sendMessage",  # type: ignore[union-attr]
                             {"text": i18n.t(lang, "obh-seller-preview",
                                             {"trainer": update.effective_user.first_name}),  # type: ignore[union-attr]
                              "reply_markup": markup}, dedupe_key=key)
    await query.answer(context.t("obh-sent"))
    try:
        await query.edit_message_text(context.t("obh-sent"))
    except BadRequest:
        pass


async def behalf_phone(update: Update, context: HamyarContext) -> None:
    """The trainer records that the seller agreed by phone: the listing goes to review."""

    query = update.callback_query
    assert query is not None
    listing = await _behalf_listing(update, context)
    if listing is None:
        return
    async with context.session() as s:
        listing = await s.get(Listing, listing.id)
        try:
            await onbehalf.seller_consents(s, listing, "phone", update.effective_user.id)  # type: ignore[arg-type, union-attr]
        except InputError:
            await query.answer(context.t("stale-button"), show_alert=True)
            return
    await query.answer(context.t("obh-phone-recorded"))
    try:
        await query.edit_message_text(context.t("obh-phone-recorded"))
    except BadRequest:
        pass


async def behalf_confirm(update: Update, context: HamyarContext) -> None:
    """The seller confirms a listing a trainer entered for her."""
    from bot import outbox

    query = update.callback_query
    assert query is not None
    listing_id = await callback_id(update, context)
    if listing_id is None:
        return
    async with context.session() as s:
        listing = await s.get(Listing, listing_id)
        if listing is None or listing.seller_id != update.effective_user.id:  # type: ignore[union-attr]
            await query.answer(context.t("my-not-yours"), show_alert=True)
            return
        try:
            await onbehalf.seller_consents(s, listing, "seller", listing.seller_id)
        except InputError:
            await query.answer(context.t("stale-button"), show_alert=True)
            return
        if listing.created_by and listing.created_by != listing.seller_id:
            trainer = await s.get(User, listing.created_by)
            seller = await s.get(Seller, listing.seller_id)
            text = context.services.i18n.t(
                users.user_locale(trainer), "obh-trainer-told-confirmed",
                {"name": seller.name if seller else "", "title": listing.title or ""})
            await outbox.enqueue(s, listing.created_by, "sendMessage", {"text": text})
    await query.answer()
    try:
        await query.edit_message_text(context.t("obh-seller-confirmed"))
    except BadRequest:
        pass


def register(app: Any) -> None:
    """Moderation buttons work wherever the card is; the tools are for private chats."""
    private = filters.ChatType.PRIVATE
    app.add_handler(build_typing(), group=0)
    app.add_handler(CallbackQueryHandler(on_approve, pattern=r"^mod:ok:"), group=0)
    app.add_handler(CallbackQueryHandler(on_reject_menu, pattern=r"^mod:rej:"), group=0)
    app.add_handler(CallbackQueryHandler(on_menu, pattern=r"^mod:menu:"), group=0)
    app.add_handler(CallbackQueryHandler(on_reason, pattern=r"^mod:rr:"), group=0)
    app.add_handler(CallbackQueryHandler(resend_card, pattern=r"^trq:card:"), group=0)
    app.add_handler(CallbackQueryHandler(behalf_send, pattern=r"^obh:send:"), group=0)
    app.add_handler(CallbackQueryHandler(behalf_phone, pattern=r"^obh:phone:"), group=0)
    app.add_handler(CallbackQueryHandler(behalf_confirm, pattern=r"^obh:yes:"), group=0)
    app.add_handler(CommandHandler("queue", queue_cmd, filters=private), group=0)
    app.add_handler(CommandHandler("undelivered", undelivered_cmd, filters=private), group=0)
    app.add_handler(CallbackQueryHandler(retry_undelivered, pattern=r"^trq:retry:"), group=0)
    app.add_handler(CommandHandler("seller", seller_cmd, filters=private), group=0)
    app.add_handler(CommandHandler("block", block_cmd, filters=private), group=0)
    app.add_handler(CommandHandler("unblock", unblock_cmd, filters=private), group=0)
    app.add_handler(CommandHandler("trainers", trainers_cmd, filters=private), group=0)
    app.add_handler(CommandHandler("addtrainer", addtrainer_cmd, filters=private), group=0)
    app.add_handler(CommandHandler("removetrainer", removetrainer_cmd, filters=private), group=0)
