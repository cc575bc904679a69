"""Buyers order through the bot; the relay connects them with the seller."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import jdatetime
from harness import BotHarness, Person
from order_helpers import COURIER, place, published_listing, wait_text
from sqlalchemy import func, select

from bot.services import orders as svc
from models import listing as m
from models import order as om
from models.listing import Listing
from models.order import Order, OrderMessage, Review
from models.state import Draft

FA_MONTHS = ("فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور",
             "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند")


def jalali_month_and_year(when: datetime) -> tuple[str, str]:
    """The Persian month name and the year in Persian digits of a moment (in Tehran), worked
    out here rather than written down, so the test holds in any year."""
    local = when.astimezone(ZoneInfo("Asia/Tehran")) if when.tzinfo else when
    j = jdatetime.date.fromgregorian(date=local.date())
    return FA_MONTHS[j.month - 1], str(j.year).translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))


async def test_a_buyers_address_too_long_is_told_in_words_and_asked_again(bot: BotHarness, person) -> None:
    """COPY rule 6: an address past its limit is answered with how many words to take out
    (no count of characters), the address is asked again and her earlier answers stay."""
    seller, buyer = await person("مریم"), await person("سارا")
    await published_listing(bot, seller)
    await buyer.say("/start l_Kilim12345")
    await buyer.tap("🛒 سفارش می‌دهم")
    await buyer.say("۲")
    await buyer.tap(next(b for b in buyer.last.buttons if "پست" in b))
    await buyer.say("سارا محمدی")
    long = " ".join(["خیابان"] * 50)  # 50 × 6 letters and the spaces: 349 of 300; 7 words over
    (hint,) = await buyer.say(long)
    assert hint.text.startswith("این نشانی بلند است؛ حدود ۷ کلمه از آن کم کنید و دوباره بفرستید.")
    assert "نشانی کامل را بنویسید" in hint.text, "the address is asked again"
    assert "حرف" not in hint.text and "۳۰۰" not in hint.text
    async with bot.db.session() as s:
        form = dict((await s.get(Draft, (buyer.id, "order"))).data)
        assert await s.scalar(select(func.count()).select_from(Order)) == 0
    assert (form["step"], form["quantity"], form["name"]) == ("address", 2, "سارا محمدی")
    assert "address" not in form
    (q,) = await buyer.say("تهران، خیابان انقلاب، کوچهٔ بهار، پلاک ۱۲")
    assert q.text.startswith("شمارهٔ موبایل گیرنده")
    async with bot.db.session() as s:
        form = dict((await s.get(Draft, (buyer.id, "order"))).data)
    assert (form["name"], form["address"]) == ("سارا محمدی", "تهران، خیابان انقلاب، کوچهٔ بهار، پلاک ۱۲")


async def test_full_order_card_to_card_to_review(bot: BotHarness, person) -> None:
    seller, buyer = await person("مریم"), await person("سارا")
    listing = await published_listing(bot, seller, voice=True)
    replies = await buyer.say("/start l_Kilim12345")
    card = next(r for r in replies if "photo" in r.message)
    assert "گلیم دستباف زنجان" in card.text and "۱۲۰٬۰۰۰ تومان" in card.text
    assert "هنوز نظری ثبت نشده" in card.text and card.buttons == ["🛒 سفارش می‌دهم"]
    assert any("voice" in r.message for r in replies), "the spoken description is offered"

    (q,) = await buyer.tap("🛒 سفارش می‌دهم", card)
    assert "تا ۳ عدد" in q.text
    (hint,) = await buyer.say("۵")
    assert "از ۱ تا ۳" in hint.text
    (hint,) = await buyer.send("sticker")
    assert "از ۱ تا ۳" in hint.text
    (q,) = await buyer.say("۲")
    assert "۲۷۰٬۰۰۰ تومان" in q.text  # 2 × 120,000 + 30,000 post (figures in the text, issue 11 item 5)
    await buyer.tap(next(b for b in q.buttons if "پست" in b), q)
    await buyer.say("سارا محمدی")
    (hint,) = await buyer.say("تهران")
    assert "نشانی خیلی کوتاه" in hint.text
    await buyer.say("تهران، خیابان انقلاب، کوچهٔ بهار، پلاک ۱۲")
    (hint,) = await buyer.send("contact", "+989121112233", "دوستم")
    assert "شمارهٔ شخص دیگری" in hint.text
    await buyer.say("۰۹۳۵۱۱۱۲۲۳۳")
    (summary,) = await buyer.say("لطفاً قرمز باشد")
    assert "💰 جمع کل: ۲۷۰٬۰۰۰ تومان" in summary.text and "۰۹۳۵۱۱۱۲۲۳۳" in summary.text
    await buyer.tap("✅ ثبت سفارش", summary)
    order_id = None
    async with bot.db.session() as s:
        order = (await s.scalars(select(Order))).one()
        order_id = order.id
    assert (order.quantity, order.total, order.status) == (2, 270_000, om.NEW)

    new = await wait_text(seller, "سفارش تازه")
    # the seller does not see the buyer's phone or address before accepting
    assert "۰۹۳۵۱۱۱۲۲۳۳" not in new.text and "انقلاب" not in new.text and "سارا" not in new.text
    assert "🔒" in new.text and "لطفاً قرمز باشد" in new.text
    assert new.buttons[:2] == ["✅ می‌پذیرم", "✖️ نمی‌پذیرم"]
    await seller.tap("✅ می‌پذیرم", new)
    pressed = next(r for r in seller.sb.records(seller.id) if r.message_id == new.message_id)
    assert pressed.buttons == [], "a card that has had its say keeps no live-looking buttons"
    (pay,) = [r for r in seller.sb.records(seller.id) if "چطور پرداخت" in (r.text or "")]
    await seller.tap("💳 کارت‌به‌کارت", pay)
    (hint,) = await seller.say("1234")
    assert "شمارهٔ کارت باید ۱۶ رقم باشد" in hint.text
    (hint,) = await seller.say("6037 9975 1234 5678")  # sixteen digits, a typo somewhere
    assert "درست به نظر نمی‌رسد" in hint.text
    replies = await seller.say("6037 9975 9999 9993")  # a valid (Luhn) number
    accepted_card = replies[-1]
    assert "۰۹۳۵۱۱۱۲۲۳۳" in accepted_card.text and "انقلاب" in accepted_card.text
    async with bot.db.session() as s:
        assert (await s.get(Listing, listing.id)).stock == 1

    told = await wait_text(buyer, "فروشنده سفارش شمارهٔ")
    assert "کارت‌به‌کارت" in told.text
    assert "\u2066۶۰۳۷-۹۹۷۵-۹۹۹۹-۹۹۹۳\u2069" in told.text, "left to right inside the Persian line"
    await buyer.tap("📎 فرستادن عکس رسید", told)
    (hint,) = await buyer.say("واریز کردم")
    assert "عکس رسید را بفرستید" in hint.text
    await buyer.send("photo", b"receipt")
    check = await wait_text(seller, "رسید سفارش شمارهٔ")
    assert any("photo" in r.message for r in seller.sb.records(seller.id))
    await seller.tap("✅ پول رسید", check)
    await wait_text(buyer, "دریافت پول سفارش")
    card_now = seller.last
    await seller.tap("📦 ارسال کردم", card_now)
    await seller.say("RR123456789IR")
    shipped = await wait_text(buyer, "ارسال شد")
    assert "RR123456789IR" in shipped.text
    await buyer.tap("✅ سفارش را تحویل گرفتم", shipped)
    rate = buyer.last
    assert "ستاره" in rate.text
    await buyer.tap("⭐️⭐️⭐️⭐️⭐️", rate)
    await buyer.say("خیلی خوش‌رنگ و تمیز بود")
    await wait_text(seller, "تحویل گرفتن سفارش")
    async with bot.db.session() as s:
        order = await s.get(Order, order_id)
        review = await s.get(Review, order_id)
    assert order.status == om.COMPLETED and order.delivered_at and order.completed_at
    assert (review.rating, review.text) == (5, "خیلی خوش‌رنگ و تمیز بود")
    replies = await (await person("ندا")).say("/start l_Kilim12345")
    assert any("⭐️ ۵٫۰ از ۵ (۱ نظر)" in (r.text or "") for r in replies)


async def test_decline_path_and_forged_order_ids(bot: BotHarness, person) -> None:
    seller, buyer = await person("مریم"), await person("سارا")
    await published_listing(bot, seller)
    order_id = await place(buyer, post=False)
    new = await wait_text(seller, "سفارش تازه")
    stranger = await person("غریبه")
    await stranger.say("/start")
    for data in (f"o:acc:{order_id}", f"o:pay:cod:{order_id}", f"o:view:{order_id}",
                 f"o:msg:{order_id}", f"o:dec:{order_id}"):
        await stranger.forge(stranger.last, data)
        assert stranger.answers()[-1] == "این سفارش را نمی‌توانید ببینید."
    await buyer.forge(buyer.last, f"o:pay:cod:{order_id}")  # the buyer cannot accept her own
    assert buyer.answers()[-1] == "این سفارش را نمی‌توانید ببینید."
    async with bot.db.session() as s:
        assert (await s.get(Order, order_id)).status == om.NEW
    await seller.tap("✖️ نمی‌پذیرم", new)
    await seller.say("این رنگ دیگر تمام شده")
    told = await wait_text(buyer, "نپذیرفت")
    assert "این رنگ دیگر تمام شده" in told.text
    async with bot.db.session() as s:
        got = await s.get(Order, order_id)
        assert (got.status, got.reason) == (om.DECLINED, "این رنگ دیگر تمام شده")
    await seller.forge(new, f"o:pay:cod:{order_id}")  # accepting it later
    assert seller.answers()[-1].startswith("این کار الان برای این سفارش")


async def test_buyer_cancels_before_acceptance(bot: BotHarness, person) -> None:
    seller, buyer = await person("مریم"), await person("سارا")
    await published_listing(bot, seller)
    order_id = await place(buyer)
    await wait_text(seller, "سفارش تازه")
    (lst,) = await buyer.say("/orders")
    async with bot.db.session() as s:
        month, year = jalali_month_and_year((await s.get(Order, order_id)).created_at)
    assert ("منتظر جواب فروشنده" in lst.text and month in lst.text) or year in lst.text  # issue 11 item 5: status and date in the text
    (card,) = await buyer.tap(lst.buttons[0], lst)
    await buyer.tap("✖️ لغو سفارش", card)
    await buyer.tap("✖️ بله، لغو شود")  # asked once first (test_trial_fixes.py)
    await wait_text(seller, "خریدار سفارش شمارهٔ")
    async with bot.db.session() as s:
        assert (await s.get(Order, order_id)).status == om.CANCELLED


async def test_relay_carries_nothing_that_identifies_the_sender(bot: BotHarness, person) -> None:
    seller, buyer = await person("مریم", username="maryam_shop"), await person("سارا", username="sara_b")
    await published_listing(bot, seller)
    order_id = await place(buyer)
    new = await wait_text(seller, "سفارش تازه")
    await buyer.say("/orders")
    (card,) = await buyer.tap(buyer.last.buttons[0])
    await buyer.tap("✉️ پیام به فروشنده", card)
    await buyer.say("سلام، اندازه‌اش چند متر است؟")
    got = await wait_text(seller, "پیام خریدار")
    assert "اندازه‌اش چند متر" in got.text
    raw = str(got.message)
    for leak in ("sara_b", "سارا", "۰۹۳۵", "0935", str(buyer.id), "forward"):
        assert leak not in raw, leak
    await seller.tap("✉️ پاسخ", got)
    await seller.send("voice", b"OggS-answer", 4)
    voice = await buyer.sb.wait_for_bot_message(buyer.id, lambda r: "voice" in r.message, after=0)
    assert "پیام فروشنده دربارهٔ سفارش" in voice.text
    raw = str(voice.message)
    for leak in ("maryam_shop", str(seller.id), "۰۹۱۲", "forward"):
        assert leak not in raw, leak
    async with bot.db.session() as s:
        kinds = (await s.scalars(select(OrderMessage.kind).order_by(OrderMessage.id))).all()
    assert kinds == ["text", "voice"]
    _ = (new, order_id)


async def test_reminder_after_24_hours_survives_a_restart(standin, db_url) -> None:
    group = await standin.create_group("مربیان", [])
    bot = BotHarness(standin, db_url, admin_chat_id=group["id"])
    await bot.start()
    try:
        seller, buyer = Person(bot, await standin.create_user("مریم")), Person(bot, await standin.create_user("سارا"))
        await published_listing(bot, seller)
        order_id = await place(buyer)
        await wait_text(seller, "سفارش تازه")
        async with bot.db.session() as s:
            (await s.get(Order, order_id)).created_at -= timedelta(hours=25)
        await bot.restart()
        job = bot.app.job_queue.get_jobs_by_name("order-reminders")[0]
        await job.run(bot.app)
        reminder = await wait_text(seller, "از دیروز منتظر جواب شماست")
        await job.run(bot.app)  # once only
        await bot.idle()
        assert len([r for r in standin.records(seller.id) if "از دیروز" in (r.text or "")]) == 1
        assert "✅ می‌پذیرم" in reminder.buttons
        assert [r for r in standin.records(group["id"]) if r.from_bot] == []  # not 48 h yet
        async with bot.db.session() as s:
            (await s.get(Order, order_id)).created_at -= timedelta(hours=24)
        await job.run(bot.app)
        alert = await standin.wait_until(
            lambda: next((r for r in standin.records(group["id"]) if r.from_bot), None), timeout=10)
        assert "۴۸ ساعت" in alert.text and "مریم رضایی" in alert.text
    finally:
        await bot.stop()


async def test_listing_no_longer_published_says_so_politely(bot: BotHarness, person) -> None:
    seller, buyer = await person("مریم"), await person("سارا")
    listing = await published_listing(bot, seller)
    async with bot.db.session() as s:
        (await s.get(Listing, listing.id)).status = m.WITHDRAWN
    (reply,) = await buyer.say("/start l_Kilim12345")
    assert reply.text.startswith("این محصول دیگر برای فروش نیست")
    (reply,) = await buyer.say("/start l_NoSuchCode")
    assert reply.text.startswith("این محصول دیگر برای فروش نیست")
    (reply,) = await buyer.say("/start l_../../etc")
    assert reply.text.startswith("این محصول دیگر برای فروش نیست")
    # a buyer who opened it earlier and presses «order» now
    async with bot.db.session() as s:
        assert await s.scalar(select(func.count()).select_from(Order)) == 0


async def test_cancel_after_acceptance_returns_stock_and_trainer_steps_in(standin, db_url) -> None:
    trainer_u = await standin.create_user("زهرا", username="zahra_t")
    manager_u = await standin.create_user("مدیر")
    bot = BotHarness(standin, db_url, admin_ids=(manager_u["id"],))
    await bot.start()
    try:
        seller = Person(bot, await standin.create_user("مریم"))
        buyer = Person(bot, await standin.create_user("سارا"))
        trainer, manager = Person(bot, trainer_u), Person(bot, manager_u)
        await trainer.say("/start")
        await manager.say("/start")
        await manager.say("/addtrainer @zahra_t")
        listing = await published_listing(bot, seller, stock=1, delivery=COURIER)
        order_id = await place(buyer, via="پیک")  # cash on delivery: not by post
        new = await wait_text(seller, "سفارش تازه")
        await seller.tap("✅ می‌پذیرم", new)
        await seller.tap("💵 نقدی هنگام تحویل")
        async with bot.db.session() as s:
            got = await s.get(Listing, listing.id)
            assert (got.stock, got.status) == (0, m.SOLD_OUT)
        # a second order is refused: nothing left
        other = Person(bot, await standin.create_user("ندا"))
        (gone,) = (await other.say("/start l_Kilim12345"))[-1:]
        assert "فعلاً تمام شده" in gone.text

        (stuck,) = await trainer.say("/stuck")
        assert stuck.text == "سفارش گیرکرده‌ای نیست."
        async with bot.db.session() as s:
            o = await s.get(Order, order_id)
            o.status, o.receipt_status = om.ACCEPTED, om.RECEIPT_DISPUTED
        (stuck,) = await trainer.say("/stuck")
        (card,) = await trainer.tap(stuck.buttons[0], stuck)
        assert "سارا محمدی" in card.text, "trainers see the whole order"
        await trainer.tap("✉️ پیام به خریدار", card)
        await trainer.say("سلام، مربی همیار هستم؛ لطفاً رسید را دوباره بفرستید.")
        for p in (buyer, seller):
            got = await wait_text(p, "پیام مربی همیار")
            assert "رسید را دوباره" in got.text and "زهرا" not in str(got.message)
        await trainer.tap("✖️ لغو و نوشتن دلیل", card)
        await trainer.say("خریدار و فروشنده توافق کردند")
        for p in (buyer, seller):
            await wait_text(p, "مربی همیار سفارش شمارهٔ")
        async with bot.db.session() as s:
            o = await s.get(Order, order_id)
            got = await s.get(Listing, listing.id)
            assert (o.status, o.cancelled_by, o.reason) == (om.CANCELLED, "trainer", "خریدار و فروشنده توافق کردند")
            assert (got.stock, got.status) == (1, m.PUBLISHED), "the stock came back"
    finally:
        await bot.stop()


def test_order_flows_match_their_pictures_and_conversations() -> None:
    """Each order conversation's states come from its table, and docs/flows has its picture."""
    from pathlib import Path

    from bot.i18n import I18n
    from handlers import order_chat, ordering

    root = Path(__file__).resolve().parent.parent
    conversations = {ordering.FLOW: ordering.build_order(I18n()),
                     order_chat.FLOW: order_chat.build_chat(I18n(), [])}
    for flow, conversation in conversations.items():
        assert (root / "docs" / "flows" / f"{flow.name}.mmd").read_text() == flow.mermaid()
        assert tuple(conversation.states) == flow.states
        assert conversation.name == flow.name


