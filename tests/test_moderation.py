"""Trainers moderate in the admin chat; approved listings go to the catalogue channel.
End to end through the stand-in, with the outbox worker delivering to other people."""

from __future__ import annotations

import asyncio
import re
from datetime import datetime

from harness import Person, World
from listing_helpers import DONE, make_seller, walk
from sqlalchemy import func, select

from bot import persian
from models import listing as m
from models.listing import Listing
from models.moderation import Decision, Trainer
from models.outbox import OutboxMessage

SUBMIT = "📤 فرستادن برای بررسی"
APPROVE, REJECT, CHANGES = "✅ تأیید و انتشار", "⛔️ رد", "✏️ درخواست اصلاح"


def _fa(n: int) -> str:
    from bot import persian

    return persian.to_persian_digits(str(n))


async def submitted_listing(w: World, name: str = "مریم") -> tuple[Person, Listing]:
    seller = await w.bot.sb.create_user(name, language_code="fa")
    p = Person(w.bot, seller)
    await make_seller(w.bot, p, name=f"{name} رضایی")
    await walk(p, "preview")
    await p.tap(SUBMIT)
    async with w.bot.db.session() as s:
        listing = await s.scalar(select(Listing).where(Listing.seller_id == p.id))
    return p, listing


async def test_submit_card_approve_channel_post_and_deep_link(world: World) -> None:
    w = world
    seller, listing = await submitted_listing(w)
    card = await w.card(listing.id)
    media = [r for r in w.group_msgs() if "photo" in r.message]
    assert len(media) == 3, "the album precedes the card"
    assert any("voice" in r.message for r in w.group_msgs())
    assert "گلیم دستباف زنجان" in card.text and "۰۹۱۲۱۲۳۴۵۶۷" in card.text
    assert "ابهر، زنجان — منطقهٔ ۲" in card.text
    assert card.buttons[:3] == [APPROVE, REJECT, CHANGES]

    await w.press_in_group(w.trainer, card, APPROVE)
    await w.idle()
    async with w.bot.db.session() as s:
        got = await s.get(Listing, listing.id)
        decisions = (await s.scalars(select(Decision))).all()
    assert got.status == m.PUBLISHED and re.fullmatch(r"[A-Za-z0-9]{10}", got.public_code)
    assert [(d.action, d.trainer_id) for d in decisions] == [("approve", w.trainer.id)]

    posts = w.channel_msgs()
    assert len([r for r in posts if "photo" in r.message]) == 3
    card_post = posts[-1]
    assert card_post.message_id == got.channel_card_message_id
    assert "💰 قیمت: ۱۲۰٬۰۰۰ تومان" in card_post.text and "#گلیم‌بافی" in card_post.text
    button = card_post.reply_markup["inline_keyboard"][0][0]
    assert button["text"] == "🛒 سفارش می‌دهم"
    assert button["url"] == f"https://t.me/hamyar_test_bot?start=l_{got.public_code}"

    edited = next(r for r in w.sb.records(w.group["id"]) if r.message_id == card.message_id)
    assert "✅ تأیید و منتشر شد — زهرا" in edited.text and _fa(persian.to_jalali(datetime.now(persian.TEHRAN)).year) in edited.text
    assert edited.buttons == []

    told = await seller.sb.wait_for_bot_message(seller.id, lambda r: "منتشر شد" in (r.text or ""))
    assert f"https://t.me/hamyar_catalogue/{got.channel_card_message_id}" in told.text


async def test_double_approve_and_two_trainers_at_once_publish_once(world: World) -> None:
    w = world
    _, listing = await submitted_listing(w)
    card = await w.card(listing.id)
    q1, q2 = await asyncio.gather(
        w.sb.press(w.trainer.user, card, APPROVE), w.sb.press(w.manager.user, card, APPROVE))
    await w.bot.wait_processed(("cbq", q1["id"]))
    await w.bot.wait_processed(("cbq", q2["id"]))
    # once more, later, from a copy of the card still showing the button
    q3 = await w.sb.press_callback(w.trainer.user, card, f"mod:ok:{listing.id}:1")
    await w.bot.wait_processed(("cbq", q3["id"]))
    await w.idle()
    cards = [r for r in w.channel_msgs() if r.reply_markup]
    assert len(cards) == 1
    async with w.bot.db.session() as s:
        assert await s.scalar(select(func.count()).select_from(Decision)) == 1
    answers = [a["text"] for a in w.sb.answered_callbacks if a["text"]]
    assert sum(1 for a in answers if a.startswith("این محصول قبلاً بررسی شده است")) == 2


