"""Fill the sandbox with a living catalogue for a workshop: ``python -m sandbox.demo``.

Seven sellers from the field notes' towns (Abhar, Zanjan, Khodabandeh, Tabriz, Isfahan,
Tehran) register and list their crafts — kilim, filigree, enamel, dolls, socks, noodles, a
patchwork quilt — with the sample photos (one describes hers with the sample voice note); the
trainer «نرگس امینی» approves them in the trainers' group, so they are posted to the channel
@hamyar_catalogue with the «🛒 سفارش» button; two buyers order, and the orders are left in
several states: completed with a five-star review, shipped, accepted, and new.

Everything is done the way people do it, through the sandbox's control API (the same calls the
web page makes): the REAL bot answers, so the chats, the channel posts, the outbox and the
database are all genuine. Two ways to run it:

* with the sandbox running (``make run`` in another terminal): it talks to it at
  ``--url`` (default ``http://127.0.0.1:$SANDBOX_PORT``, port 8081);
* with nothing running: it starts the bot and its stand-in itself, in this process, with the
  same settings as ``make run`` (``SANDBOX_STATE_DIR``, ``DATABASE_URL``), loads the demo and
  stops; ``make run`` afterwards shows it.

It is idempotent: when the demo's buyer already exists it says so and changes nothing, and a
run that was interrupted continues where it stopped (people are found by name, a seller who
already registered is not registered again, a listing already in the channel is not listed
again). To start from scratch: ``make sandbox-reset``. Flood limits of the stand-in are turned
off while it loads (and back on at the end), so it takes a minute or two.

The trainer made here is a trainer for the bot through ``sandbox.bridge`` (the demo also writes
her ``trainers`` row itself, so it works with a bot that does not run the bridge).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp

SAMPLES = Path(__file__).resolve().parent / "samples"
DONE, SKIP, CANCEL = "✅ تمام شد", "⏭ بعدی", "✖️ انصراف"
TRAINER = ("نرگس", "امینی")
BUYERS = {"sara": ("سارا", "محمدی", "۰۹۳۵۱۱۱۲۲۳۳", "تهران، خیابان انقلاب، کوچهٔ بهار، پلاک ۱۲"),
          "elham": ("الهام", "رضوی", "۰۹۱۹۲۲۲۳۳۴۴", "اصفهان، خیابان چهارباغ، کوچهٔ گل‌ها، پلاک ۷")}


@dataclass
class Product:
    craft: str  # the category button
    photo: str  # a file of sandbox/samples
    title: str
    description: str | None  # None: the sample voice note
    price: str
    stock: str | None  # None: made to order, with ``prep_days``
    delivery: list[str]  # buttons; post asks for its cost
    post_cost: str = "۳۰ هزار"
    prep_days: str = "۷"


@dataclass
class DemoSeller:
    first: str
    last: str
    phone: str
    province: str
    city: str
    district: str | None
    product: Product
    crafts: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"


PICKUP, POST, COURIER = "🤝 تحویل حضوری", "📮 پست به شهرهای دیگر", "🛵 پیک درون‌شهری"
SELLERS = [
    DemoSeller("زهره", "رحیمی", "۰۹۱۲۳۴۵۰۰۰۱", "زنجان", "ابهر", "۲", Product(
        "گلیم‌بافی", "kilim.jpg", "گلیم دستباف ابهر", None, "۱ میلیون و ۸۵۰ هزار", "۲",
        [PICKUP, POST], post_cost="۶۰ هزار")),
    DemoSeller("مریم", "حسینی", "۰۹۱۲۳۴۵۰۰۰۲", "زنجان", "زنجان", None, Product(
        "ملیله‌کاری", "filigree.jpg", "گردنبند ملیله نقره",
        "گردنبند نقرهٔ ملیله‌کاری زنجان با زنجیر ۴۵ سانتی، در جعبهٔ هدیه.",
        "۲ میلیون و ۴۰۰ هزار", "۳", [POST])),
    DemoSeller("فاطمه", "نوری", "۰۹۱۳۱۱۱۰۰۰۳", "اصفهان", "اصفهان", "۱۲", Product(
        "میناکاری", "enamel.jpg", "بشقاب میناکاری اصفهان",
        "بشقاب مسی میناکاری‌شده، قطر ۲۰ سانتی‌متر، نقش گل و مرغ، کار دست.",
        "۹۵۰ هزار", "۴", [PICKUP, POST])),
    DemoSeller("لیلا", "قاسمی", "۰۹۱۴۱۱۱۰۰۰۴", "آذربایجان شرقی", "تبریز", "۳", Product(
        "عروسک‌سازی", "doll.jpg", "عروسک پارچه‌ای با لباس محلی",
        "عروسک پارچه‌ای ۳۰ سانتی با لباس محلی آذربایجان، پر شده با الیاف نرم، مناسب کودکان.",
        "۲۸۰ هزار", None, [POST], prep_days="۵")),
    DemoSeller("سکینه", "مرادی", "۰۹۱۲۳۴۵۰۰۰۵", "زنجان", "خدابنده", None, Product(
        "جوراب‌بافی", "socks.jpg", "جوراب پشمی دستباف",
        "جوراب پشم گوسفند، بافت دست با نقش‌های سنتی؛ سایز ۳۸ تا ۴۲.",
        "۱۸۰ هزار", "۱۰", [PICKUP, POST], post_cost="۲۵ هزار")),
    DemoSeller("رقیه", "کاظمی", "۰۹۱۲۱۱۱۰۰۰۶", "تهران", "تهران", "۱۴", Product(
        "رشته‌بری", "noodles.jpg", "رشته آش خانگی",
        "رشتهٔ آش و پلوی خانگی، یک کیلویی، بدون مواد نگه‌دارنده.",
        "۱۵۰ هزار", "۲۰", [PICKUP, COURIER], post_cost="۴۰ هزار")),
    DemoSeller("معصومه", "صفری", "۰۹۱۲۳۴۵۰۰۰۷", "زنجان", "خرمدره", None, Product(
        "لحاف‌دوزی", "quilt.jpg", "لحاف چهل‌تکه",
        "لحاف چهل‌تکهٔ دونفره با پارچه‌های نخی رنگارنگ، دوخت دست.",
        "۳ میلیون و ۲۰۰ هزار", None, [POST], prep_days="۱۰", post_cost="۸۰ هزار")),
]


@dataclass
class DemoOrder:
    buyer: str  # key of BUYERS
    seller: str  # first name of the seller
    state: str  # new, accepted, shipped, completed
    note: str | None = None
    review: str | None = None


ORDERS = [
    DemoOrder("sara", "زهره", "completed", review="خیلی زیبا و تمیز بافته شده بود، ممنونم 🌸"),
    DemoOrder("sara", "فاطمه", "shipped", note="لطفاً خوب بسته‌بندی شود"),
    DemoOrder("elham", "مریم", "accepted"),
    DemoOrder("elham", "سکینه", "new", note="اگر رنگ سرمه‌ای دارید، لطفاً سرمه‌ای"),
]


class DemoError(Exception):
    pass


# ---------------------------------------------------------------- the control API


class Sandbox:
    """The stand-in's /control API, as the web page uses it."""

    def __init__(self, http: aiohttp.ClientSession, url: str, timeout: float = 60.0) -> None:
        self.http = http
        self.url = url.rstrip("/")
        self.timeout = timeout
        self.info: dict = {}

    async def _ok(self, resp: aiohttp.ClientResponse) -> Any:
        body = await resp.json()
        if resp.status != 200 or (isinstance(body, dict) and body.get("ok") is False):
            raise DemoError(f"{resp.url}: {resp.status} {body}")
        return body["result"] if isinstance(body, dict) and "result" in body else body

    async def get(self, path: str, **params: Any) -> Any:
        async with self.http.get(self.url + path, params=params) as resp:
            return await self._ok(resp)

    async def post(self, path: str, body: dict) -> Any:
        async with self.http.post(self.url + path, json=body) as resp:
            return await self._ok(resp)

    async def put(self, path: str, body: dict) -> Any:
        async with self.http.put(self.url + path, json=body) as resp:
            return await self._ok(resp)

    async def state(self) -> dict:
        self.info = await self.get("/control/state")
        return self.info

    async def messages(self, chat_id: int) -> list[dict]:
        return await self.get(f"/control/chats/{chat_id}/messages")

    async def media(self, user_id: int, kind: str, files: list[Path],
                    chat_id: int | None = None) -> list[dict]:
        form = aiohttp.FormData()
        form.add_field("user_id", str(user_id))
        form.add_field("kind", kind)
        if chat_id is not None:
            form.add_field("chat_id", str(chat_id))
        for f in files:
            form.add_field("file", f.read_bytes(), filename=f.name,
                           content_type="audio/ogg" if f.suffix == ".ogg" else "image/jpeg")
        async with self.http.post(self.url + "/control/media", data=form) as resp:
            return await self._ok(resp)

    async def wait(self, chat_id: int, check: Callable[[list[dict]], Any], what: str,
                   timeout: float | None = None) -> Any:  # noqa: ASYNC109
        """Until ``check(transcript)`` is truthy; long-polls the change log between looks."""
        deadline = time.monotonic() + (timeout or self.timeout)
        seq = 0
        while True:
            found = check(await self.messages(chat_id))
            if found:
                return found
            left = deadline - time.monotonic()
            if left <= 0:
                raise DemoError(f"waited in vain for {what} in chat {chat_id}; is the bot running?")
            changes = await self.get("/control/updates-since", seq=seq, timeout=min(left, 2.0))
            seq = changes["seq"]


