"""Issue 11, «Done when»: a seller who only taps and types short answers (numbers and prices
as words, no commands but the first /start) registers, lists, fixes what a trainer asked for
and answers an order — with the keyboard of each step under the typing field (nothing left
from an earlier one) and every price read as she meant it."""

from __future__ import annotations

from harness import Person, World
from listing_helpers import album, make_seller
from order_helpers import place, wait_text
from sqlalchemy import select
from test_screens import assert_short_labels, flat

from models import listing as m
from models import order as om
from models.listing import Listing
from models.order import Order
from models.user import Seller

# Labels from locales/fa/*.ftl
BACK, CANCEL, SKIP, DONE = "↩️ بازگشت", "✖️ انصراف", "⏭ بعدی", "✅ کافی است"
SHARE = "📱 فرستادن شمارهٔ من"
REGISTER, CONFIRM = "📝 ثبت‌نام فروشنده", "✅ تأیید و ثبت"
NEW, MY = "➕ ثبت محصول جدید", "🛍 محصولات من"
IN_STOCK, PICKUP, SUBMIT = "📦 موجود است", "🤝 تحویل حضوری", "📤 فرستادن برای بررسی"
AMOUNT_YES = "✅ بله، درست است"
EDIT_LISTING, EDIT_PRICE = "✏️ اصلاح و فرستادن دوباره", "قیمت"
APPROVE, CHANGES = "✅ تأیید و انتشار", "✏️ درخواست اصلاح"
ACCEPT, COD, CARD = "✅ می‌پذیرم", "💵 نقدی هنگام تحویل", "💳 کارت‌به‌کارت"
RECEIPT, PAID, SHIPPED = "📎 فرستادن عکس رسید", "✅ پول رسید", "📦 ارسال کردم"
MADE_TO_ORDER, POST, FREE = "🧵 سفارشی می‌سازم", "📮 پست به شهرهای دیگر", "🎁 رایگان"
NAV = [[BACK, CANCEL]]


def sees(p: Person) -> list[str]:
    return flat(p.visible_keyboard())


def nothing_from(p: Person, *earlier: str) -> None:
    left = set(earlier) & set(sees(p))
    assert not left, f"left from an earlier step: {sorted(left)} in {p.visible_keyboard()}"


def said(replies: list) -> str:
    return " ".join((r.text or "") + (r.message.get("caption") or "") for r in replies)


def number_buttons(p: Person) -> list[str]:
    return [b for b in sees(p) if b.strip("۰۱۲۳۴۵۶۷۸۹") == ""]


async def answer_price(p: Person, words: str, meant: str) -> None:
    """She types the price in words; the bot reads it back as `meant` (and, if it asks, she
    confirms with its button)."""
    replies = await p.say(words)
    heard = said(replies)
    assert meant in heard, f"«{words}» was not read as {meant}: {heard!r}"
    if any(AMOUNT_YES in r.buttons for r in replies):
        assert p.visible_keyboard() == [] or sees(p)[-2:] == [BACK, CANCEL]
        await p.tap(AMOUNT_YES)


