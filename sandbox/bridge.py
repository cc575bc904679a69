"""What the sandbox page's roles mean to the bot: a person made on the page as «مربی» (trainer)
is a trainer for the bot too.

The bot's trainers are rows of the ``trainers`` table (models/moderation.py), and each of them
needs a ``users`` row. The stand-in only labels people with a role (``StandIn.roles``), so this
bridge copies the trainers over: ``sync_trainers(standin, db)`` once, or ``SandboxBridge`` in
the background, woken by every change of the stand-in (and at least every ``interval``
seconds). It only adds: a trainer removed with /removetrainer stays removed until the next
start of the bridge, and trainers added by a manager are left alone. Their scope is empty
(every city), as suits a workshop.

    bridge = SandboxBridge(standin, db)
    await bridge.start()
    ...
    await bridge.stop()
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from sqlalchemy.exc import IntegrityError, OperationalError

if TYPE_CHECKING:
    from bot.db import Database

    from .server import StandIn

log = logging.getLogger(__name__)


def sandbox_trainers(standin: StandIn) -> list[dict]:
    """The Bot API User objects of the stand-in's people labelled «trainer»."""
    return [us.user for uid, us in standin.users.items() if standin.roles.get(uid) == "trainer"]


def _insert(db: Database, table: Any) -> Any:
    """INSERT … ON CONFLICT DO NOTHING: the bot may store the same user at the same moment."""
    if db.engine.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert(table)


async def upsert_trainers(db: Database, people: Iterable[dict], added_by: int = 0) -> list[int]:
    """Make each person (a Bot API User dict) a user and a trainer of every city, if she is not
    one yet. Returns the ids that became trainers now."""
    from models.base import utcnow
    from models.moderation import Trainer
    from models.user import User

    added: list[int] = []
    async with db.session() as s:
        for person in people:
            uid = int(person["id"])
            now = utcnow()
            if await s.get(User, uid) is None:
                await s.execute(_insert(db, User.__table__).values(
                    id=uid, first_name=str(person.get("first_name") or "?")[:256],
                    last_name=(person.get("last_name") or None), username=person.get("username"),
                    telegram_language=person.get("language_code"), is_blocked=False,
                    created_at=now, updated_at=now,
                ).on_conflict_do_nothing(index_elements=["id"]))
            if await s.get(Trainer, uid) is None:
                result = await s.execute(_insert(db, Trainer.__table__).values(
                    user_id=uid, added_by=added_by, scope=[], created_at=now, updated_at=now,
                ).on_conflict_do_nothing(index_elements=["user_id"]))
                if result.rowcount:
                    added.append(uid)
    if added:
        log.info("sandbox: %d trainer(s) added from the page: %s", len(added), added)
    return added


async def sync_trainers(standin: StandIn, db: Database) -> list[int]:
    """One pass: every stand-in person whose role is trainer is a trainer in the database."""
    return await upsert_trainers(db, sandbox_trainers(standin), added_by=standin.bot_id or 0)


class SandboxBridge:
    """Runs ``sync_trainers`` whenever the stand-in changes (new people), in the background."""

    def __init__(self, standin: StandIn, db: Database, interval: float = 0.5,
                 grace: float = 2.0) -> None:
        self.sb = standin
        self.db = db
        self.interval = interval
        self.grace = grace
        self._first_seen: dict[int, float] = {}
        self.synced: set[int] = set()  # trainers already copied by this bridge
        self._task: asyncio.Task[None] | None = None
        self._cond = asyncio.Condition()

    async def start(self) -> None:
        await self.sync()
        self._task = asyncio.get_running_loop().create_task(self._run(), name="sandbox-bridge")

    async def stop(self) -> None:
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def __aenter__(self) -> SandboxBridge:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    async def sync(self) -> list[int]:
        """Copy the trainers this bridge has not copied yet; returns the ids added now.

        A person the bot already knows (she wrote, or joined the trainers' group) is made a
        trainer at once. The bot stores a new user itself when her first update arrives, so the
        bridge leaves it ``grace`` seconds to do so before storing her itself."""
        from models.user import User

        now = time.monotonic()
        new = [u for u in sandbox_trainers(self.sb) if u["id"] not in self.synced]
        if not new:
            return []
        ready = []
        async with self.db.session() as s:
            for u in new:
                first = self._first_seen.setdefault(u["id"], now)
                if now - first >= self.grace or await s.get(User, u["id"]) is not None:
                    ready.append(u)
        if not ready:
            return []
        try:
            added = await upsert_trainers(self.db, ready, added_by=self.sb.bot_id or 0)
        except (IntegrityError, OperationalError):  # a busy database: the next pass retries
            log.debug("sandbox bridge: cannot write now, retrying", exc_info=True)
            return []
        self.synced.update(u["id"] for u in ready)
        async with self._cond:
            self._cond.notify_all()
        return added

    async def wait_trainer(self, user_id: int, timeout: float = 5.0) -> None:  # noqa: ASYNC109
        """Until this person has been made a trainer (for tests)."""
        async def wait() -> None:
            async with self._cond:
                while user_id not in self.synced:
                    await self._cond.wait()

        await asyncio.wait_for(wait(), timeout)

    async def _run(self) -> None:
        sb = self.sb
        while not sb._closing:
            seen = len(sb.events)
            with contextlib.suppress(TimeoutError):
                await sb.wait_until(lambda seen=seen: len(sb.events) > seen or sb._closing,
                                    self.interval)
            if sb._closing:
                return
            try:
                await self.sync()
            except asyncio.CancelledError:
                raise
            except Exception:  # a locked or unreachable database: try again at the next change
                log.exception("sandbox bridge: cannot sync trainers")
                await asyncio.sleep(self.interval)
