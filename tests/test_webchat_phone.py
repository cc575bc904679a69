"""The sandbox page on a phone-sized screen (issue 11 item 16): after «ساختن» a new person the
chat is on the screen, not the list of people, and «شروع» is drawn inside the screen and
starts the bot when tapped. Runs in Debian's chromium; skipped where it is missing."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from webchat_helpers import running_bot

from sandbox import FloodLimits, StandIn

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
PHONE = {"width": 390, "height": 844}
NO_FLOOD = FloodLimits(enabled=False)
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
HAVE_CHROMIUM = os.path.exists(CHROMIUM)


@pytest.fixture
async def sb(tmp_path: Path) -> AsyncIterator[StandIn]:
    async with StandIn(flood=NO_FLOOD, state_dir=tmp_path / "state", setup_chats=True) as standin:
        yield standin


@pytest.fixture
async def phone_page() -> AsyncIterator[object]:
    if not HAVE_CHROMIUM:
        pytest.skip(f"{CHROMIUM} is missing (Debian: apt-get install chromium)")
    from playwright.async_api import async_playwright

    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            context = await browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True,
                                                device_scale_factor=2, locale="fa-IR",
                                                timezone_id="Asia/Tehran")
            page = await context.new_page()
            errors: list[str] = []
            page.on("pageerror", lambda exc: errors.append(str(exc)))
            page.errors = errors  # type: ignore[attr-defined]
            yield page
        finally:
            await browser.close()


async def on_screen(locator) -> bool:  # type: ignore[no-untyped-def]
    box = await locator.bounding_box()
    return (box is not None and box["x"] >= 0 and box["y"] >= 0
            and box["x"] + box["width"] <= PHONE["width"] + 0.5
            and box["y"] + box["height"] <= PHONE["height"] + 0.5)


async def test_a_new_person_starts_the_bot_by_tapping_on_a_phone(sb: StandIn, phone_page) -> None:  # type: ignore[no-untyped-def]
    from playwright.async_api import expect

    page = phone_page
    expect.set_options(timeout=8000)
    async with running_bot(sb):
        await page.goto(sb.page_url)
        dialog = page.locator("#person-dialog")
        await expect(dialog).to_be_visible()
        await dialog.locator("input[name=first_name]").fill("فاطمه")
        await dialog.get_by_text("ساختن").tap()

        await expect(page.locator("#chat-title")).to_have_text("Hamyar")
        start = page.locator("#start-btn")
        await expect(start).to_be_visible()
        assert await on_screen(start), "«شروع» is drawn inside the screen"
        assert await on_screen(page.locator("#chat-head")), "the chat, not the list, fills the screen"
        await expect(page.locator("#sidebar")).not_to_be_in_viewport()  # the list is put away
        ARTIFACTS.mkdir(exist_ok=True)
        await page.screenshot(path=str(ARTIFACTS / "webchat-phone-1-new-person.png"))

        await start.tap()
        await expect(page.locator(".row.in .text").filter(has_text="ربات آزمایشی")).to_be_visible()
        await expect(page.locator("#composer")).to_be_visible()
        assert await on_screen(page.locator("#composer"))
        # the list of people is still reachable from the menu button, and goes again
        await page.locator("#show-sidebar").tap()
        await expect(page.locator("#people-list")).to_be_visible()
        await expect(page.locator("#add-person")).to_be_in_viewport()
        await page.screenshot(path=str(ARTIFACTS / "webchat-phone-2-started.png"))
        assert page.errors == []
