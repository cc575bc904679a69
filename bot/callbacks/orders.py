"""Ordering and orders (the order form, the order card, payment, rating). (The codec itself: bot/callbacks/codec.py.)"""

from __future__ import annotations

from typing import Literal

from bot.callbacks.codec import Button, frozen


@frozen
class OrderNew(Button, prefix="ord:new"):
    """«سفارش می‌دهم» under a listing: starts the order conversation."""

    listing_id: int


@frozen
class OrderDelivery(Button, prefix="ord:dlv"):
    """A delivery option of the listing (`pickup`, `courier`, `post`; checked by the service)."""

    method: str


@frozen
class OrderStep(Button, prefix="ord"):
    """The order conversation's own buttons: back, cancel, and confirm on the summary."""

    press: Literal["back", "cancel", "confirm"]


ORDER_FORM_KINDS = (OrderNew, OrderDelivery, OrderStep)  # every `ord:` button

# «cxl» asks the buyer to confirm; «cxy» cancels, «keep» leaves the order as it is.
OrderActionName = Literal["view", "acc", "dec", "cxl", "cxy", "keep", "cxr", "paid", "nopaid", "prep",
                          "ship", "recv", "msg", "rcpt"]


@frozen
class OrderAction(Button, prefix="o"):
    """An action on an order card (`o:<action>:<order id>`); the server checks it again."""

    action: OrderActionName
    order_id: int


@frozen
class OrderPay(Button, prefix="o:pay"):
    """The seller accepts, saying how the buyer pays: cash, her saved card, or a new card."""

    how: Literal["cod", "card", "newcard"]
    order_id: int


@frozen
class OrderRate(Button, prefix="o:rate"):
    """The buyer's stars (1..5, checked by the service) after receiving the parcel."""

    stars: int
    order_id: int


ORDER_KINDS = (OrderAction, OrderPay, OrderRate)  # every `o:` button
