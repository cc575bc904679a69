"""Buyers end to end through the stand-in: browsing, search, favourites, shop pages."""

from __future__ import annotations

import itertools
from datetime import timedelta

import pytest
from harness import BotHarness, Person, choose_english
from sqlalchemy import select

from bot import geo
from bot.services import events, favourites, search
from bot.services import listing as listing_svc
from handlers import browse
from models import listing as m
from models.base import utcnow
from models.listing import Listing, ListingPhoto
from models.outbox import OutboxMessage
from models.search import BuyerPrefs, Favourite, ListingSearch
from models.user import Seller, User

BOT = "hamyar_test_bot"
_codes = itertools.count(1)
_sellers = itertools.count(900_001)


async def photo_id(p: Person) -> str:
    """A file_id the stand-in knows: a photo this person sent."""
    msg = await p.sb.send_photo(p.user, b"\x89PNG-product")
    await p.h.wait_processed(("msg", msg["chat"]["id"], msg["message_id"]))
    return msg["photo"][-1]["file_id"]


async def add_seller(bot: BotHarness, name: str = "مریم رضایی", city: str = "zanjan.abhar",
                     seller_id: int | None = None) -> int:
    seller_id = seller_id or next(_sellers)
    async with bot.db.session() as s:
        if await s.get(User, seller_id) is None:
            s.add(User(id=seller_id, first_name=name, telegram_language="fa"))
            await s.flush()
        s.add(Seller(user_id=seller_id, name=name, phone="+989121234567",
                     province_code=city.split(".")[0], city_code=city, crafts=[],
                     registered_at=utcnow()))
    return seller_id


async def add_listing(bot: BotHarness, seller_id: int, file_id: str, title: str, *,
                      category: str = "socks", price: int = 120_000,
                      status: str = m.PUBLISHED, description: str | None = None,
                      delivery: tuple[str, ...] = ("post",), minutes_ago: int = 0) -> int:
    """A listing straight into the database; public ones are announced as moderation will
    ("listing.published"), which indexes them."""
    at = utcnow() - timedelta(minutes=minutes_ago)
    async with bot.db.session() as s:
        listing = Listing(
            seller_id=seller_id, status=status, category=category, title=title,
            description=description, price=price, availability=m.IN_STOCK, stock=3,
            delivery=[{"method": d, "cost": 0} for d in delivery], flow={},
            public_code=f"pc{next(_codes)}" if status in m.PUBLIC else None,
            published_at=at if status in m.PUBLIC else None, channel_message_ids=[],
        )
        listing.photos.append(ListingPhoto(position=0, file_id=file_id, file_unique_id="u"))
        s.add(listing)
        await s.flush()
        if status in m.PUBLIC:
            await events.emit(s, "listing.published", listing=listing)
        return listing.id


def cards(replies) -> list:
    """Opened listing cards (a photo each)."""
    return [r for r in replies if "photo" in r.message]


def results(replies) -> list[dict]:
    """The listings a page shows: the buttons «n. title» of its one message."""
    return [b for r in replies if r.reply_markup and "photo" not in r.message
            for row in r.reply_markup["inline_keyboard"] for b in row
            if b.get("callback_data", "").startswith("br:o:")]


def titles(replies) -> list[str]:
    """Titles of the listings shown: of a page (its buttons) or of opened cards."""
    if cards(replies):
        return [r.message["caption"].split("\n")[0] for r in cards(replies)]
    return [b["text"].split(". ", 1)[1] for b in results(replies)]


async def open_card(p: Person, replies, i: int = 0):
    """Tap the i-th listing of a page: its card (photo, caption, buttons) comes."""
    rec = next(r for r in replies if r.reply_markup and "photo" not in r.message)
    (card,) = cards(await p.tap(results(replies)[i]["text"], rec))
    return card


async def turn(p: Person, label: str, rec) -> list:
    """Press a page's button (another page, order, filter): the page is edited in place."""
    return await p.tap(label, rec) or [now(p, rec)]


