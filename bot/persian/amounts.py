"""Numbers, money and mobile numbers, Persian style.

* ``format_number`` / ``format_money`` — Persian digits and «٬» (U+066C) thousands separators.
* ``parse_amount`` / ``parse_int`` — what a seller types as a price or a quantity, in any
  script, with words such as «هزار», «میلیون», «صد و بیست», «یک و نیم».
* ``parse_iranian_mobile`` (in ``bot.persian.phones``, re-exported) — an Iranian mobile number.

A price as a seller means it (the «هزار» dropped after «میلیون», a bare «۱۲۰» for thousands,
the amounts worth saying back) is read in ``bot.persian.spoken``.
"""

from __future__ import annotations

import re
from fractions import Fraction
from typing import Final

from bot.persian.phones import parse_iranian_mobile
from bot.persian.text import (
    DECIMAL_SEP,
    THOUSANDS_SEP,
    normalize,
    to_persian_digits,
)

__all__ = ["AmountError", "format_money", "format_number", "parse_amount", "parse_int",
           "parse_iranian_mobile"]


def format_number(n: int | float, *, latin: bool = False) -> str:
    """Group thousands: ``120000`` → «۱۲۰٬۰۰۰», or ``"120,000"`` when *latin*.

    Negative numbers keep a leading ``-``. Non-integral floats are shown with up to two decimals
    (momayyez «٫» in Persian); money should always be an integer.
    """
    if isinstance(n, bool):
        raise TypeError("format_number() expects a number, not bool")
    if isinstance(n, float):
        if n.is_integer():
            n = int(n)
        else:
            text = f"{n:,.2f}".rstrip("0").rstrip(".")
            if latin:
                return text
            return to_persian_digits(text.replace(",", THOUSANDS_SEP).replace(".", DECIMAL_SEP))
    n = int(n)
    text = f"{n:,}"
    if latin:
        return text
    return to_persian_digits(text.replace(",", THOUSANDS_SEP))


def format_money(amount: int, *, unit: str | None = None, latin: bool = False) -> str:
    """``120000`` → «۱۲۰٬۰۰۰ تومان»; ``latin=True`` → ``"120,000 toman"``.

    *unit* defaults to «تومان» (or ``"toman"`` when *latin*); pass ``unit=""`` for no unit.
    """
    if unit is None:
        unit = "toman" if latin else "تومان"
    number = format_number(amount, latin=latin)
    return f"{number} {unit}" if unit else number


# --------------------------------------------------------------------------------------------
# Parsing amounts and quantities
# --------------------------------------------------------------------------------------------


class AmountError(ValueError):
    """The text is not an amount we understand.

    ``reason`` is one of ``"empty"``, ``"not_a_number"``, ``"fraction"``, ``"negative"``,
    ``"rial"`` (an amount in rial: ask the user to write it in toman, never divide silently).
    """

    REASONS: Final = ("empty", "not_a_number", "fraction", "negative", "rial")

    def __init__(self, reason: str, text: str | None = None) -> None:
        if reason not in self.REASONS:
            raise ValueError(f"unknown AmountError reason {reason!r}")
        super().__init__(reason)
        self.reason = reason
        self.text = text