async def test_non_trainer_and_out_of_scope_trainer_are_refused(world: World) -> None:
    w = world
    _, listing = await submitted_listing(w)
    card = await w.card(listing.id)
    stranger = Person(w.bot, await w.sb.create_user("غریبه"))
    await stranger.say("/start")
    for who, expected in ((stranger, "فقط مربی‌های همیار"), (w.far_trainer, "در منطقهٔ شما نیست")):
        for data in (f"mod:ok:{listing.id}:1", f"mod:rr:{listing.id}:1:photos",
                     f"mod:rej:{listing.id}:1", f"mod:chg:{listing.id}:1"):
            q = await w.sb.press_callback(who.user, card, data)
            await w.bot.wait_processed(("cbq", q["id"]))
            answer = next(a for a in w.sb.answered_callbacks if a["callback_query_id"] == q["id"])
            assert expected in answer["text"], (data, answer)
    async with w.bot.db.session() as s:
        assert (await s.get(Listing, listing.id)).status == m.PENDING
        assert await s.scalar(select(func.count()).select_from(Decision)) == 0
    assert w.channel_msgs() == []


async def test_reject_with_reason_fix_resubmit_approve(world: World) -> None:
    w = world
    seller, listing = await submitted_listing(w)
    card = await w.card(listing.id)
    await w.press_in_group(w.trainer, card, REJECT)
    card_now = next(r for r in w.sb.records(w.group["id"]) if r.message_id == card.message_id)
    assert "📷 عکس‌ها واضح نیست" in card_now.buttons  # a short label (issue 11 item 5)
    await w.press_in_group(w.trainer, card_now, "📷 عکس‌ها واضح نیست")
    told = await w.sb.wait_for_bot_message(seller.id, lambda r: "این بار منتشر نشد" in (r.text or ""))
    assert "دلیل: عکس‌ها واضح نیست" in told.text
    async with w.bot.db.session() as s:
        assert (await s.get(Listing, listing.id)).status == m.REJECTED

    replies = await seller.tap("✏️ اصلاح و فرستادن دوباره", told)
    assert SUBMIT in replies[-1].buttons
    await seller.tap("عکس‌ها")
    await seller.send("photo", b"a clearer photo")
    await seller.tap(DONE)
    await seller.tap(SUBMIT)
    card2 = await w.card(listing.id, 2)
    # the first card's buttons are stale now
    q = await w.sb.press_callback(w.trainer.user, card, f"mod:ok:{listing.id}:1")
    await w.bot.wait_processed(("cbq", q["id"]))
    await w.press_in_group(w.trainer, card2, APPROVE)
    await w.idle()
    async with w.bot.db.session() as s:
        got = await s.get(Listing, listing.id)
        assert got.status == m.PUBLISHED and len(got.photos) == 1
    assert len([r for r in w.channel_msgs() if r.reply_markup]) == 1


async def test_typed_reason_and_request_changes(world: World) -> None:
    w = world
    seller, listing = await submitted_listing(w)
    card = await w.card(listing.id)
    await w.press_in_group(w.trainer, card, CHANGES)
    card_now = next(r for r in w.sb.records(w.group["id"]) if r.message_id == card.message_id)
    await w.press_in_group(w.trainer, card_now, "✍️ اصلاح دیگر (بنویسید)")
    ask = w.group_msgs()[-1]
    assert "بنویسید فروشنده چه چیزی" in ask.text
    note = await w.sb.send_text(w.trainer.user, "لطفاً اندازهٔ گلیم را هم بنویسید", chat_id=w.group["id"])
    await w.bot.wait_processed(("msg", w.group["id"], note["message_id"]))
    told = await w.sb.wait_for_bot_message(seller.id, lambda r: "پیشنهادی دارد" in (r.text or ""))
    assert "اندازهٔ گلیم" in told.text
    edited = next(r for r in w.sb.records(w.group["id"]) if r.message_id == card.message_id)
    assert "✏️ برای اصلاح برگشت — زهرا" in edited.text and "اندازهٔ گلیم" in edited.text
    async with w.bot.db.session() as s:
        got = await s.get(Listing, listing.id)
        assert got.status == m.NEEDS_CHANGES
        d = (await s.scalars(select(Decision))).one()
        assert (d.action, d.reason) == ("changes", "لطفاً اندازهٔ گلیم را هم بنویسید")
    # other trainers' chatter in the group is not taken as a note
    chat = await w.sb.send_text(w.far_trainer.user, "سلام", chat_id=w.group["id"])
    await w.bot.wait_processed(("msg", w.group["id"], chat["message_id"]))


