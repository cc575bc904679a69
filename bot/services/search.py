"""The catalogue as buyers see it: search, browsing by category and city, a seller's public
listings, the cards to show. No telegram here and no commit. The index these queries read is
kept by `bot.services.search_index`; the buyer's city and shop codes are in
`bot.services.shops`.

Ranking: listings that can be ordered before sold-out ones, then matches in the title, then
more of the query's words matched, then the newest. The candidates ranked are the newest
`CANDIDATES` matches of any word, of any word in the title, and of all the words together, so a
very common word costs the same as a rare one (nobody pages through thousands of results; the
heading then says "more than N").

SQLite: FTS5 (``listing_fts``, an external-content index of ``listing_search`` kept in sync by
triggers, prefix indexes for 3 to 6 letters). PostgreSQL: generated tsvector columns of the
same text (configuration 'simple': the words as they are), a GIN index on ``body_tsv``, prefix
matches with ``:*``.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, or_, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.search_index import (  # noqa: F401  (the index's words, for callers of search)
    JOINED,
    STATUS_RANK,
    documents,
    field_words,
    fold,
    rebuild,
    reindex,
    reindex_seller,
    row_values,
    terms,
)
from models import listing as m
from models.listing import Listing
from models.search import Favourite, ListingSearch
from models.user import Seller

MAX_QUERY_CHARS = 100
MAX_TERMS = 6
PREFIX_MIN = 3  # shorter query words match whole words only
CANDIDATES = 200  # per arm of the candidate query: see the module docstring
SORTS = ("n", "a", "d")  # newest, price ascending, price descending
# Words that say nothing about a product; dropped from a query unless nothing else is left.
STOPWORDS = frozenset(
    "و در از با به برای که را این ان یک ها های هم تا یا با هر من ما شما the a an and or of for "
    "with in to".split()
)

Card = tuple[Listing, Seller]  # a public listing and its seller, as one card shows them


@dataclass(frozen=True, slots=True)
class Item:
    """A public listing as a line of a page (a search, a category, a shop, her favourites)
    shows it: read as plain columns, not as ORM objects (`list_items`)."""

    id: int
    seller_id: int
    title: str
    price: int | None
    status: str
    public_code: str | None
    city_code: str | None  # the seller's
    saved: bool  # among the reader's favourites


def order_code(listing: Listing | Item) -> str | None:
    """The public code its «سفارش» link opens, if it can be ordered now."""
    if listing.status != m.PUBLISHED or not listing.public_code:
        return None
    return listing.public_code


# -- queries ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Query:
    words: tuple[str, ...]

    def alternatives(self, i: int) -> list[tuple[str, bool]]:
        """What counts as a match of word i, as (indexed word, match its start only):
        the word itself; the word as two joined words of the listing («جوراببافی» for
        «جوراب بافی»); the word joined with a neighbour, as the listing may have written it
        («جوراب بافی» for «جوراببافی»)."""
        w = self.words[i]
        alts = [(w, len(w) >= PREFIX_MIN), (JOINED + w, False)]
        if i > 0:
            alts.append((fold(self.words[i - 1] + w), True))
        if i + 1 < len(self.words):
            alts.append((fold(w + self.words[i + 1]), True))
        return list(dict.fromkeys(alts))

    def every(self) -> list[tuple[str, bool]]:
        return list(dict.fromkeys(a for i in range(len(self.words)) for a in self.alternatives(i)))

    def __bool__(self) -> bool:
        return bool(self.words)


# Plural and possessive endings typed without the half-space («گلیمهای», «جورابها»,
# «عروسکهایی»): written with one, normalize() splits them off as a word of their own (a stopword),
# so the stem alone is what a query with the half-space looks for. Longest first.
PLURAL_ENDINGS = ("هایمان", "هایتان", "هایشان", "هایی", "هایم", "هایت", "هایش", "های", "ها")


def strip_plural(word: str) -> str:
    """«گلیمهای» → «گلیم»: the stem, when at least `PREFIX_MIN` letters are left (so that
    «تنها» or «بها» stay whole); the stem then matches the start of the listing's words."""
    for ending in PLURAL_ENDINGS:
        stem = word[: -len(ending)]
        if word.endswith(ending) and len(stem) >= PREFIX_MIN and stem.isalpha():
            return stem
    return word


def parse_query(text: str | None) -> Query:
    words = list(dict.fromkeys(strip_plural(w) for w in terms((text or "")[:MAX_QUERY_CHARS])))
    useful = [w for w in words if w not in STOPWORDS]
    return Query(tuple((useful or words)[:MAX_TERMS]))


def query_key(text: str | None) -> str:
    """A short fingerprint of a search, for its next/previous buttons."""
    return format(zlib.crc32(" ".join(parse_query(text).words).encode()), "08x")


