"""Every report figure, each defined once: its name, what it counts (the README copies
`DEFINITIONS`), and the SQL aggregate that computes it over its family's rows.

A family is one table (sellers, listings, decisions, orders, reviews) with the rows that can
matter for the period; all the figures of a family are computed by ONE GROUP BY query, one
aggregate column each. A figure's value is a dict from the breakdown's key to a number: `()`
for the whole scope, `(city, district)` by area, `(group_id,)` by group (None = in no group),
`(craft,)` by craft (the listing's craft; figures about sellers have no single craft and give
None), `(seller_id,)` by seller. No loop over rows in Python.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Float,
    Select,
    and_,
    case,
    cast,
    func,
    literal,
    literal_column,
    or_,
    select,
)
from sqlalchemy.ext.asyncio import AsyncSession

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
DECIDED = (APPROVE, REJECT, CHANGES)

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

    def decided_in_period(self) -> ColumnElement[bool]:
        """The decision's time in the period. For a trainer on SQLite written `+created_at`,
        which SQLite cannot look up in an index: otherwise it reads every decision of the period
        by time and looks up its listing and seller, to keep the few of her sellers; this way
        it starts from her sellers (their index by city), their listings, their decisions."""
        col: Any = Decision.created_at
        if not self.scope.everything and self.session.get_bind().dialect.name == "sqlite":
            col = literal_column("+moderation_decisions.created_at", Decision.created_at.type)
        return self.in_period(col)

    def count_if(self, *cond: Any) -> Any:
        return func.sum(case((and_(*cond), 1), else_=0))

    def shape(self, stmt: Select[Any], seller_col: Any, category: Any | None,
              ) -> tuple[Select[Any], list[Any]] | None:
        """Join what the scope and the breakdown need; the key columns (None: no such
        breakdown for this family)."""
        bd = self.breakdown
        if bd == CRAFT and category is None:
            return None
        need_seller = bd == AREA or not self.scope.everything
        if need_seller and seller_col is not Seller.user_id:
            stmt = stmt.join(Seller, Seller.user_id == seller_col)
        if bd == GROUP or self.scope.needs_groups:
            stmt = stmt.outerjoin(GroupMember, GroupMember.seller_id == seller_col)
        by: dict[str, list[Any]] = {NONE: [], AREA: [Seller.city_code, Seller.district],
                                    GROUP: [GroupMember.group_id], SELLER: [seller_col],
                                    CRAFT: [category]}
        keys = by[bd]
        return stmt.where(self.scope.clause()), keys


@dataclass(frozen=True)
class Family:
    name: str
    # the rows: (FROM, the seller column, the craft column or None, the WHERE that keeps the
    # rows that can count in the period)
    rows: Callable[[Query], tuple[Any, Any, Any, list[Any]]]
    # every figure a count or a sum. On SQLite, for everything by area or group: summed per
    # seller first (for listings and orders a scan of their (seller, …) covering index), then
    # the sellers' sums joined to the seller's area or group and summed again (_family): one
    # look-up per seller instead of one per row, a sort of sellers, not of rows. Not for a
    # trainer (her sellers are few: one level starts from them) nor on PostgreSQL (it hash-joins
    # and hash-aggregates: one level is as fast)
    per_seller: bool = False


def _seller_rows(q: Query) -> tuple[Any, Any, Any, list[Any]]:
    return Seller, Seller.user_id, None, [Seller.registered_at < q.period.end]


def _listing_rows(q: Query) -> tuple[Any, Any, Any, list[Any]]:
    return Listing, Listing.seller_id, Listing.category, [q.in_period(Listing.submitted_at)]


def _decision_rows(q: Query) -> tuple[Any, Any, Any, list[Any]]:
    base = Decision.__table__.join(Listing.__table__, Listing.id == Decision.listing_id)
    return base, Listing.seller_id, Listing.category, [q.decided_in_period()]


def _order_rows(q: Query) -> tuple[Any, Any, Any, list[Any]]:
    # every event of an order (placed, accepted, completed, its last change) lies between its
    # creation and its last update: that window meeting the period keeps the rows that count
    base: Any = Order
    if q.breakdown == CRAFT:
        base = Order.__table__.join(Listing.__table__, Listing.id == Order.listing_id)
    return (base, Order.seller_id, Listing.category if q.breakdown == CRAFT else None,
            [Order.created_at < q.period.end, Order.updated_at >= q.period.start])


def _review_rows(q: Query) -> tuple[Any, Any, Any, list[Any]]:
    base: Any = Review
    if q.breakdown == CRAFT:
        base = Review.__table__.join(Listing.__table__, Listing.id == Review.listing_id)
    return (base, Review.seller_id, Listing.category if q.breakdown == CRAFT else None,
            [q.in_period(Review.created_at)])


SELLERS = Family("sellers", _seller_rows)
LISTINGS = Family("listings", _listing_rows, per_seller=True)
DECISIONS = Family("decisions", _decision_rows, per_seller=True)
ORDERS = Family("orders", _order_rows, per_seller=True)
REVIEWS = Family("reviews", _review_rows)


# -- the conditions that define the figures ---------------------------------------------------

def _stands() -> ColumnElement[bool]:  # an order not declined or cancelled
    return Order.status.not_in(NOT_SOLD)


def quiet_clause(q: Query) -> ColumnElement[bool]:
    # one probe per seller in the (seller, time) indexes of migration 0011, not a set of every
    # busy seller built per report
    since = q.quiet_since
    listed = select(literal(1)).where(Listing.seller_id == Seller.user_id, or_(
        Listing.submitted_at >= since, Listing.published_at >= since))
    sold = select(literal(1)).where(Order.seller_id == Seller.user_id, Order.created_at >= since,
                                    _stands())
    return and_(Seller.registered_at < since, ~listed.exists(), ~sold.exists())


def active_clause(q: Query) -> ColumnElement[bool]:
    published = select(literal(1)).where(Listing.seller_id == Seller.user_id,
                                         q.in_period(Listing.published_at))
    sold = select(literal(1)).where(Order.seller_id == Seller.user_id,
                                    q.in_period(Order.created_at), _stands())
    return or_(published.exists(), sold.exists())


def _completed(q: Query) -> list[Any]:
    return [Order.status == om.COMPLETED, q.in_period(Order.completed_at)]


@dataclass(frozen=True)
class Figure:
    key: str  # also the column name in the spreadsheet and CSV
    label: str  # locale key
    kind: str  # "count", "toman" or "rating"
    family: Family
    aggregate: Callable[[Query], Any]
    definition: str


FIGURES: tuple[Figure, ...] = (
    Figure("sellers_total", "rep-fig-sellers-total", "count", SELLERS, lambda q: func.count(),
           "sellers registered before the period's end"),
    Figure("sellers_new", "rep-fig-sellers-new", "count", SELLERS,
           lambda q: q.count_if(q.in_period(Seller.registered_at)),
           "sellers whose registration completed in the period"),
    Figure("sellers_active", "rep-fig-sellers-active", "count", SELLERS,
           lambda q: q.count_if(active_clause(q)),
           "sellers with a listing published in the period, or an order placed with them in "
           "the period that was not declined or cancelled"),
    Figure("sellers_quiet", "rep-fig-sellers-quiet", "count", SELLERS,
           lambda q: q.count_if(quiet_clause(q)),
           f"sellers registered more than {QUIET_DAYS} days before the period's end (or now, if "
           f"earlier) who in those last {QUIET_DAYS} days submitted or published no listing and "
           "got no order that stands (not declined or cancelled)"),
    Figure("listings_submitted", "rep-fig-listings-submitted", "count", LISTINGS,
           lambda q: func.count(), "listings whose latest submission for review falls in the period"),
    Figure("listings_approved", "rep-fig-listings-approved", "count", DECISIONS,
           lambda q: q.count_if(Decision.action == APPROVE),
           "approve decisions made by trainers in the period"),
    Figure("listings_rejected", "rep-fig-listings-rejected", "count", DECISIONS,
           lambda q: q.count_if(Decision.action == REJECT), "reject decisions made in the period"),
    Figure("listings_changes", "rep-fig-listings-changes", "count", DECISIONS,
           lambda q: q.count_if(Decision.action == CHANGES),
           "send-back-for-changes decisions made in the period"),
    Figure("orders_placed", "rep-fig-orders-placed", "count", ORDERS,
           lambda q: q.count_if(q.in_period(Order.created_at)),
           "orders placed (created) in the period"),
    Figure("orders_accepted", "rep-fig-orders-accepted", "count", ORDERS,
           lambda q: q.count_if(q.in_period(Order.accepted_at)),
           "orders the seller accepted in the period (by acceptance time)"),
    Figure("orders_declined", "rep-fig-orders-declined", "count", ORDERS,
           lambda q: q.count_if(Order.status == om.DECLINED, q.in_period(Order.updated_at)),
           "orders now declined whose last change falls in the period"),
    Figure("orders_cancelled", "rep-fig-orders-cancelled", "count", ORDERS,
           lambda q: q.count_if(Order.status == om.CANCELLED, q.in_period(Order.updated_at)),
           "orders now cancelled whose last change falls in the period"),
    Figure("orders_completed", "rep-fig-orders-completed", "count", ORDERS,
           lambda q: q.count_if(*_completed(q)),
           "orders completed in the period (by completion time)"),
    Figure("sales_toman", "rep-fig-sales", "toman", ORDERS,
           lambda q: func.sum(case((and_(*_completed(q)), Order.quantity * Order.unit_price),
                                   else_=0)),
           "sum of quantity × unit price (the goods, delivery apart) of the orders completed in "
           "the period, in whole toman"),
    Figure("rating_avg", "rep-fig-rating", "rating", REVIEWS, lambda q: func.avg(Review.rating),
           "mean of the 1–5 ratings given in the period (two decimals)"),
)
BY_KEY = {f.key: f for f in FIGURES}
DEFINITIONS = {f.key: f.definition for f in FIGURES}
MEDIAN_DEFINITION = ("median hours from a listing's latest submission to the trainer's decision "
                     "on it (approve, reject or send back), over the decisions made in the period")


async def _family(q: Query, family: Family, only: str | None = None) -> dict[str, Values] | None:
    figs = [f for f in FIGURES if f.family is family and only in (None, f.key)]
    base, seller_col, category, where = family.rows(q)
    if q.breakdown == CRAFT and category is None:
        return None
    if family.per_seller and q.breakdown in (AREA, GROUP) and q.scope.everything \
            and q.session.get_bind().dialect.name == "sqlite":
        # the same aggregates per seller, then their sums per key: all of a seller's rows are in
        # her area's (her group's) row, so the sums are equal
        inner = (select(seller_col.label("sid"), *(f.aggregate(q).label(f.key) for f in figs))
                 .select_from(base).where(*where).group_by(seller_col).subquery())
        shaped = q.shape(select(literal(0)).select_from(inner), inner.c.sid, None)
        assert shaped is not None
        stmt, keys = shaped
        stmt = stmt.with_only_columns(*keys, *(func.sum(inner.c[f.key]) for f in figs))
    else:
        shaped = q.shape(select(literal(0)).select_from(base), seller_col, category)
        assert shaped is not None
        stmt, keys = shaped
        stmt = stmt.with_only_columns(*keys, *(f.aggregate(q) for f in figs)).where(*where)
    if keys:
        stmt = stmt.group_by(*keys)
    out: dict[str, Values] = {f.key: {} for f in figs}
    for row in (await q.session.execute(stmt)).all():
        key = tuple(row[:len(keys)])
        for f, value in zip(figs, row[len(keys):], strict=True):
            if f.kind == "rating":
                if value is not None:
                    out[f.key][key] = round(float(value), 2)
            elif value:
                out[f.key][key] = int(value)
    if not keys:
        for f in figs:
            out[f.key].setdefault((), 0)
    return out


async def compute(q: Query) -> dict[str, Values | None]:
    """Every figure: one query per family."""
    values: dict[str, Values | None] = {}
    for family in (SELLERS, LISTINGS, DECISIONS, ORDERS, REVIEWS):
        got = await _family(q, family)
        for f in FIGURES:
            if f.family is family:
                values[f.key] = None if got is None else got[f.key]
    return values


async def family(q: Query, fam: Family) -> dict[str, Values | None]:
    """The figures of one family (its one query)."""
    got = await _family(q, fam)
    return {f.key: None if got is None else got[f.key] for f in FIGURES if f.family is fam}


async def figure(q: Query, key: str) -> Values | None:
    """One figure (its family's query)."""
    got = await _family(q, BY_KEY[key].family, only=key)
    return None if got is None else got[key]


async def decision_hours(q: Query) -> dict[Key, float | None]:
    """The median (MEDIAN_DEFINITION) per key, in SQL. PostgreSQL: percentile_cont(0.5), the
    mean of the two middle values when their number is even. SQLite has no percentile: for the
    whole scope the durations are kept once (a MATERIALIZED CTE), counted, and the middle one or
    two read by ORDER BY … LIMIT/OFFSET; per key (the files) row_number() over each key."""
    dialect = q.session.get_bind().dialect.name
    if dialect == "sqlite":
        hours: Any = (func.julianday(Decision.created_at) - func.julianday(Listing.submitted_at)) * 24
    else:
        hours = cast(func.extract("epoch", Decision.created_at - Listing.submitted_at), Float) / 3600
    base = Decision.__table__.join(Listing.__table__, Listing.id == Decision.listing_id)
    shaped = q.shape(select(literal(0)).select_from(base), Listing.seller_id, Listing.category)
    if shaped is None:
        return {}
    stmt, keys = shaped
    stmt = stmt.where(Decision.action.in_(DECIDED), q.decided_in_period(),
                      Decision.round == Listing.review_round, Listing.submitted_at.is_not(None),
                      Decision.created_at >= Listing.submitted_at)
    labelled = [k.label(f"k{i}") for i, k in enumerate(keys)]
    mid: Select[Any]
    if dialect != "sqlite":
        pct: Any = func.percentile_cont(0.5).within_group(hours)
        mid = stmt.with_only_columns(*labelled, pct)
        if keys:
            mid = mid.group_by(*keys)  # type: ignore[assignment]
    elif not keys:
        x = stmt.with_only_columns(hours.label("h")).cte("x").prefix_with("MATERIALIZED")
        n = select(func.count()).select_from(x).scalar_subquery()
        middle = select(x.c.h).order_by(x.c.h).limit(2 - n % 2).offset((n - 1) // 2).subquery()
        mid = select(func.avg(middle.c.h))
    else:
        inner = stmt.with_only_columns(
            *labelled, hours.label("h"),
            func.row_number().over(partition_by=keys, order_by=hours).label("rn"),
            func.count().over(partition_by=keys).label("n"),
        ).subquery()
        outer_keys = [inner.c[f"k{i}"] for i in range(len(keys))]
        mid = select(*outer_keys, func.avg(inner.c.h)).where(
            inner.c.rn.in_([(inner.c.n + 1) // 2, (inner.c.n + 2) // 2])).group_by(*outer_keys)
    rows = (await q.session.execute(mid)).all()
    return {tuple(r[:-1]): round(float(r[-1]), 1) for r in rows if r[-1] is not None}


async def reasons(q: Query) -> list[tuple[str, str, int]]:
    """(action, reason, count) of the reject and send-back decisions in the period."""
    stmt = select(Decision.action, Decision.reason, func.count())
    if not q.scope.everything:  # the listing's seller is in the scope
        base = Decision.__table__.join(Listing.__table__, Listing.id == Decision.listing_id)
        shaped = Query(q.session, q.scope, q.period, q.now).shape(
            select(literal(0)).select_from(base), Listing.seller_id, Listing.category)
        assert shaped is not None
        stmt = shaped[0].with_only_columns(Decision.action, Decision.reason, func.count())
    stmt = (stmt.where(Decision.action.in_((REJECT, CHANGES)), q.decided_in_period())
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


__all__ = ["AREA", "BREAKDOWNS", "BY_KEY", "CRAFT", "DEFINITIONS", "FIGURES", "GROUP",
           "MEDIAN_DEFINITION", "NONE", "SELLER", "SELLERS", "Figure", "Query", "QuietSeller", "compute",
           "decision_hours", "family", "figure", "quiet_sellers", "reasons"]
