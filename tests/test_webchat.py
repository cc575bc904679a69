"""The sandbox web chat: the page and its assets, the control endpoints it uses, the saved
state, and a headless browser chatting with a tiny bot through the page (Debian's chromium)."""

from __future__ import annotations

import asyncio
import json
import os
import re
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest
import telegram
from webchat_helpers import CHOICE, GREETING_BUTTON, TAP_ANSWER, TOKEN, running_bot

from sandbox import FloodLimits, StandIn
from sandbox.webchat import normalize_phone, ogg_duration

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "sandbox" / "samples"
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM = "/usr/bin/chromium"
HAVE_CHROMIUM = os.path.exists(CHROMIUM)
NO_FLOOD = FloodLimits(enabled=False)


@pytest.fixture
async def sb(tmp_path: Path) -> AsyncIterator[StandIn]:
    async with StandIn(flood=NO_FLOOD, state_dir=tmp_path / "state", setup_chats=True) as standin:
        yield standin


@pytest.fixture
async def http() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as session:
        yield session


async def get_json(http: aiohttp.ClientSession, url: str) -> dict | list:
    async with http.get(url) as resp:
        assert resp.status == 200, await resp.text()
        return await resp.json()


async def post_json(http: aiohttp.ClientSession, url: str, body: dict) -> tuple[int, dict]:
    async with http.post(url, json=body) as resp:
        return resp.status, await resp.json()


# ---------------------------------------------------------------- the page and its assets


async def test_page_and_assets_are_served(sb: StandIn, http: aiohttp.ClientSession) -> None:
    root = sb.page_url
    assert root == f"http://127.0.0.1:{sb.port}/"
    async with http.get(root) as resp:
        assert resp.status == 200 and resp.content_type == "text/html"
        html = await resp.text()
    assert '<html lang="fa" dir="rtl">' in html
    assert "/web/app.js" in html and "/web/style.css" in html
    assert not re.search(r"""(src|href)=["']https?://""", html), "the page must not load anything from elsewhere"
    for path, ctype in [("web/app.js", "text/javascript"), ("web/style.css", "text/css"),
                        ("web/fonts/Vazirmatn-Regular.woff2", "font/woff2"),
                        ("web/fonts/Vazirmatn-Bold.woff2", "font/woff2"),
                        ("web/fonts/OFL.txt", "text/plain")]:
        async with http.get(root + path) as resp:
            assert resp.status == 200 and resp.content_type == ctype, path
            body = await resp.read()
            assert body
            if ctype in ("text/javascript", "text/css"):
                assert not re.search(rb"""(fetch\(|src:|url\()\s*[`'"]?(https?:)?//""", body), path
    for bad in ("web/../server.py", "web/%2e%2e/server.py", "web/nope.js", "samples/../control.py"):
        async with http.get(root + bad) as resp:
            assert resp.status == 404, bad


async def test_samples_are_small_and_listed(sb: StandIn, http: aiohttp.ClientSession) -> None:
    index = await get_json(http, sb.page_url + "samples/index.json")
    photos = [s for s in index if s["kind"] == "photo"]
    voices = [s for s in index if s["kind"] == "voice"]
    assert 6 <= len(photos) <= 8 and len(voices) == 1
    for sample in index:
        assert sample["title"]
        async with http.get(sb.page_url + "samples/" + sample["file"]) as resp:
            assert resp.status == 200
            data = await resp.read()
        assert len(data) < 40 * 1024, sample["file"]
        if sample["kind"] == "photo":
            assert data[:3] == b"\xff\xd8\xff" and resp.content_type == "image/jpeg"
        else:
            assert data[:4] == b"OggS" and b"OpusHead" in data[:100]
            assert ogg_duration(data) == sample["duration"]


# ---------------------------------------------------------------- control endpoints of the page


