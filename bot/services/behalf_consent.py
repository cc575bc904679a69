"""A listing a trainer entered on a seller's behalf waits for the seller's agreement: the
trainer sends her the preview (she confirms with a button) or records a yes on the phone."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from bot import outbox
from bot.callbacks import BehalfConfirm
from bot.i18n import I18n
from bot.services import catalogue, onbehalf
from bot.services.errors import InputError
from bot.services.trainers import Refused, guard_listing
from bot.services.users import user_locale
from models import listing as m
from models.listing import Listing
from models.user import Seller, User


async def _awaiting(session: AsyncSession, listing_id: int, trainer_id: int) -> Listing:
    listing = await guard_listing(session, listing_id, trainer_id)
    if listing.status != m.AWAITING_SELLER:
        raise Refused("stale-button")
    return listing


async def send_preview(session: AsyncSession, i18n: I18n, listing_id: int, trainer_id: int,
                       trainer_name: str) -> None:
    """The seller gets the listing as the channel would show it, and a button to agree."""
    listing = await _awaiting(session, listing_id, trainer_id)
    seller = await session.get(Seller, listing.seller_id)
    assert seller is not None
    lang = user_locale(await session.get(User, listing.seller_id))
    text = catalogue.caption(i18n, listing, seller)
    photos = [p.file_id for p in listing.photos]
    key = f"behalf-preview:{listing.id}"
    if len(photos) == 1:
        await outbox.enqueue(session, listing.seller_id, "sendPhoto",
                             {"photo": photos[0], "caption": text, "parse_mode": "HTML"},
                             dedupe_key=key + ":photo")
    else:
        media = [{"type": "photo", "media": f} for f in photos]
        media[0].update(caption=text, parse_mode="HTML")
        await outbox.enqueue(session, listing.seller_id, "sendMediaGroup", {"media": media},
                             dedupe_key=key + ":album")
    markup = {"inline_keyboard": [[{"text": i18n.t(lang, "obh-btn-confirm", {}),
                                    "callback_data": BehalfConfirm(listing.id).pack()}]]}
    await outbox.enqueue(session, listing.seller_id, "sendMessage",
                         {"text": i18n.t(lang, "obh-seller-preview", {"trainer": trainer_name}),
                          "reply_markup": markup}, dedupe_key=key)


async def phone_consent(session: AsyncSession, listing_id: int, trainer_id: int) -> None:
    """The trainer records that the seller agreed on the phone: the listing goes to review."""
    listing = await _awaiting(session, listing_id, trainer_id)
    try:
        await onbehalf.seller_consents(session, listing, "phone", trainer_id)
    except InputError:
        raise Refused("stale-button") from None


async def seller_confirms(session: AsyncSession, i18n: I18n, listing_id: int, seller_id: int) -> None:
    """The seller herself agrees; the trainer who entered the listing is told."""
    listing = await session.get(Listing, listing_id)
    if listing is None or listing.seller_id != seller_id:
        raise Refused("my-not-yours")
    try:
        await onbehalf.seller_consents(session, listing, "seller", listing.seller_id)
    except InputError:
        raise Refused("stale-button") from None
    if listing.created_by and listing.created_by != listing.seller_id:
        trainer = await session.get(User, listing.created_by)
        seller = await session.get(Seller, listing.seller_id)
        text = i18n.t(user_locale(trainer), "obh-trainer-told-confirmed",
                      {"name": seller.name if seller else "", "title": listing.title or ""})
        await outbox.enqueue(session, listing.created_by, "sendMessage", {"text": text})
