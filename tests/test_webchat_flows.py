"""The product's three flows on the sandbox web page, in a headless browser (Debian's
chromium), against the REAL bot: a seller registers and lists a kilim with a sample photo, a
trainer made on the page approves it in the trainers' group, a buyer opens the channel post's
«سفارش» button and orders, and the seller accepts. Screenshots go to tests/artifacts/."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from harness import BotHarness
from sqlalchemy import select

from models import listing as lm
from models import order as om
from models.listing import Listing
from models.moderation import Decision, Trainer
from models.order import Order
from models.user import Seller, User
from sandbox import FloodLimits, StandIn
from sandbox.bridge import SandboxBridge

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "sandbox" / "samples"
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
DOCS_SHOTS = ROOT / "docs" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
BOT_NAME = "همیار"
# Set to copy the screenshots the README shows into docs/screenshots/ (they are committed).
UPDATE_DOCS = os.environ.get("HAMYAR_UPDATE_SCREENSHOTS") == "1"

pytestmark = pytest.mark.skipif(not os.path.exists(CHROMIUM),
                                reason=f"{CHROMIUM} is missing (Debian: apt-get install chromium)")


def exact(text: str) -> re.Pattern[str]:
    return re.compile(rf"^\s*{re.escape(text)}\s*$")


class Page:
    """The web page with the steps a person takes on it."""

    def __init__(self, page: Any) -> None:
        self.p = page

    def bot_says(self, text: str) -> Any:
        return self.p.locator(".row.in", has_text=text)

    async def see(self, text: str, count: int | None = None) -> Any:
        from playwright.async_api import expect

        loc = self.bot_says(text)
        if count is None:
            await expect(loc.last).to_be_visible()
        else:
            await expect(loc).to_have_count(count)
        return loc.last

    async def say(self, text: str, then: str) -> None:
        """Type and send; wait for the bot's answer containing ``then``."""
        before = await self.bot_says(then).count()
        box = self.p.locator("#input")
        await box.fill(text)
        await box.press("Enter")
        await self.see(then, before + 1)

    async def tap(self, label: str, then: str, inline: bool = True) -> None:
        """Press an inline button of the newest message having it, or a reply-keyboard button."""
        before = await self.bot_says(then).count()
        if inline:
            await self.p.locator(".ib", has_text=exact(label)).last.click()
        else:
            await self.p.locator("#reply-kb .kb-btn", has_text=exact(label)).click()
        await self.see(then, before + 1)

    async def open_chat(self, title: str) -> None:
        from playwright.async_api import expect

        item = self.p.locator("#chat-list .item").filter(
            has=self.p.locator(".item-title", has_text=exact(title)))
        await item.click()
        await expect(self.p.locator("#chat-title")).to_have_text(title)

    async def new_person(self, first_name: str, last_name: str, role_label: str) -> None:
        from playwright.async_api import expect

        dialog = self.p.locator("#person-dialog")
        if not await dialog.is_visible():
            await self.p.locator("#add-person").click()
        await expect(dialog).to_be_visible()
        await dialog.locator("input[name=first_name]").fill(first_name)
        await dialog.locator("input[name=last_name]").fill(last_name)
        await dialog.get_by_text(role_label, exact=True).click()
        await dialog.get_by_text("ساختن").click()
        await expect(self.p.locator("#me-card")).to_contain_text(f"{first_name} {last_name}")
        await expect(self.p.locator("#me-card")).to_contain_text(role_label)

    async def switch_to(self, name: str) -> None:
        from playwright.async_api import expect

        await self.p.locator(".people .item", has_text=name).click()
        await expect(self.p.locator("#me-card")).to_contain_text(name)

    async def photos_loaded(self) -> None:
        await self.p.wait_for_function(
            "() => [...document.querySelectorAll('.media img')].every(i => i.complete && i.naturalWidth > 0)")

    async def shot(self, name: str, docs: bool = False, top: Any = None) -> Path:
        """A screenshot in tests/artifacts/ (and docs/screenshots/ when updating them), with
        ``top`` (a message) scrolled to the top of the chat, or the chat at its bottom."""
        await self.photos_loaded()
        if top is not None:
            await top.evaluate("n => n.scrollIntoView({block: 'start'})")
        await self.p.mouse.move(0, 0)  # no hovered button
        await self.p.evaluate("() => { document.getElementById('toast').hidden = true; }")
        await self.p.wait_for_timeout(200)  # let the last bubble settle
        path = ARTIFACTS / f"{name}.png"
        await self.p.screenshot(path=str(path))
        if docs and UPDATE_DOCS:
            save_for_docs(path, DOCS_SHOTS / f"{name}.png")
        return path


