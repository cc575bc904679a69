"""Bot API calls on the waiting person's path, one test per action (issue 13, item 2): a search
and a category page in at most 2, any other action in at most 3. Counted from the stand-in's
log of every request: the calls made into this person's chat (sends and edits) and the answers
to her button presses, between her update and the end of its handling. Messages the outbox
sends to other chats (the trainers' group, the seller) are not on her path."""

from __future__ import annotations

from collections.abc import Awaitable
from typing import Any

from harness import BotHarness, Person
from listing_helpers import make_seller, walk
from order_helpers import published_listing, to_summary
from test_browse import add_listing, add_seller, photo_id, results

SUBMIT = "📤 فرستادن برای بررسی"


async def calls(p: Person, action: Awaitable[Any]) -> list[str]:
    """The Bot API methods called for `p` while the bot handled `action`."""
    log = p.sb.requests
    start = len(log)
    await action
    mine = []
    for entry in log[start:]:
        chat = str(entry.params.get("chat_id", ""))
        if entry.method == "answerCallbackQuery" or chat == str(p.id):
            mine.append(entry.method)
    return mine


async def _catalogue(bot: BotHarness, p: Person, n: int = 7) -> None:
    fid = await photo_id(p)
    seller = await add_seller(bot)
    for i in range(n):
        await add_listing(bot, seller, fid, f"جوراب شماره {i}", minutes_ago=10 - i)


async def test_a_search_is_one_message(bot: BotHarness, person) -> None:
    buyer = await person("سارا")
    await buyer.say("/start")
    await _catalogue(bot, buyer)
    made = await calls(buyer, buyer.say("جوراب"))
    assert made == ["sendMessage"]
    assert len(results([buyer.last])) == 4
    # the next page edits that message: an answer and an edit, no send
    assert await calls(buyer, buyer.tap("بعدی ←", buyer.last)) == [
        "answerCallbackQuery", "editMessageText"]


async def test_a_category_page_is_at_most_two_calls(bot: BotHarness, person) -> None:
    buyer = await person("سارا")
    await buyer.say("/start")
    await _catalogue(bot, buyer)
    (home,) = await buyer.say("/browse")
    made = await calls(buyer, buyer.tap("جوراب‌بافی (۷)", home))
    assert made == ["answerCallbackQuery", "sendMessage"]
    page = buyer.last
    assert len(results([page])) == 5
    assert await calls(buyer, buyer.tap("↕️ ترتیب: تازه‌ترین", page)) == [
        "answerCallbackQuery", "editMessageText"]
    # a listing's photo on demand: the answer and its card
    made = await calls(buyer, buyer.tap(results([buyer.last])[0]["text"], buyer.last))
    assert made == ["answerCallbackQuery", "sendPhoto"]


async def test_a_my_listings_button_edits_the_card(bot: BotHarness, person) -> None:
    seller = await person("مریم")
    await published_listing(bot, seller)
    (lst,) = await seller.tap("🛍 محصولات من")
    (_card,) = await seller.tap(lst.buttons[0], lst)
    before = len(seller.sb.records(seller.id))
    for label in ("⏸ توقف فروش", "▶️ ادامهٔ فروش", "🗑 برداشتن از فروش", "↩️ بازگشت",
                  "↩️ فهرست محصولات"):
        made = await calls(seller, seller.tap(label, seller.find_button(label)))
        assert made == ["answerCallbackQuery", "editMessageText"], label
    assert len(seller.sb.records(seller.id)) == before, "no message was added by the presses"
    assert "محصولات شما (۱)" in seller.sb.records(seller.id)[-1].text  # the card, now the list


async def test_the_listings_last_step_is_at_most_three_calls(bot: BotHarness, person) -> None:
    p = await person("مریم")
    await make_seller(bot, p)
    await walk(p, "preview")
    made = await calls(p, p.tap(SUBMIT))
    assert len(made) <= 3, made
    assert made.count("answerCallbackQuery") == 1 and "sendMessage" in made


async def test_the_order_confirmation_is_at_most_three_calls(bot: BotHarness, person) -> None:
    seller, buyer = await person("مریم"), await person("سارا")
    await published_listing(bot, seller)
    await to_summary(buyer)
    made = await calls(buyer, buyer.tap("✅ ثبت سفارش"))
    assert len(made) <= 3, made
    assert made.count("answerCallbackQuery") == 1 and "sendMessage" in made
