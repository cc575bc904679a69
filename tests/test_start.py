"""/start, /help, settings, unknown input — through the stand-in, as a user sees them."""

from __future__ import annotations

from harness import choose_english
from sqlalchemy import select

from models.user import User


async def test_start_greets_in_persian_and_stores_the_user(bot, person) -> None:
    maryam = await person("مریم", language_code="fa")
    replies = await maryam.say("/start")
    assert len(replies) == 1
    assert "سلام مریم" in replies[0].text and "همیار" in replies[0].text
    assert {"📝 ثبت‌نام فروشنده", "📋 سفارش‌های من", "❓ راهنما", "⚙️ تنظیمات"} <= set(maryam.keyboard())
    assert "➕ ثبت محصول جدید" not in maryam.keyboard()
    async with bot.db.session() as s:
        user = await s.get(User, maryam.id)
    assert user is not None and user.first_name == "مریم" and user.telegram_language == "fa"


async def test_english_telegram_gets_persian_until_english_is_chosen(bot, person) -> None:
    """Many Persian speakers run Telegram in English: the bot speaks Persian unless the person
    chose English in the settings."""
    sara = await person("Sara", language_code="en-GB")
    replies = await sara.say("/start")
    assert replies[0].text.startswith("سلام Sara")
    assert "📝 ثبت‌نام فروشنده" in sara.keyboard()
    await choose_english(sara)
    replies = await sara.say("/start")
    assert replies[0].text.startswith("Hello Sara")
    assert "📝 Register as a seller" in sara.keyboard()


async def test_unknown_language_falls_back_to_persian(bot, person) -> None:
    user = await person("Ayşe", language_code="tr")
    replies = await user.say("/start")
    assert "به «همیار» خوش آمدید" in replies[0].text


async def test_help_and_unknown_text_and_sticker(bot, person) -> None:
    maryam = await person()
    await maryam.say("/start")
    (help_msg,) = await maryam.tap("❓ راهنما")
    assert "راهنمای همیار" in help_msg.text
    (search,) = await maryam.say("سلام، قیمت گلیم چنده؟")  # free text is a search
    assert "محصولی پیدا نشد" in search.text
    (after_sticker,) = await maryam.send("sticker")
    assert "متوجه نشدیم" in after_sticker.text
    (cancel,) = await maryam.say("/cancel")
    assert "کار نیمه‌تمامی ندارید" in cancel.text


async def test_language_setting_is_saved_and_forged_choice_refused(bot, person) -> None:
    maryam = await person()
    await maryam.say("/start")
    (menu,) = await maryam.tap("⚙️ تنظیمات")
    assert "زبان فعلی: فارسی" in menu.text
    forged = await maryam.forge(menu, "set:lang:de")
    assert forged["replies"] == []
    assert maryam.answers()[-1] == "این گزینه را نفهمیدیم. لطفاً یکی از دکمه‌های همین پیام را بزنید."
    async with bot.db.session() as s:
        assert (await s.get(User, maryam.id)).locale is None

    replies = await maryam.tap("English", menu)
    assert replies[-1].text == "Language set to English."
    assert "📝 Register as a seller" in maryam.keyboard()
    async with bot.db.session() as s:
        assert (await s.scalar(select(User.locale).where(User.id == maryam.id))) == "en"
    # the choice outlives a restart
    await bot.restart()
    (again,) = await maryam.say("/start")
    assert again.text.startswith("Hello")


async def test_old_unknown_button_is_answered_not_ignored(bot, person) -> None:
    maryam = await person()
    (welcome,) = await maryam.say("/start")
    result = await maryam.forge(welcome, "nonsense:123")
    assert result["replies"] == []
    assert maryam.answers()[-1] == "این دکمه دیگر کار نمی‌کند. از دکمه‌های پایین صفحه دوباره شروع کنید."


async def test_group_chatter_is_ignored(bot, person) -> None:
    maryam = await person()
    group = await bot.sb.create_group("مربیان", [maryam.id])
    msg = await bot.sb.send_text(maryam.user, "سلام به همه", chat_id=group["id"])
    await bot.wait_processed(("msg", group["id"], msg["message_id"]))
    assert [r for r in bot.sb.records(group["id"]) if r.from_bot] == []


async def test_the_user_cache_is_dropped_when_her_rows_change(bot, person) -> None:
    """The sender is looked up once and then remembered; a commit that blocks her, makes her a
    seller or changes her language forgets her at once, in this process."""
    from bot.services import users
    from models.base import utcnow
    from models.user import Seller

    maryam = await person("مریم", language_code="fa")
    await maryam.say("/start")
    tg = users.TgUser(maryam.id, "مریم", None, None, "fa")
    engine = bot.db.engine
    assert users.cached_user(engine, tg) is not None, "the /start filled the cache"
    assert users.cached_user(engine, users.TgUser(maryam.id, "مریم", None, "new", "fa")) is None

    async with bot.db.session() as s:
        await users.touch_user(s, tg)
    async with bot.db.session() as s:
        (await s.get(User, maryam.id)).is_blocked = True
    assert users.cached_user(engine, tg) is None, "blocked: forgotten at commit"

    async with bot.db.session() as s:
        info = await users.touch_user(s, tg)
    assert info.is_blocked and users.cached_user(engine, tg) == info
    async with bot.db.session() as s:
        (await s.get(User, maryam.id)).first_name = "مریم"  # no cached field changes
        s.add(Seller(user_id=maryam.id, name="مریم", phone="+989121234567",
                     province_code="zanjan", city_code="zanjan.abhar", crafts=[], registered_at=utcnow()))
        await s.flush()
        assert users.cached_user(engine, tg) == info, "not before the commit"
    assert users.cached_user(engine, tg) is None

    async with bot.db.session() as s:
        await users.touch_user(s, tg)
    try:
        async with bot.db.session() as s:
            (await s.get(User, maryam.id)).locale = "en"
            await s.flush()
            raise RuntimeError("rolled back")
    except RuntimeError:
        pass
    assert users.cached_user(engine, tg) is not None, "a rollback changes nothing"


async def test_a_new_trainer_sees_her_tools_at_once(bot, person) -> None:
    """The role comes from the user cache; making her a trainer drops it, so the very next
    /help lists the trainers' tools."""
    from models.moderation import Trainer

    sara = await person("سارا", language_code="fa")
    (before,) = await sara.say("/help")
    assert "ابزار مربی‌ها" not in before.text
    async with bot.db.session() as s:
        s.add(Trainer(user_id=sara.id, added_by=1, scope=[]))
    (after,) = await sara.say("/help")
    assert "ابزار مربی‌ها" in after.text and "/trainers" not in after.text
    async with bot.db.session() as s:
        await s.delete(await s.get(Trainer, sara.id))
    (again,) = await sara.say("/start")
    assert "ابزار مربی‌ها" not in again.text