def now(p: Person, rec):
    """The message as it is now (after edits)."""
    return next(r for r in p.sb.records(p.id) if r.message_id == rec.message_id)


def urls(rec) -> list[str]:
    return [b["url"] for row in rec.reply_markup["inline_keyboard"] for b in row if "url" in b]


@pytest.fixture
async def shop(bot, person):
    """A buyer, a file_id and a seller in Abhar (Zanjan)."""
    buyer = await person("سارا")
    await buyer.say("/start")
    fid = await photo_id(buyer)
    seller = await add_seller(bot)
    return buyer, fid, seller


async def test_browse_categories_pages_and_the_order_link(bot, shop) -> None:
    buyer, fid, seller = shop
    ids = [await add_listing(bot, seller, fid, f"جوراب شماره {i}", minutes_ago=10 - i)
           for i in range(7)]
    await add_listing(bot, seller, fid, "گلیم کوچک", category="kilim")
    pending = await add_listing(bot, seller, fid, "جوراب در انتظار", status=m.PENDING)

    (home,) = await buyer.say("🔎 دیدن محصولات")
    assert "کدام رشته" in home.text
    assert "جوراب‌بافی (۷)" in home.buttons and "گلیم‌بافی (۱)" in home.buttons
    assert "🛍 همهٔ محصولات (۸)" in home.buttons
    assert not any("غذای خانگی" in b for b in home.buttons)  # empty categories are left out

    page1 = await buyer.tap("جوراب‌بافی (۷)", home)
    assert len(page1) == 1 and len(results(page1)) == 5
    assert titles(page1) == [f"جوراب شماره {i}" for i in (6, 5, 4, 3, 2)]  # newest first
    first = await open_card(buyer, page1, 0)
    assert "💰 قیمت: ۱۲۰٬۰۰۰ تومان" in first.message["caption"]
    assert "🏠 فروشگاه: مریم رضایی" in first.message["caption"]
    async with bot.db.session() as s:
        code = (await s.get(Listing, ids[6])).public_code
    assert urls(first) == [f"https://t.me/{BOT}?start=l_{code}"]
    assert first.buttons == ["🛒 سفارش می‌دهم", "🤍 نشان کردن", "🏠 فروشگاه"]
    last = page1[-1]
    assert "۱ از ۲" in last.buttons and "بعدی ←" in last.buttons
    assert "→ قبلی" not in last.buttons

    page2 = await turn(buyer, "بعدی ←", last)
    assert titles(page2) == ["جوراب شماره 1", "جوراب شماره 0"]
    assert "→ قبلی" in page2[-1].buttons and "۲ از ۲" in page2[-1].buttons
    assert all("در انتظار" not in t for t in titles(page1) + titles(page2))

    # /browse is the same, in English too
    en = Person(bot, await bot.sb.create_user("Sara", language_code="en"))
    await choose_english(en)
    reply = await en.say("/browse")
    assert "Socks knitting" not in reply[0].buttons[0]
    assert "Sock knitting (7)" in reply[0].buttons
    # a forged page of a pending listing's category still shows only public ones
    await buyer.forge(last, "br:o:" + str(pending))
    assert buyer.answers()[-1].startswith("این محصول الان در دسترس نیست")