# Values of number words (after ``normalize``; so ZWNJ forms appear split into tokens).
_UNIT_WORDS: Final[dict[str, int]] = {
    "صفر": 0,
    "یک": 1, "یه": 1, "یکی": 1,
    "دو": 2,
    "سه": 3,
    "چهار": 4, "چار": 4,
    "پنج": 5,
    "شش": 6, "شیش": 6,
    "هفت": 7,
    "هشت": 8,
    "نه": 9,
    "ده": 10,
    "یازده": 11,
    "دوازده": 12,
    "سیزده": 13,
    "چهارده": 14,
    "پانزده": 15, "پونزده": 15,
    "شانزده": 16, "شونزده": 16,
    "هفده": 17, "هیفده": 17,
    "هجده": 18, "هیجده": 18, "هژده": 18,
    "نوزده": 19,
    "بیست": 20,
    "سی": 30,
    "چهل": 40,
    "پنجاه": 50,
    "شصت": 60,
    "هفتاد": 70,
    "هشتاد": 80,
    "نود": 90,
    "صد": 100, "یکصد": 100,
    "دویست": 200,
    "سیصد": 300,
    "چهارصد": 400, "چارصد": 400,
    "پانصد": 500, "پونصد": 500,
    "ششصد": 600, "شیشصد": 600,
    "هفتصد": 700, "هفصد": 700,
    "هشتصد": 800, "هشصد": 800,
    "نهصد": 900,
}  # fmt: skip
_HALF_WORDS: Final = frozenset({"نیم", "نصف"})
_MULTIPLIER_WORDS: Final[dict[str, int]] = {
    "هزار": 1_000,
    "k": 1_000,
    "thousand": 1_000,
    "میلیون": 1_000_000,
    "ملیون": 1_000_000,
    "m": 1_000_000,
    "mil": 1_000_000,
    "million": 1_000_000,
    "میلیارد": 1_000_000_000,
    "ملیارد": 1_000_000_000,
    "billion": 1_000_000_000,
}
_AND_WORDS: Final = frozenset({"و", "and"})
_MINUS_WORDS: Final = frozenset({"منفی", "minus"})
_CURRENCY_WORDS: Final = frozenset({"تومان", "تومن", "ت", "toman", "tomans", "tmn"})
_RIAL_WORDS: Final = frozenset({"ریال", "rial", "rials", "irr", "rls"})
_COUNTER_WORDS: Final = frozenset({"تا", "عدد", "دانه", "دونه", "pcs", "pc", "x"})
_IGNORED_PUNCT: Final = frozenset(".,!?؟؛;:()«»\"'")
_MINUS_CHARS: Final = "-\u2212\u2013\u2014\u2010\u2012"

_TOKEN_RE = re.compile(
    r"(?P<num>[0-9]+(?:[.,/'’][0-9]+)*)"
    rf"|(?P<minus>[{_MINUS_CHARS}])"
    r"|(?P<word>[^\W\d_]+)"
    r"|(?P<other>\S)"
)


def _parse_numeral(token: str, *, before_multiplier: bool) -> Fraction:
    """Value of a digit token such as ``120000``, ``120,000``, ``120.000``, ``1.5``, ``1/5``.

    ``,`` (and ``٬``, ``،``, ``'`` mapped before) always groups thousands. ``.`` and ``/`` (the
    Persian decimal slash; ``٫`` was mapped to ``.``) are decimal points, except that without a
    following multiplier word a dot or slash before exactly three digits groups thousands
    (``120.000`` → 120000, ``۱۲۰/۰۰۰`` → 120000).
    """
    token = token.replace("’", "'").replace("'", ",")
    int_part, dec_part = token, ""
    # Split off a decimal part: the last "." or "/" group, if it cannot be a thousands group
    # (or if a multiplier follows, when a single "." or "/" is always a decimal point).
    points = [i for i, ch in enumerate(token) if ch in "./"]
    if points:
        if len(points) == 1 and "," not in token:
            head, tail = token[: points[0]], token[points[0] + 1 :]
            if before_multiplier or len(tail) != 3 or len(head) > 3:
                int_part, dec_part = head, tail
            else:
                int_part = head + "," + tail
        elif len(points) == 1:  # "1,200.5"
            int_part, dec_part = token[: points[0]], token[points[0] + 1 :]
        else:  # "1.200.000": only a thousands grouping makes sense
            seps = {token[i] for i in points}
            if len(seps) != 1 or "," in token:
                raise AmountError("not_a_number")
            int_part = token.replace(token[points[0]], ",")
    elif before_multiplier and token.count(",") == 1 and len(token.split(",")[1]) != 3:
        int_part, dec_part = token.split(",")  # «۱،۵ میلیون»: a comma typed as decimal point
    groups = int_part.split(",")
    if len(groups) > 1 and (not 1 <= len(groups[0]) <= 3 or any(len(g) != 3 for g in groups[1:])):
        raise AmountError("not_a_number")
    value = Fraction(int("".join(groups)))
    if dec_part:
        value += Fraction(int(dec_part), 10 ** len(dec_part))
    return value


