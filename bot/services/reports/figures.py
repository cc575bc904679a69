"""Every report figure, each defined once: its name, what it counts (the README copies
`DEFINITIONS`), and the one SQL aggregate that computes it, grouped by a breakdown.

A figure's value is a dict from the breakdown's key to a number: `()` for the whole scope,
`(city, district)` by area, `(group_id,)` by group (None = in no group), `(craft,)` by craft
(the listing's craft; figures about sellers alone have no craft and give None), `(seller_id,)`
by seller. All are GROUP BY queries: no loop over rows in Python.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, exists, func, or_, select, union
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql import FromClause

from bot.services.reports.periods import Period
from bot.services.reports.scope import Scope
from models import order as om
from models.group import GroupMember
from models.listing import Listing
from models.moderation import APPROVE, CHANGES, REJECT, Decision
from models.order import Order, Review
from models.user import Seller

NONE, AREA, GROUP, CRAFT, SELLER = "none", "area", "group", "craft", "seller"
BREAKDOWNS = (AREA, CRAFT, GROUP)  # the ones offered by buttons and sheets
QUIET_DAYS = 30
NOT_SOLD = (om.DECLINED, om.CANCELLED)

Key = tuple[Any, ...]
Values = dict[Key, float]


@dataclass
class Query:
    session: AsyncSession
    scope: Scope
    period: Period
    now: datetime
    breakdown: str = NONE

    @property
    def quiet_since(self) -> datetime:
        return min(self.period.end, self.now) - timedelta(days=QUIET_DAYS)

    def in_period(self, col: Any) -> ColumnElement[bool]:
        return and_(col >= self.period.start, col < self.period.end)

    def keys(self, category: Any | None) -> list[Any] | None:
        if self.breakdown == NONE:
            return []
        if self.breakdown == AREA:
            return [Seller.city_code, Seller.district]
        if self.breakdown == GROUP:
            return [GroupMember.group_id]
        if self.breakdown == SELLER:
            return [Seller.user_id]
        return None if category is None else [category]

    async def grouped(self, agg: Any, base: FromClause | type, seller_col: Any, *where: Any,
                      category: Any | None = None) -> Values | None:
        keys = self.keys(category)
        if keys is None:
            return None
        stmt: Select[Any] = select(*keys, agg).select_from(base)
        if seller_col is not Seller.user_id:
            stmt = stmt.join(Seller, Seller.user_id == seller_col)
        if self.breakdown == GROUP or self.scope.needs_groups:
            stmt = stmt.outerjoin(GroupMember, GroupMember.seller_id == Seller.user_id)
        stmt = stmt.where(*where, self.scope.clause())
        if keys:
            stmt = stmt.group_by(*keys)
        rows = (await self.session.execute(stmt)).all()
        out: Values = {tuple(r[:-1]): (r[-1] or 0) for r in rows}
        if not keys and () not in out:
            out[()] = 0
        return out


def _orders(q: Query) -> tuple[FromClause | type, Any]:
    """Orders, joined to their listing when the breakdown is by craft."""
    if q.breakdown == CRAFT:
        return Order.__table__.join(Listing.__table__, Listing.id == Order.listing_id), Listing.category
    return Order, None


# -- the figures ------------------------------------------------------------------------------

async def sellers_total(q: Query) -> Values | None:
    return await q.grouped(func.count(), Seller, Seller.user_id, Seller.registered_at < q.period.end)


async def sellers_new(q: Query) -> Values | None:
    return await q.grouped(func.count(), Seller, Seller.user_id, q.in_period(Seller.registered_at))


def _active_rows(q: Query) -> Any:
    published = select(Listing.seller_id.label("sid"), Listing.category.label("cat")).where(
        q.in_period(Listing.published_at))
    sold = (select(Order.seller_id.label("sid"), Listing.category.label("cat"))
            .join(Listing, Listing.id == Order.listing_id)
            .where(q.in_period(Order.created_at), Order.status.not_in(NOT_SOLD)))
    return union(published, sold).subquery("active")


async def sellers_active(q: Query) -> Values | None:
    rows = _active_rows(q)
    return await q.grouped(func.count(func.distinct(rows.c.sid)), rows, rows.c.sid,
                           category=rows.c.cat)


def quiet_clause(q: Query) -> ColumnElement[bool]:
    since = q.quiet_since
    listed = exists().where(Listing.seller_id == Seller.user_id,
                            or_(Listing.submitted_at >= since, Listing.published_at >= since))
    sold = exists().where(Order.seller_id == Seller.user_id, Order.created_at >= since,
                          Order.status.not_in(NOT_SOLD))
    return and_(Seller.registered_at < since, ~listed, ~sold)


async def sellers_quiet(q: Query) -> Values | None:
    return await q.grouped(func.count(), Seller, Seller.user_id, quiet_clause(q))


async def listings_submitted(q: Query) -> Values | None:
    return await q.grouped(func.count(), Listing, Listing.seller_id,
                           q.in_period(Listing.submitted_at), category=Listing.category)


def _decisions(action: str) -> Callable[[Query], Awaitable[Values | None]]:
    async def count(q: Query) -> Values | None:
        base = Decision.__table__.join(Listing.__table__, Listing.id == Decision.listing_id)
        return await q.grouped(func.count(), base, Listing.seller_id, Decision.action == action,
                               q.in_period(Decision.created_at), category=Listing.category)
    return count


async def orders_placed(q: Query) -> Values | None:
    base, cat = _orders(q)
    return await q.grouped(func.count(), base, Order.seller_id, q.in_period(Order.created_at),
                           category=cat)


async def orders_accepted(q: Query) -> Values | None:
    base, cat = _orders(q)
    return await q.grouped(func.count(), base, Order.seller_id, q.in_period(Order.accepted_at),
                           category=cat)


def _ended(status: str) -> Callable[[Query], Awaitable[Values | None]]:
    async def count(q: Query) -> Values | None:
        base, cat = _orders(q)
        return await q.grouped(func.count(), base, Order.seller_id, Order.status == status,
                               q.in_period(Order.updated_at), category=cat)
    return count


def _completed(q: Query) -> list[ColumnElement[bool]]:
    return [Order.status == om.COMPLETED, q.in_period(Order.completed_at)]


async def orders_completed(q: Query) -> Values | None:
    base, cat = _orders(q)
    return await q.grouped(func.count(), base, Order.seller_id, *_completed(q), category=cat)


async def sales_toman(q: Query) -> Values | None:
    base, cat = _orders(q)
    return await q.grouped(func.sum(Order.quantity * Order.unit_price), base, Order.seller_id,
                           *_completed(q), category=cat)


async def rating_avg(q: Query) -> Values | None:
    base: Any = Review
    cat = None
    if q.breakdown == CRAFT:
        base, cat = Review.__table__.join(Listing.__table__, Listing.id == Review.listing_id), Listing.category
    values = await q.grouped(func.avg(Review.rating), base, Review.seller_id,
                             q.in_period(Review.created_at), category=cat)
    return None if values is None else {k: round(float(v), 2) for k, v in values.items()}


@dataclass(frozen=True)
class Figure:
    key: str  # also the column name in the spreadsheet and CSV
    label: str  # locale key
    kind: str  # "count", "toman" or "rating"
    definition: str
    compute: Callable[[Query], Awaitable[Values | None]]


FIGURES: tuple[Figure, ...] = (
    Figure("sellers_total", "rep-fig-sellers-total", "count",
           "sellers registered before the period's end", sellers_total),
    Figure("sellers_new", "rep-fig-sellers-new", "count",
           "sellers whose registration completed in the period", sellers_new),
    Figure("sellers_active", "rep-fig-sellers-active", "count",
           "sellers with a listing published in the period, or an order placed with them in "
           "the period that was not declined or cancelled", sellers_active),
    Figure("sellers_quiet", "rep-fig-sellers-quiet", "count",
           f"sellers registered more than {QUIET_DAYS} days before the period's end (or now, if "
           f"earlier) who in those last {QUIET_DAYS} days submitted or published no listing and "
           "got no order that stands (not declined or cancelled)", sellers_quiet),
    Figure("listings_submitted", "rep-fig-listings-submitted", "count",
           "listings whose latest submission for review falls in the period", listings_submitted),
    Figure("listings_approved", "rep-fig-listings-approved", "count",
           "approve decisions made by trainers in the period", _decisions(APPROVE)),
    Figure("listings_rejected", "rep-fig-listings-rejected", "count",
           "reject decisions made in the period", _decisions(REJECT)),
    Figure("listings_changes", "rep-fig-listings-changes", "count",
           "send-back-for-changes decisions made in the period", _decisions(CHANGES)),
    Figure("orders_placed", "rep-fig-orders-placed", "count",
           "orders placed (created) in the period", orders_placed),
    Figure("orders_accepted", "rep-fig-orders-accepted", "count",
           "orders the seller accepted in the period (by acceptance time)", orders_accepted),
    Figure("orders_declined", "rep-fig-orders-declined", "count",
           "orders now declined whose last change falls in the period", _ended(om.DECLINED)),
    Figure("orders_cancelled", "rep-fig-orders-cancelled", "count",
           "orders now cancelled whose last change falls in the period", _ended(om.CANCELLED)),
    Figure("orders_completed", "rep-fig-orders-completed", "count",
           "orders completed in the period (by completion time)", orders_completed),
    Figure("sales_toman", "rep-fig-sales", "toman",
           "sum of quantity × unit price (the goods, delivery apart) of the orders completed in "
           "the period, in whole toman", sales_toman),
    Figure("rating_avg", "rep-fig-rating", "rating",
           "mean of the 1–5 ratings given in the period (two decimals)", rating_avg),
)
BY_KEY = {f.key: f for f in FIGURES}
DEFINITIONS = {f.key: f.definition for f in FIGURES}

DECIDED = (APPROVE, REJECT, CHANGES)


async def decision_hours(q: Query) -> dict[Key, float | None]:
    """Median hours from a listing's (latest) submission to the decision on it, for decisions
    in the period; one row per decision is read (the period's, not the table's)."""
    keys = q.keys(Listing.category) or []
    stmt = (select(*keys, Decision.created_at, Listing.submitted_at)
            .select_from(Decision.__table__.join(Listing.__table__, Listing.id == Decision.listing_id))
            .join(Seller, Seller.user_id == Listing.seller_id))
    if q.breakdown == GROUP or q.scope.needs_groups:
        stmt = stmt.outerjoin(GroupMember, GroupMember.seller_id == Seller.user_id)
    stmt = stmt.where(Decision.action.in_(DECIDED), q.in_period(Decision.created_at),
                      Decision.round == Listing.review_round, Listing.submitted_at.is_not(None),
                      q.scope.clause())
    spans: dict[Key, list[float]] = {}
    for row in (await q.session.execute(stmt)).all():
        *key, decided, submitted = row
        if decided >= submitted:
            spans.setdefault(tuple(key), []).append((decided - submitted).total_seconds() / 3600)
    return {k: _median(v) for k, v in spans.items()}


def _median(values: list[float]) -> float | None:
    if not values:
        return None
    v = sorted(values)
    mid = len(v) // 2
    return round(v[mid] if len(v) % 2 else (v[mid - 1] + v[mid]) / 2, 1)


async def reasons(q: Query) -> list[tuple[str, str, int]]:
    """(action, reason, count) of the reject and send-back decisions in the period."""
    stmt = (select(Decision.action, Decision.reason, func.count())
            .select_from(Decision.__table__.join(Listing.__table__, Listing.id == Decision.listing_id))
            .join(Seller, Seller.user_id == Listing.seller_id))
    if q.scope.needs_groups:
        stmt = stmt.outerjoin(GroupMember, GroupMember.seller_id == Seller.user_id)
    stmt = (stmt.where(Decision.action.in_((REJECT, CHANGES)), q.in_period(Decision.created_at),
                       q.scope.clause())
            .group_by(Decision.action, Decision.reason).order_by(func.count().desc()))
    return [(a, r or "", int(n)) for a, r, n in (await q.session.execute(stmt)).all()]


@dataclass(frozen=True)
class QuietSeller:
    seller_id: int
    name: str
    phone: str
    city_code: str
    district: int | None
    group_id: int | None


async def quiet_sellers(q: Query, limit: int = 500) -> list[QuietSeller]:
    stmt = (select(Seller.user_id, Seller.name, Seller.phone, Seller.city_code, Seller.district,
                   GroupMember.group_id)
            .outerjoin(GroupMember, GroupMember.seller_id == Seller.user_id)
            .where(quiet_clause(q), q.scope.clause())
            .order_by(Seller.city_code, Seller.district, Seller.name).limit(limit))
    return [QuietSeller(*r) for r in (await q.session.execute(stmt)).all()]


async def compute(q: Query) -> dict[str, Values | None]:
    return {f.key: await f.compute(q) for f in FIGURES}


__all__ = ["AREA", "BREAKDOWNS", "BY_KEY", "CRAFT", "DEFINITIONS", "FIGURES", "GROUP", "NONE",
           "SELLER", "Figure", "Query", "QuietSeller", "compute", "decision_hours",
           "quiet_sellers", "reasons"]
