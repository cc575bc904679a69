"""The report as a spreadsheet (XLSX: a summary sheet, one sheet per breakdown, the sellers'
list; numbers as numbers, Jalali dates) and as CSV that Excel opens correctly (UTF-8 with a
BOM). `t(key)` gives the column titles in the reader's language."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from typing import Any

from bot import geo, persian
from bot.services.reports import figures as F
from bot.services.reports.periods import ALL
from bot.services.reports.render import row_label
from bot.services.reports.report import Report
from models.user import Seller

Translate = Callable[[str], str]
SHEET_KEYS = {F.AREA: "rep-bd-area", F.CRAFT: "rep-bd-craft", F.GROUP: "rep-bd-group"}


def _value(v: Any) -> Any:
    return None if v is None else (int(v) if float(v).is_integer() else float(v))


def _cell(f: F.Figure, v: Any) -> Any:
    """A figure's cell: a number; no rating at all is an empty cell, not a rating of 0."""
    if f.kind == "rating" and not v:
        return None
    return _value(v if v is not None else 0)


def breakdown_table(report: Report, breakdown: str, t: Translate, locale: str) -> list[list[Any]]:
    """Header row and one row per key: the label, every figure, the median hours."""
    values = report.breakdowns.get(breakdown) or {}
    header = [t(SHEET_KEYS.get(breakdown, "rep-bd-area"))]
    header += [t(f.label) for f in F.FIGURES] + [t("rep-fig-median-hours")]
    rows = [header]
    for key in report.rows(breakdown):
        row: list[Any] = [row_label(report, breakdown, key, t, locale)]
        for f in F.FIGURES:
            by = values.get(f.key)
            row.append(None if by is None else _cell(f, by.get(key)))
        row.append(report.median_by.get(breakdown, {}).get(key))
        rows.append(row)
    return rows


def summary_table(report: Report, t: Translate) -> list[list[Any]]:
    """The figures, and the period's first and last day (Jalali) so that a file passed on
    still says what it covers; a period that runs past today ends at today."""
    rows: list[list[Any]] = [[t("rep-col-figure"), t("rep-col-value")]]
    if report.period.code != ALL:
        today = persian.to_tehran(report.now).date()
        last = min(report.period.last_day, max(today, report.period.first_day))
        for key, day in (("rep-col-from", report.period.first_day), ("rep-col-to", last)):
            rows.append([t(key), persian.format_jalali_date(day, latin=True, month_names=False)])
    rows += [[t(f.label), _cell(f, report.totals.get(f.key))] for f in F.FIGURES]
    rows.append([t("rep-fig-median-hours"), report.median_hours])
    return rows


def sellers_table(report: Report, sellers: dict[int, Seller], groups: dict[int, int],
                  t: Translate, locale: str) -> list[list[Any]]:
    latin = locale != "fa"
    values = report.breakdowns.get(F.SELLER) or {}
    # every quiet seller of the sheet (the report's list of names stops at 500)
    quiet = {k[0] for k, v in (values.get("sellers_quiet") or {}).items() if v}
    quiet |= {s.seller_id for s in report.quiet}
    header = [t("rep-col-name"), t("rep-col-phone"), t("rep-col-city"), t("rep-col-district"),
              t("rep-col-group"), t("rep-col-registered"), t("rep-col-quiet")]
    figs = [f for f in F.FIGURES if f.key not in ("sellers_total", "sellers_new", "sellers_quiet")]
    header += [t(f.label) for f in figs]
    rows: list[list[Any]] = [header]
    for s in sorted(sellers.values(), key=lambda s: (s.city_code, s.district or 0, s.name)):
        city = geo.city(s.city_code)
        rows.append([
            s.name, s.phone, (city.en if latin else city.fa) if city else s.city_code,
            s.district, report.group_names.get(groups.get(s.user_id, -1), ""),
            persian.format_jalali_date(s.registered_at, latin=True, month_names=False),
            t("rep-yes") if s.user_id in quiet else "",
            *[_cell(f, (values.get(f.key) or {}).get((s.user_id,))) for f in figs],
        ])
    return rows


def xlsx(report: Report, sellers: dict[int, Seller], groups: dict[int, int], t: Translate,
         locale: str) -> bytes:
    from openpyxl import Workbook  # a spreadsheet is rare: load the library when one is made

    wb = Workbook()
    ws = wb.active
    ws.title = t("rep-sheet-summary")[:31]
    ws.sheet_view.rightToLeft = locale == "fa"
    for row in summary_table(report, t):
        ws.append(row)
    for bd in F.BREAKDOWNS:
        if bd not in report.breakdowns:
            continue
        sheet = wb.create_sheet(t(SHEET_KEYS[bd])[:31])
        sheet.sheet_view.rightToLeft = locale == "fa"
        for row in breakdown_table(report, bd, t, locale):
            sheet.append(row)
    if F.SELLER in report.breakdowns:
        sheet = wb.create_sheet(t("rep-sheet-sellers")[:31])
        sheet.sheet_view.rightToLeft = locale == "fa"
        for row in sellers_table(report, sellers, groups, t, locale):
            sheet.append(row)
    from openpyxl.styles import Font

    for sheet in wb.worksheets:
        sheet.freeze_panes = "B2"  # the titles and the names stay in sight when scrolling
        for cell in sheet[1]:  # the header row's columns (not every cell of every column)
            cell.font = Font(bold=True)
            sheet.column_dimensions[cell.column_letter].width = 16
        sheet.column_dimensions["A"].width = 26
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def csv_bytes(report: Report, t: Translate, locale: str) -> bytes:
    """The summary and every breakdown in one table: the first column names the breakdown."""
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow([t("rep-col-breakdown"), t("rep-col-row")] + [t(f.label) for f in F.FIGURES]
               + [t("rep-fig-median-hours")])
    w.writerow([t("rep-bd-total"), ""] + [_cell(f, report.totals.get(f.key)) for f in F.FIGURES]
               + [report.median_hours])
    for bd in F.BREAKDOWNS:
        if bd in report.breakdowns:
            for row in breakdown_table(report, bd, t, locale)[1:]:
                w.writerow([t(SHEET_KEYS[bd]), *row])
    return out.getvalue().encode("utf-8-sig")
