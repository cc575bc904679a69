"""People who have talked to the bot, and the sellers among them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, BigInteger, Boolean, ForeignKey, Integer, String, false, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, TimestampMixin, UTCDateTime


class User(TimestampMixin, Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    first_name: Mapped[str] = mapped_column(String(256))
    last_name: Mapped[str | None] = mapped_column(String(256))
    username: Mapped[str | None] = mapped_column(String(64))
    telegram_language: Mapped[str | None] = mapped_column(String(16))
    # The language chosen in the settings menu; None means "follow Telegram's language_code".
    locale: Mapped[str | None] = mapped_column(String(8))
    is_blocked: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    last_seen_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    seller: Mapped[Seller | None] = relationship(back_populates="user", lazy="raise")


class Seller(TimestampMixin, Base):
    __tablename__ = "sellers"

    user_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    name: Mapped[str] = mapped_column(String(80))
    phone: Mapped[str] = mapped_column(String(16), index=True)
    province_code: Mapped[str] = mapped_column(String(32))
    city_code: Mapped[str] = mapped_column(String(48), index=True)
    district: Mapped[int | None] = mapped_column(Integer)
    crafts: Mapped[list[str]] = mapped_column(JSON, default=list)
    group_name: Mapped[str | None] = mapped_column(String(80))
    # For card-to-card payments; shown to a buyer only after she accepts the order.
    card_number: Mapped[str | None] = mapped_column(String(19))
    registered_at: Mapped[datetime] = mapped_column(UTCDateTime())

    user: Mapped[User] = relationship(back_populates="seller", lazy="raise")


async def get_user(session: AsyncSession, user_id: int) -> User | None:
    return await session.get(User, user_id)


async def get_seller(session: AsyncSession, user_id: int) -> Seller | None:
    return await session.get(Seller, user_id)


async def find_sellers_by_phone(session: AsyncSession, phone: str) -> list[Seller]:
    return list((await session.scalars(select(Seller).where(Seller.phone == phone))).all())
