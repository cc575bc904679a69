"""Every button's callback data and every deep-link payload, in one package.

The factory is `codec.py`; each area's kinds are in a module of their own (links, people,
listing, moderation, orders, browse, groups, sharing), all importable from here.

Each kind is a frozen dataclass with a prefix; the same definition gives
- `pack()`    the string put on the button (the 64-byte limit is checked here, when the
              button is built, not when Telegram refuses the message),
- `parse(s)`  the typed value back, or None for anything forged, truncated or absurd
              (ids are at most 12 digits; text fields are a closed alphabet; literals are checked),
- `pattern()` the regular expression a handler is registered with (optionally with some fields
              fixed: `ListingAction.pattern(action="pause")`).
Modelled on aiogram's `CallbackData` factory; PTB has none. Nothing here imports telegram, so
services may build buttons for the outbox with it.

Callback data is separated by ":"; deep-link payloads (`/start <payload>`, at most 64 characters
of A-Z a-z 0-9 _ -) by "_".
"""

from __future__ import annotations

from bot.callbacks.browse import (  # noqa: F401
    BROWSE_ANY,
    BROWSE_KINDS,
    BrCity,
    BrCityChosen,
    BrFavourite,
    BrFavourites,
    BrHome,
    BrNop,
    BrOpen,
    BrPage,
    BrProvince,
    BrSearchPage,
    BrShop,
    Mode,
    Slot,
    Sort,
)
from bot.callbacks.codec import (  # noqa: F401
    MAX_CALLBACK_BYTES,
    MAX_PAYLOAD_CHARS,
    Button,
    CodecError,
    Payload,
    SignedInt,
    _Codec,
    any_button,
    frozen,
    loose_pattern,
)
from bot.callbacks.groups import (  # noqa: F401
    GroupConfirm,
    ReportView,
)
from bot.callbacks.links import (  # noqa: F401
    EditLink,
    GroupJoinLink,
    ListingLink,
    ShopCode,
    ShopLink,
)
from bot.callbacks.listing import (  # noqa: F401
    BehalfPick,
    CostConfirm,
    ListingAvailability,
    ListingCategory,
    ListingDeleteDraft,
    ListingDelivery,
    ListingEditField,
    ListingResume,
    ListingStep,
    MyAction,
    MyListing,
    MyListingsList,
    MyPriceConfirm,
    PriceConfirm,
)
from bot.callbacks.moderation import (  # noqa: F401
    BehalfConfirm,
    BehalfPhone,
    BehalfSend,
    ChangeReason,
    QueueCard,
    RejectReason,
    RetryUndelivered,
    ReviewButton,
)
from bot.callbacks.orders import (  # noqa: F401
    ORDER_FORM_KINDS,
    ORDER_KINDS,
    OrderAction,
    OrderActionName,
    OrderDelivery,
    OrderNew,
    OrderPay,
    OrderRate,
    OrderStep,
)
from bot.callbacks.people import (  # noqa: F401
    REG_ANY,
    SET_LANGUAGE_ANY,
    SET_WEEKLY_ANY,
    Code,
    RegCity,
    RegCraft,
    RegEdit,
    RegField,
    RegProvince,
    RegStep,
    SetLanguage,
    SetWeekly,
)
from bot.callbacks.sharing import (  # noqa: F401
    ShareListing,
    ShareShop,
)
