"""The Bot API 10.0 specification (``api.json``) as a validator.

``validate(method, params)`` raises :class:`ApiError` with the error code and description the
real Bot API would answer with; ``coerce(method, params)`` does the same checks and returns the
parameters converted to Python values (wire strings parsed into ints, bools, dicts, lists).
"""

from __future__ import annotations

import functools
import html
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SPEC_PATH = Path(__file__).with_name("api.json")

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

TOKEN_RE = re.compile(r"^\d+:[A-Za-z0-9_-]{10,}$")
DEEP_LINK_RE = re.compile(r"^https?://(?:t\.me|telegram\.me)/([A-Za-z0-9_]+)\?(start|startgroup)=(.*)$")
PAYLOAD_RE = re.compile(r"^[A-Za-z0-9_-]*$")
COMMAND_RE = re.compile(r"^[a-z0-9_]+$")
INLINE_ACTIONS = (
    "url", "callback_data", "web_app", "login_url", "switch_inline_query",
    "switch_inline_query_current_chat", "switch_inline_query_chosen_chat",
    "copy_text", "callback_game", "pay",
)
_DISCRIMINATOR_RE = re.compile(r'(?:must be|always) "?([a-z_]+)"?')


class ApiError(Exception):
    """An error answer of the Bot API: ``{"ok": false, "error_code": code, ...}``."""

    def __init__(self, code: int, description: str, parameters: dict | None = None):
        super().__init__(f"{code} {description}")
        self.code = code
        self.description = description
        self.parameters = parameters

    def to_json(self) -> dict:
        body: dict[str, Any] = {"ok": False, "error_code": self.code, "description": self.description}
        if self.parameters:
            body["parameters"] = self.parameters
        return body


def bad_request(text: str) -> ApiError:
    return ApiError(400, f"Bad Request: {text}")


@dataclass
class Upload:
    """A file that arrived as a part of a multipart/form-data request."""

    name: str
    filename: str | None
    content_type: str | None
    data: bytes = field(repr=False)


@functools.cache
def load_spec() -> dict:
    return json.loads(SPEC_PATH.read_text(encoding="utf-8"))


@functools.cache
def method_names() -> dict[str, str]:
    """Lower-cased method name → spec method name."""
    return {name.lower(): name for name in load_spec()["methods"]}


def find_method(name: str) -> dict | None:
    canonical = method_names().get(name.lower())
    return load_spec()["methods"][canonical] if canonical else None


def type_spec(name: str) -> dict | None:
    return load_spec()["types"].get(name)


@functools.cache
def discriminator(type_name: str) -> tuple[str, str] | None:
    """(field, value) fixing a subtype, e.g. ("type", "photo") for InputMediaPhoto."""
    for f in (type_spec(type_name) or {}).get("fields", []):
        if f["name"] in ("type", "status", "source"):
            m = _DISCRIMINATOR_RE.search(f["description"])
            if m:
                return f["name"], m.group(1)
    return None


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


# --------------------------------------------------------------------------- type coercion


class _Mismatch(Exception):
    """The value is not of the tried type at all (as opposed to a deeper error)."""


_INT_RE = re.compile(r"^-?\d+$")


def _coerce_scalar(value: Any, type_name: str, wire: bool) -> Any:
    if type_name == "Integer":
        if isinstance(value, bool):
            raise _Mismatch
        if isinstance(value, int):
            return value
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if isinstance(value, str) and _INT_RE.match(value.strip()):
            return int(value.strip())
        raise _Mismatch
    if type_name == "Float":
        if isinstance(value, bool):
            raise _Mismatch
        if isinstance(value, int | float):
            return float(value)
        if isinstance(value, str):
            try:
                return float(value)
            except ValueError:
                raise _Mismatch from None
        raise _Mismatch
    if type_name in ("Boolean", "True"):
        if isinstance(value, bool):
            return value
        if isinstance(value, int) and value in (0, 1):
            return bool(value)
        if isinstance(value, str) and value.lower() in ("true", "false", "1", "0"):
            return value.lower() in ("true", "1")
        raise _Mismatch
    if type_name == "String":
        if isinstance(value, str):
            return value
        if wire and isinstance(value, int | float) and not isinstance(value, bool):
            return str(value)
        raise _Mismatch
    raise KeyError(type_name)


SCALARS = ("Integer", "Float", "Boolean", "True", "String")


