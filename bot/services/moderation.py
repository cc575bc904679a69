"""Trainers moderate listings: who may, the admin-chat card, the decisions, publishing.

Every decision is a conditional update (`status = pending AND review_round = n`), so an
approve pressed twice, or by two trainers at once, publishes once; the loser is told who
decided. Messages to the admin chat, the channel and the seller go through the outbox in
the same transaction as the decision.
"""

from __future__ import annotations

import html
import secrets
import string
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot import geo, outbox, persian
from bot.i18n import I18n, default_i18n
from bot.services import catalogue, events
from bot.services.errors import InputError
from bot.services.runtime import current as runtime
from bot.services.trainers import check_moderator, in_scope, is_manager, trainer_of
from bot.services.users import user_locale
from models import listing as m
from models import moderation as mm
from models.base import utcnow
from models.listing import Listing
from models.moderation import AdminCard, Decision
from models.user import Seller, User

CODE_ALPHABET = string.ascii_letters + string.digits
REJECT_REASONS = ("photos", "price", "not_handmade", "not_allowed", "duplicate")
REASON_KEYS = {
    "photos": "mod-reason-photos", "price": "mod-reason-price",
    "not_handmade": "mod-reason-not_handmade", "not_allowed": "mod-reason-not_allowed",
    "duplicate": "mod-reason-duplicate",
}
STATUS_AFTER = {mm.APPROVE: m.PUBLISHED, mm.REJECT: m.REJECTED, mm.CHANGES: m.NEEDS_CHANGES}
REASON_MAX = 500
CONSENT_KEYS = {"seller": "mod-consent-seller", "phone": "mod-consent-phone"}


@dataclass
class AlreadyDecided(Exception):
    decision: Decision | None
    trainer_name: str | None


def i18n() -> I18n:
    return default_i18n()


# -- the admin-chat card ---------------------------------------------------------------------

def card_text(listing: Listing, seller: Seller, *, decided: str | None = None,
              entered_by: str | None = None) -> str:
    """The trainers' card: the caption buyers would see, then who the seller is."""
    t = i18n().t
    lang = i18n().default
    city = geo.city(seller.city_code)
    province = geo.province(seller.province_code)
    lines = [t(lang, "mod-card-title", {"id": listing.id, "round": listing.review_round})]
    if listing.replaces_id:
        lines.append(t(lang, "mod-card-revision", {"original": listing.replaces_id}))
    lines.append("")
    lines.append(catalogue.caption(i18n(), listing, seller))
    if listing.description is None and listing.voice_file_id:
        lines.append(t(lang, "mod-card-voice", {"seconds": listing.voice_duration or 0}))
    lines += ["", t(lang, "mod-card-seller", {
        "name": html.escape(seller.name),
        "phone": persian.to_persian_digits("0" + seller.phone[3:]),
        "city": city.fa if city else "?", "province": province.fa if province else "?",
        "district": seller.district or "—",
        "group": html.escape(seller.group_name or t(lang, "reg-none", {})),
    })]
    if entered_by:
        consent = t(lang, CONSENT_KEYS.get(listing.consent, "mod-consent-none"), {})
        lines.append(t(lang, "mod-card-entered-by", {"name": html.escape(entered_by),
                                                     "consent": consent}))
    if decided:
        lines += ["", decided]
    return "\n".join(lines)


def card_buttons(listing: Listing) -> dict[str, Any]:
    t = i18n().t
    lang = i18n().default
    ref = f"{listing.id}:{listing.review_round}"
    return {"inline_keyboard": [
        [{"text": t(lang, "mod-btn-approve", {}), "callback_data": f"mod:ok:{ref}"}],
        [{"text": t(lang, "mod-btn-reject", {}), "callback_data": f"mod:rej:{ref}"},
         {"text": t(lang, "mod-btn-changes", {}), "callback_data": f"mod:chg:{ref}"}],
        [{"text": t(lang, "mod-btn-edit", {}), "url": runtime.deep_link(f"e_{listing.id}")}],
    ]}


