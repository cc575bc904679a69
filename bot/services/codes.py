"""Short numbers for listings and shops: what a buyer types or hears on the phone.

One numbering for both: a number is a listing's or a shop's, never both, so a buyer types
only digits («۴۸۲۱», «کد ۴۸۲۱», «#4821») and the bot knows which one she means; no prefix
letter to explain over the phone. (The shops' older link codes, `secrets.token_urlsafe`, stay
for their links; they are not something a person can say.)

- Digits only, 4 of them while there is room, then 5, 6… The width grows when half of the
  numbers of the current width are taken, so a mistyped digit rarely lands on another
  listing.
- Random within the width, not a sequence: neighbours do not reveal how many listings there
  are, and a typo of one digit is unlikely to open another listing.
- Never reused: a listing keeps its number when it is paused, sold out or withdrawn (the
  number then says so kindly), and a taken number is never handed out again.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from bot import persian
from bot.callbacks import ListingLink, ShopCode, ShopLink
from bot.services import shops
from bot.services.runtime import current as runtime
from models import listing as lm
from models.listing import Listing
from models.search import ShopLink as ShopRow
from models.user import Seller

MIN_DIGITS, MAX_DIGITS = 4, 9
TRIES = 12

# What may stand around the digits: «کد», «کد محصول», «code», «#», «:» before them, a dash
# between digit groups (48-21), a full stop after; Persian, Arabic-Indic or ASCII digits.
_CODE = re.compile(
    r"\s*(?:(?:کد|كد|شماره|code|no\.?)\s*(?:محصول|فروشگاه)?\s*)?[#:：]?\s*#?\s*"
    r"(\d(?:-?\d)*)\s*[.!؟?]?\s*", re.IGNORECASE | re.ASCII)


def parse(text: str | None) -> int | None:
    """The number in what a buyer typed, if the message is a code and nothing else."""
    if not text or len(text) > 40:
        return None
    m = _CODE.fullmatch(persian.to_ascii_digits(text.replace("\u200c", " ")))
    if m is None:
        return None
    digits = m.group(1).replace("-", "")
    if not MIN_DIGITS <= len(digits) <= MAX_DIGITS or digits.startswith("0"):
        return None
    return int(digits)


_MARKED = re.compile(r"🔢[^\d\n]*(\d{" + f"{MIN_DIGITS},{MAX_DIGITS}" + "})")


def in_message(text: str | None) -> int | None:
    """The number on a forwarded channel post or share message (its «🔢 …: ۴۸۲۱» line)."""
    m = _MARKED.search(persian.to_ascii_digits(text or ""))
    return int(m.group(1)) if m and not m.group(1).startswith("0") else None


def shown(code: int | None, *, latin: bool = False) -> str:
    """The number as written in a message: Persian digits unless `latin`."""
    if code is None:
        return ""
    return str(code) if latin else persian.to_persian_digits(code)


async def _taken(session: AsyncSession, lo: int, hi: int) -> int:
    listings = await session.scalar(select(func.count()).select_from(Listing)
                                     .where(Listing.short_code.between(lo, hi)))
    shop_rows = await session.scalar(select(func.count()).select_from(ShopRow)
                                 .where(ShopRow.short_code.between(lo, hi)))
    return int(listings or 0) + int(shop_rows or 0)


async def _is_free(session: AsyncSession, code: int) -> bool:
    if await session.scalar(select(Listing.id).where(Listing.short_code == code)) is not None:
        return False
    return await session.scalar(select(ShopRow.seller_id).where(ShopRow.short_code == code)) is None


async def new_code(session: AsyncSession) -> int:
    """A free number of the smallest width that is less than half taken."""
    for digits in range(MIN_DIGITS, MAX_DIGITS + 1):
        lo, hi = 10 ** (digits - 1), 10 ** digits - 1
        if await _taken(session, lo, hi) * 2 >= hi - lo + 1:
            continue
        for _ in range(TRIES):
            code = lo + secrets.randbelow(hi - lo + 1)
            if await _is_free(session, code):
                return code
    raise RuntimeError("no free listing code")  # pragma: no cover - 10^9 listings


async def _claim(session: AsyncSession, row: Listing | ShopRow) -> int:
    """Give `row` a free number. Two transactions may draw the same one at once: the unique
    constraint refuses the second, whose savepoint is rolled back and which draws again."""
    await session.flush()  # only the number itself inside the savepoint
    for _ in range(TRIES):
        code = await new_code(session)
        try:
            async with session.begin_nested():
                row.short_code = code
                await session.flush()
            return code
        except IntegrityError:
            await session.refresh(row)
    raise RuntimeError("no free code after several tries")  # pragma: no cover


async def give_listing_code(session: AsyncSession, listing: Listing) -> int:
    """The listing's number, given the first time it is published (kept after that)."""
    if listing.short_code is None:
        return await _claim(session, listing)
    return listing.short_code


