"""The durable outbox: messages to people other than the one who caused them.

Writing: ``await enqueue(session, chat_id, "sendMessage", {"text": ...})`` inside the unit of
work that makes the change; the row commits (or rolls back) together with it. Nothing is sent
from the handler.

Delivering: one `OutboxWorker` per process (one process per bot token) picks due rows and calls
the Bot API with the stored payload unchanged:

* per chat strictly in id order (an album, then its card); different chats concurrently, at
  most ``PaceLimits.concurrency`` calls in flight;
* paced by sliding windows so that the bot itself never provokes a 429: private chats
  1 call/s, groups and channels 20 per minute, overall 20/s (Telegram's ~30/s minus room for
  the interactive replies the Application sends itself). Each call counts from its start until
  ``per`` seconds after its answer, which keeps the calls' arrival times at Telegram within the
  limits whatever the latency. At start-up the windows are refilled from ``last_attempt_at``
  of recent rows, so a restart does not burst into a chat that was just written to;
* 429 → retried after ``retry_after``; 5xx, time-outs and network errors → exponential backoff
  with jitter (1, 2, 4 … 300 s), given up as failed after ``max_failures``; 403 (blocked,
  kicked) and 400 → failed at once with ``last_error`` kept (except "message is not modified"
  for edits and "message to delete not found" for deletes, which count as sent);
* every outcome is committed right after its call, one row per transaction, together with the
  row's ``on_sent`` hook (see `register_hook`).

Crash safety. A row is *claimed* (``claimed_at`` committed) just before its call and released
with its outcome. A row still claimed at start-up was in flight when the process died: Telegram
may or may not have accepted it, and the Bot API has no idempotency key to ask. Such rows are
sent again (``resend_interrupted=True``, the default: nothing is lost, at the price of a possible
duplicate) or marked failed (``resend_interrupted=False``: never twice, possibly never). Either
way the row's ``last_error`` says so. The window is one HTTP round trip plus one commit per
in-flight row; edits and deletes are idempotent anyway. A read time-out on a send is the same
ambiguity and is retried. Everything outside that window is delivered exactly once.
"""

from __future__ import annotations

import asyncio
import json
import logging
import math
import random
import re
import time
import warnings
import weakref
from collections import Counter
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, fields, replace
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import event, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session
from telegram import (
    Bot,
    InputMediaAnimation,
    InputMediaAudio,
    InputMediaDocument,
    InputMediaPhoto,
    InputMediaVideo,
    TelegramObject,
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
from telegram.request import HTTPXRequest
from telegram.warnings import PTBUserWarning

from bot.db import Database
from models.base import utcnow
from models.outbox import FAILED, PENDING, SENT, OutboxMessage

log = logging.getLogger(__name__)

# Bot.do_api_request warns when a method it knows is called by name; the outbox does so on
# purpose, to send the stored payload unchanged.
warnings.filterwarnings("ignore", message=r"Please use 'Bot\.", category=PTBUserWarning)

METHOD_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_]{1,63}$")
_KICK = "hamyar_outbox_kick"

# PTB's Bot._post expects a `media` list to hold InputMedia objects; the stored dicts are
# turned back into them (a lossless round trip: unknown fields travel in api_kwargs).
_INPUT_MEDIA: dict[str, Any] = {
    "photo": InputMediaPhoto, "video": InputMediaVideo, "document": InputMediaDocument,
    "audio": InputMediaAudio, "animation": InputMediaAnimation,
}

Hook = Callable[[AsyncSession, OutboxMessage, Any], Awaitable[None]]
HOOKS: dict[str, Hook] = {}


class OutboxError(ValueError):
    """A message that cannot be put in the outbox (bad method, chat or payload)."""


