"""The outbox's worker: delivers the stored Bot API calls, paced by the token's send budget.

One `OutboxWorker` per process (one process per bot token) picks due rows and calls the Bot API
with the stored payload unchanged:

* per chat strictly in id order (an album, then its card); different chats concurrently, at
  most ``PaceLimits.concurrency`` calls in flight;
* each call takes a slot of the token's `SendBudget` (bot/outbox/budget.py) with BACKGROUND
  priority: the interactive replies the Application sends take theirs first, the outbox fills
  what they leave, and together they stay inside Telegram's limits. At start-up the windows
  are refilled from ``last_attempt_at`` of recent rows, so a restart does not burst into a chat
  that was just written to;
* 429 → retried after ``retry_after``; 5xx, time-outs and network errors → exponential backoff
  with jitter (1, 2, 4 … 300 s), given up as failed after ``max_failures``; 403 (blocked,
  kicked) and 400 → failed at once with ``last_error`` kept (except "message is not modified"
  for edits and "message to delete not found" for deletes, which count as sent);
* every outcome is committed right after its call, one row per transaction, together with the
  row's ``on_sent`` hook (see `bot.outbox.register_hook`);
* sent rows older than ``keep_sent`` (7 days) are deleted in small batches from the loop;
  failed rows stay for /undelivered, and rows with a dedupe key stay to keep deduplicating.

Crash safety. A row is *claimed* (``claimed_at`` committed) just before its call and released
with its outcome. A row still claimed at start-up was in flight when the process died: Telegram
may or may not have accepted it, and the Bot API has no idempotency key to ask. Such rows are
sent again (``resend_interrupted=True``, the default: nothing is lost, at the price of a possible
duplicate of that one message) or marked failed (``resend_interrupted=False``: never twice,
possibly never). Either way the row's ``last_error`` says so. The window is one HTTP round trip
plus one commit per in-flight row; edits and deletes are idempotent anyway. A read time-out on a
send is the same ambiguity and is retried. Everything outside that window is delivered exactly
once.
"""

from __future__ import annotations

import asyncio
import logging
import math
import random
import time
from collections import Counter
from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from telegram import Bot

from bot.db import Database
from bot.outbox import store
from bot.outbox.budget import BACKGROUND, PaceLimits, SendBudget, Stopped
from bot.outbox.calls import Outcome, call, make_bot
from models.base import utcnow
from models.outbox import FAILED, PENDING, SENT, OutboxMessage

__all__ = ["OutboxWorker", "make_bot"]

log = logging.getLogger("bot.outbox")


class _HookFailed(Exception):
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
        budget: SendBudget | None = None,
        keep_sent: timedelta | None = timedelta(days=7),
        purge_every: float = 60.0,
        purge_batch: int = 200,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        """``budget``: the token's send budget shared with the interactive replies (a private
        one from ``limits`` when None). ``keep_sent``: sent rows older than this are deleted
        from the loop every ``purge_every`` s, ``purge_batch`` rows per transaction (None:
        kept for ever). ``clock``: the wall clock of the retention (tests move it)."""
        self.bot, self.db = bot, db
        self.budget = budget or SendBudget(limits)
        self.limits = self.budget.limits
        self.keep_sent, self.purge_every, self.purge_batch = keep_sent, purge_every, purge_batch
        self.clock = clock
        self._next_purge = 0.0
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
        store.WORKERS.add(self)
        self._task = asyncio.create_task(self._run(), name="outbox-worker")

    async def stop(self, grace: float = 10.0) -> None:
        """Let the calls in flight finish and record them (up to ``grace`` s), then cancel."""
        self._stopping = True
        store.WORKERS.discard(self)
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
            return await store.pending_count(s)

    # -------------------------------------------------------------- main loop

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
            if self.keep_sent is not None and time.monotonic() >= self._next_purge:
                self._next_purge = time.monotonic() + self.purge_every
                try:
                    await self.purge_sent()
                except Exception:
                    log.exception("outbox: deleting old sent rows failed")
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
        wall = time.time()
        for chat, at in recent:
            if at is not None:
                self.budget.note_past_send(chat, wall - at.timestamp())

    async def purge_sent(self, *, rounds: int = 10) -> int:
        """Delete sent rows older than ``keep_sent``, ``purge_batch`` per transaction, at most
        ``rounds`` transactions (the next look continues); how many were deleted."""
        if self.keep_sent is None:
            return 0
        before = self.clock() - self.keep_sent
        total = 0
        for _ in range(rounds):
            async with self.db.session() as s:
                n = await store.purge_sent(s, before, limit=self.purge_batch)
            total += n
            if n < self.purge_batch or self._stopping:
                break
            await asyncio.sleep(0)  # let the sends and the replies go on between batches
        self.stats["purged"] += total
        return total

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
        self.budget.forget_idle()
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
        except Stopped:
            pass
        except Exception:
            log.exception("outbox: delivery to chat %s failed", chat)
        finally:
            self._chats.pop(chat, None)
            self.kick()

    # -------------------------------------------------------------- one call

    async def _chat_free(self, chat: str) -> None:
        """Until the chat's window has room (without holding a call slot meanwhile)."""
        window = self.budget.window(chat)
        while (wait := window.delay(self.budget.clock())) > 0:
            if self._stopping:
                raise Stopped
            await asyncio.sleep(min(wait, 0.25) if math.isfinite(wait) else 0.02)

    async def _deliver(self, row: OutboxMessage) -> None:
        await self._chat_free(row.chat_id)
        async with self._sem:
            # Taken inside the semaphore: the slot is used at once, not after a queue.
            slot = await self.budget.take(row.chat_id, BACKGROUND, lambda: self._stopping)
            try:
                async with self.db.session() as s:
                    claimed = await s.execute(
                        update(OutboxMessage)
                        .where(OutboxMessage.id == row.id, OutboxMessage.status == PENDING,
                               OutboxMessage.claimed_at.is_(None))
                        .values(claimed_at=utcnow(), attempts=OutboxMessage.attempts + 1))
                if claimed.rowcount != 1:  # type: ignore[attr-defined]
                    return
                outcome = await call(self.bot, row, self.stats)
            finally:
                slot.done()
        await self._record(row.id, outcome)

    def _backoff(self, failures: int) -> float:
        base = min(self.backoff_cap, self.backoff_base * 2 ** max(0, failures - 1))
        return base * random.uniform(0.5, 1.0)  # jitter

    async def _record(self, row_id: int, outcome: Outcome) -> None:
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

    async def _apply(self, s: AsyncSession, row_id: int, outcome: Outcome, *,
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
            hook = store.HOOKS.get(msg.on_sent) if msg.on_sent else None
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
