"""Reminders derived from the database each time (so a restart loses none, and each is given
once): a seller who has not answered in a day, the trainers after two — when the order, still
unanswered, is cancelled and its held items go back on sale (order_stock.HOLD_FOR) — a buyer
asked whether the parcel arrived after a week; and the trainers' list of stuck orders."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot import outbox
from bot.db import rowcount
from bot.i18n import default_i18n
from bot.services import order_stock
from bot.services.order_cards import t, tell
from bot.services.runtime import current as runtime
from bot.services.trainers import in_scope, is_manager, trainer_of
from models import order as om
from models.base import utcnow
from models.order import Order
from models.user import Seller

SELLER_REMIND_AFTER = timedelta(hours=24)
TRAINERS_ALERT_AFTER = order_stock.HOLD_FOR  # told together with the cancelling
BUYER_ASK_AFTER = timedelta(days=7)


async def stuck(session: AsyncSession, user_id: int, now: datetime | None = None) -> list[Order]:
    """Orders a trainer should look at in her area: unanswered for a day, or a disputed receipt."""
    now = now or utcnow()
    rows = (await session.scalars(
        select(Order).where(
            ((Order.status == om.NEW) & (Order.created_at <= now - SELLER_REMIND_AFTER))
            | ((Order.status == om.ACCEPTED) & (Order.receipt_status == om.RECEIPT_DISPUTED)))
        .order_by(Order.id))).all()
    if is_manager(user_id):
        return list(rows)
    trainer = await trainer_of(session, user_id)
    out = []
    for order in rows:
        seller = await session.get(Seller, order.seller_id)
        if seller is not None and in_scope(trainer, seller) and seller.user_id != user_id:
            out.append(order)
    return out


async def run_reminders(session: AsyncSession, now: datetime | None = None) -> int:
    """Everything due, each once: the database says what was already sent."""
    now = now or utcnow()
    sent = 0
    for order in (await session.scalars(select(Order).where(
            Order.status == om.NEW, Order.seller_reminded_at.is_(None),
            Order.created_at <= now - SELLER_REMIND_AFTER,
            Order.created_at > now - order_stock.HOLD_FOR))).all():
        order.seller_reminded_at = now
        await tell(session, order, "seller", "ord-remind-seller-hold")
        sent += 1
    for order in (await session.scalars(select(Order).where(
            Order.status == om.NEW, Order.trainers_alerted_at.is_(None),
            Order.created_at <= now - TRAINERS_ALERT_AFTER))).all():
        order.trainers_alerted_at = now
        if runtime.admin_chat_id is not None:
            lang = default_i18n().default
            seller = await session.get(Seller, order.seller_id)
            await outbox.enqueue(session, runtime.admin_chat_id, "sendMessage", {
                "text": t(lang, "ord-alert-trainers-expired", id=order.id,
                          seller=seller.name if seller else "", hours=order_stock.hold_hours())})
        sent += 1
    for order in (await session.scalars(select(Order).where(
            Order.status == om.NEW, Order.created_at <= now - order_stock.HOLD_FOR))).all():
        sent += await expire(session, order)
    for order in (await session.scalars(select(Order).where(
            Order.status == om.SHIPPED, Order.buyer_asked_at.is_(None),
            Order.shipped_at <= now - BUYER_ASK_AFTER))).all():
        order.buyer_asked_at = now
        await tell(session, order, "buyer", "ord-ask-buyer-delivered")
        sent += 1
    return sent


async def expire(session: AsyncSession, order: Order) -> int:
    """An order the seller left unanswered: cancelled, its items back on sale, both told."""
    changed = await session.execute(
        update(Order).where(Order.id == order.id, Order.status == om.NEW)
        .values(status=om.CANCELLED, cancelled_by="timeout")
        .execution_options(synchronize_session=False))
    if rowcount(changed) != 1:
        return 0  # answered meanwhile
    await session.refresh(order)
    await order_stock.release(session, order)
    hours = order_stock.hold_hours()
    await tell(session, order, "buyer", "ord-buyer-expired", hours=hours)
    await tell(session, order, "seller", "ord-seller-expired", hours=hours)
    return 1