_KNOWN_WORDS: Final = frozenset(
    {*_UNIT_WORDS, *_HALF_WORDS, *_MULTIPLIER_WORDS, *_AND_WORDS, *_CURRENCY_WORDS, *_COUNTER_WORDS}
)


def _split_joined(word: str) -> list[str] | None:
    """A word made of number words written together, split («دوتا» → «دو», «تا»), else None."""
    if not word or word in _KNOWN_WORDS:
        return [word] if word else []
    for end in range(len(word) - 1, 1, -1):  # longest first; single letters (ت، و) only at the end
        head = word[:end]
        if head in _KNOWN_WORDS:
            rest = _split_joined(word[end:])
            if rest is not None:
                return [head, *rest]
    if word[0] == "و" and (rest := _split_joined(word[1:])):  # «وپونصد»
        return ["و", *rest]
    return None


def _tokens(text: str, *, money: bool, extra_ignored: frozenset[str]) -> list[tuple[str, str]]:
    s = normalize(text)
    # A minus typed in front of (or, in RTL habit, after) the number; also «منفی».
    tokens: list[tuple[str, str]] = []
    for m in _TOKEN_RE.finditer(s):
        kind = m.lastgroup or "other"
        value = m.group()
        tokens.append((kind, value))
    out: list[tuple[str, str]] = []
    for kind, value in tokens:
        if kind == "word":
            if value in _RIAL_WORDS and money:
                raise AmountError("rial", text)
            if (money and value in _CURRENCY_WORDS) or value in extra_ignored:
                continue
            if value in _MINUS_WORDS:
                out.append(("minus", value))
                continue
            parts = _split_joined(value) if value not in _KNOWN_WORDS else None
            if parts:  # «صدوبیست», «دوتا», «هزارتومن», «وپونصد»: typed without spaces
                out.extend(_tokens(" ".join(parts), money=money, extra_ignored=extra_ignored))
                continue
            out.append((kind, value))
        elif kind == "other":
            if value in _IGNORED_PUNCT:
                continue
            out.append((kind, value))
        else:
            out.append((kind, value))
    return out


