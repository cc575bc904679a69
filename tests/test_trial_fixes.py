"""What a new-user trial of the bot found (session 3): each fixed end to end, through the
stand-in, asserting what each person sees and what the database holds."""

from __future__ import annotations

from harness import Person, World
from listing_helpers import CANCEL, DONE, MY, NEW, SKIP, make_seller, walk
from order_helpers import place, published_listing, wait_text
from sqlalchemy import func, select
from test_browse import add_listing, add_seller, photo_id
from test_moderation import CHANGES, SUBMIT, submitted_listing

from bot import persian
from bot.callbacks import CostConfirm
from models import listing as m
from models import order as om
from models.group import HamyarGroup
from models.listing import Listing
from models.moderation import Decision
from models.order import Order

FIX = "✏️ اصلاح و فرستادن دوباره"
OVER = "🔄 از اول"


async def _send_back(w: World, listing_id: int, round_: int, note: str) -> None:
    card = await w.card(listing_id, round_)
    await w.press_in_group(w.trainer, card, CHANGES)  # the common fixes, and a typed one
    card_now = next(r for r in w.sb.records(w.group["id"]) if r.message_id == card.message_id)
    await w.press_in_group(w.trainer, card_now, "✍️ اصلاح دیگر (بنویسید)")
    msg = await w.sb.send_text(w.trainer.user, note, chat_id=w.group["id"])
    await w.bot.wait_processed(("msg", w.group["id"], msg["message_id"]))


async def test_starting_over_never_loses_a_listing_sent_back_and_its_resubmission_reaches_trainers(
        world: World) -> None:
    w = world
    seller, listing = await submitted_listing(w)
    await _send_back(w, listing.id, 1, "لطفاً اندازهٔ گلیم را هم بنویسید")
    told = await w.sb.wait_for_bot_message(seller.id, lambda r: "پیشنهادی دارد" in (r.text or ""))

    # three times: the fix opened and left (/cancel, «✖️ انصراف»: it goes back to «محصولات من»
    # at once; a link opened mid-way: it stays her draft, and «از اول» is chosen)
    await w.trainer.say("/newgroup ابهر گروه همیار یاس")
    async with w.bot.db.session() as s:
        code = await s.scalar(select(HamyarGroup.join_code))
    for leave in ("/cancel", CANCEL, f"/start g_{code}"):
        (preview,) = [r for r in await seller.tap(FIX, told) if SUBMIT in r.buttons] or [None]
        assert preview is not None
        left = await (seller.tap(leave) if leave == CANCEL else seller.say(leave))
        assert all("پاک کن" not in b for r in left for b in r.buttons), \
            "no «delete the draft» button for a listing the trainers have seen"
        if leave.startswith("/start"):
            (ask,) = await seller.tap(NEW)
            assert "یک محصول نیمه‌کاره دارید" in ask.text
            fresh = await seller.tap(OVER, ask)
        else:
            assert "نیمه‌کاره ماند" in left[0].text and left[-1].buttons == [FIX]
            fresh = await seller.tap(NEW)  # nothing unfinished: a new product begins
            assert all("یک محصول نیمه‌کاره دارید" not in (r.text or "") for r in fresh)
        assert any("رشته" in (r.text or "") or "گلیم‌بافی" in r.buttons for r in fresh)
        async with w.bot.db.session() as s:
            got = await s.get(Listing, listing.id)
            assert got is not None, "the listing sent back was deleted"
            assert got.status == m.NEEDS_CHANGES
            assert got.title == "گلیم دستباف زنجان" and got.price == 120_000
            assert got.voice_file_id and got.review_round == 1
            photos = await s.scalar(select(func.count()).select_from(m.ListingPhoto)
                                    .where(m.ListingPhoto.listing_id == listing.id))
            assert photos == 3
            assert await s.scalar(select(func.count()).select_from(Decision)) == 1
            drafts = (await s.scalars(select(Listing).where(Listing.status == m.DRAFT))).all()
            assert [d.id for d in drafts] and all(d.id != listing.id for d in drafts)
        await seller.say("/cancel")
        # «محصولات من» still shows it, sent back, with the trainer's note
        (mine,) = await seller.tap(MY)
        assert "گلیم دستباف زنجان" in mine.text
        (opened,) = await seller.tap(mine.buttons[0], mine)
        assert "اندازهٔ گلیم" in opened.text
        assert FIX in opened.buttons
        told = opened

    # the fix resubmitted reaches the trainers as round 2
    replies = await seller.tap(FIX, told)
    assert SUBMIT in replies[-1].buttons
    await seller.tap(SUBMIT)
    card2 = await w.card(listing.id, 2)
    assert "گلیم دستباف زنجان" in card2.text
    async with w.bot.db.session() as s:
        got = await s.get(Listing, listing.id)
        assert (got.status, got.review_round) == (m.PENDING, 2)

    # /queue posts the card again, with its photos and voice
    before = len(w.group_msgs())
    (q,) = await w.trainer.say("/queue")
    await w.trainer.tap(q.buttons[0], q)
    await w.idle()
    again = w.group_msgs()[before:]
    assert len([r for r in again if "photo" in r.message]) == 3
    assert any("voice" in r.message for r in again)
    assert any("گلیم دستباف زنجان" in (r.text or "") for r in again)


