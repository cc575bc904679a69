"""Charts as PNG pictures: sales and active sellers per week, and a bar per district, craft or
group. Persian is shaped (arabic-reshaper) and put in visual right-to-left order (python-bidi)
and drawn with the Vazirmatn font the project ships. matplotlib is imported only when a chart
is drawn, so the bot's start does not pay for it."""

from __future__ import annotations

import io
import tempfile
import threading
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from bot import persian
from bot.services.reports import figures as F
from bot.services.reports.render import BREAKDOWN_NAMES, T, row_label
from bot.services.reports.report import Report

WIDTH, HEIGHT, DPI = 8.0, 4.5, 100  # 800 × 450 pixels
FONT_WOFF2 = Path(__file__).resolve().parents[3] / "sandbox" / "web" / "fonts" / "Vazirmatn-Regular.woff2"
_LOCK = threading.Lock()  # pyplot's state is global


@cache
def _lays_out_bidi() -> bool:
    """matplotlib 3.11 and later lay text out with libraqm (bidi order of their own): giving
    them visual order reverses the words again. Older ones draw glyphs left to right."""
    import matplotlib

    return tuple(matplotlib.__version_info__[:2]) >= (3, 11)


def shape(text: str) -> str:
    """Persian letters joined as they are written (presentation forms), in the order the eye
    reads them: reordered by python-bidi unless matplotlib does that itself."""
    import arabic_reshaper

    joined = str(arabic_reshaper.reshape(text))
    if _lays_out_bidi():
        return joined
    from bidi.algorithm import get_display

    return str(get_display(joined))


@cache
def font_path() -> str | None:
    """Vazirmatn as a TTF file matplotlib can read (the project ships WOFF2 for the web)."""
    if not FONT_WOFF2.exists():
        return None
    target = Path(tempfile.gettempdir()) / "hamyar-fonts" / "Vazirmatn-Regular.ttf"
    if not target.exists():
        from fontTools.ttLib import TTFont

        target.parent.mkdir(parents=True, exist_ok=True)
        font = TTFont(str(FONT_WOFF2))
        font.flavor = None
        tmp = target.with_suffix(".tmp")
        font.save(str(tmp))
        tmp.replace(target)
    return str(target)


def _figure() -> tuple[Any, Any]:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import font_manager
    from matplotlib import pyplot as plt

    path = font_path()
    if path:
        font_manager.fontManager.addfont(path)
        name = font_manager.FontProperties(fname=path).get_name()
        matplotlib.rcParams["font.family"] = name
    return plt, plt.figure(figsize=(WIDTH, HEIGHT), dpi=DPI)


def _png(plt: Any, fig: Any) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=DPI)
    plt.close(fig)
    return buf.getvalue()


def _text(locale: str) -> Callable[[str], str]:
    return shape if locale == "fa" else (lambda s: s)


def _num(n: float, locale: str) -> str:
    return persian.format_number(int(n), latin=locale != "fa")


SALES_COLOUR, ACTIVE_COLOUR, BAR_COLOUR = "#2a9d8f", "#e76f51", "#264653"


def _week_label(d: Any, locale: str) -> str:
    """«۷ آذر»: the Saturday that starts the week (the year would crowd twelve labels)."""
    j = persian.to_jalali(d)
    names = persian.JALALI_MONTHS_FA if locale == "fa" else persian.JALALI_MONTHS_EN
    text = f"{j.day} {names[j.month - 1]}"
    return persian.to_persian_digits(text) if locale == "fa" else text


def weekly(report: Report, t: T, locale: str) -> bytes:
    """Sales (bars) and active sellers (line) for each week of the period; each axis's title
    in the colour of its series, so that the two can be told apart without a legend."""
    txt = _text(locale)
    with _LOCK:
        plt, fig = _figure()
        from matplotlib.ticker import MaxNLocator

        ax = fig.add_subplot(1, 1, 1)
        labels = [txt(_week_label(w.first_day, locale)) for w, _, _ in report.series]
        xs = list(range(len(labels)))
        ax.bar(xs, [s for _, s, _ in report.series], color=SALES_COLOUR)
        ax.set_ylabel(txt(t("rep-chart-sales")), color=SALES_COLOUR)
        ax.set_xticks(xs, labels, rotation=30, fontsize=8)
        ax.set_xlabel(txt(t("rep-chart-weeks")), fontsize=8)
        ax.yaxis.set_major_formatter(lambda v, _p: txt(_num(v, locale)))
        ax2 = ax.twinx()
        ax2.plot(xs, [a for _, _, a in report.series], color=ACTIVE_COLOUR, marker="o")
        ax2.set_ylabel(txt(t("rep-chart-active")), color=ACTIVE_COLOUR)
        ax2.set_ylim(bottom=0)
        ax2.yaxis.set_major_locator(MaxNLocator(integer=True))
        ax2.yaxis.set_major_formatter(lambda v, _p: txt(_num(v, locale)))
        if not any(s or a for _, s, a in report.series):
            ax.text(0.5, 0.5, txt(t("rep-chart-nothing")), transform=ax.transAxes,
                    ha="center", va="center", fontsize=14, color="#555555")
        ax.set_title(txt(t("rep-chart-weekly-title")))
        fig.tight_layout()
        return _png(plt, fig)


def bars_title(breakdown: str, figure: str, t: T) -> str:
    """«فروش (تومان) به تفکیک منطقه»."""
    return t("rep-chart-by", figure=t(F.BY_KEY[figure].label), by=t(BREAKDOWN_NAMES[breakdown]))


def bars(report: Report, breakdown: str, figure: str, t: T, locale: str) -> bytes:
    """One bar per district, craft or group for one figure (at most 15, the largest): every
    row of the breakdown, those at zero too, so that a quiet district shows as one; when all
    are zero the picture says there is nothing to show instead of an empty frame."""
    txt = _text(locale)
    values = (report.breakdowns.get(breakdown) or {}).get(figure) or {}
    keys = set(report.rows(breakdown)) | set(values)
    ranked = sorted(((k, values.get(k) or 0) for k in keys),
                    key=lambda kv: (-kv[1], row_label(report, breakdown, kv[0], t, locale)))
    ranked = ranked[:15][::-1]
    with _LOCK:
        plt, fig = _figure()
        from matplotlib.ticker import MaxNLocator

        ax = fig.add_subplot(1, 1, 1)
        ys = list(range(len(ranked)))
        ax.barh(ys, [v for _, v in ranked], color=BAR_COLOUR)
        ax.set_yticks(ys, [txt(row_label(report, breakdown, k, t, locale)) for k, _ in ranked])
        if any(v for _, v in ranked):
            ax.xaxis.set_major_locator(MaxNLocator(integer=True))
            ax.xaxis.set_major_formatter(lambda v, _p: txt(_num(v, locale)))
        else:
            ax.set_xlim(0, 1)
            ax.set_xticks([])
            ax.text(0.5, 0.5, txt(t("rep-chart-nothing")), transform=ax.transAxes,
                    ha="center", va="center", fontsize=14, color="#555555")
        ax.set_title(txt(bars_title(breakdown, figure, t)))
        fig.tight_layout()
        return _png(plt, fig)
