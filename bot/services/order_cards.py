"""An order's card as one party sees it: its text, its buttons, and the message that tells a
party what changed (through the outbox). Rendering only: no rule changes an order here."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot import outbox, persian
from bot.callbacks import OrderAction, OrderActionName
from bot.i18n import default_i18n
from bot.services.catalogue import DELIVERY_KEYS
from bot.services.users import user_locale
from models import listing as lm
from models import order as om
from models.listing import Listing
from models.order import Order
from models.user import Seller, User

STATUS_KEYS = {s: f"ord-status-{s}" for s in om.STATUSES}
# «shipped» as each delivery method says it: the seller's button, the buyer's message, the status
SHIP_BUTTON = {lm.PICKUP: "ord-btn-ready", lm.COURIER: "ord-btn-sent-courier", lm.POST: "ord-btn-shipped"}
SHIP_TOLD = {lm.PICKUP: "ord-buyer-ready", lm.COURIER: "ord-buyer-sent-courier", lm.POST: "ord-buyer-shipped"}
SHIP_STATUS = {lm.PICKUP: "ord-status-ready", lm.COURIER: "ord-status-sent-courier"}


# the seller's own orders, said to her: «منتظر جواب شما», not «منتظر جواب فروشنده»
SELLER_STATUS = {om.NEW: "ord-status-new-seller", om.DECLINED: "ord-status-declined-seller"}


def status_key(order: Order, role: str | None = None) -> str:
    if order.status == om.SHIPPED and order.delivery_method in SHIP_STATUS:
        return SHIP_STATUS[order.delivery_method]
    if role == "seller" and order.status in SELLER_STATUS:
        return SELLER_STATUS[order.status]
    return STATUS_KEYS[order.status]


def delivery_text(lang: str, method: str, cost: int, on_delivery: bool = False) -> str:
    """«🤝 تحویل حضوری» (pickup costs nothing: no cost said), «📮 پست: ۳۰٬۰۰۰ تومان»,
    «…: رایگان» (never ۰ تومان), «…: پس‌کرایه»."""
    name = t(lang, DELIVERY_KEYS[method])
    if method == lm.PICKUP:
        return name
    if on_delivery:
        price = t(lang, "ord-cost-on-delivery")
    else:
        price = money(lang, cost) if cost else t(lang, "ord-cost-free")
    return t(lang, "ord-delivery-with-cost", method=name, cost=price)


def t(lang: str, key: str, **args: Any) -> str:
    return default_i18n().t(lang, key, args)


async def lang_of(session: AsyncSession, user_id: int) -> str:
    return user_locale(await session.get(User, user_id))


def money(lang: str, amount: int) -> str:
    return persian.format_money(amount, latin=lang != "fa")


def digits(lang: str, text: str) -> str:
    return persian.to_persian_digits(text) if lang == "fa" else text


def phone(lang: str, number: str) -> str:
    local = "0" + number[3:] if number.startswith("+98") else number
    return digits(lang, local)


def order_buttons(order: Order, role: str, lang: str) -> dict[str, Any] | None:
    """The actions a party has on an order right now (callback data carries only the id;
    the server checks everything again when pressed)."""
    rows: list[list[dict[str, str]]] = []

    def b(key: str, action: OrderActionName) -> None:
        rows.append([{"text": t(lang, key), "callback_data": OrderAction(action, order.id).pack()}])

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
            b(SHIP_BUTTON.get(order.delivery_method, "ord-btn-shipped"), "ship")
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


def reply_button(order_id: int, lang: str) -> dict[str, Any]:
    """The «reply» button under a relayed message."""
    return {"inline_keyboard": [[{"text": t(lang, "ord-btn-reply"),
                                  "callback_data": OrderAction("msg", order_id).pack()}]]}


async def summary_text(session: AsyncSession, order: Order, role: str, lang: str) -> str:
    listing = await session.get(Listing, order.listing_id)
    seller = await session.get(Seller, order.seller_id)
    lines = [t(lang, "ord-card-title", id=order.id, title=listing.title if listing else ""),
             t(lang, "ord-card-status", status=t(lang, status_key(order, role))),
             t(lang, "ord-card-qty", qty=order.quantity, price=money(lang, order.unit_price)),
             t(lang, "ord-card-delivery-how", delivery=delivery_text(
                 lang, order.delivery_method, order.delivery_cost, order.postage_on_delivery)),
             t(lang, "ord-card-total", total=money(lang, order.total)),
             t(lang, "ord-card-date", date=persian.format_jalali_date(order.created_at, latin=lang != "fa"))]
    if role == "buyer" and seller:
        lines.append(t(lang, "ord-card-shop", shop=seller.name))
    # The buyer's name, phone and address reach the seller (and a trainer stepping in) only
    # once the seller accepts: before that nobody but the buyer needs them.
    if role in ("trainer", "seller") and order.accepted_at is not None:
        lines.append(t(lang, "ord-card-receiver", name=order.receiver_name,
                       phone=phone(lang, order.phone)))
        if order.address:
            lines.append(t(lang, "ord-card-address", address=order.address))
    elif role in ("seller", "trainer"):
        lines.append(t(lang, "ord-card-contact-hidden"))
    if order.note and role != "buyer":
        lines.append(t(lang, "ord-card-note", note=order.note))
    if order.payment_method:
        lines.append(t(lang, "ord-card-payment-" + order.payment_method))
        if order.payment_method == om.CARD and role == "buyer" and order.card_number:
            lines.append(t(lang, "ord-card-card-number", card=digits(lang, order.card_number)))
    if order.tracking_code:
        lines.append(t(lang, "ord-card-tracking", code=order.tracking_code))
    if order.reason:
        lines.append(t(lang, "ord-card-reason", reason=order.reason))
    return "\n".join(lines)


async def card(session: AsyncSession, order: Order, role: str, lang: str) -> tuple[str, dict[str, Any] | None]:
    """The card's text and its buttons (a Bot API `reply_markup`, or None)."""
    return await summary_text(session, order, role, lang), order_buttons(order, role, lang)


