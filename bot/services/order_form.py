"""What a buyer sees and answers before an order exists: the listing opened from the channel,
its rating, and the checks of each step of the order form (quantity, delivery, address,
note). The answers are kept in the `order` draft (bot.services.drafts)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot import persian
from bot.services.errors import InputError
from models import listing as lm
from models.listing import Listing
from models.order import Order, Review
from models.user import Seller

DRAFT = "order"  # the drafts kind holding the form's answers and its step
QTY_MAX_MADE_TO_ORDER = 20
ADDRESS_MIN, ADDRESS_MAX = 10, 300
NOTE_MAX = 300
STEPS = ("quantity", "delivery", "name", "address", "phone", "note", "confirm")


# -- the listing a buyer opens ---------------------------------------------------------------

@dataclass
class ListingPage:
    listing: Listing
    seller: Seller
    rating: float
    reviews: int


async def public_listing(session: AsyncSession, code: str) -> Listing | None:
    if not re.fullmatch(r"[A-Za-z0-9]{4,16}", code or ""):
        return None
    return await session.scalar(select(Listing).where(Listing.public_code == code))


async def listing_page(session: AsyncSession, code: str) -> ListingPage | None:
    """A listing a buyer may look at (published, paused or sold out), or None."""
    listing = await public_listing(session, code)
    if listing is None or listing.status not in lm.PUBLIC:
        return None
    seller = await session.get(Seller, listing.seller_id)
    if seller is None:
        return None
    avg, count = await rating(session, listing.id)
    return ListingPage(listing, seller, avg, count)


async def rating(session: AsyncSession, listing_id: int) -> tuple[float, int]:
    """The listing's average stars and how many reviews gave them."""
    q = select(func.avg(Review.rating), func.count()).where(Review.listing_id == listing_id)
    avg, count = (await session.execute(q)).one()
    return (float(avg or 0), int(count or 0))


def orderable(listing: Listing) -> bool:
    return listing.status == lm.PUBLISHED and (
        listing.availability != lm.IN_STOCK or (listing.stock or 0) > 0)


def sold_out(listing: Listing) -> bool:
    return listing.status == lm.SOLD_OUT or not orderable(listing)


def max_quantity(listing: Listing) -> int:
    return (listing.stock or 0) if listing.availability == lm.IN_STOCK else QTY_MAX_MADE_TO_ORDER


async def orderable_listing(session: AsyncSession, listing_id: int) -> Listing | None:
    """The listing, or None when it cannot be ordered now."""
    listing = await session.get(Listing, listing_id)
    return listing if listing is not None and orderable(listing) else None


async def start(session: AsyncSession, buyer_id: int, listing_id: int) -> Listing:
    """The form's first step: the listing must be orderable, and not the buyer's own."""
    listing = await session.get(Listing, listing_id)
    if listing is not None and listing.seller_id == buyer_id:
        raise InputError("ord-err-own")
    if listing is None or not orderable(listing):
        raise InputError("ord-err-unavailable")
    return listing


async def draft_listing(session: AsyncSession, data: dict[str, Any]) -> Listing | None:
    """The listing a saved form is about, while it can still be ordered."""
    return await orderable_listing(session, int(data.get("listing_id", 0))) if data else None


# -- the steps, in order -----------------------------------------------------------------------

def next_step(step: str, data: dict[str, Any]) -> str:
    nxt = STEPS[STEPS.index(step) + 1]
    if nxt == "address" and not needs_address(data.get("delivery", "")):
        nxt = "phone"
    return nxt


def previous_step(step: str, data: dict[str, Any]) -> str | None:
    i = STEPS.index(step)
    if i == 0:
        return None
    prev = STEPS[i - 1]
    if prev == "address" and not needs_address(data.get("delivery", "")):
        prev = "name"
    return prev


# -- answers of the order steps ----------------------------------------------------------------

def parse_quantity(listing: Listing, text: str) -> int:
    maximum = max_quantity(listing)
    try:
        n = persian.parse_int(text)
    except ValueError:
        raise InputError("ord-err-quantity", max=maximum) from None
    if not 1 <= n <= maximum:
        raise InputError("ord-err-quantity", max=maximum)
    return n


def delivery_option(listing: Listing, method: str) -> dict[str, Any]:
    for d in listing.delivery or []:
        if d["method"] == method:
            return d
    raise InputError("invalid-choice")


def needs_address(method: str) -> bool:
    return method in (lm.COURIER, lm.POST)


def choose_delivery(listing: Listing | None, data: dict[str, Any], method: str) -> None:
    """The delivery answer into the form (an address given for another method is dropped
    when the new one needs none)."""
    if listing is None:
        raise InputError("ord-err-unavailable")
    delivery_option(listing, method)
    if data.get("delivery") != method and not needs_address(method):
        data.pop("address", None)
    data["delivery"] = method


# -- a buyer who has ordered before ----------------------------------------------------------

async def last_receiver(session: AsyncSession, buyer_id: int) -> dict[str, str] | None:
    """The receiver of her last order, and the last address she gave (None: a first order)."""
    last = await session.scalar(select(Order).where(Order.buyer_id == buyer_id)
                                .order_by(Order.id.desc()).limit(1))
    if last is None:
        return None
    found = {"name": last.receiver_name, "phone": last.phone}
    address = last.address or await session.scalar(
        select(Order.address).where(Order.buyer_id == buyer_id, Order.address.is_not(None))
        .order_by(Order.id.desc()).limit(1))
    if address:
        found["address"] = address
    return found


def use_last(data: dict[str, Any]) -> str:
    """«همان نشانی قبلی»: her last receiver into the form; the next step to ask (the address
    still, when this delivery needs one and she never gave one)."""
    last = data.get("last")
    if not last:
        raise InputError("reg-err-text-expected")
    data["name"], data["phone"] = last["name"], last["phone"]
    if needs_address(data.get("delivery", "")):
        if not last.get("address"):
            return "address"
        data["address"] = last["address"]
    return "note"


def validate_address(text: str) -> str:
    address = persian.clean_input(text)
    if len(address) > ADDRESS_MAX:
        raise InputError("ord-err-address-long", words=persian.words_over(address, ADDRESS_MAX))
    if len(address) < ADDRESS_MIN:
        raise InputError("ord-err-address-short")
    return address


def validate_note(text: str) -> str:
    note = persian.clean_input(text)
    if len(note) > NOTE_MAX:
        raise InputError("ord-err-note-long", words=persian.words_over(note, NOTE_MAX))
    return note
