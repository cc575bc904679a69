from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import jdatetime
import pytest

from bot import persian
from bot.persian import (
    AmountError,
    clean_input,
    format_jalali_date,
    format_jalali_datetime,
    format_money,
    format_number,
    jalali_month_bounds,
    jalali_week_bounds,
    normalize,
    parse_amount,
    parse_int,
    parse_iranian_mobile,
    squash,
    to_ascii_digits,
    to_jalali,
    to_persian_digits,
)

ZWNJ = "\u200c"

# ------------------------------------------------------------------------------ normalize


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("مليله", "ملیله"),  # Arabic yeh
        ("ملىله", "ملیله"),  # alef maksura
        ("كيك", "کیک"),  # Arabic kaf and yeh
        ("خانة", "خانه"),  # teh marbuta
        ("أحمد", "احمد"),
        ("إيران", "ایران"),
        ("ملـیلـه", "ملیله"),  # tatweel
        ("مَلیلِه", "ملیله"),  # diacritics
        ("\u200fملیله\u200e", "ملیله"),  # bidi marks
        ("\ufeffملیله", "ملیله"),
        ("ﻣﻠﯿﻠﻪ", "ملیله"),  # Arabic presentation forms (NFKC)
        ("۱۲۳", "123"),
        ("١٢٣", "123"),
        ("1۲٣", "123"),
        ("TOMAN", "toman"),
        ("  جوراب   بافی  ", "جوراب بافی"),
        (f"جوراب{ZWNJ}بافی", "جوراب بافی"),
        ("جوراب\u200bبافی", "جوراب بافی"),
    ],
)
def test_normalize_equivalences(a: str, b: str) -> None:
    assert normalize(a) == normalize(b)


def test_normalize_keeps_alef_madda() -> None:
    assert normalize("آبان") == "آبان"


@pytest.mark.parametrize("text", ["", None, "   ", "\u200c", "ـ"])
def test_normalize_empty(text: str | None) -> None:
    assert normalize(text) == ""
    assert squash(text) == ""


@pytest.mark.parametrize(
    "variant",
    ["جوراب بافی", f"جوراب{ZWNJ}بافی", "جورابـبافی", "جوراب‌‌بافی", "جوراببافی", "جوراب  بافي"],
)
def test_squash_joined_or_spaced(variant: str) -> None:
    assert squash(variant) == squash("جوراب‌بافی")


def test_squash_removes_spaces() -> None:
    assert " " not in squash("دکوری و خانه")


# ------------------------------------------------------------------------------ clean_input


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  سلام  ", "سلام"),
        ("دنيا", "دنیا"),
        ("كتاب", "کتاب"),
        ("سلام\u200f دنیا\u202b", "سلام دنیا"),
        ("سلام     دنیا", "سلام دنیا"),
        ("سلام\tدنیا", "سلام دنیا"),
        (f"کتاب{ZWNJ}ها", f"کتاب{ZWNJ}ها"),  # ZWNJ kept
        (f"کتاب{ZWNJ}{ZWNJ}{ZWNJ}ها", f"کتاب{ZWNJ}ها"),  # collapsed
        (f"کتاب{ZWNJ} ها", "کتاب ها"),  # next to a space
        (f"کتاب {ZWNJ}ها", "کتاب ها"),
        (f"{ZWNJ}کتاب{ZWNJ}", "کتاب"),
        ("خط یک\n\n\n\nخط دو  ", "خط یک\n\nخط دو"),
        ("خط یک\r\nخط دو", "خط یک\nخط دو"),
        ("قیمت ١٢٠", "قیمت ۱۲۰"),  # Arabic-Indic → Persian digits
        ("ﻣﻠﯿﻠﻪ", "ملیله"),  # presentation forms
        ("", ""),
        ("   ", ""),
    ],
)
def test_clean_input(raw: str, expected: str) -> None:
    assert clean_input(raw) == expected


def test_clean_input_keeps_persian_digits_and_tatweel_free_text() -> None:
    assert clean_input("۱۲۰ هزار") == "۱۲۰ هزار"


# ------------------------------------------------------------------------------ digits


@pytest.mark.parametrize(
    ("s", "ascii_"),
    [("۰۱۲۳۴۵۶۷۸۹", "0123456789"), ("٠١٢٣٤٥٦٧٨٩", "0123456789"), ("1۲٣", "123"), ("abc", "abc")],
)
def test_to_ascii_digits(s: str, ascii_: str) -> None:
    assert to_ascii_digits(s) == ascii_


