"""The weekly digest (Saturday 09:00 Tehran time, for the week that just ended): one message
to the trainers' group for everything, one to each trainer for her scope, and a short note to
each seller who has not turned it off. All through the outbox. A `report_runs` row, unique per
week, is taken first in the same transaction: after a restart, or on a second instance, the
insert finds the week taken and nothing is queued twice."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time
from typing import Any

from sqlalchemy import ColumnElement, and_, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from bot import outbox, persian
from bot.i18n import default_i18n
from bot.services.reports import render
from bot.services.reports.periods import LAST_WEEK, named
from bot.services.reports.report import build
from bot.services.reports.scope import EVERYTHING
from bot.services.runtime import current as runtime
from bot.services.users import user_locale
from models import listing as lm
from models import order as om
from models.base import utcnow
from models.group import ReportPrefs, ReportRun
from models.listing import Listing
from models.moderation import Trainer
from models.order import Order
from models.search import Favourite
from models.user import Seller, User

DIGEST = "digest"
SEND_AT = time(9, 0)  # Tehran time, on Saturday


def week_due(now: datetime) -> str | None:
    """The Saturday (ISO date) whose digest is due at `now`, or None before 09:00 that day."""
    local = persian.to_tehran(now)
    saturday, _ = persian.jalali_week_bounds(local.date())
    if local.date() == saturday and local.time() < SEND_AT:
        return None
    return saturday.isoformat()


async def _claim(session: AsyncSession, week: str) -> bool:
    dialect = session.get_bind().dialect.name
    values = dict(kind=DIGEST, week=week, created_at=utcnow())
    if dialect in ("sqlite", "postgresql"):
        if dialect == "sqlite":
            from sqlalchemy.dialects.sqlite import insert as sqlite_insert
            insert: Any = sqlite_insert
        else:
            from sqlalchemy.dialects.postgresql import insert as pg_insert
            insert = pg_insert
        stmt = (insert(ReportRun).values(**values)
                .on_conflict_do_nothing(index_elements=["kind", "week"]).returning(ReportRun.id))
        return (await session.execute(stmt)).scalar_one_or_none() is not None
    try:
        async with session.begin_nested():
            session.add(ReportRun(**values))
        return True
    except IntegrityError:
        return False


async def run_weekly(session: AsyncSession, now: datetime) -> bool:
    """Queue this week's digest and notes if they are due and nobody queued them yet."""
    week = week_due(now)
    if week is None or not await _claim(session, week):
        return False
    i18n = default_i18n()
    period = named(LAST_WEEK, now)
    if runtime.admin_chat_id is not None:
        report = await build(session, 0, period, now, breakdowns=(), scope=EVERYTHING)
        text = render.message(report, lambda k, **a: i18n.t(i18n.default, k, a), i18n.default)
        await _send(session, runtime.admin_chat_id, week, _digest(i18n, i18n.default, text))
    rows = (await session.execute(select(Trainer, User).join(User, User.id == Trainer.user_id))).all()
    for trainer, user in rows:
        if user.is_blocked:
            continue
        locale = user_locale(user)
        report = await build(session, trainer.user_id, period, now, breakdowns=())
        text = render.message(report, lambda k, _l=locale, **a: i18n.t(_l, k, a), locale)
        await _send(session, trainer.user_id, week, _digest(i18n, locale, text))
    for note in await seller_notes(session, period.start, period.end):
        t = lambda k, _l=note.locale, **a: i18n.t(_l, k, a)  # noqa: E731
        await _send(session, note.seller_id, week, note.text(t))
    return True


def _digest(i18n: Any, locale: str, text: str) -> str:
    """The head, the report's message, and where the rest is (/report: files and charts)."""
    return "\n".join((i18n.t(locale, "rep-digest-head", {}), text, "",
                      i18n.t(locale, "rep-digest-more", {})))


async def _send(session: AsyncSession, chat_id: int, week: str, text: str) -> None:
    await outbox.enqueue(session, chat_id, "sendMessage", {"text": text[:4000]},
                         dedupe_key=f"digest:{week}:{chat_id}")