def text_of(rec: dict) -> str:
    m = rec["message"]
    return m.get("text") or m.get("caption") or ""


def buttons_of(rec: dict) -> list[dict]:
    markup = rec["message"].get("reply_markup") or {}
    return [b for row in markup.get("inline_keyboard", []) for b in row]


def keyboard_of(rec: dict) -> list[str]:
    kb = rec.get("keyboard") or {}
    return [b["text"] if isinstance(b, dict) else b for row in kb.get("keyboard", []) for b in row]


class Actor:
    """A person of the sandbox talking to the bot in her private chat (or in a group)."""

    def __init__(self, sb: Sandbox, user: dict) -> None:
        self.sb = sb
        self.user = user
        self.id: int = user["id"]

    async def transcript(self, chat_id: int | None = None) -> list[dict]:
        return [r for r in await self.sb.messages(chat_id or self.id) if not r["deleted"]]

    async def last_id(self, chat_id: int | None = None) -> int:
        recs = await self.sb.messages(chat_id or self.id)
        return recs[-1]["message"]["message_id"] if recs else 0

    async def expect(self, needle: str, after: int, chat_id: int | None = None,
                     timeout: float | None = None) -> dict:  # noqa: ASYNC109
        """The first bot message newer than ``after`` whose text or buttons contain ``needle``."""
        def check(recs: list[dict]) -> dict | None:
            for r in recs:
                if (r["from_bot"] and not r["deleted"] and r["message"]["message_id"] > after
                        and (needle in text_of(r)
                             or any(needle in b["text"] for b in buttons_of(r))
                             or any(needle in b for b in keyboard_of(r)))):
                    return r
            return None

        return await self.sb.wait(chat_id or self.id, check, f"«{needle}»", timeout)

    async def say(self, text: str, then: str, chat_id: int | None = None) -> dict:
        msg = await self.sb.post("/control/send", {"user_id": self.id, "text": text,
                                                   "chat_id": chat_id})
        return await self.expect(then, msg["message_id"], chat_id)

    async def tap(self, label: str, then: str, chat_id: int | None = None,
                  exact: bool = True) -> dict:
        """Press ``label``: an inline button of the newest message that has it, or a button of
        the reply keyboard; then wait for ``then`` (in a new message, or the edited one)."""
        chat = chat_id or self.id
        recs = await self.transcript(chat)
        before = recs[-1]["message"]["message_id"] if recs else 0
        for rec in reversed(recs):
            for b in buttons_of(rec):
                if (b["text"] == label if exact else label in b["text"]) and "callback_data" in b:
                    mid = rec["message"]["message_id"]
                    await self.sb.post("/control/press", {
                        "user_id": self.id, "chat_id": chat, "message_id": mid,
                        "data": b["callback_data"]})
                    return await self.expect(then, mid - 1, chat)
        for rec in reversed(recs):
            if rec["from_bot"] and rec.get("keyboard"):
                if label in keyboard_of(rec):
                    await self.sb.post("/control/press", {"user_id": self.id, "button": label})
                    return await self.expect(then, before, chat)
                break
        raise DemoError(f"{self.user['first_name']}: no button «{label}» in chat {chat}")


