"""/report for trainers (their scope) and managers (everything): the period by buttons or typed
Jalali dates, the breakdown, the spreadsheet, the CSV and the charts; /weekly for a seller's
weekly note; and the weekly digest job."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, time

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, InputFile, Update
from telegram.ext import CallbackQueryHandler, CommandHandler, filters

from bot import persian
from bot.callbacks import ReportView
from bot.context import HamyarApp, HamyarContext
from bot.i18n import I18n
from bot.persian import TEHRAN
from bot.services import trainers
from bot.services.errors import InputError
from bot.services.reports import api, digest, periods, render

log = logging.getLogger(__name__)
BREAKDOWNS = ("area", "craft", "group")


def _now() -> datetime:
    return datetime.now(UTC)


def _period_buttons(context: HamyarContext) -> InlineKeyboardMarkup:
    rows = [[InlineKeyboardButton(context.t(f"rep-btn-{p}"),
                                  callback_data=ReportView(p, "area", "msg").pack())
             for p in pair] for pair in (("tw", "lw"), ("tm", "lm"), ("all",))]
    return InlineKeyboardMarkup(rows)


def _report_buttons(context: HamyarContext, period: str, breakdown: str) -> InlineKeyboardMarkup:
    others = [InlineKeyboardButton(context.t(f"rep-btn-{b}"),
                                   callback_data=ReportView(period, b, "msg").pack())  # type: ignore[arg-type]
              for b in BREAKDOWNS if b != breakdown]
    files = [InlineKeyboardButton(context.t(f"rep-btn-{w}"),
                                  callback_data=ReportView(period, breakdown, w).pack())  # type: ignore[arg-type]
             for w in ("xlsx", "csv", "png")]
    return InlineKeyboardMarkup([others, files[:2], files[2:]])


async def report_command(update: Update, context: HamyarContext) -> None:
    chat_id = update.effective_chat.id  # type: ignore[union-attr]
    user_id = update.effective_user.id  # type: ignore[union-attr]
    typed = " ".join(context.args or []).strip()
    async with context.session() as s:
        allowed = await api.may_report(s, user_id)
    if not allowed:
        await context.bot.send_message(chat_id, context.t("rep-not-allowed"))
        return
    if not typed:
        await context.bot.send_message(chat_id, context.t("rep-choose-period"),
                                       reply_markup=_period_buttons(context))
        return
    named = _typed_name(context, typed)
    if named is not None:  # «/report ماه پیش»: a button's words typed
        await _show(context, chat_id, user_id, ReportView(named, "area", "msg"))
        return
    try:
        period = periods.parse_range(typed, _now())
    except InputError as err:
        await context.bot.send_message(chat_id, context.t(err.key, **err.args_))
        return
    await _show(context, chat_id, user_id, ReportView(period.code, "area", "msg"))


def _squash(text: str) -> str:
    return "".join(ch for ch in persian.squash(text) if ch.isalnum())


def _typed_name(context: HamyarContext, typed: str) -> str | None:
    """The named period whose button label she typed («ماه پیش», «هفته پیش»), if any."""
    words = _squash(typed)
    for code in periods.NAMED:
        if words == _squash(context.t(f"rep-btn-{code}")):
            return code
    return None


async def on_button(update: Update, context: HamyarContext) -> None:
    query = update.callback_query
    assert query is not None
    view = ReportView.parse(query.data)
    if view is None:
        await query.answer(context.t("rep-expired"), show_alert=True)
        return
    await query.answer()
    await _show(context, query.message.chat.id, query.from_user.id, view)  # type: ignore[union-attr]


async def _show(context: HamyarContext, chat_id: int, user_id: int, view: ReportView) -> None:
    now, locale = _now(), context.locale
    t = context.t
    try:
        async with context.session() as s:
            if view.what == "msg":
                report = await api.report_for(s, user_id, view.period, view.breakdown, now)
            elif view.what == "png":
                pictures = await api.charts_for(s, user_id, view.period, view.breakdown, now, t,
                                                locale)
            else:
                xlsx, csv = await api.files_for(s, user_id, view.period, now, t, locale)
    except trainers.NotAllowed:
        await context.bot.send_message(chat_id, t("rep-not-allowed"))
        return
    except api.BadPeriod:
        await context.bot.send_message(chat_id, t("rep-expired"))
        return
    period = periods.from_code(view.period, now)
    words = render.period_words(period, t, locale, now) if period else ""
    if view.what == "msg":
        text = render.message(report, t, locale)
        lines = render.breakdown_lines(report, view.breakdown, t, locale)
        text = "\n\n".join(x for x in (text, lines, t("rep-more-files")) if x)
        await context.bot.send_message(chat_id, text[:4096],
                                       reply_markup=_report_buttons(context, view.period,
                                                                    view.breakdown))
    elif view.what == "png":
        by = t(render.BREAKDOWN_NAMES[view.breakdown])
        for i, (title, png) in enumerate(pictures):
            if i:  # the bars: say what they are split by, as the picture's own title does
                title = t("rep-chart-by", figure=title, by=by)
            await context.bot.send_photo(chat_id, InputFile(png, filename="chart.png"),
                                         caption=t("rep-chart-caption", title=title, period=words))
    else:
        data, ext = (xlsx, "xlsx") if view.what == "xlsx" else (csv, "csv")
        name = f"hamyar-{_file_stem(period, now)}.{ext}"
        await context.bot.send_document(chat_id, InputFile(data, filename=name),
                                        caption=t("rep-file-caption", period=words))


def _file_stem(period: periods.Period | None, now: datetime) -> str:
    """«1405-08-01_1405-08-30»: the file says its days (Latin digits: a file name travels);
    a period that runs past today ends at today, as the figures and the caption do."""
    if period is None or period.code == periods.ALL:
        return "all"
    today = persian.to_tehran(now).date()
    last_day = min(period.last_day, max(today, period.first_day))
    first, last = (persian.format_jalali_date(d, latin=True, month_names=False).replace("/", "-")
                   for d in (period.first_day, last_day))
    return f"{first}_{last}"


async def weekly_command(update: Update, context: HamyarContext) -> None:
    chat_id = update.effective_chat.id  # type: ignore[union-attr]
    user_id = update.effective_user.id  # type: ignore[union-attr]
    async with context.session() as s:
        seller = await digest.is_seller(s, user_id)
        on = await digest.toggle_note(s, user_id) if seller else False
    key = "rep-weekly-not-seller" if not seller else ("rep-weekly-on" if on else "rep-weekly-off")
    await context.bot.send_message(chat_id, context.t(key))


async def digest_job(context: HamyarContext) -> None:
    """Hourly: queue the week's digest and notes once they are due (the claim row makes every
    other look, here or on another instance, a no-op)."""
    try:
        async with context.session() as s:
            sent = await digest.run_weekly(s, _now())
        if sent:
            log.info("weekly digest queued")
    except Exception:
        log.exception("weekly digest failed; the next look tries again")


def schedule_jobs(app: HamyarApp) -> None:
    """Called by handlers.schedule_jobs: look every hour (the first look ten minutes after the
    start, so a restart catches up a missed Saturday), and at Saturday 09:00 Tehran time."""
    if app.job_queue is None:
        return
    app.job_queue.run_repeating(digest_job, interval=3600, first=600, name="weekly-digest")
    app.job_queue.run_daily(digest_job, time(9, 0, 5, tzinfo=TEHRAN), days=(6,),
                            name="weekly-digest-saturday")


def register(app: HamyarApp, i18n: I18n) -> None:
    private = filters.ChatType.PRIVATE
    app.add_handler(CommandHandler("report", report_command, filters=private), group=0)
    app.add_handler(CommandHandler("weekly", weekly_command, filters=private), group=0)
    app.add_handler(CallbackQueryHandler(on_button, pattern=ReportView.pattern()), group=0)