async def shop_number(session: AsyncSession, link: ShopRow) -> int:
    """Her shop's number (given on first use, like its link code)."""
    if link.short_code is None:
        return await _claim(session, link)
    return link.short_code


@dataclass(frozen=True)
class Found:
    """What a typed number opens: a listing (its public code and whether buyers may see it),
    a shop (its link code), or nothing."""

    kind: str  # "listing", "paused", "gone", "shop", "unknown"
    public_code: str | None = None
    title: str | None = None
    shop_code: str | None = None


async def lookup(session: AsyncSession, code: int) -> Found:
    listing = await session.scalar(select(Listing).where(Listing.short_code == code))
    if listing is not None:
        title = listing.title
        if listing.status in lm.PUBLIC and listing.public_code:
            return Found("listing", listing.public_code, title)
        if listing.status == lm.PAUSED:
            return Found("paused", None, title)
        return Found("gone", None, title)
    link = await session.scalar(select(ShopRow).where(ShopRow.short_code == code))
    if link is not None and await session.get(Seller, link.seller_id) is not None:
        return Found("shop", shop_code=link.code)
    return Found("unknown")


async def shop_number_of(session: AsyncSession, seller_id: int) -> int:
    """Her shop's number by her id (makes her shop link first, as sharing it does)."""
    await shops.shop_code(session, seller_id)
    link = await session.get(ShopRow, seller_id)
    assert link is not None
    return await shop_number(session, link)


# -- sharing: a ready message the seller forwards or copies elsewhere ------------------------------

@dataclass(frozen=True)
class Share:
    """What the seller's ready message says: a photo, and the facts of its caption."""

    photo: str | None
    code: int
    link: str
    title: str = ""
    price: int | None = None
    name: str = ""


async def listing_share(session: AsyncSession, listing_id: int, seller_id: int) -> Share | None:
    """Her published listing's share card, or None (not hers, or not on sale now)."""
    listing = await session.get(Listing, listing_id)
    if listing is None or listing.seller_id != seller_id or listing.status != lm.PUBLISHED \
            or not listing.public_code:
        return None
    code = await give_listing_code(session, listing)
    photo = listing.photos[0].file_id if listing.photos else None
    return Share(photo, code, runtime.deep_link(ListingLink(listing.public_code).pack()),
                 title=listing.title or "", price=listing.price)


async def shop_share(session: AsyncSession, seller_id: int) -> Share | None:
    """Her shop's share card, or None while no listing of hers is published."""
    seller = await session.get(Seller, seller_id)
    newest = await session.scalar(
        select(Listing).where(Listing.seller_id == seller_id, Listing.status == lm.PUBLISHED)
        .order_by(Listing.id.desc()).limit(1))
    if seller is None or newest is None:
        return None
    link_code = await shops.shop_code(session, seller_id)
    number = await shop_number_of(session, seller_id)
    photo = newest.photos[0].file_id if newest.photos else None
    return Share(photo, number, runtime.deep_link(ShopLink(ShopCode(link_code)).pack()),
                 name=seller.name)
