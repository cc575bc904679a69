"""The demo's steps, done the way people do them: registering, listing a product, the trainer's
approval, placing an order and carrying it to its state."""

from __future__ import annotations

import asyncio

from .client import Actor, DemoError, Sandbox, buttons_of, text_of
from .data import (
    BUYERS,
    CARD,
    DONE,
    ORDERS,
    PICKUP,
    SAMPLES,
    SELLERS,
    SKIP,
    TRAINER,
    DemoOrder,
    DemoSeller,
)


def find_person(state: dict, first: str, last: str, role: str) -> dict | None:
    for u in state["users"]:
        if (u["user"]["first_name"], u["user"].get("last_name"), u["role"]) == (first, last, role):
            return u["user"]
    return None


async def person(sb: Sandbox, first: str, last: str, role: str) -> Actor:
    user = find_person(await sb.state(), first, last, role)
    if user is None:
        body = {"first_name": first, "last_name": last, "role": role}
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
    await a.tap(s.product.craft, f"☑️ {s.product.craft}")
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
    await a.say(p.price, "موجود است")
    if p.stock is not None:
        await a.tap("📦 موجود است", "چند عدد موجود دارید")
        await a.say(p.stock, "چطور به دست خریدار")
    else:
        await a.tap("🧵 سفارشی می‌سازم", "چند روز طول می‌کشد")
        await a.say(p.prep_days, "چطور به دست خریدار")
    for method in p.delivery:
        await a.tap(method, f"☑️ {method}")
    paid = [m for m in p.delivery if m != PICKUP]
    if paid:
        await a.tap(DONE, "برای خریدار چقدر است")
        for i, _method in enumerate(paid):
            last = i == len(paid) - 1
            await a.say(p.post_cost, "فرستادن برای بررسی" if last else "برای خریدار چقدر است")
    else:
        await a.tap(DONE, "فرستادن برای بررسی")
    await a.tap("📤 فرستادن برای بررسی", "برای بررسی فرستاده شد")


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
        # By post the buyer pays card to card: the seller's card number, then the receipt.
        await seller.tap("✅ می‌پذیرم", "خریدار چطور پرداخت کند")
        await seller.tap("💳 کارت‌به‌کارت", "شمارهٔ کارت ۱۶ رقمی")
        before = await buyer.last_id()
        await seller.say(CARD, BUYERS[o.buyer][2])  # accepted: the buyer's phone is shown
        await buyer.expect(f"فروشنده سفارش شمارهٔ {fa_id} را پذیرفت", before)
    if o.state in ("shipped", "completed"):
        await buyer.tap("📎 فرستادن عکس رسید", "عکس رسید کارت به کارت را بفرستید")
        before = await seller.last_id()
        await sb.media(buyer.id, "photo", [SAMPLES / s.product.photo])
        await seller.expect(f"رسید سفارش شمارهٔ {fa_id}", before)
        await seller.tap("✅ پول رسید", "📦 ارسال کردم")
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

    from ..bridge import upsert_trainers

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