async def test_sort_by_price_city_filter_and_reaches_my_city(bot, shop) -> None:
    buyer, fid, seller = shop  # seller in Abhar
    tabriz = await add_seller(bot, "زهرا", city="az_east.tabriz")
    await add_listing(bot, seller, fid, "ارزان ابهر", price=50_000, delivery=("pickup",))
    await add_listing(bot, tabriz, fid, "گران تبریز پستی", price=900_000, delivery=("post",))
    await add_listing(bot, tabriz, fid, "متوسط تبریز پیک", price=300_000,
                      delivery=("courier", "pickup"))

    (home,) = await buyer.say("/browse")
    page = await buyer.tap("🛍 همهٔ محصولات (۳)", home)
    assert titles(page) == ["متوسط تبریز پیک", "گران تبریز پستی", "ارزان ابهر"]
    page = await turn(buyer, "↕️ ترتیب: تازه‌ترین", page[-1])
    assert titles(page) == ["ارزان ابهر", "متوسط تبریز پیک", "گران تبریز پستی"]
    page = await turn(buyer, "↕️ ترتیب: ارزان‌ترین", page[-1])
    assert titles(page) == ["گران تبریز پستی", "متوسط تبریز پیک", "ارزان ابهر"]

    # the seller's city: province, then city
    (prov,) = await buyer.tap("📍 شهر فروشنده: همه", page[-1])
    assert "همهٔ شهرها" in prov.buttons
    assert await buyer.tap("آذربایجان شرقی", prov) == []  # the same message, now cities
    page = await turn(buyer, "تبریز", now(buyer, prov))
    assert titles(page) == ["گران تبریز پستی", "متوسط تبریز پیک"]
    assert "📍 شهر فروشنده: تبریز" in page[-1].buttons

    # "reaches my city": asked once, remembered on buyer_prefs
    (prov,) = await buyer.tap("🚚 فقط آنچه به شهر من می‌رسد", page[-1])
    assert "کدام استان هستید" in prov.text
    await buyer.tap("زنجان", prov)
    page = await turn(buyer, "ابهر", now(buyer, prov))
    # Tabriz still filtered: only the Tabriz listing that posts reaches Abhar
    assert titles(page) == ["گران تبریز پستی"]
    assert "☑️ 🚚 می‌رسد به ابهر" in page[-1].buttons
    async with bot.db.session() as s:
        assert (await s.get(BuyerPrefs, buyer.id)).city_code == "zanjan.abhar"
    (prov,) = await buyer.tap("📍 شهر فروشنده: تبریز", page[-1])
    page = await turn(buyer, "همهٔ شهرها", prov)
    # pickup in her own city reaches her; courier from Tabriz does not
    assert titles(page) == ["گران تبریز پستی", "ارزان ابهر"]
    (home,) = await buyer.say("/browse")
    assert "📍 شهر من: ابهر (تغییر)" in home.buttons


@pytest.mark.parametrize(("typed", "found"), [
    ("مليله", "ملیله‌کاری نقره"),            # Arabic yeh
    ("ملیله کاری", "ملیله‌کاری نقره"),       # a space for the ZWNJ
    ("ملیلهکاری", "ملیله‌کاری نقره"),        # nothing between the parts
    ("جوراب بافی", "جوراب‌بافی زمستانی"),
    ("جوراب‌بافی", "جوراب‌بافی زمستانی"),
    ("جورابافی", "جوراب‌بافی زمستانی"),
    ("۱۲۰", "کیف 120 سانتی"),                # Persian digits find Latin ones
    ("١٢٠", "کیف 120 سانتی"),                # Arabic-Indic too
    ("كيف", "کیف 120 سانتی"),                # Arabic kaf
    ("مَلیله", "ملیله‌کاری نقره"),            # a diacritic
    ("گلناز", "کیف 120 سانتی"),              # the shop's name
])
async def test_search_finds_persian_variants(bot, shop, typed, found) -> None:
    buyer, fid, seller = shop
    other = await add_seller(bot, "گلناز", city="tehran.tehran")
    await add_listing(bot, seller, fid, "ملیله‌کاری نقره")
    await add_listing(bot, seller, fid, "جوراب‌بافی زمستانی")
    await add_listing(bot, other, fid, "کیف 120 سانتی", category="sewing")
    await add_listing(bot, seller, fid, "ملیله‌کاری در انتظار", status=m.PENDING)
    replies = await buyer.say(typed)
    assert found in titles(replies)
    assert all("در انتظار" not in t for t in titles(replies))


