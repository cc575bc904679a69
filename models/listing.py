"""Listings (a seller's products) and their photos."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, ForeignKey, Integer, String, Text, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, TimestampMixin, UTCDateTime

# Status values, in the order a listing usually moves through them.
DRAFT = "draft"
PENDING = "pending"  # submitted, waiting for a trainer
NEEDS_CHANGES = "needs_changes"
PUBLISHED = "published"
SOLD_OUT = "sold_out"
PAUSED = "paused"
WITHDRAWN = "withdrawn"
REJECTED = "rejected"
AWAITING_SELLER = "awaiting_seller"  # entered by a trainer, waiting for the seller's yes
MERGED = "merged"  # an approved revision, copied onto the listing it revised
STATUSES = (DRAFT, PENDING, NEEDS_CHANGES, PUBLISHED, SOLD_OUT, PAUSED, WITHDRAWN, REJECTED,
            AWAITING_SELLER, MERGED)
# Visible to buyers (the channel post exists and the listing can be found).
PUBLIC = (PUBLISHED, SOLD_OUT)

IN_STOCK = "stock"
MADE_TO_ORDER = "made_to_order"

PICKUP, COURIER, POST = "pickup", "courier", "post"
DELIVERY_METHODS = (PICKUP, COURIER, POST)


def _id_type() -> Any:
    return BigInteger().with_variant(Integer, "sqlite")


class Listing(TimestampMixin, Base):
    __tablename__ = "listings"

    id: Mapped[int] = mapped_column(_id_type(), primary_key=True, autoincrement=True)
    seller_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("sellers.user_id", ondelete="CASCADE"), index=True
    )
    status: Mapped[str] = mapped_column(String(16), default=DRAFT, index=True)
    category: Mapped[str | None] = mapped_column(String(32))
    title: Mapped[str | None] = mapped_column(String(120))
    description: Mapped[str | None] = mapped_column(Text)
    voice_file_id: Mapped[str | None] = mapped_column(String(256))
    voice_duration: Mapped[int | None] = mapped_column(Integer)
    price: Mapped[int | None] = mapped_column(BigInteger)  # whole toman
    availability: Mapped[str | None] = mapped_column(String(16))
    stock: Mapped[int | None] = mapped_column(Integer)
    prep_days: Mapped[int | None] = mapped_column(Integer)
    # [{"method": "pickup" | "courier" | "post", "cost": int toman, 0 = free}]
    delivery: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    # Where the flow stands for a draft: {"step": ..., "editing": bool, ...}
    flow: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_by: Mapped[int | None] = mapped_column(BigInteger)  # who typed it in
    # Entered by a trainer: how the seller agreed ("seller" pressed confirm, "phone" told the
    # trainer by phone); None when she entered it herself.
    consent: Mapped[str | None] = mapped_column(String(16))
    review_round: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # The deep-link payload of its «سفارش» button: random, not a guessable sequence.
    public_code: Mapped[str | None] = mapped_column(String(16), unique=True)
    # The short number a buyer types or says on the phone (bot/services/codes.py): given when
    # first published, kept for good (never reused, shared numbering with the shops' numbers).
    short_code: Mapped[int | None] = mapped_column(Integer, unique=True)
    # Its post in the catalogue channel: the album's messages and the card with the button.
    channel_chat_id: Mapped[str | None] = mapped_column(String(64))
    channel_message_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    channel_card_message_id: Mapped[int | None] = mapped_column(BigInteger)
    # A published listing whose larger edit is under review: the listing this one replaces.
    replaces_id: Mapped[int | None] = mapped_column(_id_type(), ForeignKey("listings.id", ondelete="SET NULL"))
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    status_changed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    photos: Mapped[list[ListingPhoto]] = relationship(
        back_populates="listing",
        order_by="ListingPhoto.position",
        cascade="all, delete-orphan",
        lazy="selectin",
    )


class ListingPhoto(Base):
    __tablename__ = "listing_photos"

    id: Mapped[int] = mapped_column(_id_type(), primary_key=True, autoincrement=True)
    listing_id: Mapped[int] = mapped_column(
        _id_type(), ForeignKey("listings.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    file_id: Mapped[str] = mapped_column(String(256))
    file_unique_id: Mapped[str] = mapped_column(String(128))

    listing: Mapped[Listing] = relationship(back_populates="photos", lazy="raise")


async def current_draft(session: AsyncSession, seller_id: int) -> Listing | None:
    return await session.scalar(
        select(Listing)
        .where(Listing.seller_id == seller_id, Listing.status == DRAFT,
               (Listing.created_by == seller_id) | Listing.created_by.is_(None))
        .order_by(Listing.id.desc())
        .limit(1)
    )


async def seller_listings(session: AsyncSession, seller_id: int, limit: int = 50) -> list[Listing]:
    rows = await session.scalars(
        select(Listing)
        .where(Listing.seller_id == seller_id, Listing.status.not_in((DRAFT, MERGED)))
        .order_by(Listing.id.desc())
        .limit(limit)
    )
    return list(rows)
