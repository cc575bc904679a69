"""Buyers: «مشاهده محصولات» (categories → listings page by page, filtered by the seller's city
or by "reaches my city", newest or by price), search by free text or /search, favourites,
and shop pages (also by the deep link /start s_<code>).

A listing is shown as its photo with the channel caption and three buttons: order (a URL
deep link into the bot, handled by the ordering flow), save, and the shop. A page is at most
five messages; its navigation rides on the last card. Every button's data names codes or ids
that are checked here again: only public listings are ever shown.

Callback data, all under "br:" (at most 64 bytes; see `test_callback_data_fits`):
  br:home                         the categories
  br:l:<cat>:<city>:<mine>:<sort>:<page>    a page of listings (cat "*" = all, city "-" = any)
  br:p:<mode>:<cat>:<x>:<sort>    choose a province; mode f = filter by the seller's city
                                  (x = mine), m = my own city (x = filter city)
  br:c:<mode>:<prov>:<cat>:<x>:<sort>       choose a city of the province
  br:k:<mode>:<city>:<cat>:<x>:<sort>       the city chosen
  br:q:<key>:<page>               a page of her last search (key: its fingerprint)
  br:fv:<page>                    her favourites
  br:s:<seller>:<page>            a shop
  br:o:<listing>                  one listing
  br:fav:<listing>                save / unsave
  br:nop                          the page number
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest
from telegram.ext import filters

from bot import geo, keyboards
from bot.context import HamyarContext
from bot.i18n import SUPPORTED, I18n
from bot.services import catalogue, favourites
from bot.services import search as svc
from handlers.common import send
from models import listing as m
from models.listing import Listing
from models.user import Seller

PAGE = 5  # cards per page of a category and of the favourites
SEARCH_PAGE = SHOP_PAGE = 4  # plus a heading message: still five messages
ALL, ANY, HOME = "*", "-", "~"
SORT_KEYS = {"n": "btn-br-sort-n", "a": "btn-br-sort-a", "d": "btn-br-sort-d"}
NEXT_SORT = {"n": "a", "a": "d", "d": "n"}
CARD_BUTTONS = ("br:fav:", "br:s:")

Rows = list[list[InlineKeyboardButton]]


def _chat(update: Update) -> int:
    return update.effective_chat.id  # type: ignore[union-attr]


def _uid(update: Update) -> int:
    return update.effective_user.id  # type: ignore[union-attr]


def _int(value: str, low: int = 0, high: int = 10**12) -> int | None:
    if not value.isdigit() or len(value) > 13:
        return None
    n = int(value)
    return n if low <= n <= high else None


def _place(context: HamyarContext, obj: geo.City | geo.Province | None) -> str:
    if obj is None:
        return ""
    return obj.fa if context.locale == "fa" else obj.en


def _craft_name(context: HamyarContext, code: str) -> str:
    craft = geo.craft(code)
    return (craft.fa if context.locale == "fa" else craft.en) if craft else code


def _button(text: str, data: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(text, callback_data=data)


@dataclass(frozen=True)
class View:
    """What a page of listings shows: category, seller's city, "reaches my city", order."""

    cat: str | None = None
    city: str | None = None
    mine: bool = False
    sort: str = "n"

    def code(self) -> str:
        return f"{self.cat or ALL}:{self.city or ANY}:{int(self.mine)}:{self.sort}"

    def page(self, n: int) -> str:
        return f"br:l:{self.code()}:{n}"

    @staticmethod
    def parse(cat: str, city: str, mine: str, sort: str) -> View | None:
        if (cat != ALL and geo.craft(cat) is None) or (city != ANY and geo.city(city) is None):
            return None
        if mine not in ("0", "1") or sort not in svc.SORTS:
            return None
        return View(None if cat == ALL else cat, None if city == ANY else city, mine == "1", sort)


# -- cards ------------------------------------------------------------------------------------

def order_url(context: HamyarContext, listing: Listing) -> str | None:
    if listing.status != m.PUBLISHED or not listing.public_code:
        return None
    return f"https://t.me/{context.bot.username}?start=l_{listing.public_code}"


