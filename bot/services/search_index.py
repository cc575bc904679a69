"""The search index: the words of a public listing as the index and the queries see them, and
the `listing_search` row kept in step with the listing (`bot.services.search` queries it).

Matching. Both the listing and the query go through the same `terms()`: `persian.normalize`
(ي/ی, ك/ک, diacritics, every digit script → ASCII, ZWNJ → space, Latin case), then «آ» → «ا»,
Latin accents dropped and doubled letters collapsed, then split into words. The index holds
every word of a field *and* every two neighbouring words joined (marked with a tatweel, which
normalize() removes from any real text, so they do not crowd the prefixes of ordinary
words), so «جوراب بافی»,
«جوراب‌بافی», «جوراببافی» and «جورابافی» all meet. A query word of three letters or more
matches the start of an indexed word («ملیله» finds «ملیله‌کاری»), a shorter one only a whole
word («گل» does not find «گلیم»).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from itertools import pairwise
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot import geo, persian
from models import listing as m
from models.base import utcnow
from models.listing import Listing
from models.search import ListingSearch
from models.user import Seller

STATUS_RANK = {m.PUBLISHED: 0, m.SOLD_OUT: 1}

_WORD = re.compile(r"[^\W_]+")
_DOUBLE = re.compile(r"([^\W\d_])\1+")


# -- text -------------------------------------------------------------------------------------

def fold(word: str) -> str:
    word = word.replace("آ", "ا")
    if not word.isascii():
        chars: list[str] = []
        for ch in unicodedata.normalize("NFD", word):
            if unicodedata.combining(ch) and chars and chars[-1] < "\u0250":
                continue  # an accent on a Latin letter
            chars.append(ch)
        word = unicodedata.normalize("NFC", "".join(chars))
    return _DOUBLE.sub(r"\1", word)


def terms(text: str | None) -> list[str]:
    """The words of *text* as the index and the queries see them."""
    return [fold(w) for w in _WORD.findall(persian.normalize(text))]


JOINED = "\u0640"  # tatweel: removed from any text by normalize(), so it marks joined words


def field_words(text: str | None) -> list[str]:
    """The words of one field, then each pair of neighbours joined (for compound words),
    marked so that they do not crowd the prefixes of ordinary words."""
    words = terms(text)
    return words + [JOINED + fold(a + b) for a, b in pairwise(words)]


def _doc(fields: Iterable[str | None]) -> str:
    seen: dict[str, None] = {}
    for f in fields:
        for w in field_words(f):
            seen.setdefault(w, None)
    # Leading and trailing spaces: "% word%" then matches at a word start on PostgreSQL.
    return " " + " ".join(seen) + " " if seen else ""


def documents(listing: Any, seller: Any) -> tuple[str, str]:
    """(title, body) of the index for a listing and its seller; body includes the title."""
    craft = geo.craft(listing.category)
    city = geo.city(seller.city_code if seller else None)
    province = geo.province(seller.province_code if seller else None)
    fields: list[str | None] = [listing.title, listing.description]
    if craft:
        fields += [craft.fa, craft.en]
    if seller:
        fields.append(seller.name)
    if city:
        fields += [city.fa, city.en, *city.aliases]
    if province:
        fields += [province.fa, province.en]
    return _doc([listing.title]), _doc(fields)


def row_values(listing: Any, seller: Any) -> dict[str, Any]:
    """The `listing_search` row of a public listing (also used by the migration's backfill)."""
    title, body = documents(listing, seller)
    return {
        "listing_id": listing.id,
        "seller_id": listing.seller_id,
        "category": listing.category,
        "city_code": seller.city_code if seller else None,
        "posts": any(d.get("method") == m.POST for d in listing.delivery or []),
        "price": listing.price,
        "status_rank": STATUS_RANK.get(listing.status, 1),
        "sort_at": listing.published_at or listing.created_at or utcnow(),
        "title": title,
        "body": body,
    }



# -- keeping the index in sync ------------------------------------------------------------------

async def reindex(session: AsyncSession, listing: Listing) -> None:
    """Put a public listing in the index (or refresh it), or take any other one out."""
    row = await session.get(ListingSearch, listing.id)
    if listing.status not in m.PUBLIC:
        if row is not None:
            await session.delete(row)
            await session.flush()
        return
    seller = await session.get(Seller, listing.seller_id)
    values = row_values(listing, seller)
    if row is None:
        session.add(ListingSearch(**values))
    else:
        for key, value in values.items():
            if getattr(row, key) != value:
                setattr(row, key, value)
    await session.flush()


async def reindex_seller(session: AsyncSession, seller_id: int) -> int:
    """After a seller's name or city changes: her public listings again."""
    listings = (await session.scalars(
        select(Listing).where(Listing.seller_id == seller_id, Listing.status.in_(m.PUBLIC))
    )).all()
    for listing in listings:
        await reindex(session, listing)
    return len(listings)


async def rebuild(session: AsyncSession, batch: int = 1000) -> int:
    """Every public listing again, and nothing else (for repairs)."""
    await session.execute(delete(ListingSearch).where(
        ListingSearch.listing_id.not_in(select(Listing.id).where(Listing.status.in_(m.PUBLIC)))))
    count, last = 0, 0
    while True:
        listings = (await session.scalars(
            select(Listing).where(Listing.status.in_(m.PUBLIC), Listing.id > last)
            .order_by(Listing.id).limit(batch))).all()
        if not listings:
            return count
        for listing in listings:
            await reindex(session, listing)
        count += len(listings)
        last = listings[-1].id


async def on_public_changed(session: AsyncSession, listing: Listing, **_: Any) -> None:
    await reindex(session, listing)


async def on_published(session: AsyncSession, listing: Listing, **_: Any) -> None:
    await reindex(session, listing)
