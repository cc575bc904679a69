"""Seller registration end to end through the stand-in: every step's bad input, back and
cancel, restarts in the middle, contacts, buttons pressed twice, old and forged."""

from __future__ import annotations

import pytest
from harness import choose_english
from sqlalchemy import func, select

from models.state import ConversationState, Draft
from models.user import Seller

REGISTER = "📝 ثبت‌نام فروشنده"
BACK, CANCEL, SKIP = "↩️ بازگشت", "✖️ انصراف", "⏭ بعدی"
SHARE = "📱 فرستادن شمارهٔ من"


async def draft_of(bot, user_id: int) -> dict | None:
    async with bot.db.session() as s:
        d = await s.get(Draft, (user_id, "registration"))
        return dict(d.data) if d else None


async def seller_count(bot) -> int:
    async with bot.db.session() as s:
        return await s.scalar(select(func.count()).select_from(Seller))


async def reach(p, step: str) -> None:
    """Walk a new user up to `step` with good answers."""
    await p.say("/start")
    await p.say("/register")
    if step == "name":
        return
    await p.say("مریم رضایی")
    if step == "phone":
        return
    await p.say("۰۹۱۲۳۴۵۶۷۸۹")
    if step == "province":
        return
    await p.tap("زنجان")
    if step == "city":
        return
    await p.tap("ابهر")
    if step == "district":
        return
    await p.say("۳")
    if step == "crafts":
        return
    await p.tap("ملیله‌کاری")
    await p.tap("✅ کافی است")
    if step == "group":
        return
    await p.tap(SKIP)
    assert step == "confirm"


async def test_full_registration_in_persian(bot, person) -> None:
    p = await person("مریم")
    await p.say("/start")
    replies = await p.tap(REGISTER)
    assert "هفت سؤال" in replies[0].text
    assert "سؤال ۱ از ۷" in replies[-1].text
    assert p.keyboard() == [BACK, CANCEL]

    (q,) = await p.say("مریم رضایی")
    assert "سؤال ۲ از ۷" in q.text
    assert SHARE in p.keyboard()

    (q,) = await p.say("۰۹۱۲ ۳۴۵ ۶۷۸۹")  # Persian digits with spaces
    assert "سؤال ۳ از ۷" in q.text and "زنجان" in q.buttons and len(q.buttons) == 31 + 2

    replies = await p.tap("زنجان", q)
    assert bot.sb.records(p.id)[-2].text == "☑️ زنجان"  # the answered question shows its answer
    (q,) = [r for r in replies if "سؤال ۴" in (r.text or "")]
    assert {"ابهر", "خدابنده", "خرمدره", "ماهنشان", "ایجرود"} <= set(q.buttons)

    replies = await p.tap("ابهر", q)
    assert "سؤال ۵ از ۷" in replies[-1].text
    (q,) = await p.say("۳")
    assert "سؤال ۶ از ۷" in q.text

    await p.tap("ملیله‌کاری", q)
    await p.tap("جوراب‌بافی", q)
    assert "☑️ ملیله‌کاری" in p.sb.records(p.id)[-1].buttons  # toggled in place
    await p.tap("☑️ جوراب‌بافی", q)  # and off again
    await p.tap("رشته‌بری", q)
    replies = await p.tap("✅ کافی است", q)
    assert "سؤال ۷ از ۷" in replies[-1].text

    (summary,) = await p.say("گروه همیار ابهر ۲")
    assert "مریم رضایی" in summary.text
    assert "۰۹۱۲۳۴۵۶۷۸۹" in summary.text
    assert "ابهر، استان زنجان" in summary.text
    assert "منطقه: ۳" in summary.text
    assert "ملیله‌کاری، رشته‌بری" in summary.text
    assert "گروه همیار ابهر ۲" in summary.text

    replies = await p.tap("✅ تأیید و ثبت", summary)
    assert "ثبت‌نامتان انجام شد" in replies[-1].text
    assert {"➕ ثبت محصول جدید", "🛍 محصولات من", "👤 اطلاعات من"} <= set(p.keyboard())
    assert "📝 ثبت‌نام فروشنده" not in p.keyboard()

    async with bot.db.session() as s:
        seller = await s.get(Seller, p.id)
    assert seller.name == "مریم رضایی"
    assert seller.phone == "+989123456789"
    assert (seller.province_code, seller.city_code, seller.district) == (
        "zanjan", "zanjan.abhar", 3)
    assert seller.crafts == ["filigree", "noodles"]
    assert seller.group_name == "گروه همیار ابهر ۲"
    assert await draft_of(bot, p.id) is None
    async with bot.db.session() as s:
        assert await s.scalar(select(func.count()).select_from(ConversationState)) == 0

    (card,) = await p.tap("👤 اطلاعات من")
    assert "مریم رضایی" in card.text and "عضو از" in card.text
    assert any(m in card.text for m in ("آذر", "دی", "آبان", "بهمن", "اسفند", "فروردین",
                                         "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر"))

    # the confirm button pressed again: one seller, and a clear answer
    await p.forge(summary, "reg:confirm")
    assert p.answers()[-1] == "این دکمه دیگر کار نمی‌کند. از دکمه‌های پایین صفحه دوباره شروع کنید."
    assert await seller_count(bot) == 1
    (again,) = await p.say("/register")
    assert again.text == "شما قبلاً ثبت‌نام کرده‌اید. اطلاعاتتان را در «👤 اطلاعات من» ببینید."