@pytest.mark.parametrize(("joined", "spaced"), [
    ("گلیمهای", "گلیم‌های"),
    ("جورابها", "جوراب‌ها"),
    ("عروسکهایی", "عروسک‌هایی"),
    ("گلیمها", "گلیم ها"),
])
async def test_search_plurals_typed_without_a_half_space(bot, shop, joined, spaced) -> None:
    """Issue 11 item 15: a plural typed without its half-space finds what it finds with one."""
    buyer, fid, seller = shop
    await add_listing(bot, seller, fid, "گلیم دستباف قشقایی", category="sewing")
    await add_listing(bot, seller, fid, "جوراب‌های پشمی بافتنی")
    await add_listing(bot, seller, fid, "عروسک نمدی", category="sewing")
    await add_listing(bot, seller, fid, "تنها یک گلدان", category="sewing")
    with_space = titles(await buyer.say(spaced))
    without = titles(await buyer.say(joined))
    assert with_space and without == with_space
    assert "تنها یک گلدان" not in without


def test_plural_endings_keep_short_words_whole() -> None:
    assert search.parse_query("گلیمهای قدیمی").words == ("گلیم", "قدیمی")
    assert search.parse_query("عروسکهایی").words == ("عروسک",)
    assert search.parse_query("تنها").words == ("تنها",)
    assert search.parse_query("بها").words == ("بها",)


async def test_search_ranking_paging_and_nothing_found(bot, shop) -> None:
    buyer, fid, _ = shop
    seller = await add_seller(bot, "نسرین", city="tehran.tehran")  # «زنجان» only in titles
    await add_listing(bot, seller, fid, "شال پشمی", description="بافته شده با گلیم قدیمی",
                      minutes_ago=1)
    await add_listing(bot, seller, fid, "گلیم سنتی", minutes_ago=30)
    sold = await add_listing(bot, seller, fid, "گلیم زنجان", minutes_ago=0)
    await add_listing(bot, seller, fid, "گلیم دستباف زنجان", minutes_ago=60)
    async with bot.db.session() as s:
        listing = await s.get(Listing, sold)
        await listing_svc.mark_sold_out(s, listing)  # public_changed → reindexed
    for i in range(5):
        await add_listing(bot, seller, fid, f"رومیزی {i}", description="گلیم", minutes_ago=90 + i)

    replies = await buyer.say("گلیم زنجان")
    assert replies[0].text.split("\n")[0] == "🔎 ۹ محصول برای «گلیم زنجان»:"
    # can be ordered first; then title matches; then both words; then newest; sold out last
    assert titles(replies) == ["گلیم دستباف زنجان", "گلیم سنتی", "شال پشمی", "رومیزی 0"]
    assert "۱ از ۳" in replies[-1].buttons
    page2 = await turn(buyer, "بعدی ←", replies[-1])
    assert titles(page2) == ["رومیزی 1", "رومیزی 2", "رومیزی 3", "رومیزی 4"]
    page3 = await turn(buyer, "بعدی ←", page2[-1])
    assert titles(page3) == ["گلیم زنجان"]
    sold_card = await open_card(buyer, page3, 0)
    assert "⛔️" in sold_card.message["caption"] or "تمام شد" in sold_card.message["caption"]
    assert urls(sold_card) == []  # no order button on a sold-out listing

    # /search too; an old search's buttons say so
    replies2 = await buyer.say("/search رومیزی")
    assert replies2[0].text.startswith("🔎 ۵ محصول")
    old_page = next(b["callback_data"] for row in replies[-1].reply_markup["inline_keyboard"]
                    for b in row if b.get("callback_data", "").startswith("br:q:"))
    await buyer.forge(replies[-1], old_page)
    assert buyer.answers()[-1] == "این جست‌وجو قدیمی است؛ دوباره بنویسید دنبال چه محصولی هستید."

    (none,) = await buyer.say("قابلمه")
    assert none.text.startswith("برای «قابلمه» محصولی پیدا نشد.")
    assert "گلیم‌بافی" not in none.buttons and "جوراب‌بافی (۹)" in none.buttons
    (ask,) = await buyer.say("/search")
    assert "دنبال چه محصولی" in ask.text