def card_rows(context: HamyarContext, listing: Listing, saved: bool, *, shop: bool = True) -> Rows:
    row = []
    url = order_url(context, listing)
    if url:
        row.append(InlineKeyboardButton(context.t("btn-br-order"), url=url))
    row.append(_button(context.t("btn-br-saved" if saved else "btn-br-save"),
                       f"br:fav:{listing.id}"))
    if shop:
        row.append(_button(context.t("btn-br-shop"), f"br:s:{listing.seller_id}:0"))
    return [row]


async def _send_card(context: HamyarContext, chat: int, listing: Listing, seller: Seller,
                     markup: InlineKeyboardMarkup) -> None:
    text = catalogue.caption(context.services.i18n, listing, seller, lang=context.locale)
    if listing.photos:
        try:
            await context.bot.send_photo(chat, listing.photos[0].file_id, caption=text,
                                         parse_mode=ParseMode.HTML, reply_markup=markup)
            return
        except BadRequest:
            pass  # a photo Telegram no longer knows: the caption alone is still worth seeing
    await context.bot.send_message(chat, text, parse_mode=ParseMode.HTML, reply_markup=markup)


async def send_cards(update: Update, context: HamyarContext,
                     pairs: Sequence[tuple[Listing, Seller]], saved: set[int], nav: Rows,
                     *, shop: bool = True) -> None:
    """One message per listing; the navigation rows ride on the last one."""
    for i, (listing, seller) in enumerate(pairs):
        rows = card_rows(context, listing, listing.id in saved, shop=shop)
        if i == len(pairs) - 1:
            rows += nav
        await _send_card(context, _chat(update), listing, seller, InlineKeyboardMarkup(rows))


def pager(context: HamyarContext, page: svc.Page, data: str) -> list[InlineKeyboardButton]:
    """◀ n/N ▶ — `data` is the callback data with "{}" for the page number."""
    if page.pages <= 1:
        return []
    row = []
    if page.has_prev:
        row.append(_button(context.t("btn-br-prev"), data.format(page.number - 1)))
    row.append(_button(context.t("br-page", page=page.number + 1, pages=page.pages), "br:nop"))
    if page.has_next:
        row.append(_button(context.t("btn-br-next"), data.format(page.number + 1)))
    return row


async def _answer(update: Update, text: str | None = None, alert: bool = False) -> None:
    if update.callback_query:
        try:
            await update.callback_query.answer(text, show_alert=alert)
        except BadRequest:
            pass  # too old to answer


# -- categories ---------------------------------------------------------------------------------

async def show_home(update: Update, context: HamyarContext, prefix: str = "") -> None:
    async with context.session() as s:
        counts = await svc.category_counts(s)
        my_city = await svc.buyer_city(s, _uid(update))
    await _answer(update)
    if not counts:
        await send(context, _chat(update), prefix + context.t("br-empty-catalogue"))
        return
    items = [(context.t("br-category-count", name=_craft_name(context, c.code),
                        count=counts[c.code]), View(c.code).page(0))
             for c in geo.CRAFTS if counts.get(c.code)]
    rows = keyboards.grid(items, 2).inline_keyboard
    extra: Rows = [[_button(context.t("br-all", count=sum(counts.values())), View().page(0))]]
    city = geo.city(my_city)
    label = (context.t("btn-br-my-city", city=_place(context, city)) if city
             else context.t("btn-br-set-my-city"))
    extra.append([_button(label, f"br:p:m:{HOME}:{ANY}:n")])
    extra.append([_button(context.t("menu-favourites"), "br:fv:0")])
    await send(context, _chat(update), prefix + context.t("br-categories"),
               InlineKeyboardMarkup([list(r) for r in rows] + extra))


async def browse_command(update: Update, context: HamyarContext) -> None:
    await show_home(update, context)


# -- a page of listings ---------------------------------------------------------------------------

