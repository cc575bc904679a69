"""Listing and shop numbers (bot/services/codes.py): given at publish time, on the channel
post and in «محصولات من»; a buyer who types one opens the listing and can order."""

from __future__ import annotations

import pytest
from harness import BotHarness, Person, World
from listing_helpers import MY, make_seller, walk
from order_helpers import published_listing
from sqlalchemy import select

from bot import persian
from bot.services import codes, search_index
from models import listing as m
from models.listing import Listing

SUBMIT = "📤 فرستادن برای بررسی"
APPROVE = "✅ تأیید و انتشار"
ORDER = "🛒 سفارش می‌دهم"
ARABIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


async def approved_listing(w: World, name: str = "مریم") -> tuple[Person, Listing]:
    seller = Person(w.bot, await w.sb.create_user(name, language_code="fa"))
    await make_seller(w.bot, seller, name=f"{name} رضایی")
    await walk(seller, "preview")
    await seller.tap(SUBMIT)
    async with w.bot.db.session() as s:
        listing = await s.scalar(select(Listing).where(Listing.seller_id == seller.id))
    card = await w.card(listing.id)
    await w.press_in_group(w.trainer, card, APPROVE)
    await w.idle()
    async with w.bot.db.session() as s:
        listing = await s.get(Listing, listing.id)
    return seller, listing


@pytest.mark.parametrize(("text", "number"), [
    ("4821", 4821), ("۴۸۲۱", 4821), ("٤٨٢١", 4821), ("کد ۴۸۲۱", 4821), ("#4821", 4821),
    ("كد: 4821", 4821), ("کد محصول ۴۸۲۱", 4821), (" 48-21 ", 4821), ("code 123456", 123456),
    ("۴۸۲", None), ("0482", None), ("گلیم ۴۸۲۱", None), ("۱۲۰ هزار", None), ("", None),
    ("4821 4822", None),
])
def test_a_typed_code_in_any_form(text: str, number: int | None) -> None:
    assert codes.parse(text) == number


async def test_published_listing_has_a_code_on_its_post_and_a_buyer_opens_it_by_typing_it(
        world: World) -> None:
    w = world
    seller, listing = await approved_listing(w)
    assert listing.status == m.PUBLISHED and listing.short_code is not None
    assert 1000 <= listing.short_code <= 9999, "four digits while there is room"
    code_fa = persian.to_persian_digits(listing.short_code)
    post = w.channel_msgs()[-1]
    assert f"🔢 کد محصول: {code_fa}" in post.text, "the channel post carries the code"

    (mine,) = await seller.say(MY)
    await seller.tap(mine.buttons[0], mine)
    assert f"کد محصول: {code_fa}" in seller.last.text, "«محصولات من» shows it too"

    buyer = await w.person("سارا")
    for typed in (code_fa, f"کد {code_fa}", f"#{listing.short_code}", str(listing.short_code),
                  str(listing.short_code).translate(ARABIC)):
        replies = await buyer.say(typed)
        assert len([r for r in replies if "photo" in r.message]) == 3, typed  # the album
        page = next(r for r in replies if r.buttons)
        assert "گلیم دستباف زنجان" in page.text and page.buttons == [ORDER], typed
    (question,) = await buyer.tap(ORDER, page)
    assert "تا ۳ عدد" in question.text, "the typed code leads to the order form"


async def test_paused_withdrawn_and_unknown_codes_say_what_to_do(bot: BotHarness, person) -> None:
    seller, buyer = await person("مریم"), await person("سارا")
    listing = await published_listing(bot, seller)
    async with bot.db.session() as s:
        got = await s.get(Listing, listing.id)
        await codes.give_listing_code(s, got)
        number = got.short_code
    await buyer.say("/start")
    replies = await buyer.say(str(number))
    assert any("photo" in r.message for r in replies)

    async with bot.db.session() as s:
        (await s.get(Listing, listing.id)).status = m.PAUSED
    (r,) = await buyer.say(str(number))
    assert "موقتاً متوقف" in r.text and "گلیم دستباف زنجان" in r.text

    async with bot.db.session() as s:
        (await s.get(Listing, listing.id)).status = m.WITHDRAWN
    (r,) = await buyer.say(persian.to_persian_digits(number))
    assert "دیگر فروخته نمی‌شود" in r.text and "«🔎" in r.text

    unknown = 1000 if number != 1000 else 1001
    (r,) = await buyer.say(f"کد {persian.to_persian_digits(unknown)}")
    assert "پیدا نکردیم" in r.text and persian.to_persian_digits(unknown) in r.text

    replies = await buyer.say("گلیم")
    assert not any("پیدا نکردیم" in (r.text or "") for r in replies), "words are still a search"


