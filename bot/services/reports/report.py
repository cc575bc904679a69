"""A report: the figures over a scope and a period, one breakdown, the reasons, the median
time to a decision, the quiet sellers, the weekly series for the charts, and the names that
label each breakdown's rows."""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import astuple, dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import delete, insert, or_, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from bot import geo, persian
from bot.services.reports import figures as F
from bot.services.reports.periods import Period, weeks
from bot.services.reports.scope import Scope, scope_of
from models.group import GroupMember, HamyarGroup, ReportCache
from models.user import Seller

log = logging.getLogger(__name__)


@dataclass
class Report:
    period: Period
    scope: Scope
    now: datetime
    totals: dict[str, float]
    median_hours: float | None
    reasons: list[tuple[str, str, int]]
    quiet: list[F.QuietSeller]
    breakdowns: dict[str, dict[str, F.Values | None]] = field(default_factory=dict)
    median_by: dict[str, dict[F.Key, float | None]] = field(default_factory=dict)
    group_names: dict[int, str] = field(default_factory=dict)
    series: list[tuple[Period, float, float]] = field(default_factory=list)  # week, sales, active

    def median_hours_text(self, locale: str) -> str:
        return _decimal(self.median_hours or 0, locale)

    def rating_text(self, locale: str) -> str:
        return _decimal(self.totals.get("rating_avg") or 0, locale)

    def top_crafts(self, n: int = 3) -> list[tuple[str, float]]:
        by = (self.breakdowns.get(F.CRAFT) or {}).get("sales_toman") or {}
        ranked = sorted(((k[0], v) for k, v in by.items() if v and k[0]), key=lambda kv: -kv[1])
        return ranked[:n]

    def rows(self, breakdown: str) -> list[F.Key]:
        keys: set[F.Key] = set()
        for values in (self.breakdowns.get(breakdown) or {}).values():
            keys.update((values or {}).keys())
        return sorted(keys, key=lambda k: tuple("" if x is None else str(x) for x in k))

    def key_label(self, breakdown: str, key: F.Key, locale: str = "fa") -> str:
        latin = locale != "fa"
        if breakdown == F.AREA:
            city = geo.city(key[0])
            name = (city.en if latin else city.fa) if city else str(key[0])
            if key[1] is None:
                return name
            return f"{name} {key[1]}" if latin else f"{name} {persian.to_persian_digits(key[1])}"
        if breakdown == F.GROUP:
            return self.group_names.get(key[0], "—") if key[0] is not None else "—"
        if breakdown == F.CRAFT:
            craft = geo.craft(key[0])
            return (craft.en if latin else craft.fa) if craft else (key[0] or "—")
        return str(key[0])


def _decimal(x: float, locale: str) -> str:
    text = f"{x:.1f}".rstrip("0").rstrip(".")
    return persian.to_persian_digits(text).replace(".", "٫") if locale == "fa" else text


PARTITIONS = (F.AREA, F.GROUP, F.SELLER)  # breakdowns that put each seller in exactly one row
# A period that had ended when its report was computed is kept (table report_cache) and read
# back, for the same scope, period and content, until it is CACHE_TTL old; then computed again.
# A finished period's figures depend only on the rows (not on the time of asking), so what a
# stored report can miss is a change made after it was computed to rows of that period (an
# order of that week cancelled later, a listing of it submitted again): it shows within a day.
# The periods that have not ended (this week, this month, since the start, a typed range
# reaching today) are always computed afresh.
CACHE_TTL = timedelta(hours=24)


async def build(session: AsyncSession, user_id: int, period: Period, now: datetime, *,
                breakdowns: tuple[str, ...] = (F.AREA,), series: bool = False,
                scope: Scope | None = None, medians_by: bool = False,
                cache: bool = False) -> Report:
    """The report `user_id` may see (raises trainers.NotAllowed for anyone else);
    `medians_by`: the median per row of each breakdown too (for the files); `cache`: read and
    keep a finished period's report (CACHE_TTL; kept on a connection of its own, so only for a
    caller whose session has written nothing: on SQLite it would wait for that session)."""
    scope = scope or await scope_of(session, user_id)
    finished = cache and period.end <= now
    key = _cache_key(scope, period, breakdowns, series, medians_by)
    report = await _cached(session, key, period, scope, now) if finished else None
    if report is None:
        report = await _compute(session, scope, period, now, breakdowns, series, medians_by)
        if finished:
            await _store(session, key, report, now)
    report.group_names = dict((await session.execute(
        select(HamyarGroup.id, HamyarGroup.name))).all())
    return report