def register_hook(name: str) -> Callable[[Hook], Hook]:
    """``@register_hook("listing_posted") async def f(session, message, result)``.

    The hook runs in the transaction that marks the row sent (``result``: message_id, list of
    message_ids, or True; ``message.hook_args`` carries what the caller passed). It may change
    rows and enqueue further messages. If it raises, its changes are rolled back, the row is
    still marked sent (it *was* delivered) and ``last_error`` names the hook's error.
    Register hooks at import time of a module the bot imports, so that every process has them.
    """
    if len(name) > 64:
        raise ValueError("hook names are at most 64 characters")

    def deco(fn: Hook) -> Hook:
        HOOKS[name] = fn
        return fn

    return deco


# ---------------------------------------------------------------------------- writing


def _jsonable(value: Any) -> Any:
    if isinstance(value, TelegramObject):
        return value.to_dict(recursive=True)
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items() if v is not None}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value


def chat_key(chat_id: int | str) -> str:
    """The stored form of a chat id: str(int) or "@username"."""
    if isinstance(chat_id, bool):
        raise OutboxError(f"not a chat id: {chat_id!r}")
    if isinstance(chat_id, int):
        return str(chat_id)
    if isinstance(chat_id, str):
        s = chat_id.strip()
        if re.fullmatch(r"-?\d{1,20}", s) or re.fullmatch(r"@[A-Za-z0-9_]{4,32}", s):
            return s
    raise OutboxError(f"not a chat id: {chat_id!r}")


async def enqueue(
    session: AsyncSession,
    chat_id: int | str,
    method: str,
    payload: dict[str, Any] | None = None,
    *,
    dedupe_key: str | None = None,
    on_sent: str | None = None,
    hook_args: Any = None,
    not_before: datetime | None = None,
) -> OutboxMessage | None:
    """Add a Bot API call to the outbox in the caller's transaction (no commit here).

    ``payload``: the method's parameters except chat_id; PTB objects (InlineKeyboardMarkup,
    InputMediaPhoto with a file_id or URL) are turned into dicts, None values dropped. Files
    to upload are not supported: send them once and use the file_id.
    ``dedupe_key``: when a row with this key exists (in any state), nothing is added and None
    is returned — "publish listing 42" can be enqueued by every code path that wants it.
    """
    if not isinstance(method, str) or not METHOD_RE.match(method):
        raise OutboxError(f"not a Bot API method name: {method!r}")
    key = chat_key(chat_id)
    data = _jsonable(payload or {})
    if not isinstance(data, dict):
        raise OutboxError("payload must be a dict of the method's parameters")
    if "chat_id" in data:
        raise OutboxError("give chat_id as the argument, not in the payload")
    media = data.get("media")
    if isinstance(media, list) and not all(
            isinstance(m, dict) and m.get("type") in _INPUT_MEDIA for m in media):
        raise OutboxError(f"media items need a type of {sorted(_INPUT_MEDIA)}")
    args = _jsonable(hook_args)
    try:
        json.dumps(data)
        json.dumps(args)
    except (TypeError, ValueError) as err:
        raise OutboxError(f"payload is not JSON-serialisable: {err}") from None
    if on_sent is not None and on_sent not in HOOKS:
        raise OutboxError(f"no outbox hook named {on_sent!r}")
    if dedupe_key is not None and not (0 < len(dedupe_key) <= 128):
        raise OutboxError("dedupe_key must be 1–128 characters")
    if not_before is not None and not_before.tzinfo is None:
        raise OutboxError("not_before must be timezone-aware")
    now = utcnow()
    values: dict[str, Any] = dict(
        chat_id=key, method=method, payload=data, status=PENDING, attempts=0, failures=0,
        next_attempt_at=max(now, not_before) if not_before is not None else now,
        dedupe_key=dedupe_key, on_sent=on_sent, hook_args=args,
    )
    if dedupe_key is None:
        msg = OutboxMessage(**values)
        session.add(msg)
        return msg

    dialect = session.get_bind().dialect.name
    if dialect in ("sqlite", "postgresql"):
        if dialect == "sqlite":
            from sqlalchemy.dialects.sqlite import insert
        else:
            from sqlalchemy.dialects.postgresql import insert
        # ON CONFLICT DO NOTHING: a concurrent transaction with the same key waits for the
        # first one and then adds nothing, instead of failing the caller's unit of work.
        stmt = (insert(OutboxMessage).values(**values)
                .on_conflict_do_nothing(index_elements=["dedupe_key"])
                .returning(OutboxMessage.id))
        new_id = (await session.execute(stmt)).scalar_one_or_none()
        if new_id is None:
            return None
        session.info[_KICK] = True
        return await session.get(OutboxMessage, new_id)
    exists = await session.scalar(
        select(OutboxMessage.id).where(OutboxMessage.dedupe_key == dedupe_key))
    if exists is not None:
        return None
    msg = OutboxMessage(**values)
    session.add(msg)
    return msg


