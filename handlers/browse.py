"""Buyers: «مشاهده محصولات» (categories → listings page by page, filtered by the seller's city
or by "reaches my city", newest or by price), search by free text or /search, favourites,
and shop pages (also by the deep link /start s_<code>).

A page is one message, a numbered list with a button per listing that opens its card
(`handlers.browse_cards`); another page, order or filter edits it in place. Every button's data (all under "br:", the kinds in `bot.callbacks`) names codes or ids
that are checked here again: only public listings are ever shown.
"""

from __future__ import annotations

from dataclasses import dataclass

from telegram import InlineKeyboardMarkup, Update
from telegram.error import BadRequest
from telegram.ext import filters

from bot import geo, keyboards
from bot.callbacks import (
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
    Button,
)
from bot.context import HamyarContext, Session
from bot.i18n import SUPPORTED, I18n
from bot.services import search as svc
from bot.services import shops
from handlers.browse_cards import (
    ALL,
    ANY,
    HOME,
    PAGE,
    SEARCH_PAGE,
    Rows,
    View,
    answer,
    button,
    chat_of,
    craft_name,
    nav_rows,
    pager,
    place,
    send_list,
    show,
    user_of,
    view_first,
)
from handlers.browse_shops import open_listing, show_favourites, show_shop, toggle_favourite
from handlers.common import send

MAX_PAGE = 10_000
SORT_KEYS = {"n": "btn-br-sort-n", "a": "btn-br-sort-a", "d": "btn-br-sort-d"}
NEXT_SORT = {"n": "a", "a": "d", "d": "n"}


# -- categories ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Home:
    counts: dict[str, int]
    my_city: str | None


async def _home(s: Session, user_id: int) -> Home:
    return Home(await svc.category_counts(s), await shops.buyer_city(s, user_id))


async def show_home(update: Update, context: HamyarContext, prefix: str = "",
                    home: Home | None = None) -> None:
    if home is None:
        async with context.session() as s:
            home = await _home(s, user_of(update))
    counts = home.counts
    await answer(update)
    if not counts:
        await send(context, chat_of(update), prefix + context.t("br-empty-catalogue"))
        return
    items = [(context.t("br-category-count", name=craft_name(context, c.code),
                        count=counts[c.code]), View(c.code).page(0))
             for c in geo.CRAFTS if counts.get(c.code)]
    rows = keyboards.grid(items, 2).inline_keyboard
    extra: Rows = [[button(context.t("br-all", count=sum(counts.values())), View().page(0))]]
    city = geo.city(home.my_city)
    label = (context.t("btn-br-my-city", city=place(context, city)) if city
             else context.t("btn-br-set-my-city"))
    extra.append([button(label, BrProvince("m", HOME, ANY, "n").pack())])  # type: ignore[arg-type]
    extra.append([button(context.t("menu-favourites"), BrFavourites(0).pack())])
    await send(context, chat_of(update), prefix + context.t("br-categories"),
               InlineKeyboardMarkup([list(r) for r in rows] + extra))


async def browse_command(update: Update, context: HamyarContext) -> None:
    await show_home(update, context)


# -- a page of listings ---------------------------------------------------------------------------

def _filter_rows(context: HamyarContext, view: View, my_city: str | None) -> Rows:
    t = context.t
    cat = view.cat or ALL
    sort = View(view.cat, view.city, view.mine, NEXT_SORT[view.sort])
    city = geo.city(view.city)
    city_label = (t("btn-br-city", city=place(context, city)) if city
                  else t("btn-br-city-any"))
    mine_city = geo.city(my_city)
    if view.mine and mine_city:
        mine = button(t("btn-br-mine-on", city=place(context, mine_city)),
                      View(view.cat, view.city, False, view.sort).page(0))
    elif mine_city:
        mine = button(t("btn-br-mine-off"), View(view.cat, view.city, True, view.sort).page(0))
    else:
        mine = button(t("btn-br-mine-off"),
                      BrProvince("m", cat, view.city or ANY, view.sort).pack())  # type: ignore[arg-type]
    # One filter a row: two to a row cut their labels on a phone.
    return [
        [button(t(SORT_KEYS[view.sort]), sort.page(0))],
        [button(keyboards.short(city_label),
                BrProvince("f", cat, "1" if view.mine else "0", view.sort).pack())],  # type: ignore[arg-type]
        [mine],
        [button(t("btn-br-categories"), BrHome().pack())],
    ]