async def _post_card(session: AsyncSession, listing: Listing, seller: Seller) -> None:
    chat = runtime.admin_chat_id
    if chat is None:
        return
    photos = [p.file_id for p in listing.photos]
    key = f"card:{listing.id}:{listing.review_round}"
    if len(photos) > 1:
        await outbox.enqueue(session, chat, "sendMediaGroup",
                             {"media": [{"type": "photo", "media": f} for f in photos]},
                             dedupe_key=key + ":album")
    elif photos:
        await outbox.enqueue(session, chat, "sendPhoto", {"photo": photos[0]},
                             dedupe_key=key + ":photo")
    if listing.voice_file_id:
        await outbox.enqueue(session, chat, "sendVoice", {"voice": listing.voice_file_id},
                             dedupe_key=key + ":voice")
    entered_by = None
    if listing.created_by and listing.created_by != listing.seller_id:
        who = await session.get(User, listing.created_by)
        entered_by = who.first_name if who else str(listing.created_by)
    session.add(AdminCard(listing_id=listing.id, round=listing.review_round, chat_id=str(chat)))
    await outbox.enqueue(
        session, chat, "sendMessage",
        {"text": card_text(listing, seller, entered_by=entered_by), "parse_mode": "HTML",
         "reply_markup": card_buttons(listing), "link_preview_options": {"is_disabled": True}},
        dedupe_key=key, on_sent="moderation.card_sent",
        hook_args={"listing_id": listing.id, "round": listing.review_round},
    )


@outbox.register_hook("moderation.card_sent")
async def _card_sent(session: AsyncSession, message: Any, result: Any) -> None:
    args = message.hook_args or {}
    card = await session.get(AdminCard, (args["listing_id"], args["round"]))
    if card is not None and isinstance(result, int):
        card.card_message_id = result


@events.subscribe("listing.submitted")
async def on_submitted(session: AsyncSession, listing: Listing) -> None:
    listing.review_round = (listing.review_round or 0) + 1
    seller = await session.get(Seller, listing.seller_id)
    assert seller is not None
    await session.flush()
    await _post_card(session, listing, seller)


# -- decisions -------------------------------------------------------------------------------

