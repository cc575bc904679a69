"""The outbox's store: what services call, in their own unit of work (no telegram here).

Writing: ``await enqueue(session, chat_id, "sendMessage", {"text": ...})`` inside the unit of
work that makes the change; the row commits (or rolls back) together with it. Nothing is sent
from the handler. Delivering is `bot.outbox.worker.OutboxWorker`'s job.

`install()` (called once by the app and by the test harness) adds the SQLAlchemy listeners that
wake the worker right after a commit that added outbox rows.
"""

from __future__ import annotations

import json
import re
import weakref
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any

from sqlalchemy import delete, event, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from models.base import utcnow
from models.outbox import FAILED, PENDING, SENT, OutboxMessage

METHOD_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_]{1,63}$")
KICK = "hamyar_outbox_kick"
# The `type`s of InputMedia a stored `media` list may hold (the worker rebuilds the objects).
MEDIA_TYPES = frozenset({"photo", "video", "document", "audio", "animation"})

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
    Hooks are registered in one table, `bot.services.wiring`, installed by every process.
    """
    if len(name) > 64:
        raise ValueError("hook names are at most 64 characters")

    def deco(fn: Hook) -> Hook:
        HOOKS[name] = fn
        return fn

    return deco


# ---------------------------------------------------------------------------- writing


def _jsonable(value: Any) -> Any:
    to_dict = getattr(value, "to_dict", None)
    if callable(to_dict):  # a PTB object (InlineKeyboardMarkup, InputMediaPhoto, ...)
        return _jsonable(to_dict(recursive=True))
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
            isinstance(m, dict) and m.get("type") in MEDIA_TYPES for m in media):
        raise OutboxError(f"media items need a type of {sorted(MEDIA_TYPES)}")
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
            from sqlalchemy.dialects.sqlite import insert as sqlite_insert
            insert: Any = sqlite_insert
        else:
            from sqlalchemy.dialects.postgresql import insert as pg_insert
            insert = pg_insert
        # ON CONFLICT DO NOTHING: a concurrent transaction with the same key waits for the
        # first one and then adds nothing, instead of failing the caller's unit of work.
        stmt = (insert(OutboxMessage).values(**values)
                .on_conflict_do_nothing(index_elements=["dedupe_key"])
                .returning(OutboxMessage.id))
        new_id = (await session.execute(stmt)).scalar_one_or_none()
        if new_id is None:
            return None
        session.info[KICK] = True
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
    session.info[KICK] = True
    return bool(res.rowcount)  # type: ignore[attr-defined]


async def purge_sent(session: AsyncSession, before: datetime, *, limit: int = 200) -> int:
    """Delete up to ``limit`` rows sent before ``before`` (no commit here); how many.

    Failed rows stay (trainers see them in /undelivered), and so do rows with a
    ``dedupe_key``: they are what keeps "publish listing 42" from being sent twice.
    """
    ids = (await session.scalars(
        select(OutboxMessage.id)
        .where(OutboxMessage.status == SENT, OutboxMessage.sent_at < before,
               OutboxMessage.dedupe_key.is_(None))
        .order_by(OutboxMessage.id).limit(limit))).all()
    if not ids:
        return 0
    await session.execute(delete(OutboxMessage).where(OutboxMessage.id.in_(ids)))
    return len(ids)


# ---------------------------------------------------------------------------- waking


# Running workers (objects with `engine` and `kick()`), woken after a commit on their engine.
WORKERS: weakref.WeakSet[Any] = weakref.WeakSet()


def _note_new_rows(session: Session, _ctx: Any) -> None:
    if any(isinstance(obj, OutboxMessage) for obj in session.new):
        session.info[KICK] = True


def _kick_after_commit(session: Session) -> None:
    if session.info.pop(KICK, False):
        bind = session.bind
        engine = getattr(bind, "engine", bind)
        for worker in list(WORKERS):
            if worker.engine is None or worker.engine is engine:
                worker.kick()


def _forget_after_rollback(session: Session) -> None:
    session.info.pop(KICK, None)


_LISTENERS = (("after_flush", _note_new_rows), ("after_commit", _kick_after_commit),
              ("after_rollback", _forget_after_rollback))


def install() -> None:
    """Wake the worker right after a commit that added outbox rows (idempotent). The listeners
    are on the sync Session class, which AsyncSession drives."""
    for name, fn in _LISTENERS:
        if not event.contains(Session, name, fn):
            event.listen(Session, name, fn)


def uninstall() -> None:
    for name, fn in _LISTENERS:
        if event.contains(Session, name, fn):
            event.remove(Session, name, fn)
