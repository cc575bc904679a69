"""Formatted text as Telegram stores it: HTML and MarkdownV2 parsed into plain text and
MessageEntity dicts, with the errors the Bot API answers for malformed markup."""

from __future__ import annotations

import html
import re
from typing import Any

from .botapi import ApiError, bad_request


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


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