async def _decide(session: AsyncSession, listing_id: int, round_: int, trainer_id: int,
                  action: str, reason: str | None) -> Listing:
    listing = await session.get(Listing, listing_id)
    if listing is None:
        raise AlreadyDecided(None, None)
    seller = await session.get(Seller, listing.seller_id)
    await check_moderator(session, trainer_id, seller)
    now = utcnow()
    values: dict[str, Any] = {"status": STATUS_AFTER[action], "status_changed_at": now}
    if action == mm.APPROVE:
        values["published_at"] = now
    result = await session.execute(
        update(Listing)
        .where(Listing.id == listing_id, Listing.status == m.PENDING,
               Listing.review_round == round_)
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:  # decided already (or a newer round is under review)
        last = await session.scalar(
            select(Decision).where(Decision.listing_id == listing_id)
            .order_by(Decision.id.desc()).limit(1))
        who = await session.get(User, last.trainer_id) if last else None
        raise AlreadyDecided(last, who.first_name if who else None)
    await session.refresh(listing)
    session.add(Decision(listing_id=listing_id, round=round_, trainer_id=trainer_id,
                         action=action, reason=reason, created_at=now))
    await session.flush()
    return listing


async def approve(session: AsyncSession, listing_id: int, round_: int, trainer_id: int) -> Listing:
    listing = await _decide(session, listing_id, round_, trainer_id, mm.APPROVE, None)
    seller = await session.get(Seller, listing.seller_id)
    assert seller is not None
    if listing.replaces_id:
        original = await session.get(Listing, listing.replaces_id)
        if original is not None and original.status in (m.PUBLISHED, m.SOLD_OUT, m.PAUSED):
            await _apply_revision(session, original, listing, seller)
            return listing
    await publish(session, listing, seller)
    return listing


async def _apply_revision(session: AsyncSession, original: Listing, revision: Listing,
                          seller: Seller) -> None:
    """The revised listing keeps its code, favourites and orders; its channel post is edited,
    or posted again when the photos changed (an album cannot be edited into another album)."""
    from bot.services import listing as listing_svc

    photos_changed = listing_svc.apply_revision(original, revision)
    await session.flush()
    await events.emit(session, "listing.public_changed", listing=original, what="revised")
    if not photos_changed:
        await _edit_card(session, original)
        await _tell_published(session, original, runtime.channel_post_link(original.channel_card_message_id)
                              if original.channel_card_message_id else None, round_=revision.review_round)
        return
    if original.channel_chat_id:
        for message_id in [*original.channel_message_ids, original.channel_card_message_id]:
            if message_id:
                await outbox.enqueue(session, original.channel_chat_id, "deleteMessage",
                                     {"message_id": message_id})
    original.channel_message_ids, original.channel_card_message_id = [], None
    original.review_round = max(original.review_round, revision.review_round) + 1
    await publish(session, original, seller)


async def reject(session: AsyncSession, listing_id: int, round_: int, trainer_id: int,
                 reason: str) -> Listing:
    reason = _clean_reason(reason)
    listing = await _decide(session, listing_id, round_, trainer_id, mm.REJECT, reason)
    await _tell_seller(session, listing, "mod-seller-rejected", reason=reason)
    return listing


async def request_changes(session: AsyncSession, listing_id: int, round_: int, trainer_id: int,
                          note: str) -> Listing:
    note = _clean_reason(note)
    listing = await _decide(session, listing_id, round_, trainer_id, mm.CHANGES, note)
    await _tell_seller(session, listing, "mod-seller-changes", reason=note)
    return listing


def _clean_reason(text: str) -> str:
    reason = persian.clean_input(text)
    if not reason:
        raise InputError("mod-err-reason-empty")
    if len(reason) > REASON_MAX:
        raise InputError("mod-err-reason-long", length=len(reason), max=REASON_MAX)
    return reason


def reason_text(code: str) -> str:
    return i18n().t(i18n().default, REASON_KEYS[code], {})


async def _tell_seller(session: AsyncSession, listing: Listing, key: str, **args: Any) -> None:
    user = await session.get(User, listing.seller_id)
    lang = user_locale(user)
    text = i18n().t(lang, key, {"title": listing.title or "", **args})
    markup = {"inline_keyboard": [[{"text": i18n().t(lang, "btn-edit-listing", {}),
                                    "callback_data": f"my:edit:{listing.id}"}]]}
    await outbox.enqueue(session, listing.seller_id, "sendMessage",
                         {"text": text, "reply_markup": markup})


# -- publishing ------------------------------------------------------------------------------

def new_public_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(10))


def order_button(listing: Listing) -> dict[str, Any]:
    label = i18n().t(catalogue.CHANNEL_LOCALE, "cat-btn-order", {})
    return {"inline_keyboard": [[{"text": label,
                                  "url": runtime.deep_link(f"l_{listing.public_code}")}]]}


async def publish(session: AsyncSession, listing: Listing, seller: Seller) -> None:
    if not listing.public_code:
        listing.public_code = new_public_code()
    await session.flush()
    await events.emit(session, "listing.published", listing=listing)
    channel = runtime.catalogue_channel_id
    if channel is None:
        await _tell_published(session, listing, None)
        return
    listing.channel_chat_id = str(channel)
    text = catalogue.caption(i18n(), listing, seller)
    photos = [p.file_id for p in listing.photos]
    key = f"publish:{listing.id}:{listing.review_round}"
    hook = {"listing_id": listing.id}
    if len(photos) == 1:
        await outbox.enqueue(session, channel, "sendPhoto",
                             {"photo": photos[0], "caption": text, "parse_mode": "HTML",
                              "reply_markup": order_button(listing)},
                             dedupe_key=key, on_sent="catalogue.card_posted", hook_args=hook)
        return
    await outbox.enqueue(session, channel, "sendMediaGroup",
                         {"media": [{"type": "photo", "media": f} for f in photos]},
                         dedupe_key=key + ":album", on_sent="catalogue.album_posted",
                         hook_args=hook)
    await outbox.enqueue(session, channel, "sendMessage",
                         {"text": text, "parse_mode": "HTML", "reply_markup": order_button(listing),
                          "link_preview_options": {"is_disabled": True}},
                         dedupe_key=key, on_sent="catalogue.card_posted", hook_args=hook)