def _filter_rows(context: HamyarContext, view: View, my_city: str | None) -> Rows:
    t = context.t
    sort = View(view.cat, view.city, view.mine, NEXT_SORT[view.sort])
    city = geo.city(view.city)
    city_label = (t("btn-br-city", city=_place(context, city)) if city
                  else t("btn-br-city-any"))
    mine_city = geo.city(my_city)
    if view.mine and mine_city:
        mine = _button(t("btn-br-mine-on", city=_place(context, mine_city)),
                       View(view.cat, view.city, False, view.sort).page(0))
    elif mine_city:
        mine = _button(t("btn-br-mine-off"), View(view.cat, view.city, True, view.sort).page(0))
    else:
        mine = _button(t("btn-br-mine-off"),
                       f"br:p:m:{view.cat or ALL}:{view.city or ANY}:{view.sort}")
    return [
        [_button(t(SORT_KEYS[view.sort]), sort.page(0)),
         _button(city_label, f"br:p:f:{view.cat or ALL}:{int(view.mine)}:{view.sort}")],
        [mine, _button(t("btn-br-categories"), "br:home")],
    ]


async def show_page(update: Update, context: HamyarContext, view: View, number: int) -> None:
    async with context.session() as s:
        my_city = await svc.buyer_city(s, _uid(update))
        if view.mine and my_city is None:
            view = View(view.cat, view.city, False, view.sort)
        page = await svc.browse(s, category=view.cat, city_code=view.city,
                                my_city=my_city if view.mine else None, sort=view.sort,
                                offset=number * PAGE, limit=PAGE)
        pairs = await svc.cards(s, page.ids)
        saved = await favourites.saved_ids(s, _uid(update), page.ids)
    await _answer(update)
    nav = _filter_rows(context, view, my_city)
    row = pager(context, page, f"br:l:{view.code()}:{{}}")
    if row:
        nav.insert(0, row)
    if not pairs:
        await send(context, _chat(update), context.t("br-no-results"), InlineKeyboardMarkup(nav))
        return
    await send_cards(update, context, pairs, saved, nav)


# -- choosing a city ------------------------------------------------------------------------------

async def ask_province(update: Update, context: HamyarContext, mode: str, rest: str) -> None:
    items = [(_place(context, p), f"br:c:{mode}:{p.code}:{rest}") for p in geo.PROVINCES]
    nav = []
    if mode == "f":
        nav.append((context.t("btn-br-any-city"), f"br:k:f:{ANY}:{rest}"))
    key = "br-ask-province-mine" if mode == "m" else "br-ask-province-filter"
    await _answer(update)
    await send(context, _chat(update), context.t(key), keyboards.grid(items, 3, nav))


async def ask_city(update: Update, context: HamyarContext, mode: str, province: geo.Province,
                   rest: str) -> None:
    items = [(_place(context, c), f"br:k:{mode}:{c.code}:{rest}") for c in province.cities]
    markup = keyboards.grid(items, 3, [(context.t("btn-back"), f"br:p:{mode}:{rest}")])
    await _answer(update)
    try:
        await update.callback_query.edit_message_text(  # type: ignore[union-attr]
            context.t("br-ask-city"), reply_markup=markup)
    except BadRequest:
        await send(context, _chat(update), context.t("br-ask-city"), markup)


async def city_chosen(update: Update, context: HamyarContext, mode: str, city: str,
                      cat: str, x: str, sort: str) -> None:
    if mode == "f":
        view = View.parse(cat, city, x, sort)
        if view is None:
            await _answer(update, context.t("invalid-choice"), alert=True)
            return
        await show_page(update, context, view, 0)
        return
    chosen = geo.city(city)
    view = View.parse(ALL if cat == HOME else cat, x, "1", sort)
    if chosen is None or view is None:
        await _answer(update, context.t("invalid-choice"), alert=True)
        return
    async with context.session() as s:
        await svc.set_buyer_city(s, _uid(update), chosen.code)
    saved = context.t("br-my-city-saved", city=_place(context, chosen))
    if cat == HOME:
        await show_home(update, context, saved + "\n\n")
        return
    await _answer(update, saved)
    await show_page(update, context, view, 0)


# -- search -------------------------------------------------------------------------------------

