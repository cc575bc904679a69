"""How buyers see listings: a page is ONE text message — a numbered list (title, price, city)
with a button per listing and the navigation under them — and a listing's card (its photo with
the channel caption and three buttons: order, save, shop) opens on demand from its button.
Turning a page, sorting or filtering edits that message in place. `View` is what a page of
listings shows; its buttons come from `bot.callbacks`.

Why a list and not an album of photos: a search or a category page is one Bot API call (two
with the button's answer), on a phone the list fits one screen with every title and price
readable, while an album's captions are hidden behind a tap and its buttons would need a
second message that waits for the chat's one-message-a-second window."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest

from bot import geo, persian
from bot.callbacks import (
    BrFavourite,
    BrHome,
    BrNop,
    BrOpen,
    BrPage,
    BrShop,
    ListingLink,
    OrderNew,
    ShopLink,
)
from bot.context import HamyarContext
from bot.services import catalogue, runtime
from bot.services import search as svc
from handlers.common import edit_or_send

PAGE = 5  # cards per page of a category and of the favourites
SEARCH_PAGE = SHOP_PAGE = 4  # under a heading (the query, the shop)
TITLE_CHARS = 36  # of a title on its button
ALL, ANY, HOME = "*", "-", "~"  # every category, any city, back to the categories

Rows = list[list[InlineKeyboardButton]]


def chat_of(update: Update) -> int:
    return update.effective_chat.id  # type: ignore[union-attr]


def user_of(update: Update) -> int:
    return update.effective_user.id  # type: ignore[union-attr]


def place(context: HamyarContext, obj: geo.City | geo.Province | None) -> str:
    if obj is None:
        return ""
    return obj.fa if context.locale == "fa" else obj.en


def craft_name(context: HamyarContext, code: str) -> str:
    craft = geo.craft(code)
    return (craft.fa if context.locale == "fa" else craft.en) if craft else code


def button(text: str, data: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(text, callback_data=data)


@dataclass(frozen=True)
class View:
    """What a page of listings shows: category, seller's city, "reaches my city", order."""

    cat: str | None = None
    city: str | None = None
    mine: bool = False
    sort: str = "n"

    def page(self, n: int) -> str:
        return BrPage(self.cat or ALL, self.city or ANY, "1" if self.mine else "0",  # type: ignore[arg-type]
                      self.sort, n).pack()  # type: ignore[arg-type]

    @staticmethod
    def parse(cat: str, city: str, mine: str, sort: str) -> View | None:
        if (cat != ALL and geo.craft(cat) is None) or (city != ANY and geo.city(city) is None):
            return None
        if mine not in ("0", "1") or sort not in svc.SORTS:
            return None
        return View(None if cat == ALL else cat, None if city == ANY else city, mine == "1", sort)


def order_url(context: HamyarContext, listing: svc.Listing) -> str | None:
    code = svc.order_code(listing)
    if code is None:
        return None
    return runtime.current.deep_link(ListingLink(code).pack())


def shop_url(context: HamyarContext, code: str) -> str:
    return runtime.current.deep_link(ShopLink(code).pack())  # type: ignore[arg-type]


def card_rows(context: HamyarContext, listing: svc.Listing, saved: bool, *,
              shop: bool = True) -> Rows:
    row = []
    url = order_url(context, listing)
    if url and not runtime.current.platform.start_payloads:  # Bale: the link cannot carry it
        row.append(button(context.t("btn-br-order"), OrderNew(listing.id).pack()))
    elif url:
        row.append(InlineKeyboardButton(context.t("btn-br-order"), url=url))
    row.append(button(context.t("btn-br-saved" if saved else "btn-br-save"),
                      BrFavourite(listing.id).pack()))
    if shop:
        row.append(button(context.t("btn-br-shop"), BrShop(listing.seller_id, 0).pack()))
    return [row]


async def _send_card(context: HamyarContext, chat: int, card: svc.Card,
                     markup: InlineKeyboardMarkup) -> None:
    listing, seller = card
    text = catalogue.caption(context.services.i18n, listing, seller, lang=context.locale)
    if listing.photos:
        try:
            await context.bot.send_photo(chat, listing.photos[0].file_id, caption=text,
                                         parse_mode=ParseMode.HTML, reply_markup=markup)
            return
        except BadRequest:
            pass  # a photo Telegram no longer knows: the caption alone is still worth seeing
    await context.bot.send_message(chat, text, parse_mode=ParseMode.HTML, reply_markup=markup)


