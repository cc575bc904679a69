"""Conversation state and drafts: what lets a conversation survive a restart."""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, BigInteger, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, TimestampMixin


class ConversationState(TimestampMixin, Base):
    """One row per (conversation name, PTB key); written by bot.persistence.DbPersistence."""

    __tablename__ = "conversation_states"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    key: Mapped[str] = mapped_column(String(128), primary_key=True)  # JSON of the key tuple
    state: Mapped[str] = mapped_column(Text)  # JSON of the state


class Draft(TimestampMixin, Base):
    """Answers given so far in a multi-step flow, saved at every step."""

    __tablename__ = "drafts"

    user_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    kind: Mapped[str] = mapped_column(String(32), primary_key=True)
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
