"""What handlers call for /report: who may see a report, the report for a button's period and
breakdown, its files and its charts. Each call checks the caller's scope again."""

from __future__ import annotations

import asyncio
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.services import trainers
from bot.services.reports import charts, exports
from bot.services.reports import figures as F
from bot.services.reports.periods import from_code
from bot.services.reports.render import T
from bot.services.reports.report import Report, build, seller_rows
from bot.services.reports.scope import scope_of


class BadPeriod(ValueError):
    """A button's period that cannot be read back (forged or from an old version)."""


async def may_report(session: AsyncSession, user_id: int) -> bool:
    try:
        await scope_of(session, user_id)
    except trainers.NotAllowed:
        return False
    return True


async def report_for(session: AsyncSession, user_id: int, period_code: str, breakdown: str,
                     now: datetime) -> Report:
    """Raises trainers.NotAllowed or BadPeriod."""
    period = from_code(period_code, now)
    if period is None:
        raise BadPeriod(period_code)
    return await build(session, user_id, period, now, breakdowns=(breakdown,), cache=True)


async def files_for(session: AsyncSession, user_id: int, period_code: str, now: datetime,
                    t: T, locale: str) -> tuple[bytes, bytes]:
    """(XLSX, CSV) with every breakdown and the sellers' list."""
    period = from_code(period_code, now)
    if period is None:
        raise BadPeriod(period_code)
    report = await build(session, user_id, period, now, breakdowns=(*F.BREAKDOWNS, F.SELLER),
                         medians_by=True, cache=True)
    sellers, groups = await seller_rows(session, report)
    return (exports.xlsx(report, sellers, groups, t, locale), exports.csv_bytes(report, t, locale))


async def charts_for(session: AsyncSession, user_id: int, period_code: str, breakdown: str,
                     now: datetime, t: T, locale: str) -> list[tuple[str, bytes]]:
    """[(title, PNG)]: the weekly chart and sales by the breakdown (drawn in a thread)."""
    period = from_code(period_code, now)
    if period is None:
        raise BadPeriod(period_code)
    report = await build(session, user_id, period, now, breakdowns=(breakdown,), series=True,
                         cache=True)
    weekly = await asyncio.to_thread(charts.weekly, report, t, locale)
    figure = "sales_toman" if any((report.breakdowns[breakdown].get("sales_toman") or {}).values()) \
        else "sellers_active"
    bars = await asyncio.to_thread(charts.bars, report, breakdown, figure, t, locale)
    return [(t("rep-chart-weekly-title"), weekly), (t(F.BY_KEY[figure].label), bars)]
