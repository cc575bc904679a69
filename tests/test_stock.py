"""Stock is held when an order is placed and given back when it does not go ahead; the channel
post follows every change of stock (issue 11, items 7 and 8)."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from harness import BotHarness, Person
from order_helpers import latest_order, place, published_listing, to_summary, wait_text
from sqlalchemy import func, select

from bot.services import listing as listing_svc
from bot.services import order_reminders
from bot.services import orders as svc
from models import listing as m
from models import order as om
from models.listing import Listing
from models.order import Order


async def _on_channel(bot: BotHarness, channel: dict, listing: Listing) -> int:
    """The listing's card in the channel, as publishing would have left it."""
    card = await bot.app.bot.send_photo(channel["id"], listing.photos[0].file_id, caption="کارت")
    async with bot.db.session() as s:
        got = await s.get(Listing, listing.id)
        got.channel_chat_id, got.channel_card_message_id = str(channel["id"]), card.message_id
    return card.message_id


def _post(standin, channel: dict, message_id: int):
    return next(r for r in standin.records(channel["id"]) if r.message_id == message_id)


async def test_twenty_buyers_for_the_last_three_items(standin, db_url) -> None:
    channel = await standin.create_channel("کاتالوگ", username="hamyar_catalogue")
    bot = BotHarness(standin, db_url, catalogue_channel_id=channel["id"])
    await bot.start()
    try:
        seller = Person(bot, await standin.create_user("مریم"))
        listing = await published_listing(bot, seller, stock=3)
        card_id = await _on_channel(bot, channel, listing)
        buyers = [Person(bot, await standin.create_user(f"خریدار {i}")) for i in range(20)]
        summaries = await asyncio.gather(*(to_summary(b, post=False) for b in buyers))
        assert all("ثبت سفارش" in s.text for s in summaries)
        # all twenty press «ثبت سفارش» at once
        answers = await asyncio.gather(*(b.tap("✅ ثبت سفارش", s) for b, s in zip(buyers, summaries, strict=True)))
        placed = [a[-1] for a in answers if "ثبت شد" in a[-1].text]
        told = [a[-1] for a in answers if "تمام شد" in a[-1].text]
        assert (len(placed), len(told)) == (3, 17)
        assert all("۴۸ ساعت" in p.text for p in placed), "the buyer is told how long it is held"
        assert all("ثبت نشد" in t.text for t in told)
        async with bot.db.session() as s:
            orders = await s.scalar(select(func.count()).select_from(Order))
            got = await s.get(Listing, listing.id)
        assert orders == 3 and (got.stock, got.status) == (0, m.SOLD_OUT)
        await bot.idle()
        post = _post(standin, channel, card_id)
        assert "⛔️ تمام شد" in post.text and not post.reply_markup
        # the seller accepts all three: nothing more to take, nothing refused
        for order_id in (await _order_ids(bot)):
            async with bot.db.session() as s:
                await svc.accept(s, await svc.for_user(s, order_id, seller.id), om.COD)
        async with bot.db.session() as s:
            counts = dict((await s.execute(select(Order.status, func.count()).group_by(Order.status))).all())
            assert counts == {om.ACCEPTED: 3} and (await s.get(Listing, listing.id)).stock == 0
    finally:
        await bot.stop()


async def _order_ids(bot: BotHarness) -> list[int]:
    async with bot.db.session() as s:
        return list((await s.scalars(select(Order.id).order_by(Order.id))).all())


async def test_concurrent_placing_in_separate_transactions_never_oversells(bot, person) -> None:
    seller = await person("مریم")
    listing = await published_listing(bot, seller, stock=3)
    buyers = [await person(f"خریدار {i}") for i in range(8)]
    data = {"listing_id": listing.id, "quantity": 1, "delivery": "post", "name": "سارا",
            "address": "تهران، خیابان انقلاب، پلاک ۱۲", "phone": "+989351112233"}

    async def order(buyer_id: int) -> str:
        try:
            async with bot.db.session() as s:
                await svc.place(s, buyer_id, dict(data))
            return "placed"
        except svc.InputError as err:
            return err.key

    results = await asyncio.gather(*(order(b.id) for b in buyers))
    assert results.count("placed") == 3
    assert set(results) - {"placed"} <= {"ord-err-sold-out-now"}
    async with bot.db.session() as s:
        got = await s.get(Listing, listing.id)
        assert (got.stock, got.status) == (0, m.SOLD_OUT)
        assert await s.scalar(select(func.count()).select_from(Order)) == 3