# ---------------------------------------------------------------- the steps


def find_person(state: dict, first: str, last: str, role: str) -> dict | None:
    for u in state["users"]:
        if (u["user"]["first_name"], u["user"].get("last_name"), u["role"]) == (first, last, role):
            return u["user"]
    return None


async def person(sb: Sandbox, first: str, last: str, role: str, phone: str | None = None) -> Actor:
    user = find_person(await sb.state(), first, last, role)
    if user is None:
        body: dict[str, Any] = {"first_name": first, "last_name": last, "role": role}
        if phone:
            body["phone"] = phone
        user = (await sb.post("/control/people", body))["user"]
        print(f"  + {first} {last} ({ {'seller': 'فروشنده', 'buyer': 'خریدار', 'trainer': 'مربی'}[role] })",
              flush=True)
    return Actor(sb, user)


def channel_post(posts: list[dict], title: str) -> dict | None:
    for r in reversed(posts):
        if not r["deleted"] and text_of(r).startswith(title) and any(
                "start=l_" in (b.get("url") or "") for b in buttons_of(r)):
            return r
    return None


async def register(a: Actor, s: DemoSeller) -> None:
    recs = await a.transcript()
    if any("ثبت‌نامتان انجام شد" in text_of(r) for r in recs if r["from_bot"]):
        return
    if recs:
        await a.sb.post("/control/send", {"user_id": a.id, "text": "/cancel"})
    await a.say("/start", "خوش آمدید")
    await a.tap("📝 ثبت‌نام فروشنده", "سؤال ۱ از ۷")
    await a.say(s.name, "سؤال ۲ از ۷")
    await a.say(s.phone, "سؤال ۳ از ۷")
    await a.tap(s.province, "سؤال ۴ از ۷")
    await a.tap(s.city, "سؤال ۵ از ۷")
    if s.district:
        await a.say(s.district, "سؤال ۶ از ۷")
    else:
        await a.tap(SKIP, "سؤال ۶ از ۷")
    for craft in [s.product.craft, *s.crafts]:
        await a.tap(craft, f"✅ {craft}")
    await a.tap(DONE, "سؤال ۷ از ۷")
    await a.tap(SKIP, "اطلاعاتتان را یک بار دیگر ببینید")
    await a.tap("✅ تأیید و ثبت", "ثبت‌نامتان انجام شد")


