"""The trainers' review card in the admin chat: its text and buttons, posting it when a
listing is submitted, and posting it again from /queue."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot import geo, outbox, persian
from bot.callbacks import EditLink, ReviewButton
from bot.i18n import OMIT, I18n, default_i18n
from bot.services import catalogue, groups
from bot.services.htmltext import esc
from bot.services.runtime import current as runtime
from bot.services.trainers import Refused, guard_listing
from models import listing as m
from models.listing import Listing
from models.moderation import AdminCard
from models.user import Seller, User

CONSENT_KEYS = {"seller": "mod-consent-seller", "phone": "mod-consent-phone"}


def i18n() -> I18n:
    return default_i18n()


def card_text(listing: Listing, seller: Seller, *, group: str | None, decided: str | None = None,
              entered_by: str | None = None) -> str:
    """The trainers' card (HTML): the caption buyers would see, then who the seller is.
    `group` is her group as `groups.shown_name` gives it (the group she joined, else the name
    she typed); `decided` is HTML already (see `decided_line`); `entered_by` is a typed name."""
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
        "name": esc(seller.name),
        "phone": persian.to_persian_digits("0" + seller.phone[3:]),
        "city": city.fa if city else "?", "province": province.fa if province else "?",
        "district": seller.district or 0,
        "group": esc(group) if group else OMIT,
    })]
    if entered_by:
        consent = t(lang, CONSENT_KEYS.get(listing.consent or "", "mod-consent-none"), {})
        lines.append(t(lang, "mod-card-entered-by", {"name": esc(entered_by), "consent": consent}))
    if decided:
        lines += ["", decided]
    return "\n".join(lines)


def card_buttons(listing: Listing) -> dict[str, Any]:
    t = i18n().t
    lang = i18n().default
    ref = (listing.id, listing.review_round)
    return {"inline_keyboard": [
        [{"text": t(lang, "mod-btn-approve", {}), "callback_data": ReviewButton("ok", *ref).pack()}],
        [{"text": t(lang, "mod-btn-reject", {}), "callback_data": ReviewButton("rej", *ref).pack()},
         {"text": t(lang, "mod-btn-changes", {}), "callback_data": ReviewButton("chg", *ref).pack()}],
        [{"text": t(lang, "mod-btn-edit", {}), "url": runtime.deep_link(EditLink(listing.id).pack())}],
    ]}


def round_key(listing: Listing) -> str:
    """The idempotency key of a review round: the listing, its round and the moment it was
    submitted, so that a round can never repeat a key already used (a number SQLite gave
    again after a row was deleted, a round counted again)."""
    stamp = int(listing.submitted_at.timestamp() * 1_000_000) if listing.submitted_at else 0
    return f"card:{listing.id}:{listing.review_round}:{stamp}"


async def _post_media(session: AsyncSession, chat: int | str, listing: Listing,
                      key: str | None) -> None:
    """The photos (an album when more than one) and the voice note before the card."""
    def k(suffix: str) -> str | None:
        return key + suffix if key else None

    photos = [p.file_id for p in listing.photos]
    if len(photos) > 1:
        await outbox.enqueue(session, chat, "sendMediaGroup",
                             {"media": [{"type": "photo", "media": f} for f in photos]},
                             dedupe_key=k(":album"))
    elif photos:
        await outbox.enqueue(session, chat, "sendPhoto", {"photo": photos[0]},
                             dedupe_key=k(":photo"))
    if listing.voice_file_id:
        await outbox.enqueue(session, chat, "sendVoice", {"voice": listing.voice_file_id},
                             dedupe_key=k(":voice"))


async def post_card(session: AsyncSession, listing: Listing, seller: Seller) -> None:
    chat = runtime.admin_chat_id
    if chat is None:
        return
    key = round_key(listing)
    await _post_media(session, chat, listing, key)
    entered_by = None
    if listing.created_by and listing.created_by != listing.seller_id:
        who = await session.get(User, listing.created_by)
        entered_by = who.first_name if who else str(listing.created_by)
    session.add(AdminCard(listing_id=listing.id, round=listing.review_round, chat_id=str(chat)))
    await outbox.enqueue(
        session, chat, "sendMessage",
        {"text": card_text(listing, seller, group=await groups.shown_name(session, seller),
                           entered_by=entered_by), "parse_mode": "HTML",
         "reply_markup": card_buttons(listing), "link_preview_options": {"is_disabled": True}},
        dedupe_key=key, on_sent="moderation.card_sent",
        hook_args={"listing_id": listing.id, "round": listing.review_round},
    )


async def card_sent(session: AsyncSession, message: Any, result: Any) -> None:
    args = message.hook_args or {}
    card = await session.get(AdminCard, (args["listing_id"], args["round"]))
    if card is not None and isinstance(result, int):
        card.card_message_id = result


async def on_submitted(session: AsyncSession, listing: Listing) -> None:
    listing.review_round = (listing.review_round or 0) + 1
    seller = await session.get(Seller, listing.seller_id)
    assert seller is not None
    await session.flush()
    await post_card(session, listing, seller)


async def resend_card(session: AsyncSession, listing_id: int, user_id: int,
                      chat_id: int | str) -> None:
    """/queue: a listing still waiting gets its review card posted again (in `chat_id`).
    Raises Refused when this user may not moderate it or it was decided already."""
    listing = await guard_listing(session, listing_id, user_id)
    if listing.status != m.PENDING:
        raise Refused("mod-already", who="")
    seller = await session.get(Seller, listing.seller_id)
    assert seller is not None
    card = await session.get(AdminCard, (listing.id, listing.review_round))
    if card is not None:
        await session.delete(card)
        await session.flush()
    await _post_media(session, chat_id, listing, None)
    await outbox.enqueue(session, chat_id, "sendMessage",
                         {"text": card_text(listing, seller,
                                                    group=await groups.shown_name(session, seller)),
                          "parse_mode": "HTML",
                          "reply_markup": card_buttons(listing)})
