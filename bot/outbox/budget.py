"""One send budget per bot token: strict sliding windows shared by every sender.

Telegram answers 429 when a token sends more than about 30 messages in a second overall, more
than about one a second into one private chat, or more than 20 a minute into one group or
channel; edits and callback answers are not counted. Both senders of a process take their
slots from one `SendBudget`: the interactive replies (through `BudgetRateLimiter`, see
`bot.outbox.limiter`) with priority, and the outbox worker with what is left.

The windows are strict: at most ``count`` sends in any ``per`` seconds (not a bucket that lets
a burst through after a quiet moment). A send counts from the moment its slot is taken (always
while in flight) until ``per`` after its answer: the request reaches the server somewhere in
between, so the arrivals stay inside the limits whatever the latency and the jitter of the
event loop (measured: counting from the start only gave 429s under load). Every period is also
stretched by ``margin`` (2 %). The price is throughput: count / (per × 1.02 + latency), 28 a
second at 50 ms.
Nothing here imports telegram.
"""

from __future__ import annotations

import asyncio
import math
import time
from collections.abc import Callable
from dataclasses import dataclass, fields, replace
from typing import Any

INTERACTIVE = 0  # a reply to the person waiting
BACKGROUND = 1  # the outbox: fills what the replies leave


@dataclass(frozen=True)
class PaceLimits:
    """At most ``*_count`` sends in any ``*_per`` seconds (sliding windows)."""

    private_count: int = 1
    private_per: float = 1.0
    group_count: int = 20  # groups, supergroups and channels
    group_per: float = 60.0
    overall_count: int = 30
    overall_per: float = 1.0
    # Every period is stretched by this share (clock rates, rounding). Jitter needs none: a
    # send counts until `per` after its answer, after its arrival at the server.
    margin: float = 0.02
    concurrency: int = 8  # outbox calls in flight at once

    def scaled(self, factor: float) -> PaceLimits:
        """The same limits with every period divided by ``factor`` (stand-ins, tests)."""
        return replace(self, **{f.name: getattr(self, f.name) / factor
                                for f in fields(self) if f.name.endswith("_per")})

    @property
    def horizon(self) -> float:
        return max(self.private_per, self.group_per, self.overall_per) * (1 + self.margin)


def is_group(chat: int | str) -> bool:
    """Groups, supergroups and channels have negative ids or an @username."""
    s = str(chat)
    return s.startswith("-") or s.startswith("@")


def counted(method: str) -> bool:
    """The Bot API methods Telegram's flood limits count: sends, copies and forwards."""
    m = method.lower()
    return (m.startswith("send") and m != "sendchataction") or m in (
        "copymessage", "copymessages", "forwardmessage", "forwardmessages")


class Stopped(Exception):
    """`SendBudget.take` gave up because its caller is stopping."""


class Stamp:
    """One send's place in a window: ``t`` is when it stops counting from (inf: in flight)."""

    __slots__ = ("t",)

    def __init__(self, t: float = math.inf) -> None:
        self.t = t


class Window:
    """At most ``count`` stamps in any ``per`` seconds."""

    def __init__(self, count: int, per: float) -> None:
        self.count, self.per = max(1, count), per
        self.stamps: list[Stamp] = []

    def delay(self, now: float) -> float:
        """Seconds until a new stamp fits (0: now; inf: wait for a send in flight)."""
        self.stamps = [s for s in self.stamps if s.t > now - self.per]
        if len(self.stamps) < self.count:
            return 0.0
        ends = sorted(s.t for s in self.stamps)
        return ends[len(ends) - self.count] + self.per - now

    def idle(self, now: float) -> bool:
        return self.delay(now) == 0.0 and not self.stamps


class Slot:
    """A taken slot; `done()` when the call has been answered (or failed)."""

    __slots__ = ("_budget", "stamp")

    def __init__(self, budget: SendBudget, stamp: Stamp) -> None:
        self._budget, self.stamp = budget, stamp

    def done(self) -> None:
        if math.isinf(self.stamp.t):
            self.stamp.t = self._budget.clock()
            self._budget._changed()


