"""The catalogue as buyers see it: the search index, search, browsing by category and city,
the buyer's own city, shop pages and their share codes. No telegram here and no commit.

Matching. Both the listing and the query go through the same `terms()`: `persian.normalize`
(ي/ی, ك/ک, diacritics, every digit script → ASCII, ZWNJ → space, Latin case), then «آ» → «ا»,
Latin accents dropped and doubled letters collapsed, then split into words. The index holds
every word of a field *and* every two neighbouring words joined (marked with a tatweel, which
normalize() removes from any real text, so they do not crowd the prefixes of ordinary
words), so «جوراب بافی»,
«جوراب‌بافی», «جوراببافی» and «جورابافی» all meet. A query word of three letters or more
matches the start of an indexed word («ملیله» finds «ملیله‌کاری»), a shorter one only a whole
word («گل» does not find «گلیم»).

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

import re
import secrets
import unicodedata
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from sqlalchemy import func, or_, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from bot import geo, persian
from bot.services import events
from models import listing as m
from models.base import utcnow
from models.listing import Listing
from models.search import BuyerPrefs, ListingSearch, ShopLink
from models.user import Seller

STATUS_RANK = {m.PUBLISHED: 0, m.SOLD_OUT: 1}
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

_WORD = re.compile(r"[^\W_]+")
_DOUBLE = re.compile(r"([^\W\d_])\1+")


# -- text -------------------------------------------------------------------------------------

def _fold(word: str) -> str:
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
    return [_fold(w) for w in _WORD.findall(persian.normalize(text))]


JOINED = "\u0640"  # tatweel: removed from any text by normalize(), so it marks joined words


def field_words(text: str | None) -> list[str]:
    """The words of one field, then each pair of neighbours joined (for compound words),
    marked so that they do not crowd the prefixes of ordinary words."""
    words = terms(text)
    return words + [JOINED + _fold(a + b) for a, b in pairwise(words)]


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
    await session.execute(ListingSearch.__table__.delete().where(
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


@events.subscribe("listing.public_changed")
async def _on_public_changed(session: AsyncSession, listing: Listing, **_: Any) -> None:
    await reindex(session, listing)


@events.subscribe("listing.published")
async def _on_published(session: AsyncSession, listing: Listing, **_: Any) -> None:
    await reindex(session, listing)


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
            alts.append((_fold(self.words[i - 1] + w), True))
        if i + 1 < len(self.words):
            alts.append((_fold(w + self.words[i + 1]), True))
        return list(dict.fromkeys(alts))

    def every(self) -> list[tuple[str, bool]]:
        return list(dict.fromkeys(a for i in range(len(self.words)) for a in self.alternatives(i)))

    def __bool__(self) -> bool:
        return bool(self.words)


def parse_query(text: str | None) -> Query:
    words = list(dict.fromkeys(terms((text or "")[:MAX_QUERY_CHARS])))
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


async def public_listing(session: AsyncSession, listing_id: int) -> tuple[Listing, Seller] | None:
    found = await cards(session, [listing_id])
    return found[0] if found else None


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
    (await _prefs(session, user_id)).last_query = text_[:MAX_QUERY_CHARS]
    await session.flush()


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
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    # Two buyers opening a new shop at once: the first code stays.
    await session.execute(insert(ShopLink).values(**values)
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

