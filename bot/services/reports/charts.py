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


def weekly(report: Report, t: Callable[[str], str], locale: str) -> bytes:
    """Sales (bars) and active sellers (line) for each week of the period."""
    txt = _text(locale)
    with _LOCK:
        plt, fig = _figure()
        from matplotlib.ticker import MaxNLocator

        ax = fig.add_subplot(1, 1, 1)
        labels = [txt(persian.format_jalali_date(w.first_day, latin=locale != "fa"))
                  for w, _, _ in report.series]
        xs = list(range(len(labels)))
        ax.bar(xs, [s for _, s, _ in report.series], color="#2a9d8f")
        ax.set_ylabel(txt(t("rep-chart-sales")))
        ax.set_xticks(xs, labels, rotation=30, fontsize=8)
        ax.yaxis.set_major_formatter(lambda v, _p: txt(_num(v, locale)))
        ax2 = ax.twinx()
        ax2.plot(xs, [a for _, _, a in report.series], color="#e76f51", marker="o")
        ax2.set_ylabel(txt(t("rep-chart-active")))
        ax2.yaxis.set_major_locator(MaxNLocator(integer=True))
        ax2.yaxis.set_major_formatter(lambda v, _p: txt(_num(v, locale)))
        ax.set_title(txt(t("rep-chart-weekly-title")))
        fig.tight_layout()
        return _png(plt, fig)


def bars(report: Report, breakdown: str, figure: str, t: Callable[[str], str],
         locale: str) -> bytes:
    """One bar per district, craft or group for one figure (at most 15, the largest)."""
    txt = _text(locale)
    values = (report.breakdowns.get(breakdown) or {}).get(figure) or {}
    ranked = sorted(values.items(), key=lambda kv: -kv[1])[:15][::-1]
    with _LOCK:
        plt, fig = _figure()
        from matplotlib.ticker import MaxNLocator

        ax = fig.add_subplot(1, 1, 1)
        ys = list(range(len(ranked)))
        ax.barh(ys, [v for _, v in ranked], color="#264653")
        ax.set_yticks(ys, [txt(report.key_label(breakdown, k, locale)) for k, _ in ranked])
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.xaxis.set_major_formatter(lambda v, _p: txt(_num(v, locale)))
        ax.set_title(txt(t(F.BY_KEY[figure].label)))
        fig.tight_layout()
        return _png(plt, fig)
