"""Trainers' decisions on a listing under review: approve, reject (a reason from the list or
typed), ask for changes.

Every decision is a conditional update (`status = pending AND review_round = n`), so an
approve pressed twice, or by two trainers at once, publishes once; the loser is told who
decided. Messages to the admin chat, the channel and the seller go through the outbox in
the same transaction as the decision.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot import outbox, persian
from bot.callbacks import MyListing
from bot.i18n import I18n, default_i18n
from bot.services import drafts, groups, publishing
from bot.services.errors import InputError
from bot.services.review_card import card_text
from bot.services.trainers import Refused, check_moderator, guard_listing
from bot.services.users import user_locale
from models import listing as m
from models import moderation as mm
from models.base import utcnow
from models.listing import Listing
from models.moderation import Decision
from models.user import Seller, User

APPROVE, REJECT, CHANGES = mm.APPROVE, mm.REJECT, mm.CHANGES  # the decisions' actions
REJECT_REASONS = ("photos", "price", "not_handmade", "not_allowed", "duplicate")
REASON_KEYS = {code: f"mod-reason-{code}" for code in REJECT_REASONS}
# The fixes trainers ask for most, each with the part of the listing the seller changes (the
# field's button on her listing, `lst-incomplete`'s names). The decision stores the change's
# Persian text (`mod-change-<code>`), which the reports count; the seller is told the advice
# (`mod-change-advice-<code>`) in her own language.
CHANGE_REASONS = ("photo", "price", "description", "title", "delivery")
CHANGE_FIELDS = {"photo": "photos", "price": "price", "description": "description",
                 "title": "title", "delivery": "delivery"}
STATUS_AFTER = {mm.APPROVE: m.PUBLISHED, mm.REJECT: m.REJECTED, mm.CHANGES: m.NEEDS_CHANGES}
REASON_MAX = 500
TYPING = "mod_typing"  # the drafts kind (and conversation name) of a reason being typed


@dataclass
class AlreadyDecided(Exception):
    decision: Decision | None
    trainer_name: str | None


def i18n() -> I18n:
    return default_i18n()


def clean_reason(text: str) -> str:
    """A typed reason or note, cleaned; InputError when empty or too long."""
    reason = persian.clean_input(text)
    if not reason:
        raise InputError("mod-err-reason-empty")
    if len(reason) > REASON_MAX:
        raise InputError("mod-err-reason-long", words=persian.words_over(reason, REASON_MAX))
    return reason


def reason_text(code: str) -> str:
    """What a fixed reject reason stores as the decision's reason (Persian: the reports count
    reasons by this text); the seller reads it in her language (`reject(..., code=)`)."""
    if code not in REJECT_REASONS:
        raise InputError("invalid-choice")
    return i18n().t(i18n().default, REASON_KEYS[code], {})


def change_text(code: str) -> str:
    """What a fixed change request stores as its reason (Persian, like the reject reasons)."""
    if code not in CHANGE_REASONS:
        raise InputError("invalid-choice")
    return i18n().t(i18n().default, f"mod-change-{code}", {})


def reason_for(lang: str, stored: str) -> str:
    """A decision's stored reason as the seller reads it: a fixed reject reason or change
    (stored in Persian) in her language; a typed one as the trainer wrote it."""
    t, default = i18n().t, i18n().default
    for key in [*REASON_KEYS.values(), *(f"mod-change-{c}" for c in CHANGE_REASONS)]:
        if stored == t(default, key, {}):
            return t(lang, key, {})
    return stored


# -- the decisions ---------------------------------------------------------------------------

async def _decide(session: AsyncSession, listing_id: int, round_: int, trainer_id: int,
                  action: str, reason: str | None) -> Listing:
    listing = await session.get(Listing, listing_id)
    if listing is None:
        raise AlreadyDecided(None, None)
    seller = await session.get(Seller, listing.seller_id)
    await check_moderator(session, trainer_id, seller)
    now = utcnow()
    values: dict[str, Any] = {"status": STATUS_AFTER[action], "status_changed_at": now}
    if action == mm.APPROVE:
        values["published_at"] = now
    result = await session.execute(
        update(Listing)
        .where(Listing.id == listing_id, Listing.status == m.PENDING,
               Listing.review_round == round_)
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]  # decided already (or a newer round)
        last = await session.scalar(
            select(Decision).where(Decision.listing_id == listing_id)
            .order_by(Decision.id.desc()).limit(1))
        who = await session.get(User, last.trainer_id) if last else None
        raise AlreadyDecided(last, who.first_name if who else None)
    await session.refresh(listing)
    session.add(Decision(listing_id=listing_id, round=round_, trainer_id=trainer_id,
                         action=action, reason=reason, created_at=now))
    await session.flush()
    return listing


async def approve(session: AsyncSession, listing_id: int, round_: int, trainer_id: int) -> Listing:
    listing = await _decide(session, listing_id, round_, trainer_id, mm.APPROVE, None)
    seller = await session.get(Seller, listing.seller_id)
    assert seller is not None
    if listing.replaces_id:
        original = await session.get(Listing, listing.replaces_id)
        if original is not None and original.status in (m.PUBLISHED, m.SOLD_OUT, m.PAUSED):
            await publishing.apply_revision(session, original, listing, seller)
            return listing
    await publishing.publish(session, listing, seller)
    return listing


async def reject(session: AsyncSession, listing_id: int, round_: int, trainer_id: int,
                 reason: str | None, code: str | None = None) -> Listing:
    """Not published: with one of the fixed reasons (`code`, see REJECT_REASONS: stored in
    Persian, told to the seller in her language) or with a reason the trainer typed."""
    reason = reason_text(code) if code is not None else clean_reason(reason or "")
    listing = await _decide(session, listing_id, round_, trainer_id, mm.REJECT, reason)
    told: Any = reason
    if code is not None:
        told = lambda lang: i18n().t(lang, REASON_KEYS[code], {})  # noqa: E731
    await _tell_seller(session, listing, "mod-seller-rejected", reason=told)
    return listing


async def request_changes(session: AsyncSession, listing_id: int, round_: int, trainer_id: int,
                          note: str | None, code: str | None = None) -> Listing:
    """Send the listing back to the seller: with one of the fixed changes (`code`, see
    CHANGE_REASONS) or with a note the trainer typed."""
    if code is not None:
        note = change_text(code)
    else:
        note = clean_reason(note or "")
    listing = await _decide(session, listing_id, round_, trainer_id, mm.CHANGES, note)
    if code is not None:
        await _tell_seller(session, listing, "mod-seller-change-fixed",
                           advice=lambda lang: i18n().t(lang, f"mod-change-advice-{code}", {}),
                           field=CHANGE_FIELDS[code])
    else:
        await _tell_seller(session, listing, "mod-seller-changes", reason=note)
    return listing


async def _tell_seller(session: AsyncSession, listing: Listing, key: str, **args: Any) -> None:
    """The seller's message in her language (an argument may be a function of the language),
    with the button that opens her listing to fix it."""
    user = await session.get(User, listing.seller_id)
    lang = user_locale(user)
    args = {k: v(lang) if callable(v) else v for k, v in args.items()}
    text = i18n().t(lang, key, {"title": listing.title or "", **args})
    markup = {"inline_keyboard": [[{"text": i18n().t(lang, "btn-edit-listing", {}),
                                    "callback_data": MyListing("edit", listing.id).pack()}]]}
    await outbox.enqueue(session, listing.seller_id, "sendMessage",
                         {"text": text, "reply_markup": markup})


# -- one press, one unit of work ---------------------------------------------------------------

@dataclass
class Decided:
    """What a decision left to show: the card's new text (HTML, without the «who decided»
    line, which the handler adds in the presser's language)."""

    listing_id: int
    action: str
    reason: str | None
    card: str
    at: datetime


