"""Seller registration: validating each answer and keeping the draft between steps."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot import geo, persian
from bot.services import drafts, events, groups
from bot.services.errors import InputError
from models import listing as lm
from models.base import utcnow
from models.listing import Listing
from models.user import Seller

KIND = "registration"
STEPS = ("name", "phone", "province", "city", "district", "crafts", "group", "confirm")
NAME_MIN, NAME_MAX = 2, 60
GROUP_MAX = 80
DISTRICT_MAX = 30
_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)


# A field of her registration she can change (a button per field on the summary and on her
# profile card) -> the step that asks it (a city is chosen through its province).
FIELDS = {"name": "name", "phone": "phone", "city": "province", "district": "district",
          "crafts": "crafts", "group": "group"}
# What the channel posts and the search index show of her: a change reaches her listings.
_PUBLIC = ("name", "province_code", "city_code", "district")


def previous_step(step: str) -> str | None:
    i = STEPS.index(step)
    return STEPS[i - 1] if i > 0 else None


async def load_draft(session: AsyncSession, user_id: int) -> dict[str, Any] | None:
    """The answers so far, or None before the first step."""
    return await drafts.get(session, user_id, KIND) or None


async def save_draft(session: AsyncSession, user_id: int, data: dict[str, Any]) -> None:
    await drafts.put(session, user_id, KIND, data)


async def delete_draft(session: AsyncSession, user_id: int) -> None:
    await drafts.drop(session, user_id, KIND)


async def profile(session: AsyncSession, user_id: int) -> dict[str, Any] | None:
    """A seller's registration as the profile card shows it (the draft's keys, and `since`),
    or None for someone who is not a seller."""
    seller = await session.get(Seller, user_id)
    if seller is None:
        return None
    return {
        "name": seller.name,
        "phone": seller.phone,
        "province": seller.province_code,
        "city": seller.city_code,
        "district": seller.district,
        "crafts": seller.crafts,
        "group": await groups.shown_name(session, seller),  # the group she joined, else typed
        "since": seller.registered_at,
    }


def after(data: dict[str, Any], step: str) -> str:
    """The step after an answer: `step`, or straight back to the summary when she is fixing
    one answer (from the summary or her profile) and nothing else is missing."""
    if data.get("fix") and is_complete(data):
        return "confirm"
    return step


async def begin_fix(session: AsyncSession, user_id: int, field: str, *,
                    from_profile: bool = False) -> dict[str, Any]:
    """She taps a field's button on the summary or on her profile card: the draft (her
    answers so far, or a fresh copy of her profile) at that field's step, back to the summary
    after. The caller stores the conversation state at the returned draft's step."""
    if field not in FIELDS:
        raise InputError("invalid-choice")
    data = None if from_profile else await load_draft(session, user_id)
    if data is None:
        current = await profile(session, user_id)
        if current is None:
            raise InputError("invalid-choice")
        current.pop("since", None)
        data = {**current, "editing": True}
    data.update(fix=True, step=FIELDS[field])
    await save_draft(session, user_id, data)
    return data


def validate_name(text: str) -> str:
    name = persian.clean_input(text)
    if len(name) > NAME_MAX:
        raise InputError("reg-err-name-long", length=len(name), max=NAME_MAX,
                         words=persian.words_over(name, NAME_MAX))
    if len(name) < NAME_MIN:
        raise InputError("reg-err-name-short", min=NAME_MIN)
    if not _LETTER.search(name):
        raise InputError("reg-err-name-chars")
    return name


def validate_phone(text: str) -> str:
    phone = persian.parse_iranian_mobile(text)
    if phone is None:
        raise InputError("reg-err-phone-invalid")
    return phone


def validate_contact(phone_number: str, contact_user_id: int | None, sender_id: int) -> str:
    if contact_user_id != sender_id:
        raise InputError("reg-err-phone-foreign")
    return validate_phone(phone_number)


def resolve_place(text: str, province_code: str | None = None) -> geo.City | geo.Province | None:
    """A typed place name: a city (within the province, if one is chosen) or a province."""
    key = persian.normalize(text)
    if not key:
        return None
    cities = [c for c in geo.find_city(text) if province_code in (None, c.province_code)]
    if len(cities) == 1:
        return cities[0]
    if province_code is None:
        for p in geo.PROVINCES:
            if key in (persian.normalize(p.fa), persian.normalize(p.en)):
                return p
        if cities:  # the same name in several provinces: prefer the one where it is capital
            return next((c for c in cities if (prov := geo.province(c.province_code)) is not None
                         and prov.cities[0] == c), None)
    return None


def validate_district(text: str) -> int:
    try:
        n = persian.parse_int(text)
    except ValueError:
        raise InputError("reg-err-district", max=DISTRICT_MAX) from None
    if not 1 <= n <= DISTRICT_MAX:
        raise InputError("reg-err-district", max=DISTRICT_MAX)
    return n


def validate_group(text: str) -> str:
    name = persian.clean_input(text)
    if len(name) > GROUP_MAX:
        raise InputError("reg-err-group-long", length=len(name), max=GROUP_MAX,
                         words=persian.words_over(name, GROUP_MAX))
    if len(name) < NAME_MIN or not _LETTER.search(name):
        raise InputError("reg-err-name-chars")
    return name


def toggle_craft(crafts: list[str], code: str) -> list[str]:
    if geo.craft(code) is None:
        raise InputError("invalid-choice")
    return [c for c in crafts if c != code] if code in crafts else [*crafts, code]


def is_complete(data: dict[str, Any]) -> bool:
    return all(data.get(k) for k in ("name", "phone", "province", "city", "crafts"))


async def complete(session: AsyncSession, user_id: int, data: dict[str, Any]) -> Seller:
    """Create (or update) the seller from a complete draft and drop the draft."""
    if not is_complete(data):
        raise InputError("invalid-choice")
    city = geo.city(data["city"])
    if city is None or city.province_code != data["province"]:
        raise InputError("invalid-choice")
    seller = await session.get(Seller, user_id)
    fields = dict(
        name=data["name"],
        phone=data["phone"],
        province_code=data["province"],
        city_code=data["city"],
        district=data.get("district"),
        crafts=[c for c in data["crafts"] if geo.craft(c) is not None],
        group_name=data.get("group"),
    )
    changed = False
    if seller is None:
        seller = Seller(user_id=user_id, registered_at=utcnow(), **fields)
        session.add(seller)
    else:
        changed = any(getattr(seller, k) != fields[k] for k in _PUBLIC)
        for k, v in fields.items():
            setattr(seller, k, v)
    await delete_draft(session, user_id)
    await session.flush()
    if changed:  # her name or place is on her posts and in the search index: both follow
        listings = (await session.scalars(select(Listing).where(
            Listing.seller_id == user_id, Listing.status.in_(lm.PUBLIC)))).all()
        for listing in listings:
            await events.emit(session, "listing.public_changed", listing=listing, what="seller")
    # a join link she opened before registering, or the group whose name and city she typed
    await groups.after_registration(session, user_id)
    return seller