async def test_a_trainers_reason_too_long_is_told_in_words_and_asked_again(world: World) -> None:
    """COPY rule 6: a reason past its limit is answered with how many words to take out, not
    a count of characters; she is still typing the reason, nothing is decided or lost."""
    w = world
    seller, listing = await submitted_listing(w)
    card = await w.card(listing.id)
    await w.press_in_group(w.trainer, card, REJECT)
    card_now = next(r for r in w.sb.records(w.group["id"]) if r.message_id == card.message_id)
    await w.press_in_group(w.trainer, card_now, "✍️ دلیل دیگر (بنویسید)")
    assert "دلیل رد محصول" in w.group_msgs()[-1].text
    long = " ".join(["عکس‌ها"] * 80)  # 80 × 6 letters and the spaces: 559 of 500; 9 words over
    typed = await w.sb.send_text(w.trainer.user, long, chat_id=w.group["id"])
    await w.bot.wait_processed(("msg", w.group["id"], typed["message_id"]))
    hint = w.group_msgs()[-1]
    assert "حدود ۹ کلمه از آن کم کنید و دوباره بفرستید" in hint.text
    assert "حرف" not in hint.text and "۵۰۰" not in hint.text
    async with w.bot.db.session() as s:
        assert (await s.get(Listing, listing.id)).status == m.PENDING
        assert (await s.scalar(select(func.count()).select_from(Decision))) == 0
    # still typing: the shorter reason is the decision
    short = await w.sb.send_text(w.trainer.user, "عکس‌ها تار است؛ در نور روز عکس بگیرید",
                                 chat_id=w.group["id"])
    await w.bot.wait_processed(("msg", w.group["id"], short["message_id"]))
    told = await w.sb.wait_for_bot_message(seller.id, lambda r: "این بار منتشر نشد" in (r.text or ""))
    assert "در نور روز" in told.text
    async with w.bot.db.session() as s:
        assert (await s.get(Listing, listing.id)).status == m.REJECTED
        d = (await s.scalars(select(Decision))).one()
        assert (d.action, d.reason) == ("reject", "عکس‌ها تار است؛ در نور روز عکس بگیرید")


CHANGE_FIXES = ["📷 عکس واضح‌تر", "💰 اصلاح قیمت", "📝 توضیح کامل‌تر", "🏷 نام روشن‌تر",
                "🚚 اصلاح روش ارسال"]


