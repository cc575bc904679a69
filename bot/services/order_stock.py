"""Stock held for orders. An order for a listing in stock takes its items the moment it is
placed (a conditional UPDATE ... WHERE stock >= quantity, so however many buyers press «ثبت
سفارش» at once, no more orders are placed than there are items) and gives them back when the
seller declines, the buyer cancels, or the seller leaves it unanswered for HOLD_FOR (the
reminder job). Every change of stock reaches the listing's channel post (publishing)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db import rowcount
from bot.services import events
from bot.services.errors import InputError
from models import listing as lm
from models.base import utcnow
from models.listing import Listing
from models.order import Order

# How long an unanswered order holds its items; the buyer is told when she orders.
HOLD_FOR = timedelta(hours=48)


def hold_hours() -> int:
    return int(HOLD_FOR.total_seconds() // 3600)


async def take(session: AsyncSession, listing: Listing, quantity: int, *, error: str) -> bool:
    """Take `quantity` items of a listing in stock (False for made to order: nothing to take).
    Raises InputError(error) when fewer are left, leaving the stock as it was."""
    if listing.availability != lm.IN_STOCK:
        return False
    taken = await session.execute(
        update(Listing).where(Listing.id == listing.id, Listing.stock >= quantity)
        .values(stock=Listing.stock - quantity)
        .execution_options(synchronize_session=False))
    if rowcount(taken) != 1:
        raise InputError(error)
    await _after_change(session, listing)
    return True


async def release(session: AsyncSession, order: Order) -> None:
    """Give an order's items back to its listing, once (a second call finds nothing held)."""
    given = await session.execute(
        update(Order).where(Order.id == order.id, Order.stock_taken.is_(True))
        .values(stock_taken=False).execution_options(synchronize_session=False))
    order.stock_taken = False
    if rowcount(given) != 1:
        return
    listing = await session.get(Listing, order.listing_id)
    if listing is None:
        return
    await session.execute(
        update(Listing).where(Listing.id == listing.id)
        .values(stock=Listing.stock + order.quantity)
        .execution_options(synchronize_session=False))
    await _after_change(session, listing)


async def _after_change(session: AsyncSession, listing: Listing) -> None:
    """Sold out at zero, on sale again above it (each a conditional update, so two orders
    racing cannot leave a listing «sold out» with items left), and the channel post told."""
    now = utcnow()
    sold_out = await session.execute(
        update(Listing).where(Listing.id == listing.id, Listing.status == lm.PUBLISHED,
                              Listing.stock <= 0)
        .values(status=lm.SOLD_OUT, status_changed_at=now)
        .execution_options(synchronize_session=False))
    back = await session.execute(
        update(Listing).where(Listing.id == listing.id, Listing.status == lm.SOLD_OUT,
                              Listing.stock > 0)
        .values(status=lm.PUBLISHED, status_changed_at=now)
        .execution_options(synchronize_session=False))
    await session.refresh(listing)
    if rowcount(sold_out):
        await events.emit(session, "listing.public_changed", listing=listing, what="sold_out")
    elif listing.status in lm.PUBLIC:
        await events.emit(session, "listing.public_changed", listing=listing, what="stock")
    if rowcount(back):
        await events.emit(session, "listing.back_in_stock", listing=listing)
