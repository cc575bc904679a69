"""An approved listing in the catalogue channel: its public code, the post with its order
button, and every later edit of that post (price, stock, status, an approved revision)."""

from __future__ import annotations

import secrets
import string
from typing import Any

from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession

from bot import outbox
from bot.callbacks import ListingLink
from bot.i18n import I18n, default_i18n
from bot.services import catalogue, codes, events
from bot.services import listing as listing_svc
from bot.services.runtime import current as runtime
from bot.services.users import user_locale
from models import listing as m
from models.listing import Listing
from models.outbox import PENDING, OutboxMessage
from models.user import Seller, User

CODE_ALPHABET = string.ascii_letters + string.digits


def i18n() -> I18n:
    return default_i18n()


def new_public_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(10))


def order_button(listing: Listing) -> dict[str, Any]:
    label = i18n().t(catalogue.CHANNEL_LOCALE, "cat-btn-order", {})
    assert listing.public_code is not None, "published listings have their public code"
    return {"inline_keyboard": [[{"text": label,
                                  "url": runtime.deep_link(ListingLink(listing.public_code).pack())}]]}


async def publish(session: AsyncSession, listing: Listing, seller: Seller) -> None:
    if not listing.public_code:
        listing.public_code = new_public_code()
    await codes.give_listing_code(session, listing)
    await session.flush()
    await events.emit(session, "listing.published", listing=listing)
    channel = runtime.catalogue_channel_id
    if channel is None:
        await tell_published(session, listing, None)
        return
    listing.channel_chat_id = str(channel)
    text = catalogue.caption(i18n(), listing, seller, channel=True)
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


async def apply_revision(session: AsyncSession, original: Listing, revision: Listing,
                         seller: Seller) -> None:
    """The revised listing keeps its code, favourites and orders; its channel post is edited,
    or posted again when the photos changed (an album cannot be edited into another album)."""
    photos_changed = listing_svc.apply_revision(original, revision)
    await session.flush()
    await events.emit(session, "listing.public_changed", listing=original, what="revised")
    if not photos_changed:
        await edit_post(session, original)
        await tell_published(session, original,
                             runtime.channel_post_link(original.channel_card_message_id)
                             if original.channel_card_message_id else None,
                             round_=revision.review_round)
        return
    if original.channel_chat_id:
        for message_id in [*original.channel_message_ids, original.channel_card_message_id]:
            if message_id:
                await outbox.enqueue(session, original.channel_chat_id, "deleteMessage",
                                     {"message_id": message_id})
    original.channel_message_ids, original.channel_card_message_id = [], None
    original.review_round = max(original.review_round, revision.review_round) + 1
    await publish(session, original, seller)


async def album_posted(session: AsyncSession, message: Any, result: Any) -> None:
    listing = await session.get(Listing, (message.hook_args or {})["listing_id"])
    if listing is not None and isinstance(result, list):
        listing.channel_message_ids = list(result)


async def card_posted(session: AsyncSession, message: Any, result: Any) -> None:
    listing = await session.get(Listing, (message.hook_args or {})["listing_id"])
    if listing is None or not isinstance(result, int):
        return
    listing.channel_card_message_id = result
    await tell_published(session, listing, runtime.channel_post_link(result))
    if listing.status != m.PUBLISHED:  # changed while the post was on its way
        await edit_post(session, listing)


async def tell_published(session: AsyncSession, listing: Listing, link: str | None,
                         round_: int | None = None) -> None:
    user = await session.get(User, listing.seller_id)
    lang = user_locale(user)
    key = "mod-seller-published-link" if link else "mod-seller-published"
    await outbox.enqueue(session, listing.seller_id, "sendMessage",
                         {"text": i18n().t(lang, key, {"title": listing.title or "", "link": link or ""})},
                         dedupe_key=f"told-published:{listing.id}:{round_ or listing.review_round}")


async def edit_post(session: AsyncSession, listing: Listing) -> None:
    """The channel card follows price, stock and status; the order button only while on sale."""
    if not listing.channel_chat_id or not listing.channel_card_message_id:
        return
    seller = await session.get(Seller, listing.seller_id)
    assert seller is not None
    text = catalogue.caption(i18n(), listing, seller, channel=True)
    payload: dict[str, Any] = {"message_id": listing.channel_card_message_id, "parse_mode": "HTML"}
    if listing.status == m.PUBLISHED:
        payload["reply_markup"] = order_button(listing)
    if listing.channel_message_ids:  # an album, then a text card
        payload.update(text=text, link_preview_options={"is_disabled": True})
        await _edit_once(session, listing, "editMessageText", payload)
    else:
        payload["caption"] = text
        await _edit_once(session, listing, "editMessageCaption", payload)


async def _edit_once(session: AsyncSession, listing: Listing, method: str,
                     payload: dict[str, Any]) -> None:
    """Coalesced: an edit of this post still waiting its turn in the outbox (the channel's
    pace is 20 calls a minute) is replaced by this one, which carries the latest state, so a
    run of orders makes one edit, not one per order. A row the worker has claimed is left
    alone (it is on its way); a row it read but not yet claimed is no longer there to claim."""
    prefix = f"post-edit:{listing.id}:"
    await session.execute(
        delete(OutboxMessage).where(OutboxMessage.dedupe_key.startswith(prefix, autoescape=True),
                                    OutboxMessage.status == PENDING,
                                    OutboxMessage.claimed_at.is_(None))
        .execution_options(synchronize_session=False))
    await outbox.enqueue(session, listing.channel_chat_id or "", method, payload,
                         dedupe_key=prefix + secrets.token_hex(8))


async def on_public_changed(session: AsyncSession, listing: Listing, what: str) -> None:
    await edit_post(session, listing)
