"""Listing a product: validating each answer, the draft's flow, submitting, and what a
seller may do with her listings afterwards. No telegram here and no commit."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot import geo, persian
from bot.services import events
from bot.services.errors import InputError
from models import listing as m
from models.base import utcnow
from models.listing import Listing, ListingPhoto

PHOTOS_MAX = 10
TITLE_MIN, TITLE_MAX = 3, 80
DESCRIPTION_MAX = 500  # the caption's 1024 characters hold this with every other field at its longest
DESCRIPTION_WORDS = 80  # DESCRIPTION_MAX as a seller is told it: about this many words
VOICE_MAX_SECONDS = 300
PRICE_MIN, PRICE_MAX = 1_000, 2_000_000_000
STOCK_MAX = 10_000
PREP_DAYS_MAX = 90
DELIVERY_COST_MAX = 10_000_000
_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)

# The steps of the listing flow, in order. "stock" and "prep_days" are alternatives after
# "availability"; "delivery_cost" repeats for each chosen method that can cost something;
# "price_confirm" is the price said back (the draft itself stays at "price" meanwhile).
STEPS = ("category", "photos", "title", "description", "price", "price_confirm", "availability",
         "stock", "prep_days", "delivery", "delivery_cost", "preview")
EDITABLE = ("category", "photos", "title", "description", "price", "availability", "delivery")


# What the handlers name without importing models.
IN_STOCK, MADE_TO_ORDER, DELIVERY_METHODS = m.IN_STOCK, m.MADE_TO_ORDER, m.DELIVERY_METHODS
POST = m.POST
DRAFT, PENDING, NEEDS_CHANGES, PUBLISHED = m.DRAFT, m.PENDING, m.NEEDS_CHANGES, m.PUBLISHED
SOLD_OUT, PAUSED, WITHDRAWN, REJECTED = m.SOLD_OUT, m.PAUSED, m.WITHDRAWN, m.REJECTED
AWAITING_SELLER = m.AWAITING_SELLER


class ListingNotFound(LookupError):
    pass


async def new_draft(session: AsyncSession, seller_id: int, created_by: int) -> Listing:
    listing = Listing(seller_id=seller_id, status=m.DRAFT, created_by=created_by,
                      flow={"step": "category"}, delivery=[])
    session.add(listing)
    await session.flush()
    return listing


async def get_for_seller(session: AsyncSession, listing_id: int, seller_id: int) -> Listing:
    """The listing, only if it is hers: callback data is never trusted."""
    listing = await session.get(Listing, listing_id)
    if listing is None or listing.seller_id != seller_id:
        raise ListingNotFound(listing_id)
    return listing


def was_submitted(listing: Listing) -> bool:
    """Trainers have seen it (it has review rounds, decisions, cards): never deleted, never
    emptied, only ever put back where it was."""
    return listing.submitted_at is not None or (listing.review_round or 0) > 0


def is_empty(listing: Listing) -> bool:
    """A draft nothing was answered in yet."""
    return not (was_submitted(listing) or listing.category or listing.photos or listing.title
                or listing.replaces_id)


def shelve(listing: Listing) -> None:
    """A listing that was submitted and opened again as her draft goes back to where it was
    (sent back, or rejected), keeping every answer; a new draft can start beside it."""
    listing.status = str((listing.flow or {}).get("back_to") or m.NEEDS_CHANGES)
    listing.flow = {}
    listing.status_changed_at = utcnow()


async def delete_draft(session: AsyncSession, listing: Listing) -> None:
    if listing.status != m.DRAFT or was_submitted(listing):
        raise InputError("my-not-allowed")
    await session.delete(listing)


def set_flow(listing: Listing, **changes: Any) -> dict[str, Any]:
    flow = dict(listing.flow or {})
    flow.update(changes)
    listing.flow = flow  # a new dict so the change is seen
    return flow


# -- answers -------------------------------------------------------------------------------

def set_category(listing: Listing, code: str) -> None:
    if geo.craft(code) is None:
        raise InputError("invalid-choice")
    listing.category = code


def add_photos(listing: Listing, photos: list[tuple[str, str]], *, replace: bool) -> int:
    """Add (file_id, file_unique_id) pairs; returns how many did not fit."""
    if replace:
        listing.photos.clear()
    room = PHOTOS_MAX - len(listing.photos)
    accepted, extra = photos[: max(room, 0)], photos[max(room, 0):]
    for file_id, unique_id in accepted:
        if any(p.file_unique_id == unique_id for p in listing.photos):
            continue  # the same photo sent twice
        listing.photos.append(
            ListingPhoto(position=len(listing.photos), file_id=file_id, file_unique_id=unique_id)
        )
    return len(extra)


def set_title(listing: Listing, text: str) -> None:
    title = persian.clean_input(text).replace("\n", " ")
    if len(title) > TITLE_MAX:
        raise InputError("lst-err-title-long", length=len(title), max=TITLE_MAX,
                         words=persian.words_over(title, TITLE_MAX))
    if len(title) < TITLE_MIN or not _LETTER.search(title):
        raise InputError("lst-err-title-short", min=TITLE_MIN)
    listing.title = title


def set_description(listing: Listing, text: str) -> None:
    desc = persian.clean_input(text)
    if len(desc) > DESCRIPTION_MAX:
        raise InputError("lst-err-description-long", length=len(desc), max=DESCRIPTION_MAX,
                         words=persian.words_over(desc, DESCRIPTION_MAX), most=DESCRIPTION_WORDS)
    if not desc:
        raise InputError("lst-err-description-type")
    listing.description = desc  # a voice note she recorded stays beside it


def set_voice(listing: Listing, file_id: str, duration: int) -> None:
    """A new voice note replaces the old one; a written description stays beside it."""
    if duration > VOICE_MAX_SECONDS:
        raise InputError("lst-err-voice-long", max=VOICE_MAX_SECONDS // 60)
    listing.voice_file_id = file_id
    listing.voice_duration = duration


def skip_description(listing: Listing) -> None:
    listing.description = None
    listing.voice_file_id = None
    listing.voice_duration = None


class PriceToConfirm(Exception):  # not an error: a question to ask
    """The price was read with doubt (under 1 000 toman read as thousands, or over 100 million):
    say `amount` back with yes/no before keeping it; nothing was changed."""

    def __init__(self, amount: int) -> None:
        super().__init__(amount)
        self.amount = amount


def check_price(price: int) -> int:
    if not PRICE_MIN <= price <= PRICE_MAX:
        raise InputError("lst-err-price-range", min=PRICE_MIN, max=PRICE_MAX)
    return price


def parse_price(text: str | int) -> int:
    """A typed price as she means it (`persian.read_price`), or an amount she confirmed (int).
    PriceToConfirm when the reading must be said back first."""
    if isinstance(text, int):
        return check_price(text)
    try:
        reading = persian.read_price(text)
    except persian.AmountError as err:
        key = {"rial": "lst-err-price-rial", "fraction": "lst-err-price-fraction"}.get(
            err.reason, "lst-err-price"
        )
        raise InputError(key) from None
    check_price(reading.amount)
    if not reading.certain:
        raise PriceToConfirm(reading.amount)
    return reading.amount


def set_price(listing: Listing, text: str | int) -> int:
    listing.price = parse_price(text)
    return listing.price


def set_availability(listing: Listing, kind: str) -> None:
    if kind not in (m.IN_STOCK, m.MADE_TO_ORDER):
        raise InputError("invalid-choice")
    listing.availability = kind


def parse_quantity(text: str, key: str, maximum: int, *, days: bool = False) -> int:
    """A count in words or digits («دوتا», «۳»); with `days`, also «یک هفته» (7), «یه ماه» (30)."""
    try:
        n = persian.parse_days(text) if days else persian.parse_int(text)
    except ValueError:
        raise InputError(key, max=maximum) from None
    if not 1 <= n <= maximum:
        raise InputError(key, max=maximum)
    return n


def set_stock(listing: Listing, text: str) -> int:
    listing.stock = parse_quantity(text, "lst-err-stock", STOCK_MAX)
    listing.availability = m.IN_STOCK
    listing.prep_days = None
    return listing.stock


def set_prep_days(listing: Listing, text: str) -> int:
    listing.prep_days = parse_quantity(text, "lst-err-prep-days", PREP_DAYS_MAX, days=True)
    listing.availability = m.MADE_TO_ORDER
    listing.stock = None
    return listing.prep_days


def toggle_delivery(listing: Listing, method: str) -> None:
    if method not in m.DELIVERY_METHODS:
        raise InputError("invalid-choice")
    current = list(listing.delivery or [])
    if any(d["method"] == method for d in current):
        current = [d for d in current if d["method"] != method]
    else:
        current.append({"method": method, "cost": 0})
        current.sort(key=lambda d: m.DELIVERY_METHODS.index(d["method"]))
    listing.delivery = current


def costly_methods(listing: Listing) -> list[str]:
    """Chosen methods that may cost the buyer something (pickup never does)."""
    return [d["method"] for d in listing.delivery or [] if d["method"] != m.PICKUP]


def parse_delivery_cost(text: str | int) -> int:
    """A typed cost as she means it, read like a price (`persian.read_price`): «پنجاه تومن» or
    «۵۰» is ۵۰٬۰۰۰ toman, said back first (PriceToConfirm); an int is an amount she confirmed."""
    if isinstance(text, int):
        cost = text
    else:
        try:
            reading = persian.read_price(text)
        except persian.AmountError:
            raise InputError("lst-err-delivery-cost", max=DELIVERY_COST_MAX) from None
        cost = reading.amount
    if not 0 <= cost <= DELIVERY_COST_MAX:
        raise InputError("lst-err-delivery-cost", max=DELIVERY_COST_MAX)
    if not isinstance(text, int) and not reading.certain:
        raise PriceToConfirm(cost)
    return cost


def set_delivery_cost(listing: Listing, method: str, text: str | int | None, *,
                      on_delivery: bool = False) -> int:
    """The cost of a method: typed toman (or an int she confirmed), None for free, or (post
    only) on_delivery: «پس‌کرایه», the buyer pays the postage when the parcel arrives.
    PriceToConfirm, nothing changed, when the typed amount must be said back first."""
    if on_delivery and method != m.POST:
        raise InputError("invalid-choice")
    cost = 0 if text is None else parse_delivery_cost(text)
    listing.delivery = [
        {"method": d["method"], "cost": cost, **({"collect": True} if on_delivery else {})}
        if d["method"] == method else dict(d) for d in listing.delivery
    ]
    return cost


def missing_field(listing: Listing) -> str | None:
    """The first step whose answer is missing, or None when the listing is complete."""
    if not listing.category:
        return "category"
    if not listing.photos:
        return "photos"
    if not listing.title:
        return "title"
    if not listing.price:
        return "price"
    if listing.availability == m.IN_STOCK and not listing.stock:
        return "stock"
    if listing.availability == m.MADE_TO_ORDER and not listing.prep_days:
        return "prep_days"
    if not listing.availability:
        return "availability"
    if not listing.delivery:
        return "delivery"
    return None


async def submit(session: AsyncSession, listing: Listing) -> None:
    if listing.status not in (m.DRAFT, m.NEEDS_CHANGES):
        raise InputError("my-not-allowed")
    field = missing_field(listing)
    if field is not None:
        raise InputError("lst-incomplete", field=field)
    listing.status = m.PENDING
    listing.submitted_at = listing.status_changed_at = utcnow()
    listing.flow = {}
    await session.flush()
    await events.emit(session, "listing.submitted", listing=listing)


# -- after submitting ------------------------------------------------------------------------

# action -> statuses it is allowed from
ACTIONS: dict[str, tuple[str, ...]] = {
    "price": (m.PUBLISHED, m.SOLD_OUT, m.PAUSED, m.PENDING),
    "stock": (m.PUBLISHED, m.SOLD_OUT, m.PAUSED, m.PENDING),
    "pause": (m.PUBLISHED,),
    "resume": (m.PAUSED,),
    "sold_out": (m.PUBLISHED,),
    "withdraw": (m.PUBLISHED, m.SOLD_OUT, m.PAUSED, m.PENDING, m.NEEDS_CHANGES),
    "edit": (m.NEEDS_CHANGES, m.REJECTED),
    "revise": (m.PUBLISHED, m.SOLD_OUT, m.PAUSED),
}


def allowed_actions(listing: Listing) -> list[str]:
    actions = [a for a, statuses in ACTIONS.items() if listing.status in statuses]
    if listing.availability != m.IN_STOCK:
        actions = [a for a in actions if a != "stock"]
    return actions


def _check(listing: Listing, action: str) -> None:
    if action not in allowed_actions(listing):
        raise InputError("my-not-allowed")


async def _changed(session: AsyncSession, listing: Listing, what: str) -> None:
    listing.status_changed_at = utcnow()
    await session.flush()
    if listing.status in m.PUBLIC or what in ("paused", "withdrawn"):
        # The seam for the catalogue channel: its card follows these changes.
        await events.emit(session, "listing.public_changed", listing=listing, what=what)


async def change_price(session: AsyncSession, listing: Listing, text: str | int) -> int:
    _check(listing, "price")
    old = listing.price
    listing.price = parse_price(text)
    await _changed(session, listing, "price")
    if old and listing.price < old:
        await events.emit(session, "listing.price_dropped", listing=listing, old=old)
    return listing.price


async def change_stock(session: AsyncSession, listing: Listing, text: str) -> int:
    _check(listing, "stock")
    was_sold_out = listing.status == m.SOLD_OUT
    listing.stock = parse_quantity(text, "lst-err-stock", STOCK_MAX)
    if was_sold_out:
        listing.status = m.PUBLISHED
    await _changed(session, listing, "stock")
    if was_sold_out:
        await events.emit(session, "listing.back_in_stock", listing=listing)
    return listing.stock


async def pause(session: AsyncSession, listing: Listing) -> None:
    _check(listing, "pause")
    listing.status = m.PAUSED
    await _changed(session, listing, "paused")


async def resume(session: AsyncSession, listing: Listing) -> None:
    _check(listing, "resume")
    listing.status = m.PUBLISHED if listing.stock != 0 else m.SOLD_OUT
    await _changed(session, listing, "resumed")


async def mark_sold_out(session: AsyncSession, listing: Listing) -> None:
    _check(listing, "sold_out")
    listing.status = m.SOLD_OUT
    if listing.availability == m.IN_STOCK:
        listing.stock = 0
    await _changed(session, listing, "sold_out")


async def withdraw(session: AsyncSession, listing: Listing) -> None:
    _check(listing, "withdraw")
    listing.status = m.WITHDRAWN
    await _changed(session, listing, "withdrawn")


REVISED_FIELDS = ("category", "title", "description", "voice_file_id", "voice_duration", "price",
                  "availability", "stock", "prep_days", "delivery")


async def start_revision(session: AsyncSession, listing: Listing) -> Listing:
    """A larger change (title, photos, description...) to a public listing is made on a copy,
    reviewed like a new listing, while the post in the channel stays as it is."""
    from sqlalchemy import select

    _check(listing, "revise")
    existing = await session.scalar(
        select(Listing).where(Listing.replaces_id == listing.id,
                              Listing.status.in_((m.DRAFT, m.PENDING, m.NEEDS_CHANGES, m.REJECTED))))
    if existing is not None:
        back_to = existing.status if existing.status != m.DRAFT else (existing.flow or {}).get("back_to")
        existing.status = m.DRAFT
        existing.flow = {"step": "preview", "editing": True,
                         **({"back_to": back_to} if back_to else {})}
        return existing
    copy = Listing(seller_id=listing.seller_id, status=m.DRAFT, created_by=listing.seller_id,
                   replaces_id=listing.id, flow={"step": "preview", "editing": True},
                   review_round=0, **{f: getattr(listing, f) for f in REVISED_FIELDS})
    for photo in listing.photos:
        copy.photos.append(ListingPhoto(position=photo.position, file_id=photo.file_id,
                                        file_unique_id=photo.file_unique_id))
    session.add(copy)
    await session.flush()
    return copy


def apply_revision(original: Listing, revision: Listing) -> bool:
    """Copy an approved revision onto the listing it revises; True when the photos changed."""
    before = [p.file_unique_id for p in original.photos]
    for f in REVISED_FIELDS:
        setattr(original, f, getattr(revision, f))
    after = [p.file_unique_id for p in revision.photos]
    if before != after:
        original.photos.clear()
        for photo in revision.photos:
            original.photos.append(ListingPhoto(position=photo.position, file_id=photo.file_id,
                                                file_unique_id=photo.file_unique_id))
    if original.availability == m.IN_STOCK and original.status == m.SOLD_OUT and (original.stock or 0) > 0:
        original.status = m.PUBLISHED
    revision.status = m.MERGED
    revision.status_changed_at = original.status_changed_at = utcnow()
    return before != after


async def reopen_for_edit(session: AsyncSession, listing: Listing) -> None:
    """A listing sent back by a trainer becomes her draft again, at the preview."""
    _check(listing, "edit")
    back_to = listing.status
    listing.status = m.DRAFT
    listing.flow = {"step": "preview", "back_to": back_to}  # where «از اول» puts it back
    await session.flush()