async def send_cards(update: Update, context: HamyarContext, cards: Sequence[svc.Card],
                     saved: set[int], nav: Rows, *, shop: bool = True) -> None:
    """One message per listing (an opened card); the navigation rows ride on the last one."""
    for i, card in enumerate(cards):
        rows = card_rows(context, card[0], card[0].id in saved, shop=shop)
        if i == len(cards) - 1:
            rows += nav
        await _send_card(context, chat_of(update), card, InlineKeyboardMarkup(rows))


def view_first(page: svc.Page) -> int:
    """The number, counted from 1, of the first listing of this page."""
    return page.offset + 1


def _short(title: str) -> str:
    title = " ".join(title.split())
    return title if len(title) <= TITLE_CHARS else title[:TITLE_CHARS - 1].rstrip() + "…"


def _title(context: HamyarContext, item: svc.Item) -> str:
    return item.title or context.t("lst-untitled")  # a public listing has one; a draft may not


def _line(context: HamyarContext, n: int, item: svc.Item) -> str:
    head = context.t("br-list-item", n=n, title=" ".join(_title(context, item).split()))
    if item.saved:
        head += " ❤️"
    facts = []
    if item.price:
        facts.append(persian.format_money(item.price, latin=context.locale != "fa"))
    city = geo.city(item.city_code)
    if city:
        facts.append("📍 " + place(context, city))
    if svc.order_code(item) is None:  # public but not for sale: sold out
        facts.append(context.t("cap-sold-out"))
    return head + ("\n" + " · ".join(facts) if facts else "")


def list_message(context: HamyarContext, heading: str, items: Sequence[svc.Item], nav: Rows,
                 *, first: int = 1) -> tuple[str, InlineKeyboardMarkup]:
    """The text and buttons of a page: `first` is the number of its first listing."""
    lines = [_line(context, first + i, item) for i, item in enumerate(items)]
    rows: Rows = [[button(context.t("btn-br-open", n=first + i, title=_short(_title(context, item))),
                          BrOpen(item.id).pack())] for i, item in enumerate(items)]
    text = "\n\n".join([heading, *lines, context.t("br-list-hint")])
    return text, InlineKeyboardMarkup(rows + nav)


async def send_list(update: Update, context: HamyarContext, heading: str,
                    items: Sequence[svc.Item], nav: Rows, *, first: int = 1) -> None:
    """A page of listings as one message: edited in place when a button of a page was pressed
    (another page, another order or filter), sent otherwise."""
    text, markup = list_message(context, heading, items, nav, first=first)
    await show(update, context, text, markup)


def _is_page(message: object) -> bool:
    """A text message of ours that shows a page of listings (or its empty result)."""
    markup = getattr(message, "reply_markup", None)
    if not getattr(message, "text", None) or not isinstance(markup, InlineKeyboardMarkup):
        return False
    home = BrHome().pack()
    return any(isinstance(b.callback_data, str)
               and (b.callback_data == home or BrOpen.parse(b.callback_data) is not None)
               for row in markup.inline_keyboard for b in row)


async def show(update: Update, context: HamyarContext, text: str,
               markup: InlineKeyboardMarkup) -> None:
    """Edit the page whose button was pressed, or send a new message."""
    query = update.callback_query
    await edit_or_send(update, context, text, markup,
                       edit=query is not None and _is_page(query.message))


def pager(context: HamyarContext, page: svc.Page,
          data: Callable[[int], str]) -> list[InlineKeyboardButton]:
    """◀ n/N ▶ — `data(n)` is the callback data of page n."""
    if page.pages <= 1:
        return []
    row = []
    if page.has_prev:
        row.append(button(context.t("btn-br-prev"), data(page.number - 1)))
    row.append(button(context.t("br-page", page=page.number + 1, pages=page.pages),
                      BrNop().pack()))
    if page.has_next:
        row.append(button(context.t("btn-br-next"), data(page.number + 1)))
    return row


def nav_rows(*rows: list[InlineKeyboardButton]) -> Rows:
    return [r for r in rows if r]


async def answer(update: Update, text: str | None = None, alert: bool = False) -> None:
    if update.callback_query:
        try:
            await update.callback_query.answer(text, show_alert=alert)
        except BadRequest:
            pass  # too old to answer
