"""Hamyar groups and cooperatives: creating one, joining by link or code, leaving, the
trainers who follow a group, and matching the free-text group names typed at registration."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot import geo, persian
from bot.callbacks import GroupJoinLink
from bot.services import drafts, trainers
from bot.services.errors import InputError
from bot.services.runtime import current as runtime
from models.group import COOPERATIVE, HAMYAR, GroupMember, GroupTrainer, HamyarGroup
from models.user import Seller

JOIN_DRAFT = "group_join"  # a join code opened before registration, kept until it completes
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud and typed
CODE_LENGTH = 6
NAME_MAX = 60


class NoSuchGroup(LookupError):
    """A join code that no group has."""


@dataclass(frozen=True)
class JoinResult:
    group: HamyarGroup
    joined: bool  # False: she is not a seller yet; the code waits for her registration
    previous: HamyarGroup | None = None  # the group she was in before (the same one: no change)


def join_link(group: HamyarGroup) -> str:
    return runtime.deep_link(GroupJoinLink(group.join_code).pack())


def normalise_code(text: str) -> str:
    return persian.to_ascii_digits(persian.clean_input(text)).strip().upper()


def _kind_of(name: str) -> str:
    return COOPERATIVE if "تعاونی" in name or "coop" in name.lower() else HAMYAR


async def create_group(session: AsyncSession, trainer_id: int, text: str) -> HamyarGroup:
    """`text` = «<city>[:<district>] <name>», e.g. «ابهر یاس» or «تبریز:۳ گروه همیار نرگس».
    The trainer who creates it follows it."""
    if not (trainers.is_manager(trainer_id) or await trainers.trainer_of(session, trainer_id)):
        raise trainers.NotAllowed(trainer_id)
    clean = persian.clean_input(text)
    place, _, name = clean.partition(" ")
    name = name.strip()
    if not place or not name:
        raise InputError("grp-err-create-format")
    if len(name) > NAME_MAX:
        raise InputError("grp-err-name-long", words=persian.words_over(name, NAME_MAX), place=place)
    try:
        scope = trainers.parse_scope(place)
    except InputError:
        raise InputError("grp-err-create-format") from None
    if len(scope) != 1:
        raise InputError("grp-err-create-format")
    city_code, _, district = scope[0].partition(":")
    if geo.city(city_code) is None:
        raise InputError("grp-err-create-format")
    code = await _new_code(session)
    group = HamyarGroup(name=name, norm_name=persian.squash(name)[:80], kind=_kind_of(name),
                        city_code=city_code, district=int(district) if district else None,
                        join_code=code, created_by=trainer_id)
    session.add(group)
    await session.flush()
    session.add(GroupTrainer(group_id=group.id, trainer_id=trainer_id))
    return group


async def _new_code(session: AsyncSession) -> str:
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if await session.scalar(select(HamyarGroup.id).where(HamyarGroup.join_code == code)) is None:
            return code


async def by_code(session: AsyncSession, code: str) -> HamyarGroup:
    group = await session.scalar(
        select(HamyarGroup).where(HamyarGroup.join_code == normalise_code(code)))
    if group is None:
        raise NoSuchGroup(code)
    return group


async def _put_member(session: AsyncSession, seller_id: int, group_id: int, how: str) -> None:
    row = await session.get(GroupMember, seller_id)
    if row is None:
        session.add(GroupMember(seller_id=seller_id, group_id=group_id, how=how))
    else:
        row.group_id, row.how = group_id, how
    await session.flush()


async def join(session: AsyncSession, user_id: int, code: str) -> JoinResult:
    """Open a join link or type a code: a seller joins (or moves to) the group; anyone else
    has the code kept until her registration completes (`after_registration`)."""
    group = await by_code(session, code)
    if await session.get(Seller, user_id) is None:
        await drafts.put(session, user_id, JOIN_DRAFT, {"code": group.join_code})
        return JoinResult(group, joined=False)
    previous = await group_of(session, user_id)
    if previous is None or previous.id != group.id:
        await _put_member(session, user_id, group.id, "link")
    return JoinResult(group, joined=True, previous=previous)


async def pending_group(session: AsyncSession, user_id: int) -> HamyarGroup | None:
    """The group whose link or code she opened before registering (kept until it completes)."""
    code = (await drafts.get(session, user_id, JOIN_DRAFT)).get("code")
    if not code:
        return None
    try:
        return await by_code(session, code)
    except NoSuchGroup:
        return None


async def after_registration(session: AsyncSession, seller_id: int) -> HamyarGroup | None:
    """Called when a seller's registration completes: the join code she opened before, or
    else a group whose name and city match what she typed."""
    pending = await drafts.get(session, seller_id, JOIN_DRAFT)
    if pending.get("code"):
        await drafts.drop(session, seller_id, JOIN_DRAFT)
        try:
            group = await by_code(session, pending["code"])
        except NoSuchGroup:
            group = None
        if group is not None:
            await _put_member(session, seller_id, group.id, "link")
            return group
    seller = await session.get(Seller, seller_id)
    if seller is None:
        return None
    group = await _match_one(session, seller)
    if group is not None:
        await _put_member(session, seller_id, group.id, "matched")
    return group


async def leave(session: AsyncSession, seller_id: int) -> bool:
    result = await session.execute(delete(GroupMember).where(GroupMember.seller_id == seller_id))
    return bool(result.rowcount)  # type: ignore[attr-defined]


async def group_of(session: AsyncSession, seller_id: int) -> HamyarGroup | None:
    return await session.scalar(
        select(HamyarGroup).join(GroupMember, GroupMember.group_id == HamyarGroup.id)
        .where(GroupMember.seller_id == seller_id))


async def shown_names(session: AsyncSession, seller_ids: list[int]) -> dict[int, str]:
    """The name of the group each of these sellers is a member of (sellers in no group are
    absent): what her profile and trainers' cards show rather than the name she typed."""
    if not seller_ids:
        return {}
    rows = await session.execute(
        select(GroupMember.seller_id, HamyarGroup.name)
        .join(HamyarGroup, HamyarGroup.id == GroupMember.group_id)
        .where(GroupMember.seller_id.in_(seller_ids)))
    return {int(sid): name for sid, name in rows.all()}