def _parse_json_text(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            raise _Mismatch from None
    return value


def _coerce_one(value: Any, type_name: str, path: str, ctx: _Ctx, wire: bool) -> Any:
    if type_name in SCALARS:
        return _coerce_scalar(value, type_name, wire)
    if type_name == "InputFile":
        if isinstance(value, Upload):
            return value
        if isinstance(value, str):
            if value.startswith("attach://") and ctx.attachments is not None:
                if value[len("attach://"):] not in ctx.attachments:
                    raise bad_request(f"{path}: file attach://{value[9:]} not found in the request")
            return value
        raise _Mismatch
    if type_name.startswith("Array of "):
        inner = type_name[len("Array of "):]
        items = _parse_json_text(value) if wire else value
        if not isinstance(items, list):
            raise _Mismatch
        return [_coerce_value(v, [inner], f"{path}[{i}]", ctx, wire=False) for i, v in enumerate(items)]
    spec = type_spec(type_name)
    if spec is None:
        raise KeyError(type_name)
    obj = _parse_json_text(value) if wire else value
    if not isinstance(obj, dict):
        raise _Mismatch
    if spec.get("subtypes"):
        return _coerce_union(obj, spec["subtypes"], path, ctx)
    return _coerce_object(obj, type_name, path, ctx)


def _coerce_object(obj: dict, type_name: str, path: str, ctx: _Ctx) -> dict:
    fields = {f["name"]: f for f in type_spec(type_name).get("fields", [])}
    out = {}
    for key in obj:
        if key not in fields:
            raise bad_request(f"unknown parameter {path}.{key}")
    for name, f in fields.items():
        if name not in obj or obj[name] is None:
            if f["required"]:
                raise bad_request(f"{path}.{name} is required")
            continue
        out[name] = _coerce_value(obj[name], f["types"], f"{path}.{name}", ctx, wire=False)
    disc = discriminator(type_name)
    if disc and out.get(disc[0]) != disc[1]:
        raise bad_request(f"{path}.{disc[0]} must be \"{disc[1]}\"")
    return out


def _pick_variant(obj: dict, variants: list[str]) -> str:
    for v in variants:
        disc = discriminator(v)
        if disc and obj.get(disc[0]) == disc[1]:
            return v
    best, best_score = variants[0], -1
    for v in variants:
        fields = type_spec(v).get("fields", [])
        names = {f["name"] for f in fields}
        required = {f["name"] for f in fields if f["required"]}
        score = len(names & obj.keys()) * 2 - len(required - obj.keys()) * 3 - len(obj.keys() - names)
        if score > best_score:
            best, best_score = v, score
    return best


def _coerce_union(obj: dict, variants: list[str], path: str, ctx: _Ctx) -> dict:
    return _coerce_object(obj, _pick_variant(obj, variants), path, ctx)


def _coerce_value(value: Any, types: list[str], path: str, ctx: _Ctx, wire: bool) -> Any:
    # Several object types (e.g. reply_markup) or several arrays of objects (sendMediaGroup's
    # media): choose one variant per object instead of trying each type in turn.
    object_types = [t for t in types if type_spec(t) is not None and t != "InputFile"]
    if len(object_types) > 1 and len(object_types) == len(types):
        try:
            obj = _parse_json_text(value) if wire else value
        except _Mismatch:
            obj = None
        if isinstance(obj, dict):
            return _coerce_union(obj, object_types, path, ctx)
    array_types = [t[len("Array of "):] for t in types if t.startswith("Array of ")]
    if len(array_types) > 1 and len(array_types) == len(types):
        try:
            items = _parse_json_text(value) if wire else value
        except _Mismatch:
            items = None
        if isinstance(items, list):
            out = []
            for i, item in enumerate(items):
                if not isinstance(item, dict):
                    raise bad_request(f"{path}[{i}] must be of type {' or '.join(array_types)}")
                out.append(_coerce_union(item, array_types, f"{path}[{i}]", ctx))
            return out
    # Prefer the most specific interpretation of wire strings: Integer before String.
    order = sorted(types, key=lambda t: ("String" == t, "InputFile" == t))
    for t in order:
        try:
            return _coerce_one(value, t, path, ctx, wire)
        except _Mismatch:
            continue
    raise bad_request(f"{path} must be of type {' or '.join(types)}")


@dataclass
class _Ctx:
    attachments: dict | None = None


# --------------------------------------------------------------------------- HTML entities

_HTML_TAGS = {
    "b": "bold", "strong": "bold", "i": "italic", "em": "italic", "u": "underline",
    "ins": "underline", "s": "strikethrough", "strike": "strikethrough", "del": "strikethrough",
    "span": "spoiler", "tg-spoiler": "spoiler", "a": "text_link", "code": "code", "pre": "pre",
    "blockquote": "blockquote", "tg-emoji": "custom_emoji",
}
_TAG_RE = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[a-zA-Z_-]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>]+))?)*)\s*(/?)>")
_ATTR_RE = re.compile(r"([a-zA-Z_-]+)(?:\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+)))?")
_ENTITY_RE = re.compile(r"&(lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);")


