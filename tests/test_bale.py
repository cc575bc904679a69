"""The bot against the stand-in's Bale profile (sandbox/profiles.py) with PLATFORM=bale:
Bale's method list (others answer 404), chat types private/group/channel (the admin chat is
a `group`), ble.ir links without start payloads — the buyer comes in by the listing's
number. The main flows of the other modules run here again on this profile."""

from __future__ import annotations

import pytest
from harness import BotHarness, World
from listing_helpers import SKIP
from order_helpers import published_listing
from sqlalchemy import func, select
from telegram.error import TelegramError

# The end-to-end flows of the other modules, collected here again: on this module they run
# against the Bale profile (pytestmark below), unchanged.
from test_browse import (  # noqa: F401
    shop,
    test_search_finds_persian_variants,
    test_search_ranking_paging_and_nothing_found,
)
from test_codes import approved_listing
from test_listing import submitted, test_full_listing_with_album_and_voice  # noqa: F401
from test_ordering import (  # noqa: F401
    test_decline_path_and_forged_order_ids,
    test_full_order_card_to_card_to_review,
)
from test_registration import test_full_registration_in_persian  # noqa: F401

from bot import persian
from bot.services import search_index
from bot.services.runtime import BALE
from models.listing import Listing
from models.order import Order
from sandbox import StandIn
from sandbox.profiles import BALE_METHODS

pytestmark = pytest.mark.parametrize("standin", ["bale"], indirect=True)

ORDER = "🛒 سفارش می‌دهم"


def api_calls(sb: StandIn) -> set[str]:
    return {r.method for r in sb.requests}


async def test_bale_profile_publish_and_a_buyer_orders_by_the_number(world: World) -> None:
    w = world
    assert w.group["type"] == "group", "Bale has no supergroups: the admin chat is a group"
    seller, listing = await approved_listing(w)
    code_fa = persian.to_persian_digits(listing.short_code)

    post = w.channel_msgs()[-1]
    assert f"🔢 کد محصول: {code_fa}" in post.text, "the caption carries the number"
    (button,) = [b for row in post.reply_markup["inline_keyboard"] for b in row]
    assert button["url"] == "https://ble.ir/hamyar_test_bot", "opens the bot, no start payload"
    told = await seller.sb.wait_for_bot_message(seller.id, lambda r: "منتشر شد" in (r.text or ""))
    assert "https://ble.ir/hamyar_catalogue" in told.text and "t.me" not in told.text

    # The buyer taps the post's button: Bale opens the bot with a plain /start; she types
    # the number from the caption and orders.
    buyer = await w.person("سارا")
    replies = await buyer.say(code_fa)
    page = next(r for r in replies if r.buttons)
    assert page.buttons == [ORDER]
    (q,) = await buyer.tap(ORDER, page)
    assert "تا ۳ عدد" in q.text
    (q,) = await buyer.say("۱")
    await buyer.tap(next(b for b in q.buttons if "پست" in b), q)
    await buyer.say("سارا محمدی")
    await buyer.say("تهران، خیابان انقلاب، کوچهٔ بهار، پلاک ۱۲")
    await buyer.say("۰۹۳۵۱۱۱۲۲۳۳")
    await buyer.tap(SKIP)
    replies = await buyer.tap("✅ ثبت سفارش")
    assert "ثبت شد" in replies[-1].text
    await w.idle()
    async with w.bot.db.session() as s:
        assert await s.scalar(select(func.count()).select_from(Order)) == 1

    calls = api_calls(w.sb)
    assert calls <= BALE_METHODS, f"methods Bale lacks were called: {calls - BALE_METHODS}"
    assert "setMyCommands" not in calls
    assert not [r for r in w.sb.requests if r.status == 404], "nothing answered Not Found"


async def test_share_and_search_cards_on_bale_need_no_payload(bot: BotHarness, person) -> None:
    seller, buyer = await person("مریم"), await person("سارا")
    listing = await published_listing(bot, seller)
    async with bot.db.session() as s:
        await search_index.reindex(s, await s.get(Listing, listing.id))
    (mine,) = await seller.say("🛍 محصولات من")
    (card,) = await seller.tap(mine.buttons[0], mine)
    share, _hint = await seller.tap("📤 معرفی به دیگران", card)
    assert "https://ble.ir/hamyar_test_bot" in share.text and "?start=" not in share.text
    assert "کد محصول:" in share.text

    await buyer.say("/start")
    (results,) = await buyer.say("گلیم")  # one message, a button per listing (issue 13)
    opened = await buyer.tap(results.buttons[0], results)
    found = next(r for r in opened if "photo" in r.message)
    order = next(b for row in found.reply_markup["inline_keyboard"] for b in row
                 if "callback_data" in b and b["callback_data"].startswith("ord:new"))
    (q,) = await buyer.tap(order["text"], found)
    assert "تا ۳ عدد" in q.text, "the search card's order button starts the order here"


async def test_bale_profile_refuses_what_bale_does_not_have(bot: BotHarness) -> None:
    sb = bot.sb
    assert "setMyCommands" in BALE.lacks and "setMyCommands" not in BALE_METHODS
    with pytest.raises(TelegramError):
        await bot.app.bot.set_my_commands([("start", "start")])
    with pytest.raises(ValueError, match="supergroups"):
        await sb.create_group("x", [], kind="supergroup")
    user = await sb.create_user("سارا")
    await bot.app.bot.get_me()
    with pytest.raises(TelegramError, match=r"(?i)button_url_invalid"):
        await bot.app.bot.send_message(user["id"], "x", reply_markup={
            "inline_keyboard": [[{"text": "t", "url": "https://t.me/hamyar_test_bot?start=l_x"}]]})
