"""The limits the Bot API writes in its descriptions (text lengths, buttons, albums, commands),
checked on coerced parameters."""

from __future__ import annotations

import re
from typing import Any

from .botapi import bad_request
from .formatting import parse_text, utf16_len

# Every limit the stand-in enforces, in one place.
LIMITS: dict[str, Any] = {
    "text_length": (1, 4096),  # UTF-16 code units after entity parsing
    "caption_length": (0, 1024),
    "callback_data_bytes": (1, 64),
    "inline_buttons_total": 100,
    "deep_link_payload": 64,  # characters of [A-Za-z0-9_-]
    "callback_answer_text": 200,
    "media_group_items": (2, 10),
    "bot_commands": 100,
    "bot_command_length": (1, 32),
    "bot_command_description": (1, 256),
    "get_updates_limit": (1, 100),
    "get_updates_timeout": 50,
}

DEEP_LINK_RE = re.compile(r"^https?://(?:t\.me|telegram\.me)/([A-Za-z0-9_]+)\?(start|startgroup)=(.*)$")
PAYLOAD_RE = re.compile(r"^[A-Za-z0-9_-]*$")
COMMAND_RE = re.compile(r"^[a-z0-9_]+$")
INLINE_ACTIONS = (
    "url", "callback_data", "web_app", "login_url", "switch_inline_query",
    "switch_inline_query_current_chat", "switch_inline_query_chosen_chat",
    "copy_text", "callback_game", "pay",
)


def _check_text(text: str, parse_mode: str | None, what: str) -> None:
    plain, _ = parse_text(text, parse_mode)
    lo, hi = LIMITS[f"{what}_length"]
    n = utf16_len(plain.strip()) if what == "text" else utf16_len(plain)
    if what == "text" and n < lo:
        raise bad_request("message text is empty")
    if n > hi:
        raise bad_request(f"message {what} is too long")


def _check_url_button(url: str) -> None:
    m = DEEP_LINK_RE.match(url)
    if m and (len(m.group(3)) > LIMITS["deep_link_payload"] or not PAYLOAD_RE.match(m.group(3))):
        raise bad_request("BUTTON_URL_INVALID")
    if not re.match(r"^(https?|tg)://\S+$", url):
        raise bad_request("BUTTON_URL_INVALID")


def _check_markup(markup: dict | None) -> None:
    if not markup:
        return
    if "inline_keyboard" in markup:
        buttons = [b for row in markup["inline_keyboard"] for b in row]
        if len(buttons) > LIMITS["inline_buttons_total"]:
            raise bad_request("reply markup is too long")
        for b in buttons:
            actions = [a for a in INLINE_ACTIONS if a in b]
            if len(actions) != 1:
                raise bad_request("can't parse inline keyboard button: exactly one of the optional "
                                  f"fields must be used, found {actions or 'none'}")
            if not b["text"]:
                raise bad_request("BUTTON_TEXT_INVALID")
            if "callback_data" in b:
                lo, hi = LIMITS["callback_data_bytes"]
                if not lo <= len(b["callback_data"].encode("utf-8")) <= hi:
                    raise bad_request("BUTTON_DATA_INVALID")
            if "url" in b:
                _check_url_button(b["url"])
    if "keyboard" in markup:
        for row in markup["keyboard"]:
            for b in row:
                if not b["text"].strip():
                    raise bad_request("keyboard button text must be non-empty")


def check_limits(method: str, p: dict) -> None:
    """The limits written in the descriptions, on coerced parameters ``p``."""
    m = method.lower()
    if m in ("sendmessage", "editmessagetext"):
        _check_text(p["text"], p.get("parse_mode"), "text")
    if "caption" in p and m != "answercallbackquery":
        _check_text(p["caption"], p.get("parse_mode"), "caption")
    _check_markup(p.get("reply_markup"))
    media = p.get("media")
    if isinstance(media, dict):
        media = [media]
    for item in media or []:
        if isinstance(item, dict) and "caption" in item:
            _check_text(item["caption"], item.get("parse_mode"), "caption")
    if m == "sendmediagroup":
        lo, hi = LIMITS["media_group_items"]
        if not lo <= len(p["media"]) <= hi:
            raise bad_request(f"wrong number of media in the album: must include {lo}-{hi} items")
    if m == "answercallbackquery" and len(p.get("text", "")) > LIMITS["callback_answer_text"]:
        raise bad_request("MESSAGE_TOO_LONG")
    if m == "setmycommands":
        if len(p["commands"]) > LIMITS["bot_commands"]:
            raise bad_request("BOT_COMMANDS_TOO_MUCH")
        lo, hi = LIMITS["bot_command_length"]
        dlo, dhi = LIMITS["bot_command_description"]
        for c in p["commands"]:
            if not (lo <= len(c["command"]) <= hi and COMMAND_RE.match(c["command"])):
                raise bad_request("BOT_COMMAND_INVALID")
            if not dlo <= len(c["description"]) <= dhi:
                raise bad_request("command description must be 1-256 characters")
    if m == "getupdates":
        lo, hi = LIMITS["get_updates_limit"]
        if "limit" in p:
            p["limit"] = min(max(p["limit"], lo), hi)