def _entity_error(text: str, pos: int, what: str) -> ApiError:
    offset = len(text[:pos].encode("utf-8"))
    return bad_request(f"can't parse entities: {what} at byte offset {offset}")


def parse_html(text: str) -> tuple[str, list[dict]]:
    """Telegram's HTML parse mode: returns (plain text, MessageEntity dicts)."""
    out: list[str] = []
    units = 0  # UTF-16 length of the output so far
    stack: list[tuple[str, int, dict, int]] = []  # tag, start offset, entity extras, pos
    entities: list[dict] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "<":
            m = _TAG_RE.match(text, i)
            if not m:
                raise _entity_error(text, i, "unsupported start tag \"\"")
            closing, tag, attrs_text = m.group(1) == "/", m.group(2).lower(), m.group(3)
            if tag not in _HTML_TAGS:
                kind = "end" if closing else "start"
                raise _entity_error(text, i, f"Unsupported {kind} tag \"{tag}\"")
            if closing:
                if not stack:
                    raise _entity_error(text, i, f"Unexpected end tag \"{tag}\"")
                open_tag, start, extras, _ = stack.pop()
                if open_tag != tag:
                    raise _entity_error(
                        text, i, f"Unmatched end tag, expected \"</{open_tag}>\", found \"</{tag}>\""
                    )
                etype = _HTML_TAGS[tag]
                if etype == "blockquote" and extras.pop("expandable", False):
                    etype = "expandable_blockquote"
                if units > start:
                    entities.append({"type": etype, "offset": start, "length": units - start, **extras})
            else:
                attrs = {a.group(1).lower(): next((g for g in a.groups()[1:] if g is not None), "")
                         for a in _ATTR_RE.finditer(attrs_text)}
                extras: dict[str, Any] = {}
                if tag == "span" and attrs.get("class") != "tg-spoiler":
                    raise _entity_error(text, i, "Tag \"span\" must have class \"tg-spoiler\"")
                if tag == "a":
                    href = html.unescape(attrs.get("href", ""))
                    if not href:
                        raise _entity_error(text, i, "Tag \"a\" must have attribute \"href\"")
                    extras["url"] = href
                if tag == "tg-emoji":
                    if "emoji-id" not in attrs:
                        raise _entity_error(text, i, "Tag \"tg-emoji\" must have attribute \"emoji-id\"")
                    extras["custom_emoji_id"] = attrs["emoji-id"]
                if tag == "blockquote" and "expandable" in attrs:
                    extras["expandable"] = True
                stack.append((tag, units, extras, i))
            i = m.end()
            continue
        if ch == "&":
            m = _ENTITY_RE.match(text, i)
            if m:
                ch = html.unescape(m.group(0))
                i = m.end()
            else:
                i += 1
        else:
            i += 1
        out.append(ch)
        units += utf16_len(ch)
    if stack:
        tag, _, _, pos = stack[-1]
        raise _entity_error(text, pos, f"Can't find end tag corresponding to start tag \"{tag}\"")
    entities.sort(key=lambda e: (e["offset"], -e["length"]))
    return "".join(out), entities


_MD2_MARKERS = {"*": "bold", "_": "italic", "__": "underline", "~": "strikethrough",
                "||": "spoiler"}
_MD2_RESERVED = set("_*[]()~`>#+-=|{}.!")


