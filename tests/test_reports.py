"""Reports: every figure against an independent count over a seeded history (two Jalali months,
two groups, three districts), the scopes of trainers, the spreadsheet and CSV read back, the
charts, and the weekly digest once per week across restarts."""

from __future__ import annotations

import csv
import io
import struct
from datetime import timedelta

import pytest
import time_machine
from openpyxl import load_workbook
from report_seed import (
    MANAGER,
    NOW,
    STRANGER,
    TRAINER_G2,
    TRAINER_T3,
    by_area,
    by_craft,
    by_group,
    expected,
    make_seed,
    store,
)
from sqlalchemy import func, select

from bot.db import Database
from bot.i18n import I18n
from bot.ops.migrate import upgrade
from bot.services import trainers
from bot.services.errors import InputError
from bot.services.reports import api, charts, exports, periods, render
from bot.services.reports import figures as F
from bot.services.reports import report as report_mod
from bot.services.reports.report import build, seller_rows
from bot.services.runtime import configure
from models.group import ReportCache
from models.order import Order

SELLER_ONLY = {"sellers_total", "sellers_new", "sellers_active", "sellers_quiet"}
I18N = I18n()


def t_fa(key: str, **args: object) -> str:
    return I18N.t("fa", key, args)


@pytest.fixture
async def seeded(db_url: str):  # type: ignore[no-untyped-def]
    configure(managers=(MANAGER,))
    db = Database(db_url)
    await upgrade(db)
    seed = make_seed()
    async with db.session() as s:
        await store(s, seed)
    yield db, seed
    configure(managers=())
    await db.dispose()


def _check(report_values: dict, exp: dict, *, skip: set[str] = frozenset()) -> None:  # type: ignore[assignment]
    for f in F.FIGURES:
        if f.key in skip:
            continue
        for key in set(exp) | set(report_values.get(f.key) or {}):
            if key is None:
                continue
            got = (report_values.get(f.key) or {}).get(key, 0)
            want = exp.get(key, {}).get(f.key, 0)
            assert got == pytest.approx(want), (f.key, key, got, want)


PERIODS = [periods.THIS_WEEK, periods.LAST_WEEK, periods.THIS_MONTH, periods.LAST_MONTH,
           periods.ALL, "14050801-14050815"]


@pytest.mark.parametrize("code", PERIODS)
async def test_every_figure_equals_an_independent_count(seeded, code: str) -> None:  # type: ignore[no-untyped-def]
    db, seed = seeded
    period = periods.from_code(code, NOW)
    assert period is not None
    async with db.session() as s:
        report = await build(s, MANAGER, period, NOW, breakdowns=(F.AREA, F.GROUP, F.CRAFT))
    exp = expected(seed, period.start, period.end)
    assert exp, "the seed should give figures in every period"
    _check({k: {(): v} for k, v in report.totals.items()}, exp)
    assert report.median_hours == exp.get((), {}).get("median_hours")
    _check(report.breakdowns[F.AREA], expected(seed, period.start, period.end, key=by_area))
    _check(report.breakdowns[F.GROUP], expected(seed, period.start, period.end, key=by_group))
    _check(report.breakdowns[F.CRAFT], expected(seed, period.start, period.end, key=by_craft),
           skip=SELLER_ONLY)
    assert report.breakdowns[F.CRAFT]["sellers_total"] is None  # sellers have no single craft


async def test_periods_follow_the_iranian_week_and_the_jalali_month() -> None:
    week = periods.named(periods.LAST_WEEK, NOW)
    assert (week.first_day.isoformat(), week.last_day.isoformat()) == ("2026-11-21", "2026-11-27")
    assert week.first_day.weekday() == 5  # Saturday
    month = periods.named(periods.LAST_MONTH, NOW)  # Aban 1405
    assert (month.first_day.isoformat(), month.last_day.isoformat()) == ("2026-10-23", "2026-11-21")
    assert month.start.isoformat() == "2026-10-22T20:30:00+00:00"  # Tehran midnight
    typed = periods.parse_range("از ۱۴۰۵/۰۸/۰۱ تا ۱۴۰۵/۰۸/۳۰")
    assert (typed.start, typed.end) == (month.start, month.end)
    assert periods.parse_range("from 1405-8-1 to 1405/08/30").code == typed.code
    with pytest.raises(Exception):  # noqa: B017
        periods.parse_range("از ۱۴۰۵/۱۳/۰۱ تا ۱۴۰۵/۰۸/۳۰")