@dataclass(frozen=True)
class Page:
    ids: list[int]
    total: int
    offset: int
    limit: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.limit))

    @property
    def number(self) -> int:
        return self.offset // self.limit

    @property
    def has_next(self) -> bool:
        return self.offset + self.limit < self.total

    @property
    def has_prev(self) -> bool:
        return self.offset > 0

    @property
    def at_least(self) -> bool:
        """The total is the number of candidates ranked (a common word has more matches)."""
        return self.total >= CANDIDATES


def _fts_any(alts: Sequence[tuple[str, bool]]) -> str:
    return "(" + " OR ".join(f'"{w}"*' if prefix else f'"{w}"' for w, prefix in alts) + ")"


def _pattern(word: str, prefix: bool) -> str:
    """Where the word sits in a " a b c " document (LIKE on PostgreSQL, instr on SQLite)."""
    return f" {word}" if prefix else f" {word} "


async def search(session: AsyncSession, text_: str | Query, *, offset: int = 0,
                 limit: int = 5) -> Page:
    """Public listings matching the words of *text_*, best first."""
    q = text_ if isinstance(text_, Query) else parse_query(text_)
    if not q:
        return Page([], 0, offset, limit)
    sqlite = session.get_bind().dialect.name == "sqlite"
    sql, params = _sqlite_sql(q) if sqlite else _pg_sql(q)
    params.update(cap=CANDIDATES, limit=limit, offset=offset)
    if not sqlite:
        # asyncpg prepares statements; a generic plan cannot see how common the words are
        # and may read the whole index for a common one. Plan for these words every time.
        await session.execute(text("SET LOCAL plan_cache_mode = force_custom_plan"))
    rows = (await session.execute(text(sql), params)).all()
    total = rows[0][1] if rows else 0
    if not rows and offset:
        total = (await search(session, q, offset=0, limit=1)).total
    return Page([r[0] for r in rows], int(total), offset, limit)


def _ranking(q: Query, params: dict[str, Any], contains: str) -> str:
    """ORDER BY of the SQLite candidates: can be ordered, title, words matched, newest."""
    in_title, matched = [], []
    for i in range(len(q.words)):
        checks = []
        for j, (w, prefix) in enumerate(q.alternatives(i)):
            params[f"p{i}_{j}"] = _pattern(w, prefix)
            checks.append(contains.format(col="s.body", p=f":p{i}_{j}"))
            in_title.append(contains.format(col="s.title", p=f":p{i}_{j}"))
        matched.append("(CASE WHEN " + " OR ".join(checks) + " THEN 1 ELSE 0 END)")
    return ("s.status_rank, (CASE WHEN " + " OR ".join(in_title) + " THEN 1 ELSE 0 END) DESC, ("
            + " + ".join(matched) + ") DESC, s.sort_at DESC, s.listing_id DESC")


def _sqlite_sql(q: Query) -> tuple[str, dict[str, Any]]:
    # Candidates: the newest CANDIDATES matches of any word, of any word in the title, and of
    # all the words; FTS5 reads them from the end of its index. Then they are ranked.
    params: dict[str, Any] = {}
    every = _fts_any(q.every())
    params["m_any"] = every
    params["m_title"] = f"title : {every}"
    arms = ["m_any", "m_title"]
    if len(q.words) > 1:
        params["m_all"] = " AND ".join(_fts_any(q.alternatives(i)) for i in range(len(q.words)))
        arms.append("m_all")
    union = " UNION ".join(
        f"SELECT * FROM (SELECT rowid AS id FROM listing_fts WHERE listing_fts MATCH :{a} "
        f"ORDER BY rowid DESC LIMIT :cap)" for a in arms)
    order = _ranking(q, params, "instr({col}, {p}) > 0")
    sql = (f"SELECT s.listing_id, count(*) OVER () AS total FROM ({union}) AS c "
           f"JOIN listing_search AS s ON s.listing_id = c.id "
           f"ORDER BY {order} LIMIT :limit OFFSET :offset")
    return sql, params


def _tsquery(alts: Sequence[tuple[str, bool]]) -> str:
    return "(" + " | ".join(f"'{w}':*" if prefix else f"'{w}'" for w, prefix in alts) + ")"