def test_order_buttons_keep_their_wire_format() -> None:
    """Buttons already in chats must keep working: same prefixes, same field order."""
    from bot.callbacks import OrderAction, OrderDelivery, OrderNew, OrderPay, OrderRate, OrderStep

    assert [b.pack() for b in (OrderNew(42), OrderDelivery("post"), OrderStep("confirm"),
                               OrderAction("acc", 7), OrderPay("newcard", 7), OrderRate(5, 7))] == [
        "ord:new:42", "ord:dlv:post", "ord:confirm", "o:acc:7", "o:pay:newcard:7", "o:rate:5:7"]
    assert OrderPay.parse("o:pay:cod:12") == OrderPay("cod", 12)
    assert OrderAction.parse("o:pay:cod:12") is None and OrderAction.parse("o:view:1234567890123") is None


async def test_back_and_cancel_walk_the_order_form(bot: BotHarness, person) -> None:
    """«بازگشت» goes one step back (past the address when it is picked up in person), the
    inline back too; back from the first step drops the form; «انصراف» anywhere drops it."""
    from models.state import Draft

    seller, buyer = await person("مریم"), await person("سارا")
    await published_listing(bot, seller)
    await buyer.say("/start l_Kilim12345")
    await buyer.tap("🛒 سفارش می‌دهم")
    (q,) = await buyer.say("۲")
    await buyer.tap(next(b for b in q.buttons if "حضوری" in b), q)
    (q,) = await buyer.say("سارا محمدی")
    assert q.text.startswith("شمارهٔ موبایل گیرنده"), "picked up in person: no address asked"
    (q,) = await buyer.say("↩️ بازگشت")
    assert q.text.startswith("نام گیرنده") and "سارا محمدی" in q.buttons
    (q,) = await buyer.say("↩️ بازگشت")
    assert q.text.startswith("محصول چطور به دستتان برسد")
    (q,) = await buyer.tap("↩️ بازگشت", q)
    assert "تا ۳ عدد" in q.text
    (q,) = await buyer.say("↩️ بازگشت")
    assert q.text.startswith("سفارش ثبت نشد")
    async with bot.db.session() as s:
        assert await s.get(Draft, (buyer.id, "order")) is None
    await buyer.say("/start l_Kilim12345")
    await buyer.tap("🛒 سفارش می‌دهم")
    (q,) = await buyer.say("۱")
    await buyer.tap(next(b for b in q.buttons if "پست" in b), q)
    await buyer.say("سارا محمدی")
    (q,) = await buyer.say("تهران، خیابان انقلاب، کوچهٔ بهار، پلاک ۱۲")
    (q,) = await buyer.say("↩️ بازگشت")
    assert q.text.startswith("نشانی کامل"), "sent by post: back from the phone is the address"
    (q,) = await buyer.say("✖️ انصراف")
    assert q.text.startswith("سفارش ثبت نشد")
    async with bot.db.session() as s:
        assert await s.get(Draft, (buyer.id, "order")) is None
        assert await s.scalar(select(func.count()).select_from(Order)) == 0


