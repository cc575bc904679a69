"""Users are stored on first contact and kept up to date from Telegram's profile."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from bot.i18n import default_i18n
from models.base import utcnow
from models.user import Seller, User

SEEN_RESOLUTION = timedelta(minutes=10)


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


async def touch_user(session: AsyncSession, tg: TgUser) -> UserInfo:
    """Create the user on first contact; refresh names and language when they change."""
    now = utcnow()
    user = await session.get(User, tg.id)
    if user is None:
        # Insert-or-nothing: the same person may arrive in two chats at once (a private chat
        # and a group), each handled concurrently.
        insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
        await session.execute(
            insert(User).values(
                id=tg.id, first_name=tg.first_name[:256],
                last_name=(tg.last_name or None) and tg.last_name[:256],
                username=tg.username, telegram_language=tg.language_code, last_seen_at=now,
                created_at=now, updated_at=now, is_blocked=False,
            ).on_conflict_do_nothing(index_elements=["id"])
        )
        user = await session.get(User, tg.id)
        assert user is not None
    else:
        if (user.first_name, user.last_name, user.username, user.telegram_language) != (
            tg.first_name[:256],
            tg.last_name and tg.last_name[:256],
            tg.username,
            tg.language_code,
        ):
            user.first_name = tg.first_name[:256]
            user.last_name = tg.last_name and tg.last_name[:256]
            user.username = tg.username
            user.telegram_language = tg.language_code
        if user.last_seen_at is None or now - user.last_seen_at > SEEN_RESOLUTION:
            user.last_seen_at = now
    is_seller = (await session.get(Seller, tg.id)) is not None
    return UserInfo(
        id=user.id,
        locale=user.locale,
        telegram_language=user.telegram_language,
        is_blocked=user.is_blocked,
        is_seller=is_seller,
    )


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