async def test_a_trainer_sees_only_her_scope(seeded) -> None:  # type: ignore[no-untyped-def]
    db, seed = seeded
    period = periods.named(periods.ALL, NOW)
    async with db.session() as s:
        t3 = await build(s, TRAINER_T3, period, NOW, breakdowns=(F.AREA, F.SELLER))
        g2 = await build(s, TRAINER_G2, period, NOW, breakdowns=(F.GROUP,))
        with pytest.raises(trainers.NotAllowed):
            await build(s, STRANGER, period, NOW)
        assert not await api.may_report(s, STRANGER)
    in_t3 = lambda x: (x["city"], x["district"]) == ("az_east.tabriz", 3)  # noqa: E731
    _check({k: {(): v} for k, v in t3.totals.items()}, expected(seed, period.start, period.end, keep=in_t3))
    assert set(t3.rows(F.AREA)) == {("az_east.tabriz", 3)}
    assert {k[0] for k in t3.rows(F.SELLER)} == {x["id"] for x in seed.sellers if in_t3(x)}
    assert all(in_t3(next(x for x in seed.sellers if x["id"] == q.seller_id)) for q in t3.quiet)
    in_g2 = lambda x: x["group"] == 2  # noqa: E731
    _check({k: {(): v} for k, v in g2.totals.items()}, expected(seed, period.start, period.end, keep=in_g2))
    assert set(g2.rows(F.GROUP)) == {(2,)}
    assert t3.totals["sellers_total"] + g2.totals["sellers_total"] < len(seed.sellers)


@pytest.mark.parametrize("code", PERIODS)
async def test_a_trainers_figures_equal_independent_counts_in_every_period(seeded, code: str) -> None:  # type: ignore[no-untyped-def]
    """A trainer's report takes other paths than a manager's (her decisions found from her
    sellers on SQLite): every figure and the median, for a district and for a group."""
    db, seed = seeded
    period = periods.from_code(code, NOW)
    assert period is not None
    in_t3 = lambda x: (x["city"], x["district"]) == ("az_east.tabriz", 3)  # noqa: E731
    in_g2 = lambda x: x["group"] == 2  # noqa: E731
    async with db.session() as s:
        for who, keep, bd, key in ((TRAINER_T3, in_t3, F.AREA, by_area),
                                   (TRAINER_G2, in_g2, F.GROUP, by_group)):
            report = await build(s, who, period, NOW, breakdowns=(bd,))
            exp = expected(seed, period.start, period.end, keep=keep)
            _check({k: {(): v} for k, v in report.totals.items()}, exp)
            assert report.median_hours == exp.get((), {}).get("median_hours"), who
            _check(report.breakdowns[bd], expected(seed, period.start, period.end, keep=keep, key=key))
            assert sum(report.reasons[i][2] for i in range(len(report.reasons))) == \
                report.totals["listings_rejected"] + report.totals["listings_changes"]