def parse_markdown_v2(text: str) -> tuple[str, list[dict]]:
    """A compact MarkdownV2 parser: escapes, *bold* _italic_ __underline__ ~strike~ ||spoiler||,
    `code`, ```pre```, [text](url) and > quotes; refuses unescaped reserved characters."""
    out: list[str] = []
    units = 0
    stack: list[tuple[str, int, int]] = []  # marker, start units, position
    entities: list[dict] = []
    i, n = 0, len(text)

    def emit(ch: str) -> None:
        nonlocal units
        out.append(ch)
        units += utf16_len(ch)

    while i < n:
        ch = text[i]
        if ch == "\\" and i + 1 < n:
            emit(text[i + 1])
            i += 2
            continue
        if ch == "`":
            fence = "```" if text.startswith("```", i) else "`"
            end = text.find(fence, i + len(fence))
            if end < 0:
                raise _entity_error(text, i, "Can't find end of the entity starting")
            body = text[i + len(fence):end]
            if fence == "```" and "\n" in body:
                body = body.split("\n", 1)[1] if body.split("\n", 1)[0].strip().isalnum() else body
            body = re.sub(r"\\([`\\])", r"\1", body)
            start = units
            for c in body:
                emit(c)
            if units > start:
                entities.append({"type": "pre" if fence == "```" else "code", "offset": start,
                                 "length": units - start})
            i = end + len(fence)
            continue
        marker = text[i:i + 2] if text[i:i + 2] in ("__", "||") else ch
        if marker in _MD2_MARKERS:
            if stack and stack[-1][0] == marker:
                _, start, _ = stack.pop()
                if units > start:
                    entities.append({"type": _MD2_MARKERS[marker], "offset": start,
                                     "length": units - start})
            else:
                stack.append((marker, units, i))
            i += len(marker)
            continue
        if ch == "[":
            stack.append(("[", units, i))
            i += 1
            continue
        if ch == "]" and stack and stack[-1][0] == "[":
            m = re.match(r"\]\(((?:[^)\\]|\\.)*)\)", text[i:])
            if not m:
                raise _entity_error(text, i, "Character ']' is reserved and must be escaped with "
                                             "the preceding '\\'")
            _, start, _ = stack.pop()
            url = re.sub(r"\\(.)", r"\1", m.group(1))
            if units > start:
                entities.append({"type": "text_link", "offset": start, "length": units - start,
                                 "url": url})
            i += m.end()
            continue
        if ch == ">" and (i == 0 or text[i - 1] == "\n"):
            i += 1
            continue
        if ch in _MD2_RESERVED:
            raise _entity_error(text, i, f"Character '{ch}' is reserved and must be escaped with "
                                         "the preceding '\\'")
        emit(ch)
        i += 1
    if stack:
        raise _entity_error(text, stack[-1][2], "Can't find end of the entity starting")
    entities.sort(key=lambda e: (e["offset"], -e["length"]))
    return "".join(out), entities


def parse_text(text: str, parse_mode: str | None, entities: list | None = None) -> tuple[str, list]:
    """Plain text and entities as Telegram stores them (HTML and MarkdownV2 are parsed; legacy
    Markdown is kept as is)."""
    mode = (parse_mode or "").lower()
    if mode == "html":
        return parse_html(text)
    if mode == "markdownv2":
        return parse_markdown_v2(text)
    return text, list(entities or [])


# --------------------------------------------------------------------------- limits


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


# --------------------------------------------------------------------------- entry points


def coerce(method_name: str, params: dict, attachments: dict | None = None) -> dict:
    """Validate ``params`` for ``method_name`` and return them as Python values.

    ``params`` come from the wire: strings (JSON-encoded objects and arrays), :class:`Upload`
    for uploaded files, or native JSON values. ``attachments`` are uploaded parts that may be
    referenced as ``attach://<name>``.
    """
    method = find_method(method_name)
    if method is None:
        raise ApiError(404, "Not Found")
    fields = {f["name"]: f for f in method.get("fields", [])}
    ctx = _Ctx(attachments=attachments)
    for name in params:
        if name not in fields:
            raise bad_request(f"unknown parameter {name}")
    out: dict[str, Any] = {}
    for name, f in fields.items():
        value = params.get(name)
        if value is None or (isinstance(value, str) and value == "" and "String" not in f["types"]):
            if f["required"]:
                raise bad_request(f"{name} is required")
            continue
        out[name] = _coerce_value(value, f["types"], name, ctx, wire=True)
    check_limits(method["name"], out)
    return out


def validate(method_name: str, params: dict, attachments: dict | None = None) -> None:
    coerce(method_name, params, attachments)
