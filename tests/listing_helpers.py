"""Shared steps for listing tests: a registered seller, and a walk to any step."""

from __future__ import annotations

from harness import BotHarness, Person

from models.base import utcnow
from models.user import Seller, User

NEW = "➕ ثبت محصول جدید"
MY = "🛍 محصولات من"
BACK, CANCEL, SKIP, DONE = "↩️ بازگشت", "✖️ انصراف", "⏭ بعدی", "✅ کافی است"


async def make_seller(bot: BotHarness, p: Person, name: str = "مریم رضایی",
                      city: str = "zanjan.abhar", district: int | None = 2) -> None:
    """Register her directly in the database (registration has its own tests)."""
    async with bot.db.session() as s:
        if await s.get(User, p.id) is None:
            s.add(User(id=p.id, first_name=p.user["first_name"], telegram_language="fa"))
            await s.flush()
        s.add(Seller(user_id=p.id, name=name, phone="+989121234567",
                     province_code=city.split(".")[0], city_code=city, district=district,
                     crafts=["kilim"], group_name=None, registered_at=utcnow()))


async def album(p: Person, n: int) -> None:
    """Send an album of n photos and wait for the bot's single acknowledgement."""
    before = p.last_id()
    await p.send("album", [f"photo-{i}".encode() for i in range(n)])
    await p.sb.wait_for_bot_message(
        p.id, lambda r: "عکس دریافت شد" in (r.text or ""), timeout=10, after=before)


async def walk(p: Person, step: str) -> None:
    """From the main menu, a new listing up to `step` with good answers."""
    await p.say("/newproduct")
    if step == "category":
        return
    await p.tap("گلیم‌بافی")
    if step == "photos":
        return
    await album(p, 3)
    await p.tap(DONE)
    if step == "title":
        return
    await p.say("گلیم دستباف زنجان")
    if step == "description":
        return
    await p.send("voice", b"OggS-voice", 12)
    if step == "price":
        return
    await p.say("۱۲۰ هزار")
    if step == "availability":
        return
    await p.tap("📦 موجود است")
    if step == "stock":
        return
    await p.say("۳")
    if step == "delivery":
        return
    await p.tap("🤝 تحویل حضوری")
    await p.tap("📮 پست به شهرهای دیگر")
    await p.tap("✅ کافی است")
    if step == "delivery_cost":
        return
    await p.say("۳۰ هزار")
    assert step == "preview"
