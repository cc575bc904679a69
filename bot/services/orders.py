"""An order's life: placed by the buyer, answered by the seller, paid the Iranian way
(cash on delivery, or card to card with a photo of the receipt), shipped, received, reviewed,
or declined and cancelled.

Rules kept here, whatever the handler: only the two parties (and trainers) see an order;
the buyer's phone and address reach the seller only once she accepts; stock is held when the
order is placed by a conditional update (order_stock), so it is never oversold however many
order at once, and given back when the order is declined, cancelled or left unanswered;
every message to the other party goes through the outbox in the same transaction.
(The card's texts: order_cards; messages between the parties: order_relay; reminders and
the trainers' list: order_reminders; the buyer's form before an order exists: order_form.)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot import persian
from bot.db import rowcount
from bot.services import order_stock
from bot.services.errors import InputError
from bot.services.order_cards import SHIP_TOLD, send_receipt, tell, tell_review
from bot.services.order_form import delivery_option, max_quantity, orderable, sold_out
from bot.services.trainers import NotAllowed, check_moderator
from models import order as om
from models.base import utcnow
from models.listing import POST, PUBLIC, Listing
from models.order import Order, Review
from models.user import Seller

NOTE_MAX = 300
TRACKING_MAX = 40
# «کد رهگیری: …» typed before the code: the card says the label itself
_TRACKING_LABEL = re.compile(r"^(?:کد\s*(?:رهگیری|پیگیری|مرسوله)|رهگیری|پیگیری|tracking(?:\s*code)?)"
                             r"\s*(?:پست)?\s*[:：\-]?\s*", re.IGNORECASE)
REVIEW_MAX = 500
HOLD_HOURS = order_stock.hold_hours()  # an unanswered order is cancelled after this (buyer told)


class NotYours(LookupError):
    """An order the person may not see (a forged id, or someone else's)."""


@dataclass
class Role:
    order: Order
    role: str  # buyer / seller / trainer


# -- who may see and do what -------------------------------------------------------------------

async def for_user(session: AsyncSession, order_id: int, user_id: int) -> Role:
    order = await session.get(Order, order_id)
    if order is None:
        raise NotYours(order_id)
    if order.buyer_id == user_id:
        return Role(order, "buyer")
    if order.seller_id == user_id:
        return Role(order, "seller")
    seller = await session.get(Seller, order.seller_id)
    try:  # a trainer of this seller's area (or a manager), nobody else
        await check_moderator(session, user_id, seller)
    except NotAllowed:
        raise NotYours(order_id) from None
    return Role(order, "trainer")


def require(role: Role, who: str, statuses: tuple[str, ...]) -> None:
    """This party, and the order in one of these statuses (else NotYours / ord-err-state)."""
    if role.role != who:
        raise NotYours(role.order.id)
    if role.order.status not in statuses:
        raise InputError("ord-err-state")


def may_accept(role: Role) -> None:
    require(role, "seller", (om.NEW,))


def may_cancel_new(role: Role) -> None:
    """The buyer may still cancel with one more tap (asked before `cancel_new`)."""
    require(role, "buyer", (om.NEW,))


def may_answer(role: Role, mode: str) -> None:
    """Whether a typed answer about the order may be asked for now (it is checked again when
    it arrives): a decline reason, a tracking code, a receipt, a message, a new card..."""
    order = role.order
    if mode in ("decline_reason", "card"):
        require(role, "seller", (om.NEW,))
    elif mode == "tracking":
        require(role, "seller", (om.ACCEPTED, om.PAID, om.PREPARING))
        if order.status == om.ACCEPTED and order.payment_method == om.CARD:
            raise InputError("ord-err-not-paid-yet")
    elif mode == "receipt":
        require(role, "buyer", (om.ACCEPTED,))
    elif mode == "message" and order.status not in om.OPEN:
        raise InputError("ord-err-state")
    elif mode == "cancel_reason" and order.status not in CANCELLABLE.get(role.role, ()):
        raise InputError("ord-err-state")  # told at the press, not after the reason is typed


async def saved_card(session: AsyncSession, seller_id: int) -> str | None:
    """The card number a seller gave last time (offered again when she accepts)."""
    seller = await session.get(Seller, seller_id)
    return seller.card_number if seller is not None else None


def validate_card(text: str) -> str:
    digits = re.sub(r"[\s-]", "", persian.to_ascii_digits(text or ""))
    if not re.fullmatch(r"\d{16}", digits):
        raise InputError("ord-err-card")
    if not luhn(digits):  # sixteen digits, but not a card's: a digit misread or mistyped
        raise InputError("ord-err-card-checksum")
    return "-".join(digits[i:i + 4] for i in range(0, 16, 4))


def luhn(number: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(number)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


# -- placing and answering -------------------------------------------------------------------

async def place(session: AsyncSession, buyer_id: int, data: dict[str, Any]) -> Order:
    listing = await session.get(Listing, int(data["listing_id"]))
    if listing is not None and sold_out(listing) and listing.status in PUBLIC:
        raise InputError("ord-err-sold-out-now")  # the last ones went while she was typing
    if listing is None or not orderable(listing):
        raise InputError("ord-err-unavailable")
    if listing.seller_id == buyer_id:
        raise InputError("ord-err-own")
    quantity = int(data["quantity"])
    if quantity > max_quantity(listing):
        raise InputError("ord-err-fewer-left", max=max_quantity(listing))
    option = delivery_option(listing, data["delivery"])
    held = await order_stock.take(session, listing, quantity, error="ord-err-sold-out-now")
    order = Order(
        listing_id=listing.id, seller_id=listing.seller_id, buyer_id=buyer_id, status=om.NEW,
        quantity=quantity, unit_price=listing.price or 0, delivery_method=option["method"],
        delivery_cost=option["cost"], total=(listing.price or 0) * quantity + option["cost"],
        receiver_name=data["name"], address=data.get("address"), phone=data["phone"],
        note=data.get("note") or None, receipt_status=om.RECEIPT_NONE, stock_taken=held,
        postage_on_delivery=bool(option.get("collect")),
    )
    session.add(order)
    await session.flush()
    await tell(session, order, "seller", "ord-seller-new")
    return order


def cod_allowed(order: Order) -> bool:
    """Cash on delivery: by hand or by courier, not by post (the post does not collect it)."""
    return order.delivery_method != POST


def asks_tracking(order: Order) -> bool:
    """Only a parcel sent by post has a tracking code to ask for."""
    return order.delivery_method == POST


async def accept(session: AsyncSession, role: Role, payment: str, card: str | None = None) -> Order:
    order = role.order
    require(role, "seller", (om.NEW,))
    if payment not in (om.COD, om.CARD):
        raise InputError("invalid-choice")
    if payment == om.COD and not cod_allowed(order):
        raise InputError("ord-err-cod-post")
    seller = await session.get(Seller, order.seller_id)
    if payment == om.CARD:
        card = card or (seller.card_number if seller else None)
        if not card:
            raise InputError("ord-err-card")
    listing = await session.get(Listing, order.listing_id)
    assert listing is not None
    # Held since it was placed; an order placed before holding existed takes its items now.
    taken = order.stock_taken or await order_stock.take(
        session, listing, order.quantity, error="ord-err-stock")
    changed = await session.execute(
        update(Order).where(Order.id == order.id, Order.status == om.NEW)
        .values(status=om.ACCEPTED, accepted_at=utcnow(), payment_method=payment,
                card_number=card if payment == om.CARD else None, stock_taken=taken)
        .execution_options(synchronize_session=False))
    if rowcount(changed) != 1:
        raise InputError("ord-err-state")  # the whole transaction, stock included, rolls back
    if seller is not None and payment == om.CARD and card:
        seller.card_number = card
    await session.refresh(order)
    await tell(session, order, "buyer", "ord-buyer-accepted-" + payment)
    return order


async def decline(session: AsyncSession, role: Role, reason: str) -> Order:
    order = role.order
    require(role, "seller", (om.NEW,))
    changed = await session.execute(
        update(Order).where(Order.id == order.id, Order.status == om.NEW)
        .values(status=om.DECLINED, reason=clean_reason(reason))
        .execution_options(synchronize_session=False))
    if rowcount(changed) != 1:
        raise InputError("ord-err-state")
    await session.refresh(order)
    await order_stock.release(session, order)
    await tell(session, order, "buyer", "ord-buyer-declined")
    return order


async def cancel_new(session: AsyncSession, role: Role) -> Order:
    order = role.order
    require(role, "buyer", (om.NEW,))
    changed = await session.execute(
        update(Order).where(Order.id == order.id, Order.status == om.NEW)
        .values(status=om.CANCELLED, cancelled_by="buyer")
        .execution_options(synchronize_session=False))
    if rowcount(changed) != 1:
        raise InputError("ord-err-state")
    await session.refresh(order)
    await order_stock.release(session, order)
    await tell(session, order, "seller", "ord-seller-cancelled-by-buyer")
    return order


CANCELLABLE = {"buyer": (om.ACCEPTED, om.PAID, om.PREPARING),
               "seller": (om.ACCEPTED, om.PAID, om.PREPARING),
               # a parcel already on its way is a dispute: only a trainer settles it
               "trainer": (om.NEW, om.ACCEPTED, om.PAID, om.PREPARING, om.SHIPPED)}


async def cancel_with_reason(session: AsyncSession, role: Role, reason: str) -> Order:
    order = role.order
    allowed = CANCELLABLE.get(role.role)
    if allowed is None:
        raise NotYours(order.id)
    reason = clean_reason(reason)
    changed = await session.execute(
        update(Order).where(Order.id == order.id, Order.status.in_(allowed))
        .values(status=om.CANCELLED, reason=reason, cancelled_by=role.role)
        .execution_options(synchronize_session=False))
    if rowcount(changed) != 1:
        raise InputError("ord-err-state")
    await session.refresh(order)
    await order_stock.release(session, order)
    for party in ("buyer", "seller"):
        if party != role.role:
            await tell(session, order, party, "ord-cancelled-by-" + role.role)
    return order


async def receipt(session: AsyncSession, role: Role, file_id: str) -> Order:
    order = role.order
    require(role, "buyer", (om.ACCEPTED,))
    if order.payment_method != om.CARD:
        raise InputError("ord-err-state")
    order.receipt_status, order.receipt_file_id = om.RECEIPT_SENT, file_id
    await session.flush()
    await send_receipt(session, order, file_id)
    await tell(session, order, "seller", "ord-seller-check-receipt")
    return order


async def confirm_paid(session: AsyncSession, role: Role) -> Order:
    order = role.order
    require(role, "seller", (om.ACCEPTED,))
    if order.receipt_status != om.RECEIPT_SENT:
        raise InputError("ord-err-state")
    order.status, order.receipt_status = om.PAID, om.RECEIPT_CONFIRMED
    await session.flush()
    await tell(session, order, "buyer", "ord-buyer-paid")
    return order


async def not_paid(session: AsyncSession, role: Role) -> Order:
    order = role.order
    require(role, "seller", (om.ACCEPTED,))
    if order.receipt_status != om.RECEIPT_SENT:
        raise InputError("ord-err-state")
    order.receipt_status = om.RECEIPT_DISPUTED
    await session.flush()
    await tell(session, order, "buyer", "ord-buyer-not-paid")
    return order


async def preparing(session: AsyncSession, role: Role) -> Order:
    order = role.order
    require(role, "seller", (om.ACCEPTED, om.PAID))
    if order.status == om.ACCEPTED and order.payment_method == om.CARD:
        raise InputError("ord-err-not-paid-yet")
    order.status = om.PREPARING
    await session.flush()
    await tell(session, order, "buyer", "ord-buyer-preparing")
    return order


async def shipped(session: AsyncSession, role: Role, tracking: str | None) -> Order:
    order = role.order
    require(role, "seller", (om.ACCEPTED, om.PAID, om.PREPARING))
    if order.status == om.ACCEPTED and order.payment_method == om.CARD:
        raise InputError("ord-err-not-paid-yet")
    if tracking and asks_tracking(order):
        code = _TRACKING_LABEL.sub("", persian.to_ascii_digits(persian.clean_input(tracking))).strip()
        if not code:
            raise InputError("ord-err-tracking-type")
        if len(code) > TRACKING_MAX:
            raise InputError("ord-err-tracking", words=persian.words_over(code, TRACKING_MAX))
        order.tracking_code = code
    order.status, order.shipped_at = om.SHIPPED, utcnow()
    await session.flush()
    await tell(session, order, "buyer", SHIP_TOLD.get(order.delivery_method, "ord-buyer-shipped"))
    return order


async def received(session: AsyncSession, role: Role) -> Order:
    """The buyer has the parcel: delivered, and with payment settled, completed."""
    order = role.order
    require(role, "buyer", (om.SHIPPED,))
    now = utcnow()
    order.status, order.delivered_at, order.completed_at = om.COMPLETED, now, now
    await session.flush()
    await tell(session, order, "seller", "ord-seller-delivered")
    return order


async def review(session: AsyncSession, role: Role, stars: int, text: str | None) -> Review:
    order = role.order
    require(role, "buyer", (om.COMPLETED,))
    if not 1 <= stars <= 5:
        raise InputError("invalid-choice")
    body = None
    if text:
        body = persian.clean_input(text)
        if len(body) > REVIEW_MAX:
            raise InputError("ord-err-review-long", words=persian.words_over(body, REVIEW_MAX))
    row = await session.get(Review, order.id)
    if row is None:
        row = Review(order_id=order.id, listing_id=order.listing_id, seller_id=order.seller_id,
                     buyer_id=order.buyer_id, rating=stars, text=body)
        session.add(row)
        await tell_review(session, order, stars, body)
    else:
        row.rating = stars
        if text is not None:
            row.text = body
            await tell_review(session, order, stars, body)
    await session.flush()
    return row


def clean_reason(text: str) -> str:
    value = persian.clean_input(text or "")
    if not value:
        raise InputError("mod-err-reason-empty")
    if len(value) > NOTE_MAX:
        raise InputError("ord-err-note-long", words=persian.words_over(value, NOTE_MAX))
    return value


async def review_stars(session: AsyncSession, order_id: int) -> int:
    """The stars already given for this order (5 if none yet)."""
    row = await session.get(Review, order_id)
    return row.rating if row else 5


# -- «my orders» -------------------------------------------------------------------------------

@dataclass
class Listed:
    order: Order
    role: str  # buyer / seller
    title: str


async def orders_of(session: AsyncSession, user_id: int, limit: int = 20) -> list[Listed]:
    rows = (await session.scalars(
        select(Order).where((Order.buyer_id == user_id) | (Order.seller_id == user_id))
        .order_by(Order.id.desc()).limit(limit))).all()
    out = []
    for o in rows:
        listing = await session.get(Listing, o.listing_id)
        out.append(Listed(o, "buyer" if o.buyer_id == user_id else "seller",
                          (listing.title if listing else None) or ""))
    return out
