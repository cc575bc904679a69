"""Orders between a buyer and a seller, the messages relayed between them, and reviews."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, Integer, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, TimestampMixin, UTCDateTime, utcnow
from models.listing import _id_type

NEW, ACCEPTED, PAID, PREPARING, SHIPPED, DELIVERED, COMPLETED, DECLINED, CANCELLED = (
    "new", "accepted", "paid", "preparing", "shipped", "delivered", "completed", "declined",
    "cancelled")
STATUSES = (NEW, ACCEPTED, PAID, PREPARING, SHIPPED, DELIVERED, COMPLETED, DECLINED, CANCELLED)
OPEN = (NEW, ACCEPTED, PAID, PREPARING, SHIPPED)
COD, CARD = "cod", "card"
RECEIPT_NONE, RECEIPT_SENT, RECEIPT_CONFIRMED, RECEIPT_DISPUTED = "none", "sent", "confirmed", "disputed"


class Order(TimestampMixin, Base):
    __tablename__ = "orders"

    id: Mapped[int] = mapped_column(_id_type(), primary_key=True, autoincrement=True)
    listing_id: Mapped[int] = mapped_column(_id_type(), ForeignKey("listings.id"), index=True)
    seller_id: Mapped[int] = mapped_column(BigInteger, index=True)
    buyer_id: Mapped[int] = mapped_column(BigInteger, index=True)
    status: Mapped[str] = mapped_column(String(16), default=NEW, index=True)
    quantity: Mapped[int] = mapped_column(Integer)
    unit_price: Mapped[int] = mapped_column(BigInteger)
    delivery_method: Mapped[str] = mapped_column(String(16))
    delivery_cost: Mapped[int] = mapped_column(BigInteger, default=0)
    # «پس‌کرایه»: sent by post, the postage paid by the buyer when the parcel arrives (not in total)
    postage_on_delivery: Mapped[bool] = mapped_column(default=False, server_default=false())
    total: Mapped[int] = mapped_column(BigInteger)
    receiver_name: Mapped[str] = mapped_column(String(80))
    address: Mapped[str | None] = mapped_column(Text)
    phone: Mapped[str] = mapped_column(String(16))
    note: Mapped[str | None] = mapped_column(Text)
    payment_method: Mapped[str | None] = mapped_column(String(8))
    card_number: Mapped[str | None] = mapped_column(String(19))  # shown to the buyer once accepted
    receipt_status: Mapped[str] = mapped_column(String(12), default=RECEIPT_NONE)
    receipt_file_id: Mapped[str | None] = mapped_column(String(256))
    tracking_code: Mapped[str | None] = mapped_column(String(64))
    reason: Mapped[str | None] = mapped_column(Text)  # why declined or cancelled
    cancelled_by: Mapped[str | None] = mapped_column(String(8))  # buyer / seller / trainer
    stock_taken: Mapped[bool] = mapped_column(default=False)
    accepted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    shipped_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    delivered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Reminders already given (derived from the database, so they survive restarts)
    seller_reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    trainers_alerted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    buyer_asked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class OrderMessage(Base):
    """What the two sides wrote to each other through the bot (kept for trainers)."""

    __tablename__ = "order_messages"

    id: Mapped[int] = mapped_column(_id_type(), primary_key=True, autoincrement=True)
    order_id: Mapped[int] = mapped_column(_id_type(), ForeignKey("orders.id", ondelete="CASCADE"), index=True)
    sender: Mapped[str] = mapped_column(String(8))  # buyer / seller / trainer
    kind: Mapped[str] = mapped_column(String(8))  # text / photo / voice
    text: Mapped[str | None] = mapped_column(Text)
    file_id: Mapped[str | None] = mapped_column(String(256))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class Review(Base):
    __tablename__ = "reviews"

    order_id: Mapped[int] = mapped_column(_id_type(), ForeignKey("orders.id", ondelete="CASCADE"), primary_key=True)
    listing_id: Mapped[int] = mapped_column(_id_type(), index=True)
    seller_id: Mapped[int] = mapped_column(BigInteger, index=True)
    buyer_id: Mapped[int] = mapped_column(BigInteger)
    rating: Mapped[int] = mapped_column(Integer)
    text: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