async def show_search(update: Update, context: HamyarContext, text: str, number: int) -> None:
    query = svc.parse_query(text)
    if not query:
        await _answer(update)
        await send(context, _chat(update), context.t("br-search-ask"))
        return
    async with context.session() as s:
        if number == 0:
            await svc.remember_query(s, _uid(update), text)
        page = await svc.search(s, query, offset=number * SEARCH_PAGE, limit=SEARCH_PAGE)
        pairs = await svc.cards(s, page.ids)
        saved = await favourites.saved_ids(s, _uid(update), page.ids)
    await _answer(update)
    shown = " ".join(text.split())[:40]
    if not pairs:
        await show_home(update, context, context.t("br-search-none", query=shown) + "\n\n")
        return
    if number == 0:
        key = "br-search-title-many" if page.at_least else "br-search-title"
        await send(context, _chat(update), context.t(key, count=page.total, query=shown))
    nav = [r for r in (pager(context, page, f"br:q:{svc.query_key(text)}:{{}}"),) if r]
    nav.append([_button(context.t("btn-br-categories"), "br:home")])
    await send_cards(update, context, pairs, saved, nav)


async def search_text(update: Update, context: HamyarContext) -> None:
    """Free text outside any conversation: a search."""
    await show_search(update, context, update.message.text or "", 0)  # type: ignore[union-attr]


async def search_command(update: Update, context: HamyarContext) -> None:
    await show_search(update, context, " ".join(context.args or []), 0)


async def search_page(update: Update, context: HamyarContext, key: str, number: int) -> None:
    async with context.session() as s:
        text = await svc.last_query(s, _uid(update))
    if text is None or svc.query_key(text) != key:
        await _answer(update, context.t("br-search-old"), alert=True)
        return
    await show_search(update, context, text, number)


# -- favourites ---------------------------------------------------------------------------------

async def show_favourites(update: Update, context: HamyarContext, number: int = 0) -> None:
    async with context.session() as s:
        page = await favourites.page(s, _uid(update), offset=number * PAGE, limit=PAGE)
        pairs = await svc.cards(s, page.ids)
    await _answer(update)
    if not pairs:
        await send(context, _chat(update), context.t("br-fav-empty"),
                   InlineKeyboardMarkup([[_button(context.t("btn-br-categories"), "br:home")]]))
        return
    nav = [r for r in (pager(context, page, "br:fv:{}"),) if r]
    await send_cards(update, context, pairs, set(page.ids), nav)


async def favourites_command(update: Update, context: HamyarContext) -> None:
    await show_favourites(update, context)


async def toggle_favourite(update: Update, context: HamyarContext, listing_id: int) -> None:
    query = update.callback_query
    assert query is not None
    try:
        async with context.session() as s:
            saved = await favourites.toggle(s, _uid(update), listing_id)
    except favourites.NotPublic:
        await _answer(update, context.t("br-not-available"), alert=True)
        return
    await _answer(update, context.t("br-saved" if saved else "br-unsaved"))
    markup = query.message.reply_markup if query.message else None  # type: ignore[union-attr]
    if not isinstance(markup, InlineKeyboardMarkup):
        return
    data = f"br:fav:{listing_id}"
    rows = [[_button(context.t("btn-br-saved" if saved else "btn-br-save"), data)
             if b.callback_data == data else b for b in row] for row in markup.inline_keyboard]
    try:
        await query.edit_message_reply_markup(InlineKeyboardMarkup(rows))
    except BadRequest:
        pass


# -- one listing, a shop --------------------------------------------------------------------------

async def open_listing(update: Update, context: HamyarContext, listing_id: int) -> None:
    async with context.session() as s:
        found = await svc.public_listing(s, listing_id)
        saved = await favourites.saved_ids(s, _uid(update), [listing_id])
    if found is None:
        await _answer(update, context.t("br-not-available"), alert=True)
        return
    await _answer(update)
    await send_cards(update, context, [found], saved, [])


async def show_shop(update: Update, context: HamyarContext, seller: Seller | None,
                    number: int) -> None:
    async with context.session() as s:
        count = await svc.public_count(s, seller.user_id) if seller else 0
        if seller is None or not count:
            page, pairs, saved, code = None, [], set(), ""
        else:
            code = await svc.shop_code(s, seller.user_id)
            page = await svc.seller_page(s, seller.user_id, offset=number * SHOP_PAGE,
                                         limit=SHOP_PAGE)
            pairs = await svc.cards(s, page.ids)
            saved = await favourites.saved_ids(s, _uid(update), page.ids)
    if seller is None or page is None or not pairs:
        await _answer(update, context.t("br-shop-not-found"), alert=True)
        if not update.callback_query:
            await send(context, _chat(update), context.t("br-shop-not-found"))
        return
    await _answer(update)
    if number == 0:
        city = geo.city(seller.city_code)
        province = geo.province(seller.province_code)
        link = f"https://t.me/{context.bot.username}?start=s_{code}"
        await send(context, _chat(update), context.t(
            "br-shop-card", name=seller.name, city=_place(context, city),
            province=_place(context, province), count=count, link=link))
    nav = [r for r in (pager(context, page, f"br:s:{seller.user_id}:{{}}"),) if r]
    await send_cards(update, context, pairs, saved, nav, shop=False)