async def test_own_contact_accepted_foreign_contact_refused(bot, person) -> None:
    p = await person("زهرا")
    await reach(p, "phone")
    (hint,) = await p.send("contact", "+989351112233", "خواهرم")  # someone else's card
    assert "شمارهٔ شخص دیگری است" in hint.text
    assert (await draft_of(bot, p.id))["name"] == "مریم رضایی"  # nothing lost
    assert "phone" not in await draft_of(bot, p.id)

    bot.sb.users[p.id].phone_number = "989121234567"
    replies = await p.tap(SHARE)
    assert "سؤال ۳ از ۷" in replies[-1].text
    assert (await draft_of(bot, p.id))["phone"] == "+989121234567"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12345", "شمارهٔ موبایل درست نیست"),
        ("۰۲۱۸۸۸۸۸۸۸۸", "شمارهٔ موبایل درست نیست"),  # a landline
        ("abc", "شمارهٔ موبایل درست نیست"),
    ],
)
async def test_bad_phone_text(bot, person, text: str, expected: str) -> None:
    p = await person()
    await reach(p, "phone")
    (hint,) = await p.say(text)
    assert expected in hint.text and "مثل ۰۹۱۲۱۲۳۴۵۶۷" in hint.text
    assert SHARE in p.keyboard()
    assert (await draft_of(bot, p.id))["name"] == "مریم رضایی"


async def test_phone_step_wrong_types(bot, person) -> None:
    p = await person()
    await reach(p, "phone")
    (hint,) = await p.send("sticker")
    assert "لطفاً شماره را بنویسید" in hint.text
    (hint,) = await p.send("photo", b"\x89PNG fake")
    assert "لطفاً شماره را بنویسید" in hint.text
    (q,) = await p.say("+98 912 123 4567")
    assert "سؤال ۳ از ۷" in q.text


async def test_name_step_bad_input_keeps_nothing_wrong(bot, person) -> None:
    p = await person()
    await reach(p, "name")
    (hint,) = await p.say("م" * 5000)
    assert "این نام خیلی بلند است" in hint.text and "حرف" not in hint.text  # COPY rule 6
    (hint,) = await p.say("م")
    assert "این نام خیلی کوتاه است" in hint.text
    (hint,) = await p.say("۱۲۳۴۵")
    assert "نام باید حرف داشته باشد" in hint.text
    (hint,) = await p.send("sticker")
    assert "به‌صورت نوشته" in hint.text and "سؤال ۱ از ۷" in hint.text
    (hint,) = await p.send("voice", b"OggS", 3)
    assert "به‌صورت نوشته" in hint.text
    assert "name" not in await draft_of(bot, p.id)
    (q,) = await p.say("  مريم   كريمي  ")  # Arabic ي and ك, stray spaces
    assert "سؤال ۲ از ۷" in q.text
    assert (await draft_of(bot, p.id))["name"] == "مریم کریمی"


async def test_province_and_city_bad_input_and_forged_buttons(bot, person) -> None:
    p = await person()
    await reach(p, "province")
    province_q = p.last
    (hint,) = await p.say("آتلانتیس")
    assert "«آتلانتیس» پیدا نکردیم" in hint.text
    assert len(hint.buttons) == 33  # asked again, with its buttons
    await p.forge(hint, "reg:prov:atlantis")
    assert p.answers()[-1].startswith("این گزینه را نفهمیدیم")
    assert "province" not in await draft_of(bot, p.id)

    await p.tap("زنجان", hint)
    city_q = p.last
    # a Tehran city forged on the Zanjan city question
    await p.forge(city_q, "reg:city:tehran.tehran")
    assert p.answers()[-1].startswith("این گزینه را نفهمیدیم")
    assert "city" not in await draft_of(bot, p.id)
    # the province question answered earlier: its buttons are gone, a press is refused
    await p.forge(province_q, "reg:prov:tehran")
    assert p.answers()[-1] == "این دکمه دیگر کار نمی‌کند. از دکمه‌های پایین صفحه دوباره شروع کنید."
    assert (await draft_of(bot, p.id))["province"] == "zanjan"

    (hint,) = await p.say("شیراز")
    assert "در استان زنجان پیدا نکردیم" in hint.text
    (q,) = await p.say("خرم دره")  # typed, with a space instead of none
    assert "سؤال ۵ از ۷" in q.text
    assert (await draft_of(bot, p.id))["city"] == "zanjan.khorramdareh"