async def test_a_listing_number_used_again_still_gets_its_review_card(world: World) -> None:
    """SQLite gives the number of a deleted last row to the next row: the old card's
    idempotency key must not swallow the new listing's card."""
    w = world
    seller, listing = await submitted_listing(w)
    await w.card(listing.id)
    await w.idle()
    async with w.bot.db.session() as s:
        await s.delete(await s.get(Listing, listing.id))  # e.g. removed by hand
    before = len(w.group_msgs())
    await walk(seller, "preview")
    await seller.tap(SUBMIT)
    await w.idle()
    async with w.bot.db.session() as s:
        again = await s.scalar(select(Listing).where(Listing.seller_id == seller.id))
    # SQLite gives number 1 again (PostgreSQL's sequence does not: there the test is plain)
    assert again.review_round == 1 and (again.id == listing.id or w.bot.db.engine.dialect.name != "sqlite")
    new = w.group_msgs()[before:]
    assert len([r for r in new if "photo" in r.message]) == 3
    n = persian.to_persian_digits(str(again.id))
    assert any(f"محصول شمارهٔ {n} برای بررسی (نوبت ۱)" in (r.text or "") for r in new)


async def test_a_delivery_cost_in_words_under_a_thousand_is_said_back_before_it_is_kept(
        bot, person) -> None:
    """«پنجاه تومن» for the postage means ۵۰٬۰۰۰, as at the price step: said back, kept only on
    «بله»; «نه» asks again; an old «بله» changes nothing."""
    p = await person()
    await make_seller(bot, p)
    await walk(p, "delivery_cost")

    async def post_cost() -> object:
        async with bot.db.session() as s:
            lst = await m.current_draft(s, p.id)
            return next(d for d in lst.delivery if d["method"] == m.POST).get("cost")

    (question,) = await p.say("پنجاه تومن")
    assert "هزینهٔ «📮 پست به شهرهای دیگر» را ۵۰٬۰۰۰ تومان فهمیدیم. درست است؟" in question.text
    assert question.buttons == ["✅ بله، درست است", "✏️ نه، دوباره می‌نویسم"]
    assert await post_cost() == 0, "nothing kept before she says yes"
    (again,) = await p.tap("✏️ نه، دوباره می‌نویسم", question)
    assert "هزینهٔ «📮 پست به شهرهای دیگر» برای خریدار چقدر است؟" in again.text
    assert next(r for r in p.sb.records(p.id) if r.message_id == question.message_id).buttons == []
    assert await post_cost() == 0

    (question,) = await p.say("۳۵")
    assert "۳۵٬۰۰۰ تومان فهمیدیم" in question.text
    replies = await p.tap("✅ بله، درست است", question)
    assert any("📤 فرستادن برای بررسی" in r.buttons for r in replies), "on to the preview"
    assert await post_cost() == 35_000
    now = next(r for r in p.sb.records(p.id) if r.message_id == question.message_id)
    assert now.text == "هزینهٔ «📮 پست به شهرهای دیگر»: ۳۵٬۰۰۰ تومان"
    got = await p.forge(question, CostConfirm("yes", m.POST, 90_000).pack())
    assert got["replies"] == [] and await post_cost() == 35_000, "an old «بله» changes nothing"


