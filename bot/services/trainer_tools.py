"""Trainers' tools in private chat: the review queue, a seller's card, blocking, what the
outbox could not deliver; and managers appointing trainers. Each is one call in the
handler's unit of work; rendering is the handler's."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot import outbox
from bot.services.errors import InputError
from bot.services.trainers import (
    NotAllowed,
    add_trainer,
    check_moderator,
    find_sellers,
    find_user,
    in_scope,
    is_manager,
    is_moderator,
    parse_scope,
    remove_trainer,
    sellers_in_scope,
    trainer_of,
)
from models.group import GroupMember, HamyarGroup
from models.listing import PENDING, PUBLISHED, Listing
from models.user import Seller, User


async def require_moderator(session: AsyncSession, user_id: int) -> None:
    """NotAllowed unless a trainer or a manager."""
    if not await is_moderator(session, user_id):
        raise NotAllowed(user_id)


# -- the queue -------------------------------------------------------------------------------

async def queue(session: AsyncSession, user_id: int, limit: int = 20) -> list[tuple[Listing, Seller]]:
    """Listings waiting for review in this trainer's area, oldest first."""
    rows = (await session.execute(
        select(Listing, Seller).join(Seller, Seller.user_id == Listing.seller_id)
        .where(Listing.status == PENDING).order_by(Listing.submitted_at)
    )).all()
    trainer = await trainer_of(session, user_id)
    manager = is_manager(user_id)
    return [(lst, s) for lst, s in rows if manager or in_scope(trainer, s)][:limit]


# -- a seller's card -------------------------------------------------------------------------

@dataclass
class SellerCard:
    seller: Seller
    blocked: bool = False
    counts: dict[str, int] = field(default_factory=dict)  # listings by status
    group: str | None = None  # the group she joined, else the name she typed (groups.shown_name)

    @property
    def published(self) -> int:
        return self.counts.get(PUBLISHED, 0)

    @property
    def pending(self) -> int:
        return self.counts.get(PENDING, 0)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


async def seller_cards(session: AsyncSession, user_id: int, text: str) -> list[SellerCard]:
    """Sellers in this trainer's area found by name or phone, with their listings counted
    by status and whether they are blocked: one query for all of them."""
    sellers = await sellers_in_scope(session, user_id, await find_sellers(session, text))
    if not sellers:
        return []
    cards = {s.user_id: SellerCard(s, group=s.group_name) for s in sellers}
    rows = await session.execute(  # with the group she joined (one at most), shown over the typed
        select(User.id, User.is_blocked, HamyarGroup.name, Listing.status, func.count(Listing.id))
        .outerjoin(Listing, Listing.seller_id == User.id)
        .outerjoin(GroupMember, GroupMember.seller_id == User.id)
        .outerjoin(HamyarGroup, HamyarGroup.id == GroupMember.group_id)
        .where(User.id.in_(cards))
        .group_by(User.id, User.is_blocked, HamyarGroup.name, Listing.status))
    for uid, blocked, group, status, count in rows.all():
        card = cards[uid]
        card.blocked = bool(blocked)
        card.group = group or card.group
        if status is not None:
            card.counts[status] = int(count)
    return list(cards.values())


# -- blocking --------------------------------------------------------------------------------

async def set_blocked(session: AsyncSession, user_id: int, blocked: bool) -> User:
    user = await session.get(User, user_id)
    if user is None:
        raise InputError("tr-err-unknown-user")
    if is_manager(user_id):
        raise InputError("tr-err-block-manager")
    user.is_blocked = blocked
    return user


async def block(session: AsyncSession, by: int, target: str, blocked: bool) -> User:
    """/block and /unblock: a person by id, @username or phone. Only managers block trainers;
    a trainer blocks sellers of her own area. InputError names what is wrong."""
    user = await find_user(session, target)
    if user is None:
        raise InputError("tr-err-unknown-user")
    if await trainer_of(session, user.id) is not None and not is_manager(by):
        raise InputError("tr-err-block-trainer")
    seller = await session.get(Seller, user.id)
    if seller is not None:
        try:
            await check_moderator(session, by, seller)
        except NotAllowed:
            raise InputError("mod-not-in-scope") from None
    return await set_blocked(session, user.id, blocked)


# -- what could not be delivered -------------------------------------------------------------

@dataclass
class Undelivered:
    id: int
    who: str  # the person's first name, or the chat id
    when: datetime
    error: str


async def undelivered(session: AsyncSession, limit: int = 20) -> list[Undelivered]:
    """What the outbox gave up on, newest first, with the names of the people (one query)."""
    rows = await outbox.failed(session, limit=limit)
    ids = {int(r.chat_id) for r in rows if r.chat_id.lstrip("-").isdigit()}
    names = dict((await session.execute(
        select(User.id, User.first_name).where(User.id.in_(ids)))).all()) if ids else {}
    return [Undelivered(r.id, names.get(int(r.chat_id), r.chat_id)
                        if r.chat_id.lstrip("-").isdigit() else r.chat_id,
                        r.updated_at, r.last_error or "") for r in rows]


async def retry_undelivered(session: AsyncSession, user_id: int, message_id: int) -> bool:
    """A trainer puts a failed message back in the queue; NotAllowed for anyone else."""
    await require_moderator(session, user_id)
    return await outbox.retry(session, message_id)


# -- managers: trainers ----------------------------------------------------------------------

async def appoint(session: AsyncSession, by: int, who: str, scope_text: str) -> tuple[User, list[str]]:
    """/addtrainer: a known person becomes a trainer of these cities (all when empty)."""
    user = await find_user(session, who)
    if user is None:
        raise InputError("tr-err-unknown-user")
    scope = parse_scope(scope_text) if scope_text.strip() else []
    await add_trainer(session, user.id, by, scope)
    return user, scope


async def dismiss(session: AsyncSession, who: str) -> tuple[User, bool]:
    """/removetrainer: (the person, whether she was a trainer)."""
    user = await find_user(session, who)
    if user is None:
        raise InputError("tr-err-unknown-user")
    return user, await remove_trainer(session, user.id)