@pytest.mark.parametrize(
    ("s", "fa"), [(1405, "۱۴۰۵"), ("0123456789", "۰۱۲۳۴۵۶۷۸۹"), ("٤٥٦", "۴۵۶"), (-3, "-۳")]
)
def test_to_persian_digits(s: str | int, fa: str) -> None:
    assert to_persian_digits(s) == fa


@pytest.mark.parametrize("n", [0, 7, 1405, 120000, 9876543210])
def test_digit_round_trip(n: int) -> None:
    assert int(to_ascii_digits(to_persian_digits(n))) == n


# ------------------------------------------------------------------------------ formatting


@pytest.mark.parametrize(
    ("n", "fa", "latin"),
    [
        (0, "۰", "0"),
        (999, "۹۹۹", "999"),
        (1000, "۱٬۰۰۰", "1,000"),
        (120000, "۱۲۰٬۰۰۰", "120,000"),
        (1500000, "۱٬۵۰۰٬۰۰۰", "1,500,000"),
        (-120000, "-۱۲۰٬۰۰۰", "-120,000"),
    ],
)
def test_format_number(n: int, fa: str, latin: str) -> None:
    assert format_number(n) == fa
    assert format_number(n, latin=True) == latin


def test_format_number_uses_arabic_thousands_separator() -> None:
    assert format_number(120000) == "۱۲۰\u066c۰۰۰"


def test_format_money() -> None:
    assert format_money(120000) == "۱۲۰٬۰۰۰ تومان"
    assert format_money(120000, latin=True) == "120,000 toman"
    assert format_money(120000, unit="toman", latin=True) == "120,000 toman"
    assert format_money(5000, unit="ریال") == "۵٬۰۰۰ ریال"
    assert format_money(5000, unit="") == "۵٬۰۰۰"


@pytest.mark.parametrize("n", [0, 1, 999, 1000, 120000, 2300000, 1234567890])
def test_format_then_parse_round_trip(n: int) -> None:
    assert parse_amount(format_money(n)) == n
    assert parse_amount(format_money(n, latin=True)) == n
    assert parse_amount(format_number(n)) == n


# ------------------------------------------------------------------------------ parse_amount


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("۱۲۰۰۰۰", 120000),
        ("١٢٠٠٠٠", 120000),
        ("120000", 120000),
        ("1۲٣", 123),
        ("۱۲۰٬۰۰۰", 120000),
        ("120,000", 120000),
        ("120.000", 120000),
        ("۱۲۰/۰۰۰", 120000),
        ("120 000", 120000),
        ("1,200,000", 1200000),
        ("1.200.000", 1200000),
        ("١٢٠ هزار", 120000),
        ("۱۲۰هزار", 120000),
        ("۱.۵ میلیون", 1500000),
        ("۱/۵ میلیون", 1500000),
        ("۱٫۵ میلیون", 1500000),
        ("۲ میلیون و ۳۰۰ هزار", 2300000),
        ("۱،۵ میلیون", 1500000),
        ("1,5 million", 1500000),
        ("۱ میلیون ۲۰۰ هزار", 1200000),
        ("دو میلیون", 2000000),
        ("دو ميليون", 2000000),
        ("صد و بیست هزار", 120000),
        ("سیصد و پنجاه هزار تومن", 350000),
        ("۱۲۰ هزار تومان", 120000),
        ("۱۲۰۰۰۰ تومان", 120000),
        ("120000 toman", 120000),
        ("120k", 120000),
        ("120K", 120000),
        ("1.5m", 1500000),
        ("۵۰۰ هزار", 500000),
        ("هزار", 1000),
        ("میلیون", 1000000),
        ("یک و نیم میلیون", 1500000),
        (f"یک{ZWNJ}ونیم میلیون", 1500000),
        ("نیم میلیون", 500000),
        ("دو میلیون و نیم", 2500000),
        ("۱۲۰ هزار و ۵۰۰", 120500),
        ("یک میلیون و دویست و پنجاه هزار", 1250000),
        ("۲ هزار میلیون", 2000000000),
        ("  ۱۲۰۰۰۰.  ", 120000),
        ("\u200f۱۲۰٬۰۰۰ تومان\u200f", 120000),
        ("0", 0),
    ],
)
def test_parse_amount(text: str, value: int) -> None:
    assert parse_amount(text) == value


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "empty"),
        ("   ", "empty"),
        (None, "empty"),
        ("abc", "not_a_number"),
        ("تومان", "not_a_number"),
        ("هزار و", "not_a_number"),
        ("و هزار", "not_a_number"),
        ("120-150", "not_a_number"),
        ("12,34", "not_a_number"),
        ("۱۲۰ ۵", "not_a_number"),
        ("-5", "negative"),
        ("−۵۰۰۰", "negative"),
        ("۵۰۰۰-", "negative"),
        ("منفی ۵ هزار", "negative"),
        ("12.5", "fraction"),
        ("۱۲٫۵", "fraction"),
        ("1.2345 هزار", "fraction"),
        ("نیم", "fraction"),
        ("۱۰۰۰ ریال", "rial"),
        ("1000 rial", "rial"),
        ("۱۲۰۰۰۰ ريال", "rial"),
    ],
)
def test_parse_amount_errors(text: str | None, reason: str) -> None:
    with pytest.raises(AmountError) as exc_info:
        parse_amount(text)
    assert exc_info.value.reason == reason
    assert isinstance(exc_info.value, ValueError)