async def shown_name(session: AsyncSession, seller: Seller) -> str | None:
    """Her group as shown everywhere: the group she is a member of, else the name she typed
    at registration (None: neither)."""
    return (await shown_names(session, [seller.user_id])).get(seller.user_id) or seller.group_name


async def groups_of_trainer(session: AsyncSession, trainer_id: int) -> list[HamyarGroup]:
    """The groups she follows; a manager sees every group."""
    stmt = select(HamyarGroup).order_by(HamyarGroup.id)
    if not trainers.is_manager(trainer_id):
        stmt = stmt.join(GroupTrainer, GroupTrainer.group_id == HamyarGroup.id).where(
            GroupTrainer.trainer_id == trainer_id)
    return list(await session.scalars(stmt))


async def follow(session: AsyncSession, trainer_id: int, group_id: int) -> None:
    if await session.get(GroupTrainer, (group_id, trainer_id)) is None:
        session.add(GroupTrainer(group_id=group_id, trainer_id=trainer_id))


# -- free-text group names from registration --------------------------------------------------

async def _match_one(session: AsyncSession, seller: Seller) -> HamyarGroup | None:
    if not seller.group_name:
        return None
    found = list(await session.scalars(select(HamyarGroup).where(
        HamyarGroup.norm_name == persian.squash(seller.group_name)[:80],
        HamyarGroup.city_code == seller.city_code)))
    return found[0] if len(found) == 1 else None  # two groups of that name: a trainer decides


