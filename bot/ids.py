"""Ids that arrive in callback data and deep links are never trusted: at most 12 digits, or
nothing (a forged 20-digit id must be refused, not crash the database driver)."""

from __future__ import annotations

import re

_ID = re.compile(r"\d{1,12}")


def parse_id(text: str | None) -> int | None:
    if text is None or not _ID.fullmatch(text):
        return None
    return int(text)


def last_id(data: str | None) -> int | None:
    """The id at the end of callback data like "my:open:42"."""
    return parse_id((data or "").rsplit(":", 1)[-1])