# ------------------------------------------------------------------------------ parse_int


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("3", 3),
        ("۳", 3),
        ("٣", 3),
        ("1۲", 12),
        ("سه", 3),
        ("بیست و پنج", 25),
        ("صد", 100),
        ("هزار", 1000),
        ("نهصد و نود و نه", 999),
        ("۳ تا", 3),
        ("۵ عدد", 5),
        ("0", 0),
    ],
)
def test_parse_int(text: str, value: int) -> None:
    assert parse_int(text) == value


def test_parse_int_ignore_words() -> None:
    assert parse_int("۳ روز", ignore=("روز",)) == 3
    with pytest.raises(AmountError):
        parse_int("۳ روز")


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "empty"),
        ("abc", "not_a_number"),
        ("-2", "negative"),
        ("1.5", "fraction"),
        ("2 ریال", "not_a_number"),
    ],
)
def test_parse_int_errors(text: str, reason: str) -> None:
    with pytest.raises(AmountError) as exc_info:
        parse_int(text)
    assert exc_info.value.reason == reason


# ------------------------------------------------------------------------------ mobile


@pytest.mark.parametrize(
    "text",
    [
        "09121234567",
        "۰۹۱۲۱۲۳۴۵۶۷",
        "٠٩١٢١٢٣٤٥٦٧",
        "+989121234567",
        "989121234567",
        "00989121234567",
        "9121234567",
        "0912 123 4567",
        "0912-123-4567",
        "(0912) 123 45 67",
        "+98 912 123 4567",
        "+98 (912) 123-4567",
        "+98 0912 123 4567",
        "\u200e+98 912 123 4567\u200e",
    ],
)
def test_parse_iranian_mobile(text: str) -> None:
    assert parse_iranian_mobile(text) == "+989121234567"


@pytest.mark.parametrize(
    "text",
    [
        "",
        None,
        "abc",
        "02112345678",  # Tehran landline
        "0912123456",  # too short
        "091212345678",  # too long
        "+4917612345678",
        "+9809121234567x",
        "0912abc4567",
        "08121234567",
    ],
)
def test_parse_iranian_mobile_rejects(text: str | None) -> None:
    assert parse_iranian_mobile(text) is None


# ------------------------------------------------------------------------------ Jalali


def test_known_jalali_date() -> None:
    d = date(2026, 11, 23)
    j = to_jalali(d)
    assert (j.year, j.month, j.day) == (1405, 9, 2)
    assert format_jalali_date(d) == "۲ آذر ۱۴۰۵"
    assert format_jalali_date(d, latin=True) == "2 Azar 1405"
    assert format_jalali_date(d, month_names=False) == "۱۴۰۵/۰۹/۰۲"
    assert format_jalali_date(d, latin=True, month_names=False) == "1405/09/02"


@pytest.mark.parametrize(
    ("g", "fa"),
    [
        (date(2026, 3, 21), "۱ فروردین ۱۴۰۵"),  # Nowruz
        (date(2026, 3, 20), "۲۹ اسفند ۱۴۰۴"),
        (date(2025, 3, 20), "۳۰ اسفند ۱۴۰۳"),  # 1403 is a leap year
    ],
)
def test_jalali_dates(g: date, fa: str) -> None:
    assert format_jalali_date(g) == fa


def test_to_jalali_round_trip() -> None:
    d = date(2024, 1, 1)
    for _ in range(800):
        assert to_jalali(d).togregorian() == d
        d += timedelta(days=1)


