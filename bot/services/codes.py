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
from sqlalchemy.ext.asyncio import AsyncSession

from bot import persian
from bot.services import shops
from models import listing as lm
from models.listing import Listing
from models.search import ShopLink
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


def shown(code: int | None, *, latin: bool = False) -> str:
    """The number as written in a message: Persian digits unless `latin`."""
    if code is None:
        return ""
    return str(code) if latin else persian.to_persian_digits(code)


async def _taken(session: AsyncSession, lo: int, hi: int) -> int:
    listings = await session.scalar(select(func.count()).select_from(Listing)
                                     .where(Listing.short_code.between(lo, hi)))
    shops = await session.scalar(select(func.count()).select_from(ShopLink)
                                 .where(ShopLink.short_code.between(lo, hi)))
    return int(listings or 0) + int(shops or 0)


async def _is_free(session: AsyncSession, code: int) -> bool:
    if await session.scalar(select(Listing.id).where(Listing.short_code == code)) is not None:
        return False
    return await session.scalar(select(ShopLink.seller_id).where(ShopLink.short_code == code)) is None


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


async def give_listing_code(session: AsyncSession, listing: Listing) -> int:
    """The listing's number, given the first time it is published (kept after that)."""
    if listing.short_code is None:
        listing.short_code = await new_code(session)
        await session.flush()
    return listing.short_code


async def shop_number(session: AsyncSession, link: ShopLink) -> int:
    """Her shop's number (given on first use, like its link code)."""
    if link.short_code is None:
        link.short_code = await new_code(session)
        await session.flush()
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
    link = await session.scalar(select(ShopLink).where(ShopLink.short_code == code))
    if link is not None and await session.get(Seller, link.seller_id) is not None:
        return Found("shop", shop_code=link.code)
    return Found("unknown")


async def shop_number_of(session: AsyncSession, seller_id: int) -> int:
    """Her shop's number by her id (makes her shop link first, as sharing it does)."""
    await shops.shop_code(session, seller_id)
    link = await session.get(ShopLink, seller_id)
    assert link is not None
    return await shop_number(session, link)