async def decide(session: AsyncSession, listing_id: int, round_: int, trainer_id: int,
                 action: str, reason: str | None = None, *, guard: bool = True,
                 change: str | None = None, rejected_for: str | None = None) -> Decided:
    """A trainer's decision, checked and applied, with the card's new text. `change` is one
    of CHANGE_REASONS for a change request by button, `rejected_for` one of REJECT_REASONS for a
    reject by button (its Persian text becomes the reason; the seller reads it in her language).

    Raises Refused (this presser may not, or a stale button) when `guard`, AlreadyDecided,
    NotAllowed (when not `guard`) and InputError (an empty or too long reason, an unknown
    change)."""
    if change is not None:
        reason = change_text(change)  # an unknown code is refused before anything is touched
    if rejected_for is not None:
        reason = reason_text(rejected_for)
    if guard:
        await guard_listing(session, listing_id, trainer_id)
    if action == mm.APPROVE:
        listing = await approve(session, listing_id, round_, trainer_id)
    elif action == mm.REJECT:
        listing = await reject(session, listing_id, round_, trainer_id, reason, rejected_for)
    else:
        listing = await request_changes(session, listing_id, round_, trainer_id, reason, change)
    seller = await session.get(Seller, listing.seller_id)
    assert seller is not None
    group = await groups.shown_name(session, seller)
    return Decided(listing_id, action, reason, card_text(listing, seller, group=group), utcnow())


async def start_typing(session: AsyncSession, listing_id: int, round_: int, trainer_id: int,
                       action: str, chat_id: int, message_id: int) -> None:
    """A trainer is about to type a reason (REJECT) or a note (CHANGES) for this card."""
    listing = await guard_listing(session, listing_id, trainer_id)
    if listing.status != m.PENDING or listing.review_round != round_:
        raise Refused("mod-already", who="")
    await drafts.put(session, trainer_id, TYPING, {
        "listing_id": listing_id, "round": round_, "action": action,
        "chat_id": chat_id, "message_id": message_id})


async def typing_target(session: AsyncSession, trainer_id: int) -> dict[str, Any] | None:
    """Which card a trainer is typing a reason for (listing_id, round, action, chat_id,
    message_id), or None."""
    return await drafts.get(session, trainer_id, TYPING) or None


async def stop_typing(session: AsyncSession, trainer_id: int) -> None:
    await drafts.drop(session, trainer_id, TYPING)