@dataclass(frozen=True)
class SellerNote:
    seller_id: int
    locale: str
    orders: int
    sales: int
    waiting: int
    favourites: int

    def text(self, t: render.T) -> str:
        lines = [t("rep-note-head")]
        if self.orders:
            lines.append(t("rep-note-orders", count=self.orders))
        if self.sales:
            lines.append(t("rep-note-sales", amount=self.sales))
        if self.waiting:
            lines.append(t("rep-note-waiting", count=self.waiting))
        if self.favourites:
            lines.append(t("rep-note-favourites", count=self.favourites))
        lines.append(t("rep-note-off"))
        return "\n".join(lines)


async def seller_notes(session: AsyncSession, start: datetime, end: datetime) -> list[SellerNote]:
    """One note per seller who had something in the week and has not turned notes off; four
    GROUP BY queries for all sellers together."""
    def period(col: Any) -> ColumnElement[bool]:
        return and_(col >= start, col < end)

    orders = dict((await session.execute(
        select(Order.seller_id, func.count()).where(period(Order.created_at))
        .group_by(Order.seller_id))).all())
    sales = dict((await session.execute(
        select(Order.seller_id, func.sum(Order.quantity * Order.unit_price))
        .where(Order.status == om.COMPLETED, period(Order.completed_at))
        .group_by(Order.seller_id))).all())
    waiting = dict((await session.execute(
        select(Listing.seller_id, func.count()).where(Listing.status == lm.PENDING)
        .group_by(Listing.seller_id))).all())
    favs = dict((await session.execute(
        select(Listing.seller_id, func.count()).join(Favourite, Favourite.listing_id == Listing.id)
        .where(period(Favourite.created_at)).group_by(Listing.seller_id))).all())
    ids = set(orders) | set(sales) | set(waiting) | set(favs)
    if not ids:
        return []
    off = set(await session.scalars(select(ReportPrefs.user_id).where(
        ReportPrefs.weekly_note.is_(False))))
    users = {u.id: u for u in await session.scalars(
        select(User).join(Seller, Seller.user_id == User.id).where(User.id.in_(ids - off)))}
    return [SellerNote(sid, user_locale(u), int(orders.get(sid, 0)), int(sales.get(sid, 0) or 0),
                       int(waiting.get(sid, 0)), int(favs.get(sid, 0)))
            for sid, u in sorted(users.items()) if not u.is_blocked]


async def toggle_note(session: AsyncSession, user_id: int) -> bool:
    """Turn the seller's weekly note off if on, on if off; returns the new state."""
    row = await session.get(ReportPrefs, user_id)
    if row is None:
        row = ReportPrefs(user_id=user_id, weekly_note=True)
        session.add(row)
    row.weekly_note = not row.weekly_note
    return row.weekly_note


async def is_seller(session: AsyncSession, user_id: int) -> bool:
    return await session.get(Seller, user_id) is not None


async def note_state(session: AsyncSession, user_id: int) -> bool | None:
    """Whether the seller's weekly note is on (no row = on); None for someone who is not a
    seller: the note is for sellers only, so her settings have no such line."""
    if not await is_seller(session, user_id):
        return None
    row = await session.get(ReportPrefs, user_id)
    return True if row is None else bool(row.weekly_note)


async def set_note(session: AsyncSession, user_id: int, on: bool) -> bool | None:
    """Turn the seller's weekly note on or off (the same press twice leaves it as asked);
    returns the state now held, or None (nothing changed) for someone who is not a seller."""
    if not await is_seller(session, user_id):
        return None
    row = await session.get(ReportPrefs, user_id)
    if row is None:
        row = ReportPrefs(user_id=user_id, weekly_note=True)
        session.add(row)
    row.weekly_note = on
    await session.flush()
    return await note_state(session, user_id)


__all__ = ["note_state", "run_weekly", "seller_notes", "set_note", "toggle_note", "week_due"]