async def test_channel_post_follows_every_change_of_stock(standin, db_url) -> None:
    channel = await standin.create_channel("کاتالوگ", username="hamyar_catalogue")
    bot = BotHarness(standin, db_url, catalogue_channel_id=channel["id"])
    await bot.start()
    try:
        seller = Person(bot, await standin.create_user("مریم"))
        buyer = Person(bot, await standin.create_user("سارا"))
        listing = await published_listing(bot, seller, stock=2)
        card_id = await _on_channel(bot, channel, listing)
        order_id = await place(buyer)
        await bot.idle()
        post = _post(standin, channel, card_id)
        assert "موجود: ۱ عدد" in post.text, "after 1 of 2 sold the post says one is left"
        assert post.reply_markup, "still on sale"
        # the seller declines: the held one is back
        new = await wait_text(seller, "سفارش تازه")
        await seller.tap("✖️ نمی‌پذیرم", new)
        await seller.say("رنگش تمام شده")
        await bot.idle()
        assert "موجود: ۲ عدد" in _post(standin, channel, card_id).text
        async with bot.db.session() as s:
            assert (await s.get(Order, order_id)).stock_taken is False
        # the seller changes the stock in «محصولات من»
        async with bot.db.session() as s:
            await listing_svc.change_stock(s, await s.get(Listing, listing.id), "۵")
        await bot.idle()
        assert "موجود: ۵ عدد" in _post(standin, channel, card_id).text
    finally:
        await bot.stop()


async def test_edits_of_one_post_waiting_in_the_outbox_are_coalesced(bot: BotHarness, person) -> None:
    """Three changes of stock made before the first edit went out leave one edit of the post,
    with the latest stock."""
    from models.outbox import OutboxMessage

    seller = await person("مریم")
    listing = await published_listing(bot, seller, stock=5)
    async with bot.db.session() as s:
        got = await s.get(Listing, listing.id)
        got.channel_chat_id, got.channel_card_message_id = "-1001", 77
    async with bot.db.session() as s:
        for n in ("۴", "۳", "۲"):
            await listing_svc.change_stock(s, await s.get(Listing, listing.id), n)
    async with bot.db.session() as s:
        edits = (await s.scalars(select(OutboxMessage).where(
            OutboxMessage.dedupe_key.startswith(f"post-edit:{listing.id}:")))).all()
    assert len(edits) == 1 and "موجود: ۲ عدد" in edits[0].payload["caption"]


async def test_decline_cancel_and_timeout_give_the_items_back(bot: BotHarness, person) -> None:
    seller = await person("مریم")
    listing = await published_listing(bot, seller, stock=1)
    first, second, third = await person("سارا"), await person("ندا"), await person("رعنا")

    async def stock() -> tuple[int, str]:
        async with bot.db.session() as s:
            got = await s.get(Listing, listing.id)
            return got.stock, got.status

    # declined
    await place(first)
    assert await stock() == (0, m.SOLD_OUT)
    (gone,) = (await second.say("/start l_Kilim12345"))[-1:]
    assert "تمام شده" in gone.text
    new = await wait_text(seller, "سفارش تازه")
    await seller.tap("✖️ نمی‌پذیرم", new)
    await seller.say("فعلاً نمی‌توانم")
    assert await stock() == (1, m.PUBLISHED)

    # cancelled by the buyer before the seller answered
    order_id = await place(second)
    assert await stock() == (0, m.SOLD_OUT)
    async with bot.db.session() as s:
        await svc.cancel_new(s, await svc.for_user(s, order_id, second.id))
    assert await stock() == (1, m.PUBLISHED)

    # left unanswered: held for two days, then cancelled by the reminder job
    order_id = await place(third)
    async with bot.db.session() as s:
        (await s.get(Order, order_id)).created_at -= timedelta(hours=47)
    async with bot.db.session() as s:
        await order_reminders.run_reminders(s)
    assert await stock() == (0, m.SOLD_OUT), "still held before the time is up"
    async with bot.db.session() as s:
        (await s.get(Order, order_id)).created_at -= timedelta(hours=2)
    async with bot.db.session() as s:
        await order_reminders.run_reminders(s)
    async with bot.db.session() as s:
        order = await s.get(Order, order_id)
        assert (order.status, order.cancelled_by, order.stock_taken) == (om.CANCELLED, "timeout", False)
    assert await stock() == (1, m.PUBLISHED)
    told = await wait_text(third, "جواب نداد")
    assert "۴۸ ساعت" in told.text
    await wait_text(seller, "بی‌جواب ماند")
    async with bot.db.session() as s:  # once only
        assert await order_reminders.run_reminders(s) == 0
    assert await latest_order(third) == order_id
