"""«محصولات من»: a seller's listings, and the short flow that changes a price or a stock (the
listing being changed is kept in a draft of kind EDIT_KIND between the two updates)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services import decisions, drafts
from bot.services import listing as svc
from bot.services.errors import InputError
from models.listing import Listing, seller_listings
from models.moderation import CHANGES, REJECT, Decision

EDIT_KIND = "my_listing_edit"
AMOUNT_FIELDS = ("price", "stock")


async def of_seller(session: AsyncSession, seller_id: int) -> list[Listing]:
    """Her listings, newest first, drafts and merged revisions left out."""
    return await seller_listings(session, seller_id)


async def own(session: AsyncSession, listing_id: int, seller_id: int) -> Listing:
    """The listing if it is hers (ListingNotFound otherwise)."""
    return await svc.get_for_seller(session, listing_id, seller_id)


async def trainer_note(session: AsyncSession, listing: Listing, lang: str) -> str | None:
    """What the trainer wrote when she sent this listing back (or did not publish it), while it
    waits for her fix, a fixed reason in her language `lang`; None otherwise."""
    if listing.status not in (svc.NEEDS_CHANGES, svc.REJECTED):
        return None
    note = await session.scalar(
        select(Decision.reason).where(Decision.listing_id == listing.id,
                                      Decision.action.in_((CHANGES, REJECT)))
        .order_by(Decision.round.desc(), Decision.id.desc()).limit(1))
    return decisions.reason_for(lang, note) if note else None


async def own_with_note(session: AsyncSession, listing_id: int, seller_id: int,
                        lang: str) -> tuple[Listing, str | None]:
    """The listing if it is hers, with the trainer's note when it waits for her fix."""
    listing = await own(session, listing_id, seller_id)
    return listing, await trainer_note(session, listing, lang)


async def act(session: AsyncSession, listing_id: int, seller_id: int, action: str) -> Listing:
    """pause, resume, sold (out), withdraw-yes: ListingNotFound or InputError when not allowed."""
    do = {"pause": svc.pause, "resume": svc.resume, "sold": svc.mark_sold_out,
          "withdraw-yes": svc.withdraw}[action]
    listing = await own(session, listing_id, seller_id)
    await do(session, listing)
    return listing


async def begin_amount(session: AsyncSession, listing_id: int, seller_id: int, field: str) -> Listing:
    """The seller pressed «تغییر قیمت» or «تغییر موجودی»: remember which listing."""
    listing = await own(session, listing_id, seller_id)
    if field not in svc.allowed_actions(listing):
        raise InputError("my-not-allowed")
    await drafts.put(session, seller_id, EDIT_KIND, {"listing_id": listing.id})
    return listing


async def apply_amount(session: AsyncSession, seller_id: int, field: str,
                       text: str | int) -> tuple[Listing, int]:
    """The typed price or stock (or a price she confirmed, as an int), applied to the remembered
    listing; the draft goes. ListingNotFound when there is none (or it is no longer hers),
    InputError for a bad amount, svc.PriceToConfirm (nothing changed, the draft kept) for a
    price to say back first."""
    listing_id = (await drafts.get(session, seller_id, EDIT_KIND)).get("listing_id")
    if listing_id is None:
        raise svc.ListingNotFound(0)
    listing = await own(session, int(listing_id), seller_id)
    if field == "price":
        value = await svc.change_price(session, listing, text)
    else:
        value = await svc.change_stock(session, listing, str(text))
    await drafts.drop(session, seller_id, EDIT_KIND)
    return listing, value


async def end_amount(session: AsyncSession, seller_id: int) -> None:
    await drafts.drop(session, seller_id, EDIT_KIND)
