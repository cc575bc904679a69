"""Amounts as a seller means them, and spans of days.

``parse_amount`` (in ``bot.persian.amounts``) reads what is written. Here the price step's rule
on top of it, one rule for every form:

* the «هزار» people drop after «میلیون» is put back («یک میلیون و دویست» → 1 200 000; done by
  ``parse_amount`` itself, since nobody means 1 000 200);
* an amount under 1 000 toman is not a price of a handmade product: «۱۲۰ تومن», «صد و بیست»,
  «دویست» mean thousands, as they do in the bazaar. It is read as thousands but **said back**
  before it is kept;
* an amount over 100 000 000 toman is possible (a carpet) but more often a slip of a zero: it is
  kept as written, and said back too.

``parse_days`` reads «یک هفته» (7), «دو هفته» (14), «ده روز», «یه ماه» (30), «۵».
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from bot.persian.amounts import AmountError, parse_amount, parse_int
from bot.persian.text import normalize

PLAUSIBLE_MIN: Final = 1_000
PLAUSIBLE_MAX: Final = 100_000_000


@dataclass(frozen=True)
class PriceReading:
    """``amount`` in toman as we understood it; ``certain`` False when it must be said back
    («۱۲۰٬۰۰۰ تومان؟ ✅ بله / ✏️ نه») before it is kept; ``written`` is the amount as written."""

    amount: int
    certain: bool
    written: int


def read_price(text: str | None) -> PriceReading:
    """The price a seller means. Raises :class:`AmountError` like ``parse_amount``."""
    written = parse_amount(text)
    if 0 < written < PLAUSIBLE_MIN:
        return PriceReading(written * 1000, certain=False, written=written)
    return PriceReading(written, certain=written <= PLAUSIBLE_MAX, written=written)


_DAY_WORDS: Final = ("روز", "روزه", "day", "days")
_SPANS: Final[dict[str, int]] = {
    "هفته": 7, "week": 7, "weeks": 7,
    "ماه": 30, "month": 30, "months": 30,
}  # fmt: skip


def parse_days(text: str | None) -> int:
    """A number of days: «۵», «پنج روز», «یک هفته» → 7, «دو هفته» → 14, «یه ماه» → 30,
    «هفته» → 7. Raises :class:`AmountError` like ``parse_int``."""
    words = normalize(text).split()
    spans = [i for i, w in enumerate(words) if w in _SPANS]
    if not spans:
        return parse_int(text, ignore=_DAY_WORDS)
    i = spans[0]
    if i != len(words) - 1:
        raise AmountError("not_a_number", text)
    count = parse_int(" ".join(words[:i])) if i else 1
    return count * _SPANS[words[i]]


__all__ = ["PLAUSIBLE_MAX", "PLAUSIBLE_MIN", "PriceReading", "parse_days", "read_price"]