async def test_request_changes_by_button_tells_the_seller_what_and_where(world: World) -> None:
    """«✏️ درخواست اصلاح» offers the common fixes as buttons (and a typed note): one press sends
    the listing back with it; the seller reads the advice and which button fixes it; the
    decision stores the reason, which the report counts. Every press is checked on the server."""
    w = world
    seller, listing = await submitted_listing(w)
    card = await w.card(listing.id)
    await w.press_in_group(w.trainer, card, CHANGES)
    card_now = next(r for r in w.sb.records(w.group["id"]) if r.message_id == card.message_id)
    assert card_now.buttons == [*CHANGE_FIXES, "✍️ اصلاح دیگر (بنویسید)", "↩️ بازگشت"]

    # not a trainer, not her area, a forged fix, a truncated button: refused, nothing changes
    stranger = Person(w.bot, await w.sb.create_user("غریبه"))
    await stranger.say("/start")
    for who, data, expected in (
            (stranger, f"mod:cr:{listing.id}:1:photo", "فقط مربی‌های همیار"),
            (stranger, f"mod:chg:{listing.id}:1", "فقط مربی‌های همیار"),
            (w.far_trainer, f"mod:cr:{listing.id}:1:price", "در منطقهٔ شما نیست"),
            (w.trainer, f"mod:cr:{listing.id}:1:colour", "این گزینه را نفهمیدیم"),
            (w.trainer, f"mod:cr:{listing.id}:1", "این گزینه را نفهمیدیم"),
            (w.trainer, f"mod:ct:{listing.id}:1:x", "این دکمه دیگر کار نمی‌کند")):
        q = await w.sb.press_callback(who.user, card_now, data)
        await w.bot.wait_processed(("cbq", q["id"]))
        answer = next(a for a in w.sb.answered_callbacks if a["callback_query_id"] == q["id"])
        assert expected in answer["text"], (data, answer)
    async with w.bot.db.session() as s:
        assert (await s.get(Listing, listing.id)).status == m.PENDING
        assert await s.scalar(select(func.count()).select_from(Decision)) == 0

    # back to the card's own buttons, and in again
    await w.press_in_group(w.trainer, card_now, "↩️ بازگشت")
    card_now = next(r for r in w.sb.records(w.group["id"]) if r.message_id == card.message_id)
    assert card_now.buttons[:3] == [APPROVE, REJECT, CHANGES]
    await w.press_in_group(w.trainer, card_now, CHANGES)
    card_now = next(r for r in w.sb.records(w.group["id"]) if r.message_id == card.message_id)
    await w.press_in_group(w.trainer, card_now, "📷 عکس واضح‌تر")
    edited = next(r for r in w.sb.records(w.group["id"]) if r.message_id == card.message_id)
    assert "✏️ برای اصلاح برگشت — زهرا" in edited.text
    assert "پیام: عکس واضح‌تری از محصول بفرستد" in edited.text and edited.buttons == []
    async with w.bot.db.session() as s:
        assert (await s.get(Listing, listing.id)).status == m.NEEDS_CHANGES
        d = (await s.scalars(select(Decision))).one()
        assert (d.action, d.reason, d.trainer_id) == ("changes", "عکس واضح‌تری از محصول بفرستد",
                                                     w.trainer.id)

    told = await w.sb.wait_for_bot_message(seller.id, lambda r: "پیشنهادی دارد" in (r.text or ""))
    assert "📷 یک عکس روشن‌تر بفرستید" in told.text
    assert "دکمهٔ «✏️ اصلاح و فرستادن دوباره» را در همین پیام بزنید، بعد دکمهٔ «عکس‌ها»" in told.text
    assert told.buttons == ["✏️ اصلاح و فرستادن دوباره"]

    # the same card pressed again (the other fix, by the manager): already decided, once
    q = await w.sb.press_callback(w.manager.user, card_now, f"mod:cr:{listing.id}:1:price")
    await w.bot.wait_processed(("cbq", q["id"]))
    answer = next(a for a in w.sb.answered_callbacks if a["callback_query_id"] == q["id"])
    assert answer["text"] == "این محصول قبلاً بررسی شده است (به‌دست زهرا)."
    await w.idle()
    assert len([r for r in w.sb.records(seller.id)
                if r.from_bot and "پیشنهادی دارد" in (r.text or "")]) == 1

    # she fixes the photo where she was told and sends it again; the old card stays refused
    await seller.tap("✏️ اصلاح و فرستادن دوباره", told)
    await seller.tap("عکس‌ها")
    await seller.send("photo", b"a clearer photo")
    await seller.tap(DONE)
    await seller.tap(SUBMIT)
    card2 = await w.card(listing.id, 2)
    q = await w.sb.press_callback(w.trainer.user, card_now, f"mod:cr:{listing.id}:1:photo")
    await w.bot.wait_processed(("cbq", q["id"]))
    async with w.bot.db.session() as s:
        assert await s.scalar(select(func.count()).select_from(Decision)) == 1
        assert (await s.get(Listing, listing.id)).status == m.PENDING
    assert card2.buttons[:3] == [APPROVE, REJECT, CHANGES]

    # the report counts the reason by its text
    (periods,) = await w.manager.say("/report")
    (report,) = await w.manager.tap("این هفته", periods)
    assert "«عکس واضح‌تری از محصول بفرستد» (۱ بار)" in report.text


async def test_an_english_seller_reads_the_fix_in_english(world: World) -> None:
    from harness import choose_english

    w = world
    seller, listing = await submitted_listing(w, name="Sara")
    await choose_english(seller)
    card = await w.card(listing.id)
    await w.press_in_group(w.trainer, card, CHANGES)
    card_now = next(r for r in w.sb.records(w.group["id"]) if r.message_id == card.message_id)
    await w.press_in_group(w.trainer, card_now, "💰 اصلاح قیمت")
    told = await w.sb.wait_for_bot_message(seller.id, lambda r: "suggestion" in (r.text or ""))
    assert "💰 Check the price" in told.text and 'then "Price", fix it' in told.text
    assert told.buttons == ["✏️ Fix and resubmit"]
    async with w.bot.db.session() as s:
        d = (await s.scalars(select(Decision))).one()
        assert d.reason == "قیمت را دوباره ببیند و درست کند"  # the reports count one text


