"""Buyers: browse, search, favourites, shops. (The codec itself: bot/callbacks/codec.py.)"""

from __future__ import annotations

from typing import Literal

from bot.callbacks.codec import Button, any_button, frozen
from bot.callbacks.people import Code


class Slot(str):
    """A browse filter: a craft or city code, or "*" (every category), "-" (any city),
    "~" (back to the categories)."""

    REGEX = r"(?:[a-z0-9_.\-]{1,40}|\*|~)"


Sort = Literal["n", "a", "d"]  # newest, price ascending, price descending
Mode = Literal["f", "m"]  # choosing a city to filter by (f) or her own city (m)


@frozen
class BrHome(Button, prefix="br:home"):
    """The categories."""


@frozen
class BrNop(Button, prefix="br:nop"):
    """The page number between ◀ and ▶: does nothing."""


@frozen
class BrPage(Button, prefix="br:l"):
    """A page of listings: category ("*" all), seller's city ("-" any), reaches my city."""

    cat: Slot
    city: Slot
    mine: Literal["0", "1"]
    sort: Sort
    page: int


@frozen
class BrProvince(Button, prefix="br:p"):
    """Choose a province; x is "mine" in mode f, the filter city in mode m."""

    mode: Mode
    cat: Slot
    x: Slot
    sort: Sort


@frozen
class BrCity(Button, prefix="br:c"):
    mode: Mode
    province: Code
    cat: Slot
    x: Slot
    sort: Sort


@frozen
class BrCityChosen(Button, prefix="br:k"):
    mode: Mode
    city: Slot
    cat: Slot
    x: Slot
    sort: Sort


@frozen
class BrSearchPage(Button, prefix="br:q"):
    """A page of her last search; key is its fingerprint."""

    key: str
    page: int


@frozen
class BrFavourites(Button, prefix="br:fv"):
    page: int


@frozen
class BrShop(Button, prefix="br:s"):
    seller_id: int
    page: int


@frozen
class BrOpen(Button, prefix="br:o"):
    listing_id: int


@frozen
class BrFavourite(Button, prefix="br:fav"):
    """Save / unsave."""

    listing_id: int


BROWSE_KINDS: tuple[type[Button], ...] = (
    BrHome, BrNop, BrPage, BrProvince, BrCity, BrCityChosen, BrSearchPage, BrFavourites,
    BrShop, BrOpen, BrFavourite,
)
BROWSE_ANY = any_button("br")