async def list_product(a: Actor, s: DemoSeller) -> None:
    p = s.product
    if any("برای بررسی فرستاده شد" in text_of(r) for r in await a.transcript() if r["from_bot"]):
        return  # submitted in an earlier run: waiting for the trainer
    await a.tap("➕ ثبت محصول جدید", p.craft)
    await a.tap(p.craft, "عکس‌های محصول را بفرستید")
    before = await a.last_id()
    await a.sb.media(a.id, "photo", [SAMPLES / p.photo])
    await a.expect("عکس دریافت شد", before)
    await a.tap(DONE, "یک نام کوتاه برای محصول")
    await a.say(p.title, "دربارهٔ محصول توضیح بدهید")
    if p.description is None:
        before = await a.last_id()
        await a.sb.media(a.id, "voice", [SAMPLES / "voice.ogg"])
        await a.expect("قیمت محصول", before)
    else:
        await a.say(p.description, "قیمت محصول")
    await a.say(p.price, "آماده است")
    if p.stock is not None:
        await a.tap("📦 آماده است", "چند عدد آماده دارید")
        await a.say(p.stock, "چطور به دست خریدار")
    else:
        await a.tap("🧵 سفارشی می‌سازم", "چند روز طول می‌کشد")
        await a.say(p.prep_days, "چطور به دست خریدار")
    for method in p.delivery:
        await a.tap(method, f"✅ {method}")
    paid = [m for m in p.delivery if m != PICKUP]
    if paid:
        await a.tap(DONE, "برای خریدار چقدر است")
        for i, _method in enumerate(paid):
            last = i == len(paid) - 1
            await a.say(p.post_cost, "ارسال برای بررسی" if last else "برای خریدار چقدر است")
    else:
        await a.tap(DONE, "ارسال برای بررسی")
    await a.tap("📤 ارسال برای بررسی", "برای بررسی فرستاده شد")


