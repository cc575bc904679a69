"""Who may moderate: trainers (scoped to cities and districts), managers, and finding the
people they work with."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot import geo, persian
from bot.services import drafts
from bot.services.errors import InputError
from bot.services.runtime import current as runtime
from models.listing import Listing
from models.moderation import Trainer
from models.user import Seller, User


class NotAllowed(Exception):
    """Not a trainer, or not of this seller's city or district."""


class Refused(InputError):
    """A press or command refused; `key` (and `args`) name the message for the presser."""


# -- who may moderate ------------------------------------------------------------------------

async def trainer_of(session: AsyncSession, user_id: int) -> Trainer | None:
    return await session.get(Trainer, user_id)


def is_manager(user_id: int) -> bool:
    return user_id in runtime.managers


def in_scope(trainer: Trainer | None, seller: Seller) -> bool:
    if trainer is None:
        return False
    if not trainer.scope:
        return True
    for item in trainer.scope:
        city, _, district = item.partition(":")
        if city == seller.city_code and (not district or str(seller.district) == district):
            return True
    return False


async def check_moderator(session: AsyncSession, user_id: int, seller: Seller | None) -> None:
    if seller is not None and seller.user_id == user_id:
        raise NotAllowed(user_id)  # nobody reviews, edits or vouches for her own listing
    if is_manager(user_id):
        return
    trainer = await trainer_of(session, user_id)
    if trainer is None or (seller is not None and not in_scope(trainer, seller)):
        raise NotAllowed(user_id)


async def is_moderator(session: AsyncSession, user_id: int) -> bool:
    return is_manager(user_id) or await trainer_of(session, user_id) is not None


async def guard_listing(session: AsyncSession, listing_id: int, user_id: int) -> Listing:
    """The listing a moderator pressed a button for, if this user may moderate its seller.
    Raises Refused: «not a trainer», «not your area», or «stale button» (no such listing)."""
    listing = await session.get(Listing, listing_id)
    seller = await session.get(Seller, listing.seller_id) if listing else None
    try:
        await check_moderator(session, user_id, seller)
    except NotAllowed:
        raise Refused("mod-not-in-scope" if await is_moderator(session, user_id)
                      else "mod-not-trainer") from None
    if listing is None:
        raise Refused("stale-button")
    return listing


def parse_scope(text: str) -> list[str]:
    """«ابهر، تبریز:۳» → ["zanjan.abhar", "az_east.tabriz:3"]; «همه» / "all" → []."""
    clean = persian.to_ascii_digits(persian.clean_input(text)).strip()
    if persian.normalize(clean) in ("همه", "all", "*"):
        return []
    scope: list[str] = []
    for part in clean.replace("،", ",").split(","):
        part = part.strip()
        if not part:
            continue
        name, _, district = part.partition(":")
        cities = geo.find_city(name.strip())
        if len(cities) != 1:
            raise InputError("tr-err-scope-city", city=name.strip())
        district = district.strip()
        if district and not (district.isdigit() and 1 <= int(district) <= 30):
            raise InputError("tr-err-scope-district", city=name.strip())
        scope.append(cities[0].code + (f":{int(district)}" if district else ""))
    if not scope:
        raise InputError("tr-err-scope-city", city=clean)
    return scope


async def add_trainer(session: AsyncSession, user_id: int, added_by: int, scope: list[str]) -> Trainer:
    if await session.get(User, user_id) is None:
        raise InputError("tr-err-unknown-user")
    trainer = await session.get(Trainer, user_id)
    if trainer is None:
        trainer = Trainer(user_id=user_id, added_by=added_by, scope=scope)
        session.add(trainer)
    else:
        trainer.scope = list(scope)
    await session.flush()
    return trainer


async def remove_trainer(session: AsyncSession, user_id: int) -> bool:
    trainer = await session.get(Trainer, user_id)
    if trainer is None:
        return False
    await session.delete(trainer)
    await drafts.drop(session, user_id, drafts.LISTING_TARGET)  # no more work on sellers' listings
    return True


async def list_trainers(session: AsyncSession) -> list[tuple[Trainer, User]]:
    rows = await session.execute(select(Trainer, User).join(User, User.id == Trainer.user_id))
    return [(t, u) for t, u in rows.all()]


async def sellers_in_scope(session: AsyncSession, user_id: int, sellers: list[Seller]) -> list[Seller]:
    if is_manager(user_id):
        return [s for s in sellers if s.user_id != user_id]
    trainer = await trainer_of(session, user_id)
    return [s for s in sellers if in_scope(trainer, s) and s.user_id != user_id]


async def find_user(session: AsyncSession, text: str) -> User | None:
    """A user by numeric id, @username or phone (of a seller)."""
    raw = persian.to_ascii_digits(text.strip())
    if raw.startswith("@"):
        return await session.scalar(select(User).where(User.username == raw[1:]))
    phone = persian.parse_iranian_mobile(raw)
    if phone:
        seller = await session.scalar(select(Seller).where(Seller.phone == phone))
        return await session.get(User, seller.user_id) if seller else None
    if raw.isdigit():
        return await session.get(User, int(raw))
    return None


async def find_sellers(session: AsyncSession, text: str, limit: int = 8) -> list[Seller]:
    """By phone, or by a part of the name (normalised)."""
    phone = persian.parse_iranian_mobile(text)
    if phone:
        return list((await session.scalars(select(Seller).where(Seller.phone == phone))).all())
    key = persian.squash(text)
    if len(key) < 2:
        return []
    rows = (await session.scalars(select(Seller).order_by(Seller.name))).all()
    return [s for s in rows if key in persian.squash(s.name)][:limit]