async def test_price_change_edits_the_same_channel_card_and_sold_out_drops_the_button(world: World) -> None:
    w = world
    seller, listing = await submitted_listing(w)
    card = await w.card(listing.id)
    await w.press_in_group(w.trainer, card, APPROVE)
    await w.idle()
    async with w.bot.db.session() as s:
        got = await s.get(Listing, listing.id)
    post_id = got.channel_card_message_id

    (lst,) = await seller.tap("🛍 محصولات من")
    (c,) = await seller.tap(lst.buttons[0], lst)
    await seller.tap("💰 تغییر قیمت", c)
    _, new_card = await seller.say("۹۹ هزار")
    await w.idle()
    post = next(r for r in w.sb.records(w.channel["id"]) if r.message_id == post_id)
    assert "۹۹٬۰۰۰ تومان" in post.text and len(post.edits) == 1
    assert post.reply_markup["inline_keyboard"][0][0]["text"] == "🛒 سفارش می‌دهم"

    await seller.tap("⛔️ دیگر موجود ندارم", new_card)
    await w.idle()
    post = next(r for r in w.sb.records(w.channel["id"]) if r.message_id == post_id)
    assert "⛔️ تمام شد" in post.text and not post.reply_markup
    posts_with_buttons = [r for r in w.channel_msgs() if r.reply_markup]
    assert posts_with_buttons == [], "no new post: the same message was edited"


async def test_on_behalf_listing_confirmed_by_the_seller(world: World) -> None:
    w = world
    sel_u = await w.sb.create_user("سکینه", language_code="fa")
    seller = Person(w.bot, sel_u)
    await seller.say("/start")
    await make_seller(w.bot, seller, name="سکینه احمدی")
    t = w.trainer
    (q,) = await t.say("/onbehalf")
    assert "برای کدام فروشنده" in q.text
    (none,) = await t.say("ناشناس")
    assert "پیدا نشد" in none.text
    (choice,) = await t.say("سكينه")  # Arabic ک
    replies = await t.tap("سکینه احمدی — ابهر", choice)
    assert "ثبت محصول برای سکینه احمدی" in replies[0].text
    await t.tap("عروسک‌سازی")
    await t.send("photo", b"doll")
    await t.tap(DONE)
    await t.say("عروسک پارچه‌ای")
    await t.tap("⏭ بعدی")
    await t.say("۸۰ هزار")
    await t.tap("📦 موجود است")
    await t.say("۲")
    await t.tap("🤝 تحویل حضوری")
    await t.tap(DONE)
    replies = await t.tap(SUBMIT)
    assert "فروشنده چطور موافقت می‌کند" in replies[-1].text
    await t.tap("📨 پیش‌نمایش را برای فروشنده بفرست", replies[-1])
    ask = await w.sb.wait_for_bot_message(seller.id, lambda r: "برایتان ثبت کرده" in (r.text or ""))
    async with w.bot.db.session() as s:
        listing = await s.scalar(select(Listing).where(Listing.seller_id == seller.id))
        assert (listing.status, listing.created_by) == (m.AWAITING_SELLER, t.id)
    # nobody else can confirm for her
    forged = await w.far_trainer.forge(ask, f"obh:yes:{listing.id}")
    assert forged["replies"] == [] and w.far_trainer.answers()[-1] == "این محصول متعلق به شما نیست."
    await seller.tap("✅ تأیید می‌کنم", ask)
    card = await w.card(listing.id)
    assert "ثبت‌شده به‌دست مربی: زهرا — فروشنده خودش تأیید کرد" in card.text
    told = await w.sb.wait_for_bot_message(t.id, lambda r: "تأیید کرد و برای بررسی رفت" in (r.text or ""))
    assert "عروسک پارچه‌ای" in told.text
    # her own «new product» does not show the trainer's work as her draft
    (ready,) = (await seller.say("/newproduct"))[-1:]
    assert "رشتهٔ محصول" in ready.text