def test_format_jalali_datetime_converts_to_tehran() -> None:
    dt = datetime(2026, 11, 23, 10, 35, tzinfo=UTC)  # 14:05 in Tehran (+03:30)
    assert format_jalali_datetime(dt) == "۲ آذر ۱۴۰۵، ساعت ۱۴:۰۵"
    assert format_jalali_datetime(dt, latin=True) == "2 Azar 1405, 14:05"


def test_format_jalali_datetime_crosses_midnight() -> None:
    dt = datetime(2026, 11, 23, 21, 0, tzinfo=UTC)  # 00:30 of the next day in Tehran
    assert format_jalali_datetime(dt, latin=True) == "3 Azar 1405, 00:30"
    assert format_jalali_date(dt, latin=True) == "3 Azar 1405"


def test_format_jalali_datetime_naive_is_local() -> None:
    assert format_jalali_datetime(datetime(2026, 11, 23, 14, 5)) == "۲ آذر ۱۴۰۵، ساعت ۱۴:۰۵"


def test_format_jalali_datetime_other_tz() -> None:
    dt = datetime(2026, 11, 23, 10, 35, tzinfo=UTC)
    plus_one = timezone(timedelta(hours=1))
    assert format_jalali_datetime(dt, tz=plus_one, latin=True) == "2 Azar 1405, 11:35"


def test_tehran_fallback_without_tzdata(monkeypatch: pytest.MonkeyPatch) -> None:
    import zoneinfo

    def missing(key: str) -> zoneinfo.ZoneInfo:
        raise zoneinfo.ZoneInfoNotFoundError(key)

    monkeypatch.setattr(zoneinfo, "ZoneInfo", missing)
    tz = persian.dates._load_tehran()  # the module that owns it since the split
    assert datetime(2026, 7, 1, tzinfo=UTC).astimezone(tz).utcoffset() == timedelta(
        hours=3, minutes=30
    )


def test_tehran_offset_has_no_dst() -> None:
    summer = datetime(2026, 7, 1, 12, tzinfo=UTC).astimezone(persian.TEHRAN)
    winter = datetime(2026, 1, 1, 12, tzinfo=UTC).astimezone(persian.TEHRAN)
    assert summer.utcoffset() == winter.utcoffset() == timedelta(hours=3, minutes=30)


def test_to_jalali_passes_jalali_through() -> None:
    j = jdatetime.date(1405, 9, 2)
    assert to_jalali(j) is j


@pytest.mark.parametrize("d", [date(2026, 11, 21), date(2026, 11, 23), date(2026, 11, 27)])
def test_jalali_week_bounds(d: date) -> None:
    start, end = jalali_week_bounds(d)
    assert (start, end) == (date(2026, 11, 21), date(2026, 11, 27))
    assert start.weekday() == 5  # Saturday
    assert end.weekday() == 4  # Friday


def test_jalali_week_bounds_next_week() -> None:
    assert jalali_week_bounds(date(2026, 11, 28))[0] == date(2026, 11, 28)


@pytest.mark.parametrize(
    ("d", "bounds"),
    [
        (date(2026, 11, 23), (date(2026, 11, 22), date(2026, 12, 21))),  # Azar 1405
        (date(2026, 3, 21), (date(2026, 3, 21), date(2026, 4, 20))),  # Farvardin 1405
        (date(2025, 3, 1), (date(2025, 2, 19), date(2025, 3, 20))),  # Esfand 1403 (leap, 30)
        (date(2026, 3, 1), (date(2026, 2, 20), date(2026, 3, 20))),  # Esfand 1404 (29)
    ],
)
def test_jalali_month_bounds(d: date, bounds: tuple[date, date]) -> None:
    assert jalali_month_bounds(d) == bounds
    start, end = bounds
    assert to_jalali(start).day == 1
    assert to_jalali(end + timedelta(days=1)).day == 1


def test_words_over_says_a_length_in_words() -> None:
    """COPY rule 6: a text past its limit is told how many words to take out of it."""
    assert persian.words_over("یک دو سه", 10) == 0, "fits already"
    assert persian.words_over("یک دو سه چهار", 10) == 1  # «یک دو سه» is 8
    assert persian.words_over(" ".join(["خیابان"] * 50), 300) == 7  # 349 → 43 words, 300
    assert persian.words_over("ب" * 5000, 300) == 0, "one long word: no count of words helps"
    assert persian.words_over("ب" * 400 + " کوتاه", 300) == 0
    assert persian.words_over("", 10) == 0