async def test_card_number_for_a_post_order_offers_only_what_is_possible_and_cancel_keeps_the_order_at_hand(
        bot, person) -> None:
    """By post there is no cash on delivery: the card question does not send her to it; /cancel
    there brings the order's card back with its buttons."""
    seller, buyer = await person("مریم"), await person("سارا")
    await published_listing(bot, seller)
    order_id = await place(buyer)  # by post
    new = await wait_text(seller, "سفارش تازه")
    await seller.tap("✅ می‌پذیرم", new)
    (pay,) = [r for r in seller.sb.records(seller.id) if "چطور پرداخت" in (r.text or "")]
    assert pay.buttons == ["💳 کارت‌به‌کارت"]
    (ask,) = await seller.tap("💳 کارت‌به‌کارت", pay)
    assert "شمارهٔ کارت ۱۶ رقمی" in ask.text and "نام صاحب کارت" in ask.text
    assert "نقدی" not in ask.text, "cash on delivery is never possible by post"

    replies = await seller.say("/cancel")
    assert "چیزی تغییر نکرد" in replies[0].text
    card = replies[-1]
    assert f"سفارش شمارهٔ {persian.to_persian_digits(str(order_id))}" in card.text
    assert card.buttons[:2] == ["✅ می‌پذیرم", "✖️ نمی‌پذیرم"]
    async with bot.db.session() as s:
        assert (await s.get(Order, order_id)).status == om.NEW
    await seller.tap("✅ می‌پذیرم", card)
    assert "چطور پرداخت" in seller.last.text and seller.last.buttons == ["💳 کارت‌به‌کارت"]


async def test_a_buyer_is_asked_once_before_her_new_order_is_cancelled(bot, person) -> None:
    """«✖️ لغو سفارش» asks on the card itself (yes / no, keep it); only «بله» cancels, once,
    and the stock comes back; a second press or an old card is answered, nothing changes."""
    seller, buyer = await person("مریم"), await person("سارا")
    listing = await published_listing(bot, seller)
    order_id = await place(buyer, qty="۲")
    await wait_text(seller, "سفارش تازه")
    async with bot.db.session() as s:
        assert (await s.get(Listing, listing.id)).stock == 1
    (lst,) = await buyer.say("/orders")
    (card,) = await buyer.tap(lst.buttons[0], lst)

    def now(rec):
        return next(r for r in buyer.sb.records(buyer.id) if r.message_id == rec.message_id)

    assert await buyer.tap("✖️ لغو سفارش", card) == [], "the card itself asks: no new message"
    asked = now(card)
    assert f"سفارش شمارهٔ {persian.to_persian_digits(str(order_id))} لغو شود؟" in asked.text
    assert asked.buttons == ["✖️ بله، لغو شود", "↩️ نه، سفارش بماند"]
    async with bot.db.session() as s:
        assert (await s.get(Order, order_id)).status == om.NEW

    await buyer.tap("↩️ نه، سفارش بماند", asked)
    kept = now(card)
    assert "لغو شود؟" not in kept.text and "✖️ لغو سفارش" in kept.buttons
    async with bot.db.session() as s:
        assert (await s.get(Order, order_id)).status == om.NEW
        assert (await s.get(Listing, listing.id)).stock == 1

    await buyer.tap("✖️ لغو سفارش", kept)
    await buyer.tap("✖️ بله، لغو شود", now(card))
    await wait_text(seller, "خریدار سفارش شمارهٔ")
    async with bot.db.session() as s:
        assert (await s.get(Order, order_id)).status == om.CANCELLED
        assert (await s.get(Listing, listing.id)).stock == 3, "the stock comes back"

    for data in (f"o:cxy:{order_id}", f"o:cxl:{order_id}"):  # a double press, an old card
        await buyer.forge(card, data)
        assert buyer.answers()[-1].startswith("این کار الان برای این سفارش ممکن نیست")
    await bot.idle()
    told = [r for r in seller.sb.records(seller.id) if "خریدار سفارش شمارهٔ" in (r.text or "")]
    assert len(told) == 1, "the seller is told once"
    async with bot.db.session() as s:
        assert (await s.get(Listing, listing.id)).stock == 3