async def test_trainer_edits_a_listing_under_review(world: World) -> None:
    w = world
    _, listing = await submitted_listing(w)
    card = await w.card(listing.id)
    edit_url = card.reply_markup["inline_keyboard"][-1][0]["url"]
    assert edit_url.endswith(f"?start=e_{listing.id}")
    stranger = Person(w.bot, await w.sb.create_user("غریبه"))
    (refused,) = await stranger.say(f"/start e_{listing.id}")
    assert "فقط مربی‌های همیار" in refused.text
    replies = await w.trainer.say(f"/start e_{listing.id}")
    assert "ویرایش محصول شمارهٔ" in replies[0].text
    assert "💾 ثبت تغییرات" in replies[-1].buttons
    await w.trainer.tap("قیمت")
    await w.trainer.say("۱۱۵ هزار")
    replies = await w.trainer.tap("💾 ثبت تغییرات")
    assert "تغییرات ثبت شد" in replies[-1].text
    card2 = await w.card(listing.id, 2)
    assert "۱۱۵٬۰۰۰ تومان" in card2.text
    async with w.bot.db.session() as s:
        got = await s.get(Listing, listing.id)
        assert (got.status, got.price, got.review_round) == (m.PENDING, 115_000, 2)
        assert (await s.scalars(select(Decision.action))).all() == ["edit"]


async def test_managers_add_and_remove_trainers_others_cannot(world: World) -> None:
    w = world
    async with w.bot.db.session() as s:
        scopes = {t.user_id: t.scope for t in (await s.scalars(select(Trainer))).all()}
    assert scopes == {w.trainer.id: ["zanjan.abhar"], w.far_trainer.id: ["az_east.tabriz:3"]}
    (listing_msg,) = await w.manager.say("/trainers")
    assert "زهرا" in listing_msg.text and "ابهر" in listing_msg.text and "تبریز:۳" in listing_msg.text
    (refused,) = await w.trainer.say("/addtrainer @leila_trainer")
    assert "فقط برای مدیران" in refused.text
    (bad,) = await w.manager.say("/addtrainer @leila_trainer آتلانتیس")
    assert "«آتلانتیس» را پیدا نکردیم" in bad.text
    (gone,) = await w.manager.say("/removetrainer @leila_trainer")
    assert "دیگر مربی نیست" in gone.text
    (not_trainer,) = await w.far_trainer.say("/queue")
    assert "فقط برای مربی‌های همیار" in not_trainer.text
    (help_msg,) = await w.trainer.say("/help")
    assert "/queue" in help_msg.text and "/addtrainer" not in help_msg.text
    (help_msg,) = await w.manager.say("/help")
    assert "/addtrainer" in help_msg.text


async def test_queue_seller_card_block_and_unblock(world: World) -> None:
    w = world
    seller, listing = await submitted_listing(w)
    await w.card(listing.id)
    (q,) = await w.trainer.say("/queue")
    assert "در انتظار بررسی (۱)" in q.text and "گلیم دستباف زنجان" in q.text
    (card,) = await w.trainer.say("/seller ۰۹۱۲۱۲۳۴۵۶۷")
    assert "مریم رضایی" in card.text and "۱ منتظر بررسی" in card.text
    (blocked,) = await w.trainer.say("/block ۰۹۱۲۱۲۳۴۵۶۷")
    assert "مسدود شد" in blocked.text
    (polite,) = await seller.say("/newproduct")
    assert "دسترسی شما به همیار فعلاً بسته شده است" in polite.text
    (no,) = await w.trainer.say(f"/block {w.manager.id}")
    assert "مدیران را نمی‌شود مسدود کرد" in no.text
    await w.trainer.say("/unblock ۰۹۱۲۱۲۳۴۵۶۷")
    replies = await seller.say("/newproduct")
    assert "دسترسی" not in replies[0].text


