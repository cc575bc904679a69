"""Sharing and codes. (The codec itself: bot/callbacks/codec.py.)"""

from __future__ import annotations

from bot.callbacks.codec import Button, frozen


@frozen
class ShareListing(Button, prefix="shr:l"):
    """«📤 معرفی به دیگران» on one of her published listings: a ready message to forward."""

    listing_id: int


@frozen
class ShareShop(Button, prefix="shr:s"):
    """«📤 معرفی فروشگاه» on her published listing's card: a ready message about her shop."""