async def test_a_seller_alone_registers_lists_fixes_and_answers(world: World) -> None:
    w = world
    p = Person(w.bot, await w.sb.create_user("مریم", language_code="fa"))

    # -- registration: only the first /start is a command -------------------------------
    await p.say("/start")
    assert REGISTER in sees(p)
    await p.tap(REGISTER)
    assert p.visible_keyboard() == NAV, "name: only back and cancel"
    await p.say("مریم")
    assert SHARE in sees(p), "phone: the share button"
    await p.say("۰۹۱۲۳۴۵۶۷۸۹")
    assert p.visible_keyboard() == [], "province (inline): no share button left"
    await p.tap("زنجان")
    assert p.visible_keyboard() == [], "city (inline)"
    await p.tap("ابهر")
    assert SKIP in sees(p) and SHARE not in sees(p), "district: skip"
    await p.say("سه")  # the district as a word
    assert p.visible_keyboard() == [], "crafts (inline): no skip left under them"
    await p.tap("ملیله‌کاری")
    await p.tap(DONE)
    assert SKIP in sees(p) and DONE not in sees(p), "group: skip"
    (summary,) = await p.tap(SKIP)
    assert p.visible_keyboard() == [], "summary: inline buttons only"
    assert "مریم" in summary.text and "۰۹۱۲۳۴۵۶۷۸۹" in summary.text
    await p.tap(CONFIRM, summary)
    assert NEW in sees(p) and REGISTER not in sees(p), "the seller's menu"
    async with w.bot.db.session() as s:
        seller = await s.get(Seller, p.id)
        assert (seller.city_code, seller.district) == ("zanjan.abhar", 3)

    # -- a new listing ---------------------------------------------------------------------
    await p.tap(NEW)
    assert p.visible_keyboard() == [], "crafts (inline): the menu goes"
    await p.tap("ملیله‌کاری")
    assert DONE in sees(p), "photos: done"
    await album(p, 2)
    await p.tap(DONE)
    assert p.visible_keyboard() == NAV, "title: no «done» left from the photos"
    await p.say("گردنبند ملیله")
    assert SKIP in sees(p), "description: skip (she may send a voice note)"
    await p.send("voice", b"OggS-voice", 9)
    nothing_from(p, SKIP, DONE)
    await answer_price(p, "یک میلیون و دویست", "۱٬۲۰۰٬۰۰۰")
    assert p.visible_keyboard() == [], "availability: inline buttons only"
    await p.tap(IN_STOCK)
    assert sees(p)[-2:] == [BACK, CANCEL] and number_buttons(p), "stock: number buttons"
    await p.say("دوتا")
    assert p.visible_keyboard() == [], "delivery: no number buttons left"
    await p.tap(PICKUP)
    preview = await p.tap(DONE)
    assert "۱٬۲۰۰٬۰۰۰" in said(preview), "the preview shows the price as she meant it"
    assert p.visible_keyboard() == NAV, "preview: its own keyboard, no stock numbers left"
    await p.tap(SUBMIT)
    assert NEW in sees(p), "the menu is back"
    async with w.bot.db.session() as s:
        listing = await s.scalar(select(Listing).where(Listing.seller_id == p.id))
        assert (listing.price, listing.stock, listing.status) == (1_200_000, 2, m.PENDING)
        assert [d["method"] for d in listing.delivery] == ["pickup"]
        assert listing.voice_file_id

    # -- the trainer asks for a change; she fixes the price and sends it again --------------
    card = await w.card(listing.id)
    assert "۱٬۲۰۰٬۰۰۰" in card.text
    await w.press_in_group(w.trainer, card, CHANGES)
    card = next(r for r in w.sb.records(w.group["id"]) if r.message_id == card.message_id)
    await w.press_in_group(w.trainer, card, "💰 اصلاح قیمت")  # one of the fixes, by button
    told = await wait_text(p, "پیشنهادی دارد")
    assert "💰 قیمت را دوباره ببینید" in told.text and f"«{EDIT_PRICE}»" in told.text
    assert NEW in sees(p), "the trainer's note leaves her menu as it was"
    await p.tap(EDIT_LISTING, told)
    assert p.find_button(SUBMIT) is not None and p.visible_keyboard() == NAV, "the preview"
    await p.tap(EDIT_PRICE)
    nothing_from(p, SKIP, DONE, SHARE)
    assert "۱٬۲۰۰٬۰۰۰ تومان" in sees(p), "the price step offers the old price"
    await answer_price(p, "نهصد هزار", "۹۰۰٬۰۰۰")
    assert p.visible_keyboard() == NAV, "preview again: no old-price button left"
    await p.tap(SUBMIT)
    assert NEW in sees(p), "the menu is back"
    async with w.bot.db.session() as s:
        got = await s.get(Listing, listing.id)
        assert (got.price, got.status) == (900_000, m.PENDING)

    card2 = await w.card(listing.id, 2)
    assert "۹۰۰٬۰۰۰" in card2.text
    await w.press_in_group(w.trainer, card2, APPROVE)
    await w.idle()
    async with w.bot.db.session() as s:
        got = await s.get(Listing, listing.id)
        assert got.status == m.PUBLISHED and got.channel_card_message_id
        code = got.public_code
    post = next(r for r in w.channel_msgs() if r.message_id == got.channel_card_message_id)
    assert "۹۰۰٬۰۰۰ تومان" in post.text
    await wait_text(p, "منتشر شد")
    assert NEW in sees(p)

    # -- a buyer orders; she accepts by buttons ----------------------------------------------
    buyer = await w.person("سارا")
    order_id = await place(buyer, code=code, via="حضوری")
    new = await wait_text(p, "سفارش تازه")
    await p.tap(ACCEPT, new)
    how = p.find_button(COD)
    assert how is not None and "پرداخت" in how.text, "how the buyer pays: by a button"
    await p.tap(COD, how)
    async with w.bot.db.session() as s:
        assert (await s.get(Order, order_id)).status == om.ACCEPTED
    assert NEW in sees(p), "the menu is back at the end"
    nothing_from(p, SKIP, DONE, SHARE, CANCEL)
    assert_short_labels(p)