async def approve(sb: Sandbox, trainer: Actor, s: DemoSeller, group: int, channel: int) -> dict:
    title = s.product.title

    def card(recs: list[dict]) -> dict | None:
        for r in reversed(recs):
            t = text_of(r)
            if (r["from_bot"] and "برای بررسی" in t and title in t
                    and any(b["text"] == "✅ تأیید و انتشار" for b in buttons_of(r))):
                return r
        return None

    rec = await sb.wait(group, card, f"the review card of «{title}»", timeout=120)
    data = next(b["callback_data"] for b in buttons_of(rec) if b["text"] == "✅ تأیید و انتشار")
    await sb.post("/control/press", {"user_id": trainer.id, "chat_id": group,
                                     "message_id": rec["message"]["message_id"], "data": data})
    post = await sb.wait(channel, lambda posts: channel_post(posts, title),
                         f"the channel post of «{title}»", timeout=120)
    print(f"  ✓ {title} — {s.name}, {s.city}", flush=True)
    return post


async def seller_flow(sb: Sandbox, s: DemoSeller, trainer: Actor, group: int,
                      channel: int) -> dict:
    existing = channel_post(await sb.messages(channel), s.product.title)
    if existing is not None:
        return existing
    a = await person(sb, s.first, s.last, "seller")
    await register(a, s)
    await list_product(a, s)
    return await approve(sb, trainer, s, group, channel)