async def test_menu_labels_and_conversations_are_not_searches(bot, shop) -> None:
    buyer, fid, seller = shop
    await add_listing(bot, seller, fid, "راهنما کتاب")
    (help_,) = await buyer.say("❓ راهنما")
    assert help_.text.startswith("راهنمای همیار")
    # a conversation step still gets its text
    await buyer.say("📝 ثبت‌نام فروشنده")
    (a,) = await buyer.say("راهنما")
    assert "photo" not in a.message


async def test_favourites_save_list_and_notifications(bot, shop, person) -> None:
    buyer, fid, seller = shop
    lid = await add_listing(bot, seller, fid, "جوراب پشمی", price=120_000)
    other = await add_listing(bot, seller, fid, "جوراب نخی", price=80_000)
    draft = await add_listing(bot, seller, fid, "پیش‌نویس", status=m.DRAFT)
    english = Person(bot, await bot.sb.create_user("Sara", language_code="en"))
    await choose_english(english)

    (card, *_rest) = await buyer.say("جوراب پشمی")
    card = await open_card(buyer, [card, *_rest], 0)
    await buyer.tap("🤍 نشان کردن", card)
    assert buyer.answers()[-1].startswith("❤️ نشان شد")
    assert "❤️ نشان‌شده" in now(buyer, card).buttons
    en_page = await english.say("جوراب")
    en_cards = [await open_card(english, en_page, i) for i in range(len(results(en_page)))]
    for rec in en_cards:
        await english.tap("🤍 Save", rec)
    async with bot.db.session() as s:
        favs = (await s.scalars(select(Favourite))).all()
    assert {(f.user_id, f.listing_id) for f in favs} == {
        (buyer.id, lid), (english.id, lid), (english.id, other)}

    replies = await buyer.say("❤️ نشان‌شده‌ها")
    assert titles(replies) == ["جوراب پشمی"]
    assert "❤️ نشان‌شده" in (await open_card(buyer, replies, 0)).buttons

    # forged: a draft cannot be saved; a forged id that does not exist neither
    await buyer.forge(replies[0], f"br:fav:{draft}")
    assert buyer.answers()[-1].startswith("این محصول الان در دسترس نیست")
    await buyer.forge(replies[0], "br:fav:99999999")
    assert buyer.answers()[-1].startswith("این محصول الان در دسترس نیست")
    await buyer.forge(replies[0], "br:fav:abc")
    assert buyer.answers()[-1].startswith("این گزینه را نفهمیدیم")

    # the price drops: one message per saver, in her language, through the outbox
    async with bot.db.session() as s:
        await listing_svc.change_price(s, await s.get(Listing, lid), "۱۰۰ هزار")
    async with bot.db.session() as s:
        rows = (await s.scalars(select(OutboxMessage).order_by(OutboxMessage.id))).all()
    by_chat = {r.chat_id: r.payload for r in rows}
    assert by_chat[str(buyer.id)]["text"] == (
        "💰 قیمت «جوراب پشمی» که نشانش کرده بودید از ۱۲۰٬۰۰۰ تومان به ۱۰۰٬۰۰۰ تومان رسید.")
    assert by_chat[str(english.id)]["text"] == (
        '💰 The price of "جوراب پشمی", which you saved, went down from 120,000 toman '
        "to 100,000 toman.")
    assert by_chat[str(buyer.id)]["reply_markup"]["inline_keyboard"][0][0][
        "callback_data"] == f"br:o:{lid}"
    # up and down again to the same price: nothing new
    async with bot.db.session() as s:
        listing = await s.get(Listing, lid)
        await listing_svc.change_price(s, listing, "۱۲۰ هزار")
        await listing_svc.change_price(s, listing, "۱۰۰ هزار")
    async with bot.db.session() as s:
        assert len((await s.scalars(select(OutboxMessage))).all()) == 2

    # sold out, then back in stock
    async with bot.db.session() as s:
        listing = await s.get(Listing, lid)
        await listing_svc.mark_sold_out(s, listing)
        await listing_svc.change_stock(s, listing, "۴")
    async with bot.db.session() as s:
        rows = (await s.scalars(select(OutboxMessage).order_by(OutboxMessage.id))).all()
    assert [r.payload["text"] for r in rows[2:]] == [
        "📦 «جوراب پشمی» که نشانش کرده بودید دوباره موجود شد.",
        '📦 "جوراب پشمی", which you saved, is back in stock.']

    # the outbox delivers them
    await buyer.sb.wait_for_bot_message(
        buyer.id, lambda r: "دوباره موجود شد" in (r.text or ""), after=0, timeout=10)
    # the notification's button opens the card
    opened = await buyer.forge(replies[0], f"br:o:{lid}")
    assert titles(opened["replies"]) == ["جوراب پشمی"]

    # withdrawn: gone from the favourites list, unsaving still works
    async with bot.db.session() as s:
        await listing_svc.withdraw(s, await s.get(Listing, lid))
    replies = await buyer.say("/favourites")
    assert replies[-1].text.startswith("هنوز محصولی را نشان نکرده‌اید")
    await buyer.forge(replies[0], f"br:fav:{lid}")
    assert buyer.answers()[-1] == "از نشان‌شده‌ها برداشته شد."


