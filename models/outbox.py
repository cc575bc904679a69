"""The durable outbox: Bot API calls to other people, written in the same transaction as the
change that caused them and delivered by `bot.outbox.worker.OutboxWorker`."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, TimestampMixin, UTCDateTime, utcnow

PENDING = "pending"
SENT = "sent"
FAILED = "failed"


class OutboxMessage(TimestampMixin, Base):
    __tablename__ = "outbox"
    __table_args__ = (
        Index("ix_outbox_status_next_attempt_at", "status", "next_attempt_at"),
        Index("ix_outbox_status_chat_id_id", "status", "chat_id", "id"),
        Index("ix_outbox_last_attempt_at", "last_attempt_at"),
        UniqueConstraint("dedupe_key", name="uq_outbox_dedupe_key"),
    )

    id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    )
    # str(int) for numeric chat ids, "@name" for public channels and supergroups.
    chat_id: Mapped[str] = mapped_column(String(64))
    # Any Bot API method: sendMessage, sendMediaGroup, editMessageText, deleteMessage, ...
    method: Mapped[str] = mapped_column(String(64))
    # The method's parameters except chat_id, JSON (reply_markup, media as dicts).
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    status: Mapped[str] = mapped_column(String(16), default=PENDING, server_default=PENDING)
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))
    # Transient failures (5xx, network) in a row; drives the backoff and the final give-up.
    failures: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))
    next_attempt_at: Mapped[datetime] = mapped_column(
        UTCDateTime(), default=utcnow, server_default=func.now()
    )
    # Set (and committed) just before the API call, cleared with its outcome: a row found
    # with claimed_at at start-up was in flight when the process died.
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_error: Mapped[str | None] = mapped_column(Text)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # message_id, a list of message_ids (sendMediaGroup), or true.
    result: Mapped[Any | None] = mapped_column(JSON(none_as_null=True), nullable=True)
    dedupe_key: Mapped[str | None] = mapped_column(String(128))
    on_sent: Mapped[str | None] = mapped_column(String(64))
    hook_args: Mapped[Any | None] = mapped_column(JSON(none_as_null=True), nullable=True)

    @property
    def chat(self) -> int | str:
        """chat_id as the Bot API takes it: an int, or "@name"."""
        try:
            return int(self.chat_id)
        except ValueError:
            return self.chat_id

    def __repr__(self) -> str:
        return (f"<OutboxMessage {self.id} {self.method} chat={self.chat_id} {self.status}"
                f" attempts={self.attempts}>")