async def pending_count(session: AsyncSession) -> int:
    return int(await session.scalar(
        select(func.count()).select_from(OutboxMessage).where(OutboxMessage.status == PENDING))
        or 0)


async def failed(session: AsyncSession, limit: int = 50) -> list[OutboxMessage]:
    """Messages given up on, newest first (for trainers: who blocked the bot, what failed)."""
    rows = await session.scalars(
        select(OutboxMessage).where(OutboxMessage.status == FAILED)
        .order_by(OutboxMessage.id.desc()).limit(limit))
    return list(rows.all())


async def retry(session: AsyncSession, message_id: int) -> bool:
    """Put a failed message back in the queue (e.g. after the user unblocked the bot)."""
    res = await session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id == message_id, OutboxMessage.status == FAILED)
        .values(status=PENDING, failures=0, next_attempt_at=utcnow(), claimed_at=None))
    session.info[_KICK] = True
    return bool(res.rowcount)  # type: ignore[attr-defined]


# Wake the worker right after a commit that added outbox rows. The listeners are on the sync
# Session class, which AsyncSession drives (async_sessionmaker's default sync_session_class).
_WORKERS: weakref.WeakSet[OutboxWorker] = weakref.WeakSet()


@event.listens_for(Session, "after_flush")
def _note_new_rows(session: Session, _ctx: Any) -> None:
    if any(isinstance(obj, OutboxMessage) for obj in session.new):
        session.info[_KICK] = True


@event.listens_for(Session, "after_commit")
def _kick_after_commit(session: Session) -> None:
    if session.info.pop(_KICK, False):
        bind = session.bind
        engine = getattr(bind, "engine", bind)
        for worker in list(_WORKERS):
            if worker.engine is None or worker.engine is engine:
                worker.kick()


@event.listens_for(Session, "after_rollback")
def _forget_after_rollback(session: Session) -> None:
    session.info.pop(_KICK, None)


# ---------------------------------------------------------------------------- pacing


@dataclass(frozen=True)
class PaceLimits:
    """At most ``*_count`` calls in any ``*_per`` seconds (sliding windows)."""

    private_count: int = 1
    private_per: float = 1.0
    group_count: int = 20  # groups, supergroups and channels
    group_per: float = 60.0
    overall_count: int = 20
    overall_per: float = 1.0
    margin: float = 0.05  # every period is stretched by this share (clocks, rounding)
    concurrency: int = 8  # API calls in flight at once

    def scaled(self, factor: float) -> PaceLimits:
        """The same limits with every period divided by ``factor`` (for tests)."""
        return replace(self, **{f.name: getattr(self, f.name) / factor
                                for f in fields(self) if f.name.endswith("_per")})

    @property
    def horizon(self) -> float:
        return max(self.private_per, self.group_per, self.overall_per) * (1 + self.margin)


class _Stamp:
    __slots__ = ("t",)

    def __init__(self, t: float = math.inf) -> None:
        self.t = t  # when the call ended; inf while in flight


