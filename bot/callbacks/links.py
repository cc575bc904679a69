"""Deep-link payloads (`/start <payload>`). (The codec itself: bot/callbacks/codec.py.)"""

from __future__ import annotations

from bot.callbacks.codec import Payload, frozen


@frozen
class ListingLink(Payload, prefix="l"):
    """A published listing, by its public code (the channel post's «سفارش» button)."""

    code: str


class ShopCode(str):
    """Shop codes are URL-safe base64 (`secrets.token_urlsafe`), "_" included: the only field."""

    REGEX = r"[A-Za-z0-9_\-]{4,16}"


@frozen
class ShopLink(Payload, prefix="s"):
    """A seller's shop page, by her shop code."""

    code: ShopCode


@frozen
class EditLink(Payload, prefix="e"):
    """A trainer opens a listing under review to edit it (the admin card's button)."""

    listing_id: int


@frozen
class GroupJoinLink(Payload, prefix="g"):
    """Join a hamyar group or cooperative, by its join code."""

    code: str
