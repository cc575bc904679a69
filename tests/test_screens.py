"""What is on the screen (issue 11, items 3, 4 and 5): the keyboard under the typing field at
every step of every conversation (no button left from an earlier step), old cards that say at
once why their button no longer works, and button labels short enough for a phone."""

from __future__ import annotations

from harness import BotHarness, Person
from listing_helpers import MY, album, make_seller
from order_helpers import COURIER, place, published_listing, wait_text

from bot import keyboards
from models import order as om
from models.order import Order

BACK, CANCEL, SKIP, DONE = "↩️ بازگشت", "✖️ انصراف", "⏭ بعدی", "✅ کافی است"
SHARE = "📱 فرستادن شمارهٔ من"
NAV = [[BACK, CANCEL]]
NEW = "➕ ثبت محصول جدید"
MAX_LABEL = 26  # «about 24» on a phone: a little room for an emoji or a long name


def flat(rows: list[list[str]]) -> list[str]:
    return [b for row in rows for b in row]


def assert_short_labels(*people: Person) -> None:
    long = {label for p in people for label in p.all_labels()
            if keyboards.label_length(label) > MAX_LABEL}
    assert not long, f"button labels too long for a phone: {sorted(long)}"


def no_leftovers(p: Person, *leftovers: str) -> None:
    seen = flat(p.visible_keyboard())
    assert not set(leftovers) & set(seen), f"left from an earlier step: {seen}"


async def test_registration_keyboards_step_by_step(bot: BotHarness, person) -> None:
    p = await person("مریم")
    await p.say("/start")
    await p.tap("📝 ثبت‌نام فروشنده")
    assert p.visible_keyboard() == NAV  # name
    await p.say("مریم رضایی")
    assert SHARE in flat(p.visible_keyboard())  # phone
    (q,) = await p.say("۰۹۱۲۳۴۵۶۷۸۹")
    assert p.visible_keyboard() == [], "the province buttons are inline: nothing under the field"
    assert "سؤال ۳ از ۷" in q.text and "زنجان" in q.buttons  # one message: the question
    rows = q.message["reply_markup"]["inline_keyboard"]
    assert max(len(r) for r in rows) == 2, "provinces in two columns"
    assert "آذربایجان شرقی" in q.buttons and "آذربایجان غربی" in q.buttons
    await p.tap("زنجان", q)
    assert p.visible_keyboard() == []  # city
    await p.tap("ابهر")
    assert SKIP in flat(p.visible_keyboard())  # district
    await p.say("۳")
    assert p.visible_keyboard() == [], "no «بعدی» under the crafts"
    await p.tap("ملیله‌کاری")
    await p.tap(DONE)
    assert SKIP in flat(p.visible_keyboard())  # group
    (summary,) = await p.say("گروه همیار ابهر ۲")
    assert p.visible_keyboard() == [] and "مریم رضایی" in summary.text
    await p.tap("✅ تأیید و ثبت", summary)
    assert NEW in flat(p.visible_keyboard())  # the seller's menu
    # back from the district (a reply keyboard) to the city (inline): removed again
    q = await person("زهرا")
    await q.say("/register")
    await q.say("زهرا")
    await q.say("۰۹۱۲۳۴۵۶۷۸۸")
    await q.tap("زنجان")
    await q.tap("ابهر")
    assert SKIP in flat(q.visible_keyboard())
    await q.say(BACK)
    assert q.visible_keyboard() == []
    assert_short_labels(p, q)


