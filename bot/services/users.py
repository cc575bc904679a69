"""Users are stored on first contact and kept up to date from Telegram's profile.

Every update looks its sender up (language, seller or not, blocked or not). That answer is kept
in a small in-process cache for `CACHE_TTL` seconds, one cache per database engine, dropped for
a person as soon as a transaction that changed her User, Seller or Trainer row commits (session
event listeners installed by `install_cache_invalidation`, which the application calls once).
"""

from __future__ import annotations

import time
from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from weakref import WeakKeyDictionary

from sqlalchemy import event, inspect, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Engine
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from sqlalchemy.orm import ORMExecuteState, Session, UOWTransaction

from bot.i18n import default_i18n
from models.base import utcnow
from models.moderation import Trainer
from models.user import Seller, User

SEEN_RESOLUTION = timedelta(minutes=10)
CACHE_TTL = 60.0  # seconds a looked-up user is trusted without asking the database
CACHE_SIZE = 10_000  # people kept; the least recently seen are dropped first


@dataclass(frozen=True)
class TgUser:
    id: int
    first_name: str
    last_name: str | None
    username: str | None
    language_code: str | None


@dataclass(frozen=True)
class UserInfo:
    id: int
    locale: str | None
    telegram_language: str | None
    is_blocked: bool
    is_seller: bool
    is_trainer: bool = False


@dataclass(frozen=True)
class _Entry:
    tg: TgUser
    info: UserInfo
    seen: datetime  # last_seen_at as stored
    expires: float  # time.monotonic()


class UserCache:
    """Who sent an update, remembered for a short time (bounded, least recently used out)."""

    def __init__(self, ttl: float = CACHE_TTL, size: int = CACHE_SIZE) -> None:
        self.ttl, self.size = ttl, size
        self._entries: OrderedDict[int, _Entry] = OrderedDict()
        self.epoch = 0  # bumped by every invalidation: a look-up that raced one is not kept

    def get(self, tg: TgUser) -> UserInfo | None:
        entry = self._entries.get(tg.id)
        if entry is None:
            return None
        if (entry.tg != tg or entry.expires < time.monotonic()
                or utcnow() - entry.seen > SEEN_RESOLUTION):
            del self._entries[tg.id]
            return None
        self._entries.move_to_end(tg.id)
        return entry.info

    def put(self, tg: TgUser, info: UserInfo, seen: datetime, epoch: int) -> None:
        if epoch != self.epoch:
            return
        self._entries[tg.id] = _Entry(tg, info, seen, time.monotonic() + self.ttl)
        self._entries.move_to_end(tg.id)
        while len(self._entries) > self.size:
            self._entries.popitem(last=False)

    def invalidate(self, user_ids: set[int] | None) -> None:
        """Forget these people (None: everybody)."""
        self.epoch += 1
        if user_ids is None:
            self._entries.clear()
        else:
            for uid in user_ids:
                self._entries.pop(uid, None)

    def __len__(self) -> int:
        return len(self._entries)


_caches: WeakKeyDictionary[Engine, UserCache] = WeakKeyDictionary()
_CHANGED = "hamyar_users_changed"  # key in Session.info: ids changed in this transaction
_CACHED_FIELDS = ("locale", "telegram_language", "is_blocked")


def _engine_of(bind: Any) -> Engine | None:
    return getattr(bind, "engine", None) if bind is not None else None


def _cache_of(session: Session | AsyncSession) -> UserCache | None:
    if not _caches:
        return None
    try:
        engine = _engine_of(session.get_bind())
    except Exception:  # an unbound session
        return None
    return _caches.get(engine) if engine is not None else None


def _mark(session: Session, ids: set[int] | None) -> None:
    current = session.info.get(_CHANGED, set())
    if current is None or ids is None:
        session.info[_CHANGED] = None
    else:
        session.info[_CHANGED] = current | ids


def _after_flush(session: Session, _flush: UOWTransaction) -> None:
    ids: set[int] = set()
    for obj in (*session.new, *session.dirty, *session.deleted):
        if isinstance(obj, User):
            state = inspect(obj)
            if (obj in session.new or obj in session.deleted
                    or any(state.attrs[f].history.has_changes() for f in _CACHED_FIELDS)):
                ids.add(obj.id)
        elif isinstance(obj, Seller | Trainer):
            ids.add(obj.user_id)
    if ids:
        _mark(session, ids)


def _on_orm_execute(state: ORMExecuteState) -> None:
    """A bulk UPDATE or DELETE of users, sellers or trainers: forget everybody at commit."""
    if (state.is_update or state.is_delete) and state.bind_mapper is not None and (
            state.bind_mapper.class_ in (User, Seller, Trainer)):
        _mark(state.session, None)