async def test_people_roles_and_sandbox_chats(sb: StandIn, http: aiohttp.ClientSession) -> None:
    base = sb.page_url + "control/"
    state = await get_json(http, base + "state")
    ids = state["sandbox"]
    assert ids == {"admin_chat_id": sb.admin_chat_id, "catalogue_channel_id": sb.catalogue_channel_id}
    chats = {c["chat"]["id"]: c for c in state["chats"]}
    group, channel = chats[ids["admin_chat_id"]], chats[ids["catalogue_channel_id"]]
    assert group["chat"] == {"id": ids["admin_chat_id"], "type": "supergroup", "title": "مربیان همیار"}
    assert str(ids["admin_chat_id"]).startswith("-100") and group["bot_is_admin"]
    assert channel["chat"]["title"] == "کاتالوگ همیار" and channel["bot_is_admin"]
    assert channel["chat"]["username"] == "hamyar_catalogue"

    status, seller = await post_json(http, base + "people",
                                     {"first_name": "فاطمه", "role": "seller", "phone": "۰۹۱۲ ۱۲۳ ۴۵۶۷"})
    assert status == 200 and seller["result"]["phone_number"] == "989121234567"
    status, trainer = await post_json(http, base + "people", {"first_name": "مریم", "role": "trainer"})
    assert status == 200
    tid = trainer["result"]["user"]["id"]
    status, err = await post_json(http, base + "people", {"first_name": "x", "role": "boss"})
    assert status == 400 and "role" in err["description"]
    status, err = await post_json(http, base + "people", {"first_name": " "})
    assert status == 400

    state = await get_json(http, base + "state")
    roles = {u["user"]["first_name"]: u["role"] for u in state["users"]}
    assert roles == {"فاطمه": "seller", "مریم": "trainer"}
    group = next(c for c in state["chats"] if c["chat"]["id"] == ids["admin_chat_id"])
    assert group["members"] == [tid]
    # joining shows (and tells the bot) as Telegram does: a new_chat_members service message
    assert group["last"]["message"]["new_chat_members"][0]["id"] == tid
    assert sb.updates()[-1]["message"]["new_chat_members"][0]["id"] == tid


async def test_media_contact_files_and_callback_answers(sb: StandIn,
                                                        http: aiohttp.ClientSession) -> None:
    base = sb.page_url + "control/"
    person = (await sb.create_person("زهرا", "seller"))["user"]
    uid = person["id"]
    kilim, doll = (SAMPLES / "kilim.jpg").read_bytes(), (SAMPLES / "doll.jpg").read_bytes()

    form = aiohttp.FormData()
    form.add_field("user_id", str(uid))
    form.add_field("kind", "photo")
    form.add_field("caption", "گلیم و عروسک")
    form.add_field("file", kilim, filename="kilim.jpg", content_type="image/jpeg")
    form.add_field("file", doll, filename="doll.jpg", content_type="image/jpeg")
    async with http.post(base + "media", data=form) as resp:
        assert resp.status == 200, await resp.text()
        album = (await resp.json())["result"]
    assert len(album) == 2 and album[0]["media_group_id"] == album[1]["media_group_id"]
    assert album[0]["caption"] == "گلیم و عروسک" and "caption" not in album[1]
    async with http.get(base + "files/" + album[1]["photo"][-1]["file_id"]) as resp:
        assert resp.status == 200 and await resp.read() == doll
        assert "immutable" in resp.headers["Cache-Control"]
    async with http.get(base + "files/nope") as resp:
        assert resp.status == 404

    voice = (SAMPLES / "voice.ogg").read_bytes()
    form = aiohttp.FormData()
    form.add_field("user_id", str(uid))
    form.add_field("kind", "voice")
    form.add_field("file", voice, filename="voice.ogg", content_type="audio/ogg")
    async with http.post(base + "media", data=form) as resp:
        msg = (await resp.json())["result"][0]
    assert msg["voice"]["duration"] == ogg_duration(voice) and msg["voice"]["mime_type"] == "audio/ogg"

    status, _ = await post_json(http, base + "contact", {"user_id": uid})
    assert status == 400  # no phone yet: the page asks for it first
    status, body = await post_json(http, base + "contact", {"user_id": uid, "phone": "09351112233"})
    assert status == 200
    assert body["result"]["contact"] == {"phone_number": "989351112233", "first_name": "زهرا",
                                         "user_id": uid}
    status, body = await post_json(http, base + "phone", {"user_id": uid, "phone": "12"})
    assert status == 400

    async with telegram.Bot(TOKEN, base_url=sb.base_url, base_file_url=sb.base_file_url) as bot:
        sent = await bot.send_message(uid, "بزنید", reply_markup=telegram.InlineKeyboardMarkup(
            [[telegram.InlineKeyboardButton("الف", callback_data="a")]]))
        status, body = await post_json(http, base + "press", {
            "user_id": uid, "chat_id": uid, "message_id": sent.message_id, "data": "a"})
        qid = body["result"]["id"]
        await bot.answer_callback_query(qid, "ثبت شد", show_alert=True)
    answers = await get_json(http, f"{base}callback-answers?id={qid}")
    assert [(a["text"], a["show_alert"]) for a in answers] == [("ثبت شد", True)]

    state = await get_json(http, base + "state")
    mine = next(c for c in state["chats"] if c["chat"]["id"] == uid)
    assert mine["last"]["message"]["text"] == "بزنید" and len(mine["recent"]) == 5


