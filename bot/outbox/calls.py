"""One Bot API call of the outbox and its outcome (the worker's telegram side)."""

from __future__ import annotations

import logging
import warnings
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from telegram import (
    Bot,
    InputMediaAnimation,
    InputMediaAudio,
    InputMediaDocument,
    InputMediaPhoto,
    InputMediaVideo,
)
from telegram.error import (
    BadRequest,
    ChatMigrated,
    EndPointNotFound,
    Forbidden,
    InvalidToken,
    RetryAfter,
    TelegramError,
)
from telegram.warnings import PTBUserWarning

from bot.ops.transport import LeanHTTPXRequest
from models.base import utcnow
from models.outbox import FAILED, PENDING, SENT, OutboxMessage

log = logging.getLogger("bot.outbox")

# Bot.do_api_request warns when a method it knows is called by name; the outbox does so on
# purpose, to send the stored payload unchanged.
warnings.filterwarnings("ignore", message=r"Please use 'Bot\.", category=PTBUserWarning)

# PTB's Bot._post expects a `media` list to hold InputMedia objects; the stored dicts are
# turned back into them (a lossless round trip: unknown fields travel in api_kwargs).
_INPUT_MEDIA: dict[str, Any] = {
    "photo": InputMediaPhoto, "video": InputMediaVideo, "document": InputMediaDocument,
    "audio": InputMediaAudio, "animation": InputMediaAnimation,
}


def make_bot(token: str, base_url: str, base_file_url: str, *, pool_size: int = 16) -> Bot:
    """A plain Bot (no rate limiter) for the worker: it takes its slots from the send budget
    and retries by itself."""
    return Bot(token, base_url=base_url, base_file_url=base_file_url,
               request=LeanHTTPXRequest(connection_pool_size=pool_size, connect_timeout=10,
                                        read_timeout=15, write_timeout=20, pool_timeout=10))


def summarise(result: Any) -> Any:
    if isinstance(result, dict) and "message_id" in result:
        return result["message_id"]
    if isinstance(result, list):
        return [r.get("message_id") if isinstance(r, dict) else r for r in result]
    if isinstance(result, bool | int | str) or result is None:
        return result
    return None


def seconds(value: Any) -> float:
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


@dataclass
class Outcome:
    status: str  # SENT, FAILED, or PENDING (retry at `retry_at`)
    result: Any = None
    error: str | None = None
    retry_at: datetime | None = None
    transient: bool = False  # counts as a failure for the backoff
    new_chat_id: str | None = None


async def call(bot: Bot, row: OutboxMessage, stats: Counter[str]) -> Outcome:
    """One Bot API call with the stored payload, its outcome classified."""
    stats["calls"] += 1
    method = row.method
    kwargs: dict[str, Any] = {"chat_id": row.chat, **(row.payload or {})}
    try:
        if isinstance(kwargs.get("media"), list):
            kwargs["media"] = [_INPUT_MEDIA[m["type"]].de_json(dict(m), None)
                               for m in kwargs["media"]]
        raw = await bot.do_api_request(method, api_kwargs=kwargs)
        return Outcome(SENT, result=summarise(raw))
    except RetryAfter as err:
        stats["retry_after"] += 1
        wait = max(seconds(err.retry_after), 0.0) + 0.05
        return Outcome(PENDING, error=f"429: retry after {wait:.0f}s",
                        retry_at=utcnow() + timedelta(seconds=wait))
    except ChatMigrated as err:
        return Outcome(PENDING, error=f"chat migrated to {err.new_chat_id}",
                        retry_at=utcnow(), new_chat_id=str(err.new_chat_id))
    except Forbidden as err:
        return Outcome(FAILED, error=f"403: {err.message}")
    except BadRequest as err:
        text = err.message.lower()
        m = method.lower()
        if m.startswith("edit") and "message is not modified" in text:
            return Outcome(SENT, result=True, error=f"400: {err.message}")
        if m.startswith("delete") and "not found" in text:
            return Outcome(SENT, result=True, error=f"400: {err.message}")
        return Outcome(FAILED, error=f"400: {err.message}")
    except (InvalidToken, EndPointNotFound) as err:
        return Outcome(FAILED, error=f"{type(err).__name__}: {err.message}")
    except TelegramError as err:  # NetworkError (5xx), TimedOut, Conflict, ...
        stats["transient"] += 1
        return Outcome(PENDING, error=f"{type(err).__name__}: {err.message}",
                        transient=True)
    except Exception as err:
        log.exception("outbox: unexpected error calling %s", method)
        stats["transient"] += 1
        return Outcome(PENDING, error=f"{type(err).__name__}: {err}", transient=True)
