"""In-memory state of the stand-in: plain dataclasses and dicts (JSON-dumpable later)."""

from __future__ import annotations

import math
import random
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Record:
    """One message of a chat's transcript, with the stand-in's metadata around it."""

    message: dict  # current version, shaped as a Bot API Message
    from_bot: bool
    sender_id: int | None  # bot id or user id (None for channel posts by the bot)
    time: float = field(default_factory=time.time)
    edits: list[dict] = field(default_factory=list)  # [{"message": old version, "time": t}]
    deleted: bool = False
    # A ReplyKeyboardMarkup / ReplyKeyboardRemove / ForceReply sent with the message: Telegram
    # does not echo those back in Message.reply_markup (InlineKeyboardMarkup only).
    keyboard: dict | None = None

    @property
    def message_id(self) -> int:
        return self.message["message_id"]

    @property
    def chat_id(self) -> int:
        return self.message["chat"]["id"]

    @property
    def text(self) -> str | None:
        return self.message.get("text", self.message.get("caption"))

    @property
    def reply_markup(self) -> dict | None:
        return self.message.get("reply_markup")

    @property
    def buttons(self) -> list[str]:
        markup = self.message.get("reply_markup") or self.keyboard or {}
        rows = markup.get("inline_keyboard") or markup.get("keyboard") or []
        return [b["text"] if isinstance(b, dict) else str(b) for row in rows for b in row]

    def to_dict(self) -> dict:
        return {
            "message": self.message, "from_bot": self.from_bot, "sender_id": self.sender_id,
            "time": self.time, "edits": self.edits, "deleted": self.deleted,
            "keyboard": self.keyboard,
        }


@dataclass
class ChatState:
    chat: dict  # shaped as a Bot API Chat
    members: set[int] = field(default_factory=set)  # user ids (the bot is tracked separately)
    admins: set[int] = field(default_factory=set)
    bot_is_member: bool = True
    bot_is_admin: bool = False
    records: list[Record] = field(default_factory=list)
    next_message_id: int = 1
    pinned: int | None = None
    description: str | None = None

    @property
    def id(self) -> int:
        return self.chat["id"]

    @property
    def type(self) -> str:
        return self.chat["type"]

    def find(self, message_id: int, include_deleted: bool = False) -> Record | None:
        for rec in reversed(self.records):
            if rec.message_id == message_id and (include_deleted or not rec.deleted):
                return rec
        return None


@dataclass
class UserState:
    user: dict  # shaped as a Bot API User
    started: bool = False  # private chat with the bot opened
    blocked: bool = False
    phone_number: str | None = None


@dataclass
class FileRecord:
    file_id: str
    file_unique_id: str
    kind: str  # photo, document, voice, audio, video, sticker
    data: bytes = field(repr=False, default=b"")
    file_name: str | None = None
    mime_type: str | None = None
    file_path: str | None = None
    photo_sizes: list[dict] | None = None  # for photos: the PhotoSize list sharing this data
    duration: int | None = None  # voice, audio, video: kept so a resend by file_id keeps it

    @property
    def size(self) -> int:
        return len(self.data)


@dataclass
class FloodLimits:
    """Token buckets: ``rate`` tokens per ``per`` seconds, at most ``burst`` at once.

    With ``window=True``, strict sliding windows as Telegram documents them instead: at most
    ``rate`` sends in any ``per`` seconds (bursts ignored), and edits are not counted.
    """

    enabled: bool = True
    window: bool = False
    private_rate: float = 1.0
    private_per: float = 1.0
    private_burst: int = 5
    group_rate: float = 20.0
    group_per: float = 60.0
    group_burst: int = 20
    global_rate: float = 30.0
    global_per: float = 1.0
    global_burst: int = 30


@dataclass
class Bucket:
    rate: float  # tokens per second
    burst: float
    tokens: float
    stamp: float

    def refill(self, now: float) -> None:
        self.tokens = min(self.burst, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now

    def wait_time(self) -> float:
        return 0.0 if self.tokens >= 1 else (1 - self.tokens) / self.rate


class FloodControl:
    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        # The time the buckets refill and the windows slide by: a test may stop it, so that
        # what it checks does not depend on how fast the machine makes its calls.
        self.clock = clock
        self.buckets: dict[tuple, Bucket] = {}
        self.windows: dict[tuple, deque[float]] = {}

    def take(self, limits: FloodLimits, keys: list[tuple[tuple, float, float]]) -> int:
        """Take one token from each (key, rate/s, burst) bucket; 0 or the seconds to wait."""
        if not limits.enabled:
            return 0
        now = self.clock()
        buckets = []
        for key, rate, burst in keys:
            b = self.buckets.get(key)
            if b is None or b.rate != rate or b.burst != burst:
                b = self.buckets[key] = Bucket(rate, burst, burst if b is None else min(b.tokens, burst), now)
            b.refill(now)
            buckets.append(b)
        wait = max((b.wait_time() for b in buckets), default=0.0)
        if wait > 0:
            return max(1, math.ceil(wait))
        for b in buckets:
            b.tokens -= 1
        return 0

    def take_window(self, keys: list[tuple[tuple, int, float]]) -> int:
        """Count one send in each (key, count, per) sliding window; 0 or the seconds to wait
        (nothing counted then)."""
        now = self.clock()
        wait = 0.0
        for key, count, per in keys:
            times = self.windows.setdefault(key, deque())
            while times and times[0] <= now - per:
                times.popleft()
            if len(times) >= max(1, count):
                wait = max(wait, times[len(times) - max(1, count)] + per - now)
        if wait > 0:
            return max(1, math.ceil(wait))
        for key, _count, _per in keys:
            self.windows[key].append(now)
        return 0


@dataclass
class Faults:
    """Fault injection for Bot API requests (not for /control and file downloads)."""

    latency_ms: float | tuple[float, float] = 0
    error_rate: float = 0.0  # 502 Bad Gateway
    flood_rate: float = 0.0  # 429 Too Many Requests
    flood_retry_after: int = 1
    timeout: float = 0.0  # hold matching requests this many seconds before answering
    timeout_rate: float = 1.0  # share of matching requests held when timeout > 0
    methods: frozenset[str] | set[str] | None = None  # None: every method
    seed: int = 0
    rng: random.Random = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)

    def applies(self, method: str) -> bool:
        return self.methods is None or method.lower() in {m.lower() for m in self.methods}

    def latency(self) -> float:
        if isinstance(self.latency_ms, tuple | list):
            return self.rng.uniform(*self.latency_ms) / 1000
        return self.latency_ms / 1000


@dataclass
class RequestLog:
    method: str
    params: dict[str, Any]
    time: float
    status: int = 0
    bot_id: int | None = None
    description: str | None = None
