"""Persian text, digits, money, phone numbers and the Jalali calendar.

Pure functions, no Telegram and no database, so that every layer can use them. Use them as
``from bot import persian; persian.format_money(...)``; they live in these modules:

* ``text`` — normalising for matching (``normalize``, ``squash``), tidying what a user typed
  before storing it (``clean_input``), digits (``to_ascii_digits``, ``to_persian_digits``),
  how many words to take out of a text too long for its limit (``words_over``).
* ``amounts`` — numbers and money (``format_number``, ``format_money``), prices and quantities
  as typed (``parse_amount``, ``parse_int``, ``AmountError``), ``parse_iranian_mobile``.
* ``spoken`` — a price as a seller means it (``read_price``: the dropped «هزار», «۱۲۰ تومن» as
  thousands, what to say back), spans of days (``parse_days``: «یک هفته» → 7).
* ``dates`` — Tehran time and the Jalali calendar (``to_jalali``, ``format_jalali_date``,
  ``format_jalali_datetime``, ``jalali_week_bounds``, ``jalali_month_bounds``).
"""

from __future__ import annotations

from bot.persian.amounts import (
    AmountError,
    format_money,
    format_number,
    parse_amount,
    parse_int,
    parse_iranian_mobile,
)
from bot.persian.dates import (
    JALALI_MONTHS_EN,
    JALALI_MONTHS_FA,
    TEHRAN,
    format_jalali_date,
    format_jalali_datetime,
    jalali_month_bounds,
    jalali_week_bounds,
    to_jalali,
    to_tehran,
)
from bot.persian.spoken import PriceReading, parse_days, read_price
from bot.persian.text import (
    ZWNJ,
    clean_input,
    normalize,
    squash,
    to_ascii_digits,
    to_persian_digits,
    words_over,
)

__all__ = [
    "JALALI_MONTHS_EN",
    "JALALI_MONTHS_FA",
    "TEHRAN",
    "ZWNJ",
    "AmountError",
    "PriceReading",
    "clean_input",
    "format_jalali_date",
    "format_jalali_datetime",
    "format_money",
    "format_number",
    "jalali_month_bounds",
    "jalali_week_bounds",
    "normalize",
    "parse_amount",
    "parse_days",
    "parse_int",
    "parse_iranian_mobile",
    "read_price",
    "squash",
    "to_ascii_digits",
    "to_jalali",
    "to_persian_digits",
    "to_tehran",
    "words_over",
]
