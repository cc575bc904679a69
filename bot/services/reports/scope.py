"""Whose figures a person may see: a manager everything; a trainer her cities and districts
(Trainer.scope) and the groups she follows. Checked here, on the server, for every report."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, false, or_, select, true
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services import trainers
from models.group import GroupMember, GroupTrainer
from models.user import Seller


@dataclass(frozen=True)
class Scope:
    everything: bool = False
    places: tuple[tuple[str, int | None], ...] = ()  # (city code, district or None)
    groups: tuple[int, ...] = ()

    def clause(self) -> ColumnElement[bool]:
        """A condition on Seller (and GroupMember, outer-joined) rows."""
        if self.everything:
            return true()
        parts: list[ColumnElement[bool]] = []
        for city, district in self.places:
            cond = Seller.city_code == city
            parts.append(and_(cond, Seller.district == district) if district is not None else cond)
        if self.groups:
            parts.append(GroupMember.group_id.in_(self.groups))
        return or_(*parts) if parts else false()

    @property
    def needs_groups(self) -> bool:
        return bool(self.groups) and not self.everything


EVERYTHING = Scope(everything=True)


async def scope_of(session: AsyncSession, user_id: int) -> Scope:
    """Raises trainers.NotAllowed for anyone who is neither a manager nor a trainer."""
    if trainers.is_manager(user_id):
        return EVERYTHING
    trainer = await trainers.trainer_of(session, user_id)
    if trainer is None:
        raise trainers.NotAllowed(user_id)
    groups = tuple(await session.scalars(
        select(GroupTrainer.group_id).where(GroupTrainer.trainer_id == user_id)
        .order_by(GroupTrainer.group_id)))
    if not trainer.scope and not groups:
        return EVERYTHING  # an unscoped trainer moderates everywhere, and sees everything
    places: list[tuple[str, int | None]] = []
    for item in trainer.scope or []:
        city, _, district = item.partition(":")
        places.append((city, int(district) if district else None))
    return Scope(places=tuple(places), groups=groups)