async def shop_deep_link(update: Update, context: HamyarContext) -> None:
    """/start s_<code>: the shop someone shared."""
    payload = (context.args or [""])[0]
    async with context.session() as s:
        seller = await svc.seller_by_code(s, payload.removeprefix("s_"))
    await show_shop(update, context, seller, 0)


# -- the one callback entry ---------------------------------------------------------------------

async def on_callback(update: Update, context: HamyarContext) -> None:
    """Every "br:" button. Nothing in the data is trusted: codes and ids are checked here and
    in the services (only public listings), and a bad value gets a polite alert."""
    query = update.callback_query
    assert query is not None
    parts = (query.data or "").split(":")
    kind, args = parts[1] if len(parts) > 1 else "", parts[2:]
    n = len(args)
    if kind == "nop":
        await _answer(update)
    elif kind == "home" and n == 0:
        await show_home(update, context)
    elif kind == "l" and n == 5 and (view := View.parse(*args[:4])) and (
            (page := _int(args[4], 0, 10_000)) is not None):
        await show_page(update, context, view, page)
    elif kind == "p" and n == 4 and _picker_ok(args[0], args[1], args[2], args[3]):
        await ask_province(update, context, args[0], ":".join(args[1:]))
    elif kind == "c" and n == 5 and (prov := geo.province(args[1])) and _picker_ok(
            args[0], *args[2:]):
        await ask_city(update, context, args[0], prov, ":".join(args[2:]))
    elif kind == "k" and n == 5 and _picker_ok(args[0], *args[2:]) and (
            (args[1] == ANY and args[0] == "f") or geo.city(args[1])):
        await city_chosen(update, context, *args)
    elif kind == "q" and n == 2 and (page := _int(args[1], 0, 10_000)) is not None:
        await search_page(update, context, args[0], page)
    elif kind == "fv" and n == 1 and (page := _int(args[0], 0, 10_000)) is not None:
        await show_favourites(update, context, page)
    elif kind == "s" and n == 2 and (sid := _int(args[0])) and (
            (page := _int(args[1], 0, 10_000)) is not None):
        async with context.session() as s:
            seller = await s.get(Seller, sid)
        await show_shop(update, context, seller, page)
    elif kind == "o" and n == 1 and (lid := _int(args[0])):
        await open_listing(update, context, lid)
    elif kind == "fav" and n == 1 and (lid := _int(args[0])):
        await toggle_favourite(update, context, lid)
    else:
        await _answer(update, context.t("invalid-choice"), alert=True)


def _picker_ok(mode: str, cat: str, x: str, sort: str) -> bool:
    if mode == "f":
        return View.parse(cat, ANY, x, sort) is not None
    if mode == "m":
        return View.parse(ALL if cat == HOME else cat, x, "0", sort) is not None
    return False


# -- filters for the registration in handlers/__init__.py ---------------------------------------

def free_text(i18n: I18n) -> filters.BaseFilter:
    """Text that is not a command nor any button label (menu-* and btn-* keys of every
    locale, present and future): what a buyer types to search."""
    keys = sorted({k for lang in SUPPORTED for k in i18n.keys[lang]
                   if k.startswith(("menu-", "btn-")) and not _has_variables(i18n, lang, k)})
    return filters.TEXT & ~filters.COMMAND & ~keyboards.label_filter(i18n, *keys)


def _has_variables(i18n: I18n, lang: str, key: str) -> bool:
    bundle = i18n.bundles[lang]
    value = bundle.get_message(key).value
    return value is None or bool(bundle.format_pattern(value, {})[1])
