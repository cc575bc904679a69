"""Iranian mobile numbers in any usual spelling."""

from __future__ import annotations

import re
import unicodedata

from bot.persian.text import BIDI_AND_INVISIBLE, to_ascii_digits

# --------------------------------------------------------------------------------------------
# Phone numbers
# --------------------------------------------------------------------------------------------

_PHONE_JUNK_RE = re.compile(r"[\s\-\u2010-\u2015\u2212().\u200c\u200b_/]")
_MOBILE_RE = re.compile(r"9[0-9]{9}")


def parse_iranian_mobile(text: str | None) -> str | None:
    """Return ``+989xxxxxxxxx`` for an Iranian mobile number in any usual spelling, else None.

    Accepts ``09121234567``, ``۰۹۱۲۱۲۳۴۵۶۷``, ``+989121234567``, ``989121234567``,
    ``00989121234567``, ``9121234567``, ``+98 (912) 123-4567``, ``+98 0912…``.
    """
    if not text:
        return None
    s = to_ascii_digits(text).translate({ord(c): None for c in BIDI_AND_INVISIBLE})
    s = unicodedata.normalize("NFKC", s)  # full-width digits and plus
    s = _PHONE_JUNK_RE.sub("", s)
    plus = s.startswith("+")
    if plus:
        s = s[1:]
    if not re.fullmatch(r"[0-9]+", s):
        return None
    if plus:
        if not s.startswith("98"):
            return None
        rest = s[2:]
    elif s.startswith("0098"):
        rest = s[4:]
    elif s.startswith("98") and len(s) == 12:
        rest = s[2:]
    else:
        rest = s
    if len(rest) == 11 and rest.startswith("0"):
        rest = rest[1:]
    if not _MOBILE_RE.fullmatch(rest):
        return None
    return "+98" + rest