async def test_larger_edit_goes_back_to_review_while_the_old_post_stays(world: World) -> None:
    w = world
    seller, listing = await submitted_listing(w)
    await w.press_in_group(w.trainer, await w.card(listing.id), APPROVE)
    await w.idle()
    async with w.bot.db.session() as s:
        post_id = (await s.get(Listing, listing.id)).channel_card_message_id

    (lst,) = await seller.tap("🛍 محصولات من")
    (card,) = await seller.tap(lst.buttons[0], lst)
    replies = await seller.tap("✏️ تغییر نام، عکس یا توضیح", card)
    assert "همان پست فعلی در کانال می‌ماند" in replies[0].text
    await seller.tap("نام")
    await seller.say("گلیم دستباف زنجان، نقش ترنج")
    await seller.tap(SUBMIT)
    async with w.bot.db.session() as s:
        revision = await s.scalar(select(Listing).where(Listing.replaces_id == listing.id))
    card2 = await w.card(revision.id)
    assert f"تغییرات محصول منتشرشدهٔ شمارهٔ {_fa(listing.id)}" in card2.text
    post = next(r for r in w.sb.records(w.channel["id"]) if r.message_id == post_id)
    assert "نقش ترنج" not in post.text and post.edits == [], "the old post stays while under review"

    await w.press_in_group(w.trainer, card2, APPROVE)
    await w.idle()
    post = next(r for r in w.sb.records(w.channel["id"]) if r.message_id == post_id)
    assert post.text.startswith("گلیم دستباف زنجان، نقش ترنج"), "the same post, edited"
    assert post.reply_markup["inline_keyboard"][0][0]["text"] == "🛒 سفارش می‌دهم"
    async with w.bot.db.session() as s:
        original = await s.get(Listing, listing.id)
        merged = await s.get(Listing, revision.id)
    assert (original.title, original.status) == ("گلیم دستباف زنجان، نقش ترنج", m.PUBLISHED)
    assert merged.status == m.MERGED
    (lst,) = await seller.tap("🛍 محصولات من")
    assert len(lst.buttons) == 1, "the merged revision is not a second product"

    # new photos: the album cannot be edited into another, so the post is made again
    (card,) = await seller.tap(lst.buttons[0], lst)
    await seller.tap("✏️ تغییر نام، عکس یا توضیح", card)
    await seller.tap("عکس‌ها")
    await seller.send("photo", b"a brand new photo")
    await seller.tap(DONE)
    await seller.tap(SUBMIT)
    async with w.bot.db.session() as s:
        revision = await s.scalar(select(Listing).where(Listing.replaces_id == listing.id,
                                                        Listing.status == m.PENDING))
    await w.press_in_group(w.trainer, await w.card(revision.id), APPROVE)
    await w.idle()
    async with w.bot.db.session() as s:
        original = await s.get(Listing, listing.id)
    assert original.channel_card_message_id != post_id and len(original.photos) == 1
    live = [r for r in w.sb.records(w.channel["id"])]
    assert all(r.message_id != post_id for r in live), "the old post was deleted"
    assert live[-1].message_id == original.channel_card_message_id


async def test_a_seller_who_blocked_the_bot_shows_up_for_trainers(world: World) -> None:
    w = world
    seller, listing = await submitted_listing(w)
    card = await w.card(listing.id)
    await w.sb.block_bot(seller.user)
    await w.press_in_group(w.trainer, card, APPROVE)
    await w.idle()
    async with w.bot.db.session() as s:
        failed = (await s.scalars(select(OutboxMessage).where(OutboxMessage.status == "failed"))).all()
    assert len(failed) == 1 and "blocked" in failed[0].last_error
    assert len([r for r in w.channel_msgs() if r.reply_markup]) == 1, "the post itself went out"
    (report,) = await w.trainer.say("/undelivered")
    assert "مریم" in report.text and "ربات را مسدود کرده است" in report.text
    stranger = Person(w.bot, await w.sb.create_user("غریبه"))
    await stranger.forge(report, f"trq:retry:{failed[0].id}")
    assert stranger.answers()[-1] == "فقط مربی‌های همیار می‌توانند این کار را انجام دهند."
    await w.sb.unblock_bot(seller.user)
    await w.trainer.tap(report.buttons[0], report)
    assert w.trainer.answers()[-1] == "دوباره در صف فرستادن گذاشته شد."
    told = await w.sb.wait_for_bot_message(seller.id, lambda r: "منتشر شد" in (r.text or ""), after=0)
    assert "گلیم دستباف زنجان" in told.text


