"""Logging: plain text by default, JSON lines with LOG_FORMAT=json.

Each line inside an update carries the update id, the chat and the handler (context
variables set by bot.ops.metrics). A redacting filter on the root handler masks phone
numbers, card numbers and street addresses in every message and argument, whichever
format is used, so personal data never reaches the log files.
"""

from __future__ import annotations

import json
import logging
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any

UPDATE_ID: ContextVar[int | None] = ContextVar("hamyar_update_id", default=None)
CHAT_ID: ContextVar[int | None] = ContextVar("hamyar_chat_id", default=None)
HANDLER: ContextVar[str | None] = ContextVar("hamyar_handler", default=None)

_DIGIT = "[0-9۰-۹٠-٩]"
_SEP = r"[\s\-‐.]?"
# Card numbers: 16 digits, in groups of four or not (Persian or Latin digits).
CARD = re.compile(rf"(?<!{_DIGIT})(?:{_DIGIT}{{4}}{_SEP}){{3}}{_DIGIT}{{4}}(?!{_DIGIT})")
# Iranian mobiles (09.., +989.., 00989.., 989..) and international numbers written with "+".
PHONE = re.compile(
    rf"(?<![0-9۰-۹٠-٩\-])(?:(?:\+|00)?(?:98|۹۸){_SEP}|[0۰])[9۹]{_DIGIT}{{2}}{_SEP}{_DIGIT}{{3}}"
    rf"{_SEP}{_DIGIT}{{4}}(?!{_DIGIT})|\+{_DIGIT}[0-9۰-۹\s\-]{{8,16}}{_DIGIT}"
)
# Addresses: from a street word (or "12 Baker Street") to the end of the line. A free-text
# address with no such word cannot be recognised: handlers must not log what people type.
ADDRESS = re.compile(
    r"(?:\b\d+\s+(?:[A-Za-z]+\s+){0,3}(?:street|st|road|rd|avenue|ave|lane|blvd)\b"
    r"|خیابان|کوچه|کوچهٔ|بلوار|پلاک|میدان|بن‌بست|طبقه|واحد|کدپستی|کد پستی|"
    r"\bstreet\b|\bavenue\b|\balley\b|\bblvd\b|postcode|postal code)[^\n\"';}]*",
    re.IGNORECASE,
)


def redact(text: str) -> str:
    text = CARD.sub("[card]", text)
    text = ADDRESS.sub("[address]", text)
    return PHONE.sub("[phone]", text)


class RedactingFilter(logging.Filter):
    """Masks personal data and adds the update context to every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:
            message = str(record.msg)
        record.msg, record.args = redact(message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        record.update_id = UPDATE_ID.get()
        record.chat_id = CHAT_ID.get()
        record.handler = HANDLER.get()
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        out: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key in ("update_id", "chat_id", "handler"):
            value = getattr(record, key, None)
            if value is not None:
                out[key] = value
        if record.exc_text:
            out["exception"] = record.exc_text
        elif record.exc_info:
            out["exception"] = redact(self.formatException(record.exc_info))
        return json.dumps(out, ensure_ascii=False)


def setup_logging(level: str = "INFO", fmt: str = "text", stream: Any = None) -> logging.Handler:
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.addFilter(RedactingFilter())
    if fmt == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("aiohttp.access").setLevel(logging.WARNING)
    logging.getLogger("alembic").setLevel(logging.WARNING)  # bot.ops.migrate says what matters
    return handler


@contextmanager
def update_context(update: object) -> Iterator[None]:
    update_id = getattr(update, "update_id", None)
    chat = getattr(update, "effective_chat", None)
    t1, t2 = UPDATE_ID.set(update_id), CHAT_ID.set(getattr(chat, "id", None))
    try:
        yield
    finally:
        UPDATE_ID.reset(t1)
        CHAT_ID.reset(t2)