@dataclass(frozen=True)
class Listed:
    view: View
    my_city: str | None
    page: svc.Page
    items: list[svc.Item]


async def _listed(s: Session, user_id: int, view: View, number: int) -> Listed:
    my_city = await shops.buyer_city(s, user_id)
    if view.mine and my_city is None:
        view = View(view.cat, view.city, False, view.sort)
    page = await svc.browse(s, category=view.cat, city_code=view.city,
                            my_city=my_city if view.mine else None, sort=view.sort,
                            offset=number * PAGE, limit=PAGE)
    return Listed(view, my_city, page, await svc.list_items(s, page.ids, user_id))


async def show_page(update: Update, context: HamyarContext, view: View, number: int,
                    listed: Listed | None = None) -> None:
    if listed is None:
        async with context.session() as s:
            listed = await _listed(s, user_of(update), view, number)
    view = listed.view
    await answer(update)
    nav = _filter_rows(context, view, listed.my_city)
    row = pager(context, listed.page, view.page)
    if row:
        nav.insert(0, row)
    if not listed.items:
        await show(update, context, context.t("br-no-results"), InlineKeyboardMarkup(nav))
        return
    heading = (context.t("br-list-category", name=craft_name(context, view.cat)) if view.cat
               else context.t("br-list-all"))
    await send_list(update, context, heading, listed.items, nav, first=view_first(listed.page))


# -- choosing a city ------------------------------------------------------------------------------

async def ask_province(update: Update, context: HamyarContext, p: BrProvince) -> None:
    items = [(place(context, prov), BrCity(p.mode, prov.code, p.cat, p.x, p.sort).pack())  # type: ignore[arg-type]
             for prov in geo.PROVINCES]
    nav = []
    if p.mode == "f":
        nav.append((context.t("btn-br-any-city"),
                    BrCityChosen("f", ANY, p.cat, p.x, p.sort).pack()))  # type: ignore[arg-type]
    key = "br-ask-province-mine" if p.mode == "m" else "br-ask-province-filter"
    await answer(update)
    await send(context, chat_of(update), context.t(key), keyboards.grid(items, 2, nav))


async def ask_city(update: Update, context: HamyarContext, c: BrCity,
                   province: geo.Province) -> None:
    items = [(place(context, city), BrCityChosen(c.mode, city.code, c.cat, c.x, c.sort).pack())  # type: ignore[arg-type]
             for city in province.cities]
    back = BrProvince(c.mode, c.cat, c.x, c.sort).pack()
    markup = keyboards.grid(items, 2, [(context.t("btn-back"), back)])
    await answer(update)
    try:
        await update.callback_query.edit_message_text(  # type: ignore[union-attr]
            context.t("br-ask-city"), reply_markup=markup)
    except BadRequest:
        await send(context, chat_of(update), context.t("br-ask-city"), markup)


async def city_chosen(update: Update, context: HamyarContext, k: BrCityChosen) -> None:
    if k.mode == "f":
        view = View.parse(k.cat, k.city, k.x, k.sort)
        if view is None:
            await answer(update, context.t("invalid-choice"), alert=True)
            return
        await show_page(update, context, view, 0)
        return
    chosen = geo.city(k.city)
    view = View.parse(ALL if k.cat == HOME else k.cat, k.x, "1", k.sort)
    if chosen is None or view is None:
        await answer(update, context.t("invalid-choice"), alert=True)
        return
    async with context.session() as s:
        await shops.set_buyer_city(s, user_of(update), chosen.code)
        if k.cat == HOME:
            home: Home | None = await _home(s, user_of(update))
        else:
            home, listed = None, await _listed(s, user_of(update), view, 0)
    saved = context.t("br-my-city-saved", city=place(context, chosen))
    if home is not None:
        await show_home(update, context, saved + "\n\n", home)
        return
    await answer(update, saved)
    await show_page(update, context, view, 0, listed)


