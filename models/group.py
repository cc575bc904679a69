"""Hamyar groups and cooperatives, who is in them, which trainers follow them, and the
records of report mail already sent (the weekly digest, once per week)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    true,
)
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, UTCDateTime, utcnow
from models.listing import _id_type

HAMYAR, COOPERATIVE, OTHER = "hamyar", "coop", "other"
KINDS = (HAMYAR, COOPERATIVE, OTHER)


class HamyarGroup(Base):
    __tablename__ = "hamyar_groups"

    id: Mapped[int] = mapped_column(_id_type(), primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(80))
    # persian.squash(name): what free-text group names are matched against
    norm_name: Mapped[str] = mapped_column(String(80), index=True)
    kind: Mapped[str] = mapped_column(String(8), default=HAMYAR)
    city_code: Mapped[str] = mapped_column(String(48), index=True)
    district: Mapped[int | None] = mapped_column(Integer)
    join_code: Mapped[str] = mapped_column(String(16), unique=True)
    created_by: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class GroupMember(Base):
    """A seller's group: at most one; leaving deletes the row."""

    __tablename__ = "group_members"

    seller_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("sellers.user_id", ondelete="CASCADE"), primary_key=True
    )
    group_id: Mapped[int] = mapped_column(
        _id_type(), ForeignKey("hamyar_groups.id", ondelete="CASCADE"), index=True
    )
    # "link" (she opened the join link or typed the code), "matched" (her free-text group name
    # matched), "trainer" (a trainer confirmed the match)
    how: Mapped[str] = mapped_column(String(8), default="link")
    joined_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class GroupTrainer(Base):
    """A trainer who follows a group (her scope includes its members)."""

    __tablename__ = "group_trainers"

    group_id: Mapped[int] = mapped_column(
        _id_type(), ForeignKey("hamyar_groups.id", ondelete="CASCADE"), primary_key=True
    )
    trainer_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, index=True)


class ReportRun(Base):
    """One row per (kind, week) of mail already queued: the unique key makes a second
    instance, or the same one after a restart, skip the week."""

    __tablename__ = "report_runs"
    __table_args__ = (UniqueConstraint("kind", "week", name="uq_report_runs_kind_week"),)

    id: Mapped[int] = mapped_column(_id_type(), primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(16))  # "digest"
    week: Mapped[str] = mapped_column(String(10))  # the week's Saturday, ISO date
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class ReportCache(Base):
    """The report of a period that had ended when it was computed (report.py: CACHE_TTL), keyed
    by a hash of the scope, the period and what was computed."""

    __tablename__ = "report_cache"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    computed_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    payload: Mapped[str] = mapped_column(Text)


class ReportPrefs(Base):
    """A seller's choice about her weekly note (no row = on)."""

    __tablename__ = "report_prefs"

    user_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    weekly_note: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
