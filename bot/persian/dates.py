"""Tehran time and the Jalali calendar: conversion, formatting, week and month bounds."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone, tzinfo
from typing import Final

import jdatetime

from bot.persian.text import to_persian_digits

# --------------------------------------------------------------------------------------------
# Time zone and the Jalali calendar
# --------------------------------------------------------------------------------------------


def _load_tehran() -> tzinfo:
    try:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError
    except ImportError:  # pragma: no cover
        return timezone(timedelta(hours=3, minutes=30), "+0330")
    try:
        return ZoneInfo("Asia/Tehran")
    except (ZoneInfoNotFoundError, ValueError, OSError):  # no tzdata on this system
        # Iran has had no daylight saving time since 2022: a fixed offset is right for now.
        return timezone(timedelta(hours=3, minutes=30), "+0330")


TEHRAN: Final[tzinfo] = _load_tehran()

JALALI_MONTHS_FA: Final = (
    "فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور",
    "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند",
)  # fmt: skip
JALALI_MONTHS_EN: Final = (
    "Farvardin", "Ordibehesht", "Khordad", "Tir", "Mordad", "Shahrivar",
    "Mehr", "Aban", "Azar", "Dey", "Bahman", "Esfand",
)  # fmt: skip


def _tz(tz: str | tzinfo | None) -> tzinfo:
    if tz is None or tz == "Asia/Tehran":
        return TEHRAN
    if isinstance(tz, str):
        from zoneinfo import ZoneInfo

        return ZoneInfo(tz)
    return tz


def to_tehran(dt: datetime, tz: str | tzinfo | None = None) -> datetime:
    """Aware datetimes are converted to Tehran (or *tz*) time; naive ones are returned as they
    are (taken to be local wall-clock time already)."""
    if dt.tzinfo is None or dt.tzinfo.utcoffset(dt) is None:
        return dt
    return dt.astimezone(_tz(tz))


def to_jalali(
    value: datetime | date | jdatetime.date, *, tz: str | tzinfo | None = None
) -> jdatetime.date:
    """A Gregorian ``date`` → ``jdatetime.date``; a ``datetime`` → ``jdatetime.datetime``
    (aware datetimes first converted to Tehran time, or *tz*). Jalali values pass through."""
    if isinstance(value, jdatetime.date):  # jdatetime.datetime is a subclass
        return value
    if isinstance(value, datetime):
        return jdatetime.datetime.fromgregorian(datetime=to_tehran(value, tz))
    if isinstance(value, date):
        return jdatetime.date.fromgregorian(date=value)
    raise TypeError(f"to_jalali() expects a date or datetime, not {type(value).__name__}")


def _gregorian_date(value: datetime | date | jdatetime.date) -> date:
    if isinstance(value, jdatetime.datetime):
        return value.togregorian().date()
    if isinstance(value, jdatetime.date):
        return value.togregorian()
    if isinstance(value, datetime):
        return to_tehran(value).date()
    return value


def format_jalali_date(
    d: datetime | date | jdatetime.date, *, latin: bool = False, month_names: bool = True
) -> str:
    """``date(2026, 11, 23)`` → «۲ آذر ۱۴۰۵» (``latin``: ``"2 Azar 1405"``).

    With ``month_names=False``: «۱۴۰۵/۰۹/۰۲» (``latin``: ``"1405/09/02"``).
    """
    j = to_jalali(d)
    if month_names:
        names = JALALI_MONTHS_EN if latin else JALALI_MONTHS_FA
        text = f"{j.day} {names[j.month - 1]} {j.year}"
    else:
        text = f"{j.year:04d}/{j.month:02d}/{j.day:02d}"
    return text if latin else to_persian_digits(text)


def format_jalali_datetime(
    dt: datetime | jdatetime.datetime,
    *,
    tz: str | tzinfo | None = "Asia/Tehran",
    latin: bool = False,
) -> str:
    """An aware datetime in Tehran time: «۲ آذر ۱۴۰۵، ساعت ۱۴:۰۵» / ``"2 Azar 1405, 14:05"``.

    Naive datetimes are taken to be local (Tehran) time already.
    """
    j = to_jalali(dt, tz=tz)
    if not isinstance(j, jdatetime.datetime):
        raise TypeError("format_jalali_datetime() expects a datetime")
    day = format_jalali_date(j, latin=latin)
    clock = f"{j.hour:02d}:{j.minute:02d}"
    if latin:
        return f"{day}, {clock}"
    return f"{day}، ساعت {to_persian_digits(clock)}"


def jalali_week_bounds(d: datetime | date | jdatetime.date) -> tuple[date, date]:
    """The Persian week (Saturday … Friday) containing *d*, as inclusive Gregorian dates."""
    g = _gregorian_date(d)
    start = g - timedelta(days=(g.weekday() - 5) % 7)  # Monday=0 … Saturday=5
    return start, start + timedelta(days=6)


def jalali_month_bounds(d: datetime | date | jdatetime.date) -> tuple[date, date]:
    """The Jalali month containing *d*: (first day, last day) as inclusive Gregorian dates."""
    j = jdatetime.date.fromgregorian(date=_gregorian_date(d))
    first = jdatetime.date(j.year, j.month, 1)
    if j.month == 12:
        nxt = jdatetime.date(j.year + 1, 1, 1)
    else:
        nxt = jdatetime.date(j.year, j.month + 1, 1)
    return first.togregorian(), nxt.togregorian() - timedelta(days=1)