async def test_made_to_order_by_post_paid_card_to_card(world: World) -> None:
    """The other branches of the same path: made to order (days in words), a post cost in
    words, card-to-card with the card typed in Persian digits, the receipt and the parcel."""
    w = world
    p = Person(w.bot, await w.sb.create_user("مریم", language_code="fa"))
    await make_seller(w.bot, p)
    await p.say("/start")
    assert NEW in sees(p)
    await p.tap(NEW)
    await p.tap("ملیله‌کاری")
    await album(p, 1)
    await p.tap(DONE)
    await p.say("دستبند ملیله")
    assert SKIP in sees(p)
    await p.say("نقره، دست‌ساز")  # a short typed description
    assert p.visible_keyboard() == NAV, "price: no skip left from the description"
    await answer_price(p, "صد و پنجاه هزار", "۱۵۰٬۰۰۰")
    assert p.visible_keyboard() == []
    await p.tap(MADE_TO_ORDER)
    assert sees(p)[-2:] == [BACK, CANCEL] and len(sees(p)) > 2, "prep days: day buttons"
    await p.say("یک هفته")
    assert p.visible_keyboard() == [], "delivery: no day buttons left"
    await p.tap(POST)
    await p.tap(DONE)
    assert FREE in sees(p), "the post's cost: «free» or typed"
    await answer_price(p, "سی هزار", "۳۰٬۰۰۰")
    assert p.visible_keyboard() == NAV, "preview: no «free» left"
    await p.tap(SUBMIT)
    assert NEW in sees(p)
    async with w.bot.db.session() as s:
        listing = await s.scalar(select(Listing).where(Listing.seller_id == p.id))
        assert (listing.price, listing.availability, listing.prep_days) == (150_000, m.MADE_TO_ORDER, 7)
        assert listing.delivery == [{"method": "post", "cost": 30_000}]
    card = await w.card(listing.id)
    await w.press_in_group(w.trainer, card, APPROVE)
    await w.idle()
    async with w.bot.db.session() as s:
        code = (await s.get(Listing, listing.id)).public_code

    buyer = await w.person("سارا")
    order_id = await place(buyer, code=code, via="پست")
    new = await wait_text(p, "سفارش تازه")
    assert "۱۵۰٬۰۰۰" in new.text
    await p.tap(ACCEPT, new)
    how = p.find_button(CARD)
    assert how is not None and COD not in how.buttons, "no cash on delivery by post"
    await p.tap(CARD, how)
    assert p.visible_keyboard() == NAV, "the card number is typed"
    replies = await p.say("۶۰۳۷ ۹۹۷۵ ۹۹۹۹ ۹۹۹۳")
    assert "۱۸۰٬۰۰۰" in said(replies), "the total with the post"
    assert NEW in sees(p) and CANCEL not in sees(p), "the menu is back"
    async with w.bot.db.session() as s:
        assert (await s.get(Order, order_id)).status == om.ACCEPTED

    told = await wait_text(buyer, "فروشنده سفارش شمارهٔ")
    await buyer.tap(RECEIPT, told)
    await buyer.send("photo", b"receipt")
    check = await wait_text(p, "رسید سفارش شمارهٔ")
    await p.tap(PAID, check)
    await p.tap(SHIPPED, p.find_button(SHIPPED))
    assert SKIP in sees(p), "tracking code: typed or skipped"
    await p.tap(SKIP)
    assert NEW in sees(p) and SKIP not in sees(p), "the menu is back at the end"
    async with w.bot.db.session() as s:
        assert (await s.get(Order, order_id)).status == om.SHIPPED
    assert_short_labels(p)
