"""Keyboards. A button's label is a locale key, drawn with `t()` and recognised with
`labels()` (every locale's text of that key), so a label is written once."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Sequence

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    ReplyKeyboardMarkup,
)
from telegram.ext import filters

from bot.i18n import SUPPORTED, I18n

T = Callable[..., str]
LABEL_MAX = 24  # what a phone shows of a button, in letters (COPY.md rule 8)
_JOINERS = {"\u200c", "\u200d", "\ufe0f", "\ufe0e", "\u2066", "\u2067", "\u2068", "\u2069"}


def label_length(text: str) -> int:
    """About how many letters a button shows: marks, joiners and variation selectors take no
    room of their own."""
    return sum(1 for ch in text if ch not in _JOINERS and unicodedata.category(ch) != "Mn")


def short(text: str, limit: int = LABEL_MAX) -> str:
    """`text` cut to `limit` letters with «…» (names and titles inside a button label)."""
    if label_length(text) <= limit:
        return text
    out, n = "", 0
    for ch in text:
        n += 0 if ch in _JOINERS or unicodedata.category(ch) == "Mn" else 1
        if n > limit - 1:
            break
        out += ch
    return out.rstrip() + "…"


def labels(i18n: I18n, *keys: str) -> list[str]:
    return sorted({i18n.t(lang, key) for key in keys for lang in SUPPORTED})


def label_filter(i18n: I18n, *keys: str) -> filters.BaseFilter:
    return filters.Text(labels(i18n, *keys))


def main_menu(t: T, *, is_seller: bool) -> ReplyKeyboardMarkup:
    if is_seller:
        rows = [[t("menu-new-listing"), t("menu-my-listings")],
                [t("menu-my-orders"), t("menu-browse")],
                [t("menu-profile"), t("menu-favourites")]]
    else:
        rows = [[t("menu-browse")], [t("menu-my-orders"), t("menu-favourites")],
                [t("menu-register")]]
    rows.append([t("menu-help"), t("menu-settings")])
    return ReplyKeyboardMarkup(rows, resize_keyboard=True, is_persistent=True)


def reply_nav(t: T, *extra_rows: Sequence[str | KeyboardButton]) -> ReplyKeyboardMarkup:
    rows: list[list[str | KeyboardButton]] = [list(r) for r in extra_rows if r]
    rows.append([t("btn-back"), t("btn-cancel")])
    return ReplyKeyboardMarkup(rows, resize_keyboard=True, is_persistent=True)


def grid(
    items: Iterable[tuple[str, str]], columns: int, nav: Sequence[tuple[str, str]] = ()
) -> InlineKeyboardMarkup:
    """(label, callback_data) pairs in rows of `columns`, then an optional navigation row."""
    rows: list[list[InlineKeyboardButton]] = []
    row: list[InlineKeyboardButton] = []
    for text, data in items:
        row.append(InlineKeyboardButton(text, callback_data=data))
        if len(row) == columns:
            rows.append(row)
            row = []
    if row:
        rows.append(row)
    if nav:
        rows.append([InlineKeyboardButton(text, callback_data=data) for text, data in nav])
    return InlineKeyboardMarkup(rows)
