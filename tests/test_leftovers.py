"""Small slips a new-user trial found: the group she joined shown instead of the name she typed,
a sent-back listing left mid-fix still in «🛍 محصولات من», the finish-the-draft message naming a
button she can tap, and a preset reject reason in the seller's language."""

from __future__ import annotations

from harness import Person, World
from listing_helpers import MY, NEW, make_seller, walk
from sqlalchemy import func, select
from test_moderation import submitted_listing
from test_trial_fixes import FIX, OVER, _send_back

from models import listing as m
from models.listing import Listing
from models.moderation import Decision
from models.user import Seller, User

SUBMIT = "📤 فرستادن برای بررسی"
TYPED = "گروه خانم احمدی"


async def _profile(p: Person):  # type: ignore[no-untyped-def]
    await p.say("/start")
    return (await p.tap("👤 اطلاعات من"))[-1]


async def test_the_group_she_joined_is_shown_not_the_name_she_typed(world: World) -> None:
    w = world
    await w.trainer.say("/newgroup ابهر گروه همیار یاس")
    p = Person(w.bot, await w.sb.create_user("مریم", language_code="fa"))
    await make_seller(w.bot, p)
    async with w.bot.db.session() as s:
        (await s.get(Seller, p.id)).group_name = TYPED
    card = await _profile(p)
    assert TYPED in card.text  # in no group yet: the name she typed

    from models.group import HamyarGroup
    async with w.bot.db.session() as s:
        code = await s.scalar(select(HamyarGroup.join_code))
    joined = await p.say(f"/join {code}")
    assert "گروه همیار یاس" in joined[-1].text
    card = await _profile(p)
    assert "گروه همیار یاس" in card.text and TYPED not in card.text

    await walk(p, "preview")
    await p.tap(SUBMIT)
    async with w.bot.db.session() as s:
        listing = await s.scalar(select(Listing).where(Listing.seller_id == p.id))
    review = await w.card(listing.id)
    assert "گروه همیار یاس" in review.text and TYPED not in review.text
    (found,) = await w.trainer.say("/seller ۰۹۱۲۱۲۳۴۵۶۷")
    assert "گروه همیار یاس" in found.text and TYPED not in found.text

    await p.say("/leavegroup")  # out of the group again: the typed name is back
    card = await _profile(p)
    assert TYPED in card.text and "گروه همیار یاس" not in card.text
    (found,) = await w.trainer.say("/seller ۰۹۱۲۱۲۳۴۵۶۷")
    assert TYPED in found.text


async def test_a_fixed_reject_reason_reaches_her_in_her_language(world: World) -> None:
    w = world
    p = Person(w.bot, await w.sb.create_user("Sara", language_code="fa"))
    await make_seller(w.bot, p)
    await walk(p, "preview")
    await p.tap(SUBMIT)
    async with w.bot.db.session() as s:
        listing = await s.scalar(select(Listing).where(Listing.seller_id == p.id))
        (await s.get(User, p.id)).locale = "en"  # she chose English in her settings
    card = await w.card(listing.id)
    await w.press_in_group(w.trainer, card, "⛔️ رد")
    card_now = next(r for r in w.sb.records(w.group["id"]) if r.message_id == card.message_id)
    await w.press_in_group(w.trainer, card_now, "📷 عکس‌ها واضح نیست")
    told = await w.sb.wait_for_bot_message(p.id, lambda r: "was not published" in (r.text or ""))
    assert "Reason: The photos are unclear or do not show the product well" in told.text
    assert "عکس" not in told.text
    async with w.bot.db.session() as s:  # stored in Persian: the reports count reasons by text
        decision = await s.scalar(select(Decision).where(Decision.listing_id == listing.id))
        assert decision.reason == "عکس‌ها واضح نیست یا محصول را خوب نشان نمی‌دهد"
    edited = next(r for r in w.sb.records(w.group["id"]) if r.message_id == card.message_id)
    assert "عکس‌ها واضح نیست" in edited.text  # the trainers' card stays Persian

    await p.say("/start")
    await p.tap("🛍 My products")
    opened = await p.tap("✖️ گلیم دستباف زنجان")
    assert "The trainer's note: The photos are unclear" in opened[-1].text  # her card: English too


async def test_a_fix_left_with_cancel_stays_in_my_listings_sent_back(world: World) -> None:
    w = world
    seller, listing = await submitted_listing(w)
    await _send_back(w, listing.id, 1, "لطفاً اندازهٔ گلیم را هم بنویسید")
    told = await w.sb.wait_for_bot_message(seller.id, lambda r: "پیشنهادی دارد" in (r.text or ""))
    await seller.tap(FIX, told)
    await seller.tap("نام")
    await seller.say("گلیم دستباف زنجان، ۱۲۰ در ۸۰")  # a change made, then she leaves
    left = await seller.say("/cancel")
    assert "اصلاح «گلیم دستباف زنجان، ۱۲۰ در ۸۰» نیمه‌کاره ماند" in left[0].text
    assert left[-1].buttons == [FIX]  # the way to carry on, right there
    assert all("پاک کن" not in b for r in left for b in r.buttons)
    async with w.bot.db.session() as s:
        got = await s.get(Listing, listing.id)
        assert got.status == m.NEEDS_CHANGES and got.review_round == 1
        assert got.title == "گلیم دستباف زنجان، ۱۲۰ در ۸۰"  # what she changed is kept
        assert await s.scalar(select(func.count()).select_from(Listing)
                              .where(Listing.status == m.DRAFT)) == 0

    (mine,) = await seller.tap(MY)
    assert "۱۲۰ در ۸۰" in mine.text
    (opened,) = await seller.tap(mine.buttons[0], mine)
    assert "اندازهٔ گلیم" in opened.text and FIX in opened.buttons

    again = await seller.tap(FIX, left[-1])  # the button under the cancel message carries on
    assert SUBMIT in again[-1].buttons and "۱۲۰ در ۸۰" in "\n".join(r.text or "" for r in again)
    await seller.tap(SUBMIT)
    card2 = await w.card(listing.id, 2)
    assert "۱۲۰ در ۸۰" in card2.text


async def test_finish_the_draft_first_names_what_she_can_tap(world: World) -> None:
    w = world
    seller, listing = await submitted_listing(w)
    await _send_back(w, listing.id, 1, "لطفاً اندازهٔ گلیم را هم بنویسید")
    told = await w.sb.wait_for_bot_message(seller.id, lambda r: "پیشنهادی دارد" in (r.text or ""))
    await walk(seller, "title")  # another product begun, with answers in it
    await seller.say("/cancel")
    await seller.tap(FIX, told)
    refused = w.sb.answered_callbacks[-1]["text"]
    assert "یک محصول نیمه‌کاره دارید" in refused
    assert f"«{NEW}»" in refused and f"«{OVER}»" in refused and "پاک کن" not in refused
    (ask,) = await seller.tap(NEW)  # what it says is there to tap
    assert OVER in ask.buttons
    await seller.tap(OVER, ask)  # the product she began is gone; a fresh one is asked for
    await seller.say("/cancel")
    replies = await seller.tap(FIX, told)  # the empty draft makes way
    assert SUBMIT in replies[-1].buttons