def test_normalize_phone() -> None:
    assert normalize_phone("0912-123-4567") == "989121234567"
    assert normalize_phone("+98 912 123 4567") == "989121234567"
    assert normalize_phone("۰۰۹۸۹۱۲۱۲۳۴۵۶۷") == "989121234567"
    with pytest.raises(ValueError):
        normalize_phone("abc")


# ---------------------------------------------------------------- saved state


async def test_state_survives_restart(tmp_path: Path) -> None:
    state_dir = tmp_path / "sandbox-state"
    photo = (SAMPLES / "quilt.jpg").read_bytes()
    async with StandIn(flood=NO_FLOOD, state_dir=state_dir, setup_chats=True) as sb:
        ids = dict(sb.sandbox_chats)
        user = (await sb.create_person("فاطمه", "seller", phone="09121234567"))["user"]
        await sb.send_text(user, "/start")
        async with telegram.Bot(TOKEN, base_url=sb.base_url, base_file_url=sb.base_file_url) as bot:
            seen = await bot.get_updates()  # the bot has seen /start and confirmed it ...
            await bot.get_updates(offset=seen[-1].update_id + 1)
            reply = await bot.send_message(user["id"], "<b>سلام</b>", parse_mode="HTML")
            await bot.edit_message_text("سلام دوباره", user["id"], reply.message_id)
            await bot.send_message(ids["catalogue"], "پست کاتالوگ")
        await sb.send_photo(user, photo, caption="لحاف")  # ... but not this one yet
        file_id = sb.messages(user["id"])[-1]["photo"][-1]["file_id"]
        # a debounced save happens without waiting for the stop
        for _ in range(50):
            if (state_dir / "state.json").exists():
                break
            await asyncio.sleep(0.05)
        assert (state_dir / "state.json").exists()
        before = [r.to_dict() for r in sb.records(user["id"], include_deleted=True)]
        seq = len(sb.events)
    assert not [p for p in state_dir.rglob(".*") if p.is_file()], "temporary files left behind"

    async with StandIn(flood=NO_FLOOD, state_dir=state_dir, setup_chats=True) as sb:
        assert sb.sandbox_chats == ids and len(sb.chats) == 3  # the group and channel: not again
        assert sb.users[user["id"]].user == user and sb.roles == {user["id"]: "seller"}
        assert sb.users[user["id"]].phone_number == "989121234567"
        assert [r.to_dict() for r in sb.records(user["id"], include_deleted=True)] == before
        assert [r.text for r in sb.records(user["id"])] == ["/start", "سلام دوباره", "لحاف"]
        assert sb.records(user["id"])[1].edits[0]["message"]["text"] == "سلام"
        assert sb.messages(ids["catalogue"])[0]["text"] == "پست کاتالوگ"
        assert sb.files.get(file_id).data == photo
        assert len(sb.events) == seq
        # the update the bot had not confirmed is still waiting for it
        pending = sb.updates()
        assert [u["message"].get("caption") for u in pending] == ["لحاف"]
        # and every counter continues
        other = await sb.create_user("مریم")
        assert other["id"] == user["id"] + 1
        msg = await sb.send_text(user, "باز هم سلام")
        assert msg["message_id"] == 4
        assert sb.updates()[-1]["update_id"] == pending[0]["update_id"] + 1
        async with aiohttp.ClientSession() as http:
            async with http.get(f"{sb.page_url}control/files/{file_id}") as resp:
                assert await resp.read() == photo
        async with telegram.Bot(TOKEN, base_url=sb.base_url, base_file_url=sb.base_file_url) as bot:
            updates = await bot.get_updates()
            assert [u.message.text or u.message.caption for u in updates] == ["لحاف", "باز هم سلام"]
            file = await bot.get_file(file_id)
            assert bytes(await file.download_as_bytearray()) == photo


