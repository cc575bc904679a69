"""Trainers, their decisions on listings, and the admin-chat cards that show them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, TimestampMixin, UTCDateTime, utcnow
from models.listing import _id_type

APPROVE, REJECT, CHANGES, EDIT, ON_BEHALF, CONSENT = (
    "approve", "reject", "changes", "edit", "on_behalf", "consent")


class Trainer(TimestampMixin, Base):
    __tablename__ = "trainers"

    user_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    added_by: Mapped[int] = mapped_column(BigInteger)
    # Where she moderates: ["zanjan.abhar", "az_east.tabriz:3"]; empty means everywhere.
    scope: Mapped[list[str]] = mapped_column(JSON, default=list)


class Decision(Base):
    """Who decided what about a listing, and when: the moderation record."""

    __tablename__ = "moderation_decisions"

    id: Mapped[int] = mapped_column(_id_type(), primary_key=True, autoincrement=True)
    listing_id: Mapped[int] = mapped_column(
        _id_type(), ForeignKey("listings.id", ondelete="CASCADE"), index=True
    )
    round: Mapped[int] = mapped_column(Integer)
    trainer_id: Mapped[int] = mapped_column(BigInteger)
    action: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class AdminCard(Base):
    """The admin-chat messages of one review round of a listing."""

    __tablename__ = "admin_cards"

    listing_id: Mapped[int] = mapped_column(
        _id_type(), ForeignKey("listings.id", ondelete="CASCADE"), primary_key=True
    )
    round: Mapped[int] = mapped_column(Integer, primary_key=True)
    chat_id: Mapped[str] = mapped_column(String(64))
    card_message_id: Mapped[int | None] = mapped_column(BigInteger)
    media_message_ids: Mapped[list[Any]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