async def test_shop_page_and_its_deep_link(bot, shop, person) -> None:
    buyer, fid, seller = shop
    for i in range(5):
        await add_listing(bot, seller, fid, f"سبد {i}", minutes_ago=10 - i)
    await add_listing(bot, seller, fid, "سبد در انتظار", status=m.PENDING)
    last = await open_card(buyer, await buyer.say("سبد"), 0)
    replies = await buyer.tap("🏠 فروشگاه", last)
    header = replies[0]
    header_text = header.text  # the page is edited in place below
    assert header.text.startswith("🏠 فروشگاه مریم رضایی")
    assert "📍 ابهر، زنجان" in header.text and "🛍 ۵ محصول" in header.text
    link = next(line for line in header.text.split("\n") if line.startswith("https://"))
    assert link.startswith(f"https://t.me/{BOT}?start=s_")
    assert titles(replies) == ["سبد 4", "سبد 3", "سبد 2", "سبد 1"]
    assert "🏠 فروشگاه" not in replies[-1].buttons  # already in the shop
    page2 = await turn(buyer, "بعدی ←", replies[-1])
    assert titles(page2) == ["سبد 0"]

    friend = await person("نرگس")
    replies = await friend.say("/start " + link.split("start=")[1])
    assert replies[0].text == header_text and len(results(replies)) == 4
    (bad,) = await friend.say("/start s_nosuchshop")
    assert bad.text == "این فروشگاه پیدا نشد یا الان محصولی ندارد. محصولات دیگر را با «🔎 دیدن محصولات» ببینید."
    # and a plain /start still reaches the welcome
    (welcome,) = await friend.say("/start")
    assert "خوش آمدید" in welcome.text


