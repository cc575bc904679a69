"""Trainers working on a seller's listing: a new listing on her behalf, or a fix to one under
review. The listing flow itself is the seller's (`bot.services.listing`)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services import drafts, events
from bot.services.errors import InputError
from bot.services.listing import missing_field, new_draft
from bot.services.listing import submit as submit_own
from bot.services.trainers import NotAllowed, check_moderator
from models import listing as m
from models.base import utcnow
from models.listing import Listing
from models.moderation import CONSENT, EDIT, Decision
from models.user import Seller

# -- trainers working on a seller's listing -------------------------------------------------
# A trainer's private chat runs the same listing flow; a pointer (a Draft row of kind
# "listing_target") says which listing she is working on and why ("behalf": a new listing
# for a seller, "edit": a listing under review).

POINTER = drafts.LISTING_TARGET


async def pointer(session: AsyncSession, user_id: int) -> dict[str, Any] | None:
    return await drafts.get(session, user_id, POINTER) or None


async def set_pointer(session: AsyncSession, user_id: int, listing_id: int, mode: str) -> None:
    await drafts.put(session, user_id, POINTER, {"listing_id": listing_id, "mode": mode})


async def clear_pointer(session: AsyncSession, user_id: int) -> None:
    await drafts.drop(session, user_id, POINTER)


async def working(session: AsyncSession, user_id: int) -> Listing | None:
    """The listing this person's listing flow acts on: the one a trainer is working on, or
    her own draft."""
    ptr = await pointer(session, user_id)
    if ptr is not None:
        listing = await session.get(Listing, ptr["listing_id"])
        if listing is not None and listing.status in (m.DRAFT, m.PENDING):
            try:  # still a trainer of her area? (a manager may have removed her meanwhile)
                await check_moderator(session, user_id, await session.get(Seller, listing.seller_id))
                return listing
            except NotAllowed:
                pass
        await clear_pointer(session, user_id)
        return None  # what she was working on is no longer hers to work on
    return await m.current_draft(session, user_id)


async def behalf_draft(session: AsyncSession, seller_id: int, trainer_id: int) -> Listing:
    """A trainer's unfinished listing for this seller, or a new one."""
    listing = await session.scalar(
        select(Listing).where(Listing.seller_id == seller_id, Listing.created_by == trainer_id,
                              Listing.status == m.DRAFT).order_by(Listing.id.desc()).limit(1))
    if listing is None:
        listing = await new_draft(session, seller_id, trainer_id)
    await set_pointer(session, trainer_id, listing.id, "behalf")
    return listing


async def save_trainer_edit(session: AsyncSession, listing: Listing, trainer_id: int) -> None:
    if listing.status != m.PENDING:
        raise InputError("my-not-allowed")
    field = missing_field(listing)
    if field is not None:
        raise InputError("lst-incomplete", field=field)
    listing.flow = {}
    session.add(Decision(listing_id=listing.id, round=listing.review_round, trainer_id=trainer_id,
                         action=EDIT, reason=None, created_at=utcnow()))
    await clear_pointer(session, trainer_id)
    await session.flush()
    await events.emit(session, "listing.submitted", listing=listing)


async def await_seller(session: AsyncSession, listing: Listing, trainer_id: int) -> None:
    if listing.status != m.DRAFT:
        raise InputError("my-not-allowed")
    field = missing_field(listing)
    if field is not None:
        raise InputError("lst-incomplete", field=field)
    listing.status = m.AWAITING_SELLER
    listing.status_changed_at = utcnow()
    listing.flow = {}
    await clear_pointer(session, trainer_id)
    await session.flush()


async def seller_consents(session: AsyncSession, listing: Listing, how: str, by: int) -> None:
    """The seller agreed to a listing a trainer entered for her ("seller" or "phone")."""
    if listing.status != m.AWAITING_SELLER:
        raise InputError("my-not-allowed")
    listing.consent = how
    listing.status = m.PENDING
    listing.submitted_at = listing.status_changed_at = utcnow()
    session.add(Decision(listing_id=listing.id, round=listing.review_round, trainer_id=by,
                         action=CONSENT, reason=how, created_at=utcnow()))
    await session.flush()
    await events.emit(session, "listing.submitted", listing=listing)


# -- entries and the end of the listing flow for trainers -----------------------------------

async def start_behalf(session: AsyncSession, trainer_id: int, seller_id: int) -> tuple[Seller, Listing]:
    """/onbehalf, a seller picked: her unfinished listing by this trainer, or a new one.
    NotAllowed when the seller is unknown or out of the trainer's area."""
    seller = await session.get(Seller, seller_id)
    if seller is None:
        raise NotAllowed(seller_id)
    await check_moderator(session, trainer_id, seller)
    return seller, await behalf_draft(session, seller_id, trainer_id)


async def start_trainer_edit(session: AsyncSession, trainer_id: int, listing_id: int) -> tuple[Seller, Listing]:
    """/start e_<id>: a trainer fixes a listing under review. NotAllowed when she may not;
    InputError("mod-already") when it is no longer under review."""
    listing = await session.get(Listing, listing_id)
    seller = await session.get(Seller, listing.seller_id) if listing else None
    await check_moderator(session, trainer_id, seller)
    if listing is None or seller is None or listing.status != m.PENDING:
        raise InputError("mod-already", who="")
    await set_pointer(session, trainer_id, listing.id, "edit")
    return seller, listing


async def finish(session: AsyncSession, listing: Listing, user_id: int) -> str | None:
    """«ثبت» at the preview: a trainer's fix is saved ("edit"), a listing entered for a seller
    waits for her consent ("behalf"), a seller's own is submitted (None)."""
    ptr = await pointer(session, user_id)
    mode = ptr.get("mode") if ptr and ptr.get("listing_id") == listing.id else None
    if mode == "edit":
        await save_trainer_edit(session, listing, user_id)
    elif mode == "behalf":
        await await_seller(session, listing, user_id)
    else:
        await submit_own(session, listing)
    return mode


async def leave(session: AsyncSession, user_id: int) -> bool:
    """The flow is cancelled: forget what a trainer was working on. True if she was."""
    was = await pointer(session, user_id) is not None
    await clear_pointer(session, user_id)
    return was