# -- copy (COPY.md) ----------------------------------------------------------------------------

async def test_order_lists_speak_to_the_seller_and_number_orders_as_the_glossary_does(
        bot, person) -> None:
    seller, buyer = await person("مریم"), await person("سارا")
    await published_listing(bot, seller)
    order_id = await place(buyer, post=False)
    new = await wait_text(seller, "سفارش تازه")
    number = f"سفارش شمارهٔ {persian.to_persian_digits(str(order_id))}"
    (mine,) = await seller.say("/orders")
    assert "منتظر جواب شما" in mine.text and "فروشنده" not in mine.text
    assert number in mine.text and "#" not in mine.text
    (theirs,) = await buyer.say("/orders")
    assert "منتظر جواب فروشنده" in theirs.text and number in theirs.text and "#" not in theirs.text
    (card,) = await seller.tap(mine.buttons[0], mine)
    assert "منتظر جواب شما" in card.text

    await seller.tap("✖️ نمی‌پذیرم", new)
    await seller.say("این رنگ تمام شده")
    (mine,) = await seller.say("/orders")
    assert "نپذیرفتید" in mine.text and "فروشنده نپذیرفت" not in mine.text
    (theirs,) = await buyer.say("/orders")
    assert "فروشنده نپذیرفت" in theirs.text


async def test_the_queue_numbers_listings_in_persian_digits(world: World) -> None:
    w = world
    _, listing = await submitted_listing(w)
    await w.card(listing.id)
    (q,) = await w.trainer.say("/queue")
    n = persian.to_persian_digits(str(listing.id))
    assert f"محصول شمارهٔ {n}، «گلیم دستباف زنجان»" in q.text and "#" not in q.text
    assert q.buttons[0] == f"{n} · گلیم دستباف زنجان"


async def test_a_card_number_and_a_tracking_code_are_answered_with_what_happens_next(
        bot, person) -> None:
    seller, buyer = await person("مریم"), await person("سارا")
    await published_listing(bot, seller)
    order_id = await place(buyer)  # by post: card to card
    new = await wait_text(seller, "سفارش تازه")
    await seller.tap("✅ می‌پذیرم", new)
    await seller.tap("💳 کارت‌به‌کارت")
    note, _card = await seller.say("6037 9975 9999 9993")
    assert note.text.startswith("سفارش را پذیرفتید ✅") and "رسید" in note.text
    assert note.text != "انجام شد ✅"
    told = await wait_text(buyer, "فروشنده سفارش شمارهٔ")
    await buyer.tap("📎 فرستادن عکس رسید", told)
    await buyer.send("photo", b"receipt")
    check = await wait_text(seller, "رسید سفارش شمارهٔ")
    await seller.tap("✅ پول رسید", check)
    await wait_text(buyer, "دریافت پول سفارش")
    await seller.tap("📦 ارسال کردم", seller.last)
    await seller.say("کد رهگیری: ۱۲۳۴۵۶۷۸۹۰۱۲۳")
    async with bot.db.session() as s:
        assert (await s.get(Order, order_id)).tracking_code == "1234567890123"
    (lst,) = await buyer.say("/orders")
    (card,) = await buyer.tap(lst.buttons[0], lst)
    assert card.text.count("کد رهگیری") == 1 and "1234567890123" in card.text


