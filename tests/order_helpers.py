"""A published listing ready to be ordered, made directly in the database."""

from __future__ import annotations

from harness import BotHarness, Person
from listing_helpers import SKIP, make_seller
from sqlalchemy import func, select

from models import listing as m
from models.base import utcnow
from models.listing import Listing, ListingPhoto
from models.order import Order


async def published_listing(bot: BotHarness, seller: Person, *, stock: int | None = 3,
                            price: int = 120_000, code: str = "Kilim12345",
                            delivery: list | None = None, voice: bool = False) -> Listing:
    await make_seller(bot, seller)
    await seller.say("/start")
    photo = await bot.sb.send_photo(seller.user, b"kilim-photo")  # a file_id the server knows
    await bot.wait_processed(("msg", seller.id, photo["message_id"]))
    size = photo["photo"][-1]
    voice_id = None
    if voice:
        v = await bot.sb.send_voice(seller.user, b"OggS-voice", 7)
        await bot.wait_processed(("msg", seller.id, v["message_id"]))
        voice_id = v["voice"]["file_id"]
    async with bot.db.session() as s:
        listing = Listing(
            seller_id=seller.id, status=m.PUBLISHED, category="kilim", title="گلیم دستباف زنجان",
            description="پشم طبیعی", price=price,
            availability=m.IN_STOCK if stock is not None else m.MADE_TO_ORDER,
            stock=stock, prep_days=None if stock is not None else 5,
            delivery=delivery or [{"method": "pickup", "cost": 0}, {"method": "post", "cost": 30_000}],
            public_code=code, published_at=utcnow(), review_round=1, created_by=seller.id,
            voice_file_id=voice_id, voice_duration=7 if voice else None, flow={},
        )
        listing.photos.append(ListingPhoto(position=0, file_id=size["file_id"],
                                           file_unique_id=size["file_unique_id"]))
        s.add(listing)
        await s.flush()
        return listing


async def wait_text(p: Person, needle: str, within: float = 10.0):
    return await p.sb.wait_for_bot_message(p.id, lambda r: needle in (r.text or ""), timeout=within,
                                           after=0)


COURIER = [{"method": "courier", "cost": 50_000}, {"method": "post", "cost": 30_000}]


async def to_summary(buyer: Person, code: str = "Kilim12345", qty: str = "۱", post: bool = True,
                     via: str | None = None):
    """The order form up to its summary (nothing is placed yet): the summary message.
    `via`: a word of the delivery button (پست, حضوری, پیک); by default post or pickup."""
    how = via or ("پست" if post else "حضوری")
    await buyer.say(f"/start l_{code}")
    await buyer.tap("🛒 سفارش می‌دهم")
    await buyer.say(qty)
    option = next(b for b in buyer.last.buttons if how in b)
    await buyer.tap(option)
    await buyer.say("سارا محمدی")
    if how != "حضوری":
        await buyer.say("تهران، خیابان انقلاب، کوچهٔ بهار، پلاک ۱۲")
    await buyer.say("۰۹۳۵۱۱۱۲۲۳۳")
    await buyer.tap(SKIP)
    return buyer.last


async def latest_order(buyer: Person) -> int:
    async with buyer.h.db.session() as s:
        return await s.scalar(select(func.max(Order.id)).where(Order.buyer_id == buyer.id))


async def place(buyer: Person, code: str = "Kilim12345", qty: str = "۱", post: bool = True,
                via: str | None = None) -> int:
    await to_summary(buyer, code, qty, post, via)
    replies = await buyer.tap("✅ ثبت سفارش")
    assert "ثبت شد" in replies[-1].text
    return await latest_order(buyer)
