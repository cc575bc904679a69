"""What buyers see of the catalogue: the search index of public listings, favourites, the
buyer's own city, and shop links.

`ListingSearch` holds one row per *public* listing (published or sold out) and nothing else,
so a listing that is not public cannot be found even by a query that forgets to check the
status. ``title`` and ``body`` are normalised word lists (see `bot.services.search`); on
SQLite the FTS5 table ``listing_fts`` indexes them (kept in sync by triggers created in the
migration), on PostgreSQL a pg_trgm GIN index on ``body`` serves ``LIKE '% word%'``.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    ForeignKey,
    Index,
    Integer,
    SmallInteger,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, UTCDateTime, utcnow


def _listing_id_type() -> BigInteger:
    return BigInteger().with_variant(Integer, "sqlite")


class ListingSearch(Base):
    __tablename__ = "listing_search"
    __table_args__ = (
        Index("ix_listing_search_rank_sort", "status_rank", "sort_at"),
        Index("ix_listing_search_category_rank_sort", "category", "status_rank", "sort_at"),
        Index("ix_listing_search_category_rank_price", "category", "status_rank", "price"),
        Index("ix_listing_search_city_rank_sort", "city_code", "status_rank", "sort_at"),
        Index("ix_listing_search_seller_rank_sort", "seller_id", "status_rank", "sort_at"),
    )

    listing_id: Mapped[int] = mapped_column(
        _listing_id_type(), ForeignKey("listings.id", ondelete="CASCADE"), primary_key=True,
        autoincrement=False,
    )
    seller_id: Mapped[int] = mapped_column(BigInteger)
    category: Mapped[str | None] = mapped_column(String(32))
    city_code: Mapped[str | None] = mapped_column(String(48))
    # Delivery by post: it reaches any city. Courier and pickup only the seller's own city.
    posts: Mapped[bool] = mapped_column(Boolean, default=False)
    price: Mapped[int | None] = mapped_column(BigInteger)
    # 0 published, 1 sold out: sold-out listings come after the ones that can be ordered.
    status_rank: Mapped[int] = mapped_column(SmallInteger, default=0)
    sort_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    title: Mapped[str] = mapped_column(Text, default="")
    body: Mapped[str] = mapped_column(Text, default="")


class Favourite(Base):
    __tablename__ = "favourites"

    user_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    listing_id: Mapped[int] = mapped_column(
        _listing_id_type(), ForeignKey("listings.id", ondelete="CASCADE"), primary_key=True,
        index=True,
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # The price she was last told about (when saving, or the last price-drop message): she
    # hears of a drop only below it, so a price that goes down, up and down again is one message.
    notified_price: Mapped[int | None] = mapped_column(BigInteger)


class BuyerPrefs(Base):
    __tablename__ = "buyer_prefs"

    user_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    city_code: Mapped[str | None] = mapped_column(String(48))
    # Her last search, for the next/previous buttons (callback data cannot hold the words).
    last_query: Mapped[str | None] = mapped_column(String(256))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)


class ShopLink(Base):
    __tablename__ = "shop_links"

    seller_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("sellers.user_id", ondelete="CASCADE"), primary_key=True
    )
    code: Mapped[str] = mapped_column(String(16), unique=True)
    # Her shop's number, typed like a listing's (bot/services/codes.py; one numbering for both).
    short_code: Mapped[int | None] = mapped_column(Integer, unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