class SendBudget:
    """The sliding windows of one token, shared by the replies and the outbox."""

    def __init__(self, limits: PaceLimits | None = None, *,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.limits = limits or PaceLimits()
        self.clock = clock
        self.overall = Window(self.limits.overall_count, self._per(self.limits.overall_per))
        self.chats: dict[str, Window] = {}
        self._waiting: dict[int, int] = {INTERACTIVE: 0, BACKGROUND: 0}
        self._urgent: list[Window] = []  # chat windows of interactive sends waiting for a slot
        self._cond: asyncio.Condition | None = None
        self.taken: dict[int, int] = {INTERACTIVE: 0, BACKGROUND: 0}

    def _per(self, per: float) -> float:
        return per * (1 + self.limits.margin)

    def window(self, chat: int | str) -> Window:
        key = str(chat)
        w = self.chats.get(key)
        if w is None:
            lim = self.limits
            w = (Window(lim.group_count, self._per(lim.group_per)) if is_group(key)
                 else Window(lim.private_count, self._per(lim.private_per)))
            self.chats[key] = w
        return w

    def note_past_send(self, chat: int | str, ago: float) -> None:
        """A send ``ago`` seconds before now (from the database, after a restart)."""
        t = self.clock() - max(0.0, ago)
        self.window(chat).stamps.append(Stamp(t))
        self.overall.stamps.append(Stamp(t))

    def delay(self, chat: int | str | None, priority: int = INTERACTIVE) -> float:
        """Seconds until a send into ``chat`` may start (0: now)."""
        now = self.clock()
        wait = self.overall.delay(now)
        if chat is not None:
            wait = max(wait, self.window(chat).delay(now))
        if priority == BACKGROUND and wait <= 0:
            # An interactive send that waits only for the overall window goes first.
            if any(w.delay(now) <= 0 for w in self._urgent):
                return math.inf
        return wait

    def try_take(self, chat: int | str | None, priority: int = INTERACTIVE) -> Slot | None:
        if self.delay(chat, priority) > 0:
            return None
        stamp = Stamp()  # in flight: counted in its windows until `per` after `done()`
        self.overall.stamps.append(stamp)
        if chat is not None:
            self.window(chat).stamps.append(stamp)
        self.taken[priority] += 1
        return Slot(self, stamp)

    async def take(self, chat: int | str | None, priority: int = INTERACTIVE,
                   stopping: Callable[[], bool] | None = None) -> Slot:
        """Wait for a slot and take it; ``chat`` None counts in the overall window only."""
        slot = self.try_take(chat, priority)
        if slot is not None:
            return slot
        cond = self._condition()
        mine = self.window(chat) if chat is not None and priority == INTERACTIVE else None
        self._waiting[priority] += 1
        if priority == INTERACTIVE:
            self._urgent.append(mine or self.overall)
        try:
            async with cond:
                while True:
                    if stopping is not None and stopping():
                        raise Stopped
                    wait = self.delay(chat, priority)
                    if wait <= 0:
                        break
                    try:  # woken by a finished send, or when the window moves on
                        await asyncio.wait_for(cond.wait(), min(wait, 0.25))
                    except TimeoutError:
                        pass
        finally:
            self._waiting[priority] -= 1
            if priority == INTERACTIVE:
                self._urgent.remove(mine or self.overall)
        slot = self.try_take(chat, priority)
        assert slot is not None
        self._changed()  # a background sender held back by this one may look again
        return slot

    def forget_idle(self) -> None:
        now = self.clock()
        for key in [k for k, w in self.chats.items() if w.idle(now)]:
            del self.chats[key]

    def _condition(self) -> asyncio.Condition:
        if self._cond is None:
            self._cond = asyncio.Condition()
        return self._cond

    def _changed(self) -> None:
        cond = self._cond
        if cond is None:
            return
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            return

        async def notify() -> None:
            async with cond:
                cond.notify_all()

        asyncio.get_running_loop().create_task(notify())


def limits_from(settings: Any) -> PaceLimits:
    """The budget's limits from `bot.config.Settings` (SEND_LIMIT_*, SEND_PACE_SCALE)."""
    return PaceLimits(
        private_count=settings.send_limit_private, group_count=settings.send_limit_group,
        overall_count=settings.send_limit_overall,
    ).scaled(settings.send_pace_scale)