async def test_no_state_dir_means_no_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    async with StandIn(flood=NO_FLOOD) as sb:
        await sb.send_text(await sb.create_user("فاطمه"), "سلام")
        assert sb.admin_chat_id is None and sb.catalogue_channel_id is None
        assert [cs.type for cs in sb.chats.values()] == ["private"]
    assert os.listdir(tmp_path) == []


async def test_corrupt_write_keeps_old_state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from sandbox import persist

    state_dir = tmp_path / "s"
    async with StandIn(flood=NO_FLOOD, state_dir=state_dir) as sb:
        await sb.create_user("فاطمه")
    good = (state_dir / "state.json").read_bytes()

    def broken(fh_path: Path, data: bytes) -> None:
        raise OSError("disk full")

    sb = StandIn(flood=NO_FLOOD, state_dir=state_dir)
    await sb.start()
    await sb.create_user("مریم")
    monkeypatch.setattr(persist, "_atomic_write", broken)
    with pytest.raises(OSError):
        await sb._persister.save()  # type: ignore[union-attr]
    monkeypatch.undo()
    assert (state_dir / "state.json").read_bytes() == good
    await sb.stop()
    names = [u["user"]["first_name"] for u in json.loads((state_dir / "state.json").read_bytes())["users"]]
    assert names == ["فاطمه", "مریم"]


# ---------------------------------------------------------------- a browser chatting


CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture
async def browser_page() -> AsyncIterator[object]:
    if not HAVE_CHROMIUM:
        pytest.skip(f"{CHROMIUM} is missing (Debian: apt-get install chromium)")
    from playwright.async_api import async_playwright  # a dev dependency: fail if missing

    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            context = await browser.new_context(viewport={"width": 1200, "height": 820},
                                                locale="fa-IR", timezone_id="Asia/Tehran")
            page = await context.new_page()
            errors: list[str] = []
            page.on("pageerror", lambda exc: errors.append(str(exc)))
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            requests: list[str] = []
            page.on("request", lambda r: requests.append(r.url))
            page.errors, page.requests = errors, requests  # type: ignore[attr-defined]
            yield page
        finally:
            await browser.close()