async def test_message_spreadsheet_and_csv_carry_the_same_figures(seeded) -> None:  # type: ignore[no-untyped-def]
    db, seed = seeded
    period = periods.named(periods.LAST_MONTH, NOW)
    exp = expected(seed, period.start, period.end)[()]
    async with db.session() as s:
        xlsx, csv_data = await api.files_for(s, MANAGER, periods.LAST_MONTH, NOW, t_fa, "fa")
        report = await build(s, MANAGER, period, NOW, breakdowns=(F.AREA,))
    text = render.message(report, t_fa, "fa")
    fa = lambda n: I18N._render_arg("fa", int(n))  # noqa: E731
    assert exp.get("sellers_new") and exp.get("sellers_active") and exp.get("orders_placed")
    assert f"فروشنده‌ها: {fa(exp['sellers_total'])} نفر؛ {fa(exp['sellers_new'])} نفر در این مدت ثبت‌نام" in text
    assert f"🟢 {fa(exp['sellers_active'])} فروشنده فعال" in text
    assert f"🛒 {fa(exp['orders_placed'])} سفارش تازه آمد" in text
    assert f"در همین مدت {fa(exp['orders_accepted'])} سفارش پذیرفته شد" in text
    assert "📊 گزارش ماه پیش (۱ تا ۳۰ آبان ۱۴۰۵)" in text
    if exp.get("sales_toman"):
        assert f"فروش: {fa(exp['sales_toman'])} تومان" in text
    bare = text
    for q in report.quiet:
        bare = bare.replace(q.phone, "")
    assert not any(ch in bare for ch in "0123456789"), bare  # Persian digits (phones as typed)

    wb = load_workbook(io.BytesIO(xlsx))
    assert wb.sheetnames == ["خلاصه", "منطقه", "رشته", "گروه", "فروشنده‌ها"]
    summary = {row[0]: row[1] for row in wb["خلاصه"].iter_rows(min_row=2, values_only=True)}
    for f in F.FIGURES:
        assert summary[t_fa(f.label)] == pytest.approx(exp.get(f.key, 0)), f.key
        assert isinstance(summary[t_fa(f.label)], (int, float))  # numbers as numbers
    area = list(wb["منطقه"].iter_rows(values_only=True))
    header = area[0]
    exp_area = expected(seed, period.start, period.end, key=by_area)
    col = header.index(t_fa("rep-fig-orders-placed"))
    got = {r[0]: r[col] for r in area[1:]}
    assert got["تبریز ۳"] == exp_area.get(("az_east.tabriz", 3), {}).get("orders_placed", 0)
    assert got["ابهر"] == exp_area.get(("zanjan.abhar", None), {}).get("orders_placed", 0)
    sellers = list(wb["فروشنده‌ها"].iter_rows(values_only=True))
    assert len(sellers) - 1 == exp["sellers_total"]
    reg = sellers[1][5]
    assert reg.startswith("140") and reg[4] == "/"  # a Jalali date

    assert csv_data.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs for UTF-8
    rows = list(csv.reader(io.StringIO(csv_data.decode("utf-8-sig"))))
    total = dict(zip(rows[0], rows[1], strict=True))
    for f in F.FIGURES:
        assert float(total[t_fa(f.label)]) == pytest.approx(exp.get(f.key, 0)), f.key
    assert {r[0] for r in rows[2:]} == {"منطقه", "رشته", "گروه"}


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