async def match_free_text(session: AsyncSession) -> int:
    """Put every seller whose typed group name clearly matches one group (same normalised
    name, same city) in that group; returns how many were placed."""
    rows = await session.scalars(
        select(Seller).outerjoin(GroupMember, GroupMember.seller_id == Seller.user_id)
        .where(Seller.group_name.is_not(None), GroupMember.seller_id.is_(None)))
    placed = 0
    for seller in list(rows):
        group = await _match_one(session, seller)
        if group is not None:
            await _put_member(session, seller.user_id, group.id, "matched")
            placed += 1
    return placed


@dataclass(frozen=True)
class Unmatched:
    seller_id: int
    seller_name: str
    typed: str
    candidates: list[HamyarGroup]  # groups of her city, nearest name first


async def unmatched(session: AsyncSession, trainer_id: int, limit: int = 10) -> list[Unmatched]:
    """Sellers in her scope who typed a group name that matched no group, with the groups of
    their city to choose from."""
    await match_free_text(session)
    rows = list(await session.scalars(
        select(Seller).outerjoin(GroupMember, GroupMember.seller_id == Seller.user_id)
        .where(Seller.group_name.is_not(None), GroupMember.seller_id.is_(None))
        .order_by(Seller.registered_at)))
    trainer = await trainers.trainer_of(session, trainer_id)
    manager = trainers.is_manager(trainer_id)
    out: list[Unmatched] = []
    for seller in rows:
        if not manager and not trainers.in_scope(trainer, seller):
            continue
        groups = list(await session.scalars(
            select(HamyarGroup).where(HamyarGroup.city_code == seller.city_code)
            .order_by(HamyarGroup.id)))
        typed = persian.squash(seller.group_name)
        groups.sort(key=lambda g: (typed not in g.norm_name and g.norm_name not in typed, g.id))
        out.append(Unmatched(seller.user_id, seller.name, seller.group_name or "", groups[:4]))
        if len(out) >= limit:
            break
    return out


async def confirm(session: AsyncSession, trainer_id: int, seller_id: int, group_id: int) -> HamyarGroup:
    """A trainer confirms that this seller belongs to this group."""
    seller = await session.get(Seller, seller_id)
    group = await session.get(HamyarGroup, group_id)
    if seller is None or group is None:
        raise NoSuchGroup(group_id)
    await trainers.check_moderator(session, trainer_id, seller)
    await _put_member(session, seller_id, group_id, "trainer")
    return group


__all__ = ["HAMYAR", "JoinResult", "NoSuchGroup", "Unmatched", "after_registration", "by_code",
           "confirm", "create_group", "follow", "group_of", "groups_of_trainer", "join",
           "join_link", "leave", "match_free_text", "shown_name", "shown_names", "unmatched"]


async def member_counts(session: AsyncSession, group_ids: list[int]) -> dict[int, int]:
    from sqlalchemy import func

    if not group_ids:
        return {}
    rows = await session.execute(
        select(GroupMember.group_id, func.count()).where(GroupMember.group_id.in_(group_ids))
        .group_by(GroupMember.group_id))
    return dict(rows.all())


async def seller_name(session: AsyncSession, seller_id: int) -> str:
    seller = await session.get(Seller, seller_id)
    return seller.name if seller is not None else ""


async def assign(session: AsyncSession, manager_id: int, text: str) -> tuple[HamyarGroup, str]:
    """A manager puts a trainer on a group: «<code> @username» (or her id). Returns the group
    and the trainer's first name. A trainer cannot widen her own scope."""
    if not trainers.is_manager(manager_id):
        raise trainers.NotAllowed(manager_id)
    code, _, who = persian.clean_input(text).partition(" ")
    if not code:
        raise InputError("grp-ask-assign")
    group = await by_code(session, code)
    user = await trainers.find_user(session, who.strip()) if who.strip() else None
    if user is None or await trainers.trainer_of(session, user.id) is None:
        raise InputError("grp-err-assign")
    await follow(session, user.id, group.id)
    return group, user.first_name
