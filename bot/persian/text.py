"""Persian text: characters, normalising for matching, tidying for storing, digits.

* ``normalize`` / ``squash`` — for *matching* (search, city names, commands): Arabic letter
  variants (ي ى ك ة أ إ) become Persian ones, every digit becomes ASCII, diacritics and tatweel
  go, the zero-width non-joiner becomes a space and Latin letters are case-folded.
* ``clean_input`` — for *storing* what a user typed: keeps the text as written (Persian digits,
  the ZWNJ of correct orthography) but removes invisible junk and unifies ي/ك.
* ``words_over`` — how many words to take out of a text too long for its limit: a length a
  person can act on (nobody counts characters; COPY rule 6).
* ``to_ascii_digits`` / ``to_persian_digits``.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

# --------------------------------------------------------------------------------------------
# Characters
# --------------------------------------------------------------------------------------------

ZWNJ: Final = "\u200c"
PERSIAN_DIGITS: Final = "۰۱۲۳۴۵۶۷۸۹"
ARABIC_DIGITS: Final = "٠١٢٣٤٥٦٧٨٩"
ASCII_DIGITS: Final = "0123456789"
THOUSANDS_SEP: Final = "\u066c"  # ٬ ARABIC THOUSANDS SEPARATOR
DECIMAL_SEP: Final = "\u066b"  # ٫ ARABIC DECIMAL SEPARATOR (momayyez)

_TO_ASCII_DIGITS = str.maketrans(PERSIAN_DIGITS + ARABIC_DIGITS, ASCII_DIGITS * 2)
_TO_PERSIAN_DIGITS = str.maketrans(ASCII_DIGITS + ARABIC_DIGITS, PERSIAN_DIGITS * 2)

# Invisible formatting characters that are never wanted in stored text: bidi marks,
# embeddings/overrides/isolates, the byte-order mark, word joiner, soft hyphen.
BIDI_AND_INVISIBLE: Final = (
    "\u200e\u200f"  # LRM, RLM
    "\u202a\u202b\u202c\u202d\u202e"  # LRE RLE PDF LRO RLO
    "\u2066\u2067\u2068\u2069"  # LRI RLI FSI PDI
    "\u061c"  # ARABIC LETTER MARK
    "\ufeff"  # BOM / zero-width no-break space
    "\u2060"  # WORD JOINER
    "\u00ad"  # SOFT HYPHEN
)

# Arabic letter variants → Persian letters (used by both normalize and clean_input).
_LETTER_UNIFY: Final = {
    "\u064a": "\u06cc",  # ي ARABIC YEH → ی FARSI YEH
    "\u0649": "\u06cc",  # ى ALEF MAKSURA → ی
    "\u0643": "\u06a9",  # ك ARABIC KAF → ک KEHEH
}

_NORMALIZE_MAP: dict[int, str | None] = {ord(k): v for k, v in _LETTER_UNIFY.items()}
_NORMALIZE_MAP.update(
    {
        ord("\u0629"): "\u0647",  # ة TEH MARBUTA → ه
        ord("\u06c0"): "\u0647",  # ۀ HEH WITH YEH ABOVE → ه
        ord("\u06d5"): "\u0647",  # ە AE → ه
        ord("\u0623"): "\u0627",  # أ → ا
        ord("\u0625"): "\u0627",  # إ → ا
        ord("\u0671"): "\u0627",  # ٱ ALEF WASLA → ا
        ord("\u0624"): "\u0648",  # ؤ → و
        ord("\u0640"): None,  # ـ TATWEEL
        ord(THOUSANDS_SEP): ",",
        ord(DECIMAL_SEP): ".",
        ord("\u060c"): ",",  # ، ARABIC COMMA
        ord(ZWNJ): " ",
        ord("\u200b"): " ",  # ZERO WIDTH SPACE (often typed instead of ZWNJ)
        ord("\u200d"): None,  # ZERO WIDTH JOINER
    }
)
for _c in BIDI_AND_INVISIBLE:
    _NORMALIZE_MAP[ord(_c)] = None
# Arabic diacritics (harakat, tanwin, shadda, sukun, hamza/madda marks) and superscript alef,
# plus the Quranic annotation marks.
for _cp in [*range(0x064B, 0x0660), 0x0670, *range(0x06D6, 0x06EE)]:
    _NORMALIZE_MAP[_cp] = None
for _i, _d in enumerate(ASCII_DIGITS):
    _NORMALIZE_MAP[ord(PERSIAN_DIGITS[_i])] = _d
    _NORMALIZE_MAP[ord(ARABIC_DIGITS[_i])] = _d
del _c, _cp, _i, _d

_CLEAN_MAP: dict[int, str | None] = {ord(k): v for k, v in _LETTER_UNIFY.items()}
_CLEAN_MAP.update({ord(c): None for c in BIDI_AND_INVISIBLE})
_CLEAN_MAP.update({ord(a): p for a, p in zip(ARABIC_DIGITS, PERSIAN_DIGITS, strict=True)})
_CLEAN_MAP[ord("\u200b")] = ZWNJ  # ZWSP is a mistyped ZWNJ in Persian text
_CLEAN_MAP[ord("\t")] = " "

# Control characters other than newline (tab was already mapped to a space).
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_HSPACE_RE = re.compile(r"[^\S\n]+")  # horizontal whitespace
_ZWNJ_RUN_RE = re.compile(ZWNJ + "{2,}")
_ZWNJ_NEAR_SPACE_RE = re.compile(rf" +{ZWNJ} *|{ZWNJ} +")
_MANY_NEWLINES_RE = re.compile(r"\n{3,}")


def _is_presentation_form(ch: str) -> bool:
    cp = ord(ch)
    return 0xFB50 <= cp <= 0xFDFF or 0xFE70 <= cp <= 0xFEFC


def normalize(text: str | None) -> str:
    """Fold *text* for matching: the same word typed on any keyboard gives the same string.

    NFKC (Arabic presentation forms, full-width Latin, NBSP), Arabic → Persian letters, every
    digit → ASCII, diacritics and tatweel removed, ZWNJ → space, bidi marks removed, Latin
    case-folded, whitespace collapsed and stripped.

    >>> normalize("مليله") == normalize("ملیله")
    True
    """
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text)
    text = text.translate(_NORMALIZE_MAP).casefold()
    return " ".join(text.split())


def squash(text: str | None) -> str:
    """``normalize`` without any spaces, so that joined and spaced spellings match.

    >>> squash("جوراب بافی") == squash("جوراب\u200cبافی") == squash("جورابـبافی")
    True
    """
    return normalize(text).replace(" ", "")


def clean_input(text: str | None) -> str:
    """Tidy user-typed text before storing it, keeping it as the user wrote it.

    Strips, unifies ي/ى → ی and ك → ک, Arabic-Indic digits → Persian digits, maps Arabic
    presentation forms to ordinary letters, removes bidi/invisible control characters, collapses
    runs of spaces (newlines are kept, at most one empty line in a row), keeps the ZWNJ but
    collapses repeated ZWNJs and drops ZWNJs next to a space or at either end of a line.
    """
    if not text:
        return ""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text)
    if any(_is_presentation_form(ch) for ch in text):
        text = "".join(
            unicodedata.normalize("NFKC", ch) if _is_presentation_form(ch) else ch for ch in text
        )
    text = text.translate(_CLEAN_MAP)
    text = _CONTROL_RE.sub("", text)
    text = _HSPACE_RE.sub(" ", text)
    text = _ZWNJ_RUN_RE.sub(ZWNJ, text)
    text = _ZWNJ_NEAR_SPACE_RE.sub(" ", text)
    text = "\n".join(line.strip(" " + ZWNJ) for line in text.split("\n"))
    text = _MANY_NEWLINES_RE.sub("\n\n", text)
    return text.strip()


def words_over(text: str, limit: int) -> int:
    """How many words to take out of the end of `text` so that it fits in `limit` characters
    (words joined by one space): what a person is told instead of a count of characters. 0 when
    it fits already, or when taking words out cannot make it fit (its first word alone is longer
    than `limit`): the message then asks for a few words or gives an example instead."""
    words = text.split()
    kept, length = 0, -1
    for word in words:
        if length + 1 + len(word) > limit:
            break
        kept, length = kept + 1, length + 1 + len(word)
    return len(words) - kept if kept else 0


# --------------------------------------------------------------------------------------------
# Digits
# --------------------------------------------------------------------------------------------


def to_ascii_digits(s: str) -> str:
    """Persian (۰-۹) and Arabic-Indic (٠-٩) digits → ASCII; everything else unchanged."""
    return s.translate(_TO_ASCII_DIGITS)


def to_persian_digits(s: str | int) -> str:
    """ASCII and Arabic-Indic digits → Persian digits (۰-۹). Integers are converted first."""
    return str(s).translate(_TO_PERSIAN_DIGITS)