def _join_space_groups(tokens: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """``120 000`` (space as a thousands separator) → one numeral ``120,000``."""
    out: list[tuple[str, str]] = []
    for kind, value in tokens:
        if (
            kind == "num"
            and out
            and out[-1][0] == "num"
            and len(value) == 3
            and value.isdigit()
            and re.fullmatch(r"[0-9]{1,3}(?:,[0-9]{3})*", out[-1][1])
        ):
            out[-1] = ("num", out[-1][1] + "," + value)
        else:
            out.append((kind, value))
    return out


def _evaluate(text: str | None, *, money: bool, extra_ignored: frozenset[str] = frozenset()) -> int:
    if text is None or not normalize(text):
        raise AmountError("empty", text)
    tokens = _join_space_groups(_tokens(text, money=money, extra_ignored=extra_ignored))

    negative = False
    while tokens and tokens[0][0] == "minus":
        negative = True
        tokens.pop(0)
    while tokens and tokens[-1][0] == "minus":
        negative = True
        tokens.pop()
    if not tokens:
        raise AmountError("not_a_number", text)

    total = Fraction(0)  # completed "… million", "… thousand" parts
    current = Fraction(0)  # the part still waiting for a multiplier
    have_current = False
    last_multiplier = 0
    last_kind = ""  # "num", "word", "half", "mult", "and"
    seen_value = False

    for i, (kind, value) in enumerate(tokens):
        if kind == "num":
            if last_kind in ("num", "word", "half"):
                raise AmountError("not_a_number", text)  # "120 500", "صد 5"
            nxt = tokens[i + 1] if i + 1 < len(tokens) else None
            before_mult = nxt is not None and nxt[0] == "word" and nxt[1] in _MULTIPLIER_WORDS
            current += _parse_numeral(value, before_multiplier=before_mult)
            have_current = True
            last_kind = "num"
            seen_value = True
        elif kind == "word" and value in _UNIT_WORDS:
            if last_kind in ("num", "half"):
                raise AmountError("not_a_number", text)
            current += _UNIT_WORDS[value]
            have_current = True
            last_kind = "word"
            seen_value = True
        elif kind == "word" and value in _HALF_WORDS:
            if last_kind in ("num", "half"):
                raise AmountError("not_a_number", text)
            if not have_current and last_kind == "and" and last_multiplier:
                # «دو میلیون و نیم» → 2.5 million: half of the last multiplier.
                total += Fraction(last_multiplier, 2)
            else:
                current += Fraction(1, 2)
                have_current = True
            last_kind = "half"
            seen_value = True
        elif kind == "word" and value in _MULTIPLIER_WORDS:
            mult = _MULTIPLIER_WORDS[value]
            if not have_current and last_kind == "mult" and last_multiplier < mult:
                # «دو هزار میلیون» → (2 × 1000) × 1 000 000
                total *= mult
            else:
                if not have_current:
                    current = Fraction(1)  # «هزار» alone, «میلیون و ...»
                total += current * mult
            current = Fraction(0)
            have_current = False
            last_multiplier = mult
            last_kind = "mult"
            seen_value = True
        elif kind == "word" and value in _AND_WORDS:
            if last_kind in ("", "and"):
                raise AmountError("not_a_number", text)
            last_kind = "and"
        elif kind == "minus":
            raise AmountError("not_a_number", text)  # a minus in the middle: "120-150"
        else:
            raise AmountError("not_a_number", text)

    if not seen_value or last_kind == "and":
        raise AmountError("not_a_number", text)
    if have_current and last_multiplier >= 1_000_000 and current < 1000 and current.denominator == 1:
        # «یک میلیون و دویست» is 1 200 000 as people say it: the «هزار» is dropped after
        # «میلیون» (and the «میلیون» after «میلیارد»).
        current *= last_multiplier // 1000
    result = total + current
    if negative and result != 0:
        raise AmountError("negative", text)
    if result.denominator != 1:
        raise AmountError("fraction", text)
    return int(result)


def parse_amount(text: str | None) -> int:
    """Parse a price typed by a user into integer toman.

    Understands any digits (``۱۲۰۰۰۰``, ``١٢٠٠٠٠``, ``120000``), thousands separators
    (``۱۲۰٬۰۰۰``, ``120,000``, ``120.000``, ``۱۲۰/۰۰۰``, ``120 000``), multiplier words with
    decimals (``۱.۵ میلیون``, ``۱/۵ میلیون``, ``۱٫۵ میلیون``, ``120k``), Persian number words
    joined by «و» (``صد و بیست هزار``, ``۲ میلیون و ۳۰۰ هزار``, ``یک و نیم میلیون``) and an
    ignored «تومان»/«تومن»/``toman``.

    Raises :class:`AmountError` with ``reason`` ``"empty"``, ``"not_a_number"``,
    ``"fraction"`` (``12.5``), ``"negative"`` (``-5``) or ``"rial"`` (``۱۰۰۰ ریال``).
    """
    return _evaluate(text, money=True)


def parse_int(text: str | None, *, ignore: tuple[str, ...] = ()) -> int:
    """Parse a small whole number such as a quantity or a number of days.

    Any digits, or Persian number words (``سه``, ``بیست و پنج``, ``صد``, ``هزار``); counter
    words «تا», «عدد», «دانه» are ignored, and so are the words in *ignore* (e.g. ``("روز",)``).
    Raises :class:`AmountError` like :func:`parse_amount` (never ``"rial"``).
    """
    extra = frozenset(normalize(w) for w in ignore) | _COUNTER_WORDS
    return _evaluate(text, money=False, extra_ignored=extra)
