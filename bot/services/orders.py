"""Ordering: the buyer's order, the seller's answer, payment the Iranian way, the parcel's
statuses, the relay between the two, reviews and reminders.

Rules kept here, whatever the handler: only the two parties (and trainers) see an order;
the buyer's phone and address reach the seller only once she accepts; stock is taken at
acceptance by a conditional update, so it is never oversold however many accept at once;
every message to the other party goes through the outbox in the same transaction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot import outbox, persian
from bot.i18n import default_i18n
from bot.services import events
from bot.services.errors import InputError
from bot.services.runtime import current as runtime
from bot.services.trainers import NotAllowed, check_moderator, in_scope, is_manager, trainer_of
from bot.services.users import user_locale
from models import listing as lm
from models import order as om
from models.base import utcnow
from models.listing import Listing
from models.order import Order, OrderMessage, Review
from models.user import Seller, User

QTY_MAX_MADE_TO_ORDER = 20
ADDRESS_MIN, ADDRESS_MAX = 10, 300
NOTE_MAX = 300
TRACKING_MAX = 40
REVIEW_MAX = 500
SELLER_REMIND_AFTER = timedelta(hours=24)
TRAINERS_ALERT_AFTER = timedelta(hours=48)
BUYER_ASK_AFTER = timedelta(days=7)
STATUS_KEYS = {s: f"ord-status-{s}" for s in om.STATUSES}


class NotYours(LookupError):
    """An order the person may not see (a forged id, or someone else's)."""


@dataclass
class Role:
    order: Order
    role: str  # buyer / seller / trainer


def t(lang: str, key: str, **args: Any) -> str:
    return default_i18n().t(lang, key, args)


async def lang_of(session: AsyncSession, user_id: int) -> str:
    return user_locale(await session.get(User, user_id))


def money(lang: str, amount: int) -> str:
    return persian.format_money(amount, latin=lang != "fa")


# -- the listing a buyer opens ---------------------------------------------------------------

async def public_listing(session: AsyncSession, code: str) -> Listing | None:
    if not re.fullmatch(r"[A-Za-z0-9]{4,16}", code or ""):
        return None
    return await session.scalar(select(Listing).where(Listing.public_code == code))


async def rating(session: AsyncSession, *, listing_id: int | None = None,
                 seller_id: int | None = None) -> tuple[float, int]:
    q = select(func.avg(Review.rating), func.count())
    q = q.where(Review.listing_id == listing_id) if listing_id else q.where(Review.seller_id == seller_id)
    avg, count = (await session.execute(q)).one()
    return (float(avg or 0), int(count or 0))


def orderable(listing: Listing) -> bool:
    return listing.status == lm.PUBLISHED and (
        listing.availability != lm.IN_STOCK or (listing.stock or 0) > 0)


def max_quantity(listing: Listing) -> int:
    return (listing.stock or 0) if listing.availability == lm.IN_STOCK else QTY_MAX_MADE_TO_ORDER


# -- answers of the order steps ----------------------------------------------------------------

def parse_quantity(listing: Listing, text: str) -> int:
    maximum = max_quantity(listing)
    try:
        n = persian.parse_int(text)
    except ValueError:
        raise InputError("ord-err-quantity", max=maximum) from None
    if not 1 <= n <= maximum:
        raise InputError("ord-err-quantity", max=maximum)
    return n


def delivery_option(listing: Listing, method: str) -> dict[str, Any]:
    for d in listing.delivery or []:
        if d["method"] == method:
            return d
    raise InputError("invalid-choice")


def needs_address(method: str) -> bool:
    return method in (lm.COURIER, lm.POST)


def validate_address(text: str) -> str:
    address = persian.clean_input(text)
    if len(address) > ADDRESS_MAX:
        raise InputError("ord-err-address-long", length=len(address), max=ADDRESS_MAX)
    if len(address) < ADDRESS_MIN:
        raise InputError("ord-err-address-short", min=ADDRESS_MIN)
    return address


def validate_note(text: str) -> str:
    note = persian.clean_input(text)
    if len(note) > NOTE_MAX:
        raise InputError("ord-err-note-long", length=len(note), max=NOTE_MAX)
    return note


def validate_card(text: str) -> str:
    digits = re.sub(r"[\s-]", "", persian.to_ascii_digits(text or ""))
    if not re.fullmatch(r"\d{16}", digits):
        raise InputError("ord-err-card")
    if not _luhn(digits):  # sixteen digits, but not a card's: a digit misread or mistyped
        raise InputError("ord-err-card-checksum")
    return "-".join(digits[i:i + 4] for i in range(0, 16, 4))


def _luhn(number: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(number)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


# -- who may see an order ----------------------------------------------------------------------

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


def _require(order: Order, role: Role, who: str, statuses: tuple[str, ...]) -> None:
    if role.role != who and not (who == "any" and role.role in ("buyer", "seller")):
        raise NotYours(order.id)
    if order.status not in statuses:
        raise InputError("ord-err-state")


# -- telling the other party -------------------------------------------------------------------

def order_buttons(order: Order, role: str, lang: str) -> dict[str, Any] | None:
    """The actions a party has on an order right now (callback data carries only the id;
    the server checks everything again when pressed)."""
    rows: list[list[dict[str, str]]] = []

    def b(key: str, action: str) -> None:
        rows.append([{"text": t(lang, key), "callback_data": f"o:{action}:{order.id}"}])

    s = order.status
    if role == "seller":
        if s == om.NEW:
            b("ord-btn-accept", "acc")
            b("ord-btn-decline", "dec")
        if s == om.ACCEPTED and order.payment_method == om.CARD and order.receipt_status == om.RECEIPT_SENT:
            b("ord-btn-paid", "paid")
            b("ord-btn-not-paid", "nopaid")
        if s == om.PAID or (s == om.ACCEPTED and order.payment_method == om.COD):
            b("ord-btn-preparing", "prep")
        if s in (om.PREPARING,) or (s == om.PAID) or (s == om.ACCEPTED and order.payment_method == om.COD):
            b("ord-btn-shipped", "ship")
    if role == "buyer":
        if s == om.NEW:
            b("ord-btn-cancel", "cxl")
        if s == om.ACCEPTED and order.payment_method == om.CARD and order.receipt_status in (
                om.RECEIPT_NONE, om.RECEIPT_DISPUTED):
            b("ord-btn-receipt", "rcpt")
        if s == om.SHIPPED:
            b("ord-btn-received", "recv")
    if s in om.OPEN:
        b("ord-btn-message-seller" if role == "buyer" else "ord-btn-message-buyer", "msg")
    if s in (om.ACCEPTED, om.PAID, om.PREPARING) and role in ("buyer", "seller", "trainer"):
        b("ord-btn-cancel-reason", "cxr")
    return {"inline_keyboard": rows} if rows else None


async def summary_text(session: AsyncSession, order: Order, role: str, lang: str) -> str:
    listing = await session.get(Listing, order.listing_id)
    seller = await session.get(Seller, order.seller_id)
    method = t(lang, {"pickup": "delivery-pickup", "courier": "delivery-courier",
                      "post": "delivery-post"}[order.delivery_method])
    lines = [t(lang, "ord-card-title", id=order.id, title=listing.title if listing else ""),
             t(lang, "ord-card-status", status=t(lang, STATUS_KEYS[order.status])),
             t(lang, "ord-card-qty", qty=order.quantity, price=money(lang, order.unit_price)),
             t(lang, "ord-card-delivery", method=method, cost=money(lang, order.delivery_cost)),
             t(lang, "ord-card-total", total=money(lang, order.total)),
             t(lang, "ord-card-date", date=persian.format_jalali_date(order.created_at, latin=lang != "fa"))]
    if role == "buyer" and seller:
        lines.append(t(lang, "ord-card-shop", shop=seller.name))
    # The buyer's name, phone and address reach the seller (and a trainer stepping in) only
    # once the seller accepts: before that nobody but the buyer needs them.
    if role in ("trainer", "seller") and order.accepted_at is not None:
        lines.append(t(lang, "ord-card-receiver", name=order.receiver_name,
                       phone=_phone(lang, order.phone)))
        if order.address:
            lines.append(t(lang, "ord-card-address", address=order.address))
    elif role in ("seller", "trainer"):
        lines.append(t(lang, "ord-card-contact-hidden"))
    if order.note and role != "buyer":
        lines.append(t(lang, "ord-card-note", note=order.note))
    if order.payment_method:
        lines.append(t(lang, "ord-card-payment-" + order.payment_method))
        if order.payment_method == om.CARD and role == "buyer" and order.card_number:
            lines.append(t(lang, "ord-card-card-number", card=_digits(lang, order.card_number)))
    if order.tracking_code:
        lines.append(t(lang, "ord-card-tracking", code=order.tracking_code))
    if order.reason:
        lines.append(t(lang, "ord-card-reason", reason=order.reason))
    return "\n".join(lines)


def _digits(lang: str, text: str) -> str:
    return persian.to_persian_digits(text) if lang == "fa" else text


def _phone(lang: str, phone: str) -> str:
    local = "0" + phone[3:] if phone.startswith("+98") else phone
    return _digits(lang, local)


async def tell(session: AsyncSession, order: Order, to: str, key: str, *, with_card: bool = True,
               **args: Any) -> None:
    """A message to one party (through the outbox), with the order's card and buttons."""
    user_id = order.buyer_id if to == "buyer" else order.seller_id
    lang = await lang_of(session, user_id)
    text = t(lang, key, id=order.id, **args)
    if with_card:
        text += "\n\n" + await summary_text(session, order, to, lang)
    payload: dict[str, Any] = {"text": text}
    markup = order_buttons(order, to, lang)
    if markup:
        payload["reply_markup"] = markup
    await outbox.enqueue(session, user_id, "sendMessage", payload)


# -- placing and answering -------------------------------------------------------------------

async def place(session: AsyncSession, buyer_id: int, data: dict[str, Any]) -> Order:
    listing = await session.get(Listing, int(data["listing_id"]))
    if listing is None or not orderable(listing):
        raise InputError("ord-err-unavailable")
    if listing.seller_id == buyer_id:
        raise InputError("ord-err-own")
    quantity = int(data["quantity"])
    if quantity > max_quantity(listing):
        raise InputError("ord-err-quantity", max=max_quantity(listing))
    option = delivery_option(listing, data["delivery"])
    order = Order(
        listing_id=listing.id, seller_id=listing.seller_id, buyer_id=buyer_id, status=om.NEW,
        quantity=quantity, unit_price=listing.price or 0, delivery_method=option["method"],
        delivery_cost=option["cost"], total=(listing.price or 0) * quantity + option["cost"],
        receiver_name=data["name"], address=data.get("address"), phone=data["phone"],
        note=data.get("note") or None, receipt_status=om.RECEIPT_NONE,
    )
    session.add(order)
    await session.flush()
    await tell(session, order, "seller", "ord-seller-new")
    return order


async def accept(session: AsyncSession, role: Role, payment: str, card: str | None = None) -> Order:
    order = role.order
    _require(order, role, "seller", (om.NEW,))
    if payment not in (om.COD, om.CARD):
        raise InputError("invalid-choice")
    seller = await session.get(Seller, order.seller_id)
    if payment == om.CARD:
        card = card or (seller.card_number if seller else None)
        if not card:
            raise InputError("ord-err-card")
    listing = await session.get(Listing, order.listing_id)
    assert listing is not None
    if listing.availability == lm.IN_STOCK:
        taken = await session.execute(
            update(Listing).where(Listing.id == listing.id, Listing.stock >= order.quantity)
            .values(stock=Listing.stock - order.quantity)
            .execution_options(synchronize_session=False))
        if taken.rowcount != 1:
            raise InputError("ord-err-stock")
    now = utcnow()
    changed = await session.execute(
        update(Order).where(Order.id == order.id, Order.status == om.NEW)
        .values(status=om.ACCEPTED, accepted_at=now, payment_method=payment,
                card_number=card if payment == om.CARD else None,
                stock_taken=listing.availability == lm.IN_STOCK)
        .execution_options(synchronize_session=False))
    if changed.rowcount != 1:
        raise InputError("ord-err-state")  # the whole transaction, stock included, rolls back
    if seller is not None and payment == om.CARD and card:
        seller.card_number = card
    await session.refresh(order)
    await session.refresh(listing)
    if listing.availability == lm.IN_STOCK and (listing.stock or 0) <= 0 and listing.status == lm.PUBLISHED:
        listing.status = lm.SOLD_OUT
        listing.status_changed_at = now
        await session.flush()
        await events.emit(session, "listing.public_changed", listing=listing, what="sold_out")
    await tell(session, order, "buyer", "ord-buyer-accepted-" + payment)
    return order


async def decline(session: AsyncSession, role: Role, reason: str) -> Order:
    order = role.order
    _require(order, role, "seller", (om.NEW,))
    changed = await session.execute(
        update(Order).where(Order.id == order.id, Order.status == om.NEW)
        .values(status=om.DECLINED, reason=_clean(reason))
        .execution_options(synchronize_session=False))
    if changed.rowcount != 1:
        raise InputError("ord-err-state")
    await session.refresh(order)
    await tell(session, order, "buyer", "ord-buyer-declined")
    return order


async def cancel_new(session: AsyncSession, role: Role) -> Order:
    order = role.order
    _require(order, role, "buyer", (om.NEW,))
    changed = await session.execute(
        update(Order).where(Order.id == order.id, Order.status == om.NEW)
        .values(status=om.CANCELLED, cancelled_by="buyer")
        .execution_options(synchronize_session=False))
    if changed.rowcount != 1:
        raise InputError("ord-err-state")
    await session.refresh(order)
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
    reason = _clean(reason)
    changed = await session.execute(
        update(Order).where(Order.id == order.id, Order.status.in_(allowed))
        .values(status=om.CANCELLED, reason=reason, cancelled_by=role.role)
        .execution_options(synchronize_session=False))
    if changed.rowcount != 1:
        raise InputError("ord-err-state")
    await session.refresh(order)
    await _return_stock(session, order)
    await session.flush()
    for party in ("buyer", "seller"):
        if party != role.role:
            await tell(session, order, party, "ord-cancelled-by-" + role.role)
    return order


async def _return_stock(session: AsyncSession, order: Order) -> None:
    if not order.stock_taken:
        return
    order.stock_taken = False
    listing = await session.get(Listing, order.listing_id)
    if listing is None:
        return
    listing.stock = (listing.stock or 0) + order.quantity
    if listing.status == lm.SOLD_OUT:
        listing.status = lm.PUBLISHED
        await session.flush()
        await events.emit(session, "listing.public_changed", listing=listing, what="stock")
        await events.emit(session, "listing.back_in_stock", listing=listing)
    else:
        await session.flush()
        if listing.status in lm.PUBLIC:
            await events.emit(session, "listing.public_changed", listing=listing, what="stock")


async def receipt(session: AsyncSession, role: Role, file_id: str) -> Order:
    order = role.order
    _require(order, role, "buyer", (om.ACCEPTED,))
    if order.payment_method != om.CARD:
        raise InputError("ord-err-state")
    order.receipt_status, order.receipt_file_id = om.RECEIPT_SENT, file_id
    await session.flush()
    lang = await lang_of(session, order.seller_id)
    await outbox.enqueue(session, order.seller_id, "sendPhoto",
                         {"photo": file_id, "caption": t(lang, "ord-seller-receipt", id=order.id)})
    await tell(session, order, "seller", "ord-seller-check-receipt")
    return order


async def confirm_paid(session: AsyncSession, role: Role) -> Order:
    order = role.order
    _require(order, role, "seller", (om.ACCEPTED,))
    if order.receipt_status != om.RECEIPT_SENT:
        raise InputError("ord-err-state")
    order.status, order.receipt_status = om.PAID, om.RECEIPT_CONFIRMED
    await session.flush()
    await tell(session, order, "buyer", "ord-buyer-paid")
    return order


async def not_paid(session: AsyncSession, role: Role) -> Order:
    order = role.order
    _require(order, role, "seller", (om.ACCEPTED,))
    if order.receipt_status != om.RECEIPT_SENT:
        raise InputError("ord-err-state")
    order.receipt_status = om.RECEIPT_DISPUTED
    await session.flush()
    await tell(session, order, "buyer", "ord-buyer-not-paid")
    return order


async def preparing(session: AsyncSession, role: Role) -> Order:
    order = role.order
    _require(order, role, "seller", (om.ACCEPTED, om.PAID))
    if order.status == om.ACCEPTED and order.payment_method == om.CARD:
        raise InputError("ord-err-not-paid-yet")
    order.status = om.PREPARING
    await session.flush()
    await tell(session, order, "buyer", "ord-buyer-preparing")
    return order


async def shipped(session: AsyncSession, role: Role, tracking: str | None) -> Order:
    order = role.order
    _require(order, role, "seller", (om.ACCEPTED, om.PAID, om.PREPARING))
    if order.status == om.ACCEPTED and order.payment_method == om.CARD:
        raise InputError("ord-err-not-paid-yet")
    if tracking:
        code = persian.to_ascii_digits(persian.clean_input(tracking))
        if len(code) > TRACKING_MAX:
            raise InputError("ord-err-tracking", max=TRACKING_MAX)
        order.tracking_code = code
    order.status, order.shipped_at = om.SHIPPED, utcnow()
    await session.flush()
    await tell(session, order, "buyer", "ord-buyer-shipped")
    return order


async def received(session: AsyncSession, role: Role) -> Order:
    """The buyer has the parcel: delivered, and with payment settled, completed."""
    order = role.order
    _require(order, role, "buyer", (om.SHIPPED,))
    now = utcnow()
    order.status, order.delivered_at, order.completed_at = om.COMPLETED, now, now
    await session.flush()
    await tell(session, order, "seller", "ord-seller-delivered")
    return order


async def review(session: AsyncSession, role: Role, stars: int, text: str | None) -> Review:
    order = role.order
    _require(order, role, "buyer", (om.COMPLETED,))
    if not 1 <= stars <= 5:
        raise InputError("invalid-choice")
    body = None
    if text:
        body = persian.clean_input(text)
        if len(body) > REVIEW_MAX:
            raise InputError("ord-err-review-long", length=len(body), max=REVIEW_MAX)
    row = await session.get(Review, order.id)
    if row is None:
        row = Review(order_id=order.id, listing_id=order.listing_id, seller_id=order.seller_id,
                     buyer_id=order.buyer_id, rating=stars, text=body)
        session.add(row)
    else:
        row.rating = stars
        if text is not None:
            row.text = body
    await session.flush()
    return row


def _clean(text: str) -> str:
    value = persian.clean_input(text or "")
    if not value:
        raise InputError("mod-err-reason-empty")
    if len(value) > NOTE_MAX:
        raise InputError("ord-err-note-long", length=len(value), max=NOTE_MAX)
    return value


# -- the relay -----------------------------------------------------------------------------------

async def relay(session: AsyncSession, role: Role, kind: str, text: str | None,
                file_id: str | None) -> None:
    """A message from one party to the other, labelled with the order and nothing else."""
    order = role.order
    if order.status not in om.OPEN and role.role != "trainer":
        raise InputError("ord-err-state")
    if kind == "text" and not (text or "").strip():
        raise InputError("ord-err-relay-type")
    if text and len(text) > 3500:
        raise InputError("ord-err-note-long", length=len(text), max=3500)
    session.add(OrderMessage(order_id=order.id, sender=role.role, kind=kind, text=text, file_id=file_id))
    targets = {"buyer": ["seller"], "seller": ["buyer"], "trainer": ["buyer", "seller"]}[role.role]
    for to in targets:
        user_id = order.buyer_id if to == "buyer" else order.seller_id
        lang = await lang_of(session, user_id)
        label = t(lang, f"ord-relay-from-{role.role}", id=order.id)
        reply = {"inline_keyboard": [[{"text": t(lang, "ord-btn-reply"), "callback_data": f"o:msg:{order.id}"}]]}
        if kind == "text":
            await outbox.enqueue(session, user_id, "sendMessage",
                                 {"text": f"{label}\n\n{text}", "reply_markup": reply})
        elif kind == "photo":
            await outbox.enqueue(session, user_id, "sendPhoto",
                                 {"photo": file_id, "caption": (label + ("\n\n" + text if text else ""))[:1000],
                                  "reply_markup": reply})
        elif kind == "voice":
            await outbox.enqueue(session, user_id, "sendVoice",
                                 {"voice": file_id, "caption": label, "reply_markup": reply})
        else:
            raise InputError("ord-err-relay-type")


# -- lists and reminders -----------------------------------------------------------------------

async def orders_of(session: AsyncSession, user_id: int, limit: int = 20) -> list[tuple[Order, str]]:
    rows = (await session.scalars(
        select(Order).where((Order.buyer_id == user_id) | (Order.seller_id == user_id))
        .order_by(Order.id.desc()).limit(limit))).all()
    return [(o, "buyer" if o.buyer_id == user_id else "seller") for o in rows]


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
            Order.created_at <= now - SELLER_REMIND_AFTER))).all():
        order.seller_reminded_at = now
        await tell(session, order, "seller", "ord-remind-seller")
        sent += 1
    for order in (await session.scalars(select(Order).where(
            Order.status == om.NEW, Order.trainers_alerted_at.is_(None),
            Order.created_at <= now - TRAINERS_ALERT_AFTER))).all():
        order.trainers_alerted_at = now
        if runtime.admin_chat_id is not None:
            lang = default_i18n().default
            seller = await session.get(Seller, order.seller_id)
            await outbox.enqueue(session, runtime.admin_chat_id, "sendMessage", {
                "text": t(lang, "ord-alert-trainers", id=order.id,
                          seller=seller.name if seller else "", hours=48)})
        sent += 1
    for order in (await session.scalars(select(Order).where(
            Order.status == om.SHIPPED, Order.buyer_asked_at.is_(None),
            Order.shipped_at <= now - BUYER_ASK_AFTER))).all():
        order.buyer_asked_at = now
        await tell(session, order, "buyer", "ord-ask-buyer-delivered")
        sent += 1
    return sent