def _pg_sql(q: Query) -> tuple[str, dict[str, Any]]:
    # The same candidates on PostgreSQL, from the GIN index on body_tsv (to_tsvector('simple',
    # body): the words as they are; prefix matches with :*). title_tsv is not indexed: it is
    # only checked on rows that matched body_tsv.
    params: dict[str, Any] = {"q_any": _tsquery(q.every())}
    body_any = "s.body_tsv @@ to_tsquery('simple', :q_any)"
    arms = [body_any, f"{body_any} AND s.title_tsv @@ to_tsquery('simple', :q_any)"]
    if len(q.words) > 1:
        params["q_all"] = " & ".join(_tsquery(q.alternatives(i)) for i in range(len(q.words)))
        arms.append("s.body_tsv @@ to_tsquery('simple', :q_all)")
    union = " UNION ".join(
        f"(SELECT s.listing_id AS id FROM listing_search AS s WHERE {a} "
        f"ORDER BY s.listing_id DESC LIMIT :cap)" for a in arms)
    matched = []
    for i in range(len(q.words)):
        params[f"q{i}"] = _tsquery(q.alternatives(i))
        matched.append(f"(s.body_tsv @@ to_tsquery('simple', :q{i}))::int")
    order = ("s.status_rank, (s.title_tsv @@ to_tsquery('simple', :q_any)) DESC, ("
             + " + ".join(matched) + ") DESC, s.sort_at DESC, s.listing_id DESC")
    sql = (f"SELECT s.listing_id, count(*) OVER () AS total FROM ({union}) AS c "
           f"JOIN listing_search AS s ON s.listing_id = c.id "
           f"ORDER BY {order} LIMIT :limit OFFSET :offset")
    return sql, params


def _browse_filter(category: str | None, city_code: str | None,
                   my_city: str | None) -> list[Any]:
    s = ListingSearch
    where: list[Any] = []
    if category:
        where.append(s.category == category)
    if city_code:
        where.append(s.city_code == city_code)
    if my_city:
        where.append(or_(s.posts.is_(True), s.city_code == my_city))
    return where


async def browse(session: AsyncSession, *, category: str | None = None,
                 city_code: str | None = None, my_city: str | None = None, sort: str = "n",
                 offset: int = 0, limit: int = 5) -> Page:
    """Public listings of a category (None: all), in a city, that reach `my_city`."""
    s = ListingSearch
    where = _browse_filter(category, city_code, my_city)
    order: list[Any] = [s.status_rank]
    if sort == "a":
        order += [s.price.asc(), s.listing_id.desc()]
    elif sort == "d":
        order += [s.price.desc(), s.listing_id.desc()]
    else:
        order += [s.sort_at.desc(), s.listing_id.desc()]
    ids = list((await session.scalars(
        select(s.listing_id).where(*where).order_by(*order).offset(offset).limit(limit))).all())
    total = await session.scalar(select(func.count()).select_from(s).where(*where)) or 0
    return Page(ids, int(total), offset, limit)


async def seller_page(session: AsyncSession, seller_id: int, *, offset: int = 0,
                      limit: int = 4) -> Page:
    s = ListingSearch
    ids = list((await session.scalars(
        select(s.listing_id).where(s.seller_id == seller_id)
        .order_by(s.status_rank, s.sort_at.desc(), s.listing_id.desc())
        .offset(offset).limit(limit))).all())
    total = await session.scalar(
        select(func.count()).select_from(s).where(s.seller_id == seller_id)) or 0
    return Page(ids, int(total), offset, limit)


async def category_counts(session: AsyncSession, *, my_city: str | None = None) -> dict[str, int]:
    """Public listings per category code (categories with none are left out)."""
    s = ListingSearch
    rows = (await session.execute(
        select(s.category, func.count()).where(*_browse_filter(None, None, my_city))
        .group_by(s.category))).all()
    return {c: int(n) for c, n in rows if c}


async def cards(session: AsyncSession, ids: Sequence[int]) -> list[tuple[Listing, Seller]]:
    """The listings and their sellers in the order of `ids`, public ones only (checked again
    on the listing itself, whatever the index says)."""
    if not ids:
        return []
    rows = (await session.execute(
        select(Listing, Seller).join(Seller, Seller.user_id == Listing.seller_id)
        .where(Listing.id.in_(list(ids)), Listing.status.in_(m.PUBLIC)))).all()
    by_id = {listing.id: (listing, seller) for listing, seller in rows}
    return [by_id[i] for i in ids if i in by_id]


async def list_items(session: AsyncSession, ids: Sequence[int], user_id: int) -> list[Item]:
    """The lines of a page: the listings of `ids` that are public (checked on the listing
    itself, whatever the index says), in that order, each with its seller's city and whether
    `user_id` saved it. One statement, rows not objects: a page only reads them."""
    if not ids:
        return []
    rows = (await session.execute(
        select(Listing.id, Listing.seller_id, Listing.title, Listing.price, Listing.status,
               Listing.public_code, Seller.city_code, Favourite.listing_id.is_not(None))
        .join(Seller, Seller.user_id == Listing.seller_id)
        .outerjoin(Favourite, (Favourite.listing_id == Listing.id)
                   & (Favourite.user_id == user_id))
        .where(Listing.id.in_(list(ids)), Listing.status.in_(m.PUBLIC)))).all()
    by_id = {r[0]: Item(r[0], r[1], r[2] or "", r[3], r[4], r[5], r[6], bool(r[7]))
             for r in rows}
    return [by_id[i] for i in ids if i in by_id]


async def public_listing(session: AsyncSession, listing_id: int) -> tuple[Listing, Seller] | None:
    found = await cards(session, [listing_id])
    return found[0] if found else None