async def test_html_in_a_trainers_name_and_a_typed_reason_keeps_the_card_editable(world: World) -> None:
    """A trainer named «سارا <مربی> & co» rejecting with a typed «قیمت < ۱۰۰ & <b>بالا»: the card's
    edit used to fail with «can't parse entities» (ignored), so it kept its buttons and never
    said who decided. The seller's name has the same characters (the card itself is HTML)."""
    w = world
    odd_u = await w.sb.create_user("سارا <مربی> & co", username="sara_trainer", language_code="fa")
    w.sb.chats[w.group["id"]].members.add(odd_u["id"])  # she is in the trainers' group
    odd = Person(w.bot, odd_u)
    await odd.say("/start")
    await w.manager.say("/addtrainer @sara_trainer ابهر")
    seller, listing = await submitted_listing(w, name="مریم <&>")
    card = await w.card(listing.id)
    assert "👤 فروشنده: مریم <&> رضایی" in card.text
    await w.press_in_group(odd, card, REJECT)
    card_now = next(r for r in w.sb.records(w.group["id"]) if r.message_id == card.message_id)
    await w.press_in_group(odd, card_now, "✍️ دلیل دیگر (بنویسید)")
    reason = "قیمت < ۱۰۰ & <b>بالا"
    typed = await w.sb.send_text(odd.user, reason, chat_id=w.group["id"])
    await w.bot.wait_processed(("msg", w.group["id"], typed["message_id"]))
    edited = next(r for r in w.sb.records(w.group["id"]) if r.message_id == card.message_id)
    assert "⛔️ رد شد — سارا <مربی> & co" in edited.text
    assert f"دلیل: {reason}" in edited.text
    assert edited.buttons == []
    told = await w.sb.wait_for_bot_message(seller.id, lambda r: "این بار منتشر نشد" in (r.text or ""))
    assert reason in told.text

    # an approval by the same trainer, on a second listing
    _, other = await submitted_listing(w, name="نرگس & <i>")
    card2 = await w.card(other.id)
    await w.press_in_group(odd, card2, APPROVE)
    edited = next(r for r in w.sb.records(w.group["id"]) if r.message_id == card2.message_id)
    assert "✅ تأیید و منتشر شد — سارا <مربی> & co" in edited.text and edited.buttons == []


def test_the_typing_flow_matches_its_picture() -> None:
    from pathlib import Path

    from handlers.admin_card import FLOW, build_typing

    picture = Path(__file__).parent.parent / "docs" / "flows" / f"{FLOW.name}.mmd"
    assert picture.read_text(encoding="utf-8") == FLOW.mermaid()
    assert tuple(build_typing().states) == FLOW.states


async def test_seller_cards_count_every_sellers_listings_in_one_query(world: World) -> None:
    """/seller used to run two queries per seller found (an N+1); now the counts and the
    blocked flags of all of them come in one, whatever the number of sellers."""
    from sqlalchemy import event

    from bot.services import trainer_tools

    w = world
    first, _ = await submitted_listing(w, name="مریم")
    for name in ("مریم دوم", "مریم سوم"):
        p = Person(w.bot, await w.sb.create_user(name, language_code="fa"))
        await make_seller(w.bot, p, name=f"{name} احمدی")
    statements: list[str] = []

    def count(state) -> None:
        statements.append(str(state.statement))

    async with w.bot.db.session() as s:
        event.listen(s.sync_session, "do_orm_execute", count)  # this session's queries only
        cards = await trainer_tools.seller_cards(s, w.manager.id, "مریم")
    assert len(cards) == 3
    assert {c.seller.user_id: (c.pending, c.total) for c in cards}[first.id] == (1, 1)
    assert sum(c.total for c in cards) == 1
    assert len(statements) == 2, statements  # the sellers found, then one for all their counts


def test_moderation_buttons_keep_their_wire_format() -> None:
    """Cards already in chats keep working: the codec packs exactly what was sent before."""
    from bot.callbacks import (
        BehalfConfirm,
        BehalfPhone,
        BehalfSend,
        ChangeReason,
        QueueCard,
        RejectReason,
        RetryUndelivered,
        ReviewButton,
    )

    assert ReviewButton("ok", 12, 3).pack() == "mod:ok:12:3"
    assert ReviewButton.parse("mod:chg:12:3") == ReviewButton("chg", 12, 3)
    assert ReviewButton.parse("mod:zap:12:3") is None
    assert RejectReason.parse("mod:rr:12:3:not_handmade") == RejectReason(12, 3, "not_handmade")
    assert ReviewButton.parse("mod:rr:12:3") is None
    assert ChangeReason(12, 3, "photo").pack() == "mod:cr:12:3:photo"
    assert ChangeReason.parse("mod:cr:12:3:delivery") == ChangeReason(12, 3, "delivery")
    assert ReviewButton.parse("mod:ct:12:3") == ReviewButton("ct", 12, 3)
    assert [k(7).pack() for k in (QueueCard, RetryUndelivered, BehalfSend, BehalfPhone, BehalfConfirm)] \
        == ["trq:card:7", "trq:retry:7", "obh:send:7", "obh:phone:7", "obh:yes:7"]
    assert BehalfConfirm.parse("obh:yes:99999999999999999999") is None
