"""JSON log lines carry the update id, the chat and the handler, and never a phone number,
a card number or an address."""

from __future__ import annotations

import io
import json
import logging

import pytest
from harness import BotHarness
from telegram.ext import MessageHandler, filters

from bot.ops.logs import JsonFormatter, RedactingFilter, redact
from bot.ops.metrics import _wrap


@pytest.mark.parametrize("text, secret", [
    ("تلفن ۰۹۱۲۱۲۳۴۵۶۷ است", "۰۹۱۲۱۲۳۴۵۶۷"),
    ("phone +98 912 123 4567", "912 123 4567"),
    ("phone 09121234567", "09121234567"),
    ("کارت ۶۰۳۷-۹۹۱۲-۳۴۵۶-۷۸۹۰", "۳۴۵۶"),
    ("card 6037991234567890 please", "6037991234567890"),
    ("تهران، خیابان انقلاب، کوچهٔ بهار، پلاک ۱۲", "انقلاب"),
    ("ship to 12 Baker Street, London", "Baker"),
])
def test_redact_masks_personal_data(text, secret):
    assert secret not in redact(text)


def test_redact_keeps_ids_and_amounts():
    line = "order 42 of chat -1001234567890 by user 5123456789 for 1200000 toman"
    assert redact(line) == line


async def test_json_lines_inside_a_handler(bot: BotHarness, person):
    buf = io.StringIO()
    handler = logging.StreamHandler(buf)
    handler.addFilter(RedactingFilter())
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.addHandler(handler)
    old_level = root.level
    root.setLevel(logging.INFO)
    log = logging.getLogger("hamyar.test")

    async def talkative(update, context) -> None:
        log.info("got %s", update.message.text)
        try:
            raise ValueError(f"bad card {update.message.text}")
        except ValueError:
            log.exception("and it failed")

    h = MessageHandler(filters.Regex("^note"), talkative)
    bot.app.add_handler(h, group=-5)
    _wrap(h)
    try:
        p = await person()
        await p.say("note 09121234567 card 6037 9912 3456 7890 خیابان آزادی پلاک ۳")
        log.info("outside any update 09121234567")
    finally:
        root.removeHandler(handler)
        root.setLevel(old_level)
        bot.app.remove_handler(h, group=-5)

    lines = [json.loads(line) for line in buf.getvalue().splitlines()]
    mine = [x for x in lines if x["logger"] == "hamyar.test"]
    assert len(mine) == 3
    got, failed, outside = mine
    assert got["level"] == "INFO" and got["chat_id"] == p.id and got["update_id"] > 0
    assert got["handler"].endswith("talkative")
    assert failed["handler"] == got["handler"] and "ValueError" in failed["exception"]
    assert "update_id" not in outside and "handler" not in outside
    whole = buf.getvalue()
    for secret in ("09121234567", "6037", "3456 7890", "آزادی"):
        assert secret not in whole
    assert "[phone]" in got["message"] and "[card]" in got["message"]