async def test_browser_chat(sb: StandIn, browser_page) -> None:  # type: ignore[no-untyped-def]
    from playwright.async_api import expect

    page = browser_page
    ARTIFACTS.mkdir(exist_ok=True)
    expect.set_options(timeout=8000)
    async with running_bot(sb) as app:
        await page.goto(sb.page_url)

        # first visit: nobody yet, so the "new person" dialog is open
        dialog = page.locator("#person-dialog")
        await expect(dialog).to_be_visible()
        await dialog.locator("input[name=first_name]").fill("فاطمه")
        await page.screenshot(path=str(ARTIFACTS / "webchat-0-new-person.png"))
        await dialog.get_by_text("ساختن").click()
        await expect(page.locator("#chat-title")).to_have_text("Hamyar")
        fatemeh = next(u for u in sb.users.values() if u.user["first_name"] == "فاطمه").user["id"]
        assert sb.roles[fatemeh] == "seller"

        # a chat never started shows «شروع», like Telegram
        await page.locator("#start-btn").click()
        await expect(page.locator(".row.in .text").filter(has_text="ربات آزمایشی")).to_be_visible()
        await expect(page.locator(".row.in b", has_text="سلام")).to_be_visible()  # HTML rendered
        await expect(page.locator(".row.in code", has_text="کد ۱۲")).to_be_visible()

        # Enter sends
        await page.locator("#input").fill("سلام ربات")
        await page.locator("#input").press("Enter")
        await expect(page.locator(".row.out .text", has_text="سلام ربات")).to_be_visible()
        await expect(page.locator(".ib", has_text=GREETING_BUTTON)).to_have_count(2)
        await page.screenshot(path=str(ARTIFACTS / "webchat-1-private.png"))

        # inline button: a toast with the answer, the message edited in place
        await page.locator(".ib", has_text=GREETING_BUTTON).last.click()
        await expect(page.locator("#toast")).to_have_text(TAP_ANSWER)
        edited = page.locator(".row.in", has_text=f"{TAP_ANSWER} ✅")
        await expect(edited.locator(".edited")).to_have_text("ویرایش‌شده")
        assert sb.answered_callbacks[-1]["text"] == TAP_ANSWER

        # reply keyboard at the bottom; pressing sends its text; the bot removes it
        kb = page.locator("#reply-kb")
        await expect(kb).to_be_visible()
        await expect(page.locator("#input")).to_have_attribute("placeholder", "گزینه را بزنید")
        await kb.get_by_text(CHOICE).click()
        await expect(page.locator(".row.in .text", has_text=f"انتخاب شد: {CHOICE}")).to_be_visible()
        await expect(kb).to_be_hidden()

        # a photo from the device, then an album of two
        await page.locator("#file-photo").set_input_files(str(SAMPLES / "kilim.jpg"))
        await expect(page.locator("#photo-dialog")).to_be_visible()
        await page.locator("#photo-caption").fill("گلیم دست‌باف")
        await page.locator("#photo-send").click()
        img = page.locator(".row.out .media.n1 img")
        await expect(img).to_have_count(1)
        await expect(page.locator(".row.out .text", has_text="گلیم دست‌باف")).to_be_visible()
        await page.wait_for_function("() => document.querySelector('.row.out .media img').naturalWidth > 0")
        await page.locator("#file-photo").set_input_files([str(SAMPLES / "doll.jpg"), str(SAMPLES / "socks.jpg")])
        await expect(page.locator("#photo-send")).to_have_text("ارسال ۲ عکس (آلبوم)")
        await page.locator("#photo-send").click()
        await expect(page.locator(".row.out .media.n2 img")).to_have_count(2)
        await expect(page.locator(".row.in .text", has_text="عکس رسید")).to_have_count(3)

        # one of the shipped samples, picked from the attach menu
        await page.locator("#attach").click()
        await page.get_by_text("عکس‌های نمونه").click()
        await page.locator(".pick", has_text="بشقاب میناکاری").click()
        await page.screenshot(path=str(ARTIFACTS / "webchat-samples.png"))
        await page.locator("#photo-send").click()
        await expect(page.locator(".row.out .media img")).to_have_count(4)

        # the sample voice note
        await page.locator("#attach").click()
        await page.get_by_text("پیام صوتی نمونه").click()
        await expect(page.locator(".row.out audio")).to_have_count(1)
        await expect(page.locator(".row.in .text", has_text="صدا رسید")).to_be_visible()

        # the reply keyboard's request_contact button asks for the phone once, then shares it
        await page.locator("#input").fill("دوباره")
        await page.locator("#input").press("Enter")
        await kb.get_by_text("شماره من").click()
        phone_dialog = page.locator("#phone-dialog")
        await expect(phone_dialog).to_be_visible()
        await phone_dialog.locator("input").fill("۰۹۱۲۱۲۳۴۵۶۷")
        await phone_dialog.get_by_text("فرستادن شماره").click()
        await expect(page.locator(".row.out .contact")).to_be_visible()
        await expect(page.locator(".row.in .text", has_text="شماره رسید: 989121234567")).to_be_visible()
        assert sb.users[fatemeh].phone_number == "989121234567"
        await page.screenshot(path=str(ARTIFACTS / "webchat-2-media.png"))

        # a deep link in a message opens the bot's chat and sends /start PAYLOAD
        await page.locator(".row.in a", has_text="پیوند دعوت").first.click()
        await expect(page.locator(".row.in .text", has_text="شروع با promo")).to_be_visible()
        assert any(r.text == "/start promo" for r in sb.records(fatemeh))

        # edits and deletions made by the bot show up live
        last = sb.last_bot_message(fatemeh)
        assert last is not None
        await app.bot.edit_message_text("شروع با promo (به‌روز شد)", fatemeh, last.message_id)
        await expect(page.locator(".row.in .text", has_text="به‌روز شد")).to_be_visible()
        await app.bot.delete_message(fatemeh, last.message_id)
        await expect(page.locator(".row.in .text", has_text="به‌روز شد")).to_have_count(0)

        # text from the bot is text, never markup
        await app.bot.send_message(fatemeh, '<img src=x onerror="window.hacked=1"> <b>نه</b>')
        await expect(page.locator(".row.in .text", has_text="<img src=x")).to_be_visible()
        assert await page.evaluate("() => window.hacked === undefined && !document.querySelector('.text img')")

        # the catalogue channel: a post with photos and an order button deep-linking to the bot
        channel = sb.catalogue_channel_id
        photo = (SAMPLES / "enamel.jpg").read_bytes()
        await app.bot.send_photo(
            channel, photo, caption="<b>بشقاب میناکاری</b>\nقیمت: ۴۵۰٬۰۰۰ تومان\n#میناکاری",
            parse_mode="HTML", reply_markup=telegram.InlineKeyboardMarkup([[
                telegram.InlineKeyboardButton("سفارش", url="https://t.me/hamyar_bot?start=order_7")]]))
        await page.locator("#chat-list .item", has_text="کاتالوگ همیار").click()
        await expect(page.locator("#chat-sub")).to_have_text("کانال · @hamyar_catalogue")
        await expect(page.locator("#readonly")).to_be_visible()
        await expect(page.locator("#composer")).to_be_hidden()
        await expect(page.locator(".row.in .text b", has_text="بشقاب میناکاری")).to_be_visible()
        await expect(page.locator(".row.in .sender")).to_have_count(0)  # channels: no sender line
        await page.wait_for_function("() => [...document.querySelectorAll('.media img')].every(i => i.naturalWidth > 0)")
        await page.screenshot(path=str(ARTIFACTS / "webchat-3-channel.png"))
        await page.locator(".ib", has_text="سفارش").click()
        await expect(page.locator("#chat-title")).to_have_text("Hamyar")
        await expect(page.locator(".row.in .text", has_text="شروع با order_7")).to_be_visible()

        # a trainer joins the trainers' group; the page remembers the person across reloads
        await page.locator("#add-person").click()
        await dialog.locator("input[name=first_name]").fill("مریم")
        await dialog.locator("input[name=last_name]").fill("رضایی")
        await dialog.get_by_text("مربی", exact=True).click()
        await dialog.get_by_text("ساختن").click()
        await expect(page.locator("#me-card")).to_contain_text("مریم رضایی")
        await expect(page.locator("#me-card")).to_contain_text("مربی")
        await page.locator("#chat-list .item", has_text="مربیان همیار").click()
        await expect(page.locator(".service", has_text="مریم رضایی به گروه پیوست")).to_be_visible()
        await page.locator("#input").fill("سلام به همه")
        await page.locator("#input").press("Enter")
        await expect(page.locator(".row.in .text", has_text="پیام گروه رسید")).to_be_visible()
        await page.screenshot(path=str(ARTIFACTS / "webchat-4-group.png"))
        await page.reload()
        await expect(page.locator("#me-card")).to_contain_text("مریم رضایی")
        await expect(page.locator("#chat-title")).to_have_text("مربیان همیار")
        await expect(page.locator(".people .item")).to_have_count(2)

        # switching back to the first person shows her chat as she left it
        await page.locator(".people .item", has_text="فاطمه").click()
        await expect(page.locator(".row.in .text", has_text="شروع با order_7")).to_be_visible()
        await page.set_viewport_size({"width": 400, "height": 780})
        await expect(page.locator("#show-sidebar")).to_be_visible()
        await page.wait_for_timeout(400)  # the sidebar slides away
        await page.screenshot(path=str(ARTIFACTS / "webchat-5-narrow.png"))
        assert page.errors == []  # type: ignore[attr-defined]
        # the page talked only to its own origin (blob: URLs are the photos picked on the device)
        foreign = [u for u in page.requests if not u.startswith((sb.page_url, "blob:", "data:"))]  # type: ignore[attr-defined]
        assert foreign == []
    await asyncio.sleep(0)
