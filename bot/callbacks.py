"""Every button's callback data and every deep-link payload, in one module.

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

import dataclasses
import re
import typing
from typing import Any, ClassVar, Literal, Self, get_args, get_origin

MAX_CALLBACK_BYTES = 64
MAX_PAYLOAD_CHARS = 64

_ID = r"\d{1,12}"
_WORD = r"[A-Za-z0-9_\-]{1,40}"
_WORD_NO_UNDERSCORE = r"[A-Za-z0-9\-]{1,40}"
_NEG_ID = r"-?\d{1,15}"


class CodecError(ValueError):
    """A button or payload that cannot be packed (too long, a separator inside a field)."""


def _field_regex(kind: Any, sep: str = ":") -> str:
    if isinstance(getattr(kind, "REGEX", None), str):  # a field type with its own alphabet
        return kind.REGEX
    if kind is int:
        return _ID
    if kind is str:
        return _WORD_NO_UNDERSCORE if sep == "_" else _WORD
    if get_origin(kind) is Literal:
        return "(?:" + "|".join(re.escape(str(v)) for v in get_args(kind)) + ")"
    if kind is SignedInt:
        return _NEG_ID
    raise TypeError(f"unsupported field type {kind!r}")


class SignedInt(int):
    """A chat id, which may be negative (groups and channels)."""


class _Codec:
    prefix: ClassVar[str]
    sep: ClassVar[str]
    limit: ClassVar[int]
    _fields: ClassVar[tuple[tuple[str, Any], ...]]
    _regex: ClassVar[re.Pattern[str]]

    def __init_subclass__(cls, prefix: str = "", **kw: Any) -> None:
        super().__init_subclass__(**kw)
        if not prefix:  # an intermediate base
            return
        cls.prefix = prefix
        registry = _REGISTRY.setdefault(cls.sep, {})
        if prefix in registry:
            raise TypeError(f"prefix {prefix!r} used by {registry[prefix].__name__} already")
        registry[prefix] = cls

    @classmethod
    def _setup(cls) -> None:
        if "_fields" in cls.__dict__:
            return
        hints = typing.get_type_hints(cls)
        cls._fields = tuple((f.name, hints[f.name]) for f in dataclasses.fields(cls))  # type: ignore[arg-type]
        parts = [re.escape(cls.prefix)] + [f"({_field_regex(k, cls.sep)})" for _, k in cls._fields]
        cls._regex = re.compile("^" + re.escape(cls.sep).join(parts) + "$")

    def pack(self) -> str:
        cls = type(self)
        cls._setup()
        values = [cls.prefix]
        for name, kind in cls._fields:
            value = getattr(self, name)
            text = str(int(value)) if kind in (int, SignedInt) else str(value)
            if not re.fullmatch(_field_regex(kind, cls.sep), text):
                raise CodecError(f"{cls.__name__}.{name}={value!r} cannot be packed")
            values.append(text)
        data = cls.sep.join(values)
        if len(data.encode()) > cls.limit:
            raise CodecError(f"{cls.__name__} packs to {len(data.encode())} bytes: {data!r}")
        return data

    @classmethod
    def parse(cls, data: str | None) -> Self | None:
        cls._setup()
        m = cls._regex.match(data or "")
        if m is None:
            return None
        args: dict[str, Any] = {}
        for (name, kind), text in zip(cls._fields, m.groups(), strict=True):
            args[name] = int(text) if kind in (int, SignedInt) else text
        return cls(**args)

    @classmethod
    def pattern(cls, **fixed: Any) -> str:
        """The regex a handler is registered with; `fixed` narrows some fields to one value
        (or a tuple of values)."""
        cls._setup()
        parts = [re.escape(cls.prefix)]
        for name, kind in cls._fields:
            if name in fixed:
                wanted = fixed.pop(name)
                options = wanted if isinstance(wanted, tuple) else (wanted,)
                parts.append("(?:" + "|".join(re.escape(str(o)) for o in options) + ")")
            else:
                parts.append(_field_regex(kind, cls.sep))
        if fixed:
            raise TypeError(f"{cls.__name__} has no field {sorted(fixed)}")
        return "^" + re.escape(cls.sep).join(parts) + "$"


_REGISTRY: dict[str, dict[str, type[_Codec]]] = {}


class Button(_Codec):
    """Base of callback data kinds: `@dataclass(frozen=True) class X(Button, prefix="x")`."""

    sep = ":"
    limit = MAX_CALLBACK_BYTES


class Payload(_Codec):
    """Base of deep-link payload kinds (`t.me/<bot>?start=<payload>`)."""

    sep = "_"
    limit = MAX_PAYLOAD_CHARS

    @classmethod
    def parse_any(cls, payload: str | None) -> Payload | None:
        """Whichever payload kind this is, or None."""
        for kind in _REGISTRY.get("_", {}).values():
            value = kind.parse(payload)
            if value is not None:
                return value  # type: ignore[return-value]
        return None


def frozen(cls: type[Any]) -> type[Any]:
    """`@frozen` = `@dataclass(frozen=True)`, the shape of every kind below."""
    return dataclasses.dataclass(frozen=True)(cls)


# ==== Deep-link payloads =======================================================================

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


# ==== Registration and start (handlers/registration.py, start.py, common.py) ===================

class Code(str):
    """A place or craft code: "zanjan", "zanjan.abhar", "filigree"."""

    REGEX = r"[a-z0-9_.\-]{1,40}"


def any_button(prefix: str) -> str:
    """The pattern of every button under `prefix` (valid or not), for a flow's catch-all that
    answers old and forged buttons of its own."""
    return "^" + re.escape(prefix) + "(?::|$)"


@frozen
class RegStep(Button, prefix="reg"):
    """Back, cancel, «done» under the crafts and the final confirm of the registration."""

    action: Literal["back", "cancel", "crafts-done", "confirm"]


@frozen
class RegProvince(Button, prefix="reg:prov"):
    code: Code


@frozen
class RegCity(Button, prefix="reg:city"):
    code: Code


@frozen
class RegCraft(Button, prefix="reg:craft"):
    """Toggle one craft on or off."""

    code: Code


REG_ANY = any_button("reg")


@frozen
class SetLanguage(Button, prefix="set:lang"):
    lang: str


SET_LANGUAGE_ANY = any_button("set:lang")  # an unknown language gets "invalid choice"


# ==== Listing a product (handlers/listing*, my_listings) =======================================

def loose_pattern(kind: type[_Codec], **fixed: Any) -> str:
    """Like `kind.pattern(**fixed)`, but matches any data that starts with the prefix and the
    fixed leading fields: a forged or truncated button still reaches its handler, whose
    `parse()` returns None and answers «invalid choice» (as these buttons always did)."""
    kind._setup()
    parts = [re.escape(kind.prefix)]
    for name, _ in kind._fields:
        if name not in fixed:
            break
        wanted = fixed.pop(name)
        options = wanted if isinstance(wanted, tuple) else (wanted,)
        parts.append("(?:" + "|".join(re.escape(str(o)) for o in options) + ")")
    if fixed:
        raise TypeError(f"{kind.__name__}: {sorted(fixed)} are not leading fields")
    return "^" + re.escape(kind.sep).join(parts) + re.escape(kind.sep)


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


@frozen
class MyListing(Button, prefix="my"):
    """A button on one listing of «محصولات من» (the action is checked against its status)."""

    action: Literal["open", "price", "stock", "pause", "resume", "sold", "withdraw",
                    "withdraw-yes", "edit", "rev"]
    listing_id: int



# ==== Moderation (handlers/moderation*, admin cards built by services) ==========================

# Compound prefixes ("mod:rr", "trq:card", "obh:yes") keep each kind's wire format as it was
# while leaving "obh:" and "trq:" free for kinds of other areas.

@frozen
class ReviewButton(Button, prefix="mod"):
    """A button on the trainers' review card: approve, reject (opens the reasons), changes,
    a typed reason, back to the card's own buttons. `round` is the review round shown."""

    action: Literal["ok", "rej", "chg", "rt", "menu"]
    listing_id: int
    round: int


@frozen
class RejectReason(Button, prefix="mod:rr"):
    """One of the fixed reasons for a rejection (`bot.services.decisions.REJECT_REASONS`)."""

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



# ==== Ordering and orders (handlers/ordering*, orders*, relay, order cards built by services) ===

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

OrderActionName = Literal["view", "acc", "dec", "cxl", "cxr", "paid", "nopaid", "prep", "ship",
                          "recv", "msg", "rcpt"]


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



# ==== Buyers: browse, search, favourites, shops ================================================

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


# ==== Outbox and trainers' tools ===============================================================


# ==== Groups and reports ======================================================================

@frozen
class ReportView(Button, prefix="rp"):
    """/report's buttons: a period (tw, lw, tm, lm, all or 14050801-14050830), a breakdown, and
    what to show (the message, the spreadsheet, the CSV, the charts)."""

    period: str
    breakdown: Literal["area", "craft", "group"]
    what: Literal["msg", "xlsx", "csv", "png"]


@frozen
class GroupConfirm(Button, prefix="gc"):
    """A trainer confirms that a seller's typed group name means this group."""

    seller_id: int
    group_id: int