async def test_codes_are_unique_never_reused_and_grow_when_half_taken(bot: BotHarness, person,
                                                                      monkeypatch) -> None:
    seller = await person("مریم")
    await make_seller(bot, seller)
    monkeypatch.setattr(codes, "MIN_DIGITS", 1)  # a width of 9 numbers fills up quickly
    seen: set[int] = set()
    async with bot.db.session() as s:
        for i in range(12):
            listing = Listing(seller_id=seller.id, status=m.PUBLISHED, title=f"x{i}",
                              public_code=f"Code{i:06d}", delivery=[], flow={})
            s.add(listing)
            await s.flush()
            seen.add(await codes.give_listing_code(s, listing))
            assert await codes.give_listing_code(s, listing) in seen, "kept once given"
    assert len(seen) == 12
    assert max(seen) >= 10, "past half of the one-digit numbers, two digits"
    assert len([c for c in seen if c < 10]) <= 5


async def test_a_shop_number_opens_the_shop(bot: BotHarness, person) -> None:
    seller, buyer = await person("مریم"), await person("سارا")
    listing = await published_listing(bot, seller)
    async with bot.db.session() as s:
        await search_index.reindex(s, await s.get(Listing, listing.id))
        number = await codes.shop_number_of(s, seller.id)
        assert await codes.shop_number_of(s, seller.id) == number
    await buyer.say("/start")
    replies = await buyer.say(f"کد {persian.to_persian_digits(number)}")
    assert any("🏠 فروشگاه مریم رضایی" in (r.text or "") for r in replies)
    # and her products: the shop page is one message listing them (issue 13: one call)
    assert any(listing.title in (r.text or "") or any(listing.title in b for b in r.buttons)
               for r in replies), "and her products"


SHARE, SHARE_SHOP = "📤 معرفی به دیگران", "📤 معرفی فروشگاه"


async def test_share_message_forwarded_to_the_bot_or_its_code_typed_opens_the_listing(
        bot: BotHarness, person) -> None:
    seller, buyer = await person("مریم"), await person("سارا")
    listing = await published_listing(bot, seller)
    async with bot.db.session() as s:
        await search_index.reindex(s, await s.get(Listing, listing.id))
    (mine,) = await seller.say(MY)
    (card,) = await seller.tap(mine.buttons[0], mine)
    assert SHARE in card.buttons and SHARE_SHOP in card.buttons
    share, hint = await seller.tap(SHARE, card)
    assert "photo" in share.message, "the photo, ready to forward"
    async with bot.db.session() as s:
        number = (await s.get(Listing, listing.id)).short_code
    code_fa = persian.to_persian_digits(number)
    assert "گلیم دستباف زنجان" in share.text and "۱۲۰٬۰۰۰ تومان" in share.text
    assert f"کد محصول: {code_fa}" in share.text
    assert "https://t.me/hamyar_test_bot?start=l_Kilim12345" in share.text
    assert not share.reply_markup, "no buttons: the caption alone works when copied"
    assert "هدایت" in hint.text

    # The bot's forwardMessage (the stand-in has it) carries it to another chat unchanged ...
    await buyer.say("/start")
    forwarded = await bot.app.bot.forward_message(buyer.id, seller.id, share.message_id)
    assert f"کد محصول: {code_fa}" in forwarded.caption
    # ... and a buyer who forwards it to the bot, or types its code, opens the listing.
    msg = await bot.sb.forward_to_bot(buyer.user, seller.id, share.message_id)
    await bot.wait_processed(("msg", buyer.id, msg["message_id"]))
    page = buyer.last
    assert "گلیم دستباف زنجان" in page.text and page.buttons == [ORDER]
    replies = await buyer.say(code_fa)
    assert any(r.buttons == [ORDER] for r in replies)