async def test_repeat_buyer_reuses_her_last_receiver_and_the_seller_hears_of_reviews(
        bot: BotHarness, person) -> None:
    seller, buyer = await person("مریم"), await person("سارا")
    await published_listing(bot, seller, stock=5)
    first = await place(buyer)  # by post: name, address, phone typed
    await buyer.say("/start l_Kilim12345")
    await buyer.tap("🛒 سفارش می‌دهم")
    await buyer.say("۱")
    (q,) = await buyer.tap(next(b for b in buyer.last.buttons if "پست" in b))
    assert "سارا محمدی" in q.text and "۰۹۳۵۱۱۱۲۲۳۳" in q.text and "انقلاب" in q.text
    assert "📍 همان نشانی قبلی" in str(q.keyboard)
    (note_q,) = await buyer.say("📍 همان نشانی قبلی")
    assert "توضیحی برای فروشنده" in note_q.text, "name, phone and address in one tap"
    (summary,) = await buyer.say("⏭ بعدی")
    assert "👤 سارا محمدی — ۰۹۳۵۱۱۱۲۲۳۳" in summary.text and "📍 تهران، خیابان انقلاب" in summary.text
    assert "📝" not in summary.text, "no empty note line"
    # she can still go back and give someone else
    await buyer.tap("↩️ بازگشت", summary)
    await buyer.say("↩️ بازگشت")
    await buyer.say("↩️ بازگشت")
    (q,) = await buyer.say("↩️ بازگشت")
    assert "نام گیرندهٔ تازه" in q.text
    await buyer.say("مینا کریمی")
    (q,) = await buyer.say("شیراز، خیابان زند، کوچهٔ ۵، پلاک ۳")
    await buyer.say("۰۹۱۷۱۲۳۴۵۶۷")
    (summary,) = await buyer.say("⏭ بعدی")
    assert "مینا کریمی" in summary.text and "شیراز" in summary.text
    replies = await buyer.tap("✅ ثبت سفارش", summary)
    assert "ثبت شد" in replies[-1].text
    async with bot.db.session() as s:
        second = await s.scalar(select(func.max(Order.id)))
        assert (await s.get(Order, second)).receiver_name == "مینا کریمی"
        # the first order reaches its end, and she gives it stars and a few words
        o = await s.get(Order, first)
        o.status = om.COMPLETED
    async with bot.db.session() as s:
        role = await svc.for_user(s, first, buyer.id)
        await svc.review(s, role, 4, None)
    told = await wait_text(seller, "نظر تازه برای فروشگاه شما")
    assert "⭐️⭐️⭐️⭐️" in told.text and "سفارش شمارهٔ" in told.text
    async with bot.db.session() as s:
        role = await svc.for_user(s, first, buyer.id)
        await svc.review(s, role, 4, "بسیار زیبا")
    words = await wait_text(seller, "بسیار زیبا")
    assert "نوشت" in words.text