def save_for_docs(src: Path, dest: Path, limit: int = 300 * 1024) -> None:
    """A copy small enough for the repository: 256 colours (the chat is flat colours)."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    try:
        from PIL import Image
    except ImportError:
        shutil.copyfile(src, dest)
    else:
        with Image.open(src) as img:
            img.convert("RGB").quantize(colors=256, dither=Image.Dither.FLOYDSTEINBERG).save(
                dest, optimize=True)
    assert dest.stat().st_size < limit, f"{dest} is {dest.stat().st_size} bytes"


@pytest.fixture
async def world(tmp_path: Path, db_url: str) -> AsyncIterator[tuple[StandIn, BotHarness, SandboxBridge]]:
    sb = StandIn(bot_username="hamyar_bot", bot_name=BOT_NAME, flood=FloodLimits(enabled=False),
                 state_dir=tmp_path / "sandbox-state", setup_chats=True)
    await sb.start()
    bot = BotHarness(sb, db_url, admin_chat_id=sb.admin_chat_id,
                     catalogue_channel_id=sb.catalogue_channel_id)
    await bot.start()
    bridge = SandboxBridge(sb, bot.db, interval=0.2, grace=1.0)
    await bridge.start()
    try:
        yield sb, bot, bridge
    finally:
        await bridge.stop()
        await bot.stop()
        await sb.stop()


@pytest.fixture
async def browser_page() -> AsyncIterator[Any]:
    from playwright.async_api import async_playwright  # a dev dependency: fail if missing

    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            context = await browser.new_context(viewport={"width": 1100, "height": 860},
                                                locale="fa-IR", timezone_id="Asia/Tehran")
            page = await context.new_page()
            errors: list[str] = []
            page.on("pageerror", lambda exc: errors.append(str(exc)))
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.errors = errors
            yield page
        finally:
            await browser.close()


async def test_seller_trainer_buyer_on_the_page(world, browser_page) -> None:  # type: ignore[no-untyped-def]
    from playwright.async_api import expect

    sb, bot, bridge = world
    expect.set_options(timeout=10_000)
    ARTIFACTS.mkdir(exist_ok=True)
    page = Page(browser_page)
    await browser_page.goto(sb.page_url)

    # ---- the seller registers: seven questions, the phone shared with the contact button
    await page.new_person("فاطمه", "احمدی", "فروشنده")
    await expect(browser_page.locator("#chat-title")).to_have_text(BOT_NAME)
    await browser_page.locator("#start-btn").click()
    await page.see("به «همیار» خوش آمدید")
    await page.tap("📝 ثبت‌نام فروشنده", "سؤال ۱ از ۷", inline=False)
    await page.say("فاطمه احمدی", "سؤال ۲ از ۷")
    await browser_page.locator("#reply-kb .kb-btn", has_text="فرستادن شمارهٔ من").click()
    phone = browser_page.locator("#phone-dialog")
    await expect(phone).to_be_visible()
    await phone.locator("input").fill("۰۹۱۲۱۲۳۴۵۶۷")
    await phone.get_by_text("فرستادن شماره").click()
    await page.see("سؤال ۳ از ۷")
    await page.tap("زنجان", "سؤال ۴ از ۷")
    await page.tap("ابهر", "سؤال ۵ از ۷")
    await page.say("۳", "سؤال ۶ از ۷")
    await page.tap("گلیم‌بافی", "☑️ گلیم‌بافی")  # toggled in place: the message is edited
    await page.tap("✅ کافی است", "سؤال ۷ از ۷")
    await page.tap("⏭ بعدی", "اطلاعاتتان را یک بار دیگر ببینید", inline=False)
    await page.tap("✅ تأیید و ثبت", "ثبت‌نامتان انجام شد")
    seller_id = next(uid for uid, us in sb.users.items() if us.user["first_name"] == "فاطمه")
    async with bot.db.session() as s:
        seller = await s.get(Seller, seller_id)
    assert (seller.name, seller.phone, seller.city_code, seller.district, seller.crafts) == (
        "فاطمه احمدی", "+989121234567", "zanjan.abhar", 3, ["kilim"])

    # ---- she lists a kilim with one of the sample photos, and sees the channel preview
    await page.tap("➕ ثبت محصول جدید", "گلیم‌بافی", inline=False)
    await page.tap("گلیم‌بافی", "عکس‌های محصول را بفرستید")
    await browser_page.locator("#file-photo").set_input_files(str(SAMPLES / "kilim.jpg"))
    await expect(browser_page.locator("#photo-dialog")).to_be_visible()
    await browser_page.locator("#photo-send").click()
    await page.see("۱ عکس دریافت شد")
    await page.tap("✅ کافی است", "یک نام کوتاه برای محصول", inline=False)
    await page.say("گلیم دستباف ابهر", "دربارهٔ محصول توضیح بدهید")
    await page.say("گلیم پشمی با رنگ‌های گیاهی، ۱۲۰ در ۸۰ سانتی‌متر، بافت دست", "قیمت محصول")
    await page.say("۱۲۰ هزار", "موجود است")
    await page.tap("📦 موجود است", "چند عدد موجود دارید")
    await page.say("۳", "چطور به دست خریدار")
    await page.tap("🤝 تحویل حضوری", "☑️ 🤝 تحویل حضوری")
    await page.tap("🛵 پیک درون‌شهری", "☑️ 🛵 پیک درون‌شهری")  # cash on delivery below: not by post
    await page.tap("✅ کافی است", "برای خریدار چقدر است")
    await page.say("۳۰ هزار", "فرستادن برای بررسی")
    preview = await page.see("💰 قیمت: ۱۲۰٬۰۰۰ تومان")
    await expect(preview.locator(".media img")).to_have_count(1)
    await expect(preview).to_contain_text("#گلیم‌بافی")
    await expect(preview).to_contain_text("🏠 فروشگاه: فاطمه احمدی")
    await page.shot("flow-1-seller-preview", docs=True,
                    top=browser_page.locator(".row.in", has_text="در کانال این‌طور دیده می‌شود").last)
    await page.tap("📤 فرستادن برای بررسی", "برای بررسی فرستاده شد")

    # ---- a trainer made on the page is a trainer for the bot, and approves in the group
    await page.new_person("زهرا", "کریمی", "مربی")
    trainer_id = next(uid for uid, us in sb.users.items() if us.user["first_name"] == "زهرا")
    await bridge.wait_trainer(trainer_id)
    async with bot.db.session() as s:
        trainer = await s.get(Trainer, trainer_id)
        assert trainer is not None and trainer.scope == []
        assert (await s.get(User, trainer_id)).first_name == "زهرا"
    await page.open_chat("مربیان همیار")
    card = await page.see("برای بررسی (نوبت ۱)")
    await expect(card).to_contain_text("📱 ۰۹۱۲۱۲۳۴۵۶۷")
    await expect(browser_page.locator(".row.in .media img")).to_have_count(1)
    await page.tap("✅ تأیید و انتشار", "✅ تأیید و منتشر شد — زهرا")
    await expect(browser_page.locator(".ib", has_text="تأیید و انتشار")).to_have_count(0)
    await page.shot("flow-2-trainer-approved")
    async with bot.db.session() as s:
        listing = await s.scalar(select(Listing).where(Listing.seller_id == seller_id))
        decisions = (await s.scalars(select(Decision))).all()
    assert listing.status == lm.PUBLISHED
    assert [(d.action, d.trainer_id) for d in decisions] == [("approve", trainer_id)]

    # ---- the post in the catalogue channel, with its order button
    await page.new_person("سارا", "محمدی", "خریدار")
    await page.open_chat("کاتالوگ همیار")
    post = browser_page.locator(".row.in", has_text="گلیم دستباف ابهر").last
    await expect(post).to_contain_text("💰 قیمت: ۱۲۰٬۰۰۰ تومان")
    await expect(post).to_contain_text("📍 ابهر، زنجان")
    await expect(post).not_to_contain_text("۰۹۱۲")  # the seller's phone stays private
    await expect(post.locator(".media img")).to_have_count(1)
    order_button = post.locator(".ib.url", has_text="🛒 سفارش می‌دهم")
    await expect(order_button).to_be_visible()
    await page.shot("flow-3-channel-post", docs=True, top=post)
    posts = sb.records(sb.catalogue_channel_id)
    assert posts[-1].message_id == listing.channel_card_message_id
    assert posts[-1].reply_markup["inline_keyboard"][0][0]["url"] == (
        f"https://t.me/hamyar_bot?start=l_{listing.public_code}")

    # ---- the buyer follows the button into the bot and orders
    await order_button.click()
    await expect(browser_page.locator("#chat-title")).to_have_text(BOT_NAME)
    await page.see("هنوز نظری ثبت نشده است")
    await page.tap("🛒 سفارش می‌دهم", "چند عدد می‌خواهید")
    await page.tap("۱", "محصول چطور به دستتان برسد", inline=False)
    await browser_page.locator(".ib", has_text="پیک درون‌شهری").last.click()
    await page.see("نام گیرنده")
    await page.say("سارا محمدی", "نشانی کامل را بنویسید")
    await page.say("تهران، خیابان انقلاب، کوچهٔ بهار، پلاک ۱۲", "شمارهٔ موبایل گیرنده")
    await page.say("۰۹۳۵۱۱۱۲۲۳۳", "اگر توضیحی برای فروشنده دارید")
    await page.say("لطفاً قبل از ارسال خبر بدهید", "خلاصهٔ سفارش")
    summary = await page.see("💰 جمع کل: ۱۵۰٬۰۰۰ تومان")
    await expect(summary).to_contain_text("🛍 گلیم دستباف ابهر — ۱ عدد × ۱۲۰٬۰۰۰ تومان")
    await page.tap("✅ ثبت سفارش", "ثبت شد ✅")
    await page.shot("flow-4-buyer-order")
    async with bot.db.session() as s:
        order = (await s.scalars(select(Order))).one()
    assert (order.buyer_id, order.quantity, order.total, order.status) == (
        next(uid for uid, us in sb.users.items() if us.user["first_name"] == "سارا"), 1, 150_000, om.NEW)

    # ---- the seller gets the order without the buyer's details, and accepts it
    await page.switch_to("فاطمه")
    await expect(browser_page.locator("#chat-title")).to_have_text(BOT_NAME)
    new = await page.see("🛒 سفارش تازه!")
    card_text = browser_page.locator(".row.in", has_text="🔒").last
    await expect(card_text).not_to_contain_text("۰۹۳۵۱۱۱۲۲۳۳")
    await expect(card_text).to_contain_text("لطفاً قبل از ارسال خبر بدهید")
    del new
    await page.tap("✅ می‌پذیرم", "خریدار چطور پرداخت کند")
    await page.tap("💵 نقدی هنگام تحویل", "📌 پذیرفته شد")
    accepted = await page.see("📌 پذیرفته شد")
    await expect(accepted).to_contain_text("گیرنده: سارا محمدی — ۰۹۳۵۱۱۱۲۲۳۳")
    await expect(accepted).to_contain_text("نشانی: تهران، خیابان انقلاب")
    await expect(accepted.locator(".ib", has_text="🛵 به پیک دادم")).to_be_visible()
    await page.shot("flow-5-seller-accepted", docs=True)
    async with bot.db.session() as s:
        assert (await s.get(Order, order.id)).status == om.ACCEPTED

    # ---- and the buyer is told, on her side of the page
    await page.switch_to("سارا")
    await page.see("فروشنده سفارش شمارهٔ ۱ را پذیرفت")
    assert browser_page.errors == []
