"""The report's short message, in the reader's language (used by /report and the digest), and
the words every rendering shares: the period's dates and the name of a breakdown's row."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from bot import geo, persian
from bot.services.reports import figures as F
from bot.services.reports.periods import ALL, NAMED, Period
from bot.services.reports.report import Report

T = Callable[..., str]
MAX_QUIET_SHOWN = 10


def _day(d: date, locale: str, *, month: bool = True, year: bool = True) -> str:
    j = persian.to_jalali(d)
    names = persian.JALALI_MONTHS_FA if locale == "fa" else persian.JALALI_MONTHS_EN
    parts = [str(j.day)] + ([names[j.month - 1]] if month else []) + ([str(j.year)] if year else [])
    text = " ".join(parts)
    return persian.to_persian_digits(text) if locale == "fa" else text


def dates(period: Period, t: T, locale: str, now: datetime) -> str:
    """«۱ تا ۳۰ آبان ۱۴۰۵», «۳۰ آبان تا ۶ آذر ۱۴۰۵», «۱ آذر ۱۴۰۵ تا امروز»; "" since the start.
    A period that runs past today ends at today: the figures stop there too."""
    if period.code == ALL:
        return ""
    today = persian.to_tehran(now).date()
    first, last = period.first_day, period.last_day
    if first <= today < last:
        if first == today:
            return t("rep-dates-today", date=_day(first, locale))
        return t("rep-dates-to-today", start=_day(first, locale))
    if first == last:
        return _day(first, locale)
    a, b = persian.to_jalali(first), persian.to_jalali(last)
    same_year, same_month = a.year == b.year, (a.year, a.month) == (b.year, b.month)
    start = _day(first, locale, month=not same_month, year=not same_year)
    return t("rep-dates", start=start, end=_day(last, locale))


def period_words(period: Period, t: T, locale: str, now: datetime) -> str:
    """«ماه پیش (۱ تا ۳۰ آبان ۱۴۰۵)», «از اول تا امروز», or the typed days alone."""
    if period.code == ALL:
        return t("rep-period-all")
    when = dates(period, t, locale, now)
    if period.code in NAMED:
        return t("rep-period-named", name=t(f"rep-btn-{period.code}"), dates=when)
    return when


def title(report: Report, t: T, locale: str) -> str:
    return t("rep-title", period=period_words(report.period, t, locale, report.now))


def row_label(report: Report, breakdown: str, key: F.Key, t: T, locale: str) -> str:
    """The name of a breakdown's row; the sellers in no group are «بدون گروه», not a dash."""
    if breakdown == F.GROUP and (not key or key[0] is None or key[0] not in report.group_names):
        return t("rep-bd-no-group")
    return report.key_label(breakdown, key, locale)


def _join(parts: list[str], locale: str) -> str:
    return ("، " if locale == "fa" else ", ").join(parts)


def _events(head: str, parts: list[tuple[str, int]], t: T, locale: str) -> str:
    """«🛒 ۳ سفارش تازه؛ در همین مدت ۱ سفارش پذیرفته شد، …»: the parts that are not zero."""
    said = [t(key, count=n) for key, n in parts if n]
    return t("rep-then", head=head, parts=_join(said, locale)) if said else head


def message(report: Report, t: T, locale: str, *, scope_name: str | None = None) -> str:
    v = report.totals
    n = lambda key: int(v.get(key) or 0)  # noqa: E731
    lines = [title(report, t, locale)]
    if scope_name:
        lines.append(t("rep-scope", name=scope_name))
    lines.append(t("rep-sellers", total=n("sellers_total"), new=n("sellers_new")))
    lines.append(t("rep-active", count=n("sellers_active")))
    lines.append(_events(t("rep-listings", count=n("listings_submitted")), [
        ("rep-listings-approved", n("listings_approved")),
        ("rep-listings-rejected", n("listings_rejected")),
        ("rep-listings-changes", n("listings_changes"))], t, locale))
    if report.median_hours is not None:
        lines.append(t("rep-median", hours=report.median_hours_text(locale)))
    lines.append(_events(t("rep-orders", count=n("orders_placed")), [
        ("rep-orders-accepted", n("orders_accepted")),
        ("rep-orders-declined", n("orders_declined")),
        ("rep-orders-cancelled", n("orders_cancelled")),
        ("rep-orders-completed", n("orders_completed"))], t, locale))
    sales = n("sales_toman")
    lines.append(t("rep-sales", amount=sales) if sales else t("rep-sales-none"))
    if v.get("rating_avg"):
        lines.append(t("rep-rating", rating=report.rating_text(locale)))
    top = report.top_crafts()
    if top:
        lines.append(t("rep-top-crafts", crafts=_join([_craft(c, locale) for c, _ in top], locale)))
    if report.reasons:
        reason, count = report.reasons[0][1], report.reasons[0][2]
        lines.append(t("rep-top-reason", reason=reason, count=count))
    if report.quiet:
        shown = report.quiet[:MAX_QUIET_SHOWN]
        lines.append(t("rep-quiet-head", count=len(report.quiet)))
        lines += [f"• {q.name} — \u2066{q.phone}\u2069" for q in shown]
        if len(report.quiet) > len(shown):
            lines.append(t("rep-quiet-more", count=len(report.quiet) - len(shown)))
    return "\n".join(lines)


def _craft(code: str, locale: str) -> str:
    c = geo.craft(code)
    return (c.fa if locale == "fa" else c.en) if c else code


BREAKDOWN_NAMES = {"area": "rep-bd-area", "craft": "rep-bd-craft", "group": "rep-bd-group"}


def breakdown_lines(report: Report, breakdown: str, t: T, locale: str, limit: int = 8) -> str:
    """The largest rows of one breakdown, by sales then active sellers (or, for crafts, which
    have no sellers of their own, by products sent for review); «۰ تومان» is never shown."""
    values = report.breakdowns.get(breakdown) or {}
    by_seller = values.get("sellers_active") is not None
    first = values.get("sellers_active" if by_seller else "listings_submitted") or {}
    orders = values.get("orders_placed") or {}
    sales = values.get("sales_toman") or {}
    keys = sorted(report.rows(breakdown), key=lambda k: (-sales.get(k, 0), -first.get(k, 0)))
    if not keys:
        return ""
    lines = [t("rep-by-head", name=t(BREAKDOWN_NAMES[breakdown]))]
    for key in keys[:limit]:
        name = row_label(report, breakdown, key, t, locale)
        a, o, s = int(first.get(key, 0)), int(orders.get(key, 0)), int(sales.get(key, 0) or 0)
        if not (a or o or s):
            lines.append(t("rep-by-line-nothing", name=name))
            continue
        line = t("rep-by-line" if by_seller else "rep-by-line-craft", name=name, count=a, orders=o)
        lines.append(t("rep-by-line-sales", line=line, sales=s) if s else line)
    if len(keys) > limit:
        lines.append(t("rep-by-more", count=len(keys) - limit))
    return "\n".join(lines)
