"""The conversation tests of start, registration and ordering, run again with the
updates arriving by webhook (with its secret) instead of long polling: the `bot` fixture
here replaces conftest's for the tests imported into this module."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from test_ops_webhook import WebhookHarness
from test_ordering import *  # noqa: F403
from test_registration import *  # noqa: F403
from test_start import *  # noqa: F403

from sandbox.server import StandIn
from sandbox.webhook import WebhookDelivery

# The stand-in's webhook, like Telegram's, never delivers kinds the bot did not ask for, so the
# test of a server that sends edited messages anyway has no webhook twin.
del test_an_edited_message_is_never_an_answer  # noqa: F821


@pytest.fixture
async def bot(standin: StandIn, db_url: str) -> AsyncIterator[WebhookHarness]:
    harness = WebhookHarness(standin, db_url)
    async with WebhookDelivery(standin):
        await harness.start()
        assert standin.bot_settings["webhook"]["secret_token"]
        yield harness
        await harness.stop()
