"""Report periods: the Iranian week (Saturday to Friday) and the Jalali month in Tehran time,
since the start, or a range typed as Jalali dates. A period is [start, end) in UTC."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

import jdatetime

from bot import persian
from bot.services.errors import InputError

THIS_WEEK, LAST_WEEK, THIS_MONTH, LAST_MONTH, ALL = "tw", "lw", "tm", "lm", "all"
NAMED = (THIS_WEEK, LAST_WEEK, THIS_MONTH, LAST_MONTH, ALL)
EPOCH = datetime(2000, 1, 1, tzinfo=UTC)
_CODE_RE = re.compile(r"^(\d{8})-(\d{8})$")
_TYPED_RE = re.compile(r"(\d{4})\s*[/\-.\u066b]\s*(\d{1,2})\s*[/\-.\u066b]\s*(\d{1,2})")
JALALI_YEARS = range(1300, 1500)  # a year outside is a Gregorian year or a slip of the finger


@dataclass(frozen=True)
class Period:
    code: str  # one of NAMED, or "14050801-14050830" (fits a button's data)
    start: datetime  # inclusive, UTC
    end: datetime  # exclusive, UTC
    first_day: date  # inclusive Gregorian days in Tehran, for labels
    last_day: date

    def label(self, latin: bool = False) -> str:
        if self.code == ALL:
            return ""
        a = persian.format_jalali_date(self.first_day, latin=latin)
        b = persian.format_jalali_date(self.last_day, latin=latin)
        return f"{a} – {b}"


def tehran_midnight(d: date) -> datetime:
    return datetime.combine(d, time(), persian.TEHRAN).astimezone(UTC)


def _days(code: str, first: date, last: date) -> Period:
    return Period(code, tehran_midnight(first), tehran_midnight(last + timedelta(days=1)),
                  first, last)


def named(code: str, now: datetime) -> Period:
    today = persian.to_tehran(now).date()
    if code == THIS_WEEK:
        return _days(code, *persian.jalali_week_bounds(today))
    if code == LAST_WEEK:
        return _days(code, *persian.jalali_week_bounds(today - timedelta(days=7)))
    if code == THIS_MONTH:
        return _days(code, *persian.jalali_month_bounds(today))
    if code == LAST_MONTH:
        first, _ = persian.jalali_month_bounds(today)
        return _days(code, *persian.jalali_month_bounds(first - timedelta(days=1)))
    if code == ALL:
        return Period(ALL, EPOCH, tehran_midnight(today + timedelta(days=1)),
                      EPOCH.date(), today)
    raise ValueError(code)


def _jalali(y: int, m: int, d: int) -> date:
    try:
        return jdatetime.date(y, m, d).togregorian()
    except ValueError:
        raise InputError("rep-err-range") from None


def from_code(code: str, now: datetime) -> Period | None:
    """A button's period back; None for anything else."""
    if code in NAMED:
        return named(code, now)
    m = _CODE_RE.match(code)
    if not m:
        return None
    a, b = m.groups()
    try:
        first = _jalali(int(a[:4]), int(a[4:6]), int(a[6:]))
        last = _jalali(int(b[:4]), int(b[4:6]), int(b[6:]))
    except InputError:
        return None
    return _days(code, first, last) if first <= last else None


def parse_range(text: str, now: datetime | None = None) -> Period:
    """«از ۱۴۰۵/۰۸/۰۱ تا ۱۴۰۵/۰۸/۳۰» (Persian or Latin digits, / - . or the Persian decimal
    mark); one date alone («از ۱۴۰۵/۰۹/۰۱») runs to today (`now`). A year that is not a
    Jalali one (2026) is refused with its own message rather than read as the year 2026 AP."""
    found = _TYPED_RE.findall(persian.to_ascii_digits(text or ""))
    if not found or len(found) > 2:
        raise InputError("rep-err-range")
    dates = [(int(y), int(m), int(d)) for y, m, d in found]
    if any(y not in JALALI_YEARS for y, _, _ in dates):
        raise InputError("rep-err-year")
    if len(dates) == 1:
        if now is None:
            raise InputError("rep-err-range")
        today = jdatetime.date.fromgregorian(date=persian.to_tehran(now).date())
        dates.append((today.year, today.month, today.day))
        if _jalali(*dates[0]) > _jalali(*dates[1]):
            raise InputError("rep-err-range")
    (y1, m1, d1), (y2, m2, d2) = dates
    first, last = _jalali(y1, m1, d1), _jalali(y2, m2, d2)
    if first > last:
        first, last = last, first
    if (last - first).days > 3660:
        raise InputError("rep-err-range")
    code = f"{y1:04d}{m1:02d}{d1:02d}-{y2:04d}{m2:02d}{d2:02d}"
    if first != _jalali(y1, m1, d1):
        code = f"{y2:04d}{m2:02d}{d2:02d}-{y1:04d}{m1:02d}{d1:02d}"
    return _days(code, first, last)


def weeks(period: Period, now: datetime, limit: int = 12) -> list[Period]:
    """The Iranian weeks that meet the period (the last `limit` of them, up to now)."""
    end = min(period.end, now)
    last_day = persian.to_tehran(end - timedelta(microseconds=1)).date()
    out: list[Period] = []
    first, last = persian.jalali_week_bounds(last_day)
    while len(out) < limit and tehran_midnight(last + timedelta(days=1)) > period.start:
        out.append(_days("w", first, last))
        first, last = first - timedelta(days=7), last - timedelta(days=7)
    return out[::-1]