async def test_typed_city_at_province_step_with_arabic_letters(bot, person) -> None:
    p = await person()
    await reach(p, "province")
    (q,) = await p.say("تبريز")  # Arabic ي
    assert "سؤال ۵ از ۷" in q.text
    d = await draft_of(bot, p.id)
    assert (d["province"], d["city"]) == ("az_east", "az_east.tabriz")


async def test_district_crafts_group_bad_input(bot, person) -> None:
    p = await person()
    await reach(p, "district")
    (hint,) = await p.say("۹۹")
    assert "عددی از ۱ تا ۳۰" in hint.text
    (hint,) = await p.say("منطقه")
    assert "عددی از ۱ تا ۳۰" in hint.text
    (hint,) = await p.send("photo", b"\x89PNG")
    assert "به‌صورت نوشته" in hint.text
    (q,) = await p.tap(SKIP)
    assert "سؤال ۶ از ۷" in q.text
    assert (await draft_of(bot, p.id))["district"] is None

    (hint,) = await p.say("خیاطی")  # typed instead of tapped
    assert "با دکمه‌های پیام بالا" in hint.text
    crafts_q = p.last
    await p.tap("✅ کافی است", crafts_q)
    assert p.answers()[-1] == "دست‌کم یک رشته را انتخاب کنید و بعد «✅ کافی است» را بزنید."
    await p.forge(crafts_q, "reg:craft:rocket")
    assert p.answers()[-1].startswith("این گزینه را نفهمیدیم")
    await p.tap("خیاطی", crafts_q)
    (q,) = [r for r in await p.tap("✅ کافی است", crafts_q) if "سؤال ۷" in (r.text or "")]

    (hint,) = await p.say("گ" * 5000)
    assert "نام گروه را در چند کلمه بنویسید" in hint.text and "حرف" not in hint.text
    (summary,) = await p.tap(SKIP)
    assert "گروه یا تعاونی" not in summary.text and "ندارد" not in summary.text
    (hint,) = await p.say("بله درسته")
    assert "یکی از دکمه‌های پیام بالا" in hint.text
    assert await seller_count(bot) == 0


async def test_back_walks_to_every_previous_step_with_answers_kept(bot, person) -> None:
    p = await person()
    await reach(p, "confirm")
    expected = ["سؤال ۷ از ۷", "سؤال ۶ از ۷", "سؤال ۵ از ۷", "سؤال ۴ از ۷", "سؤال ۳ از ۷",
                "سؤال ۲ از ۷", "سؤال ۱ از ۷"]
    for marker in expected:
        replies = await p.tap(BACK)
        assert marker in replies[-1].text, (marker, replies[-1].text)
        if marker == "سؤال ۶ از ۷":
            assert "☑️ ملیله‌کاری" in replies[-1].buttons  # earlier choice still ticked
        if marker == "سؤال ۵ از ۷":
            assert "۳" in p.keyboard()  # the current answer offered as a button
        if marker == "سؤال ۱ از ۷":
            assert "مریم رضایی" in p.keyboard()
    d = await draft_of(bot, p.id)
    assert d["name"] == "مریم رضایی" and d["city"] == "zanjan.abhar" and d["district"] == 3
    # back at the first question leaves registration, answers kept
    (bye,) = await p.tap(BACK)
    assert "ثبت‌نام نیمه‌کاره ماند" in bye.text
    assert REGISTER in p.keyboard()
    # and the inline back button works too
    replies = await p.tap(REGISTER)
    assert "از همان‌جا ادامه" in replies[0].text


async def test_cancel_keeps_answers_and_resumes_at_the_same_step(bot, person) -> None:
    p = await person()
    await reach(p, "city")
    (bye,) = await p.say("/cancel")
    assert "جواب‌هایتان نگه داشته شده" in bye.text
    (search,) = await p.say("زنجان")  # outside the conversation now: a search, not an answer
    assert "محصولی پیدا نشد" in search.text
    assert (await draft_of(bot, p.id))["province"] == "zanjan"
    replies = await p.tap(REGISTER)
    assert "از همان‌جا ادامه" in replies[0].text
    assert "سؤال ۴ از ۷" in replies[-1].text and "ابهر" in replies[-1].buttons
    # the inline cancel on the question works as well
    replies = await p.tap("✖️ انصراف", replies[-1])
    assert "ثبت‌نام نیمه‌کاره ماند" in replies[-1].text
    assert (await draft_of(bot, p.id))["province"] == "zanjan"