async def test_forged_and_broken_buttons_are_refused_politely(bot, shop) -> None:
    buyer, fid, seller = shop
    hidden = {status: await add_listing(bot, seller, fid, f"مخفی {status}", status=status)
              for status in (m.DRAFT, m.PENDING, m.NEEDS_CHANGES, m.PAUSED, m.WITHDRAWN,
                             m.REJECTED)}
    public = await add_listing(bot, seller, fid, "پیدا")
    (home,) = await buyer.say("/browse")
    for lid in hidden.values():
        for data in (f"br:o:{lid}", f"br:fav:{lid}"):
            await buyer.forge(home, data)
            assert buyer.answers()[-1].startswith("این محصول الان در دسترس نیست"), data
    for data in ("br:l:nope:-:0:n:0", "br:l:*:mars.x:0:n:0", "br:l:*:-:2:n:0",
                 "br:l:*:-:0:z:0", "br:l:*:-:0:n:-1", "br:c:f:nope:*:0:n", "br:k:m:-:*:-:n",
                 "br:k:x:zanjan.abhar:*:0:n", "br:s:abc:0", "br:zz", "br:o:1:2"):
        await buyer.forge(home, data)
        assert buyer.answers()[-1].startswith("این گزینه را نفهمیدیم"), data
    await buyer.forge(home, f"br:s:{buyer.id}:0")  # not a seller
    assert buyer.answers()[-1] == "این فروشگاه پیدا نشد یا الان محصولی ندارد. محصولات دیگر را با «🔎 دیدن محصولات» ببینید."
    async with bot.db.session() as s:
        indexed = set((await s.scalars(select(ListingSearch.listing_id))).all())
        assert indexed == {public}
        assert not (await s.scalars(select(Favourite))).all()


async def test_index_follows_the_listing(bot, shop) -> None:
    buyer, fid, seller = shop
    lid = await add_listing(bot, seller, fid, "عروسک پارچه‌ای")
    assert titles(await buyer.say("عروسک")) == ["عروسک پارچه‌ای"]
    async with bot.db.session() as s:
        await listing_svc.pause(s, await s.get(Listing, lid))
    (none,) = await buyer.say("عروسک")
    assert "پیدا نشد" in none.text
    async with bot.db.session() as s:
        await listing_svc.resume(s, await s.get(Listing, lid))
    assert titles(await buyer.say("عروسک")) == ["عروسک پارچه‌ای"]
    # a rebuild repairs a lost row
    async with bot.db.session() as s:
        await s.delete(await s.get(ListingSearch, lid))
    async with bot.db.session() as s:
        assert await search.rebuild(s) == 1
    async with bot.db.session() as s:
        assert (await search.search(s, "پارچه")).ids == [lid]
        # the seller's name changes: reindex_seller
        (await s.get(Seller, seller)).name = "عروسک‌سرای مهتاب"
        await search.reindex_seller(s, seller)
    async with bot.db.session() as s:
        assert (await search.search(s, "مهتاب")).ids == [lid]


def test_terms_and_queries() -> None:
    assert search.terms("مليله‌كاري ۱۲۰ Café آب") == ["ملیله", "کاری", "120", "cafe", "اب"]
    assert search.parse_query("جوراب و بافی").words == ("جوراب", "بافی")
    assert search.parse_query("و").words == ("و",)
    assert search.query_key("جوراب  بافی") == search.query_key("جوراب بافي")
    title, body = search.documents(
        Listing(title="جوراب‌بافی", category="socks", description=None),
        Seller(name="مریم", city_code="zanjan.abhar", province_code="zanjan"))
    assert " جوراب " in title and " \u0640جورابافی " in title
    assert " abhar " in body and " زنجان " in body and " sock " in body


def test_callback_data_fits() -> None:
    longest_city = max((c.code for c in geo.ALL_CITIES), key=len)
    longest_prov = max((p.code for p in geo.PROVINCES), key=len)
    longest_cat = max((c.code for c in geo.CRAFTS), key=len)
    for data in (f"br:k:m:{longest_city}:{longest_cat}:{longest_city}:n",
                 f"br:c:m:{longest_prov}:{longest_cat}:{longest_city}:n",
                 f"br:l:{longest_cat}:{longest_city}:1:n:9999",
                 f"br:s:{2**63}:9999", f"br:fav:{2**63}"):
        assert len(data.encode()) <= 64, data
    assert browse.PAGE <= 5 and browse.SEARCH_PAGE + 1 <= 5


async def test_favourites_service_refuses_non_public(bot, shop) -> None:
    buyer, fid, seller = shop
    lid = await add_listing(bot, seller, fid, "پیش‌نویس", status=m.DRAFT)
    async with bot.db.session() as s:
        with pytest.raises(favourites.NotPublic):
            await favourites.toggle(s, buyer.id, lid)