async def test_listing_keyboards_step_by_step(bot: BotHarness, person) -> None:
    p = await person("مریم")
    await make_seller(bot, p)
    await p.say("/start")
    await p.say("/newproduct")
    assert p.visible_keyboard() == [], "the menu goes while the crafts are asked"
    await p.tap("گلیم‌بافی")
    assert DONE in flat(p.visible_keyboard())  # photos
    await album(p, 2)
    await p.tap(DONE)
    await p.say("گلیم دستباف زنجان")
    assert SKIP in flat(p.visible_keyboard())  # description
    await p.send("voice", b"OggS-voice", 12)
    await p.say("۱۲۰ هزار")
    assert p.visible_keyboard() == [], "availability: inline buttons only"
    await p.tap("📦 موجود است")
    assert flat(p.visible_keyboard())[-2:] == [BACK, CANCEL]  # stock
    await p.say("۳")
    assert p.visible_keyboard() == [], "delivery: no number buttons left under it"
    await p.tap("🤝 تحویل حضوری")
    await p.tap("📮 پست به شهرهای دیگر")
    await p.tap(DONE)
    assert "🎁 رایگان" in flat(p.visible_keyboard()) or flat(p.visible_keyboard())[-2:] == [BACK, CANCEL]
    await p.say("۳۰ هزار")
    assert flat(p.visible_keyboard())[-2:] == [BACK, CANCEL]  # the preview has its own
    await p.tap("📤 فرستادن برای بررسی")
    assert NEW in flat(p.visible_keyboard())
    assert_short_labels(p)


async def test_order_form_and_the_sellers_answers(bot: BotHarness, person) -> None:
    seller, buyer = await person("مریم"), await person("سارا")
    await published_listing(bot, seller, delivery=COURIER)  # cash on delivery: not by post
    await buyer.say("/start l_Kilim12345")
    await buyer.tap("🛒 سفارش می‌دهم")
    assert "۱" in flat(buyer.visible_keyboard())  # the quantity buttons
    (q,) = await buyer.say("۱")
    assert buyer.visible_keyboard() == [], "no quantity buttons under the delivery choice"
    assert all(keyboards.label_length(b) <= MAX_LABEL for b in q.buttons)
    assert "۱۷۰٬۰۰۰ تومان" in q.text, "cost and total are in the text"  # 120,000 + 50,000
    await buyer.tap(next(b for b in q.buttons if "پیک" in b), q)
    assert buyer.visible_keyboard() == NAV  # the receiver's name
    await buyer.say("سارا محمدی")
    await buyer.say("تهران، خیابان انقلاب، کوچهٔ بهار، پلاک ۱۲")
    assert SHARE in flat(buyer.visible_keyboard())
    await buyer.say("۰۹۳۵۱۱۱۲۲۳۳")
    (summary,) = await buyer.tap(SKIP)
    assert buyer.visible_keyboard() == [], "the summary has inline buttons only"
    await buyer.tap("✅ ثبت سفارش", summary)
    assert "🛍 خرید از بازارچه" in flat(buyer.visible_keyboard()) or len(buyer.visible_keyboard()) >= 2

    new = await wait_text(seller, "سفارش تازه")
    await seller.tap("✖️ نمی‌پذیرم", new)
    assert seller.visible_keyboard() == NAV  # the reason is typed
    await seller.say(CANCEL)
    assert NEW in flat(seller.visible_keyboard()), "the menu is back after cancelling"
    await seller.tap("✅ می‌پذیرم", new)
    await seller.tap("💵 نقدی هنگام تحویل")
    assert NEW in flat(seller.visible_keyboard())
    assert_short_labels(seller, buyer)


async def test_an_old_order_card_says_at_once_why_after_shipping(bot: BotHarness, person) -> None:
    seller, buyer = await person("مریم"), await person("سارا")
    await published_listing(bot, seller, delivery=COURIER)
    order_id = await place(buyer, via="پیک")
    new = await wait_text(seller, "سفارش تازه")
    await seller.tap("✅ می‌پذیرم", new)
    await seller.tap("💵 نقدی هنگام تحویل")
    old = seller.find_button("✖️ لغو و نوشتن دلیل")
    assert old is not None
    await seller.say("/orders")
    (card,) = await seller.tap(seller.last.buttons[0])
    await seller.tap("🛵 به پیک دادم", card)  # no tracking code for a courier
    async with bot.db.session() as s:
        assert (await s.get(Order, order_id)).status == om.SHIPPED

    before = len(seller.sb.records(seller.id))
    replies = await seller.tap("✖️ لغو و نوشتن دلیل", old)  # the older copy of the card
    answer = seller.answers()[-1]
    assert answer.startswith("این کار الان برای این سفارش") and "دکمه‌های تازه" in answer
    assert replies == [] and len(seller.sb.records(seller.id)) == before, "no reason is asked"
    assert "✖️ لغو و نوشتن دلیل" not in old.buttons, "the old card now shows the order as it is"
    assert (old.text or "") == (seller.find_button("✉️ پیام به خریدار").text or ""), "the newest card"
    assert NEW in flat(seller.visible_keyboard()), "no «انصراف» left to tap"
    async with bot.db.session() as s:
        assert (await s.get(Order, order_id)).status == om.SHIPPED


