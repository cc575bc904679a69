"""Listing a product and «محصولات من». (The codec itself: bot/callbacks/codec.py.)"""

from __future__ import annotations

from typing import Literal

from bot.callbacks.codec import Button, frozen


@frozen
class ListingStep(Button, prefix="lst"):
    """The listing flow's fixed buttons: back, cancel, «done» of delivery, submit."""

    action: Literal["back", "cancel", "dlv-done", "submit"]


@frozen
class ListingResume(Button, prefix="lst:resume"):
    """Continue the unfinished draft, or start over."""

    choice: Literal["go", "over"]


@frozen
class ListingCategory(Button, prefix="lst:cat"):
    code: str


@frozen
class ListingAvailability(Button, prefix="lst:av"):
    kind: str  # models.listing IN_STOCK or MADE_TO_ORDER, checked by the handler


@frozen
class ListingDelivery(Button, prefix="lst:dlv"):
    """Toggle one delivery method."""

    method: str


@frozen
class ListingEditField(Button, prefix="lst:edit"):
    """At the preview: go back to one field."""

    field: str


@frozen
class ListingDeleteDraft(Button, prefix="lst:del"):
    """Left by «انصراف»: delete the unfinished draft."""

    listing_id: int


@frozen
class PriceConfirm(Button, prefix="lst:amt"):
    """A price read with doubt («۱۲۰ تومن» → ۱۲۰٬۰۰۰) said back: yes keeps `amount`, no asks again."""

    answer: Literal["yes", "no"]
    amount: int


@frozen
class CostConfirm(Button, prefix="lst:cost"):
    """A delivery cost read with doubt («پنجاه تومن» → ۵۰٬۰۰۰) said back: yes keeps `amount` as
    the cost of `method` (only while that cost is still the question), no asks again."""

    answer: Literal["yes", "no"]
    method: str
    amount: int


@frozen
class MyPriceConfirm(Button, prefix="my:amt"):
    """The same question when a price is changed from «محصولات من»."""

    answer: Literal["yes", "no"]
    amount: int


@frozen
class BehalfPick(Button, prefix="obh:pick"):
    """A trainer picks the seller she enters a listing for."""

    seller_id: int


@frozen
class MyListingsList(Button, prefix="my:list"):
    """Back to «محصولات من»."""


MyAction = Literal["open", "price", "stock", "pause", "resume", "sold", "withdraw", "withdraw-yes",
                   "edit", "rev"]


@frozen
class MyListing(Button, prefix="my"):
    """A button on one listing of «محصولات من» (the action is checked against its status)."""

    action: MyAction
    listing_id: int
