"""The webhook mode end to end against the stand-in: the bot registers its webhook with the
secret token, the stand-in POSTs updates to it, conversations work as with polling, and a
request with a wrong or missing secret is refused (403) and not handled."""

from __future__ import annotations

import socket
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest
from harness import BotHarness, Person
from order_helpers import place, published_listing

from bot.ops.updates import start_updates
from sandbox.server import StandIn
from sandbox.webhook import SECRET_HEADER, WebhookDelivery

SECRET = "s3cret-Token_for-hamyar-webhook"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class WebhookHarness(BotHarness):
    """BotHarness whose updates come by webhook, started the way `hamyar run` starts it."""

    async def start(self) -> None:
        self.port = free_port()
        self.overrides.update(webhook_url=f"http://127.0.0.1:{self.port}/telegram",
                              webhook_listen="127.0.0.1", webhook_port=self.port,
                              webhook_secret=SECRET)
        await super().start()  # polls first; switch to the webhook as run() would
        await self.app.updater.stop()
        assert await start_updates(self.app, self.settings()) == "webhook"


@pytest.fixture
async def hook_bot(standin: StandIn, db_url: str) -> AsyncIterator[WebhookHarness]:
    h = WebhookHarness(standin, db_url)
    async with WebhookDelivery(standin) as delivery:
        await h.start()
        h.delivery = delivery  # type: ignore[attr-defined]
        yield h
        await h.stop()


async def newcomer(h: BotHarness, name: str = "مریم") -> Person:
    return Person(h, await h.sb.create_user(name, language_code="fa"))


async def test_webhook_is_registered_with_the_secret(hook_bot: WebhookHarness):
    hook = hook_bot.sb.bot_settings["webhook"]
    assert hook["url"] == f"http://127.0.0.1:{hook_bot.port}/telegram"
    assert hook["secret_token"] == SECRET
    assert set(hook["allowed_updates"]) == {"message", "callback_query", "my_chat_member"}


async def test_conversations_work_by_webhook(hook_bot: WebhookHarness):
    seller, buyer = await newcomer(hook_bot, "مریم"), await newcomer(hook_bot, "سارا")
    replies = await buyer.say("/start")
    assert replies and replies[-1].text
    await published_listing(hook_bot, seller)
    order_id = await place(buyer)  # a whole order: messages, buttons, the seller notified
    assert order_id
    assert hook_bot.delivery.responses and all(  # type: ignore[attr-defined]
        status == 200 for _, status in hook_bot.delivery.responses)  # type: ignore[attr-defined]


@pytest.mark.parametrize("headers", [{}, {SECRET_HEADER: "forged"}, {SECRET_HEADER: SECRET + "x"}])
async def test_forged_or_missing_secret_is_refused(hook_bot: WebhookHarness, headers: dict):
    victim = await newcomer(hook_bot)
    update: dict[str, Any] = {
        "update_id": 990001,
        "message": {"message_id": 1, "date": 1_700_000_000, "text": "/start",
                    "entities": [{"type": "bot_command", "offset": 0, "length": 6}],
                    "chat": {"id": victim.id, "type": "private", "first_name": "مریم"},
                    "from": {"id": victim.id, "is_bot": False, "first_name": "مریم"}},
    }
    url = f"http://127.0.0.1:{hook_bot.port}/telegram"
    async with aiohttp.ClientSession() as http, http.post(url, json=update, headers=headers) as r:
        assert r.status == 403
    # The same update with the right secret is handled: so the refusal above was the secret.
    async with aiohttp.ClientSession() as http, \
            http.post(url, json=update, headers={SECRET_HEADER: SECRET}) as r:
        assert r.status == 200
    await hook_bot.wait_processed(("msg", victim.id, 1))


async def test_refused_update_is_not_handled(hook_bot: WebhookHarness):
    victim = await newcomer(hook_bot)
    update = {"update_id": 990002,
              "message": {"message_id": 999, "date": 1_700_000_000, "text": "/start",
                          "entities": [{"type": "bot_command", "offset": 0, "length": 6}],
                          "chat": {"id": victim.id, "type": "private", "first_name": "x"},
                          "from": {"id": victim.id, "is_bot": False, "first_name": "x"}}}
    url = f"http://127.0.0.1:{hook_bot.port}/telegram"
    async with aiohttp.ClientSession() as http, \
            http.post(url, json=update, headers={SECRET_HEADER: "wrong"}) as r:
        assert r.status == 403
    # Then a real message by the stand-in: it is handled, and it is the only one.
    await victim.say("/start")
    assert ("msg", victim.id, 999) not in hook_bot.processed
    assert not any(q.method == "sendMessage" and q.params.get("chat_id") == victim.id
                   and q.status != 200 for q in victim.sb.requests)  # no reply to the forgery
