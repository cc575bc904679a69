"""Where a listing draft is in its flow: the order of the steps (forward, back, each costly
delivery method in turn), moving the draft to a step, and what a step shows. No telegram here
and no commit: the handler's unit of work commits the move together with the conversation
state."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot.services import onbehalf
from bot.services.errors import InputError
from bot.services.listing import (
    STEPS,
    ListingNotFound,
    costly_methods,
    delete_draft,
    get_for_seller,
    is_empty,
    reopen_for_edit,
    set_flow,
    shelve,
    was_submitted,
)
from bot.services.listing import start_revision as _start_revision_of
from models import listing as m
from models.listing import Listing, current_draft
from models.user import Seller

FIRST = "category"


def step_of(listing: Listing) -> str:
    return str((listing.flow or {}).get("step", FIRST))


def next_step(listing: Listing, step: str) -> str:
    editing = bool((listing.flow or {}).get("editing"))
    simple = {"category": "photos", "photos": "title", "title": "description",
              "description": "price", "price": "availability"}
    if step in simple:
        return "preview" if editing else simple[step]
    if step == "availability":
        return "stock" if listing.availability == m.IN_STOCK else "prep_days"
    if step in ("stock", "prep_days"):
        return "preview" if editing else "delivery"
    costly = costly_methods(listing)
    if step == "delivery":
        return "delivery_cost" if costly else "preview"
    if step == "delivery_cost":
        current = (listing.flow or {}).get("cost_for")
        later = costly[costly.index(current) + 1:] if current in costly else []
        return "delivery_cost" if later else "preview"
    return "preview"


def previous_step(listing: Listing, step: str) -> str | None:
    flow = listing.flow or {}
    if flow.get("editing") and step != "preview":
        return "preview"
    order = {"photos": "category", "title": "photos", "description": "title",
             "price": "description", "availability": "price", "stock": "availability",
             "prep_days": "availability"}
    if step in order:
        return order[step]
    if step == "delivery":
        return "stock" if listing.availability == m.IN_STOCK else "prep_days"
    costly = costly_methods(listing)
    if step == "delivery_cost":
        current = flow.get("cost_for")
        i = costly.index(current) if current in costly else 0
        return "delivery_cost" if i > 0 else "delivery"
    if step == "preview":
        return "delivery_cost" if costly else "delivery"
    return None


def _cost_for_when_entering(listing: Listing, step: str, going_back: bool) -> str | None:
    costly = costly_methods(listing)
    if step != "delivery_cost" or not costly:
        return None
    current = (listing.flow or {}).get("cost_for")
    if going_back:
        if current in costly and costly.index(current) > 0:
            return costly[costly.index(current) - 1]
        return costly[-1]
    if current in costly and (listing.flow or {}).get("step") == "delivery_cost":
        i = costly.index(current) + 1
        return costly[i] if i < len(costly) else costly[-1]
    return costly[0]


def move(listing: Listing, step: str, *, going_back: bool = False, **flow: Any) -> str:
    """Move the draft to `step` (the caller writes the conversation state in the same unit)."""
    changes: dict[str, Any] = {"step": step, **flow}
    cost_for = _cost_for_when_entering(listing, step, going_back)
    if cost_for:
        changes["cost_for"] = cost_for
    if step == "preview":
        changes["editing"] = True
    set_flow(listing, **changes)
    return step


def cost_for(listing: Listing) -> str:
    """The delivery method whose cost the delivery_cost step asks."""
    return str((listing.flow or {}).get("cost_for", m.COURIER))


@dataclass(frozen=True)
class Screen:
    """What the step a draft is at shows: the draft, and at the preview its seller and whether
    the button saves a trainer's fix («ذخیره») or submits («ثبت»)."""

    listing: Listing
    seller: Seller | None = None
    saves_edit: bool = False

    @property
    def step(self) -> str:
        return step_of(self.listing)


async def screen(session: AsyncSession, user_id: int, listing: Listing) -> Screen:
    if step_of(listing) not in STEPS[:-1]:  # the preview (any unknown step shows it too)
        ptr = await onbehalf.pointer(session, user_id)
        seller = await session.get(Seller, listing.seller_id)
        return Screen(listing, seller, bool(ptr and ptr.get("mode") == "edit"))
    return Screen(listing)


async def discard(session: AsyncSession, listing: Listing) -> None:
    """«از اول»: the unfinished draft goes; a listing the trainers have seen (opened again to
    fix it) is never deleted or emptied: it goes back to «محصولات من» as it was."""
    if listing.status != m.DRAFT:  # a listing under review a trainer was fixing: left as it is
        listing.flow = {}
    elif was_submitted(listing):
        shelve(listing)
    else:
        await session.delete(listing)
    await session.flush()


async def set_aside(session: AsyncSession, listing: Listing) -> bool:
    """/cancel (or «back» from the first question): a listing opened again to fix it goes back
    to «محصولات من» as it was (sent back, or rejected, with the trainer's note), keeping what
    she changed so far, to carry on with «✏️ اصلاح و فرستادن دوباره»; True when it did. A new
    draft stays her draft."""
    if listing.status != m.DRAFT or not was_submitted(listing):
        return False
    shelve(listing)
    await session.flush()
    return True


async def _other_draft_in_the_way(session: AsyncSession, seller_id: int,
                                  listing: Listing) -> bool:
    """True when another draft with answers in it is open; an empty one (e.g. left by
    «از اول») makes way."""
    existing = await current_draft(session, seller_id)
    if existing is None or existing.id == listing.id or existing.replaces_id == listing.id:
        return False
    if is_empty(existing):
        await session.delete(existing)
        await session.flush()
        return False
    return True


async def open_for_edit(session: AsyncSession, listing_id: int, seller_id: int) -> Listing:
    """A listing sent back for changes becomes her draft again, unless another draft is open."""
    listing = await get_for_seller(session, listing_id, seller_id)
    if await _other_draft_in_the_way(session, seller_id, listing):
        raise InputError("my-finish-draft-first")
    await reopen_for_edit(session, listing)
    return listing


async def open_revision(session: AsyncSession, listing_id: int, seller_id: int) -> Listing:
    """A copy of a public listing to revise, unless a draft of something else is open."""
    listing = await get_for_seller(session, listing_id, seller_id)
    if await _other_draft_in_the_way(session, seller_id, listing):
        raise InputError("my-finish-draft-first")
    return await _start_revision_of(session, listing)


async def delete_own_draft(session: AsyncSession, listing_id: int, seller_id: int) -> None:
    await delete_draft(session, await get_for_seller(session, listing_id, seller_id))


__all__ = ["FIRST", "STEPS", "ListingNotFound", "Screen", "delete_own_draft", "discard", "move", "next_step",
           "open_for_edit", "open_revision", "previous_step", "screen", "set_aside", "step_of"]