@pytest.mark.parametrize("step", ["name", "phone", "province", "city", "district", "crafts",
                                  "group", "confirm"])
async def test_restart_in_the_middle_resumes_at_the_same_step(bot, person, step: str) -> None:
    p = await person()
    await reach(p, step)
    before = await draft_of(bot, p.id)
    await bot.restart()
    assert await draft_of(bot, p.id) == before
    # the next answer is taken as the answer to the same step
    if step == "name":
        (q,) = await p.say("مریم رضایی")
        assert "سؤال ۲ از ۷" in q.text
    elif step == "phone":
        (q,) = await p.say("09123456789")
        assert "سؤال ۳ از ۷" in q.text
    elif step == "province":
        replies = await p.tap("زنجان")
        assert "سؤال ۴ از ۷" in replies[-1].text
    elif step == "city":
        replies = await p.tap("ابهر")
        assert "سؤال ۵ از ۷" in replies[-1].text
    elif step == "district":
        (q,) = await p.say("3")
        assert "سؤال ۶ از ۷" in q.text
    elif step == "crafts":
        await p.tap("ملیله‌کاری")
        replies = await p.tap("✅ کافی است")
        assert "سؤال ۷ از ۷" in replies[-1].text
    elif step == "group":
        (q,) = await p.tap(SKIP)
        assert "تأیید و ثبت" in q.buttons[0]
    else:
        replies = await p.tap("✅ تأیید و ثبت")
        assert "ثبت‌نامتان انجام شد" in replies[-1].text
        assert await seller_count(bot) == 1


async def test_crash_right_after_an_answer_resumes(bot, person) -> None:
    """No graceful flush at stop: the state written after each update is what survives."""
    p = await person()
    await reach(p, "district")
    await bot.crash_and_restart()
    (q,) = await p.say("۴")
    assert "سؤال ۶ از ۷" in q.text
    assert (await draft_of(bot, p.id))["district"] == 4


async def test_start_in_the_middle_reminds_where_she_is(bot, person) -> None:
    p = await person()
    await reach(p, "phone")
    (q,) = await p.say("/start")
    assert "از همان‌جا ادامه" in q.text and "سؤال ۲ از ۷" in q.text


async def test_two_sellers_register_at_once_without_mixing(bot, person) -> None:
    import asyncio

    a, b = await person("آمنه"), await person("Batool", language_code="en")
    await choose_english(b)
    await asyncio.gather(reach(a, "confirm"), reach(b, "name"))
    (q,) = await b.say("Batool Ahmadi")
    assert "Question 2 of 7" in q.text
    assert (await draft_of(bot, a.id))["name"] == "مریم رضایی"
    assert (await draft_of(bot, b.id))["name"] == "Batool Ahmadi"


async def _edit(bot, p, text: str, message_id: int) -> None:
    """Another Bot API server may send `edited_message` even when not asked for it: post one
    through the stand-in's update queue and wait until the bot has dealt with it."""
    chat = {"id": p.id, "type": "private", "first_name": p.user["first_name"]}
    msg = {"message_id": message_id, "from": dict(p.user), "chat": chat, "date": 1,
           "edit_date": 2, "text": text}
    bot.sb._push_update("edited_message", msg)
    await bot.wait_processed(("msg", p.id, message_id))


async def test_an_edited_message_is_never_an_answer(bot, person, caplog) -> None:
    """Edits reach no step (phone step of the registration, a search): no error, nothing
    said, and the next normal message is handled as usual."""
    p = await person("مریم")
    await reach(p, "phone")
    before = p.last_id()
    await _edit(bot, p, "۰۹۱۲۳۴۵۶۷۸۹", 900_001)
    assert p._replies_after(before) == []
    assert (await draft_of(bot, p.id)).get("phone") is None
    (q,) = await p.say("۰۹۱۲۳۴۵۶۷۸۹")
    assert "سؤال ۳ از ۷" in q.text
    await p.tap(CANCEL)

    before = p.last_id()
    await _edit(bot, p, "ملیله", 900_002)
    assert p._replies_after(before) == []
    assert await p.say("ملیله")  # a search, answered as before
    assert not [r for r in caplog.records if r.name == "hamyar.errors"]
    assert not [r for r in bot.sb.records(p.id) if r.from_bot and "مشکلی پیش آمد" in (r.text or "")]


def test_the_registration_picture_is_its_table() -> None:
    from pathlib import Path

    from handlers.registration import FLOW

    doc = Path(__file__).resolve().parent.parent / "docs/flows/registration.mmd"
    assert doc.read_text(encoding="utf-8") == FLOW.mermaid()
    assert FLOW.states == ("name", "phone", "province", "city", "district", "crafts", "group",
                           "confirm")
