"""A report: the figures over a scope and a period, one breakdown, the reasons, the median
time to a decision, the quiet sellers, the weekly series for the charts, and the names that
label each breakdown's rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot import geo, persian
from bot.services.reports import figures as F
from bot.services.reports.periods import Period, weeks
from bot.services.reports.scope import Scope, scope_of
from models.group import GroupMember, HamyarGroup
from models.user import Seller


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


async def build(session: AsyncSession, user_id: int, period: Period, now: datetime, *,
                breakdowns: tuple[str, ...] = (F.AREA,), series: bool = False,
                scope: Scope | None = None, medians_by: bool = False) -> Report:
    """The report `user_id` may see (raises trainers.NotAllowed for anyone else);
    `medians_by`: the median per row of each breakdown too (for the files)."""
    scope = scope or await scope_of(session, user_id)
    q = F.Query(session, scope, period, now)
    by = {bd: await F.compute(F.Query(session, scope, period, now, bd)) for bd in breakdowns}
    part = next((bd for bd in breakdowns if bd in PARTITIONS), None)
    if part is not None:  # every seller is in one row: the totals are the rows' sums
        totals = {f.key: sum((by[part][f.key] or {}).values()) for f in F.FIGURES
                  if f.kind != "rating"}
        totals["rating_avg"] = (await F.figure(q, "rating_avg") or {}).get((), 0)
    else:
        totals = {k: (v or {}).get((), 0) for k, v in (await F.compute(q)).items()}
    median = (await F.decision_hours(q)).get(())
    report = Report(period, scope, now, totals, median, await F.reasons(q),
                    await F.quiet_sellers(q))
    for bd in breakdowns:
        report.breakdowns[bd] = by[bd]
        if medians_by:
            report.median_by[bd] = await F.decision_hours(F.Query(session, scope, period, now, bd))
    report.group_names = dict((await session.execute(
        select(HamyarGroup.id, HamyarGroup.name))).all())
    if series:
        for week in weeks(period, now):
            qw = F.Query(session, scope, week, now)
            sales = (await F.figure(qw, "sales_toman") or {}).get((), 0)
            active = (await F.figure(qw, "sellers_active") or {}).get((), 0)
            report.series.append((week, sales, active))
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
