"""Favourites («نشان‌شده‌ها»): a buyer saves public listings and hears, through the outbox and
in her own language, when a saved listing's price drops or it is back in stock.
No telegram here and no commit."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot import outbox, persian
from bot.callbacks import BrOpen
from bot.i18n import default_i18n
from bot.services.search import Page
from models import listing as m
from models.listing import Listing
from models.search import Favourite, ListingSearch
from models.user import User


class NotPublic(LookupError):
    """The listing does not exist or buyers may not see it (draft, pending, withdrawn...)."""


async def toggle(session: AsyncSession, user_id: int, listing_id: int) -> bool:
    """Save the listing, or unsave it if it was saved; True when it is saved now.

    Saving needs a public listing; unsaving is always allowed."""
    fav = await session.get(Favourite, (user_id, listing_id))
    if fav is not None:
        await session.delete(fav)
        await session.flush()
        return False
    listing = await session.get(Listing, listing_id)
    if listing is None or listing.status not in m.PUBLIC:
        raise NotPublic(listing_id)
    session.add(Favourite(user_id=user_id, listing_id=listing_id, notified_price=listing.price))
    await session.flush()
    return True


async def saved_ids(session: AsyncSession, user_id: int, listing_ids: Sequence[int]) -> set[int]:
    if not listing_ids:
        return set()
    rows = await session.scalars(select(Favourite.listing_id).where(
        Favourite.user_id == user_id, Favourite.listing_id.in_(list(listing_ids))))
    return set(rows)


async def page(session: AsyncSession, user_id: int, *, offset: int = 0, limit: int = 5) -> Page:
    """Her saved listings that are public now, newest saved first."""
    where = (Favourite.user_id == user_id,)
    base = (select(Favourite.listing_id)
            .join(ListingSearch, ListingSearch.listing_id == Favourite.listing_id)
            .where(*where))
    ids = list((await session.scalars(
        base.order_by(ListingSearch.status_rank, Favourite.created_at.desc(),
                      Favourite.listing_id.desc()).offset(offset).limit(limit))).all())
    total = await session.scalar(select(func.count()).select_from(base.subquery())) or 0
    return Page(ids, int(total), offset, limit)


# -- telling savers -------------------------------------------------------------------------------

async def _savers(session: AsyncSession, listing: Listing) -> list[tuple[Favourite, User]]:
    rows = (await session.execute(
        select(Favourite, User).join(User, User.id == Favourite.user_id)
        .where(Favourite.listing_id == listing.id, User.is_blocked.is_(False),
               User.id != listing.seller_id))).all()
    return [(f, u) for f, u in rows]


async def _tell(session: AsyncSession, user: User, listing: Listing, key: str,
                **args: Any) -> None:
    i18n = default_i18n()
    lang = i18n.resolve_locale(user.locale, user.telegram_language)
    latin = lang != "fa"
    values = {k: persian.format_money(v, latin=latin) if isinstance(v, int) else v
              for k, v in args.items()}
    text = i18n.t(lang, key, {"title": listing.title or "", **values})
    button = {"text": i18n.t(lang, "fav-btn-view"), "callback_data": BrOpen(listing.id).pack()}
    await outbox.enqueue(session, user.id, "sendMessage",
                         {"text": text, "reply_markup": {"inline_keyboard": [[button]]}})


async def on_price_dropped(session: AsyncSession, listing: Listing, old: int | None = None,
                            **_: Any) -> None:
    if listing.status != m.PUBLISHED or not listing.price:
        return
    for fav, user in await _savers(session, listing):
        # Only below the price she last heard of: down, up and down again is one message.
        before = fav.notified_price or old
        if before is None or listing.price >= before:
            continue
        await _tell(session, user, listing, "fav-price-dropped", old=before, price=listing.price)
        fav.notified_price = listing.price
    await session.flush()


async def on_back_in_stock(session: AsyncSession, listing: Listing, **_: Any) -> None:
    if listing.status != m.PUBLISHED:
        return
    for fav, user in await _savers(session, listing):
        await _tell(session, user, listing, "fav-back-in-stock")
        fav.notified_price = listing.price
    await session.flush()
