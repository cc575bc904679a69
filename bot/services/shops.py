"""What the catalogue remembers of a buyer (her own city, her last search) and the shops: a
seller's share code, found again from a link. No telegram here and no commit."""

from __future__ import annotations

import re
import secrets
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.orm.util import identity_key

from bot import geo
from bot.services.search import MAX_QUERY_CHARS
from models.base import utcnow
from models.search import BuyerPrefs, ListingSearch, ShopLink
from models.user import Seller

# -- the buyer's city and last search ----------------------------------------------------------

async def _prefs(session: AsyncSession, user_id: int) -> BuyerPrefs:
    prefs = await session.get(BuyerPrefs, user_id)
    if prefs is None:
        prefs = BuyerPrefs(user_id=user_id)
        session.add(prefs)
    return prefs


async def buyer_city(session: AsyncSession, user_id: int) -> str | None:
    prefs = await session.get(BuyerPrefs, user_id)
    return prefs.city_code if prefs else None


async def set_buyer_city(session: AsyncSession, user_id: int, city_code: str) -> None:
    if geo.city(city_code) is None:
        raise ValueError(city_code)
    (await _prefs(session, user_id)).city_code = city_code
    await session.flush()


async def remember_query(session: AsyncSession, user_id: int, text_: str) -> None:
    """One statement (insert or update), not a read and then a write: every new search
    writes it."""
    value, now = text_[:MAX_QUERY_CHARS], utcnow()
    await session.execute(
        _insert(session)(BuyerPrefs).values(user_id=user_id, last_query=value, updated_at=now)
        .on_conflict_do_update(index_elements=["user_id"],
                               set_={"last_query": value, "updated_at": now}))
    loaded = session.identity_map.get(identity_key(BuyerPrefs, user_id))
    if loaded is not None:  # read earlier in this unit of work: keep it true
        set_committed_value(loaded, "last_query", value)
        set_committed_value(loaded, "updated_at", now)


def _insert(session: AsyncSession) -> Any:
    """INSERT with ON CONFLICT for this database (PostgreSQL or SQLite)."""
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert
        return pg_insert
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert
    return sqlite_insert


async def last_query(session: AsyncSession, user_id: int) -> str | None:
    prefs = await session.get(BuyerPrefs, user_id)
    return prefs.last_query if prefs else None


# -- shops --------------------------------------------------------------------------------------

SHOP_CODE_RE = re.compile(r"^[A-Za-z0-9_-]{4,16}$")


async def shop_code(session: AsyncSession, seller_id: int) -> str:
    """The seller's share code, made on first use (random: not a guessable sequence)."""
    link = await session.get(ShopLink, seller_id)
    if link is not None:
        return link.code
    for _ in range(5):
        code = secrets.token_urlsafe(6)
        if await session.scalar(select(ShopLink.seller_id).where(ShopLink.code == code)) is None:
            break
    values = {"seller_id": seller_id, "code": code, "created_at": utcnow()}
    # Two buyers opening a new shop at once: the first code stays.
    await session.execute(_insert(session)(ShopLink).values(**values)
                          .on_conflict_do_nothing(index_elements=["seller_id"]))
    return str(await session.scalar(select(ShopLink.code).where(ShopLink.seller_id == seller_id)))


async def seller_by_code(session: AsyncSession, code: str) -> Seller | None:
    if not SHOP_CODE_RE.match(code):
        return None
    seller_id = await session.scalar(select(ShopLink.seller_id).where(ShopLink.code == code))
    return await session.get(Seller, seller_id) if seller_id is not None else None


async def public_count(session: AsyncSession, seller_id: int) -> int:
    return int(await session.scalar(
        select(func.count()).select_from(ListingSearch)
        .where(ListingSearch.seller_id == seller_id)) or 0)


async def seller(session: AsyncSession, seller_id: int) -> Seller | None:
    return await session.get(Seller, seller_id)