async def test_a_refused_cancel_leaves_no_cancel_button(bot: BotHarness, person) -> None:
    """The reason was asked while the order could still be cancelled; the parcel left
    before it was sent: the refusal brings the menu back, not «انصراف»."""
    seller, buyer = await person("مریم"), await person("سارا")
    await published_listing(bot, seller, delivery=COURIER)
    order_id = await place(buyer, via="پیک")
    new = await wait_text(seller, "سفارش تازه")
    await seller.tap("✅ می‌پذیرم", new)
    await seller.tap("💵 نقدی هنگام تحویل")
    card = await buyer.sb.wait_until(lambda: buyer.find_button("✖️ لغو و نوشتن دلیل"), timeout=10)
    await buyer.tap("✖️ لغو و نوشتن دلیل", card)
    assert buyer.visible_keyboard() == NAV
    async with bot.db.session() as s:
        (await s.get(Order, order_id)).status = om.SHIPPED
    await buyer.say("پشیمان شدم")
    assert CANCEL not in flat(buyer.visible_keyboard())
    assert "📋 سفارش‌های من" in flat(buyer.visible_keyboard())


async def test_an_old_my_products_card_says_at_once_why(bot: BotHarness, person) -> None:
    from order_helpers import published_listing as pub

    p = await person("مریم")
    await pub(bot, p)
    (lst,) = await p.tap(MY)
    (card,) = await p.tap(lst.buttons[0], lst)
    (again,) = await p.tap(lst.buttons[0], lst)  # a second copy of the same card
    await p.tap("⏸ توقف فروش", again)
    before = len(p.sb.records(p.id))
    await p.tap("⏸ توقف فروش", card)  # the older copy: still offering to pause
    assert "کارت را به‌روز کردم" in p.answers()[-1]
    assert len(p.sb.records(p.id)) == before, "nothing else is sent"
    assert "▶️ ادامهٔ فروش" in card.buttons and "⏸ توقف فروش" not in card.buttons
    assert_short_labels(p)


async def test_browse_and_review_labels_fit_a_phone(world) -> None:
    """The reject reasons, the browse filters (one a row) and the provinces (two columns)."""
    from listing_helpers import walk

    w = world
    seller = await w.person("مریم")
    await make_seller(w.bot, seller)
    await walk(seller, "preview")
    await seller.tap("📤 فرستادن برای بررسی")
    card = await w.card(1)
    await w.press_in_group(w.trainer, card, "⛔️ رد")
    assert "📷 عکس‌ها واضح نیست" in card.buttons  # the same card, now the reasons
    long = [b for b in card.buttons if keyboards.label_length(b) > MAX_LABEL]
    assert not long, long
    await w.press_in_group(w.trainer, card, BACK)
    await w.press_in_group(w.trainer, card, "✅ تأیید و انتشار")
    await w.idle()

    buyer = await w.person("سارا")
    (home,) = await buyer.say("/browse")
    page = await buyer.tap(home.buttons[0], home)
    rows = page[-1].message["reply_markup"]["inline_keyboard"]
    assert any(len(r) == 1 and r[0]["text"].startswith("📍") for r in rows), "one filter a row"
    (prov,) = await buyer.tap("📍 شهر فروشنده: همه", page[-1])
    rows = prov.message["reply_markup"]["inline_keyboard"]
    assert max(len(r) for r in rows) == 2 and "آذربایجان شرقی" in prov.buttons
    await buyer.tap("آذربایجان شرقی", prov)
    assert_short_labels(buyer, seller)
