"""Delivery is said as each method says it (issue 11, item 6): pickup has no cost and is «ready
for pickup», free is «رایگان» (never ۰ تومان), post may be «پس‌کرایه», has no cash on delivery
and is the only method that asks a tracking code."""

from __future__ import annotations

import re

import pytest
from harness import BotHarness
from order_helpers import published_listing, wait_text
from sqlalchemy import select

from bot.i18n import default_i18n
from bot.services import catalogue
from bot.services import listing as listing_svc
from bot.services.errors import InputError
from models import order as om
from models.order import Order
from models.user import Seller

FREE_AND_PICKUP = [{"method": "pickup", "cost": 0}, {"method": "courier", "cost": 0},
                   {"method": "post", "cost": 30_000}]
POSTAGE_ON_ARRIVAL = [{"method": "post", "cost": 0, "collect": True}]


def raw_zero(text: str) -> bool:
    """«۰ تومان» on its own (not the end of ۱۲۰٬۰۰۰ تومان)."""
    return re.search(r"(?<![۰-۹٬])۰ تومان", text) is not None


def option_lines(q) -> dict[str, str]:
    """Each delivery button's line in the question's text."""
    return {b: next((ln for ln in q.text.splitlines() if ln.startswith(b)), "") for b in q.buttons}


async def test_pickup_has_no_cost_and_is_ready_not_shipped(bot: BotHarness, person) -> None:
    seller, buyer = await person("مریم"), await person("سارا")
    await published_listing(bot, seller, delivery=FREE_AND_PICKUP)
    await buyer.say("/start l_Kilim12345")
    await buyer.tap("🛒 سفارش می‌دهم")
    (q,) = await buyer.say("۱")
    pickup, courier, post = q.buttons[:3]
    line = option_lines(q)  # the figures are in the text, a line per option (short buttons)
    assert not raw_zero(q.text)
    assert "رایگان" in line[courier] and "رایگان" not in line[pickup] and "۳۰٬۰۰۰ تومان" in line[post]
    await buyer.tap(pickup, q)
    await buyer.say("سارا محمدی")
    await buyer.say("۰۹۳۵۱۱۱۲۲۳۳")
    (summary,) = await buyer.say("⏭ بعدی")
    assert "🚚 🤝 تحویل حضوری\n" in summary.text and not raw_zero(summary.text)
    assert "📍" not in summary.text and "\n\n" not in summary.text, "no empty address line"
    await buyer.tap("✅ ثبت سفارش", summary)
    new = await wait_text(seller, "سفارش تازه")
    assert "روش تحویل: 🤝 تحویل حضوری\n" in new.text and not raw_zero(new.text)
    await seller.tap("✅ می‌پذیرم", new)
    pay = seller.last
    assert "💵 نقدی هنگام تحویل" in pay.buttons
    (card,) = await seller.tap("💵 نقدی هنگام تحویل", pay)
    assert "🤝 آماده تحویل است" in card.buttons and "📦 ارسال کردم" not in card.buttons
    (after,) = await seller.tap("🤝 آماده تحویل است", card)  # no tracking code asked
    assert "کد رهگیری" not in after.text and "آماده تحویل است" in after.text
    told = await wait_text(buyer, "آماده تحویل است")
    assert "✅ سفارش را تحویل گرفتم" in told.buttons
    async with bot.db.session() as s:
        order = (await s.scalars(select(Order))).one()
    assert (order.status, order.tracking_code) == (om.SHIPPED, None)


async def test_post_postage_on_arrival_and_no_cash_on_delivery(bot: BotHarness, person) -> None:
    seller, buyer = await person("مریم"), await person("سارا")
    listing = await published_listing(bot, seller, delivery=POSTAGE_ON_ARRIVAL)
    async with bot.db.session() as s:
        text = catalogue.caption(default_i18n(), listing, await s.get(Seller, seller.id))
    assert "پس‌کرایه" in text and not raw_zero(text) and "رایگان" not in text
    await buyer.say("/start l_Kilim12345")
    await buyer.tap("🛒 سفارش می‌دهم")
    (q,) = await buyer.say("۱")
    line = option_lines(q)[q.buttons[0]]
    assert "پس‌کرایه" in line and "۱۲۰٬۰۰۰ تومان" in line
    await buyer.tap(q.buttons[0], q)
    await buyer.say("سارا محمدی")
    await buyer.say("تهران، خیابان انقلاب، کوچهٔ بهار، پلاک ۱۲")
    await buyer.say("۰۹۳۵۱۱۱۲۲۳۳")
    (summary,) = await buyer.say("⏭ بعدی")
    assert "پس‌کرایه" in summary.text
    await buyer.tap("✅ ثبت سفارش", summary)
    new = await wait_text(seller, "سفارش تازه")
    await seller.tap("✅ می‌پذیرم", new)
    pay = seller.last
    assert "پست" in pay.text and "💵 نقدی هنگام تحویل" not in pay.buttons
    async with bot.db.session() as s:
        order = (await s.scalars(select(Order))).one()
    assert order.postage_on_delivery and order.total == 120_000
    await seller.forge(pay, f"o:pay:cod:{order.id}")  # an old button, or a forged one
    async with bot.db.session() as s:
        assert (await s.get(Order, order.id)).status == om.NEW


def test_postage_on_arrival_is_for_post_only() -> None:
    listing = listing_svc.Listing(delivery=[{"method": "courier", "cost": 0},
                                            {"method": "post", "cost": 25_000}])
    listing_svc.set_delivery_cost(listing, "post", None, on_delivery=True)
    assert listing.delivery[1] == {"method": "post", "cost": 0, "collect": True}
    listing_svc.set_delivery_cost(listing, "post", "۲۰ هزار")
    assert listing.delivery[1] == {"method": "post", "cost": 20_000}
    with pytest.raises(InputError):
        listing_svc.set_delivery_cost(listing, "courier", None, on_delivery=True)
