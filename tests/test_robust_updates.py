"""Updates another server may send: missing optional fields, kinds the bot did not ask for,
and an update that cannot be parsed. Each is skipped or handled, with one log line, and the
next update is handled (bot/ops/updates.py SafeUpdatesRequest)."""

from __future__ import annotations

import json
import logging

import pytest
from harness import BotHarness
from telegram import Bot
from telegram.request import HTTPXRequest

from bot.ops.updates import SafeUpdatesRequest, sanitize_updates
from sandbox import StandIn
from sandbox.objects import now

TOKEN = "123456789:AAEtest-token-for-robust-updates"


def _bad_message(sb: StandIn, user: dict) -> dict:
    """A message whose chat is not an object: PTB's Update.de_json raises on it."""
    return {"message": {"message_id": 999, "date": now(), "chat": "not-a-chat",
                        "from": user, "text": "hello"}}


async def test_ptb_alone_is_stuck_on_a_malformed_update_and_the_safe_request_is_not(
        standin: StandIn) -> None:
    """First, the failure as it was: PTB's get_updates raises on the whole batch (the Updater
    then asks for the same batch again, for ever); through SafeUpdatesRequest the bad update
    comes back bare and the good one intact."""
    sb = standin
    user = await sb.create_user("سارا", language_code="fa")
    await sb.inject_update(_bad_message(sb, user))
    good = await sb.send_text(user, "سلام")

    plain = Bot(TOKEN, base_url=sb.base_url, request=HTTPXRequest(),
                get_updates_request=HTTPXRequest())
    async with plain:
        with pytest.raises(Exception):  # noqa: B017 - whatever PTB raises while parsing
            await plain.get_updates(timeout=0)
    safe = Bot(TOKEN, base_url=sb.base_url, request=HTTPXRequest(),
               get_updates_request=SafeUpdatesRequest())
    async with safe:
        updates = await safe.get_updates(timeout=0)
    assert [u.message is None for u in updates] == [True, False]
    assert updates[1].message.message_id == good["message_id"]


def test_sanitize_drops_entries_without_an_id_and_strips_unasked_kinds(caplog) -> None:
    body = json.dumps({"ok": True, "result": [
        {"no_id": 1}, {"update_id": 5, "poll": {"id": "x"}},
        {"update_id": 6, "message": {"message_id": 1, "date": 1, "chat": {"id": 1, "type": "private"}}},
    ]}).encode()
    with caplog.at_level(logging.INFO, logger="bot.ops.updates"):
        out = json.loads(sanitize_updates(body, ["message", "callback_query"]))
    assert [u["update_id"] for u in out["result"]] == [5, 6]
    assert out["result"][0] == {"update_id": 5}
    assert len([r for r in caplog.records if "skipped" in r.getMessage()]) == 2
    untouched = json.dumps({"ok": True, "result": []}).encode()
    assert sanitize_updates(untouched, None) is untouched


async def test_a_malformed_update_is_skipped_with_one_line_and_the_next_is_handled(
        bot: BotHarness, person, caplog) -> None:
    buyer = await person("سارا")
    with caplog.at_level(logging.WARNING, logger="bot.ops.updates"):
        bad = await bot.sb.inject_update(_bad_message(bot.sb, buyer.user))
        replies = await buyer.say("/start")
    assert replies, "the update after the malformed one is handled"
    lines = [r for r in caplog.records if r.name == "bot.ops.updates"]
    assert len(lines) == 1 and f"skipped update {bad['update_id']}" in lines[0].getMessage()
    replies = await buyer.say("/help")
    assert replies, "and so is every later one"
    assert len([r for r in caplog.records if r.name == "bot.ops.updates"]) == 1, "skipped once"


async def test_unasked_kinds_and_missing_optional_fields_do_not_stop_the_bot(
        bot: BotHarness, person) -> None:
    buyer = await person("سارا")
    await buyer.say("/start")
    sb = bot.sb
    # kinds the bot did not ask for, one PTB knows and one it does not
    await sb.inject_update({"edited_channel_post": {"message_id": 1, "date": now(),
                                                    "chat": {"id": -100, "type": "channel"},
                                                    "text": "x"}})
    await sb.inject_update({"some_new_kind": {"id": 1}})
    # optional fields missing: no sender, no text; a callback query without its message
    await sb.inject_update({"message": {"message_id": 500, "date": now(),
                                        "chat": {"id": buyer.id, "type": "private"}}})
    await sb.inject_update({"callback_query": {"id": "77", "from": buyer.user,
                                               "chat_instance": "c", "data": "br:home"}})
    replies = await buyer.say("/help")
    assert replies, "the next update is handled"
