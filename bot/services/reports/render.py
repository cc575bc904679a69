"""The report's short message, in the reader's language (used by /report and the digest)."""

from __future__ import annotations

from collections.abc import Callable

from bot import geo
from bot.services.reports.report import Report

T = Callable[..., str]
MAX_QUIET_SHOWN = 10


def message(report: Report, t: T, locale: str, *, scope_name: str | None = None) -> str:
    v = report.totals
    lines = [t("rep-title-all") if report.period.code == "all"
             else t("rep-title", period=report.period.label(latin=locale != "fa"))]
    if scope_name:
        lines.append(t("rep-scope", name=scope_name))
    lines.append(t("rep-sellers", total=int(v["sellers_total"]), new=int(v["sellers_new"]),
                   active=int(v["sellers_active"]), quiet=int(v["sellers_quiet"])))
    lines.append(t("rep-listings", submitted=int(v["listings_submitted"]),
                   approved=int(v["listings_approved"]), rejected=int(v["listings_rejected"]),
                   changes=int(v["listings_changes"])))
    if report.median_hours is not None:
        lines.append(t("rep-median", hours=report.median_hours_text(locale)))
    lines.append(t("rep-orders", placed=int(v["orders_placed"]), accepted=int(v["orders_accepted"]),
                   declined=int(v["orders_declined"]), cancelled=int(v["orders_cancelled"]),
                   completed=int(v["orders_completed"])))
    sales = int(v["sales_toman"])
    lines.append(t("rep-sales", amount=sales) if sales else t("rep-sales-none"))
    if v.get("rating_avg"):
        lines.append(t("rep-rating", rating=report.rating_text(locale)))
    top = report.top_crafts()
    if top:
        names = "، ".join(_craft(c, locale) for c, _ in top) if locale == "fa" else \
            ", ".join(_craft(c, locale) for c, _ in top)
        lines.append(t("rep-top-crafts", crafts=names))
    if report.reasons:
        reason, count = report.reasons[0][1], report.reasons[0][2]
        lines.append(t("rep-top-reason", reason=reason, count=count))
    if report.quiet:
        shown = report.quiet[:MAX_QUIET_SHOWN]
        lines.append(t("rep-quiet-head", count=len(report.quiet)))
        lines += [f"• {q.name} — \u2066{q.phone}\u2069" for q in shown]
    return "\n".join(lines)


def _craft(code: str, locale: str) -> str:
    c = geo.craft(code)
    return (c.fa if locale == "fa" else c.en) if c else code


BREAKDOWN_NAMES = {"area": "rep-bd-area", "craft": "rep-bd-craft", "group": "rep-bd-group"}


def breakdown_lines(report: Report, breakdown: str, t: T, locale: str, limit: int = 8) -> str:
    """The largest rows of one breakdown, by sales then active sellers."""
    values = report.breakdowns.get(breakdown) or {}
    active = values.get("sellers_active") or {}
    orders = values.get("orders_placed") or {}
    sales = values.get("sales_toman") or {}
    keys = sorted(report.rows(breakdown), key=lambda k: (-sales.get(k, 0), -active.get(k, 0)))
    if not keys:
        return ""
    lines = [t("rep-by-head", name=t(BREAKDOWN_NAMES[breakdown]))]
    for key in keys[:limit]:
        lines.append(t("rep-by-line", name=report.key_label(breakdown, key, locale),
                       active=int(active.get(key, 0)), orders=int(orders.get(key, 0)),
                       sales=int(sales.get(key, 0))))
    return "\n".join(lines)
