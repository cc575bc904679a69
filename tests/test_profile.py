"""Her profile (issue 11 item 13): a button per answer on the registration summary and on her
profile card; a change of name or place reaches her listings in search and in the channel;
after registering she is pointed to «ثبت محصول جدید»."""

from __future__ import annotations

from harness import BotHarness, Person
from order_helpers import published_listing

from bot.i18n import I18n
from models.search import ListingSearch
from models.user import Seller

SKIP, DONE = "⏭ بعدی", "✅ کافی است"
CONFIRM = "✅ تأیید و ثبت"
EDIT = {"name": "✏️ نام", "phone": "✏️ شماره", "city": "✏️ شهر", "district": "✏️ منطقه",
        "crafts": "✏️ رشته‌ها", "group": "✏️ گروه"}


def profile_label() -> str:
    return I18n().t("fa", "menu-profile")


async def to_summary(p: Person):
    await p.say("/register")
    await p.say("مریم رضایی")
    await p.say("۰۹۱۲۳۴۵۶۷۸۹")
    await p.tap("زنجان")
    await p.tap("ابهر")
    await p.say("۳")
    await p.tap("ملیله‌کاری")
    await p.tap(DONE)
    (summary,) = await p.tap(SKIP)
    return summary


async def test_the_summary_has_a_button_per_answer(bot: BotHarness, person) -> None:
    p = await person("مریم")
    summary = await to_summary(p)
    assert set(EDIT.values()) <= set(summary.buttons)
    assert summary.buttons[0] == CONFIRM

    (q,) = await p.tap(EDIT["name"], summary)
    assert "سؤال ۱ از ۷" in q.text
    (summary,) = await p.say("فروشگاه گلیم مریم")
    assert "فروشگاه گلیم مریم" in summary.text, "straight back to the summary, not the phone"

    await p.tap(EDIT["city"], summary)
    await p.tap("آذربایجان شرقی")
    replies = await p.tap("تبریز")
    summary = replies[-1]
    assert "تبریز" in summary.text and CONFIRM in summary.buttons

    replies = await p.tap(CONFIRM, summary)
    done = replies[-1].text
    new_label = I18n().t("fa", "menu-new-listing")
    assert "ثبت‌نامتان انجام شد" in done and f"«{new_label}»" in done, "she is told what to tap next"
    async with bot.db.session() as s:
        seller = await s.get(Seller, p.id)
    assert seller.name == "فروشگاه گلیم مریم" and seller.city_code.endswith("tabriz")


async def test_she_changes_her_name_and_city_from_her_profile(bot: BotHarness, person) -> None:
    p = await person("مریم")
    listing = await published_listing(bot, p)
    (card,) = await p.say(profile_label())
    assert "مریم رضایی" in card.text
    assert set(EDIT.values()) <= set(card.buttons)

    (_q,) = await p.tap(EDIT["name"], card)
    assert p.visible_keyboard()[-1] == ["↩️ بازگشت", "✖️ انصراف"]
    (summary,) = await p.say("گلیم‌های مریم")
    assert "گلیم‌های مریم" in summary.text
    await p.tap(EDIT["city"], summary)
    await p.tap("آذربایجان شرقی")
    replies = await p.tap("تبریز")
    replies = await p.tap(CONFIRM, replies[-1])
    assert "اطلاعاتتان به‌روز شد" in replies[-1].text
    assert "➕ ثبت محصول جدید" in [b for row in p.visible_keyboard() for b in row]

    async with bot.db.session() as s:
        seller = await s.get(Seller, p.id)
        row = await s.get(ListingSearch, listing.id)
    assert seller.name == "گلیم‌های مریم" and seller.city_code.endswith("tabriz")
    assert seller.phone == "+989121234567" and seller.crafts == ["kilim"], "the rest is kept"
    assert row is not None and row.city_code == seller.city_code, "the search index follows"


async def test_leaving_a_profile_change_keeps_her_profile(bot: BotHarness, person) -> None:
    p = await person("مریم")
    await published_listing(bot, p)
    (card,) = await p.say(profile_label())
    await p.tap(EDIT["phone"], card)
    (bye,) = await p.say("✖️ انصراف")
    assert "چیزی تغییر نکرد" in bye.text
    async with bot.db.session() as s:
        seller = await s.get(Seller, p.id)
    assert seller.phone == "+989121234567"
    # a second change starts again from her profile, not from the abandoned copy
    (card,) = await p.say(profile_label())
    (_q,) = await p.tap(EDIT["group"], card)
    (summary,) = await p.say("گروه همیار ابهر")
    assert "مریم رضایی" in summary.text and "گروه همیار ابهر" in summary.text
