"""The settings menu («⚙️ تنظیمات»): a seller turns her weekly note off and on there (issue 12,
item 6), edited in place; a second press, an old settings message, a forged button and a buyer
each get the right answer, and what the screen says is what the database holds."""

from __future__ import annotations

from harness import Person
from listing_helpers import make_seller
from sqlalchemy import func, select

from bot.services.reports import digest
from models.group import ReportPrefs
from sandbox.state import Record

OFF, ON = "🔕 پیام هفتگی نمی‌خواهم", "🔔 پیام هفتگی می‌خواهم"
SAYS_ON, SAYS_OFF = "🗓 پیام هفتگی: هر شنبه", "🗓 پیام هفتگی: خاموش است"


def _now(p: Person, rec: Record) -> Record:
    """The message as the person sees it now (after any edits)."""
    return next(r for r in p.sb.records(p.id) if r.message_id == rec.message_id)


async def _held(bot, user_id: int) -> bool | None:  # type: ignore[no-untyped-def]
    """The weekly note's state in the database (None: no row, which means on)."""
    async with bot.db.session() as s:
        row = await s.get(ReportPrefs, user_id)
        return None if row is None else row.weekly_note


async def test_seller_turns_the_weekly_note_off_and_on_in_settings(bot, person) -> None:
    maryam = await person("مریم", language_code="fa")
    await maryam.say("/start")
    await make_seller(bot, maryam)
    (menu,) = await maryam.tap("⚙️ تنظیمات")
    assert SAYS_ON in menu.text and f"«{OFF}»" in menu.text
    assert menu.buttons == ["☑️ فارسی", "English", OFF]
    assert await _held(bot, maryam.id) is None  # no row: on

    replies = await maryam.tap(OFF, menu)
    assert replies == [], "the settings message is edited in place, nothing new is sent"
    assert maryam.answers()[-1] == "پیام هفتگی خاموش شد."
    shown = _now(maryam, menu)
    assert SAYS_OFF in shown.text and "زبان فعلی: فارسی" in shown.text
    assert shown.buttons == ["☑️ فارسی", "English", ON]
    assert await _held(bot, maryam.id) is False

    # the same press again (a double tap, before the edit arrived): still off, not flipped back
    again = await maryam.forge(menu, "set:weekly:off")
    assert again["replies"] == [] and await _held(bot, maryam.id) is False
    assert SAYS_OFF in _now(maryam, menu).text

    # a new settings message reads the database; turning it on there...
    (fresh,) = await maryam.say("/settings")
    assert SAYS_OFF in fresh.text and fresh.buttons[-1] == ON
    await maryam.tap(ON, fresh)
    assert await _held(bot, maryam.id) is True
    assert SAYS_ON in _now(maryam, fresh).text and _now(maryam, fresh).buttons[-1] == OFF
    # ...then pressing «on» on the old message, which still offers it: stays on, and the old
    # message now says so too
    old = _now(maryam, menu)
    assert old.buttons[-1] == ON
    await maryam.tap(ON, old)
    assert await _held(bot, maryam.id) is True
    assert SAYS_ON in _now(maryam, menu).text and _now(maryam, menu).buttons[-1] == OFF
    async with bot.db.session() as s:
        assert await s.scalar(select(func.count()).select_from(ReportPrefs)) == 1

    # /weekly keeps working, and the settings show what it did
    (told,) = await maryam.say("/weekly")
    assert "دیگر پیام هفتگی نمی‌فرستیم" in told.text
    assert await _held(bot, maryam.id) is False
    (after,) = await maryam.say("/settings")
    assert SAYS_OFF in after.text and after.buttons[-1] == ON
    async with bot.db.session() as s:
        assert await digest.note_state(s, maryam.id) is False

    # a forged button changes nothing and is answered
    forged = await maryam.forge(after, "set:weekly:maybe")
    assert forged["replies"] == []
    assert maryam.answers()[-1] == "این گزینه را نفهمیدیم. لطفاً یکی از دکمه‌های همین پیام را بزنید."
    assert await _held(bot, maryam.id) is False


async def test_a_buyer_has_no_weekly_note_in_settings_and_cannot_forge_one(bot, person) -> None:
    sara = await person("سارا", language_code="fa")
    await sara.say("/start")
    (menu,) = await sara.tap("⚙️ تنظیمات")
    assert "پیام هفتگی" not in menu.text
    assert menu.buttons == ["☑️ فارسی", "English"]
    forged = await sara.forge(menu, "set:weekly:off")
    assert forged["replies"] == []
    assert sara.answers()[-1].startswith("پیام هفتگی برای فروشنده‌هاست.")
    assert "پیام هفتگی" not in _now(sara, menu).text
    async with bot.db.session() as s:
        assert await s.scalar(select(func.count()).select_from(ReportPrefs)) == 0


async def test_changing_the_language_keeps_the_weekly_note_on_the_settings(bot, person) -> None:
    """The settings message is redrawn in the chosen language, with the note's state as held."""
    maryam = await person("مریم", language_code="fa")
    await maryam.say("/start")
    await make_seller(bot, maryam)
    (menu,) = await maryam.say("/settings")
    await maryam.tap(OFF, menu)
    replies = await maryam.tap("English", menu)
    assert replies[-1].text == "Language set to English."
    shown = _now(maryam, menu)
    assert "Current language: English" in shown.text and "Weekly message: off" in shown.text
    assert shown.buttons == ["فارسی", "☑️ English", "🔔 Send weekly message"]
    await maryam.tap("🔔 Send weekly message", shown)
    assert maryam.answers()[-1] == "The weekly message is on."
    assert await _held(bot, maryam.id) is True
    assert _now(maryam, menu).buttons[-1] == "🔕 Stop weekly message"