@outbox.register_hook("catalogue.album_posted")
async def _album_posted(session: AsyncSession, message: Any, result: Any) -> None:
    listing = await session.get(Listing, (message.hook_args or {})["listing_id"])
    if listing is not None and isinstance(result, list):
        listing.channel_message_ids = list(result)


@outbox.register_hook("catalogue.card_posted")
async def _card_posted(session: AsyncSession, message: Any, result: Any) -> None:
    listing = await session.get(Listing, (message.hook_args or {})["listing_id"])
    if listing is None or not isinstance(result, int):
        return
    listing.channel_card_message_id = result
    await _tell_published(session, listing, runtime.channel_post_link(result))
    if listing.status != m.PUBLISHED:  # changed while the post was on its way
        await _edit_card(session, listing)


async def _tell_published(session: AsyncSession, listing: Listing, link: str | None,
                          round_: int | None = None) -> None:
    user = await session.get(User, listing.seller_id)
    lang = user_locale(user)
    key = "mod-seller-published-link" if link else "mod-seller-published"
    await outbox.enqueue(session, listing.seller_id, "sendMessage",
                         {"text": i18n().t(lang, key, {"title": listing.title or "", "link": link or ""})},
                         dedupe_key=f"told-published:{listing.id}:{round_ or listing.review_round}")


async def _edit_card(session: AsyncSession, listing: Listing) -> None:
    """The channel card follows price, stock and status; the order button only while on sale."""
    if not listing.channel_chat_id or not listing.channel_card_message_id:
        return
    seller = await session.get(Seller, listing.seller_id)
    assert seller is not None
    text = catalogue.caption(i18n(), listing, seller)
    payload: dict[str, Any] = {"message_id": listing.channel_card_message_id, "parse_mode": "HTML"}
    if listing.status == m.PUBLISHED:
        payload["reply_markup"] = order_button(listing)
    if listing.channel_message_ids:  # an album, then a text card
        payload.update(text=text, link_preview_options={"is_disabled": True})
        await outbox.enqueue(session, listing.channel_chat_id, "editMessageText", payload)
    else:
        payload["caption"] = text
        await outbox.enqueue(session, listing.channel_chat_id, "editMessageCaption", payload)


@events.subscribe("listing.public_changed")
async def on_public_changed(session: AsyncSession, listing: Listing, what: str) -> None:
    await _edit_card(session, listing)


# -- trainers' views -------------------------------------------------------------------------

async def queue(session: AsyncSession, user_id: int, limit: int = 20) -> list[tuple[Listing, Seller]]:
    rows = (await session.execute(
        select(Listing, Seller).join(Seller, Seller.user_id == Listing.seller_id)
        .where(Listing.status == m.PENDING).order_by(Listing.submitted_at)
    )).all()
    trainer = await trainer_of(session, user_id)
    manager = is_manager(user_id)
    return [(lst, s) for lst, s in rows if manager or in_scope(trainer, s)][:limit]


async def set_blocked(session: AsyncSession, user_id: int, blocked: bool) -> User:
    user = await session.get(User, user_id)
    if user is None:
        raise InputError("tr-err-unknown-user")
    if is_manager(user_id):
        raise InputError("tr-err-block-manager")
    user.is_blocked = blocked
    return user