def _after_commit(session: Session) -> None:
    if _CHANGED not in session.info:
        return
    ids = session.info.pop(_CHANGED)
    cache = _cache_of(session)
    if cache is not None:
        cache.invalidate(ids)


def _after_rollback(session: Session) -> None:
    session.info.pop(_CHANGED, None)


def install_cache_invalidation(engine: AsyncEngine | Engine) -> UserCache:
    """Give this database a user cache and keep it true: drop a person's entry when a
    transaction that changed her User (language, block), Seller or Trainer row commits.
    Called once by the application at build time (idempotent); nothing happens at import."""
    if not event.contains(Session, "after_commit", _after_commit):
        event.listen(Session, "after_flush", _after_flush)
        event.listen(Session, "do_orm_execute", _on_orm_execute)
        event.listen(Session, "after_commit", _after_commit)
        event.listen(Session, "after_rollback", _after_rollback)
    sync = engine.sync_engine if isinstance(engine, AsyncEngine) else engine
    cache = _caches.get(sync)
    if cache is None:
        cache = _caches[sync] = UserCache()
    return cache


def cached_user(engine: AsyncEngine | Engine, tg: TgUser) -> UserInfo | None:
    """The sender as last looked up, if that is recent and nothing about her changed since;
    None means: ask the database (`touch_user`)."""
    sync = engine.sync_engine if isinstance(engine, AsyncEngine) else engine
    cache = _caches.get(sync)
    return cache.get(tg) if cache is not None else None


async def touch_user(session: AsyncSession, tg: TgUser) -> UserInfo:
    """Create the user on first contact; refresh names and language when they change; and
    remember the answer in the database's user cache, if it has one.

    One statement reads her row and whether she is a seller or a trainer; a new person is one
    more (the insert); her row is loaded as an object only when something in it must change."""
    cache = _cache_of(session)
    epoch = cache.epoch if cache is not None else 0
    now = utcnow()
    row = await _read(session, tg.id)
    if row is None:
        # Insert-or-nothing: the same person may arrive in two chats at once (a private chat
        # and a group), each handled concurrently; the one that did not insert reads hers.
        insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
        inserted = (await session.execute(
            insert(User).values(
                id=tg.id, first_name=tg.first_name[:256],
                last_name=(tg.last_name or None) and tg.last_name[:256],
                username=tg.username, telegram_language=tg.language_code, last_seen_at=now,
                created_at=now, updated_at=now, is_blocked=False,
            ).on_conflict_do_nothing(index_elements=["id"]).returning(User.id)
        )).first()
        if inserted is not None:  # nobody is a seller or a trainer before her user row exists
            info = UserInfo(id=tg.id, locale=None, telegram_language=tg.language_code,
                            is_blocked=False, is_seller=False, is_trainer=False)
            if cache is not None:
                cache.put(tg, info, now, epoch)
            return info
        row = await _read(session, tg.id)
        assert row is not None
    first_name, last_name, username, language, locale, blocked, seen, seller, trainer = row
    names = (tg.first_name[:256], tg.last_name and tg.last_name[:256], tg.username,
             tg.language_code)
    stale = seen is None or now - seen > SEEN_RESOLUTION
    if (first_name, last_name, username, language) != names or stale:
        user = await session.get(User, tg.id)  # changed through the object: the cache's
        assert user is not None               # listeners see what changed
        if (first_name, last_name, username, language) != names:
            user.first_name, user.last_name, user.username, user.telegram_language = names
            language = tg.language_code
        if stale:
            user.last_seen_at = seen = now
    info = UserInfo(id=tg.id, locale=locale, telegram_language=language,
                    is_blocked=bool(blocked), is_seller=bool(seller), is_trainer=bool(trainer))
    if cache is not None:
        cache.put(tg, info, seen or now, epoch)
    return info


async def _read(session: AsyncSession, user_id: int) -> tuple[Any, ...] | None:
    """Her row's fields and whether a seller's and a trainer's row exist, in one statement."""
    row = (await session.execute(
        select(User.first_name, User.last_name, User.username, User.telegram_language,
               User.locale, User.is_blocked, User.last_seen_at,
               select(Seller.user_id).where(Seller.user_id == user_id).exists(),
               select(Trainer.user_id).where(Trainer.user_id == user_id).exists())
        .where(User.id == user_id))).first()
    return None if row is None else tuple(row)


async def set_locale(session: AsyncSession, user_id: int, locale: str) -> None:
    user = await session.get(User, user_id)
    if user is None:
        raise LookupError(user_id)
    user.locale = locale


def user_locale(user: User | None) -> str:
    """The language to write to this person in when she is not the one who pressed."""
    i18n = default_i18n()
    if user is None:
        return i18n.default
    return i18n.resolve_locale(user.locale, user.telegram_language)