class _Window:
    """At most ``count`` calls in any ``per`` seconds; a call counts from its start (in flight,
    always counted) until ``per`` after its end."""

    def __init__(self, count: int, per: float) -> None:
        self.count, self.per = max(1, count), per
        self.stamps: list[_Stamp] = []

    def delay(self, now: float) -> float:
        self.stamps = [s for s in self.stamps if s.t > now - self.per]
        if len(self.stamps) < self.count:
            return 0.0
        ends = sorted(s.t for s in self.stamps)
        return ends[len(ends) - self.count] + self.per - now

    def idle(self, now: float) -> bool:
        return self.delay(now) == 0.0 and not self.stamps


# ---------------------------------------------------------------------------- delivering


def make_bot(token: str, base_url: str, base_file_url: str, *, pool_size: int = 16) -> Bot:
    """A plain Bot (no AIORateLimiter) for the worker: it paces and retries by itself."""
    return Bot(token, base_url=base_url, base_file_url=base_file_url,
               request=HTTPXRequest(connection_pool_size=pool_size, connect_timeout=10,
                                    read_timeout=15, write_timeout=20, pool_timeout=10))


def _summarise(result: Any) -> Any:
    if isinstance(result, dict) and "message_id" in result:
        return result["message_id"]
    if isinstance(result, list):
        return [r.get("message_id") if isinstance(r, dict) else r for r in result]
    if isinstance(result, bool | int | str) or result is None:
        return result
    return None


def _seconds(value: Any) -> float:
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


@dataclass
class _Outcome:
    status: str  # SENT, FAILED, or PENDING (retry at `retry_at`)
    result: Any = None
    error: str | None = None
    retry_at: datetime | None = None
    transient: bool = False  # counts as a failure for the backoff
    new_chat_id: str | None = None


class _HookFailed(Exception):
    pass


class _Stopping(Exception):
    pass