async def place_order(buyer: Actor, info: tuple[str, ...], post: dict, o: DemoOrder) -> int:
    code = next(b["url"] for b in buttons_of(post) if "start=l_" in (b.get("url") or ""))
    code = code.split("start=", 1)[1]
    await buyer.say(f"/start {code}", "🛒 سفارش می‌دهم")
    await buyer.tap("🛒 سفارش می‌دهم", "چند عدد می‌خواهید")
    await buyer.tap("۱", "چطور به دستتان برسد")
    recs = await buyer.transcript()
    options = [b["text"] for r in recs[-3:] for b in buttons_of(r)]
    use_post = any("پست" in b for b in options)
    option = next(b for b in options if ("پست" if use_post else "") in b)
    await buyer.tap(option, "نام گیرنده")
    name, phone, address = f"{info[0]} {info[1]}", info[2], info[3]
    if use_post:
        await buyer.say(name, "نشانی کامل")
        await buyer.say(address, "شمارهٔ موبایل گیرنده")
    else:
        await buyer.say(name, "شمارهٔ موبایل گیرنده")
    await buyer.say(phone, "اگر توضیحی برای فروشنده دارید")
    if o.note:
        await buyer.say(o.note, "خلاصهٔ سفارش")
    else:
        await buyer.tap(SKIP, "خلاصهٔ سفارش")
    placed = await buyer.tap("✅ ثبت سفارش", "ثبت شد")
    digits = "".join(ch for ch in text_of(placed).split("ثبت شد")[0] if ch.isdigit())
    return int(digits.translate(str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789")))


async def order_flow(sb: Sandbox, o: DemoOrder, posts: dict[str, dict]) -> None:
    first, last, *_ = BUYERS[o.buyer]
    buyer = await person(sb, first, last, "buyer")
    s = next(x for x in SELLERS if x.first == o.seller)
    seller = await person(sb, s.first, s.last, "seller")
    before = await seller.last_id()
    order_id = await place_order(buyer, BUYERS[o.buyer], posts[s.first], o)
    fa_id = str(order_id).translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    await seller.expect(f"سفارش تازه! (سفارش شمارهٔ {fa_id})", before)
    if o.state != "new":
        await seller.tap("✅ می‌پذیرم", "خریدار چطور پرداخت کند")
        await seller.tap("💵 نقدی هنگام تحویل", "وضعیت: پذیرفته شد")
    if o.state in ("shipped", "completed"):
        await seller.tap("📦 ارسال کردم", "کد رهگیری")
        before = await buyer.last_id()
        await seller.say(f"RR{482900 + order_id:09d}IR", "انجام شد")
        await buyer.expect(f"سفارش شمارهٔ {fa_id} ارسال شد", before)
    if o.state == "completed":
        await buyer.tap("✅ سفارش را تحویل گرفتم", "ستاره")
        await buyer.tap("⭐️⭐️⭐️⭐️⭐️", "چند کلمه")
        await buyer.say(o.review or "عالی بود", "نظرتان ثبت شد")
    states = {"new": "تازه", "accepted": "پذیرفته شد", "shipped": "ارسال شد",
              "completed": "انجام شد، با نظر ۵ ستاره"}
    print(f"  ✓ سفارش {fa_id}: {first} ← {s.product.title} — {states[o.state]}", flush=True)


async def make_trainer(sb: Sandbox, trainer: Actor) -> None:
    """The bridge makes page trainers trainers of the bot; write the row too, in case the running
    bot does not run the bridge (the same database: DATABASE_URL)."""
    from bot.config import load_settings
    from bot.db import Database

    from .bridge import upsert_trainers

    await asyncio.sleep(1.0)  # the bot stores her itself when it sees her join the group
    db = Database(load_settings().database_url)
    try:
        await upsert_trainers(db, [trainer.user], added_by=sb.info["bot"]["id"])
    finally:
        await db.dispose()


async def load(sb: Sandbox) -> bool:
    """Load the demo into the sandbox; False when it was there already."""
    state = await sb.state()
    first, last, *_ = BUYERS["sara"]
    if find_person(state, first, last, "buyer") is not None:
        return False
    group, channel = state["sandbox"]["admin_chat_id"], state["sandbox"]["catalogue_channel_id"]
    if not group or not channel:
        raise DemoError("the sandbox has no trainers' group or channel (setup_chats)")
    await sb.put("/control/flood", {"enabled": False})
    try:
        print("People:", flush=True)
        trainer = await person(sb, *TRAINER, "trainer")
        await make_trainer(sb, trainer)
        print("Listings (registration, listing, a trainer's approval):", flush=True)
        posts = await asyncio.gather(*(seller_flow(sb, s, trainer, group, channel)
                                       for s in SELLERS))
        by_seller = {s.first: post for s, post in zip(SELLERS, posts, strict=True)}
        print("Orders:", flush=True)
        for o in ORDERS:
            await order_flow(sb, o, by_seller)
    finally:
        await sb.put("/control/flood", {"enabled": True})
    return True


# ---------------------------------------------------------------- running it


async def _reachable(http: aiohttp.ClientSession, url: str) -> bool:
    try:
        async with http.get(url + "/control/state", timeout=aiohttp.ClientTimeout(total=2)) as r:
            return r.status == 200
    except (aiohttp.ClientError, TimeoutError, OSError):
        return False


async def main_async(url: str) -> int:
    async with aiohttp.ClientSession() as http:
        stop: asyncio.Event | None = None
        bot_task: asyncio.Task[None] | None = None
        if await _reachable(http, url):
            print(f"The sandbox is running at {url}: loading the demo into it.", flush=True)
        else:
            from bot.config import load_settings
            from bot.runner import _setup_logging, run

            settings = load_settings()
            if not settings.sandbox_mode:
                print("BOT_TOKEN is set: the demo is only for the local sandbox.", file=sys.stderr)
                return 2
            _setup_logging("WARNING")
            print("Starting the bot and the sandbox for the demo…", flush=True)
            stop = asyncio.Event()
            bot_task = asyncio.create_task(run(settings, stop))
            for _ in range(150):
                if bot_task.done() or await _reachable(http, url):
                    break
                await asyncio.sleep(0.2)
            if bot_task.done():
                await bot_task
                return 1
        sb = Sandbox(http, url)
        try:
            if await load(sb):
                print(f"Done. Open {url}/ and pick a person.", flush=True)
            else:
                print("The demo is already in the sandbox (to start again: make sandbox-reset).",
                      flush=True)
            return 0
        except DemoError as err:
            print(f"Demo failed: {err}", file=sys.stderr)
            return 1
        finally:
            if stop is not None and bot_task is not None:
                await asyncio.sleep(1.0)  # the outbox's last deliveries
                stop.set()
                with contextlib.suppress(Exception):
                    await bot_task


def main(argv: list[str] | None = None) -> int:
    port = os.environ.get("SANDBOX_PORT", "8081")
    parser = argparse.ArgumentParser(prog="python -m sandbox.demo",
                                     description="Fill the sandbox with a demo catalogue.")
    parser.add_argument("--url", default=f"http://127.0.0.1:{port}",
                        help="the sandbox (default: %(default)s); started here if not running")
    args = parser.parse_args(argv)
    try:
        return asyncio.run(main_async(args.url.rstrip("/")))
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
