"""Moderation: the review card, trainers' tools, on-behalf consent. (The codec itself: bot/callbacks/codec.py.)"""

from __future__ import annotations

from typing import Literal

from bot.callbacks.codec import Button, frozen

# Compound prefixes ("mod:rr", "trq:card", "obh:yes") keep each kind's wire format as it was
# while leaving "obh:" and "trq:" free for kinds of other areas.

@frozen
class ReviewButton(Button, prefix="mod"):
    """A button on the trainers' review card: approve, reject (opens the reasons), changes
    (opens the fixes to ask for), a typed reason (rt) or a typed note asking for changes (ct),
    back to the card's own buttons. `round` is the review round shown."""

    action: Literal["ok", "rej", "chg", "rt", "ct", "menu"]
    listing_id: int
    round: int


@frozen
class RejectReason(Button, prefix="mod:rr"):
    """One of the fixed reasons for a rejection (`bot.services.decisions.REJECT_REASONS`)."""

    listing_id: int
    round: int
    code: str


@frozen
class ChangeReason(Button, prefix="mod:cr"):
    """One of the fixed changes a trainer asks for (`bot.services.decisions.CHANGE_REASONS`)."""

    listing_id: int
    round: int
    code: str


@frozen
class QueueCard(Button, prefix="trq:card"):
    """/queue: post this listing's review card in the admin chat again."""

    listing_id: int


@frozen
class RetryUndelivered(Button, prefix="trq:retry"):
    """/undelivered: put this failed outbox message back in the queue."""

    message_id: int


@frozen
class BehalfSend(Button, prefix="obh:send"):
    """A trainer sends a listing she entered for a seller to the seller, to confirm."""

    listing_id: int


@frozen
class BehalfPhone(Button, prefix="obh:phone"):
    """A trainer records that the seller agreed on the phone."""

    listing_id: int


@frozen
class BehalfConfirm(Button, prefix="obh:yes"):
    """The seller confirms a listing a trainer entered for her."""

    listing_id: int