async def test_shop_share_and_not_published_listings_are_not_shared(bot: BotHarness,
                                                                    person) -> None:
    seller, buyer = await person("مریم"), await person("سارا")
    listing = await published_listing(bot, seller)
    async with bot.db.session() as s:
        await search_index.reindex(s, await s.get(Listing, listing.id))
    (mine,) = await seller.say(MY)
    (card,) = await seller.tap(mine.buttons[0], mine)
    share, _hint = await seller.tap(SHARE_SHOP, card)
    assert "🏠 فروشگاه مریم رضایی" in share.text and "کد فروشگاه:" in share.text
    number = codes.in_message(share.caption if hasattr(share, "caption") else share.text)
    assert number is not None
    replies = await buyer.say(str(number))
    assert any("🏠 فروشگاه مریم رضایی" in (r.text or "") for r in replies)

    async with bot.db.session() as s:
        (await s.get(Listing, listing.id)).status = m.PAUSED
    await seller.tap(SHARE, card)
    assert "منتشر شده" in seller.answers()[-1], "a paused listing is not shared"


async def test_migration_backfills_numbers_for_listings_already_published(db_url) -> None:
    from sqlalchemy import text

    from bot.db import Database
    from bot.ops import migrate

    db = Database(db_url)
    try:
        await migrate.upgrade(db, target="0008")
        async with db.engine.begin() as conn:
            await conn.execute(text(
                "INSERT INTO users (id, first_name, created_at, updated_at) "
                "VALUES (7, 'م', '2025-03-01', '2025-03-01')"))
            await conn.execute(text(
                "INSERT INTO sellers (user_id, name, phone, province_code, city_code, crafts, "
                "registered_at, created_at, updated_at) VALUES (7, 'مریم', '+989121234567', "
                "'zanjan', 'zanjan.abhar', '[]', '2025-03-01', '2025-03-01', '2025-03-01')"))
            for i, (status, code) in enumerate([("published", "Pub0000001"), ("paused", "Pau0000001"),
                                                ("draft", None), ("pending", None)]):
                await conn.execute(text(
                    "INSERT INTO listings (seller_id, status, title, delivery, flow, review_round, "
                    "public_code, channel_message_ids, created_at, updated_at) VALUES (7, :s, :t, "
                    "'[]', '{}', 0, :c, '[]', '2025-03-01', '2025-03-01')"),
                    {"s": status, "t": f"t{i}", "c": code})
            await conn.execute(text(
                "INSERT INTO shop_links (seller_id, code, created_at) VALUES (7, 'abcdEF12', '2025-03-01')"))
        await migrate.upgrade(db)
        async with db.engine.connect() as conn:
            rows = dict((await conn.execute(text("SELECT status, short_code FROM listings"))).all())
            shop = await conn.scalar(text("SELECT short_code FROM shop_links"))
    finally:
        await db.dispose()
    assert rows["draft"] is None and rows["pending"] is None
    numbers = {rows["published"], rows["paused"], shop}
    assert len(numbers) == 3 and all(1000 <= n <= 9999 for n in numbers)


async def test_two_publishers_drawing_the_same_number_both_get_one(bot: BotHarness, person,
                                                                   monkeypatch) -> None:
    seller = await person("مریم")
    await make_seller(bot, seller)
    async with bot.db.session() as s:
        first = Listing(seller_id=seller.id, status=m.PUBLISHED, title="a", public_code="CodeA0001",
                        delivery=[], flow={})
        second = Listing(seller_id=seller.id, status=m.PUBLISHED, title="b",
                         public_code="CodeB0001", delivery=[], flow={})
        s.add_all([first, second])
        await s.flush()
        taken = await codes.give_listing_code(s, first)
        draws = iter([taken, taken + 1 if taken < 9999 else taken - 1])

        async def racing(session) -> int:  # the check saw it free: another transaction won
            return next(draws)

        monkeypatch.setattr(codes, "new_code", racing)
        got = await codes.give_listing_code(s, second)
        assert got != taken and second.title == "b" and second.status == m.PUBLISHED