# -- search -------------------------------------------------------------------------------------

async def show_search(update: Update, context: HamyarContext, text: str | None, number: int,
                      key: str | None = None) -> None:
    """A page of results for `text`, or (a ◀ ▶ button) for her last search if its
    fingerprint is still `key`."""
    uid = user_of(update)
    home = None
    async with context.session() as s:
        if key is not None:
            text = await shops.last_query(s, uid)
            if text is not None and svc.query_key(text) != key:
                text = None
        query = svc.parse_query(text)
        if text is not None and query:
            if key is None:  # a new search (a button's page is of the one remembered)
                await shops.remember_query(s, uid, text)
            page = await svc.search(s, query, offset=number * SEARCH_PAGE, limit=SEARCH_PAGE)
            items = await svc.list_items(s, page.ids, uid)
            if not items:
                home = await _home(s, uid)
    if text is None:
        await answer(update, context.t("br-search-old"), alert=True)
        return
    if not query:
        await answer(update)
        await send(context, chat_of(update), context.t("br-search-ask"))
        return
    await answer(update)
    shown = " ".join(text.split())[:40]
    if home is not None:
        await show_home(update, context, context.t("br-search-none", query=shown) + "\n\n", home)
        return
    title = "br-search-title-many" if page.at_least else "br-search-title"
    fingerprint = svc.query_key(text)
    nav = nav_rows(pager(context, page, lambda n: BrSearchPage(fingerprint, n).pack()))
    nav.append([button(context.t("btn-br-categories"), BrHome().pack())])
    await send_list(update, context, context.t(title, count=page.total, query=shown), items,
                    nav, first=view_first(page))


async def search_text(update: Update, context: HamyarContext) -> None:
    """Free text outside any conversation: a search."""
    await show_search(update, context, update.message.text or "", 0)  # type: ignore[union-attr]


async def search_command(update: Update, context: HamyarContext) -> None:
    await show_search(update, context, " ".join(context.args or []), 0)


# -- the one callback entry ---------------------------------------------------------------------

def _parse(data: str | None) -> Button | None:
    for kind in BROWSE_KINDS:
        value = kind.parse(data)
        if value is not None:
            return value
    return None


def _picker_ok(mode: str, cat: str, x: str, sort: str) -> bool:
    if mode == "f":
        return View.parse(cat, ANY, x, sort) is not None
    if mode == "m":
        return View.parse(ALL if cat == HOME else cat, x, "0", sort) is not None
    return False


async def on_callback(update: Update, context: HamyarContext) -> None:
    """Every "br:" button. Nothing in the data is trusted: codes and ids are checked here and
    in the services (only public listings), and a bad value gets a polite alert."""
    query = update.callback_query
    assert query is not None
    value = _parse(query.data)
    match value:
        case BrNop():
            await answer(update)
        case BrHome():
            await show_home(update, context)
        case BrPage() if (view := View.parse(value.cat, value.city, value.mine, value.sort)) \
                and value.page <= MAX_PAGE:
            await show_page(update, context, view, value.page)
        case BrProvince() if _picker_ok(value.mode, value.cat, value.x, value.sort):
            await ask_province(update, context, value)
        case BrCity() if (prov := geo.province(value.province)) and _picker_ok(
                value.mode, value.cat, value.x, value.sort):
            await ask_city(update, context, value, prov)
        case BrCityChosen() if _picker_ok(value.mode, value.cat, value.x, value.sort) and (
                (value.city == ANY and value.mode == "f") or geo.city(value.city)):
            await city_chosen(update, context, value)
        case BrSearchPage() if value.page <= MAX_PAGE:
            await show_search(update, context, None, value.page, key=value.key)
        case BrFavourites() if value.page <= MAX_PAGE:
            await show_favourites(update, context, value.page)
        case BrShop() if value.seller_id and value.page <= MAX_PAGE:
            await show_shop(update, context, value.page, seller_id=value.seller_id)
        case BrOpen() if value.listing_id:
            await open_listing(update, context, value.listing_id)
        case BrFavourite() if value.listing_id:
            await toggle_favourite(update, context, value.listing_id)
        case _:
            await answer(update, context.t("invalid-choice"), alert=True)


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