async def _compute(session: AsyncSession, scope: Scope, period: Period, now: datetime,
                   breakdowns: tuple[str, ...], series: bool, medians_by: bool) -> Report:
    q = F.Query(session, scope, period, now)
    by = {bd: await F.compute(F.Query(session, scope, period, now, bd)) for bd in breakdowns}
    part = next((bd for bd in breakdowns if bd in PARTITIONS), None)
    if part is not None:  # every seller is in one row: the totals are the rows' sums
        totals = {f.key: sum((by[part][f.key] or {}).values()) for f in F.FIGURES
                  if f.kind != "rating"}
        totals["rating_avg"] = (await F.figure(q, "rating_avg") or {}).get((), 0)
    elif F.CRAFT in breakdowns:  # every listing, decision, order and review is in one row
        totals = {k: (v or {}).get((), 0) for k, v in (await F.family(q, F.SELLERS)).items()}
        totals.update({f.key: sum((by[F.CRAFT][f.key] or {}).values()) for f in F.FIGURES
                       if f.kind != "rating" and f.family is not F.SELLERS})
        totals["rating_avg"] = (await F.figure(q, "rating_avg") or {}).get((), 0)
    else:
        totals = {k: (v or {}).get((), 0) for k, v in (await F.compute(q)).items()}
    median = (await F.decision_hours(q)).get(())
    report = Report(period, scope, now, totals, median, await F.reasons(q),
                    await F.quiet_sellers(q))
    for bd in breakdowns:
        report.breakdowns[bd] = by[bd]
        if medians_by and bd != F.SELLER:  # the sellers' sheet has no median column
            report.median_by[bd] = await F.decision_hours(F.Query(session, scope, period, now, bd))
    if series:
        for week in weeks(period, now):
            qw = F.Query(session, scope, week, now)
            sales = (await F.figure(qw, "sales_toman") or {}).get((), 0)
            active = (await F.figure(qw, "sellers_active") or {}).get((), 0)
            report.series.append((week, sales, active))
    return report


def _cache_key(scope: Scope, period: Period, breakdowns: tuple[str, ...], series: bool,
               medians_by: bool) -> str:
    what = [scope.everything, scope.places, scope.groups, period.start.isoformat(),
            period.end.isoformat(), breakdowns, series, medians_by]
    return hashlib.sha256(json.dumps(what).encode()).hexdigest()


def _values_out(values: dict[F.Key, Any] | None) -> list[list[Any]] | None:
    return None if values is None else [[list(k), v] for k, v in values.items()]


def _values_in(rows: list[list[Any]] | None) -> dict[F.Key, Any] | None:
    return None if rows is None else {tuple(k): v for k, v in rows}


def _day(d: date) -> str:
    return d.isoformat()


async def _store(session: AsyncSession, key: str, report: Report, now: datetime) -> None:
    """Kept on a connection of its own, committed at once (the caller's session only reads);
    a failure to keep it costs the next request a computation, nothing else."""
    payload = json.dumps({
        "totals": report.totals, "median": report.median_hours,
        "reasons": report.reasons, "quiet": [list(astuple(x)) for x in report.quiet],
        "breakdowns": {bd: {k: _values_out(v) for k, v in vals.items()}
                       for bd, vals in report.breakdowns.items()},
        "median_by": {bd: _values_out(v) for bd, v in report.median_by.items()},
        "series": [[w.code, w.start.isoformat(), w.end.isoformat(), _day(w.first_day),
                    _day(w.last_day), sales, active] for w, sales, active in report.series],
    }, ensure_ascii=False)
    engine = session.bind
    if not isinstance(engine, AsyncEngine):
        return
    try:
        async with engine.begin() as conn:
            await conn.execute(delete(ReportCache).where(
                or_(ReportCache.key == key, ReportCache.computed_at < now - CACHE_TTL)))
            await conn.execute(insert(ReportCache).values(key=key, computed_at=now,
                                                          payload=payload))
    except SQLAlchemyError as err:  # another request stored it first, or the database is busy
        log.info("report not kept: %s", err)


async def _cached(session: AsyncSession, key: str, period: Period, scope: Scope,
                  now: datetime) -> Report | None:
    row = (await session.execute(select(ReportCache.payload).where(
        ReportCache.key == key, ReportCache.computed_at > now - CACHE_TTL,
        ReportCache.computed_at <= now))).first()
    if row is None:
        return None
    p = json.loads(row[0])
    report = Report(period, scope, now, p["totals"], p["median"],
                    [(a, r, n) for a, r, n in p["reasons"]], [F.QuietSeller(*x) for x in p["quiet"]])
    report.breakdowns = {bd: {k: _values_in(v) for k, v in vals.items()}
                         for bd, vals in p["breakdowns"].items()}
    report.median_by = {bd: _values_in(v) or {} for bd, v in p["median_by"].items()}
    report.series = [(Period(code, datetime.fromisoformat(a), datetime.fromisoformat(b),
                             date.fromisoformat(c), date.fromisoformat(d)), sales, active)
                     for code, a, b, c, d, sales, active in p["series"]]
    return report


async def seller_rows(session: AsyncSession, report: Report) -> tuple[dict[int, Seller], dict[int, int]]:
    """The sellers of the report's SELLER breakdown, and their groups, for the sellers' sheet."""
    ids = [k[0] for k in report.rows(F.SELLER)]
    sellers: dict[int, Seller] = {}
    groups: dict[int, int] = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        sellers.update({s.user_id: s for s in await session.scalars(
            select(Seller).where(Seller.user_id.in_(chunk)))})
        groups.update(dict((await session.execute(select(GroupMember.seller_id, GroupMember.group_id)
                                                   .where(GroupMember.seller_id.in_(chunk)))).all()))
    return sellers, groups