async def test_charts_are_pictures_with_shaped_persian(seeded, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    db, _seed = seeded
    shaped: list[tuple[str, str]] = []
    real = charts.shape

    def spy(text: str) -> str:
        out = real(text)
        shaped.append((text, out))
        return out

    monkeypatch.setattr(charts, "shape", spy)
    async with db.session() as s:
        pictures = await api.charts_for(s, MANAGER, periods.ALL, F.AREA, NOW, t_fa, "fa")
    assert len(pictures) == 2
    for _title, png in pictures:
        assert _png_size(png) == (800, 450)
    originals = {a for a, _ in shaped}
    assert t_fa("rep-chart-weekly-title") in originals
    assert originals & {"تبریز ۱", "تبریز ۳", "ابهر"}
    title = dict(shaped)[t_fa("rep-chart-weekly-title")]
    assert title != t_fa("rep-chart-weekly-title")
    assert any("\ufb50" <= ch <= "\ufeff" for ch in title)  # presentation forms: joined letters
    assert charts.font_path() and charts.font_path().endswith(".ttf")


async def test_seller_list_names_the_quiet(seeded) -> None:  # type: ignore[no-untyped-def]
    db, seed = seeded
    period = periods.named(periods.THIS_MONTH, NOW)
    async with db.session() as s:
        report = await build(s, MANAGER, period, NOW, breakdowns=(F.SELLER,))
        sellers, groups = await seller_rows(s, report)
    assert len(report.quiet) == expected(seed, period.start, period.end)[()].get("sellers_quiet", 0)
    assert set(sellers) == {x["id"] for x in seed.sellers if x["registered"] < period.end}
    assert groups == {x["id"]: x["group"] for x in seed.sellers if x["group"]}
    table = exports.sellers_table(report, sellers, groups, t_fa, "fa")
    quiet_col = table[0].index(t_fa("rep-col-quiet"))
    assert sum(1 for r in table[1:] if r[quiet_col]) == len(report.quiet)
    # the message's list of names stops at 500; the sheet marks every quiet seller all the same
    every = len(report.quiet)
    assert every >= 2, "the seed should leave at least two quiet sellers"
    report.quiet = report.quiet[:1]
    table = exports.sellers_table(report, sellers, groups, t_fa, "fa")
    assert sum(1 for r in table[1:] if r[quiet_col]) == every


async def test_report_ranges_are_read_with_any_digits() -> None:
    with time_machine.travel(NOW, tick=False):
        p = periods.parse_range("از ۱۴۰۵/۰۹/۰۱ تا ۱۴۰۵/۰۹/۰۷")
        assert p.end - p.start == timedelta(days=7)
        assert periods.from_code(p.code, NOW) == p


# -- in the chat, against the stand-in Bot API --------------------------------------------------

async def test_report_in_the_chat_for_a_manager_and_a_scoped_trainer(standin, db_url) -> None:  # type: ignore[no-untyped-def]
    from harness import BotHarness, Person

    from models.moderation import Trainer

    sb = standin
    manager_u = await sb.create_user("مدیر", language_code="fa")
    trainer_u = await sb.create_user("زهرا", language_code="fa")
    stranger_u = await sb.create_user("غریبه", language_code="fa")
    with time_machine.travel(NOW, tick=True):
        bot = BotHarness(sb, db_url, admin_ids=(manager_u["id"],))
        await bot.start()
        try:
            seed = make_seed()
            async with bot.db.session() as s:
                await store(s, seed)
            manager, trainer, stranger = (Person(bot, u) for u in (manager_u, trainer_u, stranger_u))
            await trainer.say("/start")
            async with bot.db.session() as s:
                s.add(Trainer(user_id=trainer.id, added_by=manager.id, scope=["az_east.tabriz:3"]))

            refused = await stranger.say("/report")
            assert "فقط برای مربی‌ها و مدیران" in refused[-1].text

            ask = await manager.say("/report")
            assert "ماه پیش" in ask[-1].buttons
            replies = await manager.tap("ماه پیش")
            period = periods.named(periods.LAST_MONTH, NOW)
            exp = expected(seed, period.start, period.end)[()]
            fa = lambda n: I18N._render_arg("fa", int(n))  # noqa: E731
            text = replies[-1].text
            assert f"فروشنده‌ها: {fa(exp['sellers_total'])} نفر" in text
            assert f"🛒 {fa(exp['orders_placed'])} سفارش تازه آمد" in text
            assert "به تفکیک منطقه" in text

            files = await manager.tap("📗 فایل اکسل")
            doc = files[-1].message["document"]
            wb = load_workbook(io.BytesIO(sb.files.get(doc["file_id"]).data))
            summary = {r[0]: r[1] for r in wb["خلاصه"].iter_rows(min_row=2, values_only=True)}
            for f in F.FIGURES:
                assert summary[t_fa(f.label)] == pytest.approx(exp.get(f.key, 0)), f.key

            pictures = await manager.tap("📈 نمودارها")
            photos = [r for r in pictures if "photo" in r.message]
            assert len(photos) == 2
            png = sb.files.get(photos[0].message["photo"][-1]["file_id"]).data
            assert _png_size(png) == (800, 450)

            # typed dates; the trainer's figures are her district's only
            mine = await trainer.say("/report از ۱۴۰۵/۰۸/۰۱ تا ۱۴۰۵/۰۸/۳۰")
            in_t3 = lambda x: (x["city"], x["district"]) == ("az_east.tabriz", 3)  # noqa: E731
            exp_t3 = expected(seed, period.start, period.end, keep=in_t3)[()]
            assert f"فروشنده‌ها: {fa(exp_t3['sellers_total'])} نفر" in mine[-1].text
            assert "ابهر" not in mine[-1].text
            await trainer.tap("📄 فایل سی‌اس‌وی")
            csv_doc = trainer.last.message["document"]
            rows = list(csv.reader(io.StringIO(sb.files.get(csv_doc["file_id"]).data.decode("utf-8-sig"))))
            assert float(dict(zip(rows[0], rows[1], strict=True))[t_fa("rep-fig-sellers-total")]) \
                == exp_t3["sellers_total"]
            assert {r[1] for r in rows[2:] if r[0] == "منطقه"} == {"تبریز ۳"}
            # a forged button cannot widen her scope: the scope comes from the server
            forged = await trainer.forge(trainer.last, "rp:all:area:msg")
            assert "ابهر" not in forged["replies"][-1].text
        finally:
            await bot.stop()


def test_readme_lists_every_figure_as_defined() -> None:
    from pathlib import Path

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    for f in F.FIGURES:
        assert f"| `{f.key}` (" in readme and f.definition in readme, f.key
    assert F.MEDIAN_DEFINITION in readme


# -- what a trainer reads: the words around the figures -------------------------------------------

async def test_typed_periods_refuse_gregorian_years_and_run_one_date_to_today() -> None:
    with pytest.raises(InputError) as err:
        periods.parse_range("2026/11/01 2026/11/20", NOW)  # not the Jalali year 2026
    assert err.value.key == "rep-err-year"
    one = periods.parse_range("از ۱۴۰۵/۰۸/۲۰", NOW)  # one date: from it to today (7 Azar)
    assert (one.first_day.isoformat(), one.last_day.isoformat()) == ("2026-11-11", "2026-11-28")
    assert periods.from_code(one.code, NOW) == one
    with pytest.raises(InputError):
        periods.parse_range("از ۱۴۰۵/۱۰/۰۱", NOW)  # one date after today
    mark = periods.parse_range("۱۴۰۵٫۰۸٫۰۱ تا ۱۴۰۵٫۰۸٫۳۰", NOW)  # the Persian decimal mark
    assert mark.code == "14050801-14050830"


async def test_the_message_names_the_period_and_never_says_zero_toman(seeded) -> None:  # type: ignore[no-untyped-def]
    db, seed = seeded
    async with db.session() as s:
        month = await build(s, MANAGER, periods.named(periods.THIS_MONTH, NOW), NOW,
                            breakdowns=(F.GROUP,))
        crafts = await build(s, MANAGER, periods.named(periods.ALL, NOW), NOW,
                             breakdowns=(F.CRAFT,))
        typed = await build(s, MANAGER, periods.parse_range("۱۴۰۵/۰۸/۰۱ ۱۴۰۵/۰۸/۱۵"), NOW)
    text = render.message(month, t_fa, "fa") + "\n" + render.breakdown_lines(month, F.GROUP, t_fa, "fa")
    assert text.startswith("📊 گزارش این ماه (۱ آذر ۱۴۰۵ تا امروز)")  # the month is not over
    assert render.message(typed, t_fa, "fa").startswith("📊 گزارش ۱ تا ۱۵ آبان ۱۴۰۵\n")
    assert "۰ تومان" not in text and "—:" not in text
    assert "• بدون گروه:" in text  # the sellers in no group have a name, not a dash
    exp = expected(seed, month.period.start, month.period.end, key=by_group)
    quiet_rows = 0
    for gid, name in seed.groups.items():
        row = exp.get((gid,), {})
        if not any(row.get(k) for k in ("sellers_active", "orders_placed", "sales_toman")):
            assert f"• {name}: در این مدت خبری نبود" in text
            quiet_rows += 1
        else:
            assert f"• {name}: {fa_n(row.get('sellers_active', 0))} فروشندهٔ فعال" in text
    assert quiet_rows, "the seed should leave a group with nothing this month"
    # crafts have no sellers of their own: their line counts products, not «۰ فروشندهٔ فعال»
    lines = render.breakdown_lines(crafts, F.CRAFT, t_fa, "fa")
    assert "فروشندهٔ فعال" not in lines and "محصول برای بررسی" in lines
    exp_c = expected(seed, crafts.period.start, crafts.period.end, key=by_craft)
    food = exp_c[("food",)]
    want = f"• غذای خانگی: {fa_n(food['listings_submitted'])} محصول برای بررسی"
    assert want in lines, lines


def fa_n(n: float) -> str:
    return str(I18N._render_arg("fa", int(n)))


async def test_a_long_list_of_quiet_sellers_says_how_many_more(seeded) -> None:  # type: ignore[no-untyped-def]
    import dataclasses

    db, _seed = seeded
    async with db.session() as s:
        report = await build(s, MANAGER, periods.named(periods.ALL, NOW), NOW)
    many = [dataclasses.replace(report.quiet[0], seller_id=i, name=f"ن{i}") for i in range(13)]
    text = render.message(dataclasses.replace(report, quiet=many), t_fa, "fa")
    assert "این ۱۳ فروشنده ۳۰ روز است" in text
    assert text.count("\n• ن") == render.MAX_QUIET_SHOWN
    assert text.endswith("… و ۳ نفر دیگر (همه در «📗 فایل اکسل»)")


async def test_the_files_say_their_days_and_leave_a_missing_rating_empty(seeded) -> None:  # type: ignore[no-untyped-def]
    db, _seed = seeded
    async with db.session() as s:
        xlsx, csv_data = await api.files_for(s, MANAGER, periods.THIS_WEEK, NOW, t_fa, "fa")
    assert "rating_avg" not in expected(_seed, *_bounds(periods.THIS_WEEK))[()]
    wb = load_workbook(io.BytesIO(xlsx))
    summary = {r[0]: r[1] for r in wb["خلاصه"].iter_rows(min_row=2, values_only=True)}
    assert summary["از تاریخ"] == "1405/09/07" and summary["تا تاریخ"] == "1405/09/07"
    assert summary[t_fa("rep-fig-rating")] is None  # no rating given, not a rating of 0
    assert summary[t_fa("rep-fig-sellers-total")] == \
        expected(_seed, *_bounds(periods.THIS_WEEK))[()]["sellers_total"]
    assert wb["خلاصه"].freeze_panes == "B2"
    groups = [r[0] for r in wb["گروه"].iter_rows(min_row=2, values_only=True)]
    assert "بدون گروه" in groups and "—" not in groups
    rows = list(csv.reader(io.StringIO(csv_data.decode("utf-8-sig"))))
    assert dict(zip(rows[0], rows[1], strict=True))[t_fa("rep-fig-rating")] == ""


def _bounds(code: str) -> tuple:  # type: ignore[type-arg]
    p = periods.named(code, NOW)
    return p.start, p.end


async def test_bars_show_every_row_and_say_so_when_there_is_nothing(seeded, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    db, _seed = seeded
    shaped: list[str] = []
    real = charts.shape
    monkeypatch.setattr(charts, "shape", lambda text: shaped.append(text) or real(text))
    async with db.session() as s:
        week = await build(s, MANAGER, periods.named(periods.THIS_WEEK, NOW), NOW,
                           breakdowns=(F.AREA,), series=True)
        everything = await build(s, MANAGER, periods.named(periods.ALL, NOW), NOW,
                                 breakdowns=(F.GROUP,), series=True)
    png = charts.bars(week, F.AREA, "sales_toman", t_fa, "fa")  # nobody sold this week
    assert _png_size(png) == (800, 450)
    assert {"تبریز ۱", "تبریز ۳", "ابهر"} <= set(shaped)  # the districts at zero are named
    assert t_fa("rep-chart-nothing") in shaped
    assert "فروش (تومان) به تفکیک منطقه" in shaped
    shaped.clear()
    charts.bars(everything, F.GROUP, "sales_toman", t_fa, "fa")
    assert {"بدون گروه", "گروه همیار نرگس", "تعاونی یاس ابهر"} <= set(shaped)
    assert t_fa("rep-chart-nothing") not in shaped


async def test_typed_words_and_the_files_captions_in_the_chat(standin, db_url) -> None:  # type: ignore[no-untyped-def]
    from harness import BotHarness, Person

    sb = standin
    manager_u = await sb.create_user("مدیر", language_code="fa")
    with time_machine.travel(NOW, tick=True):
        bot = BotHarness(sb, db_url, admin_ids=(manager_u["id"],))
        await bot.start()
        try:
            async with bot.db.session() as s:
                await store(s, make_seed())
            manager = Person(bot, manager_u)
            gregorian = await manager.say("/report 2026/11/01 2026/11/20")
            assert "سال را شمسی بنویسید" in gregorian[-1].text
            nonsense = await manager.say("/report دیروز و پریروز")
            assert "این تاریخ‌ها را نفهمیدیم" in nonsense[-1].text
            words = await manager.say("/report هفته پیش")  # a button's words, typed plainly
            assert words[-1].text.startswith("📊 گزارش هفتهٔ پیش (۳۰ آبان تا ۶ آذر ۱۴۰۵)")
            files = await manager.tap("📗 فایل اکسل")
            doc = files[-1].message
            assert doc["document"]["file_name"] == "hamyar-1405-08-30_1405-09-06.xlsx"
            assert doc["caption"] == "📊 گزارش هفتهٔ پیش (۳۰ آبان تا ۶ آذر ۱۴۰۵) — همهٔ عددها در این فایل است."
            pictures = [r for r in await manager.tap("📈 نمودارها") if "photo" in r.message]
            captions = [r.message["caption"] for r in pictures]
            assert captions[0] == "📈 فروش و فروشنده‌های فعال در هر هفته — هفتهٔ پیش (۳۰ آبان تا ۶ آذر ۱۴۰۵)"
            assert "به تفکیک منطقه — هفتهٔ پیش" in captions[1]
            await manager.say("/report این هفته")  # this week has begun today: the file ends today
            week = await manager.tap("📄 فایل سی‌اس‌وی")
            assert week[-1].message["document"]["file_name"] == "hamyar-1405-09-07_1405-09-07.csv"
            assert week[-1].message["caption"].startswith("📊 گزارش این هفته (امروز، ۷ آذر ۱۴۰۵)")
        finally:
            await bot.stop()


def _late_order(seed, oid: int, at) -> Order:  # type: ignore[no-untyped-def]
    x = next(x for x in seed.listings if x["published"])
    return Order(id=oid, listing_id=x["id"], seller_id=x["seller"], buyer_id=5, status="completed",
                 quantity=2, unit_price=70_000, delivery_method="pickup", delivery_cost=0,
                 total=140_000, receiver_name="x", phone="+98", created_at=at,
                 updated_at=at + timedelta(hours=2), accepted_at=at + timedelta(hours=1),
                 completed_at=at + timedelta(hours=2))


async def test_a_finished_period_is_kept_for_a_day_a_running_one_never(seeded) -> None:  # type: ignore[no-untyped-def]
    """report.CACHE_TTL: last week's report, computed after it ended, is read back for a day,
    so an order of that week recorded afterwards shows only when it is computed again; this
    week's shows at once. What is read back equals what was computed, figure for figure."""
    db, seed = seeded
    lw, tw = periods.named(periods.LAST_WEEK, NOW), periods.named(periods.THIS_WEEK, NOW)
    every = (*F.BREAKDOWNS, F.SELLER)
    async with db.session() as s:
        kept = await build(s, MANAGER, lw, NOW, breakdowns=every, medians_by=True, cache=True)
        tw_before = await build(s, MANAGER, tw, NOW, cache=True)
        assert await s.scalar(select(func.count()).select_from(ReportCache)) == 1  # not this week
        read = await build(s, MANAGER, lw, NOW + timedelta(minutes=5), breakdowns=every,
                           medians_by=True, cache=True)
    for name in ("totals", "median_hours", "reasons", "quiet", "breakdowns", "median_by",
                 "group_names"):
        assert getattr(read, name) == getattr(kept, name), name
    assert kept.quiet and kept.reasons and kept.median_by[F.AREA]
    async with db.session() as s:  # recorded after the report was kept: one order in each week
        s.add(_late_order(seed, 9001, lw.start + timedelta(hours=30)))
        s.add(_late_order(seed, 9002, tw.start + timedelta(hours=1)))
    later = NOW + timedelta(hours=23)
    async with db.session() as s:
        lw_later = await build(s, MANAGER, lw, later, breakdowns=every, medians_by=True, cache=True)
        tw_later = await build(s, MANAGER, tw, later, cache=True)
        lw_uncached = await build(s, MANAGER, lw, later, breakdowns=every, medians_by=True)
    assert lw_later.totals == kept.totals  # within the day: as kept
    assert lw_uncached.totals["orders_completed"] == kept.totals["orders_completed"] + 1
    assert tw_later.totals["orders_completed"] == tw_before.totals["orders_completed"] + 1
    assert tw_later.totals["sales_toman"] == tw_before.totals["sales_toman"] + 140_000
    async with db.session() as s:
        fresh = await build(s, MANAGER, lw, NOW + report_mod.CACHE_TTL + timedelta(minutes=1),
                            breakdowns=every, medians_by=True, cache=True)
        assert await s.scalar(select(func.count()).select_from(ReportCache)) == 1  # the old one went
    assert fresh.totals["orders_completed"] == kept.totals["orders_completed"] + 1
    assert fresh.totals["sales_toman"] == kept.totals["sales_toman"] + 140_000
    assert fresh.totals == lw_uncached.totals
    # the scope is part of the key: a trainer never reads the manager's kept report
    async with db.session() as s:
        t3 = await build(s, TRAINER_T3, lw, NOW + timedelta(minutes=5), breakdowns=(F.AREA,),
                         cache=True)
    assert {k[0] for k in t3.rows(F.AREA)} <= {"az_east.tabriz"}
    assert t3.totals["sellers_total"] < kept.totals["sellers_total"]