async def tell(session: AsyncSession, order: Order, to: str, key: str, **args: Any) -> None:
    """A message to one party (through the outbox), with the order's card and buttons."""
    user_id = order.buyer_id if to == "buyer" else order.seller_id
    lang = await lang_of(session, user_id)
    text = t(lang, key, id=order.id, **args) + "\n\n" + await summary_text(session, order, to, lang)
    payload: dict[str, Any] = {"text": text}
    markup = order_buttons(order, to, lang)
    if markup:
        payload["reply_markup"] = markup
    await outbox.enqueue(session, user_id, "sendMessage", payload)


async def tell_review(session: AsyncSession, order: Order, stars: int, text: str | None) -> None:
    """The seller hears of a new review of her shop: the stars when given, the words when
    written (each once)."""
    lang = await lang_of(session, order.seller_id)
    listing = await session.get(Listing, order.listing_id)
    title = (listing.title if listing else None) or ""
    if text:
        body, key = t(lang, "ord-seller-review-text", id=order.id, title=title, text=text), "text"
    else:
        body, key = t(lang, "ord-seller-review-stars", id=order.id, title=title,
                      stars="⭐️" * stars), "stars"
    await outbox.enqueue(session, order.seller_id, "sendMessage", {"text": body},
                         dedupe_key=f"review-{key}:{order.id}")


async def send_receipt(session: AsyncSession, order: Order, file_id: str) -> None:
    """The buyer's photo of the receipt, to the seller, labelled with the order."""
    lang = await lang_of(session, order.seller_id)
    await outbox.enqueue(session, order.seller_id, "sendPhoto",
                         {"photo": file_id, "caption": t(lang, "ord-seller-receipt", id=order.id)})


def delivery_choice(lang: str, listing: Listing, option: dict[str, Any], quantity: int) -> str:
    """A delivery button of the order form: the method, its cost and the total it makes."""
    total = money(lang, (listing.price or 0) * quantity + option["cost"])
    return t(lang, "ord-delivery-choice", delivery=delivery_text(
        lang, option["method"], option["cost"], bool(option.get("collect"))), total=total)


def form_summary(lang: str, listing: Listing, option: dict[str, Any], data: dict[str, Any]) -> str:
    """The order form's last screen; a line with nothing to say (no address for pickup, no
    note) is left out rather than shown empty."""
    quantity = int(data["quantity"])
    lines = [t(lang, "ord-sum-title"),
             t(lang, "ord-sum-item", title=listing.title or "", qty=quantity,
               price=money(lang, listing.price or 0)),
             t(lang, "ord-sum-delivery", delivery=delivery_text(
                 lang, option["method"], option["cost"], bool(option.get("collect")))),
             t(lang, "ord-sum-total", total=money(lang, (listing.price or 0) * quantity + option["cost"])),
             t(lang, "ord-sum-receiver", name=data["name"], phone=phone(lang, data["phone"]))]
    if data.get("address"):
        lines.append(t(lang, "ord-sum-address", address=data["address"]))
    if data.get("note"):
        lines.append(t(lang, "ord-sum-note", note=data["note"]))
    lines.append(t(lang, "ord-sum-confirm"))
    return "\n".join(lines)