class OutboxWorker:
    def __init__(
        self,
        bot: Bot,
        db: Database,
        *,
        limits: PaceLimits | None = None,
        backoff_base: float = 1.0,
        backoff_cap: float = 300.0,
        max_failures: int = 15,
        poll_interval: float = 1.0,
        resend_interrupted: bool = True,
        owns_bot: bool = False,
        batch: int = 1000,
    ) -> None:
        self.bot, self.db = bot, db
        self.limits = limits or PaceLimits()
        self.backoff_base, self.backoff_cap = backoff_base, backoff_cap
        self.max_failures = max_failures
        self.poll_interval = poll_interval
        self.resend_interrupted = resend_interrupted
        self.owns_bot = owns_bot
        self.batch = batch
        self.engine = getattr(db.engine, "sync_engine", None)
        self.stats: Counter[str] = Counter()
        self._wake = asyncio.Event()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._task: asyncio.Task[None] | None = None
        self._chats: dict[str, asyncio.Task[None]] = {}
        self._windows: dict[str, _Window] = {}
        self._overall = _Window(self.limits.overall_count, self._per(self.limits.overall_per))
        self._sem = asyncio.Semaphore(self.limits.concurrency)
        self._stopping = False
        self._ready = asyncio.Event()
        self._init_task: asyncio.Task[None] | None = None

    # -------------------------------------------------------------- lifecycle

    async def start(self) -> None:
        if self._task is not None:
            return
        self._stopping = False
        self._loop = asyncio.get_running_loop()
        _WORKERS.add(self)
        self._task = asyncio.create_task(self._run(), name="outbox-worker")

    async def stop(self, grace: float = 10.0) -> None:
        """Let the calls in flight finish and record them (up to ``grace`` s), then cancel."""
        self._stopping = True
        _WORKERS.discard(self)
        self.kick()
        tasks = [t for t in (self._task, *self._chats.values()) if t is not None]
        if tasks:
            _done, pending = await asyncio.wait(tasks, timeout=grace)
            for t in pending:
                t.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
        self._task = None
        self._chats.clear()
        if self.owns_bot:
            await self.bot.shutdown()

    def kick(self) -> None:
        """Look for due messages now (thread-safe)."""
        loop = self._loop
        if loop is None or loop.is_closed():
            return
        try:
            if asyncio.get_running_loop() is loop:
                self._wake.set()
                return
        except RuntimeError:
            pass
        loop.call_soon_threadsafe(self._wake.set)

    async def wait_ready(self, timeout: float = 10.0) -> None:  # noqa: ASYNC109
        """Until the start-up recovery is done (for tests)."""
        await asyncio.wait_for(self._ready.wait(), timeout)

    async def pending_count(self) -> int:
        async with self.db.session() as s:
            return await pending_count(s)

    # -------------------------------------------------------------- main loop

    def _per(self, per: float) -> float:
        return per * (1 + self.limits.margin)

    async def _run(self) -> None:
        delay = 0.5
        while not self._stopping:
            try:
                await self._recover()
                break
            except Exception:
                log.exception("outbox: recovery failed; retrying in %.0fs", delay)
                await self._sleep_or_wake(delay)
                delay = min(delay * 2, 30)
        self._ready.set()
        if self.owns_bot:
            self._init_task = asyncio.create_task(self._initialize_bot())
        while not self._stopping:
            self._wake.clear()
            try:
                delay = await self._dispatch()
            except Exception:
                log.exception("outbox: dispatch failed")
                delay = self.poll_interval
            await self._sleep_or_wake(min(delay, self.poll_interval))

    async def _initialize_bot(self) -> None:
        # Only so that shutdown() closes the HTTP client; a failed getMe changes nothing.
        try:
            await self.bot.initialize()
        except Exception as err:
            log.info("outbox: bot.initialize() failed (%s); sending anyway", err)

    async def _sleep_or_wake(self, delay: float) -> None:
        if delay <= 0:
            return
        try:
            await asyncio.wait_for(self._wake.wait(), delay)
        except TimeoutError:
            pass

    async def _recover(self) -> None:
        """Rows left claimed by a process that died, and the pace windows of the last minute."""
        now = utcnow()
        async with self.db.session() as s:
            rows = (await s.scalars(
                select(OutboxMessage).where(OutboxMessage.status == PENDING,
                                            OutboxMessage.claimed_at.is_not(None)))).all()
            for row in rows:
                self.stats["interrupted"] += 1
                note = (f"interrupted in flight at {row.claimed_at:%Y-%m-%d %H:%M:%S} UTC: "
                        "it may have been delivered")
                if self.resend_interrupted:
                    row.last_error = note + "; sent again"
                    row.next_attempt_at = now
                    log.warning("outbox: message %s was in flight at a crash; sending it again"
                                " (possible duplicate)", row.id)
                else:
                    row.status = FAILED
                    row.last_error = note + "; not sent again"
                    log.warning("outbox: message %s was in flight at a crash; not resent",
                                row.id)
                row.claimed_at = None
                row.last_attempt_at = now  # it counts in the pace windows as just sent
            since = now - timedelta(seconds=self.limits.horizon)
            recent = (await s.execute(
                select(OutboxMessage.chat_id, OutboxMessage.last_attempt_at)
                .where(OutboxMessage.last_attempt_at >= since))).all()
        wall, mono = time.time(), time.monotonic()
        for chat, at in recent:
            t = mono - max(0.0, wall - at.timestamp())
            self._window(chat).stamps.append(_Stamp(t))
            self._overall.stamps.append(_Stamp(t))

    async def _dispatch(self) -> float:
        """Start a task for every chat whose first pending row is due; the seconds until the
        next row becomes due."""
        heads = (select(func.min(OutboxMessage.id)).where(OutboxMessage.status == PENDING)
                 .group_by(OutboxMessage.chat_id))
        async with self.db.sessionmaker() as s:
            rows = (await s.execute(
                select(OutboxMessage.id, OutboxMessage.chat_id, OutboxMessage.next_attempt_at)
                .where(OutboxMessage.id.in_(heads)).order_by(OutboxMessage.id)
                .limit(self.batch))).all()
        now = utcnow()
        next_due = self.poll_interval
        for _id, chat, due in rows:
            if chat in self._chats:
                continue
            wait = (due - now).total_seconds()
            if wait > 0:
                next_due = min(next_due, wait)
                continue
            self._chats[chat] = asyncio.create_task(self._drain(chat), name=f"outbox-{chat}")
        mono = time.monotonic()
        for chat in [c for c, w in self._windows.items() if c not in self._chats and w.idle(mono)]:
            del self._windows[chat]
        return next_due

    async def _drain(self, chat: str) -> None:
        """Deliver one chat's due rows in id order; stop at the first one not due."""
        try:
            while not self._stopping:
                async with self.db.sessionmaker() as s:
                    row = await s.scalar(
                        select(OutboxMessage)
                        .where(OutboxMessage.chat_id == chat, OutboxMessage.status == PENDING)
                        .order_by(OutboxMessage.id).limit(1))
                if row is None or row.next_attempt_at > utcnow():
                    return
                await self._deliver(row)
        except _Stopping:
            pass
        except Exception:
            log.exception("outbox: delivery to chat %s failed", chat)
        finally:
            self._chats.pop(chat, None)
            self.kick()

    # -------------------------------------------------------------- one call

    def _window(self, chat: str) -> _Window:
        w = self._windows.get(chat)
        if w is None:
            lim = self.limits
            group = chat.startswith("@") or chat.startswith("-")
            w = (_Window(lim.group_count, self._per(lim.group_per)) if group
                 else _Window(lim.private_count, self._per(lim.private_per)))
            self._windows[chat] = w
        return w

    async def _pace(self, windows: Sequence[_Window]) -> _Stamp:
        while True:
            if self._stopping:
                raise _Stopping
            now = time.monotonic()
            wait = max(w.delay(now) for w in windows)
            if wait <= 0:
                stamp = _Stamp()
                for w in windows:
                    w.stamps.append(stamp)
                return stamp
            await asyncio.sleep(min(wait, 0.5) if math.isfinite(wait) else 0.01)

    async def _deliver(self, row: OutboxMessage) -> None:
        stamp = await self._pace([self._window(row.chat_id), self._overall])
        try:
            async with self._sem:
                async with self.db.session() as s:
                    claimed = await s.execute(
                        update(OutboxMessage)
                        .where(OutboxMessage.id == row.id, OutboxMessage.status == PENDING,
                               OutboxMessage.claimed_at.is_(None))
                        .values(claimed_at=utcnow(), attempts=OutboxMessage.attempts + 1))
                if claimed.rowcount != 1:  # type: ignore[attr-defined]
                    return
                outcome = await self._call(row)
        finally:
            stamp.t = time.monotonic()
        await self._record(row.id, outcome)

    async def _call(self, row: OutboxMessage) -> _Outcome:
        self.stats["calls"] += 1
        method = row.method
        kwargs: dict[str, Any] = {"chat_id": row.chat, **(row.payload or {})}
        try:
            if isinstance(kwargs.get("media"), list):
                kwargs["media"] = [_INPUT_MEDIA[m["type"]].de_json(dict(m), None)
                                   for m in kwargs["media"]]
            raw = await self.bot.do_api_request(method, api_kwargs=kwargs)
            return _Outcome(SENT, result=_summarise(raw))
        except RetryAfter as err:
            self.stats["retry_after"] += 1
            wait = max(_seconds(err.retry_after), 0.0) + 0.05
            return _Outcome(PENDING, error=f"429: retry after {wait:.0f}s",
                            retry_at=utcnow() + timedelta(seconds=wait))
        except ChatMigrated as err:
            return _Outcome(PENDING, error=f"chat migrated to {err.new_chat_id}",
                            retry_at=utcnow(), new_chat_id=str(err.new_chat_id))
        except Forbidden as err:
            return _Outcome(FAILED, error=f"403: {err.message}")
        except BadRequest as err:
            text = err.message.lower()
            m = method.lower()
            if m.startswith("edit") and "message is not modified" in text:
                return _Outcome(SENT, result=True, error=f"400: {err.message}")
            if m.startswith("delete") and "not found" in text:
                return _Outcome(SENT, result=True, error=f"400: {err.message}")
            return _Outcome(FAILED, error=f"400: {err.message}")
        except (InvalidToken, EndPointNotFound) as err:
            return _Outcome(FAILED, error=f"{type(err).__name__}: {err.message}")
        except TelegramError as err:  # NetworkError (5xx), TimedOut, Conflict, ...
            self.stats["transient"] += 1
            return _Outcome(PENDING, error=f"{type(err).__name__}: {err.message}",
                            transient=True)
        except Exception as err:
            log.exception("outbox: unexpected error calling %s", method)
            self.stats["transient"] += 1
            return _Outcome(PENDING, error=f"{type(err).__name__}: {err}", transient=True)

    def _backoff(self, failures: int) -> float:
        base = min(self.backoff_cap, self.backoff_base * 2 ** max(0, failures - 1))
        return base * random.uniform(0.5, 1.0)  # jitter

    async def _record(self, row_id: int, outcome: _Outcome) -> None:
        """Commit the outcome; keep trying while the database is unavailable (the chat stays
        blocked meanwhile, so the row cannot be sent twice by this process)."""
        delay = 0.2
        while True:
            try:
                try:
                    async with self.db.session() as s:
                        await self._apply(s, row_id, outcome, run_hook=True)
                except _HookFailed as err:
                    async with self.db.session() as s:
                        await self._apply(s, row_id, outcome, run_hook=False,
                                          hook_error=err.__cause__)
                return
            except Exception:
                if self._stopping and delay > 5:
                    log.error("outbox: giving up recording message %s at stop", row_id)
                    return
                log.exception("outbox: could not record the outcome of message %s", row_id)
                await asyncio.sleep(delay)
                delay = min(delay * 2, 30)

    async def _apply(self, s: AsyncSession, row_id: int, outcome: _Outcome, *,
                     run_hook: bool, hook_error: BaseException | None = None) -> None:
        msg = await s.get(OutboxMessage, row_id)
        if msg is None:
            return
        now = utcnow()
        msg.claimed_at = None
        msg.last_attempt_at = now
        prev = msg.last_error or ""
        if prev.startswith("interrupted"):  # a resent row keeps its "possible duplicate" note
            note = prev.split(" | ", 1)[0]
            msg.last_error = f"{note} | {outcome.error}" if outcome.error else note
        else:
            msg.last_error = outcome.error
        if outcome.status == SENT:
            msg.status, msg.sent_at, msg.result = SENT, now, outcome.result
            self.stats["sent"] += 1
            hook = HOOKS.get(msg.on_sent) if msg.on_sent else None
            if msg.on_sent and hook is None:
                msg.last_error = f"no outbox hook named {msg.on_sent!r}"
                log.error("outbox: %s", msg.last_error)
            elif hook is not None and run_hook:
                try:
                    await hook(s, msg, outcome.result)
                except Exception as err:
                    raise _HookFailed from err
            elif hook_error is not None:
                msg.last_error = f"on_sent hook {msg.on_sent} failed: {hook_error!r}"
                log.error("outbox: message %s: %s", row_id, msg.last_error)
        elif outcome.status == FAILED:
            msg.status = FAILED
            self.stats["failed"] += 1
            log.warning("outbox: message %s to %s failed: %s", row_id, msg.chat_id,
                        outcome.error)
        else:
            if outcome.new_chat_id is not None:
                msg.chat_id = outcome.new_chat_id
            if outcome.transient:
                msg.failures += 1
                if msg.failures >= self.max_failures:
                    msg.status = FAILED
                    msg.last_error = f"gave up after {msg.failures} failures: {outcome.error}"
                    self.stats["failed"] += 1
                    return
                msg.next_attempt_at = now + timedelta(seconds=self._backoff(msg.failures))
            else:
                msg.next_attempt_at = outcome.retry_at or now