async def test_in_the_bot_a_listing_shows_its_number_without_the_channels_instruction(
        bot, person) -> None:
    seller, buyer = await person("مریم"), await person("سارا")
    listing = await published_listing(bot, seller)
    async with bot.db.session() as s:
        (await s.get(Listing, listing.id)).short_code = 4821
    replies = await buyer.say("/start l_Kilim12345")
    card = next(r for r in replies if "photo" in r.message)
    assert "🔢 کد محصول: ۴۸۲۱" in card.text and "در ربات بفرستید" not in card.text


async def test_a_list_of_products_points_down_at_its_buttons(bot, person) -> None:
    buyer = await person("سارا")
    await buyer.say("/start")
    fid = await photo_id(buyer)
    seller = await add_seller(bot)
    await add_listing(bot, seller, fid, "جوراب بافتنی زمستانی")
    await add_listing(bot, seller, fid, "جوراب بافتنی بچگانه")
    replies = await buyer.say("جوراب")
    page = next(r for r in replies if "روی نام محصول بزنید" in (r.text or ""))
    assert "👇" in page.text and "👆" not in page.text and page.buttons


async def test_a_trainer_filling_in_a_listing_hears_it_is_the_sellers(world: World) -> None:
    w = world
    seller = Person(w.bot, await w.sb.create_user("سکینه", language_code="fa"))
    await seller.say("/start")
    await make_seller(w.bot, seller, name="سکینه احمدی")
    t = w.trainer
    await t.say("/onbehalf")
    choice = (await t.say("سکینه"))[-1]
    await t.tap("سکینه احمدی — ابهر", choice)
    await t.tap("عروسک‌سازی")
    await t.send("photo", b"doll")
    await t.tap(DONE)
    await t.say("عروسک پارچه‌ای")
    await t.tap(SKIP)
    await t.say("۸۰ هزار")
    await t.tap("📦 موجود است")
    await t.say("۲")
    await t.tap("🤝 تحویل حضوری")
    replies = await t.tap(DONE)
    texts = " ".join(r.text or "" for r in replies)
    assert "👇 محصول سکینه احمدی در کانال این‌طور دیده می‌شود" in texts
    assert "محصولتان" not in texts


async def test_a_title_or_description_too_long_is_said_in_words_not_characters(bot, person) -> None:
    p = await person()
    await make_seller(bot, p)
    await walk(p, "title")
    assert "حرف" not in p.last.text and "یک خط" in p.last.text
    long_title = "گلیم دستباف زنجان با نقش‌های سنتی قدیمی و رنگ‌های گیاهی طبیعی، اندازهٔ دو متر در یک و نیم متر"
    assert len(long_title) > 80
    (hint,) = [r for r in await p.say(long_title) if r.text]
    assert "حرف" not in hint.text and "کلمه از آن کم کنید" in hint.text
    over = len(long_title.split()) - next(
        n for n in range(len(long_title.split()), 0, -1)
        if len(" ".join(long_title.split()[:n])) <= 80)
    assert f"حدود {persian.to_persian_digits(str(over))} کلمه" in hint.text
    await p.say("گلیم دستباف زنجان")
    assert "حرف" not in p.last.text and "کلمه" in p.last.text
    (hint,) = [r for r in await p.say("نخ پشمی " * 70) if r.text]
    assert "حرف" not in hint.text and "کلمه از آن کم کنید" in hint.text
    async with bot.db.session() as s:
        lst = await m.current_draft(s, p.id)
        assert (lst.title, lst.description) == ("گلیم دستباف زنجان", None)
